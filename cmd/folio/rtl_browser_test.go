package main

// An Arabic page of the sample site laid out right to left, in headless Chromium: the
// layout read with getBoundingClientRect, and the ink of a screenshot.

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// rtlLayout is where the parts of a publication page are, against its main column.
type rtlLayout struct {
	Dir                       string
	MainLeft, MainRight       float64
	H1Left, H1Right           float64 // the h1's text (a Range), not its box
	BylineLeft, BylineRight   float64 // the byline's text
	BodyLeft, BodyRight       float64
	SideLeft, SideRight       float64 // the editions and contents column
	BrandLeft, BrandRight     float64 // the site's name in the header
	ViewportWidth, ScrollMaxX float64
}

const rtlLayoutJS = `(() => {
  const box = (sel) => document.querySelector(sel).getBoundingClientRect();
  const text = (sel) => { const r = document.createRange(); r.selectNodeContents(document.querySelector(sel)); return r.getBoundingClientRect(); };
  const main = box("main"), h1 = text(".publication h1"), by = text(".publication .byline"),
    body = box(".publication .body"), side = box(".pub-side"), brand = text(".site-header .brand span");
  return {
    Dir: getComputedStyle(document.documentElement).direction,
    MainLeft: main.left, MainRight: main.right, H1Left: h1.left, H1Right: h1.right,
    BylineLeft: by.left, BylineRight: by.right, BodyLeft: body.left, BodyRight: body.right,
    SideLeft: side.left, SideRight: side.right, BrandLeft: brand.left, BrandRight: brand.right,
    ViewportWidth: innerWidth, ScrollMaxX: document.documentElement.scrollWidth - innerWidth,
  };
})()`

// arabicPublication returns the path of an Arabic publication of the sample site.
func arabicPublication(t *testing.T) string {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join("..", "..", "content", "publications", "*.md"))
	for _, f := range dirs {
		src, err := os.ReadFile(f)
		if err == nil && bytes.Contains(src, []byte("\nlang: ar\n")) {
			return "/ar/publications/" + slugOf(f) + "/"
		}
	}
	t.Fatal("the sample site has no publication with lang: ar")
	return ""
}

func slugOf(file string) string {
	name := filepath.Base(file)
	return name[:len(name)-len(filepath.Ext(name))]
}

// TestArabicPageRightToLeft checks that an Arabic publication reads right to left, on
// a wide screen and on a phone: its title and byline start at the right edge of the
// column, the contents column is on the left of the body where English has it on the
// right, the site's name is at the right of the header, nothing scrolls sideways; and,
// from a screenshot, that the byline's ink sits at the right of the column.
func TestArabicPageRightToLeft(t *testing.T) {
	path := arabicPublication(t)
	p := startSearchBrowser(t)

	p.do("a wide screen", chromedp.EmulateViewport(1280, 800))
	p.open(layoutPub)
	var ltr rtlLayout
	p.evalInto(&ltr, rtlLayoutJS)
	p.open(path)
	var wide rtlLayout
	p.evalInto(&wide, rtlLayoutJS)
	if wide.Dir != "rtl" {
		t.Fatalf("%s: direction %q; want rtl", path, wide.Dir)
	}
	near := func(a, b float64) bool { return a-b < 24 && b-a < 24 }
	if !near(wide.H1Right, wide.BodyRight) || wide.H1Left < wide.BodyLeft-1 {
		t.Errorf("the title's text spans x %.0f–%.0f; want it to start at the body's right edge (x %.0f)", wide.H1Left, wide.H1Right, wide.BodyRight)
	}
	if (ltr.SideLeft > ltr.BodyRight) == (wide.SideLeft > wide.BodyRight) {
		t.Errorf("the contents column is on the same side of the body in English (x %.0f, body %.0f–%.0f) and Arabic (x %.0f, body %.0f–%.0f); want it mirrored",
			ltr.SideLeft, ltr.BodyLeft, ltr.BodyRight, wide.SideLeft, wide.BodyLeft, wide.BodyRight)
	}
	if wide.BrandRight < wide.ViewportWidth/2 || ltr.BrandLeft > ltr.ViewportWidth/2 {
		t.Errorf("the site's name is at x %.0f–%.0f in Arabic (%.0f–%.0f in English); want it at the right, mirrored", wide.BrandLeft, wide.BrandRight, ltr.BrandLeft, ltr.BrandRight)
	}

	p.do("emulating a phone", chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile))
	p.open(path)
	var phone rtlLayout
	p.evalInto(&phone, rtlLayoutJS)
	if phone.ScrollMaxX > 0 {
		t.Errorf("at %dpx the Arabic page scrolls %.0fpx sideways", phoneWidth, phone.ScrollMaxX)
	}
	if !near(phone.BylineRight, phone.MainRight-20) && phone.BylineRight < phone.MainRight-40 {
		t.Errorf("at %dpx the byline's text ends at x %.0f; want it at the column's right edge (x %.0f)", phoneWidth, phone.BylineRight, phone.MainRight)
	}

	// The screenshot: the byline's row, inked at the right of the column, blank at its
	// left when the byline is shorter than the column.
	ctx, cancel := context.WithTimeout(p.ctx, searchDeadline)
	defer cancel()
	shot, err := chromedp.Run(ctx, chromedp.Screenshot(".publication .byline"))
	if err != nil {
		t.Fatalf("screenshot of the byline: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	left, right := inkSpan(img)
	w := img.Bounds().Dx()
	if right < 0 || w-right > w/10 {
		t.Errorf("the byline's ink spans pixels %d–%d of %d: want it to reach the right edge", left, right, w)
	}
	if phone.BylineRight-phone.BylineLeft < float64(phoneWidth)/2 && left < w/4 {
		t.Errorf("the byline is short but its ink starts at pixel %d of %d: laid out left to right?", left, w)
	}
}

// inkSpan returns the first and last columns of img holding a pixel that differs
// clearly from the top-left pixel (the background); -1, -1 for a blank image.
func inkSpan(img image.Image) (left, right int) {
	b := img.Bounds()
	br, bg, bb, _ := img.At(b.Min.X, b.Min.Y).RGBA()
	left, right = -1, -1
	for x := b.Min.X; x < b.Max.X; x++ {
		for y := b.Min.Y; y < b.Max.Y; y++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if diff(r, br)+diff(g, bg)+diff(bl, bb) > 3*0x4000 {
				if left < 0 {
					left = x - b.Min.X
				}
				right = x - b.Min.X
				break
			}
		}
	}
	return left, right
}

func diff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
