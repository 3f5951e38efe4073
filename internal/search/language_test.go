package search_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"folio/internal/search"
	"folio/internal/search/searchtest"
	"folio/internal/testtool"
)

// editions is a site with English, French and Arabic editions (site.yaml lists the
// languages, so French and Arabic publications are under /fr/ and /ar/).
const editionsYAML = `languages:
  - {code: en, name: English}
  - {code: fr, name: Français}
  - {code: ar, name: العربية}
`

var editions = map[string]string{
	"content/publications/sudan.md":    search.Pub("Protection of civilians in Sudan", "2024-03-01", "The mission and the civilians.", "", "Resolution 2406."),
	"content/publications/soudan.md":   search.Pub("La protection des civils au Soudan", "2024-03-02", "La mission et les civils.", "lang: fr\n", "Résolution 2406."),
	"content/publications/sudan-ar.md": search.Pub("حماية المدنيين في السودان", "2024-03-03", "تقرير عن بعثة الأمم المتحدة وحماية المدنيين.", "lang: ar\n", "يدعو مجلس الأمن في القرار ٢٤٠٦ إلى حماية المدنيين."),
	"content/publications/peace-ar.md": search.Pub("مؤتمر السلام", "2024-02-01", "إعلان المؤتمر حول السلام والأمن.", "lang: ar\n", "نص قصير."),
	"content/publications/mali.md":     search.Pub("Mali after the mission", "2023-01-01", "Civilians in Mali.", "", "Text."),
}

func editionsIndex(t *testing.T) *search.Index {
	t.Helper()
	ix, err := search.Build(search.NewSiteWith(t, editionsYAML, editions))
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestArabicSearch: a query finds an Arabic publication whatever its hamza, harakat,
// tatweel, taa marbuta, digits and clitics, as long as the light stems agree.
func TestArabicSearch(t *testing.T) {
	ix := editionsIndex(t)
	for _, c := range []struct{ q, want string }{
		{"المدنيين", "ar/publications/sudan-ar"},
		{"المدنيّين", "ar/publications/sudan-ar"},                                      // shadda
		{"للمدنيين", "ar/publications/sudan-ar"},                                       // a form the text lacks: its stem
		{"المدنيون", "ar/publications/sudan-ar"},                                       // another plural
		{"الامم المتحدة", "ar/publications/sudan-ar"},                                  // الأمم without hamza; ة
		{"الأُمَم المتحده", "ar/publications/sudan-ar"},                                // harakat; ه for ة
		{"موتمر", "ar/publications/peace-ar"},                                          // مؤتمر without hamza on waw
		{"المـؤتمر", "ar/publications/peace-ar"},                                       // tatweel
		{"سلام", "ar/publications/peace-ar"},                                           // only "السلام" and "والأمن…" in the text
		{"٢٤٠٦", "fr/publications/soudan publications/sudan ar/publications/sudan-ar"}, // Arabic-Indic digits are 2406
		{"في السودان", "ar/publications/sudan-ar"},                                     // في is a stop word
		{"المدنيين السلام", ""},
	} {
		r, err := searchtest.NewReader(ix)
		if err != nil {
			t.Fatal(err)
		}
		if got := langSlugs(ask(t, r, searchtest.Query{Q: c.q + " "})); got != c.want {
			t.Errorf("Search(%q) = %q; want %q", c.q, got, c.want)
		}
	}
}

// langSlugs lists the hits by URL without the site's path and the trailing slash.
func langSlugs(res *searchtest.Result) string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, strings.Trim(strings.TrimPrefix(h.URL, "/sub/"), "/"))
	}
	return strings.Join(out, " ")
}

// TestLanguageFacet: each publication's language is a facet, its names in themselves;
// a search page defaults to its own language when the index has publications in it,
// and language=all in the URL shows every language.
func TestLanguageFacet(t *testing.T) {
	ix := editionsIndex(t)
	r, err := searchtest.NewReader(ix)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.FacetKeys(search.LanguageParam); !slices.Equal(got, []string{"en", "fr", "ar"}) {
		t.Errorf("language facet keys = %q; want en fr ar, the site's order", got)
	}
	for _, c := range []struct {
		url, pageLang string
		def           string
		want          string // hits
		counts        string // of the language facet
		back          string // the URL written back for the state read
	}{
		{"", "en", "en", "publications/sudan publications/mali", "2 1 2", ""},
		{"", "fr", "fr", "fr/publications/soudan", "2 1 2", ""},
		{"", "ar", "ar", "ar/publications/sudan-ar ar/publications/peace-ar", "2 1 2", ""},
		{"", "ar-EG", "ar", "ar/publications/sudan-ar ar/publications/peace-ar", "2 1 2", ""},
		{"", "de", "", "ar/publications/sudan-ar fr/publications/soudan publications/sudan ar/publications/peace-ar publications/mali", "2 1 2", ""},
		{"", "", "", "ar/publications/sudan-ar fr/publications/soudan publications/sudan ar/publications/peace-ar publications/mali", "2 1 2", ""},
		{"language=all", "fr", "fr", "ar/publications/sudan-ar fr/publications/soudan publications/sudan ar/publications/peace-ar publications/mali", "2 1 2", "?language=all"},
		{"language=en", "fr", "fr", "publications/sudan publications/mali", "2 1 2", "?language=en"},
		{"language=fr", "fr", "fr", "fr/publications/soudan", "2 1 2", ""},
		{"q=2406", "ar", "ar", "ar/publications/sudan-ar", "1 1 1", "?q=2406"},
		{"q=2406&language=all", "ar", "ar", "fr/publications/soudan publications/sudan ar/publications/sudan-ar", "1 1 1", "?q=2406&language=all"},
		{"q=civils&language=en&language=fr", "ar", "ar", "fr/publications/soudan", "0 1 0", "?q=civils&language=en&language=fr"},
		{"language=de", "en", "en", "", "2 1 2", "?language=de"}, // unknown: nothing, as any facet
	} {
		if got := r.DefaultLanguage(c.pageLang); got != c.def {
			t.Errorf("DefaultLanguage(%q) = %q; want %q", c.pageLang, got, c.def)
		}
		q := r.FromURL(c.url, c.pageLang)
		res := ask(t, r, q)
		if got := langSlugs(res); got != c.want {
			t.Errorf("FromURL(%q, %q): Search = %q; want %q", c.url, c.pageLang, got, c.want)
		}
		if got := strings.Trim(fmt.Sprint(res.Counts[search.LanguageParam]), "[]"); got != c.counts {
			t.Errorf("FromURL(%q, %q): language counts = %s; want %s", c.url, c.pageLang, got, c.counts)
		}
		if got := r.URL(q, c.pageLang); got != c.back {
			t.Errorf("URL(FromURL(%q, %q)) = %q; want %q", c.url, c.pageLang, got, c.back)
		}
	}
}

