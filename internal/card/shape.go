package card

import (
	"image"
	"image/draw"
	"strings"
	"unicode"

	"github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/di"
	gtfont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	xlanguage "golang.org/x/text/language"
)

// complexScripts are the scripts whose letters change form with their neighbours or
// that are written right to left: text with any of them goes through the shaper.
// Other text is drawn one glyph per character with pairwise kerning, which for
// Latin, Greek, Cyrillic and CJK draws what the shaper would, without its
// allocations, and keeps cards already published (and cached) byte for byte.
var complexScripts = []*unicode.RangeTable{
	unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko,
	unicode.Samaritan, unicode.Mandaic, unicode.Adlam, unicode.Hanifi_Rohingya,
	unicode.Devanagari, unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati, unicode.Oriya,
	unicode.Tamil, unicode.Telugu, unicode.Kannada, unicode.Malayalam, unicode.Sinhala,
	unicode.Thai, unicode.Lao, unicode.Tibetan, unicode.Myanmar, unicode.Khmer,
	unicode.Mongolian,
}

// rtlScripts are the scripts of right-to-left languages, by ISO 15924 code.
var rtlScripts = map[string]bool{
	"Arab": true, "Hebr": true, "Syrc": true, "Thaa": true, "Nkoo": true,
	"Samr": true, "Mand": true, "Adlm": true, "Rohg": true,
}

// rtlLetters are the scripts written right to left that DejaVu Sans has or may
// fall back on, for telling a right-to-left field or title.
var rtlLetters = []*unicode.RangeTable{unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko}

// hasRTL reports whether rs has a character of a right-to-left script.
func hasRTL(rs []rune) bool {
	for _, r := range rs {
		if r >= 0x0590 && unicode.In(r, rtlLetters...) {
			return true
		}
	}
	return false
}

// needsShaping reports whether rs has a character of a complex script.
func needsShaping(rs []rune) bool {
	for _, r := range rs {
		if r >= 0x0590 && unicode.In(r, complexScripts...) {
			return true
		}
	}
	return false
}

// isRTL reports whether a card is laid out right to left: its language is written
// right to left ("ar", "fa", "he", "ur", "ku-Arab"), or its title has more letters
// of right-to-left scripts than of left-to-right ones.
func isRTL(lang, title string) bool {
	if lang != "" {
		if tag, err := xlanguage.Parse(lang); err == nil {
			if s, conf := tag.Script(); conf != xlanguage.No && rtlScripts[s.String()] {
				return true
			}
		}
	}
	var l, r int
	for _, c := range title {
		switch {
		case !unicode.IsLetter(c):
		case unicode.In(c, rtlLetters...):
			r++
		default:
			l++
		}
	}
	return r > l
}

// styleFor returns sty set up for the field rs. On a right-to-left card, a field
// with right-to-left letters is a right-to-left paragraph, so that its neutral
// characters (a colon, a final full stop) take that direction; a field without any
// ("15 March 2022", an English site name) stays a left-to-right one, as a browser
// shows it with dir="auto", only aligned to the right. A field is measured and drawn
// with the shaper when it is right to left or has a complex script.
func (st *state) styleFor(sty style, rs []rune) style {
	sty.rtl = st.rtl && hasRTL(rs)
	sty.shaped = sty.rtl || needsShaping(rs)
	return sty
}

// ppem is the scale both rasterizers and the shaper use for size pixels per em,
// rounded as opentype.NewFace rounds it.
func ppem(size float64) fixed.Int26_6 { return fixed.Int26_6(0.5 + size*64) }

// A run is text of one level, script and font, shaped.
type run struct {
	out   shaping.Output
	font  int // regular or bold
	level bidi.Level
}

// fontmap picks the face of each character as fontFor does: the style's font if it
// has the character, else the other one if it has it, else the style's (which draws
// its missing-glyph box).
type fontmap struct{ want, other *gtfont.Face }

func (m fontmap) ResolveFace(r rune) *gtfont.Face {
	if _, ok := m.want.NominalGlyph(r); ok {
		return m.want
	}
	if _, ok := m.other.NominalGlyph(r); ok {
		return m.other
	}
	return m.want
}

// shape shapes rs, one line, in sty, and returns its runs in visual order, left to
// right. The line is a paragraph of sty's direction: bidirectional runs (an acronym
// or digits in Arabic) are ordered by the Unicode bidirectional algorithm.
// The runs are valid until the next call.
func (st *state) shape(sty style, rs []rune) []run {
	st.runs = st.runs[:0]
	if len(rs) == 0 {
		return st.runs
	}
	def := bidi.LeftToRight
	if sty.rtl {
		def = bidi.RightToLeft
	}
	levels := st.para.Segment(rs, def)
	fm := fontmap{st.gfaces[sty.font], st.gfaces[1-sty.font]}
	for i := range levels.NumRuns() {
		br := levels.Run(i)
		dir := di.DirectionLTR
		if !br.IsLeftToRight() {
			dir = di.DirectionRTL
		}
		in := shaping.Input{Text: rs, RunStart: br.Start, RunEnd: br.End, Direction: dir, Size: ppem(sty.size), Language: st.lang}
		for _, part := range st.seg.Split(in, fm) {
			// Split resolves each part's direction again from its own text: keep the
			// paragraph's.
			part.Direction = dir
			f := sty.font
			if part.Face != fm.want {
				f = 1 - f
			}
			st.runs = append(st.runs, run{out: st.hb.Shape(part), font: f, level: br.Level})
		}
	}
	reorder(st.runs)
	return st.runs
}

