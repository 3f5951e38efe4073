package render

import (
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"folio/internal/cite"
	"folio/internal/printbody"
	"folio/internal/site"
)

// pageData is what every template receives. See the package documentation.
type pageData struct {
	Site        *siteData
	Kind        string
	Title       string
	Description string
	URL         string
	Canonical   string
	Lang        string // the page's language: the edition's, or a publication's own
	Dir         string // "ltr" or "rtl", for Lang
	Pub         *pub
	Page        *plainView
	List        *listView
	Taxonomy    *taxonomyView
	Term        *termView
	Recent      []*pub
	Featured    *pub          // on the home page: the publication that leads it, or nil
	Coverage    *coverageView // on the objectives index: publications per objective and year
	// Recommendations, on the recommendations page.
	Recommendations *recommendationsView
	// Documents, on the documents page.
	Documents  *documentsView
	RedirectTo string
	FeedURL    string
	// SearchManifest is the search index's entry file, on the search page.
	SearchManifest string
	// S are the interface strings of the page's language by key: {{$.S.contents}}.
	// Templates execute with missingkey=error, so a key the strings lack fails the
	// page, naming it. They are plain text, HTML-escaped once (template.HTML), which
	// spares html/template escaping each use: a page shows dozens.
	S map[string]template.HTML

	ed    *edition
	plain *site.Page // on a plain page
}

// JSON is the interface strings keys as a JSON object for the page's scripts (see
// i18n.Strings.JSON; "months" and "date" give how dates are written):
// <form data-strings="{{$.JSON "search_more" "publications" "months" "date"}}">.
func (d *pageData) JSON(keys ...string) (string, error) {
	return d.ed.str.JSON(keys...)
}

// FacetNames is, as JSON for the search page's script, what the search index's facets
// are called in the page's language: for each facet's URL parameter ("objective",
// "type", "country", "mission"), its label and its terms' titles by key. The index is
// one for every language, and names its facets in the default language.
func (d *pageData) FacetNames() (string, error) {
	type names struct {
		Label  string            `json:"label"`
		Titles map[string]string `json:"titles"`
		// Singular is, for types, the name of one ("Policy brief" beside the term's
		// "Policy briefs"): a result's kicker names its publication's type.
		Singular map[string]string `json:"singular,omitempty"`
	}
	out := map[string]names{}
	for param, tax := range map[string]string{"objective": "objectives", "type": "types", "country": "countries", "mission": "missions"} {
		t := d.ed.Edition.Taxonomy(tax)
		if t == nil {
			continue
		}
		n := names{Label: d.ed.taxes[t].Title, Titles: map[string]string{}}
		for _, tm := range t.Terms {
			n.Titles[tm.Key] = tm.Title
			if tm.Number > 0 {
				n.Titles[tm.Key] = strconv.Itoa(tm.Number) + ". " + tm.Title
			}
		}
		if param == "type" {
			n.Singular = map[string]string{}
			for _, ty := range d.ed.r.site.Config.Types {
				n.Singular[ty.Key] = d.ed.Language.Translate("types", ty.Key, ty.Title)
			}
		}
		out[param] = n
	}
	b, err := json.Marshal(out)
	return string(b), err
}

// Size writes a download's size in the page's language, in SI units as file managers
// on phones do (1 kB = 1000 bytes), with two or three significant figures: "840 kB",
// "1.4 MB", "1,4 Mo". filesize is the same in English alone.
func (d *pageData) Size(n int64) (string, error) {
	ed := d.ed
	switch {
	case n < 1000:
		return ed.str.N("size_bytes", int(n))
	case n < 999_500:
		return ed.f("size_kb", "n", (n+500)/1000)
	case n < 9_950_000:
		v := strings.Replace(fmt.Sprintf("%.1f", float64(n)/1e6), ".", ed.tr("decimal", "."), 1)
		return ed.f("size_mb", "n", v)
	}
	return ed.f("size_mb", "n", (n+500_000)/1_000_000)
}

// N is the plural interface string key for n: {{$.N "publications" 3}}.
func (d *pageData) N(key string, n int) (string, error) { return d.ed.str.N(key, n) }

// F is the interface string key with {name} placeholders filled from name, value
// pairs: {{$.F "showing" "first" 1 "last" 10}}.
func (d *pageData) F(key string, pairs ...any) (string, error) { return d.ed.f(key, pairs...) }

func (ed *edition) f(key string, pairs ...any) (string, error) {
	args := make([]string, len(pairs))
	for i, p := range pairs {
		args[i] = fmt.Sprint(p)
	}
	return ed.str.F(key, args...)
}

