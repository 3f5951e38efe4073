package site

import (
	"bytes"
	"cmp"
	"fmt"
	"image"
	_ "image/gif" // image sizes for width/height attributes
	_ "image/jpeg"
	_ "image/png"
	"io"
	"io/fs"
	"iter"
	"net/url"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/diag"
	"folio/internal/digest"
	"folio/internal/imagemeta"
	"folio/internal/markdown"
	"folio/internal/slug"
	"folio/internal/urlrecord"

	"golang.org/x/text/unicode/norm"
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
	// Fingerprint changes when anything every page may show changes: the configuration,
	// the URL of any page, any taxonomy term's title or count. Together with a page's own
	// sources it keys the render memo of internal/render.
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
	Doc        *markdown.Doc
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
	Doc *markdown.Doc
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
	// Digest, when set, is called with each rendered body, from several goroutines at
	// once. With Release it is how a caller takes what it needs of a body's plain text
	// (the search index does) before the text is let go.
	Digest func(p *content.Page, doc *markdown.Doc)
	// Release lets go of each body's Markdown source once it is rendered, of its plain
	// text and headings once Digest has seen them, and of its ids and links once the
	// links are checked, so that a large build holds none of them for its whole length
	// (folio build). The pages must not be used again, nor a Cache.
	Release bool
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
	s := &Site{Config: cfg, BasePath: u.Path}
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
	if opts.Release {
		b.releaseChecked()
	}
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
		doc  **markdown.Doc
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
	next := make(chan *job)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var scratch []byte // for bodies read again: dropped once rendered
			for j := range next {
				body, err := j.src.ReadBodyTo(b.fsys, &scratch) // read again if loading let it go
				if err != nil {
					j.errs.Add(err)
					continue
				}
				var pub uint64 // the body shows the sizes of its bundle's images
				if j.pub != nil {
					b.readSizes(j.pub) // after ReadBodyTo, which sets the Hash
					pub = j.pub.Fingerprint
				}
				key := renderKey(fp, j.src.Source, body, pub)
				var ok bool
				if *j.doc, j.errs, ok = opts.Cache.get(key); !ok {
					*j.doc, j.errs = opts.Markdown.Render(j.src.Source, body, b)
					opts.Cache.put(key, *j.doc, j.errs)
				}
				if *j.doc == nil {
					continue
				}
				if opts.Digest != nil && !j.held {
					opts.Digest(j.src, *j.doc)
				}
				if opts.Release {
					j.src.Body = nil
					(*j.doc).Text, (*j.doc).Headings = "", nil // what Digest took for search
				}
			}
		})
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
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

// ResolveLink implements markdown.Resolver: a relative link to a Markdown file becomes
// the URL of its page, and a link to a bundle file the URL of its copy.
func (b *builder) ResolveLink(from, target string) (string, bool) {
	target, frag, hasFrag := strings.Cut(target, "#")
	if unescaped, err := url.PathUnescape(target); err == nil {
		target = unescaped
	}
	src := path.Join(path.Dir(from), target)
	if b.unreleased(from, src) != nil {
		return "", false // LinkHint says why
	}
	u, ok := b.sources[src]
	if !ok {
		u, ok = b.resourceURL(from, src)
	}
	if !ok {
		return "", false
	}
	if hasFrag {
		u += "#" + frag
	}
	return u, true
}

// LinkHint implements markdown.Hinter: a bundle's index.md is one folder further down
// than a single-file brief, and a link written as from a single file ("other.md")
// misses the "../" that reaches the other briefs.
//
// A link to a publication that is not public yet when the linking page is says when it
// will be.
func (b *builder) LinkHint(from, target string) string {
	file, _, _ := strings.Cut(target, "#")
	if unescaped, err := url.PathUnescape(file); err == nil {
		file = unescaped
	}
	if p := b.unreleased(from, path.Join(path.Dir(from), file)); p != nil {
		return scheduledHint(p)
	}
	if path.Base(from) != "index.md" || strings.HasPrefix(file, "../") {
		return ""
	}
	if _, ok := b.sources[path.Join(path.Dir(from), "..", file)]; ok {
		return fmt.Sprintf("write %q: this brief is a bundle (a folder with index.md), one folder further down than the brief it links to", "../"+target)
	}
	return ""
}

