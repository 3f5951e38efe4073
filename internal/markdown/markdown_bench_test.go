package markdown_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/corpus"
	"folio/internal/frontmatter"
	"folio/internal/markdown"
)

// BenchmarkMarkdownRender renders every body of a generated 1,000-publication corpus
// (internal/corpus, seed 1) with folio's Markdown renderer, on one goroutine: goldmark
// parse and render plus folio's walk (table of contents, ids, recommendations, plain
// text for search, UN document symbols as site.yaml links them by default). One op
// is the whole corpus; MB/s is Markdown body read. The
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
	r := markdown.New(markdown.Options{UNDocuments: true})
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

// BenchmarkMarkdownHostile renders bodies made to be slow or huge, each small enough for
// one quick run in CI: a long code-block language, repeated headings, a wide table and
// deep nesting (both refused), a reference to a long address used many times. Each took
// time in the square of its size, or more, before it was bounded.
//
//	go test ./internal/markdown -run XXX -bench MarkdownHostile
func BenchmarkMarkdownHostile(b *testing.B) {
	for _, bm := range []struct{ name, src string }{
		{"language", "```" + strings.Repeat("x", 10_000) + "\ncode\n```\n"},
		{"headings", strings.Repeat("## Same\n\n", 2_000)},
		{"table", "|" + strings.Repeat(" a |", 2_000) + "\n|" + strings.Repeat("-|", 2_000) + "\n" + strings.Repeat("x\n", 2_000)},
		{"quotes", strings.Repeat(">", 10_000) + " q\n"},
		{"lists", strings.Repeat("- ", 10_000) + "q\n"},
		{"brackets", strings.Repeat("[", 10_000) + "b" + strings.Repeat("]", 10_000) + "\n"},
		{"reference", "[a]: https://example.org/" + strings.Repeat("y", 1_000) + "\n\n" + strings.Repeat("[a] ", 2_000) + "\n"},
		{"symbols", symbols(20_000)},
	} {
		b.Run(bm.name, func(b *testing.B) {
			r := markdown.New(markdown.Options{UNDocuments: true})
			b.SetBytes(int64(len(bm.src)))
			for b.Loop() {
				r.Render("a.md", []byte(bm.src), nil)
			}
		})
	}
}

// symbols is a paragraph citing n different UN documents: each is a link and an entry
// of Doc.Documents.
func symbols(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "S/RES/%d (2023) ", i+1)
	}
	return b.String() + "\n"
}
