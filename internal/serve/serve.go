// Package serve is folio's live preview: it builds the site into memory, serves it on
// loopback, watches the site's files, rebuilds on every save and reloads open pages.
//
// A rebuild is a full build with the Markdown cache of internal/site: a change to one
// brief renders only that brief's Markdown again, then re-runs the templates, which are
// cheap. There is no dependency graph to get wrong. Nothing is written to disk: the
// server swaps in the new set of files only when the build succeeded, so a mistake keeps
// the last good site on screen, with an overlay listing every error as path:line:col.
//
// Routes: /__folio/events is a Server-Sent Events stream ("reload", "errors");
// /__folio/live.js is the client, injected into HTML responses only by this server.
// Everything else is looked up in the built files; a folder serves its index.html, and
// a missing file the site's 404.html with status 404. Paths are looked up in a map of
// built files, so no request can reach a file outside the site.
//
// A request must name the server by a host it answers to (its Host header, port aside):
// localhost, a loopback address (127.0.0.1, [::1]) or the host of Options.Addr, and with
// Expose any IP address. Any other name gets 403. Otherwise a web page the writer visits
// could point a name of its own at 127.0.0.1 (DNS rebinding) and read the preview, drafts
// included, as a page of its own origin. Rebinding needs a name that the attacker's DNS
// answers for, never an IP address, so an exposed server, which others reach by the
// machine's addresses, can accept any address.
package serve

import (
	"cmp"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"folio/internal/build"
	"folio/internal/diag"
)

//go:embed live.js
var liveJS []byte

// Options configure Run.
type Options struct {
	Build  build.Options
	Addr   string        // host:port; loopback unless Expose
	Expose bool          // allow a non-loopback address
	Poll   time.Duration // scan for changes at this interval instead of using fsnotify
	Out    io.Writer     // a line per rebuild
	Err    io.Writer     // diagnostics and warnings
	Ready  func(url string)
	Listen net.Listener // optional, for tests: serve on this listener instead of Addr
}

// state is what the server shows: the last good build and the current errors.
type state struct {
	files    build.Files
	errs     []string // non-empty when the latest build failed
	warnings []string // of the latest good build
}

// Server holds the current site and the clients waiting for events.
type Server struct {
	mu      sync.RWMutex
	st      state
	clients map[chan event]bool
	// search holds the newest complete search index and search page. Builds leave them
	// out (build.Options.DeferSearch) so that a large site's index does not delay the
	// reload; they are made after each good build and swapped in when ready.
	search build.Files
	gen    int // counts good builds, so a late index never replaces a newer one

	name    string // the host of Options.Addr: a request may name the server by it, or localhost
	anyAddr bool   // a request may name the server by any IP address, not only a loopback one
}

type event struct{ name, data string }

// CheckAddr refuses a non-loopback address unless expose is set.
func CheckAddr(addr string, expose bool) (warning string, err error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("--addr %q: %w", addr, err)
	}
	if host == "localhost" {
		return "", nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return "", nil
	}
	if !expose {
		return "", fmt.Errorf("--addr %s is not a loopback address: add --expose to serve the preview to other machines", addr)
	}
	return fmt.Sprintf("warning: serving on %s: drafts and unpublished work are visible to anyone who can reach this address", addr), nil
}