// unreleased returns the publication at source path src when it is held back and would
// still be when the page at from is published: a page public now may not link to it, and
// a held-back one only if it is released no earlier.
func (b *builder) unreleased(from, src string) *Publication {
	p := b.held[src]
	if p == nil {
		return nil
	}
	if f := b.held[from]; f != nil && !p.Release.After(f.Release) {
		return nil
	}
	return p
}

func scheduledHint(p *Publication) string {
	return fmt.Sprintf("%s is scheduled for %s and is not public yet: remove the link until then (a publication scheduled no earlier may link to it)",
		p.Source, When(p.Release))
}

// When writes a release time as summaries and messages show it, with the time zone's
// name: "2026-12-10 09:00 Europe/Zurich".
func When(t time.Time) string {
	return t.Format("2006-01-02 15:04") + " " + t.Location().String()
}

// ResolveImage implements markdown.Resolver for images in bundles.
func (b *builder) ResolveImage(from, target string) (string, int, int, bool) {
	p, rel, ok := b.bundleImage(from, target)
	if !ok {
		return "", 0, 0, false
	}
	s := p.sizeOf(rel) // p is the publication being rendered: its sizes are read
	return p.URL + escapePath(rel), s.w, s.h, true
}

// bundleImage finds the file target, written in from, in from's bundle.
func (b *builder) bundleImage(from, target string) (p *Publication, rel string, ok bool) {
	if unescaped, err := url.PathUnescape(target); err == nil {
		target = unescaped
	}
	src := path.Join(path.Dir(from), target)
	if _, ok := b.resourceURL(from, src); !ok {
		return nil, "", false
	}
	p = b.bundles[from]
	return p, strings.TrimPrefix(src, p.Bundle+"/"), true
}

// resourceURL finds src among the files of the bundle that from belongs to.
func (b *builder) resourceURL(from, src string) (string, bool) {
	p := b.bundles[from]
	if p == nil {
		return "", false
	}
	rel, ok := strings.CutPrefix(src, p.Bundle+"/")
	if !ok || !slices.Contains(p.Resources, rel) {
		return "", false
	}
	return p.URL + escapePath(rel), true
}

func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// readSizes reads the pixel size of every file of p's bundle, before its body is
// rendered, and sets p's Fingerprint: the sizes are what the pages show of the images'
// contents, so the caches of rendered bodies and pages are keyed by them. Only the
// start of each file is read.
func (b *builder) readSizes(p *Publication) {
	p.Fingerprint = p.Hash
	if len(p.Resources) == 0 {
		return
	}
	p.sizes = make([]size, len(p.Resources))
	h := digest.New() // stable across processes: part of the keys of the build cache
	h.WriteUint64(p.Hash)
	for i, r := range p.Resources {
		p.sizes[i] = b.imageSize(p.Bundle + "/" + r)
		h.WriteUint64(uint64(p.sizes[i].w))
		h.WriteUint64(uint64(p.sizes[i].h))
	}
	p.Fingerprint = h.Sum64()
}

// sizeOf returns the size of the bundle file rel, as readSizes read it.
func (p *Publication) sizeOf(rel string) size {
	if i := slices.Index(p.Resources, rel); i >= 0 && i < len(p.sizes) {
		return p.sizes[i]
	}
	return size{}
}

