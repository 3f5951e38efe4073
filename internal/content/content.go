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
	"slices"
	"strconv"
	"strings"
	"time"

	"folio/internal/config"
	"folio/internal/diag"
	"folio/internal/digest"
	"folio/internal/frontmatter"
	"folio/internal/imagemeta"
	"folio/internal/par"
	"folio/internal/protect"
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

	Resources []string // bundle files other than index.md, relative to Bundle, sorted
	// Hash is of the source file and the names of its resources, for caches: set by
	// Load when it keeps the body, else by ReadBodyTo from the bytes it reads.
	Hash uint64

	// The body (ReadBodyTo): kept by a Load with a Cache, with front matter blanked so
	// that lines are file lines; otherwise read again from where it is in the file.
	body               []byte
	bodyLine, bodyText int               // where the body is in the file (frontmatter.Document)
	head               uint64            // digest of the file before the body, to check it is unchanged
	stamp              stamp             // the file as Load read it, to tell whether it changed since
	protect            *protect.List     // to check a body edited since Load again
	approval           *protect.Approval // the page's allow_protected

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
	Drafts bool // keep drafts
	// Cache, optional, keeps pages of files that did not change since the last Load,
	// with their bodies, for the next (folio serve). Without one, each page's body is
	// let go once its front matter is read, and ReadBodyTo reads the file again when
	// the body is wanted: a build reads all the front matter before it renders any
	// body, and the sources were most of its peak memory (bench/README.md).
	Cache *Cache
	// Protect lists the terms that no page may name unless its allow_protected approves
	// them: Load checks each whole source file as written, the names of bundle files,
	// and the text of bundle PDFs (package protect).
	Protect *protect.List
}

// Load reads every page under content/ in fsys (the site root). It returns the pages it
// could read, in source path order, and all diagnostics; pages with errors are left out.
func Load(fsys fs.FS, cfg *config.Config, opts Options) ([]*Page, diag.List) {
	var errs diag.List
	files := discover(fsys, &errs)
	opts.Cache.begin(cfg, opts.Protect)

	pages := make([]*Page, len(files))
	perFile := make([]diag.List, len(files))
	par.For(len(files), 0, func(i int) {
		p, errs, key, ok := opts.Cache.lookup(fsys, files[i], opts)
		if !ok {
			p, errs = load(fsys, cfg, files[i], opts)
			opts.Cache.store(files[i].path, key, p, errs)
		}
		pages[i], perFile[i] = p, errs
	})
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
	keep := opts.Cache != nil
	parse := frontmatter.ParseFront
	if keep {
		parse = frontmatter.Parse
	}
	doc, err := parse(f.path, src)
	if err != nil {
		errs.Add(err)
		return nil, errs
	}
	p := &Page{Kind: f.kind, Source: f.path, Bundle: f.bundle, body: doc.Body, Resources: f.res,
		pos: map[string]diag.Position{}, bodyLine: doc.BodyLine, bodyText: doc.BodyText}
	if keep {
		p.Hash = hashSource(src, f.res)
	} else {
		// The Hash is made when the body is read again, from the bytes rendered; the
		// front matter read now must be what that file holds.
		p.head = digest.Bytes(frontmatter.Head(src, doc.BodyText))
		p.stamp = stampOf(fi, read)
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
	p.protect, p.approval = list, approval
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

// ReadBodyTo returns the page's body, the source with its front matter blanked so that
// lines are file lines. When Load let it go (no Cache), it reads the file from fsys
// again and sets the page's Hash: until then it is 0. The front matter must be as Load
// read it, or the page would mix two versions of the file. Such a page's ReadBodyTo
// must not be called from two goroutines at once.
//
// A body read again is read into *scratch's memory, and *scratch is left the (grown)
// buffer: the body is then only valid until *scratch is used again. A build that
// renders thousands of bodies one after another on each core reads them all into one
// buffer per core instead of allocating each.
func (p *Page) ReadBodyTo(fsys fs.FS, scratch *[]byte) ([]byte, error) {
	if p.body != nil {
		return p.body, nil
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
