package card

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
)

// Arabic letters are joined: the glyphs drawn for "سلام" are the initial, medial and
// final forms, not the isolated ones the characters map to, and run right to left.
func TestShapeArabic(t *testing.T) {
	d := testDrawer(t)
	st := d.pool.Get().(*state)
	defer d.pool.Put(st)
	for _, rtl := range []bool{true, false} { // an Arabic title on an Arabic card, and on an English one
		st.rtl = rtl
		word := []rune("سلام")
		sty := style{font: bold, size: 72, shaped: true, rtl: rtl}
		runs := st.shape(sty, word)
		if len(runs) != 1 {
			t.Fatalf("rtl %v: shape(سلام) = %d runs; want 1", rtl, len(runs))
		}
		// Lam and alef make one ligature glyph: three glyphs, in visual order left to
		// right, that is from the last character to the first.
		glyphs := runs[0].out.Glyphs
		if len(glyphs) != 3 {
			t.Fatalf("rtl %v: shape(سلام) = %d glyphs; want 3 (seen, lam-alef, meem)", rtl, len(glyphs))
		}
		for i, want := range []int{3, 1, 0} {
			if got := glyphs[i].TextIndex(); got != want {
				t.Errorf("rtl %v: glyph %d is of character %d; want %d (right to left)", rtl, i, got, want)
			}
		}
		// Seen takes its initial form and lam-alef its ligature: neither is the
		// glyph the character maps to on its own. Meem follows alef, which does not
		// join to the left, so it stays isolated.
		for _, g := range glyphs {
			r := word[g.TextIndex()]
			iso, _ := st.gfaces[bold].NominalGlyph(r)
			if joined := r != 'م'; joined == (g.GlyphID == iso) {
				t.Errorf("rtl %v: %c drawn with glyph %d, its isolated form %d; want joined %v", rtl, r, g.GlyphID, iso, joined)
			}
		}
	}
	// And the card draws something different from the characters one by one.
	st.rtl = true
	shaped := style{font: bold, size: 72, ink: text, shaped: true, rtl: true}
	if a, b := st.width(shaped, []rune("سلام")), st.width(style{font: bold, size: 72}, []rune("سلام")); a == b {
		t.Errorf("shaped and unshaped widths of سلام are both %v", a)
	}
}

// In a right-to-left line, Latin words and digits stay left to right, and the runs go
// right to left.
func TestBidi(t *testing.T) {
	d := testDrawer(t)
	st := d.pool.Get().(*state)
	defer d.pool.Put(st)
	for _, c := range []struct {
		rtl  bool
		text string
		want []string // the runs' text, left to right
	}{
		{true, "في UNIFIL عام 2024", []string{"2024", "عام", "UNIFIL", "في"}},
		{true, "١٥ مارس ٢٠٢٢", []string{"٢٠٢٢", "مارس", "١٥"}},
		{false, "Report: في لبنان 2024", []string{"Report:", "2024", "في لبنان"}},
		{true, "Water access", []string{"Water access"}},
		{true, "Report 2024.", []string{"Report 2024."}}, // no Arabic: a left-to-right paragraph
	} {
		st.rtl = c.rtl
		rs := []rune(c.text)
		var got []string
		st.rtl = c.rtl
		for _, r := range st.shape(st.styleFor(style{font: regular, size: 30}, rs), rs) {
			s := strings.TrimSpace(string(rs[r.out.Runes.Offset : r.out.Runes.Offset+r.out.Runes.Count]))
			if s != "" {
				got = append(got, s)
			}
			// Within an LTR run, the glyphs are in the characters' order.
			if r.level%2 == 0 {
				for i := 1; i < len(r.out.Glyphs); i++ {
					if r.out.Glyphs[i].TextIndex() < r.out.Glyphs[i-1].TextIndex() {
						t.Errorf("%q: left-to-right run %q drawn out of order", c.text, s)
						break
					}
				}
			}
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("rtl %v: shape(%q) runs = %q; want %q", c.rtl, c.text, got, c.want)
		}
	}
}

func TestIsRTL(t *testing.T) {
	for _, c := range []struct {
		lang, title string
		want        bool
	}{
		{"ar", "Protection of civilians", true},
		{"fa-IR", "", true},
		{"he", "", true},
		{"ur", "", true},
		{"ku-Arab", "", true},
		{"en", "Protection of civilians", false},
		{"fr", "Protéger les civils", false},
		{"", "حماية المدنيين في UNIFIL", true},
		{"en", "حماية المدنيين", true},
		{"en", "UNIFIL in Lebanon: حماية", false},
		{"not a tag!", "", false},
	} {
		if got := isRTL(c.lang, c.title); got != c.want {
			t.Errorf("isRTL(%q, %q) = %v; want %v", c.lang, c.title, got, c.want)
		}
	}
}

// An Arabic card is mirrored: the title ends at the right margin, the rule is on the
// right.
func TestRTLLayout(t *testing.T) {
	d := testDrawer(t)
	b, err := d.Draw(benchCards[1].card)
	if err != nil {
		t.Fatal(err)
	}
	p := decode(t, b)
	right := 0
	for y := titleTop; y < titleBot; y++ {
		for x := 0; x < Width; x++ {
			if in, ok := inkAt(p, x, y); ok && in == text {
				right = max(right, x)
			}
		}
	}
	if right < Width-padX-8 || right > Width-padX+clipSlack {
		t.Errorf("the Arabic title's right edge is at %d; want about %d", right, Width-padX)
	}
	if in, ok := inkAt(p, Width-padX-ruleW/2, ruleY+1); !ok || in != accent {
		t.Errorf("no accent rule at the right")
	}
	if _, ok := inkAt(p, padX+ruleW/2, ruleY+1); ok {
		t.Errorf("an accent rule at the left")
	}
}

