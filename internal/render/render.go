package render

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"folio/internal/cite"
	"folio/internal/diag"
	"folio/internal/digest"
	"folio/internal/i18n"
	"folio/internal/par"
	"folio/internal/site"
	"folio/internal/theme"
)

// A Renderer renders the pages of one site with one theme, in each of the site's
// languages (site.Edition).
type Renderer struct {
	site  *site.Site
	theme *theme.Theme
	opts  Options
	eds   []*edition // the site's editions, the default language's first
	// global hashes the site's and theme's fingerprints and the generator: part of
	// every page key.
	global uint64
}

// Options say what a Renderer shows beyond the site and the theme.
type Options struct {
	Generator      string                       // names folio in the generator meta tag
	SearchManifest string                       // the URL of the search index's manifest, for the search page
	Cards          map[*site.Publication]string // the site URLs of the publications' share images
}

// An Output takes the pages of a Render. Its methods are called from several goroutines
// at once.
type Output interface {
	// Reuse reports whether the page at path (in the output folder) is in place as it was
	// last made from key, by a build cache: the page is then neither executed nor passed
	// to Page.
	Reuse(path string, key uint64) bool
	// Page takes a rendered page. data is the renderer's own buffer, valid only during
	// the call: an output that keeps the page copies it.
	Page(path string, key uint64, data []byte) error
	// Printed is told of each publication's print edition as it is rendered, before the
	// publication's own page; it returns the URL of a PDF made from exactly that
	// edition, or "", and its size in bytes. html is nil when Reuse took the page.
	Printed(p *site.Publication, html []byte) (pdfURL string, size int64)
}

// An edition renders one edition of the site: its lists, term pages and the pages of
// the publications in its language, with the interface strings of its language. It
// has its own view of every publication, since a card shows its type, objectives and
// date in the language of the list it is in.
type edition struct {
	*site.Edition
	r     *Renderer
	str   *i18n.Strings
	text  map[string]template.HTML // str's plain strings, for templates (pageData.S)
	data  *siteData
	pubs  map[*site.Publication]*pub
	terms map[*site.Term]*termView // by the edition's terms
	taxes map[*site.Taxonomy]*taxonomyView
	cards sync.Map // cardKey → template.HTML (pub.Card)
}

// New prepares the views of every publication and term, once, for all pages to share.
// It fails when the theme lacks interface strings for a language of the site.
func New(s *site.Site, th *theme.Theme, opts Options) (*Renderer, error) {
	r := &Renderer{site: s, theme: th, opts: opts}
	h := digest.New()
	fmt.Fprintf(h, "%d\x00%d\x00%s", s.Fingerprint, th.Fingerprint, opts.Generator)
	r.global = h.Sum64()
	var codes []string
	for _, e := range s.Editions {
		codes = append(codes, e.Language.Code)
	}
	strs, err := th.Strings(codes)
	if err != nil {
		return nil, err
	}
	works := s.CiteWorks()
	for _, e := range s.Editions {
		r.eds = append(r.eds, r.edition(e, strs[e.Language.Code], works))
	}
	return r, nil
}

