package render_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/corpus"
	"folio/internal/markdown"
	"folio/internal/render"
	"folio/internal/site"
	"folio/internal/theme"
)

// BenchmarkRender executes every page template of a generated 1,000-publication site
// (internal/corpus, seed 1) with the default theme: render.New (the shared views and
// citations) and Renderer.Render (publication pages, print editions, paginated lists,
// taxonomy and term pages, home, recommendations, 404, redirects), in parallel on
// GOMAXPROCS goroutines as in a build. The pages are counted and dropped, not written.
// One op is the whole site; MB/s is HTML produced.
//
//	go test ./internal/render -run XXX -bench Render
func BenchmarkRender(b *testing.B) {
	s, th := siteAndTheme(b, corpusFS(b, 1000))
	out := &countingOutput{}
	run := func() {
		rd, err := render.New(s, th, render.Options{Generator: "folio bench"})
		if err != nil {
			b.Fatal(err)
		}
		if _, errs := rd.Render(out); errs.HasErrors() {
			b.Fatal(errs)
		}
	}
	run()
	b.SetBytes(out.bytes.Load())
	perOp := out.files.Load()
	b.ReportAllocs()
	for b.Loop() {
		run()
	}
	b.ReportMetric(float64(perOp), "pages/op")
}

// countingOutput counts the pages and bytes it is given and keeps none.
type countingOutput struct{ files, bytes atomic.Int64 }

func (*countingOutput) Reuse(string, uint64) bool { return false }

func (c *countingOutput) Page(_ string, _ uint64, data []byte) error {
	c.files.Add(1)
	c.bytes.Add(int64(len(data)))
	return nil
}

func (*countingOutput) Printed(*site.Publication, []byte) (string, int64) { return "", 0 }

// siteAndTheme models the site in fsys and loads its theme (the default one with the
// site's layouts/ overrides), as a build does.
func siteAndTheme(tb testing.TB, fsys fs.FS) (*site.Site, *theme.Theme) {
	tb.Helper()
	cfg, err := config.Load(fsys)
	if err != nil {
		tb.Fatal(err)
	}
	pages, errs := content.Load(fsys, cfg, content.Options{})
	if errs.HasErrors() {
		tb.Fatal(errs)
	}
	s, errs := site.New(cfg, fsys, pages, site.Options{Markdown: markdown.New(markdown.Options{})})
	if errs.HasErrors() {
		tb.Fatal(errs)
	}
	assets := render.NewAssets(s.BasePath)
	th, err := theme.Load(fsys, cfg.Theme, render.Funcs(assets))
	if err != nil {
		tb.Fatal(err)
	}
	if err := assets.Hash(th.Static); err != nil {
		tb.Fatal(err)
	}
	return s, th
}

// corpusFS generates n publications and returns the site folder as an in-memory fs.
func corpusFS(b testing.TB, n int) fs.FS {
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
