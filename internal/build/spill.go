package build

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"folio/internal/content"
	"folio/internal/markdown"
	"folio/internal/search"
)

// A spill is the body store (site.BodyStore) of a build to disk or to a stream: it keeps
// the rendered HTML of the bodies in a file inside the temporary output folder, so that
// the build's memory holds the site's metadata rather than every body (a quarter of a
// gigabyte at 10,000 publications), and counts each body's search terms into terms, when
// the index is made in this build, so that the plain text is let go at once. Each body is
// read back when its page and print edition are rendered; it is then in the operating
// system's page cache, so the reading costs a copy, not a disk access. The file is
// removed before the output is swapped in, and with the folder on failure.
type spill struct {
	f     *os.File
	terms *search.Bodies // nil once the index is made, or when it is not made in this build
	mu    sync.Mutex
	end   int64
	at    map[string][2]int64 // source path → offset and length
	err   error               // the first failed write
}

func newSpill(dir string) (*spill, error) {
	f, err := os.CreateTemp(dir, ".folio-bodies-*")
	if err != nil {
		return nil, fmt.Errorf("temporary file for bodies: %w", err)
	}
	return &spill{f: f, at: map[string][2]int64{}}, nil
}

// Put sets the body of p aside. The file is written in order under the lock, with
// WriteString: WriteAt would need a []byte, a copy of every body. Only the first failed
// write is reported: the others fail the same way.
func (s *spill) Put(p *content.Page, body markdown.Body) error {
	if s.terms != nil {
		s.terms.Add(p, body)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return nil
	}
	if _, err := s.f.WriteString(body.HTML); err != nil {
		s.err = fmt.Errorf("setting bodies aside: %w", err)
		return s.err
	}
	s.at[p.Source] = [2]int64{s.end, int64(len(body.HTML))}
	s.end += int64(len(body.HTML))
	return nil
}

// Body reads back the HTML of p's body; the rest is not kept.
func (s *spill) Body(p *content.Page) (markdown.Body, error) {
	s.mu.Lock()
	at, ok := s.at[p.Source]
	s.mu.Unlock()
	if !ok {
		return markdown.Body{}, fmt.Errorf("%s: body not set aside", p.Source)
	}
	// Into the string's own memory (Grow) through a pooled buffer, not into a []byte then
	// copied: one allocation per body instead of two.
	var b strings.Builder
	b.Grow(int(at[1]))
	buf := copyBufs.Get().(*[]byte)
	defer copyBufs.Put(buf)
	if n, err := io.CopyBuffer(&b, io.NewSectionReader(s.f, at[0], at[1]), *buf); err != nil || n != at[1] {
		return markdown.Body{}, fmt.Errorf("%s: reading the body back: %d of %d bytes: %v", p.Source, n, at[1], err)
	}
	return markdown.Body{HTML: b.String()}, nil
}

// remove closes and deletes the file.
func (s *spill) remove() {
	s.f.Close()
	os.Remove(s.f.Name())
}

var copyBufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}
