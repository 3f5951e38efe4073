package render_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// identFS is a site with one numbered, corrected brief carrying every identifier and
// three PDFs, and one plain brief.
func identFS() fstest.MapFS {
	return fstest.MapFS{
		"site.yaml": {Data: []byte(`title: T
base_url: https://example.org/
types: [{key: policy-brief, title: Policy brief}]
objectives: [{key: p, number: 1, title: P}]
series: [{key: policy-briefs, title: Policy Briefs, pattern: "Policy Brief No. {n}"}]
`)},
		"content/publications/water/index.md": {Data: []byte(`---
title: Water
date: 2024-01-02
type: policy-brief
objectives: [p]
summary: S.
series: policy-briefs
number: 12
doi: 10.5555/pb#12
isbn: 978-92-1-101441-9
report_number: CIC/PB/2024/12
corrections:
  - {date: 2024-02-03, text: "An earlier version gave 21,000 <displaced> people."}
pdfs:
  - {file: full.pdf, full: true}
  - {file: summary.pdf, title: Summary}
  - {file: resume.pdf, title: Résumé, lang: fr}
---
Body.
`)},
		"content/publications/water/full.pdf":    {Data: make([]byte, 1_234_567)},
		"content/publications/water/summary.pdf": {Data: make([]byte, 120_400)},
		"content/publications/water/resume.pdf":  {Data: make([]byte, 98_000)},
		"content/publications/plain.md":          {Data: []byte("---\ntitle: Plain\ndate: 2023-01-02\ntype: policy-brief\nobjectives: [p]\nsummary: S.\n---\nBody.\n")},
	}
}

func TestIdentifiersShown(t *testing.T) {
	pages, err := renderAll(t, identFS())
	if err != nil {
		t.Fatal(err)
	}
	page := pages["publications/water/index.html"]
	for _, want := range []string{
		`<p class="kicker"><a href="/series/policy-briefs/">Policy Brief No. 12</a></p>`,
		`<p class="correction"><strong>Correction, <time datetime="2024-02-03">3 February 2024</time>:</strong> An earlier version gave 21,000 &lt;displaced&gt; people.</p>`,
		`updated <time datetime="2024-02-03">3 February 2024</time>`,
		"<dt>Series</dt>\n      <dd><a href=\"/series/policy-briefs/\">Policy Briefs</a>, no. 12</dd>",
		"<dt>Report number</dt>\n      <dd>CIC/PB/2024/12</dd>",
		"<dt>DOI</dt>\n      <dd><a href=\"https://doi.org/10.5555/pb%2312\">https://doi.org/10.5555/pb%2312</a></dd>",
		"<dt>ISBN</dt>\n      <dd>978-92-1-101441-9</dd>",
		`<a href="/publications/water/full.pdf" type="application/pdf">Download the designed PDF edition (PDF, 1.2 MB)</a>`,
		`<a href="/publications/water/summary.pdf" type="application/pdf">Summary (PDF, 120 kB)</a>`,
		`<a href="/publications/water/resume.pdf" type="application/pdf" hreflang="fr"><span lang="fr">Résumé</span> (PDF, 98 kB)</a>`,
		`<meta name="citation_pdf_url" content="https://example.org/publications/water/full.pdf">`,
		`<meta name="citation_doi" content="10.5555/pb#12">`,
		`<meta name="citation_isbn" content="978-92-1-101441-9">`,
		`<meta name="citation_technical_report_number" content="CIC/PB/2024/12">`,
		`<meta name="citation_series_title" content="Policy Briefs">`,
		`<meta property="article:modified_time" content="2024-02-03">`,
		`<meta name="DCTERMS.modified" content="2024-02-03">`,
	} {
		if !strings.Contains(betweenTags(page), betweenTags(want)) {
			t.Errorf("the publication page has no\n%s", want)
		}
	}
	if strings.Contains(page, "Download PDF") {
		t.Error("the page offers a generated PDF beside the designed full edition")
	}

	m := regexp.MustCompile(`<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no JSON-LD")
	}
	var ld struct {
		DateModified string `json:"dateModified"`
		IsPartOf     struct{ Name, URL string }
		Position     int
		Identifier   []struct{ PropertyID, Value string }
		Correction   []struct {
			Type          string `json:"@type"`
			Text          string
			DatePublished string
		}
		Encoding []struct{ ContentURL, Name, InLanguage string }
	}
	if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
		t.Fatalf("JSON-LD: %v\n%s", err, m[1])
	}
	if ld.DateModified != "2024-02-03" || ld.IsPartOf.Name != "Policy Briefs" || ld.IsPartOf.URL != "https://example.org/series/policy-briefs/" || ld.Position != 12 {
		t.Errorf("JSON-LD dateModified %q, isPartOf %+v, position %d", ld.DateModified, ld.IsPartOf, ld.Position)
	}
	if len(ld.Identifier) != 3 || ld.Identifier[0] != (struct{ PropertyID, Value string }{"DOI", "10.5555/pb#12"}) ||
		ld.Identifier[1].Value != "978-92-1-101441-9" || ld.Identifier[2].Value != "CIC/PB/2024/12" {
		t.Errorf("JSON-LD identifier = %+v", ld.Identifier)
	}
	if len(ld.Correction) != 1 || ld.Correction[0].Type != "CorrectionComment" || ld.Correction[0].DatePublished != "2024-02-03" ||
		ld.Correction[0].Text != "An earlier version gave 21,000 <displaced> people." {
		t.Errorf("JSON-LD correction = %+v", ld.Correction)
	}
	if len(ld.Encoding) != 3 || ld.Encoding[2].InLanguage != "fr" || ld.Encoding[2].ContentURL != "https://example.org/publications/water/resume.pdf" {
		t.Errorf("JSON-LD encoding = %+v", ld.Encoding)
	}

	print := pages["publications/water/print/index.html"]
	for _, want := range []string{
		`<p class="kind">Policy Brief No. 12</p>`,
		`<p class="correction"><strong>Correction, <time datetime="2024-02-03">3 February 2024</time>:</strong>`,
		"<dt>Series</dt>\n    <dd>Policy Briefs, no. 12</dd>",
		"<dt>DOI</dt>\n    <dd><a href=\"https://doi.org/10.5555/pb%2312\">",
		"<dt>ISBN</dt>\n    <dd>978-92-1-101441-9</dd>",
	} {
		if !strings.Contains(betweenTags(print), betweenTags(want)) {
			t.Errorf("the print edition has no\n%s", want)
		}
	}

	// The series page lists it, its card named by its number; a brief outside any
	// series keeps its type.
	series := pages["series/policy-briefs/index.html"]
	if !strings.Contains(series, `<p class="kicker"><a href="/series/policy-briefs/">Policy Brief No. 12</a> <span aria-hidden="true">·</span>`) ||
		strings.Contains(series, "Plain") {
		t.Errorf("series page:\n%s", series)
	}
	if !strings.Contains(pages["publications/index.html"], `<p class="kicker"><a href="/types/policy-brief/">Policy brief</a> <span aria-hidden="true">·</span> <time datetime="2023-01-02">`) {
		t.Error("the card of a brief outside a series does not show its type")
	}
	if _, ok := pages["series/index.html"]; !ok {
		t.Error("no series index")
	}
}

// betweenTags drops the spaces and newlines between tags, which change with the layouts'
// indentation (partials/identifiers.html serves the page and the print edition).
func betweenTags(s string) string { return spaceBetweenTags.ReplaceAllString(s, "><") }

var spaceBetweenTags = regexp.MustCompile(`>\s+<`)
