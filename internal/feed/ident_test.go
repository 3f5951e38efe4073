package feed

import (
	"encoding/json"
	"encoding/xml"
	"testing"
	"testing/fstest"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/markdown"
	"folio/internal/site"
)

// A corrected publication's entry is updated on the day of its last correction, and
// every PDF it carries is an enclosure with its title, language and size.
func TestAtomCorrectionsAndPDFs(t *testing.T) {
	cfg, err := config.Parse("site.yaml", []byte("title: T\nbase_url: https://example.org/\ntypes: [{key: report}]\nobjectives: [{key: p, number: 1, title: P}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"content/publications/a/index.md": {Data: []byte(`---
title: A
date: 2024-01-02
updated: 2024-02-01
type: report
objectives: [1]
summary: S.
corrections: [{date: 2024-03-05, text: A figure was wrong.}]
pdf: full.pdf
pdfs: [{file: resume.pdf, title: Résumé, lang: fr}]
---
`)},
		"content/publications/a/full.pdf":   {Data: make([]byte, 1200)},
		"content/publications/a/resume.pdf": {Data: make([]byte, 300)},
		"content/publications/b.md":         {Data: []byte("---\ntitle: B\ndate: 2023-01-01\ntype: report\nobjectives: [1]\nsummary: S.\n---\n")},
	}
	pages, errs := content.Load(fsys, cfg, content.Options{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	s, errs := site.New(cfg, fsys, pages, site.Options{Markdown: markdown.New(markdown.Options{})})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	b := s.Publications[1]
	data, err := Atom(s, "en", "T", "/feed.xml", "/", s.Publications, map[*site.Publication]string{b: "/publications/b/b.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	type link struct {
		Rel      string `xml:"rel,attr"`
		Href     string `xml:"href,attr"`
		Hreflang string `xml:"hreflang,attr"`
		Title    string `xml:"title,attr"`
		Length   int64  `xml:"length,attr"`
	}
	var feed struct {
		Updated string `xml:"updated"`
		Entries []struct {
			Updated string `xml:"updated"`
			Links   []link `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(data, &feed); err != nil {
		t.Fatal(err)
	}
	if feed.Updated != "2024-03-05T00:00:00Z" || feed.Entries[0].Updated != "2024-03-05T00:00:00Z" {
		t.Errorf("feed updated %s, entry updated %s; want the correction's date, 2024-03-05", feed.Updated, feed.Entries[0].Updated)
	}
	want := []link{
		{Rel: "alternate", Href: "https://example.org/publications/a/"},
		{Rel: "enclosure", Href: "https://example.org/publications/a/full.pdf", Hreflang: "en", Title: "Full report", Length: 1200},
		{Rel: "enclosure", Href: "https://example.org/publications/a/resume.pdf", Hreflang: "fr", Title: "Résumé", Length: 300},
	}
	if got := feed.Entries[0].Links; len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("links = %+v\nwant %+v", got, want)
	}
	if got := feed.Entries[1].Links; len(got) != 2 || got[1].Href != "https://example.org/publications/b/b.pdf" {
		t.Errorf("a generated PDF: links = %+v; want it as the enclosure", got)
	}

	data, err = JSONFeed(s, s.Editions[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	var jf struct {
		Items []struct {
			DateModified string `json:"date_modified"`
			Attachments  []struct {
				URL   string `json:"url"`
				Title string `json:"title"`
				Size  int64  `json:"size_in_bytes"`
			} `json:"attachments"`
		} `json:"items"`
	}
	if err := json.Unmarshal(data, &jf); err != nil {
		t.Fatal(err)
	}
	it := jf.Items[0]
	if it.DateModified != "2024-03-05T00:00:00Z" || len(it.Attachments) != 2 || it.Attachments[1].Title != "Résumé" || it.Attachments[1].Size != 300 {
		t.Errorf("JSON feed item = %+v", it)
	}
}
