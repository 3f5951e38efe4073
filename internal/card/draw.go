package card

import (
	"image"
	"image/color"

	"golang.org/x/image/math/fixed"
)

// Colours. All three inks have a contrast ratio of at least 4.5:1 (WCAG AA)
// against the background; TestContrast checks it.
var (
	background = color.RGBA{0xff, 0xff, 0xff, 0xff}
	inkColors  = [...]color.RGBA{
		text:   {0x12, 0x1c, 0x2e, 0xff}, // near-black navy
		muted:  {0x4a, 0x55, 0x68, 0xff}, // slate grey
		accent: {0x0b, 0x5c, 0xa8, 0xff}, // blue
	}
)

// An ink is one of the colours text and rules are drawn in.
type ink int

const (
	text ink = iota
	muted
	accent
)

// levels is the number of shades of each ink in the palette, the last being
// the ink itself: the anti-aliasing of glyph edges is quantized to these.
const levels = 8

// palette holds the background at index 0, then levels shades of each ink,
// lightest first; levelOf gives each index's shade (0 for the background).
var palette, levelOf = makePalette()

func makePalette() (color.Palette, []uint8) {
	p := color.Palette{background}
	lv := []uint8{0}
	for _, c := range inkColors {
		for k := 1; k <= levels; k++ {
			mix := func(bg, fg uint8) uint8 {
				return uint8((int(bg)*(levels-k) + int(fg)*k + levels/2) / levels)
			}
			p = append(p, color.RGBA{mix(background.R, c.R), mix(background.G, c.G), mix(background.B, c.B), 0xff})
			lv = append(lv, uint8(k))
		}
	}
	return p, lv
}

// index returns the palette index of shade k (1 to levels) of ink i.
func index(i ink, k int) uint8 { return uint8(1 + int(i)*levels + k - 1) }

// coverage maps a glyph mask's alpha to a shade, 0 meaning none.
var coverage = func() (t [256]uint8) {
	for a := range t {
		t[a] = uint8((a*levels + 127) / 255)
	}
	return t
}()

// Layout, in pixels.
const (
	padX       = 80             // left and right margins
	contentW   = Width - 2*padX // width of every line
	siteY      = 100            // baseline of the site name
	ruleY      = 128            // top of the accent rule
	ruleH      = 4              //
	ruleW      = 96             //
	bandH      = 12             // height of the band along the bottom edge
	titleTop   = 172            // top of the title's first line
	titleBot   = 484            // the title's descenders are above this
	footerY    = Height - 72    // baseline of the kind and date
	maxLines   = 4              // of the title
	lineHeight = 1.2            // of the title, in ems
	clipSlack  = 4              // how far glyph overhangs may reach into the margins
	siteSize   = 26             // pixels per em
	footerSize = 30             //
	titleMax   = 72             // the title's largest size
	titleMin   = 44             // and its smallest
	titleStep  = 4              //
)

// Where the glyphs of each part may draw: the content box and a few pixels
// more, in each part's band.
var (
	siteClip   = image.Rect(padX-clipSlack, 40, Width-padX+clipSlack, ruleY-4)
	titleClip  = image.Rect(padX-clipSlack, ruleY+ruleH+8, Width-padX+clipSlack, titleBot+12)
	footerClip = image.Rect(padX-clipSlack, titleBot+12, Width-padX+clipSlack, Height-bandH-4)
)

