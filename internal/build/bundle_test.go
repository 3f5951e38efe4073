package build_test

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"folio/internal/build"
	"folio/internal/corpus"
)

// A rebuild in memory (folio serve) after a bundle's image is replaced by one of other
// dimensions, under the same name, shows the new size, as a cold build does: the
// rendered bodies and pages kept between builds are keyed by the image too.
func TestRebuildFollowsBundleImages(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 8, 4); err != nil {
		t.Fatal(err)
	}
	bundleBrief(t, src, "pub-00002", pngOf(t, 10, 10))
	b := build.New(build.Options{Source: src, Version: "test"})
	if _, _, errs := b.BuildMemory(); errs.HasErrors() {
		t.Fatal(errs)
	}
	if err := os.WriteFile(filepath.Join(src, "content", "publications", "pub-00002", "chart.png"), pngOf(t, 24, 16), 0o644); err != nil {
		t.Fatal(err)
	}
	res, warm, errs := b.BuildMemory()
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	for p, want := range map[string]int{"publications/pub-00002/index.html": 2, "publications/pub-00002/print/index.html": 1} {
		if n := bytes.Count(warm[p], []byte(`width="24" height="16"`)); n != want {
			t.Errorf("%s gives the new chart's size %d times; want %d (the cover on the page, the chart in the body)", p, n, want)
		}
	}
	if res.Rendered != 1 {
		t.Errorf("%d bodies rendered again; want 1, the bundle's", res.Rendered)
	}
	_, cold, errs := build.New(build.Options{Source: src, Version: "test"}).BuildMemory()
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	same(t, cold, warm)
}

// bundleBrief turns content/publications/<slug>.md into a bundle holding chart.png
// (data), which is its cover and is shown in its body.
func bundleBrief(t *testing.T, src, slug string, data []byte) {
	t.Helper()
	pubs := filepath.Join(src, "content", "publications")
	md, err := os.ReadFile(filepath.Join(pubs, slug+".md"))
	if err != nil {
		t.Fatal(err)
	}
	md = bytes.Replace(md, []byte("---\n"), []byte("---\ncover: chart.png\ncover_alt: A chart.\n"), 1)
	md = append(md, "\n![The chart](chart.png)\n"...)
	if err := os.Mkdir(filepath.Join(pubs, slug), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"index.md": md, "chart.png": data} {
		if err := os.WriteFile(filepath.Join(pubs, slug, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Remove(filepath.Join(pubs, slug+".md")); err != nil {
		t.Fatal(err)
	}
}

// pngOf encodes a blank w×h PNG.
func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
