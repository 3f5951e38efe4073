package site

import (
	"bytes"
	"cmp"
	"fmt"
	"image"
	_ "image/gif" // image sizes for width/height attributes
	_ "image/jpeg"
	_ "image/png"
	"io"
	"io/fs"
	"iter"
	"slices"
	"strconv"
	"strings"

	"folio/internal/diag"
	"folio/internal/digest"
	"folio/internal/imagemeta"

	"golang.org/x/text/unicode/norm"
)

// readSizes reads the pixel size of every file of p's bundle, before its body is
// rendered, and sets p's Fingerprint: the sizes are what the pages show of the images'
// contents, so the caches of rendered bodies and pages are keyed by them. Only the
// start of each file is read.
func (b *builder) readSizes(p *Publication) {
	p.Fingerprint = p.Hash
	if len(p.Resources) == 0 {
		return
	}
	p.sizes = make([]size, len(p.Resources))
	h := digest.New() // stable across processes: part of the keys of the build cache
	h.WriteUint64(p.Hash)
	for i, r := range p.Resources {
		p.sizes[i] = b.imageSize(p.Bundle + "/" + r)
		h.WriteUint64(uint64(p.sizes[i].w))
		h.WriteUint64(uint64(p.sizes[i].h))
	}
	p.Fingerprint = h.Sum64()
}

// sizeOf returns the size of the bundle file rel, as readSizes read it.
func (p *Publication) sizeOf(rel string) size {
	if i := slices.Index(p.Resources, rel); i >= 0 && i < len(p.sizes) {
		return p.sizes[i]
	}
	return size{}
}

// imageSize reads the pixel size of a PNG, JPEG or GIF as published; 0, 0 for anything
// else. A photo that its EXIF says is stored turned a quarter is published upright
// (package imagemeta), so its width and height are swapped.
func (b *builder) imageSize(src string) size {
	f, err := b.fsys.Open(src)
	if err != nil {
		return size{}
	}
	defer f.Close()
	head := make([]byte, 256<<10) // EXIF comes first, in at most a few 64 KB segments
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF {
		return size{}
	}
	head = head[:n]
	c, _, err := image.DecodeConfig(io.MultiReader(bytes.NewReader(head), f))
	if err != nil {
		return size{}
	}
	if imagemeta.Orientation(head) >= 5 {
		return size{c.Height, c.Width}
	}
	return size{c.Width, c.Height}
}

// files lists bundle files to copy, and the URLs of attached PDFs and covers.
func (b *builder) files() {
	s := b.site
	for _, p := range s.Publications {
		for _, r := range p.Resources {
			f := File{Src: p.Bundle + "/" + r, Dst: strings.TrimPrefix(p.URL, s.BasePath) + r}
			f.resize(p.sizeOf(r), p.keepsOriginal(r))
			s.Files = append(s.Files, f)
		}
		if p.PDF != "" {
			p.PDFURL = p.URL + escapePath(p.PDF)
			if fi, err := fs.Stat(b.fsys, p.Bundle+"/"+p.PDF); err == nil {
				p.PDFSize = fi.Size() // shown beside the link; content checked that it exists
			}
		}
		if p.Cover != "" {
			p.CoverURL = p.URL + escapePath(p.Cover)
			s := p.sizeOf(p.Cover)
			p.CoverW, p.CoverH = s.w, s.h
			if Resizable(p.Cover) && !p.keepsOriginal(p.Cover) && s.w > 0 && s.h > 0 {
				if p.CoverSrcset = srcset(p.CoverURL, s.w); p.CoverSrcset != "" {
					_, largest := plan(s.w)
					p.CoverW, p.CoverH = Scale(s.w, s.h, largest)
				}
			}
		}
	}
	slices.SortFunc(s.Files, func(a, b File) int { return cmp.Compare(a.Dst, b.Dst) })
}

