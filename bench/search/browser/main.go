// Command browser compares folio's search with Pagefind's on the same generated site,
// in headless Chromium driven over CDP, on a loopback server, under CDP network
// throttling. See bench/README.md (bench/search) for the method and the results.
//
//	go run ./bench/search/browser -n 1000          # from the repository root
//	go run ./bench/search/browser -n 10000 -runs 5
//
// It generates the site (by default the generator of bench/search,
// internal/search/corpus, whose vocabulary is realistic; with -corpus gencorpus the one
// of bench/gencorpus, whose vocabulary is a few hundred words), builds it with folio
// (build.Run, as `folio build` does), runs Pagefind (npm package pagefind, version
// pagefindVersion, installed by the program with npm into a folder of the temporary
// folder the first time, or -pagefind) on folio's output, then serves the output on
// 127.0.0.1, gzipping every response (or, with -gzip=false, none, as a host that
// compresses nothing) and measures, for folio's /search/ page and
// for Pagefind's Default UI (pagefind.html, served at /pagefind-bench/):
//
//   - the bytes and requests of a first query, from a link with the query in its URL
//     (folio: /search/?q=…, Pagefind: its UI's triggerSearch), script included, and
//     the time from navigation start to rendered results;
//   - typing on an open, idle page: the time from the input event to rendered results
//     for a first query, a later query of a new word, and one more keystroke;
//   - index build time and size on disk.
//
// Requests made by a worker (Pagefind searches in a Web Worker) are not reported by the
// page's CDP session, nor throttled by the page's network conditions: the program
// attaches to every worker target, throttles it the same way and records its requests,
// and checks that every request the server answered was seen and throttled.
package main

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"folio/internal/build"
	gencorpus "folio/internal/corpus"
	"folio/internal/pdf"
	searchcorpus "folio/internal/search/corpus"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

//go:embed pagefind.html
var pagefindPage []byte

// The two search pages, on the same server.
const (
	folioPath    = "/search/"
	pagefindPath = "/pagefind-bench/"
)

type config struct {
	n          int
	dir        string
	corpus     string
	reuse      bool
	one, two   string
	later, key string
	runs       int
	latency    time.Duration
	kbps       float64
	pageSize   int
	http1      bool
	gzip       bool
	chrome     string
	pagefind   string
	jsonOut    string
	verbose    bool
	only       string
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	var c config
	fs := flag.NewFlagSet("browser", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&c.n, "n", 1000, "number of publications to generate")
	fs.StringVar(&c.dir, "dir", "", "work folder: the generated site, its output in public/ (default: a folder named after -n and -corpus in the temporary folder)")
	fs.StringVar(&c.corpus, "corpus", "search", "generator: gencorpus (bench/gencorpus, internal/corpus) or search (bench/search, internal/search/corpus)")
	fs.BoolVar(&c.reuse, "reuse", false, "reuse the site, folio's build and Pagefind's index already in -dir (build times are then not measured)")
	fs.StringVar(&c.one, "one", "protection", "the one-word first query")
	fs.StringVar(&c.two, "two", "protection civilians", "the two-word first query")
	fs.StringVar(&c.later, "later", "accountabilit", "the later query, typed after the first")
	fs.StringVar(&c.key, "key", "y", "the keystroke typed after the later query")
	fs.IntVar(&c.runs, "runs", 3, "measurements of each scenario (the median is reported)")
	fs.DurationVar(&c.latency, "latency", 400*time.Millisecond, "emulated latency of each request (CDP)")
	fs.Float64Var(&c.kbps, "kbps", 400, "emulated download and upload throughput, kbit/s (CDP)")
	fs.IntVar(&c.pageSize, "pagesize", 10, "results per page of Pagefind's UI (its default is 5; folio shows 10); 0 keeps the default")
	fs.BoolVar(&c.http1, "http1", false, "serve HTTP/1.1 without TLS instead of HTTP/2 over TLS")
	fs.BoolVar(&c.gzip, "gzip", true, "gzip every response; -gzip=false serves every file as it is on disk, as a host that compresses nothing (python3 -m http.server)")
	fs.StringVar(&c.chrome, "chrome", "", "the browser (default: chromium on PATH)")
	fs.StringVar(&c.pagefind, "pagefind", "", "Pagefind's command (default: pagefind@"+pagefindVersion+" from npm, installed into the temporary folder on first use)")
	fs.StringVar(&c.jsonOut, "json", "", "also write every measurement to this JSON file")
	fs.BoolVar(&c.verbose, "v", false, "list the requests of every session of the first run")
	fs.StringVar(&c.only, "only", "", "measure only these sessions, e.g. pagefind:focused,folio:link (engine:kind)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if c.dir == "" {
		c.dir = filepath.Join(os.TempDir(), fmt.Sprintf("folio-search-browser-%s-%d", c.corpus, c.n))
	}
	if err := bench(c, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "search browser bench:", err)
		return 1
	}
	return 0
}

