package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// firstError renders src and returns its first diagnostic, or "".
func firstError(t *testing.T, src string) (string, *Doc) {
	t.Helper()
	doc, errs := New(Options{}).Render("content/publications/a.md", []byte(src), nil)
	errs.Sort()
	if len(errs) == 0 {
		return "", doc
	}
	return errs[0].Error(), doc
}

// Quotes, lists and brackets nested past MaxNesting are refused at their line before
// goldmark reads them; up to MaxNesting they are built.
func TestNestingLimit(t *testing.T) {
	indented := func(levels int) string {
		var b strings.Builder
		for i := range levels {
			b.WriteString(strings.Repeat("  ", i) + "- level\n")
		}
		return b.String()
	}
	tests := []struct {
		name, deep, ok, want string
	}{
		{"quotes", strings.Repeat(">", 101) + " q\n", strings.Repeat(">", 100) + " q\n", "3:1: quotes or lists nested about 101 levels deep on this line; folio allows at most 100"},
		{"lists", strings.Repeat("- ", 101) + "q\n", strings.Repeat("- ", 100) + "q\n", "3:1: quotes or lists nested about 101 levels"},
		{"numbers", strings.Repeat("1. ", 101) + "q\n", strings.Repeat("1. ", 100) + "q\n", "3:1: quotes or lists nested about 101 levels"},
		{"mixed", strings.Repeat("> - ", 51) + "q\n", strings.Repeat("> - ", 50) + "q\n", "3:1: quotes or lists nested about 102 levels"},
		{"footnote", "A.[^d]\n\n[^d]: " + strings.Repeat("> ", 100) + "n\n", "A.[^d]\n\n[^d]: " + strings.Repeat("> ", 99) + "n\n", "5:1: quotes or lists nested about 101 levels"},
		{"indented", indented(101), indented(100), "103:1: quotes or lists nested about 101 levels"},
		{"brackets", "Text " + strings.Repeat("[", 101) + "b" + strings.Repeat("]", 101) + "\n", "Text " + strings.Repeat("[", 100) + "b" + strings.Repeat("]", 100) + "\n",
			`3:106: more than 100 brackets "[" open at once in this paragraph; folio allows at most 100`},
		{"images", strings.Repeat("![", 101) + "b" + strings.Repeat("](u)", 101) + "\n", strings.Repeat("![", 100) + "b" + strings.Repeat("](u)", 100) + "\n", `3:202: more than 100 brackets`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := firstError(t, "\n\n"+tt.deep)
			if want := "content/publications/a.md:" + tt.want; !strings.HasPrefix(got, want) {
				t.Errorf("Render(%.40q...) error = %q; want prefix %q", tt.deep, got, want)
			}
			if got, doc := firstError(t, "\n\n"+tt.ok); got != "" || doc.HTML == "" {
				t.Errorf("Render(%.40q...) at the limit: error %q, %d bytes of HTML; want it built", tt.ok, got, len(doc.HTML))
			}
		})
	}
}

// What real briefs write is not mistaken for deep nesting: indented lists and code, many
// brackets closed as they go, a blank line closing a paragraph's brackets.
func TestNestingLimitRealText(t *testing.T) {
	src := "- a\n    - b\n        - c\n            1. d\n\n" +
		"```yaml\n" + strings.Repeat(" ", 120) + "key: value\n" + strings.Repeat(" ", 40) + "- item\n```\n\n" +
		strings.Repeat("See [the note](#n) and [[1]](#r). ", 500) + "\n\n" +
		strings.Repeat("[", 60) + "\n\n" + strings.Repeat("[", 60) + "\n\n" +
		"> quoted\n> - in a list\n>   > quoted again\n"
	if got, _ := firstError(t, src); got != "" {
		t.Errorf("Render: %s; want no error", got)
	}
}

