package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"folio/internal/cite"
	"folio/internal/diag"
	"folio/internal/digest"
	"folio/internal/site"
	"folio/internal/theme"
)

// Emit receives one output file: its path under the output folder, the key of the page
// (which changes whenever anything the page shows does), and its bytes. It is called
// from several goroutines at once, never twice for one path.
type Emit func(path string, key uint64, data []byte) error

// A Renderer renders the pages of one site with one theme.
type Renderer struct {
	site  *site.Site
	theme *theme.Theme
	data  *SiteData
	pubs  map[*site.Publication]*Pub
	terms map[*site.Term]*TermView
	taxes map[*site.Taxonomy]*TaxonomyView
	// Generator names folio in the generator meta tag.
	Generator string
	// Printed, when set, is called with each publication's print edition as it is
	// rendered, before the publication's own page; it returns the URL of a PDF made from
	// exactly that edition, or "", and its size in bytes. It is called from several
	// goroutines. html is nil when Reuse took the page: it is then in the output, unchanged.
	Printed func(p *site.Publication, html []byte) (pdfURL string, size int64)
	// Reuse, when set, is asked before a page is executed whether the output can take
	// the page as it was last made from the same key (the build cache): if it returns
	// true, the page is in place and is neither executed nor emitted.
	Reuse func(path string, key uint64) bool
	// BodyHTML, when set, reads back the HTML of a publication whose Doc.HTML was set
	// aside during a lean build; it is called when a page shows the body.
	BodyHTML func(p *site.Publication) (string, error)
	// SearchManifest is the URL of the search index's manifest, for the search page.
	SearchManifest string
	// Cards are the site URLs of the publications' share images, if any.
	Cards map[*site.Publication]string
	// Stream passes each page to Emit and Printed in the renderer's own buffer, valid
	// only during the call, instead of a copy, and keeps no memo: for a build to disk,
	// which writes each page at once and renders the site only once.
	Stream bool
	global uint64   // site and theme fingerprints and generator: part of every page key
	cards  sync.Map // cardKey → template.HTML (Pub.Card)
}

// New prepares the views of every publication and term, once, for all pages to share.
func New(s *site.Site, th *theme.Theme, generator string) *Renderer {
	r := &Renderer{site: s, theme: th, pubs: map[*site.Publication]*Pub{},
		terms: map[*site.Term]*TermView{}, taxes: map[*site.Taxonomy]*TaxonomyView{}, Generator: generator}
	h := digest.New()
	fmt.Fprintf(h, "%d\x00%d\x00%s", s.Fingerprint, th.Fingerprint, generator)
	r.global = h.Sum64()
	cfg := s.Config
	r.data = &SiteData{
		Title: cfg.Title, Organisation: cfg.Organisation, Description: cfg.Description,
		BaseURL: cfg.BaseURL, BasePath: s.BasePath, Lang: cfg.Language, Paper: cfg.Paper,
		FeedURL: s.URL("feed.xml"), SearchURL: s.URL("search/"), Generator: generator, Updated: newDate(s.Updated),
		BrandCSS: brandCSSURL(s.BasePath, BrandCSS(cfg.Brand)),
	}
	if l := s.Logo; l != nil {
		r.data.Logo = &LogoView{URL: l.URL, Type: l.Type, Alt: l.Alt, Width: l.Width, Height: l.Height}
	}
	for _, m := range cfg.Menu {
		u := m.URL
		if len(u) > 0 && u[0] == '/' {
			u = s.URL(u)
		}
		r.data.Menu = append(r.data.Menu, Link{Title: m.Title, URL: u})
	}
	for _, t := range s.Taxonomies {
		tv := &TaxonomyView{Key: t.Key, Title: t.Title, Singular: t.Singular, URL: t.URL}
		for _, tm := range t.Terms {
			v := &TermView{Key: tm.Key, Title: tm.Title, URL: tm.URL, Count: len(tm.Publications),
				Number: tm.Number, Description: tm.Description}
			if t.Key == "objectives" {
				v.FeedURL = tm.URL + "feed.xml"
			}
			if p := tm.Profile; p != nil {
				v.Profile = &ProfileView{Role: p.Role, Bio: template.HTML(p.Bio), PhotoURL: p.PhotoURL, PhotoAlt: p.PhotoAlt, PhotoW: p.PhotoW, PhotoH: p.PhotoH}
				for _, l := range p.Links {
					v.Profile.Links = append(v.Profile.Links, Link{Title: l.Label, URL: l.URL})
				}
			}
			r.terms[tm] = v
			tv.Terms = append(tv.Terms, v)
		}
		r.taxes[t] = tv
		r.data.Taxonomies = append(r.data.Taxonomies, tv)
		if t.Key == "objectives" {
			r.data.Objectives = tv.Terms
		}
	}
	works := s.CiteWorks()
	for i, p := range s.Publications {
		v := r.pub(p)
		v.work = works[i]
		v.BibURL, v.RISURL = p.URL+"cite.bib", p.URL+"cite.ris"
		r.pubs[p] = v
	}
	for _, p := range s.Publications {
		for _, q := range p.Related {
			r.pubs[p].Related = append(r.pubs[p].Related, r.pubs[q])
		}
	}
	return r
}

