package content

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"folio/internal/config"
	"folio/internal/diag"
	"folio/internal/slug"
	"folio/internal/yamldoc"

	"go.yaml.in/yaml/v4"
)

func (p *Page) decode(d *yamldoc.Decoder, cfg *config.Config, v map[string]*yaml.Node) {
	top := diag.Position{File: p.Source, Line: 1, Col: 1}
	required := func(key string) *yaml.Node {
		n := v[key]
		if n == nil {
			d.Errs.Errorf(top, "missing required field %q", key)
		}
		return n
	}
	text := func(key string) string {
		if n := v[key]; n != nil {
			return strings.TrimSpace(d.String(n))
		}
		return ""
	}
	list := func(key string) []string {
		n := v[key]
		if n == nil {
			return nil
		}
		if commaList(d, n, key) {
			return nil
		}
		var out []string
		for i, s := range d.Strings(n) {
			s = strings.Join(strings.Fields(s), " ")
			if s == "" {
				at := n
				if n.Kind == yaml.SequenceNode {
					at = n.Content[i]
				}
				d.Errorf(at, "%s: empty entry", key)
				continue
			}
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
		return out
	}

	if n := v["draft"]; n != nil {
		p.Draft = d.Bool(n)
	}
	if n := v["featured"]; n != nil && p.Kind == Publication {
		p.Featured = d.Bool(n)
	}
	if n := required("title"); n != nil {
		if p.Title = text("title"); p.Title == "" {
			d.Errorf(n, "title must not be empty")
		}
	}
	p.Summary = text("summary")
	p.slug(d, v["slug"])
	p.aliases(d, v["aliases"])
	if n := v["allow_protected"]; n != nil && !commaList(d, n, "allow_protected") {
		p.AllowProtected = d.Strings(n)
	}
	p.TranslationKey = text("translation_key")
	p.Lang = cfg.Language
	if n := v["lang"]; n != nil {
		if p.Lang = d.String(n); !langRE.MatchString(p.Lang) {
			d.Errorf(n, "lang must be a language tag such as \"en\" or \"fr\", not %q", p.Lang)
		}
	}
	if p.Kind == Plain {
		return
	}

	if n := required("summary"); n != nil && p.Summary == "" {
		d.Errorf(n, "summary must not be empty: it is shown in lists, feeds and search results")
	}
	if n := required("date"); n != nil {
		p.Date = date(d, n, "date")
	}
	p.release(d, cfg, v["embargo"])
	if n := v["updated"]; n != nil {
		p.Updated = date(d, n, "updated")
		if !p.Updated.IsZero() && !p.Date.IsZero() && p.Updated.Before(p.Date) {
			d.Errorf(n, "updated (%s) is before date (%s)", p.Updated.Format(time.DateOnly), p.Date.Format(time.DateOnly))
		}
	}
	if n := required("type"); n != nil {
		p.Type = d.String(n)
		if _, ok := cfg.Type(p.Type); !ok {
			d.Errorf(n, "unknown type %q%s; site.yaml defines: %s", p.Type,
				hint(p.Type, cfg.TypeKeys()), strings.Join(cfg.TypeKeys(), ", "))
		}
	}
	if n := required("objectives"); n != nil {
		p.objectives(d, cfg, n)
	}
	p.Authors = list("authors")
	p.Countries = list("countries")
	p.Missions = list("missions")
	p.Tags = list("tags")
	p.pdfs(d, v["pdf"], v["pdfs"])
	p.corrections(d, v["corrections"])
	p.series(d, cfg, v["series"], v["number"])
	p.identifiers(d, v["doi"], v["isbn"], v["report_number"])
	p.Cover = p.attachment(d, v["cover"], "cover", ".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg")
	p.CoverAlt = text("cover_alt")
	// A warning, as for an image in the body: folio check --strict makes both fail.
	if p.Cover != "" && p.CoverAlt == "" {
		d.Errs.Warnf(p.Pos("cover"), "cover %q has no alternative text: write cover_alt: what it shows", p.Cover)
	}
}

func hint(s string, known []string) string {
	if h := diag.Suggest(s, known); h != "" {
		return fmt.Sprintf(" (did you mean %q?)", h)
	}
	return ""
}

func date(d *yamldoc.Decoder, n *yaml.Node, key string) time.Time {
	s := d.String(n)
	if !dateRE.MatchString(s) {
		d.Errorf(n, "%s must be written YYYY-MM-DD, such as 2024-03-18, not %q", key, s)
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		d.Errorf(n, "%s %q is not a real date", key, s)
		return time.Time{}
	}
	// Year 1 is the zero time, which everything after this reads as "no date"; any
	// year before 1900 is a typing slip in a publication date (0224 for 2024). Future
	// dates are allowed: a publication may be scheduled.
	if t.Year() < minYear {
		d.Errorf(n, "%s %s is too early: the year must be %d or later", key, s, minYear)
		return time.Time{}
	}
	return t
}

// release sets Release from the embargo n, if any, or else the date. An embargo
// before the date is an error: the publication would be public before the day it is
// dated, which is a slip in one of the two.
func (p *Page) release(d *yamldoc.Decoder, cfg *config.Config, n *yaml.Node) {
	loc := cfg.Location()
	if !p.Date.IsZero() {
		p.Release = time.Date(p.Date.Year(), p.Date.Month(), p.Date.Day(), 0, 0, 0, 0, loc)
	}
	if n == nil {
		return
	}
	s := strings.TrimSpace(d.String(n))
	if !embargoRE.MatchString(s) {
		d.Errorf(n, "embargo must be a date and time written YYYY-MM-DDTHH:MM, such as 2026-12-10T09:00 (in the site's timezone, %s), not %q", loc, s)
		return
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", strings.Replace(s, " ", "T", 1), loc)
	if err != nil {
		d.Errorf(n, "embargo %q is not a real date and time", s)
		return
	}
	if !p.Date.IsZero() && t.Before(p.Release) {
		d.Errorf(n, "embargo (%s) is before date (%s): the publication would be public before the day it is dated; set date to the day of release",
			t.Format("2006-01-02 15:04"), p.Date.Format(time.DateOnly))
		return
	}
	p.Release = t
}

// commaList reports a list field written as one value with commas ("authors: Marie
// Kabila, Samuel Deng"), which YAML reads as a single name, and says how to write the
// list.
func commaList(d *yamldoc.Decoder, n *yaml.Node, key string) bool {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || !strings.Contains(n.Value, ",") {
		return false
	}
	var items []string
	for _, s := range strings.Split(n.Value, ",") {
		if s = strings.Join(strings.Fields(s), " "); s != "" {
			items = append(items, s)
		}
	}
	d.Errorf(n, "%s is a list: write it in brackets, %s: [%s] (a single name that has a comma goes in quotes: [\"Kabila, Marie\"])",
		key, key, strings.Join(items, ", "))
	return true
}

func (p *Page) objectives(d *yamldoc.Decoder, cfg *config.Config, n *yaml.Node) {
	if commaList(d, n, "objectives") {
		return
	}
	refs := d.Strings(n)
	if len(refs) == 0 {
		d.Errorf(n, "objectives must name at least one objective: %s", strings.Join(cfg.ObjectiveKeys(), ", "))
		return
	}
	seen := map[string]bool{}
	for i, ref := range refs {
		at := n
		if n.Kind == yaml.SequenceNode {
			at = n.Content[i]
		}
		o, ok := cfg.Objective(ref)
		if !ok {
			d.Errorf(at, "unknown objective %q%s; site.yaml defines: %s", ref,
				hint(ref, cfg.ObjectiveKeys()), strings.Join(cfg.ObjectiveKeys(), ", "))
			continue
		}
		seen[o.Key] = true
	}
	for _, o := range cfg.Objectives {
		if seen[o.Key] {
			p.Objectives = append(p.Objectives, o.Key)
		}
	}
}

// SkeletonSummary is the summary folio new writes, for the writer to replace: a
// publication that still has it is not finished (package site says so, with what else
// the body leaves empty).
const SkeletonSummary = "One to three plain sentences for lists, feeds and search results."

// reserved are top-level URL segments that plain pages cannot take.
var reserved = []string{"publications", "objectives", "countries", "missions", "types", "authors",
	"years", "tags", "series", "search", "page", "recommendations", "feed.xml", "publications.json", "sitemap.xml", "robots.txt", "404.html", "static"}

func (p *Page) slug(d *yamldoc.Decoder, n *yaml.Node) {
	if n == nil {
		name := path.Base(p.Source)
		if p.Bundle != "" {
			name = path.Base(p.Bundle)
		}
		p.Slug = slug.Make(strings.TrimSuffix(name, ".md"))
		if p.Slug == "" {
			d.Errs.Errorf(diag.Position{File: p.Source, Line: 1, Col: 1},
				"cannot make a URL from the file name %q: rename the file or set slug", name)
		}
	} else {
		p.Slug = d.String(n)
		if len(p.Slug) > slug.MaxLen {
			d.Errorf(n, "slug is %d bytes long; the most is %d: a URL segment is also a folder name, which file systems limit, so choose a shorter one, such as %q",
				len(p.Slug), slug.MaxLen, slug.Make(p.Slug))
			p.Slug = ""
			return
		}
		if !slug.Valid(p.Slug) {
			want := slug.Make(p.Slug)
			if want == "" {
				want = "water-access"
			}
			d.Errorf(n, "slug %q is not a URL segment: use lower-case words joined by hyphens, such as %q", p.Slug, want)
			p.Slug = ""
			return
		}
	}
	if p.Kind == Plain && slices.Contains(reserved, p.Slug) {
		d.Errs.Errorf(p.Pos("slug"), "slug %q is reserved for a section of the site: choose another", p.Slug)
	}
}

// aliases validates old URLs. An alias must be a path on this site: "../" segments,
// schemes and hosts are refused, so a redirect page can never be written outside the
// output folder or point readers elsewhere.
func (p *Page) aliases(d *yamldoc.Decoder, n *yaml.Node) {
	if n == nil {
		return
	}
	nodes := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		nodes = n.Content
	}
	for i, a := range d.Strings(n) {
		at := nodes[min(i, len(nodes)-1)]
		clean, err := CleanAlias(a)
		if err != nil {
			d.Errorf(at, "alias %q: %v", a, err)
			continue
		}
		p.pos["aliases."+strconv.Itoa(len(p.Aliases))] = d.Pos(at)
		p.Aliases = append(p.Aliases, clean)
	}
}

// MaxAliasLen bounds an alias in bytes, as each of its segments is bounded (200 bytes):
// its redirect page is written at that path in the output folder, and file systems
// limit the length of a path (4,096 bytes on Linux) as well as of a file name.
const MaxAliasLen = 1000

// CleanAlias validates an alias and returns it in canonical form: "/a/b/".
func CleanAlias(a string) (string, error) {
	if !strings.HasPrefix(a, "/") || strings.HasPrefix(a, "//") {
		return "", errors.New(`must be a path on this site starting with "/", such as "/briefs/old-name/"`)
	}
	if strings.ContainsAny(a, "?#\\") || strings.Contains(a, "://") {
		return "", errors.New("must be a plain path, without query, fragment or backslash")
	}
	// A host's redirect file holds the alias on a line, some within quotes.
	if strings.ContainsFunc(a, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '"' }) {
		return "", errors.New("must not hold a line break, another control character or a double quote")
	}
	if len(a) > MaxAliasLen {
		return "", fmt.Errorf("is %d bytes long; the most is %d", len(a), MaxAliasLen)
	}
	segs := strings.Split(strings.Trim(a, "/"), "/")
	for _, s := range segs {
		if s == ".." || s == "." || s == "" {
			return "", errors.New(`must not contain empty, "." or ".." segments`)
		}
		if len(s) > 200 {
			return "", errors.New("has a segment longer than 200 bytes")
		}
	}
	return "/" + strings.Join(segs, "/") + "/", nil
}

// attachment validates a bundle file named in front matter.
func (p *Page) attachment(d *yamldoc.Decoder, n *yaml.Node, key string, exts ...string) string {
	if n == nil {
		return ""
	}
	name := d.String(n)
	switch {
	case name == "":
		return ""
	case strings.Contains(name, ":") || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") ||
		slices.Contains(strings.Split(name, "/"), ".."):
		d.Errorf(n, "%s must name a file in the publication's bundle folder, such as \"brief.pdf\", not %q", key, name)
	case p.Bundle == "":
		d.Errorf(n, "%s: only a bundle can carry files: move %s to %s/index.md and put %q beside it",
			key, p.Source, strings.TrimSuffix(p.Source, ".md"), name)
	case !slices.Contains(exts, strings.ToLower(path.Ext(name))):
		d.Errorf(n, "%s %q must be a %s file", key, name, strings.Join(exts, ", "))
	case !slices.Contains(p.Resources, path.Clean(name)):
		d.Errorf(n, "%s %q: no such file in %s/", key, name, p.Bundle)
	default:
		return path.Clean(name)
	}
	return ""
}
