package imagemeta

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"strings"
	"testing"
)

func TestClean(t *testing.T) {
	all := exifOpts{gps: true, makerNote: true, thumbnail: true}
	jfifThumb := append([]byte("JFIF\x00\x01\x02\x00\x00\x48\x00\x48\x02\x01"), bytes.Repeat([]byte{9}, 6)...)
	tests := []struct {
		name string
		in   []byte
		want Found
		keep [][]byte // byte strings the output must still hold
	}{
		{"jpeg everything", jpegWith(t, []byte("\xff\xd8a second picture\xff\xd9"),
			segment(0xe0, []byte("JFIF\x00\x01\x02\x00\x00\x48\x00\x48\x00\x00")),
			exifSegment(all), xmpSegment(false), segment(0xed, iptcResources()),
			segment(0xe2, []byte("MPF\x00II*\x00")), segment(0xeb, []byte("JP\x00\x00HDR")),
			segment(0xfe, []byte("a comment"))),
			EXIF | GPS | MakerNotes | Thumbnail | XMP | IPTC | Comment | Appended | Other,
			[][]byte{[]byte("JFIF\x00")}},
		{"jpeg exif without gps", jpegWith(t, nil, exifSegment(exifOpts{})), EXIF, nil},
		{"jpeg gps directory without a fix", jpegWith(t, nil, exifSegment(exifOpts{gpsNoFix: true})), EXIF, nil},
		{"jpeg orientation 1", jpegWith(t, nil, exifSegment(exifOpts{orientation: 1})), EXIF, nil},
		{"jpeg gps in xmp only", jpegWith(t, nil, xmpSegment(true)), XMP | GPS, nil},
		{"jpeg jfif thumbnail", jpegWith(t, nil, segment(0xe0, jfifThumb)), Thumbnail,
			[][]byte{[]byte("\xff\xe0\x00\x10JFIF\x00\x01\x02\x00\x00\x48\x00\x48\x00\x00\xff")}},
		{"jpeg icc and adobe kept", jpegWith(t, nil,
			segment(0xe2, []byte("ICC_PROFILE\x00\x01\x01profile")), segment(0xee, []byte("Adobe\x00\x64\x00\x00\x00\x00\x01")),
			exifSegment(exifOpts{gps: true})),
			EXIF | GPS, [][]byte{[]byte("ICC_PROFILE\x00\x01\x01profile"), []byte("Adobe\x00")}},
		{"png everything", pngWith(t, []byte("appended"),
			chunk("gAMA", []byte{0, 0, 0xb1, 0x8f}),
			chunk("eXIf", exifBlock(all)),
			chunk("iTXt", append([]byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00"), xmpPacket(false)...)),
			chunk("tEXt", []byte("Author\x00Jane Doe")),
			chunk("tEXt", []byte("Comment\x00a comment")),
			chunk("tIME", []byte{0x07, 0xea, 3, 14, 9, 26, 53}),
			chunk("prVt", []byte("SERIAL-4711"))),
			EXIF | GPS | MakerNotes | Thumbnail | XMP | Comment | Text | Time | Appended | Other,
			[][]byte{[]byte("gAMA")}},
		{"png compressed xmp with gps", pngWith(t, nil,
			chunk("iTXt", append([]byte("XML:com.adobe.xmp\x00\x01\x00\x00\x00"), deflate(xmpPacket(true))...))),
			XMP | GPS, nil},
		{"png imagemagick exif", pngWith(t, nil,
			chunk("zTXt", append([]byte("Raw profile type exif\x00\x00"),
				deflate([]byte("\nexif\n     123\n"+hexLines(append([]byte("Exif\x00\x00"), exifBlock(exifOpts{gps: true})...))))...))),
			EXIF | GPS, nil},
		{"gif comment and xmp", gifWith(t, []byte("appended"),
			gifExtension(0xfe, nil, []byte("a comment")), gifXMP(true),
			gifExtension(0xff, []byte("SOFTWAREv01"), []byte("Phone maker"))),
			Comment | XMP | GPS | Appended | Other,
			[][]byte{[]byte("NETSCAPE2.0")}},
		{"webp exif and xmp", webpWith(t, webpFlagEXIF|webpFlagXMP,
			riffChunk("EXIF", exifBlock(all)), riffChunk("XMP ", xmpPacket(false)), riffChunk("prVt", []byte("Jane Doe!"))),
			EXIF | GPS | MakerNotes | Thumbnail | XMP | Other, [][]byte{[]byte("VP8X")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, found, err := Clean("x.img", tt.in)
			if err != nil {
				t.Fatalf("Clean: %v", err)
			}
			if found != tt.want {
				t.Errorf("Clean found %q; want %q", found, tt.want)
			}
			for _, s := range secret {
				if bytes.Contains(out, []byte(s)) {
					t.Errorf("output still holds %q", s)
				}
			}
			for _, k := range tt.keep {
				if !bytes.Contains(out, k) {
					t.Errorf("output lost %q", k)
				}
			}
			// Texts reads every secret that Clean removes, where it is stored as text.
			texts, err := Texts("x.img", tt.in)
			if err != nil {
				t.Fatalf("Texts: %v", err)
			}
			all := strings.Join(texts, "\n")
			for _, s := range secret {
				if bytes.Contains(tt.in, []byte(s)) && !strings.Contains(all, s) {
					t.Errorf("Texts = %q; want it to hold %q", texts, s)
				}
			}
			if strings.Contains(all, "second picture") || strings.Contains(all, "appended") {
				t.Errorf("Texts = %q; want data after the image left out", texts)
			}
			// The pixels are untouched, and the output is clean.
			sameImage(t, decode(t, tt.in), decode(t, out))
			again, found2, err := Clean("x.img", out)
			if err != nil || found2 != 0 || !bytes.Equal(again, out) {
				t.Errorf("Clean(Clean(in)) = %d bytes, %q, %v; want the same %d bytes, nothing found", len(again), found2, err, len(out))
			}
		})
	}
}

func hexLines(b []byte) string {
	const digits = "0123456789abcdef"
	var s strings.Builder
	for i, c := range b {
		if i%36 == 0 {
			s.WriteByte('\n')
		}
		s.WriteByte(digits[c>>4])
		s.WriteByte(digits[c&15])
	}
	return s.String()
}

// A clean image comes back as the same slice: no copy, no rewrite.
func TestCleanUnchanged(t *testing.T) {
	for name, in := range map[string][]byte{
		"jpeg": jpegWith(t, nil, segment(0xe0, []byte("JFIF\x00\x01\x02\x00\x00\x48\x00\x48\x00\x00")),
			segment(0xe2, []byte("ICC_PROFILE\x00\x01\x01profile"))),
		"png":           pngWith(t, nil, chunk("sRGB", []byte{0}), chunk("pHYs", []byte{0, 0, 11, 19, 0, 0, 11, 19, 1})),
		"gif":           gifWith(t, nil),
		"webp":          smallWebP(t),
		"webp extended": webpWith(t, 0),
	} {
		out, found, err := Clean(name, in)
		if err != nil || found != 0 || len(out) != len(in) || &out[0] != &in[0] {
			t.Errorf("Clean(%s) = %d bytes, %q, %v; want the input itself", name, len(out), found, err)
		}
	}
}

func TestCleanWebPFlags(t *testing.T) {
	in := webpWith(t, webpFlagEXIF|webpFlagXMP|0x20, riffChunk("ICCP", []byte("icc")), riffChunk("EXIF", exifBlock(exifOpts{})))
	out, _, err := Clean("a.webp", in)
	if err != nil {
		t.Fatal(err)
	}
	if got := out[20]; got != 0x20 {
		t.Errorf("VP8X flags = %#x; want 0x20 (ICC only)", got)
	}
	if got := int(out[4]) | int(out[5])<<8 | int(out[6])<<16 | int(out[7])<<24; got != len(out)-8 {
		t.Errorf("RIFF size = %d; want %d", got, len(out)-8)
	}
	if !bytes.Contains(out, riffChunk("ICCP", []byte("icc"))) {
		t.Error("the ICC profile chunk was dropped")
	}
}

func TestCleanErrors(t *testing.T) {
	jpg := jpegWith(t, nil, exifSegment(exifOpts{gps: true}))
	pngData := pngWith(t, nil, chunk("tEXt", []byte("Author\x00Jane Doe")))
	gifData := gifWith(t, nil, gifExtension(0xfe, nil, []byte("a comment")))
	webpData := webpWith(t, webpFlagEXIF, riffChunk("EXIF", exifBlock(exifOpts{})))
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"jpeg cut in exif", jpg[:40], "damaged JPEG"},
		{"jpeg bad length", append([]byte("\xff\xd8\xff\xe1\x00\x01"), jpg[6:]...), "damaged JPEG"},
		{"png cut", pngData[:61], "damaged PNG"},
		{"png without IEND", pngData[:60], "damaged PNG"},
		{"png huge length", append(append([]byte{}, pngData[:33]...), "\x7f\xff\xff\xfftEXt"...), "damaged PNG"},
		{"gif cut", gifData[:30], "damaged GIF"},
		{"webp cut", webpData[:30], "damaged WebP"},
		{"webp riff size beyond the end", append([]byte("RIFF\xff\xff\xff\xffWEBP"), webpData[12:]...), "damaged WebP"},
		{"text", []byte("<svg></svg>"), "not a JPEG, PNG, GIF or WebP image"},
		{"empty", nil, "not a JPEG, PNG, GIF or WebP image"},
		{"heic named jpg", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), "convert to JPEG or PNG"},
		{"tiff", []byte("II*\x00\x08\x00\x00\x00"), "convert to JPEG or PNG"},
	}
	for _, tt := range tests {
		out, _, err := Clean("photo.jpg", tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Clean = %d bytes, %v; want an error containing %q", tt.name, len(out), err, tt.want)
		}
	}
}

