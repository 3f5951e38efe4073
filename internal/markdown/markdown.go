// Package markdown renders a publication's Markdown body to HTML with goldmark, and
// extracts what the rest of folio needs from it: the table of contents (H2 and H3), a
// plain-text rendition for search and meta descriptions, and diagnostics for links and
// images that point nowhere, each at its file:line:col.
//
// Enabled: GitHub Flavored Markdown (tables, strikethrough, autolinks, task lists),
// footnotes, definition lists, typographic quotes and dashes, heading attributes
// ("## Title {#custom-id}"), and fenced code highlighted by chroma with CSS classes (the
// theme ships the stylesheet). Raw HTML is dropped unless Options.UnsafeHTML is set.
//
// Items of a "## Recommendations" section are extracted with their addressee and given
// stable ids (see Recommendation), for the site's recommendations index.
//
// With Options.UNDocuments, UN document symbols in running text ("S/RES/2719 (2023)",
// "A/78/744") link to the UN's document resolver, and are listed in Doc.Documents for
// the site's index of documents cited (see Document).
//
// Heading ids are the slug of the heading text ("Key findings" → "key-findings"), with
// "-2", "-3"... for repeats, so links to sections stay stable while the text does.
//
// Links and images whose destination is relative (no scheme, not starting with "/" or
// "#") are resolved through the Resolver the caller passes: links to other Markdown files
// ("../water.md#findings") become site URLs, and files of a publication bundle
// ("chart.png") become the URL of the copied file. An unresolvable target is an error.
// A Resolver that is also a Srcsetter gives bundle images their srcset and sizes;
// "{.original}" right after an image keeps it in one width (Doc.Originals). Bundle
// images after the body's first load lazily.
//
// An image alone in its paragraph with a title, ![alt](photo.jpg "Caption"), becomes
// <figure> with the title as its <figcaption>.
//
// A blockquote whose first line is "[!KEY] Title" becomes a box of key findings, a
// <section> named by its <h2> (the title, "Key findings" by default); one whose first
// line is "[!QUOTE]" becomes a pull quote, a <figure> whose last line "— Name, role"
// is the <figcaption>. Another marker is an error (see callouts).
package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"folio/internal/diag"
	"folio/internal/digest"
	"folio/internal/slug"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A Resolver maps a relative link or image target written in the Markdown file `from`
// to a site URL. For images, width and height are the image's pixel size when known, so
// the page can reserve its space before it loads; they are 0 otherwise.
type Resolver interface {
	ResolveLink(from, target string) (url string, ok bool)
	ResolveImage(from, target string) (url string, width, height int, ok bool)
}

// A Srcsetter is a Resolver that publishes bundle images in several widths. For the
// image target written in from, it returns the srcset and sizes attributes and the
// width and height of the largest width, or srcset "" for an image published in one.
type Srcsetter interface {
	ImageSources(from, target string) (srcset, sizes string, width, height int)
}

// A Hinter is a Resolver that can say how to write a relative link it could not
// resolve, when it sees what the writer meant.
type Hinter interface {
	LinkHint(from, target string) string
}

// Options configure a Renderer.
type Options struct {
	UnsafeHTML bool // pass raw HTML through
	// UNDocuments links the UN document symbols of running text to the UN's resolver
	// and lists them in Doc.Documents (see Document).
	UNDocuments bool
}

// A Renderer converts Markdown to HTML. It is safe for concurrent use.
type Renderer struct {
	md        goldmark.Markdown
	formatter *chromahtml.Formatter
	undocs    bool
}

// New returns a Renderer.
func New(opts Options) *Renderer {
	r := &Renderer{formatter: chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true)), undocs: opts.UNDocuments}
	var htmlOpts []renderer.Option
	if opts.UnsafeHTML {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	r.md = goldmark.New(
		goldmark.WithExtensions(
			// extension.GFM, with limitedTable for its tables
			extension.Linkify,
			limitedTable{},
			extension.Strikethrough,
			extension.TaskList,
			extension.DefinitionList,
			extension.NewFootnote(extension.WithFootnoteBacklinkHTML("↩")),
			extension.Typographer,
		),
		goldmark.WithParserOptions(parser.WithAttribute(), parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(htmlOpts...),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(&codeRenderer{r.formatter}, 100),
			util.Prioritized(newTableRenderer(), 100),
			util.Prioritized(headingRenderer{}, 100),
			util.Prioritized(newLinkRenderer(opts.UnsafeHTML), 100),
			util.Prioritized(documentLinkRenderer{}, 100),
			util.Prioritized(figureRenderer{}, 100),
			util.Prioritized(calloutRenderer{}, 100),
		)),
	)
	return r
}

