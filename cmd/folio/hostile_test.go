package main

// Hostile and broken input, end to end through `folio build`: huge briefs, deep
// nesting, bytes that are not text, very long names, and markup and script in every
// field, each with the error expected (at its path:line:col) or the safe output. The
// scripts testdata/script/hostile_*.txtar and build_safety.txtar hold the cases that fit
// in a text archive (YAML bombs, symbolic links, "../" paths); these are the ones that
// need generated or binary files, or a browser.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"folio/internal/build"
	"folio/internal/markdown"
	"folio/internal/search"
	"folio/internal/search/searchtest"
	"folio/internal/slug"

	"github.com/chromedp/chromedp"
	"github.com/mmcdole/gofeed"
)

// hostileFront is the front matter of a valid publication with this title and extra lines.
func hostileFront(title string, extra ...string) string {
	return "---\ntitle: " + strconv.Quote(title) + "\ndate: 2024-01-01\ntype: report\nobjectives: [1]\nsummary: S.\n" +
		strings.Join(extra, "") + "---\n"
}

// writeHostileSite writes a site folder (writeSite), with the smallest valid site.yaml
// (checkSiteYAML) unless files has one.
func writeHostileSite(t *testing.T, files map[string]string) string {
	t.Helper()
	if _, ok := files["site.yaml"]; !ok {
		files["site.yaml"] = checkSiteYAML
	}
	return writeSite(t, files)
}

// buildHostile runs folio build on a site and fails the test unless it succeeds.
func buildHostile(t *testing.T, dir string) string {
	t.Helper()
	code, stdout, stderr := runFolio("build", "--source", dir)
	if code != 0 {
		t.Fatalf("folio build: exit %d\nstdout:\n%s\nstderr:\n%.5000s", code, stdout, stderr)
	}
	return filepath.Join(dir, "public")
}

// hostileHeapPeak runs f and returns the largest live heap seen while it ran (sampled every
// 10ms) and the memory the Go runtime took from the system by its end.
func hostileHeapPeak(f func()) (peak, sys uint64) {
	runtime.GC()
	var stop atomic.Bool
	done := make(chan uint64)
	go func() {
		var m runtime.MemStats
		var peak uint64
		for !stop.Load() {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapAlloc)
			time.Sleep(10 * time.Millisecond)
		}
		runtime.ReadMemStats(&m)
		done <- max(peak, m.HeapAlloc)
	}()
	f()
	stop.Store(true)
	peak = <-done
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return peak, m.Sys
}

const hostileMiB = 1 << 20

// TestHostileHugeBrief builds a 50 MB brief (about 7 million words in 42,000
// paragraphs under 210 headings, with lists, links, footnotes and recommendations):
// it is built, whole, and the live heap stays under 1.5 GB (about 0.5 GB in practice).
func TestHostileHugeBrief(t *testing.T) {
	if testing.Short() {
		t.Skip("a 50 MB brief: not in -short mode")
	}
	const size = 50 << 20
	var b strings.Builder
	b.Grow(size + 1<<20)
	b.WriteString(hostileFront("A very long report", "authors: [Ana Long]\n"))
	para := strings.Repeat("Civilians in the protection sites reported patrols, alerts and threats to the mission. ", 14)
	n := 0
	for b.Len() < size {
		if n%200 == 0 {
			fmt.Fprintf(&b, "\n## Section %d\n\n", n/200+1)
		}
		switch n % 50 {
		case 10:
			b.WriteString("- First point of the list.\n- Second point, with [a link](https://example.org/).\n\n")
		case 20:
			fmt.Fprintf(&b, "A paragraph with a footnote.[^n%d]\n\n[^n%d]: The note of paragraph %d.\n\n", n, n, n)
		}
		b.WriteString(para)
		b.WriteString("\n\n")
		n++
	}
	b.WriteString("## Recommendations\n\nTo Member States:\n\n- Fund the last section.\n\n## The very end\n\nLast paragraph of the huge brief.\n")
	dir := writeHostileSite(t, map[string]string{"content/publications/huge.md": b.String()})

	start := time.Now()
	var res *build.Result
	peak, sys := hostileHeapPeak(func() {
		r, errs := build.Run(build.Options{Source: dir, Version: "test"})
		if errs.HasErrors() {
			t.Fatalf("building a %d MB brief: %v", size>>20, errs)
		}
		res = r
	})
	t.Logf("a %.1f MB brief of %d paragraphs: built in %v; live heap peaked at %d MiB (%d MiB from the system)",
		float64(b.Len())/hostileMiB, n, time.Since(start).Round(time.Millisecond), peak/hostileMiB, sys/hostileMiB)
	if res.Publications != 1 {
		t.Errorf("%d publications built, want 1", res.Publications)
	}
	page, err := os.ReadFile(filepath.Join(dir, "public", "publications", "huge", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`id="section-210"`, "Last paragraph of the huge brief.", "Fund the last section."} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the page of the huge brief lacks %q: the body was cut", want)
		}
	}
	if peak > 1536*hostileMiB {
		t.Errorf("live heap peaked at %d MiB for a %d MB brief; want under 1.5 GiB", peak/hostileMiB, size>>20)
	}
}

