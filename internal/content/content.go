package content

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os/exec"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"folio/internal/config"
	"folio/internal/diag"
	"folio/internal/digest"
	"folio/internal/frontmatter"
	"folio/internal/imagemeta"
	"folio/internal/protect"
	"folio/internal/slug"
	"folio/internal/yamldoc"

	"go.yaml.in/yaml/v4"
)

// Folders under the site root.
const (
	Dir             = "content"
	PublicationsDir = "content/publications"
	PagesDir        = "content/pages"
)

// Kind tells publications from plain pages.
type Kind int

const (
	Publication Kind = iota
	Plain
)

// A Page is one Markdown source file, validated.
type Page struct {
	Kind   Kind
	Source string // slash-separated path from the site root: content/publications/x.md
	Bundle string // the bundle folder (content/publications/x) or "" for a single file

	Slug           string
	Title          string
	Date           time.Time
	Updated        time.Time // the later of updated and the last correction; zero when neither is set
	Release        time.Time // when it becomes public: embargo, or else the start of date in the site's timezone; zero for plain pages
	Type           string
	Objectives     []string // objective keys, in config order, without duplicates
	Summary        string
	Authors        []string
	Countries      []string
	Missions       []string
	Tags           []string
	Aliases        []string // site paths, each starting and ending with "/"
	Lang           string
	TranslationKey string
	PDF            string       // bundle-relative file name of the full designed edition, or ""
	PDFs           []PDF        // every attached PDF (pdf or pdfs), the full edition first
	Corrections    []Correction // oldest first
	Series         string       // a series key from site.yaml, or ""
	Number         int          // the publication's number in Series; 0 without a series
	DOI            string       // "10.1234/abc", without "https://doi.org/"; or ""
	ISBN           string       // as written, checked: "978-92-1-101441-9"; or ""
	ReportNumber   string       // the programme's own document number, as written; or ""
	Cover          string       // bundle-relative file name, or ""
	CoverAlt       string
	Draft          bool
	Featured       bool     // the publication may lead the home page (site.Site.Featured)
	AllowProtected []string // protected terms this page may name (package protect)

	Body      []byte   // the source with front matter blanked: lines are file lines; nil if let go (Options.Lean)
	Resources []string // bundle files other than index.md, relative to Bundle, sorted
	Hash      uint64   // of the source file and the names of its resources, for caches

	bodyLine, bodyText int    // where the body is in the file (frontmatter.Document), for ReadBodyTo
	head               uint64 // Lean: digest of the file before the body, to check it is unchanged
	stamp              stamp  // Lean: the file as Load read it, to tell whether it changed since
	protect            *protect.List
	approval           *protect.Approval // Lean: to check a body edited since Load again

	pos map[string]diag.Position // where each front matter key was written
}

// A PDF is a PDF file attached to a publication: its designed full edition, a summary,
// a translation.
type PDF struct {
	File  string // bundle-relative file name
	Title string // "Full report", "Summary", "Résumé en français"
	Lang  string // language tag; the publication's unless written
	Full  bool   // the full edition: citation_pdf_url points at it
}

// A Correction is a dated notice of a change to a published publication.
type Correction struct {
	Date time.Time
	Text string
	Pos  diag.Position // of its date, for errors
}

// Pos returns the position of a front matter field, or of the file's first line when the
// field was not written.
func (p *Page) Pos(field string) diag.Position {
	if pos, ok := p.pos[field]; ok {
		return pos
	}
	return diag.Position{File: p.Source, Line: 1, Col: 1}
}

// AliasPos returns the position of the i-th of Aliases.
func (p *Page) AliasPos(i int) diag.Position {
	if pos, ok := p.pos["aliases."+strconv.Itoa(i)]; ok {
		return pos
	}
	return p.Pos("aliases")
}

// Options change what Load keeps.
type Options struct {
	Drafts bool   // keep drafts
	Cache  *Cache // optional: reuse pages of files that did not change since the last Load
	// Lean lets each page's Body go once its front matter is read; ReadBodyTo reads the
	// file again when the body is wanted. Every source need not be in memory at once:
	// a build reads all the front matter before it renders any body, and the sources
	// were most of its peak memory (200 MB of 260 at 10,000 publications).
	Lean bool
	// Protect lists the terms that no page may name unless its allow_protected approves
	// them: Load checks each whole source file as written, the names of bundle files,
	// and the text of bundle PDFs (package protect).
	Protect *protect.List
}

// A Cache keeps loaded pages between loads of one site (folio serve, repeated builds):
// a file whose size and modification time have not changed, in a site whose
// configuration has not changed, is not read or parsed again. Pages are never modified
// after Load, so sharing them between builds is safe. Loads using one Cache must not
// overlap.
type Cache struct {
	mu      sync.Mutex
	config  string
	entries map[string]cacheEntry
}

