package check

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"folio/internal/build"
	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/diag"
	"folio/internal/markdown"
	"folio/internal/outdir"
	"folio/internal/site"
)

// Options say what to check.
type Options struct {
	Source  string // the site folder, holding site.yaml
	Dest    string // when set, check the site already built in this folder instead of building it
	Drafts  bool   // include drafts, as folio build --drafts does
	BaseURL string // overrides site.yaml's base_url, as folio build --base-url does
	Version string // folio's version, for the build and the User-Agent of external requests
	Protect string // the file of protected terms, as folio build --protect

	External bool // also fetch links to other sites
	// ExternalPrivate lets the external check fetch links to loopback, private and
	// link-local addresses, which it otherwise refuses to connect to.
	ExternalPrivate bool
	// Settings of the external check; zero values take the defaults.
	Timeout   time.Duration // for one request (default 10s)
	Workers   int           // requests at once, over all hosts (default 8)
	HostDelay time.Duration // pause between two requests to one host (default 100ms)
	// Transport replaces the default one, which connects directly (not through a proxy)
	// and refuses private addresses unless ExternalPrivate: it is then for Transport to
	// refuse them.
	Transport http.RoundTripper
}

// A Report is the outcome of a check.
type Report struct {
	Diagnostics diag.List // sorted by file, line and column
	Pages       int       // HTML pages checked
	External    int       // distinct external URLs fetched
	// Unchecked says why the built pages were not checked ("the site does not build");
	// it is "" when they were.
	Unchecked string
}

// Run checks the site described by opts. Every problem it finds, and every problem that
// stops it, is in the report's diagnostics.
func Run(ctx context.Context, opts Options) *Report {
	c := &checker{opts: opts, report: &Report{}, outputs: map[string]*source{}, bySource: map[string]*source{},
		claimed: map[diag.Position]bool{}, listed: map[string]bool{}, interner: newInterner()}
	c.run(ctx)
	c.finish()
	return c.report
}

// checker holds one run's state.
type checker struct {
	opts   Options
	report *Report

	src      string // the site folder, absolute
	fsys     fs.FS  // the site folder
	cfg      *config.Config
	failed   bool       // the build (or with --dest, the model) had errors
	site     *site.Site // the model; nil when the site has errors
	basePath string     // "/" or "/sub/"
	origin   string     // scheme and host of the base URL: "https://example.org"

	sources  []*source          // every Markdown source, drafts included, by path
	bySource map[string]*source // source path → source
	outputs  map[string]*source // output path of a page or print edition → its source

	out      *tree                // the built site; nil when it did not build
	pages    map[string]*htmlPage // output path → crawled page
	interner *interner            // one copy of each URL of the crawled pages

	found   []finding              // problems found by the check itself
	claimed map[diag.Position]bool // positions where a finding replaces less precise errors
	listed  map[string]bool        // site paths linked from objective pages
}

// A finding is a problem found by the check. Findings in built pages with the same key
// are one problem of a template: reported once, with the number of other pages.
type finding struct {
	*diag.Error
	key    string // "" for findings in Markdown sources
	claims bool   // other errors at its position say the same less precisely: drop them
}

func (c *checker) addSource(sev diag.Severity, pos diag.Position, format string, args ...any) {
	c.found = append(c.found, finding{Error: &diag.Error{Pos: pos, Err: fmt.Errorf(format, args...), Severity: sev}})
}

func (c *checker) addOutput(sev diag.Severity, pg *htmlPage, at loc, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	pos := diag.Position{File: c.out.label + "/" + pg.rel, Line: at.line, Col: at.col}
	c.found = append(c.found, finding{Error: &diag.Error{Pos: pos, Err: errors.New(msg), Severity: sev}, key: fmt.Sprint(sev) + msg})
}

