// Package build runs the whole pipeline for one site and writes the output folder:
// load site.yaml and content, build the model, render pages, feeds and the sitemap, copy
// static and bundle files.
//
// The output folder is checked, locked, built beside and swapped in whole by package
// outdir: a failed build leaves the previous output exactly as it was.
//
// # Caches
//
// bench/README.md gives what each cache saves, measured with bench/compare.sh or the
// benchmarks it names. On disk, in the site's .folio-cache/, each keyed and checked as
// its doc says:
//
//   - the build manifest (BuildCacheDir): every output file's key (a page's key hashes
//     all it shows; other files, their bytes) and how it looked on disk; a file whose
//     key is unchanged and that is still as left is hard-linked from the previous
//     output. Keyed also on the program (cacheSalt) and the output folder; --no-cache
//     builds without it and removes it.
//   - share cards (CardCacheDir): keyed on everything drawn (card.Drawer.Key: text,
//     fonts, cover and logo bytes, program); cards no publication uses are removed.
//   - PDFs (PDFCacheDir): keyed on the print edition's HTML, print.css and the bundle's
//     files; a PDF is used only while its key matches, and made again by folio pdf.
//   - smaller image widths (ImageCacheDir): keyed on the source's bytes and the
//     resampling settings; widths no image uses are removed.
//
// In memory, between builds to memory of one Builder (folio serve), and never in a
// build to disk or to a stream: loaded pages (content.Cache, by file stamp), rendered
// bodies (site.Cache, by the body's bytes and everything its rendering reads), the last
// build's pages (memOutput.last, by page key, as the build manifest on disk), share
// cards (Builder.cards, by card key) and image widths (Builder.images, by image key).
// Each keeps only what the last build used.
package build

import (
	"cmp"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"folio/internal/card"
	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/diag"
	"folio/internal/feed"
	"folio/internal/markdown"
	"folio/internal/outdir"
	"folio/internal/protect"
	"folio/internal/render"
	"folio/internal/search"
	"folio/internal/site"
	"folio/internal/theme"
	"folio/internal/urlrecord"
)

// Options say what to build and where.
type Options struct {
	Source  string // the site folder, holding site.yaml
	Dest    string // the output folder; default Source/public
	Drafts  bool   // include drafts
	BaseURL string // overrides site.yaml's base_url when set
	Version string // folio's version, for the generator tag
	// Protect is the file of protected terms (package protect), usually kept outside the
	// site; it is read again by every build, so folio serve follows its changes.
	Protect string
	// DeferSearch leaves the search index, the search page, the feeds and the other
	// machine-readable exports (citation files, JSON) out of the build, and returns a
	// function that makes them in Result.Search: folio serve reloads pages first, so
	// that a large site's index and exports do not delay what the writer is looking at.
	DeferSearch bool
	// PrintKeys hashes every print edition (folio pdf, which stores each PDF under the
	// key of the edition it was made from). Without it, only the editions that have a
	// cached PDF to compare with are hashed, and Result.Prints lacks the other keys:
	// hashing them all costs a measurable part of a large build (bench/README.md).
	PrintKeys bool
	// NoCache builds without the build cache (BuildCacheDir): every page is executed
	// and every file written, and no manifest is kept for the next build.
	NoCache bool
	// Lock is the output folder's lock when the caller holds it (LockOutput); without
	// it, Build takes the lock and lets go of it when done.
	Lock *outdir.Lock
	// LockWait is how long Build waits for another build of the same output folder to
	// finish (default outdir.LockWait); Waiting, if set, is called once when it starts to wait.
	LockWait time.Duration
	Waiting  func(dest string)

	// At is the moment the site is built for; zero means now. A publication whose date
	// or embargo is after it is left out of the whole output (Result.Scheduled), unless
	// Future is set: then it is in, and its page says it is not public yet.
	At     time.Time
	Future bool

	// Record adds the URLs of this build to the site's record of published URLs,
	// content/urls.yaml (package urlrecord), written when the build succeeds; without
	// it the record is only read. IgnoreRecord does not even read it, for folio alias,
	// which mends a site that the record stops.
	Record       bool
	IgnoreRecord bool
}

// A Step is a timed stage of the build, for the summary line.
type Step struct {
	Name string
	Time time.Duration
}