// A table over MaxColumns columns or MaxCells cells is refused at its header, and left
// a paragraph rather than made into nodes; up to both it is a table.
func TestTableLimit(t *testing.T) {
	table := func(columns, rows int) string {
		return "\n\nIntro.\n\n|" + strings.Repeat(" a |", columns) + "\n|" + strings.Repeat("-|", columns) + "\n" + strings.Repeat("x\n", rows)
	}
	tests := []struct {
		columns, rows int
		want          string
	}{
		{5000, 3, "content/publications/a.md:5:1: this table has 5,000 columns; folio allows at most 1,000: split it into narrower tables"},
		{1001, 1, "content/publications/a.md:5:1: this table has 1,001 columns"},
		{400, 500, "content/publications/a.md:5:1: this table has 200,400 cells (501 rows of 400 columns); folio allows at most 200,000: split it into smaller tables"},
		{1000, 199, ""},
		{3, 2, ""},
	}
	for _, tt := range tests {
		got, doc := firstError(t, table(tt.columns, tt.rows))
		if !strings.HasPrefix(got, tt.want) || tt.want == "" && got != "" {
			t.Errorf("a table of %d columns and %d rows: error %q; want %q", tt.columns, tt.rows, got, tt.want)
		}
		if isTable := strings.Contains(doc.HTML, "<table>"); isTable != (tt.want == "") {
			t.Errorf("a table of %d columns and %d rows: made a table = %v", tt.columns, tt.rows, isTable)
		}
	}
	// A line that only looks like a delimiter row, under a header of another width, is
	// text for goldmark: no table, and so no error.
	if got, _ := firstError(t, "a | b\n"+strings.Repeat("-|", 2000)+"\n"); got != "" {
		t.Errorf("a paragraph that is not a table: error %q", got)
	}
}

// A page whose HTML would pass MaxHTML is refused: a long address or title repeated
// through a [reference] at the link that takes the addresses past it (before any HTML is
// written), anything else at the block that takes the HTML past it, where the HTML stops.
func TestHTMLLimit(t *testing.T) {
	refs := strings.Repeat("[a] ", 7000)
	for name, def := range map[string]string{
		"address": "[a]: https://example.org/" + strings.Repeat("y", 20_000),
		"title":   "[a]: /x \"" + strings.Repeat("y", 20_000) + "\"",
	} {
		got, doc := firstError(t, "\n\n"+def+"\n\nIntro.\n\n"+refs+"\n")
		if want := "content/publications/a.md:7:"; !strings.HasPrefix(got, want) || !strings.Contains(got, "more than 128 MB of web addresses and titles") {
			t.Errorf("a reference to a long %s, repeated: error %q; want one starting %q", name, got, want)
		}
		if doc.HTML != "" {
			t.Errorf("a reference to a long %s, repeated: %d bytes of HTML; want none", name, len(doc.HTML))
		}
	}

	// Each "&" of the address is written "&amp;": 40 MB of addresses, 200 MB of HTML.
	amp := "\n\n[a]: https://example.org/?" + strings.Repeat("&", 20_000) + "\n\nIntro.\n\n" + strings.Repeat("[a] ", 2000) + "\n"
	got, doc := firstError(t, amp)
	if want := "content/publications/a.md:7:1: from here on, the page made from this brief grows past 128 MB; folio allows at most 128 MB"; !strings.HasPrefix(got, want) {
		t.Errorf("200 MB of HTML: error %q; want prefix %q", got, want)
	}
	if len(doc.HTML) > MaxHTML || !strings.HasPrefix(doc.HTML, `<p id="intro-p1">Intro.</p>`) {
		t.Errorf("%d bytes of HTML starting %.40q; want at most %d, from the start", len(doc.HTML), doc.HTML, MaxHTML)
	}
}

