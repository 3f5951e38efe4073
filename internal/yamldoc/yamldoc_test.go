package yamldoc

import (
	"strings"
	"testing"

	"folio/internal/diag"

	"go.yaml.in/yaml/v4"
)

func TestParseErrorsHavePositions(t *testing.T) {
	tests := []struct {
		src       string
		firstLine int
		want      string
	}{
		{"title: a\nlist: [1, 2\nnext: d\n", 1, "f.yaml:2:7: the [ opened here is never closed"},
		{"a: b: c\n", 2, "f.yaml:2:5: a value containing \": \" must be quoted"},
		{"a: &x [1]\nb: *x\n", 1, "f.yaml:2:4: yaml: aliases (*x) are not supported"},
		{"a:\n\t- b\n", 5, "f.yaml:6:1: indent with spaces"},
		{"title: ok\nb: caf\xc3\n", 1, "f.yaml:2:7: yaml: the file is not valid UTF-8 text"},
		{"title: ok\nb: \"x\x0cy\"\n", 3, "f.yaml:4:6: yaml: the control character U+000C is not allowed"},
		{"b: \"x\\0y\"\n", 1, "f.yaml:1:4: yaml: this value holds the control character U+0000 (written as an escape)"},
	}
	for _, tt := range tests {
		_, err := Parse("f.yaml", []byte(tt.src), tt.firstLine)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Parse(%q, %d) error = %v; want prefix %q", tt.src, tt.firstLine, err, tt.want)
		}
	}
}

// The mistakes newcomers make most get advice at the line to fix; the parser's own words
// follow in parentheses.
func TestParseErrorsAdvise(t *testing.T) {
	tests := []struct{ src, want string }{
		{"title: Early Warning: Lessons from Ituri\ndate: 2024-01-01\n",
			`f.md:2:21: a title containing ": " must be quoted: title: "Early Warning: Lessons from Ituri" (yaml: mapping values are not allowed in this context)`},
		{"title: x\nsummary: The \"new\" plan: more\n",
			`f.md:3:24: a summary containing ": " must be quoted: summary: "The \"new\" plan: more" (yaml: mapping values are not allowed in this context)`},
		{"title: x\nobjectives:\n\t- 1\n",
			`f.md:4:1: indent with spaces, not tabs (yaml: found character that cannot start any token)`},
		{"title: x\n\tdate: 2024-01-01\n",
			`f.md:3:1: indent with spaces, not tabs (yaml: found a tab character that violates indentation)`},
		{"title: x\nsummary:>-\n  One two\n  three\nauthors: [a]\ndate: 2024-01-01\n",
			`f.md:3:9: write a space after the colon: summary: >- (yaml: could not find expected ':')`},
		{"title: \"Early warning\ndate: 2024-01-01\nsummary: s\n",
			`f.md:2:8: the quote " opened here is never closed: end the value with " (yaml: found unexpected end of stream)`},
		{"title: x\nsummary: 'It is\ndate: 2024-01-01\n",
			`f.md:3:10: the quote ' opened here is never closed: end the value with ' (yaml: found unexpected end of stream)`},
		{"title: x\nauthors: [a, b\ndate: 2024-01-01\nsummary: s\n",
			`f.md:3:10: the [ opened here is never closed: end the list with ], as in [Mali, Niger] (yaml: did not find expected ',' or ']')`},
		{"title: x\ncountries: {Mali\ndate: 2024-01-01\n",
			`f.md:3:12: the { opened here is never closed: end it with }, or write a list with [ ] (yaml: did not find expected ',' or '}')`},
		{"title: x\nauthors:\n  - a\n - b\ndate: 2024-01-01\n",
			`f.md:5:2: this list item is not lined up with the ones above it: start every "- " of a list at the same column (yaml: did not find expected key)`},
		{"title: x\n  date: 2024-01-01\n",
			`f.md:3:1: this line is indented, so it reads as part of the line above: start date: at the beginning of the line, like the other fields (yaml: mapping values are not allowed in this context)`},
	}
	for _, tt := range tests {
		_, err := Parse("f.md", []byte(tt.src), 2)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q):\n got %v\nwant %s", tt.src, err, tt.want)
		}
	}
}

