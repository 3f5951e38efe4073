package main

// Layout facts of a publication page and the recommendations page of the sample site,
// in headless Chromium, measured with getBoundingClientRect (as in
// phone_browser_test.go), never with screenshots.

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// layoutPub is a long publication of the sample site, with a contents list, a key
// findings box and a pull quote.
const layoutPub = "/publications/drc-monusco-drawdown-protection-gaps/"

// tocLayout is where the contents list is, against the body, on the screen.
type tocLayout struct {
	TOCLeft, TOCRight, TOCTop, TOCBottom float64
	BodyLeft, BodyRight, BodyTop         float64
	Editions                             float64 // top of the editions list (PDF, print, cite)
	ViewportHeight                       float64
}

const tocLayoutJS = `(() => {
  const toc = document.querySelector("nav.toc").getBoundingClientRect();
  const body = document.querySelector(".publication .body").getBoundingClientRect();
  return {
    TOCLeft: toc.left, TOCRight: toc.right, TOCTop: toc.top, TOCBottom: toc.bottom,
    BodyLeft: body.left, BodyRight: body.right, BodyTop: body.top,
    Editions: document.querySelector(".editions").getBoundingClientRect().top,
    ViewportHeight: innerHeight,
  };
})()`

// TestPublicationWideLayout checks that on a wide screen (1280px) the contents list is
// in the margin beside the body, not above it, and stays in view as the reader scrolls
// down the body (sticky); and that on a phone (390px) it comes before the body, after
// the editions, as it always has.
func TestPublicationWideLayout(t *testing.T) {
	p := startSearchBrowser(t)
	p.do("a wide screen", chromedp.EmulateViewport(1280, 800))
	p.open(layoutPub)
	var wide tocLayout
	p.evalInto(&wide, tocLayoutJS)
	if wide.TOCLeft < wide.BodyRight && wide.TOCRight > wide.BodyLeft {
		t.Errorf("at 1280px the contents (x %.0f–%.0f) overlap the body's column (x %.0f–%.0f); want them beside it", wide.TOCLeft, wide.TOCRight, wide.BodyLeft, wide.BodyRight)
	}
	if wide.TOCTop >= wide.BodyTop {
		t.Errorf("at 1280px the contents start at y %.0f, not above the body's start (y %.0f): they do not use the margin beside the header", wide.TOCTop, wide.BodyTop)
	}
	if wide.Editions >= wide.TOCTop || wide.Editions < 0 {
		t.Errorf("at 1280px the editions list is at y %.0f; want it in the margin above the contents (y %.0f)", wide.Editions, wide.TOCTop)
	}

	p.do("scrolling to the middle of the body", chromedp.Evaluate[chromedp.Void](`document.getElementById("the-threat-environment").scrollIntoView()`))
	var scrolled tocLayout
	p.evalInto(&scrolled, tocLayoutJS)
	if scrolled.BodyTop > -1000 {
		t.Fatalf("scrolling moved the body only to y %.0f; the page is too short to test stickiness", scrolled.BodyTop)
	}
	if scrolled.TOCTop < 0 || scrolled.TOCTop >= scrolled.ViewportHeight {
		t.Errorf("at 1280px, scrolled into the body, the contents are at y %.0f, out of the %.0fpx-high view; want them sticky", scrolled.TOCTop, scrolled.ViewportHeight)
	}

	p.do("emulating a phone", chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile))
	p.open(layoutPub)
	var phone tocLayout
	p.evalInto(&phone, tocLayoutJS)
	if phone.TOCBottom > phone.BodyTop {
		t.Errorf("at %dpx the contents end at y %.0f, below the body's start (y %.0f); want them above the body", phoneWidth, phone.TOCBottom, phone.BodyTop)
	}
	if phone.Editions >= phone.TOCTop {
		t.Errorf("at %dpx the editions (y %.0f) come after the contents (y %.0f); want them first, as before", phoneWidth, phone.Editions, phone.TOCTop)
	}
}