// Switcher links this page in each of the site's other languages: the same page where
// the edition has it (a publication's translation, the same list), else the edition's
// home page with Missing set, so the switcher can say the page is not translated.
func (d *pageData) Switcher() []languageLink {
	var out []languageLink
	s := d.ed.r.site
	for _, other := range d.ed.r.eds {
		if other == d.ed {
			continue
		}
		l := languageLink{Code: other.Language.Code, Name: other.Language.Name, Dir: other.Language.Dir, URL: other.URL("")}
		switch d.Kind {
		case "publication", "print":
			l.Missing = true
			for _, t := range d.Pub.src.Translations {
				if s.EditionOf(t) == other.Edition {
					l.URL, l.Missing = t.URL, false
				}
			}
		case "page":
			l.Missing = true
			for _, t := range d.plain.Translations {
				if s.PageEdition(t) == other.Edition {
					l.URL, l.Missing = t.URL, false
				}
			}
		case "home", "list", "taxonomy", "recommendations", "documents", "search":
			l.URL = other.URL(strings.TrimPrefix(d.URL, d.ed.URL("")))
		case "term":
			l.URL, l.Missing = other.URL(d.Taxonomy.Key+"/"), true
			if other.terms[other.Edition.Term(d.Term.src)] != nil {
				l.URL, l.Missing = other.URL(d.Taxonomy.Key+"/"+d.Term.Key+"/"), false
			}
		default:
			l.Missing = true
		}
		l.Abs = s.Permalink(l.URL)
		out = append(out, l)
	}
	return out
}

// A languageLink is a link to one of the site's editions.
type languageLink struct {
	Code, Name, Dir, URL string
	Abs                  string // URL made absolute, for hreflang alternates (Switcher only)
	Current              bool   // the edition of the page that shows it
	Missing              bool   // the page has no version in the language: URL is its home page
}

// siteData describes the site as a whole.
type siteData struct {
	Title        string
	Organisation string
	Description  string
	BaseURL      string
	BasePath     string
	Lang         string
	Dir          string // "ltr" or "rtl"
	Paper        string
	HomeURL      string // the edition's home page: BasePath, or BasePath + "fr/"
	AllURL       string // the edition's list of every publication
	// Languages link the home page of each of the site's editions, the default
	// language's first; one entry for a site in one language.
	Languages  []languageLink
	Menu       []link
	Objectives []*termView
	Taxonomies []*taxonomyView
	FeedURL    string
	SearchURL  string
	Generator  string
	Updated    *date
	Logo       *logoView // nil without a brand logo
	BrandCSS   string    // URL of the brand's stylesheet (BrandCSS); "" without one
}

// A logoView is the brand's logo: its URL, MIME type, text alternative and the size
// in CSS pixels the header shows it at.
type logoView struct {
	URL, Type, Alt string
	Width, Height  int
}

// A link is a title and a URL.
type link struct {
	Title    string
	URL      string
	Lang     string // for translations and links to other-language publications
	Dir      string // Lang's direction, "ltr" or "rtl"
	LangName string // Lang's name in itself: "Français"
	Abs      string // URL made absolute, for hreflang alternates; translations only
}

// A date is shown as Text and machine-readable as ISO.
type date struct {
	ISO   string // 2024-03-18
	Text  string // 18 March 2024
	Slash string // 2024/03/18, as citation_publication_date wants it
	Year  int
}

