package site

import (
	"cmp"
	"io/fs"
	"net/url"
	"slices"
	"strings"
	"time"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/diag"
	"folio/internal/markdown"
	"folio/internal/par"
	"folio/internal/urlrecord"
)

// A Site is the whole model.
type Site struct {
	Config       *config.Config
	BasePath     string           // path of the base URL, "/" or "/sub/"
	Publications []*Publication   // newest first
	Pages        []*Page          // plain pages, by slug
	Taxonomies   []*Taxonomy      // objectives, types, countries, missions, authors, years
	Redirects    []Redirect       // one per alias and per recorded URL kept (urlrecord), by path
	Gone         []urlrecord.Gone // URLs withdrawn for good (urlrecord), each with its page
	Files        []File           // bundle files to copy, by destination
	Addressees   []*Addressee     // the default edition's recommendations by addressee, alphabetical
	Documents    []*Document      // UN documents the default edition's publications cite (markdown.CompareSymbols order)
	// Editions are the site in each of its languages, the default language's first:
	// its Publications and Taxonomies hold every edition of every publication, an
	// Edition's lists each publication once.
	Editions  []*Edition
	Updated   time.Time // the newest date or updated of any publication
	Logo      *Logo     // the brand's logo; nil without one
	CacheHits int       // bodies taken from the cache instead of rendered
	// Bodies holds the rendered bodies of Publications and Pages (Options.Bodies), which
	// their Doc leaves out.
	Bodies BodyStore
	// Fingerprint changes when anything every page may show changes: the configuration,
	// the URL of any page, any taxonomy term's title or count. Together with a page's own
	// sources it keys the pages (internal/render), which a build reuses while it is unchanged.
	Fingerprint uint64
	// Featured is the publication that leads the home page: the newest with featured:
	// true that is neither a draft nor held back for its embargo (shown by --drafts or
	// --future); nil when there is none.
	Featured *Publication

	// Scheduled are the publications held back because their Release is after the
	// moment the site is built for (Options.At), soonest first. They are in nothing else
	// of the model: no page, list, count, feed or index shows them.
	Scheduled []*content.Page
	// Record is the record of published URLs (urlrecord) the site was made with: as
	// read, or updated with this site's URLs when Options.UpdateRecord; nil without one.
	Record *urlrecord.Record

	served map[string]string // output path → what writes it (Serves)
}

// A Publication is one brief, report or commentary.
type Publication struct {
	*content.Page
	URL        string
	Doc        *markdown.Meta
	Type       *Term
	Objectives []*Term
	Countries  []*Term
	Missions   []*Term
	Authors    []*Term
	Tags       []string
	Year       *Term
	Related    []*Publication
	PDFURL     string // the attached, designed PDF, or ""
	PDFSize    int64  // its size in bytes
	PDFs       []PDF  // every attached PDF, the full edition first (content.Page.PDFs)
	Series     *Term  // the series it is numbered in, or nil
	// SeriesLabel names its number in Series: "Policy Brief No. 12"; "" outside a series.
	SeriesLabel string
	CoverURL    string
	CoverW      int
	CoverH      int
	// CoverSrcset lists the widths the cover is published in, for srcset; "" when it
	// is published in one.
	CoverSrcset string
	// Translations are the other-language editions sharing this one's translation_key.
	Translations []*Publication
	// Scheduled is set on a publication in the site before its Release, which only
	// Options.Future allows: the preview says it is not public yet.
	Scheduled bool
	// Fingerprint changes when anything of the publication that its pages show changes:
	// its source file and the names of its bundle's files (content.Page.Hash), and the
	// pixel sizes of its bundle's images, which are in the pages' width and height
	// attributes. It keys the pages that show the publication (internal/render).
	Fingerprint uint64

	index int    // position in Site.Publications
	sizes []size // of each of Resources, read once per build
}

// A PDF is an attached PDF with its URL and size, for the page to link and say how big
// it is.
type PDF struct {
	content.PDF
	URL  string
	Size int64 // in bytes; 0 if it could not be read
}

// size is an image's pixel size; 0, 0 for a file that is not a PNG, JPEG or GIF.
type size struct{ w, h int }

// A Page is a plain page such as About.
type Page struct {
	*content.Page
	URL string
	Doc *markdown.Meta
	// Translations are the other-language versions sharing its translation_key.
	Translations []*Page
}

// A Taxonomy groups publications by one field.
type Taxonomy struct {
	Key      string // URL segment and field name: "objectives"
	Title    string // "Objectives"
	Singular string // "Objective"
	URL      string
	Terms    []*Term
}

// A Term is one value of a taxonomy: an objective, a country, a year...
type Term struct {
	Taxonomy     *Taxonomy
	Key          string // URL segment
	Title        string
	Number       int    // objectives only
	Description  string // objectives only
	URL          string
	Publications []*Publication // newest first
	Profile      *Profile       // authors only: from content/authors/<key>.md, or nil
}

