// Package protect finds protected terms in what a site would publish: the names of
// informants, victims and places that were promised anonymity, phone numbers, and
// patterns. A publication that names one fails the build, unless it approves that term
// (allow_protected in its front matter, checked by package content).
//
// # The list
//
// The list usually lives outside the site's repository (folio build --protect FILE, or
// FOLIO_PROTECT=FILE): it is the one file that must never be published. site.yaml may add
// terms under protect: for those that may themselves be public. The list file has one
// term a line:
//
//	# comments start with "#"; blank lines are ignored
//	Jean-Pierre Kabila           a name or place: words, see Matching
//	+243 81 234 5678             a phone number: see Phone numbers
//	re:\bcase-\d{4}-\d{3}\b      a Go regular expression (RE2 syntax), after "re:"
//
// A term that has no letter or digit, or a pattern that does not compile or that matches
// empty text, is an error at the list's file:line:col.
//
// # Matching
//
// Words. Both the term and the text are cut into words, maximal runs of letters and
// digits, each folded: compatibility decomposition (NFKD), accents and other combining
// marks removed, lower case, and a few letters that do not decompose replaced (ß is
// "ss", ø is "o", ł is "l"...). Invisible format characters (soft hyphen, zero-width
// space) are ignored, and HTML character references (&eacute;, &nbsp;) read as the
// character they stand for. A term matches a run of whole words equal to its words,
// whatever stands between them: "Jean-Pierre", "jean pierre", "JEAN  PIERRE",
// "Jéan_Pierre", "**Jean** Pierre" and "Jean\nPierre" all match the term "Jean Pierre";
// "Ali" does not match "Alice" or "reality". Anything that is not a letter or digit
// separates words, so the check errs on the side of reporting ("Jean, Pierre" matches
// too). Scripts written without spaces between words (Chinese, Thai) are matched only
// where a separator surrounds the term.
//
// Phone numbers. A term made only of digits, spaces and the characters + - . ( ) / and
// holding at least 7 digits is a phone number. In the text, a number is a run of digits
// joined by at most three of those separators (or spaces) at a time. A phone term
// matches a number when their last digits agree, as many as the shorter of the two has
// and at most 9: "+243 81 234 5678" matches "+243-812-345-678", "0812345678" and
// "812 345 678", so the national and international forms are both caught.
//
// Patterns. A "re:" term is matched against the text as written, ignoring case; it is not
// folded, so write \b where word boundaries matter. Each pattern costs one pass over
// the text (linear time: RE2 does not backtrack), while all word terms together and all
// phone terms together cost one pass each, through an Aho–Corasick automaton over words
// and an index of final digits.
//
// # Approving a term
//
// An entry of allow_protected approves the word or phone terms that match it whole, in
// every place the publication names them. For a pattern, an entry approves only the
// text it matches (one case number, not every case number). An entry that approves
// nothing is reported, so a typing slip is not mistaken for an approval.
//
// # Keeping the list secret
//
// Messages name a term by its line in the list ("line 7 of /secure/protect.txt") and
// quote only the text found in the publication, never the list's entry. Nothing of the
// list is written to the output or the caches; List.Hash is a SHA-256 digest for cache
// keys.
package protect
