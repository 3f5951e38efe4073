package urlrecord

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"folio/internal/content"
	"folio/internal/diag"
	"folio/internal/yamldoc"

	"go.yaml.in/yaml/v4"
)

// File is where the record is kept, relative to the site root.
const File = "content/urls.yaml"

// A Record is the content of File.
type Record struct {
	Entries []Entry // by ID
	Gone    []Gone  // by URL
}

// An Entry is the URLs published under one id, sorted.
type Entry struct {
	ID   string
	URLs []URL
}

// A URL is a recorded URL path, "/publications/water/", and where the record says it.
type URL struct {
	Path string
	Pos  diag.Position
}

// A Gone URL is withdrawn for good, for Reason.
type Gone struct {
	URL    string
	Reason string
	Pos    diag.Position
}

// Load reads the record of the site in fsys; a site without one has a nil Record.
func Load(fsys fs.FS) (*Record, error) {
	src, err := fs.ReadFile(fsys, File)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, diag.Errorf(diag.Position{File: File}, "reading the record of published URLs: %v", err)
	}
	return Parse(src)
}

// Parse reads a record written as File; errors name their line in it.
func Parse(src []byte) (*Record, error) {
	root, err := yamldoc.Parse(File, src, 1)
	if err != nil {
		return nil, err
	}
	var errs diag.List
	d := &yamldoc.Decoder{File: File, Errs: &errs}
	r := &Record{}
	// A URL is recorded once as published, and once at most as gone: it usually is both.
	published, gone := map[string]diag.Position{}, map[string]diag.Position{}
	clean := func(n *yaml.Node, seen map[string]diag.Position) (string, bool) {
		u, err := content.CleanAlias(d.String(n))
		if err != nil {
			d.Errorf(n, "URL %q: %v", n.Value, err)
			return "", false
		}
		if at, dup := seen[u]; dup {
			d.Errorf(n, "%s is recorded twice (first at line %d): keep one", u, at.Line)
			return "", false
		}
		seen[u] = d.Pos(n)
		return u, true
	}
	d.Map(root, File, []string{"published", "gone"}, func(key string, val *yaml.Node) {
		switch key {
		case "published":
			if val.Kind == yaml.ScalarNode && val.Tag == "!!null" {
				return
			}
			if val.Kind != yaml.MappingNode {
				d.Errorf(val, "published must map each publication or page to its URLs")
				return
			}
			for i := 0; i+1 < len(val.Content); i += 2 {
				k, v := val.Content[i], val.Content[i+1]
				e := Entry{ID: d.String(k)}
				nodes := []*yaml.Node{v}
				if v.Kind == yaml.SequenceNode {
					nodes = v.Content
				}
				for j := range d.Strings(v) {
					if u, ok := clean(nodes[j], published); ok {
						e.URLs = append(e.URLs, URL{Path: u, Pos: d.Pos(nodes[j])})
					}
				}
				if e.ID != "" {
					r.Entries = append(r.Entries, e)
				}
			}
		case "gone":
			for _, n := range d.Seq(val, "gone") {
				g := Gone{Pos: d.Pos(n)}
				d.Map(n, "gone entry", []string{"url", "reason"}, func(key string, val *yaml.Node) {
					switch key {
					case "url":
						if u, ok := clean(val, gone); ok {
							g.URL, g.Pos = u, d.Pos(val)
						}
					case "reason":
						g.Reason = strings.TrimSpace(d.String(val))
					}
				})
				switch {
				case g.URL == "":
					d.Errorf(n, "a gone entry needs url: the address withdrawn, such as /publications/old/")
				case g.Reason == "":
					d.Errorf(n, "gone %s needs reason: the sentence readers see at its address, saying why it was withdrawn", g.URL)
				default:
					r.Gone = append(r.Gone, g)
				}
			}
		}
	})
	if errs.HasErrors() {
		errs.Sort()
		return nil, errs
	}
	r.sort()
	return r, nil
}

func (r *Record) sort() {
	slices.SortFunc(r.Entries, func(a, b Entry) int { return cmp.Compare(a.ID, b.ID) })
	for _, e := range r.Entries {
		slices.SortFunc(e.URLs, func(a, b URL) int { return cmp.Compare(a.Path, b.Path) })
	}
	slices.SortFunc(r.Gone, func(a, b Gone) int { return cmp.Compare(a.URL, b.URL) })
}

const header = `# Every URL this site has published. folio build --record adds new ones; a build
# that would stop publishing one of them fails. A publication's earlier URLs redirect
# to its current one. To withdraw a URL for good, list it under gone with the reason
# readers will see. Commit this file with the site.
`

// Bytes returns the record as File holds it: sorted, one URL a line.
func (r *Record) Bytes() []byte {
	r.sort()
	str := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }
	published := &yaml.Node{Kind: yaml.MappingNode}
	for _, e := range r.Entries {
		urls := &yaml.Node{Kind: yaml.SequenceNode}
		for _, u := range e.URLs {
			urls.Content = append(urls.Content, str(u.Path))
		}
		published.Content = append(published.Content, str(e.ID), urls)
	}
	gone := &yaml.Node{Kind: yaml.SequenceNode}
	for _, g := range r.Gone {
		gone.Content = append(gone.Content, &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
			str("url"), str(g.URL), str("reason"), str(g.Reason)}})
	}
	if len(r.Gone) == 0 {
		gone.Style = yaml.FlowStyle // "gone: []": the key stays, to be found
	}
	root := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{str("published"), published, str("gone"), gone}}
	var b bytes.Buffer
	b.WriteString(header)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		// Only strings and plain nodes go in: encoding them cannot fail.
		panic(fmt.Sprintf("urlrecord: encoding the record: %v", err))
	}
	enc.Close()
	return b.Bytes()
}

