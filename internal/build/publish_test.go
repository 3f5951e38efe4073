package build_test

import (
	"bytes"
	"encoding/json"
	"image"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"folio/internal/build"
	"folio/internal/corpus"
	"folio/internal/testtool"
)

// jpegOf encodes a w×h JPEG.
func jpegOf(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h)), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A bundle's field photos, written with a real metadata writer (exiftool) to carry GPS
// coordinates, a photographer's name, XMP and a comment, are published without any of
// it, as a real metadata reader sees them; the sources are left as they were; the
// build warns about the GPS data, names the photographer when that name is protected,
// refuses HEIC, and names what an attached PDF tells about its author.
func TestPublishedImagesCarryNoMetadata(t *testing.T) {
	if testing.Short() {
		t.Skip("exiftool reads every image: not in -short")
	}
	exiftool := testtool.Command(t, "exiftool", "apt-get install libimage-exiftool-perl")
	src := t.TempDir()
	if err := corpus.Generate(src, 6, 4); err != nil {
		t.Fatal(err)
	}
	bundleBrief(t, src, "pub-00002", pngOf(t, 12, 8))
	bundle := filepath.Join(src, "content", "publications", "pub-00002")
	webp, err := os.ReadFile("../imagemeta/testdata/small.webp")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"photo.jpg": jpegOf(t, 40, 20), "turned.jpg": jpegOf(t, 40, 20), "map.webp": webp} {
		if err := os.WriteFile(filepath.Join(bundle, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tag := func(args ...string) {
		t.Helper()
		if out, err := exec.Command(exiftool, append([]string{"-q", "-overwrite_original"}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("exiftool %q: %v\n%s", args, err, out)
		}
	}
	for _, name := range []string{"photo.jpg", "turned.jpg", "chart.png", "map.webp"} {
		tag("-GPSLatitude=15.55", "-GPSLatitudeRef=N", "-GPSLongitude=32.53", "-GPSLongitudeRef=E",
			"-EXIF:Artist=Jane Roe", "-EXIF:SerialNumber=SERIAL-4711", "-XMP-dc:Creator=Jane Roe", filepath.Join(bundle, name))
	}
	tag("-Comment=taken at the clinic", filepath.Join(bundle, "photo.jpg"))
	tag("-Orientation#=6", filepath.Join(bundle, "turned.jpg"))
	md := filepath.Join(bundle, "index.md")
	body, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	body = append(body, "\n![A photo stored turned](turned.jpg)\n"...)
	if err := os.WriteFile(md, body, 0o644); err != nil {
		t.Fatal(err)
	}
	sources := map[string][]byte{}
	for _, name := range []string{"photo.jpg", "turned.jpg", "chart.png", "map.webp"} {
		sources[name], _ = os.ReadFile(filepath.Join(bundle, name))
	}

	dest := filepath.Join(t.TempDir(), "public")
	_, errs := build.Run(build.Options{Source: src, Dest: dest, Version: "test"})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	for name := range sources {
		want := "content/publications/pub-00002/" + name + ": warning: this photo carried GPS coordinates"
		if !strings.Contains(errs.Error(), want) {
			t.Errorf("build warnings:\n%v\nwant %q", errs, want)
		}
	}

	out := filepath.Join(dest, "publications", "pub-00002")
	var files []string
	for name, data := range sources {
		files = append(files, filepath.Join(out, name))
		if now, _ := os.ReadFile(filepath.Join(bundle, name)); !bytes.Equal(now, data) {
			t.Errorf("the source %s was changed", name)
		}
	}
	slices.Sort(files)
	raw, err := exec.Command(exiftool, append([]string{"-j", "-G", "-a", "-u"}, files...)...).Output()
	if err != nil {
		t.Fatalf("exiftool: %v", err)
	}
	var results []map[string]any
	if err := json.Unmarshal(raw, &results); err != nil {
		t.Fatal(err)
	}
	if len(results) != len(files) {
		t.Fatalf("exiftool read %d files; want %d", len(results), len(files))
	}
	for _, r := range results {
		for k, v := range r {
			group, _, _ := strings.Cut(k, ":")
			if slices.Contains([]string{"EXIF", "XMP", "IPTC", "MakerNotes", "Photoshop"}, group) ||
				strings.Contains(k, "GPS") || strings.Contains(k, "Comment") || strings.Contains(k, "Artist") {
				t.Errorf("%s: published with %s = %v", r["SourceFile"], k, v)
			}
		}
	}

	// The turned photo is published upright, with the width and height it has so.
	data, err := os.ReadFile(filepath.Join(out, "turned.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if c, err := jpeg.DecodeConfig(bytes.NewReader(data)); err != nil || c.Width != 20 || c.Height != 40 {
		t.Errorf("turned.jpg published %d×%d (%v); want 20×40", c.Width, c.Height, err)
	}
	page, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if want := `src="/publications/pub-00002/turned.jpg" alt="A photo stored turned" width="20" height="40"`; !bytes.Contains(page, []byte(want)) {
		t.Errorf("the page does not show %s", want)
	}

	// A protected name in the metadata stops the build, though the build would remove it.
	list := filepath.Join(t.TempDir(), "protect.txt")
	if err := os.WriteFile(list, []byte("Jane Roe\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs = build.Run(build.Options{Source: src, Dest: dest, Version: "test", Protect: list})
	want := `content/publications/pub-00002/photo.jpg: in the image's metadata: "Jane Roe" is protected (line 1 of ` + list + `)`
	if !errs.HasErrors() || !strings.Contains(errs.Error(), want) {
		t.Errorf("build with the photographer's name protected: %v; want %q", errs, want)
	}

	// HEIC is refused; a PDF's author is named.
	heic := append([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), make([]byte, 64)...)
	pdf := []byte("%PDF-1.4\n1 0 obj\n<< /Author (Jane Roe) /Producer (Word) >>\nendobj\ntrailer\n<< /Info 1 0 R >>\n%%EOF\n")
	for name, data := range map[string][]byte{"phone.heic": heic, "report.pdf": pdf} {
		if err := os.WriteFile(filepath.Join(bundle, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, errs = build.Run(build.Options{Source: src, Dest: dest, Version: "test"})
	for _, want := range []string{
		"content/publications/pub-00002/phone.heic: convert to JPEG or PNG",
		"content/publications/pub-00002/report.pdf: warning: this PDF carries Author, Producer in its properties",
	} {
		if !strings.Contains(errs.Error(), want) {
			t.Errorf("build: %v\nwant %q", errs, want)
		}
	}
	if !errs.HasErrors() {
		t.Error("a build with a HEIC photo succeeded")
	}
	if _, err := os.Stat(filepath.Join(out, "phone.heic")); err == nil {
		t.Error("the HEIC photo was published")
	}
}
