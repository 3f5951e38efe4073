package site

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/markdown"
)

// withBody is a publication with body text.
func withBody(title, date, extra, body string) string {
	return strings.TrimSuffix(pub(title, date, extra), "Body.\n") + body + "\n"
}

// documentsSite builds the model at the moment at, with the renderer set as site.yaml
// says (as build does).
func documentsSite(t *testing.T, yaml string, files map[string]string, at time.Time, cache *Cache) *Site {
	t.Helper()
	cfg, err := config.Parse("site.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	pages, errs := content.Load(fsys, cfg, content.Options{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	s, errs := New(cfg, fsys, pages, Options{Markdown: markdown.New(markdown.Options{UNDocuments: cfg.UNDocuments}), At: at, Cache: cache})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	return s
}

func documentList(s *Site) string {
	var out []string
	for _, d := range s.Documents {
		var slugs []string
		for _, p := range d.Publications {
			slugs = append(slugs, p.Slug)
		}
		out = append(out, fmt.Sprintf("%s %s [%s]", d.Symbol, d.URL, strings.Join(slugs, " ")))
	}
	return strings.Join(out, "\n")
}

// Every UN document the public publications cite, once, with the publications citing
// it newest first; not those of drafts, held-back publications or plain pages.
func TestDocuments(t *testing.T) {
	files := map[string]string{
		"content/publications/new.md":   withBody("New", "2026-11-02", "", "Under S/RES/2719 and A/78/744, see S/2024/123."),
		"content/publications/old.md":   withBody("Old", "2025-01-02", "", "Resolution S/RES/2719 (2023) and A/RES/78/265."),
		"content/publications/draft.md": withBody("Draft", "2026-11-01", "draft: true\n", "Draft cites S/2024/999."),
		"content/publications/held.md":  withBody("Held", "2027-01-02", "", "Embargoed cites S/2025/1 and S/RES/2719."),
		"content/pages/about.md":        "---\ntitle: About\n---\nAbout cites A/79/1.\n",
	}
	s := documentsSite(t, siteYAML, files, time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC), nil)
	want := strings.Join([]string{
		"S/RES/2719 (2023) https://undocs.org/S/RES/2719%20%282023%29 [new old]",
		"S/2024/123 https://undocs.org/S/2024/123 [new]",
		"A/RES/78/265 https://undocs.org/A/RES/78/265 [old]",
		"A/78/744 https://undocs.org/A/78/744 [new]",
	}, "\n")
	if got := documentList(s); got != want {
		t.Errorf("documents:\n%s\nwant\n%s", got, want)
	}
	if !strings.Contains(bodyHTML(t, s, s.Pages[0].Page), `href="https://undocs.org/A/79/1"`) {
		t.Errorf("a plain page's symbols are linked too: %s", bodyHTML(t, s, s.Pages[0].Page))
	}

	off := documentsSite(t, siteYAML+"un_documents: false\n", files, time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC), nil)
	if len(off.Documents) != 0 || strings.Contains(bodyHTML(t, off, off.Publications[0].Page), "undocs.org") {
		t.Errorf("un_documents: false: documents %q, body %s; want none and no links", documentList(off), bodyHTML(t, off, off.Publications[0].Page))
	}
}

// Turning un_documents off or on renders the bodies again: the Cache does not stand in.
func TestDocumentsKeyCache(t *testing.T) {
	files := map[string]string{"content/publications/a.md": withBody("A", "2024-01-02", "", "See A/78/744.")}
	cache := NewCache()
	at := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	documentsSite(t, siteYAML, files, at, cache)
	if s := documentsSite(t, siteYAML+"un_documents: false\n", files, at, cache); strings.Contains(bodyHTML(t, s, s.Publications[0].Page), "undocs.org") {
		t.Errorf("un_documents: false after a build with it: %s; want no link", bodyHTML(t, s, s.Publications[0].Page))
	}
	if s := documentsSite(t, siteYAML, files, at, cache); !strings.Contains(bodyHTML(t, s, s.Publications[0].Page), "undocs.org") {
		t.Errorf("un_documents back on: %s; want the link", bodyHTML(t, s, s.Publications[0].Page))
	}
}

// The /documents/ page is the site's own: a page there is an error naming its file.
func TestDocumentsPageClaimed(t *testing.T) {
	_, errs := load(t, map[string]string{"content/pages/documents.md": "---\ntitle: Documents\n---\n"})
	want := "content/pages/documents.md:1:1: content/pages/documents.md would be written to /documents/, which the site's own /documents/ page (un_documents: false in site.yaml turns it off) already uses"
	if errs != want {
		t.Errorf("errors = %q; want %q", errs, want)
	}
	s, errs := loadWith(t, siteYAML+"un_documents: false\n", map[string]string{"content/pages/documents.md": "---\ntitle: Documents\n---\n"}, Options{})
	if errs != "" || s.Pages[0].URL != "/sub/documents/" {
		t.Errorf("with un_documents: false, a page at /documents/: %q; want it built", errs)
	}
}
