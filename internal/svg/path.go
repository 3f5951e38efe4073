package svg

import (
	"fmt"
	"math"
	"strconv"
)

// A Path is an outline: subpaths of lines and quadratic and cubic Bézier curves, in
// user units with y pointing down. The zero Path is empty.
type Path struct {
	ops []pathOp
}

type opKind uint8

const (
	opMove opKind = iota
	opLine
	opQuad
	opCube
	opClose
)

type pathOp struct {
	kind opKind
	pts  [3]point // the control points and the end point, in that order
}

type point struct{ x, y float64 }

// MoveTo starts a new subpath at (x, y).
func (p *Path) MoveTo(x, y float64) {
	p.ops = append(p.ops, pathOp{kind: opMove, pts: [3]point{{x, y}}})
}

// LineTo adds a line to (x, y).
func (p *Path) LineTo(x, y float64) {
	p.ops = append(p.ops, pathOp{kind: opLine, pts: [3]point{{x, y}}})
}

// QuadTo adds a quadratic Bézier curve through control point (x1, y1) to (x, y).
func (p *Path) QuadTo(x1, y1, x, y float64) {
	p.ops = append(p.ops, pathOp{kind: opQuad, pts: [3]point{{x1, y1}, {x, y}}})
}

// CubeTo adds a cubic Bézier curve through control points (x1, y1) and (x2, y2) to (x, y).
func (p *Path) CubeTo(x1, y1, x2, y2, x, y float64) {
	p.ops = append(p.ops, pathOp{kind: opCube, pts: [3]point{{x1, y1}, {x2, y2}, {x, y}}})
}

// Close closes the current subpath with a line back to its start.
func (p *Path) Close() { p.ops = append(p.ops, pathOp{kind: opClose}) }

// Empty reports whether p has no segments.
func (p *Path) Empty() bool { return len(p.ops) == 0 }

// parsePathData parses the d attribute of a <path>: every command of SVG 1.1, arcs
// turned into cubic curves. An error stops at the first bad command, naming it.
func parsePathData(d string) (*Path, error) {
	s := scanner{s: d}
	p := new(Path)
	var (
		cmd        byte
		cur, start point
		ctrl       point // the last control point, for S and T
		lastCmd    byte  // upper case
	)
	s.skipSpace()
	for !s.done() {
		if c := s.s[s.i]; isCommand(c) {
			cmd = c
			s.i++
		} else if cmd == 0 {
			return nil, fmt.Errorf("path data must start with a command, not %q", s.rest())
		} else if cmd == 'Z' || cmd == 'z' {
			return nil, fmt.Errorf("numbers after z at %q", s.rest())
		}
		rel := cmd >= 'a'
		up := cmd &^ 0x20
		var base point
		if rel {
			base = cur
		}
		nums := func(n int) ([]float64, error) {
			v := make([]float64, n)
			for i := range v {
				var err error
				if v[i], err = s.number(); err != nil {
					return nil, fmt.Errorf("%c: %w", cmd, err)
				}
			}
			return v, nil
		}
		if p.Empty() && up != 'M' {
			return nil, fmt.Errorf("path data must start with M, not %c", cmd)
		}
		switch up {
		case 'M':
			v, err := nums(2)
			if err != nil {
				return nil, err
			}
			cur = point{base.x + v[0], base.y + v[1]}
			start = cur
			p.MoveTo(cur.x, cur.y)
			cmd = 'L' | cmd&0x20 // further pairs are lines, relative after m
		case 'L':
			v, err := nums(2)
			if err != nil {
				return nil, err
			}
			cur = point{base.x + v[0], base.y + v[1]}
			p.LineTo(cur.x, cur.y)
		case 'H':
			v, err := nums(1)
			if err != nil {
				return nil, err
			}
			cur.x = base.x + v[0]
			p.LineTo(cur.x, cur.y)
		case 'V':
			v, err := nums(1)
			if err != nil {
				return nil, err
			}
			cur.y = base.y + v[0]
			p.LineTo(cur.x, cur.y)
		case 'C', 'S':
			n := 6
			if up == 'S' {
				n = 4
			}
			v, err := nums(n)
			if err != nil {
				return nil, err
			}
			c1 := cur // S without a C before: the first control point is the current point
			if up == 'S' {
				if lastCmd == 'C' || lastCmd == 'S' {
					c1 = point{2*cur.x - ctrl.x, 2*cur.y - ctrl.y}
				}
				v = append([]float64{c1.x - base.x, c1.y - base.y}, v...)
			}
			c1 = point{base.x + v[0], base.y + v[1]}
			c2 := point{base.x + v[2], base.y + v[3]}
			cur = point{base.x + v[4], base.y + v[5]}
			p.CubeTo(c1.x, c1.y, c2.x, c2.y, cur.x, cur.y)
			ctrl = c2
		case 'Q', 'T':
			n := 4
			if up == 'T' {
				n = 2
			}
			v, err := nums(n)
			if err != nil {
				return nil, err
			}
			c := cur
			if up == 'T' {
				if lastCmd == 'Q' || lastCmd == 'T' {
					c = point{2*cur.x - ctrl.x, 2*cur.y - ctrl.y}
				}
				v = append([]float64{c.x - base.x, c.y - base.y}, v...)
			}
			c = point{base.x + v[0], base.y + v[1]}
			cur = point{base.x + v[2], base.y + v[3]}
			p.QuadTo(c.x, c.y, cur.x, cur.y)
			ctrl = c
		case 'A':
			var v [7]float64
			for i := range v {
				var err error
				if i == 3 || i == 4 {
					v[i], err = s.flag()
				} else {
					v[i], err = s.number()
				}
				if err != nil {
					return nil, fmt.Errorf("%c: %w", cmd, err)
				}
			}
			end := point{base.x + v[5], base.y + v[6]}
			arc(p, cur, v[0], v[1], v[2], v[3] != 0, v[4] != 0, end)
			cur = end
		case 'Z':
			p.Close()
			cur = start
		}
		lastCmd = up
		s.skipSeparator()
	}
	return p, nil
}

