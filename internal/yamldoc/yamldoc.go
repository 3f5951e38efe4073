// Package yamldoc decodes YAML documents (site.yaml, front matter) strictly and with
// positions: every value keeps the file, line and column it came from, unknown keys are
// reported with a "did you mean" hint, duplicate keys and aliases are rejected, so are
// text that is not UTF-8 and invisible control characters (see Forbidden), and a
// Decoder collects every problem of a document instead of stopping at the first.
//
// It decodes by walking yaml.Node trees rather than with Node.Decode into structs, because
// struct decoding loses strict-key checking and reports positions only inside message text.
package yamldoc

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"folio/internal/diag"

	"go.yaml.in/yaml/v4"
)

// Parse parses src, a YAML document that starts on line firstLine of file, and returns
// its root node. Node lines are file lines. An empty document yields an empty mapping.
// Syntax errors and aliases come back as *diag.Error with their position.
func Parse(file string, src []byte, firstLine int) (*yaml.Node, error) {
	// The YAML parser reports bad bytes and control characters without a line: find
	// them first.
	if r, at, ok := FirstForbidden(src); ok {
		at.File, at.Line = file, at.Line+firstLine-1
		if r == utf8.RuneError {
			return nil, diag.Errorf(at, "yaml: the file is not valid UTF-8 text (save it as UTF-8)")
		}
		return nil, diag.Errorf(at, "yaml: %s is not allowed: delete it (most editors do not show it)", DescribeForbidden(r))
	}
	// Prefix newlines so that the parser's line numbers are already file line numbers.
	padded := make([]byte, 0, len(src)+firstLine)
	for range firstLine - 1 {
		padded = append(padded, '\n')
	}
	padded = append(padded, src...)

	var doc yaml.Node
	if err := yaml.Unmarshal(padded, &doc); err != nil {
		var le *yaml.LoadError
		if errors.As(err, &le) {
			return nil, explain(file, padded, le)
		}
		return nil, diag.Errorf(diag.Position{File: file, Line: firstLine}, "%v", err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: firstLine, Column: 1}, nil
	}
	root := doc.Content[0]
	if err := rejectAliases(file, root, 0); err != nil {
		return nil, err
	}
	return root, nil
}

// maxDepth bounds nesting; folio documents are at most three levels deep.
const maxDepth = 64