// report is everything measured, for -json.
type report struct {
	Config   map[string]any `json:"config"`
	Machine  machine        `json:"machine"`
	Index    []indexInfo    `json:"index"`
	Sessions []*session     `json:"sessions"`
}

type machine struct {
	CPUs        int       `json:"cpus"`
	LoadBefore  string    `json:"load_before"`
	LoadAfter   string    `json:"load_after"`
	Chromium    string    `json:"chromium"`
	Pagefind    string    `json:"pagefind"`
	Go          string    `json:"go"`
	Started     time.Time `json:"started"`
	ElapsedSecs float64   `json:"elapsed_s"`
}

type indexInfo struct {
	Engine     string        `json:"engine"`
	BuildTime  time.Duration `json:"build_ns"`  // folio: the search step of the build; Pagefind: the whole run
	Total      time.Duration `json:"total_ns"`  // folio: the whole build; Pagefind: the process, its npm wrapper included
	OwnTime    string        `json:"own_time"`  // Pagefind: what it prints ("Finished in …")
	Files      int           `json:"files"`     // index files (folio: search/*.bin; Pagefind: everything it writes)
	Bytes      int64         `json:"bytes"`     // on disk
	Inflated   int64         `json:"inflated"`  // folio: the files inflated (they are stored compressed)
	IndexFiles int           `json:"ix_files"`  // Pagefind: index, fragments, meta, filters (no code)
	IndexBytes int64         `json:"ix_bytes"`  // Pagefind: their size on disk (already gzipped by Pagefind)
	Detail     []string      `json:"detail"`    // by kind
	Pages      int           `json:"pages"`     // pages indexed
	Words      string        `json:"words"`     // Pagefind: "Indexed N words"
	Generation time.Duration `json:"gen_ns"`    // generating the Markdown
	SiteBuild  time.Duration `json:"folio_ns"`  // folio build, whole
	BuildSteps string        `json:"build_log"` // folio's steps
}

