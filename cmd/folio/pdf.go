package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"folio/internal/build"
	"folio/internal/par"
	"folio/internal/pdf"
)

// pdfOptions are folio pdf's own flags.
type pdfOptions struct {
	only   slugList
	chrome string
	jobs   int
}

// slugList is a flag that may be repeated and holds comma-separated slugs.
type slugList []string

func (s *slugList) String() string { return strings.Join(*s, ",") }

func (s *slugList) Set(v string) error {
	for _, slug := range strings.Split(v, ",") {
		if slug = strings.TrimSpace(slug); slug != "" {
			*s = append(*s, slug)
		}
	}
	return nil
}

func runPDF(args []string, stdout, stderr io.Writer) int {
	fs := flags("pdf", stderr)
	var opts build.Options
	var po pdfOptions
	fs.StringVar(&opts.Source, "source", ".", "site `folder`, holding site.yaml and content/")
	fs.StringVar(&opts.Dest, "dest", "", "output `folder` (default: public inside the site folder)")
	fs.Var(&po.only, "only", "render only the publication with this `slug`; repeat it or separate slugs with commas")
	fs.StringVar(&po.chrome, "chrome", "", "the Chromium `program` to run (default: chromium, chromium-browser or google-chrome on PATH)")
	fs.IntVar(&po.jobs, "jobs", runtime.NumCPU(), "render at most `N` PDFs at once, each in a browser tab")
	protectFlag(fs, &opts.Protect)
	quiet := quietFlag(fs)
	if code := parse(fs, args, stdout); code >= 0 {
		return code
	}
	if *quiet {
		stdout = io.Discard
	}
	if po.jobs < 1 {
		fmt.Fprintf(stderr, "folio pdf: --jobs must be at least 1\n")
		return exitUsage
	}
	opts.Version = version
	opts.Waiting = waiting("pdf", stderr)
	return makePDFs("pdf", opts, po, stdout, stderr)
}

// makePDFs builds the site, renders the print editions whose PDF is missing or out of
// date, stores them in the PDF cache, and builds again, which copies them into the
// output and links them. It is folio pdf, and folio build --pdf (cmd "build").
func makePDFs(cmd string, opts build.Options, po pdfOptions, stdout, stderr io.Writer) int {
	start := time.Now()
	// A --chrome that names nothing fails before anything is built. Without --chrome,
	// the browser is only looked for when there is something to render.
	if po.chrome != "" {
		if _, err := pdf.FindChrome(po.chrome); err != nil {
			fmt.Fprintf(stderr, "folio %s: %v\nfolio %s: nothing was built or rendered\n", cmd, err, cmd)
			return exitSite
		}
	}
	// The rendering reads the output folder between the two builds: no other build may
	// replace it meanwhile.
	lock, err := build.LockOutput(opts)
	if err != nil {
		fmt.Fprintf(stderr, "%v\nfolio %s: nothing was built or rendered\n", err, cmd)
		return exitSite
	}
	defer lock.Unlock()
	opts.Lock = lock
	opts.PrintKeys = true // each PDF is stored under the key of the edition it was made from
	res, errs := build.Run(opts)
	printDiagnostics(stderr, errs)
	if res == nil {
		fmt.Fprintf(stderr, "folio %s: build failed with %d %s; the previous output was left as it was\n",
			cmd, len(errs.Errors()), pluralize(len(errs.Errors()), "error", "errors"))
		return exitSite
	}

	todo, skipped, unknown := plan(res.Prints, po.only)
	if len(unknown) > 0 {
		fmt.Fprintf(stderr, "folio %s: --only %s: no publication with %s has a print edition to render\n",
			cmd, strings.Join(unknown, ","), pluralize(len(unknown), "this slug", "these slugs"))
		return exitUsage
	}
	if len(todo) == 0 {
		fmt.Fprintf(stdout, "rendered 0 PDFs, skipped %d up to date\n", skipped)
		printBuilt(stdout, res)
		return exitOK
	}

	src, err := filepath.Abs(cmp.Or(opts.Source, "."))
	if err != nil {
		fmt.Fprintf(stderr, "folio %s: %v\n", cmd, err)
		return exitSite
	}
	baseURL := res.BaseURL
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	r, err := pdf.New(pdf.Options{Chrome: po.chrome, Jobs: min(po.jobs, len(todo)), Dir: res.Dest, BaseURL: baseURL})
	if err != nil {
		fmt.Fprintf(stderr, "folio %s: %v\n", cmd, err)
		if errors.Is(err, pdf.ErrNoChrome) {
			fmt.Fprintf(stderr, "folio %s: no PDF was rendered; the site was built without new PDFs\n", cmd)
		}
		return exitSite
	}
	done, pages, failed := renderAll(ctx, cmd, r, src, todo, min(po.jobs, len(todo)), newProgress(stdout, len(todo)), stderr)
	if err := r.Close(); err != nil {
		fmt.Fprintf(stderr, "folio %s: closing the browser: %v\n", cmd, err)
	}
	fmt.Fprintf(stdout, "rendered %d %s (%d pages) in %s, skipped %d up to date\n",
		done, pluralize(done, "PDF", "PDFs"), pages, time.Since(start).Round(100*time.Millisecond), skipped)
	if done > 0 {
		// The new PDFs are in the cache now: this build copies and links them. Its
		// warnings are the first build's, shown already.
		res, errs = build.Run(opts)
		if res == nil {
			printDiagnostics(stderr, errs)
			fmt.Fprintf(stderr, "folio %s: build failed with %d %s; the previous output was left as it was\n",
				cmd, len(errs.Errors()), pluralize(len(errs.Errors()), "error", "errors"))
			return exitSite
		}
	}
	printBuilt(stdout, res)
	if failed > 0 {
		fmt.Fprintf(stderr, "folio %s: %d %s could not be rendered\n", cmd, failed, pluralize(failed, "PDF", "PDFs"))
		return exitSite
	}
	return exitOK
}

