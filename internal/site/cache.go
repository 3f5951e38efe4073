package site

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"slices"
	"sync"

	"folio/internal/diag"
	"folio/internal/markdown"
)

// A Cache keeps rendered Markdown bodies between builds of one site, so that a rebuild
// after editing one brief renders only that brief (folio serve). Entries are keyed by a
// hash of everything a render depends on: the file's path and bytes, the renderer's
// options, and the map of source files to URLs that links resolve against. An entry not
// used by a build is dropped at the end of it, so the cache never outgrows the site.
//
// A Cache may be shared by builds that run one after another, not at the same time.
type Cache struct {
	mu      sync.Mutex
	gen     int
	entries map[[32]byte]*cached
	hits    int
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
// source files exist at which URLs, and which files each bundle holds.
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
	}
	if unsafeHTML {
		h.Write([]byte{1})
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// siteFingerprint hashes everything that a page may show besides its own content.
func (b *builder) siteFingerprint(unsafeHTML bool) uint64 {
	s := b.site
	var h maphash.Hash
	h.SetSeed(seed)
	urls := b.fingerprint(unsafeHTML)
	h.Write(urls[:])
	fmt.Fprintf(&h, "%#v\x00%s\x00%s\x00%d\x00%d\x00", *s.Config, s.BasePath, s.Updated, len(s.Publications), len(s.Pages))
	for _, t := range s.Taxonomies {
		for _, tm := range t.Terms {
			fmt.Fprintf(&h, "%s\x00%s\x00%s\x00%d\x00", t.Key, tm.Key, tm.Title, len(tm.Publications))
		}
	}
	return h.Sum64()
}

var seed = maphash.MakeSeed()

func renderKey(fp [32]byte, source string, body []byte) [32]byte {
	h := sha256.New()
	h.Write(fp[:])
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(source)))
	h.Write(n[:])
	h.Write([]byte(source))
	h.Write(body)
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}
