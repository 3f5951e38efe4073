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
	"testing"

	"github.com/mmcdole/gofeed"

	"folio/internal/config"
)

// The bundled sample site is the repository root; the Nu Html Checker comes from the npm
// package vnu-jar pinned in package.json (`npm ci` installs it).
const (
	checksSiteDir = "../.."
	vnuJarPath    = "../../node_modules/vnu-jar/build/dist/vnu.jar"
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

// needCheckTool skips the test when a tool it needs is missing, except in CI (CI is set),
// where a missing tool is a broken setup and fails the test.
func needCheckTool(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") != "" {
		t.Fatalf("%s: run `npm ci` in the repository root (it installs vnu-jar) and make sure Java 17 or later is on PATH", msg)
	}
	t.Skipf("%s: skipping the HTML validity check; run `npm ci` in the repository root and install Java 17+ to enable it", msg)
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
	java, err := exec.LookPath("java")
	if err != nil {
		needCheckTool(t, "java not found on PATH")
	}
	jar, err := filepath.Abs(vnuJarPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(jar); err != nil {
		needCheckTool(t, "the Nu Html Checker is missing (%s)", vnuJarPath)
	}

	dest := buildSample(t)
	pages := filesWithSuffix(t, dest, ".html")
	if len(pages) < 10 {
		t.Fatalf("the sample site has only %d HTML files: %v", len(pages), pages)
	}

	args := append([]string{"-jar", jar, "--errors-only", "--format", "json", "--stdout", "--exit-zero-always"}, pages...)
	cmd := exec.CommandContext(t.Context(), java, args...)
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
