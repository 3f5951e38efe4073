package cite

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// hostile is a work whose every field holds something a naive writer gets wrong.
var hostile = Work{
	Key:          "",
	Title:        "Côte d'Ivoire & the {UN}: 100% of $5, #1 _x_ ~ ^ \\relax <script>alert(\"x\")</script>\n— MONUSCO's A4P and McDonald",
	Authors:      []string{"Hélène Traoré", "Jean-Luc de la Croix", "Okafor, Amina", "Plato", "Tom and Jerry", "O'Brien, Seán {x}", "Smith, Jr., John"},
	Organisation: "Peace & Security {Lab} 50% \\ #",
	Date:         date(2023, 12, 31),
	TypeTitle:    "Policy brief",
	URL:          "https://example.org/a_b/c%20d?x=1&y=2#frag~{}",
	PDFURL:       "https://example.org/a b.pdf",
	Language:     "fr-CA",
	Summary:      "Line one\nline two\t& more {unbalanced \\ %\r\n",
	Keywords:     []string{"early warning", "A&B", "50%", "x,y", "{brace", "Côte d'Ivoire"},
}

func TestBibTeXGolden(t *testing.T) {
	w := oneAuthor
	w.Authors = []string{"Amina Okafor", "Jean Mbeki"}
	w.Language = "en"
	w.Summary = "UNMISS collects more early-warning information than ever."
	w.Keywords = []string{"early warning", "South Sudan"}
	got := string(BibTeX(w))
	want := `@techreport{okafor2022warning,
  author       = {Okafor, Amina and Mbeki, Jean},
  title        = {Warning Without Response: Early-Warning Gaps in {UNMISS}},
  institution  = {Civilians in Conflict Programme},
  type         = {Policy brief},
  date         = {2022-03-15},
  year         = {2022},
  month        = mar,
  url          = {https://publications.example.org/publications/south-sudan-early-warning-gaps/},
  language     = {english},
  langid       = {english},
  abstract     = {UNMISS collects more early-warning information than ever.},
  keywords     = {early warning, South Sudan},
}
`
	if got != want {
		t.Errorf("BibTeX() =\n%s\nwant\n%s", got, want)
	}
}

func TestBibTeXTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Gaps in UNMISS", "Gaps in {UNMISS}"},
		{"The UN Secretariat (DPO) and A4P", "The {UN} Secretariat ({DPO}) and {A4P}"},
		{"MINUSCA's McDonald iPhone", "{MINUSCA}'s {McDonald} {iPhone}"},
		{"A Single I", "A Single I"},
		{"ÉTATS Côte", "{ÉTATS} Côte"},
		{"50% & {x}", `50\% \& {\textbraceleft}x{\textbraceright}`},
	}
	for _, tt := range tests {
		if got := bibTitle(tt.in); got != tt.want {
			t.Errorf("bibTitle(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestBibTeXRoundTrip parses what BibTeX writes with an independent parser and
// compares every field with the work it came from.
func TestBibTeXRoundTrip(t *testing.T) {
	works := []Work{oneAuthor, twoAuthors, noAuthor, hostile, hostile, {Title: "Minimal"}}
	out := BibTeX(works...)
	entries, err := parseBib(string(out))
	if err != nil {
		t.Fatalf("parseBib: %v\n%s", err, out)
	}
	if len(entries) != len(works) {
		t.Fatalf("parsed %d entries; want %d\n%s", len(entries), len(works), out)
	}
	keys := map[string]bool{}
	for i, e := range entries {
		w := works[i]
		if keys[e.key] {
			t.Errorf("duplicate key %q", e.key)
		}
		keys[e.key] = true
		if !strings.HasPrefix(e.key, Key(w)) {
			t.Errorf("entry %d: key %q; want prefix %q", i, e.key, Key(w))
		}
		field := func(name string) string {
			t.Helper()
			v, ok := e.fields[name]
			if !ok {
				return ""
			}
			s, err := decodeTeX(v.text)
			if err != nil {
				t.Errorf("entry %d: %s = {%s}: %v", i, name, v.text, err)
			}
			return s
		}
		check := func(name, got, want string) {
			t.Helper()
			if got != want {
				t.Errorf("entry %d (%s): %s = %q; want %q", i, e.key, name, got, want)
			}
		}

		wantType := "techreport"
		if w.Commentary {
			wantType = "misc"
			check("howpublished", field("howpublished"), joinNonEmpty(", ", oneLine(w.TypeTitle), oneLine(w.Organisation)))
			check("organization", field("organization"), oneLine(w.Organisation))
		} else {
			check("institution", field("institution"), oneLine(w.Organisation))
			check("type", field("type"), oneLine(w.TypeTitle))
		}
		check("entry type", e.typ, wantType)
		check("title", field("title"), oneLine(w.Title))
		check("abstract", field("abstract"), oneLine(w.Summary))

		// Authors: split at top-level " and ", then at the top-level comma.
		var gotAuthors []string
		if v, ok := e.fields["author"]; ok {
			for _, a := range splitTop(v.text, " and ") {
				if strings.HasPrefix(a, "{") && strings.HasSuffix(a, "}") && depthZeroOnlyAtEnds(a) {
					s, err := decodeTeX(a)
					if err != nil {
						t.Error(err)
					}
					gotAuthors = append(gotAuthors, "corporate:"+s)
					continue
				}
				parts := splitTop(a, ",")
				family, _ := decodeTeX(strings.TrimSpace(parts[0]))
				given := ""
				if len(parts) > 1 {
					given, _ = decodeTeX(strings.TrimSpace(strings.Join(parts[1:], ",")))
				}
				gotAuthors = append(gotAuthors, family+"|"+given)
			}
		}
		var wantAuthors []string
		for _, n := range w.names() {
			wantAuthors = append(wantAuthors, n.Family+"|"+n.Given)
		}
		if len(wantAuthors) == 0 && w.Organisation != "" {
			wantAuthors = []string{"corporate:" + oneLine(w.Organisation)}
		}
		if !slices.Equal(gotAuthors, wantAuthors) {
			t.Errorf("entry %d: authors %q; want %q", i, gotAuthors, wantAuthors)
		}

		// Dates.
		if w.Date.IsZero() {
			for _, f := range []string{"date", "year", "month"} {
				if _, ok := e.fields[f]; ok {
					t.Errorf("entry %d: undated work has %s", i, f)
				}
			}
		} else {
			check("date", field("date"), w.Date.Format("2006-01-02"))
			check("year", field("year"), w.Date.Format("2006"))
			m := e.fields["month"]
			if !m.bare || m.text != strings.ToLower(w.Date.Format("Jan")) {
				t.Errorf("entry %d: month = %+v; want bare macro %s", i, m, strings.ToLower(w.Date.Format("Jan")))
			}
		}

		// The URL is verbatim, except for the characters that cannot appear in a
		// braced value.
		wantURL := strings.NewReplacer("{", "%7B", "}", "%7D", `\`, "%5C", " ", "%20").Replace(w.URL)
		check("url", e.fields["url"].text, wantURL)

		if w.Language != "" {
			name, _ := babelName(w.Language)
			check("language", field("language"), name)
			check("langid", field("langid"), name)
		}

		var gotKW []string
		if kw := field("keywords"); kw != "" {
			gotKW = strings.Split(kw, ", ")
		}
		var wantKW []string
		for _, k := range w.Keywords {
			wantKW = append(wantKW, oneLine(strings.ReplaceAll(k, ",", " ")))
		}
		if !slices.Equal(gotKW, wantKW) {
			t.Errorf("entry %d: keywords %q; want %q", i, gotKW, wantKW)
		}
	}
}

// FuzzBibTeX checks that any work gives entries the parser reads back.
func FuzzBibTeX(f *testing.F) {
	f.Add(hostile.Title, hostile.Authors[0], hostile.Organisation, hostile.Summary, "x")
	f.Add("}{", "{", "}", "\\", "%")
	f.Fuzz(func(t *testing.T, title, author, org, summary, kw string) {
		w := Work{Title: title, Authors: []string{author}, Organisation: org, Summary: summary, Keywords: []string{kw}, Date: date(2020, 1, 1), TypeTitle: "Report"}
		out := BibTeX(w)
		entries, err := parseBib(string(out))
		if err != nil || len(entries) != 1 {
			t.Fatalf("parseBib: %d entries, %v\n%s", len(entries), err, out)
		}
		for name, v := range entries[0].fields {
			if name == "url" || v.bare {
				continue
			}
			if _, err := decodeTeX(v.text); err != nil {
				t.Fatalf("%s: %v\n%s", name, err, out)
			}
		}
		if got, _ := decodeTeX(entries[0].fields["title"].text); got != oneLine(title) {
			t.Fatalf("title %q; want %q", got, oneLine(title))
		}
	})
}

// A bibEntry is an entry as parsed by parseBib.
type bibEntry struct {
	typ, key string
	fields   map[string]bibValue
}

// A bibValue is a field's value: the text between its delimiters (inner braces kept),
// or a bare macro name or number.
type bibValue struct {
	text string
	bare bool
}

// parseBib is a small BibTeX parser: @type{key, name = value, ...} entries, with
// values braced (nested braces allowed), quoted (braces inside allowed, a quote
// inside braces allowed), bare numbers or macro names, and "#" concatenation. Text
// outside entries is ignored, as BibTeX does. Braces must balance within a value.
func parseBib(src string) ([]bibEntry, error) {
	p := &bibParser{s: src}
	var out []bibEntry
	for {
		i := strings.IndexByte(p.s[p.i:], '@')
		if i < 0 {
			return out, nil
		}
		p.i += i + 1
		e, err := p.entry()
		if err != nil {
			return out, fmt.Errorf("offset %d: %w", p.i, err)
		}
		out = append(out, e)
	}
}

type bibParser struct {
	s string
	i int
}

func (p *bibParser) skipSpace() {
	for p.i < len(p.s) && unicode.IsSpace(rune(p.s[p.i])) {
		p.i++
	}
}

func (p *bibParser) ident() string {
	p.skipSpace()
	start := p.i
	for p.i < len(p.s) && !strings.ContainsRune(" \t\r\n{}()\",=#%", rune(p.s[p.i])) {
		p.i++
	}
	return p.s[start:p.i]
}

func (p *bibParser) expect(c byte) error {
	p.skipSpace()
	if p.i >= len(p.s) || p.s[p.i] != c {
		return fmt.Errorf("want %q", c)
	}
	p.i++
	return nil
}

func (p *bibParser) entry() (bibEntry, error) {
	e := bibEntry{typ: strings.ToLower(p.ident()), fields: map[string]bibValue{}}
	if err := p.expect('{'); err != nil {
		return e, err
	}
	e.key = p.ident()
	if e.key == "" {
		return e, fmt.Errorf("missing key")
	}
	for {
		p.skipSpace()
		if p.i < len(p.s) && p.s[p.i] == '}' {
			p.i++
			return e, nil
		}
		if err := p.expect(','); err != nil {
			return e, err
		}
		p.skipSpace()
		if p.i < len(p.s) && p.s[p.i] == '}' {
			p.i++
			return e, nil
		}
		name := strings.ToLower(p.ident())
		if name == "" {
			return e, fmt.Errorf("missing field name")
		}
		if err := p.expect('='); err != nil {
			return e, err
		}
		v, err := p.value()
		if err != nil {
			return e, fmt.Errorf("field %s: %w", name, err)
		}
		if _, dup := e.fields[name]; dup {
			return e, fmt.Errorf("duplicate field %s", name)
		}
		e.fields[name] = v
	}
}

// value reads one or more parts joined by "#".
func (p *bibParser) value() (bibValue, error) {
	var parts []string
	bare := true
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			return bibValue{}, fmt.Errorf("unexpected end")
		}
		switch p.s[p.i] {
		case '{':
			s, err := p.delimited('}')
			if err != nil {
				return bibValue{}, err
			}
			parts, bare = append(parts, s), false
		case '"':
			s, err := p.delimited('"')
			if err != nil {
				return bibValue{}, err
			}
			parts, bare = append(parts, s), false
		default:
			id := p.ident()
			if id == "" {
				return bibValue{}, fmt.Errorf("empty value")
			}
			parts = append(parts, id)
		}
		p.skipSpace()
		if p.i < len(p.s) && p.s[p.i] == '#' {
			p.i++
			continue
		}
		return bibValue{text: strings.Join(parts, ""), bare: bare && len(parts) == 1}, nil
	}
}

// delimited reads a value opened by the current "{" or '"' up to the closing
// delimiter at brace depth zero, returning the text between them.
func (p *bibParser) delimited(end byte) (string, error) {
	p.i++ // opening delimiter
	start, depth := p.i, 0
	for ; p.i < len(p.s); p.i++ {
		switch c := p.s[p.i]; {
		case c == '{':
			depth++
		case c == '}' && depth > 0:
			depth--
		case c == end && depth == 0:
			p.i++
			return p.s[start : p.i-1], nil
		case c == '}':
			return "", fmt.Errorf("unbalanced }")
		}
	}
	return "", fmt.Errorf("unterminated value")
}

// texCommands are the control words decodeTeX understands.
var texCommands = map[string]string{
	"textbraceleft": "{", "textbraceright": "}", "textbackslash": `\`,
	"textasciitilde": "~", "textasciicircum": "^", "textless": "<", "textgreater": ">",
	"textbar": "|",
}

// decodeTeX turns a BibTeX value into the text it typesets: escapes and the control
// words above are decoded, grouping braces dropped. An unescaped TeX special
// character is an error, since it would not typeset as itself.
func decodeTeX(s string) (string, error) {
	var b strings.Builder
	depth := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				return "", fmt.Errorf("unbalanced } in %q", s)
			}
		case '\\':
			if i+1 >= len(s) {
				return "", fmt.Errorf("trailing \\ in %q", s)
			}
			j := i + 1
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
				j++
			}
			if j == i+1 { // a control symbol: \& \% ...
				if !strings.ContainsRune(`&%$#_{} `, rune(s[j])) {
					return "", fmt.Errorf("unknown control symbol \\%c in %q", s[j], s)
				}
				b.WriteByte(s[j])
				i = j
				continue
			}
			name := s[i+1 : j]
			t, ok := texCommands[name]
			if !ok {
				return "", fmt.Errorf("unknown command \\%s in %q", name, s)
			}
			b.WriteString(t)
			if strings.HasPrefix(s[j:], "{}") {
				j += 2
			} else {
				for j < len(s) && s[j] == ' ' { // TeX skips spaces after a control word
					j++
				}
			}
			i = j - 1
		case '&', '%', '$', '#', '_', '~', '^':
			return "", fmt.Errorf("unescaped %c in %q", c, s)
		default:
			b.WriteByte(c)
		}
	}
	if depth != 0 {
		return "", fmt.Errorf("unbalanced { in %q", s)
	}
	return b.String(), nil
}

// splitTop splits s at sep where sep is at brace depth zero.
func splitTop(s, sep string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
		default:
			if depth == 0 && strings.HasPrefix(s[i:], sep) {
				out = append(out, s[start:i])
				start = i + len(sep)
				i += len(sep) - 1
			}
		}
	}
	return append(out, s[start:])
}

