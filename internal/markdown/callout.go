package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"folio/internal/diag"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Callouts are blockquotes whose first line is a marker, the syntax GitHub uses for its
// alerts, which any Markdown editor shows sensibly as a quote:
//
//	> [!KEY] Key findings        a box of key findings; the title is optional
//	> [!QUOTE]                   a pull quote; a last line "> — Name, role" is its attribution
//
// Markers are read in any case. An unknown one is an error, and the blockquote stays a
// blockquote, so nothing written is lost.
var (
	kindCallout      = ast.NewNodeKind("Callout")
	kindCalloutTitle = ast.NewNodeKind("CalloutTitle")
	kindPullQuote    = ast.NewNodeKind("PullQuote")
	kindAttribution  = ast.NewNodeKind("Attribution")
)

// calloutMarker matches the marker at the start of a blockquote's first line.
var calloutMarker = regexp.MustCompile(`^\[!([A-Za-z][A-Za-z_-]*)\]`)

var calloutMarkers = []string{"KEY", "QUOTE"}

// defaultKeyTitle is the heading of a key findings box written without one.
const defaultKeyTitle = "Key findings"

// callout is a key findings box: its first child is its calloutTitle, the rest the
// blocks of the blockquote it replaces.
type callout struct {
	ast.BaseBlock
	id []byte // its title's id, which names the box (aria-labelledby)
}

func (c *callout) Kind() ast.NodeKind         { return kindCallout }
func (c *callout) Dump(src []byte, level int) { ast.DumpHelper(c, src, level, nil, nil) }

// calloutTitle holds the inline nodes of a callout's title.
type calloutTitle struct {
	ast.BaseBlock
	id []byte
}

func (c *calloutTitle) Kind() ast.NodeKind         { return kindCalloutTitle }
func (c *calloutTitle) Dump(src []byte, level int) { ast.DumpHelper(c, src, level, nil, nil) }

// pullQuote holds the blockquote and, when written, its attribution.
type pullQuote struct{ ast.BaseBlock }

func (q *pullQuote) Kind() ast.NodeKind         { return kindPullQuote }
func (q *pullQuote) Dump(src []byte, level int) { ast.DumpHelper(q, src, level, nil, nil) }

// attribution holds the inline nodes of a pull quote's last line, without its dash.
type attribution struct{ ast.BaseBlock }

func (a *attribution) Kind() ast.NodeKind         { return kindAttribution }
func (a *attribution) Dump(src []byte, level int) { ast.DumpHelper(a, src, level, nil, nil) }

// callouts turns the blockquotes of root that start with a marker into callouts and
// pull quotes, giving each callout title an id from ids, and returns an error for each
// unknown marker, a warning for each empty callout (see unfinished), and the ids it gave.
func callouts(file string, root ast.Node, src []byte, lines lineIndex, ids parser.IDs) (diag.List, []string) {
	var quotes []*ast.Blockquote
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	var errs diag.List
	var made []string
	for _, q := range quotes {
		p, ok := q.FirstChild().(*ast.Paragraph)
		if !ok || p.Lines().Len() == 0 {
			continue
		}
		first := p.Lines().At(0)
		line := first.Value(src)
		m := calloutMarker.FindSubmatchIndex(line)
		if m == nil {
			continue
		}
		name := strings.ToUpper(string(line[m[2]:m[3]]))
		markerEnd := first.Start + m[1]
		if name != "KEY" && name != "QUOTE" {
			msg := "unknown callout [!" + string(line[m[2]:m[3]]) + "]: folio knows [!KEY] (a box of key findings) and [!QUOTE] (a pull quote)"
			if s := diag.Suggest(name, calloutMarkers); s != "" {
				msg += " (did you mean [!" + s + "]?)"
			}
			errs.Errorf(lines.pos(file, first.Start), "%s", msg)
			continue
		}
		if !cutInline(p, src, markerEnd) {
			continue // the marker is a link, to a [!KEY]: reference the brief defines
		}
		switch name {
		case "KEY":
			c := &callout{}
			c.SetLines(p.Lines()) // for positions (nodeOffset)
			title := &calloutTitle{}
			moveFirstLine(p, title)
			if title.FirstChild() == nil {
				title.AppendChild(title, ast.NewString([]byte(defaultKeyTitle)))
			}
			if p.FirstChild() == nil {
				q.RemoveChild(q, p)
			}
			c.id = ids.Generate([]byte(decodedText(title, src)), kindCalloutTitle)
			title.id = c.id
			made = append(made, string(c.id))
			c.AppendChild(c, title)
			for b := q.FirstChild(); b != nil; b = q.FirstChild() {
				q.RemoveChild(q, b)
				c.AppendChild(c, b)
			}
			q.Parent().ReplaceChild(q.Parent(), q, c)
			if c.ChildCount() == 1 {
				errs.Warnf(lines.pos(file, first.Start), "empty box of key findings: write the findings on the lines under [!KEY], each starting with >, or delete the marker")
			}
		case "QUOTE":
			// A marker alone on its line leaves the line's break, as empty text: drop it,
			// so that the quote starts with its words. Words after the marker start it too.
			if t, ok := p.FirstChild().(*ast.Text); ok && t.Segment.Len() == 0 {
				p.RemoveChild(p, t)
			}
			if p.FirstChild() == nil {
				q.RemoveChild(q, p)
			}
			pq := &pullQuote{}
			pq.SetLines(p.Lines()) // for positions (nodeOffset)
			parent := q.Parent()
			parent.ReplaceChild(parent, q, pq)
			pq.AppendChild(pq, q)
			if q.ChildCount() == 0 {
				errs.Warnf(lines.pos(file, first.Start), "empty pull quote: write the quotation on the lines under [!QUOTE], each starting with >, or delete the marker")
			}
			if last, ok := q.LastChild().(*ast.Paragraph); ok {
				if a := cutAttribution(last, src); a != nil {
					if last.FirstChild() == nil {
						q.RemoveChild(q, last)
					}
					pq.AppendChild(pq, a)
				}
			}
		}
	}
	return errs, made
}

