package markdown

import (
	"folio/internal/diag"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// An Element is a heading, link or image of a Markdown body, where it was written.
type Element struct {
	Pos   diag.Position
	Level int    // headings: 1 to 6
	ID    string // headings: the id Render gives the heading
	Dest  string // links and images: the destination as written
}

// An Outline lists the headings, links (autolinks included) and images of a Markdown
// body, each in document order.
type Outline struct {
	Headings, Links, Images []Element
}

// Scan parses src as Render does, without resolving or rendering anything, and lists
// where its headings, links and images were written, with the ids Render gives the
// headings. folio check uses it to report a problem found in a built page at the
// Markdown line that caused it.
//
// A body that Render refuses for its nesting (MaxNesting) has an empty outline: goldmark
// would take minutes on it, and Render reports it.
func (r *Renderer) Scan(file string, src []byte) *Outline {
	lines := newLineIndex(src)
	o := &Outline{}
	if len(checkNesting(file, src, lines)) > 0 {
		return o
	}
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	root := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idBytes, _ := id.([]byte)
			o.Headings = append(o.Headings, Element{Pos: lines.pos(file, nodeOffset(n)), Level: n.Level, ID: string(idBytes)})
		case *ast.Link:
			o.Links = append(o.Links, Element{Pos: lines.pos(file, nodeOffset(n)), Dest: string(n.Destination)})
		case *ast.AutoLink:
			o.Links = append(o.Links, Element{Pos: lines.pos(file, nodeOffset(n)), Dest: string(n.URL(src))})
		case *ast.Image:
			o.Images = append(o.Images, Element{Pos: lines.pos(file, nodeOffset(n)), Dest: string(n.Destination)})
		}
		return ast.WalkContinue, nil
	})
	return o
}