// pub is a publication as templates see it.
type pub struct {
	Title       string
	Summary     string
	URL         string
	Canonical   string
	Date        *date
	Updated     *date
	Type        link
	Objectives  []*termView
	Countries   []link
	Missions    []link
	Authors     []link
	Tags        []string
	Year        link
	HasCode     bool // the body has highlighted code: the page needs chroma.css
	TOC         []tocEntry
	PDFURL      string
	CoverURL    string
	CoverAlt    string
	CoverWidth  int
	CoverHeight int
	// CoverSrcset lists the cover's published widths ("…-480w.jpg 480w, …"), or "" when
	// it is published in one size only.
	CoverSrcset  string
	Related      []*pub
	Lang         string
	Dir          string // Lang's direction, "ltr" or "rtl"
	Translations []link
	PrintURL     string // the print edition
	CardURL      string // absolute URL of the share image (1200x630), or ""
	CardType     string // its MIME type: image/png, or image/jpeg for a card with a cover photo
	// The citation files; the Chicago and APA methods give the references.
	BibURL string
	RISURL string
	// GeneratedPDFURL is the PDF folio pdf made from the print edition, when it is
	// up to date and no designed PDF is attached.
	GeneratedPDFURL string
	// PDFSize is the size in bytes of the PDF edition (PDF), designed or generated, for
	// the link to say how big it is (filesize); 0 when unknown.
	PDFSize int64
	// Scheduled is when the publication becomes public ("10 December 2026 09:00
	// Europe/Zurich") in a preview built before then (--future); "" on the public site.
	Scheduled string
	// Series is the numbered series the publication is in, or nil.
	Series *seriesView
	// DOI ("10.5555/pb-12") and DOIURL (https://doi.org/…), ISBN and ReportNumber, as
	// front matter gives them; "" when not given.
	DOI          string
	DOIURL       string
	ISBN         string
	ReportNumber string
	// Corrections are the dated correction notices, oldest first.
	Corrections []correctionView
	// PDFs are the attached PDFs (the designed full edition, summaries, translations),
	// the full edition first; PDFURL and PDFSize are the full edition's.
	PDFs []pdfView

	work cite.Work // for Chicago and APA, formatted only when a page shows them
	// objectiveKeys are the objective keys separated by spaces, for the filters of the
	// recommendations page.
	objectiveKeys string
	origin        string // scheme and host of the site, for PrintBody
	schema        string // schema.org type: Report or Article
	publisher     string
	homeURL       string
	keywords      []string
	src           *site.Publication
	r             *edition
	// S are the interface strings of the edition's language, as pageData's, for the
	// partials whose context is a publication.
	S map[string]template.HTML
}

// A seriesView is a publication's place in a numbered series.
type seriesView struct {
	Title  string // "Policy Briefs"
	URL    string // the series page
	Number int
	Label  string // "Policy Brief No. 12"
}

// A correctionView is one dated correction notice.
type correctionView struct {
	Date *date
	Text string
}

// A pdfView is one attached PDF.
type pdfView struct {
	URL   string
	Title string // "Full report", "Summary"
	Lang  string
	Size  int64 // in bytes, for filesize; 0 when unknown
	Full  bool  // the full edition
}

// TechnicalReportNumber is the number citation_technical_report_number gives: the
// report number, or else the label of the number in the series; "" without either.
// Not BibTeX's number (package cite), which is the bare number beside its series
// field: Scholar shows this tag alone, so "Policy Brief No. 12" says more than "12".
func (p *pub) TechnicalReportNumber() string {
	if p.ReportNumber != "" {
		return p.ReportNumber
	}
	if p.Series != nil {
		return p.Series.Label
	}
	return ""
}

// Body is the publication's body as HTML, read from the site's body store
// (site.BodyStore) each time a page shows it.
func (p *pub) Body() (template.HTML, error) {
	body, err := p.r.r.site.Bodies.Body(p.src.Page)
	return template.HTML(body.HTML), err
}

// Card is the publication's card as the theme's template name makes it
// ("partials/card.html", or "card-h2" for lists under the page's h1). A card depends
// only on its publication, and each appears on a dozen list and term pages and beside
// related publications: it is executed once per render and its HTML reused.
func (p *pub) Card(name string) (template.HTML, error) {
	key := cardKey{name, p}
	if html, ok := p.r.cards.Load(key); ok {
		return html.(template.HTML), nil
	}
	t := p.r.r.theme.Page("list").Lookup(name)
	if t == nil {
		return "", fmt.Errorf("Card: the theme has no template %q", name)
	}
	var b strings.Builder
	if err := t.Execute(&b, p); err != nil {
		return "", err
	}
	html := template.HTML(b.String())
	p.r.cards.Store(key, html)
	return html, nil
}

type cardKey struct {
	name string
	pub  *pub
}

// Chicago is the Chicago-style reference, as HTML (the title in <i>).
func (p *pub) Chicago() template.HTML { return template.HTML(cite.Chicago(p.work)) }

// APA is the APA-style reference, as HTML (the title in <i>).
func (p *pub) APA() template.HTML { return template.HTML(cite.APA(p.work)) }

// PDF is the URL of the PDF edition, designed or generated, or "".
func (p *pub) PDF() string {
	if p.PDFURL != "" {
		return p.PDFURL
	}
	return p.GeneratedPDFURL
}

// AbsolutePDF is PDF as an absolute URL, for citation tags.
func (p *pub) AbsolutePDF() string {
	if u := p.PDF(); u != "" {
		return p.origin + u
	}
	return ""
}

