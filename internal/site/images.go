package site

import (
	"fmt"
	"path"
	"slices"
	"strings"
)

// Widths are the widths, in pixels, a bundle photo or graphic is published in: a phone
// at twice its 390 px takes the 800, the theme's 42rem column at twice its 672 px the
// 1600, which is also the largest published (the print edition's).
var Widths = []int{480, 800, 1200, 1600}

// ImageSizes is the sizes attribute of a body image: the theme's column (.body, at most
// 42rem, 1.25rem of padding each side on a narrow screen). A theme that changes the
// column should say the same here.
const ImageSizes = "(min-width: 44.5rem) 42rem, calc(100vw - 2.5rem)"

// Resizable reports whether the bundle file name is a photo or graphic folio publishes
// in several widths: JPEG and PNG. GIF may be animated and SVG has no pixel width.
func Resizable(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png":
		return true
	}
	return false
}

// Variant is the output path of the width w of the image at dst: photo.jpg → photo-480w.jpg.
func Variant(dst string, w int) string {
	ext := path.Ext(dst)
	return fmt.Sprintf("%s-%dw%s", strings.TrimSuffix(dst, ext), w, ext)
}

// Scale returns the size of an image of w×h made width wide, as folio resizes it.
func Scale(w, h, width int) (int, int) {
	return width, max(1, (h*width+w/2)/w)
}

// plan returns the widths of an image of width w other than its largest, and its
// largest: the widths of Widths narrower than w, and w itself up to the last of Widths.
// An image no wider than the first of Widths has no other widths.
func plan(w int) (smaller []int, largest int) {
	largest = min(w, Widths[len(Widths)-1])
	if w <= Widths[0] {
		return nil, largest
	}
	for _, x := range Widths {
		if x < largest {
			smaller = append(smaller, x)
		}
	}
	return smaller, largest
}

// srcset is the srcset attribute of the image at url, w pixels wide: "" when it is
// published in one width only.
func srcset(url string, w int) string {
	smaller, largest := plan(w)
	if len(smaller) == 0 {
		return ""
	}
	var b strings.Builder
	for _, x := range smaller {
		fmt.Fprintf(&b, "%s %dw, ", Variant(url, x), x)
	}
	fmt.Fprintf(&b, "%s %dw", url, largest)
	return b.String()
}

// ImageSources says how the bundle image target, written in the Markdown file from,
// is published in several widths: its srcset and sizes attributes and its width and
// height as published (markdown.Srcsetter). srcset is "" for an image published in one
// width; the caller then keeps what ResolveImage said.
func (b *builder) ImageSources(from, target string) (srcset_, sizes string, w, h int) {
	p, rel, ok := b.bundleImage(from, target)
	if !ok || !Resizable(rel) {
		return "", "", 0, 0
	}
	s := p.sizeOf(rel)
	if s.w == 0 || s.h == 0 {
		return "", "", 0, 0
	}
	set := srcset(p.URL+escapePath(rel), s.w)
	if set == "" {
		return "", "", 0, 0
	}
	_, largest := plan(s.w)
	w, h = Scale(s.w, s.h, largest)
	return set, ImageSizes, w, h
}

// resize sets the widths f is published in, for a bundle image of size s; original
// keeps it as it is.
func (f *File) resize(s size, original bool) {
	if original || !Resizable(f.Dst) || s.w == 0 || s.h == 0 {
		return
	}
	smaller, largest := plan(s.w)
	if len(smaller) == 0 {
		return
	}
	f.Widths = append(smaller, largest)
	if largest < s.w {
		f.Resize = true
	}
}

// keepsOriginal reports whether the body of p asks for its bundle file rel as it is
// ({.original} after the image).
func (p *Publication) keepsOriginal(rel string) bool {
	return p.Doc != nil && slices.Contains(p.Doc.Originals, p.URL+escapePath(rel))
}
