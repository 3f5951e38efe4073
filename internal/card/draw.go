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

// Bands of the card's parts, top to bottom: where the glyphs of each may draw.
const (
	siteTop    = 40
	siteBot    = ruleY - 4
	titleClTop = ruleY + ruleH + 8
	titleClBot = titleBot + 12
	footerBot  = Height - bandH - 4
)

// The cover's panel and the logo, in pixels.
const (
	panelW   = 440 // the cover panel's width: the whole height of the card above the band
	panelGap = 64  // between the panel and the text
	logoTop  = 56  // of the logo's box, whose bottom is near the site name's baseline
	logoH    = 60  // the logo's height
	logoMaxW = 300 // and its widest
	logoGap  = 24  // between the logo and the site name
)

// A frame is where a card's parts go: the column the text is set in, on the side
// opposite the cover's panel if there is one, and the direction lines are aligned in.
type frame struct {
	left, right int // the text column
	rtl         bool
	panel       image.Rectangle // the cover's, or empty
}

func newFrame(rtl, cover bool) frame {
	f := frame{left: padX, right: Width - padX, rtl: rtl}
	if cover {
		if rtl {
			f.panel = image.Rect(0, 0, panelW, Height-bandH)
			f.left = panelW + panelGap
		} else {
			f.panel = image.Rect(Width-panelW, 0, Width, Height-bandH)
			f.right = Width - panelW - panelGap
		}
	}
	return f
}

// clip returns the text column, a few pixels wider, between top and bottom.
func (f frame) clip(top, bottom int) image.Rectangle {
	return image.Rect(f.left-clipSlack, top, f.right+clipSlack, bottom)
}

// Where the glyphs of each part may draw on a card without a cover: the content box
// and a few pixels more, in each part's band.
var (
	siteClip   = newFrame(false, false).clip(siteTop, siteBot)
	titleClip  = newFrame(false, false).clip(titleClTop, titleClBot)
	footerClip = newFrame(false, false).clip(titleClBot, footerBot)
)

// layout draws c's text and rules onto st.img in frame f, leaving logoW pixels (and
// a gap) at the start of the site name's line for the logo.
func (st *state) layout(c Card, f frame, logoW int) {
	// start returns where a line w wide starts in [left, right): at left, or in a
	// right-to-left card at right - w.
	start := func(left, right int, w fixed.Int26_6) fixed.Int26_6 {
		if f.rtl {
			return fixed.I(right) - w
		}
		return fixed.I(left)
	}

	// Site name, after the logo.
	left, right := f.left, f.right
	if logoW > 0 {
		if f.rtl {
			right -= logoW + logoGap
		} else {
			left += logoW + logoGap
		}
	}
	if rs := st.prepare(c.SiteName); len(rs) > 0 && right > left {
		site := st.styleFor(style{font: bold, size: siteSize, ink: muted, tracking: fixed.I(2)}, rs)
		line := st.truncate(site, upper(rs, c.Lang), fixed.I(right-left))
		clip := f.clip(siteTop, siteBot)
		if logoW > 0 {
			clip = image.Rect(left-clipSlack, siteTop, right+clipSlack, siteBot)
		}
		st.draw(site, line, start(left, right, st.width(site, line)), fixed.I(siteY), clip)
	}

	// Accent rule under the site name, and a band along the bottom edge
	// that frames the card at thumbnail size.
	rx := f.left
	if f.rtl {
		rx = f.right - ruleW
	}
	st.fill(image.Rect(rx, ruleY, rx+ruleW, ruleY+ruleH), index(accent, levels))
	st.fill(image.Rect(0, Height-bandH, Width, Height), index(accent, levels))

	// Title.
	lineW := fixed.I(f.right - f.left)
	if rs := st.prepare(c.Title); len(rs) > 0 {
		sty, lines, y, lh := st.title(rs, lineW)
		clip := f.clip(titleClTop, titleClBot)
		for _, line := range lines {
			st.draw(sty, line, start(f.left, f.right, st.width(sty, line)), y, clip)
			y += lh
		}
	}

	// Kind and date, in this order from the start of the line.
	kind, date := st.prepare(c.Kind), st.prepare(c.Date)
	kindSty := st.styleFor(style{font: bold, size: footerSize, ink: accent}, kind)
	dateSty := st.styleFor(style{font: regular, size: footerSize, ink: muted}, date)
	clip := f.clip(titleClBot, footerBot)
	sepRs := []rune(sep)
	used := fixed.Int26_6(0) // from the start of the line
	put := func(sty style, rs []rune) {
		w := st.width(sty, rs)
		x := fixed.I(f.left) + used
		if f.rtl {
			x = fixed.I(f.right) - used - w
		}
		st.draw(sty, rs, x, fixed.I(footerY), clip)
		used += w
	}
	if len(kind) > 0 {
		// The kind may take the whole line when there is no date, and
		// otherwise what the date leaves, but at least half the line.
		room := lineW
		if len(date) > 0 {
			room = lineW/2 + max(0, lineW/2-st.widthUpTo(dateSty, date, lineW)-st.width(dateSty, sepRs))
		}
		put(kindSty, st.truncate(kindSty, kind, room))
		if len(date) > 0 {
			put(dateSty, sepRs)
		}
	}
	if len(date) > 0 {
		if rest := lineW - used; rest > 0 {
			put(dateSty, st.truncate(dateSty, date, rest))
		}
	}
}

// title lays out a title at the largest size at which it fits in the title
// box, lineW wide, in at most maxLines lines, cutting it with an ellipsis if it
// does not fit at the smallest size. It returns the lines, the first baseline and
// the distance between baselines.
func (st *state) title(rs []rune, lineW fixed.Int26_6) (sty style, lines [][]rune, y, lh fixed.Int26_6) {
	var more bool
	for size := titleMax; size >= titleMin; size -= titleStep {
		sty = st.styleFor(style{font: bold, size: float64(size), ink: text}, rs)
		m := st.face(bold, sty.size).Metrics()
		y = fixed.I(titleTop) + m.Ascent
		lh = fixed.Int26_6(sty.size * lineHeight * 64)
		n := 1 + int((fixed.I(titleBot)-m.Descent-y)/lh)
		lines, more = st.wrap(sty, rs, lineW, min(n, maxLines))
		if !more {
			break
		}
	}
	if more {
		last := len(lines) - 1
		lines[last] = st.ellipsize(sty, lines[last], lineW)
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

// draw draws rs in sty with its first pen position (its left edge) at x on
// baseline y, clipped to clip.
func (st *state) draw(sty style, rs []rune, x, y fixed.Int26_6, clip image.Rectangle) {
	if sty.shaped {
		st.drawShaped(sty, rs, x, y, clip)
		return
	}
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
