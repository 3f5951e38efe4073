package cite

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A Work is what a citation needs to know about a publication.
type Work struct {
	Key          string    // citation key, e.g. "okafor2022warning"; Key(w) when empty
	Title        string    // as written, in title case
	Authors      []string  // personal names as written, "Amina Okafor"; none: the organisation is the author
	Organisation string    // publisher or institution
	Date         time.Time // publication date; the zero time means undated
	TypeTitle    string    // "Policy brief", "Report", "Commentary"
	Commentary   bool      // an article-like piece rather than a report
	URL          string    // absolute
	PDFURL       string    // absolute, or ""
	Language     string    // BCP 47 code: "en", "fr"
	Summary      string    // plain text
	Keywords     []string  // plain text
	// Series is the title of the numbered series the work belongs to ("Policy Briefs"),
	// Number its number there, and SeriesLabel how that number is named ("Policy Brief
	// No. 12"); "", 0 and "" outside a series.
	Series       string
	Number       int
	SeriesLabel  string
	DOI          string       // "10.5555/pb-12", without "https://doi.org/"; or ""
	ISBN         string       // as written, "978-92-1-101441-9"; or ""
	ReportNumber string       // the publisher's own number for the work, as written; or ""
	Corrections  []Correction // oldest first
}

// A Correction is a dated notice of a change to the work.
type Correction struct {
	Date time.Time
	Text string
}

// Link is the address a reference gives: the DOI's, which does not change when the
// work's web page moves, or else URL.
func (w Work) Link() string {
	if d := oneLine(w.DOI); d != "" {
		return DOIURL(d)
	}
	return oneLine(w.URL)
}

// DOIURL is the address of a DOI at the DOI resolver, with the characters a DOI may
// hold that a URL path may not ("#", "?", "%", spaces...) percent-encoded.
func DOIURL(doi string) string {
	return "https://doi.org/" + (&url.URL{Path: doi}).EscapedPath()
}

// number is the work's number as a report: its report number, or else its number in its
// series; "" without either.
func (w Work) number() string {
	if r := oneLine(w.ReportNumber); r != "" {
		return r
	}
	if w.Number > 0 {
		return strconv.Itoa(w.Number)
	}
	return ""
}

// note writes a correction for a note: "Corrected June 1, 2024: text".
func (c Correction) note() string {
	return "Corrected " + c.Date.Format("January 2, 2006") + ": " + oneLine(c.Text)
}

// A Name is a personal name split into its parts.
type Name struct {
	Given  string // "Jean-Luc"; "" for a single name
	Family string // "de la Croix", with its particles
}

// ParseName splits a personal name as written into given and family names, by the
// rules in the package documentation.
func ParseName(s string) Name {
	s = strings.Join(strings.Fields(s), " ")
	if family, given, ok := strings.Cut(s, ","); ok {
		return Name{Given: strings.TrimSpace(given), Family: strings.TrimSpace(family)}
	}
	words := strings.Fields(s)
	switch len(words) {
	case 0:
		return Name{}
	case 1:
		return Name{Family: words[0]}
	}
	start := len(words) - 1
	for i := 1; i < len(words)-1; i++ {
		if r, _ := utf8.DecodeRuneInString(words[i]); unicode.IsLower(r) {
			start = i
			break
		}
	}
	return Name{Given: strings.Join(words[:start], " "), Family: strings.Join(words[start:], " ")}
}

// inverted returns "Family, Given", or "Family" alone.
func (n Name) inverted() string {
	if n.Given == "" {
		return n.Family
	}
	return n.Family + ", " + n.Given
}

// direct returns "Given Family".
func (n Name) direct() string {
	if n.Given == "" {
		return n.Family
	}
	return n.Given + " " + n.Family
}

// initials returns the given names as APA initials: "Jean-Luc Marie" → "J.-L. M.".
func (n Name) initials() string {
	var parts []string
	for _, word := range strings.Fields(n.Given) {
		var hy []string
		for _, p := range strings.Split(word, "-") {
			r, _ := utf8.DecodeRuneInString(p)
			if r == utf8.RuneError || !unicode.IsLetter(r) {
				continue
			}
			hy = append(hy, string(unicode.ToUpper(r))+".")
		}
		if len(hy) > 0 {
			parts = append(parts, strings.Join(hy, "-"))
		}
	}
	return strings.Join(parts, " ")
}

