package search

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/markdown"
	"folio/internal/search/corpus"
	"folio/internal/site"
)

const siteYAML = `title: T
base_url: https://example.org/sub/
language: en
types: [{key: report, title: Report, plural: Reports}, {key: commentary, title: Commentary, plural: Commentary}]
objectives:
  - {key: priority, number: 1, title: Priority}
  - {key: accountability, number: 4, title: Accountability}
`

// pub is a publication's source; fm holds extra front matter lines.
func pub(title, date, summary, fm, body string) string {
	return "---\ntitle: " + title + "\ndate: " + date + "\ntype: report\nobjectives: [1]\nsummary: " + summary + "\n" + fm + "---\n" + body + "\n"
}

func newSite(t testing.TB, files map[string]string) *site.Site {
	t.Helper()
	cfg, err := config.Parse("site.yaml", []byte(siteYAML))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	pages, errs := content.Load(fsys, cfg, content.Options{})
	if errs.HasErrors() {
		t.Fatalf("content: %v", errs)
	}
	s, errs := site.New(cfg, fsys, pages, site.Options{Markdown: markdown.New(markdown.Options{})})
	if errs.HasErrors() {
		t.Fatalf("site: %v", errs)
	}
	return s
}

// rankCorpus has "accountability" once in a different field of each publication, and
// other words to test accents, elision, numbers and facets.
var rankCorpus = map[string]string{
	"content/publications/title.md":    pub("Accountability in peacekeeping", "2020-01-01", "Missions and mandates.", "countries: [Mali]\n", "Some text about missions."),
	"content/publications/summary.md":  pub("Missions under pressure", "2021-01-01", "Why accountability matters.", "countries: [Mali, South Sudan]\n", "Some text about missions."),
	"content/publications/heading.md":  pub("Peace operations", "2022-01-01", "Operations in context.", "countries: [South Sudan]\n", "## Accountability\n\nSome text about missions."),
	"content/publications/body.md":     pub("Mandates and means", "2023-01-01", "Means for mandates.", "", "Some text about accountability and missions."),
	"content/publications/none.md":     pub("Nothing here", "2024-01-01", "Unrelated summary.", "", "Budgets of missions, Security Council resolution 2406 (S/RES/2406)."),
	"content/publications/francais.md": strings.Replace(pub("La sécurité des civils", "2019-06-01", "Le rôle de l'ONU et d'alerte précoce.", "lang: fr\n", "Les missions protègent les civils. Sécurité."), "[1]", "[accountability]", 1),
	"content/publications/early.md":    pub("Early-warning networks", "2018-01-01", "The mission's early warning.", "tags: [early warning]\n", "Community-based alerts."),
}

func search(t *testing.T, r *Reader, q Query) *Result {
	t.Helper()
	res, err := r.Search(q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	return res
}

func slugs(res *Result) string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, strings.TrimSuffix(strings.TrimPrefix(h.URL, "/sub/publications/"), "/"))
	}
	return strings.Join(out, " ")
}

func TestRanking(t *testing.T) {
	ix, err := Build(newSite(t, rankCorpus))
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
		r, err := NewReader(ix)
		if err != nil {
			t.Fatal(err)
		}
		if got := slugs(search(t, r, Query{Q: c.q})); got != c.want {
			t.Errorf("Search(%q) = %q; want %q", c.q, got, c.want)
		}
	}
}

