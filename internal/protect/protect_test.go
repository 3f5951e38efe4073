package protect

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"folio/internal/diag"
	"folio/internal/testtool"
)

func mustList(t testing.TB, src string) *List {
	t.Helper()
	entries, err := Parse("protect.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	l, err := New(entries)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// found lists the occurrences in text as "found text@line" (the term's line in the list).
func found(l *List, text string) []string {
	var out []string
	for _, m := range l.Find([]byte(text)) {
		out = append(out, fmt.Sprintf("%s@%d", text[m.Start:m.End], l.TermPos(m.Term).Line))
	}
	return out
}

func TestFind(t *testing.T) {
	l := mustList(t, `# informants
Jean-Pierre
Ali

José Mbeki
  Kasaï   village  
+243 81 234 5678
re:\bcase-\d{4}\b
Łukasz
straße
`)
	tests := []struct {
		text string
		want []string
	}{
		{"Jean-Pierre said", []string{"Jean-Pierre@2"}},
		{"jean pierre", []string{"jean pierre@2"}},
		{"JEAN  PIERRE", []string{"JEAN  PIERRE@2"}},
		{"Jéan_Pierre", []string{"Jéan_Pierre@2"}},
		{"Jean.Pierre and Jean'Pierre", []string{"Jean.Pierre@2", "Jean'Pierre@2"}},
		{"**Jean**\nPierre", []string{"Jean**\nPierre@2"}},
		{"Jean", nil},
		{"Jean Pierres", nil},
		{"Alice lives in reality", nil},
		{"ali, Ali's, (ALI)", []string{"ali@3", "Ali@3", "ALI@3"}},
		{"Jose\u0301 mbeki", []string{"Jose\u0301 mbeki@5"}},
		{"Jos&eacute; Mbeki", []string{"Jos&eacute; Mbeki@5"}},
		{"Jean&nbsp;Pierre", []string{"Jean&nbsp;Pierre@2"}},
		{"Jean\u00adPierre", nil}, // a soft hyphen joins: "jeanpierre" is another word
		{"the Kasai Village", []string{"Kasai Village@6"}},
		{"call +243-812-345-678 now", []string{"+243-812-345-678@7"}},
		{"call 081 234 5678", []string{"081 234 5678@7"}},
		{"(0)81.234.5678", []string{"0)81.234.5678@7"}},
		{"234 5678", []string{"234 5678@7"}}, // the shorter number's 7 digits agree
		{"98 765 432 people", nil},
		{"see case-2024 and CASE-1999, not case-20245", []string{"case-2024@8", "CASE-1999@8"}},
		{"LUKASZ", []string{"LUKASZ@9"}},
		{"Strasse", []string{"Strasse@10"}},
		{"ＪＥＡＮ ＰＩＥＲＲＥ", []string{"ＪＥＡＮ ＰＩＥＲＲＥ@2"}},
	}
	for _, tt := range tests {
		got := found(l, tt.text)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("Find(%q) = %q; want %q", tt.text, got, tt.want)
		}
	}
}

func TestPhone(t *testing.T) {
	tests := []struct {
		term, text string
		match      bool
	}{
		{"+243 81 234 5678", "+243-812-345-678", true},
		{"+243 81 234 5678", "0812345678", true},
		{"+243 81 234 5678", "812 345 678", true},
		{"+243 81 234 5678", "+243 81 234 5679", false},
		{"+243 81 234 5678", "234 5678", true},
		{"+243 81 234 5678", "2024-03-18", false},
		{"234 5678", "+243 81 234 5678", true},
		{"234 5678", "2345678", true},
		{"234 5678", "1234 5678", true},
		{"234 5678", "234 56789", false},
		{"+33 1 23 45 67 89", "01 23 45 67 89", true},
		{"+33 1 23 45 67 89", "01 23 45 67 88", false},
	}
	for _, tt := range tests {
		l := mustList(t, tt.term)
		if got := len(l.Find([]byte(tt.text))) > 0; got != tt.match {
			t.Errorf("term %q: Find(%q) found = %v; want %v", tt.term, tt.text, got, tt.match)
		}
	}
}

func TestOverlapping(t *testing.T) {
	l := mustList(t, "Jean Pierre\nPierre Kabila\nJean Pierre Kabila\nKabila\n")
	got := found(l, "Jean Pierre Kabila")
	want := []string{"Jean Pierre@1", "Jean Pierre Kabila@3", "Pierre Kabila@2", "Kabila@4"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Find = %q; want %q", got, want)
	}
}

func TestListErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"ok\n  re:a(b\n", "protect.txt:2:6: protected pattern does not compile: missing closing ): \"a(b\""},
		{"re:x*\n", "protect.txt:1:1: protected pattern matches empty text"},
		{"# c\n\n---\n", "protect.txt:3:1: protected term has no letter or digit"},
		{strings.Repeat("a", 1001), "protect.txt:1:1: protected term is 1001 bytes long"},
	}
	for _, tt := range tests {
		entries, err := Parse("protect.txt", []byte(tt.src))
		if err == nil {
			_, err = New(entries)
		}
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("New(%q) = %v; want %q...", tt.src, err, tt.want)
		}
	}
	if _, err := Parse("protect.txt", []byte("a\nb\xff\n")); err == nil || !strings.HasPrefix(err.Error(), "protect.txt:2: ") {
		t.Errorf("Parse(invalid UTF-8) = %v; want an error on line 2", err)
	}
	if _, err := Load("/nonexistent/protect.txt", nil); err == nil || !strings.HasPrefix(err.Error(), "/nonexistent/protect.txt: cannot read the protected terms") {
		t.Errorf("Load(missing file) = %v", err)
	}
}

