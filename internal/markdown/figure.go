package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// kindFigure is an image with a caption: a paragraph that held nothing but an image
// with a title, ![alt](photo.jpg "Caption").
var kindFigure = ast.NewNodeKind("Figure")

type figure struct {
	ast.BaseBlock
	caption []byte // the image's title, as written (escapes and entities still in it)
}

func (f *figure) Kind() ast.NodeKind { return kindFigure }

func (f *figure) Dump(src []byte, level int) { ast.DumpHelper(f, src, level, nil, nil) }

// figures turns every paragraph that holds only an image with a title into a figure
// whose caption is the title. The title moves, not copied: a tooltip repeating the
// caption under it would say it twice to screen readers. The figure keeps the
// paragraph's id, so a deep link made before the caption was added still works.
func figures(root ast.Node) {
	var found []*ast.Paragraph
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*ast.Paragraph); ok && entering {
			if img, ok := p.FirstChild().(*ast.Image); ok && img.NextSibling() == nil && len(img.Title) > 0 {
				found = append(found, p)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, p := range found {
		img := p.FirstChild().(*ast.Image)
		f := &figure{caption: img.Title}
		img.Title = nil
		f.SetLines(p.Lines()) // for positions (nodeOffset)
		if id, ok := p.AttributeString("id"); ok {
			f.SetAttributeString("id", id)
		}
		p.RemoveChild(p, img)
		f.AppendChild(f, img)
		p.Parent().ReplaceChild(p.Parent(), p, f)
	}
}

// figureRenderer writes a figure: <figure id="…"><img …><figcaption>Caption</figcaption></figure>.
type figureRenderer struct{}

func (figureRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindFigure, renderFigure)
}

func renderFigure(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	f := n.(*figure)
	if entering {
		w.WriteString("<figure")
		if id, ok := f.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				w.WriteString(` id="`)
				w.Write(util.EscapeHTML(b))
				w.WriteByte('"')
			}
		}
		w.WriteString(">")
		return ast.WalkContinue, nil
	}
	w.WriteString("<figcaption>")
	html.DefaultWriter.Write(w, f.caption)
	w.WriteString("</figcaption></figure>\n")
	return ast.WalkContinue, nil
}