func TestFacets(t *testing.T) {
	ix, err := Build(newSite(t, rankCorpus))
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewReader(ix)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q      Query
		want   string
		counts map[string]string
	}{
		{Query{Q: "accountability", Facets: map[string][]string{"country": {"mali"}}}, "title summary",
			map[string]string{"country": "2 2", "year": "0 0 0 1 1 0 0", "objective": "2 0"}},
		// OR within a facet; counts of a facet ignore its own selection.
		{Query{Q: "accountability", Facets: map[string][]string{"country": {"mali", "south-sudan"}}}, "title summary heading",
			map[string]string{"country": "2 2"}},
		// AND across facets.
		{Query{Q: "accountability", Facets: map[string][]string{"country": {"south-sudan"}, "year": {"2021"}}}, "summary",
			map[string]string{"country": "1 1", "year": "0 0 1 1 0 0 0"}},
		// Browsing without a query.
		{Query{Facets: map[string][]string{"objective": {"accountability"}}}, "francais",
			map[string]string{"objective": "6 1"}},
		{Query{Facets: map[string][]string{"year": {"2024", "2018"}}}, "none early", nil},
		{Query{Facets: map[string][]string{"year": {"1999"}}}, "", nil}, // unknown value
	} {
		res := search(t, r, c.q)
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
	s := newSite(t, rankCorpus)
	ix, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(ix.Manifest, "/sub/search/manifest.") || !strings.HasSuffix(ix.Manifest, ".bin") {
		t.Errorf("Manifest = %q; want the base path and a hashed name", ix.Manifest)
	}
	r, _ := NewReader(ix)
	res := search(t, r, Query{Q: "securite"})
	h := res.Hits[0]
	if h.Title != "La sécurité des civils" || h.URL != "/sub/publications/francais/" || h.Lang != "fr" || !strings.HasPrefix(h.Summary, "Le rôle") {
		t.Errorf("record = %+v", h.Record)
	}
	if got := r.m.days[h.Doc]; got != 18048 { // 2019-06-01
		t.Errorf("date = %d; want 18048", got)
	}
	res = search(t, r, Query{Q: "mandates"})
	if res.Hits[0].Lang != "" {
		t.Errorf("lang of an English publication = %q; want \"\" (the site's)", res.Hits[0].Lang)
	}
}

