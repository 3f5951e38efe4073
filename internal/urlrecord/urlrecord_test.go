package urlrecord

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"published: [a]\n", `content/urls.yaml:1:12: published must map each publication or page to its URLs`},
		{"publihsed: {}\n", `content/urls.yaml:1:1: unknown content/urls.yaml field "publihsed" (did you mean "published"?)`},
		{"published:\n  a: [/x/]\n  b: [/x]\n", `content/urls.yaml:3:7: /x/ is recorded twice (first at line 2): keep one`},
		{"published:\n  a: [https://example.org/x/]\n", `content/urls.yaml:2:7: URL "https://example.org/x/": must be a path on this site starting with "/", such as "/briefs/old-name/"`},
		{"gone:\n  - reason: Withdrawn.\n", `content/urls.yaml:2:5: a gone entry needs url: the address withdrawn, such as /publications/old/`},
		{"gone:\n  - {url: /x/, reson: Withdrawn.}\n", `content/urls.yaml:2:16: unknown gone entry field "reson" (did you mean "reason"?)`},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v; want %s", tt.src, err, tt.want)
		}
	}
}

func TestParseBytesRoundTrip(t *testing.T) {
	src := "published:\n  b.md: /b/\n  a.md: [/a2, /a1/]\ngone:\n  - url: /z/\n    reason: 'It said: \"no\" # really'\n"
	r, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	out := r.Bytes()
	want := header + "published:\n  a.md:\n    - /a1/\n    - /a2/\n  b.md:\n    - /b/\ngone:\n  - url: /z/\n    reason: 'It said: \"no\" # really'\n"
	if string(out) != want {
		t.Errorf("Bytes() =\n%s\nwant\n%s", out, want)
	}
	again, err := Parse(out)
	if err != nil || string(again.Bytes()) != string(out) {
		t.Errorf("Parse(Bytes()) = %v, %v; want the same record", again, err)
	}
}

// resolve runs Resolve with the pages' URLs and aliases as all the build serves, and
// returns the redirects, the gone URLs and the errors as text.
func resolve(t *testing.T, record string, pages []Page, update bool) (string, *Record) {
	t.Helper()
	var r *Record
	if record != "" {
		var err error
		if r, err = Parse([]byte(record)); err != nil {
			t.Fatal(err)
		}
	}
	serves := func(p string) bool {
		for _, pg := range pages {
			if pg.URL == p || slices.Contains(pg.Aliases, p) {
				return true
			}
		}
		return false
	}
	res, errs := Resolve(r, pages, serves, update)
	var b strings.Builder
	for _, rd := range res.Redirects {
		fmt.Fprintf(&b, "redirect %s -> %s\n", rd.From, rd.To)
	}
	for _, g := range res.Gone {
		fmt.Fprintf(&b, "gone %s\n", g.URL)
	}
	for _, e := range errs {
		fmt.Fprintf(&b, "error %s\n", e.Pos)
	}
	return b.String(), res.Record
}

func TestResolve(t *testing.T) {
	water := Page{Source: "content/publications/water.md", URL: "/publications/water/", Record: true}
	renamed := water
	renamed.URL = "/publications/water-access/"
	moved := water // the file moved, the slug kept
	moved.Source = "content/publications/2024/water.md"
	aliased := renamed
	aliased.Aliases = []string{"/publications/water/"}
	tests := []struct {
		name, record string
		pages        []Page
		update       bool
		want         string
	}{
		{"no record", "", []Page{water}, false, ""},
		{"unchanged", "published:\n  content/publications/water.md: [/publications/water/]\n", []Page{water}, false, ""},
		{"renamed", "published:\n  content/publications/water.md: [/publications/water/]\n", []Page{renamed}, false,
			"error content/urls.yaml:2:35\n"},
		{"renamed, aliased", "published:\n  content/publications/water.md: [/publications/water/]\n", []Page{aliased}, false, ""},
		{"renamed, recorded", "published:\n  content/publications/water.md: [/publications/water/]\n", []Page{renamed}, true,
			"redirect /publications/water/ -> /publications/water-access/\n"},
		{"renamed and recorded before", "published:\n  content/publications/water.md: [/publications/water/, /publications/water-access/]\n", []Page{renamed}, false,
			"redirect /publications/water/ -> /publications/water-access/\n"},
		{"moved, same URL", "published:\n  content/publications/water.md: [/publications/water/]\n", []Page{moved}, true, ""},
		{"deleted", "published:\n  content/publications/water.md: [/publications/water/]\n", nil, true, "error content/urls.yaml:2:35\n"},
		{"deleted, gone", "published:\n  content/publications/water.md: [/publications/water/]\ngone:\n  - {url: /publications/water/, reason: Withdrawn.}\n", nil, false,
			"gone /publications/water/\n"},
		{"gone, published again", "gone:\n  - {url: /publications/water/, reason: Withdrawn.}\n", []Page{water}, false, "error content/urls.yaml:2:11\n"},
	}
	for _, tt := range tests {
		got, _ := resolve(t, tt.record, tt.pages, tt.update)
		if got != tt.want {
			t.Errorf("%s: Resolve =\n%s; want\n%s", tt.name, got, tt.want)
		}
	}
}

func TestResolveUpdate(t *testing.T) {
	pages := []Page{
		{Source: "content/publications/water.md", TranslationKey: "water", Lang: "en", URL: "/publications/water/", Aliases: []string{"/briefs/water/"}, Record: true},
		{Source: "content/publications/eau.md", TranslationKey: "water", Lang: "fr", URL: "/publications/eau/", Record: true},
		{Source: "content/publications/draft.md", URL: "/publications/draft/"},
		{Source: "content/pages/about.md", URL: "/about/", Record: true},
	}
	_, r := resolve(t, "", pages, true)
	want := header + `published:
  content/pages/about.md:
    - /about/
  water (en):
    - /briefs/water/
    - /publications/water/
  water (fr):
    - /publications/eau/
gone: []
`
	if got := string(r.Bytes()); got != want {
		t.Errorf("recorded:\n%s\nwant\n%s", got, want)
	}
}
