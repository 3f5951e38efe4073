package site

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"folio/internal/diag"
	"folio/internal/markdown"
)

// ResolveLink implements markdown.Resolver: a relative link to a Markdown file becomes
// the URL of its page, and a link to a bundle file the URL of its copy.
func (b *builder) ResolveLink(from, target string) (string, bool) {
	target, frag, hasFrag := strings.Cut(target, "#")
	if unescaped, err := url.PathUnescape(target); err == nil {
		target = unescaped
	}
	src := path.Join(path.Dir(from), target)
	if b.unreleased(from, src) != nil {
		return "", false // LinkHint says why
	}
	u, ok := b.sources[src]
	if !ok {
		u, ok = b.resourceURL(from, src)
	}
	if !ok {
		return "", false
	}
	if hasFrag {
		u += "#" + frag
	}
	return u, true
}

// LinkHint implements markdown.Hinter: a bundle's index.md is one folder further down
// than a single-file brief, and a link written as from a single file ("other.md")
// misses the "../" that reaches the other briefs.
//
// A link to a publication that is not public yet when the linking page is says when it
// will be.
func (b *builder) LinkHint(from, target string) string {
	file, _, _ := strings.Cut(target, "#")
	if unescaped, err := url.PathUnescape(file); err == nil {
		file = unescaped
	}
	if p := b.unreleased(from, path.Join(path.Dir(from), file)); p != nil {
		return scheduledHint(p)
	}
	if path.Base(from) != "index.md" || strings.HasPrefix(file, "../") {
		return ""
	}
	if _, ok := b.sources[path.Join(path.Dir(from), "..", file)]; ok {
		return fmt.Sprintf("write %q: this brief is a bundle (a folder with index.md), one folder further down than the brief it links to", "../"+target)
	}
	return ""
}

// unreleased returns the publication at source path src when it is held back and would
// still be when the page at from is published: a page public now may not link to it, and
// a held-back one only if it is released no earlier.
func (b *builder) unreleased(from, src string) *Publication {
	p := b.held[src]
	if p == nil {
		return nil
	}
	if f := b.held[from]; f != nil && !p.Release.After(f.Release) {
		return nil
	}
	return p
}

func scheduledHint(p *Publication) string {
	return fmt.Sprintf("%s is scheduled for %s and is not public yet: remove the link until then (a publication scheduled no earlier may link to it)",
		p.Source, When(p.Release))
}

// When writes a release time as summaries and messages show it, with the time zone's
// name: "2026-12-10 09:00 Europe/Zurich".
func When(t time.Time) string {
	return t.Format("2006-01-02 15:04") + " " + t.Location().String()
}

// ResolveImage implements markdown.Resolver for images in bundles.
func (b *builder) ResolveImage(from, target string) (string, int, int, bool) {
	p, rel, ok := b.bundleImage(from, target)
	if !ok {
		return "", 0, 0, false
	}
	s := p.sizeOf(rel) // p is the publication being rendered: its sizes are read
	return p.URL + escapePath(rel), s.w, s.h, true
}

// bundleImage finds the file target, written in from, in from's bundle.
func (b *builder) bundleImage(from, target string) (p *Publication, rel string, ok bool) {
	if unescaped, err := url.PathUnescape(target); err == nil {
		target = unescaped
	}
	src := path.Join(path.Dir(from), target)
	if _, ok := b.resourceURL(from, src); !ok {
		return nil, "", false
	}
	p = b.bundles[from]
	return p, strings.TrimPrefix(src, p.Bundle+"/"), true
}

// resourceURL finds src among the files of the bundle that from belongs to.
func (b *builder) resourceURL(from, src string) (string, bool) {
	p := b.bundles[from]
	if p == nil {
		return "", false
	}
	rel, ok := strings.CutPrefix(src, p.Bundle+"/")
	if !ok || !slices.Contains(p.Resources, rel) {
		return "", false
	}
	return p.URL + escapePath(rel), true
}

func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// forgetLinks lets go of what only the link checks needed: every id and every link of
// every body. The model does not keep them, so that a large build does not hold them
// while its pages render.
func (b *builder) forgetLinks() {
	for _, p := range b.site.Publications {
		p.Doc.IDs, p.Doc.Links = nil, nil
	}
	for _, p := range b.site.Pages {
		p.Doc.IDs, p.Doc.Links = nil, nil
	}
	b.ids = nil
}

// checkLinks reports site-absolute links to pages the site does not have, and links to
// "#fragments" that the target page does not define. The files of the theme and of the
// search index are not known yet: folio check looks at those.
func (b *builder) checkLinks(errs *diag.List) {
	s := b.site
	check := func(url string, doc *markdown.Meta) {
		for _, l := range doc.Links {
			target, frag, _ := strings.Cut(l.URL, "#")
			target, _, _ = strings.Cut(target, "?")
			if strings.HasPrefix(target, "/") {
				if problem := b.missing(target); problem != "" {
					errs.Errorf(l.Pos, "link to %q: %s", target, problem)
					continue
				}
			}
			if target == "" {
				target = url // "#section": a section of this page
			}
			ids, known := b.ids[target]
			if !known || frag == "" || strings.EqualFold(frag, "top") {
				continue // a bundle file, an empty fragment, or "#top", the top of any page
			}
			if !slices.Contains(ids, frag) {
				errs.Errorf(l.Pos, "link to %s: the page has no section #%s", target, frag)
			}
		}
	}
	for _, p := range s.Publications {
		check(p.URL, p.Doc)
	}
	for _, p := range s.Pages {
		check(p.URL, p.Doc)
	}
}

// missing says what is wrong with a link to the site-absolute path target, or "".
func (b *builder) missing(target string) string {
	s := b.site
	rel, ok := strings.CutPrefix(target, s.BasePath)
	if !ok {
		return fmt.Sprintf("outside the site, which is served from %s: write %s", s.BasePath, s.BasePath+strings.TrimPrefix(target, "/"))
	}
	if unescaped, err := url.PathUnescape(rel); err == nil {
		rel = unescaped
	}
	if strings.HasPrefix(rel, "static/") || strings.HasPrefix(rel, "search/") {
		return ""
	}
	out := s.OutputPath(s.BasePath + rel)
	if _, ok := b.owners[out]; ok {
		return ""
	}
	if _, ok := b.owners[out+"/index.html"]; ok {
		return "" // "/publications/x": servers add the slash
	}
	for _, p := range b.held {
		if s.OutputPath(p.URL) == out || s.OutputPath(p.URL) == out+"/index.html" {
			return "no such page: " + scheduledHint(p)
		}
	}
	return "no such page"
}
