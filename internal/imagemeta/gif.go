package imagemeta

import (
	"errors"
	"fmt"
)

var errGIFCut = errors.New("damaged GIF: the file ends before its trailer")

// gifKeep are the application extensions that change how a GIF is shown: looping
// (Netscape's and its older twin) and an ICC profile.
var gifKeep = map[string]bool{"NETSCAPE2.0": true, "ANIMEXTS1.0": true, "ICCRGBG1012": true}

// cleanGIF drops comment extensions and application extensions other than gifKeep
// (XMP is one), and anything after the trailer.
func cleanGIF(data []byte, t *texts) ([]byte, Found, error) {
	var (
		found Found
		edits []edit
	)
	if len(data) < 13 {
		return nil, 0, errGIFCut
	}
	i := 13 // header and logical screen descriptor
	if flags := data[10]; flags&0x80 != 0 {
		i += 3 << (flags&7 + 1) // global colour table
	}
	for {
		if i >= len(data) {
			return nil, 0, errGIFCut
		}
		switch data[i] {
		case 0x3b: // trailer
			if i+1 < len(data) {
				found |= Appended
				edits = append(edits, edit{from: i + 1, to: len(data)})
			}
			if len(edits) == 0 {
				return data, 0, nil
			}
			return apply(data, edits), found, nil
		case 0x2c: // image descriptor, local colour table, LZW code size, data
			if i+11 > len(data) {
				return nil, 0, errGIFCut
			}
			flags := data[i+9]
			i += 10
			if flags&0x80 != 0 {
				i += 3 << (flags&7 + 1)
			}
			end, err := subBlocks(data, i+1)
			if err != nil {
				return nil, 0, err
			}
			i = end
		case 0x21: // extension: label, then sub-blocks
			if i+2 > len(data) {
				return nil, 0, errGIFCut
			}
			end, err := subBlocks(data, i+2)
			if err != nil {
				return nil, 0, err
			}
			drop := Found(0)
			switch data[i+1] {
			case 0xfe:
				drop = Comment
			case 0xff:
				// The first sub-block is the 8-byte identifier and 3-byte code.
				id := data[i+2 : end]
				switch {
				case len(id) > 12 && id[0] == 11 && gifKeep[string(id[1:12])]:
				case len(id) > 12 && id[0] == 11 && string(id[1:12]) == "XMP DataXMP":
					// XMP is stored raw, its bytes read as sub-block lengths.
					drop = xmpFound(id[12:])
				default:
					drop = Other
				}
			}
			if drop != 0 {
				found |= drop
				edits = append(edits, edit{from: i, to: end})
				t.add(data[i+2 : end]) // sub-block lengths read as control characters, mostly
			}
			i = end
		default:
			return nil, 0, fmt.Errorf("damaged GIF: unexpected byte %#x at %d", data[i], i)
		}
	}
}

// subBlocks returns the offset after the chain of data sub-blocks starting at i.
func subBlocks(data []byte, i int) (int, error) {
	for {
		if i >= len(data) {
			return 0, errGIFCut
		}
		n := int(data[i])
		i += 1 + n
		if n == 0 {
			return i, nil
		}
	}
}
