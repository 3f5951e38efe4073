package config

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestBrand(t *testing.T) {
	c, err := Parse("site.yaml", []byte(minimal+"brand:\n  logo: static/logo.svg\n  logo_alt: Example Institute\n  accent: \"#0b55a0\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	b := c.Brand
	if b.Logo != "static/logo.svg" || b.LogoAlt != "Example Institute" || b.Accent != "#0b55a0" {
		t.Errorf("brand = %+v", b)
	}
	// The dark scheme's accent is derived, and is itself readable on the dark background.
	a2, err := parseColour(b.Accent2)
	if err != nil {
		t.Fatalf("derived accent_2 %q: %v", b.Accent2, err)
	}
	for _, s := range DarkBackgrounds {
		if bg, _ := parseColour(s); contrast(a2, bg) < minContrast {
			t.Errorf("derived accent_2 %s has %.2f:1 on %s", b.Accent2, contrast(a2, bg), s)
		}
	}
	if c, err := Parse("site.yaml", []byte(minimal)); err != nil || c.Brand != (Brand{}) {
		t.Errorf("no brand: %+v, %v", c, err)
	}
}

func TestBrandErrors(t *testing.T) {
	for _, tc := range []struct{ brand, want string }{
		{"  accent: \"#f0c040\"\n", `site.yaml:8:11: accent #f0c040 has a contrast of 1.7:1 on the light background #ffffff; WCAG AA needs 4.5:1`},
		{"  accent: \"#0b55a0\"\n  accent_2: \"#0b55a0\"\n", `site.yaml:9:13: accent_2 #0b55a0 has a contrast of 2.4:1 on the dark background #121416; WCAG AA needs 4.5:1`},
		// Passes on white (4.5:1), not on the tinted panels (4.1:1).
		{"  accent: \"#767676\"\n", `site.yaml:8:11: accent #767676 has a contrast of 4.1:1 on the light background #f3f5f7; WCAG AA needs 4.5:1`},
		{"  accent: blue\n", `site.yaml:8:11: brand: accent must be a colour written #rrggbb`},
		{"  logo: static/logo.svg\n", `site.yaml:8:9: brand: a logo needs logo_alt`},
		{"  logo: static/logo.gif\n  logo_alt: X\n", `site.yaml:8:9: brand: logo must be an SVG or PNG file`},
		{"  logo: ../logo.svg\n  logo_alt: X\n", `site.yaml:8:9: brand: logo must be a file in the site folder`},
		{"  colour: \"#0b55a0\"\n", `site.yaml:8:3: unknown brand field "colour"`},
	} {
		_, err := Parse("site.yaml", []byte(minimal+"brand:\n"+tc.brand))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("brand:\n%s: error %v; want %q", tc.brand, err, tc.want)
		}
	}
}

func TestBrandLogoMissing(t *testing.T) {
	fsys := fstest.MapFS{"site.yaml": {Data: []byte(minimal + "brand:\n  logo: static/logo.svg\n  logo_alt: X\n")}}
	_, err := Load(fsys)
	if err == nil || !strings.Contains(err.Error(), "site.yaml:8:9: brand: logo static/logo.svg is not in the site folder") {
		t.Errorf("missing logo: %v", err)
	}
	fsys["static/logo.svg"] = &fstest.MapFile{Data: []byte("<svg/>")}
	if _, err := Load(fsys); err != nil {
		t.Errorf("logo present: %v", err)
	}
}
