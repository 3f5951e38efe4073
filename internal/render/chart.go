package render

import (
	"fmt"
	"strings"
)

// coverageView is the objectives page's table of publications per objective and year.
type coverageView struct {
	Years []int
	Rows  []coverageRowView
}

// A coverageRowView is one objective: its counts per year and a bar chart of them.
type coverageRowView struct {
	Term   *termView
	Counts []int
	Chart  *chartView // its bar chart, drawn by partials/chart.html
}

func (c *coverageView) counts() [][]int {
	out := make([][]int, len(c.Rows))
	for i, row := range c.Rows {
		out[i] = row.Counts
	}
	return out
}

func (ed *edition) coverage() *coverageView {
	c := ed.Coverage()
	v := &coverageView{Years: c.Years}
	peak := 1
	for _, row := range c.Rows {
		for _, n := range row.Counts {
			peak = max(peak, n)
		}
	}
	for i, row := range c.Rows {
		tv := ed.terms[row.Term]
		v.Rows = append(v.Rows, coverageRowView{Term: tv, Counts: row.Counts,
			Chart: barChart(fmt.Sprintf("coverage-%d", i+1), c.Years, row.Counts, peak, ed.chartWords(tv))})
	}
	return v
}

// A chartView is one objective's bars per year, on a scale shared by every objective
// (so they compare at a glance), laid out for partials/chart.html to draw as an SVG
// image whose <title> reads out every value; the table beside it is the full
// alternative.
type chartView struct {
	ID            string // of the <svg>; its title is ID + "-title"
	Width, Height int
	Title         string // "Publications per year, objective 1 (Priority): 2023: 3, 2024: 0"
	CountAxis     string // the vertical axis's title, "Publications"
	YearAxis      string // the horizontal axis's title, "Year"
	Baseline      int    // y of the horizontal axis
	YearAxisX     int    // where the horizontal axis's title is centred
	YearAxisY     int
	Bars          []barView
}

// A barView is one year's bar: its box (none when Value is 0), the y of its value above
// it, and the x of its centre and the y of its year below the axis; ShowYear is false
// for every other year when they are crowded.
type barView struct {
	X, Y, W, H     int
	Value          int
	Centre, ValueY int
	Year, YearY    int
	ShowYear       bool
}

// barChart lays out counts per year on a scale whose top is peak.
func barChart(id string, years, counts []int, peak int, words chartWords) *chartView {
	const (
		barW, gap  = 30, 8  // wide enough for a year in full: "2024", not "24"
		plotH, top = 80, 30 // top: the vertical axis's title and the tallest bar's value
		labelH     = 18
		axisH      = 16 // the horizontal axis's title
	)
	c := &chartView{ID: id, Width: max(len(years)*(barW+gap)+gap, 90), // room for the axis titles with one year
		Height: top + plotH + labelH + axisH, CountAxis: words.count, YearAxis: words.year, Baseline: top + plotH}
	c.YearAxisX, c.YearAxisY = c.Width/2, c.Height-3
	var desc []string
	for i, y := range years {
		desc = append(desc, fmt.Sprintf("%d: %d", y, counts[i]))
		x := gap + i*(barW+gap)
		bh := counts[i] * plotH / peak
		c.Bars = append(c.Bars, barView{X: x, Y: top + plotH - bh, W: barW, H: bh, Value: counts[i],
			Centre: x + barW/2, ValueY: top + plotH - bh - 4, Year: y, YearY: top + plotH + labelH - 4,
			ShowYear: len(years) <= 8 || i%2 == (len(years)-1)%2}) // every other year when crowded, always the last
	}
	c.Title = words.title + ": " + strings.Join(desc, ", ")
	return c
}

// chartWords are the words of an objective's chart in the page's language: its title
// (read out by screen readers) and the titles of its axes.
type chartWords struct{ title, count, year string }

func (ed *edition) chartWords(t *termView) chartWords {
	title, _ := ed.f("chart_title", "number", t.Number, "name", t.Title)
	return chartWords{title: title, count: ed.tr("chart_count", "Publications"), year: ed.tr("chart_year", "Year")}
}
