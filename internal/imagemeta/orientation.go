package imagemeta

import (
	"bytes"
	"encoding/binary"
)

// Orientation returns the EXIF orientation (1 to 8) that head, the start of a JPEG or
// PNG file, declares, or 0 when it declares none. EXIF comes before the image data, so
// the first few hundred kilobytes are enough. Orientations 5 to 8 turn the image a
// quarter: Clean publishes it with its width and height swapped.
func Orientation(head []byte) int {
	switch {
	case bytes.HasPrefix(head, []byte{0xff, 0xd8}):
		for i := 2; i+4 <= len(head) && head[i] == 0xff; {
			m := head[i+1]
			if m == 0xda || m == 0xd9 { // the image data: no EXIF after it
				return 0
			}
			if m == 0xd8 || m == 0x01 || m >= 0xd0 && m <= 0xd7 || m == 0xff {
				i += 2
				if m == 0xff {
					i--
				}
				continue
			}
			end := i + 2 + int(binary.BigEndian.Uint16(head[i+2:]))
			if end > len(head) {
				return 0
			}
			if p := head[i+4 : end]; m == 0xe1 && bytes.HasPrefix(p, []byte("Exif\x00")) {
				return parseEXIF(p).orientation
			}
			i = end
		}
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		for i := 8; i+12 <= len(head); {
			n := int(binary.BigEndian.Uint32(head[i:]))
			typ := string(head[i+4 : i+8])
			if typ == "IDAT" || n < 0 || i+12+n > len(head) {
				return 0
			}
			if typ == "eXIf" {
				return parseEXIF(head[i+8 : i+8+n]).orientation
			}
			i += 12 + n
		}
	}
	return 0
}
