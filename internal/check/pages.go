package check

import (
	"fmt"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"

	"folio/internal/diag"
	"folio/internal/markdown"
)

// An occurrence is a place in a built page that links to another site.
type occurrence struct {
	pg *htmlPage
	r  ref
}

// A target is where a URL of a built page leads.
type target struct {
	skip     bool   // nothing to check: empty, mailto:, tel:...
	external string // another site's URL, without its fragment
	outside  bool   // a path of this host outside the site's base path
	path     string // the site path, decoded: "/publications/x/"
	frag     string
	file     string // the output file it names; "" when there is none
}

// resolve finds where the URL v of page pg leads.
func (c *checker) resolve(pg *htmlPage, v string) (target, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return target{skip: true}, nil
	}
	u, err := url.Parse(v)
	if err != nil {
		return target{}, err
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https":
	default:
		return target{skip: true}, nil
	}
	if u.Host != "" {
		// The site's own absolute URLs are checked as paths of the site; any other,
		// including one of the same host outside the base path (the organisation's
		// main site, say), is an external link.
		if !c.own(u) || !c.inSite(u.Path) {
			u.Fragment, u.RawFragment = "", ""
			if u.Scheme == "" {
				u.Scheme = "https"
			}
			return target{external: u.String()}, nil
		}
		u.Scheme, u.Host = "", ""
	}
	abs := (&url.URL{Path: pg.url}).ResolveReference(u)
	p := abs.Path
	if p+"/" == c.basePath {
		p = c.basePath
	}
	if !c.inSite(p) {
		// A path outside the base path: usually a layout that forgot .Site.BasePath.
		return target{outside: true, path: p}, nil
	}
	t := target{path: p, frag: u.Fragment}
	rel := strings.TrimPrefix(p, c.basePath)
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	switch {
	case c.out.files[rel]:
		t.file = rel
	case c.out.files[rel+"/index.html"]: // servers redirect a folder to its "/" form
		t.file, t.path = rel+"/index.html", p+"/"
	}
	return t, nil
}

// inSite reports whether the path p is inside the site's base path.
func (c *checker) inSite(p string) bool {
	return strings.HasPrefix(p, c.basePath) || p+"/" == c.basePath
}

// checkPages checks every crawled page, and returns the links to other sites.
func (c *checker) checkPages() map[string][]occurrence {
	ext := map[string][]occurrence{}
	objectives := c.objectivePages()
	rels := slices.Sorted(maps.Keys(c.pages))
	for _, rel := range rels {
		pg := c.pages[rel]
		if pg.err != nil {
			c.addOutput(diag.SevError, pg, loc{}, "cannot read: %v", pg.err)
			continue
		}
		src := c.outputs[rel]
		listing := slices.ContainsFunc(objectives, func(prefix string) bool { return strings.HasPrefix(rel, prefix) })
		for _, r := range pg.refs {
			t, err := c.resolve(pg, r.val)
			switch {
			case err != nil:
				c.reportRef(pg, src, r, diag.SevError, func(w string) string { return fmt.Sprintf("link to %q: not a valid URL", w) })
				continue
			case t.skip:
				continue
			case t.external != "":
				ext[t.external] = append(ext[t.external], occurrence{pg, r})
				continue
			}
			if listing {
				c.listed[t.path] = true
			}
			if problem := c.targetProblem(pg, t, r.image); problem != "" {
				what := "link to"
				if r.image {
					what = "image"
				}
				c.reportRef(pg, src, r, diag.SevError, func(w string) string {
					// Name the resolved path when the link does not show it.
					if p, _, _ := strings.Cut(c.key(w), "#"); t.file == "" && !t.outside && p != t.path {
						return fmt.Sprintf("%s %q: %s (%s)", what, w, problem, t.path)
					}
					return fmt.Sprintf("%s %q: %s", what, w, problem)
				})
			}
		}
		c.checkIDs(pg, src)
		c.checkHeadings(pg, src)
		for _, r := range pg.noAlt {
			if src != nil && len(src.images[c.key(r.val)]) > 0 {
				continue // the build reports images of Markdown without alternative text
			}
			c.addOutput(diag.SevWarning, pg, r.at, "image %q has no alt attribute: describe it, or write alt=\"\" if it is only decoration", r.val)
		}
	}
	return ext
}

