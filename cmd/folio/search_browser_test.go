package main

// End-to-end tests of the search page in real headless Chromium: the sample site is
// built once (buildSample), served by a loopback httptest server, and driven with
// chromedp. Every wait polls the page until a condition holds, with a generous deadline;
// no wait is a sleep tuned to the machine.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"folio/internal/pdf"
	"folio/internal/testtool"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// searchDeadline bounds every wait for the page: generous, for slow and busy machines.
const searchDeadline = 45 * time.Second

// needChromium returns the browser to run. Without one it skips the test, except in CI
// (CI set), whose .ci/run installs Chromium: there a missing browser fails the test.
func needChromium(t *testing.T) string {
	t.Helper()
	notShort(t, "a browser")
	chrome, err := pdf.FindChrome("")
	if err == nil {
		return chrome
	}
	testtool.Missing(t, err.Error(), "") // the error says how to install it
	return ""
}

// serveSite serves a built site on a loopback address. The index files are served as
// application/octet-stream, as a static host would. hold, when not nil, is called
// before each response and may delay it.
func serveSite(t *testing.T, dir string, hold func(r *http.Request)) *httptest.Server {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hold != nil {
			hold(r)
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
	return srv
}

// A browserPage is one tab of a headless Chromium started for one test, showing pages
// of a site served on loopback.
type browserPage struct {
	t       *testing.T
	ctx     context.Context
	base    string // the server's URL, no trailing slash
	chrome  string
	listen  func(p *browserPage) // starts the tab and notes what in the page fails the test
	crashed bool                 // Chromium crashed once and was started again (launch)

	mu     sync.Mutex
	errors []string // uncaught exceptions and console errors of the page
}

// startSearchBrowser starts Chromium on the sample site. The browser stops when the
// test ends; an uncaught exception or a console error in the page fails the test.
func startSearchBrowser(t *testing.T) *browserPage {
	t.Helper()
	return startSearchBrowserHolding(t, nil)
}

// startSearchBrowserIndexHeld is startSearchBrowser with a server that holds the
// search index's manifest back, as a slow connection would, until release is called
// (or the test ends).
func startSearchBrowserIndexHeld(t *testing.T) (p *browserPage, release func()) {
	t.Helper()
	held := make(chan struct{})
	var once sync.Once
	release = func() { once.Do(func() { close(held) }) }
	p = startSearchBrowserHolding(t, func(r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/search/manifest.") {
			select {
			case <-held:
			case <-r.Context().Done():
			}
		}
	})
	t.Cleanup(release)
	return p, release
}

// startSearchBrowserHolding is startSearchBrowser with a server that calls hold before
// each response (see serveSite).
func startSearchBrowserHolding(t *testing.T, hold func(r *http.Request)) *browserPage {
	t.Helper()
	chrome := needChromium(t)
	return newBrowserPage(t, chrome, serveSite(t, buildSample(t), hold).URL, listenErrors)
}

// newBrowserPage starts Chromium for pages at base. listen starts the tab (its first
// action on p.ctx starts the browser) and notes what in the page fails the test; it is
// called again when Chromium is started again after a crash.
func newBrowserPage(t *testing.T, chrome, base string, listen func(p *browserPage)) *browserPage {
	t.Helper()
	p := &browserPage{t: t, base: base, chrome: chrome, listen: listen}
	p.launch()
	t.Cleanup(func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		for _, e := range p.errors {
			t.Errorf("in the page: %s", e)
		}
	})
	return p
}

// launch starts Chromium, with a profile of its own, and opens a tab (p.listen).
func (p *browserPage) launch() {
	p.t.Helper()
	profile := p.t.TempDir() // removed after the browser has stopped (cleanups run last first)
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), pdf.Flags(p.chrome, profile, true)...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	p.t.Cleanup(func() {
		cancel()
		allocCancel()
	})
	p.ctx = ctx
	p.listen(p)
}

// startTab starts the browser and opens the tab, noting nothing. It runs on the tab's
// own context: started by an action with a deadline, the browser would stop with it.
func startTab(p *browserPage) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx); err != nil {
		p.t.Fatalf("starting %s: %v", p.chrome, err)
	}
}