// Result summarises a successful build.
type Result struct {
	Dest         string // the output folder; "" for a build in memory
	BaseURL      string // the base URL the build used (site.yaml's, or the override)
	Publications int
	Pages        int // HTML pages written
	Files        int // all files written
	Rendered     int // Markdown bodies rendered; the others came from the cache
	Executed     int // pages whose template ran; the others came from the last build to memory or the build cache
	Reused       int // files taken unchanged from the previous output (build cache)
	Prints       []Print
	// Scheduled are the publications left out because they are not public yet at
	// Options.At, soonest first: a build at or after the first one's Release publishes it.
	Scheduled []*content.Page
	// Search makes the search index, the search page and the exports of this build,
	// when Options.DeferSearch is set. It may run while the next build does.
	Search func() (Files, error)
	Steps  []Step
	Time   time.Duration
}

// A Builder builds one site again and again. Between builds to memory (folio serve)
// it keeps the files it loaded, the bodies it rendered and the pages it made, so that a
// rebuild does again only what an edit touched. A build to disk or to a stream neither
// reads nor fills these caches: it is usually the last of its process, and holding every
// body and page would multiply its memory. A Builder must not run two builds at once.
type Builder struct {
	opts    Options
	content *content.Cache
	cache   *site.Cache
	last    *memOutput // the pages of the last build to memory, by key

	drawer      *card.Drawer      // share cards, made once per theme
	drawerTheme uint64            // the theme fingerprint the drawer's fonts came from
	cards       map[string][]byte // share cards of the last build, by card key
	images      map[string][]byte // resized images of the last build to memory (ImageCacheDir)
}

// New returns a Builder for opts.
func New(opts Options) *Builder {
	return &Builder{opts: opts, content: content.NewCache(), cache: site.NewCache()}
}

// Run builds the site once into its destination folder. See Builder.Build.
func Run(opts Options) (*Result, diag.List) { return New(opts).Build() }

// Build builds the site into the destination folder, atomically. Diagnostics include
// warnings even when the build succeeds; the build failed, and the destination is
// untouched, when they hold an error.
func (b *Builder) Build() (*Result, diag.List) {
	start := time.Now()
	src, dest, err := paths(b.opts)
	if err != nil {
		return nil, diag.List{{Err: err}}
	}
	if l := b.opts.Lock; l == nil {
		if l, err = outdir.Take(dest, b.opts.LockWait, b.opts.Waiting); err != nil {
			return nil, diag.List{{Err: err}}
		}
		defer l.Unlock()
	} else if l.Dest() != dest {
		return nil, diag.List{{Err: fmt.Errorf("output folder %s: the lock held is for %s", dest, l.Dest())}}
	}
	tmp, err := outdir.Begin(dest)
	if err != nil {
		return nil, diag.List{{Err: err}}
	}
	// Gone after the swap; removes a failed build's files, and gives back kept files
	// that a failed swap left in it.
	defer outdir.Discard(tmp, dest)
	out := &diskOutput{root: tmp}
	if !b.opts.NoCache {
		out.cache = openFileCache(src, dest)
	}
	bodies, err := newSpill(tmp)
	if err != nil {
		return nil, diag.List{{Err: err}}
	}
	res, s, errs := b.pipeline(src, out, bodies)
	bodies.remove() // before the swap: it is not part of the site
	if errs.HasErrors() {
		return nil, errs
	}
	t0 := time.Now()
	// The marker is written last: a temporary folder that has one is a complete build.
	own, err := os.ReadDir(tmp)
	if err == nil {
		err = out.write(outdir.Marker, outdir.MarkerFile(own))
	}
	if err == nil && b.opts.Record {
		err = writeRecord(src, s.Record)
	}
	if err == nil {
		err = outdir.Swap(tmp, dest, s.Config.Keep)
	}
	if err != nil {
		errs.Add(err)
		return nil, errs
	}
	res.Files = out.count()
	// The output is in place; record it for the next build. Failing to is no failure
	// of this build: the next one is only slower.
	if out.cache != nil {
		err = out.cache.save()
		res.Reused = int(out.cache.reused.Load())
	} else {
		err = dropFileCache(src, dest) // it describes an output that is gone
	}
	if err != nil {
		errs.Add(diag.Warnf(diag.Position{File: BuildCacheDir}, "build cache not saved: %v", err))
	}
	res.Steps = append(res.Steps, Step{"swap", time.Since(t0)})
	res.Dest = dest
	res.Time = time.Since(start)
	return res, errs
}

