package main

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"folio/internal/build"
	"folio/internal/content"
	"folio/internal/frontmatter"

	"go.yaml.in/yaml/v4"
)

// runAlias adds OLD to the aliases of the publication or page now at NEW: the old
// address then redirects to it, and the record of published URLs is kept.
func runAlias(args []string, stdout, stderr io.Writer) int {
	fs := flags("alias", stderr)
	source := fs.String("source", ".", "site `folder`, holding site.yaml and content/")
	if err := fs.Parse(args); err != nil {
		if err == flagErrHelp {
			fs.SetOutput(stdout)
			fs.Usage()
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() != 2 {
		fmt.Fprintf(stderr, "folio alias: give the old address and the new one, such as: folio alias /publications/old-name/ /publications/new-name/\n")
		fs.Usage()
		return exitUsage
	}
	// The record is not read: the site it stops is the one being mended.
	s, errs := build.New(build.Options{Source: *source, IgnoreRecord: true, Future: true}).Model()
	if errs.HasErrors() {
		printDiagnostics(stderr, errs)
		fmt.Fprintf(stderr, "folio alias: the site has errors; fix them first\n")
		return exitSite
	}
	old, err := sitePath(fs.Arg(0), s.BasePath)
	if err != nil {
		fmt.Fprintf(stderr, "folio alias: the old address %q %v\n", fs.Arg(0), err)
		return exitUsage
	}
	to, err := sitePath(fs.Arg(1), s.BasePath)
	if err != nil {
		fmt.Fprintf(stderr, "folio alias: the new address %q %v\n", fs.Arg(1), err)
		return exitUsage
	}
	var file string
	var aliases []string
	for _, p := range s.Publications {
		if p.URL == s.URL(to) {
			file, aliases = p.Source, p.Aliases
		}
	}
	for _, p := range s.Pages {
		if p.URL == s.URL(to) {
			file, aliases = p.Source, p.Aliases
		}
	}
	switch {
	case file == "":
		fmt.Fprintf(stderr, "folio alias: no publication or page is at %s: give the address it has now, as its page shows it\n", to)
		return exitSite
	case old == to:
		fmt.Fprintf(stderr, "folio alias: %s is the address of %s itself\n", old, file)
		return exitUsage
	case slices.Contains(aliases, old):
		fmt.Fprintf(stdout, "%s: %s is already one of its aliases\n", file, old)
		return exitOK
	}
	path := filepath.Join(*source, filepath.FromSlash(file))
	src, err := os.ReadFile(path)
	if err == nil {
		var edited []byte
		if edited, err = addAlias(file, src, old); err == nil {
			err = replaceFile(path, edited)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "folio alias: %v\n", err)
		return exitSite
	}
	fmt.Fprintf(stdout, "%s: added the alias %s, which will redirect to %s\n", file, old, to)
	return exitOK
}

// sitePath turns an address as a user may paste it (a path, or a whole URL of the site)
// into a site path without the base URL's path, as aliases are written: "/briefs/x/".
func sitePath(addr, basePath string) (string, error) {
	if u, err := url.Parse(addr); err == nil && u.Scheme != "" {
		addr = u.Path
	}
	if basePath != "/" && strings.HasPrefix(addr, basePath) {
		addr = "/" + strings.TrimPrefix(addr, basePath)
	}
	p, err := content.CleanAlias(addr)
	if err != nil {
		return "", err
	}
	return p, nil
}

// addAlias returns the page src, the contents of file, with alias added to its front
// matter's aliases, changing nothing else: the new item goes after the last one, written
// as the others are (a block list or a [flow, list]), or a block list is added before
// the closing "---". The result is parsed again to make sure it says what was meant.
func addAlias(file string, src []byte, alias string) ([]byte, error) {
	doc, err := frontmatter.ParseFront(file, src)
	if err != nil {
		return nil, err
	}
	nl := "\n"
	if bytes.Contains(src, []byte("\r\n")) {
		nl = "\r\n"
	}
	lines := bytes.SplitAfter(src, []byte("\n"))
	var key, val *yaml.Node
	for i := 0; i+1 < len(doc.Front.Content); i += 2 {
		if doc.Front.Content[i].Value == "aliases" {
			key, val = doc.Front.Content[i], doc.Front.Content[i+1]
		}
	}
	insertLine := func(at int, text string) { // before the line numbered at (1-based)
		lines = slices.Insert(lines, at-1, []byte(text+nl))
	}
	plain := yamlScalar(alias)
	switch {
	case key == nil:
		insertLine(doc.BodyLine-1, "aliases:"+nl+"  - "+plain)
	case val.Kind == yaml.ScalarNode && val.Tag == "!!null":
		insertLine(key.Line+1, "  - "+plain)
	case val.Kind == yaml.SequenceNode && val.Style&yaml.FlowStyle == 0 && len(val.Content) > 0:
		last := val.Content[len(val.Content)-1]
		if last.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("%s: aliases are not a list of addresses: add %s by hand", file, alias)
		}
		line := lines[last.Line-1]
		prefix := line[:byteOffset(line, last.Column)]
		insertLine(last.Line+1, string(prefix)+plain)
	case val.Kind == yaml.SequenceNode || val.Kind == yaml.ScalarNode:
		// [a, b] becomes [a, b, alias]; a single address a becomes [a, alias].
		at := val
		if val.Kind == yaml.SequenceNode && len(val.Content) > 0 {
			at = val.Content[len(val.Content)-1]
		}
		line := lines[at.Line-1]
		start := byteOffset(line, at.Column)
		end := start + 1 // past "[" of an empty list
		if at != val || val.Kind == yaml.ScalarNode {
			end = scalarEnd(line, start)
		}
		item := strconv.Quote(alias)
		var b []byte
		switch {
		case val.Kind == yaml.ScalarNode:
			b = slices.Concat(line[:start], []byte("["), line[start:end], []byte(", "+item+"]"), line[end:])
		case at == val:
			b = slices.Concat(line[:end], []byte(item), line[end:])
		default:
			b = slices.Concat(line[:end], []byte(", "+item), line[end:])
		}
		lines[at.Line-1] = b
	default:
		return nil, fmt.Errorf("%s:%d:%d: aliases must be a list of addresses: add %s by hand", file, val.Line, val.Column, alias)
	}
	out := bytes.Join(lines, nil)
	// The edit must leave the aliases as they were, plus this one, and the rest alone.
	before, after := aliasesOf(doc.Front), []string(nil)
	if d, err := frontmatter.ParseFront(file, out); err == nil && len(d.Front.Content) == len(doc.Front.Content)+2*btoi(key == nil) {
		after = aliasesOf(d.Front)
	}
	if !slices.Equal(append(before, alias), after) {
		return nil, fmt.Errorf("%s: could not add %s to its aliases without changing something else: add it by hand", file, alias)
	}
	return out, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// aliasesOf returns the aliases of a front matter node as written.
func aliasesOf(front *yaml.Node) []string {
	var out []string
	for i := 0; i+1 < len(front.Content); i += 2 {
		if front.Content[i].Value != "aliases" {
			continue
		}
		v := front.Content[i+1]
		switch {
		case v.Kind == yaml.ScalarNode && v.Tag != "!!null":
			out = append(out, v.Value)
		case v.Kind == yaml.SequenceNode:
			for _, c := range v.Content {
				out = append(out, c.Value)
			}
		}
	}
	return out
}

// yamlScalar writes s as a YAML value on a line of its own, quoted only if it must be.
func yamlScalar(s string) string {
	b, err := yaml.Marshal(s)
	if err != nil || bytes.Count(b, []byte("\n")) != 1 {
		return strconv.Quote(s)
	}
	return strings.TrimSuffix(string(b), "\n")
}

// byteOffset returns the byte offset in line of the 1-based column col, which the YAML
// parser counts in characters.
func byteOffset(line []byte, col int) int {
	n := 0
	for i := range string(line) {
		if n == col-1 {
			return i
		}
		n++
	}
	return len(line)
}

// scalarEnd returns where the flow scalar starting at line[start] ends: after its
// closing quote, or before the "," or "]" or end of line that ends a plain one.
func scalarEnd(line []byte, start int) int {
	switch q := line[start]; q {
	case '"', '\'':
		for i := start + 1; i < len(line); i++ {
			switch {
			case q == '"' && line[i] == '\\':
				i++
			case line[i] == q && q == '\'' && i+1 < len(line) && line[i+1] == '\'':
				i++
			case line[i] == q:
				return i + 1
			}
		}
		return len(line)
	}
	end := len(bytes.TrimRight(line, "\r\n"))
	if i := bytes.IndexAny(line[start:end], ",]"); i >= 0 {
		end = start + i
	}
	if i := bytes.Index(line[start:end], []byte(" #")); i >= 0 {
		end = start + i
	}
	return start + len(bytes.TrimRight(line[start:end], " \t"))
}

// replaceFile writes data to path through a file beside it, renamed over it, keeping
// its permissions: an editor or a crash never sees half a page.
func replaceFile(path string, data []byte) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), fi.Mode().Perm())
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