// TestHostileManyLines builds a brief of 100,000 lines: an error on its last line is
// reported at that line and column, and once fixed the brief is built, whole.
func TestHostileManyLines(t *testing.T) {
	const lines = 100_000
	var b strings.Builder
	b.WriteString(hostileFront("A brief of many lines"))
	head := strings.Count(b.String(), "\n")
	for i := head + 1; i < lines; i++ {
		switch {
		case i%1000 == 0:
			fmt.Fprintf(&b, "## Part %d\n", i/1000)
		case i%7 == 0:
			fmt.Fprintf(&b, "- item on line %d\n", i)
		default:
			fmt.Fprintf(&b, "Line %d of the brief, about protection.\n", i)
		}
	}
	text := b.String()
	last := "See [the missing brief](missing-brief.md)."
	dir := writeHostileSite(t, map[string]string{"content/publications/lines.md": text + last + "\n"})

	code, _, stderr := runFolio("build", "--source", dir)
	want := fmt.Sprintf("content/publications/lines.md:%d:5: ", lines)
	if code != 1 || !strings.HasPrefix(stderr, want) || !strings.Contains(stderr, "missing-brief.md") {
		t.Fatalf("a broken link on line %d: exit %d, stderr:\n%s\nwant an error starting %q", lines, code, stderr, want)
	}

	if err := os.WriteFile(filepath.Join(dir, "content/publications/lines.md"), []byte(text+"The last line.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var dest string
	peak, _ := hostileHeapPeak(func() { dest = buildHostile(t, dir) })
	t.Logf("a brief of %d lines (%.1f MB): live heap peaked at %d MiB", lines, float64(len(text))/hostileMiB, peak/hostileMiB)
	page, err := os.ReadFile(filepath.Join(dest, "publications", "lines", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`id="part-99"`, fmt.Sprintf("Line %d of the brief", lines-1), "The last line."} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if peak > 1024*hostileMiB {
		t.Errorf("live heap peaked at %d MiB for a 4 MB brief; want under 1 GiB", peak/hostileMiB)
	}
}

// TestHostileDeepNesting builds a brief nested markdown.MaxNesting levels deep in every
// way Markdown nests on one line (block quotes, bullet and numbered lists, both mixed,
// emphasis, brackets, a footnote of quotes), and as many over as many lines (indented
// lists, quotes): no stack overflow, and it is built with all of its levels. Deeper is
// refused (TestHostileNestingRefused).
func TestHostileDeepNesting(t *testing.T) {
	const depth = markdown.MaxNesting
	var b strings.Builder
	b.WriteString(hostileFront("Deep"))
	b.WriteString("## Quotes\n\n" + strings.Repeat(">", depth) + " the deepest quote\n\n")
	b.WriteString("## Lists\n\n" + strings.Repeat("- ", depth) + "the deepest item\n\n")
	b.WriteString("## Numbers\n\n" + strings.Repeat("1. ", depth) + "the deepest number\n\n")
	b.WriteString("## Mixed\n\n" + strings.Repeat("> - ", depth/2) + "mixed\n\n")
	b.WriteString("## Inline\n\n" + strings.Repeat("*", 10_000) + "emphasis" + strings.Repeat("*", 10_000) + "\n\n")
	b.WriteString(strings.Repeat("[", depth) + "brackets" + strings.Repeat("]", depth) + "\n\n")
	b.WriteString("A note.[^deep]\n\n[^deep]: " + strings.Repeat("> ", depth-1) + "deep note\n\n")
	b.WriteString("## Indented\n\n")
	for i := range depth {
		b.WriteString(strings.Repeat("  ", i) + "- level " + strconv.Itoa(i) + "\n")
	}
	b.WriteString("\n")
	for i := range depth {
		b.WriteString(strings.Repeat("> ", i+1) + "quote level " + strconv.Itoa(i) + "\n")
	}
	dir := writeHostileSite(t, map[string]string{"content/publications/deep.md": b.String()})

	start := time.Now()
	dest := buildHostile(t, dir)
	t.Logf("a brief nested %d levels deep: built in %v", depth, time.Since(start).Round(time.Millisecond))
	page, err := os.ReadFile(filepath.Join(dest, "publications", "deep", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(page, []byte("<blockquote")); n < 3*depth-1 {
		t.Errorf("%d block quotes in the page; want at least %d", n, 3*depth-1)
	}
	if n := bytes.Count(page, []byte("<ul")); n < 2*depth {
		t.Errorf("%d lists in the page; want at least %d", n, 2*depth)
	}
	for _, want := range []string{"the deepest quote", "the deepest item", "the deepest number", "deep note", "level 99", "quote level 99"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

// TestHostileBadBytes: bytes that are not UTF-8, and control characters and
// noncharacters (invisible, and not allowed in HTML or XML), in front matter, in the
// body, written as YAML escapes, in file names and in site.yaml, are each an error at
// their path:line:col (columns count characters).
func TestHostileBadBytes(t *testing.T) {
	body := func(s string) string { return hostileFront("Fine") + "## Part\n\n" + s + "\n" }
	dir := writeHostileSite(t, map[string]string{
		"content/publications/latin1-title.md":     "---\ntitle: \"Caf\xe9\"\ndate: 2024-01-01\n---\n",
		"content/publications/bad-body.md":         body("Some text \xc3\x28 here"),
		"content/publications/overlong.md":         body("a\xc0\xafb"),
		"content/publications/surrogate.md":        body("ok \xed\xa0\x80"),
		"content/publications/truncated.md":        body("ends in \xe2\x82"),
		"content/publications/crlf-bom.md":         "\ufeff---\r\ntitle: \"\xff\"\r\n---\r\n",
		"content/publications/caf\xe9.md":          hostileFront("Name"),
		"content/publications/bundle/index.md":     hostileFront("Bundle"),
		"content/publications/bundle/ch\xe4rt.png": "x",
		"content/publications/raw-control.md":      "---\ntitle: Tab\tand \x01 control\ndate: 2024-01-01\n---\n",
		"content/publications/nul.md":              body("a NUL \x00 byte"),
		"content/publications/c1.md":               body("a C1 \u0085 control"),
		"content/publications/del.md":              body("a DEL \x7f"),
		"content/publications/form-feed.md":        body("page\fbreak"),
		"content/publications/nonchar.md":          body("x \ufdd0 y"),
		"content/publications/escape.md":           hostileFront("Fine", "authors: [\"A \\x1b[31m red\"]\n"),
		"content/publications/escape-nonchar.md":   hostileFront("Fine", "tags: [\"\\uFFFE\"]\n"),
		"content/publications/escape-nul.md":       "---\ntitle: \"a\\0b\"\n---\n",
	})
	code, _, stderr := runFolio("build", "--source", dir)
	want := `content/publications/bad-body.md:10:11: frontmatter: file is not valid UTF-8 text (save it as UTF-8)
content/publications/bundle/ch\uFFFDrt.png: file name "ch\xe4rt.png" is not valid UTF-8 (it cannot be a URL): rename it
content/publications/c1.md:10:6: frontmatter: the control character U+0085 is not allowed in a page: delete it (most editors do not show it)
content/publications/caf\uFFFD.md: file name "caf\xe9.md" is not valid UTF-8 (it cannot be a URL): rename it
content/publications/crlf-bom.md:2:9: frontmatter: file is not valid UTF-8 text (save it as UTF-8)
content/publications/del.md:10:7: frontmatter: the control character U+007F is not allowed in a page: delete it (most editors do not show it)
content/publications/escape-nonchar.md:7:8: yaml: this value holds the noncharacter U+FFFE (written as an escape): remove it
content/publications/escape-nul.md:2:8: yaml: this value holds the control character U+0000 (written as an escape): remove it
content/publications/escape.md:7:11: yaml: this value holds the control character U+001B (written as an escape): remove it
content/publications/form-feed.md:10:5: frontmatter: the control character U+000C is not allowed in a page: delete it (most editors do not show it)
content/publications/latin1-title.md:2:12: frontmatter: file is not valid UTF-8 text (save it as UTF-8)
content/publications/nonchar.md:10:3: frontmatter: the noncharacter U+FDD0 is not allowed in a page: delete it (most editors do not show it)
content/publications/nul.md:10:7: frontmatter: the control character U+0000 is not allowed in a page: delete it (most editors do not show it)
content/publications/overlong.md:10:2: frontmatter: file is not valid UTF-8 text (save it as UTF-8)
content/publications/raw-control.md:2:16: frontmatter: the control character U+0001 is not allowed in a page: delete it (most editors do not show it)
content/publications/surrogate.md:10:4: frontmatter: file is not valid UTF-8 text (save it as UTF-8)
content/publications/truncated.md:10:9: frontmatter: file is not valid UTF-8 text (save it as UTF-8)
folio build: failed with 17 errors; the previous output was left as it was
`
	want = strings.ReplaceAll(want, `\uFFFD`, "\uFFFD")
	if code != 1 || stderr != want {
		t.Errorf("folio build: exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("a failed build wrote public/")
	}

	// site.yaml: not UTF-8, a raw control character, one written as an escape.
	for _, c := range []struct{ yaml, want string }{
		{checkSiteYAML + "description: caf\xe9\n", "site.yaml:5:17: yaml: the file is not valid UTF-8 text (save it as UTF-8)"},
		{"title: Example\x0bProgramme\n" + checkSiteYAML[strings.IndexByte(checkSiteYAML, '\n')+1:], "site.yaml:1:15: yaml: the control character U+000B is not allowed: delete it (most editors do not show it)"},
		{checkSiteYAML + "description: \"a\\u0085b\"\n", "site.yaml:5:14: yaml: this value holds the control character U+0085 (written as an escape): remove it"},
	} {
		dir := writeHostileSite(t, map[string]string{"site.yaml": c.yaml})
		code, _, stderr := runFolio("build", "--source", dir)
		if code != 1 || !strings.HasPrefix(stderr, c.want+"\n") {
			t.Errorf("site.yaml %q: exit %d, stderr:\n%s\nwant exit 1 and:\n%s", c.yaml, code, stderr, c.want)
		}
	}
}

// TestHostileYAMLDepth: front matter nested 100,000 levels deep is refused at its
// position, by the YAML parser's own bound, in well under a second.
func TestHostileYAMLDepth(t *testing.T) {
	deep := strings.Repeat("[", 100_000) + "x" + strings.Repeat("]", 100_000)
	dir := writeHostileSite(t, map[string]string{
		"content/publications/deep.md": hostileFront("Deep", "tags: "+deep+"\n"),
		"content/publications/map.md":  hostileFront("Map", "tags: "+strings.Repeat("{a: ", 20_000)+"x"+strings.Repeat("}", 20_000)+"\n"),
	})
	start := time.Now()
	code, _, stderr := runFolio("build", "--source", dir)
	want := `content/publications/deep.md:7:10007: yaml: exceeded max depth of 10000
content/publications/map.md:7:40007: yaml: exceeded max depth of 10000
folio build: failed with 2 errors; the previous output was left as it was
`
	if code != 1 || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("refusing deep YAML took %v", d)
	}
}

// TestHostileLongNames: titles, summaries and names of 10,000 characters, a 250-byte
// file name and bundle files with 250-byte names are built, and every folder and file
// name of the output stays within the 255 bytes file systems allow (term slugs are
// cut at 80 bytes, at a word boundary); a slug of 300 characters and aliases too long
// for a file system are errors at their position, saying why; folio new makes a short
// file name from a 10,000-character title.
func TestHostileLongNames(t *testing.T) {
	long := func(word string) string {
		return strings.TrimSpace(strings.Repeat(word+" ", 10_000/(len([]rune(word))+1)))
	}
	title := long("Protección")
	name := strings.Repeat("b", 250)
	bundleDir := strings.Repeat("c", 240)
	resource := strings.Repeat("d", 246) + ".pdf"
	dir := writeHostileSite(t, map[string]string{
		"content/publications/long.md": "---\ntitle: " + strconv.Quote(title) + "\ndate: 2024-01-01\ntype: report\nobjectives: [1]\n" +
			"summary: " + strconv.Quote(long("summary")) + "\n" +
			"authors: [" + strconv.Quote(long("Author")) + ", " + strconv.Quote(long("مؤلف")) + "]\n" +
			"countries: [" + strconv.Quote(long("Côte d'Ivoire")) + "]\n" +
			"missions: [" + strconv.Quote(long("MISSION")) + "]\n" +
			"tags: [" + strconv.Quote(long("tag")) + "]\n---\n" +
			"## " + title + "\n\nBody.\n",
		"content/publications/" + name + ".md":               hostileFront("Long file name"),
		"content/publications/" + bundleDir + "/index.md":    hostileFront("Long bundle", "pdf: "+resource+"\n") + "[The designed PDF](" + resource + ")\n",
		"content/publications/" + bundleDir + "/" + resource: "%PDF-1.4\n",
		"content/pages/" + strings.Repeat("e", 250) + ".md":  "---\ntitle: " + strconv.Quote(title) + "\n---\n",
	})
	dest := buildHostile(t, dir)
	var files int
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		files++
		if len(d.Name()) > 255 {
			t.Errorf("output name of %d bytes: %s", len(d.Name()), p)
		}
		if len(p) >= 4096 {
			t.Errorf("output path of %d bytes: %s", len(p), p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		"publications/" + strings.Repeat("b", slug.MaxLen) + "/index.html",
		"publications/" + strings.Repeat("c", slug.MaxLen) + "/" + resource,
		strings.Repeat("e", slug.MaxLen) + "/index.html",
	} {
		if _, err := os.Stat(filepath.Join(dest, p)); err != nil {
			t.Errorf("want %s, its slug cut at %d bytes: %v", p, slug.MaxLen, err)
		}
	}
	for _, tax := range []string{"authors", "countries", "missions"} {
		entries, err := os.ReadDir(filepath.Join(dest, tax))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() && (len(e.Name()) > slug.MaxLen || !utf8.ValidString(e.Name())) {
				t.Errorf("/%s/%s/: a term slug of %d bytes", tax, e.Name(), len(e.Name()))
			}
		}
	}
	page, err := os.ReadFile(filepath.Join(dest, "publications", "long", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte("<h1>"+title+"</h1>")) {
		t.Error("the 10,000-character title is not whole in the page's h1")
	}

	// Slugs and aliases that would make names or paths too long are errors.
	segment := strings.Repeat("f", 201)
	longAlias := "/" + strings.TrimSuffix(strings.Repeat(strings.Repeat("g", 100)+"/", 10), "/") + "/"
	dir = writeHostileSite(t, map[string]string{
		"content/publications/slug.md":  hostileFront("Slug", "slug: "+strings.Repeat("a", 300)+"\n"),
		"content/publications/alias.md": hostileFront("Alias", "aliases: [/"+segment+"/, "+longAlias+"]\n"),
	})
	code, _, stderr := runFolio("build", "--source", dir)
	want := fmt.Sprintf(`content/publications/alias.md:7:11: alias "/%s/": has a segment longer than 200 bytes
content/publications/alias.md:7:216: alias %q: is %d bytes long; the most is 1000
content/publications/slug.md:7:7: slug is 300 bytes long; the most is 80: a URL segment is also a folder name, which file systems limit, so choose a shorter one, such as %q
folio build: failed with 3 errors; the previous output was left as it was
`, segment, longAlias, len(longAlias), strings.Repeat("a", slug.MaxLen))
	if code != 1 || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
	}

	// folio new: the file name comes from the title, cut.
	site := writeHostileSite(t, map[string]string{})
	code, stdout, stderr := runFolio("new", "--source", site, title)
	if code != 0 {
		t.Fatalf("folio new: exit %d\n%s", code, stderr)
	}
	created := strings.TrimSpace(stdout)
	if base := path.Base(filepath.ToSlash(created)); len(base) > slug.MaxLen+len(".md") {
		t.Errorf("folio new made a file name of %d bytes: %s", len(base), base)
	}
}

// hostileString is the hostile string of a field: were it run as markup, it would set
// window.__xss to the field's name, which TestHostileBrowserInert looks for.
func hostileString(field string) string {
	return fmt.Sprintf(`</script><script>window.__xss=%q</script><img src=x onerror="window.__xss='%s'"> & "q" 'a' ]]> --> {{.}} ${x} xss-%s`, field, field, field)
}

// hostileSite builds a site whose publication carries a hostile string in every free
// text field of its front matter and in its body's headings, links, images, code,
// footnotes and recommendations. It returns the source and output folders.
func hostileSite(t *testing.T) (src, dest string) {
	t.Helper()
	var cover bytes.Buffer
	if err := png.Encode(&cover, image.NewGray(image.Rect(0, 0, 40, 30))); err != nil {
		t.Fatal(err)
	}
	q := strconv.Quote // Go's quoting of printable text is YAML's double-quoted style
	src = writeHostileSite(t, map[string]string{
		"site.yaml": checkSiteYAML + "addressees:\n  - {name: " + q(hostileString("addressee-name")) + ", variants: [Member States]}\n",
		"content/publications/hostile/index.md": "---\n" +
			"title: " + q(hostileString("title")) + "\n" +
			"date: 2024-01-01\ntype: report\nobjectives: [1]\n" +
			"summary: " + q(hostileString("summary")) + "\n" +
			"authors: [" + q(hostileString("author")) + "]\n" +
			"countries: [" + q(hostileString("country")) + "]\n" +
			"missions: [" + q(hostileString("mission")) + "]\n" +
			"tags: [" + q(hostileString("tag")) + "]\n" +
			"translation_key: " + q(hostileString("translation-key")) + "\n" +
			"cover: cover.png\n" +
			"cover_alt: " + q(hostileString("cover-alt")) + "\n" +
			"---\n" +
			"## Heading `" + hostileString("heading") + "`\n\n" +
			"A [link](https://example.org/?a=\"b\"&c=<d> \"" + strings.ReplaceAll(hostileString("link-title"), `"`, `\"`) + "\") and an image:\n\n" +
			"![" + strings.NewReplacer("[", "", "]", "").Replace(hostileString("alt")) + "](cover.png)\n\n" +
			"Code: `" + hostileString("code") + "`[^1]\n\n" +
			"[^1]: A note: `" + hostileString("note") + "`\n\n" +
			"## Recommendations\n\n" +
			"To Member States:\n\n" +
			"- Stop `" + hostileString("recommendation") + "` now.\n\n" +
			"### To the `" + hostileString("addressee") + "`\n\n" +
			"- Second recommendation.\n",
		"content/publications/hostile/cover.png": cover.String(),
		"content/pages/hostile.md":               "---\ntitle: " + q(hostileString("page-title")) + "\nsummary: " + q(hostileString("page-summary")) + "\naliases: [/old/hostile/]\n---\nText `" + hostileString("page-body") + "`\n",
	})
	return src, buildHostile(t, src)
}

// TestHostileStringsStayData: the hostile strings come out of the machine-readable
// files as the very same strings, held as data: in the search index (read the way
// search.js reads it), publications.json, recommendations.json and the Atom feed, with
// every <, > and & of the JSON files escaped, so that they stay inert even pasted into
// an HTML page.
func TestHostileStringsStayData(t *testing.T) {
	_, dest := hostileSite(t)

	// The search index.
	files, err := filepath.Glob(filepath.Join(dest, "search", "*.bin"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no search index in %s/search (%v)", dest, err)
	}
	var ix search.Index
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		file := search.File{Path: "search/" + filepath.Base(f), Data: data}
		if strings.HasPrefix(filepath.Base(f), "manifest.") {
			ix.Files = append([]search.File{file}, ix.Files...)
		} else {
			ix.Files = append(ix.Files, file)
		}
	}
	r, err := searchtest.NewReader(&ix)
	if err != nil {
		t.Fatal(err)
	}
	for _, word := range []string{"xss", "title", "summary", "author", "country", "heading", "recommendation"} {
		res, err := r.Search(searchtest.Query{Q: word})
		if err != nil {
			t.Fatalf("searching %q: %v", word, err)
		}
		if len(res.Hits) != 1 {
			t.Errorf("searching %q: %d hits, want the hostile publication", word, len(res.Hits))
			continue
		}
		h := res.Hits[0]
		if h.Title != hostileString("title") || h.Summary != hostileString("summary") || h.URL != "/publications/hostile/" {
			t.Errorf("searching %q: the index holds title %q, summary %q, URL %q; want the strings as written and the page's URL",
				word, h.Title, h.Summary, h.URL)
		}
	}

	// publications.json (JSON Feed) and recommendations.json.
	var feed struct {
		Items []struct {
			Title   string `json:"title"`
			Summary string `json:"summary"`
			Authors []struct {
				Name string `json:"name"`
			} `json:"authors"`
			Folio struct {
				Countries []string `json:"countries"`
				Missions  []string `json:"missions"`
			} `json:"_folio"`
		} `json:"items"`
	}
	hostileReadJSON(t, filepath.Join(dest, "publications.json"), &feed)
	if len(feed.Items) != 1 {
		t.Fatalf("publications.json has %d items, want 1", len(feed.Items))
	}
	it := feed.Items[0]
	got := []string{it.Title, it.Summary, it.Authors[0].Name, it.Folio.Countries[0], it.Folio.Missions[0]}
	wantStrings := []string{hostileString("title"), hostileString("summary"), hostileString("author"), hostileString("country"), hostileString("mission")}
	if !slices.Equal(got, wantStrings) {
		t.Errorf("publications.json holds\n%q\nwant\n%q", got, wantStrings)
	}

	var recs struct {
		Recommendations []struct {
			Addressee   string `json:"addressee"`
			Text        string `json:"text"`
			Publication string `json:"publication"`
			URL         string `json:"url"`
		} `json:"recommendations"`
	}
	hostileReadJSON(t, filepath.Join(dest, "recommendations.json"), &recs)
	if len(recs.Recommendations) != 2 {
		t.Fatalf("recommendations.json has %d recommendations, want 2: %+v", len(recs.Recommendations), recs.Recommendations)
	}
	byText := map[string]int{}
	for i, rec := range recs.Recommendations {
		byText[rec.Text] = i
	}
	first, ok1 := byText["Stop "+hostileString("recommendation")+" now."]
	second, ok2 := byText["Second recommendation."]
	if !ok1 || !ok2 {
		t.Fatalf("recommendations.json: texts %q; want the items' text as written", slices.Collect(maps.Keys(byText)))
	}
	for i, want := range map[int]string{first: hostileString("addressee-name"), second: "To the " + hostileString("addressee")} {
		rec := recs.Recommendations[i]
		if rec.Addressee != want && !strings.Contains(rec.Addressee, hostileString("addressee")) || rec.Publication != hostileString("title") {
			t.Errorf("recommendations.json: %+v; want addressee %q and the title as written", rec, want)
		}
	}
	for _, rec := range recs.Recommendations {
		if !strings.HasPrefix(rec.URL, "https://example.org/publications/hostile/#") {
			t.Errorf("recommendation URL %q", rec.URL)
		}
	}
	for _, f := range []string{"publications.json", "recommendations.json"} {
		data, err := os.ReadFile(filepath.Join(dest, f))
		if err != nil {
			t.Fatal(err)
		}
		if i := bytes.IndexAny(data, "<>&"); i >= 0 {
			t.Errorf("%s: an unescaped %q at byte %d", f, data[i], i)
		}
	}

	// The Atom feed, read by a feed parser.
	fh, err := os.Open(filepath.Join(dest, "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	atom, err := gofeed.NewParser().Parse(fh)
	if err != nil {
		t.Fatalf("feed.xml: %v", err)
	}
	if len(atom.Items) != 1 || atom.Items[0].Title != hostileString("title") {
		t.Errorf("feed.xml: entries %d, first title %q; want the title as written", len(atom.Items), atom.Items[0].Title)
	}
}

func hostileReadJSON(t *testing.T, file string, v any) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

// TestHostileBrowserInert opens every page of the hostile site in headless Chromium,
// the search page with results and every filter open, and the recommendations page
// filtered: no hostile string runs as script (window.__xss stays unset), and the search
// page shows the title as text.
func TestHostileBrowserInert(t *testing.T) {
	chrome := needChromium(t)
	_, dest := hostileSite(t)
	b := startAxeBrowser(t, chrome, dest)

	var pages []sitePage
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		u := "/" + strings.TrimSuffix(filepath.ToSlash(rel), "index.html")
		pages = append(pages, sitePage{Kind: "page", Path: u})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	pages = append(pages,
		sitePage{Kind: "search results", Path: "/search/?q=xss", Ready: `document.getElementById("search-status")?.textContent.includes("“xss”")`},
		sitePage{Kind: "filtered recommendations", Path: "/recommendations/?objective=priority", Ready: `document.getElementById("rec-filter")?.hidden === false`},
	)
	for _, pg := range pages {
		b.open(pg)
		if pg.Kind == "search results" {
			// Open every filter, so that the facet labels (authors, countries, …) are drawn.
			b.eval(pg, `(document.querySelectorAll("#search-facets details").forEach((d) => { d.open = true; d.dispatchEvent(new Event("toggle")); }), "")`)
			b.waitFor(pg, `[...document.querySelectorAll("#search-facets label")].some((l) => l.textContent.includes("xss-author"))`)
			if got := b.eval(pg, `document.querySelector("#search-results > li h2")?.textContent ?? ""`); got != hostileString("title") {
				t.Errorf("the search result's title reads %q; want the title as written, as text", got)
			}
		}
		if v := b.eval(pg, `String(window.__xss ?? "")`); v != "" {
			t.Errorf("%s: the hostile %s ran as script (window.__xss = %q)", pg.Path, v, v)
		}
	}
	t.Logf("%d pages opened, no hostile string ran", len(pages))
}

// waitFor polls the page until the JavaScript condition holds.
func (b *axeBrowser) waitFor(pg sitePage, cond string) {
	t := b.t
	t.Helper()
	deadline := time.Now().Add(axeDeadline)
	for {
		ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`!!(`+cond+`)`))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: waiting for %s: not after %v (last error: %v)", pg.Path, cond, axeDeadline, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