// TestShards checks, on a site cut into many small shards, that every surface form
// lies in the shard its key names, that prefixes find every longer form, and that a
// word's query fetches only its shard.
func TestShards(t *testing.T) {
	defer func(v int) { shardTarget = v }(shardTarget)
	shardTarget = 2 << 10
	s, err := corpus.Site(60)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewReader(ix)
	if err != nil {
		t.Fatal(err)
	}
	m := r.m
	if len(m.keys) < 20 {
		t.Fatalf("%d shards; want many", len(m.keys))
	}
	if !slices.IsSortedFunc(m.keys, compareUTF16) {
		t.Errorf("shard keys not sorted")
	}
	all := map[string]int{}
	for i := range m.keys {
		if err := r.loadShard(i); err != nil {
			t.Fatal(err)
		}
		for _, surf := range r.shards[i].order {
			if got := m.shardFor(surf); got != i {
				t.Errorf("shardFor(%q) = %d; want %d, the shard that holds it", surf, got, i)
			}
			all[surf] = i
		}
	}
	// Prefixes: every surface that starts with the prefix is in the shards it spans.
	checked := 0
	for _, p := range []string{"pro", "prot", "civ", "acc", "mis", "sec", "ka", "ri", "tor", "mel"} {
		sh := m.prefixShards(p)
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
		t.Errorf("no prefix within %d shards", MaxPrefixShards)
	}
	// One word: the manifest, then its shard only (and display chunks).
	for _, w := range []string{"protection", "mission", "civilians"} {
		r, _ := NewReader(ix)
		res := search(t, r, Query{Q: w + " "})
		if res.Total == 0 {
			t.Errorf("Search(%q) found nothing", w)
		}
		var shards []string
		for _, f := range r.Fetched() {
			if strings.HasPrefix(f, "search/s") {
				shards = append(shards, f)
			}
		}
		if want := fmt.Sprintf("search/s%d.%s.bin", m.shardFor(w), m.gen); len(shards) != 1 || shards[0] != want {
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
	ix, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"protection", "mission", "accountability"} {
		r, _ := NewReader(ix)
		res := search(t, r, Query{Q: w})
		if len(res.Hits) != PageSize {
			t.Fatalf("Search(%q) = %d hits", w, len(res.Hits))
		}
		if f := r.Fetched(); len(f) != 2 {
			t.Errorf("Search(%q) fetched %v; want the manifest and one shard", w, f)
		}
	}
}

func TestLazyFacets(t *testing.T) {
	s, err := corpus.Site(1600)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := NewReader(ix)
	res := search(t, r, Query{})
	if res.Counts["author"] != nil || res.Counts["objective"] == nil {
		t.Fatalf("first load: counts for %v; want objective but not author", res.Counts)
	}
	res = search(t, r, Query{Open: []string{"author"}})
	if res.Counts["author"] == nil {
		t.Fatalf("author facet opened: no counts")
	}
	key := r.m.facets[r.m.facetIndex["author"]].keys[0]
	r2, _ := NewReader(ix)
	res2 := search(t, r2, Query{Facets: map[string][]string{"author": {key}}})
	if res2.Total != res.Counts["author"][0] || res2.Total == 0 {
		t.Errorf("filtering by author %s: %d results; count said %d", key, res2.Total, res.Counts["author"][0])
	}
}

func TestDeterministic(t *testing.T) {
	s := newSite(t, rankCorpus)
	a, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	// Concurrent builds of the same site: same bytes (the site is read-only).
	var wg sync.WaitGroup
	others := make([]*Index, 4)
	for i := range others {
		wg.Go(func() { others[i], _ = Build(s) })
	}
	wg.Wait()
	big, _ := corpus.Site(200)
	b1, _ := Build(big)
	b2, _ := Build(big)
	for _, pair := range [][2]*Index{{a, others[0]}, {a, others[3]}, {b1, b2}} {
		x, y := pair[0], pair[1]
		if x.Manifest != y.Manifest || len(x.Files) != len(y.Files) {
			t.Fatalf("Build differs: %s vs %s", x.Manifest, y.Manifest)
		}
		for i := range x.Files {
			if x.Files[i].Path != y.Files[i].Path || !bytes.Equal(x.Files[i].Data, y.Files[i].Data) {
				t.Errorf("file %d differs: %s vs %s", i, x.Files[i].Path, y.Files[i].Path)
			}
		}
	}
}

// TestFilesCompressed: every index file is stored as raw DEFLATE, which search.js
// inflates, so that it costs as few bytes on a host that does not compress .bin
// responses (GitHub Pages, S3) as on one that does.
func TestFilesCompressed(t *testing.T) {
	s, err := corpus.Site(50)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	stored, inflated := 0, 0
	for i, f := range ix.Files {
		data, err := io.ReadAll(flate.NewReader(bytes.NewReader(f.Data)))
		if err != nil {
			t.Errorf("%s is not raw DEFLATE: %v", f.Path, err)
			continue
		}
		if i == 0 && !bytes.HasPrefix(data, []byte(magic)) {
			t.Errorf("manifest %s inflates to %.10q…; want %q first", f.Path, data, magic)
		}
		stored += len(f.Data)
		inflated += len(data)
	}
	if stored*10 > inflated*7 {
		t.Errorf("the index files take %d bytes for %d inflated; want at most 70%%", stored, inflated)
	}
}

func TestHashedNames(t *testing.T) {
	a, _ := Build(newSite(t, rankCorpus))
	changed := map[string]string{}
	for k, v := range rankCorpus {
		changed[k] = v
	}
	changed["content/publications/body.md"] = strings.Replace(changed["content/publications/body.md"], "Means for mandates.", "Means for mandates, revised.", 1)
	b, _ := Build(newSite(t, changed))
	if a.Manifest == b.Manifest {
		t.Errorf("manifest name unchanged after a summary changed: %s", a.Manifest)
	}
	names := map[string]bool{}
	for _, f := range a.Files {
		names[f.Path] = true
	}
	for _, f := range b.Files {
		if names[f.Path] {
			t.Errorf("%s has the same name in both builds", f.Path)
		}
	}
	for _, f := range a.Files {
		if !strings.HasPrefix(f.Path, "search/") || !strings.HasSuffix(f.Path, ".bin") || strings.Count(f.Path, ".") != 2 {
			t.Errorf("file name %q; want search/<name>.<hash>.bin", f.Path)
		}
	}
}

func TestEmptySite(t *testing.T) {
	ix, err := Build(newSite(t, map[string]string{"content/publications/.keep": ""})) // a folder, empty
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewReader(ix)
	if err != nil {
		t.Fatal(err)
	}
	if res := search(t, r, Query{Q: "anything"}); res.Total != 0 {
		t.Errorf("empty site: %d results", res.Total)
	}
	if res := search(t, r, Query{}); res.Total != 0 {
		t.Errorf("empty site, no query: %d results", res.Total)
	}
}

func BenchmarkBuild(b *testing.B) {
	s, err := corpus.Site(1000)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(s); err != nil {
			b.Fatal(err)
		}
	}
}
