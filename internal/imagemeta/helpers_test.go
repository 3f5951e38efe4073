package imagemeta

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"testing"

	"golang.org/x/image/webp"
)

// exifOpts says what an EXIF block built by exifBlock holds besides the camera make
// and a serial number.
type exifOpts struct {
	orientation int  // 0: no Orientation tag
	gps         bool // a GPS directory with latitude and longitude
	gpsNoFix    bool // a GPS directory with only a version
	makerNote   bool
	thumbnail   bool // a second directory pointing to a thumbnail
}

type tiffEntry struct {
	tag, typ uint16
	count    uint32
	data     []byte // inline when 4 bytes or less
}

// exifBlock builds a big-endian TIFF structure as cameras write in EXIF. The
// directories are written after the data they point to, IFD0 last.
func exifBlock(o exifOpts) []byte {
	bo := binary.BigEndian
	b := []byte("MM\x00*\x00\x00\x00\x00")
	writeIFD := func(entries []tiffEntry, next uint32) uint32 {
		for len(b)%2 != 0 {
			b = append(b, 0)
		}
		off := uint32(len(b))
		dataAt := off + 2 + 12*uint32(len(entries)) + 4
		var area []byte
		b = bo.AppendUint16(b, uint16(len(entries)))
		for _, e := range entries {
			b = bo.AppendUint16(b, e.tag)
			b = bo.AppendUint16(b, e.typ)
			b = bo.AppendUint32(b, e.count)
			if len(e.data) <= 4 {
				v := make([]byte, 4)
				copy(v, e.data)
				b = append(b, v...)
				continue
			}
			b = bo.AppendUint32(b, dataAt+uint32(len(area)))
			area = append(area, e.data...)
			if len(area)%2 != 0 {
				area = append(area, 0)
			}
		}
		b = bo.AppendUint32(b, next)
		b = append(b, area...)
		return off
	}
	ascii := func(tag uint16, s string) tiffEntry {
		return tiffEntry{tag, 2, uint32(len(s) + 1), append([]byte(s), 0)}
	}
	long := func(tag uint16, v uint32) tiffEntry { return tiffEntry{tag, 4, 1, bo.AppendUint32(nil, v)} }
	rationals := func(tag uint16, v ...uint32) tiffEntry {
		var d []byte
		for _, x := range v {
			d = bo.AppendUint32(bo.AppendUint32(d, x), 1)
		}
		return tiffEntry{tag, 5, uint32(len(v)), d}
	}

	exif := []tiffEntry{ascii(0x9003, "2026:03:14 09:26:53")}
	if o.makerNote {
		exif = append(exif, tiffEntry{tagMakerNote, 7, 16, []byte("Apple iOS\x00\x00\x01MMSN42")})
	}
	exif = append(exif, ascii(0xa431, "SERIAL-4711"))
	exifOff := writeIFD(exif, 0)

	var gpsOff uint32
	switch {
	case o.gps:
		gpsOff = writeIFD([]tiffEntry{
			{0, 1, 4, []byte{2, 3, 0, 0}},
			ascii(1, "N"), rationals(2, 15, 33, 7),
			ascii(3, "E"), rationals(4, 32, 34, 51),
		}, 0)
	case o.gpsNoFix:
		gpsOff = writeIFD([]tiffEntry{{0, 1, 4, []byte{2, 3, 0, 0}}}, 0)
	}

	var ifd1 uint32
	if o.thumbnail {
		thumb := tinyJPEG()
		at := uint32(len(b))
		b = append(b, thumb...)
		ifd1 = writeIFD([]tiffEntry{long(0x0201, at), long(0x0202, uint32(len(thumb)))}, 0)
	}

	ifd0 := []tiffEntry{ascii(0x010f, "Phone maker"), ascii(0x0110, "Phone 12")}
	if o.orientation != 0 {
		ifd0 = append(ifd0, tiffEntry{tagOrientation, 3, 1, bo.AppendUint16(nil, uint16(o.orientation))})
	}
	ifd0 = append(ifd0, ascii(0x013b, "Jane Doe"), long(tagExifIFD, exifOff))
	if gpsOff != 0 {
		ifd0 = append(ifd0, long(tagGPSIFD, gpsOff))
	}
	off := writeIFD(ifd0, ifd1)
	bo.PutUint32(b[4:], off)
	return b
}