type cacheEntry struct {
	stamp         // the file when it was read
	file   string // the file's kind, bundle and resources, joined
	drafts bool
	page   *Page
	errs   diag.List
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{entries: map[string]cacheEntry{}} }

func (f file) String() string {
	return fmt.Sprintf("%d\x00%s\x00%s", f.kind, f.bundle, strings.Join(f.res, "\x00"))
}

// lookup returns the cached result for f when its file is unchanged.
func (c *Cache) lookup(fsys fs.FS, f file, opts Options) (*Page, diag.List, cacheEntry, bool) {
	if c == nil {
		return nil, nil, cacheEntry{}, false
	}
	fi, err := fs.Stat(fsys, f.path)
	if err != nil {
		return nil, nil, cacheEntry{}, false
	}
	drafts := opts.Drafts
	key := cacheEntry{stamp: stampOf(fi, time.Now()), file: f.String(), drafts: drafts}
	if opts.Protect.Len() > 0 {
		// The text of the bundle's PDFs and the metadata of its images are checked too:
		// such a file replaced is read again.
		for _, r := range f.res {
			if scanned(r) {
				if fi, err := fs.Stat(fsys, path.Join(f.bundle, r)); err == nil {
					key.file += fmt.Sprintf("\x00%s %d %d", r, fi.Size(), fi.ModTime().UnixNano())
				}
			}
		}
	}
	c.mu.Lock()
	e, ok := c.entries[f.path]
	c.mu.Unlock()
	if ok && !e.changed(fi) && e.file == key.file && e.drafts == drafts {
		return e.page, e.errs, key, true
	}
	return nil, nil, key, false
}

func (c *Cache) store(path string, key cacheEntry, p *Page, errs diag.List) {
	if c == nil || key.mod.IsZero() {
		return
	}
	key.page, key.errs = p, errs
	c.mu.Lock()
	c.entries[path] = key
	c.mu.Unlock()
}

// begin drops everything when the configuration or the protected terms changed; end
// drops entries of files that are gone.
func (c *Cache) begin(cfg *config.Config, list *protect.List) {
	if c == nil {
		return
	}
	if k := fmt.Sprintf("%#v\x00%s", *cfg, list.Hash()); k != c.config {
		c.config = k
		c.entries = map[string]cacheEntry{}
	}
}

func (c *Cache) end(files []file) {
	if c == nil {
		return
	}
	seen := make(map[string]bool, len(files))
	for _, f := range files {
		seen[f.path] = true
	}
	for p := range c.entries {
		if !seen[p] {
			delete(c.entries, p)
		}
	}
}

