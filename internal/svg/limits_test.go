package svg

import (
	"errors"
	"fmt"
	"image/color"
	"strings"
	"testing"
	"time"
)

// doc wraps body in an <svg> element with a 10×10 viewBox.
func doc(body string) string {
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">` + body + `</svg>`
}

// A sheet's comments are dropped in one pass: a sheet of many comments allocates no
// more than one of few (rebuilding the sheet for each comment allocates once per
// comment, and copies the sheet each time).
func TestSheetComments(t *testing.T) {
	css := strings.Repeat("/* Generator: Adobe Illustrator */ ", 20_000) + ".st0{fill:#17527A}"
	var rules []rule
	allocs := testing.AllocsPerRun(1, func() {
		var err error
		if rules, err = parseSheet(css); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 100 {
		t.Errorf("parseSheet(20,000 comments and a rule) made %v allocations; want a few", allocs)
	}
	if len(rules) != 1 || rules[0].class != "st0" {
		t.Errorf("parseSheet(20,000 comments and a rule) = %+v; want the rule .st0", rules)
	}
	// A comment left open runs to the end of the sheet.
	if rules, err := parseSheet(".a{fill:red} /* .b{fill:blue}"); err != nil || len(rules) != 1 {
		t.Errorf("parseSheet(an unclosed comment) = %+v, %v; want the rule before it", rules, err)
	}
}

// An element is tested against the rules that may match it, found by its id, classes
// and name: a sheet of a rule per element applies within the budget, which testing
// every rule against every element would exceed. When rules do apply to every
// element, the budget is exceeded and reported.
func TestStyleRules(t *testing.T) {
	const n = 2000 // n×n = 4M rule tests > maxStyleWork
	var b strings.Builder
	b.WriteString(`<style>`)
	for i := range n {
		fmt.Fprintf(&b, ".c%d{fill:#17527a} #r%d{stroke:none}\n", i, i)
	}
	b.WriteString(`rect{stroke-width:2}</style>`)
	for i := range n {
		fmt.Fprintf(&b, `<rect id="r%d" class="x c%d" width="1" height="1"/>`, i, i)
	}
	im, err := Parse([]byte(doc(b.String())))
	if err != nil {
		t.Fatalf("Parse(%d rules, each matching one rect): %v", 2*n, err)
	}
	if got := im.items[n-1].look; got.fill != (color.NRGBA{0x17, 0x52, 0x7a, 0xff}) || got.stroke.A != 0 {
		t.Errorf("rect %d: fill %v, stroke %v; want #17527a and none", n-1, got.fill, got.stroke)
	}

	b.Reset()
	b.WriteString(`<style>`)
	for range n {
		b.WriteString(".x{fill:red} ")
	}
	b.WriteString(`</style>`)
	for range n {
		b.WriteString(`<rect class="x" width="1" height="1"/>`)
	}
	if _, err := Parse([]byte(doc(b.String()))); err == nil || !strings.Contains(err.Error(), "too complex") {
		t.Errorf("Parse(%d rules, each matching %d rects) = %v; want an error: too complex", n, n, err)
	}
}

// Strokes' joins and caps count against the points an image may draw: round joins
// of up to 256 points each at every corner of a long polyline are refused, not
// drawn as a billion edges.
func TestStrokeBudget(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<polyline fill="none" stroke="red" stroke-width="2000" stroke-linejoin="round" points="`)
	for i := range 20_000 { // 20,000 discs of 256 points: 5M points
		fmt.Fprintf(&b, "%d,%d ", i%10, i%2)
	}
	b.WriteString(`"/>`)
	im, err := Parse([]byte(doc(b.String())))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := im.Draw(10, 10, nil); err == nil || !strings.Contains(err.Error(), "too complex") {
		t.Errorf("Draw(20,000 round joins of 256 points) = %v; want an error: too complex", err)
	}
	// A stroke within the budget draws.
	render(t, doc(`<polyline fill="none" stroke="red" stroke-width="1" stroke-linejoin="round" stroke-linecap="round" points="1,1 9,1 1,9 9,9"/>`), 10, 10, nil)
}

// Small shapes on a large image cost what their bounds do, not the image's size:
// each is rasterized and blended within its bounding rectangle, and each opacity
// layer blended and cleared within what was drawn on it.
func TestDirtyRect(t *testing.T) {
	var b strings.Builder
	for i := range 1000 {
		x, y := i%100, i/100*10
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width=".5" height=".5" fill="red"/>`, x, y)
		fmt.Fprintf(&b, `<g opacity=".5"><circle cx="%d.5" cy="%d.5" r=".2" fill="blue"/></g>`, x, y+5)
	}
	im, err := Parse([]byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">` + b.String() + `</svg>`))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		img, err := im.Draw(2000, 2000, nil)
		if err == nil && (!ink(img, 5, 5, red) || !empty(img, 15, 15) || img.RGBAAt(10, 110).A == 0 || !empty(img, 10, 150)) {
			err = errors.New("the shapes are not where they should be")
		}
		done <- err
	}()
	// Drawing the whole image for each of 2,000 items takes minutes; their bounds,
	// milliseconds.
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Draw(2,000 small shapes at 2000×2000): %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("Draw(2,000 small shapes at 2000×2000) takes more than %v", time.Since(start).Round(time.Second))
	}
}