// A Heading is an entry of the table of contents.
type Heading struct {
	Level int    // 2 or 3
	ID    string // the anchor, without "#"
	Text  string // plain text
}

// A Doc is a rendered Markdown body: the body itself and what is known of it.
type Doc struct {
	Body
	Meta
}

// Meta is what is known of a rendered body besides the body itself: what a site's
// model keeps of it (package site keeps the Body in a body store).
type Meta struct {
	HasCode bool      // HTML holds highlighted code, which needs the theme's code styles
	TOC     []Heading // H2 and H3 headings in order
	IDs     []string  // every id the body defines: headings, paragraphs, footnotes, recommendations
	Links   []Link    // resolved links that carry a #fragment or are site-absolute, to be checked once all pages exist
	// Recommendations are the items of the "## Recommendations" section, by addressee.
	Recommendations []Recommendation
	// RecommendationsKey hashes the recommendations (package digest), so that pages
	// listing them can tell whether they changed without reading them all.
	RecommendationsKey uint64
	// Documents are the UN documents the body cites by symbol, once each, in order of
	// first mention; only with Options.UNDocuments.
	Documents []Document
	// Originals are the resolved URLs of the bundle images the body asks for as they
	// are, writing {.original} right after the image: no smaller widths, no srcset.
	Originals []string
	// Unfinished are warnings about what the body leaves empty (a list item, a section),
	// which the caller makes errors for a publication that is not a draft.
	Unfinished diag.List
}

// A Body is what a page shows and the search index reads: the bulk of a Doc.
type Body struct {
	HTML     string   // the body as HTML
	Text     string   // plain text: words separated by spaces, paragraphs by newlines
	Headings []string // the text of every heading, for search weighting
}

// A Link is a resolved link with a fragment or a site-absolute path, kept so the caller
// can check that the target page exists and has the fragment.
type Link struct {
	Pos diag.Position
	URL string // as resolved, with its "#fragment"
}