func bench(c config, stdout, stderr io.Writer) error {
	rep := &report{
		Config: map[string]any{"n": c.n, "corpus": c.corpus, "one": c.one, "two": c.two, "later": c.later, "key": c.key,
			"runs": c.runs, "latency_ms": c.latency.Milliseconds(), "kbps": c.kbps, "pagefind_page_size": c.pageSize, "http1": c.http1, "gzip": c.gzip},
		Machine: machine{CPUs: runtime.NumCPU(), LoadBefore: loadavg(), Go: runtime.Version(), Started: time.Now()},
	}
	chrome, err := pdf.FindChrome(c.chrome)
	if err != nil {
		return err
	}
	if out, err := exec.Command(chrome, "--version").Output(); err == nil {
		rep.Machine.Chromium = strings.TrimSpace(string(out))
	}
	if c.pagefind == "" {
		if c.pagefind, err = installPagefind(stderr); err != nil {
			return err
		}
	}
	if out, err := exec.Command(c.pagefind, "--version").Output(); err == nil {
		rep.Machine.Pagefind = strings.TrimSpace(string(out))
	}

	public := filepath.Join(c.dir, "public")
	if !c.reuse {
		ix, err := prepare(c, stderr)
		if err != nil {
			return err
		}
		rep.Index = ix
	} else if _, err := os.Stat(filepath.Join(public, "pagefind")); err != nil {
		return fmt.Errorf("-reuse: no Pagefind index in %s: run without -reuse first", public)
	}
	folioIx, pfIx, err := sizes(public)
	if err != nil {
		return err
	}
	if len(rep.Index) == 2 {
		folioIx.BuildTime, folioIx.Total, folioIx.Generation, folioIx.SiteBuild, folioIx.BuildSteps, folioIx.Pages =
			rep.Index[0].BuildTime, rep.Index[0].Total, rep.Index[0].Generation, rep.Index[0].SiteBuild, rep.Index[0].BuildSteps, rep.Index[0].Pages
		pfIx.BuildTime, pfIx.Total, pfIx.OwnTime, pfIx.Pages, pfIx.Words =
			rep.Index[1].BuildTime, rep.Index[1].Total, rep.Index[1].OwnTime, rep.Index[1].Pages, rep.Index[1].Words
	}
	rep.Index = []indexInfo{folioIx, pfIx}

	srv := newServer(public, c.http1, c.gzip)
	defer srv.Close()
	b, err := startBrowser(chrome)
	if err != nil {
		return err
	}
	defer b.close()

	for i := range c.runs {
		fmt.Fprintf(stderr, "run %d of %d\n", i+1, c.runs)
		for _, e := range []string{"folio", "pagefind"} {
			for _, q := range []string{c.one, c.two} {
				s, err := measure(c, b, srv, e, "link", q, i)
				if err != nil {
					return err
				}
				rep.Sessions = append(rep.Sessions, s)
			}
			for _, kind := range []string{"typed", "focused"} {
				s, err := measure(c, b, srv, e, kind, c.one, i)
				if err != nil {
					return err
				}
				rep.Sessions = append(rep.Sessions, s)
			}
		}
	}
	rep.Machine.LoadAfter = loadavg()
	rep.Machine.ElapsedSecs = time.Since(rep.Machine.Started).Seconds()
	print(stdout, c, rep)
	if c.jsonOut != "" {
		data, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return err
		}
		return os.WriteFile(c.jsonOut, data, 0o644)
	}
	return nil
}

// ---- Site, folio build, Pagefind ----

var pagefindFinished = regexp.MustCompile(`Finished in ([0-9.]+ \w+)`)
var pagefindWords = regexp.MustCompile(`Indexed ([0-9]+) words`)
var pagefindPages = regexp.MustCompile(`Indexed ([0-9]+) pages`)

