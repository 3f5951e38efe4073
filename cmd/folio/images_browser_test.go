package main

// The budget of issue 18, measured in headless Chromium: a brief with three phone
// photos, opened on a phone, costs little before the reader scrolls and not much more
// scrolled to its end.

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"folio/internal/build"
	"folio/internal/corpus"
	"folio/internal/pdf"
)

// phonePhoto encodes a w×h JPEG that weighs what a phone's photo does (about 4 MB at
// 4032×3024), and whose smaller widths weigh what a real photo's do (about 90 kB at
// 800 px). It is internal/build's PhotoForTest, which this package cannot import.
func phonePhoto(t *testing.T, w, h int, seed uint64) []byte {
	t.Helper()
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
		t.Fatal(err)
	}
	return buf.Bytes()
}

// photoBrief writes a brief with three phone photos, each a figure between paragraphs,
// into a generated site, and returns the site folder and the photos' total size.
func photoBrief(t *testing.T) (string, int) {
	t.Helper()
	src := t.TempDir()
	if err := corpus.Generate(src, 3, 7); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(src, "content", "publications", "field-photos")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	para := strings.Repeat("Patrols reached the displacement site twice a week during the rainy season, and the community alert network reported incidents within the hour. ", 5)
	var md strings.Builder
	md.WriteString("---\ntitle: Field photos from the protection sites\ndate: 2026-03-02\ntype: report\nobjectives: [priority]\nsummary: Three photos from the protection sites, with what they show.\n---\n\n")
	total := 0
	for i := range 3 {
		name := fmt.Sprintf("site-%d.jpg", i+1)
		photo := phonePhoto(t, 4032, 3024, uint64(i))
		total += len(photo)
		if err := os.WriteFile(filepath.Join(dir, name), photo, 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&md, "%s\n\n%s\n\n![Tents at the protection site, seen from the gate](%s \"Protection site %d, March 2026\")\n\n", para, para, name, i+1)
	}
	md.WriteString(para + "\n")
	if err := os.WriteFile(filepath.Join(dir, "index.md"), []byte(md.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return src, total
}

// TestPhotoPageBudget opens the brief on a 390 px wide phone at device pixel ratio 2:
// under 350 kB (HTML, CSS, images) before scrolling, under 600 kB scrolled to the end.
// Bytes are counted as the server sends them, uncompressed.
func TestPhotoPageBudget(t *testing.T) {
	chrome := needChromium(t)
	src, originals := photoBrief(t)
	dest := filepath.Join(t.TempDir(), "public")
	if _, errs := build.Run(build.Options{Source: src, Dest: dest, Version: "test"}); errs.HasErrors() {
		t.Fatalf("build: %v", errs)
	}
	var sent atomic.Int64
	var mu sync.Mutex
	var got []string
	files := http.FileServer(http.Dir(dest))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &countingWriter{ResponseWriter: w, n: &sent}
		files.ServeHTTP(cw, r)
		mu.Lock()
		got = append(got, r.URL.Path)
		mu.Unlock()
	}))
	t.Cleanup(srv.Close)
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("test server at %s, not on 127.0.0.1", srv.URL)
	}
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), pdf.Flags(chrome, t.TempDir(), true)...)
	defer allocCancel()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute) // a hang guard: it takes seconds
	defer cancelTimeout()
	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	run("emulating a phone", chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	run("opening the brief", chromedp.Navigate(srv.URL+"/publications/field-photos/")) // returns after the load event
	// settle returns, once every image the page has asked for has arrived, how many
	// it has not asked for: a lazy image not yet near the screen has no currentSrc.
	// The two frames first let the browser decide which lazy images to load. Every
	// byte the browser has is counted by then: the server counts before it writes.
	settle := func() int {
		t.Helper()
		waiting, err := chromedp.Run(ctx, chromedp.Evaluate[int](`(async () => {
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const asked = [...document.images].filter((img) => img.currentSrc !== "");
  await Promise.allSettled(asked.map((img) => img.decode()));
  return document.images.length - asked.length;
})()`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("waiting for the images: %v", err)
		}
		return waiting
	}
	settle()
	first := sent.Load()
	// Scrolling as a reader does, a frame at a time, so that every lazy image comes
	// near the screen on the way down.
	run("scrolling to the end", chromedp.Evaluate[chromedp.Void](`(async () => {
  for (let i = 0; i < 100 && scrollY + innerHeight < document.documentElement.scrollHeight; i++) {
    scrollBy(0, 400);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }
})()`, chromedp.EvalAwaitPromise))
	if n := settle(); n != 0 {
		t.Fatalf("scrolled to the end, %d images were never loaded", n)
	}
	end := sent.Load()
	mu.Lock()
	t.Logf("requests: %s", strings.Join(got, " "))
	mu.Unlock()
	t.Logf("before scrolling: %d kB; scrolled to the end: %d kB; the three original photos alone: %d kB", first/1000, end/1000, originals/1000)
	if first >= 350_000 {
		t.Errorf("before scrolling the page cost %d kB; want under 350 kB", first/1000)
	}
	if end >= 600_000 {
		t.Errorf("scrolled to the end the page cost %d kB; want under 600 kB", end/1000)
	}
}

// countingWriter adds the bytes of a response body to n.
type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (w *countingWriter) Write(b []byte) (int, error) {
	w.n.Add(int64(len(b))) // before the browser can have them
	return w.ResponseWriter.Write(b)
}
