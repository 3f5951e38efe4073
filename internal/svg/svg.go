package svg

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"
	"strings"
)

// An UnsupportedError is an SVG feature this package does not draw: an element
// ("<linearGradient>"), or a property and its value.
type UnsupportedError struct {
	What string
	Line int // in the SVG file, 1-based; 0 when unknown
}

func (e *UnsupportedError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("the SVG uses %s (line %d), which folio cannot draw", e.What, e.Line)
	}
	return "the SVG uses " + e.What + ", which folio cannot draw"
}

// A SyntaxError is SVG that does not parse: an attribute value that is not what SVG
// allows there, such as bad path data.
type SyntaxError struct {
	Elem string // "path"
	Line int
	Err  error
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("line %d: <%s>: %v", e.Line, e.Elem, e.Err)
}

func (e *SyntaxError) Unwrap() error { return e.Err }

// Limits against hostile files: how many elements, how deep, how much work applying
// the <style> sheet may take (rules tested and declarations applied, over all
// elements), and the size, in CSS pixels, that an image may ask for.
const (
	maxElements  = 100_000
	maxDepth     = 256
	maxStyleWork = 1 << 20
	minSize      = 1e-3
	maxSize      = 1e6
)

// An Image is a parsed SVG document, ready to draw at any size.
type Image struct {
	// Width and Height are the size the document asks for, in CSS pixels: its width
	// and height, or else its viewBox's. Draw stretches it to the size it is given.
	Width, Height float64
	view          matrix // from the root's user space to Width×Height
	items         []item
	layers        int // how deep layers (itemPush) nest, at most
}

type itemKind uint8

const (
	itemShape itemKind = iota
	itemText
	itemPush // start a layer, drawn with opacity when popped
	itemPop
)

// An item is one thing Draw does, in document order.
type item struct {
	kind    itemKind
	path    *Path // itemShape, in user space
	ctm     matrix
	look    look
	chunks  []chunk // itemText
	opacity float64 // itemPush
}

// A look is how a shape or a run of text is painted.
type look struct {
	fill, stroke color.NRGBA // alpha 0: none
	evenOdd      bool
	width        float64 // of the stroke
	miterLimit   float64
	join         joinKind
	cap          capKind
	strokeFirst  bool
}

type joinKind uint8

const (
	joinMiter joinKind = iota
	joinRound
	joinBevel
)

type capKind uint8

const (
	capButt capKind = iota
	capRound
	capSquare
)

// A chunk is a text chunk: text set from one absolute position and aligned on it by
// its text-anchor.
type chunk struct {
	x, y   float64 // NaN: where the pen is
	anchor float64 // 0 start, 0.5 middle, 1 end
	runs   []run
}

// A run is text of one style within a chunk.
type run struct {
	s             string
	bold          bool
	size, spacing float64
	dx, dy        float64 // moves the pen before the run
	look          look
	hidden        bool
	line          int // of the element the characters are in
}

// props are the computed style properties of an element.
type props struct {
	fill, stroke               paint
	fillOpacity, strokeOpacity float64
	evenOdd                    bool
	strokeWidth, miterLimit    float64
	join                       joinKind
	cap                        capKind
	color                      color.NRGBA
	fontSize                   float64
	bold                       bool
	family                     string // as written; "" for none
	anchor                     float64
	spacing                    float64
	hidden                     bool // visibility: hidden
	strokeFirst                bool
	preserve                   bool // xml:space="preserve"

	// Not inherited.
	opacity float64
	none    bool // display: none
}

var initialProps = props{
	fill:          paint{kind: paintColor, color: color.NRGBA{0, 0, 0, 255}},
	fillOpacity:   1,
	strokeOpacity: 1,
	strokeWidth:   1,
	miterLimit:    4,
	color:         color.NRGBA{0, 0, 0, 255},
	fontSize:      16,
	opacity:       1,
}

// A node is an element of the SVG namespace, or character data (name "").
type node struct {
	name     string
	attrs    map[string]string
	children []*node
	text     string
	line     int
}

