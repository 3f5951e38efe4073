package main

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/testtool"
)

// A field photo with GPS coordinates added to a brief of the sample site: folio check
// names it (so the team knows the source file still holds them), and folio build
// publishes it without them, as exiftool reads it.
func TestFieldPhotoWithGPS(t *testing.T) {
	exiftool := testtool.Command(t, "exiftool", "apt-get install libimage-exiftool-perl")
	site := copySample(t)
	bundle := filepath.Join(site, "content", "publications", "abyei-migration-season-risks")
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 64, 48)), nil); err != nil {
		t.Fatal(err)
	}
	photo := filepath.Join(bundle, "field-photo.jpg")
	if err := os.WriteFile(photo, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(exiftool, "-q", "-overwrite_original", "-GPSLatitude=9.59", "-GPSLatitudeRef=N",
		"-GPSLongitude=28.43", "-GPSLongitudeRef=E", photo).CombinedOutput(); err != nil {
		t.Fatalf("exiftool: %v\n%s", err, out)
	}
	md := filepath.Join(bundle, "index.md")
	body, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	body = append(body, "\n![Herders and their cattle at a water point near Abyei town](field-photo.jpg)\n"...)
	if err := os.WriteFile(md, body, 0o644); err != nil {
		t.Fatal(err)
	}

	want := "content/publications/abyei-migration-season-risks/field-photo.jpg: warning: this photo carried GPS coordinates"
	code, stdout, stderr := runFolio("check", "--source", site)
	if code != exitOK || !strings.Contains(stdout+stderr, want) {
		t.Errorf("folio check: exit %d\n%s%s\nwant %q", code, stdout, stderr, want)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if code, stdout, stderr := runFolio("build", "--source", site, "--dest", dest); code != exitOK || !strings.Contains(stdout+stderr, want) {
		t.Errorf("folio build: exit %d\n%s%s\nwant %q", code, stdout, stderr, want)
	}
	out, err := exec.Command(exiftool, "-s", "-G", "-a", "-GPS:all", "-XMP:all", "-EXIF:all",
		filepath.Join(dest, "publications", "abyei-migration-season-risks", "field-photo.jpg")).CombinedOutput()
	if err != nil || len(bytes.TrimSpace(out)) != 0 {
		t.Errorf("exiftool reads, in the published photo: %s (%v); want nothing", out, err)
	}
	if out, _ := exec.Command(exiftool, "-s", "-GPSLatitude", photo).Output(); !bytes.Contains(out, []byte("GPSLatitude")) {
		t.Errorf("the source photo lost its GPS data: %q", out)
	}
}
