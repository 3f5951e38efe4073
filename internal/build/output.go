package build

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"folio/internal/diag"
	"folio/internal/digest"
	"folio/internal/par"
)

// An output receives the files of a build. Its methods are called from many goroutines.
type output interface {
	write(rel string, data []byte) error
	// writeKeyed writes a file made from key (a page key): with a build cache, an
	// unchanged file is taken from the previous output instead.
	writeKeyed(rel string, key uint64, data []byte) error
	// reuse puts the previous output's file made from key in place, if the build cache
	// has it, so that the caller need not make the file at all.
	reuse(rel string, key uint64) bool
	// read returns a file this build already put in place.
	read(rel string) ([]byte, error)
	copy(fsys fs.FS, src, rel string) error
	count() int
}

// checkRel refuses any output path that would land outside the output folder.
func checkRel(rel string) error {
	if !filepath.IsLocal(filepath.FromSlash(rel)) {
		return fmt.Errorf("refusing to write %q: outside the output folder", rel)
	}
	return nil
}

// diskOutput writes files under root; with a cache, unchanged files are hard-linked from
// the previous output (see manifest).
type diskOutput struct {
	root  string
	n     atomic.Int64
	dirs  sync.Map   // folders already created
	cache *fileCache // nil without the build cache
}

func (w *diskOutput) count() int { return int(w.n.Load()) }

func (w *diskOutput) path(rel string) (string, error) {
	if err := checkRel(rel); err != nil {
		return "", err
	}
	p := filepath.Join(w.root, filepath.FromSlash(rel))
	return p, w.mkdir(filepath.Dir(p))
}

