package site

import (
	"fmt"
	"sync"

	"folio/internal/content"
	"folio/internal/markdown"
)

// A BodyStore keeps the rendered bodies of a site's pages (markdown.Body: the HTML, the
// plain text and the headings), which the model leaves out: New puts each page's body in
// as it is rendered, the pages read its HTML back, and the search index its text. Keeping
// them out of the model lets a build hold them where it likes: folio build sets each
// aside in a file and keeps only its search terms (package build), folio serve keeps
// them in memory. Put and Body are called from several goroutines at once.
type BodyStore interface {
	Put(p *content.Page, body markdown.Body) error
	// Body returns what the store kept of p's body: the HTML at least. A store that
	// keeps only the HTML (package build's, which counts each body's search terms as it
	// is put) must be given to the search index with those terms (search.BuildFrom).
	Body(p *content.Page) (markdown.Body, error)
}

// MemoryBodies keeps every body in memory, whole: the store of a site made without
// Options.Bodies.
type MemoryBodies struct {
	mu     sync.RWMutex
	bodies map[string]markdown.Body // by source path
}

// NewMemoryBodies returns an empty store.
func NewMemoryBodies() *MemoryBodies {
	return &MemoryBodies{bodies: map[string]markdown.Body{}}
}

// Put keeps p's body.
func (m *MemoryBodies) Put(p *content.Page, body markdown.Body) error {
	m.mu.Lock()
	m.bodies[p.Source] = body
	m.mu.Unlock()
	return nil
}

// Body returns p's body.
func (m *MemoryBodies) Body(p *content.Page) (markdown.Body, error) {
	m.mu.RLock()
	body, ok := m.bodies[p.Source]
	m.mu.RUnlock()
	if !ok {
		return markdown.Body{}, fmt.Errorf("%s: no rendered body", p.Source)
	}
	return body, nil
}
