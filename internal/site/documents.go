package site

import (
	"slices"

	"folio/internal/markdown"
)

// A Document is a UN document that publications cite by its symbol (package
// markdown, Document), for the /documents/ index.
type Document struct {
	// Symbol is as the publications write it, with a resolution's year when any of
	// them gives it: "S/RES/2719 (2023)".
	Symbol string
	Key    string // the symbol without the year: one document however it is written
	URL    string // at undocs.org
	// Publications cite it, newest first.
	Publications []*Publication
}

// documents gathers the UN documents pubs cite, in the order of
// markdown.CompareSymbols. Like the recommendations, they come from the publications
// of the site only: drafts and publications held back until their release are not in
// it (a preview with drafts or --future shows theirs, marked as such on their pages).
func documents(pubs []*Publication) []*Document {
	var out []*Document
	byKey := map[string]*Document{}
	for _, p := range pubs {
		for _, d := range p.Doc.Documents {
			doc := byKey[d.Key]
			if doc == nil {
				doc = &Document{Symbol: d.Symbol, Key: d.Key, URL: d.URL}
				byKey[d.Key] = doc
				out = append(out, doc)
			} else if len(d.Symbol) > len(doc.Symbol) {
				doc.Symbol, doc.URL = d.Symbol, d.URL // the same with its year
			}
			doc.Publications = append(doc.Publications, p)
		}
	}
	slices.SortFunc(out, func(x, y *Document) int { return markdown.CompareSymbols(x.Key, y.Key) })
	return out
}
