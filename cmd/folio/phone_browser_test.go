package main

// Layout facts of the sample site on a phone (390×844 CSS pixels, as an iPhone 14), in
// headless Chromium: measured with getBoundingClientRect and computed styles, never
// with screenshots, so that fonts and antialiasing do not matter.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

const phoneWidth, phoneHeight = 390, 844

// phonePages are the pages whose header is measured: the header is the same template
// everywhere, but what follows it is not.
var phonePages = []string{"/", "/publications/", "/publications/abyei-migration-season-risks/", "/objectives/"}

// TestPhoneHeader checks the header on a phone: under 120px high, so that the page's
// own content starts on the first screen, the page no wider than the screen, and the
// search box's placeholder ("Search publications") whole, not clipped.
func TestPhoneHeader(t *testing.T) {
	p := startSearchBrowser(t)
	p.do("emulating a phone", chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile))
	for _, path := range phonePages {
		p.open(path)
		var got struct {
			Header      float64 `json:"header"`
			ScrollWidth float64 `json:"scrollWidth"`
			Placeholder float64 `json:"placeholder"` // width of its text
			Room        float64 `json:"room"`        // width inside the box
			Menu        bool    `json:"menu"`        // the menu's links are reachable
		}
		p.evalInto(&got, `(() => {
  const input = document.getElementById("header-q"), cs = getComputedStyle(input);
  const ctx = document.createElement("canvas").getContext("2d");
  ctx.font = cs.font;
  return {
    header: document.querySelector(".site-header").getBoundingClientRect().height,
    scrollWidth: document.documentElement.scrollWidth,
    placeholder: ctx.measureText(input.placeholder).width,
    room: input.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight),
    menu: !!document.querySelector(".site-header summary, .site-header nav a"),
  };
})()`)
		if got.Header >= 120 {
			t.Errorf("%s: the header is %.0fpx high on a %dpx-wide phone; want under 120px", path, got.Header, phoneWidth)
		}
		if got.ScrollWidth > phoneWidth {
			t.Errorf("%s: the page is %.0fpx wide on a %dpx-wide phone: it scrolls sideways", path, got.ScrollWidth, phoneWidth)
		}
		// With a tenth to spare: a phone's own font (San Francisco, Roboto) is not
		// the test machine's, and the box of a search input also holds its clear button.
		if got.Placeholder*1.1 > got.Room {
			t.Errorf("%s: the search box's placeholder needs %.0fpx and has %.0fpx: it is clipped, or nearly", path, got.Placeholder, got.Room)
		}
		if !got.Menu {
			t.Errorf("%s: no menu in the header", path)
		}
	}
}

// TestPhoneMenu opens the folded menu on a phone: its links show, over the page, not
// pushing it down; on a wide screen they show without it.
func TestPhoneMenu(t *testing.T) {
	p := startSearchBrowser(t)
	p.do("emulating a phone", chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile))
	p.open("/")
	visibleLinks := `[...document.querySelectorAll(".site-header nav a")].filter((a) => a.checkVisibility()).length`
	mainTop := `document.getElementById("main").getBoundingClientRect().top`
	if n := p.eval(`String(` + visibleLinks + `)`); n != "0" {
		t.Errorf("on a phone, %s menu links show before the menu is opened; want them folded", n)
	}
	before := p.eval(`String(` + mainTop + `)`)
	p.do("opening the menu", chromedp.Click(chromedp.CSS(".site-header summary")))
	if n := p.eval(`String(` + visibleLinks + `)`); n == "0" {
		t.Errorf("the menu opened shows no link")
	}
	if after := p.eval(`String(` + mainTop + `)`); after != before {
		t.Errorf("opening the menu moved the page from %s to %s px; want it over the page", before, after)
	}
	p.do("a wide screen", chromedp.EmulateViewport(1280, 800))
	p.open("/")
	if n := p.eval(`String(` + visibleLinks + `)`); n == "0" {
		t.Errorf("on a wide screen the menu links are folded; want them shown")
	}
	if v := p.eval(`getComputedStyle(document.querySelector(".site-header summary")).display`); v != "none" {
		t.Errorf("on a wide screen the Menu button shows (display %q)", v)
	}
}