// JSONLD is the schema.org description of the publication, to go in a
// <script type="application/ld+json"> element. encoding/json escapes <, > and & inside
// strings, so no value can end the script element.
func (p *pub) JSONLD() template.JS {
	type thing struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
	}
	type media struct {
		Type           string `json:"@type"`
		EncodingFormat string `json:"encodingFormat"`
		ContentURL     string `json:"contentUrl"`
		Name           string `json:"name,omitempty"`
		InLanguage     string `json:"inLanguage,omitempty"`
	}
	type property struct {
		Type       string `json:"@type"`
		PropertyID string `json:"propertyID"`
		Value      string `json:"value"`
		URL        string `json:"url,omitempty"`
	}
	type correction struct {
		Type          string `json:"@type"`
		Text          string `json:"text"`
		DatePublished string `json:"datePublished"`
	}
	v := struct {
		Context         string       `json:"@context"`
		Type            string       `json:"@type"`
		Headline        string       `json:"headline"`
		Name            string       `json:"name"`
		Description     string       `json:"description"`
		URL             string       `json:"url"`
		InLanguage      string       `json:"inLanguage"`
		DatePublished   string       `json:"datePublished"`
		DateModified    string       `json:"dateModified,omitempty"`
		Genre           string       `json:"genre"`
		Author          []thing      `json:"author,omitempty"`
		Publisher       thing        `json:"publisher"`
		About           []thing      `json:"about"`
		SpatialCoverage []thing      `json:"spatialCoverage,omitempty"`
		Keywords        []string     `json:"keywords,omitempty"`
		Encoding        []media      `json:"encoding,omitempty"`
		Free            bool         `json:"isAccessibleForFree"`
		IsPartOf        *thing       `json:"isPartOf,omitempty"`
		Position        int          `json:"position,omitempty"`
		Identifier      []property   `json:"identifier,omitempty"`
		Correction      []correction `json:"correction,omitempty"`
	}{
		Context: "https://schema.org", Type: p.schema, Headline: p.Title, Name: p.Title,
		Description: p.Summary, URL: p.Canonical, InLanguage: p.Lang, DatePublished: p.Date.ISO,
		Genre: p.Type.Title, Publisher: thing{Type: "Organization", Name: p.publisher, URL: p.homeURL},
		Keywords: p.keywords, Free: true,
	}
	if p.Updated != nil {
		v.DateModified = p.Updated.ISO
	}
	for _, a := range p.Authors {
		v.Author = append(v.Author, thing{Type: "Person", Name: a.Title, URL: p.origin + a.URL})
	}
	for _, o := range p.Objectives {
		v.About = append(v.About, thing{Type: "Thing", Name: cmp.Or(o.Description, o.Title), URL: p.origin + o.URL})
	}
	for _, c := range p.Countries {
		v.SpatialCoverage = append(v.SpatialCoverage, thing{Type: "Place", Name: c.Title})
	}
	for _, f := range p.PDFs {
		v.Encoding = append(v.Encoding, media{Type: "MediaObject", EncodingFormat: "application/pdf", ContentURL: p.origin + f.URL, Name: f.Title, InLanguage: f.Lang})
	}
	if p.PDFURL == "" && p.GeneratedPDFURL != "" { // the full edition folio pdf made
		v.Encoding = append(v.Encoding, media{Type: "MediaObject", EncodingFormat: "application/pdf", ContentURL: p.origin + p.GeneratedPDFURL})
	}
	if s := p.Series; s != nil {
		v.IsPartOf = &thing{Type: "CreativeWorkSeries", Name: s.Title, URL: p.origin + s.URL}
		v.Position = s.Number
	}
	if p.DOI != "" {
		v.Identifier = append(v.Identifier, property{Type: "PropertyValue", PropertyID: "DOI", Value: p.DOI, URL: p.DOIURL})
	}
	if p.ISBN != "" {
		v.Identifier = append(v.Identifier, property{Type: "PropertyValue", PropertyID: "ISBN", Value: p.ISBN})
	}
	if p.ReportNumber != "" {
		v.Identifier = append(v.Identifier, property{Type: "PropertyValue", PropertyID: "report number", Value: p.ReportNumber})
	}
	for _, c := range p.Corrections {
		v.Correction = append(v.Correction, correction{Type: "CorrectionComment", Text: c.Text, DatePublished: c.Date.ISO})
	}
	data, err := json.Marshal(v)
	if err != nil {
		return "{}" // cannot happen: every field is a string, bool or slice of them
	}
	return template.JS(data)
}

