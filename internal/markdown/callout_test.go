package markdown

import (
	"slices"
	"strings"
	"testing"
)

// An unknown marker is an error at its line and column, with the marker meant when it
// is a likely typo; the blockquote stays a blockquote.
func TestCalloutUnknownMarker(t *testing.T) {
	src := "\n\nIntro.\n\n> [!KEYS] Key findings\n> Text.\n\n- item\n\n  > [!Warning]\n  > Careful.\n"
	doc, errs := New(Options{}).Render("content/publications/a.md", []byte(src), nil)
	want := []string{
		`content/publications/a.md:5:3: unknown callout [!KEYS]: folio knows [!KEY] (a box of key findings) and [!QUOTE] (a pull quote) (did you mean [!KEY]?)`,
		`content/publications/a.md:10:5: unknown callout [!Warning]: folio knows [!KEY] (a box of key findings) and [!QUOTE] (a pull quote)`,
	}
	errs.Sort()
	if len(errs) != len(want) {
		t.Fatalf("got %d diagnostics:\n%v\nwant %d", len(errs), errs, len(want))
	}
	for i, w := range want {
		if got := errs[i].Error(); got != w {
			t.Errorf("diagnostic %d = %q\nwant           %q", i, got, w)
		}
	}
	if !strings.Contains(doc.HTML, "<blockquote>\n<p>[!KEYS] Key findings\nText.</p>") {
		t.Errorf("the blockquote with an unknown marker is not kept as written:\n%s", doc.HTML)
	}
}

// Callouts are text for search and meta descriptions like the rest of the body, their
// ids are deep-link targets, and a key findings box inside the recommendations section
// neither breaks the extraction nor becomes a recommendation.
func TestCalloutTextAndRecommendations(t *testing.T) {
	src := "> [!KEY]\n> Patrols fell by half.\n\n## Recommendations\n\n> [!KEY] In short\n> - Not a recommendation.\n\n### To the Security Council\n\n- Renew the mandate.\n\n> [!QUOTE]\n> We are alone.\n> — A. K., community leader\n"
	doc, errs := New(Options{}).Render("a.md", []byte(src), nil)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	for _, s := range []string{"Key findings\nPatrols fell by half.", "In short\nNot a recommendation.", "We are alone.\nA. K., community leader"} {
		if !strings.Contains(doc.Text, s) {
			t.Errorf("Text lacks %q:\n%s", s, doc.Text)
		}
	}
	if len(doc.Recommendations) != 1 || doc.Recommendations[0].Text != "Renew the mandate." || doc.Recommendations[0].Addressee != "Security Council" {
		t.Errorf("Recommendations = %+v; want the one item for the Security Council", doc.Recommendations)
	}
	for _, id := range []string{"key-findings", "in-short"} {
		if !slices.Contains(doc.IDs, id) {
			t.Errorf("IDs = %q; want %q among them", doc.IDs, id)
		}
	}
}

// Markers in odd places render without a crash: alone, empty, in deep lists, as the
// only line of a nested quote, after a reference definition named like a marker.
func TestCalloutOddPlaces(t *testing.T) {
	for _, src := range []string{
		"> [!KEY]",
		"> [!QUOTE]\n",
		"> [!QUOTE]\n> — \n",
		"> [!QUOTE]\n> —\n",
		"> [!KEY]\n>\n> > [!QUOTE]\n> > — Name\n",
		"1. one\n   - two\n     > [!KEY] Deep\n     > > [!QUOTE]\n     > > Words\n     > > -- Who\n",
		"[!key]: https://example.org/\n\n> [!KEY] linked\n",
		"> [!KEY] *Key\n> findings*\n> Text\n",
		"> [!QUOTE]\n> *Words\n> -- Who*\n",
	} {
		doc, errs := New(Options{}).Render("a.md", []byte(src), nil)
		if errs.HasErrors() {
			t.Errorf("%q: %v", src, errs)
		}
		if doc.HTML == "" {
			t.Errorf("%q: no HTML", src)
		}
	}
}

// An empty callout, as a skeleton leaves it, is unfinished: a warning the caller makes
// an error for a publication that is not a draft.
func TestCalloutEmpty(t *testing.T) {
	doc, errs := New(Options{}).Render("a.md", []byte("Intro.\n\n> [!KEY] Findings\n\n> [!QUOTE]\n> \n\n> [!KEY]\n> Full.\n"), nil)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, w := range doc.Unfinished {
		got = append(got, w.Error())
	}
	want := []string{
		"a.md:3:3: warning: empty box of key findings: write the findings on the lines under [!KEY], each starting with >, or delete the marker",
		"a.md:5:3: warning: empty pull quote: write the quotation on the lines under [!QUOTE], each starting with >, or delete the marker",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Unfinished =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
