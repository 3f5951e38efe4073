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

// cardSite is the model of a site.yaml and briefs (file name → front matter lines
// beyond the common ones), for the cards' words.
func cardSite(t *testing.T, yaml string, briefs map[string]string) *site.Site {
	t.Helper()
	cfg, err := config.Parse("site.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for name, extra := range briefs {
		fsys["content/publications/"+name] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ndate: 2024-01-02\ntype: policy-brief\nobjectives: [p]\nsummary: S.\n%s---\n", extra))}
	}
	pages, errs := content.Load(fsys, cfg, content.Options{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	s, errs := site.New(cfg, fsys, pages, site.Options{Markdown: markdown.New(markdown.Options{})})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	return s
}

// A numbered publication's share card names its number in its series; another its type.
func TestShareCardKind(t *testing.T) {
	s := cardSite(t, `title: T
base_url: https://example.org/
types: [{key: policy-brief, title: Policy brief}]
objectives: [{key: p, number: 1, title: P}]
series: [{key: pb, title: Policy Briefs, pattern: "Policy Brief No. {n}"}]
`, map[string]string{"a.md": "title: A\nseries: pb\nnumber: 12\n", "b.md": "title: B\n"})
	for _, p := range s.Publications {
		want := map[string]string{"A": "Policy Brief No. 12", "B": "Policy brief"}[p.Title]
		if got := shareCard(s, p, nil).Kind; got != want {
			t.Errorf("%s: card Kind = %q; want %q", p.Title, got, want)
		}
	}
}

// A card is in its edition's language: the edition's site title, type name and date.
func TestShareCardLanguage(t *testing.T) {
	s := cardSite(t, `title: Protecting Civilians
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
`, map[string]string{"a.md": "title: A\nlang: en\n", "b.md": "title: ب\nlang: ar\n"})
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
