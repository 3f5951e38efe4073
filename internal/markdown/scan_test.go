package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// TestScan lists headings (with the ids Render gives them), links and images at their
// line and column.
func TestScan(t *testing.T) {
	src := "\n\n" + `## Key findings

Some [text](other.md#findings) and <https://example.org/a>.

#### Deep {#custom}

> ![A chart](chart.png "t")
>
> ## Key findings
`
	o := New(Options{}).Scan("a.md", []byte(src))
	var got []string
	for _, h := range o.Headings {
		got = append(got, fmt.Sprintf("h%d %s %s", h.Level, h.ID, h.Pos))
	}
	for _, l := range o.Links {
		got = append(got, fmt.Sprintf("link %s %s", l.Dest, l.Pos))
	}
	for _, i := range o.Images {
		got = append(got, fmt.Sprintf("image %s %s", i.Dest, i.Pos))
	}
	want := `h2 key-findings a.md:3:1
h4 custom a.md:7:1
h2 key-findings-2 a.md:11:3
link other.md#findings a.md:5:6
link https://example.org/a a.md:5:36
image chart.png a.md:9:3`
	if g := strings.Join(got, "\n"); g != want {
		t.Errorf("Scan =\n%s\nwant\n%s", g, want)
	}
	// The ids are those Render gives.
	doc, _ := New(Options{}).Render("a.md", []byte(src), nil)
	for _, h := range o.Headings {
		if !strings.Contains(doc.HTML, fmt.Sprintf(`id="%s"`, h.ID)) {
			t.Errorf("Render has no id %q", h.ID)
		}
	}
}
