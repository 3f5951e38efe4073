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
	if r, at, bad := yamldoc.FirstForbidden(src); bad {
		at.File = file
		if r == utf8.RuneError {
			return nil, diag.Errorf(at, "frontmatter: file is not valid UTF-8 text (save it as UTF-8)")
		}
		return nil, diag.Errorf(at, "frontmatter: %s is not allowed in a page: delete it (most editors do not show it)",
			yamldoc.DescribeForbidden(r))
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