// claimAll records the output path of every file the site will have, and reports two
// things that would write the same file, naming both. Two paths also collide when one
// needs a folder where the other is a file (an alias /feed.xml/ is the folder
// feed.xml/), and when they differ only in letter case or Unicode normalisation: hosts
// that ignore case (Windows, macOS, some CDNs) would serve one file for both.
func (b *builder) claimAll(errs *diag.List) {
	s := b.site
	dirs := map[string]string{}   // the folders of claimed paths → the first who needs them
	folded := map[string]string{} // fold(path) → the path claimed under it
	claim := func(siteURL, who string, pos diag.Position) {
		out := s.OutputPath(siteURL)
		shown := "/" + strings.TrimSuffix(out, "index.html")
		if prev, taken := b.owners[out]; taken {
			errs.Errorf(pos, "%s would be written to %s, which %s already uses", who, shown, prev)
			return
		}
		if other, ok := folded[fold(out)]; ok {
			errs.Errorf(pos, "%s would be written to %s, which differs only in letter case or in how its accents are encoded from %s (%s): "+
				"hosts that ignore case would serve one for both; rename one", who, shown, "/"+strings.TrimSuffix(other, "index.html"), b.owners[other])
			return
		}
		for dir := range parents(out) {
			if prev, isFile := b.owners[dir]; isFile {
				errs.Errorf(pos, "%s would be written inside /%s, which is a file (%s): choose another path", who, dir, prev)
				return
			}
		}
		if prev, isDir := dirs[out]; isDir {
			errs.Errorf(pos, "%s would be written to /%s, which %s needs as a folder", who, out, prev)
			return
		}
		if pos.File != "" {
			// Pages and redirects of the content may not go where folio writes files
			// whose names it learns only later (the theme's, the search index's).
			for _, dir := range []string{"static/", "search/"} {
				if strings.HasPrefix(out, dir) {
					errs.Errorf(pos, "%s would be written to %s, under /%s, which folio keeps for its own files: choose another path", who, shown, dir)
					return
				}
			}
		}
		b.owners[out] = who
		folded[fold(out)] = out
		for dir := range parents(out) {
			if _, ok := dirs[dir]; !ok {
				dirs[dir] = who
			}
		}
	}
	// Fixed pages first: they win, and whatever collides with them is the error.
	for _, fixed := range []string{"", "publications/", "search/", "recommendations/", "404.html", "feed.xml", "publications.json",
		"recommendations.json", "publications.bib", "sitemap.xml", "robots.txt"} {
		claim(s.URL(fixed), "the site's own /"+fixed+" page", diag.Position{})
	}
	if s.Config.UNDocuments {
		for _, fixed := range []string{"documents/", "documents.json"} {
			claim(s.URL(fixed), "the site's own /"+fixed+" page (un_documents: false in site.yaml turns it off)", diag.Position{})
		}
	}
	pages := func(url, what string, n int) { // the further pages of a paginated list
		for i := 2; i <= (n+s.Config.PageSize-1)/s.Config.PageSize; i++ {
			claim(url+"page/"+strconv.Itoa(i)+"/", fmt.Sprintf("page %d of %s", i, what), diag.Position{})
		}
	}
	pages(s.URL("publications/"), "the list of publications", len(s.Publications))
	for _, t := range s.Taxonomies {
		claim(t.URL, "the "+t.Key+" index", diag.Position{})
		for _, tm := range t.Terms {
			claim(tm.URL, "the "+t.Singular+" page "+strconv.Quote(tm.Title), diag.Position{})
			pages(tm.URL, "the "+t.Singular+" page "+strconv.Quote(tm.Title), len(tm.Publications))
			if t.Key == "objectives" {
				claim(tm.URL+"feed.xml", "the feed of the "+t.Singular+" page "+strconv.Quote(tm.Title), diag.Position{})
			}
		}
	}
	for _, p := range s.Publications {
		claim(p.URL, p.Source, p.Pos("slug"))
		claim(p.URL+"print/", "the print edition of "+p.Source, p.Pos("slug"))
		claim(p.URL+"cite.bib", "the BibTeX file of "+p.Source, p.Pos("slug"))
		claim(p.URL+"cite.ris", "the RIS file of "+p.Source, p.Pos("slug"))
		if p.PDF == "" {
			claim(p.URL+p.Slug+".pdf", "the PDF of "+p.Source, p.Pos("slug"))
		}
	}
	for _, p := range s.Pages {
		claim(p.URL, p.Source, p.Pos("slug"))
	}
	for _, f := range s.Files {
		pos := diag.Position{File: f.Src}
		if strings.HasPrefix(f.Dst, "static/") {
			pos = diag.Position{} // the brand's logo (logo): folio's own file, not content
		}
		claim(s.BasePath+f.Dst, f.Src, pos)
		for _, w := range f.Widths[:max(len(f.Widths)-1, 0)] {
			claim(s.BasePath+Variant(f.Dst, w), fmt.Sprintf("the %d px wide copy of %s", w, f.Src), diag.Position{File: f.Src})
		}
	}
	var redirects []Redirect
	for _, p := range s.Publications {
		for i, a := range p.Aliases {
			redirects = append(redirects, Redirect{Path: a, To: p.URL, Pos: p.AliasPos(i)})
		}
	}
	for _, p := range s.Pages {
		for i, a := range p.Aliases {
			redirects = append(redirects, Redirect{Path: a, To: p.URL, Pos: p.AliasPos(i)})
		}
	}
	slices.SortFunc(redirects, func(a, b Redirect) int { return cmp.Compare(a.Path, b.Path) })
	for _, r := range redirects {
		claim(s.URL(r.Path), fmt.Sprintf("the alias %s in %s", r.Path, r.Pos.File), r.Pos)
	}
	s.Redirects = redirects
	b.claimRecord(claim, errs)
}

// parents yields the folders that hold the output path p, outermost first: "a", "a/b"
// for "a/b/index.html".
func parents(p string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for i := range len(p) {
			if p[i] == '/' && !yield(p[:i]) {
				return
			}
		}
	}
}

// fold is how a host that ignores case and Unicode normalisation compares two paths.
func fold(p string) string { return strings.ToLower(norm.NFC.String(p)) }