// imageSize reads the pixel size of a PNG, JPEG or GIF as published; 0, 0 for anything
// else. A photo that its EXIF says is stored turned a quarter is published upright
// (package imagemeta), so its width and height are swapped.
func (b *builder) imageSize(src string) size {
	f, err := b.fsys.Open(src)
	if err != nil {
		return size{}
	}
	defer f.Close()
	head := make([]byte, 256<<10) // EXIF comes first, in at most a few 64 KB segments
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF {
		return size{}
	}
	head = head[:n]
	c, _, err := image.DecodeConfig(io.MultiReader(bytes.NewReader(head), f))
	if err != nil {
		return size{}
	}
	if imagemeta.Orientation(head) >= 5 {
		return size{c.Height, c.Width}
	}
	return size{c.Width, c.Height}
}

// Taxonomy keys, in the order the site shows them.
var taxonomyDefs = []struct{ key, title, singular string }{
	{"objectives", "Objectives", "Objective"},
	{"types", "Publication types", "Type"},
	{"countries", "Countries", "Country"},
	{"missions", "Missions", "Mission"},
	{"authors", "Authors", "Author"},
	{"years", "Years", "Year"},
}

func (b *builder) taxonomies(errs *diag.List) {
	s := b.site
	tax := map[string]*Taxonomy{}
	for _, d := range taxonomyDefs {
		t := &Taxonomy{Key: d.key, Title: d.title, Singular: d.singular, URL: s.URL(d.key + "/")}
		tax[d.key] = t
		s.Taxonomies = append(s.Taxonomies, t)
	}
	term := func(t *Taxonomy, key, title string) *Term {
		return &Term{Taxonomy: t, Key: key, Title: title, URL: t.URL + key + "/"}
	}
	objectives := map[string]*Term{}
	for _, o := range s.Config.Objectives {
		tm := term(tax["objectives"], o.Key, o.Title)
		tm.Number, tm.Description = o.Number, o.Description
		objectives[o.Key] = tm
		tax["objectives"].Terms = append(tax["objectives"].Terms, tm)
	}
	slices.SortFunc(tax["objectives"].Terms, func(a, b *Term) int { return cmp.Compare(a.Number, b.Number) })
	types := map[string]*Term{}
	for _, ty := range s.Config.Types {
		tm := term(tax["types"], ty.Key, ty.Plural)
		types[ty.Key] = tm
		tax["types"].Terms = append(tax["types"].Terms, tm)
	}

	// Free-form taxonomies: terms keyed by slug; the most used spelling is the title.
	// A country or mission that site.yaml's languages name is one term whatever the
	// language a publication writes it in; its title is the default language's name
	// for it, or the spelling publications in the default language use most.
	type freeTerm struct {
		term      *Term
		spellings map[string]int
	}
	def := s.Config.DefaultLanguage()
	free := map[string]map[string]*freeTerm{"countries": {}, "missions": {}, "authors": {}, "years": {}}
	add := func(taxKey string, p *Publication, name, field string) *Term {
		key := slug.Make(name)
		if k := s.Config.TermKey(taxKey, name); k != "" {
			key = k
		}
		if key == "" {
			errs.Errorf(p.Pos(field), "%s: %q has no letters or digits to make a URL from", field, name)
			return nil
		}
		ft := free[taxKey][key]
		if ft == nil {
			ft = &freeTerm{term: term(tax[taxKey], key, name), spellings: map[string]int{}}
			free[taxKey][key] = ft
		}
		if s.Config.LanguageOf(p.Lang) == def {
			ft.spellings[name] += 1 << 20 // any default-language spelling beats the others
		}
		ft.spellings[name]++
		ft.term.Publications = append(ft.term.Publications, p)
		return ft.term
	}
	for _, p := range s.Publications { // newest first, so term lists are too
		p.Type = types[p.Page.Type]
		p.Type.Publications = append(p.Type.Publications, p)
		for _, k := range p.Page.Objectives {
			tm := objectives[k]
			tm.Publications = append(tm.Publications, p)
			p.Objectives = append(p.Objectives, tm)
		}
		for _, c := range p.Page.Countries {
			if tm := add("countries", p, c, "countries"); tm != nil {
				p.Countries = append(p.Countries, tm)
			}
		}
		for _, m := range p.Page.Missions {
			if tm := add("missions", p, m, "missions"); tm != nil {
				p.Missions = append(p.Missions, tm)
			}
		}
		for _, a := range p.Page.Authors {
			if tm := add("authors", p, a, "authors"); tm != nil {
				p.Authors = append(p.Authors, tm)
			}
		}
		p.Year = add("years", p, strconv.Itoa(p.Date.Year()), "date")
	}
	for taxKey, terms := range free {
		t := tax[taxKey]
		for _, ft := range terms {
			best := ""
			for name, n := range ft.spellings {
				if best == "" || n > ft.spellings[best] || (n == ft.spellings[best] && name < best) {
					best = name
				}
			}
			ft.term.Title = def.Translate(taxKey, ft.term.Key, best)
			t.Terms = append(t.Terms, ft.term)
		}
		if taxKey == "years" {
			slices.SortFunc(t.Terms, func(a, b *Term) int { return cmp.Compare(b.Key, a.Key) })
		} else {
			slices.SortFunc(t.Terms, func(a, b *Term) int {
				return cmp.Or(cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), cmp.Compare(a.Key, b.Key))
			})
		}
	}
	// Author terms: a publication lists authors in its own order; keep that.
}

