package site

import (
	"cmp"
	"io/fs"
	"slices"

	"folio/internal/digest"
)

// series adds the series taxonomy when site.yaml declares series: a page per series at
// /series/<key>/ listing its publications by number, highest first (the newest, as
// everywhere else), after the types, which it refines. Editions in several languages
// share a number and are listed together.
func (b *builder) series() {
	s := b.site
	if len(s.Config.Series) == 0 {
		return
	}
	t := &Taxonomy{Key: "series", Title: "Series", Singular: "Series", URL: s.URL("series/")}
	terms := map[string]*Term{}
	for _, sr := range s.Config.Series {
		tm := &Term{Taxonomy: t, Key: sr.Key, Title: sr.Title, URL: t.URL + sr.Key + "/"}
		terms[sr.Key] = tm
		t.Terms = append(t.Terms, tm)
	}
	for _, p := range s.Publications {
		tm := terms[p.Page.Series]
		if tm == nil {
			continue
		}
		sr, _ := s.Config.LookupSeries(p.Page.Series)
		p.Series, p.SeriesLabel = tm, sr.Label(p.Number)
		tm.Publications = append(tm.Publications, p)
	}
	for _, tm := range t.Terms {
		slices.SortStableFunc(tm.Publications, func(a, b *Publication) int {
			return cmp.Or(cmp.Compare(b.Number, a.Number), cmp.Compare(a.Lang, b.Lang))
		})
	}
	at := len(s.Taxonomies)
	if i := slices.IndexFunc(s.Taxonomies, func(t *Taxonomy) bool { return t.Key == "types" }); i >= 0 {
		at = i + 1
	}
	s.Taxonomies = slices.Insert(s.Taxonomies, at, t)
}

// pdfs sets the URL and size of every attached PDF. The sizes are shown on the pages
// ("PDF, 1.2 MB"), so they are part of the publication's Fingerprint, which keys its
// pages: a PDF replaced under the same name changes the pages that give its size.
func (b *builder) pdfs() {
	for _, p := range b.site.Publications {
		if len(p.Page.PDFs) == 0 {
			continue
		}
		h := digest.New()
		h.WriteUint64(p.Fingerprint)
		for _, f := range p.Page.PDFs {
			v := PDF{PDF: f, URL: p.URL + escapePath(f.File)}
			if fi, err := fs.Stat(b.fsys, p.Bundle+"/"+f.File); err == nil {
				v.Size = fi.Size() // content checked that it exists
			}
			p.PDFs = append(p.PDFs, v)
			h.WriteUint64(uint64(v.Size))
		}
		p.Fingerprint = h.Sum64()
	}
}
