package svg

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
)

// Fonts sets the text of <text> elements for Draw.
type Fonts interface {
	// Text returns the outline of s set in the sans-serif face, bold or regular, at
	// size user units per em, with spacing added after each character, and the
	// advance of the pen: the pen starts at (0, 0) on the baseline, y pointing down.
	// It returns an error when it cannot set s as a browser would, such as for a
	// character its face has not got; Draw then returns that error, and gives an
	// *UnsupportedError without a line the line of the text.
	Text(s string, bold bool, size, spacing float64) (outline *Path, advance float64, err error)
}

// Drawing limits against hostile files: the largest image, how many points the
// outlines of one image may flatten to (strokes' joins and caps included), and how
// many pixels the layers that opacity nests may have together (the image's own
// included).
const (
	maxPixels      = 16 << 20
	maxPoints      = 4 << 20
	maxLayerPixels = 4 * maxPixels
)

// tolerance is how far, in pixels, a flattened curve may stray from the curve.
const tolerance = 0.05

// Draw draws im onto a transparent w×h image, stretched to fill it, with the text set
// by fonts (which may be nil when im has no text). The same image, size and fonts
// draw the same pixels.
func (im *Image) Draw(w, h int, fonts Fonts) (*image.RGBA, error) {
	if w <= 0 || h <= 0 || w > maxPixels/h {
		return nil, fmt.Errorf("svg: cannot draw %d×%d pixels", w, h)
	}
	if im.layers >= maxLayerPixels/(w*h) {
		return nil, fmt.Errorf("svg: cannot draw %d×%d pixels with opacity nested %d deep", w, h, im.layers)
	}
	dev := matrix{a: float64(w) / im.Width, d: float64(h) / im.Height}.mul(im.view)
	d := &drawer{r: newRaster(w, h), budget: maxPoints}
	// layers[0] is the image; layers[1:top+1] are the layers open, kept when closed
	// for the next one as deep. Only a layer's dirty rectangle is blended and then
	// cleared, so that a small shape costs little on a large image.
	layers := []*layer{{img: image.NewRGBA(image.Rect(0, 0, w, h))}}
	top := 0
	for _, it := range im.items {
		dst := layers[top]
		var err error
		switch it.kind {
		case itemPush:
			if top++; top == len(layers) {
				layers = append(layers, &layer{img: image.NewRGBA(dst.img.Rect)})
			}
			layers[top].opacity = it.opacity
		case itemPop:
			top--
			below := layers[top]
			if r := dst.dirty; !r.Empty() {
				mask := image.NewUniform(color.Alpha{uint8(math.Round(dst.opacity * 255))})
				draw.DrawMask(below.img, r, dst.img, r.Min, mask, image.Point{}, draw.Over)
				below.dirty = below.dirty.Union(r)
				for y := r.Min.Y; y < r.Max.Y; y++ {
					clear(dst.img.Pix[dst.img.PixOffset(r.Min.X, y):dst.img.PixOffset(r.Max.X, y)])
				}
				dst.dirty = image.Rectangle{}
			}
		case itemShape:
			err = d.paint(dst, it.path, dev.mul(it.ctm), it.look)
		case itemText:
			if fonts == nil {
				return nil, errors.New("svg: the image has text, and no fonts to set it in")
			}
			err = d.text(dst, it.chunks, dev.mul(it.ctm), fonts)
		}
		if err != nil {
			return nil, err
		}
	}
	return layers[0].img, nil
}

// A layer is an image drawn on, and the rectangle of it drawn on so far.
type layer struct {
	img     *image.RGBA
	dirty   image.Rectangle
	opacity float64 // with which it is blended onto the layer below
}

type drawer struct {
	r      *raster
	budget int // points left to flatten
}

// text sets chunks, aligning each on its position by its anchor, and paints them.
func (d *drawer) text(dst *layer, chunks []chunk, m matrix, fonts Fonts) error {
	type placed struct {
		outline *Path
		x, y    float64
		look    look
	}
	var pen point
	for _, c := range chunks {
		if !math.IsNaN(c.x) {
			pen.x = c.x
		}
		if !math.IsNaN(c.y) {
			pen.y = c.y
		}
		start := pen.x
		var glyphs []placed
		for _, r := range c.runs {
			pen.x += r.dx
			pen.y += r.dy
			if r.s == "" {
				continue
			}
			outline, adv, err := fonts.Text(r.s, r.bold, r.size, r.spacing)
			if err != nil {
				if ue, ok := errors.AsType[*UnsupportedError](err); ok && ue.Line == 0 {
					ue.Line = r.line
				}
				return err
			}
			if !r.hidden && outline != nil {
				glyphs = append(glyphs, placed{outline, pen.x, pen.y, r.look})
			}
			pen.x += adv
		}
		shift := -c.anchor * (pen.x - start)
		pen.x += shift
		for _, g := range glyphs {
			at := m.mul(matrix{a: 1, d: 1, e: g.x + shift, f: g.y})
			if err := d.paint(dst, g.outline, at, g.look); err != nil {
				return err
			}
		}
	}
	return nil
}

