package cite

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestRISGolden(t *testing.T) {
	w := oneAuthor
	w.Authors = []string{"Amina Okafor", "Jean-Luc de la Croix"}
	w.PDFURL = "https://publications.example.org/publications/south-sudan-early-warning-gaps/brief.pdf"
	w.Language = "en"
	w.Summary = "UNMISS collects\nmore information."
	w.Keywords = []string{"early warning"}
	got := string(RIS(w))
	want := strings.Join([]string{
		"TY  - RPRT",
		"AU  - Okafor, Amina",
		"AU  - de la Croix, Jean-Luc",
		"TI  - Warning Without Response: Early-Warning Gaps in UNMISS",
		"PY  - 2022",
		"DA  - 2022/03/15",
		"PB  - Civilians in Conflict Programme",
		"M3  - Policy brief",
		"UR  - https://publications.example.org/publications/south-sudan-early-warning-gaps/",
		"L1  - https://publications.example.org/publications/south-sudan-early-warning-gaps/brief.pdf",
		"AB  - UNMISS collects more information.",
		"KW  - early warning",
		"LA  - en",
		"ER  - ",
		"",
	}, "\r\n")
	if got != want {
		t.Errorf("RIS() =\n%q\nwant\n%q", got, want)
	}
}

// TestRISRoundTrip parses what RIS writes and compares every tag with the work.
func TestRISRoundTrip(t *testing.T) {
	star := hostile
	star.Authors = []string{"Ann *Star* Doe", "Line\nBreak Name"}
	star.Keywords = []string{"*", "a*b", "multi\r\nline"}
	works := []Work{oneAuthor, twoAuthors, noAuthor, hostile, star, {Title: "Minimal"}}
	out := RIS(works...)
	records, err := parseRIS(string(out))
	if err != nil {
		t.Fatalf("parseRIS: %v\n%q", err, out)
	}
	if len(records) != len(works) {
		t.Fatalf("parsed %d records; want %d", len(records), len(works))
	}
	for i, r := range records {
		w := works[i]
		one := func(tag string) string {
			t.Helper()
			if len(r[tag]) > 1 {
				t.Errorf("record %d: %d %s tags; want at most 1", i, len(r[tag]), tag)
			}
			if len(r[tag]) == 0 {
				return ""
			}
			return r[tag][0]
		}
		check := func(tag, got, want string) {
			t.Helper()
			if got != want {
				t.Errorf("record %d: %s = %q; want %q", i, tag, got, want)
			}
		}
		wantTY := "RPRT"
		if w.Commentary {
			wantTY = "ELEC"
			check("T2", one("T2"), oneLine(w.Organisation))
		}
		check("TY", one("TY"), wantTY)
		check("TI", one("TI"), oneLine(w.Title))
		check("PB", one("PB"), oneLine(w.Organisation))
		check("M3", one("M3"), oneLine(w.TypeTitle))
		check("UR", one("UR"), strings.ReplaceAll(w.URL, " ", "%20"))
		check("L1", one("L1"), strings.ReplaceAll(w.PDFURL, " ", "%20"))
		check("AB", one("AB"), oneLine(w.Summary))
		check("LA", one("LA"), w.Language)
		if w.Date.IsZero() {
			check("PY", one("PY"), "")
			check("DA", one("DA"), "")
		} else {
			check("PY", one("PY"), w.Date.Format("2006"))
			check("DA", one("DA"), w.Date.Format("2006/01/02"))
		}

		var wantAU []string
		for _, n := range w.names() {
			wantAU = append(wantAU, strings.ReplaceAll(n.Family, "*", "")+"|"+strings.ReplaceAll(n.Given, "*", ""))
		}
		if len(wantAU) == 0 && w.Organisation != "" {
			wantAU = []string{oneLine(w.Organisation) + "|"}
		}
		var gotAU []string
		for _, a := range r["AU"] {
			family, given, _ := strings.Cut(a, ", ")
			gotAU = append(gotAU, family+"|"+given)
			if strings.Contains(a, "*") {
				t.Errorf("record %d: AU %q contains *", i, a)
			}
		}
		if !slices.Equal(gotAU, wantAU) {
			t.Errorf("record %d: AU %q; want %q", i, gotAU, wantAU)
		}

		var wantKW []string
		for _, k := range w.Keywords {
			if k = oneLine(strings.ReplaceAll(k, "*", "")); k != "" {
				wantKW = append(wantKW, k)
			}
		}
		if !slices.Equal(r["KW"], wantKW) {
			t.Errorf("record %d: KW %q; want %q", i, r["KW"], wantKW)
		}
	}
}

var risLine = regexp.MustCompile(`^([A-Z][A-Z0-9])  - (.*)$`)

// parseRIS is a strict RIS reader: lines end in CR LF (a lone CR or LF is an error),
// every line is a tag line "XX  - value", a record starts with TY and ends with ER,
// and nothing lies between records. It returns each record's values by tag, in order.
func parseRIS(src string) ([]map[string][]string, error) {
	if !strings.HasSuffix(src, "\r\n") && src != "" {
		return nil, fmt.Errorf("missing final CR LF")
	}
	lines := strings.Split(strings.TrimSuffix(src, "\r\n"), "\r\n")
	var out []map[string][]string
	var cur map[string][]string
	for n, line := range lines {
		if strings.ContainsAny(line, "\r\n") {
			return nil, fmt.Errorf("line %d: lone CR or LF in %q", n+1, line)
		}
		m := risLine.FindStringSubmatch(line)
		if m == nil {
			return nil, fmt.Errorf("line %d: not a tag line: %q", n+1, line)
		}
		tag, value := m[1], m[2]
		switch {
		case tag == "TY":
			if cur != nil {
				return nil, fmt.Errorf("line %d: TY inside a record", n+1)
			}
			cur = map[string][]string{}
		case cur == nil:
			return nil, fmt.Errorf("line %d: %s outside a record", n+1, tag)
		case tag == "ER":
			if value != "" {
				return nil, fmt.Errorf("line %d: ER with a value", n+1)
			}
			out = append(out, cur)
			cur = nil
			continue
		}
		if value == "" {
			return nil, fmt.Errorf("line %d: empty %s", n+1, tag)
		}
		if value != strings.TrimSpace(value) {
			return nil, fmt.Errorf("line %d: %s value %q has surrounding space", n+1, tag, value)
		}
		cur[tag] = append(cur[tag], value)
	}
	if cur != nil {
		return nil, fmt.Errorf("record without ER")
	}
	return out, nil
}