// BuildMemory builds the site into memory, for folio serve: nothing is written to disk.
func (b *Builder) BuildMemory() (*Result, Files, diag.List) {
	start := time.Now()
	src, err := sourceDir(b.opts)
	if err != nil {
		return nil, nil, diag.List{{Err: err}}
	}
	out := newMemOutput(b.last)
	res, _, errs := b.pipeline(src, out, nil)
	out.last = nil
	if errs.HasErrors() {
		return nil, nil, errs
	}
	b.last = out
	res.Time = time.Since(start)
	return res, out.files, errs
}

// BuildStream builds the site as Build does, but hands every file to put instead of
// writing it, for folio check: put is called from several goroutines at once, and data
// is valid only until it returns. Nothing of the site is kept (no build cache, no
// rendered pages), so memory grows with the metadata, as in Build; the bodies are set
// aside in a temporary folder, removed before BuildStream returns. It returns the
// model, which the pages were made from, with the result: its Bodies are gone with that
// folder.
func (b *Builder) BuildStream(put func(rel string, data []byte) error) (*Result, *site.Site, diag.List) {
	start := time.Now()
	src, err := sourceDir(b.opts)
	if err != nil {
		return nil, nil, diag.List{{Err: err}}
	}
	tmp, err := os.MkdirTemp("", "folio-bodies-")
	if err != nil {
		return nil, nil, diag.List{{Err: fmt.Errorf("creating a temporary folder: %w", err)}}
	}
	defer os.RemoveAll(tmp)
	bodies, err := newSpill(tmp)
	if err != nil {
		return nil, nil, diag.List{{Err: err}}
	}
	defer bodies.remove()
	res, s, errs := b.pipeline(src, &streamOutput{put: put}, bodies)
	if errs.HasErrors() {
		return nil, nil, errs
	}
	res.Time = time.Since(start)
	return res, s, errs
}

// Model loads the site and builds its model without rendering or writing anything,
// for commands that report on the content (folio report).
func (b *Builder) Model() (*site.Site, diag.List) {
	src, err := sourceDir(b.opts)
	if err != nil {
		return nil, diag.List{{Err: err}}
	}
	s, _, errs := b.model(src, &Result{}, nil)
	return s, errs
}

// model runs the first stages: configuration, content, and the site model. With a
// spill, the content is loaded without a cache, so each source is let go once its
// front matter is read (content.Options.Cache), and each body is set aside once
// rendered; without one (a build to memory), the Builder's caches serve and keep
// everything.
func (b *Builder) model(src string, res *Result, spill *spill) (*site.Site, fs.FS, diag.List) {
	opts := b.opts
	var errs diag.List
	step := func(name string, t0 time.Time) { res.Steps = append(res.Steps, Step{name, time.Since(t0)}) }
	fsys := os.DirFS(src)

	t0 := time.Now()
	cfg, err := config.Load(fsys)
	if err != nil {
		errs.Add(err)
		return nil, nil, errs
	}
	if opts.BaseURL != "" {
		u, err := config.NormalizeBaseURL(opts.BaseURL)
		if err != nil {
			errs.Add(fmt.Errorf("--base-url: %w", err))
			return nil, nil, errs
		}
		cfg.BaseURL = u
	}
	contentCache, siteCache := b.content, b.cache
	var bodies site.BodyStore // site.New's default: in memory
	if spill != nil {
		contentCache, siteCache, bodies = nil, nil, spill
	}
	list, err := protect.Load(opts.Protect, cfg.Protect)
	if err != nil {
		errs.Add(err)
		return nil, nil, errs
	}
	pages, loadErrs := content.Load(fsys, cfg, content.Options{Drafts: opts.Drafts, Cache: contentCache, Protect: list})
	errs = append(errs, loadErrs...)
	var record *urlrecord.Record
	if !opts.IgnoreRecord && !errs.HasErrors() { // a content/ that does not load has no record either
		if record, err = urlrecord.Load(fsys); err != nil {
			errs.Add(err)
		}
	}
	step("load", t0)
	if errs.HasErrors() {
		return nil, nil, errs
	}

	t0 = time.Now()
	s, siteErrs := site.New(cfg, fsys, pages, site.Options{
		Markdown:     markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML, UNDocuments: cfg.UNDocuments}),
		UnsafeHTML:   cfg.UnsafeHTML,
		Cache:        siteCache,
		Bodies:       bodies,
		At:           opts.At,
		Future:       opts.Future,
		Record:       record,
		UpdateRecord: opts.Record && !opts.IgnoreRecord,
	})
	errs = append(errs, siteErrs...)
	step("model", t0)
	if errs.HasErrors() {
		return nil, nil, errs
	}
	return s, fsys, errs
}

