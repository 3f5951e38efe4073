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
	"sync/atomic"
	"testing"
	"time"

	"folio/internal/build"
	"folio/internal/corpus"
	"folio/internal/diag"
	"folio/internal/outdir"
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
	opts := build.Options{Source: src, Dest: dest, Version: "test", PrintKeys: true}
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
	if !bytes.Contains(page, []byte(`<a href="/publications/pub-00000/pub-00000.pdf" type="application/pdf">Download PDF (PDF, 13 bytes)</a>`)) ||
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
	// Cached cards dated in the past: a card drawn again would get the time of now.
	past := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	stamp := map[string]time.Time{}
	for _, f := range first {
		if err := os.Chtimes(f, past, past); err != nil {
			t.Fatal(err)
		}
		stamp[f] = past
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
	// The marker, which lists the output's own names for the next build, is the disk
	// build's alone.
	if !bytes.HasPrefix(disk[outdir.Marker], []byte("folio build output")) {
		t.Errorf("no marker in the output: %q", disk[outdir.Marker])
	}
	delete(disk, outdir.Marker)
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

// fileCount counts the files under dir.
func fileCount(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

// Two builds of one output folder at once: the second waits for the first, and says so,
// instead of taking the first one's temporary folder for a killed build's and removing
// it; both succeed and the output is complete.
func TestTwoBuildsOfOneFolder(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 150, 4); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	opts := build.Options{Source: src, Dest: dest, Version: "test", NoCache: true}
	first := make(chan diag.List, 1)
	go func() {
		_, errs := build.Run(opts)
		first <- errs
	}()
	// Start the second build once the first is writing.
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the first build wrote nothing in a minute")
		}
		tmps, _ := filepath.Glob(filepath.Join(parent, ".public.tmp-*"))
		if len(tmps) == 1 && fileCount(tmps[0]) > 20 {
			break
		}
	}
	var waited atomic.Int32
	second := opts
	second.Waiting = func(string) { waited.Add(1) }
	res, errs := build.Run(second)
	if errs.HasErrors() {
		t.Fatalf("second build: %v", errs)
	}
	if errs := <-first; errs.HasErrors() {
		t.Fatalf("first build: %v", errs)
	}
	if waited.Load() != 1 {
		t.Errorf("the second build said %d times that it waits; want once", waited.Load())
	}
	if n := fileCount(dest); n != res.Files {
		t.Errorf("the output holds %d files; the build wrote %d", n, res.Files)
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		t.Error(err)
	}
	if left, _ := os.ReadDir(parent); len(left) != 1 {
		t.Errorf("beside the output, want nothing; have %v", left)
	}
}

// A build that cannot have the output folder's lock gives up after Options.LockWait
// with an error that says why.
func TestLockWaitGivesUp(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 3, 1); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	opts := build.Options{Source: src, Dest: dest, Version: "test", LockWait: 200 * time.Millisecond}
	lock, err := build.LockOutput(opts)
	if err != nil {
		t.Fatal(err)
	}
	var waited atomic.Int32
	opts.Waiting = func(string) { waited.Add(1) }
	_, errs := build.Run(opts)
	if !strings.Contains(errs.Error(), "another folio build is still writing it") || waited.Load() != 1 {
		t.Errorf("build of a locked folder: %v (told %d times it waits)", errs, waited.Load())
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("a build that had no lock wrote the output")
	}
	// A build given the lock uses it; let go, the folder is free again.
	held := opts
	held.Lock = lock
	if _, errs := build.Run(held); errs.HasErrors() {
		t.Fatal(errs)
	}
	if err := lock.Unlock(); err != nil {
		t.Fatal(err)
	}
	if _, errs := build.Run(opts); errs.HasErrors() {
		t.Fatal(errs)
	}
}

// A previous output whose removal was cut short (its marker gone first) is not a
// complete output: it is removed, never put back as the output folder.
func TestHalfRemovedOutputIsNotRecovered(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 5, 2); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	opts := build.Options{Source: src, Dest: dest, Version: "test"}
	if _, errs := build.Run(opts); errs.HasErrors() {
		t.Fatal(errs)
	}
	// A fragment, as a removal killed part way leaves it; then the output is removed
	// by hand, and the next build fails.
	fragment := filepath.Join(parent, ".public.old-42")
	if err := os.Rename(dest, fragment); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(fragment, outdir.Marker))
	os.RemoveAll(filepath.Join(fragment, "publications"))
	breakSite(t, src)
	if _, errs := build.Run(opts); !errs.HasErrors() {
		t.Fatal("a build of broken content succeeded")
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("a half-removed previous output came back as the output folder")
	}
	if left, _ := os.ReadDir(parent); len(left) != 0 {
		t.Errorf("beside the output, want nothing; have %v", left)
	}
}