// listenErrors notes the page's uncaught exceptions and console errors and warnings.
func listenErrors(p *browserPage) {
	exceptions := chromedp.Events(p.ctx, runtime.ExceptionThrown) // starts the browser, opens the tab
	console := chromedp.Events(p.ctx, runtime.ConsoleAPICalled)
	go func() {
		for ev, err := range exceptions {
			if err != nil {
				return
			}
			msg := ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil && ev.ExceptionDetails.Exception.Description != "" {
				msg += " " + ev.ExceptionDetails.Exception.Description
			}
			p.note("uncaught exception: " + msg)
		}
	}()
	go func() {
		for ev, err := range console {
			if err != nil {
				return
			}
			if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeWarning {
				continue
			}
			var args []string
			for _, a := range ev.Args {
				if a.Description != "" {
					args = append(args, a.Description)
				} else {
					args = append(args, string(a.Value))
				}
			}
			p.note("console." + string(ev.Type) + ": " + strings.Join(args, " "))
		}
	}()
}

func (p *browserPage) note(msg string) {
	p.mu.Lock()
	p.errors = append(p.errors, msg)
	p.mu.Unlock()
}

// do runs actions in the tab, failing the test on an error.
func (p *browserPage) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, searchDeadline)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.t.Fatalf("%s: %v\npage: %s", what, err, p.state())
	}
}

// open loads a page of the site (a path starting with /) and waits for its load event.
// Once per test, a Chromium that crashed (as it did once under the race detector on two
// cores) is started again and sent there; a crash between two openings still fails the
// test.
func (p *browserPage) open(path string) {
	p.t.Helper()
	navigate := func() error {
		ctx, cancel := context.WithTimeout(p.ctx, searchDeadline)
		defer cancel()
		return chromedp.Do(ctx, chromedp.Navigate(p.base+path))
	}
	err := navigate()
	if err != nil && strings.Contains(err.Error(), "browser process exited") && !p.crashed {
		p.crashed = true
		p.t.Logf("opening %s: %v: starting Chromium again", path, err)
		p.launch()
		err = navigate()
	}
	if err != nil {
		p.t.Fatalf("opening %s: %v\npage: %s", path, err, p.state())
	}
}

// searchState is what a reader sees on the search page.
type searchState struct {
	URL     string   `json:"url"`     // path and query
	Query   string   `json:"query"`   // the search box
	Status  string   `json:"status"`  // #search-status
	Titles  []string `json:"titles"`  // the result titles, in order
	Links   []string `json:"links"`   // their links
	Checked []string `json:"checked"` // the checked facet boxes, as param=value
	Marks   []string `json:"marks"`   // the highlighted words of the first result
}

func (s searchState) String() string {
	return fmt.Sprintf("url %s, query %q, status %q, checked %q, %d results %q", s.URL, s.Query, s.Status, s.Checked, len(s.Titles), s.Titles)
}

const searchStateJS = `(() => {
  const q = document.getElementById("search-q") || document.getElementById("header-q");
  const all = (sel) => [...document.querySelectorAll(sel)];
  return {
    url: location.pathname + location.search,
    query: q ? q.value : "",
    status: (document.getElementById("search-status") || {}).textContent || "",
    titles: all("#search-results > li h2").map((h) => h.textContent),
    links: all("#search-results > li h2 a").map((a) => new URL(a.href).pathname),
    checked: all("#search-facets input[type=checkbox]:checked").map((c) => c.name + "=" + c.value),
    marks: all("#search-results > li:first-child h2 mark, #search-results > li:first-child p mark").map((m) => m.textContent),
  };
})()`

// state reads the search page; on an error it says so, for failure messages.
func (p *browserPage) state() searchState {
	ctx, cancel := context.WithTimeout(p.ctx, 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[searchState](searchStateJS))
	if err != nil {
		return searchState{Status: "(page not readable: " + err.Error() + ")"}
	}
	return s
}