// Parse parses an SVG document. It returns an *UnsupportedError when the document
// uses what Draw cannot draw (see the package doc), and a *SyntaxError, or an XML
// error, when it does not parse.
func Parse(data []byte) (*Image, error) {
	root, err := parseXML(data)
	if err != nil {
		return nil, err
	}
	p := &parser{kinds: map[string]string{}}
	var sheet strings.Builder
	var walk func(n *node)
	walk = func(n *node) {
		if id := n.attrs["id"]; id != "" {
			p.kinds[id] = n.name
		}
		if n.name == "style" {
			for _, c := range n.children {
				sheet.WriteString(c.text)
			}
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(root)
	rules, err := parseSheet(sheet.String())
	if err != nil {
		return nil, err
	}
	p.sheet = newSheet(rules)
	im := &Image{}
	if err := p.root(im, root); err != nil {
		return nil, err
	}
	im.items, im.layers = p.items, p.maxLayers
	return im, nil
}

// parseXML reads the document's elements of the SVG namespace (or of none) into a
// tree; elements of other namespaces (an editor's own, RDF metadata) are left out.
func parseXML(data []byte) (*node, error) {
	const svgNS = "http://www.w3.org/2000/svg"
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []*node
	var root *node
	skip := 0 // depth inside an element of another namespace
	count := 0
	for {
		line, _ := d.InputPos()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("not an SVG file folio can read: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 || t.Name.Space != svgNS && t.Name.Space != "" {
				skip++
				continue
			}
			if count++; count > maxElements || len(stack) >= maxDepth {
				return nil, errors.New("the SVG has too many elements, or nests them too deep")
			}
			n := &node{name: t.Name.Local, attrs: map[string]string{}, line: line}
			for _, a := range t.Attr {
				switch a.Name.Space {
				case "":
					n.attrs[a.Name.Local] = a.Value
				case "xml", "http://www.w3.org/XML/1998/namespace":
					n.attrs["xml:"+a.Name.Local] = a.Value
				}
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, errors.New("not an SVG file: more than one root element")
				}
				if n.name != "svg" {
					return nil, fmt.Errorf("not an SVG file: it starts with <%s>, not <svg>", n.name)
				}
				root = n
			} else {
				top := stack[len(stack)-1]
				top.children = append(top.children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if skip == 0 && len(stack) > 0 {
				top := stack[len(stack)-1]
				top.children = append(top.children, &node{text: string(t), line: line})
			}
		}
	}
	if root == nil {
		return nil, errors.New("not an SVG file: no <svg> element")
	}
	return root, nil
}

type parser struct {
	kinds     map[string]string // element id → element name
	sheet     *sheet
	styleWork int // rules tested and declarations applied so far
	items     []item
	layers    int // layers open
	maxLayers int
}

// root reads the root <svg>'s size and draws its content.
func (p *parser) root(im *Image, n *node) error {
	// length returns the width or height asked for, 0 for none: a percentage, or
	// auto, is of a viewport folio has not got.
	length := func(name string) (float64, error) {
		v, ok := n.attrs[name]
		v = strings.TrimSpace(v)
		if !ok || v == "auto" || strings.HasSuffix(v, "%") {
			return 0, nil
		}
		x, err := parseLength(v, 16, -1)
		if err == nil && x <= 0 {
			err = errors.New("want a length of more than 0")
		}
		if err != nil {
			return 0, &SyntaxError{"svg", n.line, fmt.Errorf("%s %q: %v", name, v, err)}
		}
		return x, nil
	}
	w, err := length("width")
	if err != nil {
		return err
	}
	h, err := length("height")
	if err != nil {
		return err
	}
	vb, hasVB := n.attrs["viewBox"]
	var box [4]float64
	if hasVB {
		s := scanner{s: vb}
		s.skipSpace()
		for i := range box {
			var err error
			if box[i], err = s.number(); err != nil {
				return &SyntaxError{"svg", n.line, fmt.Errorf("viewBox %q: %v", vb, err)}
			}
		}
		if box[2] <= 0 || box[3] <= 0 {
			return &SyntaxError{"svg", n.line, fmt.Errorf("viewBox %q has no area", vb)}
		}
		switch {
		case w > 0 && h <= 0:
			h = w * box[3] / box[2]
		case h > 0 && w <= 0:
			w = h * box[2] / box[3]
		case w <= 0 && h <= 0:
			w, h = box[2], box[3]
		}
	}
	if !hasVB && (w <= 0 || h <= 0) {
		return &SyntaxError{"svg", n.line, errors.New("no size: give the <svg> element a viewBox, or a width and height")}
	}
	// Sizes far from any logo's would overflow the arithmetic of drawing (a
	// height made from a huge width and a thin viewBox is infinite).
	if !(w >= minSize && w <= maxSize && h >= minSize && h <= maxSize) {
		return &UnsupportedError{fmt.Sprintf("a size of %g×%g pixels (folio draws from %g to %g)", w, h, minSize, maxSize), n.line}
	}
	im.Width, im.Height = w, h
	im.view = identity
	if hasVB {
		im.view = viewBox(box, w, h, n.attrs["preserveAspectRatio"])
		if v := im.view; !finite(v.a, v.b, v.c, v.d, v.e, v.f) || v.a == 0 || v.d == 0 {
			return &UnsupportedError{fmt.Sprintf("the viewBox %q in a size of %g×%g pixels", vb, w, h), n.line}
		}
	}
	if _, ok := n.attrs["transform"]; ok {
		return &UnsupportedError{"a transform on the root <svg>", n.line}
	}
	pr := initialProps
	return p.group(n, pr, identity)
}

// finite reports whether every x is neither infinite nor NaN.
func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return false
		}
	}
	return true
}

