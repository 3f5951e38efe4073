package markdown

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// The theme's static/chroma.css is generated from chroma's styles by TestChromaCSS
// (-update), not at build time: the product only emits the classes.

var colourRule = regexp.MustCompile(`\.chroma \.([a-z0-9]+) \{(?:[^}]*;)? *color:`)

// coloured lists the token classes a chroma stylesheet gives a colour.
func coloured(css string) map[string]bool {
	out := map[string]bool{}
	for _, m := range colourRule.FindAllStringSubmatch(css, -1) {
		out[m[1]] = true
	}
	return out
}

// unused are the rules of chroma's stylesheets for what folio's code blocks never hold:
// line numbers, line tables, links and highlighted lines, and the .bg wrapper.
var unused = regexp.MustCompile(`^\.(bg|chroma \.(lnlinks|lntd|lntable|hl|lnt|ln|line|cl)) \{`)

// slim drops from a chroma stylesheet the comment naming each rule's token type and the
// rules folio has no use for: the file is on every page with code, and gzipped it was a
// quarter larger with them.
func slim(css string) string {
	var b strings.Builder
	for line := range strings.Lines(css) {
		if strings.HasPrefix(line, "/* ") {
			if _, rule, ok := strings.Cut(line, " */ "); ok {
				line = rule
			}
		}
		if !unused.MatchString(line) {
			b.WriteString(line)
		}
	}
	return b.String()
}

// chromaCSS returns the stylesheet for highlighted code: chroma's "github" style, and
// "github-dark" when the reader prefers a dark scheme. The theme ships it as
// static/chroma.css; a test keeps that file in step with chroma.
func chromaCSS() (string, error) {
	var b strings.Builder
	b.WriteString("/* Generated from chroma styles github and github-dark: go test ./internal/markdown -update */\n")
	f := chromahtml.New(chromahtml.WithClasses(true))
	var light, dark strings.Builder
	if err := f.WriteCSS(&light, styles.Get("github")); err != nil {
		return "", err
	}
	if err := f.WriteCSS(&dark, styles.Get("github-dark")); err != nil {
		return "", err
	}
	b.WriteString(slim(light.String()))
	b.WriteString("@media screen and (prefers-color-scheme: dark) {\n")
	b.WriteString(slim(dark.String()))
	// Classes that only the light style colours would keep their light colours on the
	// dark background (near-black punctuation on near-black): let them inherit.
	darkColoured := coloured(dark.String())
	for _, class := range slices.Sorted(maps.Keys(coloured(light.String()))) {
		if !darkColoured[class] {
			fmt.Fprintf(&b, ".chroma .%s { color: inherit }\n", class)
		}
	}
	b.WriteString("}\n")
	return b.String(), nil
}
