package build_test

import (
	"bytes"
	"errors"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"folio/internal/build"
	"folio/internal/corpus"
)

// A rebuild with the caches warm gives exactly the bytes of a cold build, and does only
// the work the edit calls for.
func TestRebuildUsesCachesAndMatchesColdBuild(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 40, 3); err != nil {
		t.Fatal(err)
	}
	b := build.New(build.Options{Source: src, Version: "test"})
	first, files1, errs := b.BuildMemory()
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if first.Rendered != 40 || first.Executed != first.Pages {
		t.Errorf("cold build rendered %d bodies and executed %d of %d pages", first.Rendered, first.Executed, first.Pages)
	}

	// Nothing changed: nothing is rendered or executed again.
	again, files2, errs := b.BuildMemory()
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if again.Rendered != 0 || again.Executed != 0 {
		t.Errorf("unchanged rebuild rendered %d bodies and executed %d pages; want 0 and 0", again.Rendered, again.Executed)
	}
	same(t, files1, files2)

	// Edit one body: one Markdown render, and only the pages that show that brief.
	p := filepath.Join(src, "content", "publications", "pub-00007.md")
	data, _ := os.ReadFile(p)
	edited := strings.Replace(string(data), "\n## Recommendations", "\nAn added sentence.\n\n## Recommendations", 1)
	if err := os.WriteFile(p, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	warm, warmFiles, errs := b.BuildMemory()
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if warm.Rendered != 1 {
		t.Errorf("after one edit, %d bodies rendered; want 1", warm.Rendered)
	}
	if warm.Executed == 0 || warm.Executed > warm.Pages/4 {
		t.Errorf("after one edit, %d of %d pages executed", warm.Executed, warm.Pages)
	}
	if !bytes.Contains(warmFiles["publications/pub-00007/index.html"], []byte("An added sentence.")) {
		t.Errorf("the edit is not in the page")
	}

	// A cold build of the edited site gives the same bytes as the warm one.
	_, cold, errs := build.New(build.Options{Source: src, Version: "test"}).BuildMemory()
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	same(t, cold, warmFiles)

	// A new title shows in lists, term pages and other briefs' related cards: all of
	// them must be rendered again, and match a cold build.
	edited = strings.Replace(edited, "title: ", "title: Renamed ", 1)
	if err := os.WriteFile(p, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	_, warmFiles, errs = b.BuildMemory()
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	_, cold, _ = build.New(build.Options{Source: src, Version: "test"}).BuildMemory()
	same(t, cold, warmFiles)

	// A changed recommendation shows on the recommendations page: its key must follow
	// the items, not only the publications' metadata.
	edited = strings.Replace(edited, "\n## Recommendations\n\n", "\n## Recommendations\n\nTo the Secretariat:\n\n- Publish the review.\n\n", 1)
	if err := os.WriteFile(p, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	_, warmFiles, errs = b.BuildMemory()
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if !bytes.Contains(warmFiles["recommendations/index.html"], []byte("Publish the review.")) {
		t.Error("the new recommendation is not on the recommendations page")
	}
	_, cold, _ = build.New(build.Options{Source: src, Version: "test"}).BuildMemory()
	same(t, cold, warmFiles)
}

func same(t *testing.T, a, b build.Files) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%d files vs %d", len(a), len(b))
	}
	for p, x := range a {
		if !bytes.Equal(x, b[p]) {
			t.Errorf("%s differs", p)
		}
	}
}

// A PDF stored for the current print edition is copied into the output and linked from
// the publication page and its feed entry; once the publication changes, it is not.
func TestPDFCache(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 3, 5); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	opts := build.Options{Source: src, Dest: dest, Version: "test"}
	res, errs := build.Run(opts)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if len(res.Prints) != 3 || res.Prints[0].Slug != "pub-00000" || res.Prints[0].Cached ||
		res.Prints[0].HTML != "publications/pub-00000/print/index.html" || res.Prints[0].PDF != "publications/pub-00000/pub-00000.pdf" {
		t.Fatalf("prints = %+v", res.Prints)
	}
	pr := res.Prints[0]
	if err := build.StorePDF(src, pr.Slug, pr.Key, []byte("%PDF-1.7 test")); err != nil {
		t.Fatal(err)
	}
	res, errs = build.Run(opts)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if !res.Prints[0].Cached || res.Prints[1].Cached {
		t.Errorf("cached flags = %v %v", res.Prints[0].Cached, res.Prints[1].Cached)
	}
	page, _ := os.ReadFile(filepath.Join(dest, "publications", "pub-00000", "index.html"))
	pdf, _ := os.ReadFile(filepath.Join(dest, filepath.FromSlash(pr.PDF)))
	feed, _ := os.ReadFile(filepath.Join(dest, "feed.xml"))
	if !bytes.Contains(page, []byte(`<a href="/publications/pub-00000/pub-00000.pdf" type="application/pdf">Download PDF</a>`)) ||
		string(pdf) != "%PDF-1.7 test" ||
		!bytes.Contains(feed, []byte(`<link rel="enclosure" type="application/pdf" href="https://bench.example.org/publications/pub-00000/pub-00000.pdf">`)) {
		t.Errorf("the stored PDF is not copied and linked")
	}

	// Edit the publication: its print edition changes, the old PDF is neither copied nor linked.
	p := filepath.Join(src, "content", "publications", "pub-00000.md")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, append(data, "\nA new paragraph.\n"...), 0o644)
	res, errs = build.Run(opts)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	page, _ = os.ReadFile(filepath.Join(dest, "publications", "pub-00000", "index.html"))
	if res.Prints[0].Cached || bytes.Contains(page, []byte("pub-00000.pdf")) {
		t.Errorf("a stale PDF is still used")
	}
	if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(pr.PDF))); err == nil {
		t.Errorf("a stale PDF was copied")
	}
}

