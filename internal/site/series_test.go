package site

import (
	"strings"
	"testing"
)

func TestSeries(t *testing.T) {
	yaml := siteYAML + "series: [{key: policy-briefs, title: Policy Briefs, pattern: \"Policy Brief No. {n}\"}, {key: papers, title: Papers}]\n"
	s, errs := loadWith(t, yaml, map[string]string{
		"content/publications/three.md": pub("Three", "2024-01-02", "series: policy-briefs\nnumber: 3\n"),
		"content/publications/ten.md":   pub("Ten", "2023-01-02", "series: policy-briefs\nnumber: 10\n"),
		"content/publications/four.md":  pub("Four", "2025-01-02", "series: policy-briefs\nnumber: 4\n"),
		"content/publications/none.md":  pub("None", "2025-01-02", ""),
	}, Options{})
	if errs != "" {
		t.Fatal(errs)
	}
	var keys []string
	for _, tx := range s.Taxonomies {
		keys = append(keys, tx.Key)
	}
	if strings.Join(keys, " ") != "objectives types series countries missions authors years" {
		t.Errorf("taxonomies = %v; want series after types", keys)
	}
	tx := s.Taxonomy("series")
	if tx.URL != "/sub/series/" || len(tx.Terms) != 2 || tx.Terms[0].URL != "/sub/series/policy-briefs/" || tx.Terms[1].Title != "Papers" {
		t.Fatalf("series taxonomy = %+v", tx)
	}
	var got []string
	for _, p := range tx.Terms[0].Publications {
		got = append(got, p.SeriesLabel)
	}
	if want := "Policy Brief No. 10|Policy Brief No. 4|Policy Brief No. 3"; strings.Join(got, "|") != want {
		t.Errorf("series page lists %q; want by number, highest first: %q", got, want)
	}
	for _, p := range s.Publications {
		if (p.Series == nil) != (p.Slug == "none") {
			t.Errorf("%s: Series = %v", p.Slug, p.Series)
		}
	}
	// The series page is claimed like any term page: an alias cannot take it.
	_, errs = loadWith(t, yaml, map[string]string{
		"content/publications/a.md": pub("A", "2024-01-02", "series: policy-briefs\nnumber: 1\naliases: [/series/policy-briefs/]\n"),
	}, Options{})
	if !strings.Contains(errs, "the alias /series/policy-briefs/ in content/publications/a.md would be written to /series/policy-briefs/, which the Series page \"Policy Briefs\" already uses") {
		t.Errorf("alias over a series page: errors %q", errs)
	}
}

// A site without series has no series pages.
func TestNoSeries(t *testing.T) {
	s, errs := load(t, map[string]string{"content/publications/a.md": pub("A", "2024-01-02", "")})
	if errs != "" {
		t.Fatal(errs)
	}
	if s.Taxonomy("series") != nil {
		t.Error("a site.yaml without series got a series taxonomy")
	}
}

func TestPDFs(t *testing.T) {
	s, errs := load(t, map[string]string{
		"content/publications/a/index.md":      pub("A", "2024-01-02", "pdfs: [{file: full.pdf, full: true}, {file: fr/résumé.pdf, title: Résumé, lang: fr}]\n"),
		"content/publications/a/full.pdf":      strings.Repeat("x", 1234),
		"content/publications/a/fr/résumé.pdf": "%PDF",
	})
	if errs != "" {
		t.Fatal(errs)
	}
	p := s.Publications[0]
	if len(p.PDFs) != 2 || p.PDFURL != "/sub/publications/a/full.pdf" || p.PDFSize != 1234 {
		t.Fatalf("PDFs %+v, PDFURL %q, PDFSize %d", p.PDFs, p.PDFURL, p.PDFSize)
	}
	if f := p.PDFs[0]; f.URL != p.PDFURL || f.Size != 1234 || !f.Full {
		t.Errorf("full edition = %+v", f)
	}
	if f := p.PDFs[1]; f.URL != "/sub/publications/a/fr/r%C3%A9sum%C3%A9.pdf" || f.Size != 4 || f.Lang != "fr" || f.Title != "Résumé" {
		t.Errorf("translation = %+v", f)
	}
}

// A PDF replaced under the same name by a bigger one changes the size its link gives,
// so it changes the publication's Fingerprint, which keys its pages.
func TestPDFSizeInFingerprint(t *testing.T) {
	files := map[string]string{
		"content/publications/a/index.md":    pub("A", "2024-01-02", "pdfs: [{file: summary.pdf, title: Summary}]\n"),
		"content/publications/a/summary.pdf": "%PDF-1",
	}
	s, errs := load(t, files)
	if errs != "" {
		t.Fatal(errs)
	}
	before := s.Publications[0].Fingerprint
	files["content/publications/a/summary.pdf"] = "%PDF-1.4 and more"
	if s, _ = load(t, files); s.Publications[0].Fingerprint == before {
		t.Error("a PDF of another size left the Fingerprint as it was")
	}
}
