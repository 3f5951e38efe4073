// Package cite formats a publication for citation: as Chicago and APA references for
// the "Cite this" block of a page, and as BibTeX and RIS records to download. It knows
// nothing of the site: the caller fills a Work from a page and the site configuration.
//
// # Names
//
// Authors are personal names as written in front matter. ParseName splits one into
// given and family names by these rules, in order:
//
//   - "Family, Given" (a comma) is taken as written: the text before the first comma is
//     the family name, the rest the given names. Write "King Jr., Martin Luther" or
//     "Van Gogh, Vincent" for names the next rules would split wrongly.
//   - A single word ("Ronaldinho") is a family name with no given name.
//   - Otherwise the family name starts at the first word, after the first, that begins
//     with a lower-case letter, so particles stay with it ("Jean-Luc de la Croix" →
//     "de la Croix", "Ana d'Almeida" → "d'Almeida", "Omar al-Bashir" → "al-Bashir");
//     without such a word it is the last word ("Amina Okafor" → "Okafor").
//
// Suffixes such as "Jr." and capitalised particles ("Van Gogh") are not recognised;
// use the comma form for them.
//
// A Work with no Authors is cited with its Organisation as a corporate author.
//
// # Keys
//
// Key builds a citation key from the first author's family name (or, with no author,
// the first word of the organisation that is not an article or preposition), the year
// ("nd" without a date) and the first title word that is not an article, preposition or
// conjunction (English, French, Spanish, Portuguese; "un" counts, as it is usually "UN"):
// "okafor2022warning", "delacroix2021measuring". Accents are folded ("Traoré" → "traore"), apostrophes split
// words ("d'Ivoire" → "d", "ivoire"), and anything that is not an ASCII letter or digit
// is dropped, so a key is [a-z0-9]+ and safe in BibTeX, URLs and file names. Keys change
// only when the first author, the year or the first title word changes. UniqueKeys makes
// the keys of a list of works distinct by appending "b", "c", ... to the second and later
// duplicates, in list order; BibTeX applies the same rule to the works it is given.
//
// # Styles
//
// Chicago and APA return HTML: text escaped with html.EscapeString, and the title (the
// part a style sets in italics) wrapped in <i>…</i>. Dates are written in English
// ("March 15, 2022"), whatever the language of the work; a work with no date gets
// "n.d.".
//
//   - Chicago (17th edition, notes-bibliography, bibliography entry): up to ten authors
//     are listed, the first inverted; more than ten give the first seven and "et al.".
//     A report or brief has an italic title followed by its type; a commentary has its
//     title in quotation marks, like an article. A numbered work is named by its series
//     label ("Policy Brief No. 12") instead of its type, and its report number follows
//     after a comma. The organisation is the publisher, and the entry ends with the
//     address (Link: the DOI's, or else the URL) and a period.
//   - APA (7th edition): authors as "Family, I. I.", joined with "&", up to twenty; more
//     give the first nineteen, an ellipsis and the last. A report or brief has its type in
//     square brackets after the italic title; a numbered one has its number in
//     parentheses instead ("(Policy Brief No. 12)", "(Policy brief No. CIC/PB/3)").
//     The organisation is named as publisher unless it is already the author. The
//     address (Link) ends the reference, with no period.
//
// # BibTeX
//
// BibTeX writes @techreport for reports and briefs (institution = the organisation,
// type = TypeTitle) and @misc for commentary (howpublished = "TypeTitle, Organisation",
// organization = the organisation). Every entry has author, title, date (ISO 8601, for
// biblatex), year, month (as the three-letter macro, unbraced), url, language and langid
// (babel names such as "english", "french", for biblatex), abstract and keywords (comma
// separated, as biblatex reads them: a comma inside one keyword becomes a space), and
// when the work has them series (the series title), number (the report number, or else
// the number in the series), doi (verbatim, like url), isbn and note (each correction:
// "Corrected June 1, 2024: …").
// No urldate is written: output depends only on its input, never on the clock.
//
// Values are braced and written so that both BibTeX and biber read them:
//
//   - The LaTeX specials & % $ # _ become \& \% \$ \# \_, and { } \ ~ ^ < > | become
//     {\textbraceleft} {\textbraceright} {\textbackslash} {\textasciitilde}
//     {\textasciicircum} {\textless} {\textgreater} {\textbar}. Braces in values are
//     therefore always balanced: BibTeX counts braces even when escaped with "\".
//   - Accented and other non-ASCII letters are kept as UTF-8 (biber and LaTeX read
//     UTF-8; legacy 8-bit BibTeX may not).
//   - In the title, words with an upper-case letter after their first letter (acronyms
//     such as "UN", "MONUSCO", "A4P", and names such as "McDonald") are wrapped in braces
//     so that styles which lower-case titles keep them.
//   - A corporate author is double-braced ({{Civilians in Conflict Programme}}) so it is
//     not split into given and family names; a name part containing the word "and" or a
//     comma is braced for the same reason.
//   - URLs are written as they are, except that "{", "}", "\" and spaces, which would
//     break the .bib syntax, are percent-encoded.
//   - Whitespace runs, including newlines, become single spaces.
//
// # RIS
//
// RIS writes one record per work: TY (RPRT for reports and briefs, ELEC, a web page, for
// commentary), AU per author as "Family, Given" (or the organisation), TI, PY (year), DA
// (YYYY/MM/DD), PB (organisation; also T2, the website title, for commentary), M3 (the
// type of work: TypeTitle), T3 (the series), SN (the ISBN, or else the report number, or
// else the number in the series: RIS has one SN), DO (the DOI), UR, L1 (the PDF), AB, KW
// per keyword, LA (the language code), N1 per correction and ER. Lines end in CR LF, as the RIS specification requires ("Each tag and its
// contents must be on a separate line, preceded by a carriage return/line feed"); readers
// such as Zotero and EndNote also accept LF. Records follow each other with no blank
// line. The file is UTF-8 with no byte-order mark. A value is always one line: newlines
// and other whitespace runs become single spaces, control characters are dropped, and
// "*", which the specification forbids in author and keyword fields, is dropped there.
// Spaces in URLs are percent-encoded.
package cite
