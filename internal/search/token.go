package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"golang.org/x/text/unicode/norm"
)

// maxTokenLen is the longest token indexed, in code points; longer ones (URLs, hashes,
// long joined compounds) are dropped, here and in search.js.
const maxTokenLen = 40

// elisions are the French elided articles and conjunctions dropped before an apostrophe:
// "l'ONU" is "onu", "qu'il" is "il".
var elisions = map[string]bool{
	"l": true, "d": true, "j": true, "m": true, "n": true, "s": true, "t": true, "c": true,
	"qu": true, "jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true,
}

// special folds the letters that NFKD does not decompose, and normalises Arabic
// script: tatweel (U+0640) is dropped, alef wasla is alef, taa marbuta is haa, alef
// maqsura is yaa, and Arabic-Indic and Extended Arabic-Indic digits are ASCII digits
// (NFKD and the removal of marks already make أ إ آ ا, ؤ و and ئ ي, and drop the
// harakat). search.js has the same table.
var special = func() map[rune]string {
	m := map[rune]string{
		'œ': "oe", 'æ': "ae", 'ß': "ss", 'ø': "o", 'đ': "d", 'ł': "l", 'ı': "i",
		'ς': "σ", 'ð': "d", 'þ': "th", 'ħ': "h",
		'\u0640': "", 'ٱ': "ا", 'ة': "ه", 'ى': "ي",
	}
	for d := range rune(10) {
		m['٠'+d] = string('0' + d)
		m['۰'+d] = string('0' + d)
	}
	return m
}()

func isWordRune(r rune) bool   { return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) }
func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u02BC' }
func isJoiner(r rune) bool     { return r == '-' || r == '\u2010' || r == '\u2011' || r == '/' }

// fold returns the search form of one piece of a word: lower case, compatibility
// decomposition (NFKD), combining marks removed, lower case again, the special letters
// replaced, and anything that is not a letter or digit dropped. "Sécurité" is "securite",
// "Œuvre" is "oeuvre", "ﬁn" is "fin". search.js folds with the same steps.
func fold(s string) string {
	var f folder
	return string(f.appendFold(nil, s))
}

// A folder holds the scratch buffers of folding, so that folding allocates nothing.
type folder struct{ low, nfkd []byte }

func (f *folder) appendFold(dst []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				dst = append(dst, c)
			}
		}
		return dst
	}
	f.low = f.low[:0]
	for _, r := range s { // strings.ToLower, into a reused buffer
		f.low = utf8.AppendRune(f.low, unicode.ToLower(r))
	}
	f.nfkd = norm.NFKD.Append(f.nfkd[:0], f.low...)
	for i := 0; i < len(f.nfkd); {
		r, n := utf8.DecodeRune(f.nfkd[i:])
		i += n
		if unicode.Is(unicode.M, r) {
			continue
		}
		r = unicode.ToLower(r)
		if sp, ok := special[r]; ok {
			dst = append(dst, sp...)
			continue
		}
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}

