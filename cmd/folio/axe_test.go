package main

// The accessibility gate: axe-core (the npm package pinned in package.json) runs in real
// headless Chromium on one page of every kind (pageKinds) of the sample site and of a
// generated site of 300 publications, in the light and the dark colour scheme, since
// the theme's colours (and so its contrast) differ. Any serious or critical violation
// fails the test, named by rule, impact, element and page.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"folio/internal/pdf"
	"folio/internal/testtool"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// axeScriptPath is axe-core's browser build, installed by `npm ci`.
const axeScriptPath = "../../node_modules/axe-core/axe.min.js"

// axeDeadline bounds each step in the browser: loading a page, waiting for its scripts,
// one axe run. Generous, for slow and busy machines.
const axeDeadline = 60 * time.Second

func TestAxeSampleSite(t *testing.T) {
	chrome, axe := needAxe(t)
	runAxe(t, chrome, axe, buildSample(t))
}

func TestAxeGeneratedSite(t *testing.T) {
	chrome, axe := needAxe(t)
	runAxe(t, chrome, axe, buildGenerated(t))
}

// needAxe returns the browser to run and axe-core's source. Without either it skips the
// test, except in CI (CI set), where .ci/run installs both: there it fails.
func needAxe(t *testing.T) (chrome string, axe []byte) {
	t.Helper()
	notShort(t, "axe in a browser")
	chrome = needChromium(t)
	axe, err := os.ReadFile(axeScriptPath)
	if err != nil {
		testtool.Missing(t, fmt.Sprintf("axe-core is not installed (%v)", err), "npm ci --ignore-scripts")
	}
	return chrome, axe
}

// An axeViolation is one failed rule on one element, as axe reports it.
type axeViolation struct {
	Rule    string `json:"rule"`
	Impact  string `json:"impact"` // minor, moderate, serious or critical
	Help    string `json:"help"`
	Target  string `json:"target"` // CSS selector of the element
	HTML    string `json:"html"`
	Summary string `json:"summary"`
}

// axeRunJS runs every rule axe enables by default (WCAG 2 A and AA, and best
// practices) on the whole document, and lists the violations per element.
const axeRunJS = `axe.run(document, {resultTypes: ["violations"]})` + axeListJS

// axeColourJS runs only the rules that a colour scheme can change: the contrast of
// text, and links told from the text around them.
const axeColourJS = `axe.run(document, {resultTypes: ["violations"], runOnly: {type: "rule", values: ["color-contrast", "link-in-text-block"]}})` + axeListJS

const axeListJS = `.then((r) => r.violations.flatMap((v) =>
  v.nodes.map((n) => ({
    rule: v.id,
    impact: n.impact || v.impact || "",
    help: v.help,
    target: n.target.map((s) => Array.isArray(s) ? s.join(" >>> ") : s).join(" | "),
    html: n.html.length > 200 ? n.html.slice(0, 200) + "…" : n.html,
    summary: (n.failureSummary || "").replace(/\s+/g, " "),
  }))))`

// runAxe checks one page of every kind of the site built in dest, in both colour
// schemes, and fails with every serious or critical violation. Minor and moderate ones
// are logged.
func runAxe(t *testing.T, chrome string, axe []byte, dest string) {
	b := startAxeBrowser(t, chrome, dest)
	var failures []string
	minor := map[string]int{} // "rule (impact)" → elements
	checked := 0
	for _, pg := range pageKinds(t, dest) {
		b.open(pg)
		for _, scheme := range []string{"light", "dark"} {
			b.do(pg, "emulating prefers-color-scheme: "+scheme, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
				})
				return err
			}))
			if got := b.eval(pg, `matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"`); got != scheme {
				t.Fatalf("%s: the page sees the %s scheme, want %s", pg.Path, got, scheme)
			}
			if b.eval(pg, `typeof axe`) == "undefined" {
				b.do(pg, "loading axe-core", chromedp.Evaluate[chromedp.Void](string(axe)))
			}
			// The light scheme gets every rule; the dark one, the rules colours can fail
			// (the rest of the page is the same).
			run := axeRunJS
			if scheme == "dark" {
				run = axeColourJS
			}
			ctx, cancel := context.WithTimeout(b.ctx, axeDeadline)
			vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](run, chromedp.EvalAwaitPromise))
			cancel()
			if err != nil {
				t.Fatalf("%s (%s, %s scheme): running axe: %v", pg.Path, pg.Kind, scheme, err)
			}
			checked++
			for _, v := range vs {
				if v.Impact != "serious" && v.Impact != "critical" {
					minor[fmt.Sprintf("%s (%s)", v.Rule, v.Impact)]++
					continue
				}
				failures = append(failures, fmt.Sprintf("%s (%s, %s scheme): %s [%s] at %s: %s\n\t%s\n\t%s",
					pg.Path, pg.Kind, scheme, v.Rule, v.Impact, v.Target, v.Help, v.HTML, v.Summary))
			}
		}
	}
	t.Logf("axe checked %d pages in two colour schemes", checked/2)
	if len(minor) > 0 {
		keys := make([]string, 0, len(minor))
		for k, n := range minor {
			keys = append(keys, fmt.Sprintf("%s on %d elements", k, n))
		}
		slices.Sort(keys)
		t.Logf("minor and moderate findings (not failures):\n\t%s", strings.Join(keys, "\n\t"))
	}
	if len(failures) > 0 {
		t.Errorf("axe found %d serious or critical violations:\n%s", len(failures), strings.Join(failures, "\n"))
	}
}

