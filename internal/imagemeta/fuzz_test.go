package imagemeta

import (
	"bytes"
	"testing"
)

// FuzzClean checks that no input makes Clean panic, and that what it returns is
// clean: cleaning it again changes nothing and finds nothing.
func FuzzClean(f *testing.F) {
	all := exifOpts{gps: true, makerNote: true, thumbnail: true}
	f.Add(jpegWith(f, []byte("tail"), exifSegment(all), xmpSegment(true), segment(0xfe, []byte("a comment"))))
	f.Add(jpegWith(f, nil, exifSegment(exifOpts{orientation: 6})))
	f.Add(pngWith(f, nil, chunk("eXIf", exifBlock(all)), chunk("tEXt", []byte("Author\x00Jane Doe"))))
	f.Add(pngWith(f, nil, chunk("eXIf", exifBlock(exifOpts{orientation: 5}))))
	f.Add(gifWith(f, nil, gifExtension(0xfe, nil, []byte("a comment")), gifXMP(true)))
	f.Add(webpWith(f, webpFlagEXIF|webpFlagXMP, riffChunk("EXIF", exifBlock(all)), riffChunk("XMP ", xmpPacket(true))))
	f.Fuzz(func(t *testing.T, data []byte) {
		in := bytes.Clone(data)
		out, found, err := Clean("fuzz", data)
		if !bytes.Equal(in, data) {
			t.Fatal("Clean modified its input")
		}
		if err != nil {
			return
		}
		if found == 0 && !bytes.Equal(out, data) {
			t.Fatal("Clean found nothing but changed the image")
		}
		again, found2, err := Clean("fuzz", out)
		if err != nil {
			t.Fatalf("cleaning the output: %v", err)
		}
		if found2 != 0 || !bytes.Equal(again, out) {
			t.Fatalf("cleaning the output found %q and changed %v", found2, !bytes.Equal(again, out))
		}
	})
}
