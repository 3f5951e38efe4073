package search_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"folio/internal/search"
	"folio/internal/search/corpus"
	"folio/internal/search/searchtest"
	"folio/internal/testtool"
)

// The index as a reader sees it: searchtest.Reader, the Go twin of search.js, answers
// queries from the files Build makes.

func ask(t *testing.T, r *searchtest.Reader, q searchtest.Query) *searchtest.Result {
	t.Helper()
	res, err := r.Search(q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	return res
}

func slugs(res *searchtest.Result) string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, strings.TrimSuffix(strings.TrimPrefix(h.URL, "/sub/publications/"), "/"))
	}
	return strings.Join(out, " ")
}

func TestRanking(t *testing.T) {
	ix, err := search.Build(search.NewSite(t, search.RankCorpus))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q    string
		want string
	}{
		// Title > summary > heading > body.
		{"accountability", "title summary heading body"},
		{"Accountability ", "title summary heading body"},
		{"accountab", "title summary heading body"},
		{"ACCOUNTABLE", ""}, // the typed form does not occur: no stem to look up
		// Accents folded both ways; French stems; elision. Stems are shared across
		// languages, so cognates match: "sécurité" and "security" are both "secur".
		{"securite", "francais none"},
		{"sécurité civils", "francais"},
		{"onu", "francais"},
		{"l'ONU", "francais"},
		{"alerte", "francais early"},
		{"protègent", "francais"},
		// Numbers and resolution symbols.
		{"2406", "none"},
		{"S/RES/2406", "none"},
		{"resolution 2406", "none"},
		// Hyphens both ways, the possessive.
		{"early-warning", "early"},
		{"earlywarning", "early"},
		{"early warning", "early"},
		// Every word is required; stop words are ignored; nothing found says so.
		{"accountability peace", "heading title"}, // "peace" is also a prefix of "peacekeeping"
		{"accountability peace ", "heading"},
		{"the accountability", "title summary heading body"},
		{"zzzz", ""},
		{"accountability zzzz", ""},
		// No query: newest first.
		{"", "none body heading summary title francais early"},
		{"the", "none body heading summary title francais early"},
	} {
		r, err := searchtest.NewReader(ix)
		if err != nil {
			t.Fatal(err)
		}
		if got := slugs(ask(t, r, searchtest.Query{Q: c.q})); got != c.want {
			t.Errorf("Search(%q) = %q; want %q", c.q, got, c.want)
		}
	}
}

func TestFacets(t *testing.T) {
	ix, err := search.Build(search.NewSite(t, search.RankCorpus))
	if err != nil {
		t.Fatal(err)
	}
	r, err := searchtest.NewReader(ix)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q      searchtest.Query
		want   string
		counts map[string]string
	}{
		{searchtest.Query{Q: "accountability", Facets: map[string][]string{"country": {"mali"}}}, "title summary",
			map[string]string{"country": "2 2", "year": "0 0 0 1 1 0 0", "objective": "2 0"}},
		// OR within a facet; counts of a facet ignore its own selection.
		{searchtest.Query{Q: "accountability", Facets: map[string][]string{"country": {"mali", "south-sudan"}}}, "title summary heading",
			map[string]string{"country": "2 2"}},
		// AND across facets.
		{searchtest.Query{Q: "accountability", Facets: map[string][]string{"country": {"south-sudan"}, "year": {"2021"}}}, "summary",
			map[string]string{"country": "1 1", "year": "0 0 1 1 0 0 0"}},
		// Browsing without a query.
		{searchtest.Query{Facets: map[string][]string{"objective": {"accountability"}}}, "francais",
			map[string]string{"objective": "6 1"}},
		{searchtest.Query{Facets: map[string][]string{"year": {"2024", "2018"}}}, "none early", nil},
		{searchtest.Query{Facets: map[string][]string{"year": {"1999"}}}, "", nil}, // unknown value
	} {
		res := ask(t, r, c.q)
		if got := slugs(res); got != c.want {
			t.Errorf("Search(%+v) = %q; want %q", c.q, got, c.want)
		}
		for param, want := range c.counts {
			if got := strings.Trim(fmt.Sprint(res.Counts[param]), "[]"); got != want {
				t.Errorf("Search(%+v) counts[%s] = %s; want %s", c.q, param, got, want)
			}
		}
	}
}

func TestRecords(t *testing.T) {
	s := search.NewSite(t, search.RankCorpus)
	ix, err := search.Build(s)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(ix.Manifest, "/sub/search/manifest.") || !strings.HasSuffix(ix.Manifest, ".bin") {
		t.Errorf("Manifest = %q; want the base path and a hashed name", ix.Manifest)
	}
	r, _ := searchtest.NewReader(ix)
	res := ask(t, r, searchtest.Query{Q: "securite"})
	h := res.Hits[0]
	if h.Title != "La sécurité des civils" || h.URL != "/sub/publications/francais/" || h.Lang != "fr" || !strings.HasPrefix(h.Summary, "Le rôle") {
		t.Errorf("record = %+v", h.Record)
	}
	if got := h.Date; got != 18048 { // 2019-06-01
		t.Errorf("date = %d; want 18048", got)
	}
	res = ask(t, r, searchtest.Query{Q: "mandates"})
	if res.Hits[0].Lang != "" {
		t.Errorf("lang of an English publication = %q; want \"\" (the site's)", res.Hits[0].Lang)
	}
}

