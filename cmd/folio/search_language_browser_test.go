package main

import (
	"net/url"
	"slices"
	"strings"
	"testing"
)

// TestSearchBrowserLanguage: the English search page shows English publications by
// default, with the language facet set to English; an Arabic query typed without its
// hamza finds nothing in English and says how many other languages have; choosing "All
// languages" shows the Arabic brief, its title in its own language and direction, with
// the word highlighted; the choice is in the URL, which gives the same results.
func TestSearchBrowserLanguage(t *testing.T) {
	p := startSearchBrowser(t)
	p.open("/search/")
	p.waitStatus("newest first")
	if got := p.eval(`(document.querySelector('#search-facets input[name="language"]:checked') || {}).value || ""`); got != "en" {
		t.Errorf("language chosen on the English search page: %q, want en", got)
	}

	p.typeInto("#search-q", "الازرق") // "الأزرق" in the title of the Arabic edition of the UNIFIL brief
	p.waitStatus("in other languages")
	s := p.check("language", "all")
	if len(s.Links) == 0 || !strings.HasPrefix(s.Links[0], "/ar/publications/") {
		t.Fatalf("first result of an Arabic query in all languages: %q, want an Arabic edition\npage: %s", s.Links, s)
	}
	if got := p.eval(`(() => { const a = document.querySelector("#search-results > li h2 a"); return a.lang + " " + a.dir; })()`); got != "ar auto" {
		t.Errorf("first result's title has lang and dir %q, want \"ar auto\"", got)
	}
	if !slices.Contains(s.Marks, "الأزرق") {
		t.Errorf("first result highlights %q, want \"الأزرق\" among them", s.Marks)
	}
	u, err := url.Parse(s.URL)
	if err != nil || u.Query().Get("language") != "all" {
		t.Fatalf("URL %s after choosing all languages, want language=all in it", s.URL)
	}

	p.open(s.URL)
	got := p.waitStatus("“الازرق”")
	if got.Status != s.Status || !slices.Equal(got.Links, s.Links) {
		t.Errorf("loading the URL of the search:\n got  %s\n want %s", got, s)
	}
}
