package markdown

import (
	"bytes"
	"cmp"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A Document is a UN document that a body cites by its symbol ("S/RES/2719 (2023)",
// "A/78/744"). With Options.UNDocuments, each mention links to the UN's document
// resolver, and shows the symbol as written.
//
// A symbol is recognised in running text (not in code, links, web addresses, raw HTML
// or headings) when it is a word of its own that starts with one of the bodies
// A, S, E, ST, CAT, CCPR, CED, CEDAW, CERD, CMW, CRC or CRPD, followed by parts after
// "/". Each part is made of pieces joined by "." or "-", each piece either digits or a
// capital followed by letters ("RES", "C.4", "L.5", "Rev.1", "ES-10"). At least one
// part holds a digit, and a symbol of a single part must not be only digits, so
// that "A/C", "S/he", "A/4", "12/05/2024", "3/4", "and/or" and "a/b/c" are not
// symbols. A Security Council resolution keeps the year written after it:
// "S/RES/2719 (2023)". Symbols are written in Latin letters in every language, and so
// are recognised in French or Arabic text alike.
type Document struct {
	// Symbol is the symbol as first written in the body, with the year of a
	// resolution when any mention gives it: "S/RES/2719 (2023)".
	Symbol string
	// Key is the symbol without the year, so that "S/RES/2719" and
	// "S/RES/2719 (2023)" are one document.
	Key string
	URL string // at undocs.org
}

// undocsURL is the UN's resolver: it redirects a symbol to the document in the
// reader's language.
const undocsURL = "https://undocs.org/"

// documentURL is the resolver's address for a symbol as written, each part escaped as
// a path segment: "S/RES/2719%20%282023%29". html/template escapes the brackets so
// too, and the body and the /documents/ page then link one address.
func documentURL(symbol string) string {
	var b strings.Builder
	b.WriteString(undocsURL)
	for i, part := range strings.Split(symbol, "/") {
		if i > 0 {
			b.WriteByte('/')
		}
		b.WriteString(url.PathEscape(part))
	}
	return b.String()
}

// symbolBodies are the first parts of the symbols folio recognises: the General
// Assembly, the Security Council, ECOSOC and the Secretariat, and the human rights
// treaty bodies.
var symbolBodies = map[string]bool{
	"A": true, "S": true, "E": true, "ST": true,
	"CAT": true, "CCPR": true, "CED": true, "CEDAW": true, "CERD": true, "CMW": true, "CRC": true, "CRPD": true,
}

// linkDocuments finds the UN document symbols in the running text of root, makes each
// mention a link to the document, and returns the documents once each in order of
// first mention. Call it after parsing and before rendering.
func linkDocuments(root ast.Node, src []byte) []Document {
	var out []Document
	var index map[string]int    // Key → position in out
	var addrs map[string][]byte // symbol as written → its address, shared by its mentions
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindLink, ast.KindAutoLink, ast.KindImage, ast.KindCodeSpan, ast.KindCodeBlock,
			ast.KindFencedCodeBlock, ast.KindHTMLBlock, ast.KindRawHTML, ast.KindHeading, kindDocumentLink:
			return ast.WalkSkipChildren, nil
		case ast.KindText:
		default:
			return ast.WalkContinue, nil
		}
		t := n.(*ast.Text)
		if t.IsRaw() {
			return ast.WalkContinue, nil
		}
		// The parser leaves a text in pieces where an extension looked for its syntax
		// and found none ("A/C.4/78/L" ".5" at the end of a paragraph): join them, as
		// they render the same, so that a symbol is seen whole.
		for {
			next, ok := t.NextSibling().(*ast.Text)
			if !ok || next.IsRaw() || t.SoftLineBreak() || t.HardLineBreak() || next.Segment.Start != t.Segment.Stop {
				break
			}
			t.Segment = t.Segment.WithStop(next.Segment.Stop)
			t.SetSoftLineBreak(next.SoftLineBreak())
			t.SetHardLineBreak(next.HardLineBreak())
			t.Parent().RemoveChild(t.Parent(), next)
		}
		seg := t.Segment
		v := seg.Value(src)
		at := 0 // of v, up to which the mentions are split off
		for {
			s, e := nextSymbol(v, at)
			if s < 0 {
				break
			}
			symbol := string(v[s:e])
			if index == nil {
				index, addrs = map[string]int{}, map[string][]byte{}
			}
			addr, ok := addrs[symbol]
			if !ok {
				addr = []byte(documentURL(symbol))
				addrs[symbol] = addr
				out = addDocument(out, index, symbol, string(addr))
			}
			// The text before the mention and the mention itself go before t, which
			// keeps the rest of its text and its line break; the walk goes on after t.
			parent := t.Parent()
			if s > at {
				parent.InsertBefore(parent, t, ast.NewTextSegment(text.NewSegment(seg.Start+at, seg.Start+s)))
			}
			l := &documentLink{addr: addr}
			l.AppendChild(l, ast.NewTextSegment(text.NewSegment(seg.Start+s, seg.Start+e)))
			parent.InsertBefore(parent, t, l)
			at = e
		}
		if at > 0 {
			t.Segment = seg.WithStart(seg.Start + at)
		}
		return ast.WalkContinue, nil
	})
	return out
}