// files lists bundle files to copy, and the URLs of attached PDFs and covers.
func (b *builder) files() {
	s := b.site
	for _, p := range s.Publications {
		for _, r := range p.Resources {
			f := File{Src: p.Bundle + "/" + r, Dst: strings.TrimPrefix(p.URL, s.BasePath) + r}
			f.resize(p.sizeOf(r), p.keepsOriginal(r))
			s.Files = append(s.Files, f)
		}
		if p.PDF != "" {
			p.PDFURL = p.URL + escapePath(p.PDF)
			if fi, err := fs.Stat(b.fsys, p.Bundle+"/"+p.PDF); err == nil {
				p.PDFSize = fi.Size() // shown beside the link; content checked that it exists
			}
		}
		if p.Cover != "" {
			p.CoverURL = p.URL + escapePath(p.Cover)
			s := p.sizeOf(p.Cover)
			p.CoverW, p.CoverH = s.w, s.h
			if Resizable(p.Cover) && !p.keepsOriginal(p.Cover) && s.w > 0 && s.h > 0 {
				if p.CoverSrcset = srcset(p.CoverURL, s.w); p.CoverSrcset != "" {
					_, largest := plan(s.w)
					p.CoverW, p.CoverH = Scale(s.w, s.h, largest)
				}
			}
		}
	}
	slices.SortFunc(s.Files, func(a, b File) int { return cmp.Compare(a.Dst, b.Dst) })
}

