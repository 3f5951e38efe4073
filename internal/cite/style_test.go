package cite

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

const programme = "Civilians in Conflict Programme"

var (
	oneAuthor = Work{
		Title:        "Warning Without Response: Early-Warning Gaps in UNMISS",
		Authors:      []string{"Amina Okafor"},
		Organisation: programme,
		Date:         date(2022, 3, 15),
		TypeTitle:    "Policy brief",
		URL:          "https://publications.example.org/publications/south-sudan-early-warning-gaps/",
	}
	twoAuthors = Work{
		Title:        `Côte d'Ivoire & the "Blue Helmets": <script>alert(1)</script> {100%}`,
		Authors:      []string{"Hélène Traoré", "Jean-Luc de la Croix"},
		Organisation: "Peace & Security {Lab}",
		Date:         date(2021, 11, 8),
		TypeTitle:    "Report",
		URL:          "https://example.org/r?a=1&b=2",
	}
	noAuthor = Work{
		Title:        "Who Protects When Peacekeepers Leave?",
		Organisation: programme,
		Date:         date(2024, 6, 1),
		TypeTitle:    "Commentary",
		Commentary:   true,
		URL:          "https://publications.example.org/publications/who-protects/",
	}
)

func TestChicago(t *testing.T) {
	tests := []struct {
		name string
		w    Work
		want string
	}{
		{"one author", oneAuthor,
			`Okafor, Amina. <i>Warning Without Response: Early-Warning Gaps in UNMISS</i>. Policy brief. Civilians in Conflict Programme, March 15, 2022. https://publications.example.org/publications/south-sudan-early-warning-gaps/.`},
		{"two authors", twoAuthors,
			`Traoré, Hélène, and Jean-Luc de la Croix. <i>Côte d&#39;Ivoire &amp; the &#34;Blue Helmets&#34;: &lt;script&gt;alert(1)&lt;/script&gt; {100%}</i>. Report. Peace &amp; Security {Lab}, November 8, 2021. https://example.org/r?a=1&amp;b=2.`},
		{"no author", noAuthor,
			`Civilians in Conflict Programme. “Who Protects When Peacekeepers Leave?” Commentary. Civilians in Conflict Programme, June 1, 2024. https://publications.example.org/publications/who-protects/.`},
		{"three authors, no date, no URL", Work{Title: "Measuring What Matters", Authors: []string{"Daniel Achieng", "Sofia Lindqvist", "Jean-Luc Mbeki"}, Organisation: programme, TypeTitle: "Report"},
			`Achieng, Daniel, Sofia Lindqvist, and Jean-Luc Mbeki. <i>Measuring What Matters</i>. Report. Civilians in Conflict Programme, n.d.`},
		{"commentary quoting", Work{Title: `The "Protection" Gap`, Authors: []string{"Plato"}, Commentary: true, Date: date(2020, 1, 2)},
			`Plato. “The ‘Protection’ Gap.” January 2, 2020.`},
		{"eleven authors", Work{Title: "T", Authors: numbered(11)},
			`F1, G1, G2 F2, G3 F3, G4 F4, G5 F5, G6 F6, G7 F7, et al. <i>T</i>. n.d.`},
	}
	for _, tt := range tests {
		got := Chicago(tt.w)
		if got != tt.want {
			t.Errorf("%s: Chicago() =\n%s\nwant\n%s", tt.name, got, tt.want)
		}
		checkHTML(t, "Chicago", got)
	}
}

func TestAPA(t *testing.T) {
	tests := []struct {
		name string
		w    Work
		want string
	}{
		{"one author", oneAuthor,
			`Okafor, A. (2022, March 15). <i>Warning Without Response: Early-Warning Gaps in UNMISS</i> [Policy brief]. Civilians in Conflict Programme. https://publications.example.org/publications/south-sudan-early-warning-gaps/`},
		{"two authors", twoAuthors,
			`Traoré, H., &amp; de la Croix, J.-L. (2021, November 8). <i>Côte d&#39;Ivoire &amp; the &#34;Blue Helmets&#34;: &lt;script&gt;alert(1)&lt;/script&gt; {100%}</i> [Report]. Peace &amp; Security {Lab}. https://example.org/r?a=1&amp;b=2`},
		{"no author", noAuthor,
			`Civilians in Conflict Programme. (2024, June 1). <i>Who Protects When Peacekeepers Leave?</i> https://publications.example.org/publications/who-protects/`},
		{"three authors, no date", Work{Title: "Measuring What Matters", Authors: []string{"Daniel Achieng", "Sofia Lindqvist", "Jean-Luc Mbeki"}, Organisation: programme, TypeTitle: "Report"},
			`Achieng, D., Lindqvist, S., &amp; Mbeki, J.-L. (n.d.). <i>Measuring What Matters</i> [Report]. Civilians in Conflict Programme.`},
		{"twenty-one authors", Work{Title: "T?", Authors: numbered(21), Date: date(2020, 1, 2)},
			`F1, G., F2, G., F3, G., F4, G., F5, G., F6, G., F7, G., F8, G., F9, G., F10, G., F11, G., F12, G., F13, G., F14, G., F15, G., F16, G., F17, G., F18, G., F19, G., . . . F21, G. (2020, January 2). <i>T?</i>`},
	}
	for _, tt := range tests {
		got := APA(tt.w)
		if got != tt.want {
			t.Errorf("%s: APA() =\n%s\nwant\n%s", tt.name, got, tt.want)
		}
		checkHTML(t, "APA", got)
	}
}

// numbered returns n authors "G1 F1" ... "Gn Fn".
func numbered(n int) []string {
	var out []string
	for i := 1; i <= n; i++ {
		out = append(out, fmt.Sprintf("G%d F%d", i, i))
	}
	return out
}

// checkHTML parses s as an HTML fragment: the only elements allowed are <i> pairs,
// and no "<" may be left once they are removed.
func checkHTML(t *testing.T, style, s string) {
	t.Helper()
	if rest := strings.NewReplacer("<i>", "", "</i>", "").Replace(s); strings.Contains(rest, "<") {
		t.Errorf("%s: unescaped < in %q", style, s)
	}
	z := html.NewTokenizer(strings.NewReader(s))
	depth := 0
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			if depth != 0 {
				t.Errorf("%s: unbalanced <i> in %q", style, s)
			}
			return
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "i" || hasAttr || tt == html.SelfClosingTagToken {
				t.Errorf("%s: unexpected tag %s in %q", style, z.Token(), s)
			}
			if tt == html.StartTagToken {
				depth++
			} else {
				depth--
			}
		}
	}
}

// A hostile work must not inject markup, whatever it contains.
func TestStylesHostile(t *testing.T) {
	w := Work{
		Title:        "<i>x</i>\x00i</b><script>&amp;\x00/i",
		Authors:      []string{"<b>Bold</b> \x00iMan", `"Quote" O'Brien`},
		Organisation: "</i><a href=x>",
		TypeTitle:    "<br>",
		URL:          `javascript:alert("<x>")`,
		Date:         date(2022, 1, 1),
	}
	for _, c := range []struct {
		style string
		f     func(Work) string
	}{{"Chicago", Chicago}, {"APA", APA}} {
		got := c.f(w)
		checkHTML(t, c.style, got)
		if n := strings.Count(got, "<i>"); n != 1 {
			t.Errorf("%s: %d <i> tags in %q; want 1", c.style, n, got)
		}
		w.Commentary = true
		checkHTML(t, c.style, c.f(w))
		w.Commentary = false
	}
}
