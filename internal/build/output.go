package build

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"folio/internal/diag"
)

// An output receives the files of a build. Its methods are called from many goroutines.
type output interface {
	write(rel string, data []byte) error
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

// diskOutput writes files under root.
type diskOutput struct {
	root string
	n    atomic.Int64
	dirs sync.Map // folders already created
}

func (w *diskOutput) count() int { return int(w.n.Load()) }

func (w *diskOutput) path(rel string) (string, error) {
	if err := checkRel(rel); err != nil {
		return "", err
	}
	p := filepath.Join(w.root, filepath.FromSlash(rel))
	dir := filepath.Dir(p)
	if _, done := w.dirs.Load(dir); !done {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", err
		}
		w.dirs.Store(dir, true)
	}
	return p, nil
}

func (w *diskOutput) write(rel string, data []byte) error {
	p, err := w.path(rel)
	if err != nil {
		return err
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", rel, err)
	}
	w.n.Add(1)
	return nil
}

func (w *diskOutput) copy(fsys fs.FS, src, rel string) error {
	p, err := w.path(rel)
	if err != nil {
		return err
	}
	in, err := fsys.Open(src)
	if err != nil {
		return diag.Errorf(diag.Position{File: src}, "cannot read: %v", unwrap(err))
	}
	defer in.Close()
	out, err := os.Create(p)
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

// memOutput keeps files in memory.
type memOutput struct {
	mu    sync.Mutex
	files Files
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