func (r *Renderer) edition(e *site.Edition, str *i18n.Strings, works []cite.Work) *edition {
	s, cfg, l := r.site, r.site.Config, e.Language
	ed := &edition{Edition: e, r: r, str: str, text: map[string]template.HTML{}, pubs: map[*site.Publication]*pub{},
		terms: map[*site.Term]*termView{}, taxes: map[*site.Taxonomy]*taxonomyView{}}
	for k, v := range str.Text() {
		ed.text[k] = template.HTML(html.EscapeString(v))
	}
	ed.data = &siteData{
		Title: cmp.Or(l.Title, cfg.Title), Organisation: cfg.Organisation, Description: cmp.Or(l.Description, cfg.Description),
		BaseURL: cfg.BaseURL, BasePath: s.BasePath, Lang: l.Code, Dir: l.Dir, Paper: cfg.Paper,
		HomeURL: e.URL(""), FeedURL: e.URL("feed.xml"), SearchURL: e.URL("search/"), Generator: r.opts.Generator,
		Updated: ed.date(e.Updated), BrandCSS: brandCSSURL(s.BasePath, BrandCSS(cfg.Brand)),
		AllURL: e.URL("publications/"),
	}
	if l := s.Logo; l != nil {
		ed.data.Logo = &logoView{URL: l.URL, Type: l.Type, Alt: l.Alt, Width: l.Width, Height: l.Height}
	}
	menu := cfg.Menu
	if !l.Default {
		menu = l.Menu
	}
	for _, m := range menu {
		u := m.URL
		if len(u) > 0 && u[0] == '/' {
			u = s.URL(u)
		}
		ed.data.Menu = append(ed.data.Menu, link{Title: m.Title, URL: u})
	}
	for _, other := range s.Editions {
		ed.data.Languages = append(ed.data.Languages, languageLink{Code: other.Language.Code, Name: other.Language.Name,
			Dir: other.Language.Dir, URL: other.URL(""), Current: other == e})
	}
	for _, t := range e.Taxonomies {
		tv := &taxonomyView{Key: t.Key, Title: ed.tr("taxonomy_"+t.Key, t.Title), Singular: ed.tr("term_"+t.Key, t.Singular), URL: t.URL}
		for _, tm := range t.Terms {
			v := &termView{Key: tm.Key, Title: tm.Title, URL: tm.URL, Count: len(tm.Publications), src: tm,
				Number: tm.Number, Description: tm.Description}
			if t.Key == "objectives" {
				v.FeedURL = tm.URL + "feed.xml"
			}
			if p := tm.Profile; p != nil {
				v.Profile = &profileView{Role: p.Role, Bio: template.HTML(p.Bio), PhotoURL: p.PhotoURL, PhotoAlt: p.PhotoAlt, PhotoW: p.PhotoW, PhotoH: p.PhotoH}
				for _, l := range p.Links {
					v.Profile.Links = append(v.Profile.Links, link{Title: l.Label, URL: l.URL})
				}
			}
			ed.terms[tm] = v
			tv.Terms = append(tv.Terms, v)
		}
		ed.taxes[t] = tv
		ed.data.Taxonomies = append(ed.data.Taxonomies, tv)
		if t.Key == "objectives" {
			ed.data.Objectives = tv.Terms
		}
	}
	for i, p := range s.Publications {
		v := ed.pub(p)
		v.work = works[i]
		v.BibURL, v.RISURL = p.URL+"cite.bib", p.URL+"cite.ris"
		ed.pubs[p] = v
	}
	for _, p := range s.Publications {
		for _, q := range p.Related {
			ed.pubs[p].Related = append(ed.pubs[p].Related, ed.pubs[q])
		}
	}
	return ed
}

// tr is the interface string key, or def when the strings have none: for names the
// theme may translate but need not (a taxonomy added by a later version).
func (ed *edition) tr(key, def string) string {
	if t, err := ed.str.T(key); err == nil {
		return t
	}
	return def
}

// date is t as the edition's pages show it; nil for the zero time.
func (ed *edition) date(t time.Time) *date {
	if t.IsZero() {
		return nil
	}
	return &date{ISO: t.Format(time.DateOnly), Text: ed.str.Date(t), Slash: t.Format("2006/01/02"), Year: t.Year()}
}

// term is the edition's view of one of the site's terms (a publication's objective,
// country...).
func (ed *edition) term(t *site.Term) *termView { return ed.terms[ed.Term(t)] }

func (ed *edition) pub(p *site.Publication) *pub {
	r := ed.r
	links := func(terms []*site.Term) []link {
		out := make([]link, len(terms))
		for i, t := range terms {
			out[i] = link{Title: t.Title, URL: t.URL}
			if v := ed.term(t); v != nil {
				out[i] = link{Title: v.Title, URL: v.URL}
			}
		}
		return out
	}
	v := &pub{
		Title: p.Title, Summary: p.Summary, URL: p.URL, Canonical: r.site.Permalink(p.URL),
		Date: ed.date(p.Date), Updated: ed.date(p.Updated),
		Type:      links([]*site.Term{p.Type})[0],
		Countries: links(p.Countries), Missions: links(p.Missions), Authors: links(p.Authors),
		Tags: p.Tags, Year: links([]*site.Term{p.Year})[0],
		HasCode: p.Doc.HasCode, src: p, r: ed, S: ed.text,
		PDFURL: p.PDFURL, PDFSize: p.PDFSize,
		CoverURL: p.CoverURL, CoverAlt: p.CoverAlt, CoverWidth: p.CoverW, CoverHeight: p.CoverH, CoverSrcset: p.CoverSrcset,
		Lang: p.Lang, PrintURL: p.URL + "print/",
		origin: r.site.Permalink(""), publisher: r.site.Config.Organisation, homeURL: r.site.Permalink(r.site.URL("")),
		schema: "Report",
	}
	v.Type.Title = ed.typeTitle(p)
	_, v.Dir = r.site.Config.Describe(p.Lang)
	if t, ok := r.site.Config.Type(p.Page.Type); ok {
		v.schema = t.Schema
	}
	v.keywords = append(v.keywords, p.Tags...)
	keys := make([]string, len(p.Objectives))
	for i, o := range p.Objectives {
		v.Objectives = append(v.Objectives, ed.term(o))
		keys[i] = o.Key
	}
	v.objectiveKeys = strings.Join(keys, " ")
	if p.Scheduled {
		v.Scheduled = ed.str.Date(p.Release) + " " + p.Release.Format("15:04") + " " + p.Release.Location().String()
	}
	for _, h := range p.Doc.TOC {
		v.TOC = append(v.TOC, tocEntry{Level: h.Level, ID: h.ID, Text: h.Text})
	}
	for _, t := range p.Translations {
		name, dir := r.site.Config.Describe(t.Lang)
		v.Translations = append(v.Translations, link{Title: t.Title, URL: t.URL, Lang: t.Lang, Dir: dir, LangName: name, Abs: r.site.Permalink(t.URL)})
	}
	ed.identifiers(v, p)
	return v
}

