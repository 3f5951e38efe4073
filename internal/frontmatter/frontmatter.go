// Package frontmatter splits a Markdown source file into its YAML front matter and body.
//
// A file must open with a line "---", followed by YAML, followed by a closing "---" line.
// A UTF-8 byte order mark and CRLF line endings are accepted. The body that comes back
// keeps the file's line numbering: the front matter is replaced by as many newlines as it
// spanned, so a byte offset in the body is an offset in the (LF-normalised) file, and
// Markdown errors can name file lines.
package frontmatter

import (
	"bytes"
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
}

// Parse splits src, the contents of file, into front matter and body.
func Parse(file string, src []byte) (*Document, error) {
	if !utf8.Valid(src) {
		return nil, diag.Errorf(invalidUTF8(file, src), "frontmatter: file is not valid UTF-8 text (save it as UTF-8)")
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if bytes.Contains(src, []byte("\r")) {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}

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
	body := make([]byte, 0, closeLine+len(after))
	body = append(body, bytes.Repeat([]byte("\n"), closeLine)...)
	body = append(body, after...)
	return &Document{Front: front, Body: body, BodyLine: closeLine + 1}, nil
}

func isDelimiter(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == "---"
}

// invalidUTF8 returns the position of the first byte of src that is not UTF-8.
func invalidUTF8(file string, src []byte) diag.Position {
	line, col := 1, 1
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size <= 1 {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		src = src[size:]
	}
	return diag.Position{File: file, Line: line, Col: col}
}
