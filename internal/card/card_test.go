package card

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"strings"
	"sync"
	"testing"
	"unicode"

	"golang.org/x/image/math/fixed"
)

var brief = Card{
	Title:    "Protection of civilians in Ménaka: lessons from MINUSMA for Côte d'Ivoire",
	Kind:     "Policy brief",
	Date:     "15 March 2022",
	SiteName: "Protecting Civilians in Peacekeeping",
	Lang:     "en",
}

// hostile returns cards meant to break the layout.
func hostile() []Card {
	long := strings.Repeat("Protection of civilians in peacekeeping operations ", 200)
	word := strings.Repeat("W", 5000)
	return []Card{
		{},
		{Title: long, Kind: long, Date: long, SiteName: long},
		{Title: word, Kind: word, Date: word, SiteName: word},
		{Title: word + " " + long, Kind: "Policy brief", Date: word},
		{Title: strings.Repeat("\u0301", 3000), Kind: strings.Repeat("e\u0301", 900)},
		{Title: "a\x00b\x1b[31mc\td\r\ne\u202ef\u200bg\u00adh\ufeffi\u0085j", Kind: "\x7f", Date: "\xff\xfe\xfd"},
		{Title: "中文标题 😀🇺🇳 \ue000 \uffff \U0010FFFF", Kind: "简报", Date: "2022年3月15日", SiteName: "Ḽơᶉëᶆȋṕšᶙṁ"},
		{Title: "العنوان بالعربية", Kind: "موجز", Date: "١٥ مارس ٢٠٢٢", Lang: "ar"},
		{Title: strings.Repeat("— / - ", 500), SiteName: strings.Repeat(" ", 3000)},
		{Title: "i̇stanbul ve Iğdır", SiteName: "İnsan hakları ıı", Lang: "tr"},
		{Title: strings.Repeat("ب", 5000), Kind: strings.Repeat("سلام ", 500), Date: "2022", SiteName: strings.Repeat("ب", 5000), Lang: "ar"},
		{Title: strings.Repeat("aا(", 1000) + "‮⁧", Kind: "موجز", SiteName: strings.Repeat("(א[", 800), Lang: "he"},
	}
}

func decode(t *testing.T, b []byte) *image.Paletted {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("png.Decode: %v", err)
	}
	if got := img.Bounds(); got != image.Rect(0, 0, Width, Height) {
		t.Fatalf("bounds = %v; want 1200x630", got)
	}
	p, ok := img.(*image.Paletted)
	if !ok {
		t.Fatalf("decoded %T; want *image.Paletted", img)
	}
	return p
}

// inkAt returns the ink at (x, y) and whether there is any.
func inkAt(p *image.Paletted, x, y int) (ink, bool) {
	i := p.ColorIndexAt(x, y)
	if i == 0 {
		return 0, false
	}
	return ink((int(i) - 1) / levels), true
}

func TestDraw(t *testing.T) {
	d := testDrawer(t)
	b, err := d.Draw(brief)
	if err != nil {
		t.Fatal(err)
	}
	p := decode(t, b)
	if len(b) > 40<<10 {
		t.Errorf("Draw(brief) is %d bytes; want under 40 kB", len(b))
	}
	// Each part is drawn where the layout puts it.
	count := func(r image.Rectangle, want ink) (n int) {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				if i, ok := inkAt(p, x, y); ok && i == want {
					n++
				}
			}
		}
		return n
	}
	for _, c := range []struct {
		name string
		r    image.Rectangle
		ink  ink
	}{
		{"site name", image.Rect(padX, siteY-30, Width-padX, siteY+8), muted},
		{"rule", image.Rect(padX, ruleY, padX+ruleW, ruleY+ruleH), accent},
		{"title", image.Rect(padX, titleTop, Width-padX, titleBot), text},
		{"kind", image.Rect(padX, footerY-30, padX+300, footerY+8), accent},
		{"date", image.Rect(padX+200, footerY-30, Width-padX, footerY+8), muted},
		{"band", image.Rect(0, Height-bandH, Width, Height), accent},
	} {
		if n := count(c.r, c.ink); n < 100 {
			t.Errorf("%s: %d pixels of ink %d in %v; want at least 100", c.name, n, c.ink, c.r)
		}
	}
}

