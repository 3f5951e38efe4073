package content

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"folio/internal/config"
)

func seriesConfig(t *testing.T) *config.Config {
	t.Helper()
	c, err := config.Parse("site.yaml", []byte(siteYAML+"series: [{key: policy-briefs, title: Policy Briefs, pattern: \"Policy Brief No. {n}\"}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// with adds front matter lines to the good publication.
func with(lines string) string { return strings.Replace(good, "---\nBody", lines+"---\nBody", 1) }

func TestIdentifiers(t *testing.T) {
	src := with(`series: policy-briefs
number: 12
doi: https://doi.org/10.5555/PB-2024/12%28a%29
isbn: 978-92-1-101441-9
report_number: "  CIC/PB/2024/12 "
corrections:
  - {date: 2024-06-01, text: "An earlier version gave 21,000\n  displaced people in Bor; the figure is 12,000."}
  - {date: 2024-04-02, text: A map's legend was wrong.}
`)
	fsys := fstest.MapFS{"content/publications/p.md": {Data: []byte(src)}}
	pages, errs := Load(fsys, seriesConfig(t), Options{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	p := pages[0]
	if p.Series != "policy-briefs" || p.Number != 12 || p.DOI != "10.5555/PB-2024/12(a)" || p.ISBN != "978-92-1-101441-9" || p.ReportNumber != "CIC/PB/2024/12" {
		t.Errorf("series %q number %d doi %q isbn %q report %q", p.Series, p.Number, p.DOI, p.ISBN, p.ReportNumber)
	}
	if len(p.Corrections) != 2 || !p.Corrections[0].Date.Equal(time.Date(2024, 4, 2, 0, 0, 0, 0, time.UTC)) ||
		p.Corrections[1].Text != "An earlier version gave 21,000 displaced people in Bor; the figure is 12,000." {
		t.Errorf("corrections = %+v; want oldest first, spaces folded", p.Corrections)
	}
	if !p.Updated.Equal(time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Updated = %v; want the last correction's date", p.Updated)
	}
}

func TestPDFs(t *testing.T) {
	pub := strings.Replace(good, "---\nBody", `pdf: full.pdf
pdfs:
  - {file: summary.pdf, title: Summary}
  - {file: fr/resume.pdf, title: Résumé, lang: fr}
---
Body`, 1)
	listed := strings.Replace(good, "---\nBody", `pdfs:
  - {file: summary.pdf, title: Summary}
  - {file: full.pdf, full: true}
---
Body`, 1)
	fsys := fstest.MapFS{
		"content/publications/a/index.md":      {Data: []byte(pub)},
		"content/publications/a/full.pdf":      {Data: []byte("%PDF")},
		"content/publications/a/summary.pdf":   {Data: []byte("%PDF")},
		"content/publications/a/fr/resume.pdf": {Data: []byte("%PDF")},
		"content/publications/b/index.md":      {Data: []byte(listed)},
		"content/publications/b/full.pdf":      {Data: []byte("%PDF")},
		"content/publications/b/summary.pdf":   {Data: []byte("%PDF")},
	}
	pages, errs := Load(fsys, testConfig(t), Options{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	want := []PDF{{"full.pdf", FullPDFTitle, "en", true}, {"summary.pdf", "Summary", "en", false}, {"fr/resume.pdf", "Résumé", "fr", false}}
	if a := pages[0]; a.PDF != "full.pdf" || !slices.Equal(a.PDFs, want) {
		t.Errorf("pdf and pdfs: PDF %q PDFs %+v; want %+v", a.PDF, a.PDFs, want)
	}
	want = []PDF{{"full.pdf", FullPDFTitle, "en", true}, {"summary.pdf", "Summary", "en", false}}
	if b := pages[1]; b.PDF != "full.pdf" || !slices.Equal(b.PDFs, want) {
		t.Errorf("pdfs with full: PDF %q PDFs %+v; want %+v (the full edition first)", b.PDF, b.PDFs, want)
	}
}

func TestIdentifierErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"unknown series", with("series: policy-brief\nnumber: 3\n"),
			[]string{`p.md:8:9: unknown series "policy-brief" (did you mean "policy-briefs"?); site.yaml defines: policy-briefs`}},
		{"series without number", with("series: policy-briefs\n"),
			[]string{`p.md:8:9: series policy-briefs needs the publication's number in it: write number: 12`}},
		{"number without series", with("number: 3\n"),
			[]string{`p.md:8:9: number is a publication's number in a series: also write series, such as series: policy-briefs`}},
		{"number zero", with("series: policy-briefs\nnumber: 0\n"),
			[]string{`p.md:9:9: number must be 1 or more, not 0`}},
		{"number words", with("series: policy-briefs\nnumber: twelve\n"),
			[]string{`p.md:9:9: expected a whole number, not "twelve"`}},
		{"doi", with("doi: 10.55/x y\n"),
			[]string{`p.md:8:6: doi "10.55/x y" is not a DOI: a DOI starts with 10., the publisher's number, a slash and the publication's own part`}},
		{"doi url", with("doi: https://example.org/10.5555/x\n"),
			[]string{`p.md:8:6: doi "https://example.org/10.5555/x" is not a DOI`}},
		{"isbn check digit", with("isbn: 978-92-1-101441-1\n"),
			[]string{`p.md:8:7: isbn "978-92-1-101441-1": the check digit (the last) should be 9, not 1: a digit was mistyped`}},
		{"isbn length", with("isbn: 978-92-1-10144\n"),
			[]string{`p.md:8:7: isbn "978-92-1-10144": an ISBN has 13 digits (or 10 for one from before 2007), not 11`}},
		{"isbn letters", with("isbn: 978-92-1-1O1441-0\n"),
			[]string{`p.md:8:7: isbn "978-92-1-1O1441-0": an ISBN has only digits and hyphens, not 'O'`}},
		{"empty report number", with("report_number: \" \"\n"),
			[]string{`p.md:8:16: report_number must not be empty`}},
		{"correction without text", with("corrections: [{date: 2024-04-01}]\n"),
			[]string{`p.md:8:15: a correction needs a date and a text`}},
		{"correction before date", with("corrections: [{date: 2024-03-01, text: x}]\n"),
			[]string{`p.md:8:22: the correction's date (2024-03-01) is before the publication's date (2024-03-18)`}},
		{"correction bad date", with("corrections: [{date: 1 May 2024, text: x}]\n"),
			[]string{`p.md:8:22: the date of a correction must be written YYYY-MM-DD, such as 2024-03-18, not "1 May 2024"`}},
		{"correction not a list", with("corrections: Fixed a typo.\n"),
			[]string{`p.md:8:14: corrections must be a list, not "Fixed a typo."`}},
		{"correction typo", with("corrections: [{date: 2024-04-01, txt: x}]\n"), []string{
			`p.md:8:15: a correction needs a date and a text`,
			`p.md:8:34: unknown correction field "txt" (did you mean "text"?)`}},
		{"pdfs outside bundle", with("pdfs: [{file: s.pdf, title: Summary}]\n"),
			[]string{`p.md:8:15: file: only a bundle can carry files`}},
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{"content/publications/p.md": {Data: []byte(tt.src)}}
		_, errs := Load(fsys, seriesConfig(t), Options{})
		got := strings.Split(strings.ReplaceAll(errs.Error(), "content/publications/", ""), "\n")
		if len(got) != len(tt.want) {
			t.Errorf("%s: got errors\n%s\nwant %d", tt.name, errs.Error(), len(tt.want))
			continue
		}
		for i := range got {
			if !strings.HasPrefix(got[i], tt.want[i]) {
				t.Errorf("%s: error %d = %q; want prefix %q", tt.name, i, got[i], tt.want[i])
			}
		}
	}
}

func TestPDFErrors(t *testing.T) {
	tests := []struct{ name, front, want string }{
		{"no title", "pdfs: [{file: s.pdf}]\n", `index.md:8:8: the PDF "s.pdf" needs a title, which its link shows`},
		{"no file", "pdfs: [{title: Summary}]\n", `index.md:8:8: each entry of pdfs needs a file`},
		{"missing file", "pdfs: [{file: t.pdf, title: T}]\n", `index.md:8:15: file "t.pdf": no such file in `},
		{"twice", "pdf: s.pdf\npdfs: [{file: s.pdf, title: S}]\n", `index.md:9:15: "s.pdf" is listed twice (under pdf or pdfs): list each file once`},
		{"two full", "pdfs: [{file: s.pdf, full: true}, {file: f.pdf, full: yes}]\n", `index.md:8:55: only one PDF can be the full edition: line 8 marks another`},
		{"pdf and full", "pdf: s.pdf\npdfs: [{file: f.pdf, full: true}]\n", `index.md:9:28: pdf already names the full edition (s.pdf): remove pdf, or take full: true off this entry`},
		{"not a pdf", "pdfs: [{file: c.png, title: Map}]\n", `index.md:8:15: file "c.png" must be a .pdf file`},
		{"bad lang", "pdfs: [{file: s.pdf, title: S, lang: French}]\n", `index.md:8:38: lang must be a language tag such as "en" or "fr", not "French"`},
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{
			"content/publications/a/index.md": {Data: []byte(with(tt.front))},
			"content/publications/a/s.pdf":    {Data: []byte("%PDF")},
			"content/publications/a/f.pdf":    {Data: []byte("%PDF")},
			"content/publications/a/c.png":    {Data: []byte("png")},
		}
		_, errs := Load(fsys, testConfig(t), Options{})
		got := strings.ReplaceAll(errs.Error(), "content/publications/a/", "")
		if strings.Count(got, "\n") != 0 || !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s: errors\n%s\nwant one, starting %q", tt.name, got, tt.want)
		}
	}
}

func TestCheckISBN(t *testing.T) {
	for _, ok := range []string{"978-92-1-101441-9", "9780306406157", "978 0 306 40615 7", "ISBN 978-0-306-40615-7", "ISBN-13: 978-0-306-40615-7", "0-306-40615-2", "0-8044-2957-X", "ISBN-10: 0-306-40615-2"} {
		if err := CheckISBN(ok); err != nil {
			t.Errorf("CheckISBN(%q) = %v; want nil", ok, err)
		}
	}
	for _, bad := range []string{"978-0-306-40615-8", "0-306-40615-3", "123-0-306-40615-7", "", "97803064061571", "X-306-40615-2"} {
		if err := CheckISBN(bad); err == nil {
			t.Errorf("CheckISBN(%q) = nil; want an error", bad)
		}
	}
}

func TestSeriesNumberTakenTwice(t *testing.T) {
	brief := func(number, key string) []byte {
		return []byte(with("series: policy-briefs\nnumber: " + number + "\n" + key))
	}
	fsys := fstest.MapFS{
		"content/publications/a.md":    {Data: brief("4", "")},
		"content/publications/b.md":    {Data: brief("4", "")},
		"content/publications/c.md":    {Data: brief("5", "translation_key: c\n")},
		"content/publications/c-fr.md": {Data: brief("5", "translation_key: c\nlang: fr\n")},
	}
	_, errs := Load(fsys, seriesConfig(t), Options{})
	want := "content/publications/a.md:9:9: number 4 of series policy-briefs is taken twice: content/publications/b.md has it too; give one the next free number\n" +
		"content/publications/b.md:9:9: number 4 of series policy-briefs is taken twice: content/publications/a.md has it too; give one the next free number"
	if errs.Error() != want {
		t.Errorf("errors:\n%s\nwant (the translations of c sharing 5 are fine)\n%s", errs.Error(), want)
	}
}

// A plain page may not take the series index's URL.
func TestSeriesSlugReserved(t *testing.T) {
	fsys := fstest.MapFS{
		"content/publications/p.md": {Data: []byte(good)},
		"content/pages/series.md":   {Data: []byte("---\ntitle: Series\n---\n")},
	}
	_, errs := Load(fsys, testConfig(t), Options{})
	if !strings.Contains(errs.Error(), `content/pages/series.md:1:1: slug "series" is reserved`) {
		t.Errorf("errors = %v; want series reserved", errs)
	}
}
