package check

import (
	"bytes"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"golang.org/x/net/html"

	"folio/internal/par"
)

// A tree is a built site: its files, and how diagnostics name them.
type tree struct {
	label string          // the output folder as diagnostics name it: "public"
	files map[string]bool // every file, by slash-separated path
	fsys  fs.FS           // contents, for a folder on disk; nil for a streamed build
}

// has reports whether the page has an element with this id (or <a name>).
func (pg *htmlPage) has(id string) bool {
	_, found := slices.BinarySearch(pg.ids, id)
	return found
}

// compactIDs turns the ids of a page as parsePage collects them into the sorted list
// and the duplicates that the checks need: a page outline is kept for every page of the
// site until all are parsed, and a map per page, with a position per id, was most of it.
func compactIDs(all map[string][]loc) ([]string, map[string][]loc) {
	ids := make([]string, 0, len(all))
	var dups map[string][]loc
	for id, locs := range all {
		ids = append(ids, id)
		if len(locs) > 1 {
			if dups == nil {
				dups = map[string][]loc{}
			}
			dups[id] = locs
		}
	}
	slices.Sort(ids)
	return ids, dups
}

// An interner keeps one copy of each URL written in the site's pages: the same links
// (menus, taxonomy terms, related publications) are on thousands of pages. Safe for
// concurrent use; a nil interner keeps nothing and returns each string as it is.
type interner struct {
	mu sync.Mutex
	m  map[string]string
}

func newInterner() *interner { return &interner{m: map[string]string{}} }

