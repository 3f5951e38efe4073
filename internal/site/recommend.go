package site

import (
	"cmp"
	"slices"
	"strings"

	"folio/internal/cite"
	"folio/internal/markdown"
	"folio/internal/slug"
)

// An Addressee groups the recommendations made to one addressee across publications,
// under the name site.yaml's alias table gives it.
type Addressee struct {
	Name  string
	Key   string // slug, for anchors
	Items []Recommendation
}

// A Recommendation is one item of a publication's recommendations section.
type Recommendation struct {
	Publication *Publication
	Text        string
	ID          string // the item's anchor id in the publication
}

// URL is the item's anchor in its publication. Made on demand: a large site has a hundred
// thousand items, and folio serve gathers them on every rebuild.
func (r Recommendation) URL() string { return r.Publication.URL + "#" + r.ID }

// addressees gathers the recommendations of pubs by normalised addressee: addressees
// in alphabetical order, items newest publication first, then in the order the
// publication gives them.
func addressees(pubs []*Publication, aliases map[string][]string) []*Addressee {
	var out []*Addressee
	byName := map[string]*Addressee{}
	normal := map[string]string{} // as written → normalised: a site repeats a few addressees
	// Count first, so that each addressee's items are allocated once: a large site has a
	// hundred thousand of them, and this runs on every rebuild of folio serve.
	counts := map[string]int{}
	for _, p := range pubs {
		for _, r := range p.Doc.Recommendations {
			counts[r.Addressee]++
		}
	}
	sizes := map[string]int{} // normalised name → number of items
	for as, n := range counts {
		name := markdown.NormalizeAddressee(as, aliases)
		if name == "" {
			name = "Other"
		}
		normal[as] = name
		sizes[name] += n
	}
	for _, p := range pubs {
		for _, r := range p.Doc.Recommendations {
			name := normal[r.Addressee]
			a := byName[name]
			if a == nil {
				a = &Addressee{Name: name, Key: "to-" + slugOr(name), Items: make([]Recommendation, 0, sizes[name])}
				byName[name] = a
				out = append(out, a)
			}
			a.Items = append(a.Items, Recommendation{Publication: p, Text: r.Text, ID: r.ID})
		}
	}
	slices.SortFunc(out, func(x, y *Addressee) int {
		return cmp.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name))
	})
	return out
}

// CiteWorks describes every publication for citation, newest first, with unique keys.
// The same call gives the same keys, so per-publication files and the site-wide
// bibliography agree.
func (s *Site) CiteWorks() []cite.Work {
	works := make([]cite.Work, len(s.Publications))
	for i, p := range s.Publications {
		works[i] = s.citeWork(p)
	}
	// Keys are given oldest first, so that a new publication never renames an old key.
	slices.Reverse(works)
	cite.UniqueKeys(works)
	slices.Reverse(works)
	return works
}

func (s *Site) citeWork(p *Publication) cite.Work {
	w := cite.Work{
		Title: p.Title, Organisation: s.Config.Organisation, Date: p.Date, URL: s.Permalink(p.URL),
		Language: p.Lang, Summary: p.Summary,
	}
	if t, ok := s.Config.Type(p.Page.Type); ok {
		w.TypeTitle, w.Commentary = t.Title, t.Schema == "Article"
	}
	for _, a := range p.Authors {
		w.Authors = append(w.Authors, a.Title)
	}
	if p.PDFURL != "" {
		w.PDFURL = s.Permalink(p.PDFURL)
	}
	for _, o := range p.Objectives {
		w.Keywords = append(w.Keywords, o.Title)
	}
	for _, c := range p.Countries {
		w.Keywords = append(w.Keywords, c.Title)
	}
	if p.Series != nil {
		w.Series, w.Number, w.SeriesLabel = p.Series.Title, p.Number, p.SeriesLabel
	}
	w.DOI, w.ISBN, w.ReportNumber = p.DOI, p.ISBN, p.ReportNumber
	for _, c := range p.Corrections {
		w.Corrections = append(w.Corrections, cite.Correction{Date: c.Date, Text: c.Text})
	}
	return w
}

func slugOr(name string) string {
	if k := slug.Make(name); k != "" {
		return k
	}
	return "addressee"
}