func TestRefused(t *testing.T) {
	jpg := jpegWith(t, nil)
	tests := []struct {
		name string
		data []byte
		want bool
	}{
		{"IMG_0001.HEIC", []byte("anything"), true},
		{"a.heif", nil, true},
		{"a.avif", nil, true},
		{"scan.tif", nil, true},
		{"scan.TIFF", nil, true},
		{"raw.dng", nil, true}, {"raw.cr2", nil, true}, {"raw.nef", nil, true}, {"raw.arw", nil, true},
		{"raw.raf", nil, true}, {"raw.orf", nil, true}, {"raw.rw2", nil, true},
		{"photo.jpg", []byte("\x00\x00\x00\x1cftypheic\x00\x00\x00\x00mif1heic"), true},
		{"photo.jpg", []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00mif1"), true},
		{"photo.jpg", []byte("MM\x00*\x00\x00\x00\x08"), true},
		{"photo.jpg", []byte("FUJIFILMCCD-RAW 0201"), true},
		{"photo.jpg", jpg, false},
		{"clip.mp4", []byte("\x00\x00\x00\x1cftypisom\x00\x00\x02\x00isomiso2"), false},
		{"notes.txt", []byte("II"), false},
	}
	for _, tt := range tests {
		err := Refused(tt.name, tt.data)
		if got := err != nil; got != tt.want {
			t.Errorf("Refused(%q, %.12q) = %v; want refused %v", tt.name, tt.data, err, tt.want)
		}
		if err != nil && (!errors.Is(err, ErrConvert) || err.Error() != "convert to JPEG or PNG") {
			t.Errorf("Refused(%q) = %q; want ErrConvert", tt.name, err)
		}
	}
}

func TestFoundString(t *testing.T) {
	if got, want := (EXIF | GPS | Appended).String(), "EXIF, GPS, appended data"; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
	if got := Found(0).String(); got != "" {
		t.Errorf("Found(0).String() = %q; want \"\"", got)
	}
	if !(EXIF | GPS).Has(GPS) || EXIF.Has(GPS) {
		t.Error("Has is wrong")
	}
}

// corners are the colours expected in the four corners (top left, top right, bottom
// left, bottom right) of picture shown as each orientation says.
func TestOrientationPNG(t *testing.T) {
	red, blue, grey := color.NRGBA{255, 0, 0, 255}, color.NRGBA{0, 0, 255, 255}, color.NRGBA{128, 128, 128, 255}
	tests := []struct {
		orientation int
		w, h        int
		corners     [4]color.NRGBA
	}{
		{2, 40, 20, [4]color.NRGBA{grey, red, blue, grey}},
		{3, 40, 20, [4]color.NRGBA{blue, grey, grey, red}},
		{4, 40, 20, [4]color.NRGBA{grey, blue, red, grey}},
		{5, 20, 40, [4]color.NRGBA{red, grey, grey, blue}},
		{6, 20, 40, [4]color.NRGBA{grey, red, blue, grey}},
		{7, 20, 40, [4]color.NRGBA{blue, grey, grey, red}},
		{8, 20, 40, [4]color.NRGBA{grey, blue, red, grey}},
	}
	for _, tt := range tests {
		in := pngWith(t, nil, chunk("sRGB", []byte{0}), chunk("pHYs", []byte{0, 0, 0, 1, 0, 0, 0, 2, 0}),
			chunk("eXIf", exifBlock(exifOpts{orientation: tt.orientation, gps: true})))
		out, found, err := Clean("a.png", in)
		if err != nil {
			t.Fatalf("orientation %d: %v", tt.orientation, err)
		}
		if found != EXIF|GPS {
			t.Errorf("orientation %d: found %q", tt.orientation, found)
		}
		img := decode(t, out)
		if b := img.Bounds(); b.Dx() != tt.w || b.Dy() != tt.h {
			t.Fatalf("orientation %d: size %dx%d; want %dx%d", tt.orientation, b.Dx(), b.Dy(), tt.w, tt.h)
		}
		pts := [4]image.Point{{0, 0}, {tt.w - 1, 0}, {0, tt.h - 1}, {tt.w - 1, tt.h - 1}}
		for i, p := range pts {
			if got := color.NRGBAModel.Convert(img.At(p.X, p.Y)); got != tt.corners[i] {
				t.Errorf("orientation %d: pixel %v = %v; want %v", tt.orientation, p, got, tt.corners[i])
			}
		}
		if !bytes.Contains(out, []byte("sRGB")) {
			t.Errorf("orientation %d: sRGB chunk lost", tt.orientation)
		}
		phys := []byte{0, 0, 0, 1, 0, 0, 0, 2, 0}
		if tt.orientation >= 5 {
			phys = []byte{0, 0, 0, 2, 0, 0, 0, 1, 0}
		}
		if !bytes.Contains(out, chunk("pHYs", phys)) {
			t.Errorf("orientation %d: want pHYs %v", tt.orientation, phys)
		}
		if again, f, err := Clean("a.png", out); err != nil || f != 0 || !bytes.Equal(again, out) {
			t.Errorf("orientation %d: the output is not clean: %q, %v", tt.orientation, f, err)
		}
	}
}

// A JPEG stored turned (Orientation 6, as phones held upright write) comes out
// upright: 20×40 instead of 40×20, the red top left corner now top right.
func TestOrientationJPEG(t *testing.T) {
	icc := segment(0xe2, []byte("ICC_PROFILE\x00\x01\x01profile"))
	in := jpegWith(t, nil, exifSegment(exifOpts{orientation: 6, gps: true}), icc)
	out, found, err := Clean("a.jpg", in)
	if err != nil {
		t.Fatal(err)
	}
	if found != EXIF|GPS {
		t.Errorf("found %q; want EXIF, GPS", found)
	}
	img := decode(t, out)
	if b := img.Bounds(); b.Dx() != 20 || b.Dy() != 40 {
		t.Fatalf("size %dx%d; want 20x40", b.Dx(), b.Dy())
	}
	near := func(p image.Point, want color.NRGBA) {
		t.Helper()
		got := color.NRGBAModel.Convert(img.At(p.X, p.Y)).(color.NRGBA)
		d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
		if d(got.R, want.R) > 40 || d(got.G, want.G) > 40 || d(got.B, want.B) > 40 {
			t.Errorf("pixel %v = %v; want about %v", p, got, want)
		}
	}
	near(image.Pt(17, 2), color.NRGBA{255, 0, 0, 255})    // red, now top right
	near(image.Pt(2, 2), color.NRGBA{128, 128, 128, 255}) // grey
	near(image.Pt(2, 37), color.NRGBA{0, 0, 255, 255})    // blue, now bottom left
	if !bytes.Contains(out, icc) {
		t.Error("the ICC profile was not kept")
	}
	for _, s := range secret {
		if bytes.Contains(out, []byte(s)) {
			t.Errorf("output still holds %q", s)
		}
	}
	if again, f, err := Clean("a.jpg", out); err != nil || f != 0 || !bytes.Equal(again, out) {
		t.Errorf("the output is not clean: %q, %v", f, err)
	}
}

func TestOrientationRefused(t *testing.T) {
	in := webpWith(t, webpFlagEXIF, riffChunk("EXIF", exifBlock(exifOpts{orientation: 8})))
	if _, _, err := Clean("a.webp", in); !errors.Is(err, ErrConvert) {
		t.Errorf("Clean(WebP with orientation 8) = %v; want ErrConvert", err)
	}
	apng := pngWith(t, nil, chunk("acTL", []byte{0, 0, 0, 1, 0, 0, 0, 0}), chunk("eXIf", exifBlock(exifOpts{orientation: 3})))
	if _, _, err := Clean("a.png", apng); err == nil || !strings.Contains(err.Error(), "rotate it in an image editor") {
		t.Errorf("Clean(APNG with orientation 3) = %v; want an error", err)
	}
	// A few bytes that declare a huge image are not decoded.
	huge := append([]byte{}, pngWith(t, nil, chunk("eXIf", exifBlock(exifOpts{orientation: 6})))...)
	copy(huge[16:24], []byte{0, 0, 0xea, 0x60, 0, 0, 0xea, 0x60}) // 60000×60000
	binary.BigEndian.PutUint32(huge[29:], crc32.ChecksumIEEE(huge[12:29]))
	if _, _, err := Clean("a.png", huge); err == nil || !strings.Contains(err.Error(), "60000×60000") {
		t.Errorf("Clean(huge PNG) = %v; want a size error", err)
	}
}

// TestTextsCompressed: text stored compressed or hex-encoded is read as text.
func TestTextsCompressed(t *testing.T) {
	for name, in := range map[string][]byte{
		"png compressed xmp": pngWith(t, nil,
			chunk("iTXt", append([]byte("XML:com.adobe.xmp\x00\x01\x00\x00\x00"), deflate(xmpPacket(true))...))),
		"png imagemagick exif": pngWith(t, nil,
			chunk("zTXt", append([]byte("Raw profile type exif\x00\x00"),
				deflate([]byte("\nexif\n     123\n"+hexLines(append([]byte("Exif\x00\x00"), exifBlock(exifOpts{})...))))...))),
		"png compressed text": pngWith(t, nil,
			chunk("zTXt", append([]byte("Author\x00\x00"), deflate([]byte("Jane Doe"))...))),
	} {
		texts, err := Texts("x.png", in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		all := strings.Join(texts, "\n")
		if !strings.Contains(all, "Jane Doe") && !strings.Contains(all, "Phone maker") {
			t.Errorf("%s: Texts = %q; want the author or camera maker", name, texts)
		}
	}
	if texts, err := Texts("x.jpg", tinyJPEG()); err != nil || len(texts) != 0 {
		t.Errorf("Texts(a JPEG without metadata) = %q, %v; want nothing", texts, err)
	}
}
