package build

import (
	"io/fs"
	"path"
	"strings"

	"folio/internal/diag"
	"folio/internal/imagemeta"
	"folio/internal/site"
)

// publish copies the source file src of fsys to rel in the output. A raster image is
// published without its metadata (package imagemeta: no EXIF, GPS, XMP, IPTC, comments
// or thumbnails; a photo stored on its side is turned upright), and a format folio
// cannot clean (HEIC, TIFF, raw) is refused. The source is never changed. Warnings
// say when a photo carried GPS coordinates, and what an attached PDF, published as it
// is, tells about who made it.
func publish(out output, fsys fs.FS, src, rel string) diag.List {
	return publishSized(out, fsys, site.File{Src: src, Dst: rel}, nil)
}

// publishSized publishes f as publish does, and a photo or graphic with f.Widths in
// each of its widths (sized), made from the cleaned image.
func publishSized(out output, fsys fs.FS, f site.File, c *imageCache) diag.List {
	src, rel := f.Src, f.Dst
	var errs diag.List
	at := diag.Position{File: src}
	kind := mediaKind(src)
	if kind == "" {
		errs.Add(out.copy(fsys, src, rel))
		return errs
	}
	data, err := fs.ReadFile(fsys, src)
	if err != nil {
		errs.Errorf(at, "cannot read: %v", unwrap(err))
		return errs
	}
	if kind == "pdf" {
		if meta := imagemeta.PDFMetadata(data); len(meta) > 0 {
			errs.Warnf(at, "this PDF carries %s in its properties, published as they are: check them, and clear them in the program that made the PDF if they name anyone",
				strings.Join(meta, ", "))
		}
		errs.Add(out.write(rel, data))
		return errs
	}
	if err := imagemeta.Refused(src, data); err != nil {
		errs.Errorf(at, "%v: folio cannot remove the metadata (location, camera, author) of this format", err)
		return errs
	}
	clean, found, err := imagemeta.Clean(src, data)
	if err != nil {
		errs.Errorf(at, "cannot publish this image: %v", err)
		return errs
	}
	if found.Has(imagemeta.GPS) {
		errs.Warnf(at, "this photo carried GPS coordinates, which can show where it was taken: they are removed from the published copy, but the file in the site folder still has them")
	}
	if len(f.Widths) > 0 && c != nil {
		if err := sized(out, f, data, clean, c); err != nil {
			errs.Errorf(at, "%v", err)
		}
		return errs
	}
	errs.Add(out.write(rel, clean))
	return errs
}

// mediaKind says how publish treats a file, by its name: "image" for the raster
// formats folio cleans or refuses, "pdf", or "" for anything else, copied as it is.
func mediaKind(name string) string {
	switch {
	case imagemeta.IsImage(name):
		return "image"
	case strings.EqualFold(path.Ext(name), ".pdf"):
		return "pdf"
	}
	return ""
}