// Render converts src, the body of file with its front matter blanked (so offsets are
// file offsets), to HTML. Diagnostics come with file:line:col positions.
//
// A body past the limits (MaxNesting, MaxColumns, MaxCells, MaxHTML) is an error, and
// its Doc is then empty or cut short.
func (r *Renderer) Render(file string, src []byte, res Resolver) (*Doc, diag.List) {
	lines := newLineIndex(src)
	doc := &Doc{}
	errs := checkNesting(file, src, lines)
	if len(errs) > 0 {
		return doc, errs
	}
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	root := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	errs = tooBigErrors(file, ctx, lines)
	calloutErrs, calloutIDs := callouts(file, root, src, lines, ctx.IDs())
	errs = append(errs, calloutErrs.Errors()...)
	doc.IDs = append(doc.IDs, calloutIDs...)
	paragraphIDs(root)
	doc.Unfinished = append(unfinished(file, root, src, lines), calloutErrs.Warnings()...)
	doc.Recommendations = extractRecommendations(root, src)
	if len(doc.Recommendations) > 0 {
		h := digest.New()
		for _, rec := range doc.Recommendations {
			doc.IDs = append(doc.IDs, rec.ID)
			h.WriteString(rec.Addressee + "\x00" + rec.Text + "\x00" + rec.ID + "\x00")
		}
		doc.RecommendationsKey = h.Sum64()
	}
	if r.undocs {
		doc.Documents = linkDocuments(root, src)
	}

	// Link and image addresses (and titles) are copied, checked and escaped one link at
	// a time: a long one repeated through a [reference] would cost minutes and gigabytes
	// before the HTML limit is reached, so they have a budget of their own.
	addresses := 0
	tooLong := false
	var refused []*ast.AutoLink
	var sized []sizedImage // bundle images, for srcset once the originals are known
	var bundle []*ast.Image
	err := ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if addresses += len(address(n, src)) + len(title(n)); addresses > MaxHTML {
			errs.Errorf(lines.pos(file, nodeOffset(n)), "the links and images of this brief add up to more than %d MB of web addresses and titles; folio allows at most %d MB for a page: shorten the one used again and again", MaxHTML>>20, MaxHTML>>20)
			tooLong = true
			return ast.WalkStop, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			t := plainText(n, src)
			doc.Headings = append(doc.Headings, t)
			id, _ := n.AttributeString("id")
			idStr, _ := id.([]byte)
			if len(idStr) > 0 {
				doc.IDs = append(doc.IDs, string(idStr))
			}
			if (n.Level == 2 || n.Level == 3) && len(idStr) > 0 {
				doc.TOC = append(doc.TOC, Heading{Level: n.Level, ID: string(idStr), Text: t})
			}
		case *ast.AutoLink:
			n.SetAttributeString("class", []byte("bare"))
			if u := n.URL(src); unsafeScheme(string(u)) != "" {
				errs.Errorf(lines.pos(file, nodeOffset(n)), "link to %q: %s URLs are not allowed", u, unsafeScheme(string(u)))
				refused = append(refused, n)
			}
		case *ast.Link:
			if isBare(n, src) {
				n.SetAttributeString("class", []byte("bare"))
			}
			if u, ok := resolve(file, string(n.Destination), res); !ok {
				errs.Errorf(lines.pos(file, nodeOffset(n)), "link to %q: %s", n.Destination, u)
			} else {
				n.Destination = []byte(u)
				if strings.Contains(u, "#") && !strings.Contains(u, "://") || strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") {
					doc.Links = append(doc.Links, Link{Pos: lines.pos(file, nodeOffset(n)), URL: u})
				}
			}
		case *ast.Paragraph:
			// Paragraph ids (paragraphIDs) are deep-link targets too.
			if id, ok := n.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					doc.IDs = append(doc.IDs, string(b))
				}
			}
		case *extast.FootnoteLink:
			doc.IDs = append(doc.IDs, fmt.Sprintf("fnref:%d", n.Index))
		case *extast.Footnote:
			doc.IDs = append(doc.IDs, fmt.Sprintf("fn:%d", n.Index))
		case *ast.Image:
			dest := string(n.Destination)
			if plainText(n, src) == "" {
				errs.Warnf(lines.pos(file, nodeOffset(n)), "image %q has no alternative text: write ![what it shows](%s)", dest, dest)
			}
			if IsRelative(dest) && res != nil {
				u, w, h, ok := res.ResolveImage(file, dest)
				if !ok {
					errs.Errorf(lines.pos(file, nodeOffset(n)), "image %q not found beside %s", dest, file)
					break
				}
				n.Destination = []byte(u)
				if w > 0 && h > 0 {
					n.SetAttributeString("width", fmt.Sprint(w))
					n.SetAttributeString("height", fmt.Sprint(h))
				}
				bundle = append(bundle, n)
				if original(n, src) {
					doc.Originals = append(doc.Originals, u)
				} else {
					sized = append(sized, sizedImage{n, dest})
				}
			} else if bad := unsafeScheme(dest); bad != "" {
				errs.Errorf(lines.pos(file, nodeOffset(n)), "image %q: %s URLs are not allowed", dest, bad)
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		errs.Errorf(diag.Position{File: file}, "markdown: %v", err)
	}
	if tooLong {
		return &Doc{}, errs
	}
	// A refused link is shown as the text it was written as, not as a link that goes
	// nowhere.
	for _, n := range refused {
		n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(n.Label(src)))
	}
	if ss, ok := res.(Srcsetter); ok {
		srcsets(file, sized, doc.Originals, ss)
	}
	lazyImages(root, bundle)
	figures(root)

	// Into the string's own memory: a bytes.Buffer would be copied once more by String.
	// One top-level block at a time, so that a page over MaxHTML is reported at the
	// block that took it over.
	var buf limitedWriter
	buf.Grow(min(len(src)+len(src)/4, MaxHTML))
	for c := root.FirstChild(); c != nil; c = c.NextSibling() {
		if err := r.md.Renderer().Render(&buf, src, c); err != nil {
			errs.Errorf(diag.Position{File: file}, "markdown: rendering: %v", err)
			break
		}
		if buf.over {
			errs.Errorf(lines.pos(file, firstOffset(c)), "from here on, the page made from this brief grows past %d MB; folio allows at most %d MB: split the brief, or shorten what it repeats", MaxHTML>>20, MaxHTML>>20)
			break
		}
	}
	doc.HTML = buf.String()
	doc.HasCode = strings.Contains(doc.HTML, `<pre class="chroma"`)
	doc.Text = PlainText(root, src)
	return doc, errs
}

