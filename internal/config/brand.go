package config

import (
	"fmt"
	"io/fs"
	"math"
	"path"
	"strconv"
	"strings"

	"folio/internal/diag"
	"folio/internal/yamldoc"

	"go.yaml.in/yaml/v4"
)

// The default theme's backgrounds in its light and dark schemes (--bg and --tint in
// style.css, the page and its tinted panels): the accent is the colour of links and
// text on all of them, so its contrast is measured against each.
var (
	LightBackgrounds = []string{"#ffffff", "#f3f5f7"}
	DarkBackgrounds  = []string{"#121416", "#1c2024"}
)

// minContrast is WCAG 2 AA's ratio for text of ordinary size (success criterion 1.4.3).
const minContrast = 4.5

// Brand is the organisation's look: its logo and colours (site.yaml brand:).
type Brand struct {
	Logo    string        // slash path relative to the site folder: "static/logo.svg"; "" for none
	LogoAlt string        // the logo's text alternative, required with a logo
	LogoPos diag.Position // where logo is set, for errors found when the file is read
	// Accent is the colour of links and headings in the light scheme, #rrggbb, with at
	// least 4.5:1 on LightBackgrounds; "" keeps the theme's colours.
	Accent string
	// Accent2 is the accent of the dark scheme, with at least 4.5:1 on DarkBackgrounds.
	// Parse derives it from Accent when brand: does not give accent_2, since one colour
	// cannot reach 4.5:1 on both a white and a near-black background.
	Accent2 string
}

func decodeBrand(d *yamldoc.Decoder, n *yaml.Node) Brand {
	var b Brand
	var logo, accent, accent2 *yaml.Node
	d.Map(n, "brand", []string{"logo", "logo_alt", "accent", "accent_2"}, func(k string, v *yaml.Node) {
		switch k {
		case "logo":
			b.Logo, logo = strings.TrimSpace(d.String(v)), v
		case "logo_alt":
			b.LogoAlt = strings.TrimSpace(d.String(v))
		case "accent":
			b.Accent, accent = d.String(v), v
		case "accent_2":
			b.Accent2, accent2 = d.String(v), v
		}
	})
	if logo != nil {
		b.LogoPos = d.Pos(logo)
		ext := strings.ToLower(path.Ext(b.Logo))
		switch {
		case b.Logo == "" || path.IsAbs(b.Logo) || strings.Contains(b.Logo, `\`) || !fs.ValidPath(b.Logo):
			d.Errorf(logo, "brand: logo must be a file in the site folder, written like static/logo.svg, not %q", b.Logo)
		case ext != ".svg" && ext != ".png":
			d.Errorf(logo, "brand: logo must be an SVG or PNG file, not %q", b.Logo)
		case b.LogoAlt == "":
			d.Errorf(logo, "brand: a logo needs logo_alt, the text a screen reader says for it, such as the organisation's name")
		}
	}
	if accent != nil {
		checkColour(d, accent, "accent", b.Accent, LightBackgrounds, "light")
	}
	if accent2 != nil {
		checkColour(d, accent2, "accent_2", b.Accent2, DarkBackgrounds, "dark")
	} else if accent != nil {
		if c, err := parseColour(b.Accent); err == nil {
			b.Accent2 = lighten(c, DarkBackgrounds)
		}
	}
	return b
}

// checkColour reports a colour that is not #rrggbb or is too faint on one of bgs.
func checkColour(d *yamldoc.Decoder, n *yaml.Node, key, value string, bgs []string, scheme string) {
	c, err := parseColour(value)
	if err != nil {
		d.Errorf(n, "brand: %s must be a colour written #rrggbb, such as #0b55a0, not %q", key, value)
		return
	}
	for _, bg := range bgs {
		b, _ := parseColour(bg)
		if r := contrast(c, b); r < minContrast {
			d.Errorf(n, "%s %s has a contrast of %s:1 on the %s background %s; WCAG AA needs 4.5:1", key, value, ratio(r), scheme, bg)
			return
		}
	}
}

// ratio writes a contrast ratio rounded down to one decimal, so that 4.49 never shows as
// a passing "4.5".
func ratio(r float64) string {
	return strconv.FormatFloat(math.Floor(r*10)/10, 'f', 1, 64)
}

type rgb [3]uint8

func parseColour(s string) (rgb, error) {
	var c rgb
	if len(s) != 7 || s[0] != '#' {
		return c, fmt.Errorf("not #rrggbb")
	}
	for i := range c {
		v, err := strconv.ParseUint(s[1+2*i:3+2*i], 16, 8)
		if err != nil {
			return c, fmt.Errorf("not #rrggbb")
		}
		c[i] = uint8(v)
	}
	return c, nil
}

func (c rgb) String() string { return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2]) }

// luminance is WCAG 2's relative luminance of an sRGB colour.
func luminance(c rgb) float64 {
	var l [3]float64
	for i, v := range c {
		s := float64(v) / 255
		if s <= 0.04045 {
			l[i] = s / 12.92
		} else {
			l[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
}

// contrast is WCAG 2's contrast ratio of two colours, from 1 to 21.
func contrast(a, b rgb) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// lighten mixes c with white in small steps until it reaches minContrast on every one of
// the (dark) backgrounds bgs; white itself does.
func lighten(c rgb, bgs []string) string {
	for t := 0.0; t <= 1; t += 0.02 {
		var m rgb
		for i, v := range c {
			m[i] = uint8(math.Round(float64(v) + (255-float64(v))*t))
		}
		ok := true
		for _, bg := range bgs {
			b, _ := parseColour(bg)
			ok = ok && contrast(m, b) >= minContrast
		}
		if ok {
			return m.String()
		}
	}
	return "#ffffff"
}

// checkLogo reports a logo that is not a readable file of the site.
func (b *Brand) checkLogo(fsys fs.FS) error {
	if b.Logo == "" {
		return nil
	}
	fi, err := fs.Stat(fsys, b.Logo)
	switch {
	case err != nil:
		return diag.Errorf(b.LogoPos, "brand: logo %s is not in the site folder: %v", b.Logo, unwrapPath(err))
	case !fi.Mode().IsRegular():
		return diag.Errorf(b.LogoPos, "brand: logo %s must be an ordinary file", b.Logo)
	}
	return nil
}