// pipeline runs every stage, sending files to out and bodies to spill, or keeping them
// in memory without one (see model).
func (b *Builder) pipeline(src string, out output, spill *spill) (*Result, *site.Site, diag.List) {
	opts := b.opts
	res := &Result{}
	step := func(name string, t0 time.Time) { res.Steps = append(res.Steps, Step{name, time.Since(t0)}) }
	if spill != nil && !opts.DeferSearch {
		// The index is made in this build: count each body's terms as it is set aside,
		// and let its text go.
		spill.terms = search.NewBodies()
	}
	s, fsys, errs := b.model(src, res, spill)
	if errs.HasErrors() {
		return nil, nil, errs
	}
	cfg := s.Config
	res.Rendered = len(s.Publications) + len(s.Pages) - s.CacheHits

	t0 := time.Now()
	assets := render.NewAssets(s.BasePath)
	th, err := theme.Load(fsys, cfg.Theme, render.Funcs(assets))
	if err == nil {
		err = assets.Hash(th.Static)
	}
	step("theme", t0)
	if err != nil {
		errs.Add(err)
		return nil, nil, errs
	}

	t0 = time.Now()
	var manifest string // the search index's, once made
	if !opts.DeferSearch {
		var terms *search.Bodies
		if spill != nil {
			terms = spill.terms
		}
		ix, err := search.BuildFrom(s, terms)
		if err != nil {
			errs.Add(fmt.Errorf("search index: %w", err))
			return nil, nil, errs
		}
		errs = append(errs, writeAll(out, len(ix.Files), func(i int) (string, []byte) { return ix.Files[i].Path, ix.Files[i].Data })...)
		manifest = ix.Manifest
		// Neither the index nor the terms it was made from are needed any more: let
		// them go before the pages render. (ix and terms are dead from here; spill lives
		// until the build ends.)
		if spill != nil {
			spill.terms = nil
		}
	} else {
		res.Search = func() (Files, error) {
			ix, err := search.Build(s)
			if err != nil {
				return nil, fmt.Errorf("search index: %w", err)
			}
			files := Files{}
			for _, f := range ix.Files {
				files[f.Path] = f.Data
			}
			rd, err := render.New(s, th, render.Options{Generator: "folio " + opts.Version, SearchManifest: ix.Manifest})
			if err != nil {
				return nil, err
			}
			pages, err := rd.SearchPages()
			maps.Copy(files, pages)
			return files, err
		}
	}
	step("search", t0)

	t0 = time.Now()
	// A build without a spill is a build to memory (folio serve), which writes nothing
	// on disk, not even to the caches of the site folder.
	inMemory := spill == nil
	cards, err := b.shareCards(src, s, th, out, !inMemory, &errs)
	if err != nil {
		errs.Add(fmt.Errorf("share cards: %w", err))
		return nil, nil, errs
	}
	step("cards", t0)

	// The exports (citation files, sitemap...) do not depend on the pages: they are made
	// and written while the pages render, on whatever the templates leave of the cores.
	exported := make(chan diag.List, 1)
	if !opts.DeferSearch {
		go func() {
			var errs diag.List
			errs.Add(feed.Exports(s, func(f feed.File) error { return out.write(f.Path, f.Data) }))
			exported <- errs
		}()
	}

	t0 = time.Now()
	rd, err := render.New(s, th, render.Options{Generator: "folio " + opts.Version, SearchManifest: manifest, Cards: cards})
	if err != nil {
		errs.Add(err)
		return nil, nil, errs
	}
	pdf := newPDFs(src, fsys, s, th, out, opts.PrintKeys)
	pages := &pageOutput{out: out, pdf: pdf}
	executed, renderErrs := rd.Render(pages)
	errs = append(errs, renderErrs...)
	for _, err := range pdf.errs {
		errs.Add(err)
	}
	slices.SortFunc(pdf.prints, func(a, b Print) int { return strings.Compare(a.Slug, b.Slug) })
	res.Prints = pdf.prints
	res.Pages = int(pages.n.Load())
	res.Executed = executed
	step("render", t0)

	t0 = time.Now()
	if opts.DeferSearch {
		// The feeds, citation files and JSON exports are made later, with the index.
		search := res.Search
		urls := pdf.urls
		res.Search = func() (Files, error) {
			files, err := search()
			if err != nil {
				return nil, err
			}
			exports, err := feed.Files(s, urls)
			for _, f := range exports {
				files[f.Path] = f.Data
			}
			return files, err
		}
	} else {
		files, err := feed.Feeds(s, pdf.urls)
		errs.Add(err)
		errs = append(errs, writeAll(out, len(files), func(i int) (string, []byte) { return files[i].Path, files[i].Data })...)
		errs = append(errs, <-exported...)
	}
	step("feeds", t0)

	t0 = time.Now()
	for _, f := range th.Static {
		if path.Ext(f.Path) != ".css" {
			errs = append(errs, publish(out, f.FS, f.Src, "static/"+f.Path)...)
			continue
		}
		css, err := f.Bytes() // without its comments
		if err != nil {
			errs.Errorf(diag.Position{File: f.Src}, "cannot read: %v", unwrap(err))
			continue
		}
		errs.Add(out.write("static/"+f.Path, css))
	}
	if css := render.BrandCSS(cfg.Brand); css != nil {
		errs.Add(out.write(render.BrandCSSPath, css))
	}
	images := b.imageCache(src, inMemory)
	errs = append(errs, publishFiles(out, fsys, s.Files, images)...)
	b.keepImages(images, inMemory, errs.HasErrors())
	step("copy", t0)

	if cfg.UNDocuments {
		t0 = time.Now()
		errs.Add(writeDocuments(out, s))
		step("documents", t0)
	}

	if len(cfg.Hosts) > 0 {
		t0 = time.Now()
		errs = append(errs, writeHosts(out, s)...)
		step("hosts", t0)
	}

	errs.Sort()
	res.Publications = len(s.Publications)
	res.Scheduled = s.Scheduled
	res.BaseURL = cfg.BaseURL
	res.Files = out.count()
	return res, s, errs
}

