package markdown

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/yuin/goldmark/ast"
)

// originalMark, written right after an image, keeps the bundle file as it is: a chart
// whose fine lines a smaller width would blur, a photo whose exact bytes matter.
const originalMark = "{.original}"

// A sizedImage is a bundle image that may be published in several widths.
type sizedImage struct {
	n      *ast.Image
	target string // as written, for the Srcsetter
}

// original reports whether the image n is followed by {.original}, and takes the mark
// out of the text. goldmark may split the mark over several text nodes ("{" and
// ".original}").
func original(n *ast.Image, src []byte) bool {
	var texts []*ast.Text
	var written []byte
	for c := n.NextSibling(); c != nil && len(written) < len(originalMark); c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			break
		}
		texts = append(texts, t)
		written = append(written, t.Segment.Value(src)...)
		if t.SoftLineBreak() || t.HardLineBreak() {
			break
		}
	}
	if !bytes.HasPrefix(written, []byte(originalMark)) {
		return false
	}
	left := len(originalMark)
	for _, t := range texts {
		cut := min(left, t.Segment.Len())
		t.Segment = t.Segment.WithStart(t.Segment.Start + cut)
		left -= cut
		if t.Segment.Len() == 0 && !t.SoftLineBreak() && !t.HardLineBreak() {
			// Walk reads the next sibling after this one's children: removing it is safe.
			t.Parent().RemoveChild(t.Parent(), t)
		}
	}
	return true
}

// srcsets gives each image published in several widths its srcset and sizes, and the
// width and height of the largest width. An image the body also asks for as it is
// ({.original} elsewhere) gets none: its smaller widths are not published.
func srcsets(file string, images []sizedImage, originals []string, ss Srcsetter) {
	for _, im := range images {
		if slices.Contains(originals, string(im.n.Destination)) {
			continue
		}
		set, sizes, w, h := ss.ImageSources(file, im.target)
		if set == "" {
			continue
		}
		im.n.SetAttributeString("width", fmt.Sprint(w))
		im.n.SetAttributeString("height", fmt.Sprint(h))
		im.n.SetAttributeString("srcset", []byte(set))
		im.n.SetAttributeString("sizes", []byte(sizes))
	}
}

// lazyImages lets the browser load the bundle images (photos, charts) but the body's
// first when the reader scrolls near them, and decode them off the main thread: on a
// slow link the first screen then costs only what it shows. The first may be in that
// screen. Images from elsewhere are left as written.
func lazyImages(root ast.Node, bundle []*ast.Image) {
	var first *ast.Image
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering {
			first = img
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	for _, img := range bundle {
		if img != first {
			img.SetAttributeString("loading", []byte("lazy"))
			img.SetAttributeString("decoding", []byte("async"))
		}
	}
}