// viewBox returns the transform from a viewBox to a w×h viewport, by
// preserveAspectRatio (default xMidYMid meet).
func viewBox(box [4]float64, w, h float64, par string) matrix {
	f := strings.Fields(par)
	if len(f) > 0 && f[0] == "defer" {
		f = f[1:]
	}
	align, slice := "xMidYMid", false
	if len(f) > 0 {
		align = f[0]
	}
	if len(f) > 1 {
		slice = f[1] == "slice"
	}
	sx, sy := w/box[2], h/box[3]
	if align == "none" {
		return matrix{a: sx, d: sy, e: -box[0] * sx, f: -box[1] * sy}
	}
	s := math.Min(sx, sy)
	if slice {
		s = math.Max(sx, sy)
	}
	pos := func(a string) float64 {
		switch a {
		case "Mid":
			return 0.5
		case "Max":
			return 1
		}
		return 0
	}
	ax, ay := 0.5, 0.5
	if len(align) == 8 {
		ax, ay = pos(align[1:4]), pos(align[5:8])
	}
	return matrix{a: s, d: s, e: -box[0]*s + (w-box[2]*s)*ax, f: -box[1]*s + (h-box[3]*s)*ay}
}

// style computes the properties of n from its parent's: its presentation attributes,
// then the rules of the <style> sheet that match it (by specificity, then order),
// then its style attribute. font-size is computed first, from the parent's, so that
// lengths in em in the others are of the element's own font-size, wherever it is
// declared.
func (p *parser) style(n *node, parent props) (props, error) {
	pr := parent
	pr.opacity, pr.none = 1, false
	if v, ok := n.attrs["xml:space"]; ok {
		pr.preserve = v == "preserve"
	}
	var decls [][2]string // in the order of precedence, lowest first
	names := make([]string, 0, len(n.attrs))
	for name := range n.attrs {
		if properties[name] {
			names = append(names, name)
		}
	}
	slices.Sort(names) // the order of attributes does not matter; make it fixed
	for _, name := range names {
		decls = append(decls, [2]string{name, n.attrs[name]})
	}
	if len(p.sheet.rules) > 0 {
		classes := strings.Fields(n.attrs["class"])
		cand := p.sheet.candidates(nil, n.name, n.attrs["id"], classes)
		if p.styleWork += len(cand); p.styleWork > maxStyleWork {
			return pr, errTooComplexStyle
		}
		var matched []rule
		for _, i := range cand {
			if r := p.sheet.rules[i]; r.matches(n.name, n.attrs["id"], classes) {
				matched = append(matched, r)
			}
		}
		slices.SortStableFunc(matched, func(a, b rule) int { return a.specificity - b.specificity })
		for _, r := range matched {
			if p.styleWork += len(r.decls); p.styleWork > maxStyleWork {
				return pr, errTooComplexStyle
			}
			decls = append(decls, r.decls...)
		}
	}
	decls = append(decls, declarations(n.attrs["style"])...)
	set := func(name, value string) error {
		if err := pr.set(name, value, parent, p.kinds); err != nil {
			var ue *UnsupportedError
			if errors.As(err, &ue) {
				ue.Line = n.line
				return ue
			}
			return &SyntaxError{n.name, n.line, fmt.Errorf("%s: %v", name, err)}
		}
		return nil
	}
	for _, fontSize := range []bool{true, false} {
		for _, d := range decls {
			if (d[0] == "font-size") != fontSize {
				continue
			}
			if err := set(d[0], d[1]); err != nil {
				return pr, err
			}
		}
	}
	return pr, nil
}

var errTooComplexStyle = errors.New("the SVG's <style> sheet is too complex: too many of its rules apply to its elements")