// breakSite gives the site a front matter error.
func breakSite(t *testing.T, src string) {
	t.Helper()
	p := filepath.Join(src, "content", "publications", "pub-00001.md")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, bytes.Replace(data, []byte("type: "), []byte("type: nonsense-"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Files a user put in the output folder are never removed silently: the build refuses,
// naming them and saying how to keep them; kept, they are carried into every new output
// (a folder moved, not copied), and survive failed builds and a swap cut short.
func TestKeep(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 3, 6); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	opts := build.Options{Source: src, Dest: dest, Version: "test"}
	if _, errs := build.Run(opts); errs.HasErrors() {
		t.Fatal(errs)
	}
	write := func(p, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dest, "CNAME"), "example.org\n")
	write(filepath.Join(dest, ".git", "HEAD"), "ref: refs/heads/gh-pages\n")
	userFiles := func(when string) {
		t.Helper()
		if data, err := os.ReadFile(filepath.Join(dest, "CNAME")); err != nil || string(data) != "example.org\n" {
			t.Errorf("%s: CNAME: %q, %v", when, data, err)
		}
		if _, err := os.Stat(filepath.Join(dest, ".git", "HEAD")); err != nil {
			t.Errorf("%s: %v", when, err)
		}
	}

	_, errs := build.Run(opts)
	if want := "it holds .git, CNAME, which folio did not make; to keep files in every build, list them in site.yaml (keep: [.git, CNAME])"; !strings.Contains(errs.Error(), want) {
		t.Errorf("build over files folio did not make: %v; want %q", errs, want)
	}
	userFiles("refused build")

	site := filepath.Join(src, "site.yaml")
	write(site, corpus.SiteYAML+"keep: [CNAME, .git]\n")
	fi, _ := os.Stat(filepath.Join(dest, ".git"))
	if _, errs := build.Run(opts); errs.HasErrors() {
		t.Fatal(errs)
	}
	userFiles("build with keep")
	if moved, _ := os.Stat(filepath.Join(dest, ".git")); !os.SameFile(fi, moved) {
		t.Error(".git was copied, not moved")
	}

	// A failed build leaves them where they are.
	good, _ := os.ReadFile(filepath.Join(src, "content", "publications", "pub-00001.md"))
	breakSite(t, src)
	if _, errs := build.Run(opts); !errs.HasErrors() {
		t.Fatal("a build of broken content succeeded")
	}
	userFiles("failed build")

	// A build killed while carrying .git across left it in its temporary folder, which
	// holds a complete build: the next build puts it back, even if it fails itself.
	tmp := filepath.Join(parent, ".public.tmp-7")
	if err := os.Mkdir(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	marker, _ := os.ReadFile(filepath.Join(dest, outdir.Marker))
	write(filepath.Join(tmp, outdir.Marker), string(marker))
	write(filepath.Join(tmp, "index.html"), "new")
	if err := os.Rename(filepath.Join(dest, ".git"), filepath.Join(tmp, ".git")); err != nil {
		t.Fatal(err)
	}
	if _, errs := build.Run(opts); !errs.HasErrors() {
		t.Fatal("a build of broken content succeeded")
	}
	userFiles("build after a swap cut short")
	if left, _ := os.ReadDir(parent); len(left) != 1 {
		t.Errorf("beside the output, want nothing; have %v", left)
	}

	// Keeping a file the build makes itself would lose one of the two.
	write(filepath.Join(src, "content", "publications", "pub-00001.md"), string(good))
	write(site, corpus.SiteYAML+"keep: [CNAME, .git, index.html]\n")
	if _, errs := build.Run(opts); !strings.Contains(errs.Error(), "site.yaml: keep: the build makes index.html itself") {
		t.Errorf("keep: [index.html]: %v", errs)
	}
	userFiles("keep of a file the build makes")
}

// Names beside the output folder that only a pattern would match are not its leftovers:
// with --dest "out/*", other folders' temporary and previous outputs stay as they are.
func TestDestNameIsNotAPattern(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 3, 7); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	others := []string{".site.old-12", ".site.tmp-34", ".a.old-5", ".b.tmp-6"}
	for _, d := range others {
		if err := os.MkdirAll(filepath.Join(parent, d), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(parent, d, outdir.Marker), []byte("theirs"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"*", "?", "["} {
		if _, errs := build.Run(build.Options{Source: src, Dest: filepath.Join(parent, name), Version: "test"}); errs.HasErrors() {
			t.Fatalf("--dest %q: %v", name, errs)
		}
		for _, d := range others {
			if data, err := os.ReadFile(filepath.Join(parent, d, outdir.Marker)); string(data) != "theirs" {
				t.Errorf("after a build to %q, %s: %q, %v", name, d, data, err)
			}
		}
		if _, err := os.Stat(filepath.Join(parent, name, "index.html")); err != nil {
			t.Error(err)
		}
	}
}

// An output folder reached through a symbolic link is where the link leads: a link
// into content/ does not get the site written into content/.
func TestDestThroughSymlink(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 3, 8); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(filepath.Join(src, "content"), link); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink("content/publications", filepath.Join(src, "public")); err != nil {
		t.Fatal(err)
	}
	for _, dest := range []string{filepath.Join(link, "out"), filepath.Join(link, "publications"), ""} {
		_, errs := build.Run(build.Options{Source: src, Dest: dest, Version: "test"})
		if !strings.Contains(errs.Error(), "the output folder may not be inside the site's content/ folder") {
			t.Errorf("--dest %q: %v", dest, errs)
		}
	}
	for _, p := range []string{"content/out", "content/index.html", "content/publications/index.html"} {
		if _, err := os.Lstat(filepath.Join(src, p)); err == nil {
			t.Errorf("%s was written", p)
		}
	}
}
