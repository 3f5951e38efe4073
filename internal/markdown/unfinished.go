package markdown

import (
	"strings"

	"folio/internal/diag"

	"github.com/yuin/goldmark/ast"
)

// unfinished finds what a brief started from a skeleton (folio new) can still hold when
// its writer thinks it done: list items with nothing in them, and headings with nothing
// under them before the next heading of the same or a higher level. Published, they
// show as empty bullets and bare headings, and an empty recommendation reaches the
// recommendations index. They are warnings here: the caller makes them errors for a
// publication that is not a draft.
func unfinished(file string, root ast.Node, src []byte, lines lineIndex) diag.List {
	var found diag.List
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.ListItem:
			if strings.TrimSpace(PlainText(n, src)) == "" && !hasMedia(n) {
				found.Warnf(lines.pos(file, nodeOffset(n)), "empty list item: write it, or delete the line")
			}
		case *ast.Heading:
			if n.Parent() != root {
				break
			}
			next := n.NextSibling()
			for next != nil && showsNothing(next, src) {
				next = next.NextSibling()
			}
			if h, ok := next.(*ast.Heading); next == nil || ok && h.Level <= n.Level {
				found.Warnf(lines.pos(file, nodeOffset(n)), "the section %q is empty: write it, or delete its heading", plainText(n, src))
			}
		}
		return ast.WalkContinue, nil
	})
	return found
}

// hasMedia reports whether n holds an image, which is content without text.
func hasMedia(n ast.Node) bool {
	found := false
	ast.Walk(n, func(m ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := m.(*ast.Image); ok && entering {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// showsNothing reports whether a block shows nothing: a paragraph of spaces, or an HTML
// comment.
func showsNothing(n ast.Node, src []byte) bool {
	switch n.(type) {
	case *ast.Paragraph:
		return strings.TrimSpace(PlainText(n, src)) == "" && !hasMedia(n)
	case *ast.HTMLBlock:
		return strings.HasPrefix(strings.TrimSpace(string(n.Lines().Value(src))), "<!--")
	}
	return false
}
