package markdown

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// parseLikeRender parses src as Render does: same goldmark configuration, same heading
// id generator.
func parseLikeRender(r *Renderer, src []byte) ast.Node {
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	return r.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
}

func TestExtractRecommendations(t *testing.T) {
	type rec = Recommendation
	tests := []struct {
		name string
		md   string
		want []rec
	}{
		{
			name: "form A",
			md: `## Overview

To the UN Security Council:

- Not a recommendation: outside the section.

## Recommendations

To the UN Security Council:

- Request reports on *early warning*.
- Ensure air
  assets.

To the mission's leadership:

- Establish a single assessment.

To the host government:

1. Act on early warnings.
`,
			want: []rec{
				{"UN Security Council", "Request reports on early warning.", "rec-un-security-council-1"},
				{"UN Security Council", "Ensure air assets.", "rec-un-security-council-2"},
				{"mission’s leadership", "Establish a single assessment.", "rec-missions-leadership-1"},
				{"host government", "Act on early warnings.", "rec-host-government-1"},
			},
		},
		{
			name: "form B",
			md: `## Recommendations

### To Senior Mission Leadership

- A.
- B.

### To the UN Secretariat (DPO)

- C.

### Member States

- D.

### The African Union (AU):

- E.
`,
			want: []rec{
				{"Senior Mission Leadership", "A.", "rec-senior-mission-leadership-1"},
				{"Senior Mission Leadership", "B.", "rec-senior-mission-leadership-2"},
				{"UN Secretariat (DPO)", "C.", "rec-un-secretariat-dpo-1"},
				{"Member States", "D.", "rec-member-states-1"},
				{"African Union (AU)", "E.", "rec-african-union-au-1"},
			},
		},
		{
			name: "mixed",
			md: `## Key Recommendations:

Our recommendations follow.

- General.

**To the Council:**

- Council one.

To do so, Member States should:

- Still the Council's.

### To Member States

- MS one.

To the President:

- President one.

#### On funding

- MS again.
`,
			want: []rec{
				{"", "General.", "rec-1"},
				{"Council", "Council one.", "rec-council-1"},
				{"Council", "Still the Council’s.", "rec-council-2"},
				{"Member States", "MS one.", "rec-member-states-1"},
				{"President", "President one.", "rec-president-1"},
				{"Member States", "MS again.", "rec-member-states-2"},
			},
		},
		{
			name: "nested lists",
			md: `## Recommendations

To the Council:

- Parent item
  - child one
  - child *two*

    1. grandchild
- Second.
`,
			want: []rec{
				{"Council", "Parent item child one child two grandchild", "rec-council-1"},
				{"Council", "Second.", "rec-council-2"},
			},
		},
		{
			name: "no section",
			md: `## Findings

To the Council:

- Not a recommendation.

### Recommendations

- Not one either: an H3.
`,
		},
		{
			name: "followed by another H2",
			md: `## Recommendations

To the Council:

- In section.

## Annex

To the Council:

- Not in section.

# Part two

## recommendations

- Second section, no addressee.

To the Council:

- Council again.
`,
			want: []rec{
				{"Council", "In section.", "rec-council-1"},
				{"", "Second section, no addressee.", "rec-1"},
				{"Council", "Council again.", "rec-council-2"},
			},
		},
		{
			name: "H3 that is not an addressee",
			md: `## Recommendations

### To the Council

- A.

#### On mandates

- B.

### Implementation timeline

- C.

### To strengthen protection, missions must

- D.

To Member States:

- E.

#### Funding

- F.
`,
			want: []rec{
				{"Council", "A.", "rec-council-1"},
				{"Council", "B.", "rec-council-2"},
				{"", "C.", "rec-1"},
				{"", "D.", "rec-2"},
				{"Member States", "E.", "rec-member-states-1"},
				{"", "F.", "rec-3"},
			},
		},
		{
			name: "ids taken by headings",
			md: `## Rec Council 1

## Recommendations {#rec-council-2}

To the Council:

- A.
- B.
- C.
`,
			want: []rec{
				{"Council", "A.", "rec-council-1-2"},
				{"Council", "B.", "rec-council-2-2"},
				{"Council", "C.", "rec-council-3"},
			},
		},
		{
			name: "text decoding",
			md: `## Recommendations

To the mission's "leadership" &amp; Côte d'Ivoire:

- Use \*stars\* &amp; &#233; and ` + "`code &amp;`" + ` -- see <https://example.org/x>.[^1]
- <b>Raw</b> HTML is dropped...

[^1]: A note.
`,
			want: []rec{
				{"mission’s “leadership” & Côte d’Ivoire", "Use *stars* & é and code &amp; – see https://example.org/x.", "rec-missions-leadership-cote-divoire-1"},
				{"mission’s “leadership” & Côte d’Ivoire", "Raw HTML is dropped…", "rec-missions-leadership-cote-divoire-2"},
			},
		},
		{
			name: "French form A",
			md: "## Recommandations\u00a0:\n\n" + `**Au Conseil de sécurité :**

- Subordonner chaque phase du retrait à des critères de protection.

À cette fin, le Conseil devrait :

- Toujours au Conseil.

Au niveau national :

- Toujours au Conseil, encore.

` + "À l’attention du gouvernement hôte\u00a0:" + `

- Présenter un plan.

À l'attention de la Mission :

- Publier les évaluations.

` + "Aux États membres\u202f:" + `

- Financer le transfert.

À la direction de la mission:

- Consulter les acteurs humanitaires.

A l'attention des bailleurs de fonds :

- Financer la société civile.

À l’Union africaine :

- Appuyer.

À la MINUSCA :

- Protéger les membres des comités.

À l’attention :

- Toujours la MINUSCA.
`,
			want: []rec{
				{"Conseil de sécurité", "Subordonner chaque phase du retrait à des critères de protection.", "rec-conseil-de-securite-1"},
				{"Conseil de sécurité", "Toujours au Conseil.", "rec-conseil-de-securite-2"},
				{"Conseil de sécurité", "Toujours au Conseil, encore.", "rec-conseil-de-securite-3"},
				{"gouvernement hôte", "Présenter un plan.", "rec-gouvernement-hote-1"},
				{"Mission", "Publier les évaluations.", "rec-mission-1"},
				{"États membres", "Financer le transfert.", "rec-etats-membres-1"},
				{"direction de la mission", "Consulter les acteurs humanitaires.", "rec-direction-de-la-mission-1"},
				{"bailleurs de fonds", "Financer la société civile.", "rec-bailleurs-de-fonds-1"},
				{"Union africaine", "Appuyer.", "rec-union-africaine-1"},
				{"MINUSCA", "Protéger les membres des comités.", "rec-minusca-1"},
				{"MINUSCA", "Toujours la MINUSCA.", "rec-minusca-2"},
			},
		},
		{
			name: "French form B",
			md: `## Principales recommandations

### Conseil de sécurité

- A.

#### Sur les mandats

- B.

### Au Secrétariat (DOP)

- C.

### Les États membres

- D.

### Mission de l’ONU au Soudan du Sud

- E.

### Mandats et moyens

- F.

### Les États membres doivent

- G.
`,
			want: []rec{
				{"Conseil de sécurité", "A.", "rec-conseil-de-securite-1"},
				{"Conseil de sécurité", "B.", "rec-conseil-de-securite-2"},
				{"Secrétariat (DOP)", "C.", "rec-secretariat-dop-1"},
				{"États membres", "D.", "rec-etats-membres-1"},
				{"Mission de l’ONU au Soudan du Sud", "E.", "rec-mission-de-lonu-au-soudan-du-sud-1"},
				{"", "F.", "rec-1"},
				{"", "G.", "rec-2"},
			},
		},
		{
			name: "English head nouns that are French too",
			md: `## Recommendations

### Mission planning

- A.

### Forces and enablers

- B.
`,
			want: []rec{
				{"", "A.", "rec-1"},
				{"", "B.", "rec-2"},
			},
		},
		{
			name: "Arabic",
			md: `## التوصيات:

**إلى مجلس الأمن:**

- أن يطلب تقارير منتظمة.

إلى أن يتحقق ذلك، ينبغي للمجلس:

- أن يبقى البند للمجلس.

الى الدول الأعضاء :

- تمويل المنظمات المحلية.

إلى جانب ذلك:

- تمويل آخر.

### قيادة البعثة

- نشر تقييمات المخاطر.

### إلى «…»:

- بلا اسم.

### خطة العمل

- بلا جهة.
`,
			want: []rec{
				{"مجلس الأمن", "أن يطلب تقارير منتظمة.", "rec-مجلس-الامن-1"},
				{"مجلس الأمن", "أن يبقى البند للمجلس.", "rec-مجلس-الامن-2"},
				{"الدول الأعضاء", "تمويل المنظمات المحلية.", "rec-الدول-الاعضاء-1"},
				{"الدول الأعضاء", "تمويل آخر.", "rec-الدول-الاعضاء-2"},
				{"قيادة البعثة", "نشر تقييمات المخاطر.", "rec-قيادة-البعثة-1"},
				// An addressee without letters or digits has no slug: the position form.
				{"«…»", "بلا اسم.", "rec-1"},
				{"", "بلا جهة.", "rec-2"},
			},
		},
		{
			name: "Arabic vocalised and unvocalised spell one id",
			md: `## أهم التوصيات

إلى مجلسِ الأمنِ:

- أ.

إلى مجلس الامن:

- ب.
`,
			want: []rec{
				{"مجلسِ الأمنِ", "أ.", "rec-مجلس-الامن-1"},
				{"مجلس الامن", "ب.", "rec-مجلس-الامن-2"},
			},
		},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.md)
			root := parseLikeRender(r, src)
			got := extractRecommendations(root, src)
			if !slices.Equal(got, tt.want) {
				t.Errorf("extractRecommendations(%q) =\n%s\nwant\n%s", tt.md, recList(got), recList(tt.want))
			}
			var buf bytes.Buffer
			if err := r.md.Renderer().Render(&buf, src, root); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			for _, rec := range got {
				if n := strings.Count(out, `<li id="`+rec.ID+`">`); n != 1 {
					t.Errorf("%d <li id=%q> in\n%s", n, rec.ID, out)
				}
				if n := strings.Count(out, `id="`+rec.ID+`"`); n != 1 {
					t.Errorf("id %q appears %d times in\n%s", rec.ID, n, out)
				}
			}
			if n := strings.Count(out, `<li id="rec-`); n != len(got) {
				t.Errorf("%d list items with ids; want %d\n%s", n, len(got), out)
			}
		})
	}
}

