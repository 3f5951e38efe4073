package content

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
	"time"

	"folio/internal/config"
	"folio/internal/diag"
	"folio/internal/protect"
)

// A Cache keeps loaded pages, bodies included, between loads of one site (folio serve,
// repeated builds): a file whose size and modification time have not changed, in a
// site whose configuration has not changed, is not read or parsed again. Pages are never modified
// after Load, so sharing them between builds is safe. Loads using one Cache must not
// overlap.
type Cache struct {
	mu      sync.Mutex
	config  string
	entries map[string]cacheEntry
}

type cacheEntry struct {
	stamp         // the file when it was read
	file   string // the file's kind, bundle and resources, joined
	drafts bool
	page   *Page
	errs   diag.List
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{entries: map[string]cacheEntry{}} }

func (f file) String() string {
	return fmt.Sprintf("%d\x00%s\x00%s", f.kind, f.bundle, strings.Join(f.res, "\x00"))
}

// lookup returns the cached result for f when its file is unchanged.
func (c *Cache) lookup(fsys fs.FS, f file, opts Options) (*Page, diag.List, cacheEntry, bool) {
	if c == nil {
		return nil, nil, cacheEntry{}, false
	}
	fi, err := fs.Stat(fsys, f.path)
	if err != nil {
		return nil, nil, cacheEntry{}, false
	}
	drafts := opts.Drafts
	key := cacheEntry{stamp: stampOf(fi, time.Now()), file: f.String(), drafts: drafts}
	if opts.Protect.Len() > 0 {
		// The text of the bundle's PDFs and the metadata of its images are checked too:
		// such a file replaced is read again.
		for _, r := range f.res {
			if scanned(r) {
				if fi, err := fs.Stat(fsys, path.Join(f.bundle, r)); err == nil {
					key.file += fmt.Sprintf("\x00%s %d %d", r, fi.Size(), fi.ModTime().UnixNano())
				}
			}
		}
	}
	c.mu.Lock()
	e, ok := c.entries[f.path]
	c.mu.Unlock()
	if ok && !e.changed(fi) && e.file == key.file && e.drafts == drafts {
		return e.page, e.errs, key, true
	}
	return nil, nil, key, false
}

func (c *Cache) store(path string, key cacheEntry, p *Page, errs diag.List) {
	if c == nil || key.mod.IsZero() {
		return
	}
	key.page, key.errs = p, errs
	c.mu.Lock()
	c.entries[path] = key
	c.mu.Unlock()
}

// begin drops everything when the configuration or the protected terms changed; end
// drops entries of files that are gone.
func (c *Cache) begin(cfg *config.Config, list *protect.List) {
	if c == nil {
		return
	}
	if k := fmt.Sprintf("%#v\x00%s", *cfg, list.Hash()); k != c.config {
		c.config = k
		c.entries = map[string]cacheEntry{}
	}
}

func (c *Cache) end(files []file) {
	if c == nil {
		return
	}
	seen := make(map[string]bool, len(files))
	for _, f := range files {
		seen[f.path] = true
	}
	for p := range c.entries {
		if !seen[p] {
			delete(c.entries, p)
		}
	}
}

// A stamp tells whether a file may have changed since it was read (Cache, ReadBodyTo):
// by its size and modification time, trusted only when the file was already a second
// old when it was read, since a file written again within the file system's timestamp
// granularity can keep both ("racily clean", as git calls it).
type stamp struct {
	size      int64
	mod, read time.Time
	known     bool
}

func stampOf(fi fs.FileInfo, read time.Time) stamp {
	if fi == nil {
		return stamp{}
	}
	return stamp{size: fi.Size(), mod: fi.ModTime(), read: read, known: true}
}

func (s stamp) changed(fi fs.FileInfo) bool {
	return !s.known || fi == nil || fi.Size() != s.size || !fi.ModTime().Equal(s.mod) ||
		!s.mod.Before(s.read.Add(-time.Second))
}