// waitFor polls the page until the JavaScript expression cond is true, then returns
// the page's state. Each evaluation is a call of its own, so a navigation while it
// polls (a form submitted, history traversed) only fails one evaluation.
func (p *browserPage) waitFor(what, cond string) searchState {
	p.t.Helper()
	deadline := time.Now().Add(searchDeadline)
	var last error
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(p.ctx, 10*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!(`+cond+`)`))
		cancel()
		if err == nil && ok {
			return p.state()
		}
		if err != nil {
			last = err
		}
		select {
		case <-p.ctx.Done():
			p.t.Fatalf("waiting for %s: %v", what, p.ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
	p.t.Fatalf("waiting for %s: not after %v (last error: %v)\npage: %s", what, searchDeadline, last, p.state())
	return searchState{}
}

// waitStatus waits until #search-status contains text.
func (p *browserPage) waitStatus(text string) searchState {
	p.t.Helper()
	return p.waitFor(fmt.Sprintf("the status to say %q", text),
		fmt.Sprintf(`(document.getElementById("search-status") || {}).textContent?.includes(%s)`, jsString(text)))
}

// waitUntil polls the page's state until ok holds, and returns it.
func (p *browserPage) waitUntil(what string, ok func(searchState) bool) searchState {
	p.t.Helper()
	deadline := time.Now().Add(searchDeadline)
	var s searchState
	for time.Now().Before(deadline) {
		if s = p.state(); ok(s) {
			return s
		}
		select {
		case <-p.ctx.Done():
			p.t.Fatalf("waiting for %s: %v", what, p.ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
	p.t.Fatalf("waiting for %s: not after %v\npage: %s", what, searchDeadline, s)
	return s
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// count is the number of publications a status announces: "12 publications match …",
// "1 publication matches …", "No publications match …".
func (s searchState) count() int {
	if strings.HasPrefix(s.Status, "No publications") {
		return 0
	}
	n, err := strconv.Atoi(strings.SplitN(s.Status, " ", 2)[0])
	if err != nil {
		return -1
	}
	return n
}

// typeInto selects the text of the input sel and types text over it, key by key.
func (p *browserPage) typeInto(sel, text string) {
	p.t.Helper()
	p.do("typing "+text,
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const el = document.querySelector(%s); el.focus(); el.select(); })()`, jsString(sel))),
		chromedp.SendKeys(chromedp.CSS(sel), text))
}

// facetCount is the count in the label of a facet's checkbox: "2023 (4)" is 4.
func (p *browserPage) facetCount(param, value string) int {
	p.t.Helper()
	box := fmt.Sprintf(`#search-facets input[name="%s"][value="%s"]`, param, value)
	label := p.eval(fmt.Sprintf(`(() => {
  const box = document.querySelector(%s);
  return box ? document.querySelector('label[for="' + box.id + '"]').textContent : "";
})()`, jsString(box)))
	lo, hi := strings.LastIndex(label, "("), strings.LastIndex(label, ")")
	if lo < 0 || hi < lo {
		p.t.Fatalf("no count in the label of facet %s=%s: %q\npage: %s", param, value, label, p.state())
	}
	n, err := strconv.Atoi(label[lo+1 : hi])
	if err != nil {
		p.t.Fatalf("label of facet %s=%s: %q: %v", param, value, label, err)
	}
	return n
}

// check ticks the box of a facet value and waits for the results it announces in its
// label, which must differ from the count before, so the wait cannot end early.
func (p *browserPage) check(param, value string) searchState {
	p.t.Helper()
	before := p.state().count()
	want := p.facetCount(param, value)
	if want == before {
		p.t.Fatalf("facet %s=%s has the count already shown (%d): choose another for this test", param, value, want)
	}
	box := fmt.Sprintf(`#search-facets input[name="%s"][value="%s"]`, param, value)
	// The filters fold on a narrow screen, and their groups too: open them first.
	p.do("opening the filters of "+param, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(
		`(() => { document.getElementById("search-filters").open = true; document.querySelector(%s).closest("details").open = true; })()`, jsString(box))))
	p.do("checking "+param+"="+value, chromedp.Click(chromedp.CSS(box)))
	s := p.waitFor(fmt.Sprintf("%d results after checking %s=%s", want, param, value), fmt.Sprintf(
		`document.querySelector(%s)?.checked && /^%d publications? match/.test(document.getElementById("search-status").textContent)`,
		jsString(box), want))
	if s.count() != want {
		p.t.Fatalf("after checking %s=%s: status %q, want %d publications", param, value, s.Status, want)
	}
	return s
}

// eval evaluates a JavaScript expression whose value is a string.
func (p *browserPage) eval(expr string) string {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, searchDeadline)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// history goes back (-1) or forward (+1) in the tab's history, as the browser's
// buttons do, without waiting for a load: the entries of the search page are of
// the same document.
func (p *browserPage) history(delta int64) {
	p.t.Helper()
	p.do("going through history", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		h, err := cdp.Call(ctx, t, page.GetNavigationHistory, cdp.Empty{})
		if err != nil {
			return err
		}
		i := h.CurrentIndex + delta
		if i < 0 || i >= int64(len(h.Entries)) {
			var urls []string
			for _, e := range h.Entries {
				urls = append(urls, e.URL)
			}
			return fmt.Errorf("no history entry %+d from entry %d of %q", delta, h.CurrentIndex, urls)
		}
		_, err = cdp.Call(ctx, t, page.NavigateToHistoryEntry, page.NavigateToHistoryEntryParams{EntryID: h.Entries[i].ID})
		return err
	}))
}

