package theme

import (
	"bytes"
	"io/fs"
	"path"
)

// Bytes returns the file as it is published: a stylesheet without its comments
// (StripCSSComments), any other file as it is. Its URL's version hashes these bytes.
func (f StaticFile) Bytes() ([]byte, error) {
	data, err := fs.ReadFile(f.FS, f.Src)
	if err != nil || path.Ext(f.Path) != ".css" {
		return data, err
	}
	return StripCSSComments(data), nil
}

// StripCSSComments returns css without its comments, which are for the theme's authors:
// the default theme's stylesheet is a third smaller gzipped without them, and every
// reader on a slow link downloads it. A comment that starts "/*!" (a licence, by
// convention) is kept, and nothing inside a quoted string or a url() is taken for a
// comment. What is left is the same stylesheet to a browser: a comment is no token.
func StripCSSComments(css []byte) []byte {
	out := make([]byte, 0, len(css))
	for i := 0; i < len(css); {
		switch c := css[i]; {
		case c == '\\': // an escape: the next character is taken as it is
			j := min(i+2, len(css))
			out = append(out, css[i:j]...)
			i = j
		case c == '"' || c == '\'':
			j := stringEnd(css, i)
			out = append(out, css[i:j]...)
			i = j
		case c == '/' && i+1 < len(css) && css[i+1] == '*' && !(i+2 < len(css) && css[i+2] == '!'):
			end := bytes.Index(css[i+2:], []byte("*/"))
			if end < 0 {
				return append(out, css[i:]...) // unclosed: leave it to the browser
			}
			i += 2 + end + 2
			// A comment separates tokens: "a/**/b" is two names, not "ab", and ".a/**/.b"
			// one compound selector, not ".a .b". Between two name characters the
			// shortest comment stays.
			if len(out) > 0 && i < len(css) && nameByte(out[len(out)-1]) && nameByte(css[i]) {
				out = append(out, "/**/"...)
			}
		case (c == 'u' || c == 'U') && bytes.HasPrefix(bytes.ToLower(css[i:min(i+4, len(css))]), []byte("url(")):
			j := i + 4
			for j < len(css) && css[j] != ')' {
				if css[j] == '"' || css[j] == '\'' {
					j = stringEnd(css, j)
					continue
				}
				j++
			}
			j = min(j+1, len(css))
			out = append(out, css[i:j]...)
			i = j
		default:
			out = append(out, c)
			i++
		}
	}
	return out
}

// nameByte reports whether c can be part of a CSS name or number.
func nameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '%' || c == '.' || c >= 0x80
}

// stringEnd returns the index just past the quoted string that starts at css[i].
func stringEnd(css []byte, i int) int {
	q := css[i]
	for j := i + 1; j < len(css); j++ {
		switch css[j] {
		case '\\':
			j++
		case q, '\n':
			return j + 1
		}
	}
	return len(css)
}