// reorder puts runs from logical into visual order (rule L2 of the bidirectional
// algorithm): from the highest level down to the lowest odd one, every sequence of
// runs at that level or above is reversed.
func reorder(runs []run) {
	var high, lowOdd bidi.Level = 0, 127
	for _, r := range runs {
		high = max(high, r.level)
		if r.level%2 == 1 {
			lowOdd = min(lowOdd, r.level)
		}
	}
	for lv := high; lv >= lowOdd && lv > 0; lv-- {
		for i := 0; i < len(runs); {
			if runs[i].level < lv {
				i++
				continue
			}
			j := i
			for j < len(runs) && runs[j].level >= lv {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				runs[a], runs[b] = runs[b], runs[a]
			}
			i = j
		}
	}
}

// shapedWidth returns the advance of rs shaped in sty.
func (st *state) shapedWidth(sty style, rs []rune) fixed.Int26_6 {
	var w fixed.Int26_6
	for _, r := range st.shape(sty, rs) {
		w += r.out.Advance
	}
	return w
}

// shapedFit is fit for shaped text: the longest prefix of rs (not cut before a
// combining mark) at most limit wide followed by tail, found by bisection since
// shaping a prefix costs as much as shaping the whole.
func (st *state) shapedFit(sty style, rs []rune, tail rune, limit fixed.Int26_6) (n int, w fixed.Int26_6) {
	withTail := func(k int) fixed.Int26_6 {
		if tail == 0 {
			return st.shapedWidth(sty, rs[:k])
		}
		buf := append(append(st.scratch[:0], rs[:k]...), tail)
		st.scratch = buf
		return st.shapedWidth(sty, buf)
	}
	lo, hi := 0, len(rs) // withTail(lo) fits (or lo is 0); withTail(hi+1) does not
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if withTail(mid) <= limit {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	for lo > 0 && lo < len(rs) && unicode.In(rs[lo], unicode.Mn, unicode.Me) {
		lo--
	}
	if lo == 0 {
		return 0, 0
	}
	return lo, st.shapedWidth(sty, rs[:lo])
}

// drawShaped draws rs shaped in sty, its left edge at x on baseline y, clipped to clip.
func (st *state) drawShaped(sty style, rs []rune, x, y fixed.Int26_6, clip image.Rectangle) {
	pen := x
	for _, r := range st.shape(sty, rs) {
		for _, g := range r.out.Glyphs {
			dot := fixed.Point26_6{X: pen + g.XOffset, Y: y - g.YOffset}
			if dr, mask, ok := st.glyph(r.font, sfnt.GlyphIndex(g.GlyphID), sty.size, dot); ok {
				st.blit(dr.Intersect(clip), dr, mask, image.Point{}, sty.ink)
			}
			pen += g.XAdvance
		}
	}
}

// glyph rasterizes glyph x of font f at size with its origin at dot, the way
// opentype.Face.Glyph does for a character, so that shaped and unshaped text look
// alike. The mask is valid until the next call.
func (st *state) glyph(f int, x sfnt.GlyphIndex, size float64, dot fixed.Point26_6) (image.Rectangle, *image.Alpha, bool) {
	segs, err := st.d.fonts[f].LoadGlyph(&st.buf, x, ppem(size), nil)
	if err != nil {
		return image.Rectangle{}, nil, false
	}
	b := segs.Bounds().Add(dot)
	dr := image.Rect(b.Min.X.Floor(), b.Min.Y.Floor(), b.Max.X.Ceil(), b.Max.Y.Ceil())
	if dr.Empty() {
		return image.Rectangle{}, nil, false
	}
	w, h := dr.Dx(), dr.Dy()
	biasX := dot.X - fixed.I(dr.Min.X)
	biasY := dot.Y - fixed.I(dr.Min.Y)
	if cap(st.mask.Pix) < w*h {
		st.mask.Pix = make([]uint8, 2*w*h)
	}
	st.mask.Pix = st.mask.Pix[:w*h]
	st.mask.Stride = w
	st.mask.Rect = image.Rect(0, 0, w, h)
	st.rast.Reset(w, h)
	st.rast.DrawOp = draw.Src
	pt := func(p fixed.Point26_6) (float32, float32) {
		return float32(p.X+biasX) / 64, float32(p.Y+biasY) / 64
	}
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			st.rast.MoveTo(pt(s.Args[0]))
		case sfnt.SegmentOpLineTo:
			st.rast.LineTo(pt(s.Args[0]))
		case sfnt.SegmentOpQuadTo:
			x1, y1 := pt(s.Args[0])
			x2, y2 := pt(s.Args[1])
			st.rast.QuadTo(x1, y1, x2, y2)
		case sfnt.SegmentOpCubeTo:
			x1, y1 := pt(s.Args[0])
			x2, y2 := pt(s.Args[1])
			x3, y3 := pt(s.Args[2])
			st.rast.CubeTo(x1, y1, x2, y2, x3, y3)
		}
	}
	st.rast.Draw(&st.mask, st.mask.Rect, image.Opaque, image.Point{})
	return dr, &st.mask, true
}

// shapingLanguage is the language the shaper is told, which selects language-specific
// forms (Persian and Urdu digits, for one).
func shapingLanguage(lang string) language.Language {
	return language.NewLanguage(strings.ToLower(lang))
}
