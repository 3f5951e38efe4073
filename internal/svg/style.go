package svg

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/image/colornames"
)

// A matrix is an affine transform: x' = a x + c y + e, y' = b x + d y + f.
type matrix struct{ a, b, c, d, e, f float64 }

var identity = matrix{a: 1, d: 1}

// mul returns m after n: the transform that applies n first, then m.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		a: m.a*n.a + m.c*n.b,
		b: m.b*n.a + m.d*n.b,
		c: m.a*n.c + m.c*n.d,
		d: m.b*n.c + m.d*n.d,
		e: m.a*n.e + m.c*n.f + m.e,
		f: m.b*n.e + m.d*n.f + m.f,
	}
}

func (m matrix) apply(p point) point {
	return point{m.a*p.x + m.c*p.y + m.e, m.b*p.x + m.d*p.y + m.f}
}

// scale returns how much m stretches a length at most: its largest singular value.
func (m matrix) scale() float64 {
	// The singular values of [a c; b d] are sqrt of the eigenvalues of MᵀM.
	p := m.a*m.a + m.b*m.b
	q := m.c*m.c + m.d*m.d
	r := m.a*m.c + m.b*m.d
	return math.Sqrt((p + q + math.Sqrt((p-q)*(p-q)+4*r*r)) / 2)
}

// parseTransform parses a transform attribute: a list of matrix, translate, scale,
// rotate, skewX and skewY, applied right to left.
func parseTransform(v string) (matrix, error) {
	m := identity
	s := scanner{s: v}
	s.skipSpace()
	for !s.done() {
		j := s.i
		for j < len(s.s) && (s.s[j] >= 'a' && s.s[j] <= 'z' || s.s[j] >= 'A' && s.s[j] <= 'Z') {
			j++
		}
		name := s.s[s.i:j]
		s.i = j
		s.skipSpace()
		if s.done() || s.s[s.i] != '(' {
			return m, fmt.Errorf("transform %q: want a function such as translate(…)", v)
		}
		s.i++
		var args []float64
		for s.skipSpace(); !s.done() && s.s[s.i] != ')'; {
			x, err := s.number()
			if err != nil {
				return m, fmt.Errorf("transform %q: %v", v, err)
			}
			args = append(args, x)
		}
		if s.done() {
			return m, fmt.Errorf("transform %q: missing )", v)
		}
		s.i++
		s.skipSeparator()
		bad := func() (matrix, error) {
			return m, fmt.Errorf("transform %q: %s takes other arguments than %v", v, name, args)
		}
		var t matrix
		switch n := len(args); name {
		case "matrix":
			if n != 6 {
				return bad()
			}
			t = matrix{args[0], args[1], args[2], args[3], args[4], args[5]}
		case "translate":
			if n != 1 && n != 2 {
				return bad()
			}
			t = identity
			t.e = args[0]
			if n == 2 {
				t.f = args[1]
			}
		case "scale":
			if n != 1 && n != 2 {
				return bad()
			}
			t = matrix{a: args[0], d: args[0]}
			if n == 2 {
				t.d = args[1]
			}
		case "rotate":
			if n != 1 && n != 3 {
				return bad()
			}
			sin, cos := math.Sincos(args[0] * math.Pi / 180)
			t = matrix{a: cos, b: sin, c: -sin, d: cos}
			if n == 3 {
				cx, cy := args[1], args[2]
				t = matrix{a: 1, d: 1, e: cx, f: cy}.mul(t).mul(matrix{a: 1, d: 1, e: -cx, f: -cy})
			}
		case "skewX":
			if n != 1 {
				return bad()
			}
			t = matrix{a: 1, c: math.Tan(args[0] * math.Pi / 180), d: 1}
		case "skewY":
			if n != 1 {
				return bad()
			}
			t = matrix{a: 1, b: math.Tan(args[0] * math.Pi / 180), d: 1}
		default:
			return m, fmt.Errorf("transform %q: unknown function %q", v, name)
		}
		m = m.mul(t)
	}
	return m, nil
}

// A paint is how a fill or a stroke is painted.
type paint struct {
	kind  paintKind
	color color.NRGBA
}

type paintKind uint8

const (
	paintNone paintKind = iota
	paintColor
	paintCurrent // currentColor: the color property's
)

// parsePaint parses a fill or stroke value. A reference to a paint server (url(#…))
// is reported as unsupported, naming the element it refers to (kinds: id → element
// name).
func parsePaint(v string, kinds map[string]string) (paint, error) {
	switch v {
	case "none", "transparent":
		return paint{}, nil
	case "currentColor", "currentcolor":
		return paint{kind: paintCurrent}, nil
	}
	if strings.HasPrefix(v, "url(") {
		what := "the paint " + v
		if kind := referred(v, kinds); kind != "" {
			what = "<" + kind + ">"
		}
		return paint{}, &UnsupportedError{What: what}
	}
	c, err := parseColor(v)
	if err != nil {
		return paint{}, err
	}
	return paint{kind: paintColor, color: c}, nil
}