// paint fills and strokes path, in user space, transformed by m to pixels.
func (d *drawer) paint(dst *layer, path *Path, m matrix, l look) error {
	fill := func() error {
		if l.fill.A == 0 {
			return nil
		}
		subs, err := d.flatten(path, m, tolerance)
		if err != nil {
			return err
		}
		for _, s := range subs {
			d.r.polygon(s.pts)
		}
		d.r.composite(dst, l.fill, l.evenOdd)
		return nil
	}
	stroke := func() error {
		if l.stroke.A == 0 {
			return nil
		}
		// The outline is made in user space, so that a transform stretches the stroke
		// as it does the path, and then drawn through m.
		scale := m.scale()
		if scale == 0 || math.IsNaN(scale) || math.IsInf(scale, 0) {
			return nil
		}
		tol := tolerance / scale
		subs, err := d.flatten(path, identity, tol)
		if err != nil {
			return err
		}
		st := stroker{l: l, hw: l.width / 2, tol: tol, budget: &d.budget, add: func(pts []point) {
			for i := range pts {
				pts[i] = m.apply(pts[i])
			}
			d.r.polygon(pts)
		}}
		for _, s := range subs {
			if st.subpath(s); st.over {
				d.r.reset()
				return errTooComplex
			}
		}
		d.r.composite(dst, l.stroke, false)
		return nil
	}
	first, second := fill, stroke
	if l.strokeFirst {
		first, second = stroke, fill
	}
	if err := first(); err != nil {
		return err
	}
	return second()
}

// A subpath is a flattened subpath: a polyline, or a polygon when closed.
type subpath struct {
	pts    []point
	closed bool
	drawn  bool // it has a segment, if only of zero length: not a lone moveto
}

var errTooComplex = errors.New("svg: the image is too complex to draw")

// flatten returns the subpaths of p transformed by m, curves made lines no further
// than tol from them.
func (d *drawer) flatten(p *Path, m matrix, tol float64) ([]subpath, error) {
	var subs []subpath
	var cur, start point
	var pts []point
	drawn := false
	end := func(closed bool) {
		if len(pts) > 0 {
			subs = append(subs, subpath{pts, closed, drawn})
		}
		pts, drawn = nil, false
	}
	add := func(q point) {
		if len(pts) == 0 {
			pts = append(pts, m.apply(cur))
		}
		pts = append(pts, m.apply(q))
	}
	for _, op := range p.ops {
		before := len(pts)
		drawn = drawn || op.kind != opMove
		switch op.kind {
		case opMove:
			end(false)
			cur, start = op.pts[0], op.pts[0]
			pts = append(pts, m.apply(cur))
		case opLine:
			add(op.pts[0])
			cur = op.pts[0]
		case opQuad, opCube:
			// Flatten in the output's space: the transform is affine, so the curve of
			// the transformed points is the transformed curve.
			c := [4]point{m.apply(cur), m.apply(op.pts[0]), m.apply(op.pts[1]), m.apply(op.pts[2])}
			if len(pts) == 0 {
				pts = append(pts, c[0])
			}
			if op.kind == opQuad {
				pts = quad(pts, c[0], c[1], c[2], tol)
				cur = op.pts[1]
			} else {
				pts = cube(pts, c[0], c[1], c[2], c[3], tol)
				cur = op.pts[2]
			}
		case opClose:
			if len(pts) == 0 {
				pts = append(pts, m.apply(cur))
			}
			end(true)
			cur = start
		}
		if d.budget -= max(1, len(pts)-before); d.budget < 0 {
			return nil, errTooComplex
		}
	}
	end(false)
	return subs, nil
}

// segments returns how many lines a curve whose largest second difference of
// control points is dd needs to stay within tol, by Wang's formula (k is n(n-1)/8
// for a curve of degree n).
func segments(dd, k, tol float64) int {
	n := math.Ceil(math.Sqrt(k * dd / tol))
	if math.IsNaN(n) || n < 1 {
		return 1
	}
	return int(math.Min(n, 1000))
}

