package main

// One measured page load or typing session, and what it fetched.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// A session is one visit of a search page in a fresh browser context (empty cache).
type session struct {
	Engine   string     `json:"engine"`
	Kind     string     `json:"kind"` // "link": the query in the URL; "typed": typed on the idle page
	Query    string     `json:"query"`
	Run      int        `json:"run"`
	Phases   []*phase   `json:"phases"`
	Requests []*request `json:"requests"`
	Retries  int        `json:"retries"`
	Notes    []string   `json:"notes,omitempty"`
	Served   []served   `json:"served"`
	start    time.Time  // navigation
	mu       sync.Mutex // guards Requests, byID, inflight, last
	byID     map[network.RequestID]*request
	inflight int
	last     time.Time
	phase    int
	workerAt map[target.ID]time.Time // when each worker's throttling was set
}

// A phase is one step of a session: loading the page, or one query.
type phase struct {
	Name    string  `json:"name"`
	Text    string  `json:"text,omitempty"` // typed
	FirstMS float64 `json:"first_ms"`       // to the first result rendered
	DoneMS  float64 `json:"done_ms"`        // to the whole first page of results rendered
	Status  string  `json:"status"`         // what the page says
	AtMS    float64 `json:"at_ms"`          // when it started, since navigation
}

type request struct {
	URL      string    `json:"url"` // path and query
	Session  string    `json:"session"`
	Phase    int       `json:"phase"`
	Bytes    float64   `json:"bytes"` // CDP encodedDataLength, headers included
	Body     int       `json:"body"`  // the body the server sent (gzipped if it gzips)
	Raw      int       `json:"raw"`   // the file
	Done     bool      `json:"done"`
	Failed   string    `json:"failed,omitempty"`
	Fixed    bool      `json:"fixed,omitempty"` // CDP reported less than the body: body + CDP's bytes counted
	SentMS   float64   `json:"sent_ms"`         // since navigation, as the program saw the events
	EndMS    float64   `json:"end_ms"`
	sentAt   time.Time // when the program saw it sent
	worker   target.ID
	finished bool
}

// measure runs one session, again if the check of its requests fails.
func measure(c config, b *browser, srv *server, engine, kind, q string, runIdx int) (*session, error) {
	if c.only != "" && !slices.Contains(strings.Split(c.only, ","), engine+":"+kind) {
		return &session{Engine: engine, Kind: "skipped"}, nil
	}
	var last error
	for try := range 3 {
		s, err := runSession(c, b, srv, engine, kind, q)
		if err == nil {
			s.Run, s.Retries = runIdx, try
			return s, nil
		}
		last = err
		fmt.Fprintf(os.Stderr, "  %s %s %q: %v; again\n", engine, kind, q, err)
	}
	return nil, last
}

// benchJS is run in every document before its scripts: it records input events and,
// on every DOM change, whether the condition of the query being waited for holds (0
// not yet, 1 the first result shown, 2 the whole first page shown).
const benchJS = `(() => {
  const b = window.__bench = { inputs: [], cond: null, first: null, done: null };
  document.addEventListener("input", () => b.inputs.push(performance.now()), true);
  const check = () => {
    if (!b.cond || b.done !== null) return;
    const r = b.cond();
    if (r >= 1 && b.first === null) b.first = performance.now();
    if (r >= 2) b.done = performance.now();
  };
  b.check = check;
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})();`

// condJS is the condition that the results of query q are rendered.
func condJS(engine, q string) string {
	qs, _ := json.Marshal(q)
	if engine == "folio" {
		// The status is written after the list, in the same task.
		return fmt.Sprintf(`() => { const s = document.getElementById("search-status"); return s && s.textContent.includes("“" + %s + "”") ? 2 : 0; }`, qs)
	}
	// Pagefind's UI says "N results for q", then renders each result when its fragment
	// has loaded, with placeholders (.pagefind-ui__loading) until then.
	return fmt.Sprintf(`() => {
  const m = document.querySelector(".pagefind-ui__message");
  if (!m || !m.textContent.trim().endsWith(" for " + %s)) return 0;
  const items = [...document.querySelectorAll(".pagefind-ui__results > .pagefind-ui__result")];
  if (!items.length) return 0;
  const ready = (li) => !li.querySelector(".pagefind-ui__loading") && li.querySelector(".pagefind-ui__result-link");
  return items.every(ready) ? 2 : ready(items[0]) ? 1 : 0;
}`, qs)
}

func pageURL(c config, srv *server, engine, q string) string {
	if engine == "folio" {
		u := srv.URL + folioPath
		if q != "" {
			u += "?q=" + url.QueryEscape(q)
		}
		return u
	}
	v := url.Values{}
	if c.pageSize > 0 {
		v.Set("pageSize", strconv.Itoa(c.pageSize))
	}
	if q != "" {
		v.Set("q", q)
	}
	u := srv.URL + pagefindPath
	if len(v) > 0 {
		u += "?" + v.Encode()
	}
	return u
}

