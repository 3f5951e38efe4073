package imagemeta

import "image"

// orient returns src turned upright as its EXIF orientation o (2 to 8) says, as an
// image of the same type when it is one the decoders return, so that an encoder
// writes the same colour model (grey stays grey, a palette stays a palette).
func orient(src image.Image, o int) image.Image {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	r := image.Rect(0, 0, w, h)
	if o >= 5 {
		r = image.Rect(0, 0, h, w)
	}
	// from maps a pixel of the result to the pixel of src shown there (relative to
	// b.Min). EXIF 2.3, tag 0x0112, says what to do to show the stored pixels: 2 mirror
	// left to right, 3 turn half round, 4 mirror top to bottom, 5 transpose, 6 turn a
	// quarter clockwise, 7 transverse, 8 turn a quarter anticlockwise.
	from := func(x, y int) (int, int) {
		switch o {
		case 2:
			return w - 1 - x, y
		case 3:
			return w - 1 - x, h - 1 - y
		case 4:
			return x, h - 1 - y
		case 5:
			return y, x
		case 6:
			return y, h - 1 - x
		case 7:
			return w - 1 - y, h - 1 - x
		case 8:
			return w - 1 - y, x
		}
		return x, y
	}

	var (
		dst              image.Image
		sp, dp           []byte
		sStride, dStride int
		bpp              int
	)
	switch s := src.(type) {
	case *image.YCbCr: // JPEG photos: copy the samples, giving chroma full resolution
		d := image.NewYCbCr(r, image.YCbCrSubsampleRatio444)
		for y := range r.Dy() {
			for x := range r.Dx() {
				sx, sy := from(x, y)
				sx, sy = sx+b.Min.X, sy+b.Min.Y
				di, ci := d.YOffset(x, y), s.COffset(sx, sy)
				d.Y[di] = s.Y[s.YOffset(sx, sy)]
				d.Cb[di], d.Cr[di] = s.Cb[ci], s.Cr[ci]
			}
		}
		return d
	case *image.Gray:
		d := image.NewGray(r)
		dst, sp, sStride, dp, dStride, bpp = d, s.Pix, s.Stride, d.Pix, d.Stride, 1
	case *image.Gray16:
		d := image.NewGray16(r)
		dst, sp, sStride, dp, dStride, bpp = d, s.Pix, s.Stride, d.Pix, d.Stride, 2
	case *image.Paletted:
		d := image.NewPaletted(r, s.Palette)
		dst, sp, sStride, dp, dStride, bpp = d, s.Pix, s.Stride, d.Pix, d.Stride, 1
	case *image.RGBA:
		d := image.NewRGBA(r)
		dst, sp, sStride, dp, dStride, bpp = d, s.Pix, s.Stride, d.Pix, d.Stride, 4
	case *image.NRGBA:
		d := image.NewNRGBA(r)
		dst, sp, sStride, dp, dStride, bpp = d, s.Pix, s.Stride, d.Pix, d.Stride, 4
	case *image.CMYK:
		d := image.NewCMYK(r)
		dst, sp, sStride, dp, dStride, bpp = d, s.Pix, s.Stride, d.Pix, d.Stride, 4
	case *image.RGBA64:
		d := image.NewRGBA64(r)
		dst, sp, sStride, dp, dStride, bpp = d, s.Pix, s.Stride, d.Pix, d.Stride, 8
	case *image.NRGBA64:
		d := image.NewNRGBA64(r)
		dst, sp, sStride, dp, dStride, bpp = d, s.Pix, s.Stride, d.Pix, d.Stride, 8
	default:
		d := image.NewRGBA64(r)
		for y := range r.Dy() {
			for x := range r.Dx() {
				sx, sy := from(x, y)
				d.Set(x, y, src.At(sx+b.Min.X, sy+b.Min.Y))
			}
		}
		return d
	}
	// Pix starts at b.Min in each of the types above.
	for y := range r.Dy() {
		for x := range r.Dx() {
			sx, sy := from(x, y)
			si, di := sy*sStride+sx*bpp, y*dStride+x*bpp
			copy(dp[di:di+bpp], sp[si:si+bpp])
		}
	}
	return dst
}