// properties are the presentation attributes read as style properties: those of
// SVG 1.1 and SVG 2 but transform, which is read apart, and the geometry properties,
// which are read as the attributes of each shape.
var properties = func() map[string]bool {
	m := map[string]bool{}
	for _, name := range strings.Fields(`fill fill-opacity fill-rule stroke stroke-width stroke-opacity
		stroke-linejoin stroke-linecap stroke-miterlimit stroke-dasharray stroke-dashoffset color
		display visibility opacity font-family font-size font-size-adjust font-weight font-style
		font-variant font-stretch text-anchor letter-spacing word-spacing kerning text-decoration
		text-transform text-overflow text-rendering white-space writing-mode direction unicode-bidi
		glyph-orientation-horizontal glyph-orientation-vertical dominant-baseline
		alignment-baseline baseline-shift clip clip-path clip-rule mask mask-type filter
		flood-color flood-opacity lighting-color stop-color stop-opacity marker marker-start
		marker-mid marker-end mix-blend-mode paint-order vector-effect transform-origin overflow
		color-interpolation color-interpolation-filters color-profile color-rendering
		shape-rendering image-rendering cursor pointer-events enable-background`) {
		m[name] = true
	}
	return m
}()

// ignored lists the properties this package does not draw and may leave out: with
// any value (nil), as what they change is not drawn (stop-color, for a gradient) or
// is only a hint (shape-rendering), or with the values listed, which draw as leaving
// them out does. Any other value, and any property neither listed here nor drawn
// (see props.set), is unsupported, so that it is reported rather than drawn wrong.
// What Illustrator and Inkscape write for a logo of shapes and text is here.
var ignored = map[string][]string{
	// Hints, and what an image does not use (interaction, an editor's settings).
	"shape-rendering": nil, "text-rendering": nil, "image-rendering": nil, "color-rendering": nil,
	"color-profile": nil, "enable-background": nil, "cursor": nil, "pointer-events": nil,
	"overflow": nil, // of viewports: the root's is the image's edge
	"kerning":  nil, // SVG 1.1's, which browsers no longer read
	// What only gradients, patterns, clipping paths, masks, filters and dashes use,
	// which are reported where something uses them.
	"stop-color": nil, "stop-opacity": nil, "flood-color": nil, "flood-opacity": nil,
	"lighting-color": nil, "clip-rule": nil, "mask-type": nil, "stroke-dashoffset": nil,
	"color-interpolation": nil, "color-interpolation-filters": nil,
	"solid-color": nil, "solid-opacity": nil, // Inkscape's, for its swatches
	"clip": {"auto"},
	// Text: what only flowed or vertical text uses (Inkscape's flowed text keeps the
	// position of each line, which browsers use), or what draws nothing by default.
	"line-height": nil, "text-indent": nil, "text-align": nil, "text-align-last": nil,
	"text-overflow": nil, "inline-size": nil, "shape-inside": nil, "shape-subtract": nil,
	"shape-padding": nil, "shape-margin": nil, "text-orientation": nil,
	"glyph-orientation-vertical": nil, "glyph-orientation-horizontal": {"0", "0deg"},
	"text-decoration":         {"none"},
	"text-decoration-line":    {"none"},
	"text-decoration-style":   nil, // of a line that is none
	"text-decoration-color":   nil,
	"font-variant":            {"normal"},
	"font-variant-ligatures":  {"normal"},
	"font-variant-caps":       {"normal"},
	"font-variant-numeric":    {"normal"},
	"font-variant-east-asian": {"normal"},
	"font-variant-alternates": {"normal"},
	"font-variant-position":   {"normal"},
	"font-feature-settings":   {"normal"},
	"font-variation-settings": {"normal"},
	"font-kerning":            {"auto", "normal"},
	"font-size-adjust":        {"none"},
	"font-stretch":            {"normal", "100%"},
	"word-spacing":            {"normal", "0", "0px"},
	"writing-mode":            {"lr", "lr-tb", "horizontal-tb"},
	"direction":               {"ltr"},
	"unicode-bidi":            {"normal"},
	"dominant-baseline":       {"auto", "alphabetic"},
	"alignment-baseline":      {"auto", "baseline", "alphabetic"},
	"baseline-shift":          {"baseline", "0", "0px"},
	"text-transform":          {"none"},
	// Effects.
	"clip-path":        {"none"},
	"mask":             {"none"},
	"filter":           {"none"},
	"marker":           {"none"},
	"marker-start":     {"none"},
	"marker-mid":       {"none"},
	"marker-end":       {"none"},
	"mix-blend-mode":   {"normal"},
	"isolation":        {"auto", "isolate"}, // isolate matters to blend modes only
	"vector-effect":    {"none"},
	"transform-origin": {"0 0", "0px 0px", "left top"},
	"transform-box":    {"view-box"},
}

