package main

import (
	"bytes"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"folio/internal/build"

	"golang.org/x/net/html"
)

var (
	sampleOnce sync.Once
	sampleDir  string
	sampleErr  string
)

// buildSample builds the bundled sample site into a temporary folder, once per test binary.
func buildSample(t *testing.T) string {
	t.Helper()
	sampleOnce.Do(func() {
		dir, err := os.MkdirTemp("", "folio-sample-")
		if err != nil {
			sampleErr = err.Error()
			return
		}
		sampleDir = filepath.Join(dir, "public")
		if _, errs := build.Run(build.Options{Source: "../..", Dest: sampleDir, Version: "test"}); errs.HasErrors() {
			sampleErr = errs.Error()
		}
	})
	if sampleErr != "" {
		t.Fatalf("building the sample site: %s", sampleErr)
	}
	return sampleDir
}

// A page as the crawler sees it.
type crawled struct {
	ids   map[string]int
	links []string // href and src values
	h1    int
	lang  string
	// refresh marks the redirect pages of aliases: a meta refresh, and no h1.
	refresh bool
}

func crawlFile(t *testing.T, file string) *crawled {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	c := &crawled{ids: map[string]int{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.Data == "h1" {
				c.h1++
			}
			for _, a := range n.Attr {
				switch {
				case a.Key == "id":
					c.ids[a.Val]++
				case a.Key == "href" && n.Data != "link" || a.Key == "src":
					c.links = append(c.links, a.Val)
				case a.Key == "href" && n.Data == "link":
					c.links = append(c.links, a.Val)
				case a.Key == "lang" && n.Data == "html":
					c.lang = a.Val
				case a.Key == "http-equiv" && a.Val == "refresh":
					c.refresh = true
				}
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(doc)
	return c
}

// TestSampleSiteLinks crawls every page of the sample site: every internal link and
// image leads to a file, every #fragment to an id of its page, ids are unique, every page
// has one h1 and a language.
func TestSampleSiteLinks(t *testing.T) {
	root := buildSample(t)
	pages := map[string]*crawled{} // URL path → page
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		u := "/" + filepath.ToSlash(rel)
		u = strings.TrimSuffix(u, "index.html")
		pages[u] = crawlFile(t, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	redirects := map[string]bool{}
	for u, pg := range pages {
		if pg.refresh {
			redirects[u] = true
		}
	}
	if len(redirects) != 2 {
		t.Errorf("found %d redirect pages; the sample site has 2 aliases", len(redirects))
	}
	if len(pages) < 60 {
		t.Fatalf("crawled only %d pages", len(pages))
	}
	for from, pg := range pages {
		if pg.h1 != 1 && !redirects[from] {
			t.Errorf("%s has %d h1 elements; want 1", from, pg.h1)
		}
		if pg.lang == "" {
			t.Errorf("%s has no lang attribute", from)
		}
		for id, n := range pg.ids {
			if n > 1 {
				t.Errorf("%s: id %q used %d times", from, id, n)
			}
		}
		for _, link := range pg.links {
			u, err := url.Parse(link)
			if err != nil {
				t.Errorf("%s: bad URL %q", from, link)
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				continue // external; folio check --external is for those
			}
			target := u.Path
			if target == "" {
				target = from
			} else if !strings.HasPrefix(target, "/") {
				target = path.Join(path.Dir(from+"x"), target)
				if strings.HasSuffix(u.Path, "/") {
					target += "/"
				}
			}
			if strings.HasSuffix(target, "/") {
				tp, ok := pages[target]
				if !ok {
					t.Errorf("%s: broken link %q (no page %s)", from, link, target)
					continue
				}
				if u.Fragment != "" && tp.ids[u.Fragment] == 0 {
					t.Errorf("%s: broken link %q (no id %q in %s)", from, link, u.Fragment, target)
				}
				continue
			}
			if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(target))); err != nil {
				t.Errorf("%s: broken link %q (no file %s)", from, link, target)
			}
		}
	}
}