// Load reads every page under content/ in fsys (the site root). It returns the pages it
// could read, in source path order, and all diagnostics; pages with errors are left out.
func Load(fsys fs.FS, cfg *config.Config, opts Options) ([]*Page, diag.List) {
	var errs diag.List
	files := discover(fsys, &errs)
	opts.Cache.begin(cfg, opts.Protect)

	pages := make([]*Page, len(files))
	perFile := make([]diag.List, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				p, errs, key, ok := opts.Cache.lookup(fsys, files[i], opts)
				if !ok {
					p, errs = load(fsys, cfg, files[i], opts)
					opts.Cache.store(files[i].path, key, p, errs)
				}
				pages[i], perFile[i] = p, errs
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	opts.Cache.end(files)

	var out []*Page
	for i, p := range pages {
		errs = append(errs, perFile[i]...)
		if p != nil && (!p.Draft || opts.Drafts) {
			out = append(out, p)
		}
	}
	checkDuplicates(out, &errs)
	checkSeriesNumbers(out, &errs)
	if opts.Protect.Len() > 0 && slices.ContainsFunc(files, file.hasPDF) {
		if _, err := exec.LookPath("pdftotext"); err != nil {
			errs.Warnf(diag.Position{}, "%v", protect.ErrNoPDFText)
		}
	}
	errs.Sort()
	return out, errs
}

// scanned reports whether the protected terms are looked for inside a bundle file, not
// only in its name: the text of a PDF, the metadata of an image.
func scanned(name string) bool {
	return strings.EqualFold(path.Ext(name), ".pdf") || imagemeta.IsImage(name)
}

func (f file) hasPDF() bool {
	return slices.ContainsFunc(f.res, func(r string) bool { return strings.EqualFold(path.Ext(r), ".pdf") })
}

type file struct {
	kind   Kind
	path   string // the Markdown file
	bundle string
	res    []string
}

// discover lists the Markdown files to load, reporting everything it ignores.
func discover(fsys fs.FS, errs *diag.List) []file {
	var files []file
	// The folders themselves may not be links either: content/ or content/publications
	// linked elsewhere would read files from outside the site. Nor may they be missing
	// or be something else: the build would succeed without the content, and replace a
	// good public/ with an empty site.
	skip := map[string]bool{}
	for _, dir := range []string{Dir, PublicationsDir, PagesDir} {
		if skip[Dir] {
			break
		}
		fi, err := fs.Lstat(fsys, dir)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			skip[dir] = true
			if dir == Dir {
				errs.Errorf(diag.Position{File: dir}, "folder not found: a site keeps its publications in content/publications/ beside site.yaml; "+
					"check that --source names the site folder, or run folio new to create it")
			}
		case err != nil:
			skip[dir] = true
			errs.Errorf(diag.Position{File: dir}, "cannot read folder: %v", unwrap(err))
		case fi.Mode()&fs.ModeSymlink != 0:
			skip[dir] = true
			errs.Errorf(diag.Position{File: dir}, "symbolic link not followed: keep the content in the site folder")
		case !fi.IsDir():
			// Reading a named pipe as a folder would wait for a writer forever.
			skip[dir] = true
			errs.Errorf(diag.Position{File: dir}, "not a folder: content/, content/publications/ and content/pages/ must be folders")
		}
	}
	walkDir := func(dir string, kind Kind) {
		if skip[Dir] || skip[dir] {
			return
		}
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			errs.Errorf(diag.Position{File: dir}, "cannot read folder: %v", unwrap(err))
			return
		}
		for _, e := range entries {
			name := path.Join(dir, e.Name())
			switch {
			case !utf8.ValidString(e.Name()):
				errs.Errorf(diag.Position{File: strings.ToValidUTF8(name, "\uFFFD")},
					"file name %q is not valid UTF-8 (it cannot be a URL): rename it", e.Name())
			case e.Type()&fs.ModeSymlink != 0:
				errs.Warnf(diag.Position{File: name}, "symbolic link not followed: copy the file into the site instead")
			case strings.HasPrefix(e.Name(), ".") || strings.HasSuffix(e.Name(), "~"):
				// editor and system files: .DS_Store, .#brief.md, brief.md~
			case !e.IsDir() && !e.Type().IsRegular():
				errs.Errorf(diag.Position{File: name}, notRegular)
			case e.IsDir() && kind == Publication:
				if f, ok := discoverBundle(fsys, name, errs); ok {
					files = append(files, f)
				}
			case e.IsDir():
				errs.Warnf(diag.Position{File: name}, "folder ignored: pages are single .md files")
			case path.Ext(e.Name()) == ".md":
				files = append(files, file{kind: kind, path: name})
			default:
				errs.Warnf(diag.Position{File: name}, "file ignored: only .md files are read here (put attachments in a bundle folder beside index.md)")
			}
		}
	}
	walkDir(PublicationsDir, Publication)
	if len(files) == 0 && !errs.HasErrors() {
		errs.Warnf(diag.Position{File: PublicationsDir}, "no publications yet: the site is built without any (folio new starts one)")
	}
	walkDir(PagesDir, Plain)
	return files
}

func discoverBundle(fsys fs.FS, dir string, errs *diag.List) (file, bool) {
	f := file{kind: Publication, path: dir + "/index.md", bundle: dir}
	found := false
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs.Errorf(diag.Position{File: p}, "cannot read: %v", unwrap(err))
			return nil
		}
		rel := strings.TrimPrefix(p, dir+"/")
		switch {
		case p == dir:
		case !utf8.ValidString(d.Name()):
			errs.Errorf(diag.Position{File: strings.ToValidUTF8(p, "\uFFFD")},
				"file name %q is not valid UTF-8 (it cannot be a URL): rename it", d.Name())
			if d.IsDir() {
				return fs.SkipDir
			}
		case d.Type()&fs.ModeSymlink != 0:
			errs.Warnf(diag.Position{File: p}, "symbolic link not followed: copy the file into the bundle instead")
		case strings.HasPrefix(d.Name(), ".") || strings.HasSuffix(d.Name(), "~"):
			if d.IsDir() {
				return fs.SkipDir
			}
		case !d.IsDir() && !d.Type().IsRegular():
			errs.Errorf(diag.Position{File: p}, notRegular)
		case d.IsDir():
		case rel == "index.md":
			found = true
		default:
			f.res = append(f.res, rel)
		}
		return nil
	})
	if err != nil {
		errs.Errorf(diag.Position{File: dir}, "cannot read bundle: %v", err)
	}
	if !found {
		errs.Warnf(diag.Position{File: dir}, "folder ignored: a publication bundle needs an index.md")
		return file{}, false
	}
	slices.Sort(f.res)
	return f, true
}

