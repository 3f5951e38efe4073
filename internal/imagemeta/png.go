package imagemeta

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"image/png"
)

var errPNGCut = errors.New("damaged PNG: a chunk runs past the end of the file")

// pngKeep are the ancillary chunks that change how the image is shown: transparency,
// colour (gamma, chromaticities, sRGB, ICC profile, significant bits, HDR), pixel
// aspect, background colour and APNG animation. Critical chunks (an upper-case first
// letter: IHDR, PLTE, IDAT, IEND) are always kept. Everything else is dropped.
var pngKeep = map[string]bool{
	"tRNS": true, "gAMA": true, "cHRM": true, "sRGB": true, "iCCP": true, "sBIT": true,
	"cICP": true, "mDCV": true, "cLLI": true, "pHYs": true, "bKGD": true,
	"acTL": true, "fcTL": true, "fdAT": true,
}

// pngColour are the kept chunks that describe colour whatever the pixel format, and
// survive a re-encoding (see reorientPNG).
var pngColour = map[string]bool{"gAMA": true, "cHRM": true, "sRGB": true, "iCCP": true, "cICP": true}

// cleanPNG drops the metadata chunks of a PNG, copying the others, CRC included.
func cleanPNG(data []byte, t *texts) ([]byte, Found, error) {
	var (
		found       Found
		edits       []edit
		colour      [][]byte // whole chunks
		phys        []byte   // pHYs data
		animated    bool
		orientation int
	)
	i := 8
	for {
		if i == len(data) {
			return nil, 0, errors.New("damaged PNG: the file ends before its IEND chunk")
		}
		if i+12 > len(data) {
			return nil, 0, errPNGCut
		}
		n := int64(binary.BigEndian.Uint32(data[i:]))
		if n > int64(len(data)-i-12) {
			return nil, 0, errPNGCut
		}
		typ, body, end := string(data[i+4:i+8]), data[i+8:i+8+int(n)], i+12+int(n)
		if typ == "IEND" {
			if end < len(data) {
				found |= Appended
				edits = append(edits, edit{from: end, to: len(data)})
			}
			break
		}
		drop := Found(0)
		switch {
		case typ[0]&0x20 == 0 || pngKeep[typ]:
			if pngColour[typ] {
				colour = append(colour, data[i:end])
			}
			if typ == "pHYs" {
				phys = body
			}
			animated = animated || typ == "acTL"
		case typ == "eXIf":
			e := parseEXIF(body)
			drop = e.found
			if orientation == 0 {
				orientation = e.orientation
			}
		case typ == "tEXt" || typ == "zTXt" || typ == "iTXt":
			var text []byte
			drop, text = pngText(typ, body)
			t.add(text)
		case typ == "tIME":
			drop = Time
		default:
			drop = Other
		}
		if drop != 0 {
			found |= drop
			edits = append(edits, edit{from: i, to: end})
			if typ != "tEXt" && typ != "zTXt" && typ != "iTXt" {
				t.add(body)
			}
		}
		i = end
	}
	if orientation > 1 && animated {
		// image/png decodes the first frame only.
		return nil, 0, fmt.Errorf("animated PNG stored rotated or mirrored (EXIF orientation %d): folio cannot turn it upright; rotate it in an image editor and save it again", orientation)
	}
	if orientation > 1 {
		return reorientPNG(data, found, colour, phys, orientation)
	}
	if len(edits) == 0 {
		return data, 0, nil
	}
	return apply(data, edits), found, nil
}

// pngText classifies a text chunk by its keyword, and returns its text, inflated and,
// for raw profiles, decoded. XMP is stored under the keyword "XML:com.adobe.xmp";
// ImageMagick stores EXIF, IPTC and XMP as hexadecimal "Raw profile type ..." texts.
func pngText(typ string, body []byte) (Found, []byte) {
	keyword, rest, _ := bytes.Cut(body, []byte{0})
	var text []byte
	switch typ {
	case "tEXt":
		text = rest
	case "zTXt": // compression method, then zlib data
		if len(rest) > 0 {
			text = inflate(rest[1:])
		}
	case "iTXt": // compression flag and method, language, translated keyword, text
		if len(rest) >= 2 {
			compressed := rest[0] == 1
			_, t, _ := bytes.Cut(rest[2:], []byte{0})
			_, t, _ = bytes.Cut(t, []byte{0})
			if text = t; compressed {
				text = inflate(t)
			}
		}
	}
	switch k := string(keyword); k {
	case "XML:com.adobe.xmp":
		return xmpFound(text), text
	case "Comment":
		return Comment, text
	case "Raw profile type exif", "Raw profile type APP1":
		raw := rawProfile(text)
		return parseEXIF(raw).found, raw
	case "Raw profile type xmp":
		raw := rawProfile(text)
		return xmpFound(raw), raw
	case "Raw profile type iptc", "Raw profile type 8bim":
		return IPTC, rawProfile(text)
	}
	return Text, append(append(keyword[:len(keyword):len(keyword)], ' '), text...)
}

// rawProfile decodes ImageMagick's "\nname\n  length\nhex digits, in lines".
func rawProfile(text []byte) []byte {
	f := bytes.Fields(text)
	if len(f) < 3 {
		return nil
	}
	b, _ := hex.DecodeString(string(bytes.Join(f[2:], nil)))
	return b
}

// reorientPNG turns a PNG whose eXIf chunk says it is stored rotated or mirrored
// upright: the pixels are decoded, moved and encoded again, losslessly. The colour
// chunks are copied into the new file, and pHYs with its axes swapped when they are.
func reorientPNG(data []byte, found Found, colour [][]byte, phys []byte, orientation int) ([]byte, Found, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, 0, fmt.Errorf("turning the image upright (EXIF orientation %d): %w", orientation, err)
	}
	if err := checkSize(cfg.Width, cfg.Height, len(data)); err != nil {
		return nil, 0, err
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, 0, fmt.Errorf("turning the image upright (EXIF orientation %d): %w", orientation, err)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, orient(img, orientation)); err != nil {
		return nil, 0, fmt.Errorf("turning the image upright: %w", err)
	}
	enc := b.Bytes()
	const ihdrEnd = 8 + 12 + 13 // the signature, then IHDR, always first
	out := append([]byte{}, enc[:ihdrEnd]...)
	for _, c := range colour {
		out = append(out, c...)
	}
	if len(phys) == 9 {
		p := append([]byte{}, phys...)
		if orientation >= 5 {
			copy(p[0:4], phys[4:8])
			copy(p[4:8], phys[0:4])
		}
		out = appendChunk(out, "pHYs", p)
	}
	return append(out, enc[ihdrEnd:]...), found, nil
}

func appendChunk(b []byte, typ string, data []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	start := len(b)
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[start:]))
}