// solid returns a w×h image of colour c, encoded as PNG.
func solid(t testing.TB, w, h int, c color.Color) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// photo returns a w×h JPEG with the gradients and detail of a photograph.
func photo(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	seed := uint32(1)
	for y := range h {
		for x := range w {
			seed = seed*1664525 + 1013904223
			n := int(seed>>28) - 8
			img.Set(x, y, color.RGBA{
				uint8(clamp(x*255/w + n)), uint8(clamp(y*255/h + n)), uint8(clamp(128 + (x^y)%64 - 32 + n)), 255,
			})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func clamp(v int) int { return min(255, max(0, v)) }

// The cover fills its panel, on the side opposite the text, and the logo is drawn at
// the start of the site name's line, which moves over for it.
func TestCoverAndLogo(t *testing.T) {
	d := testDrawer(t)
	red := color.RGBA{0xc0, 0x20, 0x20, 0xff}
	green := color.RGBA{0x10, 0x80, 0x30, 0xff}
	cover := solid(t, 900, 600, red) // wider than the panel: cropped, not squeezed
	logo := solid(t, 120, 40, green)
	for _, c := range []struct {
		name string
		card Card
	}{
		{"ltr", Card{Title: brief.Title, Kind: brief.Kind, Date: brief.Date, SiteName: brief.SiteName, Cover: cover, Logo: logo}},
		{"rtl", Card{Title: benchCards[1].card.Title, SiteName: benchCards[1].card.SiteName, Lang: "ar", Cover: cover, Logo: logo}},
	} {
		b, err := d.Draw(c.card)
		if err != nil {
			t.Fatal(err)
		}
		if ext, _ := Ext(b); ext != ".jpg" {
			t.Fatalf("%s: a card with a cover photo is a %s; want a JPEG", c.name, ext)
		}
		img, err := jpeg.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		f := newFrame(c.name == "rtl", true)
		at := func(x, y int) color.RGBA { return color.RGBAModel.Convert(img.At(x, y)).(color.RGBA) }
		near := func(a, b color.RGBA) bool {
			d := func(x, y uint8) int { return max(int(x)-int(y), int(y)-int(x)) }
			return d(a.R, b.R) < 8 && d(a.G, b.G) < 8 && d(a.B, b.B) < 8
		}
		// Inside the panel by a JPEG block: its edges blend with what is beside them.
		for _, pt := range []image.Point{f.panel.Min.Add(image.Pt(8, 8)), f.panel.Max.Sub(image.Pt(9, 9)), {f.panel.Min.X + f.panel.Dx()/2, Height / 2}} {
			if got := at(pt.X, pt.Y); !near(got, red) {
				t.Errorf("%s: cover panel at %v is %v; want the cover's %v", c.name, pt, got, red)
			}
		}
		// The text column has no cover, and the title stays in it.
		for y := 0; y < Height-bandH; y++ {
			for x := 0; x < Width; x++ {
				if image.Pt(x, y).In(f.panel) {
					continue
				}
				if p := at(x, y); near(p, red) {
					t.Fatalf("%s: cover colour at (%d, %d), outside the panel %v", c.name, x, y, f.panel)
				}
			}
		}
		box := f.logoBox(mustDecode(t, logo))
		if box.Dy() != logoH || box.Dx() != 3*logoH {
			t.Errorf("%s: logo box %v; want %d×%d", c.name, box, 3*logoH, logoH)
		}
		mid := box.Min.Add(box.Max).Div(2)
		if got := at(mid.X, mid.Y); !near(got, green) {
			t.Errorf("%s: logo at %v is %v; want %v", c.name, mid, got, green)
		}
	}
}

func mustDecode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := decodeImage(b, "test")
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func TestBadImages(t *testing.T) {
	d := testDrawer(t)
	huge := solid(t, 1, 1, color.White)
	// A PNG header claiming 100000×100000 pixels.
	var hdr bytes.Buffer
	png.Encode(&hdr, image.NewGray(image.Rect(0, 0, 1, 1)))
	claim := bytes.Clone(hdr.Bytes())
	copy(claim[16:24], []byte{0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0})
	for name, c := range map[string]Card{
		"garbage cover": {Title: "T", Cover: []byte("not an image")},
		"garbage logo":  {Title: "T", Logo: []byte("\x89PNG\r\n\x1a\n")},
		"huge cover":    {Title: "T", Cover: claim},
	} {
		if _, err := d.Draw(c); err == nil {
			t.Errorf("Draw(%s): no error", name)
		}
	}
	if _, err := d.Draw(Card{Title: "T", Cover: huge, Logo: huge}); err != nil {
		t.Errorf("Draw(1×1 cover and logo): %v", err)
	}
}

// A logo much wider than high is scaled to logoMaxW, keeping its proportions.
func TestLogoBox(t *testing.T) {
	f := newFrame(false, false)
	wide := image.NewRGBA(image.Rect(0, 0, 1000, 100))
	if got, want := f.logoBox(wide), image.Rect(padX, logoTop+(logoH-30)/2, padX+logoMaxW, logoTop+(logoH-30)/2+30); got != want {
		t.Errorf("logoBox(1000×100) = %v; want %v", got, want)
	}
	rtl := newFrame(true, false)
	if got := rtl.logoBox(wide); got.Max.X != Width-padX {
		t.Errorf("right-to-left logoBox ends at %d; want %d", got.Max.X, Width-padX)
	}
	if got := f.logoBox(nil); !got.Empty() {
		t.Errorf("logoBox(nil) = %v; want empty", got)
	}
}
