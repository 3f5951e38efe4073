package imagemeta

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

var errWebPCut = errors.New("damaged WebP: a chunk runs past the end of the file")

// webpKeep are the chunks of the image itself (WebP container specification):
// everything else is dropped, since decoders ignore chunks they do not know.
var webpKeep = map[string]bool{
	"VP8 ": true, "VP8L": true, "VP8X": true, "ALPH": true, "ANIM": true, "ANMF": true, "ICCP": true,
}

// VP8X flags that announce the EXIF and XMP chunks.
const webpFlagEXIF, webpFlagXMP = 0x08, 0x04

// cleanWebP drops the EXIF, XMP and unknown chunks of a WebP file, clears their flags
// in the VP8X chunk, and sets the RIFF size to the new length.
func cleanWebP(data []byte, t *texts) ([]byte, Found, error) {
	var (
		found       Found
		edits       []edit
		vp8x        = -1 // offset of the VP8X flags
		orientation int
	)
	end := 8 + int64(binary.LittleEndian.Uint32(data[4:]))
	if end > int64(len(data)) {
		return nil, 0, errWebPCut
	}
	if end < int64(len(data)) {
		found |= Appended
		edits = append(edits, edit{from: int(end), to: len(data)})
	}
	riff := data[:end]
	i := 12
	for i < len(riff) {
		if i+8 > len(riff) {
			return nil, 0, errWebPCut
		}
		fourCC := string(riff[i : i+4])
		n := int64(binary.LittleEndian.Uint32(riff[i+4:]))
		if n > int64(len(riff)-i-8) {
			return nil, 0, errWebPCut
		}
		body := riff[i+8 : i+8+int(n)]
		next := i + 8 + int(n) + int(n&1) // chunks are padded to an even length
		next = min(next, len(riff))
		drop := Found(0)
		switch {
		case fourCC == "VP8X" && len(body) >= 10:
			vp8x = i + 8
		case webpKeep[fourCC]:
		case fourCC == "EXIF":
			e := parseEXIF(body)
			drop = e.found
			if orientation == 0 {
				orientation = e.orientation
			}
		case fourCC == "XMP ":
			drop = xmpFound(body)
		default:
			drop = Other
		}
		if drop != 0 {
			found |= drop
			edits = append(edits, edit{from: i, to: next})
			t.add(body)
		}
		i = next
	}
	if orientation > 1 {
		// There is no WebP encoder in Go's standard library or x/image.
		return nil, 0, fmt.Errorf("WebP image stored rotated or mirrored (EXIF orientation %d), which folio cannot turn upright: %w", orientation, ErrConvert)
	}
	if len(edits) == 0 {
		return data, 0, nil
	}
	if vp8x >= 0 {
		edits = append(edits, edit{from: vp8x, to: vp8x + 1, with: []byte{data[vp8x] &^ (webpFlagEXIF | webpFlagXMP)}})
		slices.SortFunc(edits, func(a, b edit) int { return a.from - b.from })
	}
	out := apply(data, edits)
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out, found, nil
}
