package markdown

import (
	"strings"
	"testing"
)

// The skeleton of folio new, left as it is, and the usual ways a brief is left unfinished.
func TestUnfinished(t *testing.T) {
	src := "## Summary\n\n\n\n## Key findings\n\n- \n- A real finding.\n\n## Analysis\n\n<!-- to do -->\n\n" +
		"## Recommendations\n\nTo the UN Security Council:\n\n- \n\n### To Member States\n\n*   \n\n## Annex\n\n![A map](https://example.org/m.png)\n\n" +
		"## Background\n\n### History\n\nText.\n\n### Today\n"
	doc, errs := New(Options{}).Render("b.md", []byte(src), nil)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	want := []string{
		`b.md:1:1: warning: the section "Summary" is empty: write it, or delete its heading`,
		`b.md:7:1: warning: empty list item: write it, or delete the line`,
		`b.md:10:1: warning: the section "Analysis" is empty: write it, or delete its heading`,
		`b.md:18:1: warning: empty list item: write it, or delete the line`,
		`b.md:22:1: warning: empty list item: write it, or delete the line`,
		`b.md:34:1: warning: the section "Today" is empty: write it, or delete its heading`,
	}
	if got := doc.Unfinished.Error(); got != strings.Join(want, "\n") {
		t.Errorf("unfinished:\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	// A finished brief has nothing to say.
	doc, _ = New(Options{}).Render("b.md", []byte("## A\n\nText.\n\n- item\n\n## B\n\n### C\n\nMore.\n"), nil)
	if len(doc.Unfinished) > 0 {
		t.Errorf("finished brief: %v", doc.Unfinished)
	}
}

// An empty bullet is no recommendation: a draft built with --drafts would put an empty
// item in the recommendations index and recommendations.json.
func TestEmptyRecommendationSkipped(t *testing.T) {
	doc, _ := New(Options{}).Render("b.md", []byte("## Recommendations\n\nTo the UN Security Council:\n\n- \n- Act.\n"), nil)
	if len(doc.Recommendations) != 1 || doc.Recommendations[0].Text != "Act." {
		t.Errorf("recommendations = %+v; want only \"Act.\"", doc.Recommendations)
	}
}