// rejectAliases refuses YAML aliases: front matter and site.yaml never need them, and
// refusing them outright makes alias-expansion bombs impossible.
func rejectAliases(file string, n *yaml.Node, depth int) error {
	if depth > maxDepth {
		return diag.Errorf(pos(file, n), "yaml: nested more than %d levels deep", maxDepth)
	}
	if n.Kind == yaml.AliasNode {
		return diag.Errorf(pos(file, n), "yaml: aliases (*%s) are not supported; write the value out", n.Value)
	}
	// Escapes in quoted strings ("\x01", "\u0085") can still make control characters.
	if n.Kind == yaml.ScalarNode {
		for _, r := range n.Value {
			if Forbidden(r) {
				return diag.Errorf(pos(file, n), "yaml: this value holds %s (written as an escape): remove it", DescribeForbidden(r))
			}
		}
	}
	for _, c := range n.Content {
		if err := rejectAliases(file, c, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// Forbidden reports whether r may not appear in folio's sources: the C0 control
// characters other than tab, line feed and carriage return (NUL included), DEL and the
// C1 control characters, and the Unicode noncharacters (U+FDD0 to U+FDEF, U+FFFE,
// U+FFFF and their counterparts in every plane). They are invisible in an editor, HTML
// does not allow them in a page, and XML 1.0 (the feeds) not at all.
func Forbidden(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20 || r >= 0x7f && r <= 0x9f:
		return true
	case r >= 0xfdd0 && r <= 0xfdef || r&0xffff >= 0xfffe:
		return true
	}
	return false
}

// FirstForbidden finds the first byte of src that is not UTF-8, reported as
// utf8.RuneError, or the first Forbidden character, and its 1-based line and column
// (counted in characters) in src. ok is false when src is clean.
func FirstForbidden(src []byte) (r rune, at diag.Position, ok bool) {
	line, col := 1, 1
	for i := 0; i < len(src); {
		if c := src[i]; c < utf8.RuneSelf { // ASCII, most of any file: no decoding
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
				return rune(c), diag.Position{Line: line, Col: col}, true
			}
			// A line ends with LF, CRLF or a CR alone, as YAML and CommonMark count them.
			if c == '\n' || c == '\r' && (i+1 == len(src) || src[i+1] != '\n') {
				line, col = line+1, 1
			} else {
				col++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 || Forbidden(r) {
			return r, diag.Position{Line: line, Col: col}, true
		}
		col++
		i += size
	}
	return 0, diag.Position{}, false
}

// DescribeForbidden names what FirstForbidden found, for a message: "the control
// character U+0001", "the noncharacter U+FFFE", or for utf8.RuneError "bytes that are not
// UTF-8 text".
func DescribeForbidden(r rune) string {
	if r == utf8.RuneError {
		return "bytes that are not UTF-8 text"
	}
	if r >= 0xfdd0 {
		return fmt.Sprintf("the noncharacter U+%04X", r)
	}
	return fmt.Sprintf("the control character U+%04X", r)
}

func pos(file string, n *yaml.Node) diag.Position {
	return diag.Position{File: file, Line: n.Line, Col: n.Column}
}

// A Decoder reads values out of the nodes of one file, recording problems in Errs.
type Decoder struct {
	File string
	Errs *diag.List
}

// Pos returns the position of n in the decoder's file.
func (d *Decoder) Pos(n *yaml.Node) diag.Position { return pos(d.File, n) }

// Errorf records an error at n.
func (d *Decoder) Errorf(n *yaml.Node, format string, args ...any) {
	d.Errs.Errorf(d.Pos(n), format, args...)
}

// Map calls fn for each key of the mapping n in document order. Keys not in known are
// reported with a hint, duplicate keys are reported at their second occurrence, and
// neither reaches fn. what names the mapping in messages ("front matter", "objective").
func (d *Decoder) Map(n *yaml.Node, what string, known []string, fn func(key string, val *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "%s must be a mapping of keys to values, not %s", what, describe(n))
		return
	}
	seen := make(map[string]int)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.Errorf(k, "%s keys must be plain words", what)
			continue
		}
		if line, dup := seen[k.Value]; dup {
			d.Errorf(k, "duplicate key %q (first set on line %d)", k.Value, line)
			continue
		}
		seen[k.Value] = k.Line
		if !contains(known, k.Value) {
			msg := fmt.Sprintf("unknown %s field %q", what, k.Value)
			if s := diag.Suggest(k.Value, known); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			d.Errorf(k, "%s", msg)
			continue
		}
		fn(k.Value, v)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// String returns the scalar n as text. Numbers, dates and booleans are accepted as the
// text they were written as. A null yields "".
func (d *Decoder) String(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode {
		d.Errorf(n, "expected a single value, not %s", describe(n))
		return ""
	}
	if n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

// Strings returns a sequence of scalars. A single scalar is accepted as a one-element list
// and a null as an empty one, because "countries: Mali" is what people write.
func (d *Decoder) Strings(n *yaml.Node) []string {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		return []string{n.Value}
	case yaml.SequenceNode:
		out := make([]string, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				d.Errorf(c, "expected a list of plain values; this item is %s", describe(c))
				continue
			}
			out = append(out, c.Value)
		}
		return out
	}
	d.Errorf(n, "expected a list, not %s", describe(n))
	return nil
}

// Seq returns the items of a sequence node, reporting anything else.
func (d *Decoder) Seq(n *yaml.Node, what string) []*yaml.Node {
	if n.Kind != yaml.SequenceNode {
		if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
			return nil
		}
		d.Errorf(n, "%s must be a list, not %s", what, describe(n))
		return nil
	}
	return n.Content
}

// Bool returns a boolean scalar.
func (d *Decoder) Bool(n *yaml.Node) bool {
	if n.Kind == yaml.ScalarNode {
		switch strings.ToLower(n.Value) {
		case "true", "yes", "on":
			return true
		case "false", "no", "off", "", "~", "null":
			return false
		}
	}
	d.Errorf(n, "expected true or false, not %s", describe(n))
	return false
}

// Int returns an integer scalar.
func (d *Decoder) Int(n *yaml.Node) int {
	if n.Kind == yaml.ScalarNode {
		if v, err := strconv.Atoi(n.Value); err == nil {
			return v
		}
	}
	d.Errorf(n, "expected a whole number, not %s", describe(n))
	return 0
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return strconv.Quote(n.Value)
	}
	return "an empty value"
}