// fontSizes are the sizes of CSS's absolute font-size keywords, in px. (Inkscape
// writes font-size: medium.)
var fontSizes = map[string]float64{
	"xx-small": 9, "x-small": 10, "small": 13, "medium": 16, "large": 18,
	"x-large": 24, "xx-large": 32, "xxx-large": 48,
}

// genericFamilies are CSS's generic font families. All are drawn with the sans-serif
// face Draw is given.
var genericFamilies = map[string]bool{
	"serif": true, "sans-serif": true, "monospace": true, "cursive": true, "fantasy": true,
	"system-ui": true, "ui-serif": true, "ui-sans-serif": true, "ui-monospace": true,
	"ui-rounded": true, "math": true, "emoji": true, "fangsong": true,
}

// set sets property name to value, which parent's values resolve (font-size in em).
func (pr *props) set(name, value string, parent props, kinds map[string]string) error {
	value = strings.TrimSpace(value)
	if value == "inherit" || value == "" {
		return nil
	}
	if strings.HasPrefix(name, "-inkscape-") || strings.HasPrefix(name, "--") {
		return nil // Inkscape's own, and custom properties, which only var() reads
	}
	if allowed, ok := ignored[name]; ok {
		if allowed == nil || slices.Contains(allowed, value) {
			return nil
		}
		if kind := referred(value, kinds); kind != "" {
			return &UnsupportedError{What: "<" + kind + ">"}
		}
		return &UnsupportedError{What: name + ": " + value}
	}
	var err error
	opacity := func() float64 {
		var x float64
		x, err = parseNumber(value)
		return math.Max(0, math.Min(1, x))
	}
	switch name {
	case "font":
		return &UnsupportedError{What: "the font shorthand property (" + value + ")"}
	case "fill":
		pr.fill, err = parsePaint(value, kinds)
	case "stroke":
		pr.stroke, err = parsePaint(value, kinds)
	case "fill-opacity":
		pr.fillOpacity = opacity()
	case "stroke-opacity":
		pr.strokeOpacity = opacity()
	case "opacity":
		pr.opacity = opacity()
	case "fill-rule":
		switch value {
		case "nonzero", "evenodd":
			pr.evenOdd = value == "evenodd"
		default:
			err = fmt.Errorf("want nonzero or evenodd, not %q", value)
		}
	case "stroke-width":
		pr.strokeWidth, err = parseLength(value, pr.fontSize, -1)
	case "stroke-miterlimit":
		pr.miterLimit, err = parseNumber(value)
		pr.miterLimit = math.Max(1, pr.miterLimit)
	case "stroke-linejoin":
		switch value {
		case "miter", "miter-clip":
			pr.join = joinMiter
		case "round":
			pr.join = joinRound
		case "bevel":
			pr.join = joinBevel
		default:
			return &UnsupportedError{What: name + ": " + value}
		}
	case "stroke-linecap":
		switch value {
		case "butt":
			pr.cap = capButt
		case "round":
			pr.cap = capRound
		case "square":
			pr.cap = capSquare
		default:
			err = fmt.Errorf("want butt, round or square, not %q", value)
		}
	case "stroke-dasharray":
		if value == "none" {
			return nil
		}
		for _, f := range strings.FieldsFunc(value, func(r rune) bool { return r == ',' || r == ' ' }) {
			if x, err := parseLength(f, pr.fontSize, -1); err != nil || x != 0 {
				return &UnsupportedError{What: "dashed strokes (stroke-dasharray)"}
			}
		}
	case "color":
		pr.color, err = parseColor(value)
	case "display":
		pr.none = value == "none"
	case "visibility":
		pr.hidden = value != "visible"
	case "font-family":
		pr.family = value
	case "font-size":
		switch px, ok := fontSizes[value]; {
		case ok:
			pr.fontSize = px
		case value == "larger":
			pr.fontSize = parent.fontSize * 1.2
		case value == "smaller":
			pr.fontSize = parent.fontSize / 1.2
		default:
			pr.fontSize, err = parseLength(value, parent.fontSize, parent.fontSize)
		}
		if err == nil && pr.fontSize < 0 {
			err = fmt.Errorf("negative size %q", value)
		}
	case "font-weight":
		switch value {
		case "normal", "lighter":
			pr.bold = false
		case "bold", "bolder":
			pr.bold = true
		default:
			var w float64
			if w, err = parseNumber(value); err == nil {
				pr.bold = w >= 600
			}
		}
	case "font-style":
		if value != "normal" {
			return &UnsupportedError{What: "font-style: " + value + " (folio has no italic face)"}
		}
	case "text-anchor":
		switch value {
		case "start":
			pr.anchor = 0
		case "middle":
			pr.anchor = 0.5
		case "end":
			pr.anchor = 1
		default:
			err = fmt.Errorf("want start, middle or end, not %q", value)
		}
	case "letter-spacing":
		if value == "normal" {
			pr.spacing = 0
		} else {
			pr.spacing, err = parseLength(value, pr.fontSize, -1)
		}
	case "paint-order":
		f := strings.Fields(value)
		pr.strokeFirst = slices.Index(f, "stroke") >= 0 &&
			(slices.Index(f, "fill") < 0 || slices.Index(f, "stroke") < slices.Index(f, "fill"))
	case "white-space":
		switch value {
		case "normal", "nowrap":
			// As xml:space says: Inkscape writes white-space: normal with
			// xml:space="preserve".
		case "pre", "pre-wrap", "break-spaces":
			pr.preserve = true
		default:
			return &UnsupportedError{What: name + ": " + value}
		}
	case "transform":
		return &UnsupportedError{What: "transform in CSS (transform: " + value + ")"}
	default:
		return &UnsupportedError{What: "the CSS property " + name + " (" + name + ": " + value + ")"}
	}
	return err
}

