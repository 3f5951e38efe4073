package markdown

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

var undocLink = regexp.MustCompile(`<a href="([^"]*)" class="undoc bare">([^<]*)</a>`)

// undocLinks renders src with symbols linked and returns each link as "text → href".
func undocLinks(t *testing.T, src string) []string {
	t.Helper()
	doc, errs := New(Options{UNDocuments: true}).Render("a.md", []byte(src), nil)
	if errs.HasErrors() {
		t.Fatalf("Render(%q): %v", src, errs)
	}
	var out []string
	for _, m := range undocLink.FindAllStringSubmatch(doc.HTML, -1) {
		out = append(out, m[2]+" → "+m[1])
	}
	if n := strings.Count(doc.HTML, `class="undoc`); n != len(out) {
		t.Errorf("Render(%q): %d undoc links, %d well-formed:\n%s", src, n, len(out), doc.HTML)
	}
	return out
}

func TestDocumentSymbols(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want []string
	}{
		{"See S/RES/2719 (2023) on aid.", []string{"S/RES/2719 (2023) → https://undocs.org/S/RES/2719%20%282023%29"}},
		{"Resolution S/RES/2417(2018), adopted.", []string{"S/RES/2417(2018) → https://undocs.org/S/RES/2417%282018%29"}},
		{"The report S/2024/123 says", []string{"S/2024/123 → https://undocs.org/S/2024/123"}},
		{"as in A/RES/78/265.", []string{"A/RES/78/265 → https://undocs.org/A/RES/78/265"}},
		{"(A/78/744)", []string{"A/78/744 → https://undocs.org/A/78/744"}},
		{"S/PRST/2024/2; A/HRC/RES/52/1", []string{"S/PRST/2024/2 → https://undocs.org/S/PRST/2024/2", "A/HRC/RES/52/1 → https://undocs.org/A/HRC/RES/52/1"}},
		{"draft A/C.4/78/L.5, and", []string{"A/C.4/78/L.5 → https://undocs.org/A/C.4/78/L.5"}},
		{"S/2024/123/Add.1 and A/ES-10/L.22", []string{"S/2024/123/Add.1 → https://undocs.org/S/2024/123/Add.1", "A/ES-10/L.22 → https://undocs.org/A/ES-10/L.22"}},
		{"meeting S/PV.9999: statements", []string{"S/PV.9999 → https://undocs.org/S/PV.9999"}},
		{"ST/SGB/2019/8 and CEDAW/C/GC/30", []string{"ST/SGB/2019/8 → https://undocs.org/ST/SGB/2019/8", "CEDAW/C/GC/30 → https://undocs.org/CEDAW/C/GC/30"}},
		{"*S/2024/1* and **A/78/2**", []string{"S/2024/1 → https://undocs.org/S/2024/1", "A/78/2 → https://undocs.org/A/78/2"}},
		{"- S/2024/1\n\n| a |\n|---|\n| A/78/2 |\n", []string{"S/2024/1 → https://undocs.org/S/2024/1", "A/78/2 → https://undocs.org/A/78/2"}},
		{"S/RES/2719 (2023", []string{"S/RES/2719 → https://undocs.org/S/RES/2719"}},
		{"A/78/744 (2024)", []string{"A/78/744 → https://undocs.org/A/78/744"}}, // only resolutions carry a year
		// French: accents around, guillemets, a space before the colon.
		{"la résolution S/RES/2719 (2023) du Conseil, le rapport « A/78/744 » : voir S/2024/123.",
			[]string{"S/RES/2719 (2023) → https://undocs.org/S/RES/2719%20%282023%29", "A/78/744 → https://undocs.org/A/78/744", "S/2024/123 → https://undocs.org/S/2024/123"}},
		// Arabic: the symbol in Latin letters, and "and" written as a prefix.
		{"قرار مجلس الأمن S/RES/2719 (2023) وS/2024/123 والتقرير A/78/744",
			[]string{"S/RES/2719 (2023) → https://undocs.org/S/RES/2719%20%282023%29", "S/2024/123 → https://undocs.org/S/2024/123", "A/78/744 → https://undocs.org/A/78/744"}},
		{"across\nS/2024/1\nlines", []string{"S/2024/1 → https://undocs.org/S/2024/1"}},
		// A joint symbol is two documents, each with its own page.
		{"the letter A/78/744-S/2024/123.", []string{"A/78/744 → https://undocs.org/A/78/744", "S/2024/123 → https://undocs.org/S/2024/123"}},
		{"the letter A/78/744–S/2024/123.", []string{"A/78/744 → https://undocs.org/A/78/744", "S/2024/123 → https://undocs.org/S/2024/123"}},
		{"S/2024/1-Rev.1 and A/ES-10/L.22-S/2024/9", []string{"S/2024/1-Rev.1 → https://undocs.org/S/2024/1-Rev.1", "A/ES-10/L.22 → https://undocs.org/A/ES-10/L.22", "S/2024/9 → https://undocs.org/S/2024/9"}},
	} {
		if got := undocLinks(t, tt.src); !slices.Equal(got, tt.want) {
			t.Errorf("Render(%q) links %q; want %q", tt.src, got, tt.want)
		}
	}
}