// prepare generates the site in c.dir, builds it with folio and indexes the output with
// Pagefind, timing both.
func prepare(c config, stderr io.Writer) ([]indexInfo, error) {
	if err := os.RemoveAll(c.dir); err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "generating %d publications (%s) in %s\n", c.n, c.corpus, c.dir)
	t0 := time.Now()
	switch c.corpus {
	case "gencorpus":
		if err := gencorpus.Generate(c.dir, c.n, 1); err != nil {
			return nil, err
		}
	case "search":
		for name, f := range searchcorpus.Files(c.n) {
			p := filepath.Join(c.dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				return nil, err
			}
		}
	default:
		return nil, fmt.Errorf("-corpus %q: want gencorpus or search", c.corpus)
	}
	gen := time.Since(t0)

	fmt.Fprintln(stderr, "building with folio")
	public := filepath.Join(c.dir, "public")
	res, errs := build.Run(build.Options{Source: c.dir, Dest: public, Version: "bench"})
	if errs.HasErrors() {
		return nil, errs
	}
	f := indexInfo{Engine: "folio", Generation: gen, SiteBuild: res.Time, Total: res.Time, Pages: res.Publications}
	var steps []string
	for _, s := range res.Steps {
		steps = append(steps, fmt.Sprintf("%s %v", s.Name, s.Time.Round(time.Millisecond)))
		if s.Name == "search" {
			f.BuildTime = s.Time
		}
	}
	f.BuildSteps = strings.Join(steps, " · ")

	args := pagefindArgs(public)
	fmt.Fprintf(stderr, "running %s %s\n", c.pagefind, strings.Join(args, " "))
	cmd := exec.Command(c.pagefind, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	t0 = time.Now()
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("pagefind: %v\n%s", err, out.String())
	}
	p := indexInfo{Engine: "pagefind", Total: time.Since(t0)}
	if m := pagefindFinished.FindStringSubmatch(out.String()); m != nil {
		p.OwnTime = m[1]
		if d, err := time.ParseDuration(strings.ReplaceAll(strings.ReplaceAll(m[1], " seconds", "s"), " second", "s")); err == nil {
			p.BuildTime = d
		}
	}
	if m := pagefindWords.FindAllStringSubmatch(out.String(), -1); m != nil {
		p.Words = m[len(m)-1][1]
	}
	if m := pagefindPages.FindAllStringSubmatch(out.String(), -1); m != nil {
		p.Pages, _ = strconv.Atoi(m[len(m)-1][1]) // the total, after any per-language counts
	}
	if p.Pages != f.Pages {
		return nil, fmt.Errorf("pagefind indexed %d pages, folio %d publications:\n%s", p.Pages, f.Pages, out.String())
	}
	return []indexInfo{f, p}, nil
}

// pagefindVersion is the Pagefind measured, from npm.
const pagefindVersion = "1.5.2"

// installPagefind returns Pagefind's command (its npm wrapper, which runs the binary of
// the platform), installing the npm package into a folder of the temporary folder the
// first time. Pagefind is not in the repository's package.json: CI's npm ci does not
// need it.
func installPagefind(stderr io.Writer) (string, error) {
	dir := filepath.Join(os.TempDir(), "folio-bench-pagefind-"+pagefindVersion)
	bin := filepath.Join(dir, "node_modules", ".bin", "pagefind")
	if exec.Command(bin, "--version").Run() == nil {
		return bin, nil
	}
	fmt.Fprintf(stderr, "installing pagefind@%s into %s\n", pagefindVersion, dir)
	cmd := exec.Command("npm", "install", "--prefix", dir, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "pagefind@"+pagefindVersion)
	cmd.Stdout, cmd.Stderr = stderr, stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("installing pagefind with npm: %w", err)
	}
	if out, err := exec.Command(bin, "--version").CombinedOutput(); err != nil {
		return "", fmt.Errorf("pagefind installed in %s does not run: %v\n%s", dir, err, out)
	}
	return bin, nil
}

// pagefindArgs are the arguments of Pagefind to index folio's output with Pagefind: the
// publication pages only (the pages folio's index covers), from their <article>, without
// the table of contents and the citation block, which folio does not index either: the
// command-line equivalent of data-pagefind-body and data-pagefind-ignore. One
// publication in ten of the generated sites is in French: by default Pagefind makes an
// index per language and its UI searches only the language of its page, while folio
// searches every publication; --force-language puts every page in one index, so that
// both search the same pages.
func pagefindArgs(public string) []string {
	return []string{"--site", public, "--force-language", "en",
		"--glob", "publications/*/index.html",
		"--root-selector", "article.publication",
		"--exclude-selectors", "nav.toc", "--exclude-selectors", "section.cite"}
}

