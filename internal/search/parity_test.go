package search

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"folio/internal/search/corpus"
)

// searchJS is the client whose tokeniser and query logic must match this package.
const searchJS = "../../themes/default/static/search.js"

// node returns the path of node, or skips the test when it is missing outside CI.
func node(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("node is needed for the JavaScript parity tests: %v", err)
		}
		t.Skip("node not found: skipping the JavaScript parity test (it runs in CI)")
	}
	return p
}

// runNode runs a script with search.js loaded as S, feeding input as JSON on stdin, and
// decodes its JSON output into out.
func runNode(t *testing.T, script string, input, out any) {
	t.Helper()
	js, err := filepath.Abs(searchJS)
	if err != nil {
		t.Fatal(err)
	}
	// Opened here, not only by node, so that go test's cache reruns the test when
	// search.js changes.
	if _, err := os.ReadFile(js); err != nil {
		t.Fatal(err)
	}
	in, err := json.Marshal(input)
	if err != nil {
		t.Fatal(err)
	}
	prog := "const S = require(" + strconvQuote(js) + ");\n" +
		"const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n" +
		"(async () => {\n" + script + "\n})().catch((e) => { console.error(e); process.exit(1); });\n"
	cmd := exec.Command(node(t), "-e", prog)
	cmd.Stdin = strings.NewReader(string(in))
	cmd.Stderr = os.Stderr
	data, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	if err := json.Unmarshal(data, out); err != nil {
		t.Fatalf("node output %q: %v", data, err)
	}
}

func strconvQuote(s string) string { b, _ := json.Marshal(s); return string(b) }

func TestJSTokenizerParity(t *testing.T) {
	type tc struct {
		Text  string `json:"text"`
		Lang  string `json:"lang"`
		Index bool   `json:"index"`
	}
	var cases []tc
	for _, c := range tokenCases {
		cases = append(cases, tc{c.text, c.lang, c.index}, tc{c.text, c.lang, !c.index})
	}
	extra := []string{
		"Protection of Civilians (PoC) — UNMISS's “early-warning” system; l'État-major, d’une part.",
		"Résolution 2406 (2018) du Conseil de sécurité : S/RES/2406, §4–5, 1,5 million.",
		"Ärzte ohne Grenzen; São Tomé; Đà Nẵng; Łódź; ﬁnancement; Æsir; þing; Ħamrun.",
		"Κόσμος ΚΌΣΜΟΣ; Москва; עברית; ١٢٣ ٤٥٦; 日本語のテキスト; 한국어 텍스트; ｆｕｌｌｗｉｄｔｈ",
		"a-b-c a'b'c 'a' -b- /c/ x//y x--y x-'y o'brien rock'n'roll it's its' s's",
		"emoji 👩‍⚕️ text 🇺🇳 and \u00ADsoft\u00ADhyphen and zero\u200Bwidth and NBSP\u00A0space",
		"𝐁𝐨𝐥𝐝 𝕕𝕠𝕦𝕓𝕝𝕖 ² ³ ½ Ⅻ ⅻ",
	}
	// A page of the synthetic corpus, for volume.
	fsys := corpus.Files(3)
	for name, f := range fsys {
		if strings.HasSuffix(name, ".md") {
			extra = append(extra, string(f.Data))
		}
	}
	slices.Sort(extra[len(extra)-3:])
	for _, text := range extra {
		for _, lang := range []string{"en", "fr", ""} {
			cases = append(cases, tc{text, lang, true}, tc{text, lang, false})
		}
	}
	type jsCase struct {
		tc
		Stop []string `json:"stop"`
	}
	var jsCases []jsCase
	for _, c := range cases {
		jsCases = append(jsCases, jsCase{c, StopWords(c.Lang)})
	}
	var got [][]string
	runNode(t, `console.log(JSON.stringify(input.map((c) => S.tokens(c.text, new Set(c.stop || []), c.index))));`, jsCases, &got)
	if len(got) != len(cases) {
		t.Fatalf("node returned %d results for %d cases", len(got), len(cases))
	}
	for i, c := range cases {
		want := Tokens(c.Text, c.Lang, c.Index)
		if !slices.Equal(got[i], want) && !(len(got[i]) == 0 && len(want) == 0) {
			t.Errorf("tokens(%q, %q, %v): JavaScript %q, Go %q", c.Text, c.Lang, c.Index, got[i], want)
		}
	}

	var qw []struct {
		Words  []string `json:"words"`
		Prefix bool     `json:"prefix"`
	}
	queries := []string{"accountab", "accountability ", "protection civ", "protection c", "l'ONU", "early-warning", "protection protection", "“quoted”", "", "Sécurité!", "a", "ab"}
	runNode(t, `console.log(JSON.stringify(input.map((q) => S.queryWords(q))));`, queries, &qw)
	for i, q := range queries {
		words, prefix := QueryWords(q)
		if !slices.Equal(qw[i].Words, words) && !(len(words) == 0 && len(qw[i].Words) == 0) || qw[i].Prefix != prefix {
			t.Errorf("queryWords(%q): JavaScript %q %v, Go %q %v", q, qw[i].Words, qw[i].Prefix, words, prefix)
		}
	}
}

// TestJSEngineParity runs the same queries through search.js (Engine, reading the
// files from disk) and Reader, and compares results, counts and the files fetched.
func TestJSEngineParity(t *testing.T) {
	node(t)
	defer func(v int) { shardTarget = v }(shardTarget)
	shardTarget = 4 << 10
	s, err := corpus.Site(400)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
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
	var queries []Query
	for _, q := range []string{"", "protection", "protection ", "protection civilians", "accountab", "sécurité", "securite civils",
		"2406", "S/RES/2406", "early-warning", "l'ONU", "the mission's mandate", "zzzz", "pro", "p", "mission zzzz", "ka", "kari"} {
		queries = append(queries, Query{Q: q})
	}
	queries = append(queries,
		Query{Q: "protection", Facets: map[string][]string{"objective": {"accountability", "priority"}, "year": {"2015"}}},
		Query{Facets: map[string][]string{"country": {"mali"}}, Open: []string{"author"}},
		Query{Q: "mission", Facets: map[string][]string{"type": {"report"}}, Page: 2},
		Query{Q: "civilians", Open: []string{"country", "mission", "author"}, Page: 1},
	)
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
	runNode(t, `
const fs = require("fs"), path = require("path"), out = [];
for (const q of input.queries) {
  const fetched = [];
  const e = new S.Engine(input.manifest, async (u) => { fetched.push(u); return new Uint8Array(fs.readFileSync(path.join(input.dir, u))); });
  const r = await e.search({ q: q.q, facets: q.facets || {}, open: new Set(q.open || []), page: q.page });
  out.push({ total: r.total, docs: r.hits.map((h) => h.doc), scores: r.hits.map((h) => h.score), titles: r.hits.map((h) => h.rec.title), counts: r.counts, fetched: fetched.sort() });
}
console.log(JSON.stringify(out));`, in, &got)
	for i, q := range queries {
		r, err := NewReader(ix)
		if err != nil {
			t.Fatal(err)
		}
		res := search(t, r, q)
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
