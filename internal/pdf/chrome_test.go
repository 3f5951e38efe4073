package pdf

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"folio/internal/testtool"
)

// pdfinfo reports whether poppler's pdfinfo is installed, for the checks that need
// it. In CI (CI set), which installs it, its absence fails the test.
func pdfinfo(t testing.TB) bool {
	t.Helper()
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		if testtool.InCI() {
			testtool.Missing(t, err.Error(), "apt-get install poppler-utils") // fails the test
		}
		return false
	}
	return true
}

// needBrowser skips the test when Chromium is not installed, or fails it in CI.
func needBrowser(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("drives a browser: not in -short")
	}
	if _, err := FindChrome(""); err != nil {
		testtool.Missing(t, err.Error(), "") // the error says how to install it
	}
}

func TestFindChrome(t *testing.T) {
	_, err := FindChrome(filepath.Join(t.TempDir(), "no-such-browser"))
	if !errors.Is(err, ErrNoChrome) || !strings.Contains(err.Error(), "install Chromium (apt-get install chromium) or pass --chrome PATH") {
		t.Errorf("FindChrome(missing) = %v; want ErrNoChrome with the install hint", err)
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := FindChrome(""); !errors.Is(err, ErrNoChrome) || !strings.Contains(err.Error(), "chromium, chromium-browser, google-chrome") {
		t.Errorf("FindChrome(\"\") with an empty PATH = %v; want ErrNoChrome naming what it looked for", err)
	}
}

func TestSite(t *testing.T) {
	base, _ := url.Parse("https://Example.org/sub/")
	r := &Renderer{base: canonicalURL(base)}
	tests := []struct {
		url, rel string
		ok       bool
	}{
		{"https://example.org/sub/publications/x/print/index.html", "publications/x/print/index.html", true},
		{"https://EXAMPLE.org:443/sub/static/print.css?v=123", "static/print.css", true},
		{"https://example.org/sub/a%20b.png#frag", "a b.png", true},
		{"https://example.org/sub", "", true},
		{"https://example.org/sub/", "", true},
		{"https://example.org/subway/x", "", false},
		{"https://example.org/other/x.png", "", false},
		{"http://example.org/sub/x.png", "", false},
		{"https://example.org:8443/sub/x.png", "", false},
		{"https://evil.example/sub/x.png", "", false},
		{"https://user@example.org/sub/x.png", "", false},
		{"data:image/png;base64,AAAA", "", false},
	}
	for _, tt := range tests {
		rel, ok := r.site(tt.url)
		if rel != tt.rel || ok != tt.ok {
			t.Errorf("site(%q) = %q, %v; want %q, %v", tt.url, rel, ok, tt.rel, tt.ok)
		}
	}
}

func TestFile(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(dir, "secret.txt")
	os.WriteFile(outside, []byte("secret"), 0o644)
	out := filepath.Join(dir, "public")
	os.MkdirAll(filepath.Join(out, "a"), 0o755)
	os.WriteFile(filepath.Join(out, "index.html"), []byte("home"), 0o644)
	os.WriteFile(filepath.Join(out, "a", "index.html"), []byte("a"), 0o644)
	os.Symlink(outside, filepath.Join(out, "link.txt"))
	root, err := os.OpenRoot(out)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	r := &Renderer{root: root}
	tests := []struct{ rel, want, name string }{
		{"", "home", "index.html"},
		{"a/", "a", "a/index.html"},
		{"a", "a", "a/index.html"},
		{"a/index.html", "a", "a/index.html"},
		{"../secret.txt", "", "secret.txt"},
		{"a/../../secret.txt", "", "secret.txt"},
		{"link.txt", "", "link.txt"},
	}
	for _, tt := range tests {
		data, name, err := r.file(tt.rel)
		if string(data) != tt.want || name != tt.name || (tt.want == "") != (err != nil) {
			t.Errorf("file(%q) = %q, %q, %v; want %q, %q", tt.rel, data, name, err, tt.want, tt.name)
		}
	}
}

// A page that asks for files on the site, a missing file and a file elsewhere: the
// first are served from disk, the others are listed and nothing leaves the machine.
const testPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Browser title</title>
<link rel="stylesheet" href="/style.css">
<style>@page { size: A4; margin: 20mm; @bottom-center { content: "Page " counter(page) " of " counter(pages); } }</style>
</head><body>
<h1>First page</h1>
<p><img src="https://site.test/chart.png" width="200" height="100" alt="A chart"></p>
<p><img src="https://elsewhere.test/tracker.png" alt=""><img src="https://site.test/missing.png" alt=""></p>
<h2 class="second">Second page</h2><p>The end.</p>
</body></html>`

func testSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.html"), []byte(testPage), 0o644)
	os.WriteFile(filepath.Join(dir, "style.css"), []byte(".second { break-before: page; }\n"), 0o644)
	img := image.NewGray(image.Rect(0, 0, 20, 10))
	for x := range 20 {
		img.Set(x, 5, color.Gray{Y: 200})
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	os.WriteFile(filepath.Join(dir, "chart.png"), buf.Bytes(), 0o644)
	return dir
}

func TestRender(t *testing.T) {
	needBrowser(t)
	r, err := New(Options{Dir: testSite(t), BaseURL: "https://site.test/", Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()

	info := Info{Title: "Document title", Author: "A. Author", Subject: "About it", Keywords: []string{"k1", "k2"}}
	res, err := r.Render(context.Background(), "index.html", info)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(res.PDF, []byte("%PDF-")) {
		t.Fatalf("Render returned %q…; want a PDF", res.PDF[:min(20, len(res.PDF))])
	}
	if res.Pages != 2 {
		t.Errorf("Pages = %d; want 2 (the stylesheet from the site breaks before the h2)", res.Pages)
	}
	if !bytes.Contains(res.PDF, []byte("/Subtype /Image")) {
		t.Errorf("the PDF has no image: chart.png was not served from the output folder")
	}
	if want := []string{"https://elsewhere.test/tracker.png"}; !slices.Equal(res.Blocked, want) {
		t.Errorf("Blocked = %q; want %q", res.Blocked, want)
	}
	if want := []string{"https://site.test/missing.png"}; !slices.Equal(res.Missing, want) {
		t.Errorf("Missing = %q; want %q", res.Missing, want)
	}
	got, err := ReadInfo(res.PDF)
	if err != nil {
		t.Fatal(err)
	}
	if got["Title"] != info.Title || got["Author"] != info.Author || got["Subject"] != info.Subject || got["Keywords"] != "k1, k2" {
		t.Errorf("Info = %q; want %+v", got, info)
	}
	if pdfinfo(t) {
		file := filepath.Join(t.TempDir(), "x.pdf")
		os.WriteFile(file, res.PDF, 0o644)
		out, err := exec.Command("pdfinfo", file).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "(A4)") || !strings.Contains(string(out), "Tagged:          yes") {
			t.Errorf("pdfinfo: want an A4, tagged PDF: %v\n%s", err, out)
		}
		text, _ := exec.Command("pdftotext", "-f", "2", "-l", "2", file, "-").Output()
		if !strings.Contains(string(text), "Page 2 of 2") {
			t.Errorf("page 2 text = %q; want the @page footer \"Page 2 of 2\"", text)
		}
	}

	// A page that is not in the output folder is an error, not a PDF of "not found".
	if _, err := r.Render(context.Background(), "no/such/page.html", info); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("Render(missing page) error = %v; want a 404", err)
	}

	// Several renders at once share two tabs.
	var wg sync.WaitGroup
	errs := make([]error, 5)
	for i := range errs {
		wg.Go(func() {
			_, errs[i] = r.Render(context.Background(), "index.html", info)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Errorf("concurrent renders: %v", err)
	}
	r.mu.Lock()
	if n := len(r.idle); n > 2 {
		t.Errorf("%d tabs open; want at most Jobs = 2", n)
	}
	r.mu.Unlock()
}

func TestRenderCancelled(t *testing.T) {
	needBrowser(t)
	r, err := New(Options{Dir: testSite(t), BaseURL: "https://site.test/"})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.Render(ctx, "index.html", Info{}); err == nil {
		t.Errorf("Render with a cancelled context succeeded")
	}
	// The renderer still works afterwards.
	if _, err := r.Render(context.Background(), "index.html", Info{}); err != nil {
		t.Errorf("Render after a cancelled one: %v", err)
	}
}
