package render

import (
	"fmt"
	"html"
	"html/template"
	"strings"
)

// CoverageView is the objectives page's table of publications per objective and year.
type CoverageView struct {
	Years []int
	Rows  []CoverageRowView
}

// A CoverageRowView is one objective: its counts per year and a bar chart of them.
type CoverageRowView struct {
	Term   *TermView
	Counts []int
	Chart  template.HTML // an inline SVG bar chart, described by its own <title>
}

func (c *CoverageView) counts() [][]int {
	out := make([][]int, len(c.Rows))
	for i, row := range c.Rows {
		out[i] = row.Counts
	}
	return out
}

func (ed *edition) coverage() *CoverageView {
	c := ed.Coverage()
	v := &CoverageView{Years: c.Years}
	peak := 1
	for _, row := range c.Rows {
		for _, n := range row.Counts {
			peak = max(peak, n)
		}
	}
	for i, row := range c.Rows {
		tv := ed.terms[row.Term]
		v.Rows = append(v.Rows, CoverageRowView{Term: tv, Counts: row.Counts,
			Chart: barChart(fmt.Sprintf("coverage-%d", i+1), tv, c.Years, row.Counts, peak, ed.chartWords(tv))})
	}
	return v
}

// barChart draws counts per year as an SVG of bars on a shared scale (peak), so the
// objectives can be compared at a glance. The SVG is an image with a text title that
// reads out every value; the table beside it is the full alternative.
func barChart(id string, t *TermView, years, counts []int, peak int, words chartWords) template.HTML {
	const (
		barW, gap  = 30, 8  // wide enough for a year in full: "2024", not "24"
		plotH, top = 80, 30 // top: the vertical axis's title and the tallest bar's value
		labelH     = 18
		axisH      = 16 // the horizontal axis's title
		axisColour = "currentColor"
	)
	w := max(len(years)*(barW+gap)+gap, 90) // room for the axis titles with one year
	h := top + plotH + labelH + axisH
	var desc []string
	for i, y := range years {
		desc = append(desc, fmt.Sprintf("%d: %d", y, counts[i]))
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" id="%s" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="%s-title" xmlns="http://www.w3.org/2000/svg">`,
		id, w, h, w, h, id)
	fmt.Fprintf(&b, `<title id="%s-title">%s: %s</title>`,
		id, html.EscapeString(words.title), html.EscapeString(strings.Join(desc, ", ")))
	fmt.Fprintf(&b, `<line x1="0" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="1"/>`, top+plotH, w, top+plotH, axisColour)
	fmt.Fprintf(&b, `<text x="0" y="11" class="axis">%s</text>`, html.EscapeString(words.count))
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" class="axis">%s</text>`, w/2, h-3, html.EscapeString(words.year))
	for i, y := range years {
		x := gap + i*(barW+gap)
		bh := counts[i] * plotH / peak
		if counts[i] > 0 {
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" class="bar"/>`, x, top+plotH-bh, barW, bh)
			fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" class="value">%d</text>`, x+barW/2, top+plotH-bh-4, counts[i])
		}
		if len(years) <= 8 || i%2 == (len(years)-1)%2 { // every other year when crowded, always the last
			fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" class="year">%d</text>`, x+barW/2, top+plotH+labelH-4, y)
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// chartWords are the words of an objective's chart in the page's language: its title
// (read out by screen readers) and the titles of its axes.
type chartWords struct{ title, count, year string }

func (ed *edition) chartWords(t *TermView) chartWords {
	title, _ := ed.f("chart_title", "number", t.Number, "name", t.Title)
	return chartWords{title: title, count: ed.tr("chart_count", "Publications"), year: ed.tr("chart_year", "Year")}
}