// Layers of opacity nested deep on a large image are refused before they are made:
// each is as large as the image.
func TestLayerLimit(t *testing.T) {
	src := doc(strings.Repeat(`<g opacity=".9">`, 8) + `<rect width="5" height="5" fill="red"/>` + strings.Repeat(`</g>`, 8))
	im, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := im.Draw(4096, 4096, nil); err == nil || !strings.Contains(err.Error(), "nested 8 deep") {
		t.Errorf("Draw(opacity nested 8 deep, at 4096×4096) = %v; want an error", err)
	}
	if img := render(t, src, 10, 10, nil); img.RGBAAt(2, 2).A == 0 {
		t.Errorf("opacity nested 8 deep at 10×10: (2, 2) = %v; want red", img.RGBAAt(2, 2))
	}
}

// The root's size must be finite, positive and within reason; an error names its line.
func TestRootSize(t *testing.T) {
	for _, tt := range []struct {
		attrs       string
		unsupported bool // else a SyntaxError
	}{
		{`width="1e400" height="10"`, false},
		{`width="-5" height="10" viewBox="0 0 10 10"`, false},
		{`width="0" height="10" viewBox="0 0 10 10"`, false},
		{`width="ten" height="10"`, false},
		{`viewBox="0 0 0 10"`, false},
		{`viewBox="0 0 10 -10"`, false},
		{`width="1e300" height="10"`, true},
		{`viewBox="0 0 1e-300 1e-300"`, true},
		{`viewBox="0 0 1 1e300" width="1e5"`, true}, // a height of 1e305
		{`viewBox="0 0 1e308 1" width="10"`, true},  // a height of 1e-307
		{`viewBox="0 0 1 1e-300" width="1e5"`, true},
		{`viewBox="-1e300 0 1e-10 1e-10" width="1"`, true}, // an infinite translation
	} {
		_, err := Parse([]byte("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" " + tt.attrs + "/>"))
		var ue *UnsupportedError
		var se *SyntaxError
		switch {
		case tt.unsupported && (!errors.As(err, &ue) || ue.Line != 2):
			t.Errorf("Parse(<svg %s>) = %v; want an UnsupportedError on line 2", tt.attrs, err)
		case !tt.unsupported && (!errors.As(err, &se) || se.Line != 2):
			t.Errorf("Parse(<svg %s>) = %v; want a SyntaxError on line 2", tt.attrs, err)
		}
	}
}
