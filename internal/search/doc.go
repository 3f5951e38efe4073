// Package search builds the site's search index: a set of small, immutable, binary
// files under search/ that themes/default/static/search.js reads to search the
// publications, rank them, filter them by facets and show results, with no server.
//
// Build takes the site model and returns the files and the URL of the manifest, which
// the search page names in its form (data-manifest). searchtest.Reader, a Go twin of
// search.js, answers queries from those files exactly as search.js does, for the tests
// and bench/search.
//
// # What is indexed
//
// Every publication, in the model's order (newest first): that position is its
// document id, so "newest first" is "lowest id first" everywhere. Five fields, with
// weights in the term frequency: title 5, summary 3, taxonomy names (countries,
// missions, authors, tags) 2, headings 2, body 1. The body is markdown.Body.Text, which
// contains the headings too, so a heading word counts 2 + 1.
//
// # Tokens
//
// The tokeniser (token.go, and the same code in search.js) reads compounds: runs of
// letters, digits and combining marks in which an apostrophe (' ’ ʼ), a hyphen (- ‐ ‑)
// or a slash may stand between two word characters. A compound is split at hyphens and
// slashes into words, a word at apostrophes into pieces, and every piece is folded:
// lower case, NFKD, combining marks removed, lower case again, œ æ ß ø đ ł ı ς ð þ ħ
// spelled out, anything but letters and digits dropped. So "Sécurité" and "securite"
// are both "securite", and "ﬁn" is "fin". A leading French elision (l d j m n s t c qu
// jusqu lorsqu puisqu quoiqu) is dropped from a word, as is a trailing "s" piece (the
// English possessive), and the remaining pieces are joined: "l'ONU" is "onu",
// "d'alerte" is "alerte", "mission's" is "mission", "aujourd'hui" is "aujourdhui".
//
// Arabic script is normalised by the same fold: NFKD and the removal of marks drop the
// harakat and the superscript alef and take the hamza off أ إ آ ؤ ئ (so ا و ي), and a
// table drops tatweel and makes ٱ ا, ة ه and ى ي; Arabic-Indic digits (٠-٩, ۰-۹) are
// ASCII digits. "الأُمَم المتّحدة" and "الامم المتحده" are the same two tokens.
//
// Hyphenated and slashed compounds: the index gets every word and also the words
// joined, so "early-warning" is indexed as "early", "warning" and "earlywarning", and
// "S/RES/2406" as "s", "res", "2406" and "sres2406" ("s" is then a stop word). A query
// gets only the words, which are all required: "early-warning" finds "early warning"
// and "early-warning", "earlywarning" finds "early-warning", and "S/RES/2406" finds the
// resolution however it is written, "2406" alone too. Numbers are tokens like words;
// "1,500" is "1" and "500". Tokens longer than 40 characters are dropped.
//
// # Stop words and stems
//
// The language of a publication (its lang, else the site's) chooses the stop words
// and the Snowball stemmer (github.com/kljensen/snowball) for "en" and "fr"; other
// languages are neither stemmed nor stopped. Tokens with a digit are not stemmed.
// English is stemmed from the folded token, French from the lower-case token with its
// accents (the French rules need them), and the stem is then folded. Stems are not
// tagged with their language: French "sécurité" and English "security" share the stem
// "secur", so cognates find each other across editions.
//
// Arabic-script tokens, in a publication of any language (titles mix scripts), have
// their own short stop-word list and a light stemmer (arabic.go, after "light10"): one
// prefix of ال وال بال كال فال لل (when two letters remain) or و (when four remain), then
// the suffixes ها ان ات ون ين يه ه ي in turn (when two remain). "والمدنيين",
// "المدنيون" and "مدني" are all "مدن".
//
// The client does not stem. Postings are kept per stem, and each shard also carries its
// surface forms: every folded word that occurs in the publications, with the stems it
// was reduced to. The browser folds the word typed, finds the shard whose range holds
// it, and looks the word up there to learn its stems. Stemming stays in Go, in one
// place, and the lookup is exact for every language; a form that never occurs in the
// site is not found, which costs nothing, since it would match nothing anyway. A
// surface may map to several stems ("securite" is "secur" from "sécurité" in French and
// "securit" from an unaccented or English "securite"); a query word matches the union.
//
// Arabic attaches the article, conjunctions and prepositions to the word, so a form
// typed is often one the site never uses ("للمدنيين" for a text with "المدنيين").
// Arabic stems are therefore also filed as surface forms, each mapping to itself, and
// the client, which has the same light stemmer (ArabicStem, arabicStem in search.js),
// looks an Arabic word up both as typed and as its stem, with the same weight, in the
// word's shard and the stem's.
//
// Query stop words: a query word that is a stop word of any language of the index is
// ignored, unless it occurs in the index as a surface form ("un" is a French stop word
// but "UN" in English text is indexed as "un", and found).
//
// # Ranking
//
// BM25F: for a stem t in publication d, the weighted term frequency is
// w = Σ_field weight·tf / (1 − b + b·len/avglen) with b = 0.75, per field; the
// publication's share is w/(w + k1) with k1 = 1.2, stored quantised as a byte 1..255.
// The stem stores idf = ln(1 + (N − df + 0.5)/(df + 0.5)) in 1/256ths. A query word's
// score in d is 2·idf·q for a stem of the word as typed and 1·idf·q for a stem of a
// longer word it is a prefix of (the last word only), the best of its stems; a
// publication must match every word, and its score is the sum over words. Integers
// throughout, so Go and JavaScript agree exactly. Ties go to the newest. With no query
// (only filters, or nothing), publications are listed newest first.
//
// Prefixes: the last word of a query that does not end with a space or punctuation,
// once it has two characters, also matches every surface form that starts with it, in
// the shard or shards its range spans, if there are at most two: "accountab" finds
// "accountability". A shorter prefix of a big site, which would span more, matches as a
// whole word until more is typed.
//
// # Files
//
// All files are binary: unsigned LEB128 varints, and strings as a varint byte length
// and UTF-8. Binary because postings dominate, and delta-coded varints and score bytes
// compress about 25% better than the same numbers as JSON arrays (measured: 1.25–1.38×
// gzipped), and a decoder is twenty lines of JavaScript. Every file is stored
// compressed, as raw DEFLATE (level 6), and the grammars below are of the inflated
// content; sizes are quoted as stored (see Serving).
//
//	search/manifest.<hash>.bin   the entry file; <hash> is of its own content
//	search/s<i>.<gen>.bin        shard i
//	search/d<i>.<gen>.bin        display chunk i
//	search/f<i>.<gen>.bin        the column of facet i, when it is lazy
//
// <gen> is a hash of all shards, chunks and facet files together, and is stored in the
// manifest, which names nothing else. One hash for the set rather than one per file
// because a new publication changes every file anyway (document ids shift, idf and
// average lengths change every score), and a hash per file would cost five bytes per
// file in the manifest for nothing. Every name is still content-addressed: files can be
// served with "Cache-Control: max-age=31536000, immutable"; only the search page, which
// names the manifest, must be revalidated.
//
// The manifest:
//
//	manifest  = "FLS1" gen docbase ndocs chunkdocs nchunks nshards key*
//	            stopwords sitelang dates nfacets facet* typenames
//	key       = string: the smallest string in shard i ("" for the first); a word
//	            belongs to the last shard whose key is not after it, in UTF-16 order
//	stopwords = count string*: the stop words of the index's languages, folded and
//	            sorted, for the client to ignore in queries (so the lists live in Go only)
//	dates     = ndocs varints: the newest publication's days since 1970-01-01, then
//	            how many days older each one is than the one before
//	facet     = param label nterms (key title)* lazy [column]
//	column    = ndocs varints (the number of terms of each publication), then their
//	            term indexes, publication after publication; absent if lazy = 1, when
//	            it is the file f<i> instead
//	typenames = count string*: singular type names, in the type facet's order
//
// A shard:
//
//	shard   = nterms term* nsurfaces surface* nrecords (docdelta record)*
//	term    = idf npostings nbytes docdelta* score*   (nbytes: of the deltas and scores)
//	surface = shared suffix nrefs termindex*          (front-coded against the previous)
//	record  = title url summary lang                  (url after docbase; lang "" = site's)
//
// docbase is the publications folder ("/publications/") when every publication is in
// it, else the site's root (a site with editions has "/fr/publications/…" too).
//
// Doc deltas are the difference to the previous id, the first counted from −1. A
// display chunk is chunkdocs records (fewer in the last) of consecutive publications.
//
// # Sharding
//
// The surface forms are sorted in UTF-16 order and cut into ranges of about 24 kB
// inflated (about 15 kB stored), so one word costs one request of bounded size whatever
// the size of the site; a stem whose forms straddle a cut is stored in both shards.
// Shard keys are the shortest prefixes that separate the ranges. A frequent word's
// postings can make its shard bigger; one common word of a 10,000-publication site is
// about 13 kB.
//
// # Display data
//
// Results show the title (linked), type, date, objectives and a snippet. Type and
// objectives come from the facet columns and the date from the manifest; the title,
// URL, summary and language come from display records. Records are in chunks of ten
// consecutive publications (the newest ten, shown before anything is typed, are one
// request), and, to spare a one-word query for a frequent word its ten chunk requests,
// shards also carry the records of the ten best publications of each of the 512 most
// frequent stems (packs). The client keeps every record it has seen and fetches a
// chunk only for a result whose record it lacks.
//
// Snippets are built by the client from the summary (and the title is highlighted too):
// the words whose folded form is a surface form of a matched stem (or, for an Arabic
// word, whose light stem is), or starts with the prefix being typed, are wrapped in
// <mark>; a summary over 260 characters is cut to
// about 240 around the first match. A body snippet would need body text on the wire:
// even one sentence per publication and stem is many times the index, so the summary,
// which the authors write for exactly this purpose, is the snippet. A result's title
// and snippet carry the record's language (lang) and dir="auto", so an Arabic title in
// an English page, or a French one in an Arabic page, is pronounced and laid out in its
// own language and direction.
//
// # Facets
//
// Language, objective, type, year, country, mission and author, each a column of term
// indexes per publication. Several values of one facet are ORed, facets are ANDed, and
// the count shown for a term of a facet ignores that facet's own selection (so choosing
// 2023 still shows how many there are for 2024). Language, objective, type and year
// columns are always in the manifest; country, mission and author columns move to their
// own file when they are larger than 4 kB raw, and are fetched when their facet is
// opened or used, so the first query of a big site does not pay for a list of 200
// authors it does not show.
//
// The language facet (URL parameter "language", LanguageParam) is there only when the
// publications are in more than one language. Its keys are primary subtags ("fr-CA" is
// "fr"), in the order of site.yaml's languages, and its titles are the languages' names
// in themselves (the languages list's names, else a small table: English, Français,
// العربية), so the client needs no table of its own. One index serves every edition's
// search page: the page's <html lang> chooses the default. Without a language in its
// URL, a page filters to its own language when the index has publications in it, and
// to none otherwise; "language=all" is every language, and a language equal to the
// default is left out of the URL. The client shows this facet as radio buttons, "All
// languages" first. searchtest.Reader's FromURL, URL and DefaultLanguage are the same
// rules, and the parity tests compare them with search.js.
//
// # Serving
//
// Many static hosts (GitHub Pages, S3, many CDNs) compress only text types and send
// application/octet-stream as it is: there the index files would cost 1.6 times their
// compressed size, the manifest up to 4 times. So Build compresses every file itself and
// search.js inflates it with DecompressionStream("deflate-raw"): the bytes of a search
// are the same on every host, and a host that gzips .bin responses anyway gains nothing
// and loses a few bytes. Raw DEFLATE rather than gzip or zlib: the same compressor,
// without their 18 or 6 bytes of header and checksum per file. Level 6: level 9 takes
// twice as long for 0.05% fewer bytes. The cost is browsers from before 2023 (Chrome and
// Edge 103, Firefox 113, Safari 16.4), which lack DecompressionStream or its
// "deflate-raw": there the search page says that search needs a newer browser and
// fetches no index file.
//
// # Build
//
// Tokenising, stemming and counting run on all cores; a word is stemmed once for the
// whole site, and frequent words are found in a small per-worker cache. Stems get ids in
// arrival order, so nothing in the output depends on an id: postings are in publication
// order, shards in surface order, stems in a shard in order of first use. The same site
// always gives the same bytes. Memory: a packed 8-byte entry per (publication, stem)
// until scores are computed, then 5 bytes per posting.
package search