// xmpPacket is an XMP packet naming a creator, with coordinates when gps is set.
func xmpPacket(gps bool) []byte {
	loc := ""
	if gps {
		loc = ` exif:GPSLatitude="15,33.1167N" exif:GPSLongitude="32,34.85E"`
	}
	return []byte(`<?xpacket begin="` + "\ufeff" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"` + loc + `>
<dc:creator><rdf:Seq><rdf:li>Jane Doe</rdf:li></rdf:Seq></dc:creator>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>`)
}

// iptcResources is Photoshop's image resource block holding an IPTC by-line.
func iptcResources() []byte {
	iptc := []byte{0x1c, 2, 0, 0, 2, 0, 4, 0x1c, 2, 80, 0, 8}
	iptc = append(iptc, "Jane Doe"...)
	b := []byte("Photoshop 3.0\x008BIM\x04\x04\x00\x00")
	b = binary.BigEndian.AppendUint32(b, uint32(len(iptc)))
	return append(b, iptc...)
}

// secret are strings the fixtures' metadata holds and no cleaned image may.
var secret = []string{"Jane Doe", "SERIAL-4711", "Phone maker", "xpacket", "MMSN42", "2026:03:14", "a comment"}

// picture is a 40×20 image, mostly grey, with a red block in the top left corner
// and a blue one in the bottom right, so that a turn can be seen.
func picture() *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, 40, 20))
	for y := range 20 {
		for x := range 40 {
			c := color.NRGBA{128, 128, 128, 255}
			switch {
			case x < 8 && y < 8:
				c = color.NRGBA{255, 0, 0, 255}
			case x >= 32 && y >= 12:
				c = color.NRGBA{0, 0, 255, 255}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func tinyJPEG() []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// segment is a JPEG marker segment.
func segment(marker byte, payload []byte) []byte {
	b := []byte{0xff, marker}
	b = binary.BigEndian.AppendUint16(b, uint16(len(payload)+2))
	return append(b, payload...)
}

// jpegWith encodes picture and puts segs right after SOI, and tail after EOI.
func jpegWith(t testing.TB, tail []byte, segs ...[]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, picture(), &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	enc := b.Bytes()
	out := append([]byte{}, enc[:2]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	out = append(out, enc[2:]...)
	return append(out, tail...)
}

func exifSegment(o exifOpts) []byte {
	return segment(0xe1, append([]byte("Exif\x00\x00"), exifBlock(o)...))
}

func xmpSegment(gps bool) []byte {
	return segment(0xe1, append([]byte("http://ns.adobe.com/xap/1.0/\x00"), xmpPacket(gps)...))
}

// chunk is a PNG chunk.
func chunk(typ string, data []byte) []byte { return appendChunk(nil, typ, data) }

// pngOf encodes img and puts chunks right after IHDR, and tail after IEND.
func pngOf(t testing.TB, img image.Image, tail []byte, chunks ...[]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	enc := b.Bytes()
	out := append([]byte{}, enc[:33]...)
	for _, c := range chunks {
		out = append(out, c...)
	}
	out = append(out, enc[33:]...)
	return append(out, tail...)
}

func pngWith(t testing.TB, tail []byte, chunks ...[]byte) []byte {
	return pngOf(t, picture(), tail, chunks...)
}

func deflate(b []byte) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(b)
	w.Close()
	return z.Bytes()
}

// gifWith encodes a paletted picture, looping, and puts exts before the trailer.
func gifWith(t testing.TB, tail []byte, exts ...[]byte) []byte {
	t.Helper()
	src := picture()
	pal := image.NewPaletted(src.Bounds(), color.Palette{color.NRGBA{128, 128, 128, 255}, color.NRGBA{255, 0, 0, 255}, color.NRGBA{0, 0, 255, 255}})
	for y := range 20 {
		for x := range 40 {
			pal.Set(x, y, src.At(x, y))
		}
	}
	var b bytes.Buffer
	if err := gif.EncodeAll(&b, &gif.GIF{Image: []*image.Paletted{pal, pal}, Delay: []int{10, 10}}); err != nil {
		t.Fatal(err)
	}
	enc := b.Bytes()
	out := append([]byte{}, enc[:len(enc)-1]...)
	for _, e := range exts {
		out = append(out, e...)
	}
	out = append(out, 0x3b)
	return append(out, tail...)
}

// gifExtension is an extension with label and data cut into sub-blocks.
func gifExtension(label byte, first []byte, data []byte) []byte {
	b := []byte{0x21, label}
	if first != nil {
		b = append(b, byte(len(first)))
		b = append(b, first...)
	}
	for len(data) > 0 {
		n := min(len(data), 255)
		b = append(b, byte(n))
		b = append(b, data[:n]...)
		data = data[n:]
	}
	return append(b, 0)
}

// gifXMP is XMP as Adobe stores it in a GIF: raw, followed by the "magic trailer"
// of 258 bytes that makes the raw bytes read as sub-blocks.
func gifXMP(gps bool) []byte {
	b := []byte{0x21, 0xff, 11}
	b = append(b, "XMP DataXMP"...)
	b = append(b, xmpPacket(gps)...)
	b = append(b, 1)
	for i := 255; i >= 0; i-- {
		b = append(b, byte(i))
	}
	return append(b, 0)
}

func smallWebP(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/small.webp")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// riffChunk is a WebP chunk, padded to an even length.
func riffChunk(fourCC string, data []byte) []byte {
	b := append([]byte(fourCC), binary.LittleEndian.AppendUint32(nil, uint32(len(data)))...)
	b = append(b, data...)
	if len(data)%2 != 0 {
		b = append(b, 0)
	}
	return b
}

// webpWith turns the simple lossless testdata/small.webp into an extended file with
// a VP8X chunk whose flags announce EXIF and XMP, followed by the image and chunks.
func webpWith(t testing.TB, flags byte, chunks ...[]byte) []byte {
	t.Helper()
	simple := smallWebP(t)
	cfg, err := webp.DecodeConfig(bytes.NewReader(simple))
	if err != nil {
		t.Fatal(err)
	}
	vp8x := []byte{flags, 0, 0, 0}
	w, h := uint32(cfg.Width-1), uint32(cfg.Height-1)
	vp8x = append(vp8x, byte(w), byte(w>>8), byte(w>>16), byte(h), byte(h>>8), byte(h>>16))
	body := append([]byte("WEBP"), riffChunk("VP8X", vp8x)...)
	body = append(body, simple[12:]...)
	for _, c := range chunks {
		body = append(body, c...)
	}
	return append(append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...), body...)
}

// decode decodes any of the four formats.
func decode(t testing.TB, b []byte) image.Image {
	t.Helper()
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decoding the cleaned image: %v", err)
	}
	return img
}

// sameImage fails unless a and b have the same size and pixels.
func sameImage(t testing.TB, a, b image.Image) {
	t.Helper()
	if a.Bounds() != b.Bounds() {
		t.Fatalf("bounds %v; want %v", b.Bounds(), a.Bounds())
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				t.Fatalf("pixel (%d,%d) = %v; want %v", x, y, b.At(x, y), a.At(x, y))
			}
		}
	}
}