// notRegular refuses a named pipe, socket or device, from the directory entry and so
// before opening it: opening a named pipe waits for a writer, forever.
const notRegular = "not a regular file: remove it, or put an ordinary file in its place"

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

var (
	publicationKeys = []string{"title", "date", "updated", "type", "objectives", "summary", "authors",
		"countries", "missions", "tags", "slug", "aliases", "lang", "translation_key", "pdf", "cover",
		"cover_alt", "draft", "embargo", "allow_protected", "pdfs", "corrections", "series", "number", "doi", "isbn",
		"report_number", "featured"}
	pageKeys = []string{"title", "summary", "slug", "aliases", "draft", "allow_protected", "lang", "translation_key"}

	dateRE    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`) // four digits: the year is at most 9999
	embargoRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$`)
	langRE    = regexp.MustCompile(`^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$`)
)

// minYear is the earliest year of a date or updated.
const minYear = 1900

// load reads and validates one file. It returns nil when the file has errors.
func load(fsys fs.FS, cfg *config.Config, f file, opts Options) (*Page, diag.List) {
	var errs diag.List
	read := time.Now()
	src, fi, err := readFileTo(fsys, f.path, nil)
	if err != nil {
		errs.Errorf(diag.Position{File: f.path}, "cannot read file: %v", unwrap(err))
		return nil, errs
	}
	parse := frontmatter.Parse
	if opts.Lean {
		parse = frontmatter.ParseFront
	}
	doc, err := parse(f.path, src)
	if err != nil {
		errs.Add(err)
		return nil, errs
	}
	p := &Page{Kind: f.kind, Source: f.path, Bundle: f.bundle, Body: doc.Body, Resources: f.res,
		pos: map[string]diag.Position{}, bodyLine: doc.BodyLine, bodyText: doc.BodyText}
	if opts.Lean {
		// The Hash is made when the body is read again, from the bytes rendered; the
		// front matter read now must be what that file holds.
		p.head = digest.Bytes(frontmatter.Head(src, doc.BodyText))
		p.stamp = stampOf(fi, read)
	} else {
		p.Hash = hashSource(src, f.res)
	}
	d := &yamldoc.Decoder{File: f.path, Errs: &errs}
	keys := publicationKeys
	if f.kind == Plain {
		keys = pageKeys
	}
	values := map[string]*yaml.Node{}
	d.Map(doc.Front, "front matter", keys, func(k string, v *yaml.Node) {
		values[k] = v
		p.pos[k] = d.Pos(v)
	})
	p.decode(d, cfg, values)
	if opts.Protect.Len() > 0 {
		p.checkProtected(fsys, src, opts, d, values["allow_protected"])
	}
	if len(errs) > 0 && p.Draft && !opts.Drafts {
		// A draft that is not being built must not block the build: say what is wrong
		// all the same, so nothing is a surprise when it is published.
		for _, e := range errs {
			e.Severity = diag.SevWarning
			e.Err = fmt.Errorf("%w (in a draft, not built)", e.Err)
		}
	}
	if errs.HasErrors() {
		return nil, errs
	}
	return p, errs
}