func TestIsRecommendationsHeading(t *testing.T) {
	tests := map[string]bool{
		"Recommendations":                 true,
		"Key Recommendations:":            true,
		"Recommandations":                 true,
		"Recommandations\u00a0:":          true,
		"Recommandations\u202f:":          true,
		"Principales recommandations":     true,
		"Recommandations clés":            true,
		"RECOMMANDATIONS CLES :":          true,
		"التوصيات":                        true,
		"التوصيات:":                       true,
		"التوصيات،":                       true,
		"التوصيات الرئيسية":               true,
		"أهم التوصيات":                    true,
		"اهم التوصيات":                    true,
		"Recommandation":                  false,
		"Nos recommandations":             false,
		"Recommandations aux bailleurs":   false,
		"Recommendations for the Council": false,
		"توصيات":                          false,
		"":                                false,
	}
	for in, want := range tests {
		if got := isRecommendationsHeading(in); got != want {
			t.Errorf("isRecommendationsHeading(%q) = %v; want %v", in, got, want)
		}
	}
}

// TestAddresseeLines checks each form of addressee line, as a paragraph (which needs
// its colon) and as a heading (which does not), and lines that read as sentences.
func TestAddresseeLines(t *testing.T) {
	tests := []struct {
		in        string
		para, hdg string // "" when not an addressee
	}{
		{"To the UN Security Council:", "UN Security Council", "UN Security Council"},
		{"To the UN Security Council", "", "UN Security Council"},
		{"To do so, the Council should:", "", ""},
		{"Au Conseil de sécurité :", "Conseil de sécurité", "Conseil de sécurité"},
		{"Au Conseil de sécurité\u00a0:", "Conseil de sécurité", "Conseil de sécurité"},
		{"Au Conseil de sécurité\u202f:", "Conseil de sécurité", "Conseil de sécurité"},
		{"Au Conseil de sécurité:", "Conseil de sécurité", "Conseil de sécurité"},
		{"Au Conseil de sécurité", "", "Conseil de sécurité"},
		{"Aux États membres :", "États membres", "États membres"},
		{"Aux pays contributeurs de troupes et de police :", "pays contributeurs de troupes et de police", "pays contributeurs de troupes et de police"},
		{"À la MONUSCO :", "MONUSCO", "MONUSCO"},
		{"À la direction de la mission :", "direction de la mission", "direction de la mission"},
		{"À l'Union africaine :", "Union africaine", "Union africaine"},
		{"À l’ONU :", "ONU", "ONU"},
		{"À l'attention de l'équipe de pays :", "équipe de pays", "équipe de pays"},
		{"À l’attention du gouvernement hôte :", "gouvernement hôte", "gouvernement hôte"},
		{"À l’attention des États membres :", "États membres", "États membres"},
		{"À l’attention de la Mission :", "Mission", "Mission"},
		{"À l’attention de MINUSCA :", "MINUSCA", "MINUSCA"},
		{"À l’attention d’Amnesty International :", "Amnesty International", "Amnesty International"},
		{"A l'attention du Secrétariat :", "Secrétariat", "Secrétariat"},
		{"A la Mission :", "Mission", "Mission"},
		{"À Mme la Représentante spéciale :", "Mme la Représentante spéciale", "Mme la Représentante spéciale"},
		{"À cette fin, le Conseil devrait :", "", ""},
		{"Au Conseil, qui doit agir :", "", ""},
		{"Les États membres peuvent :", "", ""},
		{"À cette fin :", "", ""},
		{"Au niveau national :", "", ""},
		{"À court terme :", "", ""},
		{"À l’attention :", "", ""},
		{"À l’échelle locale :", "", ""},
		{"A few points:", "", ""},
		{"À :", "", ""},
		{"إلى مجلس الأمن:", "مجلس الأمن", "مجلس الأمن"},
		{"الى مجلس الأمن:", "مجلس الأمن", "مجلس الأمن"},
		{"إلى مجلس الأمن :", "مجلس الأمن", "مجلس الأمن"},
		{"إلى مجلس الأمن", "", "مجلس الأمن"},
		{"إلى اليونيفيل:", "اليونيفيل", "اليونيفيل"},
		{"إلى جانب ذلك:", "", ""},
		{"إلى المجلس الذي ينبغي أن يتحرك:", "", ""},
		{"إلى الدول التي يجب عليها:", "", ""},
		{"يجب على مجلس الأمن:", "", ""},
	}
	for _, tt := range tests {
		got, ok := paragraphAddressee(tt.in)
		if got != tt.para || ok != (tt.para != "") {
			t.Errorf("paragraphAddressee(%q) = %q, %v; want %q", tt.in, got, ok, tt.para)
		}
		got, ok = headingAddressee(tt.in)
		if got != tt.hdg || ok != (tt.hdg != "") {
			t.Errorf("headingAddressee(%q) = %q, %v; want %q", tt.in, got, ok, tt.hdg)
		}
	}
	// Headings naming an addressee by its head noun, first in French and Arabic.
	for in, want := range map[string]string{
		"Conseil de sécurité":                      "Conseil de sécurité",
		"Le Conseil de sécurité :":                 "Conseil de sécurité",
		"États membres":                            "États membres",
		"L’Union africaine":                        "Union africaine",
		"Secrétaire général":                       "Secrétaire général",
		"Bailleurs de fonds":                       "Bailleurs de fonds",
		"Mission de l’ONU":                         "Mission de l’ONU",
		"Missions de maintien de la paix":          "Missions de maintien de la paix",
		"Forces armées centrafricaines":            "Forces armées centrafricaines",
		"مجلس الأمن":                               "مجلس الأمن",
		"الدول الأعضاء":                            "الدول الأعضاء",
		"الأمانة العامة للأمم المتحدة":             "الأمانة العامة للأمم المتحدة",
		"Member States":                            "Member States",
		"The UN Secretariat (DPO)":                 "UN Secretariat (DPO)",
		"Mission planning":                         "",
		"Forces and enablers":                      "",
		"Direction of travel":                      "",
		"Mandats et moyens":                        "",
		"Les États membres doivent":                "",
		"Conseil de sécurité et mandats devraient": "",
		"خطة العمل":                                "",
		"على مجلس الأمن أن":                        "",
	} {
		got, ok := headingAddressee(in)
		if got != want || ok != (want != "") {
			t.Errorf("headingAddressee(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func recList(recs []Recommendation) string {
	var b strings.Builder
	for _, r := range recs {
		b.WriteString("\t" + strings.Join([]string{r.Addressee, r.Text, r.ID}, " | ") + "\n")
	}
	return b.String()
}

// siteAliases is the alias table of the example.
var siteAliases = map[string][]string{
	"Mission leadership": {"mission leadership", "the mission's leadership", "senior mission leadership"},
	"Host governments":   {"host government"},
}

func TestNormalizeAddressee(t *testing.T) {
	tests := []struct{ in, want string }{
		{"To the mission's leadership:", "Mission leadership"},
		{"mission’s leadership", "Mission leadership"},
		{"  Senior   Mission LEADERSHIP ", "Mission leadership"},
		{"To mission leadership", "Mission leadership"},
		{"the host government", "Host governments"},
		{"Host Governments:", "Host governments"},
		{"Hôst góvernment", "Host governments"},
		{"To the UN Security Council:", "UN Security Council"},
		{"member States", "Member States"},
		{"troop- and police-contributing countries", "Troop- and police-contributing countries"},
		{"élus locaux", "Élus locaux"},
		{"To the", "The"}, // nothing follows "the": it is the name
		{"  :", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeAddressee(tt.in, siteAliases); got != tt.want {
			t.Errorf("NormalizeAddressee(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
	// Overlapping variants resolve to the first canonical name in sorted order.
	overlap := map[string][]string{"B": {"x"}, "A": {"x"}, "C": {"b"}}
	for _, in := range []string{"x", "X", "b"} {
		want := map[string]string{"x": "A", "X": "A", "b": "B"}[in]
		if got := NormalizeAddressee(in, overlap); got != want {
			t.Errorf("NormalizeAddressee(%q, overlap) = %q; want %q", in, got, want)
		}
	}
	// French and Arabic spellings are variants like any other: cleaned of their
	// prefix and article, case, accents and hamza ignored.
	multi := map[string][]string{
		"UN Security Council": {"Conseil de sécurité", "مجلس الأمن"},
		"Member States":       {"États membres", "الدول الأعضاء"},
	}
	for in, want := range map[string]string{
		"Au Conseil de sécurité :":             "UN Security Council",
		"conseil de securite":                  "UN Security Council",
		"Le Conseil de Sécurité":               "UN Security Council",
		"À l’attention du Conseil de sécurité": "UN Security Council",
		"إلى مجلس الامن:":                      "UN Security Council",
		"مجلس الأمن":                           "UN Security Council",
		"Aux États membres\u202f:":             "Member States",
		"etats membres":                        "Member States",
		"الدول الاعضاء":                        "Member States",
		"À la direction de la mission :":       "Direction de la mission",
		"إلى قيادة البعثة:":                    "قيادة البعثة",
	} {
		if got := NormalizeAddressee(in, multi); got != want {
			t.Errorf("NormalizeAddressee(%q, multi) = %q; want %q", in, got, want)
		}
	}
	if got := NormalizeAddressee("to the council", nil); got != "Council" {
		t.Errorf("NormalizeAddressee(%q, nil) = %q; want %q", "to the council", got, "Council")
	}
}

// TestSampleSite extracts the recommendations of every publication of the bundled
// sample site: they must reach at least four addressees across at least five
// publications, with working anchors.
func TestSampleSite(t *testing.T) {
	content := os.DirFS("../../content")
	r := New(Options{})
	byAddressee := map[string]map[string]bool{} // normalised addressee → publications
	pubs := map[string]bool{}
	editions := map[string]map[string]bool{} // French and Arabic edition → its addressees
	err := fs.WalkDir(content, "publications", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".md" {
			return err
		}
		raw, err := fs.ReadFile(content, p)
		if err != nil {
			return err
		}
		src := blankFrontMatter(raw)
		root := parseLikeRender(r, src)
		recs := extractRecommendations(root, src)
		if m := editionLang.FindSubmatch(raw); m != nil {
			editions[p+" ("+string(m[1])+")"] = map[string]bool{}
			for _, rec := range recs {
				editions[p+" ("+string(m[1])+")"][rec.Addressee] = true
			}
		}
		var buf bytes.Buffer
		if err := r.md.Renderer().Render(&buf, src, root); err != nil {
			return err
		}
		for _, rec := range recs {
			if rec.Addressee == "" {
				t.Errorf("%s: recommendation %q has no addressee", p, rec.Text)
			}
			if !strings.Contains(buf.String(), `<li id="`+rec.ID+`">`) {
				t.Errorf("%s: no <li id=%q> in the page", p, rec.ID)
			}
			a := NormalizeAddressee(rec.Addressee, siteAliases)
			if byAddressee[a] == nil {
				byAddressee[a] = map[string]bool{}
			}
			byAddressee[a][p] = true
			pubs[p] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for a, ps := range byAddressee {
		t.Logf("%-45s %d publications", a, len(ps))
	}
	if len(byAddressee) < 4 || len(pubs) < 5 {
		t.Errorf("recommendations to %d addressees across %d publications; want at least 4 across 5", len(byAddressee), len(pubs))
	}
	// The French and Arabic editions address their recommendations in their language.
	langs := map[string]int{}
	for e, as := range editions {
		langs[e[len(e)-3:len(e)-1]]++
		if len(as) < 2 {
			t.Errorf("%s: recommendations to %d addressees; want at least 2", e, len(as))
		}
	}
	if langs["fr"] < 3 || langs["ar"] < 2 {
		t.Errorf("the sample site has %d French and %d Arabic editions; want at least 3 and 2", langs["fr"], langs["ar"])
	}
	// The alias table folds the sample site's spellings of mission leadership.
	if n := len(byAddressee["Mission leadership"]); n < 5 {
		t.Errorf("Mission leadership: %d publications; want at least 5", n)
	}
	for a := range byAddressee {
		if strings.Contains(strings.ToLower(a), "leadership") && a != "Mission leadership" {
			t.Errorf("addressee %q was not folded into Mission leadership", a)
		}
	}
}

// editionLang finds a French or Arabic edition's lang key in its front matter.
var editionLang = regexp.MustCompile(`(?m)\A---\r?\n(?:.*\r?\n)*?lang: (fr|ar)\r?\n`)

var frontMatter = regexp.MustCompile(`(?s)\A---\r?\n.*?\r?\n---\r?\n`)

// blankFrontMatter replaces a leading "---" block with as many newlines, as the build
// does, so offsets stay file offsets.
func blankFrontMatter(b []byte) []byte {
	m := frontMatter.Find(b)
	if m == nil {
		return b
	}
	out := bytes.Repeat([]byte("\n"), bytes.Count(m, []byte("\n")))
	return append(out, b[len(m):]...)
}

// FuzzExtractRecommendations checks that any Markdown gives recommendations without
// panicking, with ids unique in the document and carried by list items.
func FuzzExtractRecommendations(f *testing.F) {
	for _, s := range []string{
		"## Recommendations\n\nTo the Council:\n\n- a\n- b\n",
		"## Recommendations\n\n### To Member States\n\n- a\n  - b\n\n### x\n\n1. c\n",
		"## Rec Council 1\n\n## Recommendations {#rec-council-2}\n\nTo the Council:\n\n- a\n- b\n",
		"## recommendations\n\n- \n-\n\n> - quoted\n\n## Recommendations\n\n* x\n",
		"## Recommandations\u00a0:\n\n**Au Conseil de sécurité\u202f:**\n\n- a\n\n### À l’attention des États membres\n\n- b\n",
		"## التوصيات\n\nإلى مجلس الأمن:\n\n- أ\n\n### الدول الأعضاء\n\n- ب\n\nإلى «…»:\n\n- ج\n",
	} {
		f.Add(s)
	}
	r := New(Options{})
	f.Fuzz(func(t *testing.T, md string) {
		src := []byte(md)
		root := parseLikeRender(r, src)
		before := documentIDs(root)
		recs := extractRecommendations(root, src)
		seen := map[string]bool{}
		for _, rec := range recs {
			if !strings.HasPrefix(rec.ID, "rec-") {
				t.Fatalf("id %q lacks the rec- prefix", rec.ID)
			}
			if seen[rec.ID] {
				t.Fatalf("duplicate id %q", rec.ID)
			}
			if before[rec.ID] {
				t.Fatalf("id %q was already used in the document", rec.ID)
			}
			seen[rec.ID] = true
		}
		// Every id set is on a list item, and there are as many as recommendations.
		onItems := 0
		ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && n.Kind() == ast.KindListItem {
				if v, ok := n.AttributeString("id"); ok {
					if id, _ := v.([]byte); seen[string(id)] {
						onItems++
					}
				}
			}
			return ast.WalkContinue, nil
		})
		if onItems != len(recs) {
			t.Fatalf("%d list items carry recommendation ids; want %d", onItems, len(recs))
		}
		var buf bytes.Buffer
		if err := r.md.Renderer().Render(&buf, src, root); err != nil {
			t.Fatal(err)
		}
	})
}