// referred returns the name of the element that a value url(#id) refers to, when it
// is one of those that only such references draw (a gradient, a clipping path...);
// "" otherwise.
func referred(v string, kinds map[string]string) string {
	id, ok := strings.CutPrefix(v, "url(")
	if !ok {
		return ""
	}
	id, _, _ = strings.Cut(id, ")")
	id = strings.TrimPrefix(strings.Trim(strings.TrimSpace(id), `"'`), "#")
	switch kind := kinds[id]; kind {
	case "linearGradient", "radialGradient", "pattern", "clipPath", "mask", "filter", "marker":
		return kind
	}
	return ""
}

// parseColor parses a CSS colour: #rgb, #rgba, #rrggbb, #rrggbbaa, rgb() and rgba()
// with numbers or percentages, and the named colours of SVG 1.1 and CSS.
func parseColor(v string) (color.NRGBA, error) {
	bad := fmt.Errorf("unknown colour %q", v)
	if h, ok := strings.CutPrefix(v, "#"); ok {
		switch len(h) {
		case 3, 4:
			var b strings.Builder
			for i := range len(h) {
				b.WriteByte(h[i])
				b.WriteByte(h[i])
			}
			h = b.String()
		case 6, 8:
		default:
			return color.NRGBA{}, bad
		}
		if len(h) == 6 {
			h += "ff"
		}
		n, err := strconv.ParseUint(h, 16, 32)
		if err != nil {
			return color.NRGBA{}, bad
		}
		return color.NRGBA{uint8(n >> 24), uint8(n >> 16), uint8(n >> 8), uint8(n)}, nil
	}
	lower := strings.ToLower(v)
	if args, ok := strings.CutPrefix(lower, "rgb("); ok {
		return parseRGB(args, bad)
	}
	if args, ok := strings.CutPrefix(lower, "rgba("); ok {
		return parseRGB(args, bad)
	}
	if c, ok := colornames.Map[lower]; ok {
		return color.NRGBA(c), nil // all opaque
	}
	return color.NRGBA{}, bad
}

// parseRGB parses the arguments of rgb() or rgba() up to the closing parenthesis:
// three channels and an optional alpha, separated by commas or spaces (and a slash
// before the alpha).
func parseRGB(args string, bad error) (color.NRGBA, error) {
	args, ok := strings.CutSuffix(strings.TrimSpace(args), ")")
	if !ok {
		return color.NRGBA{}, bad
	}
	f := strings.FieldsFunc(args, func(r rune) bool { return r == ',' || r == '/' || r == ' ' || r == '\t' })
	if len(f) != 3 && len(f) != 4 {
		return color.NRGBA{}, bad
	}
	ch := [4]uint8{3: 255}
	for i, s := range f {
		// Channels run to 255, alpha to 1; a percentage to 100 for both.
		full := 255.0
		if i == 3 {
			full = 1
		}
		if p, ok := strings.CutSuffix(s, "%"); ok {
			s, full = p, 100
		}
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return color.NRGBA{}, bad
		}
		ch[i] = uint8(math.Round(255 * math.Max(0, math.Min(1, x/full))))
	}
	return color.NRGBA{ch[0], ch[1], ch[2], ch[3]}, nil
}

// parseLength parses a length in user units (px): a number, or one with px, pt, pc,
// mm, cm or in; em and % are relative to em and pct (a negative one meaning the unit
// is not allowed there).
func parseLength(v string, em, pct float64) (float64, error) {
	v = strings.TrimSpace(v)
	units := []struct {
		suffix string
		scale  float64
	}{{"px", 1}, {"pt", 4.0 / 3}, {"pc", 16}, {"mm", 96 / 25.4}, {"cm", 96 / 2.54}, {"in", 96}, {"em", em}, {"%", pct / 100}}
	scale := 1.0
	for _, u := range units {
		if num, ok := strings.CutSuffix(v, u.suffix); ok {
			if u.scale < 0 {
				return 0, &UnsupportedError{What: fmt.Sprintf("the length %q (in %s)", v, u.suffix)}
			}
			v, scale = num, u.scale
			break
		}
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
		return 0, fmt.Errorf("bad length %q", v)
	}
	return x * scale, nil
}

// parseNumber parses a number, such as an opacity; a percentage is divided by 100.
func parseNumber(v string) (float64, error) {
	v = strings.TrimSpace(v)
	scale := 1.0
	if p, ok := strings.CutSuffix(v, "%"); ok {
		v, scale = p, 0.01
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
		return 0, fmt.Errorf("bad number %q", v)
	}
	return x * scale, nil
}