// kindDocumentLink is the kind of a documentLink.
var kindDocumentLink = ast.NewNodeKind("DocumentLink")

// A documentLink is a mention of a UN document, its symbol as written in its one Text
// child. It is not an ast.Link: nothing folio checks or rewrites in the links a brief
// writes applies to it, and a body citing thousands of documents stays cheap to walk
// and render.
type documentLink struct {
	ast.BaseInline
	addr []byte // documentURL, shared by the mentions of one symbol
}

func (n *documentLink) Kind() ast.NodeKind { return kindDocumentLink }

func (n *documentLink) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// documentLinkRenderer writes a documentLink with the classes "undoc" and "bare": as
// for a link whose text is its address, the print edition shows the symbol as
// written, without the resolver's address after it.
type documentLinkRenderer struct{}

func (documentLinkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindDocumentLink, renderDocumentLink)
}

func renderDocumentLink(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		// The address holds only letters, digits and "./-%": nothing to escape.
		w.WriteString(`<a href="`)
		w.Write(n.(*documentLink).addr)
		w.WriteString(`" class="undoc bare">`)
	} else {
		w.WriteString("</a>")
	}
	return ast.WalkContinue, nil
}

// addDocument adds a mention to the list of a body's documents, once per Key (index
// holds their positions: a body may cite thousands); a later mention with the year
// gives the entry its year.
func addDocument(docs []Document, index map[string]int, symbol, addr string) []Document {
	key := symbolKey(symbol)
	if i, ok := index[key]; ok {
		if len(symbol) > len(docs[i].Symbol) {
			docs[i].Symbol, docs[i].URL = symbol, addr
		}
		return docs
	}
	index[key] = len(docs)
	return append(docs, Document{Symbol: symbol, Key: key, URL: addr})
}

// symbolKey is the symbol without a resolution's year.
func symbolKey(symbol string) string {
	if i := strings.IndexByte(symbol, '('); i > 0 {
		return strings.TrimSuffix(symbol[:i], " ")
	}
	return symbol
}

// nextSymbol returns the start and end in v of the first symbol at or after from, or
// -1, -1. Most text has no "/", and costs one IndexByte.
func nextSymbol(v []byte, from int) (int, int) {
	start := from
	for from < len(v) {
		k := bytes.IndexByte(v[from:], '/')
		if k < 0 {
			return -1, -1
		}
		slash := from + k
		from = slash + 1
		s := slash
		for s > 0 && v[s-1] >= 'A' && v[s-1] <= 'Z' {
			s--
		}
		if s == slash || !symbolBodies[string(v[s:slash])] {
			continue
		}
		// The second symbol of a joint one starts after the dash where the first ended.
		if s > 0 && !(s-1 == start && v[start] == '-') {
			if r, _ := utf8.DecodeLastRune(v[:s]); !leftBoundary(r) {
				continue
			}
		}
		e := slash
		for e < len(v) && symbolByte(v[e]) && !(v[e] == '-' && jointNext(v[e+1:])) {
			e++
		}
		from = e
		if e < len(v) {
			if r, _ := utf8.DecodeRune(v[e:]); !rightBoundary(r) {
				continue
			}
		}
		end := e // without the full stop or dash that ends a sentence or clause
		for end > slash && (v[end-1] == '.' || v[end-1] == '-') {
			end--
		}
		if !validSymbol(string(v[slash+1 : end])) {
			continue
		}
		if end == e && string(v[s:slash]) == "S" && strings.HasPrefix(string(v[slash:end]), "/RES/") {
			end += yearSuffix(v[end:])
		}
		return s, end
	}
	return -1, -1
}

// jointNext reports whether v starts with a symbol's body and its slash: after a dash,
// the second symbol of a document issued to two organs ("A/78/744-S/2024/123"), which
// has a page of its own under each.
func jointNext(v []byte) bool {
	i := 0
	for i < len(v) && v[i] >= 'A' && v[i] <= 'Z' {
		i++
	}
	return i > 0 && i < len(v) && v[i] == '/' && symbolBodies[string(v[:i])]
}

