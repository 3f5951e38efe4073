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

func (f *boxFonts) Text(s string, bold bool, size, spacing float64) (*Path, float64, error) {
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
	return p, x, nil
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
		{`<text font-size="-10">NGO</text>`, "font-size"},
		{`<text style="font-size:-1em">NGO</text>`, "font-size"},
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

// A property this package does not draw is reported, unless leaving it out draws
// the same; what Illustrator and Inkscape write for a logo of shapes and text parses.
func TestProperties(t *testing.T) {
	for _, tt := range []struct {
		body, what string
	}{
		{`<style>.a{transform:rotate(45deg)}</style><rect class="a" width="5" height="5"/>`, "transform"},
		{`<rect width="5" height="5" style="transform:scale(2)"/>`, "transform"},
		{`<text style="text-decoration-line:underline">NGO</text>`, "text-decoration-line: underline"},
		{`<text style="white-space:pre-line">NGO</text>`, "white-space: pre-line"},
		{`<text style="font-variation-settings:'wght' 700">NGO</text>`, "font-variation-settings"},
		{`<text style="font-variant-caps:small-caps">NGO</text>`, "font-variant-caps"},
		{`<rect width="5" height="5" style="d:path('M0 0 H5')"/>`, "the CSS property d"},
		{`<style>rect{r:5}</style><rect width="5" height="5"/>`, "the CSS property r"},
		{`<text unicode-bidi="bidi-override">NGO</text>`, "unicode-bidi"},
	} {
		_, err := Parse([]byte(doc(tt.body)))
		var ue *UnsupportedError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), tt.what) {
			t.Errorf("Parse(%s) = %v; want an UnsupportedError naming %s", tt.body, err, tt.what)
		}
	}
	for _, src := range []string{
		// Illustrator 2020, "Style elements".
		`<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 24.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<svg version="1.1" id="Layer_1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" x="0px" y="0px"
	 viewBox="0 0 40 46" style="enable-background:new 0 0 40 46;" xml:space="preserve">
<style type="text/css">
	.st0{fill:#17527A;}
	.st1{fill:none;stroke:#FFFFFF;stroke-width:1.5;stroke-miterlimit:10;}
	.st2{fill:#FFFFFF;}
	.st3{font-family:'Arial-BoldMT', sans-serif;}
	.st4{font-size:11px;}
	.st5{letter-spacing:1;}
	.st6{isolation:isolate;}
	.st7{opacity:0.5;enable-background:new;}
</style>
<path class="st0" d="M20,1l18,6v15c0,11-8,19-18,23C10,41,2,33,2,22V7L20,1z"/>
<path class="st1" d="M20,5l14,4.8V22c0,9-6.4,15.6-14,18.8C12.4,37.6,6,31,6,22V9.8L20,5z"/>
<g class="st6"><text transform="matrix(1 0 0 1 10.2 27)" class="st2 st3 st4 st5">CCP</text></g>
<rect class="st7" width="4" height="4"/>
</svg>`,
		// Inkscape 0.92, plain SVG.
		`<svg xmlns="http://www.w3.org/2000/svg" width="40mm" height="46mm" viewBox="0 0 40 46" version="1.1">
<g transform="translate(0,-251)">
<rect style="opacity:1;fill:#17527a;fill-opacity:1;stroke:#ffffff;stroke-width:0.26458332;stroke-linecap:round;stroke-linejoin:round;stroke-miterlimit:4;stroke-dasharray:none;stroke-dashoffset:0;stroke-opacity:1;paint-order:stroke fill markers" width="40" height="46" x="0" y="251"/>
<text xml:space="preserve" style="font-style:normal;font-variant:normal;font-weight:bold;font-stretch:normal;font-size:10.58333302px;line-height:1.25;font-family:sans-serif;-inkscape-font-specification:'sans-serif Bold';font-variant-ligatures:normal;font-variant-caps:normal;font-variant-numeric:normal;font-feature-settings:normal;text-align:center;letter-spacing:0px;word-spacing:0px;writing-mode:lr-tb;text-anchor:middle;fill:#ffffff;fill-opacity:1;stroke:none;stroke-width:0.26458332" x="20" y="278"><tspan x="20" y="278" style="stroke-width:0.26458332">CCP</tspan></text>
<path style="color:#000000;font-style:normal;font-variant:normal;font-weight:normal;font-stretch:normal;font-size:medium;line-height:normal;font-family:sans-serif;font-variant-ligatures:normal;font-variant-position:normal;font-variant-caps:normal;font-variant-numeric:normal;font-variant-alternates:normal;font-feature-settings:normal;text-indent:0;text-align:start;text-decoration:none;text-decoration-line:none;text-decoration-style:solid;text-decoration-color:#000000;letter-spacing:normal;word-spacing:normal;text-transform:none;writing-mode:lr-tb;direction:ltr;text-orientation:mixed;dominant-baseline:auto;baseline-shift:baseline;text-anchor:start;white-space:normal;shape-padding:0;clip-rule:nonzero;display:inline;overflow:visible;visibility:visible;opacity:1;isolation:auto;mix-blend-mode:normal;color-interpolation:sRGB;color-interpolation-filters:linearRGB;solid-color:#000000;solid-opacity:1;vector-effect:none;fill:#ffffff;fill-opacity:1;fill-rule:nonzero;stroke:none;stroke-width:1.5;stroke-linecap:butt;stroke-linejoin:miter;stroke-miterlimit:4;stroke-dasharray:none;stroke-dashoffset:0;stroke-opacity:1;color-rendering:auto;image-rendering:auto;shape-rendering:auto;text-rendering:auto;enable-background:accumulate" d="M20 255 L34 259.8 V273 Z"/>
</g></svg>`,
		// Inkscape 1.2, with its flowed text's lines positioned.
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="40" height="46" viewBox="0 0 40 46">
<sodipodi:namedview id="namedview1" inkscape:zoom="1"/>
<text xml:space="preserve" style="font-size:10.6667px;line-height:1.25;font-family:sans-serif;-inkscape-font-specification:'sans-serif, Normal';font-variation-settings:normal;white-space:pre;shape-inside:url(#rect1);display:inline;fill:#17527a;-inkscape-stroke:none" x="2" y="20"><tspan x="2" y="20" sodipodi:role="line">CCP</tspan></text>
<path style="fill:#17527a;stroke:#000000;stroke-width:0.264583;stroke-opacity:1;stop-color:#000000;marker:none;mix-blend-mode:normal" d="M0 0 H5 V5 Z"/>
</svg>`,
	} {
		im, err := Parse([]byte(src))
		if err != nil {
			t.Errorf("Parse(%.60s…): %v; want no error", src[strings.Index(src, "<svg"):], err)
			continue
		}
		if _, err := im.Draw(52, 60, new(boxFonts)); err != nil {
			t.Errorf("Draw(%.60s…): %v", src[strings.Index(src, "<svg"):], err)
		}
	}
}

// Lengths in em are of the element's own font-size, wherever in its style, rules
// and attributes it is declared.
func TestEmLengths(t *testing.T) {
	for _, tt := range []struct {
		body  string
		width float64
	}{
		{`<rect width="5" height="5" stroke="red" style="stroke-width:1em;font-size:2px"/>`, 2},
		{`<style>.a{stroke-width:1em}</style><rect class="a" width="5" height="5" stroke="red" style="font-size:4px"/>`, 4},
		{`<style>.a{font-size:3px}</style><rect class="a" width="5" height="5" stroke="red" stroke-width=".5em"/>`, 1.5},
		{`<g font-size="10"><rect width="5" height="5" stroke="red" style="stroke-width:1em;font-size:50%"/></g>`, 5},
		{`<g font-size="10"><rect width="5" height="5" stroke="red" style="font-size:2em;stroke-width:1em"/></g>`, 20},
	} {
		im, err := Parse([]byte(doc(tt.body)))
		if err != nil {
			t.Errorf("Parse(%s): %v", tt.body, err)
			continue
		}
		if got := im.items[len(im.items)-1].look.width; got != tt.width {
			t.Errorf("Parse(%s): stroke-width %v; want %v", tt.body, got, tt.width)
		}
	}
	im, err := Parse([]byte(doc(`<text style="letter-spacing:.5em;font-size:4px">AB</text>`)))
	if err != nil {
		t.Fatal(err)
	}
	if r := im.items[0].chunks[0].runs[0]; r.size != 4 || r.spacing != 2 {
		t.Errorf("letter-spacing .5em, font-size 4px: size %v, spacing %v; want 4, 2", r.size, r.spacing)
	}
}

// A subpath that is only a moveto draws nothing, as in browsers; one of zero length
// that has a segment draws its caps, a dot.
func TestZeroLengthSubpaths(t *testing.T) {
	for _, tt := range []struct {
		shape string
		dot   bool
	}{
		{`<path d="M5 5"/>`, false},
		{`<path d="M5 5 M1 1"/>`, false},
		{`<polyline points="5,5"/>`, false},
		{`<path d="M5 5 L5 5"/>`, true},
		{`<path d="M5 5 h0"/>`, true},
		{`<path d="M5 5 Z"/>`, true},
		{`<path d="M5 5 c0,0 0,0 0,0"/>`, true},
		{`<line x1="5" y1="5" x2="5" y2="5"/>`, true},
	} {
		for _, cap := range []string{"round", "square"} {
			src := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g stroke="red" stroke-width="4" stroke-linecap="` + cap + `">` + tt.shape + `</g></svg>`
			img := render(t, src, 10, 10, nil)
			if got := ink(img, 5, 5, red); got != tt.dot {
				t.Errorf("%s with %s caps: (5, 5) = %v; want a dot %v", tt.shape, cap, img.RGBAAt(5, 5), tt.dot)
			}
			if !empty(img, 1, 1) {
				t.Errorf("%s with %s caps: (1, 1) = %v; want transparent", tt.shape, cap, img.RGBAAt(1, 1))
			}
		}
	}
}

// failFonts fails to set any text with a snowman in it.
type failFonts struct{ boxFonts }

func (f *failFonts) Text(s string, bold bool, size, spacing float64) (*Path, float64, error) {
	if strings.Contains(s, "☃") {
		return nil, 0, &UnsupportedError{What: "a snowman"}
	}
	return f.boxFonts.Text(s, bold, size, spacing)
}

// An error from the fonts stops Draw, which gives an UnsupportedError the line of the
// text.
func TestFontsError(t *testing.T) {
	im, err := Parse([]byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
<text>A</text>
<text>B
<tspan>☃</tspan></text></svg>`))
	if err != nil {
		t.Fatal(err)
	}
	_, err = im.Draw(10, 10, new(failFonts))
	var ue *UnsupportedError
	if !errors.As(err, &ue) || ue.What != "a snowman" || ue.Line != 4 {
		t.Errorf("Draw(text the fonts fail on) = %v; want their UnsupportedError, on line 4", err)
	}
}
