package content

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"folio/internal/diag"
	"folio/internal/imagemeta"
)

// scanned reports whether the protected terms are looked for inside a bundle file, not
// only in its name: the text of a PDF, the metadata of an image.
func scanned(name string) bool {
	return strings.EqualFold(path.Ext(name), ".pdf") || imagemeta.IsImage(name)
}

func (f file) hasPDF() bool {
	return slices.ContainsFunc(f.res, func(r string) bool { return strings.EqualFold(path.Ext(r), ".pdf") })
}

type file struct {
	kind   Kind
	path   string // the Markdown file
	bundle string
	res    []string
}

// discover lists the Markdown files to load, reporting everything it ignores.
func discover(fsys fs.FS, errs *diag.List) []file {
	var files []file
	// The folders themselves may not be links either: content/ or content/publications
	// linked elsewhere would read files from outside the site. Nor may they be missing
	// or be something else: the build would succeed without the content, and replace a
	// good public/ with an empty site.
	skip := map[string]bool{}
	for _, dir := range []string{Dir, PublicationsDir, PagesDir} {
		if skip[Dir] {
			break
		}
		fi, err := fs.Lstat(fsys, dir)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			skip[dir] = true
			if dir == Dir {
				errs.Errorf(diag.Position{File: dir}, "folder not found: a site keeps its publications in content/publications/ beside site.yaml; "+
					"check that --source names the site folder, or run folio new to create it")
			}
		case err != nil:
			skip[dir] = true
			errs.Errorf(diag.Position{File: dir}, "cannot read folder: %v", unwrap(err))
		case fi.Mode()&fs.ModeSymlink != 0:
			skip[dir] = true
			errs.Errorf(diag.Position{File: dir}, "symbolic link not followed: keep the content in the site folder")
		case !fi.IsDir():
			// Reading a named pipe as a folder would wait for a writer forever.
			skip[dir] = true
			errs.Errorf(diag.Position{File: dir}, "not a folder: content/, content/publications/ and content/pages/ must be folders")
		}
	}
	walkDir := func(dir string, kind Kind) {
		if skip[Dir] || skip[dir] {
			return
		}
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			errs.Errorf(diag.Position{File: dir}, "cannot read folder: %v", unwrap(err))
			return
		}
		for _, e := range entries {
			name := path.Join(dir, e.Name())
			switch {
			case !utf8.ValidString(e.Name()):
				errs.Errorf(diag.Position{File: strings.ToValidUTF8(name, "\uFFFD")},
					"file name %q is not valid UTF-8 (it cannot be a URL): rename it", e.Name())
			case e.Type()&fs.ModeSymlink != 0:
				errs.Warnf(diag.Position{File: name}, "symbolic link not followed: copy the file into the site instead")
			case strings.HasPrefix(e.Name(), ".") || strings.HasSuffix(e.Name(), "~"):
				// editor and system files: .DS_Store, .#brief.md, brief.md~
			case !e.IsDir() && !e.Type().IsRegular():
				errs.Errorf(diag.Position{File: name}, notRegular)
			case e.IsDir() && kind == Publication:
				if f, ok := discoverBundle(fsys, name, errs); ok {
					files = append(files, f)
				}
			case e.IsDir():
				errs.Warnf(diag.Position{File: name}, "folder ignored: pages are single .md files")
			case path.Ext(e.Name()) == ".md":
				files = append(files, file{kind: kind, path: name})
			default:
				errs.Warnf(diag.Position{File: name}, "file ignored: only .md files are read here (put attachments in a bundle folder beside index.md)")
			}
		}
	}
	walkDir(PublicationsDir, Publication)
	if len(files) == 0 && !errs.HasErrors() {
		errs.Warnf(diag.Position{File: PublicationsDir}, "no publications yet: the site is built without any (folio new starts one)")
	}
	walkDir(PagesDir, Plain)
	return files
}

func discoverBundle(fsys fs.FS, dir string, errs *diag.List) (file, bool) {
	f := file{kind: Publication, path: dir + "/index.md", bundle: dir}
	found := false
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs.Errorf(diag.Position{File: p}, "cannot read: %v", unwrap(err))
			return nil
		}
		rel := strings.TrimPrefix(p, dir+"/")
		switch {
		case p == dir:
		case !utf8.ValidString(d.Name()):
			errs.Errorf(diag.Position{File: strings.ToValidUTF8(p, "\uFFFD")},
				"file name %q is not valid UTF-8 (it cannot be a URL): rename it", d.Name())
			if d.IsDir() {
				return fs.SkipDir
			}
		case d.Type()&fs.ModeSymlink != 0:
			errs.Warnf(diag.Position{File: p}, "symbolic link not followed: copy the file into the bundle instead")
		case strings.HasPrefix(d.Name(), ".") || strings.HasSuffix(d.Name(), "~"):
			if d.IsDir() {
				return fs.SkipDir
			}
		case !d.IsDir() && !d.Type().IsRegular():
			errs.Errorf(diag.Position{File: p}, notRegular)
		case d.IsDir():
		case rel == "index.md":
			found = true
		default:
			f.res = append(f.res, rel)
		}
		return nil
	})
	if err != nil {
		errs.Errorf(diag.Position{File: dir}, "cannot read bundle: %v", err)
	}
	if !found {
		errs.Warnf(diag.Position{File: dir}, "folder ignored: a publication bundle needs an index.md")
		return file{}, false
	}
	slices.Sort(f.res)
	return f, true
}

// notRegular refuses a named pipe, socket or device, from the directory entry and so
// before opening it: opening a named pipe waits for a writer, forever.
const notRegular = "not a regular file: remove it, or put an ordinary file in its place"

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
