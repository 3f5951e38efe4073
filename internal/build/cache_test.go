//go:build unix

package build_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"folio/internal/build"
	"folio/internal/corpus"
)

// The build cache: a second build takes every file unchanged from the first (same inode,
// no template executed); after an edit, only what the edit touches is made again; a file
// changed by hand in the output is made again; and cached builds write exactly the bytes
// of an uncached one.
func TestBuildCache(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 30, 9); err != nil {
		t.Fatal(err)
	}
	// One brief is a bundle whose chart is its cover and is shown in its body: the
	// chart's width and height are in both pages.
	bundleBrief(t, src, "pub-00003", pngOf(t, 10, 10))
	dest := filepath.Join(t.TempDir(), "public")
	opts := build.Options{Source: src, Dest: dest, Version: "test"}
	first, errs := build.Run(opts)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if first.Reused != 0 {
		t.Errorf("a first build reused %d files", first.Reused)
	}
	inodes := func() map[string]uint64 {
		out := map[string]uint64{}
		filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				fi, _ := d.Info()
				rel, _ := filepath.Rel(dest, p)
				out[filepath.ToSlash(rel)] = inodeOf(fi)
			}
			return nil
		})
		return out
	}
	before := inodes()

	again, errs := build.Run(opts)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if again.Executed != 0 || again.Reused != again.Files {
		t.Errorf("unchanged rebuild executed %d pages and reused %d of %d files; want 0 and all", again.Executed, again.Reused, again.Files)
	}
	for p, ino := range inodes() {
		if ino != before[p] {
			t.Errorf("%s was written again", p)
		}
	}

	// Edit one brief's body.
	file := filepath.Join(src, "content", "publications", "pub-00004.md")
	data, _ := os.ReadFile(file)
	edited := strings.Replace(string(data), "\n## ", "\nA sentence added by the test.\n\n## ", 1)
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	// And change a page of the output by hand.
	tampered := filepath.Join(dest, "publications", "index.html")
	if err := os.WriteFile(tampered, []byte("changed by hand"), 0o644); err != nil {
		t.Fatal(err)
	}
	before = inodes()
	warm, errs := build.Run(opts)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	after := inodes()
	for _, p := range []string{"publications/pub-00004/index.html", "publications/pub-00004/print/index.html", "publications/index.html"} {
		if after[p] == before[p] {
			t.Errorf("%s was not made again", p)
		}
	}
	if warm.Executed == 0 || warm.Executed > warm.Pages/4 || warm.Reused < warm.Files/2 {
		t.Errorf("after one edit: %d of %d pages executed, %d of %d files reused", warm.Executed, warm.Pages, warm.Reused, warm.Files)
	}
	page, _ := os.ReadFile(filepath.Join(dest, "publications", "pub-00004", "index.html"))
	if !bytes.Contains(page, []byte("A sentence added by the test.")) {
		t.Error("the edit is not in the page")
	}

	// The cached output equals an uncached build, byte for byte.
	cold := filepath.Join(t.TempDir(), "public")
	if _, errs := build.Run(build.Options{Source: src, Dest: cold, Version: "test", NoCache: true}); errs.HasErrors() {
		t.Fatal(errs)
	}
	same(t, readTree(t, cold), readTree(t, dest))

	// Replace the bundle's chart by one of other dimensions, under the same name: the
	// pages that show it are made again, with its new size, as an uncached build makes them.
	if err := os.WriteFile(filepath.Join(src, "content", "publications", "pub-00003", "chart.png"), pngOf(t, 24, 16), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errs := build.Run(opts); errs.HasErrors() {
		t.Fatal(errs)
	}
	for _, p := range []string{"publications/pub-00003/index.html", "publications/pub-00003/print/index.html"} {
		page, _ := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p)))
		if !bytes.Contains(page, []byte(`width="24" height="16"`)) {
			t.Errorf("%s does not give the new chart's size", p)
		}
	}
	if _, errs := build.Run(build.Options{Source: src, Dest: cold, Version: "test", NoCache: true}); errs.HasErrors() {
		t.Fatal(errs)
	}
	same(t, readTree(t, cold), readTree(t, dest))

	// A build to another folder keeps its own manifest: this one's is untouched.
	if _, errs := build.Run(build.Options{Source: src, Dest: filepath.Join(t.TempDir(), "staging"), Version: "test"}); errs.HasErrors() {
		t.Fatal(errs)
	}
	if res, _ := build.Run(opts); res.Reused != res.Files {
		t.Errorf("after a build to another folder, %d of %d files reused", res.Reused, res.Files)
	}

	// An uncached build leaves no manifest that could describe an output it replaced.
	if _, errs := build.Run(build.Options{Source: src, Dest: dest, Version: "test", NoCache: true}); errs.HasErrors() {
		t.Fatal(errs)
	}
	if m, _ := filepath.Glob(filepath.Join(src, build.BuildCacheDir, "manifest-*.gob")); len(m) != 1 {
		t.Errorf("after a --no-cache build, want only the staging folder's manifest; have %v", m)
	}
	next, _ := build.Run(opts)
	if next.Reused != 0 {
		t.Errorf("after a --no-cache build, %d files were taken from the cache", next.Reused)
	}
}

func inodeOf(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}