func (p *Page) decode(d *yamldoc.Decoder, cfg *config.Config, v map[string]*yaml.Node) {
	top := diag.Position{File: p.Source, Line: 1, Col: 1}
	required := func(key string) *yaml.Node {
		n := v[key]
		if n == nil {
			d.Errs.Errorf(top, "missing required field %q", key)
		}
		return n
	}
	text := func(key string) string {
		if n := v[key]; n != nil {
			return strings.TrimSpace(d.String(n))
		}
		return ""
	}
	list := func(key string) []string {
		n := v[key]
		if n == nil {
			return nil
		}
		if commaList(d, n, key) {
			return nil
		}
		var out []string
		for i, s := range d.Strings(n) {
			s = strings.Join(strings.Fields(s), " ")
			if s == "" {
				at := n
				if n.Kind == yaml.SequenceNode {
					at = n.Content[i]
				}
				d.Errorf(at, "%s: empty entry", key)
				continue
			}
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
		return out
	}

	if n := v["draft"]; n != nil {
		p.Draft = d.Bool(n)
	}
	if n := v["featured"]; n != nil && p.Kind == Publication {
		p.Featured = d.Bool(n)
	}
	if n := required("title"); n != nil {
		if p.Title = text("title"); p.Title == "" {
			d.Errorf(n, "title must not be empty")
		}
	}
	p.Summary = text("summary")
	p.slug(d, v["slug"])
	p.aliases(d, v["aliases"])
	if n := v["allow_protected"]; n != nil && !commaList(d, n, "allow_protected") {
		p.AllowProtected = d.Strings(n)
	}
	p.TranslationKey = text("translation_key")
	p.Lang = cfg.Language
	if n := v["lang"]; n != nil {
		if p.Lang = d.String(n); !langRE.MatchString(p.Lang) {
			d.Errorf(n, "lang must be a language tag such as \"en\" or \"fr\", not %q", p.Lang)
		}
	}
	if p.Kind == Plain {
		return
	}

	if n := required("summary"); n != nil && p.Summary == "" {
		d.Errorf(n, "summary must not be empty: it is shown in lists, feeds and search results")
	}
	if n := required("date"); n != nil {
		p.Date = date(d, n, "date")
	}
	p.release(d, cfg, v["embargo"])
	if n := v["updated"]; n != nil {
		p.Updated = date(d, n, "updated")
		if !p.Updated.IsZero() && !p.Date.IsZero() && p.Updated.Before(p.Date) {
			d.Errorf(n, "updated (%s) is before date (%s)", p.Updated.Format(time.DateOnly), p.Date.Format(time.DateOnly))
		}
	}
	if n := required("type"); n != nil {
		p.Type = d.String(n)
		if _, ok := cfg.Type(p.Type); !ok {
			d.Errorf(n, "unknown type %q%s; site.yaml defines: %s", p.Type,
				hint(p.Type, cfg.TypeKeys()), strings.Join(cfg.TypeKeys(), ", "))
		}
	}
	if n := required("objectives"); n != nil {
		p.objectives(d, cfg, n)
	}
	p.Authors = list("authors")
	p.Countries = list("countries")
	p.Missions = list("missions")
	p.Tags = list("tags")
	p.pdfs(d, v["pdf"], v["pdfs"])
	p.corrections(d, v["corrections"])
	p.series(d, cfg, v["series"], v["number"])
	p.identifiers(d, v["doi"], v["isbn"], v["report_number"])
	p.Cover = p.attachment(d, v["cover"], "cover", ".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg")
	p.CoverAlt = text("cover_alt")
	// A warning, as for an image in the body: folio check --strict makes both fail.
	if p.Cover != "" && p.CoverAlt == "" {
		d.Errs.Warnf(p.Pos("cover"), "cover %q has no alternative text: write cover_alt: what it shows", p.Cover)
	}
}

func hint(s string, known []string) string {
	if h := diag.Suggest(s, known); h != "" {
		return fmt.Sprintf(" (did you mean %q?)", h)
	}
	return ""
}

func date(d *yamldoc.Decoder, n *yaml.Node, key string) time.Time {
	s := d.String(n)
	if !dateRE.MatchString(s) {
		d.Errorf(n, "%s must be written YYYY-MM-DD, such as 2024-03-18, not %q", key, s)
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		d.Errorf(n, "%s %q is not a real date", key, s)
		return time.Time{}
	}
	// Year 1 is the zero time, which everything after this reads as "no date"; any
	// year before 1900 is a typing slip in a publication date (0224 for 2024). Future
	// dates are allowed: a publication may be scheduled.
	if t.Year() < minYear {
		d.Errorf(n, "%s %s is too early: the year must be %d or later", key, s, minYear)
		return time.Time{}
	}
	return t
}

// release sets Release from the embargo n, if any, or else the date. An embargo
// before the date is an error: the publication would be public before the day it is
// dated, which is a slip in one of the two.
func (p *Page) release(d *yamldoc.Decoder, cfg *config.Config, n *yaml.Node) {
	loc := cfg.Location()
	if !p.Date.IsZero() {
		p.Release = time.Date(p.Date.Year(), p.Date.Month(), p.Date.Day(), 0, 0, 0, 0, loc)
	}
	if n == nil {
		return
	}
	s := strings.TrimSpace(d.String(n))
	if !embargoRE.MatchString(s) {
		d.Errorf(n, "embargo must be a date and time written YYYY-MM-DDTHH:MM, such as 2026-12-10T09:00 (in the site's timezone, %s), not %q", loc, s)
		return
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", strings.Replace(s, " ", "T", 1), loc)
	if err != nil {
		d.Errorf(n, "embargo %q is not a real date and time", s)
		return
	}
	if !p.Date.IsZero() && t.Before(p.Release) {
		d.Errorf(n, "embargo (%s) is before date (%s): the publication would be public before the day it is dated; set date to the day of release",
			t.Format("2006-01-02 15:04"), p.Date.Format(time.DateOnly))
		return
	}
	p.Release = t
}

// commaList reports a list field written as one value with commas ("authors: Marie
// Kabila, Samuel Deng"), which YAML reads as a single name, and says how to write the
// list.
func commaList(d *yamldoc.Decoder, n *yaml.Node, key string) bool {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || !strings.Contains(n.Value, ",") {
		return false
	}
	var items []string
	for _, s := range strings.Split(n.Value, ",") {
		if s = strings.Join(strings.Fields(s), " "); s != "" {
			items = append(items, s)
		}
	}
	d.Errorf(n, "%s is a list: write it in brackets, %s: [%s] (a single name that has a comma goes in quotes: [\"Kabila, Marie\"])",
		key, key, strings.Join(items, ", "))
	return true
}

func (p *Page) objectives(d *yamldoc.Decoder, cfg *config.Config, n *yaml.Node) {
	if commaList(d, n, "objectives") {
		return
	}
	refs := d.Strings(n)
	if len(refs) == 0 {
		d.Errorf(n, "objectives must name at least one objective: %s", strings.Join(cfg.ObjectiveKeys(), ", "))
		return
	}
	seen := map[string]bool{}
	for i, ref := range refs {
		at := n
		if n.Kind == yaml.SequenceNode {
			at = n.Content[i]
		}
		o, ok := cfg.Objective(ref)
		if !ok {
			d.Errorf(at, "unknown objective %q%s; site.yaml defines: %s", ref,
				hint(ref, cfg.ObjectiveKeys()), strings.Join(cfg.ObjectiveKeys(), ", "))
			continue
		}
		seen[o.Key] = true
	}
	for _, o := range cfg.Objectives {
		if seen[o.Key] {
			p.Objectives = append(p.Objectives, o.Key)
		}
	}
}

// SkeletonSummary is the summary folio new writes, for the writer to replace: a
// publication that still has it is not finished (package site says so, with what else
// the body leaves empty).
const SkeletonSummary = "One to three plain sentences for lists, feeds and search results."

// reserved are top-level URL segments that plain pages cannot take.
var reserved = []string{"publications", "objectives", "countries", "missions", "types", "authors",
	"years", "tags", "series", "search", "page", "recommendations", "feed.xml", "publications.json", "sitemap.xml", "robots.txt", "404.html", "static"}

func (p *Page) slug(d *yamldoc.Decoder, n *yaml.Node) {
	if n == nil {
		name := path.Base(p.Source)
		if p.Bundle != "" {
			name = path.Base(p.Bundle)
		}
		p.Slug = slug.Make(strings.TrimSuffix(name, ".md"))
		if p.Slug == "" {
			d.Errs.Errorf(diag.Position{File: p.Source, Line: 1, Col: 1},
				"cannot make a URL from the file name %q: rename the file or set slug", name)
		}
	} else {
		p.Slug = d.String(n)
		if len(p.Slug) > slug.MaxLen {
			d.Errorf(n, "slug is %d bytes long; the most is %d: a URL segment is also a folder name, which file systems limit, so choose a shorter one, such as %q",
				len(p.Slug), slug.MaxLen, slug.Make(p.Slug))
			p.Slug = ""
			return
		}
		if !slug.Valid(p.Slug) {
			want := slug.Make(p.Slug)
			if want == "" {
				want = "water-access"
			}
			d.Errorf(n, "slug %q is not a URL segment: use lower-case words joined by hyphens, such as %q", p.Slug, want)
			p.Slug = ""
			return
		}
	}
	if p.Kind == Plain && slices.Contains(reserved, p.Slug) {
		d.Errs.Errorf(p.Pos("slug"), "slug %q is reserved for a section of the site: choose another", p.Slug)
	}
}

// aliases validates old URLs. An alias must be a path on this site: "../" segments,
// schemes and hosts are refused, so a redirect page can never be written outside the
// output folder or point readers elsewhere.
func (p *Page) aliases(d *yamldoc.Decoder, n *yaml.Node) {
	if n == nil {
		return
	}
	nodes := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		nodes = n.Content
	}
	for i, a := range d.Strings(n) {
		at := nodes[min(i, len(nodes)-1)]
		clean, err := CleanAlias(a)
		if err != nil {
			d.Errorf(at, "alias %q: %v", a, err)
			continue
		}
		p.pos["aliases."+strconv.Itoa(len(p.Aliases))] = d.Pos(at)
		p.Aliases = append(p.Aliases, clean)
	}
}

// MaxAliasLen bounds an alias in bytes, as each of its segments is bounded (200 bytes):
// its redirect page is written at that path in the output folder, and file systems
// limit the length of a path (4,096 bytes on Linux) as well as of a file name.
const MaxAliasLen = 1000

// CleanAlias validates an alias and returns it in canonical form: "/a/b/".
func CleanAlias(a string) (string, error) {
	if !strings.HasPrefix(a, "/") || strings.HasPrefix(a, "//") {
		return "", errors.New(`must be a path on this site starting with "/", such as "/briefs/old-name/"`)
	}
	if strings.ContainsAny(a, "?#\\") || strings.Contains(a, "://") {
		return "", errors.New("must be a plain path, without query, fragment or backslash")
	}
	// A host's redirect file holds the alias on a line, some within quotes.
	if strings.ContainsFunc(a, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '"' }) {
		return "", errors.New("must not hold a line break, another control character or a double quote")
	}
	if len(a) > MaxAliasLen {
		return "", fmt.Errorf("is %d bytes long; the most is %d", len(a), MaxAliasLen)
	}
	segs := strings.Split(strings.Trim(a, "/"), "/")
	for _, s := range segs {
		if s == ".." || s == "." || s == "" {
			return "", errors.New(`must not contain empty, "." or ".." segments`)
		}
		if len(s) > 200 {
			return "", errors.New("has a segment longer than 200 bytes")
		}
	}
	return "/" + strings.Join(segs, "/") + "/", nil
}

