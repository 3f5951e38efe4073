package markdown

import (
	"fmt"
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/internal/slug"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/unicode/norm"
)

// A Recommendation is one item of a publication's "## Recommendations" section.
//
// The section is the H2 whose text is "Recommendations" or "Key recommendations", in
// French "Recommandations", "Principales recommandations" or "Recommandations clés",
// in Arabic "التوصيات", "التوصيات الرئيسية" or "أهم التوصيات" (any case, accents and
// hamza ignored, an optional final colon, "：", "،" or "؛"), up to the next H1 or H2.
// The language is not declared: every form is recognised in every document, since an
// edition may quote another's section and the forms do not collide. Its
// recommendations are the top-level items of the lists placed directly in it; a nested
// list belongs to the text of its parent item. Each item is addressed to whoever the
// latest addressee line before it names:
//
//   - Form A, a paragraph whose whole text is an addressee line ending in a colon,
//     bold or not: "To …:" ("To the UN Security Council:"); in French "À …", "Au …",
//     "Aux …", "À l’…", "À la …", "À l’attention de/du/des/de la/de l’ …" (straight or
//     typographic apostrophe, "A" for "À" before "la", "l’" and "l’attention"; the
//     space before the colon normal, no-break, narrow no-break or absent); in Arabic
//     "إلى …:" or "الى …:". Its addressee lasts until the next addressee or the next
//     heading.
//   - Form B, a heading (H3 to H6) reading as such a line, colon optional ("### To
//     Member States", "### Aux États membres", "### إلى مجلس الأمن"), or naming an
//     addressee without one. English puts the head noun last: the heading's last word,
//     ignoring a final parenthesis, is one of council, secretariat, secretary-general,
//     states, government(s), leadership, mission(s), countries, contributors, donors,
//     parties, authorities, union, commission, agencies, partners, commanders,
//     society, organisations, members, actors, DPO, DPPA ("### Member States", "### The
//     UN Secretariat (DPO)"). French and Arabic put it first: the first word, after a
//     French article, is one of frenchNouns or arabicNouns below ("### Conseil de
//     sécurité", "### États membres", "### مجلس الأمن", "### الدول الأعضاء"). The
//     words spelt alike in English, ambiguousNouns ("mission", "forces"...), count only
//     in a heading with a French accent, elision or function word ("### Mission de
//     l’ONU"), so that an English "### Mission planning" stays a topic. Its addressee
//     lasts until the next heading of the same or a higher level; a deeper heading that
//     names no addressee ("#### On mandates") keeps it, and a deeper one that does
//     applies until it ends in turn.
//
// An addressee line is not one when it reads as a sentence: when it has more than
// fifteen words after its prefix or a modal verb ("To do so, the Council should:",
// "À cette fin, le Conseil devrait :", "يجب على مجلس الأمن:"). A French line must also
// name something: its addressee starts with a capital ("Au Conseil de sécurité") or one
// of frenchNouns or ambiguousNouns ("À la direction de la mission"), so "À cette fin :"
// or "Au niveau national :" is not one. An Arabic line is not one when its first word after "إلى"
// makes it an adverbial phrase ("إلى جانب ذلك:", "in addition to this"). Items before
// any addressee, or after a heading that names none, have Addressee "".
type Recommendation struct {
	// Addressee is the addressee as written, without its prefix ("To", "À", "Au",
	// "Aux", "À l’attention de"..., "إلى"), a leading article ("the"; French "le", "la",
	// "les", "l’") or the colon: "UN Security Council", "mission’s leadership",
	// "Senior Mission Leadership", "Conseil de sécurité" (from "Au Conseil de sécurité :"),
	// "direction de la mission" (from "À la direction de la mission :"), "مجلس الأمن"
	// (from "إلى مجلس الأمن:"). French articles are stripped, not restored, as the
	// English "the" is: "Au" and "Aux" contract "à le" and "à les", so restoring them
	// would mean guessing gender and number, and the canonical names of site.yaml carry
	// no article either. NormalizeAddressee maps it to a site's canonical name.
	Addressee string
	// Text is the plain text of the item, sub-items included, with typographic
	// punctuation, entities and backslash escapes decoded and whitespace collapsed.
	Text string
	// ID is the anchor id set on the item's <li>: "rec-" + the slug of Addressee + "-"
	// + the item's 1-based position among the document's items with that addressee
	// slug ("rec-un-security-council-2", "rec-conseil-de-securite-1"), or "rec-" + its
	// position among the items with no addressee or an addressee whose slug is empty
	// ("rec-3"). Arabic letters stay in the slug, hamza and diacritics dropped
	// ("إلى مجلس الأمن:" gives "rec-مجلس-الامن-1"), so an Arabic addressee gets an id
	// of its own, unchanged by how fully the text is vocalised. An id already taken in
	// the document (a heading, an {#id} attribute, an earlier item) gets "-2", "-3"...
	// appended. Ids therefore stay valid when items are added to or removed from other
	// addressees, or appended to the same one.
	ID string
}