func (r *Renderer) pub(p *site.Publication) *Pub {
	links := func(terms []*site.Term) []Link {
		out := make([]Link, len(terms))
		for i, t := range terms {
			out[i] = Link{Title: t.Title, URL: t.URL}
		}
		return out
	}
	v := &Pub{
		Title: p.Title, Summary: p.Summary, URL: p.URL, Canonical: r.site.Permalink(p.URL),
		Date: newDate(p.Date), Updated: newDate(p.Updated),
		Type:      Link{Title: r.typeTitle(p), URL: p.Type.URL},
		Countries: links(p.Countries), Missions: links(p.Missions), Authors: links(p.Authors),
		Tags: p.Tags, Year: Link{Title: p.Year.Title, URL: p.Year.URL},
		HasCode: p.Doc.HasCode, src: p, r: r,
		PDFURL: p.PDFURL, PDFSize: p.PDFSize,
		CoverURL: p.CoverURL, CoverAlt: p.CoverAlt, CoverWidth: p.CoverW, CoverHeight: p.CoverH, CoverSrcset: p.CoverSrcset,
		Lang: p.Lang, PrintURL: p.URL + "print/",
		origin: r.site.Permalink(""), publisher: r.site.Config.Organisation, homeURL: r.site.Permalink(r.site.URL("")),
		schema: "Report",
	}
	if t, ok := r.site.Config.Type(p.Page.Type); ok {
		v.schema = t.Schema
	}
	v.keywords = append(v.keywords, p.Tags...)
	keys := make([]string, len(p.Objectives))
	for i, o := range p.Objectives {
		v.Objectives = append(v.Objectives, r.terms[o])
		keys[i] = o.Key
	}
	v.objectiveKeys = strings.Join(keys, " ")
	if p.Scheduled {
		v.Scheduled = p.Release.Format("2 January 2006 15:04") + " " + p.Release.Location().String()
	}
	for _, h := range p.Doc.TOC {
		v.TOC = append(v.TOC, TOCEntry{Level: h.Level, ID: h.ID, Text: h.Text})
	}
	for _, t := range p.Translations {
		v.Translations = append(v.Translations, Link{Title: t.Title, URL: t.URL, Lang: t.Lang})
	}
	r.identifiers(v, p)
	return v
}

// identifiers sets what the page shows of the publication's series, identifiers,
// corrections and PDFs.
func (r *Renderer) identifiers(v *Pub, p *site.Publication) {
	if p.Series != nil {
		v.Series = &SeriesView{Title: p.Series.Title, URL: p.Series.URL, Number: p.Number, Label: p.SeriesLabel}
	}
	v.DOI, v.ISBN, v.ReportNumber = p.DOI, p.ISBN, p.ReportNumber
	if p.DOI != "" {
		v.DOIURL = cite.DOIURL(p.DOI)
	}
	for _, c := range p.Corrections {
		v.Corrections = append(v.Corrections, CorrectionView{Date: newDate(c.Date), Text: c.Text})
	}
	for _, f := range p.PDFs {
		v.PDFs = append(v.PDFs, PDFView{URL: f.URL, Title: f.Title, Lang: f.Lang, Size: f.Size, Full: f.Full})
	}
}