// TestOneLanguage: a site whose publications are all in one language has no language
// facet, and its manifest is as before.
func TestOneLanguage(t *testing.T) {
	files := map[string]string{}
	for k, v := range editions {
		if !strings.Contains(v, "lang:") {
			files[k] = v
		}
	}
	ix, err := search.Build(search.NewSiteWith(t, editionsYAML, files))
	if err != nil {
		t.Fatal(err)
	}
	r, _ := searchtest.NewReader(ix)
	if keys := r.FacetKeys(search.LanguageParam); keys != nil {
		t.Errorf("language facet %q on a site in one language", keys)
	}
	if d := r.DefaultLanguage("en"); d != "" {
		t.Errorf("DefaultLanguage(en) = %q; want \"\" without a language facet", d)
	}
	if q := r.FromURL("q=mission", "en"); len(q.Facets[search.LanguageParam]) != 0 {
		t.Errorf("FromURL: %v; want no language filter", q.Facets)
	}
}

// TestJSLanguageParity runs Arabic queries and the language facet's URL state through
// search.js's Engine and Reader.
func TestJSLanguageParity(t *testing.T) {
	testtool.Command(t, "node", "install Node.js")
	ix := editionsIndex(t)
	var queries []searchtest.Query
	for _, q := range []string{"المدنيين", "للمدنيين", "الأُمَم المتحده", "موتمر", "المـؤتمر", "سلام", "سل", "المد", "٢٤٠٦", "civils", "في"} {
		queries = append(queries, searchtest.Query{Q: q})
	}
	queries = append(queries, searchtest.Query{Q: "mission", Facets: map[string][]string{search.LanguageParam: {"fr"}}},
		searchtest.Query{Facets: map[string][]string{search.LanguageParam: {"ar", "en"}}})
	engineParity(t, ix, queries)

	type urlCase struct {
		URL      string `json:"url"`
		PageLang string `json:"pageLang"`
	}
	var cases []urlCase
	for _, u := range []string{"", "language=all", "language=en", "language=fr", "q=2406", "q=a+b%20c&language=all&year=2024",
		"q=civils&language=en&language=fr", "language=de", "q=%D8%A7%D9%84%D8%A3%D9%85%D9%85*~&type=report"} {
		for _, l := range []string{"en", "fr", "ar-EG", "de", ""} {
			cases = append(cases, urlCase{u, l})
		}
	}
	type state struct {
		Q      string              `json:"q"`
		Facets map[string][]string `json:"facets"`
		Back   string              `json:"back"`
	}
	var in struct {
		Dir      string    `json:"dir"`
		Manifest string    `json:"manifest"`
		Cases    []urlCase `json:"cases"`
	}
	in.Dir, in.Manifest, in.Cases = writeIndex(t, ix), ix.Files[0].Path, cases
	var got []state
	search.RunNode(t, `
const fs = require("fs"), path = require("path");
const e = new S.Engine(input.manifest, async (u) => new Uint8Array(fs.readFileSync(path.join(input.dir, u))));
await e.ready;
console.log(JSON.stringify(input.cases.map((c) => { const st = e.fromURL(c.url, c.pageLang); return { q: st.q, facets: st.facets, back: e.toURL(st, c.pageLang) }; })));`, in, &got)
	r, err := searchtest.NewReader(ix)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		q := r.FromURL(c.URL, c.PageLang)
		want := state{Q: q.Q, Facets: map[string][]string{}, Back: r.URL(q, c.PageLang)}
		for k, v := range q.Facets {
			want.Facets[k] = v
		}
		g := got[i]
		for k, v := range g.Facets {
			if !slices.Equal(v, want.Facets[k]) {
				t.Errorf("fromURL(%q, %q) facet %s: JavaScript %q, Go %q", c.URL, c.PageLang, k, v, want.Facets[k])
			}
		}
		if len(g.Facets) != len(want.Facets) || g.Q != want.Q || g.Back != want.Back {
			t.Errorf("fromURL(%q, %q): JavaScript %+v, Go %+v", c.URL, c.PageLang, g, want)
		}
	}
}
