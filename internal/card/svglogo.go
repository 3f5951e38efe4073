package card

import (
	"bytes"
	"fmt"
	"image/png"
	"math"
	"slices"
	"strings"

	"folio/internal/svg"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// SVGLogo draws an SVG logo as the PNG [Card.Logo] takes, at the size a card shows it:
// logoH pixels high (or logoMaxW wide, when that is narrower) in the proportions the
// SVG asks for, on a transparent background, so that Draw puts it on the card pixel
// for pixel. Its text is set in the drawer's fonts, as [svg.Fonts] says. The error is
// an *svg.UnsupportedError for an SVG that uses what package svg does not draw, or
// text in characters neither font has, and an *svg.SyntaxError or an XML error for
// one that does not parse. The same SVG and fonts give the same PNG.
func (d *Drawer) SVGLogo(src []byte) ([]byte, error) {
	im, err := svg.Parse(src)
	if err != nil {
		return nil, err
	}
	w, h := logoSize(im.Width, im.Height)
	st := d.pool.Get().(*state)
	defer d.pool.Put(st)
	st.lang = shapingLanguage("")
	img, err := im.Draw(w, h, svgFonts{st})
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("card: encode logo: %w", err)
	}
	return buf.Bytes(), nil
}

// logoSize returns the size in pixels of the logo box (logoBox) of a logo w×h large,
// as a PNG of that size gets it.
func logoSize(w, h float64) (int, int) {
	lw := int(math.Round(logoH * w / h))
	if lw > logoMaxW {
		return logoMaxW, max(1, int(math.Round(logoMaxW*h/w)))
	}
	return max(1, lw), logoH
}

// svgEm is the size in pixels per em at which an SVG logo's text is shaped and its
// glyphs loaded, then scaled to the text's size: large enough that the 1/64 pixel
// steps of both are far below what the logo's pixels show.
const svgEm = 1024

// svgFonts sets an SVG logo's text in the card's fonts, through the shaper, so that
// kerning, Arabic joining and bidirectional runs come out as on the card. Text that
// neither font has a glyph for (which would be drawn as the missing-glyph box), or
// whose glyph does not load, is an *svg.UnsupportedError, for the caller to leave
// the logo out rather than draw it with boxes or gaps.
type svgFonts struct{ st *state }

func (f svgFonts) Text(s string, heavy bool, size, spacing float64) (*svg.Path, float64, error) {
	st := f.st
	// The svg package has already collapsed white space: keep the spaces a run
	// starts or ends with, which prepare would drop, as no-break spaces until then.
	rs := st.prepare(strings.ReplaceAll(s, " ", "\u00a0"))
	for i, r := range rs {
		if r == nbsp {
			rs[i] = ' '
		}
	}
	sty := style{font: regular, size: svgEm}
	if heavy {
		sty.font = bold
	}
	sty.rtl = hasRTL(rs)
	k := size / svgEm / 64 // from the shaper's and the glyphs' 26.6 pixels to user units
	p := new(svg.Path)
	var pen fixed.Int26_6
	var n int          // glyphs set, each followed by spacing
	var missing []rune // characters of .notdef glyphs, in visual order
	for _, r := range st.shape(sty, rs) {
		for _, g := range r.out.Glyphs {
			if g.GlyphID == 0 { // .notdef
				for _, c := range rs[g.ClusterIndex : g.ClusterIndex+g.RuneCount] {
					if !slices.Contains(missing, c) {
						missing = append(missing, c)
					}
				}
				continue
			}
			segs, err := st.d.fonts[r.font].LoadGlyph(&st.buf, sfnt.GlyphIndex(g.GlyphID), ppem(svgEm), nil)
			if err != nil {
				return nil, 0, &svg.UnsupportedError{What: fmt.Sprintf("text whose glyph for %q the card's font cannot load (%v)",
					string(rs[g.ClusterIndex:g.ClusterIndex+g.RuneCount]), err)}
			}
			ox := float64(pen+g.XOffset)*k + float64(n)*spacing
			oy := -float64(g.YOffset) * k
			pt := func(q fixed.Point26_6) (float64, float64) {
				return ox + float64(q.X)*k, oy + float64(q.Y)*k
			}
			for i, seg := range segs {
				switch seg.Op {
				case sfnt.SegmentOpMoveTo:
					if i > 0 {
						p.Close() // the contour before, closed for a stroke
					}
					p.MoveTo(pt(seg.Args[0]))
				case sfnt.SegmentOpLineTo:
					p.LineTo(pt(seg.Args[0]))
				case sfnt.SegmentOpQuadTo:
					x1, y1 := pt(seg.Args[0])
					x, y := pt(seg.Args[1])
					p.QuadTo(x1, y1, x, y)
				case sfnt.SegmentOpCubeTo:
					x1, y1 := pt(seg.Args[0])
					x2, y2 := pt(seg.Args[1])
					x, y := pt(seg.Args[2])
					p.CubeTo(x1, y1, x2, y2, x, y)
				}
			}
			if len(segs) > 0 {
				p.Close()
			}
			pen += g.XAdvance
			n++
		}
	}
	if len(missing) > 0 {
		return nil, 0, &svg.UnsupportedError{What: "text with characters the card's font has not got: " + quoteRunes(missing)}
	}
	return p, float64(pen)*k + float64(n)*spacing, nil
}

// quoteRunes lists rs, each quoted and named, such as "中" (U+4E2D).
func quoteRunes(rs []rune) string {
	var b strings.Builder
	for i, r := range rs {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q (%U)", string(r), r)
	}
	return b.String()
}
