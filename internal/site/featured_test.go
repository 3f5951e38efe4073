package site

import (
	"testing"
	"testing/fstest"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/markdown"
)

// The home page's featured publication is the newest with featured: true that readers
// can see: not one held back for its embargo, even when --future shows it, nor a draft,
// even when --drafts does.
func TestFeatured(t *testing.T) {
	files := map[string]string{
		"content/publications/old.md":      pub("Old", "2026-01-01", "featured: true\n"),
		"content/publications/chosen.md":   pub("Chosen", "2026-06-01", "featured: true\n"),
		"content/publications/newest.md":   pub("Newest", "2026-11-01", ""),
		"content/publications/draft.md":    pub("Draft", "2026-11-02", "featured: true\ndraft: true\n"),
		"content/publications/embargo.md":  pub("Embargoed", "2026-12-10", "featured: true\nembargo: 2026-12-10T09:00\n"),
		"content/publications/disowned.md": pub("Disowned", "2026-07-01", "featured: false\n"),
	}
	cfg, err := config.Parse("site.yaml", []byte(siteYAML+"timezone: Europe/Zurich\n"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	pages, errs := content.Load(fsys, cfg, content.Options{Drafts: true})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	s, errs := New(cfg, fsys, pages, Options{Markdown: markdown.New(markdown.Options{}), Future: true, At: zurich(t, "2026-12-05 12:00")})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if len(s.Publications) != 6 {
		t.Fatalf("%d publications; want all 6 with --drafts and --future", len(s.Publications))
	}
	if s.Featured == nil || s.Featured.Title != "Chosen" {
		t.Errorf("featured = %+v; want Chosen", s.Featured)
	}

	none, _ := load(t, map[string]string{"content/publications/a.md": pub("A", "2024-01-02", "")})
	if none.Featured != nil {
		t.Errorf("featured = %s without featured: true", none.Featured.Title)
	}
}