func (c *checker) run(ctx context.Context) {
	r := c.report
	src, err := filepath.Abs(cmp.Or(c.opts.Source, "."))
	if err != nil {
		r.Diagnostics.Add(err)
		return
	}
	c.src = src
	r.Unchecked = "the site does not build"
	// Streamed: each page is crawled as it is made and let go, so that a large site is
	// never all in memory (a build on disk would also use the build cache of folio
	// build, whose manifest describes the site's own output folder).
	b := build.New(build.Options{Source: src, Drafts: c.opts.Drafts, BaseURL: c.opts.BaseURL,
		Version: c.opts.Version, Protect: c.opts.Protect})
	var errs diag.List
	if c.opts.Dest == "" {
		out, pages := &tree{label: "public", files: map[string]bool{}}, map[string]*htmlPage{}
		var mu sync.Mutex
		var s *site.Site
		_, s, errs = b.BuildStream(func(rel string, data []byte) error {
			var pg *htmlPage
			if strings.HasSuffix(rel, ".html") {
				pg = &htmlPage{rel: rel}
				parsePage(pg, data, c.interner)
			}
			mu.Lock()
			out.files[rel] = true
			if pg != nil {
				pages[rel] = pg
			}
			mu.Unlock()
			return nil
		})
		if !errs.HasErrors() {
			c.out, c.pages, c.site = out, pages, s
		}
	} else {
		if c.site, errs = b.Model(); errs.HasErrors() {
			c.site = nil
		}
		if c.out, err = c.diskTree(c.opts.Dest); err != nil {
			errs.Add(err)
			r.Unchecked = "--dest is not a built site"
		}
	}
	r.Diagnostics = append(r.Diagnostics, errs...)
	c.failed = errs.HasErrors()

	if !c.loadSources() {
		return
	}
	c.checkSources()
	if c.failed {
		c.modelAnyway()
	}
	if c.out == nil {
		return
	}
	r.Unchecked = ""
	c.crawl()
	ext := c.checkPages()
	c.checkObjectives()
	if c.opts.External {
		c.checkExternal(ctx, ext)
	}
}

// loadSources reads every Markdown source, drafts included, and outlines it. It
// reports false when the configuration cannot be read (the build said why).
func (c *checker) loadSources() bool {
	fsys := os.DirFS(c.src)
	c.fsys = fsys
	cfg, err := config.Load(fsys)
	if err != nil {
		return false
	}
	if c.opts.BaseURL != "" {
		if cfg.BaseURL, err = config.NormalizeBaseURL(c.opts.BaseURL); err != nil {
			return false
		}
	}
	c.cfg = cfg
	u, err := url.Parse(cfg.BaseURL)
	if err != nil {
		return false
	}
	c.basePath, c.origin = u.Path, u.Scheme+"://"+u.Host
	// Diagnostics were reported by the build, where they count: drafts are loaded here only
	// to recognise links to them. Bodies are read one at a time to be outlined, rather
	// than all held at once.
	pages, _ := content.Load(fsys, cfg, content.Options{Drafts: true})
	md := markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML, UNDocuments: cfg.UNDocuments})
	var scratch []byte
	for _, p := range pages {
		s := &source{page: p, built: !p.Draft || c.opts.Drafts}
		if p.Kind == content.Publication {
			s.url = c.basePath + "publications/" + p.Slug + "/"
		} else {
			s.url = c.basePath + p.Slug + "/"
		}
		// A file changed since the build is outlined as it is now; one that cannot be
		// read any more has no outline (the build read it).
		body, _ := p.ReadBodyTo(fsys, &scratch)
		s.outline = md.Scan(p.Source, body)
		c.sources = append(c.sources, s)
		c.bySource[p.Source] = s
		if s.built {
			rel := strings.TrimPrefix(s.url, c.basePath)
			c.outputs[rel+"index.html"] = s
			if p.Kind == content.Publication {
				c.outputs[rel+"print/index.html"] = s
			}
		}
	}
	for _, s := range c.sources {
		s.index(c)
	}
	return true
}