// PrintBody is Body as the print edition shows it: links to the site absolute, since
// print.css prints their addresses after them and a PDF read away from the site must
// still lead back to it; images relative to the print edition, so that it shows them
// wherever it is opened (a staging host, a copy on disk, folio pdf), not only once the
// site is live at its base_url. It is computed when a template asks for it, not kept.
func (p *pub) PrintBody() (template.HTML, error) {
	body, err := p.Body()
	return template.HTML(printbody.Rewrite(string(body), p.origin, p.PrintURL)), err
}

// PrintRel is the site URL u (site-absolute, as asset and .URL give) relative to the
// print edition, for the files the print edition uses and the link back to the
// publication: "../" for the publication, "../../../static/print.css?v=…".
func (p *pub) PrintRel(u string) string { return printbody.Relative(p.PrintURL, u) }

// A tocEntry is a heading in a table of contents.
type tocEntry struct {
	Level int
	ID    string
	Text  string
}

// plainView is a plain page.
type plainView struct {
	Title   string
	Summary string
	TOC     []tocEntry
	src     *site.Page
	bodies  site.BodyStore
}

// Body is the page's body as HTML, read from the site's body store.
func (v *plainView) Body() (template.HTML, error) {
	body, err := v.bodies.Body(v.src.Page)
	return template.HTML(body.HTML), err
}

// listView is one page of a paginated list.
type listView struct {
	Items []*pub
	Pager *pager
	S     map[string]template.HTML // the interface strings, as pageData's
	ed    *edition
}

// N and F are pageData's, for the list partial.
func (v *listView) N(key string, n int) (string, error)        { return v.ed.str.N(key, n) }
func (v *listView) F(key string, pairs ...any) (string, error) { return v.ed.f(key, pairs...) }

// Foreign reports whether the publication is in another language than the edition
// whose pages show its card, which must then say so (lang and dir): a card is made
// once per edition, for its lists, whose pages are in the edition's language.
func (p *pub) Foreign() bool {
	base, _, _ := strings.Cut(p.Lang, "-")
	return !strings.EqualFold(p.Lang, p.r.Language.Code) && !strings.EqualFold(base, p.r.Language.Code)
}

// N and F are pageData's, for the partials whose context is a publication (cards).
func (p *pub) N(key string, n int) (string, error)        { return p.r.str.N(key, n) }
func (p *pub) F(key string, pairs ...any) (string, error) { return p.r.f(key, pairs...) }

// A pager links the pages of a paginated list.
type pager struct {
	Number int    // this page, from 1
	Total  int    // number of pages
	Count  int    // number of items over all pages
	First  int    // 1-based index of the first item on this page
	Last   int    // 1-based index of the last item on this page
	Prev   string // URL of the previous page, or ""
	Next   string // URL of the next page, or ""
	Pages  []pageLink
	S      map[string]template.HTML // the interface strings, as pageData's
	ed     *edition
}

// A pageLink is one numbered page in a pager, or a Gap where numbers are left out.
type pageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// taxonomyView is a taxonomy with its terms.
type taxonomyView struct {
	Key      string
	Title    string
	Singular string
	URL      string
	Terms    []*termView
}

// termView is one term with its publication count.
type termView struct {
	Key         string
	Title       string
	URL         string
	Count       int
	Number      int
	Description string
	FeedURL     string
	Profile     *profileView // on an author's page with a file in content/authors/, or nil
	src         *site.Term
}

// A profileView is an author's profile: role, biography (HTML), photo and links.
type profileView struct {
	Role               string
	Bio                template.HTML
	PhotoURL, PhotoAlt string
	PhotoW, PhotoH     int
	Links              []link
}

// recommendationsView is every recommendation by addressee, with what the page's filters
// offer.
type recommendationsView struct {
	Addressees []addresseeView
	Objectives []*termView
	Years      []int // newest first
	JSONURL    string
	// DocumentsURL is the page of the UN documents the publications cite; "" when
	// site.yaml turns un_documents off.
	DocumentsURL string
}

// documentsView is every UN document the publications cite (site.Document), in the
// order of markdown.CompareSymbols.
type documentsView struct {
	Documents []documentView
	JSONURL   string // documents.json
}

// A documentView is one UN document and the publications that cite it.
type documentView struct {
	Symbol string // as written: "S/RES/2719 (2023)"
	URL    string // at undocs.org
	Pubs   []*pub // newest first
}

// An addresseeView is one addressee and what publications recommend to it.
type addresseeView struct {
	Name  string
	Key   string
	Items []recommendationView
}

// A recommendationView is one recommendation with where it comes from.
type recommendationView struct {
	Text       string
	URL        string // the item in its publication
	Pub        link
	Date       *date
	Objectives string // space-separated objective keys, for the page's filter
}
