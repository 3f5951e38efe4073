package card

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

// maxInput is how many bytes of each field are drawn: far more than fit on a
// card, and few enough that hostile input costs little.
const maxInput = 2048

const (
	nbsp     = '\u00a0'
	ellipsis = '…'
)

// A style is how a run of text is drawn.
type style struct {
	font     int     // regular or bold
	size     float64 // pixels per em
	ink      ink
	tracking fixed.Int26_6 // added between glyphs, unless shaped
	shaped   bool          // measured and drawn with the shaper (see state.styleFor)
	rtl      bool          // a right-to-left paragraph (shaped only)
}

// clean normalizes a field as the package doc describes, without the font
// checks that prepare adds.
func clean(s string) string {
	if len(s) > maxInput {
		i := maxInput
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		s = s[:i]
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == nbsp || r == '\u202f' || r == '\u2007': // no-break spaces
			r = nbsp
		case unicode.IsSpace(r) || unicode.IsControl(r):
			space = true
			continue
		case unicode.In(r, unicode.Cf, unicode.Variation_Selector): // invisible
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	// Normalize last, so that characters dropped above do not prevent
	// composition.
	return norm.NFC.String(b.String())
}

// prepare cleans a field and drops combining marks that neither font can
// draw (variation selectors, marks of unsupported scripts), which would
// otherwise show as missing-glyph boxes.
func (st *state) prepare(s string) []rune {
	rs := []rune(clean(s))
	out := rs[:0]
	for _, r := range rs {
		if unicode.In(r, unicode.Mn, unicode.Me) && !st.has(regular, r) && !st.has(bold, r) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// upper capitalizes rs, with Turkish rules for Turkish and Azeri.
func upper(rs []rune, lang string) []rune {
	special := unicode.SpecialCase(nil)
	if l := strings.ToLower(lang); l == "tr" || l == "az" || strings.HasPrefix(l, "tr-") || strings.HasPrefix(l, "az-") {
		special = unicode.TurkishCase
	}
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[i] = special.ToUpper(r)
	}
	return out
}

// advance returns the advance width of r.
func (st *state) advance(sty style, r rune) fixed.Int26_6 {
	adv, _ := st.face(st.fontFor(sty.font, r), sty.size).GlyphAdvance(r)
	return adv
}

// join returns the space between the pen after a and the pen before b: the
// tracking and, when both are drawn with the same font, their kerning.
func (st *state) join(sty style, a, b rune) fixed.Int26_6 {
	fa, fb := st.fontFor(sty.font, a), st.fontFor(sty.font, b)
	if fa != fb {
		return sty.tracking
	}
	return sty.tracking + st.face(fa, sty.size).Kern(a, b)
}

// width returns the width of rs drawn in sty, from the first pen position to
// the last: width(a+b) = width(a) + join(last of a, first of b) + width(b).
func (st *state) width(sty style, rs []rune) fixed.Int26_6 {
	return st.widthUpTo(sty, rs, -1)
}

// widthUpTo returns the width of rs, or some width above limit if that is
// less (a negative limit meaning none). It stops measuring once past limit,
// so that measuring hostile input stays cheap. (Kerning after that point
// could in theory bring the width back under limit; the text is then
// treated as too wide, which is harmless.)
func (st *state) widthUpTo(sty style, rs []rune, limit fixed.Int26_6) fixed.Int26_6 {
	if sty.shaped {
		return st.shapedWidth(sty, rs)
	}
	var w fixed.Int26_6
	for i, r := range rs {
		if i > 0 {
			w += st.join(sty, rs[i-1], r)
		}
		w += st.advance(sty, r)
		if limit >= 0 && w > limit {
			return w
		}
	}
	return w
}

// fit returns the longest prefix of rs that is at most limit wide when
// followed by tail (which may be 0 for none), and its width without tail.
// It never cuts before a combining mark.
func (st *state) fit(sty style, rs []rune, tail rune, limit fixed.Int26_6) (n int, w fixed.Int26_6) {
	if sty.shaped {
		return st.shapedFit(sty, rs, tail, limit)
	}
	var tw fixed.Int26_6
	if tail != 0 {
		tw = st.advance(sty, tail)
	}
	var pen fixed.Int26_6
	for i, r := range rs {
		if i > 0 {
			pen += st.join(sty, rs[i-1], r)
		}
		pen += st.advance(sty, r)
		end := pen
		if tail != 0 {
			end += st.join(sty, r, tail) + tw
		}
		if end > limit {
			break
		}
		if i+1 < len(rs) && unicode.In(rs[i+1], unicode.Mn, unicode.Me) {
			continue
		}
		n, w = i+1, pen
	}
	return n, w
}

// truncate returns rs if it is at most limit wide, and otherwise its longest
// prefix that fits with an ellipsis, followed by the ellipsis.
func (st *state) truncate(sty style, rs []rune, limit fixed.Int26_6) []rune {
	if st.widthUpTo(sty, rs, limit) <= limit {
		return rs
	}
	return st.ellipsize(sty, rs, limit)
}

// ellipsize returns the longest prefix of rs that fits in limit with an
// ellipsis after it, without trailing spaces or punctuation, followed by the
// ellipsis.
func (st *state) ellipsize(sty style, rs []rune, limit fixed.Int26_6) []rune {
	n, _ := st.fit(sty, rs, ellipsis, limit)
	for n > 0 && strings.ContainsRune(" \u00a0,;:.-–—/(", rs[n-1]) {
		n--
	}
	if n == 0 && st.advance(sty, ellipsis) > limit {
		return nil
	}
	return append(rs[:n:n], ellipsis)
}

// A segment is a piece of text that is never broken unless it is wider than
// a line: a word, or the part of a word up to and including a hyphen, slash
// or dash.
type segment struct {
	text  []rune
	space bool // preceded by a space
}

// segments splits rs at spaces, and after hyphens, slashes and dashes that
// are followed by more of the word.
func segments(rs []rune) []segment {
	var segs []segment
	space := false
	start := 0
	for i := 0; i <= len(rs); i++ {
		if i == len(rs) || rs[i] == ' ' {
			if i > start {
				segs = append(segs, segment{rs[start:i], space})
			}
			space, start = true, i+1
			continue
		}
		if strings.ContainsRune("-/–—", rs[i]) && i > start && i+1 < len(rs) && rs[i+1] != ' ' {
			segs = append(segs, segment{rs[start : i+1], space})
			space, start = false, i+1
		}
	}
	return segs
}

// wrap breaks rs into lines at most limit wide. It stops after maxLines lines
// and reports whether text was left over.
func (st *state) wrap(sty style, rs []rune, limit fixed.Int26_6, maxLines int) (lines [][]rune, more bool) {
	var (
		line []rune        // the line being filled
		lw   fixed.Int26_6 // its width
	)
	flush := func() bool {
		lines = append(lines, line)
		line, lw = nil, 0
		return len(lines) == maxLines
	}
	segs := segments(rs)
	for i, seg := range segs {
		sw := st.widthUpTo(sty, seg.text, limit)
		if len(line) > 0 {
			// The width of line + separator + seg.
			w := lw + sw
			if sty.shaped {
				// Shaping joins across the separator (kerning, a digit's
				// shape): measure the line as it would be drawn.
				cand := append(st.scratch[:0], line...)
				if seg.space {
					cand = append(cand, ' ')
				}
				st.scratch = append(cand, seg.text...)
				w = st.shapedWidth(sty, st.scratch)
			} else if seg.space {
				w += st.join(sty, line[len(line)-1], ' ') + st.advance(sty, ' ') + st.join(sty, ' ', seg.text[0])
			} else {
				w += st.join(sty, line[len(line)-1], seg.text[0])
			}
			if w <= limit {
				if seg.space {
					line = append(line, ' ')
				}
				line, lw = append(line, seg.text...), w
				continue
			}
			if flush() {
				return lines, true
			}
		}
		// seg starts a line.
		text := seg.text
		for sw > limit {
			n, _ := st.fit(sty, text, 0, limit)
			if n == 0 {
				n = 1 // a single glyph wider than a line: let the clip cut it
			}
			line = text[:n:n]
			text = text[n:]
			if flush() {
				return lines, len(text) > 0 || i+1 < len(segs)
			}
			sw = st.widthUpTo(sty, text, limit)
		}
		if len(text) > 0 {
			line, lw = append([]rune(nil), text...), sw
		}
	}
	if len(line) > 0 {
		lines = append(lines, line)
	}
	return lines, false
}