// layout draws c onto st.img.
func (st *state) layout(c Card) {
	lineW := fixed.I(contentW)

	// Site name.
	site := style{font: bold, size: siteSize, ink: muted, tracking: fixed.I(2)}
	if rs := st.prepare(c.SiteName); len(rs) > 0 {
		st.draw(site, st.truncate(site, upper(rs, c.Lang), lineW), fixed.I(padX), fixed.I(siteY), siteClip)
	}

	// Accent rule under the site name, and a band along the bottom edge
	// that frames the card at thumbnail size.
	st.fill(image.Rect(padX, ruleY, padX+ruleW, ruleY+ruleH), index(accent, levels))
	st.fill(image.Rect(0, Height-bandH, Width, Height), index(accent, levels))

	// Title.
	if rs := st.prepare(c.Title); len(rs) > 0 {
		sty, lines, y, lh := st.title(rs)
		for _, line := range lines {
			st.draw(sty, line, fixed.I(padX), y, titleClip)
			y += lh
		}
	}

	// Kind and date.
	kindSty := style{font: bold, size: footerSize, ink: accent}
	dateSty := style{font: regular, size: footerSize, ink: muted}
	kind, date := st.prepare(c.Kind), st.prepare(c.Date)
	x := fixed.I(padX)
	if len(kind) > 0 {
		// The kind may take the whole line when there is no date, and
		// otherwise what the date leaves, but at least half the line.
		room := lineW
		if len(date) > 0 {
			room = lineW/2 + max(0, lineW/2-st.widthUpTo(dateSty, date, lineW)-st.width(dateSty, []rune(sep)))
		}
		kind = st.truncate(kindSty, kind, room)
		st.draw(kindSty, kind, x, fixed.I(footerY), footerClip)
		x += st.width(kindSty, kind)
		if len(date) > 0 {
			st.draw(dateSty, []rune(sep), x, fixed.I(footerY), footerClip)
			x += st.width(dateSty, []rune(sep))
		}
	}
	if len(date) > 0 {
		if rest := fixed.I(padX) + lineW - x; rest > 0 {
			st.draw(dateSty, st.truncate(dateSty, date, rest), x, fixed.I(footerY), footerClip)
		}
	}
}

// title lays out a title at the largest size at which it fits in the title
// box in at most maxLines lines, cutting it with an ellipsis if it does not
// fit at the smallest size. It returns the lines, the first baseline and
// the distance between baselines.
func (st *state) title(rs []rune) (sty style, lines [][]rune, y, lh fixed.Int26_6) {
	var more bool
	for size := titleMax; size >= titleMin; size -= titleStep {
		sty = style{font: bold, size: float64(size), ink: text}
		m := st.face(bold, sty.size).Metrics()
		y = fixed.I(titleTop) + m.Ascent
		lh = fixed.Int26_6(sty.size * lineHeight * 64)
		n := 1 + int((fixed.I(titleBot)-m.Descent-y)/lh)
		lines, more = st.wrap(sty, rs, fixed.I(contentW), min(n, maxLines))
		if !more {
			break
		}
	}
	if more {
		last := len(lines) - 1
		lines[last] = st.ellipsize(sty, lines[last], fixed.I(contentW))
	}
	return sty, lines, y, lh
}

// sep separates the kind from the date.
const sep = "  ·  "

// fill sets the pixels of r to palette index i.
func (st *state) fill(r image.Rectangle, i uint8) {
	r = r.Intersect(st.img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := st.img.Pix[y*st.img.Stride:]
		for x := r.Min.X; x < r.Max.X; x++ {
			row[x] = i
		}
	}
}

// draw draws rs in sty with its first pen position at x on baseline y,
// clipped to clip.
func (st *state) draw(sty style, rs []rune, x, y fixed.Int26_6, clip image.Rectangle) {
	pen := x
	for i, r := range rs {
		if i > 0 {
			pen += st.join(sty, rs[i-1], r)
		}
		fc := st.face(st.fontFor(sty.font, r), sty.size)
		dr, mask, mp, adv, _ := fc.Glyph(fixed.Point26_6{X: pen, Y: y}, r)
		pen += adv
		a, ok := mask.(*image.Alpha)
		if !ok {
			continue // opentype faces always return *image.Alpha
		}
		st.blit(dr.Intersect(clip), dr, a, mp, sty.ink)
	}
}

// blit draws the part r of mask, whose point mp is at dr.Min, in ink i:
// each pixel takes the ink's shade for the mask's coverage unless it already
// holds a darker shade. r must be inside dr and the image.
func (st *state) blit(r, dr image.Rectangle, mask *image.Alpha, mp image.Point, i ink) {
	base := index(i, 1) - 1
	for y := r.Min.Y; y < r.Max.Y; y++ {
		src := mask.Pix[(y-dr.Min.Y+mp.Y)*mask.Stride+(r.Min.X-dr.Min.X+mp.X):]
		dst := st.img.Pix[y*st.img.Stride+r.Min.X : y*st.img.Stride+r.Max.X]
		for x := range dst {
			k := coverage[src[x]]
			if k > levelOf[dst[x]] {
				dst[x] = base + k
			}
		}
	}
}