// names parses the authors of w, skipping blank ones.
func (w Work) names() []Name {
	var out []Name
	for _, a := range w.Authors {
		if n := ParseName(oneLine(a)); n.Family != "" {
			out = append(out, n)
		}
	}
	return out
}

// stopWords are the words a key skips to find a significant one. French "un" is not one
// of them: in this domain it is far more often "UN".
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`
		a an the and or nor but of on in at to for from by with without into onto upon
		about after against among amid before behind beneath beside between beyond during
		over through towards toward under until via within as is are be

		le la les l une des du de d et ou en au aux pour sur dans par avec sans entre

		el los las lo unos unas del y e o con sin para por al

		os as um uma do da dos das em no na nos nas com sem
	`) {
		stopWords[w] = true
	}
}

// keyWords folds s to lower-case ASCII words: accents removed, apostrophes and other
// punctuation splitting words, letters with no ASCII form dropped.
func keyWords(s string) []string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range norm.NFD.String(strings.ToValidUTF8(s, " ")) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent: "é" was decomposed to "e" + U+0301
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			// a letter with no ASCII decomposition ("ø", "ß", Arabic): dropped, but it
			// does not split the word
			if f, ok := foldExtra[r]; ok {
				b.WriteString(f)
			}
		default:
			flush()
		}
	}
	flush()
	return words
}

// foldExtra spells letters that NFD does not decompose.
var foldExtra = map[rune]string{
	'ß': "ss", 'ø': "o", 'Ø': "o", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th",
	'ı': "i",
}

// firstSignificant returns the first word of s that is not a stop word, or "".
func firstSignificant(s string) string {
	for _, w := range keyWords(s) {
		if !stopWords[w] {
			return w
		}
	}
	return ""
}

// Key returns the citation key of w, built from the first author's family name (or the
// organisation), the year and the first significant title word, as described in the
// package documentation. It ignores w.Key.
func Key(w Work) string {
	var who string
	if names := w.names(); len(names) > 0 {
		who = strings.Join(keyWords(names[0].Family), "")
	}
	if who == "" {
		who = firstSignificant(w.Organisation)
	}
	if who == "" {
		who = "anon"
	}
	year := "nd"
	if !w.Date.IsZero() {
		year = w.Date.Format("2006")
	}
	return who + year + firstSignificant(w.Title)
}

// UniqueKeys sets the Key of every work that has none to Key(w), then makes the keys
// distinct: the second and later works sharing a key get "b", "c", ... "z", "ba", ...
// appended, in list order. Pass works in a stable order (by date, then URL) so keys do
// not move between builds.
func UniqueKeys(works []Work) {
	used := map[string]bool{}
	for i := range works {
		k := sanitizeKey(works[i].Key)
		if k == "" {
			k = Key(works[i])
		}
		cand := k
		for n := 1; used[cand]; n++ {
			cand = k + suffix(n)
		}
		used[cand] = true
		works[i].Key = cand
	}
}

// suffix returns "b" for 1, "c" for 2, ..., "z" for 25, "ba" for 26...: a base-26
// number written with letters, never starting with "a" so it cannot look like the
// natural first key.
func suffix(n int) string {
	var b []byte
	for {
		b = append([]byte{byte('a' + n%26)}, b...)
		n /= 26
		if n == 0 {
			break
		}
	}
	return string(b)
}

// sanitizeKey drops from a caller's key the characters BibTeX does not allow in one.
func sanitizeKey(k string) string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r > '~' || strings.ContainsRune(`,{}()"'#%~\=`, r) {
			return -1
		}
		return r
	}, k)
}

// oneLine collapses whitespace runs, newlines included, to single spaces, drops other
// control characters, and trims.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		if unicode.IsControl(r) || r == utf8.RuneError {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
	return strings.Join(strings.Fields(s), " ")
}
