package pdf

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"mime"
	"net/url"
	"os"
	"os/exec"
	"path"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// ErrNoChrome is the error of New when no browser is found.
var ErrNoChrome = errors.New("install Chromium (apt-get install chromium) or pass --chrome PATH")

// browsers are the names looked up on PATH when Options.Chrome is empty, in order.
var browsers = []string{"chromium", "chromium-browser", "google-chrome"}

// startTimeout bounds the browser's start.
const startTimeout = time.Minute

// Options say which browser renders and what it may read.
type Options struct {
	Chrome  string        // the browser: a path or a name on PATH; "" tries chromium, chromium-browser, google-chrome
	Jobs    int           // tabs rendering at once; 0 means runtime.NumCPU()
	Dir     string        // the output folder of a build: every request is answered from it
	BaseURL string        // the site's absolute base URL, ending in "/": the URLs that map to Dir
	Timeout time.Duration // for one PDF; 0 means two minutes
}

// A Result is one rendered PDF.
type Result struct {
	PDF     []byte
	Pages   int
	Blocked []string // URLs outside the site the page asked for: they were not fetched
	Missing []string // URLs under the site's base URL with no file in the output folder
	// Warnings are problems that did not stop the PDF, such as document information
	// that could not be written (the PDF then has Chromium's).
	Warnings []string
}

// A Renderer prints pages of one output folder to PDF with one headless browser and a
// pool of at most Options.Jobs tabs. Render may be called from several goroutines.
type Renderer struct {
	opts    Options
	base    *url.URL // Options.BaseURL, parsed
	root    *os.Root
	dataDir string

	allocCancel   context.CancelFunc
	browser       context.Context
	browserCancel context.CancelFunc

	slots chan struct{} // one per tab that may exist
	mu    sync.Mutex
	idle  []*tab
}

// FindChrome returns the browser to run: name when given (a path, or a name on PATH),
// else the first of chromium, chromium-browser and google-chrome on PATH. The error
// wraps ErrNoChrome.
func FindChrome(name string) (string, error) {
	if name != "" {
		p, err := exec.LookPath(name)
		if err != nil {
			return "", fmt.Errorf("--chrome %s: not found or not executable: %w", name, ErrNoChrome)
		}
		return p, nil
	}
	for _, b := range browsers {
		if p, err := exec.LookPath(b); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no Chromium found (looked for %s on PATH): %w", strings.Join(browsers, ", "), ErrNoChrome)
}

// New starts the browser. Close stops it.
func New(opts Options) (*Renderer, error) {
	chrome, err := FindChrome(opts.Chrome)
	if err != nil {
		return nil, err
	}
	if opts.Jobs <= 0 {
		opts.Jobs = runtime.NumCPU()
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 2 * time.Minute
	}
	base, err := url.Parse(opts.BaseURL)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("pdf: base URL %q is not an absolute http or https URL", opts.BaseURL)
	}
	base = canonicalURL(base)
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	opts.BaseURL = base.String()
	root, err := os.OpenRoot(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("pdf: output folder: %w", err)
	}
	dataDir, err := os.MkdirTemp("", "folio-chromium-")
	if err != nil {
		root.Close()
		return nil, err
	}
	r := &Renderer{opts: opts, base: base, root: root, dataDir: dataDir, slots: make(chan struct{}, opts.Jobs)}

	// Every page request is answered by the Fetch handler below, before any name
	// lookup: no host needs to resolve.
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), Flags(chrome, dataDir, false)...)
	r.allocCancel = allocCancel
	r.browser, r.browserCancel = chromedp.NewContext(allocCtx)
	// The first action starts the browser and binds its life to r.browser, so it
	// cannot have a deadline of its own: a browser that never answers is stopped by
	// Close, which ends the action.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(r.browser) }()
	select {
	case err = <-started:
	case <-time.After(startTimeout):
		err = fmt.Errorf("no answer after %s", startTimeout)
	}
	if err != nil {
		r.Close()
		return nil, fmt.Errorf("starting %s: %w", chrome, err)
	}
	return r, nil
}

