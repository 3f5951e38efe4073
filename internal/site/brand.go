package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"image"
	"io/fs"
	"math"
	"path"
	"strconv"
	"strings"

	"folio/internal/diag"
)

// LogoHeight is the height, in CSS pixels, the header shows the logo at; its width
// follows from the file's proportions.
const LogoHeight = 40

// A Logo is the site's logo (config.Brand) as published: a copy of the file under
// static/brand/, asked for with its content hash like the theme's static files, so
// hosts may cache it for good and a new logo is seen at once.
type Logo struct {
	URL    string // "/static/brand/logo.svg?v=1a2b3c4d5e"
	Type   string // "image/svg+xml" or "image/png"
	Alt    string
	Width  int // at LogoHeight
	Height int
}

// logo reads the brand's logo, publishes it and records its size.
func (b *builder) logo(errs *diag.List) {
	s := b.site
	br := s.Config.Brand
	if br.Logo == "" {
		return
	}
	data, err := fs.ReadFile(b.fsys, br.Logo)
	if err != nil {
		errs.Errorf(br.LogoPos, "brand: cannot read logo %s: %v", br.Logo, err)
		return
	}
	ext := strings.ToLower(path.Ext(br.Logo))
	var w, h float64
	typ := "image/png"
	if ext == ".svg" {
		typ = "image/svg+xml"
		w, h, err = svgSize(data)
	} else {
		c, format, derr := image.DecodeConfig(bytes.NewReader(data))
		if derr != nil || format != "png" {
			err = fmt.Errorf("not a PNG image folio can read")
		}
		w, h = float64(c.Width), float64(c.Height)
	}
	if err == nil && (w <= 0 || h <= 0) {
		err = fmt.Errorf("it has no size")
	}
	if err != nil {
		errs.Errorf(br.LogoPos, "brand: logo %s: %v", br.Logo, err)
		return
	}
	sum := sha256.Sum256(data)
	dst := "static/brand/logo" + ext
	s.Logo = &Logo{URL: s.URL(dst) + "?v=" + hex.EncodeToString(sum[:])[:10], Type: typ, Alt: br.LogoAlt,
		Width: max(1, int(math.Round(LogoHeight*w/h))), Height: LogoHeight}
	s.Files = append(s.Files, File{Src: br.Logo, Dst: dst})
}

// svgSize reads an SVG's size from its root element: width and height in pixels, or else
// its viewBox, which is what browsers fall back on for the proportions.
func svgSize(data []byte) (w, h float64, err error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return 0, 0, fmt.Errorf("not an SVG file folio can read: %v", err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if el.Name.Local != "svg" {
			return 0, 0, fmt.Errorf("not an SVG file: it starts with <%s>, not <svg>", el.Name.Local)
		}
		var vb string
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "width":
				w, _ = strconv.ParseFloat(strings.TrimSuffix(a.Value, "px"), 64)
			case "height":
				h, _ = strconv.ParseFloat(strings.TrimSuffix(a.Value, "px"), 64)
			case "viewBox":
				vb = a.Value
			}
		}
		if w > 0 && h > 0 {
			return w, h, nil
		}
		if f := strings.Fields(strings.ReplaceAll(vb, ",", " ")); len(f) == 4 {
			w, _ = strconv.ParseFloat(f[2], 64)
			h, _ = strconv.ParseFloat(f[3], 64)
			return w, h, nil
		}
		return 0, 0, fmt.Errorf("give the <svg> element a viewBox (or a width and height in pixels), so pages can reserve its space")
	}
}