// claimAll records the output path of every file the site will have, and reports two
// things that would write the same file, naming both. Two paths also collide when one
// needs a folder where the other is a file (an alias /feed.xml/ is the folder
// feed.xml/), and when they differ only in letter case or Unicode normalisation: hosts
// that ignore case (Windows, macOS, some CDNs) would serve one file for both.
func (b *builder) claimAll(errs *diag.List) {
	s := b.site
	dirs := map[string]string{}   // the folders of claimed paths → the first who needs them
	folded := map[string]string{} // fold(path) → the path claimed under it
	claim := func(siteURL, who string, pos diag.Position) {
		out := s.OutputPath(siteURL)
		shown := "/" + strings.TrimSuffix(out, "index.html")
		if prev, taken := b.owners[out]; taken {
			errs.Errorf(pos, "%s would be written to %s, which %s already uses", who, shown, prev)
			return
		}
		if other, ok := folded[fold(out)]; ok {
			errs.Errorf(pos, "%s would be written to %s, which differs only in letter case or in how its accents are encoded from %s (%s): "+
				"hosts that ignore case would serve one for both; rename one", who, shown, "/"+strings.TrimSuffix(other, "index.html"), b.owners[other])
			return
		}
		for dir := range parents(out) {
			if prev, isFile := b.owners[dir]; isFile {
				errs.Errorf(pos, "%s would be written inside /%s, which is a file (%s): choose another path", who, dir, prev)
				return
			}
		}
		if prev, isDir := dirs[out]; isDir {
			errs.Errorf(pos, "%s would be written to /%s, which %s needs as a folder", who, out, prev)
			return
		}
		if pos.File != "" {
			// Pages and redirects of the content may not go where folio writes files
			// whose names it learns only later (the theme's, the search index's).
			for _, dir := range []string{"static/", "search/"} {
				if strings.HasPrefix(out, dir) {
					errs.Errorf(pos, "%s would be written to %s, under /%s, which folio keeps for its own files: choose another path", who, shown, dir)
					return
				}
			}
		}
		b.owners[out] = who
		folded[fold(out)] = out
		for dir := range parents(out) {
			if _, ok := dirs[dir]; !ok {
				dirs[dir] = who
			}
		}
	}
	// Fixed pages first: they win, and whatever collides with them is the error.
	for _, fixed := range []string{"", "publications/", "search/", "recommendations/", "404.html", "feed.xml", "publications.json",
		"recommendations.json", "publications.bib", "sitemap.xml", "robots.txt"} {
		claim(s.URL(fixed), "the site's own /"+fixed+" page", diag.Position{})
	}
	if s.Config.UNDocuments {
		for _, fixed := range []string{"documents/", "documents.json"} {
			claim(s.URL(fixed), "the site's own /"+fixed+" page (un_documents: false in site.yaml turns it off)", diag.Position{})
		}
	}
	pages := func(url, what string, n int) { // the further pages of a paginated list
		for i := 2; i <= (n+s.Config.PageSize-1)/s.Config.PageSize; i++ {
			claim(url+"page/"+strconv.Itoa(i)+"/", fmt.Sprintf("page %d of %s", i, what), diag.Position{})
		}
	}
	pages(s.URL("publications/"), "the list of publications", len(s.Publications))
	for _, t := range s.Taxonomies {
		claim(t.URL, "the "+t.Key+" index", diag.Position{})
		for _, tm := range t.Terms {
			claim(tm.URL, "the "+t.Singular+" page "+strconv.Quote(tm.Title), diag.Position{})
			pages(tm.URL, "the "+t.Singular+" page "+strconv.Quote(tm.Title), len(tm.Publications))
			if t.Key == "objectives" {
				claim(tm.URL+"feed.xml", "the feed of the "+t.Singular+" page "+strconv.Quote(tm.Title), diag.Position{})
			}
		}
	}
	for _, p := range s.Publications {
		claim(p.URL, p.Source, p.Pos("slug"))
		claim(p.URL+"print/", "the print edition of "+p.Source, p.Pos("slug"))
		claim(p.URL+"cite.bib", "the BibTeX file of "+p.Source, p.Pos("slug"))
		claim(p.URL+"cite.ris", "the RIS file of "+p.Source, p.Pos("slug"))
		if p.PDF == "" {
			claim(p.URL+p.Slug+".pdf", "the PDF of "+p.Source, p.Pos("slug"))
		}
	}
	for _, p := range s.Pages {
		claim(p.URL, p.Source, p.Pos("slug"))
	}
	for _, f := range s.Files {
		pos := diag.Position{File: f.Src}
		if strings.HasPrefix(f.Dst, "static/") {
			pos = diag.Position{} // the brand's logo (logo): folio's own file, not content
		}
		claim(s.BasePath+f.Dst, f.Src, pos)
		for _, w := range f.Widths[:max(len(f.Widths)-1, 0)] {
			claim(s.BasePath+Variant(f.Dst, w), fmt.Sprintf("the %d px wide copy of %s", w, f.Src), diag.Position{File: f.Src})
		}
	}
	var redirects []Redirect
	for _, p := range s.Publications {
		for i, a := range p.Aliases {
			redirects = append(redirects, Redirect{Path: a, To: p.URL, Pos: p.AliasPos(i)})
		}
	}
	for _, p := range s.Pages {
		for i, a := range p.Aliases {
			redirects = append(redirects, Redirect{Path: a, To: p.URL, Pos: p.AliasPos(i)})
		}
	}
	slices.SortFunc(redirects, func(a, b Redirect) int { return cmp.Compare(a.Path, b.Path) })
	for _, r := range redirects {
		claim(s.URL(r.Path), fmt.Sprintf("the alias %s in %s", r.Path, r.Pos.File), r.Pos)
	}
	s.Redirects = redirects
	b.claimRecord(claim, errs)
}