// Repeated headings get "-2", "-3"... as before the counter per slug, around ids
// already taken by other headings or written explicitly.
func TestRepeatedHeadingIDs(t *testing.T) {
	src := "## Same\n\n## Same 3 {#same-3}\n\n## Same\n\n## Same\n\n## Same 2\n\n## Same\n\n## Other\n\n## Same\n"
	doc, _ := New(Options{}).Render("a.md", []byte(src), nil)
	var got []string
	for _, h := range doc.TOC {
		got = append(got, h.ID)
	}
	if want := "same same-3 same-2 same-4 same-2-2 same-5 other same-6"; strings.Join(got, " ") != want {
		t.Errorf("ids = %q; want %q", strings.Join(got, " "), want)
	}
	// The 20,000th repeat is numbered as the first ones are.
	doc, _ = New(Options{}).Render("a.md", []byte(strings.Repeat("## Same\n\n", 20_000)), nil)
	if got, want := doc.TOC[19_999].ID, "same-20000"; got != want {
		t.Errorf("the 20,000th repeat: id %q; want %q", got, want)
	}
}

// A javascript: autolink is refused like any javascript: link, and shown as text.
func TestRefusedAutolink(t *testing.T) {
	got, doc := firstError(t, "\n\nClick <javascript:alert(1)> now.\n")
	if want := `content/publications/a.md:3:7: link to "javascript:alert(1)": javascript URLs are not allowed`; got != want {
		t.Errorf("error = %q; want %q", got, want)
	}
	if strings.Contains(doc.HTML, "<a") || !strings.Contains(doc.HTML, "Click javascript:alert(1) now.") {
		t.Errorf("HTML = %q; want the address as text, not a link", doc.HTML)
	}
}

// An IPv6 address keeps its brackets in links, autolinks and images.
func TestIPv6Links(t *testing.T) {
	src := "[local](http://[::1]:8080/x), <http://[::1]:8080/x?a=[b]>, ![chart](https://[2001:db8::1]/c.png) and [other](https://example.org/[x])\n"
	doc, errs := New(Options{}).Render("a.md", []byte(src), nil)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	for _, want := range []string{
		`<a href="http://[::1]:8080/x">local</a>`,
		`<a href="http://[::1]:8080/x?a=%5Bb%5D" class="bare">http://[::1]:8080/x?a=[b]</a>`,
		`<img src="https://[2001:db8::1]/c.png" alt="chart">`,
		`<a href="https://example.org/%5Bx%5D">other</a>`,
	} {
		if !strings.Contains(doc.HTML, want) {
			t.Errorf("HTML = %s\nwant it to contain %s", doc.HTML, want)
		}
	}
}

// A code block's language is looked up only when it is short enough to be one.
func TestLongLanguage(t *testing.T) {
	for _, lang := range []string{"go", strings.Repeat("a", 65), strings.Repeat("go", 50_000)} {
		doc, errs := New(Options{}).Render("a.md", []byte("```"+lang+"\nx := 1\n```\n"), nil)
		if len(errs) != 0 {
			t.Fatal(errs)
		}
		if highlighted := strings.Contains(doc.HTML, "data-lang"); highlighted != (lang == "go") {
			t.Errorf("language of %d bytes: highlighted = %v", len(lang), highlighted)
		}
	}
}

func ExampleRenderer_Render_limits() {
	_, errs := New(Options{}).Render("content/publications/deep.md", []byte("\n\n"+strings.Repeat("> ", 200)+"Too deep.\n"), nil)
	fmt.Println(errs)
	// Output:
	// content/publications/deep.md:3:1: quotes or lists nested about 200 levels deep on this line; folio allows at most 100: flatten them
}

// Scan (folio check) skips a body Render refuses for its nesting, rather than leave
// goldmark minutes on it.
func TestScanSkipsRefused(t *testing.T) {
	o := New(Options{}).Scan("a.md", []byte("## Title\n\n"+strings.Repeat(">", 101)+" q\n"))
	if len(o.Headings) != 0 {
		t.Errorf("Scan outlined a body nested 101 deep: %d headings", len(o.Headings))
	}
}
