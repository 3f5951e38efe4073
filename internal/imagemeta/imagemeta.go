package imagemeta

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Found is the set of kinds of metadata Clean removed from an image.
type Found uint16

// The kinds of metadata Clean removes.
const (
	EXIF       Found = 1 << iota // camera, settings, date and time, serial numbers
	GPS                          // GPS coordinates, in EXIF or XMP
	MakerNotes                   // the camera maker's private EXIF data
	Thumbnail                    // a preview that keeps the picture as it was before cropping
	XMP                          // Adobe's metadata: creator, location, edit history
	IPTC                         // captions, by-line, copyright (Photoshop image resources)
	Comment                      // JPEG COM segments, GIF comments, PNG "Comment" text
	Text                         // other PNG text chunks: author, software, description
	Time                         // PNG time of last change
	Appended                     // data after the image's end: a second picture, a video clip
	Other                        // other application segments, chunks and extensions
)

var kindNames = [...]string{"EXIF", "GPS", "maker notes", "thumbnail", "XMP", "IPTC", "comment", "text", "time", "appended data", "other"}

// Has reports whether f includes any of the kinds in k.
func (f Found) Has(k Found) bool { return f&k != 0 }

// Kinds names the kinds in f, in the order of the constants.
func (f Found) Kinds() []string {
	var names []string
	for i, name := range kindNames {
		if f&(1<<i) != 0 {
			names = append(names, name)
		}
	}
	return names
}

// String returns the kinds in f separated by commas, or "" when f is empty.
func (f Found) String() string { return strings.Join(f.Kinds(), ", ") }

// ErrConvert is the error Refused and Clean return for image formats folio cannot
// clean. Its text is what the user should do; the caller puts the file's path before it.
var ErrConvert = errors.New("convert to JPEG or PNG")

// Clean returns data, a JPEG, PNG, GIF or WebP image recognised by its first bytes
// (not by name), without its metadata, and what it removed. An image that carries
// none comes back as data itself. name is used only to refuse, by extension, a file
// whose content is not one of these formats (see Refused).
func Clean(name string, data []byte) (out []byte, found Found, err error) {
	return clean(name, data, nil)
}

// Texts returns the readable text of the metadata Clean removes from data (EXIF, XMP,
// IPTC, comments, PNG text, inflated): runs of at least three printable characters,
// where names can be looked for before they are removed. Data after the image's end is
// left out: it is usually a second picture, whose compressed bytes read as random
// letters. Windows' UTF-16 EXIF tags (XPAuthor and the like) are not read.
func Texts(name string, data []byte) ([]string, error) {
	var t texts
	_, _, err := clean(name, data, &t)
	return t, err
}

// texts collects the text of removed metadata for Texts; the nil *texts, Clean's,
// collects nothing.
type texts []string

func (t *texts) add(b []byte) {
	if t == nil {
		return
	}
	for run := range bytes.FieldsFuncSeq(b, func(r rune) bool {
		return r < 0x20 && r != '\t' || r == 0x7f || r == utf8.RuneError
	}) {
		if len(run) >= 3 {
			*t = append(*t, string(run))
		}
	}
}

func clean(name string, data []byte, t *texts) (out []byte, found Found, err error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return cleanJPEG(data, t)
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return cleanPNG(data, t)
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return cleanGIF(data, t)
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return cleanWebP(data, t)
	}
	if err := Refused(name, data); err != nil {
		return nil, 0, err
	}
	return nil, 0, errors.New("not a JPEG, PNG, GIF or WebP image (the file may be damaged)")
}

// refusedExt are the extensions of the formats Clean cannot clean: HEIC and AVIF
// (ISOBMFF containers, whose metadata items are addressed by offsets), TIFF and camera
// raw files (TIFF structures where metadata and pixels share the directories).
var refusedExt = map[string]bool{
	".heic": true, ".heif": true, ".hif": true, ".avif": true,
	".tif": true, ".tiff": true,
	".dng": true, ".cr2": true, ".cr3": true, ".nef": true, ".nrw": true, ".arw": true,
	".raf": true, ".orf": true, ".rw2": true, ".pef": true, ".srw": true,
}

// IsImage reports whether name's extension is one of a raster image format: one that
// Clean cleans (JPEG, PNG, GIF, WebP) or Refused refuses. SVG is not: it is text its
// author wrote, with no camera metadata.
func IsImage(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".apng", ".gif", ".webp":
		return true
	}
	return refusedExt[ext]
}

// isobmffImage are the major brands of HEIF, AVIF and Canon CR3 files.
var isobmffImage = map[string]bool{
	"heic": true, "heix": true, "hevc": true, "hevx": true, "heim": true, "heis": true,
	"hevm": true, "hevs": true, "mif1": true, "msf1": true, "avif": true, "avis": true,
	"crx ": true,
}

// Refused returns ErrConvert when name's extension or data's first bytes show an
// image format folio cannot clean (HEIC, HEIF, AVIF, TIFF, camera raw), and nil
// otherwise: also for files that are not images at all.
func Refused(name string, data []byte) error {
	if refusedExt[strings.ToLower(filepath.Ext(name))] {
		return ErrConvert
	}
	for _, magic := range []string{
		"II*\x00", "MM\x00*", // TIFF, and the raw formats built on it (DNG, CR2, NEF, ARW, PEF)
		"IIRO", "IIRS", "MMOR", // Olympus ORF
		"IIU\x00",          // Panasonic RW2
		"FUJIFILMCCD-RAW ", // Fujifilm RAF
	} {
		if bytes.HasPrefix(data, []byte(magic)) {
			return ErrConvert
		}
	}
	if len(data) >= 12 && string(data[4:8]) == "ftyp" && isobmffImage[string(data[8:12])] {
		return ErrConvert
	}
	return nil
}

// maxInflate bounds what inflate returns, against compression bombs.
const maxInflate = 16 << 20

// An inflater decompresses zlib streams with one decompressor (and its 32 KB window),
// reused from one call to the next.
type inflater struct{ r io.ReadCloser }

// inflate returns what a zlib stream at the start of b decompresses to, as far as it
// can be read, at most maxInflate bytes: the callers only look for markers in it.
func (f *inflater) inflate(b []byte) []byte {
	if f.r == nil {
		r, err := zlib.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil
		}
		f.r = r
	} else if err := f.r.(zlib.Resetter).Reset(bytes.NewReader(b), nil); err != nil {
		return nil
	}
	out, _ := io.ReadAll(io.LimitReader(f.r, maxInflate))
	return out
}

// inflate is for a single stream.
func inflate(b []byte) []byte { return new(inflater).inflate(b) }

// xmpHasGPS reports whether an XMP packet holds coordinates. The prefix is usually
// exif: but may be any, so only the property name is matched.
func xmpHasGPS(xmp []byte) bool {
	return bytes.Contains(xmp, []byte("GPSLatitude")) || bytes.Contains(xmp, []byte("GPSLongitude"))
}

// xmpFound is the kinds an XMP packet adds.
func xmpFound(xmp []byte) Found {
	if xmpHasGPS(xmp) {
		return XMP | GPS
	}
	return XMP
}

// An edit replaces data[from:to] with with (nil to drop it).
type edit struct {
	from, to int
	with     []byte
}

// apply returns data with edits, which are in order and do not overlap, applied.
func apply(data []byte, edits []edit) []byte {
	out := make([]byte, 0, len(data))
	at := 0
	for _, e := range edits {
		out = append(out, data[at:e.from]...)
		out = append(out, e.with...)
		at = e.to
	}
	return append(out, data[at:]...)
}
