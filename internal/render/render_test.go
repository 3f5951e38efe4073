package render_test

import (
	"strings"
	"sync"
	"testing"

	"folio/internal/render"
	"folio/internal/site"
)

// When bodies were set aside (a lean build), each publication's body is read back once
// for its print edition and its page together, whether or not the print edition is
// executed, and every page is as when the bodies stayed in memory.
func TestSetAsideBodyReadOncePerPublication(t *testing.T) {
	want, err := renderAll(t, corpusFS(t, 30))
	if err != nil {
		t.Fatal(err)
	}
	for _, reusePrint := range []bool{false, true} {
		s, th := siteAndTheme(t, corpusFS(t, 30))
		bodies := map[*site.Publication]string{}
		for _, p := range s.Publications {
			bodies[p], p.Doc.HTML = p.Doc.HTML, ""
		}
		var mu sync.Mutex
		reads := map[*site.Publication]int{}
		r, err := render.New(s, th, "folio test")
		if err != nil {
			t.Fatal(err)
		}
		r.BodyHTML = func(p *site.Publication) (string, error) {
			mu.Lock()
			reads[p]++
			mu.Unlock()
			return strings.Clone(bodies[p]), nil
		}
		if reusePrint {
			r.Reuse = func(path string, _ uint64) bool { return strings.HasSuffix(path, "/print/index.html") }
		}
		got, err := collect(r)
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
		for _, p := range s.Publications {
			if reads[p] != 1 {
				t.Errorf("reuse print %v: %s: body read %d times, want once", reusePrint, p.Source, reads[p])
			}
		}
	}
}
