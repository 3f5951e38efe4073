package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"folio/internal/diag"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Limits on what one brief may make. A real brief stays far inside each of them: a
// 200-page report is about 1 MB of HTML, nests quotes and lists a handful of levels deep,
// and its largest table (an annex) has tens of columns and a few thousand rows. Past them
// a brief is not a document but a way to stall or exhaust the build, so it is refused with
// an error at its file:line:col instead.
const (
	// MaxNesting bounds block quotes, lists and footnotes inside one another, and
	// brackets left open in a paragraph. goldmark's time grows with the square of the
	// depth (each block opened on a line reads the rest of the line again, and each later
	// line is checked against every open block): 100,000 levels take minutes, 100 take
	// microseconds.
	MaxNesting = 100
	// MaxColumns and MaxCells bound one table. goldmark pads every row to the width of the
	// header and makes a node for each cell, some 200 bytes: 30 kB of Markdown (a header
	// of 5,000 columns over 5,000 one-cell rows) would take gigabytes.
	MaxColumns = 1_000
	MaxCells   = 200_000
	// MaxHTML bounds the HTML of one body, in bytes. HTML is about the size of its
	// Markdown (the 50 MB brief of the hostile-input tests makes some 60 MB) except where
	// a short mark stands for something long: a [reference] to a long address, written
	// ten thousand times, would make gigabytes of page.
	MaxHTML = 128 << 20
)

// maxLanguage bounds the language name of a fenced code block that is looked up among
// chroma's lexers: the longest name or alias is under 30 bytes, and the lookup, which
// also tries the name as a file name against every lexer's patterns, takes time in
// proportion to the name's length (a 100,000-byte name took half a minute).
const maxLanguage = 64

// checkNesting reports the lines of src that nest block quotes, lists or footnotes more
// than MaxNesting levels deep, and the brackets past MaxNesting left open in one
// paragraph, before goldmark parses src. It reads each byte once. The depth of a line is
// the number of container marks that open it (">", "-", "1.", "[^note]:"...), plus one
// per two columns of indentation among them, which is how nested list items are written
// on lines of their own; it is an estimate goldmark never exceeds. Code is scanned like
// text: its indentation counts only before a list mark, and 100 brackets left open in
// one paragraph of code are as unlikely as in prose.
func checkNesting(file string, src []byte, lines lineIndex) diag.List {
	const maxErrors = 10 // one hostile line is usually repeated: the first few say it all
	var errs diag.List
	open := 0 // brackets open in the current paragraph
	for start := 0; start < len(src) && len(errs) < maxErrors; {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line := src[start:end]
		if depth := blockDepth(line); depth > MaxNesting {
			errs.Errorf(lines.pos(file, start), "quotes or lists nested about %d levels deep on this line; folio allows at most %d: flatten them", depth, MaxNesting)
		}
		if isBlank(line) {
			open = 0
		}
		for i := 0; i < len(line); i++ {
			switch line[i] {
			case '\\':
				i++
			case '[':
				if open++; open == MaxNesting+1 {
					errs.Errorf(lines.pos(file, start+i), "more than %d brackets \"[\" open at once in this paragraph; folio allows at most %d: close them or escape them as \"\\[\"", MaxNesting, MaxNesting)
				}
			case ']':
				open = max(open-1, 0)
			}
		}
		start = end + 1
	}
	return errs
}

// blockDepth estimates how many blocks the marks at the start of line open (see
// checkNesting).
func blockDepth(line []byte) int {
	marks, columns := 0, 0
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ':
			columns++
			i++
			continue
		case c == '\t':
			columns += 4
			i++
			continue
		case c == '>':
			i++
		case (c == '-' || c == '+' || c == '*' || c == ':') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 10 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 >= len(line) || line[j] != '.' && line[j] != ')' || line[j+1] != ' ' && line[j+1] != '\t' {
				return depthOf(marks, columns)
			}
			i = j + 1
		case c == '[' && i+1 < len(line) && line[i+1] == '^':
			j := bytes.Index(line[i:], []byte("]:"))
			if j < 0 {
				return depthOf(marks, columns)
			}
			i += j + 2
		default:
			return depthOf(marks, columns)
		}
		marks++
		if i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++ // the space that ends a mark is not indentation
		}
	}
	return depthOf(marks, columns)
}

func depthOf(marks, columns int) int {
	if marks == 0 {
		return 0 // text or code: indentation alone continues blocks, it opens none
	}
	return marks + columns/2
}

func isBlank(line []byte) bool {
	return len(bytes.Trim(line, " \t\r")) == 0
}

// tableLimit is goldmark's GFM table parser with MaxColumns and MaxCells: a table over
// either is left a paragraph and reported, before goldmark makes a node for each cell.
type tableLimit struct{ table parser.ParagraphTransformer }

// tooBigKey holds the []tooBig found while parsing.
var tooBigKey = parser.NewContextKey()

// tooBig is a table over the limits, at the byte offset of its header.
type tooBig struct{ offset, columns, rows int }

