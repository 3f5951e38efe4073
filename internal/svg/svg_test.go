package svg

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"strings"
	"testing"
)

// render parses src and draws it w×h, failing the test on an error.
func render(t *testing.T, src string, w, h int, fonts Fonts) *image.RGBA {
	t.Helper()
	im, err := Parse([]byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	img, err := im.Draw(w, h, fonts)
	if err != nil {
		t.Fatalf("Draw: %v", err)
	}
	return img
}

// ink reports whether the pixel at (x, y) is mostly opaque and close to c.
func ink(img *image.RGBA, x, y int, c color.RGBA) bool {
	got := img.RGBAAt(x, y)
	d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
	return d(got.R, c.R) < 16 && d(got.G, c.G) < 16 && d(got.B, c.B) < 16 && got.A > 240
}

func empty(img *image.RGBA, x, y int) bool { return img.RGBAAt(x, y).A == 0 }

var (
	red  = color.RGBA{0xff, 0, 0, 0xff}
	blue = color.RGBA{0x17, 0x52, 0x7a, 0xff}
)

func TestRect(t *testing.T) {
	img := render(t, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect x="2" y="3" width="4" height="5" fill="red"/></svg>`, 10, 10, nil)
	for y := range 10 {
		for x := range 10 {
			in := x >= 2 && x < 6 && y >= 3 && y < 8
			if in && !ink(img, x, y, red) || !in && !empty(img, x, y) {
				t.Errorf("pixel (%d, %d) = %v; want red inside the rect, transparent outside", x, y, img.RGBAAt(x, y))
			}
		}
	}
}

// A circle drawn as two arcs covers what a circle covers: its centre and the points
// near its edge, and not the corners of its box.
func TestArcs(t *testing.T) {
	img := render(t, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
		<path d="M10 50 A40 40 0 0 1 90 50 a40,40 0 0,1 -80,0z" fill="#17527a"/></svg>`, 100, 100, nil)
	for _, p := range []image.Point{{50, 50}, {50, 12}, {50, 88}, {12, 50}, {88, 50}, {25, 25}, {75, 75}} {
		if !ink(img, p.X, p.Y, blue) {
			t.Errorf("pixel %v inside the circle = %v; want blue", p, img.RGBAAt(p.X, p.Y))
		}
	}
	for _, p := range []image.Point{{12, 12}, {88, 88}, {88, 12}, {12, 88}, {50, 5}, {50, 95}} {
		if !empty(img, p.X, p.Y) {
			t.Errorf("pixel %v outside the circle = %v; want transparent", p, img.RGBAAt(p.X, p.Y))
		}
	}
	// The large-arc flag chooses between the two arcs from (20, 60) to (80, 60) of a
	// circle of radius 50 drawn counterclockwise: around the centre (50, 100), down to
	// y = 150, or around (50, 20), down to y = 70 only.
	for _, tt := range []struct {
		large     string
		in, empty []int // rows at x = 50
	}{
		{"1", []int{65, 70, 75, 95}, []int{55}},
		{"0", []int{65}, []int{55, 75, 95}},
	} {
		img := render(t, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
			<path d="M20 60 A50 50 0 `+tt.large+` 0 80 60 Z" fill="#17527a"/></svg>`, 100, 100, nil)
		for _, y := range tt.in {
			if !ink(img, 50, y, blue) {
				t.Errorf("large-arc %s: (50, %d) = %v; want blue", tt.large, y, img.RGBAAt(50, y))
			}
		}
		for _, y := range tt.empty {
			if !empty(img, 50, y) {
				t.Errorf("large-arc %s: (50, %d) = %v; want transparent", tt.large, y, img.RGBAAt(50, y))
			}
		}
	}
}

// A stroke is drawn along its path, the width it says, and a shape with fill="none"
// is empty inside.
func TestStroke(t *testing.T) {
	img := render(t, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
		<rect x="20" y="20" width="60" height="60" fill="none" stroke="red" stroke-width="8"/></svg>`, 100, 100, nil)
	for _, p := range []image.Point{{50, 17}, {50, 22}, {17, 50}, {82, 50}, {50, 83}, {20, 20}, {16, 16}, {83, 83}} {
		if !ink(img, p.X, p.Y, red) {
			t.Errorf("pixel %v on the stroke = %v; want red", p, img.RGBAAt(p.X, p.Y))
		}
	}
	for _, p := range []image.Point{{50, 50}, {30, 30}, {50, 26}, {50, 13}, {10, 10}} {
		if !empty(img, p.X, p.Y) {
			t.Errorf("pixel %v off the stroke = %v; want transparent", p, img.RGBAAt(p.X, p.Y))
		}
	}
}

// Joins and caps: a miter join reaches its point, a bevel one stops short of it, a
// round cap passes the end of the line and a butt cap does not.
func TestJoinsAndCaps(t *testing.T) {
	const doc = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
		<polyline points="20,80 50,20 80,80" fill="none" stroke="red" stroke-width="10" stroke-linejoin="JOIN" stroke-linecap="CAP"/></svg>`
	drawWith := func(join, cap string) *image.RGBA {
		return render(t, strings.NewReplacer("JOIN", join, "CAP", cap).Replace(doc), 100, 100, nil)
	}
	// The outer edges meet at (50, 20 - 5/sin(atan(0.5))) = (50, 8.8).
	if img := drawWith("miter", "butt"); !ink(img, 50, 11, red) {
		t.Errorf("miter join: (50, 11) = %v; want red", img.RGBAAt(50, 11))
	}
	if img := drawWith("bevel", "butt"); !empty(img, 50, 11) {
		t.Errorf("bevel join: (50, 11) = %v; want transparent", img.RGBAAt(50, 11))
	}
	// Pixel (19, 82) is 2.5 past the end (20, 80), along the line.
	if img := drawWith("miter", "round"); !ink(img, 19, 82, red) {
		t.Errorf("round cap: (19, 82) = %v; want red", img.RGBAAt(19, 82))
	}
	if img := drawWith("miter", "butt"); !empty(img, 19, 82) {
		t.Errorf("butt cap: (19, 82) = %v; want transparent", img.RGBAAt(19, 82))
	}
}

func TestGroupTransform(t *testing.T) {
	img := render(t, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
		<g transform="translate(50 0)"><g transform="scale(2)"><rect width="10" height="10" fill="red"/></g></g></svg>`, 100, 100, nil)
	if !ink(img, 55, 5, red) || !ink(img, 69, 19, red) {
		t.Errorf("the moved rect's pixels (55, 5), (69, 19) = %v, %v; want red", img.RGBAAt(55, 5), img.RGBAAt(69, 19))
	}
	if !empty(img, 5, 5) || !empty(img, 71, 21) {
		t.Errorf("where the rect would be unmoved, (5, 5) = %v; past it (71, 21) = %v; want transparent", img.RGBAAt(5, 5), img.RGBAAt(71, 21))
	}
}

func TestFillRule(t *testing.T) {
	const star = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
		<polygon points="50,5 79,95 3,39 97,39 21,95" fill="red" fill-rule="RULE"/></svg>`
	if img := render(t, strings.Replace(star, "RULE", "nonzero", 1), 100, 100, nil); !ink(img, 50, 50, red) {
		t.Errorf("nonzero star: centre = %v; want red", img.RGBAAt(50, 50))
	}
	img := render(t, strings.Replace(star, "RULE", "evenodd", 1), 100, 100, nil)
	if !empty(img, 50, 50) {
		t.Errorf("evenodd star: centre = %v; want transparent", img.RGBAAt(50, 50))
	}
	if !ink(img, 50, 20, red) {
		t.Errorf("evenodd star: a point = %v; want red", img.RGBAAt(50, 20))
	}
}

// Group opacity applies to the group as a whole: where its shapes overlap, the one
// on top is seen through at the group's opacity, not the one below it.
func TestOpacity(t *testing.T) {
	img := render(t, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
		<g opacity="0.5"><rect width="10" height="10" fill="#00f"/><rect width="5" height="10" fill="#f00"/></g></svg>`, 10, 10, nil)
	if got := img.RGBAAt(2, 5); got.B != 0 || got.A < 120 || got.A > 135 {
		t.Errorf("overlap = %v; want half-transparent red with no blue", got)
	}
	img = render(t, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
		<rect width="10" height="10" style="fill:#f00;fill-opacity:.25"/></svg>`, 10, 10, nil)
	if got := img.RGBAAt(5, 5); got.A < 60 || got.A > 68 {
		t.Errorf("fill-opacity .25: alpha %d; want 64", got.A)
	}
}

// Styles come from presentation attributes, a <style> sheet's class rules and style
// attributes, in that order of precedence, and are inherited.
func TestStyles(t *testing.T) {
	img := render(t, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10">
		<style>.a{fill:#17527A} rect.b, #c { fill: red }</style>
		<g fill="red"><rect width="10" height="10" class="a"/></g>
		<g fill="#17527a"><rect x="10" width="10" height="10"/></g>
		<rect x="20" width="10" height="10" class="b" fill="blue" style="fill: currentColor; color: rgb(23, 82, 122)"/></svg>`, 30, 10, nil)
	for _, x := range []int{5, 15, 25} {
		if !ink(img, x, 5, blue) {
			t.Errorf("pixel (%d, 5) = %v; want #17527a", x, img.RGBAAt(x, 5))
		}
	}
}