// Share cards are drawn once: an unchanged publication reuses its cached image, a
// changed title gets a new one (with a new name), and unused cards are pruned.
func TestShareCardsCached(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 2, 9); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(src, "site.yaml")
	data, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, bytes.Replace(data, []byte("share_cards: false"), []byte("share_cards: true"), 1), 0o644)
	opts := build.Options{Source: src, Dest: filepath.Join(t.TempDir(), "public"), Version: "test"}
	if _, errs := build.Run(opts); errs.HasErrors() {
		t.Fatal(errs)
	}
	cache := filepath.Join(src, filepath.FromSlash(build.CardCacheDir))
	first, _ := filepath.Glob(filepath.Join(cache, "*.png"))
	if len(first) != 2 {
		t.Fatalf("%d cached cards; want 2", len(first))
	}
	stamp := map[string]time.Time{}
	for _, f := range first {
		fi, _ := os.Stat(f)
		stamp[f] = fi.ModTime()
	}
	page, _ := os.ReadFile(filepath.Join(opts.Dest, "publications", "pub-00000", "index.html"))
	m := regexp.MustCompile(`<meta property="og:image" content="https://bench.example.org/publications/pub-00000/(card-[0-9a-f]{12}\.png)">`).FindSubmatch(page)
	if m == nil {
		t.Fatalf("no og:image in the page")
	}
	img, err := os.Open(filepath.Join(opts.Dest, "publications", "pub-00000", string(m[1])))
	if err != nil {
		t.Fatal(err)
	}
	cfgImg, err := png.DecodeConfig(img)
	img.Close()
	if err != nil || cfgImg.Width != 1200 || cfgImg.Height != 630 {
		t.Fatalf("card: %v %+v", err, cfgImg)
	}

	time.Sleep(10 * time.Millisecond) // a rewritten file would get a later time
	p := filepath.Join(src, "content", "publications", "pub-00000.md")
	md, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(md, []byte("title: \""), []byte("title: \"Renamed "), 1), 0o644)
	if _, errs := build.Run(opts); errs.HasErrors() {
		t.Fatal(errs)
	}
	second, _ := filepath.Glob(filepath.Join(cache, "*.png"))
	if len(second) != 2 {
		t.Fatalf("%d cached cards after a rename; want 2 (the old one pruned)", len(second))
	}
	kept := 0
	for _, f := range second {
		if old, ok := stamp[f]; ok {
			fi, _ := os.Stat(f)
			if !fi.ModTime().Equal(old) {
				t.Errorf("%s was drawn again though its publication did not change", f)
			}
			kept++
		}
	}
	if kept != 1 {
		t.Errorf("%d cards kept; want the unchanged publication's", kept)
	}
}

// A build to disk lets go of each body's text as it goes (a lean build); it must write
// exactly the files, byte for byte, of a build in memory that keeps everything.
func TestLeanBuildMatchesMemoryBuild(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 60, 5); err != nil {
		t.Fatal(err)
	}
	_, mem, errs := build.New(build.Options{Source: src, Version: "test"}).BuildMemory()
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, errs := build.Run(build.Options{Source: src, Dest: dest, Version: "test"}); errs.HasErrors() {
		t.Fatal(errs)
	}
	disk := readTree(t, dest)
	same(t, mem, disk)
	if len(disk) < 60*4 {
		t.Errorf("only %d files written", len(disk))
	}

	// BuildStream (folio check) hands over the same files, each once, and leaves no
	// temporary folder behind.
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	var mu sync.Mutex
	streamed := build.Files{}
	res, s, errs := build.New(build.Options{Source: src, Version: "test"}).BuildStream(func(rel string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := streamed[rel]; dup {
			t.Errorf("%s streamed twice", rel)
		}
		streamed[rel] = bytes.Clone(data) // data is the renderer's buffer: valid during the call
		return nil
	})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	same(t, mem, streamed)
	if s == nil || len(s.Publications) != 60 || res.Files != len(streamed) {
		t.Errorf("BuildStream: model %v, %d files counted for %d streamed", s != nil, res.Files, len(streamed))
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("BuildStream left %d entries in the temporary folder", len(left))
	}

	// A put that fails fails the build.
	_, s, errs = build.New(build.Options{Source: src, Version: "test"}).BuildStream(func(rel string, data []byte) error {
		if rel == "index.html" {
			return errors.New("disk full")
		}
		return nil
	})
	if !errs.HasErrors() || !strings.Contains(errs.Error(), "disk full") || s != nil {
		t.Errorf("BuildStream with a failing put: %v, model %v", errs, s != nil)
	}
}

func readTree(t *testing.T, dir string) build.Files {
	t.Helper()
	files := build.Files{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
