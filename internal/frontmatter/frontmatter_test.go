package frontmatter

import (
	"bytes"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, src string
		title     string // value of the "title" key
		body      string
		bodyLine  int
	}{
		{"plain", "---\ntitle: A\n---\nHello\n", "A", "\n\n\nHello\n", 4},
		{"crlf and bom", "\ufeff---\r\ntitle: B\r\n---\r\nHi\r\nthere\r\n", "B", "\n\n\nHi\nthere\n", 4},
		{"lone cr", "---\rtitle: F\r\r---\rHi\r", "F", "\n\n\n\nHi\n", 5},
		{"empty front matter", "---\n---\nbody", "", "\n\nbody", 3},
		{"dots close", "---\ntitle: C\n...\n", "C", "\n\n\n", 4},
		{"no body", "---\ntitle: D\n---", "D", "\n\n\n", 4},
		{"trailing spaces on delimiters", "--- \ntitle: E\n---\t\nx", "E", "\n\n\nx", 4},
	}
	for _, tt := range tests {
		doc, err := Parse("a.md", []byte(tt.src))
		if err != nil {
			t.Errorf("%s: Parse(%q) error: %v", tt.name, tt.src, err)
			continue
		}
		title := ""
		if c := doc.Front.Content; len(c) >= 2 {
			title = c[1].Value
		}
		if title != tt.title || string(doc.Body) != tt.body || doc.BodyLine != tt.bodyLine {
			t.Errorf("%s: Parse(%q) = title %q body %q line %d; want %q %q %d",
				tt.name, tt.src, title, doc.Body, doc.BodyLine, tt.title, tt.body, tt.bodyLine)
		}
		if again, err := BodyOf([]byte(tt.src), doc.BodyLine, doc.BodyText); err != nil || string(again) != tt.body {
			t.Errorf("%s: BodyOf = %q, %v; want %q (Parse's Body)", tt.name, again, err, tt.body)
		}
		if front, err := ParseFront("a.md", []byte(tt.src)); err != nil || front.Body != nil ||
			front.BodyLine != doc.BodyLine || front.BodyText != doc.BodyText || len(front.Front.Content) != len(doc.Front.Content) {
			t.Errorf("%s: ParseFront = %+v, %v; want Parse's document without its body", tt.name, front, err)
		}
	}
}

// BodyOf refuses a position that cannot be in the file rather than slicing out of it.
func TestBodyOfOutOfRange(t *testing.T) {
	for _, c := range []struct{ line, text int }{{0, 0}, {2, -1}, {2, 100}, {5, 3}} {
		if b, err := BodyOf([]byte("---\n---\nx"), c.line, c.text); err == nil {
			t.Errorf("BodyOf(line %d, offset %d) = %q, want an error", c.line, c.text, b)
		}
	}
}

func TestParseLinesAreFileLines(t *testing.T) {
	doc, err := Parse("a.md", []byte("---\ntitle: A\n\nsummary: B\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	if k := doc.Front.Content[2]; k.Value != "summary" || k.Line != 4 || k.Column != 1 {
		t.Errorf("summary key at %d:%d; want 4:1", k.Line, k.Column)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"title: A\n", `a.md:1:1: frontmatter: file must start with a "---" line`},
		{"", `a.md:1:1: frontmatter: file must start with a "---" line`},
		{"---\ntitle: A\n", `a.md:1:1: frontmatter: missing closing "---"`},
		{"---\ntitle: A\nsummary: [x\n---\n", `a.md:3:10: the [ opened here is never closed`},
		{"---\ntitle: \"unterminated\n---\n", `a.md:`},
		{"---\ntitle: ok\n---\nbody \xff here\n", `a.md:4:6: frontmatter: file is not valid UTF-8`},
		{"---\na: &b [1]\nc: *b\n---\n", `a.md:3:4: yaml: aliases (*b) are not supported`},
		{"---\ntitle: a\x01b\n---\n", `a.md:2:9: frontmatter: the control character U+0001 is not allowed in a page`},
		{"\ufeff---\r\ntitle: ok\r\n---\r\nbody \x00\r\n", `a.md:4:6: frontmatter: the control character U+0000 is not allowed`},
		{"---\ntitle: ok\n---\n\u00e9t\u00e9 \u0085 \uffff\n", `a.md:4:5: frontmatter: the control character U+0085 is not allowed`},
		{"---\ntitle: ok\n---\nx \ufdd0\n", `a.md:4:3: frontmatter: the noncharacter U+FDD0 is not allowed`},
		{"---\ntitle: \"a \\x1b[31m b\"\n---\n", `a.md:2:8: yaml: this value holds the control character U+001B (written as an escape)`},
		{"---\ntags: [\"\\uFFFE\"]\n---\n", `a.md:2:8: yaml: this value holds the noncharacter U+FFFE`},
	}
	for _, tt := range tests {
		_, err := Parse("a.md", []byte(tt.src))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Parse(%q) error = %v; want prefix %q", tt.src, err, tt.want)
		}
	}
}

// FuzzParse checks that Parse never panics, and that a successful parse keeps the body's
// line numbering and reports positions inside the file.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: A\n---\nbody\n",
		"\ufeff---\r\ntitle: B\r\n---\r\n",
		"---\na: &x [1]\nb: *x\n---\n",
		"---\nlist: [a, b\n---\n",
		"---\n---\n",
		"no front matter",
		"---\nk: {a: {b: {c: [1, [2, [3]]]}}}\n---\n# H\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := Parse("f.md", src)
		if err != nil {
			return
		}
		if again, err := BodyOf(bytes.Clone(src), doc.BodyLine, doc.BodyText); err != nil || !bytes.Equal(again, doc.Body) {
			t.Fatalf("BodyOf = %q, %v; Parse's Body is %q", again, err, doc.Body)
		}
		// Lines end with LF, CRLF or a CR alone (as YAML and CommonMark read them).
		norm := bytes.ReplaceAll(bytes.TrimPrefix(src, []byte("\ufeff")), []byte("\r\n"), []byte("\n"))
		norm = bytes.ReplaceAll(norm, []byte("\r"), []byte("\n"))
		if got, want := bytes.Count(doc.Body, []byte("\n")), bytes.Count(norm, []byte("\n")); got != want && got != want+1 {
			t.Fatalf("body has %d newlines; the file has %d", got, want)
		}
		lines := bytes.Count(norm, []byte("\n")) + 1
		var walk func(n *node)
		walk = func(n *node) {
			if n.Line < 0 || n.Line > lines+1 {
				t.Fatalf("node line %d outside the file's %d lines", n.Line, lines)
			}
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(doc.Front)
	})
}

type node = yaml.Node