// appendLower appends the form a French word is stemmed in: lower case and composed,
// accents kept (the French stemmer needs them: "sécurité" loses "ité", "securite" would
// not).
func (f *folder) appendLower(dst []byte, s string) []byte {
	f.nfkd = norm.NFC.AppendString(f.nfkd[:0], s)
	for i := 0; i < len(f.nfkd); {
		r, n := utf8.DecodeRune(f.nfkd[i:])
		i += n
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// A token is one indexed word: its folded surface form, and the lower-case form with
// accents that the stemmer reads. Both are only valid until the next token.
type token struct {
	surface []byte
	word    []byte
}

// A tokenizer splits text into tokens, reusing its buffers; it is not safe for
// concurrent use.
type tokenizer struct {
	index bool // also emit the joined form of compounds ("earlywarning")
	folder

	fold, low   []byte // pieces of the current compound, folded and lowered, back to back
	pieces      []piece
	words       []span // per word of the compound: its surface and stemming form
	joinS, join []byte
}

type piece struct {
	f0, f1, l0, l1 int // folded and lowered bytes in t.fold and t.low
	wordEnd        bool
}

type span struct{ s0, s1, w0, w1 int }

// scan calls emit for every token of text, in order.
//
// A compound is a run of letters, digits and marks in which an apostrophe (' ’ ʼ), a
// hyphen (- ‐ ‑) or a slash may appear between two word characters. A compound is split
// at hyphens and slashes into words, and a word at apostrophes into pieces; each piece is
// folded. A word whose first piece is a French elision (l d j m n s t c qu jusqu lorsqu
// puisqu quoiqu) loses it, a word whose last piece is "s" loses that (the English
// possessive), and the remaining pieces are joined: "l'ONU" is "onu", "mission's" is
// "mission", "aujourd'hui" is "aujourdhui". Every non-empty word is a token; in index
// mode a compound of two or more words also yields their concatenation, so
// "early-warning" gives "early", "warning" and "earlywarning" and "S/RES/2406" gives
// "s", "res", "2406" and "sres2406". Tokens longer than maxTokenLen are dropped.
func (t *tokenizer) scan(text string, emit func(token)) {
	i := 0
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf && !asciiWord[c] {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		simple := true // ASCII letters and digits only
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf && asciiWord[c] {
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				i += size
				simple = false
				continue
			}
			if isApostrophe(r) || isJoiner(r) {
				if r2, _ := utf8.DecodeRuneInString(text[i+size:]); i+size < len(text) && isWordRune(r2) {
					i += size
					simple = false
					continue
				}
			}
			break
		}
		if simple {
			t.fold = t.fold[:0]
			for _, c := range []byte(text[start:i]) {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				t.fold = append(t.fold, c)
			}
			t.emit(t.fold, t.fold, emit)
			continue
		}
		t.compound(text[start:i], emit)
	}
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (a [utf8.RuneSelf]bool) {
	for c := range a {
		a[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return
}()

func (t *tokenizer) compound(c string, emit func(token)) {
	t.fold, t.low, t.pieces, t.words = t.fold[:0], t.low[:0], t.pieces[:0], t.words[:0]
	ascii := true
	for i := 0; i < len(c); i++ {
		if c[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	// Cut into pieces.
	start := 0
	cut := func(end int, wordEnd bool) {
		p := piece{f0: len(t.fold), l0: len(t.low), wordEnd: wordEnd}
		t.fold = t.appendFold(t.fold, c[start:end])
		if !ascii { // folding ASCII only lowers it: the stemming form is the folded one
			t.low = t.appendLower(t.low, c[start:end])
		}
		p.f1, p.l1 = len(t.fold), len(t.low)
		t.pieces = append(t.pieces, p)
	}
	for i := 0; i < len(c); {
		r, size := utf8.DecodeRuneInString(c[i:])
		switch {
		case isApostrophe(r):
			cut(i, false)
			start = i + size
		case isJoiner(r):
			cut(i, true)
			start = i + size
		}
		i += size
	}
	cut(len(c), true)

	// Group pieces into words, applying elision and the possessive.
	first := 0
	for k, p := range t.pieces {
		if !p.wordEnd {
			continue
		}
		ps := t.pieces[first : k+1]
		first = k + 1
		// Drop empty pieces (a piece of marks only folds to nothing).
		n := 0
		for _, q := range ps {
			if q.f1 > q.f0 {
				ps[n] = q
				n++
			}
		}
		ps = ps[:n]
		if len(ps) >= 2 && elisions[string(t.fold[ps[0].f0:ps[0].f1])] {
			ps = ps[1:]
		}
		if len(ps) >= 2 && string(t.fold[ps[len(ps)-1].f0:ps[len(ps)-1].f1]) == "s" {
			ps = ps[:len(ps)-1]
		}
		if len(ps) == 0 {
			continue
		}
		var sp span
		if len(ps) == 1 {
			sp = span{ps[0].f0, ps[0].f1, ps[0].l0, ps[0].l1}
		} else {
			// Join the pieces at the end of the buffers.
			sp.s0 = len(t.fold)
			for _, q := range ps {
				t.fold = append(t.fold, t.fold[q.f0:q.f1]...)
			}
			sp.s1 = len(t.fold)
			sp.w0 = len(t.low)
			for _, q := range ps {
				t.low = append(t.low, t.low[q.l0:q.l1]...)
			}
			sp.w1 = len(t.low)
		}
		t.words = append(t.words, sp)
	}
	low := t.low
	if ascii {
		low = t.fold
		for i := range t.words {
			t.words[i].w0, t.words[i].w1 = t.words[i].s0, t.words[i].s1
		}
	}
	for _, w := range t.words {
		t.emit(t.fold[w.s0:w.s1], low[w.w0:w.w1], emit)
	}
	if t.index && len(t.words) >= 2 {
		t.joinS, t.join = t.joinS[:0], t.join[:0]
		for _, w := range t.words {
			t.joinS = append(t.joinS, t.fold[w.s0:w.s1]...)
			t.join = append(t.join, low[w.w0:w.w1]...)
		}
		t.emit(t.joinS, t.join, emit)
	}
}

func (t *tokenizer) emit(surface, word []byte, emit func(token)) {
	if len(surface) > maxTokenLen && utf8.RuneCount(surface) > maxTokenLen {
		return
	}
	emit(token{surface: surface, word: word})
}

// A stemmer reduces the tokens of one language to their stems. Stop words of the
// language are dropped before stemming.
type stemmer struct {
	lang string // "en", "fr" or "" for no stemming
	stop map[string]bool
}

func newStemmer(lang string) stemmer {
	l := baseLang(lang)
	switch l {
	case "en", "fr":
		return stemmer{lang: l, stop: stopWords(l)}
	}
	return stemmer{}
}

// baseLang returns the primary subtag of a language tag, lower case: "en-GB" is "en".
func baseLang(tag string) string {
	l, _, _ := strings.Cut(strings.ToLower(tag), "-")
	return l
}

// Stem returns the folded stem of a token given by its folded surface and its lowered
// form, and false for a stop word. Tokens with a digit are not stemmed ("2406",
// "1990s"). English is stemmed from the folded form, French from the accented one (then
// folded): the Snowball French rules are written for accented suffixes. An Arabic-script
// token is stopped and stemmed as Arabic whatever the language (arabic.go).
func (st stemmer) stem(surface, word []byte) (string, bool) {
	if st.stop[string(surface)] {
		return "", false
	}
	if isArabic(surface) {
		if stopSets["ar"][string(surface)] {
			return "", false
		}
		return arabicStem(string(surface)), true
	}
	if st.lang == "" || hasDigit(surface) {
		return string(surface), true
	}
	if st.lang == "en" {
		return english.Stem(string(surface), true), true
	}
	return fold(french.Stem(string(word), true)), true
}

func hasDigit(b []byte) bool {
	for _, c := range b {
		if '0' <= c && c <= '9' {
			return true
		}
	}
	return false
}

// minPrefix is the number of characters the last word of a query needs before it is
// also matched as a prefix; the same in search.js.
const minPrefix = 2

// QueryWords splits a query as search.js does: the folded tokens without joined
// compounds, duplicates removed, and whether the last one is a prefix (the query does
// not end with a space and it has at least minPrefix characters). The index is built
// for it; searchtest.Reader, the Go twin of search.js, uses it.
func QueryWords(q string) (words []string, lastPrefix bool) {
	t := &tokenizer{}
	seen := map[string]bool{}
	lastNew := false
	t.scan(q, func(tk token) {
		s := string(tk.surface)
		if lastNew = !seen[s]; lastNew {
			seen[s] = true
			words = append(words, s)
		}
	})
	trimmed := strings.TrimRightFunc(q, func(r rune) bool { return !isWordRune(r) })
	lastPrefix = lastNew && len(trimmed) == len(q) && utf8.RuneCountInString(words[len(words)-1]) >= minPrefix
	return words, lastPrefix
}