// Close closes the tabs, stops the browser and removes its profile. No Render may be
// running.
func (r *Renderer) Close() error {
	r.mu.Lock()
	for _, t := range r.idle {
		t.cancel()
	}
	r.idle = nil
	r.mu.Unlock()
	if r.browserCancel != nil {
		r.browserCancel()
	}
	if r.allocCancel != nil {
		r.allocCancel()
	}
	r.root.Close()
	return os.RemoveAll(r.dataDir)
}

// Render prints the page at the slash-separated path page, relative to the output
// folder, to PDF, and sets the PDF's document information to info.
func (r *Renderer) Render(ctx context.Context, page string, info Info) (*Result, error) {
	select {
	case r.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-r.slots }()
	t, err := r.tab()
	if err != nil {
		return nil, err
	}
	res, err := t.render(ctx, r.base.JoinPath(page).String(), r.opts.Timeout)
	if err != nil {
		t.cancel() // a tab that failed may be in any state
		return nil, fmt.Errorf("rendering %s: %w", page, err)
	}
	r.mu.Lock()
	r.idle = append(r.idle, t)
	r.mu.Unlock()
	if withInfo, err := SetInfo(res.PDF, info); err != nil {
		res.Warnings = append(res.Warnings, err.Error())
	} else {
		res.PDF = withInfo
	}
	res.Pages = CountPages(res.PDF)
	return res, nil
}

// tab returns an idle tab, or opens one.
func (r *Renderer) tab() (*tab, error) {
	r.mu.Lock()
	if n := len(r.idle); n > 0 {
		t := r.idle[n-1]
		r.idle = r.idle[:n-1]
		r.mu.Unlock()
		return t, nil
	}
	r.mu.Unlock()
	ctx, cancel := chromedp.NewContext(r.browser)
	t := &tab{r: r, ctx: ctx, cancel: cancel}
	paused := chromedp.Events(ctx, fetch.RequestPaused) // opens the tab
	go t.serve(paused)
	_, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}})
	if err != nil {
		cancel()
		return nil, fmt.Errorf("opening a tab: %w", err)
	}
	return t, nil
}

// A tab is one browser tab whose every request is answered by serve.
type tab struct {
	r      *Renderer
	ctx    context.Context
	cancel context.CancelFunc

	mu  sync.Mutex
	res *Result // of the render in progress
}

func (t *tab) render(ctx context.Context, pageURL string, timeout time.Duration) (*Result, error) {
	res := &Result{}
	t.mu.Lock()
	t.res = res
	t.mu.Unlock()
	defer func() {
		t.mu.Lock()
		t.res = nil
		t.mu.Unlock()
	}()

	// The tab's context lives as long as the tab; this render's limits come from ctx
	// and the timeout.
	rctx, cancel := context.WithTimeout(t.ctx, timeout)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()

	resp, err := chromedp.Run(rctx, chromedp.NavigateResponse(pageURL))
	if err != nil {
		return nil, err
	}
	if resp != nil && resp.Status != 200 {
		return nil, fmt.Errorf("%s: %d %s", pageURL, resp.Status, resp.StatusText)
	}
	// Fonts load after the load event when a stylesheet asks for them.
	if _, err := chromedp.Run(rctx, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		return nil, fmt.Errorf("waiting for fonts: %w", err)
	}
	data, err := chromedp.Run(rctx, chromedp.PrintToPDF(
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
		chromedp.PDFOutlineAndTagged(),
	))
	if err != nil {
		return nil, fmt.Errorf("printing: %w", err)
	}
	res.PDF = data
	return res, nil
}

// serve answers the paused requests of the tab until it closes: a URL under the site's
// base URL from the output folder, anything else fails without touching the network.
func (t *tab) serve(paused iter.Seq2[fetch.EventRequestPaused, error]) {
	for ev, err := range paused {
		if err != nil {
			return
		}
		go t.answer(ev)
	}
}