// look returns how pr paints, its opacity left to the caller.
func (pr props) look() look {
	resolve := func(pt paint, opacity float64) color.NRGBA {
		c := pt.color
		switch pt.kind {
		case paintNone:
			return color.NRGBA{}
		case paintCurrent:
			c = pr.color
		}
		c.A = uint8(math.Round(float64(c.A) * opacity))
		return c
	}
	l := look{
		fill:        resolve(pr.fill, pr.fillOpacity),
		stroke:      resolve(pr.stroke, pr.strokeOpacity),
		evenOdd:     pr.evenOdd,
		width:       pr.strokeWidth,
		miterLimit:  pr.miterLimit,
		join:        pr.join,
		cap:         pr.cap,
		strokeFirst: pr.strokeFirst,
	}
	if l.width <= 0 {
		l.stroke = color.NRGBA{}
	}
	return l
}

// group draws the children of a container element (the root, <g>, <a>).
func (p *parser) group(n *node, parent props, ctm matrix) error {
	pr, err := p.style(n, parent)
	if err != nil || pr.none {
		return err
	}
	if n.name != "svg" {
		if ctm, err = p.transform(n, ctm); err != nil {
			return err
		}
	}
	return p.layer(pr.opacity, func() error {
		for _, c := range n.children {
			if err := p.element(c, pr, ctm); err != nil {
				return err
			}
		}
		return nil
	})
}

// layer runs draw inside a layer of the given opacity, if it is below 1.
func (p *parser) layer(opacity float64, draw func() error) error {
	if opacity >= 1 {
		return draw()
	}
	p.items = append(p.items, item{kind: itemPush, opacity: opacity})
	p.layers++
	p.maxLayers = max(p.maxLayers, p.layers)
	err := draw()
	p.layers--
	p.items = append(p.items, item{kind: itemPop})
	return err
}

func (p *parser) transform(n *node, ctm matrix) (matrix, error) {
	v, ok := n.attrs["transform"]
	if !ok {
		return ctm, nil
	}
	m, err := parseTransform(v)
	if err != nil {
		return ctm, &SyntaxError{n.name, n.line, err}
	}
	return ctm.mul(m), nil
}

// element draws a child of a container.
func (p *parser) element(n *node, parent props, ctm matrix) error {
	switch n.name {
	case "":
		return nil // text between elements
	case "g", "a":
		return p.group(n, parent, ctm)
	case "path", "rect", "circle", "ellipse", "line", "polyline", "polygon":
		return p.shape(n, parent, ctm)
	case "text":
		return p.text(n, parent, ctm)
	case "switch":
		return p.choose(n, parent, ctm)
	case "defs", "title", "desc", "metadata", "style", "script",
		// Drawn only where something refers to them, which is reported there.
		"linearGradient", "radialGradient", "pattern", "clipPath", "mask", "filter", "marker", "symbol",
		// Inkscape 0.92's flowed text, which browsers do not draw either.
		"flowRoot":
		return nil
	}
	what := "<" + n.name + ">"
	if n.name == "svg" {
		what = "an <svg> inside the <svg>"
	}
	return &UnsupportedError{what, n.line}
}

