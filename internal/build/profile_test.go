package build_test

import (
	"bytes"
	"encoding/binary"
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"folio/internal/build"
	"folio/internal/corpus"
	"folio/internal/imagemeta"
)

// iccSegment is an APP2 segment carrying an ICC profile (its bytes need not be a real
// profile: folio copies them, it does not read them).
func iccSegment(profile []byte) []byte {
	payload := append([]byte("ICC_PROFILE\x00\x01\x01"), profile...)
	seg := []byte{0xff, 0xe2, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	return append(seg, payload...)
}

// A photo's colour profile (a phone's Display P3) is in each of its smaller copies, so
// they show the colours the full width does; its other metadata is not.
func TestResizedPhotosKeepTheirColourProfile(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 2, 2); err != nil {
		t.Fatal(err)
	}
	bundleBrief(t, src, "pub-00001", solidPNG(t, 40, 20, color.Gray{0x80}))
	profile := bytes.Repeat([]byte("Display P3 "), 40)
	photo := imagemeta.WithJPEGProfile(build.PhotoForTest(t, 2400, 1800, 1), iccSegment(profile))
	bundle := filepath.Join(src, "content", "publications", "pub-00001")
	if err := os.WriteFile(filepath.Join(bundle, "photo.jpg"), photo, 0o644); err != nil {
		t.Fatal(err)
	}
	md := filepath.Join(bundle, "index.md")
	body, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(md, append(body, "\n![Tents at dawn](photo.jpg)\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, errs := build.New(build.Options{Source: src, Dest: dest}).Build(); errs.HasErrors() {
		t.Fatalf("build: %v", errs)
	}
	want := iccSegment(profile)
	for _, name := range []string{"photo-480w.jpg", "photo-800w.jpg", "photo-1200w.jpg", "photo.jpg"} {
		data, err := os.ReadFile(filepath.Join(dest, "publications", "pub-00001", name))
		if err != nil {
			t.Fatal(err)
		}
		if got := imagemeta.JPEGProfile(data); !bytes.Equal(got, want) {
			t.Errorf("%s: colour profile %d bytes; want the photo's %d", name, len(got), len(want))
		}
		decodedSize(t, filepath.Join(dest, "publications", "pub-00001", name)) // still a JPEG
	}
}
