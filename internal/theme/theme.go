// Package theme loads a site's templates and static files.
//
// # Where templates come from
//
// A theme is a folder themes/<name>/ holding layouts/ (html/template files), and static/
// (CSS, JavaScript, icons, copied to /static/ in the output). site.yaml's theme key names
// it. When the site has no themes/<name>/ folder and the name is "default", the theme
// built into folio is used, so a site needs nothing but site.yaml and content/.
//
// A site overrides a template by putting a file of the same name in its own layouts/
// folder (layouts/publication.html replaces the theme's publication.html; likewise for
// partials/card.html). That is the only lookup rule: for each name, the site's file if it
// exists, otherwise the theme's. The same holds for static files under the site's static/.
//
// # Page kinds
//
// Each page kind has one layout, executed together with base.html and every file in
// partials/: home, list, publication, page, taxonomy, term, search, recommendations,
// documents, 404. base.html defines
// the document and calls the "main" template, which each kind's file defines.
// redirect.html, print.html and gone.html are standalone documents.
//
// Every template is named by its path relative to the site root, such as
// themes/default/layouts/publication.html, so errors read as that path and a line.
package theme

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"folio/internal/diag"
	"folio/internal/digest"
	"folio/internal/i18n"
	"folio/themes"
)

// Kinds are the page kinds a theme must provide, besides base.html.
var Kinds = []string{"home", "list", "publication", "page", "taxonomy", "term", "search", "recommendations", "documents", "404"}

// Standalone kinds are whole documents that do not go through base.html (they can still
// call partials): the redirect page of an alias, the print edition of a publication, and
// the page left at a URL withdrawn for good (urlrecord's gone).
var Standalone = []string{"redirect", "print", "gone"}

// A Theme is a parsed set of templates plus its static files.
type Theme struct {
	Name    string
	pages   map[string]*template.Template // kind → base + partials + kind
	Static  []StaticFile                  // sorted by Path
	sources map[string]string             // layout name → path it was read from
	// Fingerprint changes whenever any layout or static file does.
	Fingerprint uint64
	fonts       map[string]file        // fonts/: data for images drawn at build time, not published
	i18n        map[string][]i18n.File // language code → the theme's strings file, then the site's
}

// A StaticFile is a file to copy into the output's static/ folder.
type StaticFile struct {
	Path string // relative to static/: "style.css"
	FS   fs.FS
	Src  string // path inside FS
}

// source is a place files come from: an fs and the prefix used to name files for errors.
type source struct {
	fsys   fs.FS
	root   string // folder inside fsys
	prefix string // site-relative name of root, for messages
}

// Load reads the theme called name for the site in fsys (the site root), with the
// site's own layouts/ and static/ taking precedence. funcs are made available to every
// template.
func Load(site fs.FS, name string, funcs template.FuncMap) (*Theme, error) {
	themeSrc := source{fsys: site, root: "themes/" + name, prefix: "themes/" + name}
	if _, err := fs.Stat(site, themeSrc.root); err != nil {
		if name != "default" {
			return nil, diag.Errorf(diag.Position{File: "site.yaml"}, "theme %q not found: no folder themes/%s", name, name)
		}
		themeSrc = source{fsys: themes.Default, root: "default", prefix: "themes/default"}
	}
	overrides := source{fsys: site, root: ".", prefix: ""}

	t := &Theme{Name: name, pages: map[string]*template.Template{}, sources: map[string]string{}}
	layouts, err := merge(themeSrc, overrides, "layouts")
	if err != nil {
		return nil, err
	}
	var errs diag.List
	fp := digest.New()
	read := func(name string) string {
		f, ok := layouts[name]
		if !ok {
			errs.Errorf(diag.Position{File: themeSrc.prefix + "/layouts/" + name}, "theme: missing layout %s", name)
			return ""
		}
		b, err := fs.ReadFile(f.fsys, f.path)
		if err != nil {
			errs.Errorf(diag.Position{File: f.name}, "theme: cannot read: %v", err)
		}
		t.sources[name] = f.name
		fp.WriteString(name + "\x00")
		fp.Write(b)
		return string(b)
	}
	// A missing map key fails the page: templates take interface strings from a map
	// ({{$.S.contents}}), and a string a language lacks must not render as nothing.
	base := template.New("base").Funcs(funcs).Option("missingkey=error")
	parse := func(tmpl *template.Template, name string) {
		text := read(name)
		parsed, err := tmpl.New(t.sources[name]).Parse(text)
		if err != nil {
			errs.Add(err)
			return
		}
		if strings.HasPrefix(name, "partials/") {
			// Templates call partials by their short name; the tree keeps the full
			// path as its ParseName, so errors inside a partial still name its file.
			if _, err := tmpl.AddParseTree(name, parsed.Tree); err != nil {
				errs.Add(err)
			}
		}
	}
	parse(base, "base.html")
	var partials []string
	for name := range layouts {
		if strings.HasPrefix(name, "partials/") {
			partials = append(partials, name)
		}
	}
	slices.Sort(partials)
	for _, p := range partials {
		parse(base, p)
	}
	if errs.HasErrors() {
		return nil, errs
	}
	for _, kind := range Kinds {
		page, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
		parse(page, kind+".html")
		t.pages[kind] = page
	}
	for _, kind := range Standalone {
		page, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
		parse(page, kind+".html")
		t.pages[kind] = page
	}
	if errs.HasErrors() {
		return nil, errs
	}

	fonts, err := merge(themeSrc, overrides, "fonts")
	if err != nil {
		return nil, err
	}
	t.fonts = fonts
	static, err := merge(themeSrc, overrides, "static")
	if err != nil {
		return nil, err
	}
	for name, f := range static {
		t.Static = append(t.Static, StaticFile{Path: name, FS: f.fsys, Src: f.path})
	}
	slices.SortFunc(t.Static, func(a, b StaticFile) int { return strings.Compare(a.Path, b.Path) })
	for _, f := range t.Static {
		b, err := fs.ReadFile(f.FS, f.Src)
		if err != nil {
			return nil, fmt.Errorf("theme: reading static/%s: %w", f.Path, err)
		}
		fp.WriteString(f.Path + "\x00")
		fp.Write(b)
	}
	// Strings files merge key by key, the site's over the theme's: both are read.
	t.i18n = map[string][]i18n.File{}
	for _, src := range []source{themeSrc, overrides} {
		files, err := merge(src, source{fsys: emptyFS{}}, "i18n")
		if err != nil {
			return nil, err
		}
		for _, name := range slices.Sorted(maps.Keys(files)) {
			code, ok := strings.CutSuffix(name, ".yaml")
			if !ok || strings.Contains(code, "/") {
				continue
			}
			b, err := fs.ReadFile(files[name].fsys, files[name].path)
			if err != nil {
				return nil, fmt.Errorf("theme: reading %s: %w", files[name].name, err)
			}
			fp.WriteString(files[name].name + "\x00")
			fp.Write(b)
			t.i18n[code] = append(t.i18n[code], i18n.File{Name: files[name].name, Data: b})
		}
	}
	t.Fingerprint = fp.Sum64()
	return t, nil
}

