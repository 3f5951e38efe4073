package card

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"folio/internal/svg"
)

// shield is the sample site's logo: a filled path, a stroked one and bold text.
const shield = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 46" width="40" height="46">
  <path d="M20 1 L38 7 V22 C38 33 30 41 20 45 C10 41 2 33 2 22 V7 Z" fill="#17527a"/>
  <path d="M20 5 L34 9.8 V22 C34 31 27.6 37.6 20 40.8 C12.4 37.6 6 31 6 22 V9.8 Z" fill="none" stroke="#ffffff" stroke-width="1.5"/>
  <text x="20" y="27" text-anchor="middle" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="11" font-weight="700" fill="#ffffff" letter-spacing="0.5">CCP</text>
</svg>`

func near(c, wantC color.Color) bool {
	got := color.RGBAModel.Convert(c).(color.RGBA)
	want := color.RGBAModel.Convert(wantC).(color.RGBA)
	d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
	return d(got.R, want.R) < 12 && d(got.G, want.G) < 12 && d(got.B, want.B) < 12 && d(got.A, want.A) < 12
}

var (
	shieldBlue = color.RGBA{0x17, 0x52, 0x7a, 0xff}
	white      = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// An SVG logo becomes a PNG of the logo box's size, with the shield's blue, a
// transparent background and the text in white, centred.
func TestSVGLogo(t *testing.T) {
	d := testDrawer(t)
	data, err := d.SVGLogo([]byte(shield))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	// 40×46 at 60 pixels high: 52×60, which logoBox keeps as it is.
	if got := img.Bounds(); got != image.Rect(0, 0, 52, 60) {
		t.Fatalf("logo is %v; want 52×60", got)
	}
	if got := newFrame(false, false).logoBox(img); got.Dx() != 52 || got.Dy() != logoH {
		t.Errorf("logoBox of the PNG is %v; want 52×60, drawn unscaled", got)
	}
	if c := img.At(5, 30); !near(c, shieldBlue) {
		t.Errorf("shield at (5, 30) = %v; want %v", c, shieldBlue)
	}
	if c := img.At(0, 0); !near(c, color.RGBA{}) {
		t.Errorf("corner (0, 0) = %v; want transparent", c)
	}
	// The text's ink is what differs from the logo drawn without it: white, centred
	// on column 26, letter spacing after the last letter moving it left by a little
	// less than half a pixel, as browsers draw it.
	plain, err := d.SVGLogo([]byte(shield[:strings.Index(shield, "  <text")] + "</svg>"))
	if err != nil {
		t.Fatal(err)
	}
	bare, _ := png.Decode(bytes.NewReader(plain))
	lo, hi, whites := img.Bounds().Dx(), -1, 0
	for y := range 60 {
		for x := range 52 {
			if near(img.At(x, y), bare.At(x, y)) {
				continue
			}
			lo, hi = min(lo, x), max(hi, x)
			if near(img.At(x, y), white) {
				whites++
			}
		}
	}
	if mid := float64(lo+hi+1) / 2; mid < 25 || mid > 26.5 {
		t.Errorf("text ink spans columns %d to %d, centred on %.1f; want about 26", lo, hi, mid)
	}
	if w := hi - lo + 1; w < 28 || w > 36 {
		t.Errorf("text ink is %d pixels wide; want the width of \"CCP\" in bold, about 32", w)
	}
	if whites < 60 {
		t.Errorf("%d white pixels of text; want more than 60", whites)
	}

	again, err := d.SVGLogo([]byte(shield))
	if err != nil || !bytes.Equal(again, data) {
		t.Errorf("drawing the logo again gives other bytes")
	}

	// The card shows it in the logo box.
	card, err := d.Draw(Card{Title: "T", SiteName: "Site", Logo: data})
	if err != nil {
		t.Fatal(err)
	}
	ci, err := png.Decode(bytes.NewReader(card))
	if err != nil {
		t.Fatal(err)
	}
	if c := ci.At(padX+5, logoTop+30); !near(c, shieldBlue) {
		t.Errorf("card at the logo's (5, 30) = %v; want %v", c, shieldBlue)
	}
}

// A wide logo is as wide as the box allows, and a logo with what package svg does not
// draw is an UnsupportedError.
func TestSVGLogoSizeAndErrors(t *testing.T) {
	d := testDrawer(t)
	data, err := d.SVGLogo([]byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 60"><rect width="600" height="60" fill="red"/></svg>`))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width != logoMaxW || cfg.Height != 30 {
		t.Errorf("wide logo is %d×%d (%v); want %d×30", cfg.Width, cfg.Height, err, logoMaxW)
	}
	_, err = d.SVGLogo([]byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><linearGradient id="g"/><rect width="10" height="10" fill="url(#g)"/></svg>`))
	var ue *svg.UnsupportedError
	if !errors.As(err, &ue) || ue.What != "<linearGradient>" {
		t.Errorf("gradient logo: %v; want an svg.UnsupportedError for <linearGradient>", err)
	}
}

// Text in characters neither card font has (which would be drawn as missing-glyph
// boxes) is an UnsupportedError naming them and the line of the text, so that the
// logo is left out rather than drawn with boxes.
func TestSVGLogoMissingGlyphs(t *testing.T) {
	d := testDrawer(t)
	_, err := d.SVGLogo([]byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20">
<text x="0" y="15" font-family="sans-serif" font-size="10">CCP</text>
<text x="0" y="15" font-family="sans-serif" font-size="10">A<tspan>中文中</tspan></text></svg>`))
	var ue *svg.UnsupportedError
	if !errors.As(err, &ue) || ue.Line != 3 || !strings.Contains(ue.What, `"中" (U+4E2D), "文" (U+6587)`) {
		t.Errorf("SVGLogo(text in Chinese) = %v; want an svg.UnsupportedError on line 3 naming 中 and 文, once each", err)
	}
	if _, err := d.SVGLogo([]byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><text y="15" font-size="10">Ωπ ß ﻻ</text></svg>`)); err != nil {
		t.Errorf("SVGLogo(text the fonts have): %v", err)
	}
}