// identifiers sets what the page shows of the publication's series, identifiers,
// corrections and PDFs.
func (ed *edition) identifiers(v *pub, p *site.Publication) {
	l := ed.Language
	if p.Series != nil {
		label := p.SeriesLabel
		if pattern := l.Translate("series/pattern", p.Series.Key, ""); pattern != "" {
			label = strings.ReplaceAll(pattern, "{n}", strconv.Itoa(p.Number))
		}
		tv := ed.term(p.Series)
		v.Series = &seriesView{Title: tv.Title, URL: tv.URL, Number: p.Number, Label: label}
	}
	v.DOI, v.ISBN, v.ReportNumber = p.DOI, p.ISBN, p.ReportNumber
	if p.DOI != "" {
		v.DOIURL = cite.DOIURL(p.DOI)
	}
	for _, c := range p.Corrections {
		v.Corrections = append(v.Corrections, correctionView{Date: ed.date(c.Date), Text: c.Text})
	}
	for _, f := range p.PDFs {
		v.PDFs = append(v.PDFs, pdfView{URL: f.URL, Title: f.Title, Lang: f.Lang, Size: f.Size, Full: f.Full})
	}
}

// typeTitle is the singular name of the publication's type in the edition's language.
func (ed *edition) typeTitle(p *site.Publication) string {
	if t, ok := ed.r.site.Config.Type(p.Page.Type); ok {
		return ed.Language.Translate("types", t.Key, t.Title)
	}
	return p.Page.Type
}

// A job is one page to render. key identifies everything the page shows, so a page an
// Output kept from the same key can stand in for executing the template.
type job struct {
	ed   *edition
	kind string
	data *pageData
	key  uint64
	pub  *site.Publication // on publication and print pages
	// fill, when set, completes data: for a page whose view is costly to make and
	// whose key is known without it, made only when the page is executed.
	fill func(*pageData)
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

func (ed *edition) page(kind, url, title, desc string) *pageData {
	return &pageData{Site: ed.data, Kind: kind, Title: title, Description: desc, URL: url,
		Canonical: ed.r.site.Permalink(url), Lang: ed.data.Lang, Dir: ed.data.Dir, S: ed.text, ed: ed}
}

// jobs lists every HTML page of the site, in a fixed order: each edition's, the
// default language's first.
func (r *Renderer) jobs() ([]job, error) {
	var jobs []job
	for _, ed := range r.eds {
		more, err := ed.jobs()
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, more...)
	}
	return jobs, nil
}

