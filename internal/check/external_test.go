package check

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"folio/internal/diag"
)

// testServer answers like the sites a brief links to: some well, some not at all.
// It records the most requests it ever had in flight at once.
type testServer struct {
	*httptest.Server
	inFlight, most atomic.Int32
	mu             sync.Mutex
	methods        map[string][]string // path → methods asked, in order
}

func newTestServer(t *testing.T) *testServer {
	s := &testServer{methods: map[string][]string{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := s.inFlight.Add(1)
		defer s.inFlight.Add(-1)
		for m := s.most.Load(); n > m && !s.most.CompareAndSwap(m, n); m = s.most.Load() {
		}
		s.mu.Lock()
		s.methods[r.URL.Path] = append(s.methods[r.URL.Path], r.Method)
		s.mu.Unlock()
		time.Sleep(5 * time.Millisecond) // long enough for overlapping requests to show
		switch r.URL.Path {
		case "/ok", "/landing":
		case "/head-refused":
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
			}
		case "/missing":
			http.NotFound(w, r)
		case "/gone":
			w.WriteHeader(http.StatusGone)
		case "/broken":
			w.WriteHeader(http.StatusInternalServerError)
		case "/forbidden":
			w.WriteHeader(http.StatusForbidden)
		case "/moved":
			http.Redirect(w, r, "/landing", http.StatusMovedPermanently)
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case "/slow":
			select {
			case <-time.After(5 * time.Second):
			case <-r.Context().Done():
			}
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func TestFetchAll(t *testing.T) {
	a, b := newTestServer(t), newTestServer(t)
	paths := []string{"/ok", "/head-refused", "/missing", "/gone", "/broken", "/forbidden", "/moved", "/loop", "/slow"}
	var urls []string
	for _, p := range paths {
		urls = append(urls, a.URL+p, b.URL+p)
	}
	got := fetchAll(context.Background(), urls, Options{Timeout: time.Second, Workers: 4, HostDelay: time.Millisecond, ExternalPrivate: true})
	want := map[string]string{
		"/ok":           "ok",
		"/head-refused": "ok",
		"/moved":        "ok",
		"/missing":      "error: 404 Not Found",
		"/gone":         "error: 410 Gone",
		"/loop":         "error: more than 10 redirects (a redirect loop?)",
		"/broken":       "warning: 500 Internal Server Error (may be temporary)",
		"/forbidden":    "warning: 403 Forbidden (the site may refuse automated checks: open it in a browser)",
		"/slow":         "warning: no answer within 1s",
	}
	for _, srv := range []*testServer{a, b} {
		for _, p := range paths {
			v := got[srv.URL+p]
			s := "ok"
			if !v.ok {
				s = map[diag.Severity]string{diag.SevError: "error", diag.SevWarning: "warning"}[v.severity] + ": " + v.problem
			}
			if s != want[p] {
				t.Errorf("%s: %s; want %s", p, s, want[p])
			}
		}
		// One request at a time per host.
		if m := srv.most.Load(); m != 1 {
			t.Errorf("%s had %d requests in flight at once; want 1", srv.URL, m)
		}
		srv.mu.Lock()
		if m := fmt.Sprint(srv.methods["/head-refused"]); m != "[HEAD GET]" {
			t.Errorf("/head-refused was asked %s; want HEAD, then GET", m)
		}
		if m := fmt.Sprint(srv.methods["/ok"]); m != "[HEAD]" {
			t.Errorf("/ok was asked %s; want HEAD only", m)
		}
		if m := fmt.Sprint(srv.methods["/slow"]); m != "[HEAD]" {
			t.Errorf("/slow was asked %s; want HEAD only (no GET after a timeout)", m)
		}
		srv.mu.Unlock()
	}
}

// TestFetchAllWorkers: over many hosts, no more than Workers requests at once.
func TestFetchAllWorkers(t *testing.T) {
	var inFlight, most atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(50 * time.Millisecond)
	}))
	defer srv.Close()
	// Twelve host names for one server: the transport dials the server for all.
	transport := &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, srv.Listener.Addr().String())
	}}
	var urls []string
	for i := range 12 {
		urls = append(urls, fmt.Sprintf("http://host%d.example/page", i))
	}
	got := fetchAll(context.Background(), urls, Options{Workers: 3, Transport: transport})
	for _, u := range urls {
		if !got[u].ok {
			t.Errorf("%s: %+v", u, got[u])
		}
	}
	if m := most.Load(); m > 3 || m < 2 {
		t.Errorf("%d requests in flight at once; want at most 3 (and more than 1: hosts are fetched in parallel)", m)
	}
}

func TestJudgeErrors(t *testing.T) {
	dns := &net.DNSError{Err: "no such host", Name: "nowhere.example", IsNotFound: true}
	for _, tt := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("get: %w", dns), "error: host nowhere.example not found"},
		{context.DeadlineExceeded, "warning: no answer within 10s"},
		{errors.New("connection refused"), "warning: could not fetch: connection refused"},
	} {
		v := judge(0, "", tt.err, 10*time.Second)
		got := map[diag.Severity]string{diag.SevError: "error", diag.SevWarning: "warning"}[v.severity] + ": " + v.problem
		if v.ok || got != tt.want {
			t.Errorf("judge(%v) = %s; want %s", tt.err, got, tt.want)
		}
	}
}