// Run builds, serves and watches until ctx is cancelled. It returns nil after a clean
// shutdown.
func Run(ctx context.Context, opts Options) error {
	warning, err := CheckAddr(opts.Addr, opts.Expose)
	if opts.Listen == nil && err != nil {
		return err
	}
	if warning != "" {
		fmt.Fprintln(opts.Err, warning)
	}
	root, err := filepath.Abs(opts.Build.Source)
	if err != nil {
		return err
	}
	dest := opts.Build.Dest
	if dest == "" {
		dest = filepath.Join(root, "public")
	} else if dest, err = filepath.Abs(dest); err != nil {
		return err
	}

	// Listen first: a port in use fails before any work, and the build can use the
	// real address as its base URL, so every link and canonical URL works in preview.
	ln := opts.Listen
	if ln == nil {
		if ln, err = net.Listen("tcp", opts.Addr); err != nil {
			if errors.Is(err, syscall.EADDRINUSE) {
				return fmt.Errorf("%s is already in use (another folio serve?): stop it, or choose another address with --addr, such as --addr %s",
					opts.Addr, nextPort(opts.Addr))
			}
			return err
		}
	}
	url := "http://" + ln.Addr().String() + "/"
	bopts := opts.Build
	bopts.BaseURL = url
	bopts.DeferSearch = true

	s := &Server{clients: map[chan event]bool{}, anyAddr: opts.Expose}
	if host, _, err := net.SplitHostPort(opts.Addr); err == nil {
		s.name = strings.ToLower(host)
	}
	b := build.New(bopts)
	first := true
	rebuild := func(why string) {
		res, files, errs := b.BuildMemory()
		for _, w := range errs.Warnings() {
			fmt.Fprintln(opts.Err, w)
		}
		if errs.HasErrors() {
			for _, e := range errs.Errors() {
				fmt.Fprintln(opts.Err, e)
			}
			n := len(errs.Errors())
			fmt.Fprintf(opts.Out, "%s: build failed with %d %s; still serving the last good site\n", why, n, plural(n, "error", "errors"))
			s.fail(errs.Errors())
			return
		}
		changed, gen := s.succeed(files, errs.Warnings(), first)
		fmt.Fprintf(opts.Out, "%s: %d files changed, %d pages re-rendered (%d Markdown), in %s\n",
			why, changed, res.Executed, res.Rendered, res.Time.Round(time.Millisecond))
		index := func() {
			files, err := res.Search()
			if err != nil {
				fmt.Fprintf(opts.Err, "%v\n", err)
				return
			}
			s.searchReady(gen, files)
		}
		if first {
			index() // the first page anyone opens may be the search page
		} else {
			go index()
		}
		first = false
	}
	// Watch before the first build, so that a file saved while it runs is not missed.
	changes := make(chan Change)
	watchErrs := make(chan error, 8)
	wctx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	if err := watch(wctx, root, dest, opts.Poll, changes, watchErrs); err != nil {
		ln.Close()
		return fmt.Errorf("watching %s: %w", root, err)
	}
	rebuild("initial build")

	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	fmt.Fprintf(opts.Out, "serving %s at %s (Ctrl-C to stop)\n", root, url)
	if opts.Ready != nil {
		opts.Ready(url)
	}

	for {
		select {
		case <-ctx.Done():
			stopWatch()
			s.closeClients()
			shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			srv.Shutdown(shutdown)
			return nil
		case err := <-serveErr:
			if errors.Is(err, http.ErrServerClosed) {
				return nil
			}
			return err
		case err := <-watchErrs:
			fmt.Fprintf(opts.Err, "watcher: %v\n", err)
		case c := <-changes:
			why := fmt.Sprintf("%s changed (%s)", c.Kinds, strings.Join(shorten(c.Files, 3), ", "))
			rebuild(why)
		}
	}
}

func shorten(files []string, n int) []string {
	if len(files) <= n {
		return files
	}
	return append(files[:n:n], fmt.Sprintf("and %d more", len(files)-n))
}

// succeed swaps in a new build, with the newest search index, and tells clients to
// reload (unless it is the first build: nobody is looking yet). It returns how many
// files differ from the previous build, and the build's number.
func (s *Server) succeed(files build.Files, warnings diag.List, first bool) (int, int) {
	s.mu.Lock()
	for p, data := range s.search {
		files[p] = data
	}
	s.gen++
	gen := s.gen
	changed := 0
	for p, data := range files {
		if old, ok := s.st.files[p]; !ok || !same(old, data) {
			changed++
		}
	}
	for p := range s.st.files {
		if _, ok := files[p]; !ok {
			changed++
		}
	}
	s.st = state{files: files, warnings: lines(warnings)}
	s.mu.Unlock()
	if !first {
		s.broadcast(event{name: "reload", data: "{}"})
	}
	return changed, gen
}

// same reports whether two versions of a file are equal. Unchanged pages come from the
// last build to memory as the very same slice, so most comparisons end at the pointer.
func same(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	return string(a) == string(b)
}

// searchReady swaps in the search index made after build gen, unless a newer build
// came first (its own index will follow), and tells the search page to reload.
func (s *Server) searchReady(gen int, search build.Files) {
	s.mu.Lock()
	if gen != s.gen {
		s.mu.Unlock()
		return
	}
	files := make(build.Files, len(s.st.files)+len(search))
	for p, data := range s.st.files {
		files[p] = data
	}
	for p, data := range search {
		files[p] = data
	}
	s.st.files, s.search = files, search
	s.mu.Unlock()
	s.broadcast(event{name: "search", data: "{}"})
}