// attachment validates a bundle file named in front matter.
func (p *Page) attachment(d *yamldoc.Decoder, n *yaml.Node, key string, exts ...string) string {
	if n == nil {
		return ""
	}
	name := d.String(n)
	switch {
	case name == "":
		return ""
	case strings.Contains(name, ":") || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") ||
		slices.Contains(strings.Split(name, "/"), ".."):
		d.Errorf(n, "%s must name a file in the publication's bundle folder, such as \"brief.pdf\", not %q", key, name)
	case p.Bundle == "":
		d.Errorf(n, "%s: only a bundle can carry files: move %s to %s/index.md and put %q beside it",
			key, p.Source, strings.TrimSuffix(p.Source, ".md"), name)
	case !slices.Contains(exts, strings.ToLower(path.Ext(name))):
		d.Errorf(n, "%s %q must be a %s file", key, name, strings.Join(exts, ", "))
	case !slices.Contains(p.Resources, path.Clean(name)):
		d.Errorf(n, "%s %q: no such file in %s/", key, name, p.Bundle)
	default:
		return path.Clean(name)
	}
	return ""
}

// checkProtected reports the protected terms (Options.Protect) that the page names and
// does not approve: in the source file as written, so front matter, body, alt text and
// even Markdown comments, at their line:col; in the names of the bundle's files; and in
// the text of its PDFs. A draft only gets warnings.
func (p *Page) checkProtected(fsys fs.FS, src []byte, opts Options, d *yamldoc.Decoder, allow *yaml.Node) {
	list := opts.Protect
	approval, unknown := list.Approve(p.AllowProtected)
	for _, i := range unknown {
		at := allow
		if allow.Kind == yaml.SequenceNode && i < len(allow.Content) {
			at = allow.Content[i]
		}
		d.Errs.Warnf(d.Pos(at), "allow_protected: %q is not in the list of protected terms, so it approves nothing: remove it", p.AllowProtected[i])
	}
	if opts.Lean {
		p.protect, p.approval = list, approval
	}
	found := protectedIn(p.Source, src, list, approval)
	for _, r := range p.Resources {
		file := path.Join(p.Bundle, r)
		name := []byte(r)
		for _, m := range list.Find(name) {
			if !approval.Allows(list, name, m) {
				found.Errorf(diag.Position{File: file}, "file name: %s: %s", list.Describe(name, m), protect.Hint)
			}
		}
		if !scanned(r) {
			continue
		}
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			found.Errorf(diag.Position{File: file}, "cannot read the file to check it for protected terms: %v", unwrap(err))
			continue
		}
		if !strings.EqualFold(path.Ext(r), ".pdf") {
			// The build removes the metadata, but a name in it tells that the photo
			// came from, or shows, someone to protect. An image folio cannot read is
			// reported by the build.
			texts, _ := imagemeta.Texts(file, data)
			found = append(found, list.ScanTexts(file, "in the image's metadata", texts, approval)...)
			continue
		}
		inPDF, err := list.ScanPDF(file, data, approval)
		switch {
		case errors.Is(err, protect.ErrNoPDFText): // Load says so once
		case err != nil:
			// Safe side: text that cannot be read cannot be checked.
			found.Errorf(diag.Position{File: file}, "cannot read the text of the PDF to check it for protected terms (%v): make it again, or remove it", err)
		}
		found = append(found, inPDF...)
	}
	if p.Draft {
		for _, e := range found {
			e.Severity = diag.SevWarning
			if opts.Drafts {
				e.Err = fmt.Errorf("%w (in a draft: an error once it is published)", e.Err)
			}
		}
	}
	*d.Errs = append(*d.Errs, found...)
}