// extractRecommendations returns the recommendations of the document root, parsed from
// src, in document order, and sets the "id" attribute of each one's ast.ListItem so
// that the rendered HTML carries the anchor. Call it after parsing and before
// rendering, once per parsed tree.
func extractRecommendations(root ast.Node, src []byte) []Recommendation {
	used := documentIDs(root)
	count := map[string]int{}
	var out []Recommendation

	// scope is a stack of addressees: heading addressees at their heading level,
	// paragraph addressees at level 7, below any heading.
	type scoped struct {
		name  string
		level int
	}
	const paragraphLevel = 7

	n := root.FirstChild()
	for n != nil {
		h, ok := n.(*ast.Heading)
		if !ok || h.Level != 2 || !isRecommendationsHeading(decodedText(h, src)) {
			n = n.NextSibling()
			continue
		}
		var scope []scoped
		for n = n.NextSibling(); n != nil; n = n.NextSibling() {
			if h, ok := n.(*ast.Heading); ok && h.Level <= 2 {
				break // the next section, perhaps another "Recommendations"
			}
			switch m := n.(type) {
			case *ast.Heading:
				for len(scope) > 0 && scope[len(scope)-1].level >= m.Level {
					scope = scope[:len(scope)-1]
				}
				if a, ok := headingAddressee(decodedText(m, src)); ok {
					scope = append(scope, scoped{a, m.Level})
				}
			case *ast.Paragraph:
				if a, ok := paragraphAddressee(decodedText(m, src)); ok {
					if len(scope) > 0 && scope[len(scope)-1].level == paragraphLevel {
						scope = scope[:len(scope)-1]
					}
					scope = append(scope, scoped{a, paragraphLevel})
				}
			case *ast.List:
				addressee := ""
				if len(scope) > 0 {
					addressee = scope[len(scope)-1].name
				}
				for c := m.FirstChild(); c != nil; c = c.NextSibling() {
					item, ok := c.(*ast.ListItem)
					if !ok || strings.TrimSpace(decodedText(item, src)) == "" {
						continue // an empty bullet (reported by unfinished) is no recommendation
					}
					base := "rec"
					if s := slug.Make(addressee); s != "" {
						base += "-" + s
					}
					count[base]++
					id := fmt.Sprintf("%s-%d", base, count[base])
					for i := 2; used[id]; i++ {
						id = fmt.Sprintf("%s-%d-%d", base, count[base], i)
					}
					used[id] = true
					item.SetAttributeString("id", []byte(id))
					out = append(out, Recommendation{Addressee: addressee, Text: decodedText(item, src), ID: id})
				}
			}
		}
	}
	return out
}

