package build

import (
	"encoding/json"
	"fmt"
	"time"

	"folio/internal/site"
)

// writeDocuments writes documents.json: every UN document the publications cite, in
// the order of the /documents/ page, each with its link at undocs.org and the
// publications that cite it, newest first. Like recommendations.json, it is for
// partners' tools and spreadsheets.
func writeDocuments(out output, s *site.Site) error {
	data, err := documentsJSON(s)
	if err != nil {
		return fmt.Errorf("documents.json: %w", err)
	}
	return out.write("documents.json", data)
}

type docJSON struct {
	Symbol       string        `json:"symbol"`
	URL          string        `json:"url"`
	Publications []docCitation `json:"publications"`
}

type docCitation struct {
	Title string `json:"title"`
	URL   string `json:"url"`
	Date  string `json:"date"`
}

func documentsJSON(s *site.Site) ([]byte, error) {
	v := struct {
		Version   string    `json:"version"`
		Documents []docJSON `json:"documents"`
	}{Version: "1", Documents: make([]docJSON, len(s.Documents))}
	for i, d := range s.Documents {
		v.Documents[i] = docJSON{Symbol: d.Symbol, URL: d.URL, Publications: make([]docCitation, len(d.Publications))}
		for j, p := range d.Publications {
			v.Documents[i].Publications[j] = docCitation{Title: p.Title, URL: s.Permalink(p.URL), Date: p.Date.Format(time.DateOnly)}
		}
	}
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}