// TestShards checks, on a site cut into many small shards, that every surface form
// lies in the shard its key names, that prefixes find every longer form, and that a
// word's query fetches only its shard.
func TestShards(t *testing.T) {
	search.SetShardTarget(t, 2<<10)
	s, err := corpus.Site(60)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.Build(s)
	if err != nil {
		t.Fatal(err)
	}
	r, err := searchtest.NewReader(ix)
	if err != nil {
		t.Fatal(err)
	}
	keys := r.ShardKeys()
	if len(keys) < 20 {
		t.Fatalf("%d shards; want many", len(keys))
	}
	if !slices.IsSortedFunc(keys, search.CompareUTF16) {
		t.Errorf("shard keys not sorted")
	}
	all := map[string]int{}
	for i := range keys {
		surfaces, err := r.ShardSurfaces(i)
		if err != nil {
			t.Fatal(err)
		}
		for _, surf := range surfaces {
			if got := r.ShardFor(surf); got != i {
				t.Errorf("shardFor(%q) = %d; want %d, the shard that holds it", surf, got, i)
			}
			all[surf] = i
		}
	}
	// Prefixes: every surface that starts with the prefix is in the shards it spans.
	checked := 0
	for _, p := range []string{"pro", "prot", "civ", "acc", "mis", "sec", "ka", "ri", "tor", "mel"} {
		sh := r.PrefixShards(p)
		if sh == nil {
			continue
		}
		checked++
		for surf, i := range all {
			if strings.HasPrefix(surf, p) && !slices.Contains(sh, i) {
				t.Errorf("prefixShards(%q) = %v; misses %q in shard %d", p, sh, surf, i)
			}
		}
	}
	if checked == 0 {
		t.Errorf("no prefix within %d shards", searchtest.MaxPrefixShards)
	}
	// One word: the manifest, then its shard only (and display chunks).
	for _, w := range []string{"protection", "mission", "civilians"} {
		r, _ := searchtest.NewReader(ix)
		res := ask(t, r, searchtest.Query{Q: w + " "})
		if res.Total == 0 {
			t.Errorf("Search(%q) found nothing", w)
		}
		var shards []string
		for _, f := range r.Fetched() {
			if strings.HasPrefix(f, "search/s") {
				shards = append(shards, f)
			}
		}
		if want := r.ShardFile(r.ShardFor(w)); len(shards) != 1 || shards[0] != want {
			t.Errorf("Search(%q) fetched shards %v; want [%s]", w, shards, want)
		}
	}
}

// TestPacks checks that a one-word query for a frequent word needs no display chunk.
func TestPacks(t *testing.T) {
	s, err := corpus.Site(300)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.Build(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"protection", "mission", "accountability"} {
		r, _ := searchtest.NewReader(ix)
		res := ask(t, r, searchtest.Query{Q: w})
		if len(res.Hits) != searchtest.PageSize {
			t.Fatalf("Search(%q) = %d hits", w, len(res.Hits))
		}
		if f := r.Fetched(); len(f) != 2 {
			t.Errorf("Search(%q) fetched %v; want the manifest and one shard", w, f)
		}
	}
}

func TestLazyFacets(t *testing.T) {
	if testing.Short() {
		t.Skip("a 1,600-publication index: not in -short")
	}
	s, err := corpus.Site(1600)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.Build(s)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := searchtest.NewReader(ix)
	res := ask(t, r, searchtest.Query{})
	if res.Counts["author"] != nil || res.Counts["objective"] == nil {
		t.Fatalf("first load: counts for %v; want objective but not author", res.Counts)
	}
	res = ask(t, r, searchtest.Query{Open: []string{"author"}})
	if res.Counts["author"] == nil {
		t.Fatalf("author facet opened: no counts")
	}
	key := r.FacetKeys("author")[0]
	r2, _ := searchtest.NewReader(ix)
	res2 := ask(t, r2, searchtest.Query{Facets: map[string][]string{"author": {key}}})
	if res2.Total != res.Counts["author"][0] || res2.Total == 0 {
		t.Errorf("filtering by author %s: %d results; count said %d", key, res2.Total, res.Counts["author"][0])
	}
}

