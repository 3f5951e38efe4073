package main

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"folio/internal/build"
	"folio/internal/diag"
	"folio/internal/urlrecord"
)

// A previousURL is a URL an earlier build published, and where it was found.
type previousURL struct {
	path string // without the base URL's path: "/publications/x/"
	pos  diag.Position
}

// disappearing compares the site with an earlier build, the output folder or the
// sitemap.xml file prev, and reports each page or PDF of it that the site would no
// longer publish, with how to keep it.
func disappearing(opts build.Options, prev string) diag.List {
	s, errs := build.New(opts).Model()
	if errs.HasErrors() {
		return diag.List{diag.Errorf(diag.Position{File: prev}, "--previous: not compared, since the site does not build")}
	}
	fi, err := os.Stat(prev)
	var urls []previousURL
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return diag.List{diag.Errorf(diag.Position{File: prev}, "--previous: there is no folder or file %s: give an earlier build's output folder or its sitemap.xml", prev)}
	case err != nil:
		return diag.List{diag.Errorf(diag.Position{File: prev}, "--previous: %v", err)}
	case fi.IsDir():
		urls, err = previousFolder(prev)
	default:
		urls, err = previousSitemap(prev, s.BasePath)
	}
	var de *diag.Error
	if errors.As(err, &de) {
		return diag.List{de}
	}
	if err != nil {
		return diag.List{diag.Errorf(diag.Position{File: prev}, "--previous: %v", err)}
	}
	// What was under a page that disappears (its print edition, its PDF) goes with it,
	// and comes back with it: it is counted in that page's report.
	slices.SortFunc(urls, func(a, b previousURL) int { return strings.Compare(a.path, b.path) })
	var lost []previousURL
	under := map[string]int{}
	for _, u := range urls {
		if s.Serves(u.path) {
			continue
		}
		if n := len(lost); n > 0 && strings.HasSuffix(lost[n-1].path, "/") && strings.HasPrefix(u.path, lost[n-1].path) {
			under[lost[n-1].path]++
			continue
		}
		lost = append(lost, u)
	}
	var out diag.List
	for _, u := range lost {
		with := ""
		if n := under[u.path]; n > 0 {
			with = fmt.Sprintf(" (with the %d %s under it)", n, pluralize(n, "page or file", "pages and files"))
		}
		out.Errorf(u.pos, "%s%s was published, and this build would no longer publish it: "+
			"keep it with \"folio alias %s NEW\" (NEW: the address of the page that replaces it), or list it under gone in %s with the reason",
			s.Permalink(s.URL(u.path)), with, u.path, urlrecord.File)
	}
	return out
}

// previousFolder lists the pages and PDFs of an output folder. The theme's files, the
// search index and the hosts' files are left out: their names change with their content.
func previousFolder(dir string) ([]previousURL, error) {
	var urls []previousURL
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, dir))
		rel = strings.TrimPrefix(rel, "/")
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_") || rel == "static" || rel == "search" {
				return fs.SkipDir
			}
			return nil
		}
		var u string
		switch {
		case d.Name() == "index.html":
			u = "/" + strings.TrimSuffix(rel, "index.html")
		case path.Ext(d.Name()) == ".html" || path.Ext(d.Name()) == ".pdf":
			u = "/" + rel
		default:
			return nil
		}
		urls = append(urls, previousURL{path: u, pos: diag.Position{File: filepath.ToSlash(p)}})
		return nil
	})
	return urls, err
}

// previousSitemap lists the <loc> URLs of a sitemap file, as paths under basePath.
func previousSitemap(file, basePath string) ([]previousURL, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	var urls []previousURL
	for {
		line, col := dec.InputPos()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("not a sitemap: %v", err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok || start.Name.Local != "loc" {
			continue
		}
		var loc string
		if err := dec.DecodeElement(&loc, &start); err != nil {
			return nil, fmt.Errorf("not a sitemap: %v", err)
		}
		u, err := url.Parse(strings.TrimSpace(loc))
		pos := diag.Position{File: filepath.ToSlash(file), Line: line, Col: col}
		if err != nil {
			return nil, diag.Errorf(pos, "--previous: %q is not a URL", loc)
		}
		if u.Path == "" {
			u.Path = "/"
		}
		if !strings.HasPrefix(u.Path, basePath) {
			continue // another site's, or this one's before its base URL moved
		}
		urls = append(urls, previousURL{path: "/" + strings.TrimPrefix(u.Path, basePath), pos: pos})
	}
	if len(urls) == 0 {
		return nil, fmt.Errorf("%s lists no URL of this site (a sitemap has <loc> elements under the site's base URL)", file)
	}
	return urls, nil
}