type emptyFS struct{}

func (emptyFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// Strings returns the interface strings of each language (package i18n), the default
// language first in codes: the theme's i18n/<code>.yaml with the site's own
// i18n/<code>.yaml over it. Each language must have every key the default language has.
func (t *Theme) Strings(codes []string) (map[string]*i18n.Strings, error) {
	out := map[string]*i18n.Strings{}
	var errs diag.List
	for i, code := range codes {
		files := t.i18n[code]
		if len(files) == 0 {
			base, _, _ := strings.Cut(code, "-")
			files = t.i18n[base]
		}
		if len(files) == 0 {
			errs.Errorf(diag.Position{File: "i18n/" + code + ".yaml"}, "no interface strings for language %q: the theme has none; copy themes/default/i18n/en.yaml (folio layouts shows where) to i18n/%s.yaml in the site and translate it", code, code)
			continue
		}
		s, err := i18n.Parse(code, files...)
		if err != nil {
			errs.Add(err)
			continue
		}
		if i > 0 && out[codes[0]] != nil {
			errs.Add(s.Check(out[codes[0]]))
		}
		out[code] = s
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

type file struct {
	fsys fs.FS
	path string // in fsys
	name string // site-relative, for messages
}

// merge lists the files under dir in the theme, replaced by same-named files under dir
// in the site.
func merge(theme, site source, dir string) (map[string]file, error) {
	out := map[string]file{}
	for _, src := range []source{theme, site} {
		root := path.Join(src.root, dir)
		err := fs.WalkDir(src.fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == root {
					return fs.SkipDir
				}
				return err
			}
			if d.IsDir() || strings.HasPrefix(d.Name(), ".") || d.Type()&fs.ModeSymlink != 0 {
				return nil
			}
			if p == root {
				return diag.Errorf(diag.Position{File: path.Join(src.prefix, dir)}, "not a folder: %s/ must be a folder", dir)
			}
			rel := strings.TrimPrefix(p, root+"/")
			if !d.Type().IsRegular() {
				// Refused from the directory entry, before opening: opening a named
				// pipe waits for a writer, forever.
				return diag.Errorf(diag.Position{File: path.Join(src.prefix, dir, rel)},
					"not a regular file: remove it, or put an ordinary file in its place")
			}
			out[rel] = file{fsys: src.fsys, path: p, name: path.Join(src.prefix, dir, rel)}
			return nil
		})
		var de *diag.Error
		if errors.As(err, &de) {
			return nil, err
		}
		if err != nil {
			return nil, fmt.Errorf("theme: reading %s: %w", path.Join(src.prefix, dir), err)
		}
	}
	return out, nil
}

// Page returns the template set for a page kind; execute it by its base name.
func (t *Theme) Page(kind string) *template.Template {
	p := t.pages[kind]
	if slices.Contains(Standalone, kind) {
		return p.Lookup(t.sources[kind+".html"])
	}
	return p.Lookup(t.sources["base.html"])
}

// Font returns a file of the theme's fonts/ folder (or the site's own fonts/), used to
// draw images at build time such as share cards. Fonts are not copied into the site.
func (t *Theme) Font(name string) ([]byte, error) {
	f, ok := t.fonts[name]
	if !ok {
		return nil, fmt.Errorf("theme %s: no font fonts/%s", t.Name, name)
	}
	return fs.ReadFile(f.fsys, f.path)
}

// Source returns the path a layout was read from, for `folio layouts` and messages.
func (t *Theme) Source(layout string) string { return t.sources[layout] }