// symbolByte reports whether c can be part of a symbol's parts.
func symbolByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '/' || c == '.' || c == '-'
}

// leftBoundary reports whether a symbol may follow r: not inside a word of Latin
// letters or digits, a path or a web address. A letter of another script may be
// joined to it (Arabic writes "and" as a prefix: "وS/2024/123").
func leftBoundary(r rune) bool {
	if r < utf8.RuneSelf {
		return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune(`/.-_:@~#%+=&?\`, r))
	}
	return !unicode.IsDigit(r) && !unicode.Is(unicode.Latin, r)
}

// rightBoundary reports whether r may follow a symbol: not a letter or digit of any
// script, nor what continues a name, an address or a path.
func rightBoundary(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(`_@#%\`, r)
}

// validSymbol checks the parts of a symbol after its body ("RES/2719", "C.4/78/L.5").
func validSymbol(rest string) bool {
	parts, digits, onlyDigits := 0, false, true
	for part := range strings.SplitSeq(rest, "/") {
		parts++
		// Pieces are joined by one "." or "-": "C.4", "Rev.1", "ES-10".
		for piece := range strings.FieldsFuncSeq(part, func(r rune) bool { return r == '.' || r == '-' }) {
			if piece[0] >= '0' && piece[0] <= '9' {
				if strings.TrimLeft(piece, "0123456789") != "" {
					return false
				}
				digits = true
				continue
			}
			onlyDigits = false
			if piece[0] < 'A' || piece[0] > 'Z' || strings.TrimLeft(piece[1:], "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") != "" {
				return false
			}
		}
		if part == "" || strings.ContainsRune(".-", rune(part[0])) || strings.ContainsRune(".-", rune(part[len(part)-1])) ||
			strings.Contains(part, "..") || strings.Contains(part, "--") ||
			strings.Contains(part, ".-") || strings.Contains(part, "-.") {
			return false // an empty part or piece: a path, not a symbol
		}
	}
	return digits && (parts > 1 || !onlyDigits)
}

// yearSuffix returns the length of " (2023)" or "(2023)" at the start of v, or 0.
func yearSuffix(v []byte) int {
	n := 0
	if n < len(v) && v[n] == ' ' {
		n++
	}
	if len(v) < n+6 || v[n] != '(' || v[n+5] != ')' {
		return 0
	}
	y, err := strconv.Atoi(string(v[n+1 : n+5]))
	if err != nil || y < 1946 || y > 2199 {
		return 0
	}
	if n+6 < len(v) {
		if r, _ := utf8.DecodeRune(v[n+6:]); !rightBoundary(r) {
			return 0
		}
	}
	return n + 6
}

// CompareSymbols orders document keys (Document.Key) for an index: Security Council
// first, then the General Assembly, ECOSOC, and the other bodies alphabetically, each
// body before its organs named by a part of capitals ("A" before "A/HRC"). Within
// them, resolutions, then presidential statements, then the other documents, each by
// year or session (the first part of digits: S/2024/123, A/78/744) and number (the
// last digits: A/C.4/78/L.5 is number 5 of session 78); documents without a year or
// session (S/PV.9999) come after those with one.
func CompareSymbols(a, b string) int {
	x, y := sortKey(a), sortKey(b)
	return cmp.Or(cmp.Compare(x.body, y.body), cmp.Compare(x.kind, y.kind), cmp.Compare(x.time, y.time),
		cmp.Compare(x.number, y.number), strings.Compare(a, b))
}

type symbolOrder struct {
	body         string // "0" for S, "1" for A, "2" for E, then the body; and its organ
	kind         int    // 0 resolutions, 1 presidential statements, 2 the rest
	time, number int
}

func sortKey(key string) symbolOrder {
	parts := strings.Split(key, "/")
	o := symbolOrder{body: parts[0], kind: 2, time: math.MaxInt}
	switch parts[0] {
	case "S":
		o.body = "0"
	case "A":
		o.body = "1"
	case "E":
		o.body = "2"
	}
	for i, p := range parts[1:] {
		switch {
		case p == "RES":
			o.kind = 0
		case p == "PRST":
			o.kind = 1
		case i == 0 && strings.Trim(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "":
			o.body += "/" + p
		}
		if n, err := strconv.Atoi(p); err == nil && o.time == math.MaxInt {
			o.time = n
		}
		for piece := range strings.FieldsFuncSeq(p, func(r rune) bool { return r == '.' || r == '-' }) {
			if n, err := strconv.Atoi(piece); err == nil {
				o.number = n
			}
		}
	}
	return o
}
