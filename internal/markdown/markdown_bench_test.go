package markdown_test

import (
	"os"
	"path/filepath"
	"testing"

	"folio/internal/corpus"
	"folio/internal/frontmatter"
	"folio/internal/markdown"
)

// BenchmarkMarkdownRender renders every body of a generated 1,000-publication corpus
// (internal/corpus, seed 1) with folio's Markdown renderer, on one goroutine: goldmark
// parse and render plus folio's walk (table of contents, ids, recommendations, plain
// text for search). One op is the whole corpus; MB/s is Markdown body read. The
// goldmark-only floor of the same work is bench/floor.
//
//	go test ./internal/markdown -run XXX -bench MarkdownRender
func BenchmarkMarkdownRender(b *testing.B) {
	type body struct {
		name string
		src  []byte
	}
	dir := b.TempDir()
	if err := corpus.Generate(dir, 1000, 1); err != nil {
		b.Fatal(err)
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "content", "publications", "*.md"))
	if len(paths) != 1000 {
		b.Fatalf("generated %d files", len(paths))
	}
	var bodies []body
	var total int64
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		name := "content/publications/" + filepath.Base(p)
		doc, err := frontmatter.Parse(name, src)
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, body{name, doc.Body})
		total += int64(len(doc.Body))
	}
	r := markdown.New(markdown.Options{})
	for _, x := range bodies[:10] {
		if _, errs := r.Render(x.name, x.src, nil); errs.HasErrors() {
			b.Fatal(errs)
		}
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, x := range bodies {
			r.Render(x.name, x.src, nil)
		}
	}
}
