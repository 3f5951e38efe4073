package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"folio/internal/theme"
)

// The chart writes years in full, titles both axes and reads out every value.
func TestBarChartLabels(t *testing.T) {
	c := barChart("c", []int{2023, 2024}, []int{3, 0}, 3,
		chartWords{title: "Publications per year, objective 1 (Priority)", count: "Publications", year: "Year"})
	th, err := theme.Load(fstest.MapFS{}, "default", Funcs(NewAssets("/")))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := th.Page("taxonomy").Lookup("partials/chart.html").Execute(&b, c); err != nil {
		t.Fatal(err)
	}
	svg := b.String()
	for _, want := range []string{`<title id="c-title">Publications per year, objective 1 (Priority): 2023: 3, 2024: 0</title>`,
		`class="year">2023</text>`, `class="year">2024</text>`, `class="axis">Publications</text>`, `class="axis">Year</text>`,
		`<rect x="8" y="30" width="30" height="80" class="bar"/>`, `class="value">3</text>`} {
		if !strings.Contains(svg, want) {
			t.Errorf("no %s in\n%s", want, svg)
		}
	}
	if strings.Count(svg, "<rect") != 1 {
		t.Errorf("a year with no publication has a bar:\n%s", svg)
	}
}