// parents yields the folders that hold the output path p, outermost first: "a", "a/b"
// for "a/b/index.html".
func parents(p string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for i := range len(p) {
			if p[i] == '/' && !yield(p[:i]) {
				return
			}
		}
	}
}

// fold is how a host that ignores case and Unicode normalisation compares two paths.
func fold(p string) string { return strings.ToLower(norm.NFC.String(p)) }

// releaseChecked lets go of what only the link checks needed: every id and every link
// of every body (peak RSS of a 1,000-publication build 78 -> 70 MB).
func (b *builder) releaseChecked() {
	for _, p := range b.site.Publications {
		p.Doc.IDs, p.Doc.Links = nil, nil
	}
	for _, p := range b.site.Pages {
		p.Doc.IDs, p.Doc.Links = nil, nil
	}
	b.ids = nil
}

// checkLinks reports site-absolute links to pages the site does not have, and links to
// "#fragments" that the target page does not define. The files of the theme and of the
// search index are not known yet: folio check looks at those.
func (b *builder) checkLinks(errs *diag.List) {
	s := b.site
	check := func(url string, doc *markdown.Doc) {
		for _, l := range doc.Links {
			target, frag, _ := strings.Cut(l.URL, "#")
			target, _, _ = strings.Cut(target, "?")
			if strings.HasPrefix(target, "/") {
				if problem := b.missing(target); problem != "" {
					errs.Errorf(l.Pos, "link to %q: %s", target, problem)
					continue
				}
			}
			if target == "" {
				target = url // "#section": a section of this page
			}
			ids, known := b.ids[target]
			if !known || frag == "" || strings.EqualFold(frag, "top") {
				continue // a bundle file, an empty fragment, or "#top", the top of any page
			}
			if !slices.Contains(ids, frag) {
				errs.Errorf(l.Pos, "link to %s: the page has no section #%s", target, frag)
			}
		}
	}
	for _, p := range s.Publications {
		check(p.URL, p.Doc)
	}
	for _, p := range s.Pages {
		check(p.URL, p.Doc)
	}
}

// missing says what is wrong with a link to the site-absolute path target, or "".
func (b *builder) missing(target string) string {
	s := b.site
	rel, ok := strings.CutPrefix(target, s.BasePath)
	if !ok {
		return fmt.Sprintf("outside the site, which is served from %s: write %s", s.BasePath, s.BasePath+strings.TrimPrefix(target, "/"))
	}
	if unescaped, err := url.PathUnescape(rel); err == nil {
		rel = unescaped
	}
	if strings.HasPrefix(rel, "static/") || strings.HasPrefix(rel, "search/") {
		return ""
	}
	out := s.OutputPath(s.BasePath + rel)
	if _, ok := b.owners[out]; ok {
		return ""
	}
	if _, ok := b.owners[out+"/index.html"]; ok {
		return "" // "/publications/x": servers add the slash
	}
	for _, p := range b.held {
		if s.OutputPath(p.URL) == out || s.OutputPath(p.URL) == out+"/index.html" {
			return "no such page: " + scheduledHint(p)
		}
	}
	return "no such page"
}