// documentIDs returns the ids already set on nodes of the tree: headings' generated
// and {#custom} ids, and ids given to other blocks with attributes.
func documentIDs(root ast.Node) map[string]bool {
	used := map[string]bool{}
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Attributes() != nil {
			if v, ok := n.AttributeString("id"); ok {
				switch v := v.(type) {
				case []byte:
					used[string(v)] = true
				case string:
					used[v] = true
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return used
}

// recommendationsHeadings are the folded texts (addresseeKey) of the H2s that open the
// section.
var recommendationsHeadings = map[string]bool{}

// isRecommendationsHeading reports whether an H2's text opens the recommendations.
func isRecommendationsHeading(text string) bool {
	return recommendationsHeadings[addresseeKey(trimColon(text))]
}

// trimColon removes trailing spaces (no-break ones included) and colons: ":", the
// full-width "：", and the Arabic comma "،" and semicolon "؛" that some Arabic writers
// put where a colon would be.
func trimColon(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == ':' || r == '：' || r == '،' || r == '؛'
	})
}

// paragraphAddressee returns X for a paragraph reading "To X:", "Au X :", "إلى X:"...
func paragraphAddressee(text string) (string, bool) {
	t := strings.TrimSpace(text)
	if !strings.HasSuffix(t, ":") && !strings.HasSuffix(t, "：") {
		return "", false
	}
	a, ok, _ := lineAddressee(t)
	return a, ok
}

// headingAddressee returns X for a heading reading as an addressee line ("To X",
// "Aux X :"), or the whole heading, cleaned, when its head noun names an addressee.
func headingAddressee(text string) (string, bool) {
	if a, ok, prefixed := lineAddressee(text); ok || prefixed {
		return a, ok // a prefixed line that reads as a sentence names no one
	}
	// The last word outside a final parenthesis: "UN Secretariat (DPO)" → "Secretariat".
	core := trimColon(strings.TrimSpace(text))
	if strings.HasSuffix(core, ")") {
		if i := strings.LastIndex(core, "("); i > 0 {
			core = strings.TrimSpace(core[:i])
		}
	}
	cw := strings.Fields(core)
	if len(cw) == 0 || len(cw) > 15 {
		return "", false
	}
	named := addresseeNouns[strings.ToLower(letters(cw[len(cw)-1]))]
	if !named && !hasModal(cw) {
		// French and Arabic put the head noun first: "Conseil de sécurité", "مجلس الأمن".
		hw := stripArticle(cw)
		first := addresseeKey(letters(hw[0]))
		named = frenchNouns[first] || arabicNouns[first] ||
			ambiguousNouns[first] && looksFrench(hw)
	}
	if !named {
		return "", false
	}
	a := cleanAddressee(text)
	return a, a != ""
}

// lineAddressee returns X for text reading as an addressee line with or without its
// colon: "To X", "À X", "Au X", "Aux X", "À l’X", "À la X", "À l’attention de X" (du,
// des, de la, de l’, d’), "إلى X", "الى X". prefixed reports whether text opens with
// such a prefix at all, so that a heading that does but reads as a sentence is not
// then taken for a head-noun heading.
func lineAddressee(text string) (addressee string, ok, prefixed bool) {
	words := strings.Fields(trimColon(text))
	rest, lang := stripPrefix(words)
	switch {
	case lang == "":
		return "", false, false
	case len(rest) == 0 || len(rest) > 15 || hasModal(words):
		return "", false, true
	}
	rest = stripArticle(rest)
	first := letters(rest[0])
	switch lang {
	case "fr":
		// A French line names someone: "Au Conseil", "À la direction de la mission",
		// not "À cette fin" or "Au niveau national".
		r, _ := utf8.DecodeRuneInString(first)
		if !unicode.IsUpper(r) && !frenchNouns[addresseeKey(first)] && !ambiguousNouns[addresseeKey(first)] {
			return "", false, true
		}
	case "ar":
		if arabicAdverbs[addresseeKey(first)] {
			return "", false, true
		}
	}
	a := strings.Join(rest, " ")
	return a, a != "", true
}

// stripPrefix returns the words after an addressee line's prefix and the prefix's
// language ("en", "fr", "ar"), or lang "" when words do not open with one. A prefix
// with nothing after it is no prefix: "To" alone is a name.
func stripPrefix(words []string) (rest []string, lang string) {
	if len(words) < 2 {
		return nil, ""
	}
	switch w := addresseeKey(words[0]); w {
	case "to":
		return words[1:], "en"
	case "au", "aux":
		return words[1:], "fr"
	case "الى": // "إلى", with or without its hamza
		return words[1:], "ar"
	case "a":
		accented := strings.ToLower(norm.NFC.String(words[0])) == "à"
		if after, ok := elided(words[1], "lL"); ok {
			if addresseeKey(after) != "attention" {
				return append([]string{after}, words[2:]...), "fr" // À l’Union africaine
			}
			if len(words) < 4 {
				return nil, "fr" // "À l’attention :"
			}
			switch de := addresseeKey(words[2]); {
			case de == "du" || de == "des":
				return words[3:], "fr"
			case de == "de":
				return words[3:], "fr" // stripArticle takes a following "la" or "l’"
			default:
				if after, ok := elided(words[2], "dD"); ok {
					return append([]string{after}, words[3:]...), "fr" // d’Amnesty International
				}
				return nil, "fr"
			}
		}
		if strings.EqualFold(words[1], "la") {
			return words[2:], "fr"
		}
		if accented {
			return words[1:], "fr"
		}
	}
	return nil, ""
}

// elided returns the rest of a word written with an elided article or preposition,
// one of initials followed by an apostrophe (straight or typographic), when something
// follows the apostrophe: elided("l’Union", "lL") = "Union".
func elided(w, initials string) (string, bool) {
	if len(w) < 2 || !strings.ContainsRune(initials, rune(w[0])) {
		return "", false
	}
	r, size := utf8.DecodeRuneInString(w[1:])
	if r != '\'' && r != '’' && r != 'ʼ' || len(w) == 1+size {
		return "", false
	}
	return w[1+size:], true
}

// stripArticle removes a leading article from a name of more than one word: English
// "the", French "le", "la", "les", and an elided "l’" ("l’Union africaine" →
// "Union africaine", also from a one-word name: "l’ONU" → "ONU").
func stripArticle(words []string) []string {
	if len(words) == 0 {
		return words
	}
	if after, ok := elided(words[0], "lL"); ok {
		return append([]string{after}, words[1:]...)
	}
	if len(words) > 1 {
		switch strings.ToLower(words[0]) {
		case "the", "le", "la", "les":
			return words[1:]
		}
	}
	return words
}

// letters returns w without leading and trailing characters that are not letters:
// "(DPO)" → "DPO", "Conseil," → "Conseil".
func letters(w string) string {
	return strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
}

// hasModal reports whether one of words is a modal verb, which makes an addressee
// line a sentence ("À cette fin, le Conseil devrait :").
func hasModal(words []string) bool {
	for _, w := range words {
		if modalVerbs[addresseeKey(letters(w))] {
			return true
		}
	}
	return false
}

// looksFrench reports whether a heading has a French accent or function word, which
// an ambiguousNouns word needs to open an addressee: "Mission de l’ONU", not "Mission
// planning".
func looksFrench(words []string) bool {
	for _, w := range words {
		if _, ok := elided(w, "lLdD"); ok {
			return true
		}
		if strings.ContainsFunc(w, func(r rune) bool { return r > unicode.MaxASCII && unicode.IsLetter(r) }) {
			return true
		}
		switch strings.ToLower(w) {
		case "de", "du", "des", "au", "aux", "la", "le", "les", "et":
			return true
		}
	}
	return false
}

var (
	// addresseeNouns are the last words of English headings that name an addressee
	// without "To".
	addresseeNouns = map[string]bool{}
	// frenchNouns and arabicNouns are the first words, folded by addresseeKey, of
	// French and Arabic headings that name an addressee without "À" or "إلى"; a French
	// addressee line must also open with one of them or with a capital.
	frenchNouns = map[string]bool{}
	arabicNouns = map[string]bool{}
	// ambiguousNouns open an addressee in French but a topic in English ("Mission
	// planning", "Forces and enablers"): a heading they open must look French.
	ambiguousNouns = map[string]bool{}
	// arabicAdverbs follow "إلى" in adverbial phrases, not in names: "إلى جانب ذلك"
	// (besides this), "إلى حد ما" (to some extent), "إلى أن" (until).
	arabicAdverbs = map[string]bool{}
	// modalVerbs mark an addressee line as a sentence, in English, French or Arabic
	// ("على" as in "على مجلس الأمن أن", the Council must).
	modalVerbs = map[string]bool{}
)

func init() {
	fill := func(m map[string]bool, words string) {
		for _, w := range strings.Fields(words) {
			m[addresseeKey(w)] = true
		}
	}
	for _, h := range []string{"Recommendations", "Key recommendations", "Recommandations",
		"Principales recommandations", "Recommandations clés", "التوصيات", "التوصيات الرئيسية",
		"أهم التوصيات"} {
		recommendationsHeadings[addresseeKey(h)] = true
	}
	for _, w := range strings.Fields(`council secretariat secretary-general states state
		governments government leadership missions mission countries contributors donors
		parties authorities union commission agencies partners commanders society
		organisations organizations members actors dpo dppa`) {
		addresseeNouns[w] = true
	}
	fill(frenchNouns, `conseil secrétariat secrétaire secrétaire-général États État
		gouvernement gouvernements dirigeants responsables pays contributeurs donateurs
		bailleurs parties autorités union commission agences partenaires commandants
		commandement société organisations membres acteurs département représentant
		représentante équipe équipes comités communautés communauté assemblée`)
	fill(ambiguousNouns, `mission missions forces direction organisation`)
	fill(arabicNouns, `مجلس الدول دول الأمانة أمانة الأمين الحكومة حكومة الحكومات حكومات
		قيادة القيادة البعثة بعثة البعثات بعثات البلدان بلدان الجهات جهات المانحين المانحون
		الأطراف أطراف السلطات سلطات الاتحاد اتحاد المفوضية مفوضية اللجنة لجنة اللجان لجان
		الوكالات وكالات الشركاء شركاء القادة قادة قائد المجتمع مجتمع المنظمات منظمات المنظمة
		منظمة إدارة الإدارة الأمم فريق الفريق الممثل الجمعية القوات قوات`)
	fill(arabicAdverbs, `جانب حد أن متى أي ذلك هذا هذه حين غاية أين ما`)
	fill(modalVerbs, `should must shall will would can could may might need needs ought
		doit doivent devrait devraient devra devront peut peuvent pourrait pourraient faut
		يجب ينبغي يمكن على`)
}

// cleanAddressee removes an addressee line's prefix ("To", "Au", "À l’attention de",
// "إلى"...), a leading article, a trailing colon and extra spaces: "To the mission's
// leadership: " → "mission's leadership", "Au Conseil de sécurité :" → "Conseil de
// sécurité".
func cleanAddressee(s string) string {
	words := strings.Fields(trimColon(s))
	if rest, lang := stripPrefix(words); lang != "" && len(rest) > 0 {
		words = rest
	}
	return strings.Join(stripArticle(words), " ")
}

// NormalizeAddressee cleans an addressee name (removing a prefix such as "To", "Au" or
// "إلى", a leading article, a trailing colon and extra spaces) and maps it to its canonical name through aliases,
// which maps each canonical name to the variants that stand for it. A name matches a
// canonical name or one of its variants when they are equal once both are cleaned and
// folded: case, accents and apostrophes ignored, whitespace collapsed ("the mission’s
// leadership" matches "Mission's Leadership"). Canonical names are tried in sorted
// order, each against itself first, so the result is deterministic when variants
// overlap. An unmatched name is returned cleaned, with its first letter upper-cased
// and the rest as written; an empty one as "".
func NormalizeAddressee(name string, aliases map[string][]string) string {
	clean := cleanAddressee(name)
	if clean == "" {
		return ""
	}
	key := addresseeKey(clean)
	canon := make([]string, 0, len(aliases))
	for c := range aliases {
		canon = append(canon, c)
	}
	slices.Sort(canon)
	for _, c := range canon {
		if addresseeKey(cleanAddressee(c)) == key {
			return strings.TrimSpace(c)
		}
	}
	for _, c := range canon {
		for _, v := range aliases[c] {
			if addresseeKey(cleanAddressee(v)) == key {
				return strings.TrimSpace(c)
			}
		}
	}
	r, size := utf8.DecodeRuneInString(clean)
	return string(unicode.ToUpper(r)) + clean[size:]
}

// addresseeKey folds a cleaned name for matching: lower case, accents and apostrophes
// removed, whitespace collapsed.
func addresseeKey(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == '`':
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// decodedText returns the text of n as plainText does (descendants' text, whitespace
// collapsed), but as a reader sees it: typographic substitutions ("&rsquo;" → "’"),
// entity and numeric references and backslash escapes decoded, and autolinks' text
// kept.
func decodedText(n ast.Node, src []byte) string {
	var b strings.Builder
	writeDecoded(&b, n, src)
	return strings.Join(strings.Fields(b.String()), " ")
}

func writeDecoded(b *strings.Builder, n ast.Node, src []byte) {
	switch n := n.(type) {
	case *ast.Text:
		if n.IsRaw() {
			b.Write(n.Value(src))
		} else {
			writeInline(b, n.Value(src))
		}
		if n.SoftLineBreak() || n.HardLineBreak() {
			b.WriteByte(' ')
		}
		return
	case *ast.String:
		switch {
		case n.IsCode(): // HTML, written as is: the typographer's "&rsquo;"
			b.WriteString(html.UnescapeString(string(n.Value)))
		case n.IsRaw():
			b.Write(n.Value)
		default:
			writeInline(b, n.Value)
		}
		return
	case *ast.CodeSpan:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Value(src))
			case *ast.String:
				b.Write(c.Value)
			}
		}
		return
	case *ast.AutoLink:
		b.Write(n.Label(src))
		return
	case *ast.RawHTML, *ast.HTMLBlock:
		return
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		for i := range n.Lines().Len() {
			s := n.Lines().At(i)
			b.Write(s.Value(src))
		}
		b.WriteByte(' ')
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		writeDecoded(b, c, src)
	}
	if n.Type() == ast.TypeBlock {
		b.WriteByte(' ')
	}
}

// decodeInline decodes Markdown text as goldmark's HTML writer does before escaping
// it: a backslash before ASCII punctuation stands for that character, and entity and
// numeric character references stand for their characters.
// writeInline writes decodeInline(v) to b, without a copy when nothing needs decoding,
// as in most text.
func writeInline(b *strings.Builder, v []byte) {
	if !slices.Contains(v, '\\') && !slices.Contains(v, '&') {
		b.Write(v)
		return
	}
	b.WriteString(decodeInline(v))
}

func decodeInline(v []byte) string {
	if !slices.Contains(v, '\\') && !slices.Contains(v, '&') {
		return string(v)
	}
	var b strings.Builder
	start := 0
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) && isASCIIPunct(v[i+1]) {
			b.WriteString(html.UnescapeString(string(v[start:i])))
			b.WriteByte(v[i+1])
			i++
			start = i + 1
		}
	}
	b.WriteString(html.UnescapeString(string(v[start:])))
	return b.String()
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}
