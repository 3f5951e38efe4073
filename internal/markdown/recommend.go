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
// The section is the H2 whose text is "Recommendations" or "Key recommendations"
// (any case, an optional final colon), up to the next H1 or H2. Its recommendations are
// the top-level items of the lists placed directly in it; a nested list belongs to the
// text of its parent item. Each item is addressed to whoever the latest addressee line
// before it names:
//
//   - Form A, a paragraph whose whole text is "To …:" ("To the UN Security Council:",
//     bold or not). Its addressee lasts until the next addressee or the next heading.
//   - Form B, a heading (H3 to H6) reading "To …" ("### To Member States"), or naming an
//     addressee without "To": its last word, ignoring a final parenthesis, is one of
//     council, secretariat, secretary-general, states, government(s), leadership,
//     mission(s), countries, contributors, donors, parties, authorities, union,
//     commission, agencies, partners, commanders, society, organisations, members,
//     actors, DPO, DPPA ("### Member States", "### The UN Secretariat (DPO)"). Its
//     addressee lasts until the next heading of the same or a higher level; a deeper
//     heading that names no addressee ("#### On mandates") keeps it, and a deeper one
//     that does applies until it ends in turn.
//
// A "To …" line is not an addressee when it reads as a sentence: when it has more than
// fifteen words or a modal verb ("To do so, the Council should:"). Items before any
// addressee, or after a heading that names none, have Addressee "".
type Recommendation struct {
	// Addressee is the addressee as written, without "To", a leading "the" or the
	// colon: "UN Security Council", "mission’s leadership", "Senior Mission Leadership".
	// NormalizeAddressee maps it to a site's canonical name.
	Addressee string
	// Text is the plain text of the item, sub-items included, with typographic
	// punctuation, entities and backslash escapes decoded and whitespace collapsed.
	Text string
	// ID is the anchor id set on the item's <li>: "rec-" + the slug of Addressee + "-"
	// + the item's 1-based position among the document's items with that addressee
	// slug ("rec-un-security-council-2"), or "rec-" + its position among the items
	// with no addressee ("rec-3"). An id already taken in the document (a heading, an
	// {#id} attribute, an earlier item) gets "-2", "-3"... appended. Ids therefore
	// stay valid when items are added to or removed from other addressees, or appended
	// to the same one.
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

// isRecommendationsHeading reports whether an H2's text opens the recommendations.
func isRecommendationsHeading(text string) bool {
	t := strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), ":")))
	return t == "recommendations" || t == "key recommendations"
}

// paragraphAddressee returns X for a paragraph reading "To X:".
func paragraphAddressee(text string) (string, bool) {
	t := strings.TrimSpace(text)
	if !strings.HasSuffix(t, ":") {
		return "", false
	}
	return toAddressee(t)
}

// headingAddressee returns X for a heading reading "To X" (or "To X:"), or the whole
// heading when its last word names an addressee.
func headingAddressee(text string) (string, bool) {
	if a, ok := toAddressee(text); ok {
		return a, true
	}
	words := strings.Fields(text)
	if len(words) == 0 || startsWithTo(words) {
		return "", false
	}
	// The last word outside a final parenthesis: "UN Secretariat (DPO)" → "Secretariat".
	core := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), ":"))
	if strings.HasSuffix(core, ")") {
		if i := strings.LastIndex(core, "("); i > 0 {
			core = strings.TrimSpace(core[:i])
		}
	}
	cw := strings.Fields(core)
	if len(cw) == 0 || len(cw) > 15 {
		return "", false
	}
	last := strings.ToLower(strings.TrimFunc(cw[len(cw)-1], func(r rune) bool { return !unicode.IsLetter(r) }))
	if !addresseeNouns[last] {
		return "", false
	}
	a := cleanAddressee(text)
	return a, a != ""
}

// addresseeNouns are the last words of headings that name an addressee without "To".
var addresseeNouns = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`council secretariat secretary-general states state
		governments government leadership missions mission countries contributors donors
		parties authorities union commission agencies partners commanders society
		organisations organizations members actors dpo dppa`) {
		addresseeNouns[w] = true
	}
}

// modalVerbs mark a "To …:" line as a sentence, not an addressee.
var modalVerbs = map[string]bool{
	"should": true, "must": true, "shall": true, "will": true, "would": true, "can": true,
	"could": true, "may": true, "might": true, "need": true, "needs": true, "ought": true,
}

func startsWithTo(words []string) bool { return len(words) > 1 && strings.EqualFold(words[0], "to") }

// toAddressee returns X for text reading "To X" or "To X:".
func toAddressee(text string) (string, bool) {
	words := strings.Fields(text)
	if !startsWithTo(words) || len(words) > 16 {
		return "", false
	}
	for _, w := range words {
		if modalVerbs[strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }))] {
			return "", false
		}
	}
	a := cleanAddressee(text)
	return a, a != ""
}

// cleanAddressee removes a leading "To" and "the", a trailing colon and extra spaces:
// "To the mission's leadership: " → "mission's leadership".
func cleanAddressee(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for strings.HasSuffix(s, ":") {
		s = strings.TrimSpace(strings.TrimSuffix(s, ":"))
	}
	words := strings.Fields(s)
	if len(words) > 1 && strings.EqualFold(words[0], "to") {
		words = words[1:]
	}
	if len(words) > 1 && strings.EqualFold(words[0], "the") {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// NormalizeAddressee cleans an addressee name (removing a leading "To" and "the", a
// trailing colon and extra spaces) and maps it to its canonical name through aliases,
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