func (r *Renderer) typeTitle(p *site.Publication) string {
	if t, ok := r.site.Config.Type(p.Page.Type); ok {
		return t.Title
	}
	return p.Page.Type
}

// A job is one page to render. key identifies everything the page shows, so a memo
// hit with the same key can stand in for executing the template.
type job struct {
	kind string
	data *PageData
	key  uint64
	pub  *site.Publication // on publication and print pages
	// fill, when set, completes data: for a page whose view is costly to make and
	// whose key is known without it, made only when the page is executed.
	fill func(*PageData)
}

// key hashes a page's kind, URL and the hashes of the sources it shows (a publication's
// Fingerprint, which covers its bundle images as well as its file), with the site-wide
// fingerprint. Keys are stable across processes (package digest): the build
// cache stores them.
func (r *Renderer) key(kind, url string, sources ...uint64) uint64 {
	h := digest.New()
	h.WriteUint64(r.global)
	h.WriteString(kind + "\x00" + url + "\x00")
	for _, x := range sources {
		h.WriteUint64(x)
	}
	return h.Sum64()
}

func hashes(pubs ...[]*site.Publication) []uint64 {
	var out []uint64
	for _, list := range pubs {
		for _, p := range list {
			out = append(out, p.Fingerprint)
		}
	}
	return out
}

func (r *Renderer) page(kind, url, title, desc string) *PageData {
	return &PageData{Site: r.data, Kind: kind, Title: title, Description: desc, URL: url,
		Canonical: r.site.Permalink(url), Lang: r.data.Lang}
}

