package cite

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// BibTeX returns works as BibTeX entries, in the order given, separated by blank lines.
// Works without a Key get Key(w), and duplicate keys are made distinct as UniqueKeys
// does. The output depends only on the works.
func BibTeX(works ...Work) []byte {
	ws := append([]Work(nil), works...)
	UniqueKeys(ws)
	var b bytes.Buffer
	for i, w := range ws {
		if i > 0 {
			b.WriteByte('\n')
		}
		writeBibEntry(&b, w)
	}
	return b.Bytes()
}

// A bibField is one "name = value" line; raw values (month macros) are not braced.
type bibField struct {
	name, value string
	raw         bool
}

func writeBibEntry(b *bytes.Buffer, w Work) {
	var fields []bibField
	add := func(name, value string) {
		if value != "" {
			fields = append(fields, bibField{name: name, value: value})
		}
	}
	org := oneLine(w.Organisation)
	typ := oneLine(w.TypeTitle)

	if names := w.names(); len(names) > 0 {
		var list []string
		for _, n := range names {
			list = append(list, bibName(n))
		}
		add("author", strings.Join(list, " and "))
	} else if org != "" {
		add("author", "{"+texEscape(org)+"}")
	}
	add("title", bibTitle(oneLine(w.Title)))
	entryType := "techreport"
	if w.Commentary {
		entryType = "misc"
		add("howpublished", texEscape(joinNonEmpty(", ", typ, org)))
		add("organization", texEscape(org))
	} else {
		add("institution", texEscape(org))
		add("type", texEscape(typ))
	}
	add("series", texEscape(oneLine(w.Series)))
	add("number", texEscape(w.number()))
	if !w.Date.IsZero() {
		add("date", w.Date.Format("2006-01-02"))
		add("year", w.Date.Format("2006"))
		fields = append(fields, bibField{name: "month", value: strings.ToLower(w.Date.Format("Jan")), raw: true})
	}
	add("url", bibURL(oneLine(w.URL)))
	add("doi", bibURL(oneLine(w.DOI)))
	add("isbn", texEscape(oneLine(w.ISBN)))
	var notes []string
	for _, c := range w.Corrections {
		notes = append(notes, texEscape(period(c.note())))
	}
	add("note", strings.Join(notes, " "))
	if lang := oneLine(w.Language); lang != "" {
		name, known := babelName(lang)
		add("language", texEscape(name))
		if known {
			add("langid", name)
		}
	}
	add("abstract", texEscape(oneLine(w.Summary)))
	var kws []string
	for _, k := range w.Keywords {
		if k = oneLine(strings.ReplaceAll(k, ",", " ")); k != "" {
			kws = append(kws, texEscape(k))
		}
	}
	add("keywords", strings.Join(kws, ", "))

	fmt.Fprintf(b, "@%s{%s,\n", entryType, w.Key)
	for _, f := range fields {
		if f.raw {
			fmt.Fprintf(b, "  %-12s = %s,\n", f.name, f.value)
		} else {
			fmt.Fprintf(b, "  %-12s = {%s},\n", f.name, f.value)
		}
	}
	b.WriteString("}\n")
}

// bibName writes a personal name as "Family, Given", bracing a part that BibTeX
// would otherwise split (one containing a comma or the word "and").
func bibName(n Name) string {
	part := func(s string) string {
		e := texEscape(s)
		if strings.Contains(s, ",") || hasAndWord(s) {
			return "{" + e + "}"
		}
		return e
	}
	if n.Given == "" {
		return part(n.Family)
	}
	return part(n.Family) + ", " + part(n.Given)
}

// hasAndWord reports whether s contains "and" as a word, which BibTeX reads as a
// separator between names.
func hasAndWord(s string) bool {
	for _, w := range strings.Fields(s) {
		if strings.EqualFold(w, "and") {
			return true
		}
	}
	return false
}

// bibTitle escapes a title and braces its acronyms and other words with an upper-case
// letter after the first, so that styles lower-casing titles keep them.
func bibTitle(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		i := strings.IndexFunc(s, isWordRune)
		if i < 0 {
			i = len(s)
		}
		b.WriteString(texEscape(s[:i]))
		s = s[i:]
		j := strings.IndexFunc(s, func(r rune) bool { return !isWordRune(r) })
		if j < 0 {
			j = len(s)
		}
		if word := s[:j]; word != "" {
			if needsProtection(word) {
				b.WriteString("{" + word + "}")
			} else {
				b.WriteString(word)
			}
		}
		s = s[j:]
	}
	return b.String()
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// needsProtection reports whether a word has an upper-case letter after its first rune.
func needsProtection(word string) bool {
	_, size := utf8.DecodeRuneInString(word)
	return strings.IndexFunc(word[size:], unicode.IsUpper) >= 0
}

// texEscapes spells the characters that are special to TeX or break BibTeX's brace
// counting. Commands are braced so BibTeX treats them as one "special character" when
// it changes case.
var texEscapes = map[rune]string{
	'&': `\&`, '%': `\%`, '$': `\$`, '#': `\#`, '_': `\_`,
	'{': `{\textbraceleft}`, '}': `{\textbraceright}`, '\\': `{\textbackslash}`,
	'~': `{\textasciitilde}`, '^': `{\textasciicircum}`,
	'<': `{\textless}`, '>': `{\textgreater}`, '|': `{\textbar}`,
}

// texSpecial lists the keys of texEscapes.
const texSpecial = "&%$#_{}\\~^<>|"

// texEscape returns s with TeX special characters escaped; other characters, accented
// letters included, are kept as UTF-8.
func texEscape(s string) string {
	if !strings.ContainsAny(s, texSpecial) {
		return s // most text: no copy
	}
	var b strings.Builder
	for _, r := range s {
		if e, ok := texEscapes[r]; ok {
			b.WriteString(e)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// bibURL percent-encodes the characters that would break a braced .bib value or the
// URL's verbatim reading; everything else, "%" and "#" included, is kept.
func bibURL(u string) string { return bibURLEscaper.Replace(u) }

// Made once: a Replacer is safe for concurrent use, and building one per call cost more
// than the replacing.
var bibURLEscaper = strings.NewReplacer("{", "%7B", "}", "%7D", `\`, "%5C", " ", "%20")

// babelNames maps language codes to the names babel, polyglossia and biblatex use.
var babelNames = map[string]string{
	"ar": "arabic", "de": "german", "en": "english", "es": "spanish", "fr": "french",
	"it": "italian", "nl": "dutch", "pt": "portuguese", "ru": "russian", "sw": "swahili",
	"tr": "turkish", "uk": "ukrainian",
}

// babelName returns the babel name of a language code ("fr-CA" → "french", true), or
// the code itself and false.
func babelName(code string) (string, bool) {
	primary, _, _ := strings.Cut(strings.ToLower(code), "-")
	if name, ok := babelNames[primary]; ok {
		return name, true
	}
	return code, false
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