// jobs lists the edition's pages: its home, lists, term pages and indexes, and the
// pages of the publications in its language.
func (ed *edition) jobs() ([]job, error) {
	r, s, e := ed.r, ed.r.site, ed.Edition
	var jobs []job
	add := func(kind string, d *pageData, key uint64) {
		jobs = append(jobs, job{kind: kind, data: d, key: key, ed: ed})
	}
	// Every string is looked up once here, so that a missing one fails the build
	// before any page is made.
	var missing error
	t := func(key string) string {
		v, err := ed.str.T(key)
		if err != nil && missing == nil {
			missing = err
		}
		return v
	}

	home := ed.page("home", e.URL(""), ed.data.Title, ed.data.Description)
	home.FeedURL = ed.data.FeedURL
	var shown []*site.Publication
	if e.Featured != nil {
		home.Featured = ed.pubs[e.Featured]
		shown = append(shown, e.Featured)
	}
	for _, p := range e.Publications {
		if len(home.Recent) == s.Config.Recent {
			break
		}
		if p != e.Featured {
			home.Recent = append(home.Recent, ed.pubs[p])
			shown = append(shown, p)
		}
	}
	add("home", home, r.key("home", home.URL, hashes(shown)...))

	for _, pg := range ed.paginate("list", e.URL("publications/"), t("publications_title"),
		t("publications_description"), e.Publications) {
		pg.data.FeedURL = ed.data.FeedURL
		add("list", pg.data, pg.key)
	}
	for _, p := range s.Publications {
		if s.EditionOf(p) != e {
			continue
		}
		d := ed.page("publication", p.URL, p.Title, p.Summary)
		d.Pub, d.Lang, d.Dir = ed.pubs[p], p.Lang, ed.pubs[p].Dir
		if u := r.opts.Cards[p]; u != "" {
			d.Pub.CardURL, d.Pub.CardType = s.Permalink(u), "image/png"
			if strings.HasSuffix(u, ".jpg") {
				d.Pub.CardType = "image/jpeg"
			}
		}
		add("publication", d, r.key("publication", p.URL, hashes([]*site.Publication{p}, p.Related, p.Translations)...))
		jobs[len(jobs)-1].pub = p
		pd := ed.page("print", p.URL+"print/", p.Title, p.Summary)
		pd.Pub, pd.Lang, pd.Dir = ed.pubs[p], p.Lang, ed.pubs[p].Dir
		pd.Canonical = ed.pubs[p].Canonical // the print edition is a view of the publication
		add("print", pd, r.key("print", pd.URL, p.Fingerprint))
		jobs[len(jobs)-1].pub = p
	}
	for _, p := range s.Pages {
		if s.PageEdition(p) != e {
			continue
		}
		d := ed.page("page", p.URL, p.Title, p.Summary)
		d.plain, d.Lang = p, p.Lang
		_, d.Dir = s.Config.Describe(p.Lang)
		if d.Description == "" {
			d.Description = ed.data.Description
		}
		d.Page = &plainView{Title: p.Title, Summary: p.Summary, src: p, bodies: s.Bodies}
		for _, h := range p.Doc.TOC {
			d.Page.TOC = append(d.Page.TOC, tocEntry{Level: h.Level, ID: h.ID, Text: h.Text})
		}
		var translations []uint64
		for _, t := range p.Translations {
			translations = append(translations, t.Hash)
		}
		add("page", d, r.key("page", p.URL, append(translations, p.Hash)...))
	}
	for _, tx := range e.Taxonomies {
		tv := ed.taxes[tx]
		d := ed.page("taxonomy", tx.URL, tv.Title, strings.ReplaceAll(t("taxonomy_description"), "{name}", strings.ToLower(tv.Singular)))
		d.Taxonomy = tv
		key := r.key("taxonomy", tx.URL)
		if tx.Key == "objectives" {
			d.Coverage = ed.coverage()
			key = r.key("taxonomy", fmt.Sprint(tx.URL, d.Coverage.Years, d.Coverage.counts()))
		}
		add("taxonomy", d, key)
		for _, tm := range tx.Terms {
			desc := tm.Description
			if desc == "" {
				desc = strings.NewReplacer("{taxonomy}", strings.ToLower(tv.Singular), "{name}", tm.Title).Replace(t("term_description"))
			}
			for _, pg := range ed.paginate("term", tm.URL, tm.Title, desc, tm.Publications) {
				d := pg.data
				d.Taxonomy, d.Term = tv, ed.terms[tm]
				d.FeedURL = ed.terms[tm].FeedURL
				add("term", d, pg.key)
			}
		}
	}
	rp := ed.page("recommendations", e.URL("recommendations/"), t("recommendations_title"), t("recommendations_description"))
	// The page shows every recommendation (a hundred thousand on a large site): its key
	// comes from what it shows of each publication that has any, with the digest of the
	// items made with the body, and the view is made only if the page is executed.
	var recs []uint64
	for _, p := range e.Publications {
		if len(p.Doc.Recommendations) > 0 {
			h := digest.New()
			h.WriteString(p.URL + "\x00" + p.Title + "\x00" + p.Date.Format(time.DateOnly) + "\x00" + ed.pubs[p].objectiveKeys)
			recs = append(recs, h.Sum64(), p.Doc.RecommendationsKey)
		}
	}
	add("recommendations", rp, r.key("recommendations", rp.URL, recs...))
	jobs[len(jobs)-1].fill = func(d *pageData) { d.Recommendations = ed.recommendations() }
	if s.Config.UNDocuments {
		dp := ed.page("documents", e.URL("documents/"), t("documents_title"), t("documents_description"))
		h := digest.New()
		for _, doc := range e.Documents {
			h.WriteString(doc.Symbol + "\x00")
			for _, p := range doc.Publications {
				h.WriteString(p.URL + "\x00" + p.Title + "\x00" + p.Lang + "\x00" + p.Date.Format(time.DateOnly) + "\x00")
			}
		}
		add("documents", dp, r.key("documents", dp.URL, h.Sum64()))
		jobs[len(jobs)-1].fill = func(d *pageData) { d.Documents = ed.documents() }
	}
	sp := ed.searchPage()
	add("search", sp, r.key("search", sp.URL+"\x00"+r.opts.SearchManifest))
	if e.Language.Default {
		// One 404 page and one set of redirects for the whole site: hosts serve one.
		add("404", ed.page("404", s.URL("404.html"), t("not_found_title"), t("not_found_description")), r.key("404", ""))
		for _, rd := range s.Redirects {
			d := ed.page("redirect", s.URL(rd.Path), t("moved_title"), t("moved_description"))
			d.RedirectTo = rd.To
			d.Canonical = s.Permalink(rd.To)
			add("redirect", d, r.key("redirect", rd.Path+"\x00"+rd.To))
		}
		for _, g := range s.Gone {
			// The reason is the page's description: what it says, and all it says.
			add("gone", ed.page("gone", s.URL(g.URL), t("gone_title"), g.Reason), r.key("gone", g.URL+"\x00"+g.Reason))
		}
	}
	return jobs, missing
}