// TestDocumentSymbolsFalsePositives lists text that looks like a symbol, or holds one
// where it must not be linked.
func TestDocumentSymbolsFalsePositives(t *testing.T) {
	for _, src := range []string{
		"on 12/05/2024 and 5/12/24", "3/4 of missions", "24/7", "and/or", "he/she", "a/b/c", "S/he said",
		"A/C", "A/C alone", "A/B testing", "S/M/L", "I/O", "TCP/IP", "A/4 paper", "S/1", "A/RES", "S/RES/",
		"S/2024/", "S//2024", "S/2024//1", "S/2024/123.html", "S/2024/123_old", "S/2024/123abc", "XS/2024/1",
		"éS/2024/1", "1S/2024/1", "S/2024/1é", "S/s2024", "S/2024.1.", "S/.2024", "A/78/7..4", "S/20-24-", "A/1./2", "A/1-/2", "x-S/2024/1",
		"`S/2024/123`", "```\nS/2024/123\n```", "    S/2024/123",
		"https://example.org/S/2024/123", "www.un.org/A/78/744", "<https://undocs.org/A/78/744>",
		"example.org/A/78/744", "docs/A/78/744", "C:/S/2024/123", "../S/2024/1", "~/A/78/1", "#S/2024/1",
		"user@S/2024/1", "x=S/2024/1", "[the report](https://undocs.org/en/A/78/744)",
		"![S/2024/1](chart.png)", "## S/RES/2719 (2023)",
	} {
		if got := undocLinks(t, src); len(got) > 0 {
			t.Errorf("Render(%q) links %q; want nothing", src, got)
		}
	}
	// A link whose text is a symbol stays the one link it is.
	doc, _ := New(Options{UNDocuments: true}).Render("a.md", []byte("[A/78/744](https://example.org/r)"), nil)
	if strings.Count(doc.HTML, "<a ") != 1 || !strings.Contains(doc.HTML, `href="https://example.org/r"`) || len(doc.Documents) != 0 {
		t.Errorf("a link with a symbol as its text: %s, Documents %v; want it unchanged", doc.HTML, doc.Documents)
	}
}

func TestDocumentSymbolsHTML(t *testing.T) {
	src := "Per S/RES/2719 (2023), see\nA/78/744.\n"
	doc, _ := New(Options{UNDocuments: true}).Render("a.md", []byte(src), nil)
	want := `<p id="intro-p1">Per <a href="https://undocs.org/S/RES/2719%20%282023%29" class="undoc bare">S/RES/2719 (2023)</a>, see` + "\n" +
		`<a href="https://undocs.org/A/78/744" class="undoc bare">A/78/744</a>.</p>` + "\n"
	if doc.HTML != want {
		t.Errorf("Render(%q) =\n%s\nwant\n%s", src, doc.HTML, want)
	}
	if !strings.Contains(doc.Text, "Per S/RES/2719 (2023), see") {
		t.Errorf("Render(%q).Text = %q; want the symbol in the plain text as written", src, doc.Text)
	}
	off, _ := New(Options{}).Render("a.md", []byte(src), nil)
	if strings.Contains(off.HTML, "<a ") || off.Documents != nil {
		t.Errorf("without UNDocuments: %s, Documents %v; want no link and no documents", off.HTML, off.Documents)
	}
}

func TestDocuments(t *testing.T) {
	src := "S/RES/2719 first, then A/78/744, then S/RES/2719 (2023) and A/78/744 again; `S/2024/9` in code.\n\n" +
		"[Report](other.md) and S/2024/123.\n"
	doc, _ := New(Options{UNDocuments: true}).Render("a.md", []byte(src), nil)
	want := []Document{
		{Symbol: "S/RES/2719 (2023)", Key: "S/RES/2719", URL: "https://undocs.org/S/RES/2719%20%282023%29"},
		{Symbol: "A/78/744", Key: "A/78/744", URL: "https://undocs.org/A/78/744"},
		{Symbol: "S/2024/123", Key: "S/2024/123", URL: "https://undocs.org/S/2024/123"},
	}
	if !slices.Equal(doc.Documents, want) {
		t.Errorf("Render(%q).Documents = %+v; want %+v", src, doc.Documents, want)
	}
}

func TestCompareSymbols(t *testing.T) {
	want := []string{
		"S/RES/2417", "S/RES/2719", "S/RES/10000", "S/PRST/2023/9", "S/PRST/2024/2", "S/2023/999", "S/2024/9", "S/2024/123", "S/PV.9999",
		"A/RES/77/1", "A/RES/78/265", "A/C.4/78/L.5", "A/78/744", "A/79/1", "A/HRC/RES/52/1", "A/HRC/55/1",
		"E/2024/1", "CEDAW/C/GC/30", "ST/SGB/2019/8",
	}
	got := slices.Clone(want)
	slices.Reverse(got)
	slices.SortFunc(got, CompareSymbols)
	if !slices.Equal(got, want) {
		t.Errorf("sorted %q;\nwant   %q", got, want)
	}
}

// FuzzDocumentSymbols checks that linking symbols changes no text: the plain text is
// the same with and without it, and every document found is in it as written.
func FuzzDocumentSymbols(f *testing.F) {
	for _, s := range []string{"S/RES/2719 (2023)", "see A/C.4/78/L.5.", "*S/2024/1*x", "`A/78/1` A/78/1", "[S/2024/1](x) S/2024/2\nA/78/3",
		"وS/2024/123", "S/2024/123.html", "A/ES-10/L.22", "S/RES/1(2000)(2001)", "| S/2024/1 |\n|-|\n| A/78/2 |"} {
		f.Add(s)
	}
	on, off := New(Options{UNDocuments: true}), New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		a, _ := on.Render("a.md", []byte(src), nil)
		b, _ := off.Render("a.md", []byte(src), nil)
		if a.Text != b.Text {
			t.Fatalf("Render(%q).Text = %q with symbols linked, %q without", src, a.Text, b.Text)
		}
		for _, d := range a.Documents {
			if !strings.Contains(a.Text, d.Symbol) {
				t.Fatalf("Render(%q): document %q is not in the text %q", src, d.Symbol, a.Text)
			}
		}
	})
}
