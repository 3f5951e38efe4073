// Package printbody makes a publication's body, as the Markdown renderer wrote it for
// the site, fit its print edition (render's pub.PrintBody): links to the site absolute,
// since print.css prints their addresses after them and a PDF read away from the site
// must still lead back to it; images relative to the print edition, so that it shows
// them wherever it is opened (a staging host, a copy on disk, folio pdf), and at their
// largest width, loaded at once. Every publication's print edition goes through it, so
// each rewrite is one pass over the HTML.
package printbody

import "strings"

// Rewrite is the body html (site-absolute URLs, as folio's Markdown renderer writes
// them) for the print edition in the folder dir (site-absolute, ending in "/") of the
// site at origin ("https://example.org").
func Rewrite(html, origin, dir string) string {
	return urls(largestImages(html), origin, dir)
}

// largestImages takes srcset, sizes and loading="lazy" out of the body's images, as
// folio's Markdown renderer writes them: the print edition shows the largest width,
// which src names, and a PDF is made before anyone scrolls.
func largestImages(html string) string {
	if !strings.Contains(html, ` srcset="`) && !strings.Contains(html, ` loading="lazy"`) {
		return html
	}
	var b strings.Builder
	b.Grow(len(html))
	for {
		i := strings.Index(html, "<img ")
		if i < 0 {
			break
		}
		end := strings.IndexByte(html[i:], '>')
		if end < 0 {
			break
		}
		end += i
		b.WriteString(html[:i])
		tag := html[i:end]
		for _, attr := range []string{` srcset="`, ` sizes="`, ` loading="`, ` decoding="`} {
			if j := strings.Index(tag, attr); j >= 0 {
				if k := strings.IndexByte(tag[j+len(attr):], '"'); k >= 0 {
					tag = tag[:j] + tag[j+len(attr)+k+1:]
				}
			}
		}
		b.WriteString(tag)
		html = html[end:]
	}
	b.WriteString(html)
	return b.String()
}

// urls rewrites the site-absolute URLs of the href and src attributes of html, in
// one pass (the print edition of every publication goes through it): an href gets
// origin before it (` href="/x"` becomes ` href="https://example.org/x"`), a src is made
// relative to the folder dir (` src="/x/print/../a.png"` style: ` src="../a.png"`).
// Protocol-relative URLs ("//host/x") are another site's, and left alone.
func urls(html, origin, dir string) string {
	var b strings.Builder
	last := 0
	for i := 0; ; {
		j := strings.Index(html[i:], `="/`)
		if j < 0 {
			break
		}
		j += i
		i = j + 3
		if strings.HasPrefix(html[j+2:], "//") {
			continue
		}
		href := strings.HasSuffix(html[:j], " href")
		if !href && !strings.HasSuffix(html[:j], " src") {
			continue
		}
		if last == 0 {
			b.Grow(len(html) + len(html)/8)
		}
		b.WriteString(html[last : j+2])
		if href {
			b.WriteString(origin)
			last = j + 2
			continue
		}
		end := strings.IndexByte(html[j+2:], '"')
		if end < 0 {
			last = j + 2 // an attribute cut short: left as it is
			break
		}
		b.WriteString(Relative(dir, html[j+2:j+2+end]))
		last = j + 2 + end
		i = last
	}
	if last == 0 {
		return html
	}
	b.WriteString(html[last:])
	return b.String()
}

// Relative returns the site-absolute URL u relative to the folder dir (both start with
// "/"; dir ends with one): the segments they share are dropped and each of dir's others
// becomes "../". Any other URL is returned as it is.
func Relative(dir, u string) string {
	if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
		return u
	}
	shared := 0 // length of the folders both start with
	for k := 0; k < len(dir) && k < len(u) && dir[k] == u[k]; k++ {
		if dir[k] == '/' {
			shared = k + 1
		}
	}
	rel := strings.Repeat("../", strings.Count(dir[shared:], "/")) + u[shared:]
	if rel == "" || rel[0] == '?' || rel[0] == '#' {
		rel = "./" + rel
	}
	return rel
}
