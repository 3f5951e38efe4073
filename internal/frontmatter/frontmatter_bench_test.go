package frontmatter_test

import (
	"os"
	"path/filepath"
	"testing"

	"folio/internal/corpus"
	"folio/internal/frontmatter"
)

// BenchmarkFrontmatterParse splits every file of a generated 1,000-publication corpus
// (internal/corpus, seed 1) into YAML front matter and body, on one goroutine. One op
// is the whole corpus; MB/s is Markdown source read.
//
//	go test ./internal/frontmatter -run XXX -bench FrontmatterParse
func BenchmarkFrontmatterParse(b *testing.B) {
	files := corpusFiles(b, 1000)
	var total int64
	for _, f := range files {
		total += int64(len(f.data))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			if _, err := frontmatter.Parse(f.name, f.data); err != nil {
				b.Fatal(err)
			}
		}
	}
}

type file struct {
	name string
	data []byte
}

// corpusFiles generates n publications and returns their source files, in memory.
func corpusFiles(b *testing.B, n int) []file {
	b.Helper()
	dir := b.TempDir()
	if err := corpus.Generate(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	paths, err := filepath.Glob(filepath.Join(dir, "content", "publications", "*.md"))
	if err != nil || len(paths) != n {
		b.Fatalf("generated %d files (%v)", len(paths), err)
	}
	files := make([]file, len(paths))
	for i, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		files[i] = file{"content/publications/" + filepath.Base(p), data}
	}
	return files
}
