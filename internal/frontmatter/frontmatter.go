// Package frontmatter splits a Markdown source file into its YAML front matter and body.
//
// A file must open with a line "---", followed by YAML, followed by a closing "---" line.
// A UTF-8 byte order mark and CRLF line endings are accepted; bytes that are not UTF-8
// and invisible control characters (yamldoc.Forbidden) are refused, at their position.
// The body that comes back keeps the file's line numbering: the front matter is
// replaced by as many newlines as it spanned, so a byte offset in the body is an offset
// in the (LF-normalised) file, and Markdown errors can name file lines.
package frontmatter

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"folio/internal/diag"
	"folio/internal/yamldoc"

	"go.yaml.in/yaml/v4"
)

// A Document is a source file split in two.
type Document struct {
	Front    *yaml.Node // the front matter's root node; lines are file lines
	Body     []byte     // the file with the front matter blanked out, LF line endings
	BodyLine int        // the 1-based line on which the body starts
	// BodyText is where the body's text starts in the file once normalized (byte order
	// mark removed, CRLF line endings made LF): with BodyLine, what BodyOf needs to
	// make Body again from the file.
	BodyText int
}

// Parse splits src, the contents of file, into front matter and body.
func Parse(file string, src []byte) (*Document, error) { return parse(file, src, true) }

// CheckText returns an error at the first place in the file src that is not UTF-8 text
// or holds a character no page may (yamldoc.Forbidden). Parse checks this first.
func CheckText(file string, src []byte) error {
	r, at, bad := yamldoc.FirstForbidden(src)
	if !bad {
		return nil
	}
	at.File = file
	if r == utf8.RuneError {
		return diag.Errorf(at, "frontmatter: file is not valid UTF-8 text (save it as UTF-8)")
	}
	return diag.Errorf(at, "frontmatter: %s is not allowed in a page: delete it (most editors do not show it)",
		yamldoc.DescribeForbidden(r))
}

// ParseFront is Parse without the Body (nil), for a caller that will make it later
// with BodyOf: the copy of the file it is would only be thrown away.
func ParseFront(file string, src []byte) (*Document, error) { return parse(file, src, false) }

func parse(file string, src []byte, withBody bool) (*Document, error) {
	if err := CheckText(file, src); err != nil {
		return nil, err
	}
	src = normalize(src)

	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if !isDelimiter(first) {
		return nil, diag.Errorf(diag.Position{File: file, Line: 1, Col: 1},
			`frontmatter: file must start with a "---" line that opens the front matter`)
	}
	// Find the closing delimiter line.
	line, off := 2, 0
	for {
		if off >= len(rest) {
			return nil, diag.Errorf(diag.Position{File: file, Line: 1, Col: 1},
				`frontmatter: missing closing "---" after the front matter opened here`)
		}
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l, end = rest[off:], len(rest)-off
		} else {
			l = rest[off : off+end]
		}
		if isDelimiter(l) || string(bytes.TrimRight(l, " \t")) == "..." {
			break
		}
		off += end + 1
		line++
	}
	yamlSrc := rest[:off]
	closeLine := line

	front, err := yamldoc.Parse(file, yamlSrc, 2)
	if err != nil {
		return nil, err
	}

	// The body: one newline for each front matter line, then everything after "---".
	after := rest[off:]
	if i := bytes.IndexByte(after, '\n'); i >= 0 {
		after = after[i+1:]
	} else {
		after = nil
	}
	start := len(src) - len(after)
	doc := &Document{Front: front, BodyLine: closeLine + 1, BodyText: start}
	if withBody {
		doc.Body = body(src, doc.BodyLine, start)
	}
	return doc, nil
}

// BodyOf returns the Body that Parse gave for src, from the BodyLine and BodyText of the
// Document it returned, without parsing the front matter again: a build that reads
// every file's front matter first can let the bodies go and read each again when it is
// rendered. src must be the very bytes Parse had. The body is made in src's memory,
// over the front matter (which has at least one byte per line it blanks): src must not
// be used afterwards.
func BodyOf(src []byte, bodyLine, bodyText int) ([]byte, error) {
	src = normalize(src)
	if bodyLine < 1 || bodyText < bodyLine-1 || bodyText > len(src) {
		return nil, fmt.Errorf("frontmatter: body at line %d, offset %d: not in a file of %d bytes", bodyLine, bodyText, len(src))
	}
	b := src[bodyText-(bodyLine-1):]
	for i := range bodyLine - 1 {
		b[i] = '\n'
	}
	return b, nil
}

// Head returns the part of src before the body's text (the front matter and its
// delimiters, normalized), from the BodyText Parse gave: what must not change for
// BodyOf's body to belong with the front matter Parse read.
func Head(src []byte, bodyText int) []byte {
	src = normalize(src)
	return src[:min(max(bodyText, 0), len(src))]
}

// normalize removes a byte order mark and makes line endings LF: CRLF, and a CR alone
// (old Mac files), which YAML and CommonMark both read as a line ending too; left in,
// the YAML parser counted lines the rest of folio did not.
func normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if bytes.Contains(src, []byte("\r")) {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	return src
}

// body is the text at src[start:] after one newline for each line before bodyLine, so
// that offsets and lines in the body are those of the file.
func body(src []byte, bodyLine, start int) []byte {
	b := make([]byte, 0, bodyLine-1+len(src)-start)
	b = append(b, bytes.Repeat([]byte("\n"), bodyLine-1)...)
	return append(b, src[start:]...)
}

func isDelimiter(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == "---"
}