// TestExternalInterrupted: a cancelled check says so once, instead of reporting every
// link it could not fetch.
func TestExternalInterrupted(t *testing.T) {
	srv := newTestServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c := &checker{report: &Report{}, opts: Options{Timeout: time.Second}}
	c.checkExternal(ctx, map[string][]occurrence{srv.URL + "/slow": {{pg: &htmlPage{rel: "index.html"}}}})
	if got := c.report.Diagnostics.Error(); got != "external links: interrupted before all were checked" || len(c.found) > 0 {
		t.Errorf("diagnostics %q, findings %v", got, c.found)
	}
}

// connCounter is a server on 127.0.0.1 that counts the connections made to it.
type connCounter struct {
	*httptest.Server
	conns atomic.Int32
}

func newConnCounter(t *testing.T, h http.HandlerFunc) *connCounter {
	s := &connCounter{Server: httptest.NewUnstartedServer(h)}
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.Start()
	t.Cleanup(s.Close)
	return s
}

func (s *connCounter) addr() netip.AddrPort {
	return netip.MustParseAddrPort(s.Listener.Addr().String())
}

func describe(v verdict) string {
	if v.ok {
		return "ok"
	}
	return map[diag.Severity]string{diag.SevError: "error", diag.SevWarning: "warning"}[v.severity] + ": " + v.problem
}

// TestFetchPrivate: a link to this machine is not fetched, not even connected to, unless
// ExternalPrivate says so.
func TestFetchPrivate(t *testing.T) {
	srv := newConnCounter(t, func(http.ResponseWriter, *http.Request) {})
	u := srv.URL + "/ok"
	got := fetchAll(context.Background(), []string{u}, Options{Timeout: 5 * time.Second})
	want := "warning: not checked: points to a private address (127.0.0.1); use --external-private to check it"
	if s := describe(got[u]); s != want {
		t.Errorf("%s: %s; want %s", u, s, want)
	}
	if n := srv.conns.Load(); n != 0 {
		t.Errorf("the server had %d connections; want none", n)
	}
	got = fetchAll(context.Background(), []string{u}, Options{Timeout: 5 * time.Second, ExternalPrivate: true})
	if s := describe(got[u]); s != "ok" || srv.conns.Load() == 0 {
		t.Errorf("with ExternalPrivate, %s: %s after %d connections; want ok", u, s, srv.conns.Load())
	}
}

// TestFetchRedirectToPrivate: the address is checked at every connection, so a public
// page that redirects to a private address is refused at the redirect. Tests reach only
// loopback, so here one server on it counts as public.
func TestFetchRedirectToPrivate(t *testing.T) {
	private := newConnCounter(t, func(http.ResponseWriter, *http.Request) {})
	public := newConnCounter(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/to-private" {
			http.Redirect(w, r, private.URL+"/metadata", http.StatusFound)
		}
	})
	transport := newTransport(func(ap netip.AddrPort) bool { return ap != public.addr() && privateAddr(ap) })
	ok, redirect := public.URL+"/ok", public.URL+"/to-private"
	got := fetchAll(context.Background(), []string{ok, redirect}, Options{Timeout: 5 * time.Second, HostDelay: time.Millisecond, Transport: transport})
	if s := describe(got[ok]); s != "ok" {
		t.Errorf("%s: %s; want ok (the public server is reached)", ok, s)
	}
	want := "warning: not checked: redirects to " + private.URL + "/metadata, a private address (127.0.0.1); use --external-private to check it"
	if s := describe(got[redirect]); s != want {
		t.Errorf("%s: %s; want %s", redirect, s, want)
	}
	if n := private.conns.Load(); n != 0 {
		t.Errorf("the private server had %d connections; want none", n)
	}
}

func TestPrivateAddr(t *testing.T) {
	for _, tt := range []struct {
		addr    string
		private bool
	}{
		{"127.0.0.1", true}, {"127.9.9.9", true}, {"::1", true},
		{"0.0.0.0", true}, {"::", true}, {"0.1.2.3", true},
		{"10.1.2.3", true}, {"172.16.0.1", true}, {"172.31.255.255", true}, {"192.168.1.1", true},
		{"fc00::1", true}, {"fd12:3456::1", true},
		{"169.254.169.254", true}, {"::ffff:169.254.169.254", true}, {"fe80::1", true},
		{"100.64.0.1", true}, {"100.127.255.255", true},
		{"224.0.0.1", true}, {"ff02::1", true},
		{"8.8.8.8", false}, {"93.184.216.34", false}, {"172.32.0.1", false}, {"100.128.0.1", false},
		{"2606:4700::1111", false}, {"::ffff:8.8.8.8", false},
	} {
		if got := privateAddr(netip.AddrPortFrom(netip.MustParseAddr(tt.addr), 443)); got != tt.private {
			t.Errorf("privateAddr(%s) = %v; want %v", tt.addr, got, tt.private)
		}
	}
}