// TestPhoneSearchResultsFirst opens the search page on a phone, with two filters in the
// URL: the first result is on the first screen, above every filter; the filters are
// folded into one control that says how many are on; opened, no box in them scrolls on
// its own (a list cut off in a box of its own, with no sign of more, is easily missed).
func TestPhoneSearchResultsFirst(t *testing.T) {
	p := startSearchBrowser(t)
	p.do("emulating a phone", chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile))
	p.open("/search/?year=2024&year=2023")
	p.waitStatus("match the filters")
	var got struct {
		First   float64 `json:"first"`   // top of the first result
		Filters float64 `json:"filters"` // top of the first visible checkbox, or -1
		Summary string  `json:"summary"`
	}
	layout := `(() => {
  const first = document.querySelector("#search-results > li");
  const boxes = [...document.querySelectorAll("#search-facets input")].filter((b) => b.checkVisibility());
  return {
    first: first ? first.getBoundingClientRect().top : -1,
    filters: boxes.length ? Math.min(...boxes.map((b) => b.getBoundingClientRect().top)) : -1,
    summary: document.querySelector("#search-filters > summary")?.textContent ?? "",
  };
})()`
	p.evalInto(&got, layout)
	if got.First < 0 || got.First > phoneHeight {
		t.Errorf("the first result is at %.0fpx; want it on the first screen (%dpx)", got.First, phoneHeight)
	}
	if got.Filters >= 0 && got.Filters < got.First {
		t.Errorf("a filter shows at %.0fpx, above the first result at %.0fpx", got.Filters, got.First)
	}
	if !strings.Contains(got.Summary, "2 active") {
		t.Errorf("the filters control says %q; want it to say that 2 are active", got.Summary)
	}

	p.do("opening the filters", chromedp.Click(chromedp.CSS("#search-filters > summary")))
	p.do("opening every filter group", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("#search-facets details").forEach((d) => { d.open = true; })`))
	p.waitFor("the filters to show", `[...document.querySelectorAll("#search-facets input")].some((b) => b.checkVisibility())`)
	scrolling := p.eval(`[...document.querySelectorAll("#search-filters, #search-filters *")].filter((e) => {
  const s = getComputedStyle(e);
  return /auto|scroll/.test(s.overflowY) && e.scrollHeight > e.clientHeight;
}).map((e) => e.tagName.toLowerCase() + (e.className ? "." + e.className : "")).join(", ")`)
	if scrolling != "" {
		t.Errorf("boxes scroll inside the filters: %s", scrolling)
	}
}

// TestSearchNoLayoutShift loads the search page, on a phone and on a wide screen, with
// its index held back by the server (as a slow connection would), then lets the index
// come and adds up the layout shifts (as Lighthouse's CLS does) until the results are
// in: space is kept for them, so nothing on the screen moves when they come. Shifts
// before the load event are not counted: under a starved CPU (the race detector on two
// cores) Chromium paints the page half parsed, and the header moving as the parser
// reaches the rest of it is the machine's, not the theme's.
func TestSearchNoLayoutShift(t *testing.T) {
	for _, size := range [][2]int64{{phoneWidth, phoneHeight}, {1280, 800}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			p, release := startSearchBrowserIndexHeld(t)
			p.do("setting the screen size", chromedp.EmulateViewport(size[0], size[1]))
			p.open("/search/") // the load event: search.js has run, the manifest is held
			// Observing from the next frame on, once the page loaded has been painted.
			p.do("observing layout shifts", chromedp.Evaluate[chromedp.Void](`new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
  window.shifts = 0;
  window.shiftObserver = new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.shifts += e.value; });
  window.shiftObserver.observe({ type: "layout-shift" });
  resolve();
})))`, chromedp.EvalAwaitPromise))
			release()
			p.waitStatus("newest first")
			shift, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => {
  for (const e of window.shiftObserver.takeRecords()) if (!e.hadRecentInput) window.shifts += e.value;
  window.shiftObserver.disconnect();
  resolve(window.shifts.toFixed(4));
})))`, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("measuring layout shifts: %v", err)
			}
			if shift != "0.0000" {
				t.Errorf("the search page's layout shifts add up to %s as its results come; want 0", shift)
			}
		})
	}
}

// TestSearchResultsHTMLValidate runs html-validate on the search page as the reader
// sees it, results and filters made by search.js included.
func TestSearchResultsHTMLValidate(t *testing.T) {
	bin := needHTMLValidate(t)
	p := startSearchBrowser(t)
	p.open("/search/?q=protection&year=2024")
	p.waitStatus("“protection”")
	p.do("opening the filters", chromedp.Evaluate[chromedp.Void](`document.getElementById("search-filters").open = true`))
	doc := "<!DOCTYPE html>\n" + p.eval(`document.documentElement.outerHTML`)
	dir := t.TempDir()
	file := filepath.Join(dir, "search.html")
	if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	checkHTMLValidate(t, bin, dir, []string{file})
}

// evalInto evaluates a JavaScript expression and decodes its value into v.
func (p *browserPage) evalInto(v any, expr string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, searchDeadline)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](expr))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v", expr, err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		p.t.Fatalf("evaluating %s: %v", expr, err)
	}
}