// related picks up to five publications that share the most with each one: objectives,
// countries and missions weigh more than authors; newer breaks ties.
func (b *builder) related(cache *Cache) {
	pubs := b.site.Publications
	if cache.reuseRelated(pubs) {
		return
	}
	defer cache.storeRelated(pubs)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			score := make([]int, len(pubs))
			var touched []int
			for i := w; i < len(pubs); i += workers {
				p := pubs[i]
				touched = touched[:0]
				bump := func(terms []*Term, weight int) {
					for _, t := range terms {
						for _, q := range t.Publications {
							j := q.index
							if j == i {
								continue
							}
							if score[j] == 0 {
								touched = append(touched, j)
							}
							score[j] += weight
						}
					}
				}
				bump(p.Objectives, 2)
				bump(p.Countries, 3)
				bump(p.Missions, 3)
				bump(p.Authors, 1)
				// The five best, newest first on equal scores (pubs is newest first, so
				// the lower index wins). A selection, not a sort: touched can hold most
				// of the site.
				var best [5]int
				n := 0
				for _, j := range touched {
					k := n
					for k > 0 && (score[j] > score[best[k-1]] || score[j] == score[best[k-1]] && j < best[k-1]) {
						k--
					}
					if k >= len(best) {
						continue
					}
					copy(best[k+1:min(n+1, len(best))], best[k:min(n, len(best)-1)])
					best[k] = j
					n = min(n+1, len(best))
				}
				for _, j := range best[:n] {
					p.Related = append(p.Related, pubs[j])
				}
				for _, j := range touched {
					score[j] = 0
				}
			}
		})
	}
	wg.Wait()
}

// translations links the editions that share a translation_key: publications', and
// plain pages'.
func (b *builder) translations() {
	link(b.site.Publications, func(p *Publication) (string, *[]*Publication) { return p.TranslationKey, &p.Translations })
	link(b.site.Pages, func(p *Page) (string, *[]*Page) { return p.TranslationKey, &p.Translations })
}

// link sets each item's translations (the list key gives) to the other items with its
// translation key.
func link[T comparable](items []T, key func(T) (string, *[]T)) {
	groups := map[string][]T{}
	for _, it := range items {
		if k, _ := key(it); k != "" {
			groups[k] = append(groups[k], it)
		}
	}
	for _, it := range items {
		k, list := key(it)
		for _, other := range groups[k] {
			if k != "" && other != it {
				*list = append(*list, other)
			}
		}
	}
}

// Coverage counts publications per objective and year, for the objectives page and
// folio report.
type Coverage struct {
	Years []int // every year from the oldest publication to the newest, ascending
	Rows  []CoverageRow
}

// A CoverageRow is one objective's count per year, aligned with Coverage.Years.
type CoverageRow struct {
	Term   *Term
	Counts []int
	Latest time.Time // date of its newest publication; zero when it has none
}

// Coverage computes the table from the model: its default edition's, which counts each
// publication once, whatever its translations.
func (s *Site) Coverage() Coverage { return s.Editions[0].Coverage() }

// Coverage computes the table from the edition's publications.
func (s *Edition) Coverage() Coverage {
	var c Coverage
	if len(s.Publications) > 0 {
		newest, oldest := s.Publications[0].Date.Year(), s.Publications[len(s.Publications)-1].Date.Year()
		for y := oldest; y <= newest; y++ {
			c.Years = append(c.Years, y)
		}
	}
	for _, t := range s.Taxonomy("objectives").Terms {
		row := CoverageRow{Term: t, Counts: make([]int, len(c.Years))}
		for _, p := range t.Publications {
			row.Counts[p.Date.Year()-c.Years[0]]++
		}
		if len(t.Publications) > 0 {
			row.Latest = t.Publications[0].Date
		}
		c.Rows = append(c.Rows, row)
	}
	return c
}