// jobs lists every HTML page of the site, in a fixed order.
func (r *Renderer) jobs() []job {
	s := r.site
	var jobs []job
	add := func(kind string, d *PageData, key uint64) { jobs = append(jobs, job{kind: kind, data: d, key: key}) }

	home := r.page("home", s.URL(""), s.Config.Title, s.Config.Description)
	home.FeedURL = r.data.FeedURL
	var shown []*site.Publication
	if s.Featured != nil {
		home.Featured = r.pubs[s.Featured]
		shown = append(shown, s.Featured)
	}
	for _, p := range s.Publications {
		if len(home.Recent) == s.Config.Recent {
			break
		}
		if p != s.Featured {
			home.Recent = append(home.Recent, r.pubs[p])
			shown = append(shown, p)
		}
	}
	add("home", home, r.key("home", home.URL, hashes(shown)...))

	for _, pg := range r.paginate("list", s.URL("publications/"), "Publications",
		"All publications, newest first.", s.Publications) {
		pg.data.FeedURL = r.data.FeedURL
		add("list", pg.data, pg.key)
	}
	for _, p := range s.Publications {
		d := r.page("publication", p.URL, p.Title, p.Summary)
		d.Pub, d.Lang = r.pubs[p], p.Lang
		if u := r.Cards[p]; u != "" {
			d.Pub.CardURL = s.Permalink(u)
		}
		add("publication", d, r.key("publication", p.URL, hashes([]*site.Publication{p}, p.Related, p.Translations)...))
		jobs[len(jobs)-1].pub = p
		pd := r.page("print", p.URL+"print/", p.Title, p.Summary)
		pd.Pub, pd.Lang = r.pubs[p], p.Lang
		pd.Canonical = r.pubs[p].Canonical // the print edition is a view of the publication
		add("print", pd, r.key("print", pd.URL, p.Fingerprint))
		jobs[len(jobs)-1].pub = p
	}
	for _, p := range s.Pages {
		d := r.page("page", p.URL, p.Title, p.Summary)
		if d.Description == "" {
			d.Description = s.Config.Description
		}
		d.Page = &PlainView{Title: p.Title, Summary: p.Summary, Body: template.HTML(p.Doc.HTML)}
		for _, h := range p.Doc.TOC {
			d.Page.TOC = append(d.Page.TOC, TOCEntry{Level: h.Level, ID: h.ID, Text: h.Text})
		}
		add("page", d, r.key("page", p.URL, p.Hash))
	}
	for _, t := range s.Taxonomies {
		d := r.page("taxonomy", t.URL, t.Title, fmt.Sprintf("Publications by %s.", strings.ToLower(t.Singular)))
		d.Taxonomy = r.taxes[t]
		key := r.key("taxonomy", t.URL)
		if t.Key == "objectives" {
			d.Coverage = r.coverage()
			key = r.key("taxonomy", fmt.Sprint(t.URL, d.Coverage.Years, d.Coverage.counts()))
		}
		add("taxonomy", d, key)
		for _, tm := range t.Terms {
			desc := tm.Description
			if desc == "" {
				desc = fmt.Sprintf("Publications: %s, %s.", strings.ToLower(t.Singular), tm.Title)
			}
			for _, pg := range r.paginate("term", tm.URL, tm.Title, desc, tm.Publications) {
				d := pg.data
				d.Taxonomy, d.Term = r.taxes[t], r.terms[tm]
				d.FeedURL = r.terms[tm].FeedURL
				add("term", d, pg.key)
			}
		}
	}
	rp := r.page("recommendations", s.URL("recommendations/"), "Recommendations",
		"Every recommendation in the publications, by addressee.")
	// The page shows every recommendation (a hundred thousand on a large site): its key
	// comes from what it shows of each publication that has any, with the digest of the
	// items made with the body, and the view is made only if the page is executed.
	var recs []uint64
	for _, p := range s.Publications {
		if len(p.Doc.Recommendations) > 0 {
			h := digest.New()
			h.WriteString(p.URL + "\x00" + p.Title + "\x00" + p.Date.Format(time.DateOnly) + "\x00" + r.pubs[p].objectiveKeys)
			recs = append(recs, h.Sum64(), p.Doc.RecommendationsKey)
		}
	}
	add("recommendations", rp, r.key("recommendations", rp.URL, recs...))
	jobs[len(jobs)-1].fill = func(d *PageData) { d.Recommendations = r.recommendations() }
	if s.Config.UNDocuments {
		dp := r.page("documents", s.URL("documents/"), "UN documents cited",
			"Every UN document the publications cite, with the publications that cite it.")
		h := digest.New()
		for _, doc := range s.Documents {
			h.WriteString(doc.Symbol + "\x00")
			for _, p := range doc.Publications {
				h.WriteString(p.URL + "\x00" + p.Title + "\x00" + p.Lang + "\x00" + p.Date.Format(time.DateOnly) + "\x00")
			}
		}
		add("documents", dp, r.key("documents", dp.URL, h.Sum64()))
		jobs[len(jobs)-1].fill = func(d *PageData) { d.Documents = r.documents() }
	}
	sp := r.searchPage()
	add("search", sp, r.key("search", sp.URL+"\x00"+r.SearchManifest))
	add("404", r.page("404", s.URL("404.html"), "Page not found", "This page does not exist."), r.key("404", ""))
	for _, rd := range s.Redirects {
		d := r.page("redirect", s.URL(rd.Path), "Moved", "This page has moved.")
		d.RedirectTo = rd.To
		d.Canonical = s.Permalink(rd.To)
		add("redirect", d, r.key("redirect", rd.Path+"\x00"+rd.To))
	}
	for _, g := range s.Gone {
		// The reason is the page's description: what it says, and all it says.
		add("gone", r.page("gone", s.URL(g.URL), "Withdrawn", g.Reason), r.key("gone", g.URL+"\x00"+g.Reason))
	}
	return jobs
}

// paginate splits pubs into pages of the configured size: url, url/page/2/, ...
// An empty list still gets its first page.
type listPage struct {
	data *PageData
	key  uint64
}

func (r *Renderer) paginate(kind, url, title, desc string, pubs []*site.Publication) []listPage {
	size := r.site.Config.PageSize
	total := max(1, (len(pubs)+size-1)/size)
	urls := make([]string, total+1)
	for n := 1; n <= total; n++ {
		urls[n] = url
		if n > 1 {
			urls[n] = url + "page/" + strconv.Itoa(n) + "/"
		}
	}
	var out []listPage
	for n := 1; n <= total; n++ {
		lo, hi := (n-1)*size, min(n*size, len(pubs))
		pg := &Pager{Number: n, Total: total, Count: len(pubs), First: lo + 1, Last: hi, Pages: window(n, total, urls)}
		if n > 1 {
			pg.Prev = urls[n-1]
		}
		if n < total {
			pg.Next = urls[n+1]
		}
		t := title
		if n > 1 {
			t = fmt.Sprintf("%s, page %d of %d", title, n, total)
		}
		d := r.page(kind, urls[n], t, desc)
		d.List = &ListView{Pager: pg}
		for _, p := range pubs[lo:hi] {
			d.List.Items = append(d.List.Items, r.pubs[p])
		}
		out = append(out, listPage{d, r.key(kind, d.URL+"\x00"+title+"\x00"+desc, hashes(pubs[lo:hi])...)})
	}
	return out
}