// fail keeps the last good files and shows the errors.
func (s *Server) fail(errs diag.List) {
	lines := lines(errs)
	s.mu.Lock()
	s.st.errs = lines
	s.mu.Unlock()
	data, _ := json.Marshal(lines)
	s.broadcast(event{name: "errors", data: string(data)})
}

func lines(list diag.List) []string {
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = e.Error()
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// nextPort suggests the address after addr ("127.0.0.1:1314" after ":1313").
func nextPort(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	n, perr := strconv.Atoi(port)
	if err != nil || perr != nil || n >= 65535 {
		return "127.0.0.1:1314"
	}
	return net.JoinHostPort(cmp.Or(host, "127.0.0.1"), strconv.Itoa(n+1))
}

func (s *Server) broadcast(ev event) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for c := range s.clients {
		select {
		case c <- ev:
		default: // a slow client misses an event; it will get the next
		}
	}
}

func (s *Server) closeClients() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.clients {
		close(c)
		delete(s.clients, c)
	}
}

// ServeHTTP serves the built site, the event stream and the live reload script.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hostAllowed(r.Host) {
		http.Error(w, fmt.Sprintf("folio serve does not answer to the name %q: open the address it printed when it started (such as http://127.0.0.1:1313/)", r.Host), http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case "/__folio/events":
		s.events(w, r)
		return
	case "/__folio/live.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(liveJS)
		return
	}
	s.mu.RLock()
	st := s.st
	s.mu.RUnlock()
	w.Header().Set("Cache-Control", "no-store")

	// The map lookup is the containment: a cleaned, slash-rooted path can only name a
	// built file. Reject anything that still mentions "..", or NUL, to be plain about it.
	p := r.URL.Path
	if strings.Contains(p, "..") || strings.ContainsRune(p, 0) || strings.Contains(p, "\\") {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+p), "/")
	if strings.HasSuffix(p, "/") || name == "" {
		name = path.Join(name, "index.html")
	}
	data, ok := st.files[name]
	if !ok {
		if _, isDir := st.files[path.Join(name, "index.html")]; isDir {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
	}
	status := http.StatusOK
	if !ok {
		status = http.StatusNotFound
		name = "404.html"
		data, ok = st.files[name]
		if !ok {
			data = []byte("<!DOCTYPE html><title>Not found</title><p>Not found.</p>")
		}
	}
	if st.files == nil {
		// No good build yet: a page that only shows the errors.
		name, status = "error.html", http.StatusServiceUnavailable
		data = []byte("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>folio: build failed</title></head><body><main><h1>The site has errors</h1><p>Fix them and this page reloads.</p></main></body></html>")
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ctype)
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data)
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// hostAllowed reports whether a request's Host header (name or address, and port) is one
// the server answers to; see the package comment for why.
func (s *Server) hostAllowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	if addr, err := netip.ParseAddr(host); err == nil {
		return s.anyAddr || addr.Unmap().IsLoopback()
	}
	return host == "localhost" || host != "" && host == s.name
}

// inject adds the live reload client before </body>. The client gets the current
// errors, if any, from the event stream as soon as it connects.
func inject(page []byte) []byte {
	const script = `<script src="/__folio/live.js"></script>`
	s := string(page)
	if i := strings.LastIndex(s, "</body>"); i >= 0 {
		return []byte(s[:i] + script + s[i:])
	}
	return append(page, script...)
}

// events streams Server-Sent Events to one client until it goes away.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan event, 4)
	s.mu.Lock()
	s.clients[c] = true
	errs, warnings := s.st.errs, s.st.warnings
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		if s.clients[c] {
			delete(s.clients, c)
		}
		s.mu.Unlock()
	}()
	fmt.Fprint(w, ": connected\n\n")
	// A page learns the warnings of the build it shows when it connects, that is after
	// every reload: they need no event of their own.
	if len(warnings) > 0 {
		data, _ := json.Marshal(warnings)
		fmt.Fprintf(w, "event: warnings\ndata: %s\n\n", data)
	}
	if len(errs) > 0 {
		data, _ := json.Marshal(errs)
		fmt.Fprintf(w, "event: errors\ndata: %s\n\n", data)
	}
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-c:
			if !ok {
				return
			}
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
			flusher.Flush()
		}
	}
}