// declarations splits a style attribute or a CSS rule's body into property names
// and values, dropping !important.
func declarations(style string) [][2]string {
	var out [][2]string
	for _, d := range strings.Split(style, ";") {
		name, value, ok := strings.Cut(d, ":")
		if !ok {
			continue
		}
		value = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(value), "!important"))
		out = append(out, [2]string{strings.ToLower(strings.TrimSpace(name)), value})
	}
	return out
}

// A rule is a rule of a <style> sheet, its selector a simple one: an element name, a
// class (.st0), an id (#a), or an element name with a class; selector lists are split
// into one rule per selector.
type rule struct {
	elem, class, id string
	specificity     int // ids 100, classes 10, elements 1
	decls           [][2]string
}

func (r rule) matches(elem, id string, classes []string) bool {
	if r.elem != "" && r.elem != "*" && r.elem != elem || r.id != "" && r.id != id {
		return false
	}
	if r.class == "" {
		return true
	}
	for _, c := range classes {
		if c == r.class {
			return true
		}
	}
	return false
}

// A sheet is the rules of the <style> sheets, indexed by what their selectors name,
// so that an element is tested against the rules that may match it only: those
// naming its id, one of its classes or its element name, and those naming none.
type sheet struct {
	rules                 []rule
	byID, byClass, byElem map[string][]int // rule indexes, in sheet order
	any                   []int            // rules that name none (*)
}

func newSheet(rules []rule) *sheet {
	sh := &sheet{rules: rules, byID: map[string][]int{}, byClass: map[string][]int{}, byElem: map[string][]int{}}
	for i, r := range rules {
		switch {
		case r.id != "":
			sh.byID[r.id] = append(sh.byID[r.id], i)
		case r.class != "":
			sh.byClass[r.class] = append(sh.byClass[r.class], i)
		case r.elem != "" && r.elem != "*":
			sh.byElem[r.elem] = append(sh.byElem[r.elem], i)
		default:
			sh.any = append(sh.any, i)
		}
	}
	return sh
}

// candidates appends to out the indexes of the rules that may match an element,
// each once, in sheet order.
func (sh *sheet) candidates(out []int, elem, id string, classes []string) []int {
	out = append(out, sh.any...)
	out = append(out, sh.byElem[elem]...)
	if id != "" {
		out = append(out, sh.byID[id]...)
	}
	for _, c := range classes {
		out = append(out, sh.byClass[c]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// parseSheet parses a <style> sheet of the kind Illustrator writes: rules whose
// selectors are element names, classes and ids. Anything else (combinators,
// attribute selectors, pseudo-classes, @-rules) is unsupported.
func parseSheet(css string) ([]rule, error) {
	var rules []rule
	// Drop CDATA markers, then comments, in one pass over the sheet: a sheet of
	// many comments costs no more than one of few.
	css = strings.ReplaceAll(strings.ReplaceAll(css, "<![CDATA[", ""), "]]>", "")
	var b strings.Builder
	b.Grow(len(css))
	for {
		i := strings.Index(css, "/*")
		if i < 0 {
			b.WriteString(css)
			break
		}
		b.WriteString(css[:i])
		j := strings.Index(css[i+2:], "*/")
		if j < 0 {
			break // a comment that runs to the end
		}
		b.WriteByte(' ')
		css = css[i+2+j+2:]
	}
	css = b.String()
	for {
		css = strings.TrimSpace(css)
		if css == "" {
			return rules, nil
		}
		if css[0] == '@' {
			name, _, _ := strings.Cut(css, " ")
			return nil, &UnsupportedError{What: "the CSS rule " + name + " in <style>"}
		}
		sel, rest, ok := strings.Cut(css, "{")
		if !ok {
			return nil, fmt.Errorf("<style>: a rule without a body at %q", sel)
		}
		body, rest, ok := strings.Cut(rest, "}")
		if !ok {
			return nil, fmt.Errorf("<style>: a rule without a closing }")
		}
		css = rest
		decls := declarations(body)
		for _, s := range strings.Split(sel, ",") {
			s = strings.TrimSpace(s)
			r := rule{decls: decls}
			elem, class, _ := strings.Cut(s, ".")
			elem, id, _ := strings.Cut(elem, "#")
			if !simpleName(elem) && elem != "*" || class != "" && !simpleName(class) || id != "" && !simpleName(id) || s == "" {
				return nil, &UnsupportedError{What: fmt.Sprintf("the CSS selector %q in <style>", s)}
			}
			r.elem, r.class, r.id = elem, class, id
			if elem != "" && elem != "*" {
				r.specificity++
			}
			if class != "" {
				r.specificity += 10
			}
			if id != "" {
				r.specificity += 100
			}
			rules = append(rules, r)
		}
	}
}

// simpleName reports whether s is a name a simple selector may hold (or empty).
func simpleName(s string) bool {
	for _, r := range s {
		if !(r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f) {
			return false
		}
	}
	return true
}