func TestEmptySite(t *testing.T) {
	ix, err := search.Build(search.NewSite(t, map[string]string{"content/publications/.keep": ""})) // a folder, empty
	if err != nil {
		t.Fatal(err)
	}
	r, err := searchtest.NewReader(ix)
	if err != nil {
		t.Fatal(err)
	}
	if res := ask(t, r, searchtest.Query{Q: "anything"}); res.Total != 0 {
		t.Errorf("empty site: %d results", res.Total)
	}
	if res := ask(t, r, searchtest.Query{}); res.Total != 0 {
		t.Errorf("empty site, no query: %d results", res.Total)
	}
}

// TestJSEngineParity runs the same queries through search.js (Engine, reading the
// files from disk) and Reader, and compares results, counts and the files fetched.
func TestJSEngineParity(t *testing.T) {
	testtool.Command(t, "node", "install Node.js")
	search.SetShardTarget(t, 4<<10)
	s, err := corpus.Site(400)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.Build(s)
	if err != nil {
		t.Fatal(err)
	}
	var queries []searchtest.Query
	for _, q := range []string{"", "protection", "protection ", "protection civilians", "accountab", "sécurité", "securite civils",
		"2406", "S/RES/2406", "early-warning", "l'ONU", "the mission's mandate", "zzzz", "pro", "p", "mission zzzz", "ka", "kari"} {
		queries = append(queries, searchtest.Query{Q: q})
	}
	queries = append(queries,
		searchtest.Query{Q: "protection", Facets: map[string][]string{"objective": {"accountability", "priority"}, "year": {"2015"}}},
		searchtest.Query{Facets: map[string][]string{"country": {"mali"}}, Open: []string{"author"}},
		searchtest.Query{Q: "mission", Facets: map[string][]string{"type": {"report"}}, Page: 2},
		searchtest.Query{Q: "civilians", Open: []string{"country", "mission", "author"}, Page: 1},
	)
	engineParity(t, ix, queries)
}

// engineParity runs queries through search.js's Engine, reading ix's files from disk,
// and through Reader, and compares results, counts and the files fetched.
func engineParity(t *testing.T, ix *search.Index, queries []searchtest.Query) {
	t.Helper()
	dir := writeIndex(t, ix)
	type jsQuery struct {
		Q      string              `json:"q"`
		Facets map[string][]string `json:"facets"`
		Open   []string            `json:"open"`
		Page   int                 `json:"page"`
	}
	type jsResult struct {
		Total   int              `json:"total"`
		Docs    []int            `json:"docs"`
		Scores  []int            `json:"scores"`
		Titles  []string         `json:"titles"`
		Counts  map[string][]int `json:"counts"`
		Fetched []string         `json:"fetched"`
	}
	var in struct {
		Dir      string    `json:"dir"`
		Manifest string    `json:"manifest"`
		Queries  []jsQuery `json:"queries"`
	}
	in.Dir, in.Manifest = dir, ix.Files[0].Path
	for _, q := range queries {
		in.Queries = append(in.Queries, jsQuery{q.Q, q.Facets, q.Open, q.Page})
	}
	var got []jsResult
	search.RunNode(t, `
const fs = require("fs"), path = require("path"), out = [];
for (const q of input.queries) {
  const fetched = [];
  const e = new S.Engine(input.manifest, async (u) => { fetched.push(u); return new Uint8Array(fs.readFileSync(path.join(input.dir, u))); });
  const r = await e.search({ q: q.q, facets: q.facets || {}, open: new Set(q.open || []), page: q.page });
  out.push({ total: r.total, docs: r.hits.map((h) => h.doc), scores: r.hits.map((h) => h.score), titles: r.hits.map((h) => h.rec.title), counts: r.counts, fetched: fetched.sort() });
}
console.log(JSON.stringify(out));`, in, &got)
	for i, q := range queries {
		r, err := searchtest.NewReader(ix)
		if err != nil {
			t.Fatal(err)
		}
		res := ask(t, r, q)
		var want jsResult
		want.Total, want.Counts = res.Total, res.Counts
		for _, h := range res.Hits {
			want.Docs = append(want.Docs, h.Doc)
			want.Scores = append(want.Scores, h.Score)
			want.Titles = append(want.Titles, h.Title)
		}
		want.Fetched = r.Fetched()
		slices.Sort(want.Fetched)
		g := got[i]
		if g.Total != want.Total || fmt.Sprint(g.Docs) != fmt.Sprint(want.Docs) || fmt.Sprint(g.Scores) != fmt.Sprint(want.Scores) ||
			fmt.Sprint(g.Titles) != fmt.Sprint(want.Titles) || fmt.Sprint(g.Counts) != fmt.Sprint(want.Counts) || fmt.Sprint(g.Fetched) != fmt.Sprint(want.Fetched) {
			t.Errorf("query %+v:\nJavaScript %+v\nGo         %+v", q, g, want)
		}
	}
}

// writeIndex writes the files of ix to a temporary directory, which it returns.
func writeIndex(t *testing.T, ix *search.Index) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range ix.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
