package render_test

import (
	"strings"
	"testing"
	"testing/fstest"
)

// A template that asks for a string its language lacks fails, naming the key, rather
// than rendering nothing; a site's own strings file adds keys its templates use.
func TestMissingStringFails(t *testing.T) {
	fsys := corpusFS(t, 3).(fstest.MapFS)
	fsys["layouts/404.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<h1>{{$.S.lost_page}}</h1>{{end}}`)}
	_, err := renderAll(t, fsys)
	if err == nil || !strings.Contains(err.Error(), `map has no entry for key "lost_page"`) || !strings.Contains(err.Error(), "layouts/404.html") {
		t.Fatalf("err = %v; want the template and the key named", err)
	}
	fsys["i18n/en.yaml"] = &fstest.MapFile{Data: []byte("lost_page: This page is lost & gone\n")}
	pages, err := renderAll(t, fsys)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pages["404.html"], "<h1>This page is lost &amp; gone</h1>") {
		t.Errorf("404 page = %s", pages["404.html"])
	}
}
