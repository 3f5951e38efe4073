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
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"folio/internal/pdf"
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
