package search

// Whole-text entry points to the tokenizer and stemmer, for the tests: the index
// builder streams tokens instead.

// Tokens returns the folded tokens of text with the stop words of lang (and the Arabic
// ones, from Arabic-script words) removed, in order: what search.js computes for a query (index false) and what the index is built
// from (index true, which adds joined compounds). The index builder uses the same
// tokenizer without allocating a slice.
func Tokens(text, lang string, index bool) []string {
	t := &tokenizer{index: index}
	stop := stopWords(lang)
	var out []string
	t.scan(text, func(tk token) {
		if !stop[string(tk.surface)] && !(isArabic(tk.surface) && stopSets["ar"][string(tk.surface)]) {
			out = append(out, string(tk.surface))
		}
	})
	return out
}

// Stem returns the stem of one word in a language ("en", "fr"; others are not stemmed,
// but an Arabic-script word is stemmed as Arabic in any), folded, and false when it is a
// stop word.
func Stem(word, lang string) (string, bool) {
	st := newStemmer(lang)
	var f folder
	return st.stem([]byte(fold(word)), f.appendLower(nil, word))
}
