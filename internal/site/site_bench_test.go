package site_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/corpus"
	"folio/internal/markdown"
	"folio/internal/site"
)

// BenchmarkSiteNew builds the site model (site.New) from the loaded pages of a
// generated 1,000-publication corpus (internal/corpus, seed 1), held in memory. One op
// is one model of the whole site.
//
//	go test ./internal/site -run XXX -bench SiteNew
//
// Sub-benchmark uncached is what a build does: Markdown rendering of every body
// included (in parallel on GOMAXPROCS goroutines), then taxonomies, fragment checks,
// related publications, recommendations. Sub-benchmark cached runs with a site.Cache
// that already holds every render and the related publications (folio serve after a
// change that touched no body): the model alone.
func BenchmarkSiteNew(b *testing.B) {
	fsys := corpusFS(b, 1000)
	cfg, err := config.Load(fsys)
	if err != nil {
		b.Fatal(err)
	}
	pages, errs := content.Load(fsys, cfg, content.Options{})
	if errs.HasErrors() {
		b.Fatal(errs)
	}
	md := markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML})
	model := func(b *testing.B, cache *site.Cache) *site.Site {
		s, errs := site.New(cfg, fsys, pages, site.Options{Markdown: md, UnsafeHTML: cfg.UnsafeHTML, Cache: cache})
		if errs.HasErrors() {
			b.Fatal(errs)
		}
		return s
	}
	b.Run("uncached", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			model(b, nil)
		}
	})
	b.Run("cached", func(b *testing.B) {
		cache := site.NewCache()
		model(b, cache)
		b.ReportAllocs()
		for b.Loop() {
			model(b, cache)
		}
	})
}

// corpusFS generates n publications and returns the site folder as an in-memory fs.
func corpusFS(b *testing.B, n int) fs.FS {
	b.Helper()
	dir := b.TempDir()
	if err := corpus.Generate(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	m := fstest.MapFS{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data, Mode: 0o644}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return m
}
