package imagemeta

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
)

var errJPEGCut = errors.New("damaged JPEG: a segment runs past the end of the file")

// cleanJPEG drops the metadata segments of a JPEG and keeps the others byte for byte
// (see the package documentation for the list).
func cleanJPEG(data []byte, t *texts) ([]byte, Found, error) {
	var (
		found       Found
		edits       []edit
		icc         [][]byte // the ICC profile segments, whole, for a re-encoded image
		orientation int
		exifSeen    bool
		scans       bool
	)
	i := 2
scan:
	for i < len(data) {
		if data[i] != 0xff {
			return nil, 0, fmt.Errorf("damaged JPEG: no marker at byte %d", i)
		}
		for i+1 < len(data) && data[i+1] == 0xff { // fill bytes
			i++
		}
		if i+1 >= len(data) {
			return nil, 0, errJPEGCut
		}
		m := data[i+1]
		switch {
		case m == 0xd9: // EOI
			if i+2 < len(data) {
				found |= Appended
				edits = append(edits, edit{from: i + 2, to: len(data)})
			}
			break scan
		case m == 0xd8 || m == 0x01 || m >= 0xd0 && m <= 0xd7: // no length
			i += 2
			continue
		}
		if i+4 > len(data) {
			return nil, 0, errJPEGCut
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		end := i + 2 + n
		if n < 2 || end > len(data) {
			return nil, 0, errJPEGCut
		}
		p := data[i+4 : end]
		drop := Found(0)
		switch {
		case m == 0xe0: // APP0
			if !bytes.HasPrefix(p, []byte("JFIF\x00")) {
				drop = Other
				if bytes.HasPrefix(p, []byte("JFXX\x00")) {
					drop = Thumbnail
				}
			} else if len(p) > 14 {
				// A JFIF header may carry an uncompressed thumbnail after its 14 bytes:
				// keep the header and declare no thumbnail.
				seg := append([]byte{0xff, 0xe0, 0, 16}, p[:12]...)
				seg = append(seg, 0, 0)
				if p[12] != 0 && p[13] != 0 {
					found |= Thumbnail
				} else {
					found |= Other
				}
				edits = append(edits, edit{from: i, to: end, with: seg})
			}
		case m == 0xe1: // APP1
			switch {
			case bytes.HasPrefix(p, []byte("Exif\x00")):
				e := parseEXIF(p)
				drop = e.found
				if !exifSeen {
					exifSeen, orientation = true, e.orientation
				}
			case bytes.HasPrefix(p, []byte("http://ns.adobe.com/xap/1.0/\x00")),
				bytes.HasPrefix(p, []byte("http://ns.adobe.com/xmp/extension/\x00")):
				drop = xmpFound(p)
			default:
				drop = Other
			}
		case m == 0xe2: // APP2: an ICC profile is colour, not personal data
			if bytes.HasPrefix(p, []byte("ICC_PROFILE\x00")) {
				icc = append(icc, data[i:end])
			} else {
				drop = Other // FlashPix, or MPF: the index of pictures appended after EOI
			}
		case m == 0xed: // APP13
			drop = Other
			if bytes.HasPrefix(p, []byte("Photoshop 3.0\x00")) {
				drop = IPTC
			}
		case m == 0xee: // APP14: Adobe's says how to convert colours (CMYK, YCCK)
			if !bytes.HasPrefix(p, []byte("Adobe")) {
				drop = Other
			}
		case m > 0xe0 && m <= 0xef:
			drop = Other
		case m == 0xfe:
			drop = Comment
		}
		if drop != 0 {
			found |= drop
			edits = append(edits, edit{from: i, to: end})
			t.add(p)
		}
		i = end
		if m == 0xda { // SOS: entropy-coded data follows, up to the next marker
			scans = true
			for {
				k := bytes.IndexByte(data[i:], 0xff)
				if k < 0 {
					i = len(data)
					break
				}
				i += k
				if i+1 < len(data) {
					if c := data[i+1]; c != 0 && (c < 0xd0 || c > 0xd7) && c != 0xff {
						break
					}
				}
				i++
			}
		}
	}
	if !scans {
		return nil, 0, errors.New("damaged JPEG: no image data")
	}
	if orientation > 1 {
		return reorientJPEG(data, found, icc, orientation)
	}
	if len(edits) == 0 {
		return data, 0, nil
	}
	return apply(data, edits), found, nil
}

// reorientJPEG turns a JPEG whose EXIF says it is stored rotated or mirrored upright,
// and drops its EXIF with the rest. This is the only lossy case of Clean: the pixels
// are decoded, moved and encoded again at quality 90. The ICC profile is kept, except
// for a CMYK image, which the encoder writes as YCbCr.
func reorientJPEG(data []byte, found Found, icc [][]byte, orientation int) ([]byte, Found, error) {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, 0, fmt.Errorf("turning the photo upright (EXIF orientation %d): %w", orientation, err)
	}
	if err := checkSize(cfg.Width, cfg.Height, len(data)); err != nil {
		return nil, 0, err
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, 0, fmt.Errorf("turning the photo upright (EXIF orientation %d): %w", orientation, err)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, orient(img, orientation), &jpeg.Options{Quality: 90}); err != nil {
		return nil, 0, fmt.Errorf("turning the photo upright: %w", err)
	}
	enc := b.Bytes()
	if _, cmyk := img.(*image.CMYK); cmyk || len(icc) == 0 {
		return enc, found, nil
	}
	out := append([]byte{}, enc[:2]...) // SOI
	for _, seg := range icc {
		out = append(out, seg...)
	}
	return append(out, enc[2:]...), found, nil
}

// maxPixels bounds the images Clean decodes to turn them upright. Memory is a few
// bytes per pixel, twice over (the decoded and the turned image).
const maxPixels = 100_000_000

// checkSize refuses to decode an image too large for memory, or whose declared size is
// implausible for its number of bytes (a few bytes can declare 60000×60000 pixels).
// Neither a JPEG nor a deflated PNG stores much more than 16384 pixels per byte.
func checkSize(w, h, n int) error {
	px := int64(w) * int64(h)
	if px > maxPixels {
		return fmt.Errorf("image too large to turn upright (%d×%d pixels)", w, h)
	}
	if px > int64(n)<<14 {
		return fmt.Errorf("damaged image: %d×%d pixels in %d bytes", w, h, n)
	}
	return nil
}
