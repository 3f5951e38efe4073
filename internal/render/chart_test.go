package render

import (
	"strings"
	"testing"
)

// The chart writes years in full and titles both axes.
func TestBarChartLabels(t *testing.T) {
	svg := string(barChart("c", &TermView{Number: 1, Title: "Priority"}, []int{2023, 2024}, []int{3, 0}, 3,
		chartWords{title: "Publications per year, objective 1 (Priority)", count: "Publications", year: "Year"}))
	for _, want := range []string{`class="year">2023</text>`, `class="year">2024</text>`, `class="axis">Publications</text>`, `class="axis">Year</text>`, "objective 1 (Priority): 2023: 3, 2024: 0"} {
		if !strings.Contains(svg, want) {
			t.Errorf("no %s in\n%s", want, svg)
		}
	}
}