func quad(pts []point, p0, p1, p2 point, tol float64) []point {
	n := segments(math.Hypot(p0.x-2*p1.x+p2.x, p0.y-2*p1.y+p2.y), 0.25, tol)
	for i := 1; i <= n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		pts = append(pts, point{
			u*u*p0.x + 2*u*t*p1.x + t*t*p2.x,
			u*u*p0.y + 2*u*t*p1.y + t*t*p2.y,
		})
	}
	return pts
}

func cube(pts []point, p0, p1, p2, p3 point, tol float64) []point {
	dd := math.Max(math.Hypot(p0.x-2*p1.x+p2.x, p0.y-2*p1.y+p2.y), math.Hypot(p1.x-2*p2.x+p3.x, p1.y-2*p2.y+p3.y))
	n := segments(dd, 0.75, tol)
	for i := 1; i <= n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		a, b, c, e := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
		pts = append(pts, point{
			a*p0.x + b*p1.x + c*p2.x + e*p3.x,
			a*p0.y + b*p1.y + c*p2.y + e*p3.y,
		})
	}
	return pts
}

// A stroker turns flattened subpaths into the polygons that make up their stroke: a
// quadrilateral along each line, a join at each corner and a cap at each open end.
// The polygons are all turned the same way round, so that filled together with the
// nonzero rule their overlaps do not cancel out.
type stroker struct {
	l      look
	hw     float64 // half the width
	tol    float64
	add    func([]point)
	budget *int // points left to draw, which each polygon's points are taken from
	over   bool // the budget ran out: the stroker adds nothing more
}

// spend takes n points from the budget, and reports whether there were enough.
func (s *stroker) spend(n int) bool {
	if s.over {
		return false
	}
	if *s.budget -= n; *s.budget < 0 {
		s.over = true
	}
	return !s.over
}

func (s *stroker) polygon(pts ...point) {
	if !s.spend(len(pts)) {
		return
	}
	var area float64
	for i, p := range pts {
		q := pts[(i+1)%len(pts)]
		area += p.x*q.y - q.x*p.y
	}
	if area < 0 {
		for i, j := 0, len(pts)-1; i < j; i, j = i+1, j-1 {
			pts[i], pts[j] = pts[j], pts[i]
		}
	}
	s.add(pts)
}

func (s *stroker) disc(c point) {
	n := 8
	if s.hw > s.tol {
		n = max(n, int(math.Ceil(math.Pi/math.Acos(1-s.tol/s.hw))))
	}
	n = min(n, 256)
	if *s.budget < n {
		s.over = true // before making the points, which polygon would not add
		return
	}
	pts := make([]point, n)
	for i := range pts {
		sin, cos := math.Sincos(2 * math.Pi * float64(i) / float64(n))
		pts[i] = point{c.x + s.hw*cos, c.y + s.hw*sin}
	}
	s.polygon(pts...)
}

func (s *stroker) subpath(sp subpath) {
	// Drop repeated points, which have no direction.
	pts := make([]point, 0, len(sp.pts))
	for _, p := range sp.pts {
		if len(pts) == 0 || p != pts[len(pts)-1] {
			pts = append(pts, p)
		}
	}
	if sp.closed && len(pts) > 1 && pts[0] == pts[len(pts)-1] {
		pts = pts[:len(pts)-1]
	}
	if len(pts) == 1 {
		// A zero-length subpath: a dot with round or square caps, but for a lone
		// moveto, which browsers do not draw (SVG 2, "Path implementation notes").
		if !sp.drawn {
			return
		}
		switch p := pts[0]; s.l.cap {
		case capRound:
			s.disc(p)
		case capSquare:
			s.polygon(point{p.x - s.hw, p.y - s.hw}, point{p.x + s.hw, p.y - s.hw}, point{p.x + s.hw, p.y + s.hw}, point{p.x - s.hw, p.y + s.hw})
		}
		return
	}
	n := len(pts)
	segs := n - 1
	if sp.closed {
		segs = n
	}
	for i := range segs {
		if s.over {
			return
		}
		a, b := pts[i], pts[(i+1)%n]
		u := unit(a, b)
		nx, ny := -u.y*s.hw, u.x*s.hw
		s.polygon(point{a.x + nx, a.y + ny}, point{b.x + nx, b.y + ny}, point{b.x - nx, b.y - ny}, point{a.x - nx, a.y - ny})
	}
	for i := range n {
		if s.over {
			return
		}
		if !sp.closed && (i == 0 || i == n-1) {
			continue
		}
		prev, next := pts[(i+n-1)%n], pts[(i+1)%n]
		s.join(pts[i], unit(prev, pts[i]), unit(pts[i], next))
	}
	if !sp.closed {
		s.cap(pts[0], unit(pts[1], pts[0]))
		s.cap(pts[n-1], unit(pts[n-2], pts[n-1]))
	}
}

