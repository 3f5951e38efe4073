package build_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/build"
	"folio/internal/corpus"
)

// decodedSize returns the pixel size of the image file at p.
func decodedSize(t *testing.T, p string) (int, int) {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, _, err := image.DecodeConfig(f)
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return c.Width, c.Height
}

// A bundle photo 2400 px wide is published at 480, 800 and 1200 px beside it and at
// 1600 px under its own name, with srcset, sizes and the published width and height;
// with a title it is a figure; {.original} keeps an image as it is; the cover, a wide
// PNG, is on the cards with alt="" and its small widths; a second build, from the
// cache, writes the same bytes.
func TestResponsiveImages(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 3, 2); err != nil {
		t.Fatal(err)
	}
	wide := image.NewPaletted(image.Rect(0, 0, 2000, 1000), color.Palette{color.White, color.Black, color.RGBA{0, 90, 160, 255}})
	for x := range 2000 {
		wide.SetColorIndex(x, x/4%1000, 2)
	}
	var chart bytes.Buffer
	if err := png.Encode(&chart, wide); err != nil {
		t.Fatal(err)
	}
	bundleBrief(t, src, "pub-00002", chart.Bytes())
	bundle := filepath.Join(src, "content", "publications", "pub-00002")
	for name, data := range map[string][]byte{"photo.jpg": build.PhotoForTest(t, 2400, 1800, 1), "kept.jpg": build.PhotoForTest(t, 1000, 750, 2)} {
		if err := os.WriteFile(filepath.Join(bundle, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	md := filepath.Join(bundle, "index.md")
	body, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	body = append(body, "\n![Tents at dawn](photo.jpg \"The camp at dawn, March 2026\")\n\n![The site plan](kept.jpg){.original}\n"...)
	if err := os.WriteFile(md, body, 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	build1 := func() map[string][]byte {
		t.Helper()
		if _, errs := build.New(build.Options{Source: src, Dest: dest}).Build(); errs.HasErrors() {
			t.Fatalf("build: %v", errs)
		}
		files := map[string][]byte{}
		filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.Contains(p, "pub-00002") {
				files[p], _ = os.ReadFile(p)
			}
			return nil
		})
		return files
	}
	first := build1()
	out := filepath.Join(dest, "publications", "pub-00002")
	for name, w := range map[string]int{"photo-480w.jpg": 480, "photo-800w.jpg": 800, "photo-1200w.jpg": 1200, "photo.jpg": 1600, "kept.jpg": 1000,
		"chart-480w.png": 480, "chart-800w.png": 800, "chart-1200w.png": 1200, "chart.png": 1600} {
		if gw, gh := decodedSize(t, filepath.Join(out, name)); gw != w || gh != w*3/4 && !strings.HasPrefix(name, "chart") || strings.HasPrefix(name, "chart") && gh != w/2 {
			t.Errorf("%s is %d×%d; want %d wide, in proportion", name, gw, gh, w)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "kept-480w.jpg")); err == nil {
		t.Errorf("kept.jpg, marked {.original}, has a 480 px copy")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "chart-480w.png")); len(b) < 26 || b[25] != 3 {
		t.Errorf("chart-480w.png lost its palette (colour type %v; want 3)", b[25:26])
	}
	page := string(first[filepath.Join(out, "index.html")])
	for _, want := range []string{
		`<figure id="`,
		`<img src="/publications/pub-00002/photo.jpg" alt="Tents at dawn" width="1600" height="1200" srcset="/publications/pub-00002/photo-480w.jpg 480w, /publications/pub-00002/photo-800w.jpg 800w, /publications/pub-00002/photo-1200w.jpg 1200w, /publications/pub-00002/photo.jpg 1600w" sizes="(min-width: 44.5rem) 42rem, calc(100vw - 2.5rem)" loading="lazy" decoding="async"><figcaption>The camp at dawn, March 2026</figcaption></figure>`,
		`<img src="/publications/pub-00002/kept.jpg" alt="The site plan" width="1000" height="750" loading="lazy" decoding="async">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("publication page lacks %s", want)
		}
	}
	print := string(first[filepath.Join(out, "print", "index.html")])
	if strings.Contains(print, "srcset") || strings.Contains(print, `loading="lazy"`) || !strings.Contains(print, `src="../photo.jpg"`) {
		t.Errorf("print edition does not show the largest width alone:\n%s", print)
	}
	home, err := os.ReadFile(filepath.Join(dest, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	card := `<img class="card-cover" src="/publications/pub-00002/chart.png" srcset="/publications/pub-00002/chart-480w.png 480w, /publications/pub-00002/chart-800w.png 800w, /publications/pub-00002/chart-1200w.png 1200w, /publications/pub-00002/chart.png 1600w" sizes="6rem" alt="" width="1600" height="800" loading="lazy" decoding="async">`
	if !strings.Contains(string(home), card) {
		t.Errorf("home page lacks the cover card image %s", card)
	}
	if cover := `<img class="cover" src="/publications/pub-00002/chart.png" srcset="/publications/pub-00002/chart-480w.png 480w, /publications/pub-00002/chart-800w.png 800w, /publications/pub-00002/chart-1200w.png 1200w, /publications/pub-00002/chart.png 1600w" sizes="(min-width: 44.5rem) 42rem, calc(100vw - 2.5rem)" alt="A chart." width="1600" height="800">`; !strings.Contains(page, cover) {
		t.Errorf("publication page lacks the cover %s", cover)
	}
	cached, _ := filepath.Glob(filepath.Join(src, build.ImageCacheDir, "*"))
	if len(cached) != 8 {
		t.Errorf("image cache holds %d files; want 8 (4 widths of the photo, 4 of the chart)", len(cached))
	}
	second := build1()
	for p, data := range first {
		if !bytes.Equal(second[p], data) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}
