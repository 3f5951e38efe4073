package main

// Layout facts of the sample site's brand, home page and author pages at phone and
// desktop widths, in headless Chromium: measured with getBoundingClientRect, never
// with screenshots.

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
)

// brandWidths are the viewport widths measured: a phone and a laptop.
var brandWidths = []int{390, 1280}

// TestBrandHome checks the home page: the logo shows in the header, the featured
// publication comes first in main and is wider than a card, and the cards of each row
// are of one height (their summaries are clamped).
func TestBrandHome(t *testing.T) {
	p := startSearchBrowser(t)
	for _, w := range brandWidths {
		p.do(fmt.Sprintf("emulating a %dpx-wide screen", w), chromedp.EmulateViewport(int64(w), 900))
		p.open("/")
		awaitImage(p, ".site-header .brand img")
		var got struct {
			LogoW, LogoH   float64
			LogoLoaded     bool
			First          string
			Featured, Card float64
			Rows           [][]float64 // heights of the cards of each row
		}
		p.evalInto(&got, `(() => {
  const img = document.querySelector(".site-header .brand img");
  const r = img ? img.getBoundingClientRect() : {width: 0, height: 0};
  const first = [...document.getElementById("main").children].find((e) => e.getBoundingClientRect().height > 1);
  const card = document.querySelector(".cards .card");
  const rows = new Map();
  for (const c of document.querySelectorAll(".cards .card")) {
    const b = c.getBoundingClientRect(), top = Math.round(b.top);
    if (!rows.has(top)) rows.set(top, []);
    rows.get(top).push(b.height);
  }
  return {
    LogoW: r.width, LogoH: r.height, LogoLoaded: !!img && img.naturalWidth > 0,
    First: first ? first.className : "",
    Featured: document.querySelector(".featured")?.getBoundingClientRect().width ?? 0,
    Card: card ? card.getBoundingClientRect().width : 0,
    Rows: [...rows.values()],
  };
})()`)
		if got.LogoW <= 0 || got.LogoH <= 0 || !got.LogoLoaded {
			t.Errorf("%dpx: the header's logo is %.0f×%.0f (loaded: %v); want it shown", w, got.LogoW, got.LogoH, got.LogoLoaded)
		}
		if got.First != "featured" {
			t.Errorf("%dpx: main starts with %q; want the featured publication", w, got.First)
		}
		if w > 390 && got.Featured <= got.Card {
			t.Errorf("%dpx: the featured publication is %.0fpx wide, a card %.0fpx; want it wider", w, got.Featured, got.Card)
		} else if got.Featured < got.Card {
			t.Errorf("%dpx: the featured publication is %.0fpx wide, narrower than a card (%.0fpx)", w, got.Featured, got.Card)
		}
		if len(got.Rows) == 0 {
			t.Errorf("%dpx: no cards on the home page", w)
		}
		for i, row := range got.Rows {
			for _, h := range row[1:] {
				if h < row[0]-1 || h > row[0]+1 {
					t.Errorf("%dpx: the cards of row %d have heights %v; want one height", w, i+1, row)
					break
				}
			}
		}
	}
}

// TestBrandAuthorPage checks an author with a profile: the photo and bio come before
// the list of publications, and the photo is shown.
func TestBrandAuthorPage(t *testing.T) {
	p := startSearchBrowser(t)
	for _, w := range brandWidths {
		p.do(fmt.Sprintf("emulating a %dpx-wide screen", w), chromedp.EmulateViewport(int64(w), 900))
		p.open("/authors/nadia-haddad/")
		awaitImage(p, ".profile-photo")
		var got struct {
			PhotoTop, PhotoW, PhotoH float64
			BioTop, ListTop          float64
			Loaded                   bool
		}
		p.evalInto(&got, `(() => {
  const top = (s) => { const e = document.querySelector(s); return e ? e.getBoundingClientRect().top + scrollY : -1; };
  const img = document.querySelector(".profile-photo");
  const r = img ? img.getBoundingClientRect() : {width: 0, height: 0};
  return {PhotoTop: top(".profile-photo"), PhotoW: r.width, PhotoH: r.height, BioTop: top(".bio"), ListTop: top(".cards"), Loaded: !!img && img.naturalWidth > 0};
})()`)
		if got.PhotoW <= 0 || got.PhotoH <= 0 || !got.Loaded {
			t.Errorf("%dpx: the author's photo is %.0f×%.0f (loaded: %v); want it shown", w, got.PhotoW, got.PhotoH, got.Loaded)
		}
		if got.PhotoTop < 0 || got.BioTop < 0 || got.ListTop <= got.BioTop || got.ListTop <= got.PhotoTop {
			t.Errorf("%dpx: photo at %.0f, bio at %.0f, publications at %.0f; want the photo and bio above the publications", w, got.PhotoTop, got.BioTop, got.ListTop)
		}
	}
}

// awaitImage waits until the image selector names has loaded or failed, so that its size
// is measured, not the empty box before it.
func awaitImage(p *browserPage, selector string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, searchDeadline)
	defer cancel()
	js := `new Promise((done) => {
  const img = document.querySelector(` + strconv.Quote(selector) + `);
  if (!img || img.complete) done(true); else img.onload = img.onerror = () => done(true);
})`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js, chromedp.EvalAwaitPromise)); err != nil {
		p.t.Fatalf("waiting for %s: %v", selector, err)
	}
}
