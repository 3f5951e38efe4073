package main

import (
	"bytes"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
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
	icon  bool // a <link rel="icon">: without one, browsers ask for /favicon.ico
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
				case a.Key == "rel" && n.Data == "link" && slices.Contains(strings.Fields(a.Val), "icon"):
					c.icon = true
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
// image leads to a file (the declared icon included), every #fragment to an id of its
// page, ids are unique, every page has one h1, a language and an icon.
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
	if len(redirects) != 3 {
		t.Errorf("found %d redirect pages; the sample site has 2 aliases and 1 earlier URL in its record (content/urls.yaml)", len(redirects))
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
		if !pg.icon {
			t.Errorf("%s declares no icon (<link rel=\"icon\">): browsers will ask for a /favicon.ico the site does not have", from)
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

// TestPrintEditionsWorkAnywhere reads every print edition of the sample site: the
// site's own files it uses (stylesheet, icon, images) and its link back to the
// publication are relative, so that it shows whole from a staging host or a copy on
// disk; only the addresses printed as text (the body's links, the online edition's
// address) are absolute.
func TestPrintEditionsWorkAnywhere(t *testing.T) {
	root := buildSample(t)
	const baseURL = "https://publications.example.org/"
	prints, err := filepath.Glob(filepath.Join(root, "publications", "*", "print", "index.html"))
	if err != nil || len(prints) < 10 {
		t.Fatalf("found %d print editions (%v)", len(prints), err)
	}
	images := 0
	for _, file := range prints {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		rel, _ := filepath.Rel(root, file)
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				attr := map[string]string{}
				for _, a := range n.Attr {
					attr[a.Key] = a.Val
				}
				var u string
				switch {
				case n.Data == "img":
					u = attr["src"]
					images++
				case n.Data == "link" && attr["rel"] != "canonical":
					u = attr["href"]
				case n.Data == "a" && strings.HasPrefix(strings.TrimSpace(textOf(n)), baseURL):
					u = attr["href"] // the online edition: its address is its text
				}
				if strings.HasPrefix(u, baseURL) || strings.HasPrefix(u, "/") {
					t.Errorf("%s: <%s> uses %q; want a URL relative to the print edition", rel, n.Data, u)
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	}
	if images == 0 {
		t.Error("no image in any print edition: the test checks nothing of the body")
	}
}

// textOf returns the text inside n.
func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}