// sizes measures both indexes on disk.
func sizes(public string) (f, p indexInfo, err error) {
	f.Engine, p.Engine = "folio", "pagefind"
	kinds := map[string][3]int64{}
	err = filepath.WalkDir(filepath.Join(public, "search"), func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".bin") {
			return err
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		inflated, err := io.ReadAll(flate.NewReader(bytes.NewReader(data)))
		if err != nil {
			return fmt.Errorf("inflating %s: %w", name, err)
		}
		f.Files++
		f.Bytes += int64(len(data))
		f.Inflated += int64(len(inflated))
		k := map[byte]string{'m': "manifest", 's': "shards", 'd': "display chunks", 'f': "facet files"}[filepath.Base(name)[0]]
		c := kinds[k]
		kinds[k] = [3]int64{c[0] + 1, c[1] + int64(len(data)), c[2] + int64(len(inflated))}
		return nil
	})
	if err != nil {
		return f, p, err
	}
	for _, k := range []string{"manifest", "shards", "display chunks", "facet files"} {
		if c, ok := kinds[k]; ok {
			f.Detail = append(f.Detail, fmt.Sprintf("%s: %d files, %s (%s inflated)", k, c[0], kb(c[1]), kb(c[2])))
		}
	}
	kinds = map[string][3]int64{}
	err = filepath.WalkDir(filepath.Join(public, "pagefind"), func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		p.Files++
		p.Bytes += fi.Size()
		k := pagefindKind(filepath.ToSlash(name))
		if k != "code" {
			p.IndexFiles++
			p.IndexBytes += fi.Size()
		}
		c := kinds[k]
		kinds[k] = [3]int64{c[0] + 1, c[1] + fi.Size()}
		return nil
	})
	for _, k := range []string{"meta", "index chunks", "fragments", "filters", "code"} {
		if c, ok := kinds[k]; ok {
			p.Detail = append(p.Detail, fmt.Sprintf("%s: %d files, %s", k, c[0], kb(c[1])))
		}
	}
	return f, p, err
}

func pagefindKind(name string) string {
	switch {
	case strings.Contains(name, "/index/"):
		return "index chunks"
	case strings.Contains(name, "/fragment/"):
		return "fragments"
	case strings.Contains(name, "/filter/"):
		return "filters"
	case strings.HasSuffix(name, ".pf_meta"), strings.HasSuffix(name, "pagefind-entry.json"):
		return "meta"
	}
	return "code" // scripts, styles, WebAssembly: the UIs and the search engine
}

// ---- Server ----

// A server serves the output folder on 127.0.0.1, gzipping every response whose
// request accepts gzip (level 6, whatever the type: folio's and Pagefind's index files,
// both already compressed, as much as scripts) unless told not to, and logs what it
// sends.
type server struct {
	*httptest.Server
	root *os.Root
	gzip bool

	mu  sync.Mutex
	log []served
}

// served is one response, as the server sent it.
type served struct {
	URI  string // path and query
	Raw  int    // bytes of the file
	Body int    // bytes of the body sent (gzipped, if the server gzips)
}

func newServer(public string, http1, gzip bool) *server {
	root, err := os.OpenRoot(public)
	if err != nil {
		panic(err)
	}
	s := &server{root: root, gzip: gzip}
	s.Server = httptest.NewUnstartedServer(s)
	if http1 {
		s.Start()
	} else {
		s.EnableHTTP2 = true
		s.StartTLS()
	}
	return s
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var data []byte
	name := r.URL.Path
	if name == pagefindPath {
		data, name = pagefindPage, "index.html"
	} else {
		name = path.Clean(name)[1:]
		if name == "" || strings.HasSuffix(r.URL.Path, "/") {
			name = path.Join(name, "index.html")
		}
		var err error
		if data, err = fs.ReadFile(s.root.FS(), name); err != nil {
			http.NotFound(w, r)
			s.note(served{URI: r.URL.RequestURI()})
			return
		}
	}
	w.Header().Set("Content-Type", contentType(name))
	body := data
	if s.gzip && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		var buf bytes.Buffer
		gz, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
		gz.Write(data)
		gz.Close()
		body = buf.Bytes()
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Vary", "Accept-Encoding")
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
	s.note(served{URI: r.URL.RequestURI(), Raw: len(data), Body: len(body)})
}