// paginate splits pubs into pages of the configured size: url, url/page/2/, ...
// An empty list still gets its first page.
type listPage struct {
	data *pageData
	key  uint64
}

func (ed *edition) paginate(kind, url, title, desc string, pubs []*site.Publication) []listPage {
	size := ed.r.site.Config.PageSize
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
		pg := &pager{Number: n, Total: total, Count: len(pubs), First: lo + 1, Last: hi, Pages: window(n, total, urls)}
		if n > 1 {
			pg.Prev = urls[n-1]
		}
		if n < total {
			pg.Next = urls[n+1]
		}
		t := title
		if n > 1 {
			page, _ := ed.str.F("page_of", "title", title, "n", strconv.Itoa(n), "total", strconv.Itoa(total))
			t = page
		}
		d := ed.page(kind, urls[n], t, desc)
		d.List = &listView{Pager: pg, S: ed.text, ed: ed}
		pg.ed, pg.S = ed, ed.text
		for _, p := range pubs[lo:hi] {
			d.List.Items = append(d.List.Items, ed.pubs[p])
		}
		out = append(out, listPage{d, ed.r.key(kind, d.URL+"\x00"+title+"\x00"+desc, hashes(pubs[lo:hi])...)})
	}
	return out
}

func (ed *edition) recommendations() *recommendationsView {
	s, e := ed.r.site, ed.Edition
	v := &recommendationsView{Objectives: ed.data.Objectives, JSONURL: s.URL("recommendations.json")}
	if s.Config.UNDocuments {
		v.DocumentsURL = e.URL("documents/")
	}
	years := map[int]bool{}
	for _, a := range e.Addressees {
		// A large site has a hundred thousand items: size the slice once.
		av := addresseeView{Name: e.Language.Translate("addressees", a.Name, a.Name), Key: a.Key, Items: make([]recommendationView, len(a.Items))}
		for i, it := range a.Items {
			p := it.Publication
			pv := ed.pubs[p]
			av.Items[i] = recommendationView{Text: it.Text, URL: it.URL(),
				Pub: link{Title: p.Title, URL: p.URL, Lang: p.Lang, Dir: pv.Dir}, Date: pv.Date, Objectives: pv.objectiveKeys}
			years[p.Date.Year()] = true
		}
		v.Addressees = append(v.Addressees, av)
	}
	if !e.Language.Default {
		// By the names the language gives them, in its alphabetical order.
		col := site.Collator(e.Language.Code)
		slices.SortStableFunc(v.Addressees, func(a, b addresseeView) int { return col.CompareString(a.Name, b.Name) })
	}
	for y := range years {
		v.Years = append(v.Years, y)
	}
	slices.Sort(v.Years)
	slices.Reverse(v.Years)
	return v
}

