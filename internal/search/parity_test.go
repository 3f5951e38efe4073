package search

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"folio/internal/search/corpus"
	"folio/internal/testtool"
)

// searchJS is the client whose tokeniser and query logic must match this package.
const searchJS = "../../themes/default/static/search.js"

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
	cmd := exec.Command(testtool.Command(t, "node", "install Node.js"), "-e", prog)
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
		jsCases = append(jsCases, jsCase{c, append(sortedStopWords(c.Lang), sortedStopWords("ar")...)})
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
	queries := []string{"accountab", "accountability ", "protection civ", "protection c", "l'ONU", "early-warning", "protection protection", "“quoted”", "", "Sécurité!", "a", "ab",
		"الأُمَم المتّحدة", "مجلس الأمن ", "مـ", "م"}
	runNode(t, `console.log(JSON.stringify(input.map((q) => S.queryWords(q))));`, queries, &qw)
	for i, q := range queries {
		words, prefix := QueryWords(q)
		if !slices.Equal(qw[i].Words, words) && !(len(words) == 0 && len(qw[i].Words) == 0) || qw[i].Prefix != prefix {
			t.Errorf("queryWords(%q): JavaScript %q %v, Go %q %v", q, qw[i].Words, qw[i].Prefix, words, prefix)
		}
	}

	// The stems an Arabic query word is also looked up as: every folded Arabic word of
	// the cases, and the prefixes, suffixes and short words at the length limits.
	stemWords := []string{"", "mission", "2406", "بال", "وال", "ولد", "وزير", "ومجلس", "الها", "الهاه", "مدني", "مدنيين", "ها", "يه", "ي", "و", "وو", "ووو", "وووو", "ووووو",
		"الوطنيات", "فالمدنيون", "كالبيتين", "للبيتها", "بالقرار2406", "الامم", "عربيةx", "αال"}
	for _, c := range tokenCases {
		stemWords = append(stemWords, Tokens(c.text, c.lang, false)...)
	}
	var stems []string
	runNode(t, `console.log(JSON.stringify(input.map((w) => S.arabicStem(w))));`, stemWords, &stems)
	for i, w := range stemWords {
		if want := ArabicStem(w); stems[i] != want {
			t.Errorf("arabicStem(%q): JavaScript %q, Go %q", w, stems[i], want)
		}
	}
}