func TestPositioner(t *testing.T) {
	text := []byte("---\ntitle: Jean Pierre\n---\nSee é Jean Pierre.\n")
	l := mustList(t, "jean pierre")
	p := NewPositioner("x.md", text)
	var got []string
	for _, m := range l.Find(text) {
		got = append(got, p.Pos(m.Start).String())
	}
	// Columns count bytes, as Markdown positions do: "é" is two.
	if want := []string{"x.md:2:8", "x.md:4:8"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("positions = %q; want %q", got, want)
	}
}

func TestApprove(t *testing.T) {
	l := mustList(t, "Jean-Pierre\n+243 81 234 5678\nre:case-\\d{4}\nKabila\n")
	a, unknown := l.Approve([]string{"jean pierre", "0812345678", "CASE-2024", "Alice", ""})
	if fmt.Sprint(unknown) != "[3 4]" {
		t.Errorf("unknown = %v; want [3 4]", unknown)
	}
	text := []byte("Jean Pierre, +243 812 345 678, case-2024, case-1999, Kabila")
	var left []string
	for _, m := range l.Find(text) {
		if !a.Allows(l, text, m) {
			left = append(left, string(text[m.Start:m.End]))
		}
	}
	if want := []string{"case-1999", "Kabila"}; fmt.Sprint(left) != fmt.Sprint(want) {
		t.Errorf("not approved: %q; want %q", left, want)
	}
	var none *Approval
	if none.Allows(l, text, l.Find(text)[0]) {
		t.Error("the nil Approval approves")
	}
}

// TestSecret checks that messages and the hash carry nothing of the list's entries.
func TestSecret(t *testing.T) {
	l := mustList(t, "Jean-Pierre Kabila\nre:SECRET-\\d+\n")
	text := []byte("jean pierre kabila, secret-12")
	var msgs []string
	for _, m := range l.Find(text) {
		msgs = append(msgs, l.Describe(text, m))
	}
	want := []string{`"jean pierre kabila" is protected (line 1 of protect.txt)`, `"secret-12" is protected (line 2 of protect.txt)`}
	if fmt.Sprint(msgs) != fmt.Sprint(want) {
		t.Errorf("Describe = %q; want %q", msgs, want)
	}
	if strings.Contains(strings.ToLower(l.Hash()), "kabila") || len(l.Hash()) != 64 {
		t.Errorf("Hash = %q", l.Hash())
	}
	if mustList(t, "Jean-Pierre Kabila\n").Hash() == l.Hash() {
		t.Error("two lists have one hash")
	}
}