func (ed *edition) documents() *documentsView {
	s, e := ed.r.site, ed.Edition
	v := &documentsView{JSONURL: s.URL("documents.json"), Documents: make([]documentView, len(e.Documents))}
	for i, d := range e.Documents {
		dv := documentView{Symbol: d.Symbol, URL: d.URL, Pubs: make([]*pub, len(d.Publications))}
		for j, p := range d.Publications {
			dv.Pubs[j] = ed.pubs[p]
		}
		v.Documents[i] = dv
	}
	return v
}

func (ed *edition) searchPage() *pageData {
	title, _ := ed.str.T("search_title")
	desc, _ := ed.str.T("search_description")
	d := ed.page("search", ed.URL("search/"), title, desc)
	d.SearchManifest = ed.r.opts.SearchManifest
	return d
}

// SearchPages renders only the search pages, one per language, for a search index
// built after the rest of the site (folio serve). It returns the pages' output paths
// and bytes.
func (r *Renderer) SearchPages() (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, ed := range r.eds {
		d := ed.searchPage()
		var buf bytes.Buffer
		if err := r.theme.Page("search").Execute(&buf, d); err != nil {
			return nil, fmt.Errorf("rendering %s: %w", d.URL, err)
		}
		out[r.site.OutputPath(d.URL)] = buf.Bytes()
	}
	return out, nil
}

// window lists the page links a pager shows: the first and last pages, and two on each
// side of the current one, with a gap entry where numbers are left out. A list of 500
// pages shows nine links, not 500.
func window(n, total int, urls []string) []pageLink {
	var out []pageLink
	last := 0
	for i := 1; i <= total; i++ {
		if i != 1 && i != total && (i < n-2 || i > n+2) {
			continue
		}
		if last != 0 && i > last+1 {
			out = append(out, pageLink{Gap: true})
		}
		out = append(out, pageLink{Number: i, URL: urls[i], Current: i == n})
		last = i
	}
	return out
}

// Render executes every page's template in parallel and passes the results to out,
// but for the pages out reuses. It returns how many pages were executed, and every
// failure, not only the first.
func (r *Renderer) Render(out Output) (int, diag.List) {
	jobs, err := r.jobs()
	if err != nil {
		var list diag.List
		list.Add(err)
		return 0, list
	}
	var executed atomic.Int64
	errs := make([]error, len(jobs))
	// A publication's page links the PDF generated from its print edition: the print
	// editions are rendered first.
	run := func(print bool) {
		var these []int
		for i, j := range jobs {
			if (j.kind == "print") == print {
				these = append(these, i)
			}
		}
		par.Each(len(these), 0, func() func(int) {
			var buf bytes.Buffer
			return func(k int) {
				i := these[k]
				errs[i] = r.execute(jobs[i], &buf, out, &executed)
			}
		})
	}
	run(true)
	run(false)
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

// execute renders one job, unless out reuses it, and passes it to out.
func (r *Renderer) execute(j job, buf *bytes.Buffer, out Output, executed *atomic.Int64) error {
	key := j.key
	if v := j.ed.pubs[j.pub]; j.kind == "publication" && v.PDF() != "" { // v: nil for other kinds
		key ^= r.key("pdf", v.PDF(), uint64(v.PDFSize)) // the page shows the PDF's size
	}
	path := r.site.OutputPath(j.data.URL)
	reused := out.Reuse(path, key)
	var data []byte // nil when reused
	if !reused {
		if j.fill != nil {
			j.fill(j.data)
		}
		buf.Reset()
		if err := r.theme.Page(j.kind).Execute(buf, j.data); err != nil {
			return fmt.Errorf("rendering %s: %w", j.data.URL, err)
		}
		data = buf.Bytes()
		executed.Add(1)
	}
	if j.kind == "print" {
		// A PDF attached in front matter is the designed edition and takes precedence:
		// Printed is told of every edition, but a generated PDF is linked only without one.
		html := data
		if !reused && html == nil {
			html = []byte{} // an empty page, not a reused one
		}
		if u, size := out.Printed(j.pub, html); j.pub.PDF == "" {
			j.ed.pubs[j.pub].GeneratedPDFURL, j.ed.pubs[j.pub].PDFSize = u, size
		}
	}
	if reused {
		return nil
	}
	return out.Page(path, key, data)
}

// templateError strips the page URL from a rendering error, to group repeats.
func templateError(err error) string {
	if inner := errors.Unwrap(err); inner != nil {
		return inner.Error()
	}
	return err.Error()
}