// unit returns the unit vector from a to b.
func unit(a, b point) point {
	dx, dy := b.x-a.x, b.y-a.y
	l := math.Hypot(dx, dy)
	return point{dx / l, dy / l}
}

// join adds the join at p between a line going in direction d1 and one going on in d2.
func (s *stroker) join(p, d1, d2 point) {
	cross := d1.x*d2.y - d1.y*d2.x
	dot := d1.x*d2.x + d1.y*d2.y
	if math.Abs(cross) < 1e-12 && dot > 0 {
		return // straight on
	}
	if s.l.join == joinRound {
		s.disc(p)
		return
	}
	// The outer side of the turn.
	side := 1.0
	if cross > 0 {
		side = -1
	}
	n1 := point{-d1.y * side * s.hw, d1.x * side * s.hw}
	n2 := point{-d2.y * side * s.hw, d2.x * side * s.hw}
	a, b := point{p.x + n1.x, p.y + n1.y}, point{p.x + n2.x, p.y + n2.y}
	// The miter's length over the width is 1/cos(φ/2), φ the angle turned.
	if c := math.Sqrt((1 + dot) / 2); s.l.join == joinMiter && c > 0 && 1/c <= s.l.miterLimit {
		bis := point{n1.x + n2.x, n1.y + n2.y}
		l := math.Hypot(bis.x, bis.y)
		k := s.hw / c / l
		s.polygon(p, a, point{p.x + bis.x*k, p.y + bis.y*k}, b)
		return
	}
	s.polygon(p, a, b)
}

// cap adds the cap at the end p of a line going in direction d.
func (s *stroker) cap(p, d point) {
	switch s.l.cap {
	case capRound:
		s.disc(p)
	case capSquare:
		nx, ny := -d.y*s.hw, d.x*s.hw
		fx, fy := d.x*s.hw, d.y*s.hw
		s.polygon(point{p.x + nx, p.y + ny}, point{p.x + nx + fx, p.y + ny + fy}, point{p.x - nx + fx, p.y - ny + fy}, point{p.x - nx, p.y - ny})
	}
}

// A raster accumulates the signed area that polygons cover in each pixel (the
// algorithm of font-rs, as in golang.org/x/image/vector, which has no even-odd
// rule), then fills with the nonzero or the even-odd rule. It keeps the rectangle
// of cells it has added to, its dirty rectangle, so that composite and reset work
// on that only: a shape costs what its bounds on the image do.
type raster struct {
	w, h   int
	stride int // w+2: a line at the right edge adds to two cells past it
	acc    []float64
	mask   *image.Alpha
	dirty  image.Rectangle // of acc's cells, x in [0, w+2)
}

func newRaster(w, h int) *raster {
	return &raster{w: w, h: h, stride: w + 2, acc: make([]float64, (w+2)*h), mask: image.NewAlpha(image.Rect(0, 0, w, h))}
}

// reset clears what was added.
func (r *raster) reset() {
	for y := r.dirty.Min.Y; y < r.dirty.Max.Y; y++ {
		clear(r.acc[y*r.stride+r.dirty.Min.X : y*r.stride+r.dirty.Max.X])
	}
	r.dirty = image.Rectangle{}
}

// touch adds cells [x0, x1] of rows [y0, y1) to the dirty rectangle.
func (r *raster) touch(x0, x1, y0, y1 int) {
	t := image.Rect(x0, y0, x1+1, y1)
	if r.dirty.Empty() {
		r.dirty = t
	} else {
		r.dirty = r.dirty.Union(t)
	}
}

// polygon adds the closed polygon pts.
func (r *raster) polygon(pts []point) {
	for i, p := range pts {
		r.line(p, pts[(i+1)%len(pts)])
	}
}