// Size: width and height, else the viewBox; the viewBox fitted into them.
func TestSize(t *testing.T) {
	for _, tt := range []struct {
		attrs string
		w, h  float64
	}{
		{`viewBox="0 0 40 46"`, 40, 46},
		{`viewBox="0 0 40 46" width="80" height="92"`, 80, 92},
		{`viewBox="0 0 40 20" width="100%" height="100%"`, 40, 20},
		{`viewBox="0 0 40 20" width="80"`, 80, 40},
		{`width="30px" height="10"`, 30, 10},
		{`width="1in" height="48pt"`, 96, 64},
	} {
		im, err := Parse([]byte(`<svg xmlns="http://www.w3.org/2000/svg" ` + tt.attrs + `/>`))
		if err != nil {
			t.Errorf("Parse(%s): %v", tt.attrs, err)
			continue
		}
		if im.Width != tt.w || im.Height != tt.h {
			t.Errorf("Parse(%s) size = %v×%v; want %v×%v", tt.attrs, im.Width, im.Height, tt.w, tt.h)
		}
	}
	if _, err := Parse([]byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)); err == nil {
		t.Errorf("Parse(<svg/>) succeeded; want an error: it has no size")
	}
	// A square viewBox in a wide box is centred (xMidYMid meet).
	img := render(t, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="30" height="10"><rect width="10" height="10" fill="red"/></svg>`, 30, 10, nil)
	if !empty(img, 5, 5) || !ink(img, 15, 5, red) || !empty(img, 25, 5) {
		t.Errorf("meet: (5, 5), (15, 5), (25, 5) = %v, %v, %v; want only the middle red", img.RGBAAt(5, 5), img.RGBAAt(15, 5), img.RGBAAt(25, 5))
	}
}

// boxFonts sets each character as a square one em wide and high above the baseline,
// advancing one em (plus the spacing).
type boxFonts struct{ calls []string }

func (f *boxFonts) Text(s string, bold bool, size, spacing float64) (*Path, float64) {
	f.calls = append(f.calls, s)
	p := new(Path)
	x := 0.0
	for range s {
		p.MoveTo(x, 0)
		p.LineTo(x+size, 0)
		p.LineTo(x+size, -size)
		p.LineTo(x, -size)
		p.Close()
		x += size + spacing
	}
	return p, x
}

// inkX returns the leftmost and rightmost columns with ink in row y, or -1, -1.
func inkX(img *image.RGBA, y int) (int, int) {
	lo, hi := -1, -1
	for x := range img.Rect.Dx() {
		if img.RGBAAt(x, y).A > 128 {
			if lo < 0 {
				lo = x
			}
			hi = x
		}
	}
	return lo, hi
}

func TestTextAnchor(t *testing.T) {
	for _, tt := range []struct {
		anchor string
		lo, hi int
	}{
		{"start", 50, 89}, // four 10-unit boxes from x=50
		{"middle", 30, 69},
		{"end", 10, 49},
	} {
		f := new(boxFonts)
		img := render(t, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">
			<text x="50" y="30" font-size="10" text-anchor="`+tt.anchor+`" font-family="system-ui, 'Segoe UI', sans-serif">
				CCP<tspan fill="red">X</tspan>
			</text></svg>`, 100, 50, f)
		if lo, hi := inkX(img, 25); lo != tt.lo || hi != tt.hi {
			t.Errorf("text-anchor %s: ink from x=%d to %d; want %d to %d", tt.anchor, lo, hi, tt.lo, tt.hi)
		}
		if got := strings.Join(f.calls, "|"); got != "CCP|X" {
			t.Errorf("text-anchor %s: set %q; want the runs \"CCP|X\", white space dropped", tt.anchor, got)
		}
		if !ink(img, tt.hi-2, 25, red) {
			t.Errorf("text-anchor %s: the tspan's box is %v; want red", tt.anchor, img.RGBAAt(tt.hi-2, 25))
		}
	}
	// Letter spacing widens the text; the spaces between words collapse to one.
	f := new(boxFonts)
	img := render(t, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">
		<text x="0" y="30" font-size="10" letter-spacing="2">A   <tspan>B</tspan></text></svg>`, 100, 50, f)
	if got := strings.Join(f.calls, "|"); got != "A |B" {
		t.Errorf("set %q; want \"A |B\"", got)
	}
	// The boxes of "A", " " and "B", each followed by 2 units: B spans 24 to 34.
	if _, hi := inkX(img, 25); hi != 33 {
		t.Errorf("letter-spacing 2: ink ends at x=%d; want 33", hi)
	}
}

func TestUnsupported(t *testing.T) {
	for _, tt := range []struct {
		body, what string
	}{
		{`<defs><linearGradient id="g"/></defs><rect width="5" height="5" fill="url(#g)"/>`, "<linearGradient>"},
		{`<radialGradient id="g"/><circle r="5" style="fill:url('#g')"/>`, "<radialGradient>"},
		{`<pattern id="p"/><rect width="5" height="5" stroke="url(#p)"/>`, "<pattern>"},
		{`<clipPath id="c"><rect width="5" height="5"/></clipPath><g clip-path="url(#c)"/>`, "<clipPath>"},
		{`<mask id="m"/><rect width="5" height="5" mask="url(#m)"/>`, "<mask>"},
		{`<filter id="f"/><rect width="5" height="5" filter="url(#f)"/>`, "<filter>"},
		{`<marker id="m"/><path d="M0 0L5 5" marker-end="url(#m)"/>`, "<marker>"},
		{`<rect id="r" width="5" height="5"/><use href="#r" x="5"/>`, "<use>"},
		{`<image href="logo.png" width="5" height="5"/>`, "<image>"},
		{`<style>g > rect { fill: red }</style>`, "selector"},
		{`<style>@import url(x.css);</style>`, "@import"},
		{`<path d="M0 0L5 5" stroke="red" stroke-dasharray="2 1"/>`, "stroke-dasharray"},
		{`<text font-family="Montserrat">NGO</text>`, "Montserrat"},
		{`<text font-style="italic">NGO</text>`, "italic"},
		{`<text><textPath href="#p">NGO</textPath></text>`, "<textPath>"},
		{`<text x="1 2 3">NGO</text>`, "position for each character"},
		{`<svg width="5" height="5"/>`, "<svg> inside"},
		{`<foreignObject/>`, "<foreignObject>"},
		{`<switch><foreignObject requiredExtensions="http://ns.adobe.com/AdobeIllustrator/10.0/"/><image href="a.png"/></switch>`, "<image>"},
		{`<text style="font: bold 12px sans-serif">NGO</text>`, "font shorthand"},
	} {
		_, err := Parse([]byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">` + tt.body + `</svg>`))
		var ue *UnsupportedError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), tt.what) {
			t.Errorf("Parse(%s) = %v; want an UnsupportedError naming %s", tt.body, err, tt.what)
		}
	}
	// What is defined and not used, and what browsers do not draw either, is left alone.
	for _, body := range []string{
		`<defs><linearGradient id="g"><stop offset="0"/></linearGradient><clipPath id="c"/></defs><rect width="5" height="5"/>`,
		`<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata><title>Logo</title>`,
		`<sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"/>`,
		`<text font-family="'Segoe UI', sans-serif" font-style="normal">NGO</text>`,
		`<rect width="5" height="5" style="enable-background:new; stroke-dasharray:none" clip-path="none"/>`,
	} {
		if _, err := Parse([]byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">` + body + `</svg>`)); err != nil {
			t.Errorf("Parse(%s): %v; want no error", body, err)
		}
	}
}

