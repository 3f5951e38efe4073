package card

import (
	"bytes"
	"fmt"
	"image"
	_ "image/gif" // cover formats
	_ "image/jpeg"
	_ "image/png"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp"
)

// maxPixels bounds the size of a cover or logo that Draw decodes, so that a small
// file claiming a huge size cannot take the build's memory: a 50-megapixel camera's
// photo fits.
const maxPixels = 64 << 20

// An ImageError is a cover or logo that Draw cannot draw.
type ImageError struct {
	Image string // "cover" or "logo"
	Err   error
}

func (e *ImageError) Error() string { return "card: " + e.Image + ": " + e.Err.Error() }
func (e *ImageError) Unwrap() error { return e.Err }

// decodeImage decodes a cover or a logo (what names it in errors); nil for none.
func decodeImage(data []byte, what string) (image.Image, error) {
	if len(data) == 0 {
		return nil, nil
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, &ImageError{what, err}
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPixels {
		return nil, &ImageError{what, fmt.Errorf("%d×%d pixels is too large to draw", cfg.Width, cfg.Height)}
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, &ImageError{what, err}
	}
	return img, nil
}

// logoBox returns where the logo goes: logoH pixels high (or less, when that would
// make it wider than logoMaxW), at the start of the site name's line; empty without a
// logo.
func (f frame) logoBox(logo image.Image) image.Rectangle {
	if logo == nil {
		return image.Rectangle{}
	}
	b := logo.Bounds()
	w, h := (logoH*b.Dx()+b.Dy()/2)/b.Dy(), logoH
	if w > logoMaxW {
		w, h = logoMaxW, max(1, (logoMaxW*b.Dy()+b.Dx()/2)/b.Dx())
	}
	w = max(1, w)
	x := f.left
	if f.rtl {
		x = f.right - w
	}
	y := logoTop + (logoH-h)/2
	return image.Rect(x, y, x+w, y+h)
}

// compose returns the card drawn so far in st.img as an RGBA image, with the cover
// in its panel and the logo in logoBox.
func (st *state) compose(f frame, cover, logo image.Image, logoBox image.Rectangle) *image.RGBA {
	if st.rgba == nil {
		st.rgba = image.NewRGBA(st.img.Rect)
	}
	dst := st.rgba
	for i, x := range st.img.Pix {
		c := paletteRGBA[x]
		copy(dst.Pix[4*i:4*i+4], c[:])
	}
	if cover != nil {
		scale(dst, f.panel, cover, fill(cover.Bounds(), f.panel.Dx(), f.panel.Dy()), draw.Src)
	}
	if logo != nil {
		// Over the white background: a logo with transparent parts shows it.
		scale(dst, logoBox, logo, logo.Bounds(), draw.Over)
	}
	return dst
}

// paletteRGBA is the palette as RGBA bytes.
var paletteRGBA = func() (t [256][4]uint8) {
	for i, c := range palette {
		r, g, b, a := c.RGBA()
		t[i] = [4]uint8{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
	}
	return t
}()

// fill returns the largest part of b, centred, with the proportions of w×h: the part
// of a cover that fills the panel when scaled.
func fill(b image.Rectangle, w, h int) image.Rectangle {
	bw, bh := b.Dx(), b.Dy()
	if bw*h > bh*w { // wider than the panel: cut the sides
		cw := max(1, bh*w/h)
		x := b.Min.X + (bw-cw)/2
		return image.Rect(x, b.Min.Y, x+cw, b.Max.Y)
	}
	ch := max(1, bw*h/w)
	y := b.Min.Y + (bh-ch)/2
	return image.Rect(b.Min.X, y, b.Max.X, y+ch)
}

// scale draws the part sr of src into dr of dst. Catmull-Rom keeps a photo's detail
// at the panel's size where bilinear blurs it; a source more than twice the size is
// first halved with a bilinear filter, which at exactly half averages each 2×2 block
// and so loses nothing the result keeps, at a fraction of Catmull-Rom's cost over a
// camera's megapixels.
func scale(dst *image.RGBA, dr image.Rectangle, src image.Image, sr image.Rectangle, op draw.Op) {
	for sr.Dx() >= 2*dr.Dx() && sr.Dy() >= 2*dr.Dy() {
		half := image.NewRGBA(image.Rect(0, 0, sr.Dx()/2, sr.Dy()/2))
		draw.ApproxBiLinear.Scale(half, half.Rect, src, sr, draw.Src, nil)
		src, sr = half, half.Rect
	}
	draw.CatmullRom.Scale(dst, dr, src, sr, op, nil)
}