func runSession(c config, b *browser, srv *server, engine, kind, q string) (*session, error) {
	s := &session{Engine: engine, Kind: kind, Query: q, byID: map[network.RequestID]*request{}, workerAt: map[target.ID]time.Time{}}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	defer cancel()
	tctx, tcancel := context.WithTimeout(ctx, 5*time.Minute)
	defer tcancel()
	conditions := network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: []*network.Conditions{{
		Latency:            float64(c.latency.Milliseconds()),
		DownloadThroughput: c.kbps * 1000 / 8,
		UploadThroughput:   c.kbps * 1000 / 8,
	}}}

	// Open the tab, throttle it, and follow its requests and those of its workers.
	s.watch(tctx, "page", "")
	attached := chromedp.Events(tctx, target.AttachedToTarget)
	if _, err := chromedp.Call(tctx, network.EmulateNetworkConditionsByRule, conditions); err != nil {
		return nil, fmt.Errorf("throttling: %w", err)
	}
	go func() {
		for ev, err := range attached {
			if err != nil {
				return
			}
			if !strings.Contains(ev.TargetInfo.Type, "worker") {
				continue
			}
			id := ev.TargetInfo.TargetID
			go func() {
				wctx, _ := chromedp.NewContext(tctx, chromedp.WithTargetID(id))
				s.watch(wctx, "worker", id)
				if _, err := chromedp.Call(wctx, network.EmulateNetworkConditionsByRule, conditions); err != nil {
					s.note("throttling worker: " + err.Error())
					return
				}
				s.mu.Lock()
				s.workerAt[id] = time.Now()
				s.mu.Unlock()
			}()
		}
	}()
	if _, err := chromedp.Call(tctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: benchJS}); err != nil {
		return nil, err
	}
	// A headless tab is not focused, and focus events would not fire.
	if _, err := chromedp.Call(tctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		return nil, err
	}
	srv.take()

	if kind == "link" {
		// The query is in the URL: time from navigation start to rendered results.
		cond := condJS(engine, q)
		if _, err := chromedp.Call(tctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: "window.__bench.cond = " + cond + ";"}); err != nil {
			return nil, err
		}
		s.start = time.Now()
		if err := chromedp.Do(tctx, chromedp.Navigate(pageURL(c, srv, engine, q))); err != nil {
			return nil, err
		}
		ph := &phase{Name: "first query from a link", Text: q}
		if err := s.wait(tctx, ph, 0); err != nil {
			return nil, err
		}
		s.Phases = append(s.Phases, ph)
	} else {
		// Open the page, wait until it is idle, then type: first query, a later query,
		// one more keystroke.
		s.start = time.Now()
		if err := chromedp.Do(tctx, chromedp.Navigate(pageURL(c, srv, engine, ""))); err != nil {
			return nil, err
		}
		ready := `!!document.querySelector(".pagefind-ui__search-input")`
		sel := ".pagefind-ui__search-input"
		if engine == "folio" {
			ready = `(document.getElementById("search-status") || {}).textContent?.includes("newest first")`
			sel = "#search-q"
		}
		if _, err := chromedp.Run(tctx, chromedp.Poll[bool](ready, chromedp.WithPollingTimeout(3*time.Minute))); err != nil {
			return nil, fmt.Errorf("waiting for the page: %w", err)
		}
		s.idle(tctx)
		if kind == "focused" {
			// The reader clicks in the box, and types only when the page is idle
			// again (Pagefind's UI loads its engine on focus).
			if err := chromedp.Do(tctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
				return nil, err
			}
			s.idle(tctx)
		}
		s.Phases = append(s.Phases, &phase{Name: "page load"})
		steps := []struct{ name, text, q string }{
			{"first query, typed", q, q},
			{"later query, new word", c.later, c.later},
			{"one more keystroke", c.key, c.later + c.key},
		}
		for i, st := range steps {
			s.mu.Lock()
			s.phase = len(s.Phases)
			s.mu.Unlock()
			ph := &phase{Name: st.name, Text: st.text, AtMS: ms(time.Since(s.start))}
			if i == 0 {
				// The reader clicks in the box (Pagefind's UI starts loading its
				// engine on focus), then types.
				if err := chromedp.Do(tctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
					return nil, err
				}
			}
			js := fmt.Sprintf(`(() => { const b = window.__bench; b.cond = %s; b.first = null; b.done = null; b.inputs = [];
  const el = document.querySelector(%q); %s return document.activeElement === el; })()`, condJS(engine, st.q), sel, map[bool]string{true: "el.select();", false: ""}[i == 1])
			if focused, err := chromedp.Run(tctx, chromedp.Evaluate[bool](js)); err != nil || !focused {
				return nil, fmt.Errorf("the search box is not focused (%v)", err)
			}
			var err error
			if i == 2 {
				err = chromedp.Do(tctx, chromedp.KeyEvent(st.text))
			} else {
				_, err = chromedp.Call(tctx, input.InsertText, input.InsertTextParams{Text: st.text})
			}
			if err != nil {
				return nil, err
			}
			if err := s.wait(tctx, ph, 1); err != nil {
				return nil, err
			}
			s.Phases = append(s.Phases, ph)
			s.idle(tctx)
		}
	}
	s.idle(tctx)
	status, _ := chromedp.Run(tctx, chromedp.Evaluate[string](`(document.getElementById("search-status") || document.querySelector(".pagefind-ui__message") || {}).textContent || ""`))
	s.Phases[len(s.Phases)-1].Status = strings.TrimSpace(status)
	return s, s.check(srv.take())
}

