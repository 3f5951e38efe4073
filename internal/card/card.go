package card

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/go-text/typesetting/bidi"
	gtfont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/vector"
)

// Width and Height are the size of a card in pixels, the size Open Graph and
// Twitter's summary_large_image recommend.
const (
	Width  = 1200
	Height = 630
)

// layoutVersion is part of every key: bump it whenever a change to this
// package changes the pixels or bytes of a card, so that cached cards are
// redrawn.
const layoutVersion = "3"

// Card is what a share card shows.
type Card struct {
	Title    string // may be long: wrapped to at most 4 lines, with an ellipsis if longer
	Kind     string // "Policy brief"
	Date     string // "15 March 2022"
	SiteName string // "Protecting Civilians in Peacekeeping"
	Lang     string // BCP 47 tag: a right-to-left language ("ar") mirrors the layout
	// Cover is the publication's cover image (JPEG, PNG, GIF or WebP), shown in a
	// panel beside the text; nil for none. It is drawn as decoded: the caller turns
	// a photo upright (EXIF orientation) first.
	Cover []byte
	// Logo is the organisation's logo, a PNG, shown before the site name; nil for
	// none. Drawer.SVGLogo makes an SVG logo one.
	Logo []byte
}

// A Drawer holds parsed fonts; it is safe for concurrent use (parse once,
// draw many).
type Drawer struct {
	fonts [2]*opentype.Font // regular, bold
	shape [2]*gtfont.Font   // the same fonts, for the shaper
	sum   [sha256.Size]byte // of the fonts and toolchain: the start of every key
	pool  sync.Pool         // of *state
}

// Font indexes into Drawer.fonts.
const (
	regular = 0
	bold    = 1
)

// NewDrawer parses the regular and bold fonts (TrueType or OpenType) that
// cards are drawn with.
func NewDrawer(regularFont, boldFont []byte) (*Drawer, error) {
	d := new(Drawer)
	for i, src := range [][]byte{regularFont, boldFont} {
		f, err := opentype.Parse(src)
		if err != nil {
			return nil, fmt.Errorf("card: parse %s font: %w", [...]string{"regular", "bold"}[i], err)
		}
		// Reject fonts that would draw nothing legible, so that a wrong file
		// fails the build instead of producing blank cards.
		var buf sfnt.Buffer
		if x, err := f.GlyphIndex(&buf, 'A'); err != nil || x == 0 {
			return nil, fmt.Errorf("card: %s font has no glyph for %q", [...]string{"regular", "bold"}[i], 'A')
		}
		d.fonts[i] = f
		gf, err := gtfont.ParseTTF(bytes.NewReader(src))
		if err != nil {
			return nil, fmt.Errorf("card: parse %s font for shaping: %w", [...]string{"regular", "bold"}[i], err)
		}
		d.shape[i] = gf.Font
	}
	h := sha256.New()
	fmt.Fprintf(h, "folio card %s\x00%s\x00%s\x00%s\x00", layoutVersion, runtime.Version(), runtime.GOARCH, ximageVersion())
	for _, src := range [][]byte{regularFont, boldFont} {
		s := sha256.Sum256(src)
		h.Write(s[:])
	}
	h.Sum(d.sum[:0])
	d.pool.New = func() any { return d.newState() }
	return d, nil
}

// ximageVersion returns the version of golang.org/x/image built into the
// program, which owns the glyph rasterizer.
func ximageVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, m := range bi.Deps {
		if m.Path == "golang.org/x/image" {
			if m.Replace != nil {
				m = m.Replace
			}
			return m.Version
		}
	}
	return ""
}

// Key identifies a card's content (and the drawer's fonts and layout version)
// for caching: same key, same PNG. It is 32 lower-case hexadecimal digits.
func (d *Drawer) Key(c Card) string {
	h := sha256.New()
	h.Write(d.sum[:])
	var n [8]byte
	for _, s := range [...]string{c.Title, c.Kind, c.Date, c.SiteName, c.Lang} {
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	for _, b := range [...][]byte{c.Cover, c.Logo} {
		sum := sha256.Sum256(b)
		binary.BigEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(sum[:])
	}
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0])[:16])
}

