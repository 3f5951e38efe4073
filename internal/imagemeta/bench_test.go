package imagemeta

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"
)

// BenchmarkClean cleans a 12-megapixel phone photo (4000×3000) carrying EXIF with GPS
// and XMP: the lossless path, which copies the image data without decoding it.
func BenchmarkClean(b *testing.B) {
	img := image.NewYCbCr(image.Rect(0, 0, 4000, 3000), image.YCbCrSubsampleRatio420)
	for i := range img.Y {
		img.Y[i] = uint8(i*7 + i/4000)
	}
	var enc bytes.Buffer
	if err := jpeg.Encode(&enc, img, &jpeg.Options{Quality: 90}); err != nil {
		b.Fatal(err)
	}
	photo := append([]byte{0xff, 0xd8}, exifSegment(exifOpts{orientation: 1, gps: true, makerNote: true, thumbnail: true})...)
	photo = append(photo, xmpSegment(true)...)
	photo = append(photo, enc.Bytes()[2:]...)
	b.SetBytes(int64(len(photo)))
	for b.Loop() {
		if _, found, err := Clean("photo.jpg", photo); err != nil || !found.Has(GPS) {
			b.Fatal(found, err)
		}
	}
}

// BenchmarkPDFMetadataHostile reads 8 MB made of object stream dictionaries, each
// followed by the start of a zlib stream: every window is searched once, and one
// decompressor is reused for them all.
func BenchmarkPDFMetadataHostile(b *testing.B) {
	unit := []byte("<</Type/ObjStm/Filter/FlateDecode>>stream\nx\x9c\x03\x00")
	hostile := bytes.Repeat(unit, 8<<20/len(unit))
	b.SetBytes(int64(len(hostile)))
	for b.Loop() {
		if got := PDFMetadata(hostile); got != nil {
			b.Fatal(got)
		}
	}
}
