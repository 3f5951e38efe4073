package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Arabic-script words are normalised by fold (see special: tatweel dropped, ٱ → ا,
// ة → ه, ى → ي, Arabic-Indic digits → ASCII; NFKD and the removal of marks already
// take the harakat, the superscript alef and the hamza off أ إ آ ؤ ئ) and stemmed
// lightly here, whatever the publication's language: titles and summaries mix scripts,
// and an Arabic word in an English brief is still Arabic. search.js has the same
// rules (arabicStem), and a parity test runs both.

// arabicPrefixes are stripped from the front of a word, the first that matches: the
// article and the article after a conjunction or a preposition (و ب ك ف + ال), "لل"
// (لِـ + ال), and the conjunction و alone. The order matters: "وال" before "و".
var arabicPrefixes = []string{"ال", "وال", "بال", "كال", "فال", "لل", "و"}

// arabicSuffixes are stripped from the end of a word in turn, each at most once: the
// pronoun suffixes ها and ه, the dual ان, the plurals ات ون ين, the nisba يه (ية
// once folded) and ي. ة folds to ه, so "ية" and "ة" are "يه" and "ه" here.
var arabicSuffixes = []string{"ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"}

// Minimum length of what remains, in letters: two after an article or a suffix, four
// after the conjunction و, which also begins many words: "وزير" (minister) and "وطني"
// (national) keep it, as they do after the article ("الوزير" is "وزير"). Light10 asks
// for three, and stems "وزير" to "زير" but "الوزير" to "وزير".
const (
	arabicMinStem   = 2
	arabicMinAfterW = 4
)

// isArabic reports whether a folded token is Arabic script, by its first letter.
func isArabic(s []byte) bool {
	r, _ := utf8.DecodeRune(s)
	return r >= 0x600 && unicode.Is(unicode.Arabic, r)
}

// arabicStem returns the light stem of a folded Arabic word, after Larkey, Ballesteros
// and Connell's "light10" (as in Lucene's ArabicStemmer): one prefix, then the suffixes
// in turn, each only when enough remains. Words with a digit are not stemmed.
func arabicStem(w string) string {
	if hasDigit([]byte(w)) {
		return w
	}
	n := utf8.RuneCountInString(w)
	for _, p := range arabicPrefixes {
		least := arabicMinStem
		if p == "و" {
			least = arabicMinAfterW
		}
		if k := utf8.RuneCountInString(p); n-k >= least && strings.HasPrefix(w, p) {
			w, n = w[len(p):], n-k
			break
		}
	}
	for _, s := range arabicSuffixes {
		if k := utf8.RuneCountInString(s); n-k >= arabicMinStem && strings.HasSuffix(w, s) {
			w, n = w[:len(w)-len(s)], n-k
		}
	}
	return w
}

// ArabicStem returns the light stem of a folded query word that is Arabic script,
// when it differs from the word, and "" otherwise. The index files every Arabic stem as
// a surface form too, so a client that looks the stem up finds the publications of
// forms of the word that do not occur as typed ("بالمدنيين" finds "المدنيون").
// searchtest.Reader, the Go twin of search.js, uses it.
func ArabicStem(word string) string {
	if !isArabic([]byte(word)) {
		return ""
	}
	if s := arabicStem(word); s != word {
		return s
	}
	return ""
}

// stopAR is a short list of Arabic function words: prepositions, pronouns,
// demonstratives, relatives and particles, as written; they are folded when used, so
// "إلى" is also "الى" and "الي".
var stopAR = strings.Fields(`في من على إلى عن مع منذ حتى عند بين لدى نحو ضد خلال
هو هي هم هن هما أنا نحن أنت أنتم هذا هذه هذان هاتان هؤلاء ذلك تلك أولئك
الذي التي الذين اللذين اللتين اللواتي اللاتي ما ماذا متى أين كيف لماذا
و أو أم ثم بل لكن أن إن كان كانت يكون تكون قد لقد لا لم لن ليس ليست إذا إذ كل بعض
غير أي كما أيضا ف ب ل ك`)