// choose draws the first child of a <switch> whose conditions hold, as browsers do:
// one that requires no extension (Illustrator puts its own data first, in a
// <foreignObject> that requires one, and the artwork after it).
func (p *parser) choose(n *node, parent props, ctm matrix) error {
	pr, err := p.style(n, parent)
	if err != nil || pr.none {
		return err
	}
	if ctm, err = p.transform(n, ctm); err != nil {
		return err
	}
	return p.layer(pr.opacity, func() error {
		for _, c := range n.children {
			if c.name == "" {
				continue
			}
			if _, ok := c.attrs["systemLanguage"]; ok {
				return &UnsupportedError{"<switch> with systemLanguage", c.line}
			}
			if strings.TrimSpace(c.attrs["requiredExtensions"]) != "" {
				continue
			}
			return p.element(c, pr, ctm)
		}
		return nil
	})
}

// shape draws a basic shape or a path.
func (p *parser) shape(n *node, parent props, ctm matrix) error {
	pr, err := p.style(n, parent)
	if err != nil || pr.none {
		return err
	}
	if ctm, err = p.transform(n, ctm); err != nil {
		return err
	}
	num := func(name string) float64 {
		if err != nil {
			return 0
		}
		v, ok := n.attrs[name]
		if !ok || v == "auto" {
			return math.NaN()
		}
		var x float64
		x, err = parseLength(v, pr.fontSize, -1)
		if err != nil {
			var ue *UnsupportedError
			if !errors.As(err, &ue) {
				err = fmt.Errorf("%s: %v", name, err)
			}
		}
		return x
	}
	or0 := func(x float64) float64 {
		if math.IsNaN(x) {
			return 0
		}
		return x
	}
	var path *Path
	switch n.name {
	case "path":
		path, err = parsePathData(n.attrs["d"])
	case "rect":
		x, y, w, h := or0(num("x")), or0(num("y")), or0(num("width")), or0(num("height"))
		rx, ry := num("rx"), num("ry")
		switch {
		case math.IsNaN(rx) && math.IsNaN(ry):
			rx, ry = 0, 0
		case math.IsNaN(rx):
			rx = ry
		case math.IsNaN(ry):
			ry = rx
		}
		if w > 0 && h > 0 {
			path = rectPath(x, y, w, h, math.Min(rx, w/2), math.Min(ry, h/2))
		}
	case "circle":
		if cx, cy, r := or0(num("cx")), or0(num("cy")), or0(num("r")); r > 0 {
			path = ellipsePath(cx, cy, r, r)
		}
	case "ellipse":
		cx, cy, rx, ry := or0(num("cx")), or0(num("cy")), num("rx"), num("ry")
		if math.IsNaN(rx) {
			rx = ry
		}
		if math.IsNaN(ry) {
			ry = rx
		}
		if rx > 0 && ry > 0 {
			path = ellipsePath(cx, cy, rx, ry)
		}
	case "line":
		x1, y1, x2, y2 := or0(num("x1")), or0(num("y1")), or0(num("x2")), or0(num("y2"))
		path = new(Path)
		path.MoveTo(x1, y1)
		path.LineTo(x2, y2)
	case "polyline", "polygon":
		path, err = parsePoints(n.attrs["points"], n.name == "polygon")
	}
	if err != nil {
		var ue *UnsupportedError
		if errors.As(err, &ue) {
			ue.Line = n.line
			return ue
		}
		return &SyntaxError{n.name, n.line, err}
	}
	if path == nil || path.Empty() || pr.hidden {
		return nil
	}
	l := pr.look()
	if l.fill.A == 0 && l.stroke.A == 0 {
		return nil
	}
	return p.layer(pr.opacity, func() error {
		p.items = append(p.items, item{kind: itemShape, path: path, ctm: ctm, look: l})
		return nil
	})
}

// text lays out a <text> element into chunks, which Draw sets with its fonts.
func (p *parser) text(n *node, parent props, ctm matrix) error {
	pr, err := p.style(n, parent)
	if err != nil || pr.none {
		return err
	}
	if ctm, err = p.transform(n, ctm); err != nil {
		return err
	}
	t := &textLayout{p: p, space: true}
	if err := t.element(n, pr); err != nil {
		return err
	}
	if t.lastSpace {
		r := &t.chunks[t.last[0]].runs[t.last[1]]
		r.s = r.s[:len(r.s)-1] // the text's final space
	}
	return p.layer(pr.opacity, func() error {
		p.items = append(p.items, item{kind: itemText, chunks: t.chunks, ctm: ctm})
		return nil
	})
}