// protectedIn reports the terms of list that src, the contents of file, names and a
// does not approve.
func protectedIn(file string, src []byte, list *protect.List, a *protect.Approval) diag.List {
	var errs diag.List
	pos := protect.NewPositioner(file, src)
	for _, m := range list.Find(src) {
		if !a.Allows(list, src, m) {
			errs.Errorf(pos.Pos(m.Start), "%s: %s", list.Describe(src, m), protect.Hint)
		}
	}
	return errs
}

// ReadBodyTo returns the page's Body, reading it from fsys again if Load let it go
// (Options.Lean), and then also setting the page's Hash: until then it is 0. The front
// matter must be as Load read it, or the page would mix two versions of the file.
// Each page's ReadBodyTo must be called once, from one goroutine.
//
// A body read again is read into *scratch's memory, and *scratch is left the (grown)
// buffer: the body is then only valid until *scratch is used again. A build that
// renders thousands of bodies one after another on each core reads them all into one
// buffer per core instead of allocating each.
func (p *Page) ReadBodyTo(fsys fs.FS, scratch *[]byte) ([]byte, error) {
	if p.Body != nil {
		return p.Body, nil
	}
	src, fi, err := readFileTo(fsys, p.Source, (*scratch)[:0])
	if src != nil {
		*scratch = src[:0]
	}
	if err != nil {
		return nil, diag.Errorf(diag.Position{File: p.Source}, "cannot read file: %v", unwrap(err))
	}
	if digest.Bytes(frontmatter.Head(src, p.bodyText)) != p.head {
		return nil, diag.Errorf(diag.Position{File: p.Source}, "the front matter changed while the site was being built: build again")
	}
	// Load checked the whole file; a body edited since is checked again (the check
	// costs as much as hashing the file, so not when the file is plainly the same).
	if p.stamp.changed(fi) {
		if err := frontmatter.CheckText(p.Source, src); err != nil {
			return nil, err
		}
		// A name written into the body since Load checked the file is still caught.
		if errs := protectedIn(p.Source, src, p.protect, p.approval); len(errs) > 0 && !p.Draft {
			return nil, errs
		}
	}
	p.Hash = hashSource(src, p.Resources)
	body, err := frontmatter.BodyOf(src, p.bodyLine, p.bodyText)
	if err != nil {
		return nil, diag.Errorf(diag.Position{File: p.Source}, "%v", err)
	}
	return body, nil
}