// breaks reports whether n is text that ends its line.
func breaks(n ast.Node) bool {
	t, ok := n.(*ast.Text)
	return ok && (t.SoftLineBreak() || t.HardLineBreak())
}

// cutInline removes from p's inline nodes the text before the offset end (the marker),
// and the spaces after it. It reports false when something other than text stands
// there.
func cutInline(p ast.Node, src []byte, end int) bool {
	for n := p.FirstChild(); n != nil; n = p.FirstChild() {
		t, ok := n.(*ast.Text)
		if !ok {
			return false
		}
		if t.Segment.Stop <= end && !breaks(t) {
			p.RemoveChild(p, t)
			continue
		}
		t.Segment = t.Segment.WithStart(max(t.Segment.Start, end))
		break
	}
	trimLeadingSpace(p, src)
	return true
}

// trimLeadingSpace drops the spaces that start the inline nodes of n.
func trimLeadingSpace(n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = n.FirstChild() {
		t, ok := c.(*ast.Text)
		if !ok {
			return
		}
		for t.Segment.Start < t.Segment.Stop && (src[t.Segment.Start] == ' ' || src[t.Segment.Start] == '\t') {
			t.Segment = t.Segment.WithStart(t.Segment.Start + 1)
		}
		if t.Segment.Len() > 0 || breaks(t) {
			return
		}
		n.RemoveChild(n, t)
	}
}

// moveFirstLine moves the inline nodes of p's first line to the end of to, without the
// line break.
func moveFirstLine(p, to ast.Node) {
	for n := p.FirstChild(); n != nil; n = p.FirstChild() {
		last := breaks(n)
		p.RemoveChild(p, n)
		if last {
			t := n.(*ast.Text)
			t.SetSoftLineBreak(false)
			t.SetHardLineBreak(false)
			if t.Segment.Len() == 0 {
				return
			}
		}
		to.AppendChild(to, n)
		if last {
			return
		}
	}
}

// cutAttribution takes the last line of p when it starts with a dash ("— Name, role",
// or "--" which the typographer makes a dash) and returns its inline nodes, without the
// dash, as an attribution; or nil.
func cutAttribution(p *ast.Paragraph, src []byte) *attribution {
	lines := p.Lines()
	seg := lines.At(lines.Len() - 1)
	last := bytes.TrimLeft(seg.Value(src), " \t")
	if !bytes.HasPrefix(last, []byte("—")) && !bytes.HasPrefix(last, []byte("―")) && !bytes.HasPrefix(last, []byte("--")) {
		return nil
	}
	// The line's nodes follow the last line break of the paragraph's own children.
	start := p.FirstChild()
	if lines.Len() > 1 {
		start = nil
		for n := p.LastChild(); n != nil; n = n.PreviousSibling() {
			if breaks(n) {
				start = n.NextSibling()
				t := n.(*ast.Text)
				t.SetSoftLineBreak(false)
				t.SetHardLineBreak(false)
				break
			}
		}
		if start == nil {
			return nil // the line break is inside emphasis or a link: not a line of its own
		}
	}
	a := &attribution{}
	for n := start; n != nil; {
		next := n.NextSibling()
		p.RemoveChild(p, n)
		a.AppendChild(a, n)
		n = next
	}
	// The dash: a String the typographer made, or the text's first characters.
	switch n := a.FirstChild().(type) {
	case *ast.String:
		if v := string(n.Value); v == "&mdash;" || v == "&ndash;" {
			a.RemoveChild(a, n)
		}
	case *ast.Text:
		v := src[n.Segment.Start:n.Segment.Stop]
		trimmed := bytes.TrimLeft(v, "—―-")
		n.Segment = n.Segment.WithStart(n.Segment.Start + len(v) - len(trimmed))
	}
	trimLeadingSpace(a, src)
	return a
}

// calloutRenderer writes a key findings box as a section named by its heading, and a
// pull quote as a figure whose caption is the attribution. The box has a border and a
// heading, so it stands out without colour.
type calloutRenderer struct{}

func (calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindCallout, renderCallout)
	reg.Register(kindCalloutTitle, renderCalloutTitle)
	reg.Register(kindPullQuote, renderPullQuote)
	reg.Register(kindAttribution, renderAttribution)
}

func renderCallout(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(`<section class="callout callout-key" aria-labelledby="`)
		w.Write(util.EscapeHTML(n.(*callout).id))
		w.WriteString("\">\n")
	} else {
		w.WriteString("</section>\n")
	}
	return ast.WalkContinue, nil
}

func renderCalloutTitle(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(`<h2 class="callout-title" id="`)
		w.Write(util.EscapeHTML(n.(*calloutTitle).id))
		w.WriteString(`">`)
	} else {
		w.WriteString("</h2>\n")
	}
	return ast.WalkContinue, nil
}

func renderPullQuote(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString("<figure class=\"pullquote\">\n")
	} else {
		w.WriteString("</figure>\n")
	}
	return ast.WalkContinue, nil
}

func renderAttribution(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString("<figcaption>")
	} else {
		w.WriteString("</figcaption>\n")
	}
	return ast.WalkContinue, nil
}
