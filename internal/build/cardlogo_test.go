package build

import (
	"bytes"
	"image/png"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"folio/internal/card"
	"folio/internal/config"
	"folio/internal/diag"
	"folio/internal/site"
)

// cardLogo draws an SVG logo, and leaves off the cards one it cannot draw, with a
// warning at brand: logo that says why and what to do.
func TestCardLogo(t *testing.T) {
	regular, err := os.ReadFile("../../themes/default/fonts/DejaVuSans.ttf")
	if err != nil {
		t.Fatal(err)
	}
	bold, err := os.ReadFile("../../themes/default/fonts/DejaVuSans-Bold.ttf")
	if err != nil {
		t.Fatal(err)
	}
	d, err := card.NewDrawer(regular, bold)
	if err != nil {
		t.Fatal(err)
	}
	siteWith := func(logo string) *site.Site {
		t.Helper()
		yaml := "title: T\nbase_url: https://example.org/\ntypes: [{key: brief, title: Brief}]\nobjectives: [{key: p, number: 1, title: P}]\n"
		if logo != "" {
			yaml += "brand:\n  logo: " + logo + "\n  logo_alt: T\n"
		}
		cfg, err := config.Parse("site.yaml", []byte(yaml))
		if err != nil {
			t.Fatal(err)
		}
		return &site.Site{Config: cfg}
	}
	const head = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20">`
	pngLogo := []byte("\x89PNG\r\n\x1a\n not decoded by cardLogo")
	fsys := fstest.MapFS{
		"static/ok.svg":       {Data: []byte(head + `<rect width="40" height="20" fill="#17527a"/></svg>`)},
		"static/gradient.svg": {Data: []byte(head + "\n<linearGradient id=\"g\"/>\n<rect width=\"40\" height=\"20\" fill=\"url(#g)\"/></svg>")},
		"static/bad.svg":      {Data: []byte(head + "\n<path d=\"M 0 0 L 10\"/></svg>")},
		"static/logo.png":     {Data: pngLogo},
	}
	for _, tt := range []struct {
		logo string
		png  bool     // a PNG comes back
		warn []string // what the warning says, if there is one
	}{
		{logo: ""},
		{logo: "static/ok.svg", png: true},
		{logo: "static/logo.png", png: true},
		{logo: "static/gradient.svg", warn: []string{
			"brand: logo static/gradient.svg: share cards show the site name without the logo: the SVG uses <linearGradient> (line 3), which folio cannot draw; export the logo as a PNG and point brand: logo at it",
		}},
		{logo: "static/bad.svg", warn: []string{"share cards show the site name without the logo", "does not parse: line 2: <path>", "a number is missing"}},
	} {
		s := siteWith(tt.logo)
		got, warn, err := cardLogo(fsys, s, d)
		if err != nil {
			t.Errorf("cardLogo(%q): %v", tt.logo, err)
			continue
		}
		switch {
		case !tt.png && got != nil:
			t.Errorf("cardLogo(%q) = %d bytes; want none", tt.logo, len(got))
		case tt.png && tt.logo == "static/logo.png" && !bytes.Equal(got, pngLogo):
			t.Errorf("cardLogo(%q) changed the PNG", tt.logo)
		case tt.png && tt.logo != "static/logo.png":
			if _, err := png.Decode(bytes.NewReader(got)); err != nil {
				t.Errorf("cardLogo(%q) gave no PNG: %v", tt.logo, err)
			}
		}
		if len(tt.warn) == 0 {
			if warn != nil {
				t.Errorf("cardLogo(%q) warns %v; want no warning", tt.logo, warn)
			}
			continue
		}
		if warn == nil {
			t.Errorf("cardLogo(%q) gave no warning; want one", tt.logo)
			continue
		}
		if warn.Severity != diag.SevWarning || warn.Pos != s.Config.Brand.LogoPos || warn.Pos.Line == 0 {
			t.Errorf("cardLogo(%q) warning at %v, severity %v; want a warning at brand: logo (%v)", tt.logo, warn.Pos, warn.Severity, s.Config.Brand.LogoPos)
		}
		for _, w := range tt.warn {
			if !strings.Contains(warn.Err.Error(), w) {
				t.Errorf("cardLogo(%q) warns %q; want it to say %q", tt.logo, warn.Err, w)
			}
		}
	}
}
