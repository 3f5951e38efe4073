package check

import (
	"fmt"
	"net/url"
	"path"
	"strconv"
	"strings"

	"folio/internal/content"
	"folio/internal/diag"
	"folio/internal/markdown"
)

// A source is a Markdown file and what it wrote, indexed by the form its links, images
// and heading ids take in the built page, so that a problem found there can be reported
// where it was written.
type source struct {
	page    *content.Page
	url     string // site URL of its page
	built   bool   // false for a draft in a build without drafts
	outline *markdown.Outline

	links  map[string][]markdown.Element // key of the target → links
	images map[string][]markdown.Element // key of the target → images
	ids    map[string][]markdown.Element // heading id → headings
}

func (s *source) index(c *checker) {
	s.links, s.images, s.ids = map[string][]markdown.Element{}, map[string][]markdown.Element{}, map[string][]markdown.Element{}
	for _, l := range s.outline.Links {
		k := c.markdownKey(s, l.Dest)
		s.links[k] = append(s.links[k], l)
	}
	for _, l := range s.outline.Images {
		k := c.markdownKey(s, l.Dest)
		s.images[k] = append(s.images[k], l)
	}
	for _, h := range s.outline.Headings {
		if h.ID != "" {
			s.ids[h.ID] = append(s.ids[h.ID], h)
		}
	}
}

// markdownKey is the key of a Markdown link or image destination: the URL it becomes in
// the built page (a .md file becomes its page's URL, a bundle file the URL of its copy),
// in the form key gives.
func (c *checker) markdownKey(s *source, dest string) string {
	if !markdown.IsRelative(dest) {
		return c.key(dest)
	}
	target, frag, hasFrag := strings.Cut(dest, "#")
	if t, err := url.PathUnescape(target); err == nil {
		target = t
	}
	if to := c.bySource[path.Join(path.Dir(s.page.Source), target)]; to != nil {
		u := to.url
		if hasFrag {
			u += "#" + frag
		}
		return c.key(u)
	}
	base, err1 := url.Parse(s.url)
	ref, err2 := url.Parse(dest)
	if err1 != nil || err2 != nil {
		return c.key(dest)
	}
	return c.key(base.ResolveReference(ref).String())
}

// key puts a URL in one form for comparisons: the site's own absolute URLs become
// site paths (print editions write their links absolute), and escapes are decoded.
func (c *checker) key(v string) string {
	v = strings.TrimSpace(v)
	u, err := url.Parse(v)
	if err != nil {
		return v
	}
	if c.own(u) {
		u.Scheme, u.Host = "", ""
	}
	var b strings.Builder
	if u.Scheme != "" {
		b.WriteString(strings.ToLower(u.Scheme) + ":")
	}
	if u.Host != "" || u.Scheme == "http" || u.Scheme == "https" {
		b.WriteString("//" + strings.ToLower(u.Host))
	}
	b.WriteString(u.Path)
	b.WriteString(u.Opaque)
	if u.RawQuery != "" {
		b.WriteString("?" + u.RawQuery)
	}
	if u.Fragment != "" {
		b.WriteString("#" + u.Fragment)
	}
	return b.String()
}

// own reports whether u names the site's host, with its scheme or none.
func (c *checker) own(u *url.URL) bool {
	if u.Host == "" || c.origin == "" {
		return false
	}
	scheme, host, _ := strings.Cut(c.origin, "://")
	return strings.EqualFold(u.Host, host) && (u.Scheme == "" || strings.EqualFold(u.Scheme, scheme))
}

// checkSources checks what the Markdown sources alone show: headings that skip a level,
// and links from published pages to drafts.
func (c *checker) checkSources() {
	drafts := map[string]*source{}
	for _, s := range c.sources {
		if s.page.Draft {
			drafts[s.url] = s
		}
	}
	for _, s := range c.sources {
		if !s.built {
			continue
		}
		prev := 1 // the page title is the page's h1
		for _, h := range s.outline.Headings {
			if h.Level > prev+1 {
				after := "level " + strconv.Itoa(prev)
				if prev == 1 {
					after = "the page title (level 1)"
				}
				c.addSource(diag.SevWarning, h.Pos, "heading level %d follows %s: %s", h.Level, after, skipped(prev, h.Level))
			}
			prev = h.Level
		}
		if s.page.Draft || len(drafts) == 0 {
			continue
		}
		for _, l := range append(s.outline.Links[:len(s.outline.Links):len(s.outline.Links)], s.outline.Images...) {
			if d := c.draftAt(drafts, c.markdownKey(s, l.Dest)); d != nil {
				c.found = append(c.found, finding{Error: diag.Errorf(l.Pos,
					"link to %q: %s is a draft, so the link would break on the live site (publish it first, or remove the link)",
					l.Dest, d.page.Source), claims: true})
				c.claimed[l.Pos] = true
			}
		}
	}
}

// skipped says which heading levels lie between from and to.
func skipped(from, to int) string {
	switch to - from {
	case 2:
		return fmt.Sprintf("level %d is skipped", from+1)
	case 3:
		return fmt.Sprintf("levels %d and %d are skipped", from+1, from+2)
	}
	return fmt.Sprintf("levels %d to %d are skipped", from+1, to-1)
}

// draftAt returns the draft whose page, or a file beside it, the key names.
func (c *checker) draftAt(drafts map[string]*source, key string) *source {
	p, _, _ := strings.Cut(key, "#")
	p, _, _ = strings.Cut(p, "?")
	if !strings.HasPrefix(p, "/") {
		return nil // another site, or the same page
	}
	for {
		if d := drafts[p]; d != nil {
			return d
		}
		i := strings.LastIndex(strings.TrimSuffix(p, "/"), "/")
		if i < 0 {
			return nil
		}
		p = p[:i+1]
	}
}
