// Package feed writes the site's machine-readable indexes: Atom 1.0 feeds (the whole
// site, and one per objective at /objectives/<key>/feed.xml), sitemap.xml and robots.txt.
//
// Feeds carry the newest MaxEntries publications with their summaries, absolute URLs,
// and published and updated dates. Output is a pure function of the model: no clock is
// read, so two builds of the same site give the same bytes.
package feed

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"time"

	"folio/internal/site"
)

// MaxEntries bounds each feed.
const MaxEntries = 20

// A File is an output file.
type File struct {
	Path string
	Data []byte
}

// Files returns every feed, the sitemap and robots.txt for s. pdfs holds the URLs of
// PDFs generated from print editions (folio pdf); attached PDFs are in the model.
func Files(s *site.Site, pdfs map[*site.Publication]string) ([]File, error) {
	var out []File
	add := func(path string, data []byte, err error) error {
		if err != nil {
			return fmt.Errorf("feed: %s: %w", path, err)
		}
		out = append(out, File{path, data})
		return nil
	}
	data, err := Atom(s, s.Config.Title, s.URL("feed.xml"), s.URL(""), s.Publications, pdfs)
	if err := add("feed.xml", data, err); err != nil {
		return nil, err
	}
	for _, t := range s.Taxonomy("objectives").Terms {
		data, err := Atom(s, s.Config.Title+": "+t.Title, t.URL+"feed.xml", t.URL, t.Publications, pdfs)
		if err := add(s.OutputPath(t.URL+"feed.xml"), data, err); err != nil {
			return nil, err
		}
	}
	data, err = Sitemap(s)
	if err := add("sitemap.xml", data, err); err != nil {
		return nil, err
	}
	robots := fmt.Sprintf("User-agent: *\nAllow: /\n\nSitemap: %s\n", s.Permalink(s.URL("sitemap.xml")))
	return out, add("robots.txt", []byte(robots), nil)
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
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomEntry struct {
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

// Atom returns an Atom 1.0 feed of the newest pubs. selfURL and pageURL are site URLs.
func Atom(s *site.Site, title, selfURL, pageURL string, pubs []*site.Publication, pdfs map[*site.Publication]string) ([]byte, error) {
	f := atomFeed{
		Lang: s.Config.Language, ID: s.Permalink(selfURL), Title: title,
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
		if u := cmpOr(p.PDFURL, pdfs[p]); u != "" {
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

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// Sitemap lists every page a search engine should index: not redirects, not the 404
// page, not second and later pages of lists.
func Sitemap(s *site.Site) ([]byte, error) {
	var u urlset
	add := func(url string, t time.Time) {
		e := sitemapURL{Loc: s.Permalink(url)}
		if !t.IsZero() {
			e.LastMod = t.Format(time.DateOnly)
		}
		u.URLs = append(u.URLs, e)
	}
	add(s.URL(""), s.Updated)
	add(s.URL("publications/"), s.Updated)
	for _, p := range s.Publications {
		add(p.URL, maxTime(p.Date, p.Updated))
	}
	for _, p := range s.Pages {
		add(p.URL, time.Time{})
	}
	for _, t := range s.Taxonomies {
		add(t.URL, time.Time{})
		for _, tm := range t.Terms {
			var last time.Time
			if len(tm.Publications) > 0 {
				last = tm.Publications[0].Date
			}
			add(tm.URL, last)
		}
	}
	return marshal(u)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
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
