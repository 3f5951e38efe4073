package build

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"folio/internal/digest"
)

// BuildCacheDir holds folio build's cache, inside the site folder beside the PDF and
// share-card caches: the manifest of the files the last build wrote.
const BuildCacheDir = ".folio-cache/build"

// A manifest describes the output folder a build left: for every file, the key it was
// made from (a page's key, which hashes everything the page shows; the digest of any
// other file's bytes) and how the file looked on disk after the build. The next build
// takes a file whose key is unchanged from the current output, with a hard link, instead
// of executing its template and writing it again; unchanged files keep their inode and
// modification time, so a deploy that compares them (rsync) sends only what changed.
//
// A file is taken only if it is still exactly as the build left it (size, modification
// time, inode and, on Linux, change time), so a file edited or replaced by hand in the
// output is made again, even one whose modification time was set back: that sets the
// change time, which only the kernel can set. The manifest is written after the swap, so
// it always describes an output that exists; a build killed before that leaves the old
// manifest, whose entries no longer match the files and are simply not used.
//
// Linking a file, and removing one of its names, sets its change time too: the change
// times are read when the manifest is saved, once the previous output is gone. A build
// that fails after taking files has linked them and removed the links again, so the next
// build makes those files again.
type manifest struct {
	Salt  string // folio's version and the digest of its executable: any other folio starts cold
	Dest  string // the output folder described
	Files map[string]fileEntry
}

type fileEntry struct {
	Key   uint64
	Size  int64
	MTime int64 // nanoseconds
	CTime int64 // nanoseconds; 0 where changeTime is not known
	Inode uint64
}

// A fileCache answers, during one build, whether a file can be taken from the previous
// output, and records what this build writes for the next one.
type fileCache struct {
	path string // the manifest file
	dest string // the output folder
	prev map[string]fileEntry

	mu     sync.Mutex
	next   map[string]fileEntry
	reused atomic.Int64
}

// openFileCache reads the manifest of the site in src, if it describes dest as made by
// this folio. A missing, unreadable or foreign manifest is an empty cache.
func openFileCache(src, dest string) *fileCache {
	c := &fileCache{path: manifestPath(src, dest), dest: dest, next: map[string]fileEntry{}}
	salt := cacheSalt()
	data, err := os.ReadFile(c.path)
	if err != nil || salt == "" {
		return c
	}
	var m manifest
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&m) == nil && m.Salt == salt && m.Dest == dest {
		c.prev = m.Files
	}
	return c
}

// take hard-links root/rel to the previous output's copy if that was made from key and
// is as the previous build left it.
func (c *fileCache) take(root, rel string, key uint64) bool {
	e, ok := c.prev[rel]
	if !ok || e.Key != key {
		return false
	}
	old := filepath.Join(c.dest, filepath.FromSlash(rel))
	fi, err := os.Lstat(old)
	if err != nil || !fi.Mode().IsRegular() || entryOf(key, fi) != e {
		return false
	}
	if os.Link(old, filepath.Join(root, filepath.FromSlash(rel))) != nil {
		return false // a file system without hard links: make it again
	}
	c.record(rel, e)
	c.reused.Add(1)
	return true
}

func (c *fileCache) record(rel string, e fileEntry) {
	c.mu.Lock()
	c.next[rel] = e
	c.mu.Unlock()
}

func entryOf(key uint64, fi fs.FileInfo) fileEntry {
	return fileEntry{Key: key, Size: fi.Size(), MTime: fi.ModTime().UnixNano(), CTime: changeTime(fi), Inode: inode(fi)}
}

// manifestPath names the manifest of one output folder: a site built to several (a
// staging and a production folder) keeps a cache for each.
func manifestPath(src, dest string) string {
	return filepath.Join(src, filepath.FromSlash(BuildCacheDir), fmt.Sprintf("manifest-%016x.gob", digest.String(dest)))
}

// save writes the manifest of the build that just replaced the output folder.
func (c *fileCache) save() error {
	salt := cacheSalt()
	if salt == "" {
		return nil
	}
	if changeTimes {
		c.readChangeTimes()
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(manifest{Salt: salt, Dest: c.dest, Files: c.next}); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
		return err
	}
	tmp := c.path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, c.path)
}

// readChangeTimes records the change time of every file of the output, now in place: a
// file's is not known before, since writing it, linking it and removing the previous
// output's name for it all set it. A file that is not as this build left it is dropped.
func (c *fileCache) readChangeTimes() {
	for rel, e := range c.next {
		fi, err := os.Lstat(filepath.Join(c.dest, filepath.FromSlash(rel)))
		if err == nil {
			e.CTime = changeTime(fi)
		}
		if err != nil || entryOf(e.Key, fi) != e {
			delete(c.next, rel)
			continue
		}
		c.next[rel] = e
	}
}

// dropFileCache removes the manifest, so that no later build trusts it (--no-cache
// builds replace the output without recording it).
func dropFileCache(src, dest string) error {
	err := os.Remove(manifestPath(src, dest))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
