// Package feed writes the site's machine-readable indexes: Atom 1.0 feeds (the whole
// site, and one per objective at /objectives/<key>/feed.xml), publications.json (a JSON
// Feed 1.1 of the newest publications, for partner sites), recommendations.json,
// citation files (cite.bib and cite.ris beside each publication, publications.bib for
// the whole site), sitemap.xml and robots.txt.
//
// Feeds carry the newest MaxEntries publications with their summaries, absolute URLs,
// published and updated dates (the last correction counts as an update), and every
// attached PDF as an enclosure with its title, language and size. Output is a pure function of the model: no clock is
// read, so two builds of the same site give the same bytes.
package feed

import (
	"bytes"
	"cmp"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"time"

	"folio/internal/cite"
	"folio/internal/site"
)

// MaxEntries bounds each feed.
const MaxEntries = 20

// A File is an output file.
type File struct {
	Path string
	Data []byte
}

// Files returns every feed, the sitemap and robots.txt for s: Feeds and Exports.
func Files(s *site.Site, pdfs map[*site.Publication]string) ([]File, error) {
	files, err := Feeds(s, pdfs)
	if err != nil {
		return nil, err
	}
	err = Exports(s, func(f File) error {
		files = append(files, f)
		return nil
	})
	return files, err
}

// Feeds returns the Atom feeds and the JSON Feed of every edition of the site (one per
// language: /feed.xml, /fr/feed.xml...), each listing the edition's publications, once
// each whatever their translations. pdfs holds the URLs of PDFs generated from print
// editions (folio pdf); attached PDFs are in the model.
func Feeds(s *site.Site, pdfs map[*site.Publication]string) ([]File, error) {
	var out []File
	add := func(path string, data []byte, err error) error {
		if err != nil {
			return fmt.Errorf("feed: %s: %w", path, err)
		}
		out = append(out, File{path, data})
		return nil
	}
	for _, e := range s.Editions {
		l := e.Language
		title := cmp.Or(l.Title, s.Config.Title)
		data, err := Atom(s, l.Code, title, e.URL("feed.xml"), e.URL(""), e.Publications, pdfs)
		if err := add(s.OutputPath(e.URL("feed.xml")), data, err); err != nil {
			return nil, err
		}
		for _, t := range e.Taxonomy("objectives").Terms {
			data, err := Atom(s, l.Code, title+": "+t.Title, t.URL+"feed.xml", t.URL, t.Publications, pdfs)
			if err := add(s.OutputPath(t.URL+"feed.xml"), data, err); err != nil {
				return nil, err
			}
		}
		data, err = JSONFeed(s, e, pdfs)
		if err := add(s.OutputPath(e.URL("publications.json")), data, err); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Exports makes everything else: recommendations.json, the citation files, the sitemap
// and robots.txt, passing each file to emit as soon as it is made, so that a build holds
// one at a time. It stops at the first error. None depends on generated PDFs: a build
// makes them while it renders the pages.
func Exports(s *site.Site, emit func(File) error) error {
	works := s.CiteWorks()
	data, err := Recommendations(s)
	if err != nil {
		return fmt.Errorf("feed: recommendations.json: %w", err)
	}
	if err := emit(File{"recommendations.json", data}); err != nil {
		return err
	}
	if err := emit(File{"publications.bib", cite.BibTeX(works...)}); err != nil {
		return err
	}
	for i, p := range s.Publications {
		dir := strings.TrimPrefix(p.URL, s.BasePath)
		if err := emit(File{dir + "cite.bib", cite.BibTeX(works[i])}); err != nil {
			return err
		}
		if err := emit(File{dir + "cite.ris", cite.RIS(works[i])}); err != nil {
			return err
		}
	}
	if data, err = Sitemap(s); err != nil {
		return fmt.Errorf("feed: sitemap.xml: %w", err)
	}
	if err := emit(File{"sitemap.xml", data}); err != nil {
		return err
	}
	robots := fmt.Sprintf("User-agent: *\nAllow: /\n\nSitemap: %s\n", s.Permalink(s.URL("sitemap.xml")))
	return emit(File{"robots.txt", []byte(robots)})
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr,omitempty"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Gen     string      `xml:"generator"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr,omitempty"`
	Type     string `xml:"type,attr,omitempty"`
	Href     string `xml:"href,attr"`
	Hreflang string `xml:"hreflang,attr,omitempty"`
	Title    string `xml:"title,attr,omitempty"`
	Length   int64  `xml:"length,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomEntry struct {
	Lang       string         `xml:"xml:lang,attr,omitempty"`
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Links      []atomLink     `xml:"link"`
	Authors    []atomPerson   `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    string         `xml:"summary"`
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// Atom returns an Atom 1.0 feed of the newest pubs, in language lang (each entry in a
// language of its own says so). selfURL and pageURL are site URLs.
func Atom(s *site.Site, lang, title, selfURL, pageURL string, pubs []*site.Publication, pdfs map[*site.Publication]string) ([]byte, error) {
	f := atomFeed{
		Lang: lang, ID: s.Permalink(selfURL), Title: title,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: s.Permalink(selfURL)},
			{Rel: "alternate", Type: "text/html", Href: s.Permalink(pageURL)},
		},
		Author: atomPerson{s.Config.Organisation}, Gen: "folio",
	}
	var updated time.Time
	for _, p := range pubs[:min(MaxEntries, len(pubs))] {
		u := p.Date
		if p.Updated.After(u) {
			u = p.Updated
		}
		if u.After(updated) {
			updated = u
		}
		e := atomEntry{
			ID: s.Permalink(p.URL), Title: p.Title, Published: stamp(p.Date), Updated: stamp(u),
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: s.Permalink(p.URL)}},
			Summary: p.Summary,
		}
		if p.Lang != lang {
			e.Lang = p.Lang
		}
		// Every attached PDF (full edition, summary, translations) is an enclosure with
		// its title, language and size; without a designed full edition, the one folio
		// pdf made is.
		for _, f := range p.PDFs {
			e.Links = append(e.Links, atomLink{Rel: "enclosure", Type: "application/pdf", Href: s.Permalink(f.URL),
				Hreflang: f.Lang, Title: f.Title, Length: f.Size})
		}
		if u := pdfs[p]; p.PDFURL == "" && u != "" {
			e.Links = append(e.Links, atomLink{Rel: "enclosure", Type: "application/pdf", Href: s.Permalink(u)})
		}
		for _, a := range p.Authors {
			e.Authors = append(e.Authors, atomPerson{a.Title})
		}
		e.Categories = append(e.Categories, atomCategory{Term: p.Type.Key, Label: p.Type.Title})
		for _, o := range p.Objectives {
			e.Categories = append(e.Categories, atomCategory{Term: o.Key, Label: o.Title})
		}
		f.Entries = append(f.Entries, e)
	}
	if updated.IsZero() {
		updated = s.Updated // an objective with no publications yet
	}
	if updated.IsZero() {
		updated = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC) // an empty site: any fixed date keeps builds reproducible
	}
	f.Updated = stamp(updated)
	return marshal(f)
}

// JSONFeedEntries bounds publications.json: partner sites show recent publications.
const JSONFeedEntries = 50

type jsonFeed struct {
	Version     string       `json:"version"`
	Title       string       `json:"title"`
	HomePageURL string       `json:"home_page_url"`
	FeedURL     string       `json:"feed_url"`
	Description string       `json:"description,omitempty"`
	Language    string       `json:"language"`
	Authors     []jsonAuthor `json:"authors"`
	Items       []jsonItem   `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type jsonItem struct {
	ID            string           `json:"id"`
	URL           string           `json:"url"`
	Title         string           `json:"title"`
	Summary       string           `json:"summary"`
	ContentText   string           `json:"content_text"`
	DatePublished string           `json:"date_published"`
	DateModified  string           `json:"date_modified,omitempty"`
	Authors       []jsonAuthor     `json:"authors,omitempty"`
	Tags          []string         `json:"tags"`
	Language      string           `json:"language"`
	Attachments   []jsonAttachment `json:"attachments,omitempty"`
	Folio         jsonExtension    `json:"_folio"`
}

type jsonAttachment struct {
	URL      string `json:"url"`
	MimeType string `json:"mime_type"`
	Title    string `json:"title,omitempty"`
	Size     int64  `json:"size_in_bytes,omitempty"`
}

// jsonExtension carries folio's own fields, as JSON Feed allows under an underscore key.
type jsonExtension struct {
	Type       string   `json:"type"`
	Objectives []string `json:"objectives"`
	Countries  []string `json:"countries,omitempty"`
	Missions   []string `json:"missions,omitempty"`
}

// JSONFeed returns an edition's publications.json, a JSON Feed 1.1 of its newest
// publications, with folio's taxonomies under "_folio" so partner sites can filter by
// objective.
func JSONFeed(s *site.Site, e *site.Edition, pdfs map[*site.Publication]string) ([]byte, error) {
	l := e.Language
	f := jsonFeed{
		Version: "https://jsonfeed.org/version/1.1", Title: cmp.Or(l.Title, s.Config.Title),
		HomePageURL: s.Permalink(e.URL("")), FeedURL: s.Permalink(e.URL("publications.json")),
		Description: cmp.Or(l.Description, s.Config.Description), Language: l.Code,
		Authors: []jsonAuthor{{Name: s.Config.Organisation, URL: s.Permalink(s.URL(""))}},
		Items:   []jsonItem{},
	}
	for _, p := range e.Publications[:min(JSONFeedEntries, len(e.Publications))] {
		it := jsonItem{
			ID: s.Permalink(p.URL), URL: s.Permalink(p.URL), Title: p.Title, Summary: p.Summary,
			ContentText: p.Summary, DatePublished: stamp(p.Date), Language: p.Lang, Tags: []string{p.Type.Title},
			Folio: jsonExtension{Type: p.Type.Key, Objectives: []string{}},
		}
		if !p.Updated.IsZero() {
			it.DateModified = stamp(p.Updated)
		}
		for _, a := range p.Authors {
			it.Authors = append(it.Authors, jsonAuthor{Name: a.Title, URL: s.Permalink(a.URL)})
		}
		for _, o := range p.Objectives {
			it.Tags = append(it.Tags, o.Title)
			it.Folio.Objectives = append(it.Folio.Objectives, o.Key)
		}
		for _, c := range p.Countries {
			it.Folio.Countries = append(it.Folio.Countries, c.Title)
		}
		for _, m := range p.Missions {
			it.Folio.Missions = append(it.Folio.Missions, m.Title)
		}
		for _, f := range p.PDFs {
			title := f.Title
			if f.Full {
				title = "PDF edition"
			}
			it.Attachments = append(it.Attachments, jsonAttachment{URL: s.Permalink(f.URL), MimeType: "application/pdf", Title: title, Size: f.Size})
		}
		if u := pdfs[p]; p.PDFURL == "" && u != "" {
			it.Attachments = append(it.Attachments, jsonAttachment{URL: s.Permalink(u), MimeType: "application/pdf", Title: "PDF edition"})
		}
		f.Items = append(f.Items, it)
	}
	data, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

type recJSON struct {
	Addressee   string   `json:"addressee"`
	Text        string   `json:"text"`
	URL         string   `json:"url"`
	Publication string   `json:"publication"`
	PubURL      string   `json:"publication_url"`
	Date        string   `json:"date"`
	Objectives  []string `json:"objectives"`
}

// Recommendations returns recommendations.json: every recommendation of every
// publication, by addressee, with links to the item in its publication.
//
// The items are encoded one at a time into a buffer sized from the start: the file is
// 40 MB at 10,000 publications, and marshalling a slice of every item at once held the
// slice, the encoder's growing buffer and the copy it returns together.
func Recommendations(s *site.Site) ([]byte, error) {
	size := 64
	for _, a := range s.Addressees {
		for _, r := range a.Items {
			size += 2*len(r.Publication.URL) + len(a.Name) + len(r.Text) + len(r.Publication.Title) + 256
		}
	}
	b := bytes.NewBuffer(make([]byte, 0, size))
	b.WriteString(`{"version":"1","recommendations":[`)
	enc := json.NewEncoder(b)
	first := true
	for _, a := range s.Addressees {
		for _, r := range a.Items {
			p := r.Publication
			item := recJSON{Addressee: a.Name, Text: r.Text, URL: s.Permalink(r.URL()), Publication: p.Title,
				PubURL: s.Permalink(p.URL), Date: p.Date.Format(time.DateOnly), Objectives: []string{}}
			for _, o := range p.Objectives {
				item.Objectives = append(item.Objectives, o.Key)
			}
			if !first {
				b.WriteByte(',')
			}
			first = false
			if err := enc.Encode(item); err != nil {
				return nil, err
			}
			b.Truncate(b.Len() - 1) // Encode ends each value with a newline
		}
	}
	b.WriteString("]}\n")
	return b.Bytes(), nil
}

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	XHTML   string       `xml:"xmlns:xhtml,attr,omitempty"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string        `xml:"loc"`
	LastMod    string        `xml:"lastmod,omitempty"`
	Alternates []sitemapLink `xml:"xhtml:link"`
}

// A sitemapLink names a page's version in another language (Google's hreflang
// sitemap extension), x-default being the one for readers of no listed language.
type sitemapLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// Sitemap lists every page a search engine should index: not redirects, not the 404
// page, not second and later pages of lists. On a site in several languages each page
// lists its versions in the others, and x-default: the default language's.
func Sitemap(s *site.Site) ([]byte, error) {
	var u urlset
	multi := len(s.Editions) > 1
	if multi {
		u.XHTML = "http://www.w3.org/1999/xhtml"
	}
	add := func(url string, t time.Time, alternates []sitemapLink) {
		e := sitemapURL{Loc: s.Permalink(url), Alternates: alternates}
		if !t.IsZero() {
			e.LastMod = t.Format(time.DateOnly)
		}
		u.URLs = append(u.URLs, e)
	}
	// same lists the path in every edition: the lists and term pages exist in each.
	same := func(path string, has func(e *site.Edition) bool) []sitemapLink {
		if !multi {
			return nil
		}
		var out []sitemapLink
		for _, e := range s.Editions {
			if has == nil || has(e) {
				out = append(out, sitemapLink{"alternate", e.Language.Code, s.Permalink(e.URL(path))})
			}
		}
		return append(out, sitemapLink{"alternate", "x-default", s.Permalink(s.Editions[0].URL(path))})
	}
	for _, e := range s.Editions {
		add(e.URL(""), e.Updated, same("", nil))
		add(e.URL("publications/"), e.Updated, same("publications/", nil))
		add(e.URL("recommendations/"), e.Updated, same("recommendations/", nil))
		if s.Config.UNDocuments {
			add(e.URL("documents/"), e.Updated, same("documents/", nil))
		}
	}
	for _, p := range s.Publications {
		var alternates []sitemapLink
		if len(p.Translations) > 0 {
			group := append([]*site.Publication{p}, p.Translations...)
			def := group[0]
			for _, q := range group {
				alternates = append(alternates, sitemapLink{"alternate", q.Lang, s.Permalink(q.URL)})
				if s.EditionOf(q) == s.Editions[0] && s.EditionOf(def) != s.Editions[0] {
					def = q
				}
			}
			slices.SortFunc(alternates, func(a, b sitemapLink) int { return strings.Compare(a.Hreflang, b.Hreflang) })
			alternates = append(alternates, sitemapLink{"alternate", "x-default", s.Permalink(def.URL)})
		}
		add(p.URL, maxTime(p.Date, p.Updated), alternates)
	}
	for _, p := range s.Pages {
		var alternates []sitemapLink
		if len(p.Translations) > 0 {
			def := p
			for _, q := range append([]*site.Page{p}, p.Translations...) {
				alternates = append(alternates, sitemapLink{"alternate", q.Lang, s.Permalink(q.URL)})
				if s.PageEdition(q) == s.Editions[0] {
					def = q
				}
			}
			slices.SortFunc(alternates, func(a, b sitemapLink) int { return strings.Compare(a.Hreflang, b.Hreflang) })
			alternates = append(alternates, sitemapLink{"alternate", "x-default", s.Permalink(def.URL)})
		}
		add(p.URL, time.Time{}, alternates)
	}
	for _, e := range s.Editions {
		prefix := e.URL("")
		for _, t := range e.Taxonomies {
			add(t.URL, time.Time{}, same(strings.TrimPrefix(t.URL, prefix), nil))
			for _, tm := range t.Terms {
				var last time.Time
				if len(tm.Publications) > 0 {
					last = tm.Publications[0].Date
				}
				add(tm.URL, last, same(strings.TrimPrefix(tm.URL, prefix), func(o *site.Edition) bool {
					return o.Term(tm) != nil
				}))
			}
		}
	}
	return marshal(u)
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}
