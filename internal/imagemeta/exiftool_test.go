package imagemeta

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"folio/internal/testtool"
)

// readTags runs exiftool on files and returns, per file name, the names of the tags
// it read, as "Group:Tag" (group family 0: EXIF, XMP, IPTC, Photoshop, MakerNotes,
// File, PNG, RIFF, Composite...).
func readTags(t *testing.T, exiftool string, files []string) map[string][]string {
	t.Helper()
	args := append([]string{"-j", "-G", "-a", "-u"}, files...)
	out, err := exec.Command(exiftool, args...).Output()
	if err != nil {
		t.Fatalf("exiftool: %v", err)
	}
	var results []map[string]any
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("exiftool output: %v", err)
	}
	tags := map[string][]string{}
	for _, r := range results {
		name := filepath.Base(r["SourceFile"].(string))
		for k := range r {
			tags[name] = append(tags[name], k)
		}
		slices.Sort(tags[name])
	}
	return tags
}

// A real metadata reader, not folio's own code, confirms that the sources carry EXIF,
// GPS and XMP and the cleaned images none of it.
func TestExiftool(t *testing.T) {
	exiftool := testtool.Command(t, "exiftool", "apt-get install libimage-exiftool-perl")
	all := exifOpts{gps: true, makerNote: true, thumbnail: true}
	sources := map[string][]byte{
		"photo.jpg": jpegWith(t, nil, exifSegment(all), xmpSegment(true), segment(0xed, iptcResources()), segment(0xfe, []byte("a comment"))),
		"chart.png": pngWith(t, nil, chunk("eXIf", exifBlock(all)),
			chunk("iTXt", append([]byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00"), xmpPacket(true)...)),
			chunk("tEXt", []byte("Author\x00Jane Doe")), chunk("tIME", []byte{0x07, 0xea, 3, 14, 9, 26, 53})),
		"map.webp": webpWith(t, webpFlagEXIF|webpFlagXMP, riffChunk("EXIF", exifBlock(all)), riffChunk("XMP ", xmpPacket(true))),
		"anim.gif": gifWith(t, nil, gifExtension(0xfe, nil, []byte("a comment")), gifXMP(true)),
		// Turned upright and re-encoded.
		"upright.jpg": jpegWith(t, nil, exifSegment(exifOpts{orientation: 6, gps: true}), xmpSegment(true)),
	}
	dir := t.TempDir()
	var src, clean []string
	for name, data := range sources {
		out, _, err := Clean(name, data)
		if err != nil {
			t.Fatalf("Clean(%s): %v", name, err)
		}
		for _, f := range []struct {
			dir  string
			data []byte
			list *[]string
		}{{"src", data, &src}, {"clean", out, &clean}} {
			path := filepath.Join(dir, f.dir, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, f.data, 0o644); err != nil {
				t.Fatal(err)
			}
			*f.list = append(*f.list, path)
		}
	}

	has := func(tags []string, pred func(string) bool) bool { return slices.ContainsFunc(tags, pred) }
	prefix := func(p string) func(string) bool { return func(s string) bool { return strings.HasPrefix(s, p) } }
	contains := func(p string) func(string) bool { return func(s string) bool { return strings.Contains(s, p) } }

	// The test is only worth something if exiftool sees the metadata in the sources.
	for name, tags := range readTags(t, exiftool, src) {
		want := []string{"XMP:", "GPSLatitude"}
		if name != "anim.gif" {
			want = append(want, "EXIF:")
		}
		for _, w := range want {
			if !has(tags, contains(w)) {
				t.Errorf("exiftool reads no %s in source %s: %q", w, name, tags)
			}
		}
	}
	for name, tags := range readTags(t, exiftool, clean) {
		for _, group := range []string{"EXIF:", "XMP:", "IPTC:", "Photoshop:", "MakerNotes:", "GPS:"} {
			if has(tags, prefix(group)) {
				t.Errorf("exiftool reads %s tags in cleaned %s: %q", group, name, tags)
			}
		}
		for _, word := range []string{"GPS", "Comment", "Author", "Serial", "Thumbnail", "Warning", "Error"} {
			if has(tags, contains(word)) {
				t.Errorf("exiftool reads a %s tag in cleaned %s: %q", word, name, tags)
			}
		}
	}
}
