package render_test

import (
	"io/fs"
	"maps"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"folio/internal/render"
	"folio/internal/site"
	"folio/themes"
)

// renderAll renders every page of the site in fsys with its theme (the default one plus
// the site's layouts/ overrides) and returns them by output path.
func renderAll(t *testing.T, fsys fs.FS) (map[string]string, error) {
	t.Helper()
	s, th := siteAndTheme(t, fsys)
	r, err := render.New(s, th, render.Options{Generator: "folio test"})
	if err != nil {
		return nil, err
	}
	return collect(r)
}

// A collector is a render.Output that keeps every page it is given, takes as reused the
// pages reuse names, and links no PDF.
type collector struct {
	mu    sync.Mutex
	pages map[string]string
	reuse func(path string) bool
}

func (c *collector) Reuse(path string, _ uint64) bool { return c.reuse != nil && c.reuse(path) }

func (c *collector) Page(path string, _ uint64, data []byte) error {
	c.mu.Lock()
	c.pages[path] = string(data)
	c.mu.Unlock()
	return nil
}

func (c *collector) Printed(*site.Publication, []byte) (string, int64) { return "", 0 }

// collect renders every page with r and returns the pages it emits by output path.
func collect(r *render.Renderer) (map[string]string, error) {
	return collectReusing(r, nil)
}

func collectReusing(r *render.Renderer, reuse func(path string) bool) (map[string]string, error) {
	c := &collector{pages: map[string]string{}, reuse: reuse}
	if _, errs := r.Render(c); errs.HasErrors() {
		return c.pages, errs
	}
	return c.pages, nil
}

// pub.Card reuses each publication's card: every page must be byte for byte what the
// same templates give when they execute the card partial each time.
func TestCardsAreTheTemplatesOutput(t *testing.T) {
	fsys := corpusFS(t, 60).(fstest.MapFS)
	cached, err := renderAll(t, fsys)
	if err != nil {
		t.Fatal(err)
	}
	direct := maps.Clone(fsys)
	uses := 0
	for _, name := range []string{"home.html", "publication.html", "partials/list.html"} {
		src, err := fs.ReadFile(themes.Default, "default/layouts/"+name)
		if err != nil {
			t.Fatal(err)
		}
		text := string(src)
		uses += strings.Count(text, ".Card ")
		text = strings.ReplaceAll(text, `{{.Card "card-h2"}}`, `{{template "card-h2" .}}`)
		text = strings.ReplaceAll(text, `{{.Card "partials/card.html"}}`, `{{template "partials/card.html" .}}`)
		if strings.Contains(text, ".Card ") {
			t.Fatalf("%s: a .Card call this test does not know", name)
		}
		direct["layouts/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	if uses < 3 {
		t.Fatalf("the default theme shows cards with .Card %d times; want 3 or more", uses)
	}
	want, err := renderAll(t, direct)
	if err != nil {
		t.Fatal(err)
	}
	if len(cached) != len(want) {
		t.Fatalf("%d pages with Card, %d without", len(cached), len(want))
	}
	cards := 0
	for path, page := range want {
		if cached[path] != page {
			t.Errorf("%s differs when cards are reused", path)
		}
		cards += strings.Count(page, `<article class="card">`)
	}
	if cards < 100 {
		t.Errorf("only %d cards in the whole site: the comparison shows little", cards)
	}

	broken := maps.Clone(fsys)
	broken["layouts/home.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{range .Recent}}{{.Card "nope"}}{{end}}{{end}}`)}
	if _, err := renderAll(t, broken); err == nil || !strings.Contains(err.Error(), `no template "nope"`) {
		t.Errorf("a card from a missing template: error %v", err)
	}
}
