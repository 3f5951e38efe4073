package build

import (
	"fmt"
	"testing"
	"testing/fstest"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/markdown"
	"folio/internal/render"
	"folio/internal/site"
	"folio/internal/theme"
)

// A card is in its edition's language: the edition's site title, type name and date.
func TestShareCardLanguage(t *testing.T) {
	cfg, err := config.Parse("site.yaml", []byte(`title: Protecting Civilians
base_url: https://example.org/
language: en
languages:
  - code: en
  - code: ar
    title: حماية المدنيين
    types:
      policy-brief: {title: موجز سياساتي}
types: [{key: policy-brief, title: Policy brief}]
objectives: [{key: p, number: 1, title: P}]
`))
	if err != nil {
		t.Fatal(err)
	}
	brief := "---\ntitle: %s\ndate: 2024-01-02\ntype: policy-brief\nobjectives: [p]\nsummary: S.\nlang: %s\n---\n"
	fsys := fstest.MapFS{
		"content/publications/a.md": {Data: []byte(fmt.Sprintf(brief, "A", "en"))},
		"content/publications/b.md": {Data: []byte(fmt.Sprintf(brief, "ب", "ar"))},
	}
	pages, errs := content.Load(fsys, cfg, content.Options{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	s, errs := site.New(cfg, fsys, pages, site.Options{Markdown: markdown.New(markdown.Options{})})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	th, err := theme.Load(fstest.MapFS{}, "default", render.Funcs(render.NewAssets("/")))
	if err != nil {
		t.Fatal(err)
	}
	strs, err := th.Strings([]string{"en", "ar"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][3]string{"A": {"Policy brief", "Protecting Civilians", "2 January 2024"}, "ب": {"موجز سياساتي", "حماية المدنيين", "2 يناير 2024"}}
	for _, p := range s.Publications {
		c := shareCard(s, p, strs)
		if got := [3]string{c.Kind, c.SiteName, c.Date}; got != want[p.Title] {
			t.Errorf("%s: card Kind, SiteName, Date = %q; want %q", p.Title, got, want[p.Title])
		}
	}
}