func (s *server) note(x served) {
	s.mu.Lock()
	s.log = append(s.log, x)
	s.mu.Unlock()
}

// take returns the responses sent since the last call.
func (s *server) take() []served {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.log
	s.log = nil
	return l
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".wasm":
		return "application/wasm"
	}
	return "application/octet-stream" // .bin (folio), .pagefind, .pf_meta, .pf_index, .pf_fragment
}

// ---- Browser ----

type browser struct {
	ctx     context.Context
	cancels []context.CancelFunc
	profile string
}

func startBrowser(chrome string) (*browser, error) {
	profile, err := os.MkdirTemp("", "folio-bench-chromium-")
	if err != nil {
		return nil, err
	}
	// IgnoreCertErrors: the loopback server's certificate is httptest's.
	flags := append(pdf.Flags(chrome, profile, true), chromedp.IgnoreCertErrors)
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), flags...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	b := &browser{ctx: ctx, cancels: []context.CancelFunc{cancel, allocCancel}, profile: profile}
	if err := chromedp.Do(ctx); err != nil {
		b.close()
		return nil, fmt.Errorf("starting %s: %w", chrome, err)
	}
	return b, nil
}

func (b *browser) close() {
	for _, c := range b.cancels {
		c()
	}
	os.RemoveAll(b.profile)
}

// ---- Sessions ----

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

// ---- Report ----

// category sorts a request: the page itself (HTML, site stylesheet, favicon), the
// search code (scripts, styles and WebAssembly of the search), or index data.
func category(u string) string {
	p := strings.SplitN(u, "?", 2)[0]
	switch {
	case p == folioPath || p == pagefindPath || strings.HasPrefix(p, "/static/style.css") || p == "/favicon.ico":
		return "page"
	case strings.HasPrefix(p, "/static/search.js"), strings.HasPrefix(p, "/pagefind/") && pagefindKind(p) == "code":
		return "code"
	}
	return "index"
}

type tally struct {
	bytes, body float64
	reqs        int
	files       []string
}

func (s *session) tally(phases ...int) (t tally) {
	for _, r := range s.Requests {
		if !slices.Contains(phases, r.Phase) || category(r.URL) == "page" {
			continue
		}
		t.bytes += r.Bytes
		t.body += float64(r.Body)
		t.reqs++
		t.files = append(t.files, fmt.Sprintf("%s %s", shortURL(r.URL), kb(int64(r.Body))))
	}
	return t
}

func shortURL(u string) string {
	u = strings.SplitN(u, "?", 2)[0]
	return strings.TrimPrefix(strings.TrimPrefix(u, "/pagefind/"), "/search/")
}

func median(xs []float64) (med, lo, hi float64) {
	if len(xs) == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return m, s[0], s[len(s)-1]
}