// depthZeroOnlyAtEnds reports whether s is one brace group: its first "{" closes at
// its last character.
func depthZeroOnlyAtEnds(s string) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 && i != len(s)-1 {
				return false
			}
		}
	}
	return true
}

func TestParseBib(t *testing.T) {
	src := `Comment text
@misc{k1, title = "A {"}quoted{"} " # {b} # 2020, note = {x {y {z}}}, year = 2020,}
@book{k2,
  title = {\{}
}`
	// The second entry's \{ is unbalanced for BibTeX, which counts braces even when
	// escaped: the parser must refuse it.
	entries, err := parseBib(src)
	if err == nil {
		t.Errorf("parseBib accepted an escaped, unbalanced brace")
	}
	if len(entries) != 1 {
		t.Fatalf("parsed %d entries before the error; want 1", len(entries))
	}
	if got := entries[0].fields["title"].text; got != `A {"}quoted{"} b2020` {
		t.Errorf("title = %q", got)
	}
	if got := entries[0].fields["note"].text; got != "x {y {z}}" {
		t.Errorf("note = %q", got)
	}
	if v := entries[0].fields["year"]; !v.bare || v.text != "2020" {
		t.Errorf("year = %+v", v)
	}
	if _, err := decodeTeX(`50% off`); err == nil {
		t.Errorf("decodeTeX accepted an unescaped %%")
	}
}

// texEscape's fast path looks for texSpecial: it must list exactly what texEscapes spells.
func TestTexSpecialMatchesEscapes(t *testing.T) {
	for r := range texEscapes {
		if !strings.ContainsRune(texSpecial, r) {
			t.Errorf("%q is escaped but missing from texSpecial", r)
		}
	}
	for _, r := range texSpecial {
		if _, ok := texEscapes[r]; !ok {
			t.Errorf("%q is in texSpecial but has no escape", r)
		}
	}
}