// An axeBrowser is one tab of a headless Chromium showing a built site served on
// loopback.
type axeBrowser struct {
	t       *testing.T
	ctx     context.Context
	base    string
	chrome  string
	crashed bool // Chromium crashed once and was started again (launch)

	mu      sync.Mutex
	current string // the URL path the tab was sent to
}

// startAxeBrowser serves dest on 127.0.0.1 and starts Chromium. The browser stops when
// the test ends.
//
// The server answers a navigation to any page other than the one the tab was sent to
// with 204 No Content, which leaves the tab where it is: an alias's redirect page
// (<meta http-equiv="refresh">) stays on screen to be checked.
func startAxeBrowser(t *testing.T, chrome, dest string) *axeBrowser {
	t.Helper()
	b := &axeBrowser{t: t}
	files := http.FileServer(http.Dir(dest))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b.mu.Lock()
		current := b.current
		b.mu.Unlock()
		if r.Header.Get("Sec-Fetch-Dest") == "document" && r.URL.Path != current {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if strings.HasSuffix(r.URL.Path, ".bin") {
			w.Header().Set("Content-Type", "application/octet-stream")
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("test server at %s, not on 127.0.0.1", srv.URL)
	}
	b.base, b.chrome = srv.URL, chrome
	b.launch()
	return b
}

// launch starts Chromium, with a profile of its own, and opens a tab.
func (b *axeBrowser) launch() {
	b.t.Helper()
	profile := b.t.TempDir() // removed after the browser has stopped (cleanups run last first)
	flags := append(pdf.Flags(b.chrome, profile, true), chromedp.WindowSize(1280, 900))
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), flags...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	b.t.Cleanup(func() {
		cancel()
		allocCancel()
	})
	b.ctx = ctx
	// The first action on the tab's own context starts the browser; one on a context
	// with a deadline would stop it again when the deadline's context is cancelled.
	if err := chromedp.Do(ctx); err != nil {
		b.t.Fatalf("starting %s: %v", b.chrome, err)
	}
}

// do runs actions in the tab, failing the test on an error.
func (b *axeBrowser) do(pg sitePage, what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, axeDeadline)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s (%s): %s: %v", pg.Path, pg.Kind, what, err)
	}
}

// navigate sends the tab to url, again if another navigation aborted it. Once per
// test, a Chromium that crashed (it did, with a segmentation fault, under the race
// detector on two cores) is started again and sent there: every check of the page
// comes after the navigation, so none is skipped.
func (b *axeBrowser) navigate(pg sitePage, what, url string) {
	b.t.Helper()
	for try := 1; ; try++ {
		ctx, cancel := context.WithTimeout(b.ctx, axeDeadline)
		err := chromedp.Do(ctx, chromedp.Navigate(url))
		cancel()
		if err == nil {
			return
		}
		if strings.Contains(err.Error(), "browser process exited") && !b.crashed {
			b.crashed = true
			b.t.Logf("%s (%s): %s: %v: starting Chromium again", pg.Path, pg.Kind, what, err)
			b.launch()
			continue
		}
		if !strings.Contains(err.Error(), "net::ERR_ABORTED") || try == 5 {
			b.t.Fatalf("%s (%s): %s: %v", pg.Path, pg.Kind, what, err)
		}
	}
}

// eval evaluates a JavaScript expression whose value is a string.
func (b *axeBrowser) eval(pg sitePage, expr string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, axeDeadline)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		b.t.Fatalf("%s (%s): evaluating %s: %v", pg.Path, pg.Kind, expr, err)
	}
	return v
}

// open loads a page, waits for its load event and then, if the page says so, for its
// scripts to be done.
func (b *axeBrowser) open(pg sitePage) {
	b.t.Helper()
	path, _, _ := strings.Cut(pg.Path, "?")
	// Leave the previous page first. An alias's redirect page refreshes to its target
	// (answered 204, so the tab stays), and a navigation that starts while the refresh
	// does is aborted (net::ERR_ABORTED), depending on timing: such a navigation is
	// simply made again.
	b.navigate(pg, "leaving the previous page", "about:blank")
	b.mu.Lock()
	b.current = path
	b.mu.Unlock()
	b.navigate(pg, "opening the page", b.base+pg.Path)
	if pg.Ready == "" {
		return
	}
	deadline := time.Now().Add(axeDeadline)
	for {
		ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!(`+pg.Ready+`)`))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("%s (%s): the page's scripts did not finish (%s) in %v (last error: %v)", pg.Path, pg.Kind, pg.Ready, axeDeadline, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestAxeFindsViolations shows that the gate can fail: axe, run the way runAxe runs it,
// reports a page with an image without alt text, an unlabelled input and text of too
// little contrast, as serious or critical.
func TestAxeFindsViolations(t *testing.T) {
	chrome, axe := needAxe(t)
	dir := t.TempDir()
	bad := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bad</title></head>
<body><main><h1>Bad page</h1><img src="x.png"><input type="text">
<p style="color:#bbb;background:#fff">Faint text.</p></main></body></html>`
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	b := startAxeBrowser(t, chrome, dir)
	pg := sitePage{Kind: "bad", Path: "/"}
	b.open(pg)
	b.do(pg, "loading axe-core", chromedp.Evaluate[chromedp.Void](string(axe)))
	ctx, cancel := context.WithTimeout(b.ctx, axeDeadline)
	defer cancel()
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axeRunJS, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]string{}
	for _, v := range vs {
		found[v.Rule] = v.Impact
	}
	for _, rule := range []string{"image-alt", "label", "color-contrast"} {
		if imp := found[rule]; imp != "serious" && imp != "critical" {
			t.Errorf("axe reports %s as %q; want serious or critical (all: %v)", rule, imp, found)
		}
	}
}