// targetProblem says what is wrong with a link inside the site, or "".
func (c *checker) targetProblem(from *htmlPage, t target, image bool) string {
	switch {
	case t.outside:
		return fmt.Sprintf("outside the site, which is served from %s (write {{.Site.BasePath}} in layouts)", c.basePath)
	case t.file == "" && (image || path.Ext(t.path) != "" && !strings.HasSuffix(t.path, "/")):
		return "no such file"
	case t.file == "":
		return "no such page"
	}
	if t.frag == "" || t.frag == "top" || strings.HasPrefix(t.frag, ":~:") || !strings.HasSuffix(t.file, ".html") {
		return ""
	}
	to := c.pages[t.file]
	if to == nil || to.err != nil || to.has(t.frag) {
		return ""
	}
	if to == from {
		return "the page has no section #" + t.frag
	}
	return t.path + " has no section #" + t.frag
}

// reportRef reports a problem with the URL of r: at the Markdown links or images of the
// page's source that wrote it, or else in the built page. msg makes the message from the
// URL as written there.
func (c *checker) reportRef(pg *htmlPage, src *source, r ref, sev diag.Severity, msg func(written string) string) {
	if src != nil {
		k := c.key(r.val)
		var els []markdown.Element
		if r.image {
			els = src.images[k]
		} else {
			els = src.links[k]
		}
		for _, e := range els {
			c.addSource(sev, e.Pos, "%s", msg(e.Dest))
		}
		if len(els) > 0 {
			return
		}
	}
	c.addOutput(sev, pg, r.at, "%s", msg(r.val))
}

// checkIDs reports ids used more than once in a page: at the Markdown heading that
// chose one when there is one.
func (c *checker) checkIDs(pg *htmlPage, src *source) {
	for _, id := range slices.Sorted(maps.Keys(pg.dupIDs)) {
		locs := pg.dupIDs[id]
		if src != nil && len(src.ids[id]) > 0 {
			hs := src.ids[id]
			for _, h := range hs[1:] {
				c.addSource(diag.SevError, h.Pos, "duplicate id %q: the heading on line %d has it too", id, hs[0].Pos.Line)
			}
			if len(locs) > len(hs) {
				c.addSource(diag.SevError, hs[0].Pos, "id %q is also used by the page's layout or another element of the page: choose another with {#id}", id)
			}
			continue
		}
		msg := fmt.Sprintf("duplicate id %q", id)
		c.found = append(c.found, finding{
			Error: diag.Errorf(diag.Position{File: c.out.label + "/" + pg.rel, Line: locs[1].line, Col: locs[1].col},
				"%s (first on line %d)", msg, locs[0].line),
			key: msg,
		})
	}
}

// checkHeadings reports headings of the layout that skip a level; those of the Markdown
// body are checked in the source.
func (c *checker) checkHeadings(pg *htmlPage, src *source) {
	prev := 0
	for _, h := range pg.headings {
		body := src != nil && h.id != "" && len(src.ids[h.id]) > 0
		if prev > 0 && h.level > prev+1 && !body {
			c.addOutput(diag.SevWarning, pg, h.at, "heading <h%d> follows <h%d>: %s", h.level, prev, skipped(prev, h.level))
		}
		prev = h.level
	}
}

// objectivePages returns the output folders of the objective pages of every language's
// edition: /objectives/<key>/, /fr/objectives/<key>/ and their further pages.
func (c *checker) objectivePages() []string {
	if c.site == nil {
		return nil
	}
	var out []string
	for _, e := range c.site.Editions {
		if t := e.Taxonomy("objectives"); t != nil {
			for _, tm := range t.Terms {
				out = append(out, strings.TrimPrefix(tm.URL, c.basePath))
			}
		}
	}
	return out
}

// checkObjectives reports publications that no objective page lists.
func (c *checker) checkObjectives() {
	if c.site == nil {
		return
	}
	for _, p := range c.site.Publications {
		if c.listed[p.URL] {
			continue
		}
		// Each edition lists it on its own language's objective pages.
		e := c.site.EditionOf(p)
		var want []string
		for _, o := range p.Objectives {
			want = append(want, e.Term(o).URL)
		}
		c.addSource(diag.SevError, p.Pos("objectives"), "the publication is not listed on any objective page: %s should list it",
			strings.Join(want, " or "))
	}
}
