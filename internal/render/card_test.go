package render_test

import (
	"io/fs"
	"maps"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"folio/internal/render"
	"folio/themes"
)

// renderAll renders every page of the site in fsys with its theme (the default one plus
// the site's layouts/ overrides) and returns them by output path.
func renderAll(t *testing.T, fsys fs.FS) (map[string]string, error) {
	t.Helper()
	s, th := siteAndTheme(t, fsys)
	r, err := render.New(s, th, "folio test")
	if err != nil {
		return nil, err
	}
	return collect(r)
}

// collect renders every page with r and returns the pages it emits by output path.
func collect(r *render.Renderer) (map[string]string, error) {
	var mu sync.Mutex
	out := map[string]string{}
	_, errs := r.Render(func(path string, _ uint64, data []byte) error {
		mu.Lock()
		out[path] = string(data)
		mu.Unlock()
		return nil
	}, nil)
	if errs.HasErrors() {
		return out, errs
	}
	return out, nil
}

// Pub.Card reuses each publication's card: every page must be byte for byte what the
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