func print(w io.Writer, c config, rep *report) {
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	fmt.Fprintf(bw, "## %d publications (corpus %s)\n\n", c.n, c.corpus)
	proto := "HTTP/2 over TLS"
	if c.http1 {
		proto = "HTTP/1.1"
	}
	fmt.Fprintf(bw, "%s; %s; %s; %d CPUs, load average %s before, %s after; %d runs, %.0f s.\n",
		rep.Machine.Chromium, rep.Machine.Pagefind, rep.Machine.Go, rep.Machine.CPUs, rep.Machine.LoadBefore, rep.Machine.LoadAfter, c.runs, rep.Machine.ElapsedSecs)
	compression := "every response gzipped (level 6)"
	if !c.gzip {
		compression = "no response compressed (files sent as they are on disk)"
	}
	fmt.Fprintf(bw, "Served from 127.0.0.1 with %s, %s; CDP throttling %v latency, %.0f kbit/s down and up; Pagefind's UI with pageSize %d.\n\n",
		proto, compression, c.latency, c.kbps, c.pageSize)

	f, p := rep.Index[0], rep.Index[1]
	fmt.Fprintf(bw, "| index | folio | Pagefind |\n|---|---|---|\n")
	if f.BuildTime > 0 {
		fmt.Fprintf(bw, "| build time | %v (search step of `folio build`; whole build %v) | %s (own report; process %v) |\n",
			f.BuildTime.Round(time.Millisecond), f.SiteBuild.Round(10*time.Millisecond), p.OwnTime, p.Total.Round(10*time.Millisecond))
	}
	fmt.Fprintf(bw, "| files on disk | %d | %d (%d of index data, the rest code) |\n", f.Files, p.Files, p.IndexFiles)
	fmt.Fprintf(bw, "| size on disk | %s (compressed by folio; %s inflated) | %s (index data %s; Pagefind gzips its files itself) |\n", kb(f.Bytes), kb(f.Inflated), kb(p.Bytes), kb(p.IndexBytes))
	fmt.Fprintf(bw, "| detail | %s | %s |\n\n", strings.Join(f.Detail, "; "), strings.Join(p.Detail, "; "))
	if f.BuildSteps != "" {
		fmt.Fprintf(bw, "folio build steps: %s. Pagefind: %s pages, %s words.\n\n", f.BuildSteps, strconv.Itoa(p.Pages), p.Words)
	}

	byKey := map[string][]*session{}
	for _, s := range rep.Sessions {
		k := s.Engine + "|" + s.Kind + "|" + s.Query
		byKey[k] = append(byKey[k], s)
	}
	fmt.Fprintf(bw, "| first query, from a link (cold cache) | folio | Pagefind | folio / Pagefind |\n|---|---|---|---|\n")
	var fixes []string
	for _, q := range []string{c.one, c.two} {
		fs, ps := byKey["folio|link|"+q], byKey["pagefind|link|"+q]
		if len(fs) == 0 || len(ps) == 0 {
			continue
		}
		ft, pt := fs[0].tally(0), ps[0].tally(0)
		fmt.Fprintf(bw, "| `%s`: bytes transferred (CDP), search code + index | %s | %s | %.2f |\n", q, kbf(ft.bytes), kbf(pt.bytes), ft.bytes/pt.bytes)
		fmt.Fprintf(bw, "| `%s`: requests | %d | %d | |\n", q, ft.reqs, pt.reqs)
		fd, fl, fh := median(phaseTimes(fs, 0, true))
		pd, pl, ph := median(phaseTimes(ps, 0, true))
		pf, pfl, pfh := median(phaseTimes(ps, 0, false))
		fmt.Fprintf(bw, "| `%s`: navigation to results, ms (median, range) | %.0f (%.0f–%.0f) | %.0f (%.0f–%.0f); first result %.0f (%.0f–%.0f) | %.2f |\n",
			q, fd, fl, fh, pd, pl, ph, pf, pfl, pfh, fd/pd)
		for _, s := range []*session{fs[0], ps[0]} {
			for _, r := range s.Requests {
				if r.Fixed {
					fixes = append(fixes, fmt.Sprintf("%s `%s`: CDP reported %s with %.0f bytes, its headers only; counted with the body the server sent", s.Engine, q, shortURL(r.URL), r.Bytes-float64(r.Body)))
				}
			}
		}
	}
	fmt.Fprintln(bw)
	for _, f := range fixes {
		fmt.Fprintf(bw, "(%s)\n", f)
	}
	for _, q := range []string{c.one, c.two} {
		for _, e := range []string{"folio", "pagefind"} {
			if ss := byKey[e+"|link|"+q]; len(ss) > 0 {
				t := ss[0].tally(0)
				fmt.Fprintf(bw, "- %s, `%s`: %s\n", e, q, strings.Join(t.files, ", "))
			}
		}
	}
	fmt.Fprintln(bw)

	for _, kind := range []string{"typed", "focused"} {
		fs, ps := byKey["folio|"+kind+"|"+c.one], byKey["pagefind|"+kind+"|"+c.one]
		if len(fs) == 0 || len(ps) == 0 {
			continue
		}
		title := map[string]string{
			"typed":   "typing on the open, idle page (the box focused and the query typed at once)",
			"focused": "typing on the open page after focusing the box and waiting until the network is idle",
		}[kind]
		fmt.Fprintf(bw, "\n| %s: ms from the input event to rendered results (median, range) | folio | Pagefind |\n|---|---|---|\n", title)
		for i := 1; i < len(fs[0].Phases); i++ {
			name := fs[0].Phases[i].Name + ": `" + fs[0].Phases[i].Text + "`"
			fd, fl, fh := median(phaseTimes(fs, i, true))
			pd, pl, ph := median(phaseTimes(ps, i, true))
			pf, pfl, pfh := median(phaseTimes(ps, i, false))
			ft, pt := fs[0].tally(i), ps[0].tally(i)
			fmt.Fprintf(bw, "| %s | %.0f (%.0f–%.0f); %d requests, %s | %.0f (%.0f–%.0f), first result %.0f (%.0f–%.0f); %d requests, %s |\n",
				name, fd, fl, fh, ft.reqs, kbf(ft.bytes), pd, pl, ph, pf, pfl, pfh, pt.reqs, kbf(pt.bytes))
		}
		ft, pt := fs[0].tally(0), ps[0].tally(0)
		fmt.Fprintf(bw, "| (before typing: search code and index fetched) | %d requests, %s | %d requests, %s |\n", ft.reqs, kbf(ft.bytes), pt.reqs, kbf(pt.bytes))
		for _, s := range []*session{fs[0], ps[0]} {
			var st []string
			for _, ph := range s.Phases[1:] {
				st = append(st, fmt.Sprintf("%s: %s", ph.Name, strings.Join(s.tally(slices.Index(s.Phases, ph)).files, ", ")))
			}
			fmt.Fprintf(bw, "\n%s, files per step: %s\n", s.Engine, strings.Join(st, "; "))
		}
	}
	for _, s := range rep.Sessions {
		if len(s.Notes) > 0 || s.Retries > 0 {
			fmt.Fprintf(bw, "\nnote: %s %s %q run %d: %d retries %s", s.Engine, s.Kind, s.Query, s.Run, s.Retries, strings.Join(s.Notes, "; "))
		}
	}
	fmt.Fprintln(bw)
	if c.verbose {
		for _, s := range rep.Sessions {
			if s.Run != 0 || len(s.Phases) == 0 {
				continue
			}
			for _, ph := range s.Phases {
				fmt.Fprintf(bw, "\n  phase %q %q at %.0f ms: first %.0f, done %.0f", ph.Name, ph.Text, ph.AtMS, ph.FirstMS, ph.DoneMS)
			}
			fmt.Fprintf(bw, "\n%s %s %q: final status %q\n", s.Engine, s.Kind, s.Query, s.Phases[len(s.Phases)-1].Status)
			for _, r := range s.Requests {
				fmt.Fprintf(bw, "  phase %d %-7s %-8s %8.0f B (body %d, file %d) %6.0f–%6.0f ms  %s\n", r.Phase, r.Session, category(r.URL), r.Bytes, r.Body, r.Raw, r.SentMS, r.EndMS, r.URL)
			}
		}
	}
}

// phaseTimes are the times of phase i in the sessions: to the whole first page, or to
// the first result.
func phaseTimes(ss []*session, i int, done bool) []float64 {
	var xs []float64
	for _, s := range ss {
		if i < len(s.Phases) {
			if done {
				xs = append(xs, s.Phases[i].DoneMS)
			} else {
				xs = append(xs, s.Phases[i].FirstMS)
			}
		}
	}
	return xs
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func kb(n int64) string { return fmt.Sprintf("%.1f kB", float64(n)/1000) }

func kbf(n float64) string { return fmt.Sprintf("%.1f kB", n/1000) }

func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
