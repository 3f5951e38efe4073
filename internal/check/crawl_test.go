package check

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

func TestParsePage(t *testing.T) {
	page := `<!DOCTYPE html>
<html lang="en"><head>
<meta http-equiv="refresh" content="0; url=/new/">
<meta property="og:image" content="https://example.org/card.png">
<link rel="preconnect" href="https://fonts.example.com">
<link rel="stylesheet" href="/static/style.css?v=1">
<script>if (a < b) { document.write("<a href='/not-a-link/'>") }</script>
</head><body>
<h1 id="title">Title</h1>
  <h3>Deep</h3><img src="/a.png"> <img src="/b.png" alt="">
<picture><source srcset="/c.png 1x, /d.png 2x"></picture>
<noscript><a href="/browse/">Browse</a></noscript>
<p id="title">again</p><a name="old">old</a>
<form action="/search/"></form>
</body></html>
`
	pg := &htmlPage{}
	parsePage(pg, []byte(page), newInterner())
	if pg.err != nil {
		t.Fatal(pg.err)
	}
	var got []string
	for _, r := range pg.refs {
		got = append(got, fmt.Sprintf("%d:%d %s image=%v", r.at.line, r.at.col, r.val, r.image))
	}
	want := []string{
		"3:1 /new/ image=false",
		"4:1 https://example.org/card.png image=true",
		"6:1 /static/style.css?v=1 image=false",
		"10:16 /a.png image=true",
		"10:35 /b.png image=true",
		"11:10 /c.png image=true",
		"11:10 /d.png image=true",
		"12:11 /browse/ image=false",
		"14:1 /search/ image=false",
	}
	if !slices.Equal(got, want) {
		t.Errorf("refs =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if l := pg.dupIDs["title"]; len(l) != 2 || l[0] != (loc{9, 1}) || l[1] != (loc{13, 1}) || !pg.has("title") {
		t.Errorf(`dupIDs["title"] = %v; want lines 9 and 13`, l)
	}
	if !pg.has("old") || pg.dupIDs["old"] != nil || pg.has("ol") || pg.has("oldest") {
		t.Errorf(`<a name="old"> is not an anchor once: %v, %v`, pg.ids, pg.dupIDs)
	}
	if !slices.Equal(pg.ids, []string{"old", "title"}) || len(pg.dupIDs) != 1 {
		t.Errorf("ids = %v, dupIDs = %v; want old and title, title twice", pg.ids, pg.dupIDs)
	}
	if len(pg.headings) != 2 || pg.headings[0].level != 1 || pg.headings[1] != (heading{loc{10, 3}, 3, ""}) {
		t.Errorf("headings = %v", pg.headings)
	}
	if len(pg.noAlt) != 1 || pg.noAlt[0].val != "/a.png" {
		t.Errorf("noAlt = %v; want only /a.png", pg.noAlt)
	}
}

func TestRefreshURL(t *testing.T) {
	for in, want := range map[string]string{
		"0; url=/new/":    "/new/",
		"0;URL='/new/'":   "/new/",
		`5 ; url = "/x/"`: "/x/",
		"0":               "",
		"0; nothing=/x/":  "",
	} {
		if got := refreshURL(in); got != want {
			t.Errorf("refreshURL(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestServedAt(t *testing.T) {
	for in, want := range map[string]string{
		"index.html":     "",
		"a/index.html":   "a/",
		"404.html":       "404.html",
		"a/myindex.html": "a/myindex.html",
	} {
		if got := servedAt(in); got != want {
			t.Errorf("servedAt(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestKey(t *testing.T) {
	c := &checker{origin: "https://example.org"}
	for in, want := range map[string]string{
		"https://example.org/publications/x/#a": "/publications/x/#a",
		"/caf%C3%A9/":                           "/café/",
		"/café/":                                "/café/",
		"#sec":                                  "#sec",
		"HTTPS://Other.example/x":               "https://other.example/x",
		"https://example.org.evil/x":            "https://example.org.evil/x",
		"mailto:a@example.org":                  "mailto:a@example.org",
		"/search/?q=x":                          "/search/?q=x",
		"//example.org/x/":                      "/x/",
		"//other.example/x/":                    "//other.example/x/",
		"http://example.org/x/":                 "http://example.org/x/",
	} {
		if got := c.key(in); got != want {
			t.Errorf("key(%q) = %q; want %q", in, got, want)
		}
	}
}

// Pages parsed with one interner share one copy of each URL they both write.
func TestParsePageInternsURLs(t *testing.T) {
	in := newInterner()
	a, b := &htmlPage{}, &htmlPage{}
	parsePage(a, []byte(`<a href="/publications/x/">x</a><a href="/a/">a</a>`), in)
	parsePage(b, []byte(`<p><a href="/publications/x/">again</a></p>`), in)
	if len(a.refs) != 2 || len(b.refs) != 1 || a.refs[0].val != "/publications/x/" || b.refs[0].val != a.refs[0].val {
		t.Fatalf("refs %v and %v", a.refs, b.refs)
	}
	if unsafe.StringData(a.refs[0].val) != unsafe.StringData(b.refs[0].val) {
		t.Error("the same URL on two pages is held twice")
	}
	c := &htmlPage{}
	parsePage(c, []byte(`<a href="/publications/x/">x</a>`), nil) // no interner: still parsed
	if len(c.refs) != 1 || c.refs[0].val != "/publications/x/" {
		t.Errorf("without an interner: refs %v", c.refs)
	}
}