func TestDeterministic(t *testing.T) {
	d1, d2 := testDrawer(t), testDrawer(t)
	withImages := benchCards[1].card
	withImages.Cover, withImages.Logo = photo(t, 300, 200), solid(t, 30, 20, color.RGBA{0, 0x80, 0, 0xff})
	for i, c := range append(hostile(), brief, benchCards[1].card, withImages) {
		a, err := d1.Draw(c)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := d1.Draw(c)
		e, _ := d2.Draw(c)
		if !bytes.Equal(a, b) || !bytes.Equal(a, e) {
			t.Errorf("card %d: Draw is not deterministic", i)
		}
		if d1.Key(c) != d2.Key(c) {
			t.Errorf("card %d: Key differs between drawers with the same fonts", i)
		}
	}
}

func TestKey(t *testing.T) {
	d := testDrawer(t)
	k := d.Key(brief)
	if len(k) != 32 || strings.Trim(k, "0123456789abcdef") != "" {
		t.Errorf("Key = %q; want 32 hexadecimal digits", k)
	}
	if d.Key(brief) != k {
		t.Error("Key is not stable")
	}
	changes := map[string]func(*Card){
		"Title":    func(c *Card) { c.Title += "!" },
		"Kind":     func(c *Card) { c.Kind = "Report" },
		"Date":     func(c *Card) { c.Date = "16 March 2022" },
		"SiteName": func(c *Card) { c.SiteName = "" },
		"Lang":     func(c *Card) { c.Lang = "fr" },
		"shift":    func(c *Card) { c.Title, c.Kind = c.Title+c.Kind[:1], c.Kind[1:] },
		"Cover":    func(c *Card) { c.Cover = []byte{1} },
		"Logo":     func(c *Card) { c.Logo = []byte{1} },
	}
	// The same image as the cover or as the logo makes a different card.
	asCover, asLogo := brief, brief
	asCover.Cover, asLogo.Logo = []byte{1}, []byte{1}
	if d.Key(asCover) == d.Key(asLogo) {
		t.Error("Key is the same for an image given as cover and as logo")
	}
	for name, change := range changes {
		c := brief
		change(&c)
		if d.Key(c) == k {
			t.Errorf("Key unchanged when %s changes", name)
		}
	}
	reg, _ := os.ReadFile("../../themes/default/fonts/DejaVuSans.ttf")
	bold, _ := os.ReadFile("../../themes/default/fonts/DejaVuSans-Bold.ttf")
	swapped, err := NewDrawer(bold, reg)
	if err != nil {
		t.Fatal(err)
	}
	if swapped.Key(brief) == k {
		t.Error("Key unchanged when the fonts change")
	}
}

// TestFits checks that nothing is drawn outside the content box (and a few
// pixels of slack), the title stays in its box and the site name and footer
// in their lines, whatever the input; in a right-to-left card, the same
// mirrored.
func TestFits(t *testing.T) {
	d := testDrawer(t)
	for i, c := range append(hostile(), brief) {
		b, err := d.Draw(c)
		if err != nil {
			t.Fatal(err)
		}
		p := decode(t, b)
		rtl := isRTL(c.Lang, c.Title)
		bad := 0
		for y := 0; y < Height-bandH; y++ {
			for x := 0; x < Width; x++ {
				in, ok := inkAt(p, x, y)
				if !ok {
					continue
				}
				mx := x // x in the left-to-right layout
				if rtl {
					mx = Width - 1 - x
				}
				var inside bool
				switch {
				case y >= ruleY && y < ruleY+ruleH && mx >= padX && mx < padX+ruleW:
					inside = in == accent
				case in == text:
					inside = image.Pt(x, y).In(titleClip)
				default:
					inside = image.Pt(x, y).In(siteClip) || image.Pt(x, y).In(footerClip)
				}
				if !inside {
					if bad == 0 {
						t.Errorf("card %d: ink %d at (%d, %d), outside its box", i, in, x, y)
					}
					bad++
				}
			}
		}
		// The bottom corner at the end of the line, after a short footer,
		// stays empty when the kind and date are short.
		if len(c.Kind)+len(c.Date) < 40 {
			for y := titleBot; y < Height-bandH; y++ {
				for x := Width - 300; x < Width; x++ {
					mx := x
					if rtl {
						mx = Width - 1 - x
					}
					if in, ok := inkAt(p, mx, y); ok {
						t.Fatalf("card %d: ink %d at (%d, %d) in the bottom corner after the footer", i, in, mx, y)
					}
				}
			}
		}
	}
}

