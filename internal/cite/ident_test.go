package cite

import (
	"slices"
	"strings"
	"testing"
)

// corrected is a numbered, corrected brief with every identifier.
var corrected = func() Work {
	w := oneAuthor
	w.Series, w.Number, w.SeriesLabel = "Policy Briefs", 12, "Policy Brief No. 12"
	w.DOI = "10.5555/pb-2022_12"
	w.ISBN = "978-92-1-101441-9"
	w.Corrections = []Correction{
		{Date: date(2022, 4, 2), Text: "A map's legend was wrong"},
		{Date: date(2022, 6, 1), Text: "An earlier version gave 21,000 displaced people in Bor; the figure is 12,000 & {rising}."},
	}
	return w
}()

func TestStylesNumbered(t *testing.T) {
	reported := oneAuthor
	reported.ReportNumber = "CIC/PB/2022/3"
	both := corrected
	both.ReportNumber = "CIC/PB/2022/12"
	tests := []struct {
		name         string
		w            Work
		chicago, apa string
	}{
		{"series and DOI", corrected,
			`Okafor, Amina. <i>Warning Without Response: Early-Warning Gaps in UNMISS</i>. Policy Brief No. 12. Civilians in Conflict Programme, March 15, 2022. https://doi.org/10.5555/pb-2022_12.`,
			`Okafor, A. (2022, March 15). <i>Warning Without Response: Early-Warning Gaps in UNMISS</i> (Policy Brief No. 12). Civilians in Conflict Programme. https://doi.org/10.5555/pb-2022_12`},
		{"report number", reported,
			`Okafor, Amina. <i>Warning Without Response: Early-Warning Gaps in UNMISS</i>. Policy brief, CIC/PB/2022/3. Civilians in Conflict Programme, March 15, 2022. https://publications.example.org/publications/south-sudan-early-warning-gaps/.`,
			`Okafor, A. (2022, March 15). <i>Warning Without Response: Early-Warning Gaps in UNMISS</i> (Policy brief No. CIC/PB/2022/3). Civilians in Conflict Programme. https://publications.example.org/publications/south-sudan-early-warning-gaps/`},
		{"both", both,
			`Okafor, Amina. <i>Warning Without Response: Early-Warning Gaps in UNMISS</i>. Policy Brief No. 12, CIC/PB/2022/12. Civilians in Conflict Programme, March 15, 2022. https://doi.org/10.5555/pb-2022_12.`,
			`Okafor, A. (2022, March 15). <i>Warning Without Response: Early-Warning Gaps in UNMISS</i> (Policy Brief No. 12, CIC/PB/2022/12). Civilians in Conflict Programme. https://doi.org/10.5555/pb-2022_12`},
	}
	for _, tt := range tests {
		if got := Chicago(tt.w); got != tt.chicago {
			t.Errorf("%s: Chicago() =\n%s\nwant\n%s", tt.name, got, tt.chicago)
		}
		if got := APA(tt.w); got != tt.apa {
			t.Errorf("%s: APA() =\n%s\nwant\n%s", tt.name, got, tt.apa)
		}
		checkHTML(t, "Chicago", Chicago(tt.w))
		checkHTML(t, "APA", APA(tt.w))
	}
}

// TestBibTeXIdentifiers reads the series, number, identifiers and corrections back
// with the test's BibTeX parser.
func TestBibTeXIdentifiers(t *testing.T) {
	reported := corrected
	reported.ReportNumber = "CIC/PB/2022/12 & 13"
	works := []Work{corrected, reported, oneAuthor}
	entries, err := parseBib(string(BibTeX(works...)))
	if err != nil || len(entries) != len(works) {
		t.Fatalf("parseBib: %d entries, %v\n%s", len(entries), err, BibTeX(works...))
	}
	field := func(e bibEntry, name string) string {
		t.Helper()
		s, err := decodeTeX(e.fields[name].text)
		if err != nil {
			t.Errorf("%s = {%s}: %v", name, e.fields[name].text, err)
		}
		return s
	}
	wantNote := "Corrected April 2, 2022: A map's legend was wrong. Corrected June 1, 2022: An earlier version gave 21,000 displaced people in Bor; the figure is 12,000 & {rising}."
	for i, want := range []map[string]string{
		{"series": "Policy Briefs", "number": "12", "isbn": "978-92-1-101441-9", "note": wantNote},
		{"series": "Policy Briefs", "number": "CIC/PB/2022/12 & 13", "isbn": "978-92-1-101441-9", "note": wantNote},
		{"series": "", "number": "", "isbn": "", "note": ""},
	} {
		for name, v := range want {
			if got := field(entries[i], name); got != v {
				t.Errorf("entry %d: %s = %q; want %q", i, name, got, v)
			}
		}
	}
	// The DOI is verbatim, as biblatex reads it (like url): not TeX-escaped.
	for i, want := range []string{corrected.DOI, corrected.DOI, ""} {
		if got := entries[i].fields["doi"].text; got != want {
			t.Errorf("entry %d: doi = {%s}; want it verbatim, {%s}", i, got, want)
		}
	}
}

// TestRISIdentifiers reads the series, number, identifiers and corrections back with the
// test's strict RIS parser.
func TestRISIdentifiers(t *testing.T) {
	noISBN := corrected
	noISBN.ISBN = ""
	reported := noISBN
	reported.ReportNumber = "CIC/PB/2022/12"
	works := []Work{corrected, noISBN, reported, oneAuthor}
	records, err := parseRIS(string(RIS(works...)))
	if err != nil || len(records) != len(works) {
		t.Fatalf("parseRIS: %d records, %v", len(records), err)
	}
	notes := []string{"Corrected April 2, 2022: A map's legend was wrong",
		"Corrected June 1, 2022: An earlier version gave 21,000 displaced people in Bor; the figure is 12,000 & {rising}."}
	for i, want := range []map[string][]string{
		{"T3": {"Policy Briefs"}, "SN": {"978-92-1-101441-9"}, "DO": {"10.5555/pb-2022_12"}, "N1": notes},
		{"T3": {"Policy Briefs"}, "SN": {"12"}, "DO": {"10.5555/pb-2022_12"}, "N1": notes},
		{"T3": {"Policy Briefs"}, "SN": {"CIC/PB/2022/12"}, "DO": {"10.5555/pb-2022_12"}, "N1": notes},
		{"T3": nil, "SN": nil, "DO": nil, "N1": nil},
	} {
		for tag, v := range want {
			if got := records[i][tag]; !slices.Equal(got, v) {
				t.Errorf("record %d: %s = %q; want %q", i, tag, got, v)
			}
		}
	}
}

func TestLink(t *testing.T) {
	if got := corrected.Link(); got != "https://doi.org/10.5555/pb-2022_12" {
		t.Errorf("Link() = %q; want the DOI's address", got)
	}
	if got := oneAuthor.Link(); !strings.HasPrefix(got, "https://publications.example.org/") {
		t.Errorf("Link() without a DOI = %q; want the URL", got)
	}
	// "#" and "?" are part of a DOI, not a fragment or a query of its address.
	if got := DOIURL("10.1000/a#b?c d%"); got != "https://doi.org/10.1000/a%23b%3Fc%20d%25" {
		t.Errorf("DOIURL = %q", got)
	}
}
