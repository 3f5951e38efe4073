// Package imagemeta removes the metadata of the images folio publishes, and names the
// metadata of attached PDFs.
//
// A photo taken on a phone carries GPS coordinates, the time, the camera's serial
// number and sometimes the photographer's name; published as it is, it can locate a
// source or a shelter. [Clean] returns an image without any of that, and says what it
// removed ([Found]), so that the build can warn when a source image carried GPS
// coordinates. It never modifies its input.
//
// # What is removed and what is kept
//
// Clean recognises the format by the first bytes of the file, not by its name. It
// drops segments, chunks and extensions and copies the rest byte for byte, so the
// pixels are not re-encoded:
//
//   - JPEG: drops APP1 (EXIF, with its GPS data, maker notes and thumbnail; XMP),
//     APP13 (Photoshop's IPTC), every other APPn segment, COM comments, a JFIF
//     thumbnail (JFXX, or pixels after the JFIF header) and anything after the end of
//     image marker (where phones put a second picture, a depth map or a video clip,
//     indexed by the APP2 MPF segment, also dropped). Keeps APP0 JFIF, APP2 ICC_PROFILE
//     (colour, without personal data: phones use wide-gamut profiles such as Display
//     P3) and APP14 Adobe (needed to convert the colours of CMYK and YCCK files).
//   - PNG: keeps the critical chunks (IHDR, PLTE, IDAT, IEND) and the ancillary chunks
//     that change how the image is shown: tRNS, gAMA, cHRM, sRGB, iCCP, sBIT, cICP,
//     mDCV, cLLI (transparency and colour), pHYs (pixel aspect), bKGD (background
//     colour; no personal data, so kept although browsers ignore it) and acTL, fcTL,
//     fdAT (APNG animation). Drops tEXt, zTXt and iTXt (where XMP and ImageMagick's EXIF
//     and IPTC also go), eXIf, tIME, every other chunk, and anything after IEND.
//   - WebP: keeps VP8, VP8L, VP8X, ALPH, ANIM, ANMF and ICCP; drops EXIF, XMP and any
//     other chunk, clears the EXIF and XMP flags of VP8X and corrects the RIFF size.
//   - GIF: drops comment extensions and application extensions (XMP is one) except
//     NETSCAPE2.0 and ANIMEXTS1.0 (looping) and ICCRGBG1012 (colour), and anything
//     after the trailer.
//
// An image that carries none of this comes back unchanged: the same bytes, not a
// copy. Cleaning is deterministic, and cleaning a cleaned image changes nothing.
//
// SVG is left alone: it is text that the author wrote or exported, and its <metadata>
// is visible in any editor, unlike a camera's EXIF.
//
// # Orientation
//
// A phone stores a photo as the sensor saw it and writes in EXIF how to turn it
// (Orientation). Removing the tag would leave such a photo lying on its side, so when
// the orientation is not 1 Clean turns the pixels first: a JPEG is decoded, turned and
// encoded again with image/jpeg at quality 90, the only case where Clean loses
// quality, keeping its ICC profile; a PNG is re-encoded losslessly with its colour
// chunks. WebP cannot be encoded in Go, so a WebP stored turned is refused with
// ErrConvert, as is an animated PNG stored turned. Images larger than 100 megapixels
// are not decoded.
//
// # Formats folio cannot clean
//
// [Refused] returns [ErrConvert] ("convert to JPEG or PNG") for HEIC, HEIF and AVIF
// (metadata items inside ISOBMFF boxes, addressed by offsets), TIFF and camera raw
// formats (DNG, CR2, CR3, NEF, NRW, ARW, RAF, ORF, RW2, PEF, SRW), by extension or by
// content. [Clean] returns the same error for such content under any name. The caller
// puts the file's path before the error.
//
// # GPS
//
// [Found] includes [GPS] when the EXIF block's GPS directory (tag 0x8825) holds a
// latitude or a longitude (a directory with only a version or a time is not a
// location), or when an XMP packet has a GPSLatitude or GPSLongitude property.
//
// # PDF
//
// Attached PDFs are published as they are: rewriting a PDF without damaging it needs
// more than folio has. [PDFMetadata] names what a PDF carries (Author, Creator,
// Producer, Title, Subject, Keywords, XMP), so that a warning can ask for it to be
// cleaned before publishing.
//
// # Robustness
//
// Every length and offset read from a file is checked against its size; the EXIF
// reader follows pointers one level deep only; decompression is bounded. A damaged
// file is an error, never a panic: FuzzClean checks this.
package imagemeta
