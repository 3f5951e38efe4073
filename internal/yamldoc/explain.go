package yamldoc

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"folio/internal/diag"

	"go.yaml.in/yaml/v4"
)

// The YAML parser's messages are exact but written for programmers, and some point
// lines after the mistake ("summary:>-" is reported where the next field starts). explain
// turns the mistakes writers make most into advice at the line to fix, keeping the
// parser's words in parentheses.

var (
	// keyValue is a "name: value" line.
	keyValue = regexp.MustCompile(`^(\s*)([A-Za-z_][\w-]*):[ \t]+(.*?)\s*$`)
	// keyNoSpace is a "name:value" line: no space after the colon, so YAML reads one
	// word, not a field.
	keyNoSpace = regexp.MustCompile(`^\s*([A-Za-z_][\w-]*):([^\s].*?)\s*$`)
)

// explain returns the position and message for a syntax error of the YAML document src
// (whose line numbers are file lines).
func explain(file string, src []byte, le *yaml.LoadError) error {
	lines := bytes.Split(src, []byte("\n"))
	line := func(n int) string {
		if n < 1 || n > len(lines) {
			return ""
		}
		return strings.TrimRight(string(lines[n-1]), "\r")
	}
	at := diag.Position{File: file, Line: le.Mark.Line, Col: le.Mark.Column}
	ctx := diag.Position{File: file, Line: le.ContextMark.Line, Col: le.ContextMark.Column}
	say := func(p diag.Position, format string, args ...any) error {
		return diag.Errorf(p, "%s (yaml: %s)", fmt.Sprintf(format, args...), le.Message)
	}
	char := func(p diag.Position) byte {
		if l := line(p.Line); p.Col >= 1 && p.Col <= len(l) {
			return l[p.Col-1]
		}
		return 0
	}

	switch {
	case strings.Contains(le.Message, "tab character") || char(at) == '\t':
		return say(at, "indent with spaces, not tabs")

	case strings.HasPrefix(le.ContextMsg, "while scanning a quoted scalar") && ctx.Line > 0:
		q := string(rune(cmpOr(char(ctx), '"')))
		return say(ctx, "the quote %s opened here is never closed: end the value with %s", q, q)

	case strings.HasPrefix(le.ContextMsg, "while parsing a flow sequence") && ctx.Line > 0:
		return say(ctx, "the [ opened here is never closed: end the list with ], as in [Mali, Niger]")

	case strings.HasPrefix(le.ContextMsg, "while parsing a flow mapping") && ctx.Line > 0:
		return say(ctx, "the { opened here is never closed: end it with }, or write a list with [ ]")

	case strings.HasPrefix(le.ContextMsg, "while scanning a simple key") && ctx.Line > 0:
		if m := keyNoSpace.FindStringSubmatch(line(ctx.Line)); m != nil {
			return say(diag.Position{File: file, Line: ctx.Line, Col: ctx.Col + len(m[1]) + 1},
				"write a space after the colon: %s: %s", m[1], m[2])
		}
		return say(ctx, "this line is not a field: write it as name: value, or indent it to continue the value above")

	case strings.HasPrefix(le.Message, "mapping values are not allowed"):
		l := line(at.Line)
		m := keyValue.FindStringSubmatch(l)
		if m != nil && m[1] != "" && at.Col > len(m[1])+len(m[2]) && at.Col <= len(m[1])+len(m[2])+1 {
			// "  date: ..." under "title: x": the indent makes it part of the title.
			return say(diag.Position{File: file, Line: at.Line, Col: 1},
				"this line is indented, so it reads as part of the line above: start %s: at the beginning of the line, like the other fields", m[2])
		}
		if m != nil && strings.Contains(m[3], ": ") {
			noun := "value"
			if m[2] == "title" || m[2] == "summary" {
				noun = m[2]
			}
			return say(at, "a %s containing \": \" must be quoted: %s%s: \"%s\"", noun, m[1], m[2],
				strings.ReplaceAll(strings.ReplaceAll(m[3], `\`, `\\`), `"`, `\"`))
		}
		return say(at, "a value containing \": \" must be quoted, as in title: \"Early warning: lessons from Ituri\"")

	case strings.HasPrefix(le.Message, "did not find expected key"),
		strings.HasPrefix(le.Message, "did not find expected '-' indicator"):
		if strings.HasPrefix(strings.TrimLeft(line(at.Line), " "), "- ") {
			return say(at, "this list item is not lined up with the ones above it: start every \"- \" of a list at the same column")
		}
		return say(at, "this line is indented differently from the lines above it: line up the fields of one level at the same column")
	}
	return diag.Errorf(at, "yaml: %s", le.Message)
}

func cmpOr(b, def byte) byte {
	if b == 0 {
		return def
	}
	return b
}
