package build

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"folio/internal/site"
)

// A photo published again with the same bytes and settings is taken from the cache:
// nothing is decoded, resized or encoded; a cached width changed on disk is made
// again, with the same bytes as before.
func TestImageCacheReuse(t *testing.T) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 1000, 500)), nil); err != nil {
		t.Fatal(err)
	}
	photo := buf.Bytes()
	dir := filepath.Join(t.TempDir(), "images")
	f := site.File{Src: "content/p/photo.jpg", Dst: "p/photo.jpg", Widths: []int{480, 800, 1000}}
	publishOnce := func() (Files, int64) {
		t.Helper()
		c := openImageCache(dir, true, nil)
		out := &memOutput{files: Files{}}
		if err := sized(out, f, photo, photo, c); err != nil {
			t.Fatal(err)
		}
		c.prune()
		return out.files, c.made.Load()
	}
	cold, made := publishOnce()
	if made != 2 || len(cold) != 3 {
		t.Fatalf("cold: made %d widths, wrote %d files; want 2 and 3", made, len(cold))
	}
	warm, made := publishOnce()
	if made != 0 {
		t.Errorf("warm: made %d widths; want 0, all from the cache", made)
	}
	stored, _ := filepath.Glob(filepath.Join(dir, "*-480w-*"))
	if len(stored) != 1 {
		t.Fatalf("cache holds %v; want one 480 px width", stored)
	}
	if err := os.WriteFile(stored[0], []byte("cut short"), 0o644); err != nil {
		t.Fatal(err)
	}
	again, made := publishOnce()
	if made != 2 {
		t.Errorf("after damage: made %d widths; want 2", made)
	}
	for rel, data := range cold {
		if !bytes.Equal(warm[rel], data) || !bytes.Equal(again[rel], data) {
			t.Errorf("%s differs between builds", rel)
		}
	}
}
