package site

import (
	"path"
	"strings"

	"folio/internal/content"
	"folio/internal/diag"
)

// A Profile is what an author's file in content/authors/ (content.Author) adds to the
// author's page: who they are, with a photo and a short biography.
type Profile struct {
	Source   string // "content/authors/<slug>.md"
	Role     string
	Bio      string // the file's body as HTML
	PhotoURL string // "" without a photo
	PhotoAlt string
	PhotoW   int // the photo's size in pixels, for the img element; 0 if unknown
	PhotoH   int
	Links    []content.AuthorLink
}

// profiles reads content/authors/ and gives each author term its profile. A profile
// whose slug names no author of any publication is a warning: it is probably misspelt.
func (b *builder) profiles(opts Options, errs *diag.List) {
	s := b.site
	authors, list := content.LoadAuthors(b.fsys)
	*errs = append(*errs, list...)
	var tax *Taxonomy
	for _, t := range s.Taxonomies {
		if t.Key == "authors" {
			tax = t
		}
	}
	terms := map[string]*Term{}
	if tax != nil {
		for _, tm := range tax.Terms {
			terms[tm.Key] = tm
		}
	}
	for _, a := range authors {
		tm := terms[a.Slug]
		if tm == nil {
			errs.Warnf(diag.Position{File: a.Source}, "no publication has an author whose page is /authors/%s/: "+
				"name the file after the author's page (its last part), or remove it", a.Slug)
			continue
		}
		p := &Profile{Source: a.Source, Role: a.Role, PhotoAlt: a.PhotoAlt, Links: a.Links}
		if opts.Markdown != nil {
			doc, list := opts.Markdown.Render(a.Source, a.Body, b)
			*errs = append(*errs, list...)
			p.Bio = doc.HTML
		}
		if a.Photo != "" {
			dst := strings.TrimPrefix(tm.URL, s.BasePath) + path.Base(a.Photo)
			p.PhotoURL = s.URL(dst)
			sz := b.imageSize(a.Photo)
			p.PhotoW, p.PhotoH = sz.w, sz.h
			s.Files = append(s.Files, File{Src: a.Photo, Dst: dst})
		}
		tm.Title = a.Name
		tm.Profile = p
	}
}
