package imagemeta

import (
	"bytes"
	"encoding/binary"
)

// JPEGProfile returns the ICC colour profile segments (APP2 "ICC_PROFILE") of a JPEG,
// whole and in order, or nil: a cleaned photo keeps them (a profile is colour, not
// personal data), and a resized copy needs them to show the same colours (a phone's
// Display P3 photo looks washed out read as sRGB).
func JPEGProfile(data []byte) []byte {
	if len(data) < 4 || data[0] != 0xff || data[1] != 0xd8 {
		return nil
	}
	var out []byte
	for i := 2; i+4 <= len(data) && data[i] == 0xff; {
		m := data[i+1]
		if m == 0xda || m == 0xd9 { // the image data, or its end: no header follows
			break
		}
		if m == 0x01 || m >= 0xd0 && m <= 0xd7 { // markers without a length
			i += 2
			continue
		}
		end := i + 2 + int(binary.BigEndian.Uint16(data[i+2:]))
		if end > len(data) {
			break
		}
		if m == 0xe2 && bytes.HasPrefix(data[i+4:end], []byte("ICC_PROFILE\x00")) {
			out = append(out, data[i:end]...)
		}
		i = end
	}
	return out
}

// WithJPEGProfile returns the JPEG enc with the profile segments (from JPEGProfile)
// right after its start marker, where decoders look for them.
func WithJPEGProfile(enc, profile []byte) []byte {
	if len(profile) == 0 || len(enc) < 2 {
		return enc
	}
	out := make([]byte, 0, len(enc)+len(profile))
	out = append(out, enc[:2]...)
	out = append(out, profile...)
	return append(out, enc[2:]...)
}
