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

// chromaCSS returns the stylesheet for highlighted code: chroma's "github" style, and
// "github-dark" when the reader prefers a dark scheme. The theme ships it as
// static/chroma.css; a test keeps that file in step with chroma.
func chromaCSS() (string, error) {
	var b strings.Builder
	b.WriteString("/* Generated from chroma styles github and github-dark: go test ./internal/markdown -update */\n")
	f := chromahtml.New(chromahtml.WithClasses(true))
	if err := f.WriteCSS(&b, styles.Get("github")); err != nil {
		return "", err
	}
	light := b.String()
	var dark strings.Builder
	if err := f.WriteCSS(&dark, styles.Get("github-dark")); err != nil {
		return "", err
	}
	b.WriteString("@media screen and (prefers-color-scheme: dark) {\n")
	b.WriteString(dark.String())
	// Classes that only the light style colours would keep their light colours on the
	// dark background (near-black punctuation on near-black): let them inherit.
	darkColoured := coloured(dark.String())
	for _, class := range slices.Sorted(maps.Keys(coloured(light))) {
		if !darkColoured[class] {
			fmt.Fprintf(&b, ".chroma .%s { color: inherit }\n", class)
		}
	}
	b.WriteString("}\n")
	return b.String(), nil
}
