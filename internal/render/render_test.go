package render_test

import (
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"folio/internal/content"
	"folio/internal/markdown"
	"folio/internal/render"
	"folio/internal/site"
)

// A body store that counts its reads.
type countingBodies struct {
	site.BodyStore
	mu    sync.Mutex
	reads map[string]int
}

func (c *countingBodies) Body(p *content.Page) (markdown.Body, error) {
	c.mu.Lock()
	c.reads[p.Source]++
	c.mu.Unlock()
	return c.BodyStore.Body(p)
}

// Each publication's body is read from the store once for each page executed that shows
// it, its print edition and its own page, and not for a page reused; the pages are
// those rendered with every body in memory.
func TestBodyReadOncePerPage(t *testing.T) {
	want, err := renderAll(t, corpusFS(t, 30))
	if err != nil {
		t.Fatal(err)
	}
	for _, reusePrint := range []bool{false, true} {
		s, th := siteAndTheme(t, corpusFS(t, 30))
		bodies := &countingBodies{BodyStore: s.Bodies, reads: map[string]int{}}
		s.Bodies = bodies
		r, err := render.New(s, th, render.Options{Generator: "folio test"})
		if err != nil {
			t.Fatal(err)
		}
		var reuse func(string) bool
		if reusePrint {
			reuse = func(path string) bool { return strings.HasSuffix(path, "/print/index.html") }
		}
		got, err := collectReusing(r, reuse)
		if err != nil {
			t.Fatal(err)
		}
		for path, page := range got {
			if want[path] != page {
				t.Errorf("reuse print %v: %s differs from the page rendered with the body in memory", reusePrint, path)
			}
		}
		emitted := len(want) // a reused page is already in the output: not emitted
		if reusePrint {
			emitted -= len(s.Publications)
		}
		if len(got) != emitted {
			t.Errorf("reuse print %v: %d pages emitted, want %d", reusePrint, len(got), emitted)
		}
		reads := 2
		if reusePrint {
			reads = 1
		}
		for _, p := range s.Publications {
			if n := bodies.reads[p.Source]; n != reads {
				t.Errorf("reuse print %v: %s: body read %d times, want %d", reusePrint, p.Source, n, reads)
			}
		}
	}
}

// A page whose template writes nothing (a site's empty layout) is still a page: passed
// to the Output, and its print edition told to Printed as made, not reused.
func TestEmptyPageIsEmitted(t *testing.T) {
	fsys := corpusFS(t, 3).(fstest.MapFS)
	fsys["layouts/print.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{end}}`)}
	s, th := siteAndTheme(t, fsys)
	r, err := render.New(s, th, render.Options{Generator: "folio test"})
	if err != nil {
		t.Fatal(err)
	}
	out := &printedOutput{collector: collector{pages: map[string]string{}}}
	if _, errs := r.Render(out); errs.HasErrors() {
		t.Fatal(errs)
	}
	for _, p := range s.Publications {
		path := s.OutputPath(p.URL)
		print := strings.TrimSuffix(path, "index.html") + "print/index.html"
		if _, ok := out.pages[print]; !ok {
			t.Errorf("%s: not emitted", print)
		}
		if html, ok := out.printed[p]; !ok || html == nil {
			t.Errorf("%s: Printed told of a reused page (nil), not of an empty one", print)
		}
	}
}

// A printedOutput is a collector that keeps what Printed is told.
type printedOutput struct {
	collector
	mu      sync.Mutex
	printed map[*site.Publication][]byte
}

func (o *printedOutput) Printed(p *site.Publication, html []byte) (string, int64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.printed == nil {
		o.printed = map[*site.Publication][]byte{}
	}
	o.printed[p] = html
	return "", 0
}