// plan picks the print editions to render: not designed, not up to date in the cache,
// and named by --only when it is given. It counts the up-to-date ones it skips and
// returns the --only slugs that match no print edition.
func plan(prints []build.Print, only []string) (todo []build.Print, skipped int, unknown []string) {
	for _, slug := range only {
		if !slices.ContainsFunc(prints, func(p build.Print) bool { return p.Slug == slug && !p.Designed }) {
			unknown = append(unknown, slug)
		}
	}
	for _, p := range prints {
		switch {
		case p.Designed || (len(only) > 0 && !slices.Contains(only, p.Slug)):
		case p.Cached:
			skipped++
		default:
			todo = append(todo, p)
		}
	}
	return todo, skipped, unknown
}

// renderAll renders the print editions with at most jobs at once, stores each PDF in
// the cache, and reports progress. It returns how many PDFs it stored, their pages,
// and how many failed.
func renderAll(ctx context.Context, cmd string, r *pdf.Renderer, src string, todo []build.Print, jobs int, pr *progress, stderr io.Writer) (done, pages, failed int) {
	var mu sync.Mutex
	par.For(len(todo), jobs, func(i int) {
		if ctx.Err() != nil {
			return // stopped: the rest is not started
		}
		p := todo[i]
		t0 := time.Now()
		res, err := r.Render(ctx, p.HTML, pdf.Info{
			Title: p.Title, Author: strings.Join(p.Authors, ", "), Subject: p.Summary, Keywords: p.Keywords,
			Creator: "folio " + version,
		})
		if err == nil {
			err = build.StorePDF(src, p.Slug, p.Key, res.PDF)
		}
		mu.Lock()
		if err != nil {
			failed++
			pr.clear()
			fmt.Fprintf(stderr, "folio %s: %s: %v\n", cmd, p.Slug, err)
		} else {
			done++
			pages += res.Pages
			for _, u := range res.Blocked {
				pr.clear()
				fmt.Fprintf(stderr, "folio %s: %s: warning: not fetched, outside the site: %s\n", cmd, p.Slug, u)
			}
			for _, u := range res.Missing {
				pr.clear()
				fmt.Fprintf(stderr, "folio %s: %s: warning: no such file in the output: %s\n", cmd, p.Slug, u)
			}
			for _, w := range res.Warnings {
				pr.clear()
				fmt.Fprintf(stderr, "folio %s: %s: warning: %s\n", cmd, p.Slug, w)
			}
		}
		pr.step(p.Slug, res, err, time.Since(t0))
		mu.Unlock()
	})
	pr.finish()
	return done, pages, failed
}

// progress reports rendered PDFs: on a terminal as one line rewritten in place
// ("pdf 3/21 (ETA 12s) slug"), otherwise as a line per PDF.
type progress struct {
	w        io.Writer
	terminal bool
	total, n int
	start    time.Time
	shown    bool // a progress line is on the terminal
}

func newProgress(w io.Writer, total int) *progress {
	p := &progress{w: w, total: total, start: time.Now()}
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.terminal = true
			fmt.Fprintf(w, "pdf 0/%d\x1b[K", total)
			p.shown = true
		}
	}
	return p
}

func (p *progress) step(slug string, res *pdf.Result, err error, d time.Duration) {
	p.n++
	if !p.terminal {
		if err == nil {
			fmt.Fprintf(p.w, "pdf %d/%d %s (%d %s, %s)\n", p.n, p.total, slug, res.Pages, pluralize(res.Pages, "page", "pages"), d.Round(100*time.Millisecond))
		}
		return
	}
	eta := time.Duration(float64(time.Since(p.start)) / float64(p.n) * float64(p.total-p.n))
	fmt.Fprintf(p.w, "\rpdf %d/%d (ETA %s) %s\x1b[K", p.n, p.total, eta.Round(time.Second), slug)
	p.shown = true
}

// clear removes the progress line before another message is printed.
func (p *progress) clear() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

func (p *progress) finish() { p.clear() }

func printBuilt(w io.Writer, res *build.Result) {
	unchanged := ""
	if res.Reused > 0 {
		unchanged = fmt.Sprintf(", %d unchanged", res.Reused)
	}
	fmt.Fprintf(w, "built %d pages (%d %s, %d files%s) into %s in %s  [%s]\n",
		res.Pages, res.Publications, pluralize(res.Publications, "publication", "publications"), res.Files, unchanged,
		relative(res.Dest), res.Time.Round(time.Millisecond), steps(res.Steps))
	printScheduled(w, res.Scheduled)
}
