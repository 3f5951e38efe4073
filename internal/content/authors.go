package content

import (
	"errors"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"folio/internal/diag"
	"folio/internal/frontmatter"
	"folio/internal/yamldoc"

	"go.yaml.in/yaml/v4"
)

// AuthorsDir holds a Markdown file for each author who has a profile:
// content/authors/<slug>.md, where slug is the author's URL segment (/authors/<slug>/).
const AuthorsDir = "content/authors"

// An Author is a profile from AuthorsDir: who the author is, beyond the name publications
// give. Front matter: name (required), role, photo (a file beside the profile or a path
// from the site folder), photo_alt (required with a photo), links (a list of {label,
// url}); the body is a short biography in Markdown.
type Author struct {
	Slug     string // file name without .md
	Source   string // "content/authors/<slug>.md"
	Name     string
	Role     string
	Photo    string // path from the site folder, checked to be a file
	PhotoAlt string
	Links    []AuthorLink
	Body     []byte // the file with its front matter blanked: lines are file lines
}

// An AuthorLink is one of an author's links: a profile elsewhere, an email address.
type AuthorLink struct {
	Label, URL string
}

var photoExt = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".webp": true}

var authorKeys = []string{"name", "role", "photo", "photo_alt", "links"}

// LoadAuthors reads every profile in AuthorsDir; a site without the folder has none.
func LoadAuthors(fsys fs.FS) ([]*Author, diag.List) {
	var errs diag.List
	entries, err := fs.ReadDir(fsys, AuthorsDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		errs.Errorf(diag.Position{File: AuthorsDir}, "cannot read folder: %v", unwrap(err))
		return nil, errs
	}
	var out []*Author
	for _, e := range entries {
		name := path.Join(AuthorsDir, e.Name())
		switch {
		case strings.HasPrefix(e.Name(), ".") || strings.HasSuffix(e.Name(), "~"):
		case !e.IsDir() && photoExt[strings.ToLower(path.Ext(e.Name()))]: // a profile's photo
		case e.IsDir() || path.Ext(e.Name()) != ".md":
			errs.Warnf(diag.Position{File: name}, "ignored: an author's profile is a file named after the author's URL, such as nadia-haddad.md, with a photo beside it")
		case !e.Type().IsRegular():
			errs.Errorf(diag.Position{File: name}, notRegular)
		default:
			if a := loadAuthor(fsys, name, &errs); a != nil {
				out = append(out, a)
			}
		}
	}
	return out, errs
}

func loadAuthor(fsys fs.FS, name string, errs *diag.List) *Author {
	src, _, err := readFileTo(fsys, name, nil)
	if err != nil {
		errs.Errorf(diag.Position{File: name}, "cannot read file: %v", unwrap(err))
		return nil
	}
	doc, err := frontmatter.Parse(name, src)
	if err != nil {
		errs.Add(err)
		return nil
	}
	a := &Author{Slug: strings.TrimSuffix(path.Base(name), ".md"), Source: name, Body: doc.Body}
	n := len(*errs)
	d := &yamldoc.Decoder{File: name, Errs: errs}
	var photo *yaml.Node
	d.Map(doc.Front, "author front matter", authorKeys, func(k string, v *yaml.Node) {
		switch k {
		case "name":
			a.Name = strings.TrimSpace(d.String(v))
		case "role":
			a.Role = strings.TrimSpace(d.String(v))
		case "photo":
			a.Photo, photo = strings.TrimSpace(d.String(v)), v
		case "photo_alt":
			a.PhotoAlt = strings.TrimSpace(d.String(v))
		case "links":
			for _, item := range d.Seq(v, "links") {
				var l AuthorLink
				d.Map(item, "link", []string{"label", "url"}, func(k string, v *yaml.Node) {
					if k == "label" {
						l.Label = strings.TrimSpace(d.String(v))
					} else {
						l.URL = strings.TrimSpace(d.String(v))
					}
				})
				u, err := url.Parse(l.URL)
				switch {
				case l.Label == "" || l.URL == "":
					d.Errorf(item, "a link needs a label and a url")
				case err != nil || (u.Scheme != "https" && u.Scheme != "http" && u.Scheme != "mailto"):
					d.Errorf(item, "link url must start with https://, http:// or mailto:, not %q", l.URL)
				default:
					a.Links = append(a.Links, l)
				}
			}
		}
	})
	if a.Name == "" {
		errs.Errorf(diag.Position{File: name, Line: 1, Col: 1}, "an author's profile needs a name")
	}
	if photo != nil {
		// Beside the profile first, as in a bundle; else from the site folder.
		p := path.Join(AuthorsDir, a.Photo)
		if !fs.ValidPath(a.Photo) || strings.Contains(a.Photo, `\`) {
			p = ""
		} else if fi, err := fs.Stat(fsys, p); err != nil || !fi.Mode().IsRegular() {
			p = a.Photo
		}
		switch ext := strings.ToLower(path.Ext(a.Photo)); {
		case p == "":
			d.Errorf(photo, "photo must be a file beside the profile or a path from the site folder, such as static/people/nadia.jpg, not %q", a.Photo)
		case !photoExt[ext]:
			d.Errorf(photo, "photo must be a JPEG, PNG or WebP file, not %q", a.Photo)
		case a.PhotoAlt == "":
			d.Errorf(photo, "a photo needs photo_alt: what it shows, such as \"Nadia Haddad\"")
		default:
			if fi, err := fs.Stat(fsys, p); err != nil || !fi.Mode().IsRegular() {
				d.Errorf(photo, "photo %q not found beside the profile nor in the site folder", a.Photo)
			}
			a.Photo = p
		}
	}
	if len(*errs) > n { // loadAuthor reports only errors
		return nil
	}
	return a
}