func (r *Renderer) recommendations() *RecommendationsView {
	s := r.site
	v := &RecommendationsView{Objectives: r.data.Objectives, JSONURL: s.URL("recommendations.json")}
	if s.Config.UNDocuments {
		v.DocumentsURL = s.URL("documents/")
	}
	years := map[int]bool{}
	for _, a := range s.Addressees {
		// A large site has a hundred thousand items: size the slice once.
		av := AddresseeView{Name: a.Name, Key: a.Key, Items: make([]RecommendationView, len(a.Items))}
		for i, it := range a.Items {
			p := it.Publication
			pv := r.pubs[p]
			av.Items[i] = RecommendationView{Text: it.Text, URL: it.URL(),
				Pub: Link{Title: p.Title, URL: p.URL}, Date: pv.Date, Objectives: pv.objectiveKeys}
			years[p.Date.Year()] = true
		}
		v.Addressees = append(v.Addressees, av)
	}
	for y := range years {
		v.Years = append(v.Years, y)
	}
	slices.Sort(v.Years)
	slices.Reverse(v.Years)
	return v
}

func (r *Renderer) documents() *DocumentsView {
	s := r.site
	v := &DocumentsView{JSONURL: s.URL("documents.json"), Documents: make([]DocumentView, len(s.Documents))}
	for i, d := range s.Documents {
		dv := DocumentView{Symbol: d.Symbol, URL: d.URL, Pubs: make([]*Pub, len(d.Publications))}
		for j, p := range d.Publications {
			dv.Pubs[j] = r.pubs[p]
		}
		v.Documents[i] = dv
	}
	return v
}

func (r *Renderer) searchPage() *PageData {
	d := r.page("search", r.site.URL("search/"), "Search publications",
		"Search the publications by keyword, objective, country, type and year.")
	d.SearchManifest = r.SearchManifest
	return d
}

// SearchPage renders only the search page, for a search index built after the rest of
// the site (folio serve). It returns the page's output path and bytes.
func (r *Renderer) SearchPage() (string, []byte, error) {
	d := r.searchPage()
	var buf bytes.Buffer
	if err := r.theme.Page("search").Execute(&buf, d); err != nil {
		return "", nil, fmt.Errorf("rendering %s: %w", d.URL, err)
	}
	return r.site.OutputPath(d.URL), buf.Bytes(), nil
}

// A Memo keeps rendered pages between builds (folio serve, repeated builds in one
// process): a page whose key is unchanged is not executed again. Pages that a build did
// not produce are dropped at its end. Builds using one Memo must not overlap.
type Memo struct {
	mu      sync.Mutex
	entries map[string]memoEntry
}

type memoEntry struct {
	key  uint64
	data []byte
}

// NewMemo returns an empty memo.
func NewMemo() *Memo { return &Memo{entries: map[string]memoEntry{}} }

