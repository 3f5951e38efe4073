package imagemeta

import (
	"bytes"
	"encoding/binary"
)

// exifInfo is what Clean needs to know of an EXIF block before dropping it.
type exifInfo struct {
	found       Found // EXIF, and GPS, MakerNotes and Thumbnail when present
	orientation int   // 1 to 8; 0 when absent or invalid
}

// EXIF tags (TIFF 6.0 and EXIF 2.3).
const (
	tagOrientation  = 0x0112
	tagExifIFD      = 0x8769
	tagGPSIFD       = 0x8825
	tagMakerNote    = 0x927c
	tagGPSLatitude  = 0x0002
	tagGPSLongitude = 0x0004
)

// parseEXIF reads an EXIF block: a TIFF structure starting "II*\0" or "MM\0*", or
// the same after the "Exif\0\0" header of a JPEG APP1 segment. It follows only the
// pointers from the first directory (to the Exif and GPS directories, and to the
// thumbnail's directory), one level deep, so a hostile file cannot make it loop.
func parseEXIF(b []byte) exifInfo {
	e := exifInfo{found: EXIF}
	b = bytes.TrimPrefix(b, []byte("Exif\x00\x00"))
	if len(b) < 8 {
		return e
	}
	var bo binary.ByteOrder
	switch string(b[:4]) {
	case "II*\x00":
		bo = binary.LittleEndian
	case "MM\x00*":
		bo = binary.BigEndian
	default:
		return e
	}
	entries, next := ifd(b, bo, bo.Uint32(b[4:]))
	if next != 0 && int64(next) < int64(len(b)) {
		e.found |= Thumbnail
	}
	for ; len(entries) >= 12; entries = entries[12:] {
		tag, typ, value := bo.Uint16(entries), bo.Uint16(entries[2:]), entries[8:12]
		switch tag {
		case tagOrientation:
			if o := int(bo.Uint16(value)); typ == 3 && o >= 1 && o <= 8 { // SHORT
				e.orientation = o
			}
		case tagGPSIFD:
			gps, _ := ifd(b, bo, bo.Uint32(value))
			for ; len(gps) >= 12; gps = gps[12:] {
				if t := bo.Uint16(gps); t == tagGPSLatitude || t == tagGPSLongitude {
					e.found |= GPS
				}
			}
		case tagExifIFD:
			sub, _ := ifd(b, bo, bo.Uint32(value))
			for ; len(sub) >= 12; sub = sub[12:] {
				if bo.Uint16(sub) == tagMakerNote {
					e.found |= MakerNotes
				}
			}
		}
	}
	return e
}

// ifd returns the 12-byte entries of the image file directory at offset off of the
// TIFF structure b (as many as b holds), and the offset of the next directory.
func ifd(b []byte, bo binary.ByteOrder, off uint32) (entries []byte, next uint32) {
	if int64(off)+2 > int64(len(b)) {
		return nil, 0
	}
	n := int(bo.Uint16(b[off:]))
	start := int(off) + 2
	end := start + 12*n
	if end+4 > len(b) {
		return b[start : start+(len(b)-start)/12*12], 0
	}
	return b[start:end], bo.Uint32(b[end:])
}
