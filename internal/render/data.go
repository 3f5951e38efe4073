package render

import (
	"html/template"
	"strings"
	"time"
)

// PageData is what every template receives. See the package documentation.
type PageData struct {
	Site        *SiteData
	Kind        string
	Title       string
	Description string
	URL         string
	Canonical   string
	Lang        string
	Pub         *Pub
	Page        *PlainView
	List        *ListView
	Taxonomy    *TaxonomyView
	Term        *TermView
	Recent      []*Pub
	RedirectTo  string
	FeedURL     string
}

// SiteData describes the site as a whole.
type SiteData struct {
	Title        string
	Organisation string
	Description  string
	BaseURL      string
	BasePath     string
	Lang         string
	Paper        string
	Menu         []Link
	Objectives   []*TermView
	Taxonomies   []*TaxonomyView
	FeedURL      string
	SearchURL    string
	Generator    string
	Updated      *Date
}

// A Link is a title and a URL.
type Link struct {
	Title string
	URL   string
	Lang  string // for translations
}

// A Date is shown as Text and machine-readable as ISO.
type Date struct {
	ISO  string // 2024-03-18
	Text string // 18 March 2024
	Year int
}

func newDate(t time.Time) *Date {
	if t.IsZero() {
		return nil
	}
	return &Date{ISO: t.Format(time.DateOnly), Text: t.Format("2 January 2006"), Year: t.Year()}
}

// Pub is a publication as templates see it.
type Pub struct {
	Title        string
	Summary      string
	URL          string
	Canonical    string
	Date         *Date
	Updated      *Date
	Type         Link
	Objectives   []*TermView
	Countries    []Link
	Missions     []Link
	Authors      []Link
	Tags         []string
	Year         Link
	Body         template.HTML
	HasCode      bool // the body has highlighted code: the page needs chroma.css
	TOC          []TOCEntry
	PDFURL       string
	CoverURL     string
	CoverAlt     string
	CoverWidth   int
	CoverHeight  int
	Related      []*Pub
	Lang         string
	Translations []Link
	PrintURL     string // the print edition
	// GeneratedPDFURL is the PDF folio pdf made from the print edition, when it is
	// up to date and no designed PDF is attached.
	GeneratedPDFURL string

	origin string // scheme and host of the site, for AbsoluteBody
}

// AbsoluteBody is Body with site-relative links and images made absolute, for the print
// edition: a PDF read away from the site must still lead back to it. It is computed when
// a template asks for it, not kept.
func (p *Pub) AbsoluteBody() template.HTML {
	b := strings.ReplaceAll(string(p.Body), ` href="/`, ` href="`+p.origin+`/`)
	return template.HTML(strings.ReplaceAll(b, ` src="/`, ` src="`+p.origin+`/`))
}

// A TOCEntry is a heading in a table of contents.
type TOCEntry struct {
	Level int
	ID    string
	Text  string
}

// PlainView is a plain page.
type PlainView struct {
	Title   string
	Summary string
	Body    template.HTML
	TOC     []TOCEntry
}

// ListView is one page of a paginated list.
type ListView struct {
	Items []*Pub
	Pager *Pager
}

// A Pager links the pages of a paginated list.
type Pager struct {
	Number int    // this page, from 1
	Total  int    // number of pages
	Count  int    // number of items over all pages
	First  int    // 1-based index of the first item on this page
	Last   int    // 1-based index of the last item on this page
	Prev   string // URL of the previous page, or ""
	Next   string // URL of the next page, or ""
	Pages  []PageLink
}

// A PageLink is one numbered page in a Pager, or a Gap where numbers are left out.
type PageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// TaxonomyView is a taxonomy with its terms.
type TaxonomyView struct {
	Key      string
	Title    string
	Singular string
	URL      string
	Terms    []*TermView
}

// TermView is one term with its publication count.
type TermView struct {
	Key         string
	Title       string
	URL         string
	Count       int
	Number      int
	Description string
	FeedURL     string
}
