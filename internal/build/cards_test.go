package build_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"folio/internal/build"
	"folio/internal/corpus"
)

// solidPNG returns a w×h PNG of colour c.
func solidPNG(t *testing.T, w, h int, c color.Color) []byte {
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

// A card shows the publication's cover and the site's logo, PNG or SVG, and is drawn
// again, under a new name, when either file changes.
func TestShareCardsCoverAndLogo(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 2, 9); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(src, "site.yaml")
	data, _ := os.ReadFile(cfg)
	data = bytes.Replace(data, []byte("share_cards: false"), []byte("share_cards: true"), 1)
	data = append(data, "brand:\n  logo: static/logo.png\n  logo_alt: Benchmark Programme\n"...)
	write := func(rel string, b []byte) {
		t.Helper()
		p := filepath.Join(src, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.yaml", data)
	red, blue := color.RGBA{0xc0, 0x20, 0x20, 0xff}, color.RGBA{0x20, 0x20, 0xc0, 0xff}
	green := color.RGBA{0x10, 0x80, 0x30, 0xff}
	write("static/logo.png", solidPNG(t, 80, 40, green)) // drawn 120×60 at (80, 56)
	// The first publication becomes a bundle with a cover.
	md := filepath.Join(src, "content", "publications", "pub-00000.md")
	body, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(md)
	body = bytes.Replace(body, []byte("\n---\n"), []byte("\ncover: cover.png\ncover_alt: A red square.\n---\n"), 1)
	write("content/publications/pub-00000/index.md", body)
	write("content/publications/pub-00000/cover.png", solidPNG(t, 600, 400, red))

	opts := build.Options{Source: src, Dest: filepath.Join(t.TempDir(), "public"), Version: "test"}
	cards := func() map[string]string { // publication → its card's file name
		t.Helper()
		if _, errs := build.Run(opts); errs.HasErrors() {
			t.Fatal(errs)
		}
		m := map[string]string{}
		for _, pub := range []string{"pub-00000", "pub-00001"} {
			got, _ := filepath.Glob(filepath.Join(opts.Dest, "publications", pub, "card-*"))
			if len(got) != 1 {
				t.Fatalf("%s: cards %q; want one", pub, got)
			}
			m[pub] = filepath.Base(got[0])
		}
		return m
	}
	at := func(pub, name string, x, y int) color.RGBA {
		t.Helper()
		f, err := os.Open(filepath.Join(opts.Dest, "publications", pub, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, _, err := image.Decode(f) // a JPEG with a cover photo, else a PNG
		if err != nil {
			t.Fatal(err)
		}
		c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
		// JPEG's colours are within a few steps of the drawn ones: give back those.
		for _, want := range []color.RGBA{red, green, blue, {0xff, 0xff, 0xff, 0xff}} {
			d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
			if d(c.R, want.R) < 12 && d(c.G, want.G) < 12 && d(c.B, want.B) < 12 {
				return want
			}
		}
		return c
	}

	first := cards()
	if !strings.HasSuffix(first["pub-00000"], ".jpg") || !strings.HasSuffix(first["pub-00001"], ".png") {
		t.Errorf("cards %v; want a JPEG for the one with a cover photo, a PNG for the other", first)
	}
	if got := at("pub-00000", first["pub-00000"], 1190, 300); got != red {
		t.Errorf("card of pub-00000 at the right edge is %v; want the cover's %v", got, red)
	}
	if got := at("pub-00001", first["pub-00001"], 1190, 300); got != (color.RGBA{0xff, 0xff, 0xff, 0xff}) {
		t.Errorf("card of pub-00001, which has no cover, at the right edge is %v; want white", got)
	}
	for pub, name := range first {
		if got := at(pub, name, 140, 86); got != green {
			t.Errorf("card of %s at (140, 86) is %v; want the logo's %v", pub, got, green)
		}
	}

	// A new cover: a new card for its publication only.
	write("content/publications/pub-00000/cover.png", solidPNG(t, 600, 400, blue))
	second := cards()
	if second["pub-00000"] == first["pub-00000"] {
		t.Errorf("the card keeps its name %s when the cover changes", first["pub-00000"])
	}
	if got := at("pub-00000", second["pub-00000"], 1190, 300); got != blue {
		t.Errorf("card at the right edge is %v after the cover changed; want %v", got, blue)
	}
	if second["pub-00001"] != first["pub-00001"] {
		t.Errorf("the card of pub-00001 changed with another publication's cover")
	}

	// A new logo: new cards for all.
	write("static/logo.png", solidPNG(t, 80, 40, color.RGBA{0x80, 0x10, 0x30, 0xff}))
	third := cards()
	for pub, name := range third {
		if name == second[pub] {
			t.Errorf("%s: the card keeps its name %s when the logo changes", pub, name)
		}
	}

	// An SVG logo is drawn as the PNG one is.
	write("static/logo.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20" width="40" height="20"><rect width="40" height="20" fill="#108030"/></svg>`))
	write("site.yaml", bytes.Replace(data, []byte("logo.png"), []byte("logo.svg"), 1))
	fourth := cards()
	if got := at("pub-00001", fourth["pub-00001"], 140, 86); got != green {
		t.Errorf("card with an SVG logo at (140, 86) is %v; want the logo's %v", got, green)
	}
	if fourth["pub-00001"] == third["pub-00001"] {
		t.Errorf("the card keeps its name when the PNG logo is replaced by an SVG one")
	}
}

// A cover the card cannot draw fails the build with an error at the front matter's
// cover: line.
func TestShareCardBadCover(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 1, 9); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(src, "site.yaml")
	data, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, bytes.Replace(data, []byte("share_cards: false"), []byte("share_cards: true"), 1), 0o644)
	md := filepath.Join(src, "content", "publications", "pub-00000.md")
	body, _ := os.ReadFile(md)
	os.Remove(md)
	dir := filepath.Join(src, "content", "publications", "pub-00000")
	os.MkdirAll(dir, 0o755)
	body = bytes.Replace(body, []byte("\n---\n"), []byte("\ncover: cover.png\ncover_alt: A red square.\n---\n"), 1)
	os.WriteFile(filepath.Join(dir, "index.md"), body, 0o644)
	cover := solidPNG(t, 600, 400, color.RGBA{0xc0, 0x20, 0x20, 0xff})
	os.WriteFile(filepath.Join(dir, "cover.png"), cover[:len(cover)/2], 0o644) // cut short
	_, errs := build.Run(build.Options{Source: src, Dest: filepath.Join(t.TempDir(), "public"), Version: "test"})
	if !errs.HasErrors() {
		t.Fatal("build succeeded with a cover cut short")
	}
	if msg := errs.Error(); !regexp.MustCompile(`content/publications/pub-00000/index\.md:\d+:\d+: .*cover`).MatchString(msg) {
		t.Errorf("error %q; want one at the cover: line", msg)
	}
}

// The sample site's SVG logo, a shield with text, is drawn on the cards; a logo with a
// gradient, which folio cannot draw, is left off them, and the site still builds.
func TestShareCardSVGLogo(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 1, 9); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(src, "site.yaml")
	data, _ := os.ReadFile(cfg)
	data = bytes.Replace(data, []byte("share_cards: false"), []byte("share_cards: true"), 1)
	data = append(data, "brand:\n  logo: static/logo.svg\n  logo_alt: Benchmark Programme\n"...)
	if err := os.WriteFile(cfg, data, 0o644); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(src, "static"), 0o755)
	var warnings string // the last build's
	card := func(logo string) image.Image {
		t.Helper()
		if err := os.WriteFile(filepath.Join(src, "static", "logo.svg"), []byte(logo), 0o644); err != nil {
			t.Fatal(err)
		}
		dest := filepath.Join(t.TempDir(), "public")
		_, errs := build.Run(build.Options{Source: src, Dest: dest, Version: "test"})
		if errs.HasErrors() {
			t.Fatal(errs)
		}
		warnings = errs.Error()
		got, _ := filepath.Glob(filepath.Join(dest, "publications", "pub-00000", "card-*.png"))
		if len(got) != 1 {
			t.Fatalf("cards %q; want one PNG", got)
		}
		f, err := os.Open(got[0])
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	blue, white := color.RGBA{0x17, 0x52, 0x7a, 0xff}, color.RGBA{0xff, 0xff, 0xff, 0xff}
	near := func(c color.Color, want color.RGBA) bool {
		got := color.RGBAModel.Convert(c).(color.RGBA)
		d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
		return d(got.R, want.R) < 12 && d(got.G, want.G) < 12 && d(got.B, want.B) < 12
	}

	// The shield is drawn 52×60 at (80, 56); the text "CCP" across its middle.
	img := card(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 46" width="40" height="46">
  <path d="M20 1 L38 7 V22 C38 33 30 41 20 45 C10 41 2 33 2 22 V7 Z" fill="#17527a"/>
  <path d="M20 5 L34 9.8 V22 C34 31 27.6 37.6 20 40.8 C12.4 37.6 6 31 6 22 V9.8 Z" fill="none" stroke="#ffffff" stroke-width="1.5"/>
  <text x="20" y="27" text-anchor="middle" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="11" font-weight="700" fill="#ffffff" letter-spacing="0.5">CCP</text>
</svg>`)
	for _, p := range []image.Point{{85, 86}, {98, 62}} {
		if c := img.At(p.X, p.Y); !near(c, blue) {
			t.Errorf("card at %v, in the shield, is %v; want %v", p, c, blue)
		}
	}
	var blues, whites int
	for y := 56 + 25; y < 56+36; y++ {
		for x := 80 + 12; x < 80+40; x++ {
			switch c := img.At(x, y); {
			case near(c, blue):
				blues++
			case near(c, white):
				whites++
			}
		}
	}
	if blues < 50 || whites < 50 {
		t.Errorf("the shield's middle has %d blue and %d white pixels; want the text's white ink on blue", blues, whites)
	}

	img = card(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 46">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#17527a"/><stop offset="1" stop-color="#fff"/></linearGradient></defs>
  <path d="M20 1 L38 7 V22 C38 33 30 41 20 45 C10 41 2 33 2 22 V7 Z" fill="url(#g)"/>
</svg>`)
	// (98, 62) is in the shield's upper part, above where the site name's capitals
	// come when the logo is left out.
	if c := img.At(98, 62); !near(c, white) {
		t.Errorf("card with a gradient logo at (98, 62) is %v; want white: no logo", c)
	}
	if want := "site.yaml:"; !strings.Contains(warnings, want) || !strings.Contains(warnings, "share cards show the site name without the logo: the SVG uses <linearGradient>") {
		t.Errorf("warnings of the build with a gradient logo:\n%s\nwant one at %s naming <linearGradient>", warnings, want)
	}
}