// address returns the destination of a link, autolink or image, or nil.
func address(n ast.Node, src []byte) []byte {
	switch n := n.(type) {
	case *ast.Link:
		return n.Destination
	case *ast.Image:
		return n.Destination
	case *ast.AutoLink:
		return n.URL(src)
	}
	return nil
}

// title returns the title of a link or image, or nil.
func title(n ast.Node) []byte {
	switch n := n.(type) {
	case *ast.Link:
		return n.Title
	case *ast.Image:
		return n.Title
	}
	return nil
}

// resolve rewrites a link destination. It returns the new URL, or a reason and false.
func resolve(file, dest string, res Resolver) (string, bool) {
	if bad := unsafeScheme(dest); bad != "" {
		return bad + " URLs are not allowed", false
	}
	if !IsRelative(dest) || res == nil {
		return dest, true
	}
	if u, ok := res.ResolveLink(file, dest); ok {
		return u, true
	}
	target, _, _ := strings.Cut(dest, "#")
	if h, ok := res.(Hinter); ok {
		if hint := h.LinkHint(file, dest); hint != "" {
			return "no such page: " + hint, false
		}
	}
	if strings.HasSuffix(target, ".md") {
		return "no such page (write the path of the .md file relative to this one)", false
	}
	return "no such file beside this page", false
}

// isBare reports whether a link's text is its address, give or take the scheme and a
// final slash ([un.org](https://un.org/)). Such links, like autolinks, get the class
// "bare": the print edition, which prints every web address after its link, skips them
// rather than printing the address twice.
func isBare(n *ast.Link, src []byte) bool {
	dest := string(n.Destination)
	text := plainText(n, src)
	for _, scheme := range []string{"https://", "http://", "mailto:"} {
		if rest, ok := strings.CutPrefix(dest, scheme); ok {
			text = strings.TrimPrefix(text, scheme)
			return text != "" && strings.TrimSuffix(text, "/") == strings.TrimSuffix(rest, "/")
		}
	}
	return false
}

// linkRenderer renders links, autolinks and images as goldmark does, except that an IPv6
// address in brackets ("http://[::1]:8080/") keeps them: goldmark percent-encodes them
// ("%5B::1%5D"), and no browser reads that as an address.
type linkRenderer struct {
	funcs map[ast.NodeKind]renderer.NodeRendererFunc // goldmark's own
}

func newLinkRenderer(unsafe bool) *linkRenderer {
	var opts []html.Option
	if unsafe {
		opts = append(opts, html.WithUnsafe())
	}
	l := &linkRenderer{funcs: map[ast.NodeKind]renderer.NodeRendererFunc{}}
	html.NewRenderer(opts...).RegisterFuncs(capture(func(k ast.NodeKind, f renderer.NodeRendererFunc) {
		if k == ast.KindLink || k == ast.KindAutoLink || k == ast.KindImage {
			l.funcs[k] = f
		}
	}))
	return l
}

func (l *linkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	for k := range l.funcs {
		reg.Register(k, l.render)
	}
}

func (l *linkRenderer) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	f := l.funcs[n.Kind()]
	dest := address(n, src)
	if !entering || !bytes.Contains(dest, []byte("://[")) {
		return f(w, src, n, entering)
	}
	if u, err := url.Parse(string(dest)); err != nil || !strings.HasPrefix(u.Host, "[") {
		return f(w, src, n, entering)
	}
	var b bytes.Buffer
	bw := bufio.NewWriter(&b)
	status, err := f(bw, src, n, entering)
	bw.Flush()
	// The address is the element's first attribute, so the first "://%5B" is its host.
	out := b.Bytes()
	if i := bytes.Index(out, []byte("://%5B")); i >= 0 {
		host := out[i+len("://"):]
		if j := bytes.Index(host, []byte("%5D")); j >= 0 {
			out = slices.Concat(out[:i], []byte("://["), host[len("%5B"):j], []byte("]"), host[j+len("%5D"):])
		}
	}
	w.Write(out)
	return status, err
}

// unsafeScheme returns the scheme of dest when it is one that runs code or embeds content
// ("javascript", "vbscript", "data", "file"), or "".
func unsafeScheme(dest string) string {
	// Only the first characters can name a scheme: an address repeated through a
	// [reference] may be megabytes long, and is checked each time.
	var b [len("javascript:")]byte
	n := 0
	for i := 0; i < len(dest) && n < len(b); i++ {
		c := dest[i]
		if c <= ' ' {
			continue // browsers ignore control characters and spaces inside schemes
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[n] = c
		n++
	}
	d := string(b[:n])
	for _, s := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if strings.HasPrefix(d, s) {
			return strings.TrimSuffix(s, ":")
		}
	}
	return ""
}