func (in *interner) get(s string) string {
	if in == nil {
		return s
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if t, ok := in.m[s]; ok {
		return t
	}
	in.m[s] = s
	return s
}

// A loc is a line and column (in bytes) of a built page, 1-based.
type loc struct{ line, col int }

// An htmlPage is what the checks need from one built page.
type htmlPage struct {
	rel      string           // output path: "publications/x/index.html"
	url      string           // the site path it is served at: "/publications/x/"
	ids      []string         // id and <a name> values, sorted, each once (has)
	dupIDs   map[string][]loc // those used more than once → where; nil if none
	refs     []ref
	headings []heading
	noAlt    []ref // <img> elements without an alt attribute
	err      error
}

// A ref is a URL in an attribute of a built page.
type ref struct {
	at    loc
	val   string // as written, entities decoded
	image bool
}

type heading struct {
	at    loc
	level int
	id    string
}

// crawl parses every HTML page of a built folder, in parallel; a streamed build's pages
// were parsed as they were made. Either way it sets where each page is served.
func (c *checker) crawl() {
	if c.out.fsys == nil {
		for _, pg := range c.pages {
			pg.url = c.basePath + servedAt(pg.rel)
		}
		c.report.Pages = len(c.pages)
		return
	}
	var rels []string
	for p := range c.out.files {
		if strings.HasSuffix(p, ".html") {
			rels = append(rels, p)
		}
	}
	slices.Sort(rels)
	pages := make([]*htmlPage, len(rels))
	par.For(len(rels), 0, func(i int) {
		pg := &htmlPage{rel: rels[i], url: c.basePath + servedAt(rels[i])}
		data, err := fs.ReadFile(c.out.fsys, rels[i])
		if err != nil {
			pg.err = err
		} else {
			parsePage(pg, data, c.interner)
		}
		pages[i] = pg
	})
	c.pages = make(map[string]*htmlPage, len(pages))
	for _, pg := range pages {
		c.pages[pg.rel] = pg
	}
	c.report.Pages = len(pages)
}

// urlAttrs lists, per element, the attributes that hold a URL; images are marked.
var urlAttrs = map[string][]struct {
	name  string
	image bool
}{
	"a":      {{"href", false}},
	"area":   {{"href", false}},
	"link":   {{"href", false}},
	"img":    {{"src", true}, {"srcset", true}},
	"source": {{"src", false}, {"srcset", true}},
	"script": {{"src", false}},
	"iframe": {{"src", false}},
	"embed":  {{"src", false}},
	"audio":  {{"src", false}},
	"video":  {{"src", false}, {"poster", true}},
	"track":  {{"src", false}},
	"form":   {{"action", false}},
}

// Tags and attributes parsePage reads, as constants: looking them up turns the
// tokenizer's bytes into strings without allocating.
var (
	knownTags = map[string]string{}
	knownAttr = map[string]string{}
)

func init() {
	for tag := range urlAttrs {
		knownTags[tag] = tag
	}
	for _, tag := range []string{"noscript", "meta", "h1", "h2", "h3", "h4", "h5", "h6"} {
		knownTags[tag] = tag
	}
	for _, a := range []string{"id", "name", "href", "src", "srcset", "poster", "action", "alt", "rel", "content", "http-equiv", "property"} {
		knownAttr[a] = a
	}
}

type attr struct{ key, val string }

// parsePage tokenizes data, keeping the line and column of every tag.
func parsePage(pg *htmlPage, data []byte, in *interner) {
	ids := map[string][]loc{}
	defer func() { pg.ids, pg.dupIDs = compactIDs(ids) }()
	z := html.NewTokenizer(bytes.NewReader(data))
	at := loc{1, 1}
	var attrs []attr
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				pg.err = z.Err()
			}
			return
		}
		start := at
		raw := z.Raw()
		if n := bytes.Count(raw, []byte("\n")); n > 0 {
			at.line += n
			at.col = len(raw) - bytes.LastIndexByte(raw, '\n')
		} else {
			at.col += len(raw)
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		tag := knownTags[string(name)]
		attrs = attrs[:0]
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			if key, ok := knownAttr[string(k)]; ok && (tag != "" || key == "id") {
				attrs = append(attrs, attr{key, string(v)})
			}
		}
		if tag == "noscript" && tt == html.StartTagToken {
			z.NextIsNotRawText() // check what readers without JavaScript get
		}
		get := func(key string) (string, bool) {
			for _, a := range attrs {
				if a.key == key {
					return a.val, true
				}
			}
			return "", false
		}
		if id, ok := get("id"); ok && id != "" {
			ids[id] = append(ids[id], start)
		}
		if tag == "" {
			continue
		}
		if name, ok := get("name"); ok && tag == "a" && name != "" {
			ids[name] = append(ids[name], start)
		}
		for _, a := range urlAttrs[tag] {
			v, ok := get(a.name)
			if !ok {
				continue
			}
			if a.name == "srcset" {
				for _, cand := range strings.Split(v, ",") {
					if f := strings.Fields(cand); len(f) > 0 {
						pg.refs = append(pg.refs, ref{at: start, val: in.get(f[0]), image: a.image})
					}
				}
				continue
			}
			if tag == "link" && a.name == "href" {
				rel, _ := get("rel")
				if hasWord(rel, "preconnect") || hasWord(rel, "dns-prefetch") {
					continue // an origin, not a resource
				}
			}
			pg.refs = append(pg.refs, ref{at: start, val: in.get(v), image: a.image})
		}
		switch tag {
		case "img":
			if _, ok := get("alt"); !ok {
				src, _ := get("src")
				pg.noAlt = append(pg.noAlt, ref{at: start, val: src, image: true})
			}
		case "h1", "h2", "h3", "h4", "h5", "h6":
			id, _ := get("id")
			pg.headings = append(pg.headings, heading{at: start, level: int(tag[1] - '0'), id: id})
		case "meta":
			content, _ := get("content")
			equiv, _ := get("http-equiv")
			prop, _ := get("property")
			name, _ := get("name")
			switch {
			case strings.EqualFold(equiv, "refresh"):
				if u := refreshURL(content); u != "" {
					pg.refs = append(pg.refs, ref{at: start, val: in.get(u)})
				}
			case prop == "og:url":
				pg.refs = append(pg.refs, ref{at: start, val: in.get(content)})
			case prop == "og:image" || name == "twitter:image":
				pg.refs = append(pg.refs, ref{at: start, val: in.get(content), image: true})
			}
		}
	}
}

// servedAt returns the path, without the base path, at which the file rel is served:
// "x/index.html" at "x/".
func servedAt(rel string) string {
	if rel == "index.html" || strings.HasSuffix(rel, "/index.html") {
		return strings.TrimSuffix(rel, "index.html")
	}
	return rel
}

// refreshURL returns the URL of a meta refresh's content ("0; url=/new/"), or "".
func refreshURL(content string) string {
	_, rest, ok := strings.Cut(content, ";")
	if !ok {
		return ""
	}
	rest = strings.TrimSpace(rest)
	if len(rest) < 4 || !strings.EqualFold(rest[:3], "url") {
		return ""
	}
	rest = strings.TrimSpace(rest[3:])
	rest, ok = strings.CutPrefix(rest, "=")
	if !ok {
		return ""
	}
	return strings.Trim(strings.TrimSpace(rest), `"'`)
}

func hasWord(list, word string) bool {
	return slices.ContainsFunc(strings.Fields(list), func(w string) bool { return strings.EqualFold(w, word) })
}