func isCommand(c byte) bool {
	switch c | 0x20 {
	case 'm', 'l', 'h', 'v', 'c', 's', 'q', 't', 'a', 'z':
		return true
	}
	return false
}

// A scanner reads the numbers of path data, points lists, viewBox and transforms.
type scanner struct {
	s string
	i int
}

func (s *scanner) done() bool { return s.i >= len(s.s) }

// rest returns up to 16 bytes of what is left, for errors.
func (s *scanner) rest() string {
	r := s.s[s.i:]
	if len(r) > 16 {
		r = r[:16] + "…"
	}
	return r
}

func (s *scanner) skipSpace() {
	for s.i < len(s.s) && isSpace(s.s[s.i]) {
		s.i++
	}
}

// skipSeparator skips white space and at most one comma.
func (s *scanner) skipSeparator() {
	s.skipSpace()
	if s.i < len(s.s) && s.s[s.i] == ',' {
		s.i++
		s.skipSpace()
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// number reads a number and the separator after it. SVG numbers may run together:
// "1.5.5" is 1.5 and .5, "1-2" is 1 and -2.
func (s *scanner) number() (float64, error) {
	s.skipSpace()
	j := s.i
	if j < len(s.s) && (s.s[j] == '+' || s.s[j] == '-') {
		j++
	}
	digits := 0
	for j < len(s.s) && s.s[j] >= '0' && s.s[j] <= '9' {
		j, digits = j+1, digits+1
	}
	if j < len(s.s) && s.s[j] == '.' {
		j++
		for j < len(s.s) && s.s[j] >= '0' && s.s[j] <= '9' {
			j, digits = j+1, digits+1
		}
	}
	if digits == 0 {
		if s.done() {
			return 0, fmt.Errorf("a number is missing at the end")
		}
		return 0, fmt.Errorf("want a number at %q", s.rest())
	}
	if j < len(s.s) && (s.s[j] == 'e' || s.s[j] == 'E') {
		k := j + 1
		if k < len(s.s) && (s.s[k] == '+' || s.s[k] == '-') {
			k++
		}
		if k < len(s.s) && s.s[k] >= '0' && s.s[k] <= '9' {
			for k < len(s.s) && s.s[k] >= '0' && s.s[k] <= '9' {
				k++
			}
			j = k
		}
	}
	v, err := strconv.ParseFloat(s.s[s.i:j], 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, fmt.Errorf("bad number %q", s.s[s.i:j])
	}
	s.i = j
	s.skipSeparator()
	return v, nil
}

// flag reads an arc flag, a single 0 or 1 that needs no separator after it.
func (s *scanner) flag() (float64, error) {
	s.skipSpace()
	if s.i < len(s.s) && (s.s[s.i] == '0' || s.s[s.i] == '1') {
		v := float64(s.s[s.i] - '0')
		s.i++
		s.skipSeparator()
		return v, nil
	}
	return 0, fmt.Errorf("want an arc flag (0 or 1) at %q", s.rest())
}

// arc adds to p the elliptical arc from p0 to p1 as cubic curves, by the conversion
// of SVG 1.1's implementation notes (F.6.5 and F.6.6): out-of-range radii are scaled
// up, a zero radius makes a line.
func arc(p *Path, p0 point, rx, ry, angle float64, large, sweep bool, p1 point) {
	if p0 == p1 {
		return
	}
	rx, ry = math.Abs(rx), math.Abs(ry)
	if rx == 0 || ry == 0 {
		p.LineTo(p1.x, p1.y)
		return
	}
	sin, cos := math.Sincos(angle * math.Pi / 180)
	dx, dy := (p0.x-p1.x)/2, (p0.y-p1.y)/2
	x1 := cos*dx + sin*dy
	y1 := -sin*dx + cos*dy
	if l := x1*x1/(rx*rx) + y1*y1/(ry*ry); l > 1 {
		l = math.Sqrt(l)
		rx, ry = rx*l, ry*l
	}
	num := rx*rx*ry*ry - rx*rx*y1*y1 - ry*ry*x1*x1
	den := rx*rx*y1*y1 + ry*ry*x1*x1
	co := math.Sqrt(math.Max(0, num/den))
	if large == sweep {
		co = -co
	}
	cx1, cy1 := co*rx*y1/ry, -co*ry*x1/rx
	cx := cos*cx1 - sin*cy1 + (p0.x+p1.x)/2
	cy := sin*cx1 + cos*cy1 + (p0.y+p1.y)/2
	vecAngle := func(ux, uy, vx, vy float64) float64 {
		return math.Atan2(ux*vy-uy*vx, ux*vx+uy*vy)
	}
	t1 := vecAngle(1, 0, (x1-cx1)/rx, (y1-cy1)/ry)
	dt := vecAngle((x1-cx1)/rx, (y1-cy1)/ry, (-x1-cx1)/rx, (-y1-cy1)/ry)
	if !sweep && dt > 0 {
		dt -= 2 * math.Pi
	} else if sweep && dt < 0 {
		dt += 2 * math.Pi
	}
	n := int(math.Ceil(math.Abs(dt)/(math.Pi/2) - 1e-9))
	n = max(n, 1)
	step := dt / float64(n)
	k := 4.0 / 3 * math.Tan(step/4)
	// at returns the point of the ellipse at parameter t and its derivative.
	at := func(t float64) (point, point) {
		st, ct := math.Sincos(t)
		x, y := rx*ct, ry*st
		ddx, ddy := -rx*st, ry*ct
		return point{cos*x - sin*y + cx, sin*x + cos*y + cy}, point{cos*ddx - sin*ddy, sin*ddx + cos*ddy}
	}
	a, da := at(t1)
	for i := 1; i <= n; i++ {
		b, db := at(t1 + step*float64(i))
		if i == n {
			b = p1 // exactly the end, whatever the rounding
		}
		p.CubeTo(a.x+k*da.x, a.y+k*da.y, b.x-k*db.x, b.y-k*db.y, b.x, b.y)
		a, da = b, db
	}
}

// ellipsePath returns an ellipse as four cubic curves, clockwise on screen from its
// rightmost point.
func ellipsePath(cx, cy, rx, ry float64) *Path {
	p := new(Path)
	p.MoveTo(cx+rx, cy)
	arc(p, point{cx + rx, cy}, rx, ry, 0, false, true, point{cx - rx, cy})
	arc(p, point{cx - rx, cy}, rx, ry, 0, false, true, point{cx + rx, cy})
	p.Close()
	return p
}

// rectPath returns a rectangle, its corners rounded with radii rx, ry (already
// resolved as SVG says: each defaults to the other, at most half the side).
func rectPath(x, y, w, h, rx, ry float64) *Path {
	p := new(Path)
	if rx <= 0 || ry <= 0 {
		p.MoveTo(x, y)
		p.LineTo(x+w, y)
		p.LineTo(x+w, y+h)
		p.LineTo(x, y+h)
		p.Close()
		return p
	}
	p.MoveTo(x+rx, y)
	p.LineTo(x+w-rx, y)
	arc(p, point{x + w - rx, y}, rx, ry, 0, false, true, point{x + w, y + ry})
	p.LineTo(x+w, y+h-ry)
	arc(p, point{x + w, y + h - ry}, rx, ry, 0, false, true, point{x + w - rx, y + h})
	p.LineTo(x+rx, y+h)
	arc(p, point{x + rx, y + h}, rx, ry, 0, false, true, point{x, y + h - ry})
	p.LineTo(x, y+ry)
	arc(p, point{x, y + ry}, rx, ry, 0, false, true, point{x + rx, y})
	p.Close()
	return p
}

// parsePoints parses the points of a <polyline> or <polygon>: pairs of numbers. An
// odd number drops the last, as SVG says, after reporting nothing: browsers draw
// the pairs before it.
func parsePoints(v string, closed bool) (*Path, error) {
	s := scanner{s: v}
	s.skipSpace()
	p := new(Path)
	for n := 0; !s.done(); n++ {
		x, err := s.number()
		if err != nil {
			return nil, err
		}
		if s.done() {
			break
		}
		y, err := s.number()
		if err != nil {
			return nil, err
		}
		if n == 0 {
			p.MoveTo(x, y)
		} else {
			p.LineTo(x, y)
		}
	}
	if closed && !p.Empty() {
		p.Close()
	}
	return p, nil
}
