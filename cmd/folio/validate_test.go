package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"folio/internal/build"
	"folio/internal/config"
	"folio/internal/corpus"
	"folio/internal/testtool"
)

// The bundled sample site is the repository root; the Nu Html Checker and html-validate
// come from the npm packages vnu-jar and html-validate pinned in package.json (`npm ci`
// installs them), and html-validate's rules from .htmlvalidate.json beside it.
const (
	checksSiteDir      = "../.."
	vnuJarPath         = "../../node_modules/vnu-jar/build/dist/vnu.jar"
	htmlValidatePath   = "../../node_modules/html-validate/bin/html-validate.mjs"
	htmlValidateConfig = "../../.htmlvalidate.json"
)

// filesWithSuffix lists the files under dir whose names end in suffix, sorted.
func filesWithSuffix(t *testing.T, dir, suffix string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, suffix) {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	return files
}

// vnuMessage is one message of the Nu Html Checker's JSON output.
type vnuMessage struct {
	Type        string `json:"type"`    // "error", "info" or "non-document-error"
	SubType     string `json:"subType"` // "warning", "fatal", "io", …
	URL         string `json:"url"`
	FirstLine   int    `json:"firstLine"`
	LastLine    int    `json:"lastLine"`
	FirstColumn int    `json:"firstColumn"`
	LastColumn  int    `json:"lastColumn"`
	Message     string `json:"message"`
	Extract     string `json:"extract"`
}

// TestSampleSiteIsValidHTML checks every page of the sample site with the Nu Html
// Checker (vnu), in one Java run, and fails with every error it reports.
func TestSampleSiteIsValidHTML(t *testing.T) {
	jar := needVNU(t)
	dest := buildSample(t)
	pages := filesWithSuffix(t, dest, ".html")
	if len(pages) < 10 {
		t.Fatalf("the sample site has only %d HTML files: %v", len(pages), pages)
	}
	checkHTMLValid(t, jar, dest, pages)
}

// TestGeneratedSiteIsValidHTML checks one page of every kind of the generated site of
// 300 publications (buildGenerated), and every 30th publication and its print
// edition, with the Nu Html Checker. (All of its 800 pages take vnu a minute; the
// kinds share their templates.)
func TestGeneratedSiteIsValidHTML(t *testing.T) {
	jar := needVNU(t)
	dest := buildGenerated(t)
	checkHTMLValid(t, jar, dest, generatedPages(t, dest))
}

// TestSampleSiteHTMLValidate checks every page of the sample site with html-validate's
// standard and accessibility rules (.htmlvalidate.json): it finds what the Nu Html
// Checker allows but advises against, such as aria-label on a list or role="region" on
// a <div> where a <section> says the same.
func TestSampleSiteHTMLValidate(t *testing.T) {
	bin := needHTMLValidate(t)
	dest := buildSample(t)
	checkHTMLValidate(t, bin, dest, filesWithSuffix(t, dest, ".html"))
}

// TestGeneratedSiteHTMLValidate checks the pages of TestGeneratedSiteIsValidHTML with
// html-validate.
func TestGeneratedSiteHTMLValidate(t *testing.T) {
	bin := needHTMLValidate(t)
	dest := buildGenerated(t)
	checkHTMLValidate(t, bin, dest, generatedPages(t, dest))
}

// generatedPages lists a page of every kind of the generated site, and every 30th
// publication and its print edition.
func generatedPages(t *testing.T, dest string) []string {
	t.Helper()
	var pages []string
	seen := map[string]bool{}
	add := func(rel string) {
		if p := filepath.Join(dest, filepath.FromSlash(rel)); !seen[p] {
			seen[p] = true
			pages = append(pages, p)
		}
	}
	for _, k := range pageKinds(t, dest) {
		add(k.File)
	}
	for i := 0; i < generatedPublications; i += 30 {
		add(fmt.Sprintf("publications/pub-%05d/index.html", i))
		add(fmt.Sprintf("publications/pub-%05d/print/index.html", i))
	}
	return pages
}