// modelAnyway makes the model of the pages that loaded when the site does not build. The
// build stops at the first stage with errors, so front matter errors hide the Markdown
// stage's (broken links, #sections, images); a check reports both at once. A link to a
// page that exists but did not load is not reported: that page's own errors are.
func (c *checker) modelAnyway() {
	var pages []*content.Page
	for _, s := range c.sources {
		if s.built {
			pages = append(pages, s.page)
		}
	}
	_, errs := site.New(c.cfg, c.fsys, pages, site.Options{
		Markdown:   markdown.New(markdown.Options{UnsafeHTML: c.cfg.UnsafeHTML, UNDocuments: c.cfg.UNDocuments}),
		UnsafeHTML: c.cfg.UnsafeHTML,
	})
	unloaded := map[diag.Position]bool{}
	for _, s := range c.sources {
		for _, l := range append(s.outline.Links[:len(s.outline.Links):len(s.outline.Links)], s.outline.Images...) {
			if !markdown.IsRelative(l.Dest) {
				continue
			}
			target, _, _ := strings.Cut(l.Dest, "#")
			if t, err := url.PathUnescape(target); err == nil {
				target = t
			}
			target = path.Join(path.Dir(s.page.Source), target)
			if fi, err := fs.Stat(c.fsys, target); err == nil && fi.Mode().IsRegular() && c.bySource[target] == nil && path.Ext(target) == ".md" {
				unloaded[l.Pos] = true
			}
		}
	}
	for _, e := range errs {
		if !unloaded[e.Pos] {
			c.report.Diagnostics = append(c.report.Diagnostics, e)
		}
	}
}

// diskTree opens a folder built by folio. Diagnostics name its files by the folder as
// given, or relative to the site folder when inside it.
func (c *checker) diskTree(dest string) (*tree, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("--dest %s: no such folder: build the site first, or leave --dest out to check a fresh build", dest)
	}
	if _, err := os.Stat(filepath.Join(abs, outdir.Marker)); err != nil {
		return nil, fmt.Errorf("--dest %s: not a site built by folio (it has no %s file)", dest, outdir.Marker)
	}
	label := filepath.ToSlash(filepath.Clean(dest))
	if rel, err := filepath.Rel(c.src, abs); err == nil && filepath.IsLocal(rel) {
		label = filepath.ToSlash(rel)
	}
	t := &tree{label: label, files: map[string]bool{}, fsys: os.DirFS(abs)}
	err = fs.WalkDir(t.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			t.files[p] = true
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("--dest %s: %w", dest, err)
	}
	return t, nil
}

// finish merges the build's diagnostics with the findings: a finding replaces a build
// error at the same position, identical diagnostics are reported once, and a template's
// problem once with the number of other pages that have it.
func (c *checker) finish() {
	r := c.report
	var out diag.List
	for _, d := range r.Diagnostics {
		if d.Severity == diag.SevError && c.claimed[d.Pos] {
			continue
		}
		out = append(out, d)
	}
	type group struct {
		first *diag.Error
		files map[string]bool
	}
	groups := map[string]*group{}
	slices.SortStableFunc(c.found, func(a, b finding) int { return compare(a.Error, b.Error) })
	for _, f := range c.found {
		if f.Severity == diag.SevError && !f.claims && c.claimed[f.Pos] {
			continue
		}
		if f.key == "" {
			out = append(out, f.Error)
			continue
		}
		g := groups[f.key]
		if g == nil {
			g = &group{first: f.Error, files: map[string]bool{}}
			groups[f.key] = g
			out = append(out, f.Error)
		}
		g.files[f.Pos.File] = true
	}
	for _, g := range groups {
		if n := len(g.files) - 1; n > 0 {
			g.first.Err = fmt.Errorf("%w (and %d more %s)", g.first.Err, n, plural(n, "page", "pages"))
		}
	}
	out.Sort()
	r.Diagnostics = slices.CompactFunc(out, func(a, b *diag.Error) bool {
		return a.Pos == b.Pos && a.Severity == b.Severity && a.Err.Error() == b.Err.Error()
	})
}

func compare(a, b *diag.Error) int {
	return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Col, b.Pos.Col), cmp.Compare(a.Err.Error(), b.Err.Error()))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