// A pageOutput is the render.Output of a build: pages go to out, print editions to pdf.
// Pages are counted as they come, since the exports are written at the same time.
type pageOutput struct {
	out output
	pdf *pdfs
	n   atomic.Int64
}

func (o *pageOutput) Reuse(rel string, key uint64) bool {
	if o.out.reuse(rel, key) {
		o.n.Add(1)
		return true
	}
	return false
}

func (o *pageOutput) Page(rel string, key uint64, data []byte) error {
	o.n.Add(1)
	return o.out.writeKeyed(rel, key, data)
}

func (o *pageOutput) Printed(p *site.Publication, html []byte) (string, int64) {
	return o.pdf.printed(p, html)
}

// sourceDir resolves and checks the site folder.
func sourceDir(opts Options) (string, error) {
	src, err := filepath.Abs(cmp.Or(opts.Source, "."))
	if err != nil {
		return "", err
	}
	if fi, err := os.Stat(src); err != nil || !fi.IsDir() {
		return "", fmt.Errorf("site folder %s: not found", src)
	}
	return src, nil
}

// paths resolves and checks the source and destination folders (outdir.Resolve).
func paths(opts Options) (src, dest string, err error) {
	if src, err = sourceDir(opts); err != nil {
		return "", "", err
	}
	return outdir.Resolve(src, opts.Dest)
}

// LockOutput takes the lock of the output folder of opts (outdir.Take), waiting up to
// opts.LockWait while another build holds it, and calling opts.Waiting once if it has
// to wait. folio pdf holds it across its two builds and the rendering between them,
// which reads the output: it passes the lock to the builds in Options.Lock.
func LockOutput(opts Options) (*outdir.Lock, error) {
	_, dest, err := paths(opts)
	if err != nil {
		return nil, err
	}
	return outdir.Take(dest, opts.LockWait, opts.Waiting)
}