// A Page is a publication or plain page that a build publishes.
type Page struct {
	Source         string // content/publications/water.md
	TranslationKey string
	Lang           string
	URL            string   // site path, without the base URL's path: "/publications/water/"
	Aliases        []string // as URL
	// Record is false for what must not be recorded: drafts, and publications not yet
	// public that a preview build shows.
	Record bool
}

// ID returns the id p is recorded under when the record does not know it yet.
func (p Page) ID() string {
	if p.TranslationKey != "" {
		return p.TranslationKey + " (" + p.Lang + ")"
	}
	return p.Source
}

// A Redirect sends a recorded URL to the current URL of the page recorded with it.
type Redirect struct {
	From, To string
	Pos      diag.Position // of From in the record
}

// A Result is what a build must publish to keep the record.
type Result struct {
	Redirects []Redirect // by From
	Gone      []Gone     // by URL
	// Record is the record with the URLs of this build's pages added, when Resolve was
	// asked to update it; else the record as read.
	Record *Record
}

// Resolve compares the record r with pages, the publications and pages of a build,
// and returns the redirects and gone pages that keep every recorded URL working, or an
// error at each one that would stop working. serves tells whether the build publishes
// something at a URL path already (a page, an alias, any other file). With update, the
// URLs of pages are recorded first (see the package documentation). r may be nil: the
// site has no record, and only update makes one.
func Resolve(r *Record, pages []Page, serves func(path string) bool, update bool) (Result, diag.List) {
	if r == nil {
		r = &Record{}
	}
	byURL := map[string]string{} // recorded URL → id
	for _, e := range r.Entries {
		for _, u := range e.URLs {
			byURL[u.Path] = e.ID
		}
	}
	// The id of a page: the one its URL is recorded under, so that a file moved without
	// changing its URL keeps its id; else its translation key or file.
	idOf := func(p Page) string {
		if id, ok := byURL[p.URL]; ok {
			return id
		}
		return p.ID()
	}
	current := map[string]Page{} // id → the page published under it
	for _, p := range pages {
		id := idOf(p)
		if _, ok := current[id]; !ok {
			current[id] = p
		}
	}
	if update {
		updated := &Record{Gone: slices.Clone(r.Gone)}
		for _, e := range r.Entries {
			updated.Entries = append(updated.Entries, Entry{ID: e.ID, URLs: slices.Clone(e.URLs)})
		}
		index := map[string]int{}
		for i, e := range updated.Entries {
			index[e.ID] = i
		}
		for _, p := range pages {
			if !p.Record {
				continue
			}
			id := idOf(p)
			i, ok := index[id]
			if !ok {
				i = len(updated.Entries)
				index[id] = i
				updated.Entries = append(updated.Entries, Entry{ID: id})
			}
			for _, u := range append([]string{p.URL}, p.Aliases...) {
				if _, known := byURL[u]; !known {
					byURL[u] = id
					updated.Entries[i].URLs = append(updated.Entries[i].URLs, URL{Path: u, Pos: diag.Position{File: File}})
				}
			}
		}
		updated.sort()
		r = updated
	}

	res := Result{Record: r}
	var errs diag.List
	gone := map[string]bool{}
	for _, g := range r.Gone {
		gone[g.URL] = true
		if serves(g.URL) {
			errs.Errorf(g.Pos, "%s is listed as gone, but this build publishes it again: remove it from gone in %s if it is back for good", g.URL, File)
			continue
		}
		res.Gone = append(res.Gone, g)
	}
	for _, e := range r.Entries {
		p, published := current[e.ID]
		recorded := published && slices.ContainsFunc(e.URLs, func(u URL) bool { return u.Path == p.URL })
		for _, u := range e.URLs {
			switch {
			case serves(u.Path) || gone[u.Path]:
			case recorded:
				res.Redirects = append(res.Redirects, Redirect{From: u.Path, To: p.URL, Pos: u.Pos})
			case published:
				errs.Errorf(u.Pos, "%s was published, and this build would no longer publish it: %s is now at %s. "+
					"Keep the old address with \"folio alias %s %s\", or record the new one with \"folio build --record\" (the old one then redirects to it), "+
					"or list it under gone in %s with the reason", u.Path, e.ID, p.URL, u.Path, p.URL, File)
			default:
				errs.Errorf(u.Pos, "%s was published, and this build would no longer publish it: no publication or page of this build is %s. "+
					"If it moved, keep the old address with \"folio alias %s NEW\" (NEW: its current address); "+
					"if it was withdrawn, list it under gone in %s with the reason", u.Path, e.ID, u.Path, File)
			}
		}
	}
	slices.SortFunc(res.Redirects, func(a, b Redirect) int { return cmp.Compare(a.From, b.From) })
	return res, errs
}