func (t *tab) answer(ev fetch.EventRequestPaused) {
	u := ev.Request.URL
	// The browser asks for /favicon.ico on its own: no page needs it.
	favicon := strings.HasSuffix(strings.SplitN(u, "?", 2)[0], "/favicon.ico")
	rel, ok := t.r.site(u)
	if !ok || (ev.Request.Method != "GET" && ev.Request.Method != "HEAD") {
		if !favicon {
			t.note(func(r *Result) { r.Blocked = append(r.Blocked, u) })
		}
		chromedp.Call(t.ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
		return
	}
	data, name, err := t.r.file(rel)
	if err != nil {
		if !favicon {
			t.note(func(r *Result) { r.Missing = append(r.Missing, u) })
		}
		chromedp.Call(t.ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
			RequestID: ev.RequestID, ResponseCode: 404,
			ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "text/plain; charset=utf-8"}},
			Body:            []byte("not found\n"),
		})
		return
	}
	chromedp.Call(t.ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
		RequestID: ev.RequestID, ResponseCode: 200,
		ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: contentType(name)}},
		Body:            data,
	})
}

func (t *tab) note(f func(*Result)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.res != nil {
		f(t.res)
	}
}

// site reports whether a URL is under the site's base URL, and returns its path
// relative to it, unescaped.
func (r *Renderer) site(raw string) (rel string, ok bool) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	u = canonicalURL(u)
	if u.Scheme != r.base.Scheme || u.Host != r.base.Host || u.User != nil {
		return "", false
	}
	p := u.EscapedPath()
	if p == strings.TrimSuffix(r.base.EscapedPath(), "/") {
		p += "/"
	}
	if !strings.HasPrefix(p, r.base.EscapedPath()) {
		return "", false
	}
	rel, err = url.PathUnescape(strings.TrimPrefix(p, r.base.EscapedPath()))
	return rel, err == nil
}

// canonicalURL lower-cases the scheme and host and drops a default port, as the
// browser does.
func canonicalURL(u *url.URL) *url.URL {
	c := *u
	c.Scheme = strings.ToLower(c.Scheme)
	host, port := strings.ToLower(c.Hostname()), c.Port()
	if (c.Scheme == "https" && port == "443") || (c.Scheme == "http" && port == "80") {
		port = ""
	}
	c.Host = host
	if strings.Contains(host, ":") {
		c.Host = "[" + host + "]"
	}
	if port != "" {
		c.Host += ":" + port
	}
	return &c
}

// file reads the file a slash-separated path relative to the base URL names: a
// folder's index.html for a folder. It never reads outside the output folder.
func (r *Renderer) file(rel string) (data []byte, name string, err error) {
	name = path.Clean("/" + rel)[1:]
	if name == "" || strings.HasSuffix(rel, "/") {
		name = path.Join(name, "index.html")
	}
	if fi, err := r.root.Stat(name); err == nil && fi.IsDir() {
		name = path.Join(name, "index.html")
	}
	data, err = fs.ReadFile(r.root.FS(), name)
	return data, name, err
}

// contentType is the Content-Type for a file name.
func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

var pageObject = regexp.MustCompile(`/Type\s*/Page\b`)

// CountPages counts the page objects of a PDF.
func CountPages(pdf []byte) int {
	return len(pageObject.FindAllIndex(pdf, -1))
}

// Flags are the options of a headless Chromium run by folio (PDFs, and the browser tests
// and benchmarks): the executable, a profile folder of its own, and no background
// traffic. No host name resolves, except 127.0.0.1 with loopback, so nothing the browser
// might try on its own reaches the network. WebRTC, which a page's script (unsafe_html)
// can use to send UDP to any IP address, past the Fetch handler and the resolver rules,
// may only go through a proxy, and there is none. (Chromium 156 honours
// --webrtc-ip-handling-policy; --force-webrtc-ip-handling-policy does not stop it.)
func Flags(chrome, profile string, loopback bool) []chromedp.ExecAllocatorOption {
	rules := "MAP * ~NOTFOUND"
	if loopback {
		rules += ", EXCLUDE 127.0.0.1"
	}
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-pings", true),
		chromedp.Flag("no-proxy-server", true),
		chromedp.Flag("webrtc-ip-handling-policy", "disable_non_proxied_udp"),
		chromedp.Flag("host-resolver-rules", rules),
	)
}