// nodeOffset finds a byte offset for n: its own position, or its first child's, or its
// enclosing block's first line.
func nodeOffset(n ast.Node) int {
	for m := n; m != nil; m = m.Parent() {
		if p := m.Pos(); p >= 0 {
			return p
		}
		if m.Type() == ast.TypeBlock && m.Lines().Len() > 0 {
			return m.Lines().At(0).Start
		}
	}
	return -1
}

// firstOffset is the offset of the first node of n's subtree that has one: a footnote
// list, made by goldmark, has none of its own.
func firstOffset(n ast.Node) int {
	off := -1
	ast.Walk(n, func(m ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && m.Pos() >= 0 {
			off = m.Pos()
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return off
}

// PlainText returns the text of n and its descendants, blocks separated by newlines.
func PlainText(n ast.Node, src []byte) string {
	var b strings.Builder
	if n.Kind() == ast.KindDocument {
		b.Grow(len(src)) // the text is about as long as its Markdown: one allocation, not twenty
	}
	writeText(&b, n, src)
	return strings.TrimSpace(b.String())
}

// plainText is the text of n on one line, as a reader sees it: entities the
// typographer wrote ("&rsquo;") and backslash escapes decoded.
func plainText(n ast.Node, src []byte) string { return decodedText(n, src) }

// writeText writes the text of n, one line per block; inline text is decoded as in
// plainText.
func writeText(b *strings.Builder, n ast.Node, src []byte) {
	switch n := n.(type) {
	case *ast.Text, *ast.String, *ast.CodeSpan, *ast.AutoLink, *ast.RawHTML, *ast.HTMLBlock:
		writeDecoded(b, n, src)
		return
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		writeDecoded(b, n, src)
		b.WriteByte('\n')
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		writeText(b, c, src)
	}
	if n.Type() == ast.TypeBlock && b.Len() > 0 {
		if s := b.String(); s[len(s)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
}

// paragraphIDs gives every top-level paragraph a stable id for deep links: the id of
// the H2 section it is in ("intro" before the first H2), "-p", and its number among the
// section's top-level paragraphs: "key-findings-p3". Fixing a typo never changes an id,
// and adding a paragraph changes only the ids after it in the same section. Paragraphs
// inside lists, quotes and footnotes get none.
func paragraphIDs(root ast.Node) {
	taken := map[string]bool{}
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			if id, ok := h.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					taken[string(b)] = true
				}
			}
		}
		return ast.WalkContinue, nil
	})
	section, count := "intro", 0
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level == 2 {
				if id, ok := n.AttributeString("id"); ok {
					if b, ok := id.([]byte); ok {
						section, count = string(b), 0
					}
				}
			}
		case *ast.Paragraph:
			count++
			id := fmt.Sprintf("%s-p%d", section, count)
			for i := 2; taken[id]; i++ {
				id = fmt.Sprintf("%s-p%d-%d", section, count, i)
			}
			taken[id] = true
			n.SetAttributeString("id", []byte(id))
		}
	}
}

// headingRenderer writes H2-H4 with a "link to this section" anchor beside the heading
// rather than inside it, so the heading's accessible name stays its text while the
// anchor, a real link, is reachable by keyboard and named for screen readers.
type headingRenderer struct{}

func (headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
}

// headingAttributes are the attributes a heading keeps from "## Title {...}": its id.
// goldmark's own filter also lets through style, hidden, role, tabindex, accesskey,
// autofocus and the like, with which a brief could cover or hide parts of the page.
var headingAttributes = util.NewBytesFilterString("id")

