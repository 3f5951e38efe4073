package build

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
)

// A spill keeps the rendered HTML of publication bodies in a file inside the temporary
// output folder while a lean build runs, so that the build's memory holds the site's
// metadata rather than every body (a quarter of a gigabyte at 10,000 publications).
// Each body is read back when its page and print edition are rendered; it is then in the
// operating system's page cache, so the reading costs a copy, not a disk access. The
// file is removed before the output is swapped in, and with the folder on failure.
type spill struct {
	f   *os.File
	mu  sync.Mutex
	end int64
	at  map[string][2]int64 // source path → offset and length
	err error               // the first failed write
}

func newSpill(dir string) (*spill, error) {
	f, err := os.CreateTemp(dir, ".folio-bodies-*")
	if err != nil {
		return nil, fmt.Errorf("temporary file for bodies: %w", err)
	}
	return &spill{f: f, at: map[string][2]int64{}}, nil
}

// put stores the body of the page at source. Safe for concurrent use. The file is
// written in order under the lock, with WriteString: WriteAt would need a []byte, a
// copy of every body.
func (s *spill) put(source, html string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return
	}
	if _, err := s.f.WriteString(html); err != nil {
		s.err = fmt.Errorf("setting bodies aside: %w", err)
		return
	}
	s.at[source] = [2]int64{s.end, int64(len(html))}
	s.end += int64(len(html))
}

// get reads back the body of the page at source. Safe for concurrent use.
func (s *spill) get(source string) (string, error) {
	s.mu.Lock()
	at, ok := s.at[source]
	s.mu.Unlock()
	if !ok {
		return "", fmt.Errorf("%s: body not set aside", source)
	}
	// Into the string's own memory (Grow) through a pooled buffer, not into a []byte then
	// copied: one allocation per body instead of two.
	var b strings.Builder
	b.Grow(int(at[1]))
	buf := copyBufs.Get().(*[]byte)
	defer copyBufs.Put(buf)
	if n, err := io.CopyBuffer(&b, io.NewSectionReader(s.f, at[0], at[1]), *buf); err != nil || n != at[1] {
		return "", fmt.Errorf("%s: reading the body back: %d of %d bytes: %v", source, n, at[1], err)
	}
	return b.String(), nil
}

// remove closes and deletes the file.
func (s *spill) remove() {
	s.f.Close()
	os.Remove(s.f.Name())
}

var copyBufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}