// Transform reads the paragraph as goldmark does: the first line that can delimit a
// table makes one if the line above it has as many cells, and every line below is a row.
func (t tableLimit) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines, src := p.Lines(), reader.Source()
	for i := 1; i < lines.Len(); i++ {
		delim, header := lines.At(i), lines.At(i-1)
		columns := delimiterColumns(delim.Value(src))
		if columns == 0 {
			continue
		}
		if rows := lines.Len() - i; (columns > MaxColumns || columns*rows > MaxCells) && rowCells(header.Value(src)) == columns {
			found, _ := pc.Get(tooBigKey).([]tooBig)
			pc.Set(tooBigKey, append(found, tooBig{header.Start, columns, rows}))
			return
		}
		break
	}
	t.table.Transform(p, reader, pc)
}

// delimiterColumns returns the number of columns of a table's delimiter row
// ("|---|:-:|"), or 0 when line is not one, by goldmark's rules.
func delimiterColumns(line []byte) int {
	if w, _ := util.IndentWidth(line, 0); w > 3 {
		return 0
	}
	dashes := true
	for _, c := range line {
		if c != '-' {
			dashes = false
		}
		if !util.IsSpace(c) && c != '-' && c != '|' && c != ':' {
			return 0
		}
	}
	if dashes {
		return 0
	}
	cols := bytes.Split(line, []byte("|"))
	if util.IsBlank(cols[0]) {
		cols = cols[1:]
	}
	if len(cols) > 0 && util.IsBlank(cols[len(cols)-1]) {
		cols = cols[:len(cols)-1]
	}
	for _, col := range cols {
		c := bytes.Trim(col, " \t\n\f\r")
		c = bytes.TrimPrefix(c, []byte(":"))
		c = bytes.TrimSuffix(c, []byte(":"))
		if len(c) == 0 || len(bytes.Trim(c, "-")) != 0 {
			return 0
		}
	}
	return len(cols)
}

// rowCells counts the cells of a table row as goldmark does: split at each "|" not
// escaped, an outer "|" at either end ignored.
func rowCells(line []byte) int {
	line = util.TrimRightSpace(util.TrimLeftSpace(line))
	pos, limit := 0, len(line)
	if limit > 0 && line[0] == '|' {
		pos++
	}
	if limit > 0 && line[limit-1] == '|' {
		limit--
	}
	n := 0
	for pos < limit {
		end := pos
		for end < limit && (line[end] != '|' || end > 0 && line[end-1] == '\\') {
			end++
		}
		n++
		pos = end + 1
	}
	return n
}

// tooBigErrors reports the tables that tableLimit left as paragraphs.
func tooBigErrors(file string, pc parser.Context, lines lineIndex) diag.List {
	var errs diag.List
	found, _ := pc.Get(tooBigKey).([]tooBig)
	for _, t := range found {
		if t.columns > MaxColumns {
			errs.Errorf(lines.pos(file, t.offset), "this table has %s columns; folio allows at most %s: split it into narrower tables", thousands(t.columns), thousands(MaxColumns))
		} else {
			errs.Errorf(lines.pos(file, t.offset), "this table has %s cells (%s rows of %s columns); folio allows at most %s: split it into smaller tables",
				thousands(t.columns*t.rows), thousands(t.rows), thousands(t.columns), thousands(MaxCells))
		}
	}
	return errs
}

// thousands writes n with commas between groups of three digits, for people to read:
// "5,000 columns".
func thousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// limitedWriter is what goldmark renders into: it keeps the first MaxHTML bytes and
// drops the rest, so a body that would render to gigabytes costs no more memory than the
// limit. Render then reports it.
type limitedWriter struct {
	strings.Builder
	over bool
}

func (w *limitedWriter) fits(n int) bool {
	if w.over || w.Len()+n > MaxHTML {
		w.over = true
		return false
	}
	return true
}

func (w *limitedWriter) Write(p []byte) (int, error) {
	if w.fits(len(p)) {
		w.Builder.Write(p)
	}
	return len(p), nil
}

func (w *limitedWriter) WriteString(s string) (int, error) {
	if w.fits(len(s)) {
		w.Builder.WriteString(s)
	}
	return len(s), nil
}

func (w *limitedWriter) WriteByte(c byte) error {
	if w.fits(1) {
		w.Builder.WriteByte(c)
	}
	return nil
}

func (w *limitedWriter) WriteRune(r rune) (int, error) {
	n := utf8.RuneLen(r)
	if w.fits(n) {
		w.Builder.WriteRune(r)
	}
	return n, nil
}

// The rest of util.BufWriter: there is no buffer to flush.
func (w *limitedWriter) Available() int { return MaxHTML - w.Len() }
func (w *limitedWriter) Buffered() int  { return 0 }
func (w *limitedWriter) Flush() error   { return nil }

// limitedTable is extension.Table with tableLimit in front of its parser.
type limitedTable struct{}

func (limitedTable) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(tableLimit{extension.NewTableParagraphTransformer()}, 200)),
		parser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewTableHTMLRenderer(), 500)))
}