func renderHeading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	id, _ := n.AttributeString("id")
	idBytes, _ := id.([]byte)
	anchored := n.Level >= 2 && n.Level <= 4 && len(idBytes) > 0
	if entering {
		if anchored {
			w.WriteString(`<div class="heading">`)
		}
		fmt.Fprintf(w, "<h%d", n.Level)
		if n.Attributes() != nil {
			html.RenderAttributes(w, n, headingAttributes)
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	fmt.Fprintf(w, "</h%d>", n.Level)
	if anchored {
		// Named by the heading itself, not by words in a language: a body does not
		// know the language of the interface around it.
		fmt.Fprintf(w, `<a class="anchor" href="#%s" aria-labelledby="%s">#</a></div>`,
			util.EscapeHTML(idBytes), util.EscapeHTML(idBytes))
	}
	w.WriteByte('\n')
	return ast.WalkContinue, nil
}

// ids generates heading ids: the slug of the text, made unique within the document.
type ids struct {
	used map[string]bool
	next map[string]int // slug → the suffix to try first for its next repeat
}

func newIDs() *ids { return &ids{used: map[string]bool{}, next: map[string]int{}} }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := slug.Make(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	if s.used[id] {
		// Start from where the last repeat of base stopped: trying "-2", "-3"... anew
		// each time made 20,000 repeated headings take 20,000²/2 tries.
		i := max(s.next[base], 2)
		for id = base + "-" + strconv.Itoa(i); s.used[id]; id = base + "-" + strconv.Itoa(i) {
			i++
		}
		s.next[base] = i + 1
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// lineIndex turns byte offsets into line:col positions.
type lineIndex struct{ starts []int }

func newLineIndex(src []byte) lineIndex {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{starts}
}

func (l lineIndex) pos(file string, off int) diag.Position {
	if off < 0 {
		return diag.Position{File: file}
	}
	lo, hi := 0, len(l.starts)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if l.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return diag.Position{File: file, Line: lo + 1, Col: off - l.starts[lo] + 1}
}

// codeRenderer renders fenced code blocks with chroma, using CSS classes so the theme's
// stylesheet decides colours (and can switch them for dark mode and print). It exists
// instead of goldmark-highlighting because that package drops formatter errors.
type codeRenderer struct{ f *chromahtml.Formatter }

func (c *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, c.render)
	reg.Register(ast.KindCodeBlock, c.render)
}

func (c *codeRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	var code bytes.Buffer
	for i := range node.Lines().Len() {
		s := node.Lines().At(i)
		code.Write(s.Value(src))
	}
	var lang string
	if n, ok := node.(*ast.FencedCodeBlock); ok {
		lang = string(n.Language(src))
	}
	var lexer chroma.Lexer
	if lang != "" && len(lang) <= maxLanguage {
		lexer = lexers.Get(lang)
	}
	// tabindex="0": a block that scrolls sideways must be reachable by keyboard.
	if lexer == nil {
		w.WriteString(`<pre class="chroma" tabindex="0"><code>`)
		w.Write(util.EscapeHTML(code.Bytes()))
		w.WriteString("</code></pre>\n")
		return ast.WalkSkipChildren, nil
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code.String())
	if err != nil {
		return ast.WalkStop, fmt.Errorf("highlighting %s code: %w", lang, err)
	}
	fmt.Fprintf(w, `<pre class="chroma" tabindex="0" data-lang="%s"><code>`, util.EscapeHTML([]byte(lang)))
	if err := c.f.Format(w, styles.Fallback, it); err != nil {
		return ast.WalkStop, fmt.Errorf("highlighting %s code: %w", lang, err)
	}
	w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// tableRenderer wraps goldmark's GFM table in a focusable, labelled region, so that a
// wide table scrolls inside the page on a phone and can be scrolled by keyboard.
type tableRenderer struct {
	table renderer.NodeRendererFunc // goldmark's own
}

func newTableRenderer() *tableRenderer {
	t := &tableRenderer{}
	extension.NewTableHTMLRenderer().RegisterFuncs(capture(func(k ast.NodeKind, f renderer.NodeRendererFunc) {
		if k == extast.KindTable {
			t.table = f
		}
	}))
	return t
}

// capture is a registerer that hands each registration to a function.
type capture func(ast.NodeKind, renderer.NodeRendererFunc)

func (c capture) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { c(k, f) }

func (t *tableRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(extast.KindTable, t.render)
}

func (t *tableRenderer) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		// A section, not a div with role="region": the same landmark, in native HTML.
		fmt.Fprintf(w, `<section class="table-scroll" tabindex="0" aria-label="Table %d">`+"\n", tableNumber(n))
	}
	status, err := t.table(w, src, n, entering)
	if !entering {
		w.WriteString("</section>\n")
	}
	return status, err
}

// tableNumber counts the tables of the document up to and including n.
func tableNumber(n ast.Node) int {
	root := n
	for root.Parent() != nil {
		root = root.Parent()
	}
	count := 0
	ast.Walk(root, func(m ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && m.Kind() == extast.KindTable {
			count++
			if m == n {
				return ast.WalkStop, nil
			}
		}
		return ast.WalkContinue, nil
	})
	return count
}