// readFileTo appends the contents of name to buf, as fs.ReadFile returns them, with the
// file's information from before the read (nil if Stat failed).
func readFileTo(fsys fs.FS, name string, buf []byte) ([]byte, fs.FileInfo, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		fi = nil
	} else if fi.Size() > 0 {
		buf = slices.Grow(buf, int(fi.Size())+1) // +1: EOF is seen without growing
	}
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, 512)
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, fi, nil
		}
		if err != nil {
			return nil, nil, err
		}
	}
}

// A stamp tells whether a file may have changed since it was read (Cache, ReadBodyTo):
// by its size and modification time, trusted only when the file was already a second
// old when it was read, since a file written again within the file system's timestamp
// granularity can keep both ("racily clean", as git calls it).
type stamp struct {
	size      int64
	mod, read time.Time
	known     bool
}

func stampOf(fi fs.FileInfo, read time.Time) stamp {
	if fi == nil {
		return stamp{}
	}
	return stamp{size: fi.Size(), mod: fi.ModTime(), read: read, known: true}
}

func (s stamp) changed(fi fs.FileInfo) bool {
	return !s.known || fi == nil || fi.Size() != s.size || !fi.ModTime().Equal(s.mod) ||
		!s.mod.Before(s.read.Add(-time.Second))
}

// hashSource keys a page for caches, including the build cache on disk: stable across
// processes (package digest).
func hashSource(src []byte, resources []string) uint64 {
	h := digest.New()
	h.Write(src)
	for _, r := range resources {
		h.WriteString("\x00" + r)
	}
	return h.Sum64()
}

// checkDuplicates reports two pages of the same kind that claim one slug, naming both.
func checkDuplicates(pages []*Page, errs *diag.List) {
	type key struct {
		kind Kind
		slug string
	}
	first := map[key]*Page{}
	sorted := slices.Clone(pages)
	slices.SortFunc(sorted, func(a, b *Page) int { return cmp.Compare(a.Source, b.Source) })
	for _, p := range sorted {
		k := key{p.Kind, p.Slug}
		if q, dup := first[k]; dup {
			errs.Errorf(p.Pos("slug"), "duplicate slug %q: %s has it too", p.Slug, q.Source)
			errs.Errorf(q.Pos("slug"), "duplicate slug %q: %s has it too", p.Slug, p.Source)
			continue
		}
		first[k] = p
	}
}
