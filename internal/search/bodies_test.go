package search

import (
	"bytes"
	"testing"
	"testing/fstest"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/markdown"
	"folio/internal/search/corpus"
	"folio/internal/site"
)

// A store that counts each body's terms as it is put and keeps only its HTML, as folio
// build's does.
type digestStore struct {
	*site.MemoryBodies
	terms *Bodies
}

func (d digestStore) Put(p *content.Page, body markdown.Body) error {
	d.terms.Add(p, body)
	return d.MemoryBodies.Put(p, markdown.Body{HTML: body.HTML})
}

// An index made from bodies digested while they were rendered, their plain text let go
// (folio build), has exactly the bytes of one made from the text kept in the store.
func TestBuildFromBodies(t *testing.T) {
	fsys := corpus.Files(300)
	for name, data := range rankCorpus {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	load := func() (*config.Config, []*content.Page) {
		cfg, err := config.Parse("site.yaml", fsys["site.yaml"].Data)
		if err != nil {
			t.Fatal(err)
		}
		pages, errs := content.Load(fsys, cfg, content.Options{})
		if errs.HasErrors() {
			t.Fatal(errs)
		}
		return cfg, pages
	}
	cfg, pages := load()
	kept, errs := site.New(cfg, fsys, pages, site.Options{Markdown: markdown.New(markdown.Options{})})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	want, err := Build(kept)
	if err != nil {
		t.Fatal(err)
	}

	cfg, pages = load()
	bodies := NewBodies()
	released, errs := site.New(cfg, fsys, pages, site.Options{Markdown: markdown.New(markdown.Options{}),
		Bodies: digestStore{site.NewMemoryBodies(), bodies}})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	for _, p := range released.Publications {
		if body, err := released.Bodies.Body(p.Page); err != nil || body.Text != "" || body.HTML == "" {
			t.Fatalf("%s: the store holds %d bytes of HTML and %d of text (%v); want only HTML", p.Source, len(body.HTML), len(body.Text), err)
		}
	}
	got, err := BuildFrom(released, bodies)
	if err != nil {
		t.Fatal(err)
	}
	if got.Manifest != want.Manifest || len(got.Files) != len(want.Files) {
		t.Fatalf("BuildFrom made %s (%d files), Build %s (%d files)", got.Manifest, len(got.Files), want.Manifest, len(want.Files))
	}
	for i := range want.Files {
		if got.Files[i].Path != want.Files[i].Path || !bytes.Equal(got.Files[i].Data, want.Files[i].Data) {
			t.Errorf("file %d: %s differs from %s", i, got.Files[i].Path, want.Files[i].Path)
		}
	}
}
