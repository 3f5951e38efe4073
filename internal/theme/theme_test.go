package theme

import (
	"html/template"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

var funcs = template.FuncMap{
	"asset": func(string) (string, error) { return "", nil }, "plural": func(int, string, string) string { return "" },
	"add": func(a, b int) int { return a + b }, "lower": strings.ToLower, "filesize": func(int64) string { return "" },
}

func TestEmbeddedDefault(t *testing.T) {
	th, err := Load(fstest.MapFS{}, "default", funcs)
	if err != nil {
		t.Fatal(err)
	}
	if got := th.Source("publication.html"); got != "themes/default/layouts/publication.html" {
		t.Errorf("Source = %q", got)
	}
	for _, k := range append(Kinds, "redirect") {
		if th.Page(k) == nil {
			t.Errorf("no template for %s", k)
		}
	}
	var static []string
	for _, f := range th.Static {
		static = append(static, f.Path)
	}
	if !strings.Contains(strings.Join(static, " "), "style.css") {
		t.Errorf("static = %v", static)
	}
}

func TestSiteOverrides(t *testing.T) {
	site := fstest.MapFS{
		"layouts/404.html":           {Data: []byte(`{{define "main"}}custom 404{{end}}`)},
		"layouts/partials/card.html": {Data: []byte(`card`)},
		"static/style.css":           {Data: []byte(`body{}`)},
		"static/logo.svg":            {Data: []byte(`<svg/>`)},
	}
	th, err := Load(site, "default", funcs)
	if err != nil {
		t.Fatal(err)
	}
	if th.Source("404.html") != "layouts/404.html" || th.Source("partials/card.html") != "layouts/partials/card.html" {
		t.Errorf("overrides not used: %q %q", th.Source("404.html"), th.Source("partials/card.html"))
	}
	if th.Source("home.html") != "themes/default/layouts/home.html" {
		t.Errorf("non-overridden layout from %q", th.Source("home.html"))
	}
	var fromSite []string
	for _, f := range th.Static {
		if _, ok := f.FS.(fstest.MapFS); ok {
			fromSite = append(fromSite, f.Path)
		}
	}
	if strings.Join(fromSite, " ") != "logo.svg style.css" {
		t.Errorf("site static files = %v", fromSite)
	}
}

func TestErrorsNameFiles(t *testing.T) {
	tests := []struct {
		site fstest.MapFS
		name string
		want string
	}{
		{fstest.MapFS{"layouts/partials/card.html": {Data: []byte("\n{{if}}")}}, "default", "layouts/partials/card.html:2: missing value for if"},
		{fstest.MapFS{"themes/mine/layouts/base.html": {Data: []byte("x")}}, "mine", "themes/mine/layouts/home.html: theme: missing layout home.html"},
		{fstest.MapFS{}, "nosuch", `site.yaml: theme "nosuch" not found`},
	}
	for _, tt := range tests {
		_, err := Load(tt.site, tt.name, funcs)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%s) error = %v; want %q", tt.name, err, tt.want)
		}
	}
}

// noPipes panics when a file that is not a regular one is opened: opening a named
// pipe waits for a writer, forever.
type noPipes struct{ fstest.MapFS }

func (n noPipes) check(name string) {
	if f, ok := n.MapFS[name]; ok && f.Mode&fs.ModeType != 0 && !f.Mode.IsDir() {
		panic("opened " + name + ", which is not a regular file")
	}
}

func (n noPipes) Open(name string) (fs.File, error) { n.check(name); return n.MapFS.Open(name) }

func (n noPipes) ReadFile(name string) ([]byte, error) {
	n.check(name)
	return n.MapFS.ReadFile(name)
}

// TestNotRegular: a named pipe, socket or device among the templates, static files or
// fonts is an error naming it, found before it is opened.
func TestNotRegular(t *testing.T) {
	pipe := &fstest.MapFile{Mode: fs.ModeNamedPipe}
	tests := []struct {
		name, theme string
		site        fstest.MapFS
		want        string
	}{
		{"site layout", "default", fstest.MapFS{"layouts/partials/x.html": pipe}, "layouts/partials/x.html: not a regular file: "},
		{"theme layout", "custom", fstest.MapFS{"themes/custom/layouts/base.html": pipe}, "themes/custom/layouts/base.html: not a regular file: "},
		{"site static", "default", fstest.MapFS{"static/feed.xml": {Mode: fs.ModeSocket}}, "static/feed.xml: not a regular file: "},
		{"site font", "default", fstest.MapFS{"fonts/x.ttf": {Mode: fs.ModeDevice}}, "fonts/x.ttf: not a regular file: "},
		{"static a pipe", "default", fstest.MapFS{"static": pipe}, "static: not a folder: "},
	}
	for _, tt := range tests {
		_, err := Load(noPipes{tt.site}, tt.theme, funcs)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: Load = %v; want %q...", tt.name, err, tt.want)
		}
	}
}