// needVNU returns the path of vnu.jar, or skips the test (fails it in CI) when Java or
// the jar is missing.
func needVNU(t *testing.T) string {
	t.Helper()
	notShort(t, "the Nu HTML checker")
	testtool.Command(t, "java", "install Java 17 or later")
	jar, err := filepath.Abs(vnuJarPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(jar); err != nil {
		testtool.Missing(t, "the Nu Html Checker is missing ("+vnuJarPath+")", "npm ci --ignore-scripts in the repository root")
	}
	return jar
}

// needHTMLValidate returns the path of html-validate's command, or skips the test (fails
// it in CI) when Node.js or the package is missing.
func needHTMLValidate(t *testing.T) string {
	t.Helper()
	notShort(t, "html-validate")
	testtool.Command(t, "node", "install Node.js")
	bin, err := filepath.Abs(htmlValidatePath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(bin); err != nil {
		testtool.Missing(t, "html-validate is missing ("+htmlValidatePath+")", "npm ci --ignore-scripts in the repository root")
	}
	return bin
}

// checkHTMLValidate runs html-validate with the repository's .htmlvalidate.json on pages
// (files under dest), in one Node.js run, and fails with every message, as
// public/<path>:line:col.
func checkHTMLValidate(t *testing.T, bin, dest string, pages []string) {
	t.Helper()
	config, err := filepath.Abs(htmlValidateConfig)
	if err != nil {
		t.Fatal(err)
	}
	// The pages are outside the repository: without --config, html-validate would look
	// for a configuration beside them and find none. The report goes to a file: Node.js
	// exits before a large report written to a pipe is all out.
	report := filepath.Join(t.TempDir(), "report.json")
	args := append([]string{bin, "--config", config, "--formatter", "json=" + report}, pages...)
	cmd := exec.CommandContext(t.Context(), "node", args...)
	out, err := cmd.CombinedOutput()
	// It exits 1 when it reports a problem; anything else is a failure to run.
	if exit := (*exec.ExitError)(nil); err != nil && (!errors.As(err, &exit) || exit.ExitCode() != 1) {
		t.Fatalf("node %s: %v\n%s", strings.Join(args[:5], " "), err, out)
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatalf("html-validate wrote no report: %v\n%s", err, out)
	}
	var results []struct {
		FilePath string `json:"filePath"`
		Messages []struct {
			RuleID   string `json:"ruleId"`
			Severity int    `json:"severity"` // 1 warning, 2 error
			Message  string `json:"message"`
			Line     int    `json:"line"`
			Column   int    `json:"column"`
			Selector string `json:"selector"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(data, &results); err != nil {
		t.Fatalf("cannot read html-validate's report: %v\n%s", err, out)
	}
	var msgs []string
	for _, r := range results {
		file := r.FilePath
		if rel, err := filepath.Rel(dest, file); err == nil && !strings.HasPrefix(rel, "..") {
			file = "public/" + filepath.ToSlash(rel)
		}
		for _, m := range r.Messages {
			msgs = append(msgs, fmt.Sprintf("%s:%d:%d: %s (%s)\n\tat: %s", file, m.Line, m.Column, m.Message, m.RuleID, m.Selector))
		}
	}
	if len(msgs) > 0 {
		t.Errorf("html-validate found %d problems in %d pages:\n%s", len(msgs), len(pages), strings.Join(msgs, "\n"))
	}
}

// checkHTMLValid runs the Nu Html Checker on pages (files under dest), in one Java
// run, and fails with every error it reports, as public/<path>:line:col.
func checkHTMLValid(t *testing.T, jar, dest string, pages []string) {
	t.Helper()
	for _, p := range pages {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("no page to check: %v", err)
		}
	}
	args := append([]string{"-jar", jar, "--errors-only", "--format", "json", "--stdout", "--exit-zero-always"}, pages...)
	cmd := exec.CommandContext(t.Context(), "java", args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("java %s: %v\n%s%s", strings.Join(args[:7], " "), err, stderr.Bytes(), stdout.Bytes())
	}
	var out struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("cannot read vnu's JSON output: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.Bytes(), stderr.Bytes())
	}

	var errs []string
	for _, m := range out.Messages {
		if m.Type == "info" { // warnings: --errors-only should leave none
			continue
		}
		file := strings.TrimPrefix(m.URL, "file:")
		if rel, err := filepath.Rel(dest, file); err == nil && !strings.HasPrefix(rel, "..") {
			file = "public/" + filepath.ToSlash(rel)
		}
		line := m.LastLine
		if m.FirstLine != 0 {
			line = m.FirstLine
		}
		errs = append(errs, fmt.Sprintf("%s:%d:%d: %s: %s\n\tat: %q", file, line, m.FirstColumn, m.Type, m.Message, strings.Join(strings.Fields(m.Extract), " ")))
	}
	if len(errs) > 0 {
		t.Errorf("the Nu Html Checker found %d errors in %d pages:\n%s", len(errs), len(pages), strings.Join(errs, "\n"))
	}
}

// generatedPublications is the size of the generated site the gates check.
const generatedPublications = 300

var (
	generatedOnce sync.Once
	generatedDir  string
	generatedErr  string
)

// buildGenerated writes a site of 300 publications with internal/corpus (seed 1), adds
// what the generator does not make (a page in content/pages and an alias), and builds
// it into a temporary folder, once per test binary. The accessibility and HTML validity
// gates share it.
func buildGenerated(t *testing.T) string {
	t.Helper()
	notShort(t, "the generated 300-publication site")
	generatedOnce.Do(func() {
		fail := func(err error) { generatedErr = err.Error() }
		// Nothing removes the site when the test binary ends (as for buildSample): remove
		// those of earlier runs, once they are an hour old, so they do not pile up.
		old, _ := filepath.Glob(filepath.Join(os.TempDir(), "folio-generated-*"))
		for _, d := range old {
			if fi, err := os.Stat(d); err == nil && time.Since(fi.ModTime()) > time.Hour {
				os.RemoveAll(d)
			}
		}
		dir, err := os.MkdirTemp("", "folio-generated-")
		if err != nil {
			fail(err)
			return
		}
		src := filepath.Join(dir, "site")
		if err := corpus.Generate(src, generatedPublications, 1); err != nil {
			fail(err)
			return
		}
		if err := os.MkdirAll(filepath.Join(src, "content", "pages"), 0o755); err != nil {
			fail(err)
			return
		}
		about := "---\ntitle: About the programme\nsummary: What the programme does.\n---\n" +
			"## Who we are\n\nA generated page, with [a link](/publications/) and a list:\n\n- one\n- two\n"
		if err := os.WriteFile(filepath.Join(src, "content", "pages", "about.md"), []byte(about), 0o644); err != nil {
			fail(err)
			return
		}
		first := filepath.Join(src, "content", "publications", "pub-00000.md")
		data, err := os.ReadFile(first)
		if err != nil {
			fail(err)
			return
		}
		data = append([]byte("---\naliases: [/briefs/first-generated/]"), bytes.TrimPrefix(data, []byte("---"))...)
		if err := os.WriteFile(first, data, 0o644); err != nil {
			fail(err)
			return
		}
		generatedDir = filepath.Join(dir, "public")
		if _, errs := build.Run(build.Options{Source: src, Dest: generatedDir, Version: "test"}); errs.HasErrors() {
			generatedErr = errs.Error()
		}
	})
	if generatedErr != "" {
		t.Fatalf("building the generated site: %s", generatedErr)
	}
	return generatedDir
}

// A sitePage is one page of a built site, of one kind.
type sitePage struct {
	Kind string // "home", "publication", "term page (countries)", …
	Path string // the URL path, with a query for the search results
	File string // the file under the output folder, slash-separated
	// Ready is a JavaScript condition that holds once the page's scripts have done
	// their work (the search page's results shown), or "".
	Ready string
}

// taxonomies are the folders of the browsing pages: an index and a page per term.
var taxonomies = []string{"objectives", "types", "series", "countries", "missions", "authors", "years", "tags"}

// pageKinds finds one page of every kind in a built site: home, the publications list
// and its page 2, a publication (the biggest) and its print edition, a page from content/pages, each
// taxonomy's index, first term page and, where there is one, a term's page 2, the
// search page (browsing, and with results), the recommendations, the UN documents
// cited, the 404 page and an alias's redirect page. A kind missing from the site fails
// the test.
func pageKinds(t *testing.T, dest string) []sitePage {
	t.Helper()
	var kinds []sitePage
	add := func(kind, urlPath, ready string) {
		file := strings.TrimPrefix(urlPath, "/")
		if q := strings.IndexByte(file, '?'); q >= 0 {
			file = file[:q]
		}
		if file == "" || strings.HasSuffix(file, "/") {
			file += "index.html"
		}
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(file))); err != nil {
			t.Fatalf("the site has no %s page: %v", kind, err)
		}
		kinds = append(kinds, sitePage{Kind: kind, Path: urlPath, File: file, Ready: ready})
	}
	// firstDir returns the first subfolder of dir (by name) holding an index.html, other
	// than skip.
	firstDir := func(dir string, skip ...string) string {
		entries, err := os.ReadDir(filepath.Join(dest, filepath.FromSlash(dir)))
		if err != nil {
			return ""
		}
		for _, e := range entries {
			if !e.IsDir() || slices.Contains(skip, e.Name()) {
				continue
			}
			if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(dir), e.Name(), "index.html")); err == nil {
				return e.Name()
			}
		}
		return ""
	}

	add("home", "/", "")
	add("publications list", "/publications/", "")
	add("publications list, page 2", "/publications/page/2/", "")
	// The publication: the biggest page, the one most likely to hold every kind of
	// body content (tables, footnotes, code, figures, recommendations).
	pub, size := "", int64(-1)
	pubs, _ := filepath.Glob(filepath.Join(dest, "publications", "*", "index.html"))
	for _, p := range pubs {
		name := filepath.Base(filepath.Dir(p))
		if fi, err := os.Stat(p); err == nil && name != "page" && fi.Size() > size {
			pub, size = name, fi.Size()
		}
	}
	if pub == "" {
		t.Fatal("the site has no publication page")
	}
	add("publication", "/publications/"+pub+"/", "")
	add("print edition", "/publications/"+pub+"/print/", "")

	found := 0
	for _, tax := range taxonomies {
		if _, err := os.Stat(filepath.Join(dest, tax, "index.html")); err != nil {
			continue
		}
		found++
		add("taxonomy index ("+tax+")", "/"+tax+"/", "")
		term := firstDir(tax)
		if term == "" {
			t.Fatalf("/%s/ has no term page", tax)
		}
		add("term page ("+tax+")", "/"+tax+"/"+term+"/", "")
		if paged := firstPaged(dest, tax); paged != "" {
			add("term page 2 ("+tax+")", "/"+tax+"/"+paged+"/page/2/", "")
		}
	}
	if found < 4 {
		t.Fatalf("only %d taxonomy indexes in the site", found)
	}

	add("search", "/search/", `document.getElementById("search-status")?.textContent.includes("newest first")`)
	add("search results", "/search/?q=protection", `document.getElementById("search-status")?.textContent.includes("“protection”")`)
	add("recommendations", "/recommendations/", `document.getElementById("rec-filter")?.hidden === false`)
	add("documents", "/documents/", "")
	add("404", "/404.html", "")

	// Pages from content/pages and alias redirects live at the top level, or (aliases)
	// anywhere: tell them apart by their meta refresh.
	var page, redirect string
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		rel, _ := filepath.Rel(dest, filepath.Dir(p))
		rel = filepath.ToSlash(rel)
		top, _, _ := strings.Cut(rel, "/")
		if rel == "." || slices.Contains(taxonomies, top) || top == "publications" || top == "search" || top == "recommendations" || top == "documents" || isEdition(dest, top) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch {
		case bytes.Contains(data, []byte(`http-equiv="refresh"`)):
			if redirect == "" {
				redirect = "/" + rel + "/"
			}
		case !strings.Contains(rel, "/") && page == "":
			page = "/" + rel + "/"
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if page == "" || redirect == "" {
		t.Fatalf("the site needs a page from content/pages (found %q) and an alias (found %q)", page, redirect)
	}
	add("page", page, "")
	add("alias redirect", redirect, "")

	// The other languages' editions (/fr/, /ar/): each kind of their own pages, with
	// their publication (the biggest in the language) and its print edition.
	entries, _ := os.ReadDir(dest)
	for _, e := range entries {
		lang := e.Name()
		if !e.IsDir() || !isEdition(dest, lang) {
			continue
		}
		p := "/" + lang + "/"
		add(lang+" home", p, "")
		add(lang+" publications list", p+"publications/", "")
		pub, size := "", int64(-1)
		pubs, _ := filepath.Glob(filepath.Join(dest, lang, "publications", "*", "index.html"))
		for _, f := range pubs {
			name := filepath.Base(filepath.Dir(f))
			if fi, err := os.Stat(f); err == nil && name != "page" && fi.Size() > size {
				pub, size = name, fi.Size()
			}
		}
		if pub != "" {
			add(lang+" publication", p+"publications/"+pub+"/", "")
			add(lang+" print edition", p+"publications/"+pub+"/print/", "")
		}
		add(lang+" taxonomy index (objectives)", p+"objectives/", "")
		if term := firstDir(lang + "/countries"); term != "" {
			add(lang+" term page (countries)", p+"countries/"+term+"/", "")
		}
		add(lang+" search", p+"search/", `document.getElementById("search-status")?.textContent.trim() !== ""`)
		add(lang+" recommendations", p+"recommendations/", `document.getElementById("rec-filter")?.hidden === false`)
		add(lang+" documents", p+"documents/", "")
	}
	return kinds
}

// isEdition reports whether the top-level folder dir of a built site is a language's
// edition: it has its own list of publications.
func isEdition(dest, dir string) bool {
	_, err := os.Stat(filepath.Join(dest, dir, "publications", "index.html"))
	return err == nil && dir != "publications"
}

// firstPaged returns the first term of a taxonomy whose list has a page 2, or "".
func firstPaged(dest, tax string) string {
	matches, _ := filepath.Glob(filepath.Join(dest, tax, "*", "page", "2", "index.html"))
	if len(matches) == 0 {
		return ""
	}
	slices.Sort(matches)
	return filepath.Base(filepath.Dir(filepath.Dir(filepath.Dir(matches[0]))))
}

// TestSampleSiteFeedsParse reads the site's and every objective's Atom feed with a real
// feed parser, and checks that the sitemap lists absolute URLs of pages that exist.
func TestSampleSiteFeedsParse(t *testing.T) {
	dest := buildSample(t)

	feeds := []string{filepath.Join(dest, "feed.xml")}
	objectives, err := filepath.Glob(filepath.Join(dest, "objectives", "*", "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(objectives) == 0 {
		t.Fatal("no objective feeds in public/objectives/*/feed.xml")
	}
	feeds = append(feeds, objectives...)

	for _, path := range feeds {
		name, _ := filepath.Rel(dest, path)
		t.Run(filepath.ToSlash(name), func(t *testing.T) {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			feed, err := gofeed.NewParser().Parse(f)
			if err != nil {
				t.Fatalf("gofeed cannot parse it: %v", err)
			}
			if feed.FeedType != "atom" {
				t.Errorf("feed type %q, want atom", feed.FeedType)
			}
			if strings.TrimSpace(feed.Title) == "" {
				t.Error("the feed has no title")
			}
			if feed.UpdatedParsed == nil {
				t.Errorf("the feed has no parsable <updated> (%q)", feed.Updated)
			}
			checkAbsoluteURL(t, "the feed's link", feed.Link)
			if len(feed.Items) == 0 {
				t.Fatal("the feed has no entries")
			}
			for i, item := range feed.Items {
				what := fmt.Sprintf("entry %d (%q)", i+1, item.Title)
				if strings.TrimSpace(item.Title) == "" {
					t.Errorf("%s has no title", what)
				}
				checkAbsoluteURL(t, what+" link", item.Link)
				if item.UpdatedParsed == nil {
					t.Errorf("%s has no parsable <updated> (%q)", what, item.Updated)
				}
				if item.PublishedParsed == nil {
					t.Errorf("%s has no parsable <published> (%q)", what, item.Published)
				}
			}
		})
	}

	t.Run("sitemap.xml", func(t *testing.T) {
		cfg, err := config.Load(os.DirFS(checksSiteDir))
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(dest, "sitemap.xml"))
		if err != nil {
			t.Fatal(err)
		}
		var sitemap struct {
			XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
			URLs    []struct {
				Loc string `xml:"loc"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(data, &sitemap); err != nil {
			t.Fatalf("encoding/xml cannot parse it: %v", err)
		}
		if len(sitemap.URLs) == 0 {
			t.Fatal("the sitemap lists no URLs")
		}
		for _, u := range sitemap.URLs {
			if !checkAbsoluteURL(t, "sitemap <loc>", u.Loc) {
				continue
			}
			rest, ok := strings.CutPrefix(u.Loc, cfg.BaseURL)
			if !ok {
				t.Errorf("sitemap <loc> %s is not under the site's base URL %s", u.Loc, cfg.BaseURL)
				continue
			}
			p, err := url.PathUnescape(rest)
			if err != nil {
				t.Errorf("sitemap <loc> %s: %v", u.Loc, err)
				continue
			}
			if p == "" || strings.HasSuffix(p, "/") {
				p += "index.html"
			}
			if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(p))); err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					t.Errorf("sitemap <loc> %s: no page at public/%s", u.Loc, p)
				} else {
					t.Errorf("sitemap <loc> %s: %v", u.Loc, err)
				}
			}
		}
	})
}

// checkAbsoluteURL reports whether s is an absolute http(s) URL with a host, failing the test
// if it is not.
func checkAbsoluteURL(t *testing.T, what, s string) bool {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		t.Errorf("%s %q is not an absolute http(s) URL", what, s)
		return false
	}
	return true
}