// watch records the requests of a target (the page or a worker).
func (s *session) watch(ctx context.Context, who string, worker target.ID) {
	sent := chromedp.Events(ctx, network.RequestWillBeSent)
	fin := chromedp.Events(ctx, network.LoadingFinished)
	failed := chromedp.Events(ctx, network.LoadingFailed)
	go func() {
		for ev, err := range sent {
			if err != nil {
				return
			}
			if strings.HasPrefix(ev.Request.URL, "data:") {
				continue
			}
			u, _ := url.Parse(ev.Request.URL)
			s.mu.Lock()
			r := s.byID[ev.RequestID]
			if r == nil {
				r = &request{URL: u.RequestURI(), Session: who, Phase: s.phase, sentAt: time.Now(), worker: worker, SentMS: ms(time.Since(s.start))}
				s.byID[ev.RequestID] = r
				s.Requests = append(s.Requests, r)
				s.inflight++
			}
			s.last = time.Now()
			s.mu.Unlock()
		}
	}()
	end := func(id network.RequestID, bytes float64, fail string) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.last = time.Now()
		r := s.byID[id]
		if r == nil || r.finished {
			return
		}
		r.finished = true
		r.EndMS = ms(time.Since(s.start))
		r.Done = fail == ""
		r.Failed = fail
		r.Bytes = bytes
		s.inflight--
	}
	go func() {
		for ev, err := range fin {
			if err != nil {
				return
			}
			end(ev.RequestID, ev.EncodedDataLength, "")
		}
	}()
	go func() {
		for ev, err := range failed {
			if err != nil {
				return
			}
			end(ev.RequestID, 0, ev.ErrorText)
		}
	}()
}

func (s *session) note(msg string) {
	s.mu.Lock()
	s.Notes = append(s.Notes, msg)
	s.mu.Unlock()
}

// idle waits until no request has been in flight for a second (two minutes at most).
func (s *session) idle(ctx context.Context) {
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		s.mu.Lock()
		quiet := s.inflight <= 0 && time.Since(s.last) > time.Second
		s.mu.Unlock()
		if quiet {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.note("the network was not idle within two minutes")
}

// wait waits for the condition of the phase and reads its times: from navigation start
// (from = 0) or from the first input event (from = 1).
func (s *session) wait(ctx context.Context, ph *phase, from int) error {
	type times struct {
		Inputs []float64 `json:"inputs"`
		First  *float64  `json:"first"`
		Done   *float64  `json:"done"`
	}
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		t, err := chromedp.Run(ctx, chromedp.Evaluate[times](`(() => { const b = window.__bench; b.check(); return { inputs: b.inputs, first: b.first, done: b.done }; })()`))
		if err == nil && t.Done != nil {
			t0 := 0.0
			if from == 1 {
				if len(t.Inputs) == 0 {
					return errors.New("no input event recorded")
				}
				t0 = t.Inputs[len(t.Inputs)-1]
			}
			ph.FirstMS, ph.DoneMS = *t.First-t0, *t.Done-t0
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("%s %q: no results after three minutes", ph.Name, ph.Text)
}

// check matches the requests the browser reported with the responses the server sent:
// every response must have been seen by a throttled session, and its CDP size must
// cover its body.
func (s *session) check(log []served) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Served = log
	pending := map[string][]*request{}
	for _, r := range s.Requests {
		pending[r.URL] = append(pending[r.URL], r)
	}
	for _, x := range log {
		rs := pending[x.URI]
		if len(rs) == 0 {
			return fmt.Errorf("the server answered %s, which no throttled session reported", x.URI)
		}
		r := rs[0]
		pending[x.URI] = rs[1:]
		r.Body, r.Raw = x.Body, x.Raw
		if r.worker != "" {
			at, ok := s.workerAt[r.worker]
			if !ok || r.sentAt.Before(at) {
				return fmt.Errorf("worker request %s was sent before the worker was throttled", x.URI)
			}
		}
		if r.Bytes < float64(r.Body) {
			// Chromium reports the worker's script in the worker's session with
			// only its headers: count the body the server sent on top.
			r.Fixed = true
			r.Bytes += float64(r.Body)
		}
	}
	for _, r := range s.Requests {
		if !r.finished {
			return fmt.Errorf("%s never finished", r.URL)
		}
	}
	return nil
}
