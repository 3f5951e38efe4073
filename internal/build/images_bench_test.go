package build

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"folio/internal/site"
)

// BenchmarkImages publishes 200 phone photos (4032×3024, JPEG) in every width: cold,
// with an empty image cache, and warm, with the widths of the previous build cached.
// The photos are made here: 8 different ones, each saved again and again with a
// different comment, so that every file is its own cache entry and costs a real
// photo's work. FOLIO_BENCH_PHOTOS sets their number.
func BenchmarkImages(b *testing.B) {
	n := 200
	if v := os.Getenv("FOLIO_BENCH_PHOTOS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("FOLIO_BENCH_PHOTOS=%q: want a number of photos", v)
		}
	}
	dir := b.TempDir()
	var files []site.File
	for i := range min(n, 8) {
		photo := photo(b, 4032, 3024, uint64(i))
		for j := i; j < n; j += 8 {
			name := fmt.Sprintf("photo-%03d.jpg", j)
			comment := fmt.Sprintf("photo %d", j)
			seg := append([]byte{0xFF, 0xFE, 0, byte(len(comment) + 2)}, comment...)
			data := append(append(append([]byte{}, photo[:2]...), seg...), photo[2:]...)
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				b.Fatal(err)
			}
			files = append(files, site.File{Src: name, Dst: "p/" + name, Widths: []int{480, 800, 1200, 1600}, Resize: true})
		}
	}
	fsys := os.DirFS(dir)
	cache := filepath.Join(b.TempDir(), "images")
	run := func(b *testing.B) {
		c := openImageCache(cache, true, nil)
		if errs := publishFiles(&memOutput{files: Files{}}, fsys, files, c); errs.HasErrors() {
			b.Fatal(errs)
		}
		c.prune()
	}
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			os.RemoveAll(cache)
			b.StartTimer()
			run(b)
		}
	})
	b.Run("warm", func(b *testing.B) {
		run(b)
		for b.Loop() {
			run(b)
		}
	})
}

// PhotoForTest is photo, for the tests of package build_test.
var PhotoForTest = photo

// photo encodes a w×h JPEG that compresses like a phone photo (about 4 MB at 4032×3024),
// so that its published widths weigh what a real photo's would (about 90 kB at 800 px).
// seed varies it.
func photo(tb testing.TB, w, h int, seed uint64) []byte {
	tb.Helper()
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	r := rand.New(rand.NewPCG(seed, 1))
	// Detail at two scales, as leaves and gravel give: 5 px patches, which survive
	// resizing as a real scene's detail does, and a camera's grain, which does not.
	const cell = 5
	gw := w/cell + 2
	tex := make([]int, gw*(h/cell+2))
	for i := range tex {
		tex[i] = r.IntN(40)
	}
	for y := range h {
		for x := range w {
			img.Y[y*img.YStride+x] = uint8(min(50+100*x/w+50*y/h+tex[(y/cell)*gw+x/cell]+r.IntN(16), 255))
		}
	}
	for y := range (h + 1) / 2 {
		for x := range (w + 1) / 2 {
			img.Cb[y*img.CStride+x] = uint8(110 + 30*x/w + tex[(2*y/cell)*gw+2*x/cell]/4)
			img.Cr[y*img.CStride+x] = uint8(140 - 30*y/h + r.IntN(6))
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
