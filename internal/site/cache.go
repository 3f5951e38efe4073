package site

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"slices"
	"sync"

	"folio/internal/diag"
	"folio/internal/digest"
	"folio/internal/markdown"
)

// A Cache keeps rendered Markdown bodies between builds of one site, so that a rebuild
// after editing one brief renders only that brief (folio serve). Entries are keyed by a
// hash of everything a render depends on: the file's path and bytes, the pixel sizes of
// its bundle's images, the renderer's options, and the map of source files to URLs that
// links resolve against. An entry not used by a build is dropped at the end of it, so the
// cache never outgrows the site.
//
// A Cache may be shared by builds that run one after another, not at the same time.
type Cache struct {
	mu      sync.Mutex
	gen     int
	entries map[[32]byte]*cached
	hits    int

	// Related publications depend only on the order of publications and their
	// objectives, countries, missions and authors: kept while those are unchanged.
	membership uint64
	related    map[string][]string // slug → related slugs
}

type cached struct {
	doc  *markdown.Doc
	errs diag.List
	gen  int
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{entries: map[[32]byte]*cached{}} }

func (c *Cache) get(key [32]byte) (*markdown.Doc, diag.List, bool) {
	if c == nil {
		return nil, nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok {
		return nil, nil, false
	}
	e.gen = c.gen
	c.hits++
	return e.doc, e.errs, true
}

func (c *Cache) put(key [32]byte, doc *markdown.Doc, errs diag.List) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.entries[key] = &cached{doc: doc, errs: errs, gen: c.gen}
	c.mu.Unlock()
}

// begin starts a build's use of the cache; end drops what that build did not use and
// returns how many renders it saved.
func (c *Cache) begin() {
	if c != nil {
		c.gen++
		c.hits = 0
	}
}

func (c *Cache) end() int {
	if c == nil {
		return 0
	}
	for k, e := range c.entries {
		if e.gen != c.gen {
			delete(c.entries, k)
		}
	}
	return c.hits
}

// fingerprint hashes what every render depends on besides the page itself: which
// source files exist at which URLs, which files each bundle holds, and which
// publications are held back or previewed before their release.
func (b *builder) fingerprint(unsafeHTML bool) [32]byte {
	h := sha256.New()
	keys := make([]string, 0, len(b.sources))
	for k := range b.sources {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		h.Write([]byte(k + "\x00" + b.sources[k] + "\x00"))
	}
	for _, p := range b.site.Publications {
		for _, r := range p.Resources {
			h.Write([]byte(p.Bundle + "/" + r + "\x00"))
		}
		if p.Scheduled {
			fmt.Fprintf(h, "preview\x00%s\x00%d\x00", p.Source, p.Release.Unix())
		}
	}
	// Whether a link to a publication resolves depends on which are held back, and
	// until when.
	for _, p := range b.site.Scheduled {
		fmt.Fprintf(h, "held\x00%s\x00%d\x00", p.Source, p.Release.Unix())
	}
	if unsafeHTML {
		h.Write([]byte{1})
	}
	// The renderer links UN document symbols as site.yaml says (build, check).
	if b.site.Config.UNDocuments {
		h.Write([]byte{2})
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// siteFingerprint hashes everything that a page may show besides its own content.
func (b *builder) siteFingerprint(unsafeHTML bool) uint64 {
	s := b.site
	h := digest.New() // stable across processes: part of the keys of the build cache
	urls := b.fingerprint(unsafeHTML)
	h.Write(urls[:])
	if s.Logo != nil {
		h.WriteString(s.Logo.URL) // carries the file's hash
	}
	fmt.Fprintf(h, "%#v\x00%s\x00%s\x00%d\x00%d\x00", *s.Config, s.BasePath, s.Updated, len(s.Publications), len(s.Pages))
	for _, e := range s.Editions {
		for _, t := range e.Taxonomies {
			for _, tm := range t.Terms {
				fmt.Fprintf(h, "%s\x00%s\x00%s\x00%d\x00", t.URL, tm.Key, tm.Title, len(tm.Publications))
				if p := tm.Profile; p != nil {
					fmt.Fprintf(h, "%#v\x00", *p) // an author's page shows it: a new photo has a new size
				}
			}
		}
	}
	return h.Sum64()
}

var seed = maphash.MakeSeed()

// renderKey keys a body's render; pub is a publication's Fingerprint, which covers its
// bundle images' sizes, and 0 for a plain page. maphash, not SHA-256: the cache lives in
// memory for one process, and hashing every body of a large site on each rebuild must be
// cheap.
func renderKey(fp [32]byte, source string, body []byte, pub uint64) [32]byte {
	var h maphash.Hash
	h.SetSeed(seed)
	h.Write(fp[:])
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], pub)
	h.Write(n[:])
	binary.LittleEndian.PutUint64(n[:], uint64(len(source)))
	h.Write(n[:])
	h.WriteString(source)
	h.Write(body)
	var key [32]byte
	binary.LittleEndian.PutUint64(key[:8], h.Sum64())
	h.WriteString("\x00second half")
	binary.LittleEndian.PutUint64(key[8:16], h.Sum64())
	return key
}

func membership(pubs []*Publication) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	for _, p := range pubs {
		h.WriteString(p.Slug + "\x00")
		for _, terms := range [][]*Term{p.Objectives, p.Countries, p.Missions, p.Authors} {
			for _, t := range terms {
				h.WriteString(t.Key + "\x01")
			}
			h.WriteByte(2)
		}
	}
	return h.Sum64()
}

// reuseRelated sets every publication's Related from the cache when memberships are
// unchanged, and reports whether it did.
func (c *Cache) reuseRelated(pubs []*Publication) bool {
	if c == nil || c.related == nil || c.membership != membership(pubs) {
		return false
	}
	bySlug := make(map[string]*Publication, len(pubs))
	for _, p := range pubs {
		bySlug[p.Slug] = p
	}
	for _, p := range pubs {
		for _, r := range c.related[p.Slug] {
			p.Related = append(p.Related, bySlug[r])
		}
	}
	return true
}

func (c *Cache) storeRelated(pubs []*Publication) {
	if c == nil {
		return
	}
	c.membership = membership(pubs)
	c.related = make(map[string][]string, len(pubs))
	for _, p := range pubs {
		slugs := make([]string, len(p.Related))
		for i, r := range p.Related {
			slugs[i] = r.Slug
		}
		c.related[p.Slug] = slugs
	}
}