// entries returns the path and query of the tab's history entries, and the index of
// the current one.
func (p *browserPage) entries() ([]string, int) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, searchDeadline)
	defer cancel()
	h, err := chromedp.Call(ctx, page.GetNavigationHistory, cdp.Empty{})
	if err != nil {
		p.t.Fatalf("reading the history: %v", err)
	}
	var urls []string
	for _, e := range h.Entries {
		urls = append(urls, strings.TrimPrefix(e.URL, p.base))
	}
	return urls, int(h.CurrentIndex)
}

// TestSearchBrowserQuery types a query on /search/ and sees the publication expected
// first, with the words highlighted and the count announced; ArrowDown then moves to
// the first result, and the URL has the query as soon as the box has lost the focus
// (while typing, search.js writes it a moment after the results).
func TestSearchBrowserQuery(t *testing.T) {
	p := startSearchBrowser(t)
	p.open("/search/")
	s := p.waitStatus("newest first")
	if len(s.Titles) != 10 {
		t.Errorf("before a query: %d results shown, want the newest 10\npage: %s", len(s.Titles), s)
	}
	if live := p.eval(`document.getElementById("search-status").getAttribute("aria-live") || ""`); live != "polite" {
		t.Errorf("#search-status has aria-live %q, want polite", live)
	}

	// "Warning Without Response: Early-Warning Gaps in UNMISS" has both words in its
	// title (hyphenated), summary and tags; several other briefs mention them.
	p.typeInto("#search-q", "early warning")
	s = p.waitStatus("“early warning”")
	if s.count() < 2 || len(s.Links) < 2 {
		t.Fatalf("want several results for \"early warning\"\npage: %s", s)
	}
	if want := "/publications/south-sudan-early-warning-gaps/"; s.Links[0] != want {
		t.Errorf("first result %s (%q), want %s\npage: %s", s.Links[0], s.Titles[0], want, s)
	}
	if !slices.Contains(s.Marks, "Early-Warning") {
		t.Errorf("first result highlights %q, want \"Early-Warning\" among them", s.Marks)
	}

	p.do("pressing ArrowDown", chromedp.SendKeys(chromedp.ID("search-q"), kb.ArrowDown))
	if got := p.eval(`document.activeElement.closest("#search-results") ? new URL(document.activeElement.href).pathname : document.activeElement.outerHTML`); got != s.Links[0] {
		t.Errorf("after ArrowDown in the search box, focus is on %s, want the first result %s", got, s.Links[0])
	}
	if u := p.state().URL; u != "/search/?q=early+warning" {
		t.Errorf("URL %s once the focus has left the search box, want /search/?q=early+warning", u)
	}
}

// TestSearchBrowserFacets narrows a query with an objective and then a year: each time
// the count becomes the one the checkbox announced, the results carry the value, and
// the URL has it; with the query removed, the facets alone still list publications.
func TestSearchBrowserFacets(t *testing.T) {
	p := startSearchBrowser(t)
	p.open("/search/")
	p.waitStatus("newest first")
	p.typeInto("#search-q", "protection")
	all := p.waitStatus("“protection”")

	s := p.check("objective", "accountability")
	if s.count() >= all.count() {
		t.Errorf("the objective did not narrow the results: %d, then %d", all.count(), s.count())
	}
	if bad := p.eval(`[...document.querySelectorAll("#search-results > li")].filter((li) =>
	  ![...li.querySelectorAll(".tags li")].some((t) => t.textContent.includes("Accountability for performance"))).length + ""`); bad != "0" {
		t.Errorf("%s results do not show the objective Accountability for performance\npage: %s", bad, s)
	}
	if s.URL != "/search/?q=protection&objective=accountability" {
		t.Errorf("URL %s, want /search/?q=protection&objective=accountability", s.URL)
	}

	s2 := p.check("year", "2023")
	if s2.count() >= s.count() {
		t.Errorf("the year did not narrow the results: %d, then %d", s.count(), s2.count())
	}
	if bad := p.eval(`[...document.querySelectorAll("#search-results > li time")].filter((t) => !t.dateTime.startsWith("2023")).length + ""`); bad != "0" {
		t.Errorf("%s results are not dated 2023\npage: %s", bad, s2)
	}
	if !slices.Equal(s2.Checked, []string{"objective=accountability", "year=2023"}) {
		t.Errorf("checked %q, want objective=accountability and year=2023", s2.Checked)
	}

	// Facets without a query: every publication of 2023 on accountability.
	p.typeInto("#search-q", "\b")
	p.waitStatus("match the filters")
	s3 := p.waitUntil("the query gone from the URL", func(s searchState) bool { return !strings.Contains(s.URL, "q=") })
	if s3.count() < s2.count() || s3.URL != "/search/?objective=accountability&year=2023" {
		t.Errorf("without the query: %s; want at least the %d results with it, and the filters in the URL", s3, s2.count())
	}
}

