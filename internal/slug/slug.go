// Package slug turns titles and names into the URL path segments and HTML ids folio uses
// everywhere: "Côte d'Ivoire" becomes "cote-divoire", "UNMISS" becomes "unmiss".
//
// A slug is lower-case ASCII letters and digits in words joined by single hyphens. Accents
// are folded (NFD, then combining marks dropped) so URLs stay readable and typeable on
// any keyboard; letters with no ASCII decomposition (Arabic, Cyrillic...) are kept, so a
// title in another script still yields a usable, if percent-encoded, slug.
package slug

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxLen bounds a slug in bytes, well inside the 255-byte file name limit of common file
// systems even once percent-encoded characters are counted.
const MaxLen = 80

// Make returns the slug of s, or "" when s has no letters or digits.
func Make(s string) string {
	var b strings.Builder
	pendingHyphen := false
	for _, r := range norm.NFD.String(strings.ToValidUTF8(s, " ")) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // a combining accent: "é" was decomposed to "e" + U+0301
		case r == '\'' || r == '’' || r == '‘':
			continue // "d'Ivoire" reads as one word
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			r = unicode.ToLower(r)
		default:
			pendingHyphen = b.Len() > 0
			continue
		}
		if pendingHyphen {
			b.WriteByte('-')
			pendingHyphen = false
		}
		b.WriteRune(r)
	}
	return truncate(norm.NFC.String(b.String()))
}

// truncate cuts an over-long slug at a word boundary where it can.
func truncate(s string) string {
	if len(s) <= MaxLen {
		return s
	}
	cut := s[:MaxLen]
	for !utf8.ValidString(cut) {
		cut = cut[:len(cut)-1]
	}
	if i := strings.LastIndexByte(cut, '-'); i > MaxLen/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, "-")
}

// Valid reports whether s is already a well-formed slug, as Make would produce.
func Valid(s string) bool {
	return s != "" && Make(s) == s
}
