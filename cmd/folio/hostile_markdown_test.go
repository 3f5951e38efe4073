package main

// Hostile Markdown, end to end through `folio build`: bodies made to stall the build or
// to make a page of gigabytes from a few kilobytes, each refused at its path:line:col
// (markdown.MaxNesting, MaxColumns, MaxCells, MaxHTML) or built in milliseconds, and
// links that must stay what they were written as. The builds here take well under a
// second; the minute each is given is a guard against a hang, not a speed target (the
// benchmarks in internal/markdown are).

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"folio/internal/markdown"
)

// buildWithin runs folio build on dir and fails the test if it has not finished within
// five minutes.
func buildWithin(t *testing.T, dir string) (code int, stderr string) {
	t.Helper()
	type result struct {
		code   int
		stderr string
	}
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		code, _, stderr := runFolio("build", "--source", dir)
		done <- result{code, stderr}
	}()
	select {
	case r := <-done:
		t.Logf("built in %v", time.Since(start).Round(time.Millisecond))
		return r.code, r.stderr
	// A hang guard, not a time limit: under the race detector on 2 cores the largest
	// refused page takes a minute to reach its limit.
	case <-time.After(5 * time.Minute):
		t.Fatalf("folio build still running after five minutes")
		return 0, ""
	}
}

// wantRefused checks that a build failed with each of want among its diagnostics, and
// wrote no page.
func wantRefused(t *testing.T, dir string, code int, stderr string, want ...string) {
	t.Helper()
	if code != 1 {
		t.Errorf("exit %d; want 1", code)
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr:\n%.3000s\nwant a line containing %q", stderr, w)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "publications")); err == nil {
		t.Errorf("public/publications was written by a build that failed")
	}
}

// TestHostileNestingRefused builds a brief nested 100,000 levels deep in each of the
// ways that make goldmark slow (its time grows with the square of the depth: minutes at
// this depth). Each is refused at its line, before goldmark reads it.
func TestHostileNestingRefused(t *testing.T) {
	const depth = 100_000
	var b strings.Builder
	b.WriteString(hostileFront("Deep"))
	line := func() int { return strings.Count(b.String(), "\n") + 1 }
	var want []string
	add := func(what, text string, col int, msg string) {
		b.WriteString("## " + what + "\n\n")
		want = append(want, fmt.Sprintf("content/publications/deep.md:%d:%d: %s", line(), col, msg))
		b.WriteString(text + "\n\n")
	}
	brackets := fmt.Sprintf("more than %d brackets \"[\" open at once in this paragraph", markdown.MaxNesting)
	nested := fmt.Sprintf("quotes or lists nested about %d levels deep on this line; folio allows at most %d", depth, markdown.MaxNesting)
	add("Quotes", strings.Repeat(">", depth)+" the deepest quote", 1, nested)
	add("Lists", strings.Repeat("- ", depth)+"the deepest item", 1, nested)
	add("Numbers", strings.Repeat("1. ", depth)+"the deepest number", 1, nested)
	add("Mixed", strings.Repeat("> - ", depth/2)+"mixed", 1, nested)
	add("Brackets", strings.Repeat("[", depth)+"brackets"+strings.Repeat("]", depth), markdown.MaxNesting+1, brackets)
	add("Images", strings.Repeat("![", depth)+"b"+strings.Repeat("](u)", depth), 2*markdown.MaxNesting+2, brackets)
	b.WriteString("A note.[^deep]\n\n")
	add("Note", "[^deep]: "+strings.Repeat("> ", depth-1)+"deep note", 1, nested)
	dir := writeHostileSite(t, map[string]string{"content/publications/deep.md": b.String()})

	code, stderr := buildWithin(t, dir)
	wantRefused(t, dir, code, stderr, want...)
}

