package protect

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// special folds the letters that NFKD does not decompose, as package search does.
var special = map[rune]string{
	'œ': "oe", 'æ': "ae", 'ß': "ss", 'ø': "o", 'đ': "d", 'ł': "l", 'ı': "i",
	'ς': "σ", 'ð': "d", 'þ': "th", 'ħ': "h",
}

// A folder cuts text into folded words (see the package doc). It remembers how it
// folded each non-ASCII character, so it is for one goroutine.
type folder struct {
	cache map[rune]string
	word  []byte
	start int // of the word being read, -1 between words
	end   int
}

// each calls fn for each word of text with its byte span in text and its folded form,
// which is valid only during the call.
func (f *folder) each(text []byte, fn func(start, end int, word []byte)) {
	f.start, f.word = -1, f.word[:0]
	flush := func() {
		if f.start >= 0 {
			fn(f.start, f.end, f.word)
		}
		f.start, f.word = -1, f.word[:0]
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRune(text[i:])
			f.add(f.fold(r), i, i+n, flush)
			i += n
			continue
		}
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			f.letter(c, i, i+1)
		case 'A' <= c && c <= 'Z':
			f.letter(c+'a'-'A', i, i+1)
		case c == '&':
			if s, n := charRef(text[i:]); n > 0 {
				for _, r := range s {
					f.add(f.fold(r), i, i+n, flush)
				}
				i += n
				continue
			}
			flush()
		default:
			flush()
		}
		i++
	}
	flush()
}

func (f *folder) letter(c byte, start, end int) {
	if f.start < 0 {
		f.start = start
	}
	f.word = append(f.word, c)
	f.end = end
}

// add adds a folded character: "" is ignored (a combining mark, a soft hyphen) but
// stays inside the word around it; a space separates words.
func (f *folder) add(folded string, start, end int, flush func()) {
	if folded == "" {
		if f.start >= 0 {
			f.end = end
		}
		return
	}
	for _, r := range folded {
		if r == ' ' {
			flush()
			continue
		}
		if f.start < 0 {
			f.start = start
		}
		f.word = utf8.AppendRune(f.word, r)
		f.end = end
	}
}

// fold returns the folded form of r: its letters and digits, a space for anything
// else, or "" when r is to be ignored.
func (f *folder) fold(r rune) string {
	if s, ok := f.cache[r]; ok {
		return s
	}
	var b strings.Builder
	if !unicode.Is(unicode.Cf, r) {
		for _, d := range norm.NFKD.String(string(unicode.ToLower(r))) {
			if unicode.Is(unicode.M, d) {
				continue
			}
			d = unicode.ToLower(d)
			switch sp, ok := special[d]; {
			case ok:
				b.WriteString(sp)
			case unicode.IsLetter(d) || unicode.IsNumber(d):
				b.WriteRune(d)
			default:
				b.WriteByte(' ')
			}
		}
	}
	if f.cache == nil {
		f.cache = map[rune]string{}
	}
	f.cache[r] = b.String()
	return f.cache[r]
}

// charRef decodes an HTML character reference at the start of b ("&eacute;", "&#233;"),
// returning the text it stands for and its length, or 0 when b does not start with one.
func charRef(b []byte) (string, int) {
	for j := 1; j < len(b) && j < 34; j++ {
		c := b[j]
		switch {
		case c == ';' && j > 1:
			ref := string(b[:j+1])
			if s := html.UnescapeString(ref); s != ref {
				return s, j + 1
			}
			return "", 0
		case c == '#' && j == 1, 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		default:
			return "", 0
		}
	}
	return "", 0
}

// foldWords returns the folded words of s.
func foldWords(s string) []string {
	var f folder
	var out []string
	f.each([]byte(s), func(_, _ int, w []byte) { out = append(out, string(w)) })
	return out
}
