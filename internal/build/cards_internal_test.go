package build

import (
	"fmt"
	"testing"
	"testing/fstest"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/markdown"
	"folio/internal/site"
)

// A numbered publication's share card names its number in its series; another its type.
func TestShareCardKind(t *testing.T) {
	cfg, err := config.Parse("site.yaml", []byte(`title: T
base_url: https://example.org/
types: [{key: policy-brief, title: Policy brief}]
objectives: [{key: p, number: 1, title: P}]
series: [{key: pb, title: Policy Briefs, pattern: "Policy Brief No. {n}"}]
`))
	if err != nil {
		t.Fatal(err)
	}
	brief := "---\ntitle: %s\ndate: 2024-01-02\ntype: policy-brief\nobjectives: [p]\nsummary: S.\n%s---\n"
	fsys := fstest.MapFS{
		"content/publications/a.md": {Data: []byte(fmt.Sprintf(brief, "A", "series: pb\nnumber: 12\n"))},
		"content/publications/b.md": {Data: []byte(fmt.Sprintf(brief, "B", ""))},
	}
	pages, errs := content.Load(fsys, cfg, content.Options{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	s, errs := site.New(cfg, fsys, pages, site.Options{Markdown: markdown.New(markdown.Options{})})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	for _, p := range s.Publications {
		want := map[string]string{"A": "Policy Brief No. 12", "B": "Policy brief"}[p.Title]
		if got := shareCard(s, p, nil).Kind; got != want {
			t.Errorf("%s: card Kind = %q; want %q", p.Title, got, want)
		}
	}
}