// mkdir creates the folder dir and any missing parent, remembering what it made: a
// folder whose parent is known to exist costs one system call instead of MkdirAll's three.
func (w *diskOutput) mkdir(dir string) error {
	if _, done := w.dirs.Load(dir); done || dir == w.root {
		return nil
	}
	parent := filepath.Dir(dir)
	if _, done := w.dirs.Load(parent); !done && parent != w.root {
		if err := w.mkdir(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	w.dirs.Store(dir, true)
	return nil
}

func (w *diskOutput) write(rel string, data []byte) error {
	var key uint64
	if w.cache != nil {
		key = digest.Bytes(data)
	}
	return w.writeKeyed(rel, key, data)
}

func (w *diskOutput) writeKeyed(rel string, key uint64, data []byte) error {
	if w.reuse(rel, key) {
		return nil
	}
	p, err := w.path(rel)
	if err != nil {
		return err
	}
	// O_EXCL: the folder is new, so the file must be; above all, a file hard-linked from
	// the previous output (the build cache) must never be opened for writing.
	size, mtime, ino, err := createFile(p, data)
	if err != nil {
		return fmt.Errorf("writing %s: %w", rel, err)
	}
	if w.cache != nil {
		w.cache.record(rel, fileEntry{Key: key, Size: size, MTime: mtime, Inode: ino})
	}
	w.n.Add(1)
	return nil
}

func (w *diskOutput) reuse(rel string, key uint64) bool {
	if w.cache == nil {
		return false
	}
	if _, err := w.path(rel); err != nil {
		return false
	}
	if !w.cache.take(w.root, rel, key) {
		return false
	}
	w.n.Add(1)
	return true
}

func (w *diskOutput) read(rel string) ([]byte, error) {
	if err := checkRel(rel); err != nil {
		return nil, err
	}
	return os.ReadFile(filepath.Join(w.root, filepath.FromSlash(rel)))
}

func (w *diskOutput) copy(fsys fs.FS, src, rel string) error {
	if w.cache != nil {
		// Compare by content: bundle files and theme assets are small.
		data, err := fs.ReadFile(fsys, src)
		if err != nil {
			return diag.Errorf(diag.Position{File: src}, "cannot read: %v", unwrap(err))
		}
		return w.write(rel, data)
	}
	p, err := w.path(rel)
	if err != nil {
		return err
	}
	in, err := fsys.Open(src)
	if err != nil {
		return diag.Errorf(diag.Position{File: src}, "cannot read: %v", unwrap(err))
	}
	defer in.Close()
	out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("writing %s: %w", rel, err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copying %s: %w", src, err)
	}
	w.n.Add(1)
	return out.Close()
}

func unwrap(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// Files is a site built in memory: output path → contents.
type Files map[string][]byte

// memOutput keeps files in memory. A page whose key is that of the page at the same path
// in the last build to memory is taken from it instead of being made again.
type memOutput struct {
	mu    sync.Mutex
	files Files
	keys  map[string]uint64 // the pages' keys, by path
	last  *memOutput        // nil for the first build
}

// newMemOutput returns an output to memory that takes unchanged pages from last (nil
// for none), with room for as many files as last had: a rebuild does not grow its maps.
func newMemOutput(last *memOutput) *memOutput {
	m := &memOutput{files: Files{}, keys: map[string]uint64{}, last: last}
	if last != nil {
		m.files, m.keys = make(Files, len(last.files)), make(map[string]uint64, len(last.keys))
	}
	return m
}

func (m *memOutput) count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.files)
}

func (m *memOutput) write(rel string, data []byte) error {
	if err := checkRel(rel); err != nil {
		return err
	}
	m.mu.Lock()
	m.files[rel] = data
	m.mu.Unlock()
	return nil
}

// writeKeyed keeps a copy of data, which may be the renderer's buffer.
func (m *memOutput) writeKeyed(rel string, key uint64, data []byte) error {
	if err := checkRel(rel); err != nil {
		return err
	}
	data = bytes.Clone(data)
	m.mu.Lock()
	m.files[rel], m.keys[rel] = data, key
	m.mu.Unlock()
	return nil
}

func (m *memOutput) reuse(rel string, key uint64) bool {
	if m.last == nil {
		return false
	}
	// The last build is done: its maps are only read.
	if k, ok := m.last.keys[rel]; !ok || k != key {
		return false
	}
	m.mu.Lock()
	m.files[rel], m.keys[rel] = m.last.files[rel], key
	m.mu.Unlock()
	return true
}

func (m *memOutput) read(rel string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.files[rel]
	if !ok {
		return nil, fmt.Errorf("%s: %w", rel, fs.ErrNotExist)
	}
	return data, nil
}

func (m *memOutput) copy(fsys fs.FS, src, rel string) error {
	in, err := fsys.Open(src)
	if err != nil {
		return diag.Errorf(diag.Position{File: src}, "cannot read: %v", unwrap(err))
	}
	defer in.Close()
	var b bytes.Buffer
	if _, err := io.Copy(&b, in); err != nil {
		return fmt.Errorf("copying %s: %w", src, err)
	}
	return m.write(rel, b.Bytes())
}

// A streamOutput hands each file to put and keeps only the count (BuildStream).
type streamOutput struct {
	put   func(rel string, data []byte) error
	files atomic.Int64
}

func (o *streamOutput) count() int { return int(o.files.Load()) }

func (o *streamOutput) write(rel string, data []byte) error {
	if err := checkRel(rel); err != nil {
		return err
	}
	o.files.Add(1)
	return o.put(rel, data)
}

func (o *streamOutput) writeKeyed(rel string, _ uint64, data []byte) error { return o.write(rel, data) }

func (o *streamOutput) reuse(string, uint64) bool { return false }

// read is only asked for a file reuse put in place, and reuse never does.
func (o *streamOutput) read(rel string) ([]byte, error) {
	return nil, fmt.Errorf("%s: a streamed build keeps no files: %w", rel, fs.ErrNotExist)
}

func (o *streamOutput) copy(fsys fs.FS, src, rel string) error {
	data, err := fs.ReadFile(fsys, src)
	if err != nil {
		return diag.Errorf(diag.Position{File: src}, "cannot read: %v", unwrap(err))
	}
	return o.write(rel, data)
}

// writeAll writes n files on all cores, file(i) giving the i-th, and returns every failure.
func writeAll(out output, n int, file func(i int) (rel string, data []byte)) diag.List {
	errs := make([]error, n)
	par.For(n, 0, func(i int) { errs[i] = out.write(file(i)) })
	var list diag.List
	for _, err := range errs {
		list.Add(err)
	}
	return list
}