func TestSyntaxErrors(t *testing.T) {
	for _, tt := range []struct {
		body, want string
	}{
		{`<path d="L10 10"/>`, "must start with M"},
		{`<path d="M10"/>`, "number is missing"},
		{`<path d="M10 10 L 5 x"/>`, `want a number at "x"`},
		{`<path d="M0 0 A5 5 0 2 1 10 10"/>`, "arc flag"},
		{`<path d="M0 0 Z 5"/>`, "numbers after z"},
		{`<path d="M0 0 L1e 5"/>`, "number"},
		{`<rect width="abc" height="5"/>`, "width"},
		{`<rect width="5" height="5" fill="#12345"/>`, "colour"},
		{`<g transform="rotate(1 2)"/>`, "rotate"},
		{`<g transform="spin(5)"/>`, "spin"},
	} {
		_, err := Parse([]byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
` + tt.body + `</svg>`))
		var se *SyntaxError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), tt.want) || se.Line != 2 {
			t.Errorf("Parse(%s) = %v; want a SyntaxError on line 2 saying %q", tt.body, err, tt.want)
		}
	}
	for _, src := range []string{``, `<svg`, `<html/>`, `<svg xmlns="http://www.w3.org/2000/svg"><g></svg>`} {
		if _, err := Parse([]byte(src)); err == nil {
			t.Errorf("Parse(%q) succeeded; want an error", src)
		}
	}
}

// Path data numbers may run together as SVG allows.
func TestPathNumbers(t *testing.T) {
	for _, tt := range []struct {
		d    string
		want []point
	}{
		{"M10-20.5.5.5L1e1,2E0", []point{{10, -20.5}, {.5, .5}, {10, 2}}},
		{"m1 1 2 2 3 3", []point{{1, 1}, {3, 3}, {6, 6}}},
		{"M0 0h5v5H0z", []point{{0, 0}, {5, 0}, {5, 5}, {0, 5}}},
		{"M0,0a1,1 0 1110,0", nil}, // flags without separators
	} {
		p, err := parsePathData(tt.d)
		if err != nil {
			t.Errorf("parsePathData(%q): %v", tt.d, err)
			continue
		}
		if tt.want == nil {
			continue
		}
		var got []point
		for _, op := range p.ops {
			if op.kind == opMove || op.kind == opLine {
				got = append(got, op.pts[0])
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("parsePathData(%q) points %v; want %v", tt.d, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("parsePathData(%q) points %v; want %v", tt.d, got, tt.want)
				break
			}
		}
	}
}

// The same SVG draws the same pixels.
func TestDeterministic(t *testing.T) {
	const src = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 46">
		<path d="M20 1 L38 7 V22 C38 33 30 41 20 45 C10 41 2 33 2 22 V7 Z" fill="#17527a"/>
		<path d="M20 5 L34 9.8 V22 C34 31 27.6 37.6 20 40.8 C12.4 37.6 6 31 6 22 V9.8 Z" fill="none" stroke="#fff" stroke-width="1.5"/>
		<g opacity=".5"><circle cx="20" cy="20" r="8" fill="red"/></g></svg>`
	a := render(t, src, 52, 60, nil)
	b := render(t, src, 52, 60, nil)
	if !bytes.Equal(a.Pix, b.Pix) {
		t.Error("two draws of the same SVG differ")
	}
}

// Hostile input fails or draws, quickly, without panicking.
func TestHostile(t *testing.T) {
	for _, src := range []string{
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 0 L1e300 1e300 L-1e300 5 Z" fill="red" stroke="blue" stroke-width="1e200"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g transform="scale(1e300)"><circle r="1e300" fill="red" stroke="red"/></g></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g transform="scale(0)"><rect width="5" height="5" stroke="red"/></g></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="` + strings.Repeat("M0 0 C 0 1e6 1e6 -1e6 10 10 ", 20000) + `" fill="red"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1e-300 1e-300"><rect width="1" height="1"/></svg>`,
		strings.Repeat("<g>", 1000),
	} {
		im, err := Parse([]byte(src))
		if err != nil {
			continue
		}
		im.Draw(60, 60, nil)
	}
}

// Illustrator's "preserve editing" export: a <switch> whose first child, its own data,
// requires an extension, and whose second is the artwork.
func TestSwitch(t *testing.T) {
	img := render(t, `<svg xmlns="http://www.w3.org/2000/svg" xmlns:i="http://ns.adobe.com/AdobeIllustrator/10.0/" viewBox="0 0 10 10">
		<switch>
			<foreignObject requiredExtensions="http://ns.adobe.com/AdobeIllustrator/10.0/" width="1" height="1"><i:pgfRef/></foreignObject>
			<g><rect width="10" height="10" fill="red"/></g>
			<g><rect width="10" height="10" fill="#17527a"/></g>
		</switch></svg>`, 10, 10, nil)
	if !ink(img, 5, 5, red) {
		t.Errorf("switch: (5, 5) = %v; want the first child without requiredExtensions, red", img.RGBAAt(5, 5))
	}
}