func TestParseEmpty(t *testing.T) {
	n, err := Parse("f.yaml", nil, 2)
	if err != nil || n == nil || len(n.Content) != 0 {
		t.Fatalf("Parse(empty) = %v, %v; want empty mapping", n, err)
	}
}

func TestMapUnknownAndDuplicateKeys(t *testing.T) {
	n, err := Parse("f.md", []byte("title: x\nobjectivs: [a]\ntitle: y\nsummary: s\n"), 2)
	if err != nil {
		t.Fatal(err)
	}
	var errs diag.List
	d := Decoder{File: "f.md", Errs: &errs}
	var got []string
	d.Map(n, "front matter", []string{"title", "objectives", "summary"}, func(k string, v *node) { got = append(got, k) })
	if strings.Join(got, ",") != "title,summary" {
		t.Errorf("Map visited %v; want title,summary", got)
	}
	want := "f.md:3:1: unknown front matter field \"objectivs\" (did you mean \"objectives\"?)\n" +
		"f.md:4:1: duplicate key \"title\" (first set on line 2)"
	if errs.Error() != want {
		t.Errorf("errors =\n%s\nwant\n%s", errs.Error(), want)
	}
}

func TestScalars(t *testing.T) {
	n, err := Parse("f.md", []byte("a: [x, y]\nb: solo\nc: ~\nd: true\ne: 12\nf: {k: v}\n"), 1)
	if err != nil {
		t.Fatal(err)
	}
	var errs diag.List
	d := Decoder{File: "f.md", Errs: &errs}
	v := func(i int) *node { return n.Content[2*i+1] }
	if got := d.Strings(v(0)); strings.Join(got, "|") != "x|y" {
		t.Errorf("Strings(a) = %v", got)
	}
	if got := d.Strings(v(1)); len(got) != 1 || got[0] != "solo" {
		t.Errorf("Strings(b) = %v", got)
	}
	if got := d.Strings(v(2)); got != nil {
		t.Errorf("Strings(null) = %v", got)
	}
	if !d.Bool(v(3)) || d.Int(v(4)) != 12 {
		t.Errorf("Bool/Int wrong")
	}
	if len(errs) != 0 {
		t.Fatalf("unexpected errors: %v", errs)
	}
	_ = d.String(v(5))
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "f.md:6:4: expected a single value") {
		t.Errorf("String(mapping) errors = %v", errs)
	}
}

type node = yaml.Node

func TestForbidden(t *testing.T) {
	for r, want := range map[rune]bool{
		'\t': false, '\n': false, '\r': false, ' ': false, 'é': false, '\u00a0': false, '\ufeff': false,
		'\ufffd': false, '\U0001F600': false, '\U0010FFFD': false,
		0: true, '\x01': true, '\x0b': true, '\x0c': true, '\x1b': true, '\x7f': true, '\u0080': true,
		'\u0085': true, '\u009f': true, '\ufdd0': true, '\ufdef': true, '\ufffe': true, '\uffff': true,
		'\U0001FFFE': true, '\U0010FFFF': true,
	} {
		if got := Forbidden(r); got != want {
			t.Errorf("Forbidden(%U) = %v; want %v", r, got, want)
		}
	}
	for _, c := range []struct {
		src       string
		r         rune
		line, col int
	}{
		{"ok\nstill ok\n", 0, 0, 0},
		{"a\nbé\x01", 1, 2, 3},
		{"é\u0085", 0x85, 1, 2},
		{"x\n\xe2\x82", 0xfffd, 2, 1},
		{"\U0001F600\U0001FFFF", 0x1ffff, 1, 2},
		{"a\r\nb\x01", 1, 2, 2},    // CRLF ends one line
		{"a\rb\r\rc\x01", 1, 4, 2}, // so does a CR alone
		{"a\r", 0, 0, 0},
	} {
		r, at, ok := FirstForbidden([]byte(c.src))
		if ok != (c.line != 0) || r != c.r || at.Line != c.line || at.Col != c.col {
			t.Errorf("FirstForbidden(%q) = %U at %d:%d (%v); want %U at %d:%d", c.src, r, at.Line, at.Col, ok, c.r, c.line, c.col)
		}
	}
}