// TestTitleLayout checks the title's lines against the layout's rules.
func TestTitleLayout(t *testing.T) {
	d := testDrawer(t)
	st := d.pool.Get().(*state)
	defer d.pool.Put(st)
	titles := []string{
		"Water",
		brief.Title,
		strings.Repeat("civilians ", 12),
		strings.Repeat("civilians ", 200),
		strings.Repeat("x", 500),
		"Protection-of-civilians/mandates—and more",
	}
	for _, title := range titles {
		rs := st.prepare(title)
		sty, lines, y, lh := st.title(rs, contentW*64)
		if len(lines) == 0 || len(lines) > maxLines {
			t.Errorf("title(%.30q): %d lines; want 1 to %d", title, len(lines), maxLines)
			continue
		}
		if sty.size < titleMin || sty.size > titleMax {
			t.Errorf("title(%.30q): size %v; want %d to %d", title, sty.size, titleMin, titleMax)
		}
		for _, line := range lines {
			if w := st.width(sty, line); w > contentW*64 {
				t.Errorf("title(%.30q): line %q is %v wide; want at most %d", title, string(line), w, contentW)
			}
		}
		m := st.face(bold, sty.size).Metrics()
		if bottom := y + lh*fixed.Int26_6(len(lines)-1) + m.Descent; bottom > titleBot*64 {
			t.Errorf("title(%.30q): ends at %v; want above %d", title, bottom, titleBot)
		}
		joined := string(lines[0])
		for _, l := range lines[1:] {
			joined += " " + string(l)
		}
		truncated := strings.HasSuffix(joined, "…")
		if want := len(title) > 200; truncated != want {
			t.Errorf("title(%.30q) = %q; ellipsis %v, want %v", title, joined, truncated, want)
		}
	}
	// A short title is drawn at the largest size, in one line.
	if sty, lines, _, _ := st.title(st.prepare("Water"), contentW*64); sty.size != titleMax || len(lines) != 1 {
		t.Errorf("title(Water): size %v, %d lines; want %d, 1", sty.size, len(lines), titleMax)
	}
	// Words are not broken when they fit.
	_, lines, _, _ := st.title(st.prepare(brief.Title), contentW*64)
	for _, l := range lines {
		for _, w := range strings.Fields(string(l)) {
			if !strings.Contains(brief.Title, w) || !strings.Contains(" "+brief.Title+" ", " "+w+" ") {
				t.Errorf("title(brief): word %q broken", w)
			}
		}
	}
}

func TestClean(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"  Water \t access\n", "Water access"},
		{"Co\u0302te d'Ivoire", "Côte d'Ivoire"},
		{"Me\u0301naka", "Ménaka"},
		{"a\x00b\x1bc", "a b c"},
		{"a\u200bb\u202ec\u00add\ufeff", "abcd"},
		{"Côte\u00a0: titre", "Côte\u00a0: titre"},
		{"a\u202fb", "a\u00a0b"},
		{"a\xffb", "a\ufffdb"},
		{"a\u2028b\u0085c", "a b c"},
		{"e\ufe0f\u0301 \U0001F600\ufe0f", "é \U0001F600"},
	} {
		if got := clean(c.in); got != c.want {
			t.Errorf("clean(%q) = %q; want %q", c.in, got, c.want)
		}
	}
	long := strings.Repeat("é", maxInput) // 2 bytes each
	if got := clean(long); len(got) != maxInput || !strings.HasPrefix(long, got) {
		t.Errorf("clean(long) has %d bytes; want %d, a prefix", len(got), maxInput)
	}
}

func TestUpper(t *testing.T) {
	for _, c := range []struct{ in, lang, want string }{
		{"Protecting civilians", "en", "PROTECTING CIVILIANS"},
		{"Côte d'Ivoire", "fr", "CÔTE D'IVOIRE"},
		{"insan", "tr", "İNSAN"},
		{"insan", "tr-TR", "İNSAN"},
		{"insan", "en", "INSAN"},
	} {
		if got := string(upper([]rune(c.in), c.lang)); got != c.want {
			t.Errorf("upper(%q, %q) = %q; want %q", c.in, c.lang, got, c.want)
		}
	}
}