// bound is where coordinates are clamped, far outside any image, so that the
// arithmetic below stays finite.
const bound = 1e7

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// line adds the line from a to b. The parts left or right of the image are moved onto
// its edges, where they still darken (or lighten) the pixels to their right.
func (r *raster) line(a, b point) {
	if a.y == b.y || math.IsNaN(a.x+a.y+b.x+b.y) {
		return
	}
	a = point{clamp(a.x, -bound, bound), clamp(a.y, -bound, bound)}
	b = point{clamp(b.x, -bound, bound), clamp(b.y, -bound, bound)}
	w := float64(r.w)
	ts := [4]float64{0, 0, 0, 1}
	n := 1
	for _, edge := range [2]float64{0, w} {
		if t := (edge - a.x) / (b.x - a.x); t > 0 && t < 1 {
			ts[n] = t
			n++
		}
	}
	ts[n] = 1
	if n == 3 && ts[1] > ts[2] {
		ts[1], ts[2] = ts[2], ts[1]
	}
	at := func(t float64) point {
		if t == 1 {
			return b
		}
		return point{a.x + t*(b.x-a.x), a.y + t*(b.y-a.y)}
	}
	for i := range n {
		p, q := at(ts[i]), at(ts[i+1])
		p.x, q.x = clamp(p.x, 0, w), clamp(q.x, 0, w)
		r.clipped(p, q)
	}
}

// clipped adds a line whose x is within [0, w].
func (r *raster) clipped(p0, p1 point) {
	if p0.y == p1.y {
		return
	}
	dir := 1.0
	if p0.y > p1.y {
		dir, p0, p1 = -1, p1, p0
	}
	h := float64(r.h)
	if p1.y <= 0 || p0.y >= h {
		return
	}
	dxdy := (p1.x - p0.x) / (p1.y - p0.y)
	x := p0.x
	if p0.y < 0 {
		x -= p0.y * dxdy
	}
	y0 := int(math.Max(p0.y, 0))
	y1 := int(math.Ceil(math.Min(p1.y, h)))
	// The cells the loop below adds to: from floor(x) of the leftmost point to
	// ceil(x) + 1 of the rightmost.
	xl := int(math.Floor(math.Min(p0.x, p1.x)))
	xr := int(math.Ceil(math.Max(p0.x, p1.x)))
	r.touch(max(xl, 0), min(xr+1, r.stride-1), y0, y1)
	for y := y0; y < y1; y++ {
		row := r.acc[y*r.stride : (y+1)*r.stride]
		dy := math.Min(float64(y+1), p1.y) - math.Max(float64(y), p0.y)
		xnext := clamp(x+dxdy*dy, 0, float64(r.w))
		d := dy * dir
		x0, x1 := x, xnext
		if x0 > x1 {
			x0, x1 = x1, x0
		}
		x0floor := math.Floor(x0)
		x0i := int(x0floor)
		x1ceil := math.Ceil(x1)
		x1i := int(x1ceil)
		if x1i <= x0i+1 {
			xmf := 0.5*(x+xnext) - x0floor
			row[x0i] += d - d*xmf
			row[x0i+1] += d * xmf
		} else {
			s := 1 / (x1 - x0)
			x0f := x0 - x0floor
			a0 := 0.5 * s * (1 - x0f) * (1 - x0f)
			x1f := x1 - x1ceil + 1
			am := 0.5 * s * x1f * x1f
			row[x0i] += d * a0
			if x1i == x0i+2 {
				row[x0i+1] += d * (1 - a0 - am)
			} else {
				a1 := s * (1.5 - x0f)
				row[x0i+1] += d * (a1 - a0)
				for xi := x0i + 2; xi < x1i-1; xi++ {
					row[xi] += d * s
				}
				a2 := a1 + float64(x1i-x0i-3)*s
				row[x1i-1] += d * (1 - a2 - am)
			}
			row[x1i] += d * am
		}
		x = xnext
	}
}

// composite paints c through the coverage accumulated so far onto dst, within the
// dirty rectangle (left of it the coverage is 0, and right of it what the whole row
// adds up to, 0 too), and resets.
func (r *raster) composite(dst *layer, c color.NRGBA, evenOdd bool) {
	box := r.dirty.Intersect(image.Rect(0, 0, r.w, r.h))
	for y := box.Min.Y; y < box.Max.Y; y++ {
		row := r.acc[y*r.stride:]
		out := r.mask.Pix[y*r.mask.Stride:]
		var sum float64
		for x := box.Min.X; x < box.Max.X; x++ {
			sum += row[x]
			a := math.Abs(sum)
			if evenOdd {
				a = math.Mod(a, 2)
				if a > 1 {
					a = 2 - a
				}
			} else {
				a = math.Min(a, 1)
			}
			out[x] = uint8(a*255 + 0.5)
		}
	}
	r.reset()
	if box.Empty() {
		return
	}
	draw.DrawMask(dst.img, box, image.NewUniform(c), image.Point{}, r.mask, box.Min, draw.Over)
	dst.dirty = dst.dirty.Union(box)
}