// TestSearchBrowserSharedURL loads the URL of a search made by typing and ticking
// boxes, and sees the same state: the query in the box, the boxes checked, the same
// results in the same order.
func TestSearchBrowserSharedURL(t *testing.T) {
	const shared = "/search/?q=accountability&objective=accountability&year=2023" // the example
	p := startSearchBrowser(t)
	p.open("/search/")
	p.waitStatus("newest first")
	p.typeInto("#search-q", "accountability")
	p.waitStatus("“accountability”")
	p.check("objective", "accountability")
	want := p.check("year", "2023")
	if want.URL != shared {
		t.Fatalf("URL %s after the search, want %s", want.URL, shared)
	}
	if len(want.Links) == 0 {
		t.Fatalf("no results for the shared search\npage: %s", want)
	}

	p.open(shared)
	got := p.waitStatus("“accountability”")
	if got.Query != want.Query || got.Status != want.Status || !slices.Equal(got.Checked, want.Checked) || !slices.Equal(got.Links, want.Links) || got.URL != shared {
		t.Errorf("loading the shared URL:\n got  %s\n want %s", got, want)
	}
}

// TestSearchBrowserNoMatch: a query that matches nothing says so, alone and with
// filters.
func TestSearchBrowserNoMatch(t *testing.T) {
	p := startSearchBrowser(t)
	p.open("/search/")
	p.waitStatus("newest first")
	p.typeInto("#search-q", "zyzzyvaquux")
	s := p.waitStatus("“zyzzyvaquux”")
	if s.Status != "No publications match “zyzzyvaquux”." || len(s.Titles) != 0 {
		t.Errorf("for a word in no publication: %s", s)
	}
	if more := p.eval(`document.querySelector(".search-more").hidden + ""`); more != "true" {
		t.Errorf("the More results button is shown with no results")
	}

	p.open("/search/?q=Abyei&year=2019") // the Abyei brief is from 2024
	s = p.waitStatus("“Abyei”")
	if s.Status != "No publications match “Abyei” with these filters." || len(s.Titles) != 0 {
		t.Errorf("for a query with filters that exclude its results: %s", s)
	}
}

// TestSearchBrowserHistory submits two queries, each after its results have shown,
// then narrows the second by a year, and goes back to the start and forward again: each
// step shows its query in the box, its boxes checked, its results and its URL. Typing
// adds one history entry per query (the first keystroke pushes, the others replace it),
// not one per keystroke; Enter and a checkbox settle the entry, so that the next
// keystroke makes a new one.
func TestSearchBrowserHistory(t *testing.T) {
	p := startSearchBrowser(t)
	p.open("/search/")
	start := p.waitStatus("newest first")

	submit := func(q string) searchState {
		t.Helper()
		p.typeInto("#search-q", q)
		p.waitStatus("“" + q + "”")
		p.do("submitting", chromedp.SendKeys(chromedp.ID("search-q"), "\n"))
		return p.waitUntil("the URL of "+q, func(s searchState) bool { return s.URL == "/search/?q="+q })
	}
	first := submit("Abyei")
	second := submit("MINUSMA")
	if slices.Equal(first.Links, second.Links) {
		t.Fatalf("the two queries have the same results: %s", first)
	}
	year := p.eval(`(() => {
  const total = parseInt(document.getElementById("search-status").textContent, 10);
  const box = [...document.querySelectorAll('#search-facets input[name="year"]')].find((b) =>
    parseInt(document.querySelector('label[for="' + b.id + '"]').textContent.split("(").pop(), 10) < total);
  return box ? box.value : "";
})()`)
	if year == "" {
		t.Fatalf("no year narrows the results of MINUSMA\npage: %s", second)
	}
	third := p.check("year", year)

	want := []string{"/search/", "/search/?q=Abyei", "/search/?q=MINUSMA", "/search/?q=MINUSMA&year=" + year}
	entries, cur := p.entries()
	if cur != len(entries)-1 || len(entries) < len(want) || !slices.Equal(entries[len(entries)-len(want):], want) {
		t.Fatalf("history entries %q (current: %d): want them to end with %q, the last current", entries, cur, want)
	}

	states := []searchState{start, first, second, third}
	same := func(got, want searchState) bool {
		return got.URL == want.URL && got.Query == want.Query && got.Status == want.Status &&
			slices.Equal(got.Checked, want.Checked) && slices.Equal(got.Links, want.Links)
	}
	for i := len(states) - 2; i >= 0; i-- {
		p.history(-1)
		p.waitUntil("going back to "+states[i].URL, func(s searchState) bool { return same(s, states[i]) })
	}
	for i := 1; i < len(states); i++ {
		p.history(+1)
		p.waitUntil("going forward to "+states[i].URL, func(s searchState) bool { return same(s, states[i]) })
	}
}