func TestFontFallback(t *testing.T) {
	d := testDrawer(t)
	st := d.pool.Get().(*state)
	defer d.pool.Put(st)
	// Find a character the regular font has and the bold one lacks.
	var r rune
	for c := rune(0x20); c < 0x10000; c++ {
		if st.has(regular, c) && !st.has(bold, c) {
			r = c
			break
		}
	}
	if r == 0 {
		t.Skip("the bold font has every glyph of the regular one")
	}
	if got := st.fontFor(bold, r); got != regular {
		t.Errorf("fontFor(bold, %U) = %d; want regular", r, got)
	}
	if got := st.fontFor(bold, 'A'); got != bold {
		t.Errorf("fontFor(bold, 'A') = %d; want bold", got)
	}
	if got := st.fontFor(bold, '中'); got != bold {
		t.Errorf("fontFor(bold, '中') = %d; want bold (its missing-glyph box)", got)
	}
	// Combining marks neither font has are dropped; others are kept.
	var mark rune
	for c := rune(0x300); c < 0x10000 && mark == 0; c++ {
		if unicode.Is(unicode.Mn, c) && !st.has(regular, c) && !st.has(bold, c) {
			mark = c
		}
	}
	if got, want := string(st.prepare("a"+string(mark)+"e\ufe0f\u0301")), "aé"; got != want {
		t.Errorf("prepare(a %U e VS16 acute) = %q; want %q", mark, got, want)
	}
}

// TestContrast checks WCAG AA (4.5:1) between each ink and the background.
func TestContrast(t *testing.T) {
	lum := func(r, g, b uint8) float64 {
		lin := func(c uint8) float64 {
			s := float64(c) / 255
			if s <= 0.04045 {
				return s / 12.92
			}
			return math.Pow((s+0.055)/1.055, 2.4)
		}
		return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
	}
	bg := lum(background.R, background.G, background.B)
	for i, c := range inkColors {
		fg := lum(c.R, c.G, c.B)
		ratio := (max(bg, fg) + 0.05) / (min(bg, fg) + 0.05)
		if ratio < 4.5 {
			t.Errorf("ink %d: contrast %.2f:1; want at least 4.5:1", i, ratio)
		}
	}
}

func TestNewDrawerErrors(t *testing.T) {
	reg, _ := os.ReadFile("../../themes/default/fonts/DejaVuSans.ttf")
	for _, c := range []struct {
		name      string
		reg, bold []byte
	}{
		{"empty", nil, reg},
		{"garbage", reg, []byte("not a font")},
	} {
		if _, err := NewDrawer(c.reg, c.bold); err == nil {
			t.Errorf("NewDrawer(%s): no error", c.name)
		}
	}
}

func TestConcurrent(t *testing.T) {
	d := testDrawer(t)
	cards := append(hostile(), brief)
	want := make([][]byte, len(cards))
	for i, c := range cards {
		want[i], _ = d.Draw(c)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Go(func() {
			for n := range 3 * len(cards) {
				i := (n + g) % len(cards)
				got, err := d.Draw(cards[i])
				if err != nil || !bytes.Equal(got, want[i]) {
					errs <- fmt.Errorf("goroutine %d: card %d differs (err %v)", g, i, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func FuzzDraw(f *testing.F) {
	// A short seed corpus: the hostile cards cut to 300 bytes a field (the
	// fuzzer makes longer inputs itself), and a typical card.
	cut := func(s string) string { return s[:min(len(s), 300)] }
	for _, c := range append(hostile(), brief) {
		f.Add(cut(c.Title), cut(c.Kind), cut(c.Date), cut(c.SiteName), c.Lang)
	}
	d := testDrawer(f)
	f.Fuzz(func(t *testing.T, title, kind, date, site, lang string) {
		b, err := d.Draw(Card{Title: title, Kind: kind, Date: date, SiteName: site, Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil || cfg.Width != Width || cfg.Height != Height {
			t.Fatalf("DecodeConfig = %v, %v; want 1200x630", cfg, err)
		}
	})
}

func BenchmarkDraw(b *testing.B) {
	d := testDrawer(b)
	cards := []Card{brief, {
		Title:    "When peacekeepers leave: the drawdown of United Nations peace operations and the protection of civilians in Mali, the Democratic Republic of the Congo and South Sudan",
		Kind:     "Research report",
		Date:     "1 December 2023",
		SiteName: brief.SiteName,
	}}
	var size int
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		png, err := d.Draw(cards[i%len(cards)])
		if err != nil {
			b.Fatal(err)
		}
		size += len(png)
	}
	b.ReportMetric(float64(size)/float64(b.N), "bytes/card")
}

func BenchmarkDrawParallel(b *testing.B) {
	d := testDrawer(b)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := d.Draw(brief); err != nil {
				b.Error(err)
			}
		}
	})
}
