package site

import (
	"strconv"
	"strings"
	"testing"
)

const brandYAML = siteYAML + "brand:\n  logo: art/logo%s\n  logo_alt: Example Institute\n"

// The brand's logo is published under static/brand/ with a content-hashed URL, sized to
// the header's height at the file's proportions, whether SVG or PNG.
func TestLogo(t *testing.T) {
	for _, tc := range []struct {
		ext, data   string
		w, typ, url string
	}{
		{".svg", `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 40"/>`, "80", "image/svg+xml", "/sub/static/brand/logo.svg?v="},
		{".svg", `<svg xmlns="http://www.w3.org/2000/svg" width="20px" height="40px" viewBox="0 0 1 1"/>`, "20", "image/svg+xml", "/sub/static/brand/logo.svg?v="},
		{".png", pngBytes(t, 300, 100), "120", "image/png", "/sub/static/brand/logo.png?v="},
	} {
		s, errs := loadWith(t, strings.Replace(brandYAML, "%s", tc.ext, 1), map[string]string{"art/logo" + tc.ext: tc.data, "content/publications/a.md": pub("A", "2024-01-02", "")}, Options{})
		if errs != "" {
			t.Fatalf("%s: %s", tc.ext, errs)
		}
		l := s.Logo
		if l == nil || !strings.HasPrefix(l.URL, tc.url) || len(l.URL) != len(tc.url)+10 || l.Type != tc.typ || l.Alt != "Example Institute" ||
			l.Height != LogoHeight || strconv.Itoa(l.Width) != tc.w {
			t.Errorf("%s: logo = %+v", tc.ext, l)
		}
		var copied bool
		for _, f := range s.Files {
			copied = copied || f.Src == "art/logo"+tc.ext && f.Dst == "static/brand/logo"+tc.ext
		}
		if !copied {
			t.Errorf("%s: logo not among the files to copy: %+v", tc.ext, s.Files)
		}
	}
}

func TestLogoErrors(t *testing.T) {
	for _, tc := range []struct{ ext, data, want string }{
		{".svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`, "site.yaml:8:9: brand: logo art/logo.svg: give the <svg> element a viewBox"},
		{".svg", `<html></html>`, "site.yaml:8:9: brand: logo art/logo.svg: not an SVG file: it starts with <html>"},
		{".png", "GIF89a\x01\x00\x01\x00\x00\x00\x00;", "site.yaml:8:9: brand: logo art/logo.png: not a PNG image folio can read"},
	} {
		_, errs := loadWith(t, strings.Replace(brandYAML, "%s", tc.ext, 1), map[string]string{"art/logo" + tc.ext: tc.data, "content/publications/a.md": pub("A", "2024-01-02", "")}, Options{})
		if !strings.Contains(errs, tc.want) {
			t.Errorf("%s %q: errors %q; want %q", tc.ext, tc.data, errs, tc.want)
		}
	}
}