// A Redirect is an old URL that now points at a publication or page.
type Redirect struct {
	Path string // site path of the alias, "/briefs/old/"; without the base path
	To   string // URL of the target
	Pos  diag.Position
}

// A File is a bundle file to copy into the output.
type File struct {
	Src string // path in the site source
	Dst string // path in the output folder
	// Widths are the widths of a photo or graphic published in several (Widths), the
	// largest last, or nil for a file copied as it is. Each but the largest goes to
	// Variant(Dst, width); the largest goes to Dst, resized when Resize is set.
	Widths []int
	Resize bool
}

// Options configure New.
type Options struct {
	Markdown   *markdown.Renderer
	UnsafeHTML bool   // the renderer passes raw HTML through (part of the cache key)
	Cache      *Cache // optional: reuse renders from earlier builds
	// Bodies keeps the rendered bodies (BodyStore); nil for a new MemoryBodies.
	Bodies BodyStore
	// At is the moment the site is built for (zero: now). A publication whose Release
	// is after it is left out of the site, into Site.Scheduled, unless Future is set.
	At     time.Time
	Future bool
	// Record is the site's record of published URLs (urlrecord.Load), or nil: each URL
	// in it must stay published, or be marked gone. UpdateRecord records this site's
	// URLs in it first (folio build --record).
	Record       *urlrecord.Record
	UpdateRecord bool
}

// New builds the model. pages come from content.Load; fsys is the site root, read for
// image sizes. All problems are returned as diagnostics; the Site is nil when any is an
// error.
func New(cfg *config.Config, fsys fs.FS, pages []*content.Page, opts Options) (*Site, diag.List) {
	u, _ := url.Parse(cfg.BaseURL)
	s := &Site{Config: cfg, BasePath: u.Path, Bodies: opts.Bodies}
	if s.Bodies == nil {
		s.Bodies = NewMemoryBodies()
	}
	b := &builder{site: s, fsys: fsys, sources: map[string]string{}, owners: map[string]string{}, ids: map[string][]string{},
		bundles: map[string]*Publication{}, held: map[string]*Publication{},
		record: opts.Record, updateRecord: opts.UpdateRecord}
	var errs diag.List
	at := opts.At
	if at.IsZero() {
		at = time.Now()
	}

	for _, p := range pages {
		switch p.Kind {
		case content.Publication:
			p.CheckCorrections(at, cfg.Location(), &errs)
			pub := &Publication{Page: p, URL: s.URL(cfg.LanguageOf(p.Lang).Prefix() + "publications/" + p.Slug + "/"), Tags: p.Tags}
			switch {
			case !p.Release.After(at):
				s.Publications = append(s.Publications, pub)
			case opts.Future:
				pub.Scheduled = true
				s.Publications = append(s.Publications, pub)
			default:
				// Rendered all the same, for its errors: the build that publishes it
				// runs at its release time, when nobody may be watching.
				b.held[p.Source] = pub
				s.Scheduled = append(s.Scheduled, p)
			}
			b.sources[p.Source] = pub.URL
			if p.Bundle != "" {
				b.bundles[p.Source] = pub
			}
		case content.Plain:
			pg := &Page{Page: p, URL: s.URL(cfg.LanguageOf(p.Lang).Prefix() + p.Slug + "/")}
			s.Pages = append(s.Pages, pg)
			b.sources[p.Source] = pg.URL
		}
	}
	slices.SortFunc(s.Publications, func(a, b *Publication) int {
		return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Title, b.Title), cmp.Compare(a.Slug, b.Slug))
	})
	slices.SortFunc(s.Pages, func(a, b *Page) int { return cmp.Compare(a.Slug, b.Slug) })
	slices.SortFunc(s.Scheduled, func(a, b *content.Page) int {
		return cmp.Or(a.Release.Compare(b.Release), cmp.Compare(a.Source, b.Source))
	})
	for i, p := range s.Publications {
		p.index = i
	}

	opts.Cache.begin()
	b.render(opts, &errs)
	s.CacheHits = opts.Cache.end()
	if b.missingDoc() {
		errs.Sort()
		return nil, errs // a body could not be read: what follows needs every one
	}
	b.taxonomies(&errs)
	b.series()
	b.profiles(opts, &errs)
	b.logo(&errs) // before files, which sorts the files to copy
	b.files()
	b.pdfs()
	b.claimAll(&errs)
	b.checkLinks(&errs)
	b.forgetLinks()
	b.related(opts.Cache)
	b.translations()
	b.editions()
	// The site's own lists are its default edition's.
	def := s.Editions[0]
	s.Addressees, s.Documents, s.Featured = def.Addressees, def.Documents, def.Featured
	for _, p := range s.Publications {
		s.Updated = maxTime(s.Updated, p.Date, p.Updated)
	}
	s.Fingerprint = b.siteFingerprint(opts.UnsafeHTML)
	errs.Sort()
	if errs.HasErrors() {
		return nil, errs
	}
	return s, errs
}