// TestSearchBrowserHeaderBox searches from the box in the header of the home page:
// the search page opens with the query and its results.
func TestSearchBrowserHeaderBox(t *testing.T) {
	p := startSearchBrowser(t)
	p.open("/")
	p.do("typing in the header search box", chromedp.SendKeys(chromedp.ID("header-q"), "Abyei\n"))
	s := p.waitStatus("“Abyei”")
	if s.URL != "/search/?q=Abyei" || s.Query != "Abyei" || !slices.Equal(s.Links, []string{"/publications/abyei-migration-season-risks/"}) {
		t.Errorf("after searching from the header: %s", s)
	}
}

// TestSearchBrowserTypedBeforeIndex types a query while the index is still loading
// (its manifest held back by the server, as a slow connection would): when it arrives,
// the query typed is searched, and kept in the box and the URL.
func TestSearchBrowserTypedBeforeIndex(t *testing.T) {
	p, release := startSearchBrowserIndexHeld(t)
	p.open("/search/") // the load event: search.js has run, the manifest is held
	if s := p.state(); s.Status != "" || len(s.Titles) != 0 {
		t.Fatalf("the page shows results before its index has loaded: %s", s)
	}
	p.typeInto("#search-q", "Abyei")
	p.waitStatus("Searching…") // the reader is told something is happening
	release()
	s := p.waitFor("the results of the query typed, or the newest publications",
		`/“Abyei”|newest first/.test(document.getElementById("search-status").textContent)`)
	if s.Query != "Abyei" || s.URL != "/search/?q=Abyei" || !slices.Equal(s.Links, []string{"/publications/abyei-migration-season-risks/"}) {
		t.Errorf("a query typed while the index loaded: %s; want its result, and the query kept in the box and the URL", s)
	}
}

// TestSearchBrowserWithoutDecompression opens a shared search link in a browser without
// DecompressionStream (before 2023), which cannot read the compressed index files: the
// page says so plainly, offers no box to type in, fetches no index file, and logs no
// error (startSearchBrowser fails the test on one).
func TestSearchBrowserWithoutDecompression(t *testing.T) {
	var mu sync.Mutex
	var fetched []string
	p := startSearchBrowserHolding(t, func(r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".bin") {
			mu.Lock()
			fetched = append(fetched, r.URL.Path)
			mu.Unlock()
		}
	})
	p.do("removing DecompressionStream", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument,
			page.AddScriptToEvaluateOnNewDocumentParams{Source: "delete window.DecompressionStream;"})
		return err
	}))
	p.open("/search/?q=Abyei")
	s := p.waitStatus("Search needs a newer browser")
	if len(s.Titles) != 0 {
		t.Errorf("results shown without DecompressionStream: %s", s)
	}
	if got := p.eval(`String(document.getElementById("search-q").disabled) + " " + document.getElementById("search-results").getAttribute("aria-busy")`); got != "true null" {
		t.Errorf("search box disabled, results aria-busy: %s; want true null (nothing to type into, nothing pending)", got)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(fetched) != 0 {
		t.Errorf("index files fetched by a browser that cannot read them: %q", fetched)
	}
}