// TestHostileLongLanguage builds a code block whose language name is a million bytes
// long: it was looked up among chroma's lexers, at a third of a millisecond a byte.
func TestHostileLongLanguage(t *testing.T) {
	body := "## Code\n\n```" + strings.Repeat("x", 1_000_000) + "\nprint(1)\n```\n\n~~~" + strings.Repeat("~", 100_000) + "e\nprint(2)\n~~~\n"
	dir := writeHostileSite(t, map[string]string{"content/publications/code.md": hostileFront("Code") + body})
	if code, stderr := buildWithin(t, dir); code != 0 {
		t.Fatalf("exit %d:\n%.3000s", code, stderr)
	}
	page, err := os.ReadFile(filepath.Join(dir, "public", "publications", "code", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"print(1)", "print(2)"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

// TestHostileRepeatedHeadings builds 40,000 headings with the same text: finding each
// one a free id took time in the square of their number (36 s for 20,000).
func TestHostileRepeatedHeadings(t *testing.T) {
	const n = 40_000
	dir := writeHostileSite(t, map[string]string{"content/publications/same.md": hostileFront("Same") + strings.Repeat("## Same\n\nText.\n\n", n)})
	if code, stderr := buildWithin(t, dir); code != 0 {
		t.Fatalf("exit %d:\n%.3000s", code, stderr)
	}
	page, err := os.ReadFile(filepath.Join(dir, "public", "publications", "same", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`id="same"`, `id="same-2"`, fmt.Sprintf(`id="same-%d"`, n)} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the page lacks %s", want)
		}
	}
}

// TestHostileBigTables builds a 30 kB table with a header of 5,000 columns over 5,000
// one-cell rows (goldmark pads every row: 25 million cells, a 250 MB page and 6.5 GB of
// memory) and a table of too many cells: each is refused at its header, in little memory.
func TestHostileBigTables(t *testing.T) {
	wide := "|" + strings.Repeat(" a |", 5000) + "\n|" + strings.Repeat("-|", 5000) + "\n" + strings.Repeat("x\n", 5000)
	long := "| a | b |\n|---|---|\n" + strings.Repeat("| x | y |\n", markdown.MaxCells/2)
	front := hostileFront("Tables")
	head := strings.Count(front, "\n")
	dir := writeHostileSite(t, map[string]string{"content/publications/tables.md": front + "## Wide\n\n" + wide + "\n## Long\n\n" + long})
	var code int
	var stderr string
	peak, _ := hostileHeapPeak(func() { code, stderr = buildWithin(t, dir) })
	t.Logf("live heap peaked at %d MiB", peak/hostileMiB)
	wantRefused(t, dir, code, stderr,
		fmt.Sprintf("content/publications/tables.md:%d:1: this table has 5,000 columns; folio allows at most 1,000: split it", head+3),
		fmt.Sprintf("content/publications/tables.md:%d:1: this table has 200,002 cells (100,001 rows of 2 columns); folio allows at most 200,000", head+3+5005),
	)
	if peak > 512*hostileMiB {
		t.Errorf("live heap peaked at %d MiB; want under 512 MiB", peak/hostileMiB)
	}
}

// TestHostileRepeatedReference builds 80 kB that name a 10 kB address 20,000 times, and
// 8 kB that name 20 kB of "&" (each written "&amp;") 2,000 times: 200 MB of page each. The first is refused at the link
// that takes the addresses past markdown.MaxHTML, the second at the paragraph that takes
// the page past it.
func TestHostileRepeatedReference(t *testing.T) {
	front := hostileFront("References")
	head := strings.Count(front, "\n")
	long := "[a]: https://example.org/" + strings.Repeat("y", 10_000) + "\n\nIntro.\n\n" + strings.Repeat("[a] ", 20_000) + "\n"
	amp := "[b]: https://example.org/?" + strings.Repeat("&", 20_000) + "\n\nIntro.\n\n" + strings.Repeat("[b] ", 2_000) + "\n"
	for _, tt := range []struct{ name, body, want string }{
		{"address", long, fmt.Sprintf("content/publications/ref.md:%d:", head+5)},
		{"ampersands", amp, fmt.Sprintf("content/publications/ref.md:%d:1: from here on, the page made from this brief grows past 128 MB", head+5)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeHostileSite(t, map[string]string{"content/publications/ref.md": front + tt.body})
			code, stderr := buildWithin(t, dir)
			wantRefused(t, dir, code, stderr, tt.want)
		})
	}
}

// TestHostileAutolinks: a javascript: autolink is refused at its position like any
// javascript: link (it became href=""), and an IPv6 address keeps its brackets in the
// page and its print edition (it became "%5B::1%5D").
func TestHostileAutolinks(t *testing.T) {
	front := hostileFront("Links")
	head := strings.Count(front, "\n")
	dir := writeHostileSite(t, map[string]string{"content/publications/links.md": front + "Run <javascript:alert(1)> now.\n"})
	code, stderr := buildWithin(t, dir)
	wantRefused(t, dir, code, stderr, fmt.Sprintf(`content/publications/links.md:%d:5: link to "javascript:alert(1)": javascript URLs are not allowed`, head+1))

	body := "The [local server](http://[::1]:8080/x) and <http://[::1]:8080/y>.\n"
	dir = writeHostileSite(t, map[string]string{"content/publications/links.md": front + body})
	if code, stderr := buildWithin(t, dir); code != 0 {
		t.Fatalf("exit %d:\n%.3000s", code, stderr)
	}
	for _, page := range []string{"index.html", "print/index.html"} {
		html, err := os.ReadFile(filepath.Join(dir, "public", "publications", "links", page))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`href="http://[::1]:8080/x"`, `href="http://[::1]:8080/y"`} {
			if !bytes.Contains(html, []byte(want)) {
				t.Errorf("%s lacks %s", page, want)
			}
		}
	}
}
