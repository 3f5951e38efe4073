package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"folio/internal/build"
	"folio/internal/corpus"
)

// An output file edited in place, keeping its size, with its modification time set back,
// is still made again by the next cached build: its change time gives it away. Builds
// that follow take every file again.
func TestBuildCacheChangeTime(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 6, 2); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	opts := build.Options{Source: src, Dest: dest, Version: "test"}
	for range 2 { // the second build takes every file, setting their change times
		if _, errs := build.Run(opts); errs.HasErrors() {
			t.Fatal(errs)
		}
	}
	page := filepath.Join(dest, "publications", "pub-00001", "index.html")
	fi, err := os.Stat(page)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(page)
	f, err := os.OpenFile(page, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.WriteAt(bytes.Repeat([]byte("x"), 20), int64(bytes.Index(data, []byte("<body"))))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(page, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}

	res, errs := build.Run(opts)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if res.Reused != res.Files-1 {
		t.Errorf("%d of %d files taken; want all but the edited one", res.Reused, res.Files)
	}
	if now, _ := os.ReadFile(page); !bytes.Equal(now, data) {
		t.Errorf("the page edited in place was taken from the previous output")
	}
	if res, _ := build.Run(opts); res.Reused != res.Files {
		t.Errorf("the next build took %d of %d files; want all", res.Reused, res.Files)
	}
}