// TestRecommendationsGroups checks the recommendations page: one open, foldable group
// (details) per addressee, each named in its summary, and a jump list whose every link
// leads to one of them; following a link to a folded group opens it.
func TestRecommendationsGroups(t *testing.T) {
	p := startSearchBrowser(t)
	p.open("/recommendations/")
	var got struct {
		Sections int      `json:"sections"` // section.addressee
		Details  []string `json:"details"`  // per section: the id its details' summary holds, "" if none
		Open     int      `json:"open"`
		Jumps    []string `json:"jumps"`  // the jump list's targets
		Broken   []string `json:"broken"` // targets not in a group's summary
	}
	p.evalInto(&got, `(() => {
  const sections = [...document.querySelectorAll("section.addressee")];
  const jumps = [...document.querySelectorAll(".rec-jump a")].map((a) => decodeURIComponent(new URL(a.href).hash.slice(1)));
  return {
    sections: sections.length,
    details: sections.map((s) => {
      const d = s.querySelectorAll(":scope > details");
      const h = d.length === 1 && d[0].querySelector(":scope > summary [id]");
      return h ? h.id : "";
    }),
    open: sections.filter((s) => s.querySelector(":scope > details[open]")).length,
    jumps: jumps,
    broken: jumps.filter((id) => { const e = document.getElementById(id); return !e || !e.closest("summary") || !e.closest("section.addressee"); }),
  };
})()`)
	if got.Sections < 2 {
		t.Fatalf("%d addressee groups on the recommendations page; the sample site has more", got.Sections)
	}
	if slices.Contains(got.Details, "") {
		t.Errorf("groups without exactly one details holding a named summary: %q", got.Details)
	}
	if got.Open != got.Sections {
		t.Errorf("%d of %d groups are open; want all open at first", got.Open, got.Sections)
	}
	if strings.Join(got.Jumps, " ") != strings.Join(got.Details, " ") {
		t.Errorf("the jump list leads to %q; want one link per group, in order: %q", got.Jumps, got.Details)
	}
	if len(got.Broken) > 0 {
		t.Errorf("jump links lead nowhere or outside a group's summary: %q", got.Broken)
	}

	last := got.Details[len(got.Details)-1]
	p.do("folding the last group", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.getElementById(%q).closest("details").open = false`, last)))
	p.do("following its jump link", chromedp.Click(chromedp.CSS(fmt.Sprintf(`.rec-jump a[href="#%s"]`, last))))
	p.waitFor("the folded group to open", fmt.Sprintf(`document.getElementById(%q).closest("details").open`, last))
	if top := p.eval(fmt.Sprintf(`String(Math.round(document.getElementById(%q).getBoundingClientRect().top))`, last)); top == "" || strings.HasPrefix(top, "-") {
		t.Errorf("after the jump, the group's heading is at y %s; want it in view", top)
	}

	// Filtered, each group and its jump link count what is shown; a group left empty
	// is hidden, with its jump link.
	p.open("/recommendations/?year=2024")
	p.waitFor("the filter to apply", `document.getElementById("rec-status").textContent.includes("shown")`)
	if wrong := p.eval(`[...document.querySelectorAll("section.addressee")].flatMap((s) => {
  const n = s.querySelectorAll(".recs li:not([hidden])").length;
  const id = s.getAttribute("aria-labelledby");
  const jump = document.querySelector('.rec-jump a[href="#' + id + '"]').parentNode;
  const want = "(" + n + ")";
  const ok = s.hidden === (n === 0) && jump.hidden === (n === 0) &&
    s.querySelector("summary .count").textContent === want && jump.querySelector(".count").textContent === want;
  return ok ? [] : [id + " shows " + n];
}).join(", ")`); wrong != "" {
		t.Errorf("filtered by year, groups whose counts or visibility do not match what they show: %s", wrong)
	}
	if hidden := p.eval(`String([...document.querySelectorAll("section.addressee")].filter((s) => s.hidden).length)`); hidden == "0" {
		t.Errorf("filtered by 2024, no group is left empty; the test needs a year that empties one")
	}
}
