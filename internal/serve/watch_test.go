package serve

import (
	"strings"
	"testing"

	"github.com/fsnotify/fsnotify"
)

func TestClassify(t *testing.T) {
	ev := func(op fsnotify.Op, name string) fsnotify.Event { return fsnotify.Event{Name: "/site/" + name, Op: op} }
	tests := []struct {
		name   string
		events []fsnotify.Event
		kinds  string
		files  string
	}{
		{"one save", []fsnotify.Event{ev(fsnotify.Write, "content/publications/a.md"), ev(fsnotify.Write, "content/publications/a.md")},
			"content", "content/publications/a.md"},
		{"vim", []fsnotify.Event{ // :w writes a test file, renames the original to a backup, writes anew
			ev(fsnotify.Create, "content/publications/4913"), ev(fsnotify.Remove, "content/publications/4913"),
			ev(fsnotify.Rename, "content/publications/a.md"), ev(fsnotify.Create, "content/publications/a.md~"),
			ev(fsnotify.Create, "content/publications/a.md"), ev(fsnotify.Write, "content/publications/.a.md.swp"),
			ev(fsnotify.Remove, "content/publications/a.md~")},
			"content", "content/publications/a.md"},
		{"jetbrains safe write", []fsnotify.Event{
			ev(fsnotify.Create, "content/pages/about.md___jb_tmp___"), ev(fsnotify.Rename, "content/pages/about.md___jb_old___"),
			ev(fsnotify.Create, "content/pages/about.md")},
			"content", "content/pages/about.md"},
		{"emacs lock and backup", []fsnotify.Event{ev(fsnotify.Create, "content/publications/.#a.md"), ev(fsnotify.Write, "content/publications/#a.md#"), ev(fsnotify.Write, "content/publications/a.md")},
			"content", "content/publications/a.md"},
		{"layouts and theme", []fsnotify.Event{ev(fsnotify.Write, "layouts/publication.html"), ev(fsnotify.Write, "themes/default/static/style.css"), ev(fsnotify.Write, "themes/default/layouts/base.html")},
			"layout+static", "layouts/publication.html themes/default/layouts/base.html themes/default/static/style.css"},
		{"config", []fsnotify.Event{ev(fsnotify.Write, "site.yaml")}, "config", "site.yaml"},
		{"ignored", []fsnotify.Event{
			ev(fsnotify.Write, "public/index.html"), ev(fsnotify.Write, "README.md"), ev(fsnotify.Write, ".git/index"),
			ev(fsnotify.Chmod, "content/publications/a.md"), ev(fsnotify.Write, "themes/default/README.md")},
			"", ""},
		{"git checkout burst", func() []fsnotify.Event {
			var evs []fsnotify.Event
			for i := range 100 {
				evs = append(evs, ev(fsnotify.Write, "content/publications/p"+string(rune('a'+i%26))+".md"))
			}
			return evs
		}(), "content", ""},
	}
	for _, tt := range tests {
		c := Classify("/site", "/site/public", tt.events)
		if got := c.Kinds.String(); got != tt.kinds {
			t.Errorf("%s: kinds = %q; want %q", tt.name, got, tt.kinds)
		}
		if tt.files != "" && strings.Join(c.Files, " ") != tt.files {
			t.Errorf("%s: files = %q; want %q", tt.name, c.Files, tt.files)
		}
	}
}