func (m *Memo) get(url string, key uint64) ([]byte, bool) {
	if m == nil {
		return nil, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.entries[url]
	return e.data, ok && e.key == key
}

func (m *Memo) put(url string, key uint64, data []byte) {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.entries[url] = memoEntry{key, data}
	m.mu.Unlock()
}

func (m *Memo) keep(urls map[string]bool) {
	if m == nil {
		return
	}
	for u := range m.entries {
		if !urls[u] {
			delete(m.entries, u)
		}
	}
}

// window lists the page links a pager shows: the first and last pages, and two on each
// side of the current one, with a gap entry where numbers are left out. A list of 500
// pages shows nine links, not 500.
func window(n, total int, urls []string) []PageLink {
	var out []PageLink
	last := 0
	for i := 1; i <= total; i++ {
		if i != 1 && i != total && (i < n-2 || i > n+2) {
			continue
		}
		if last != 0 && i > last+1 {
			out = append(out, PageLink{Gap: true})
		}
		out = append(out, PageLink{Number: i, URL: urls[i], Current: i == n})
		last = i
	}
	return out
}

// Render executes every page's template in parallel and passes the results to emit.
// Pages found in memo (which may be nil) with an unchanged key are not executed again.
// It returns how many pages were executed, and every failure, not only the first.
func (r *Renderer) Render(emit Emit, memo *Memo) (int, diag.List) {
	jobs := r.jobs()
	var executed atomic.Int64
	errs := make([]error, len(jobs))
	// A publication's page links the PDF generated from its print edition, so the print
	// edition is rendered first, and the page right after it on the same worker: the
	// body read back for one serves the other. jobs lists each page before its print
	// edition; paired[i] is the print edition's index for a page rendered with it.
	paired := make([]int, len(jobs))
	for i, j := range jobs {
		if j.kind == "print" && i > 0 && jobs[i-1].kind == "publication" && jobs[i-1].pub == j.pub {
			paired[i-1] = i
		}
	}
	run := func(keep func(i int) bool) {
		next := make(chan int)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				var buf bytes.Buffer
				for i := range next {
					if jobs[i].kind != "print" {
						errs[i] = r.execute(jobs[i], &buf, memo, emit, &executed)
						continue
					}
					pub := r.pubs[jobs[i].pub]
					pub.hold()
					errs[i] = r.execute(jobs[i], &buf, memo, emit, &executed)
					if i > 0 && paired[i-1] == i {
						errs[i-1] = r.execute(jobs[i-1], &buf, memo, emit, &executed)
					}
					pub.release()
				}
			})
		}
		for i := range jobs {
			if keep(i) {
				next <- i
			}
		}
		close(next)
		wg.Wait()
	}
	run(func(i int) bool { return jobs[i].kind == "print" })
	run(func(i int) bool { return jobs[i].kind != "print" && paired[i] == 0 })
	urls := make(map[string]bool, len(jobs))
	for _, j := range jobs {
		urls[j.data.URL] = true
	}
	memo.keep(urls)
	var list diag.List
	seen := map[string]bool{}
	for _, err := range errs {
		// A broken template fails every page of its kind the same way: say it once.
		if err != nil && !seen[templateError(err)] {
			seen[templateError(err)] = true
			list.Add(err)
		}
	}
	return int(executed.Load()), list
}

// execute renders one job, or takes it from the memo, and emits it.
func (r *Renderer) execute(j job, buf *bytes.Buffer, memo *Memo, emit Emit, executed *atomic.Int64) error {
	key := j.key
	if v := r.pubs[j.pub]; j.kind == "publication" && v.PDF() != "" { // v: nil for other kinds
		key ^= r.key("pdf", v.PDF(), uint64(v.PDFSize)) // the page shows the PDF's size
	}
	path := r.site.OutputPath(j.data.URL)
	if r.Reuse != nil && r.Reuse(path, key) {
		if j.kind == "print" && r.Printed != nil {
			if u, size := r.Printed(j.pub, nil); j.pub.PDF == "" {
				r.pubs[j.pub].GeneratedPDFURL, r.pubs[j.pub].PDFSize = u, size
			}
		}
		return nil
	}
	data, ok := memo.get(j.data.URL, key)
	if !ok {
		if j.fill != nil {
			j.fill(j.data)
		}
		buf.Reset()
		if err := r.theme.Page(j.kind).Execute(buf, j.data); err != nil {
			return fmt.Errorf("rendering %s: %w", j.data.URL, err)
		}
		data = buf.Bytes()
		if !r.Stream {
			data = bytes.Clone(data)
			memo.put(j.data.URL, key, data)
		}
		executed.Add(1)
	}
	if j.kind == "print" && r.Printed != nil {
		// A PDF attached in front matter is the designed edition and takes precedence:
		// Printed is told of every edition, but a generated PDF is linked only without one.
		if u, size := r.Printed(j.pub, data); j.pub.PDF == "" {
			r.pubs[j.pub].GeneratedPDFURL, r.pubs[j.pub].PDFSize = u, size
		}
	}
	return emit(path, key, data)
}

// templateError strips the page URL from a rendering error, to group repeats.
func templateError(err error) string {
	if inner := errors.Unwrap(err); inner != nil {
		return inner.Error()
	}
	return err.Error()
}