// A textLayout collects the chunks and runs of a <text> element.
type textLayout struct {
	p         *parser
	chunks    []chunk
	dx, dy    float64 // to move the pen by before the next run
	space     bool    // the last character kept was a collapsible space, or none was kept
	last      [2]int  // the chunk and run of the last character kept
	lastSpace bool    // which is a collapsible space
}

// element lays out <text>, or a <tspan> in it, whose style is pr.
func (t *textLayout) element(n *node, pr props) error {
	pos := func(name string) (float64, error) {
		v, ok := n.attrs[name]
		if !ok {
			return math.NaN(), nil
		}
		s := scanner{s: v}
		s.skipSpace()
		x, err := s.number()
		if err != nil {
			return 0, &SyntaxError{n.name, n.line, fmt.Errorf("%s: %v", name, err)}
		}
		if !s.done() {
			return 0, &UnsupportedError{fmt.Sprintf("%s with a position for each character (%s=%q)", "<"+n.name+">", name, v), n.line}
		}
		return x, nil
	}
	for _, name := range []string{"rotate", "textLength"} {
		if _, ok := n.attrs[name]; ok {
			return &UnsupportedError{fmt.Sprintf("<%s %s>", n.name, name), n.line}
		}
	}
	if _, ok := n.attrs["transform"]; ok && n.name != "text" {
		return &UnsupportedError{fmt.Sprintf("a transform on <%s>", n.name), n.line}
	}
	var xy, d [2]float64
	for i, name := range []string{"x", "y", "dx", "dy"} {
		v, err := pos(name)
		if err != nil {
			return err
		}
		if i < 2 {
			xy[i] = v
		} else if !math.IsNaN(v) {
			d[i-2] = v
		}
	}
	if n.name == "text" {
		for i := range xy {
			if math.IsNaN(xy[i]) {
				xy[i] = 0
			}
		}
	}
	if !math.IsNaN(xy[0]) || !math.IsNaN(xy[1]) {
		t.chunks = append(t.chunks, chunk{x: xy[0], y: xy[1], anchor: pr.anchor})
	}
	t.dx += d[0]
	t.dy += d[1]
	if n.name != "text" && pr.opacity < 1 {
		return &UnsupportedError{fmt.Sprintf("opacity on <%s>", n.name), n.line}
	}
	for _, c := range n.children {
		switch c.name {
		case "":
			if err := t.chars(c.text, pr, n.line); err != nil {
				return err
			}
		case "tspan", "a":
			cp, err := t.p.style(c, pr)
			if err != nil {
				return err
			}
			if !cp.none {
				if err := t.element(c, cp); err != nil {
					return err
				}
			}
		case "title", "desc", "metadata":
		default:
			return &UnsupportedError{"<" + c.name + "> in <text>", c.line}
		}
	}
	return nil
}

// chars adds the characters s of an element whose style is pr, white space handled
// as xml:space says: by default line breaks and tabs are spaces, and runs of spaces
// and spaces at the text's start and end are dropped; "preserve" keeps every space.
func (t *textLayout) chars(s string, pr props, line int) error {
	var b strings.Builder
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\t' {
			r = ' '
		}
		if !pr.preserve {
			if r == ' ' && t.space {
				continue
			}
			t.space = r == ' '
			t.lastSpace = t.space
		} else {
			t.space, t.lastSpace = false, false
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return nil
	}
	if strings.TrimSpace(b.String()) != "" && !generic(pr.family) {
		return &UnsupportedError{fmt.Sprintf("text in the font %s, which folio does not have (turn the text into paths, or name a generic family such as sans-serif)", pr.family), line}
	}
	if len(t.chunks) == 0 {
		t.chunks = append(t.chunks, chunk{anchor: pr.anchor})
	}
	c := &t.chunks[len(t.chunks)-1]
	c.runs = append(c.runs, run{
		s: b.String(), bold: pr.bold, size: pr.fontSize, spacing: pr.spacing,
		dx: t.dx, dy: t.dy, look: pr.look(), hidden: pr.hidden, line: line,
	})
	t.dx, t.dy = 0, 0
	t.last = [2]int{len(t.chunks) - 1, len(c.runs) - 1}
	return nil
}

// generic reports whether a font-family list names a generic family, or is empty.
func generic(family string) bool {
	if family == "" {
		return true
	}
	for _, f := range strings.Split(family, ",") {
		if genericFamilies[strings.ToLower(strings.Trim(strings.TrimSpace(f), `"'`))] {
			return true
		}
	}
	return false
}