func maxTime(ts ...time.Time) time.Time {
	var m time.Time
	for _, t := range ts {
		if t.After(m) {
			m = t
		}
	}
	return m
}

// URL returns the site-relative URL of a path inside the site ("publications/").
func (s *Site) URL(p string) string { return s.BasePath + strings.TrimPrefix(p, "/") }

// Permalink returns the absolute URL of a site-relative URL made by URL.
func (s *Site) Permalink(siteURL string) string {
	// BaseURL ends with BasePath; siteURL starts with it.
	return strings.TrimSuffix(s.Config.BaseURL, s.BasePath) + siteURL
}

// OutputPath returns the file under the output folder that serves a site-relative URL:
// "/sub/publications/x/" is "publications/x/index.html".
func (s *Site) OutputPath(siteURL string) string {
	p := strings.TrimPrefix(siteURL, s.BasePath)
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return p
}

// Taxonomy returns the taxonomy with the given key.
func (s *Site) Taxonomy(key string) *Taxonomy {
	for _, t := range s.Taxonomies {
		if t.Key == key {
			return t
		}
	}
	return nil
}

// builder holds the indexes used while the model is made.
type builder struct {
	site         *Site
	fsys         fs.FS
	sources      map[string]string // source path of a page → its URL
	owners       map[string]string // output path → what writes it, to find collisions
	record       *urlrecord.Record // Options.Record and Options.UpdateRecord
	updateRecord bool
	ids          map[string][]string     // page URL → ids its body defines
	bundles      map[string]*Publication // source path of a bundle's index.md → the publication
	held         map[string]*Publication // source path → a publication held back (Site.Scheduled)
}

// render renders every body in parallel, keeping diagnostics in page order.
func (b *builder) render(opts Options, errs *diag.List) {
	type job struct {
		src  *content.Page
		pub  *Publication // nil for a plain page
		doc  **markdown.Meta
		errs diag.List
		held bool // rendered only for its errors: nothing of it may reach the output
	}
	fp := b.fingerprint(opts.UnsafeHTML)
	var jobs []*job
	for _, p := range b.site.Publications {
		jobs = append(jobs, &job{src: p.Page, pub: p, doc: &p.Doc})
	}
	for _, p := range b.site.Pages {
		jobs = append(jobs, &job{src: p.Page, doc: &p.Doc})
	}
	for _, p := range b.site.Scheduled {
		h := b.held[p.Source]
		jobs = append(jobs, &job{src: p, pub: h, doc: &h.Doc, held: true})
	}
	par.Each(len(jobs), 0, func() func(int) {
		var scratch []byte // for bodies read again: dropped once rendered
		return func(i int) {
			j := jobs[i]
			body, err := j.src.ReadBodyTo(b.fsys, &scratch) // read again if loading let it go
			if err != nil {
				j.errs.Add(err)
				return
			}
			var pub uint64 // the body shows the sizes of its bundle's images
			if j.pub != nil {
				b.readSizes(j.pub) // after ReadBodyTo, which sets the Hash
				pub = j.pub.Fingerprint
			}
			key := renderKey(fp, j.src.Source, body, pub)
			doc, docErrs, ok := opts.Cache.get(key)
			if !ok {
				doc, docErrs = opts.Markdown.Render(j.src.Source, body, b)
				opts.Cache.put(key, doc, docErrs)
			}
			j.errs = docErrs
			if doc == nil {
				return
			}
			// The model keeps the Meta, a copy (the cached Doc is shared with later
			// builds, and the ids and links are let go once checked); the body goes to
			// the store.
			meta := doc.Meta
			*j.doc = &meta
			if !j.held {
				if err := b.site.Bodies.Put(j.src, doc.Body); err != nil {
					j.errs.Add(err)
				}
			}
		}
	})
	for _, j := range jobs {
		*errs = append(*errs, j.errs...)
		if *j.doc != nil {
			if !j.held {
				b.ids[b.sources[j.src.Source]] = (*j.doc).IDs
			}
			unfinished := (*j.doc).Unfinished
			if j.pub != nil && j.src.Summary == content.SkeletonSummary {
				// Left from folio new: it would reach the home page and the feeds.
				unfinished = append(unfinished[:len(unfinished):len(unfinished)], diag.Warnf(j.src.Pos("summary"),
					"the summary is still the placeholder of folio new: write one to three sentences on what the brief finds"))
			}
			for _, d := range unfinished {
				e := *d // the Doc may be cached, and the draft flag change
				if !j.src.Draft {
					e.Severity = diag.SevError // what is left empty would be published
				}
				errs.Add(&e)
			}
		}
	}
}

// missingDoc reports whether a page has no rendered body (its file could not be read).
func (b *builder) missingDoc() bool {
	for _, p := range b.site.Publications {
		if p.Doc == nil {
			return true
		}
	}
	for _, p := range b.site.Pages {
		if p.Doc == nil {
			return true
		}
	}
	return false
}
