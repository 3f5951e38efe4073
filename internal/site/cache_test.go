package site

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/markdown"
)

// The width and height of a bundle's images are in its publication's pages: replacing an
// image by one of other dimensions, under the same name, renders the body again (the
// Cache does not stand in) and changes the publication's Fingerprint, which keys its pages.
func TestImageSizesKeyCaches(t *testing.T) {
	cfg, err := config.Parse("site.yaml", []byte(siteYAML))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"content/publications/chart/index.md": {Data: []byte(pub("Chart", "2024-01-02", "cover: chart.png\n") + "\n![A chart](chart.png)\n")},
		"content/publications/plain.md":       {Data: []byte(pub("Plain", "2024-01-01", ""))},
	}
	loads, cache := content.NewCache(), NewCache()
	build := func(w, h int) (*Publication, string) {
		t.Helper()
		var img bytes.Buffer
		png.Encode(&img, image.NewGray(image.Rect(0, 0, w, h)))
		fsys["content/publications/chart/chart.png"] = &fstest.MapFile{Data: img.Bytes()}
		pages, errs := content.Load(fsys, cfg, content.Options{Cache: loads})
		if errs.HasErrors() {
			t.Fatal(errs)
		}
		s, errs := New(cfg, fsys, pages, Options{Markdown: markdown.New(markdown.Options{}), Cache: cache})
		if errs.HasErrors() {
			t.Fatal(errs)
		}
		return s.Publications[0], bodyHTML(t, s, s.Publications[0].Page)
	}
	first, _ := build(10, 10)
	second, body := build(24, 16)
	if second.CoverW != 24 || second.CoverH != 16 {
		t.Errorf("cover size = %d×%d; want 24×16", second.CoverW, second.CoverH)
	}
	if !strings.Contains(body, `width="24" height="16"`) {
		t.Errorf("body after the image changed:\n%s", body)
	}
	if first.Fingerprint == second.Fingerprint {
		t.Error("the publication's Fingerprint did not change with its image")
	}
	if third, _ := build(24, 16); third.Fingerprint != second.Fingerprint {
		t.Error("the publication's Fingerprint changed though nothing did")
	}
}

// bodyHTML returns the HTML of p's body from s's body store.
func bodyHTML(t *testing.T, s *Site, p *content.Page) string {
	t.Helper()
	body, err := s.Bodies.Body(p)
	if err != nil {
		t.Fatal(err)
	}
	return body.HTML
}