func TestScanTexts(t *testing.T) {
	l := mustList(t, "Kasai village")
	errs := l.ScanTexts("content/publications/x/photo.jpg", "in the image's metadata", []string{"Taken in Kasai Village", "nothing"}, nil)
	want := `content/publications/x/photo.jpg: in the image's metadata: "Kasai Village" is protected (line 1 of protect.txt): ` + Hint
	if errs.Error() != want {
		t.Errorf("ScanTexts = %q; want %q", errs.Error(), want)
	}
}

func TestNil(t *testing.T) {
	var l *List
	if l.Len() != 0 || l.Find([]byte("x")) != nil || l.Hash() != "" {
		t.Error("the nil List is not empty")
	}
	if _, unknown := l.Approve([]string{"x"}); len(unknown) != 1 {
		t.Error("the nil List approves")
	}
}

// TestScanPDF reads the text of a two-page PDF; without pdftotext it is skipped,
// unless CI is set (.ci/run installs poppler-utils).
func TestScanPDF(t *testing.T) {
	testtool.Command(t, "pdftotext", "apt-get install poppler-utils")
	l := mustList(t, "Jean Pierre\n")
	// Two pages; the second reads "Interview with Jean-Pierre in Kasai".
	data, err := os.ReadFile("testdata/interview.pdf")
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.ScanPDF("x/brief.pdf", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := `x/brief.pdf: page 2: "Jean-Pierre" is protected (line 1 of protect.txt): ` + Hint
	if errs.Error() != want {
		t.Errorf("ScanPDF = %q; want %q", errs.Error(), want)
	}
	if _, err := l.ScanPDF("x/bad.pdf", []byte("not a PDF"), nil); err == nil {
		t.Error("ScanPDF(not a PDF): no error")
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := l.ScanPDF("x/brief.pdf", data, nil); err != ErrNoPDFText {
		t.Errorf("ScanPDF without pdftotext: %v; want ErrNoPDFText", err)
	}
}

func BenchmarkFind(b *testing.B) {
	var list strings.Builder
	for i := range 1000 {
		switch i % 10 {
		case 0:
			fmt.Fprintf(&list, "+243 81 %03d %04d\n", i, i)
		case 1:
			fmt.Fprintf(&list, "Village%d\n", i)
		default:
			fmt.Fprintf(&list, "Person%d Family%d\n", i, i)
		}
	}
	l := mustList(b, list.String())
	var text bytes.Buffer
	for text.Len() < 1<<20 {
		text.WriteString("Civilians in the Kasaï were interviewed by Person17 in 2024; call 081 234 5678 or see Family3. ")
	}
	b.SetBytes(int64(text.Len()))
	for b.Loop() {
		l.Find(text.Bytes())
	}
}

// FuzzMatch checks, for any term and text, that Find does not panic, that occurrences
// lie in the text (on character boundaries, in valid UTF-8), and that a word term written between spaces
// inside the text is found there.
func FuzzMatch(f *testing.F) {
	f.Add("Jean-Pierre", "said jean pierre, then Jéan_Pierre")
	f.Add("+243 81 234 5678", "call 081 234 5678")
	f.Add("re:case-\\d+", "CASE-12")
	f.Add("Ali", "Alice &eacute; reality")
	f.Fuzz(func(t *testing.T, term, text string) {
		l, err := New([]Entry{{Text: term, Pos: diag.Position{File: "protect.txt", Line: 1, Col: 1}}})
		if err != nil {
			return
		}
		for _, m := range l.Find([]byte(text)) {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Fatalf("Find(%q) with %q: occurrence %d-%d out of range", text, term, m.Start, m.End)
			}
			if utf8.ValidString(text) && (!utf8.RuneStart(text[m.Start]) || m.End < len(text) && !utf8.RuneStart(text[m.End])) {
				t.Fatalf("Find(%q) with %q: occurrence %d-%d splits a character", text, term, m.Start, m.End)
			}
		}
		if l.terms[0].kind != words || !utf8.ValidString(term) || !utf8.ValidString(text) {
			return
		}
		inside := text + " " + term + " " + text
		at := len(text) + 1
		ok := false
		for _, m := range l.Find([]byte(inside)) {
			ok = ok || m.Start <= at+len(term) && m.End >= at
		}
		if !ok {
			t.Fatalf("term %q not found in %q", term, inside)
		}
	})
}