// Draw renders the card as a 1200×630 image: a JPEG when it shows a cover photo, a PNG
// otherwise (Ext tells which).
func (d *Drawer) Draw(c Card) ([]byte, error) {
	cover, err := decodeImage(c.Cover, "cover")
	if err != nil {
		return nil, err
	}
	logo, err := decodeImage(c.Logo, "logo")
	if err != nil {
		return nil, err
	}
	st := d.pool.Get().(*state)
	defer d.pool.Put(st)
	clear(st.img.Pix) // index 0 is the background
	st.rtl = isRTL(c.Lang, c.Title)
	st.lang = shapingLanguage(c.Lang)
	f := newFrame(st.rtl, cover != nil)
	logoBox := f.logoBox(logo)
	st.layout(c, f, logoBox.Dx())
	var img image.Image = st.img
	if cover != nil || logo != nil {
		// A photo or a logo needs more colours than the palette's.
		img = st.compose(f, cover, logo, logoBox)
	}
	st.out.Reset()
	if cover != nil {
		// A photo: as a PNG the card weighed some 470 kB, past what messaging apps
		// fetch for a preview (WhatsApp shows none above 300 kB); as a JPEG, a tenth.
		if err := jpeg.Encode(&st.out, img, &jpeg.Options{Quality: coverQuality}); err != nil {
			return nil, fmt.Errorf("card: encode jpeg: %w", err)
		}
		return bytes.Clone(st.out.Bytes()), nil
	}
	if err := st.enc.Encode(&st.out, img); err != nil {
		return nil, fmt.Errorf("card: encode png: %w", err)
	}
	return bytes.Clone(st.out.Bytes()), nil
}

// coverQuality is the JPEG quality of a card with a cover photo.
const coverQuality = 85

// Ext returns the file extension of a card Draw made, ".jpg" for one with a cover
// photo and ".png" for the others, and its MIME type.
func Ext(data []byte) (ext, mime string) {
	if len(data) > 2 && data[0] == 0xff && data[1] == 0xd8 {
		return ".jpg", "image/jpeg"
	}
	return ".png", "image/png"
}

// A state is what one Draw call needs to itself: faces (which are not safe
// for concurrent use), the image and the encoder's buffers. States are
// pooled so that drawing many cards allocates little.
type state struct {
	d     *Drawer
	buf   sfnt.Buffer
	faces map[faceKey]font.Face
	img   *image.Paletted
	rgba  *image.RGBA // for cards with a cover or a logo; nil until one is drawn
	out   bytes.Buffer
	enc   png.Encoder

	// The shaper's.
	rtl     bool              // the card is right to left
	lang    language.Language // the card's, for the shaper
	gfaces  [2]*gtfont.Face
	hb      shaping.HarfbuzzShaper
	seg     shaping.Segmenter
	para    bidi.Paragraph
	runs    []run
	scratch []rune
	rast    vector.Rasterizer
	mask    image.Alpha
}

type faceKey struct {
	font int
	size float64
}

func (d *Drawer) newState() *state {
	return &state{
		d:      d,
		gfaces: [2]*gtfont.Face{gtfont.NewFace(d.shape[0]), gtfont.NewFace(d.shape[1])},
		faces:  make(map[faceKey]font.Face),
		img:    image.NewPaletted(image.Rect(0, 0, Width, Height), palette),
		enc:    png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: new(encoderBuffers)},
	}
}

// face returns the face of font f at size pixels per em.
func (st *state) face(f int, size float64) font.Face {
	k := faceKey{f, size}
	fc, ok := st.faces[k]
	if !ok {
		// NewFace fails only for invalid options.
		fc, _ = opentype.NewFace(st.d.fonts[f], &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
		st.faces[k] = fc
	}
	return fc
}

// has reports whether font f has a glyph for r.
func (st *state) has(f int, r rune) bool {
	x, err := st.d.fonts[f].GlyphIndex(&st.buf, r)
	return err == nil && x != 0
}

// fontFor returns the font to draw r with when the text asks for font want:
// want if it has r, else the other font if it has r, else want (which draws
// its missing-glyph box).
func (st *state) fontFor(want int, r rune) int {
	if st.has(want, r) || !st.has(1-want, r) {
		return want
	}
	return 1 - want
}

// encoderBuffers lets one state's png.Encoder reuse its buffers.
type encoderBuffers struct{ b *png.EncoderBuffer }

func (p *encoderBuffers) Get() *png.EncoderBuffer  { return p.b }
func (p *encoderBuffers) Put(b *png.EncoderBuffer) { p.b = b }
