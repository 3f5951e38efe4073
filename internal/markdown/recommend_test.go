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
