package main

import (
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"folio/internal/i18n"

	"github.com/chromedp/chromedp"
)

// themeStrings reads the default theme's interface strings in lang, which the sample
// site does not override, for what its pages should say.
func themeStrings(t *testing.T, lang string) *i18n.Strings {
	t.Helper()
	name := "themes/default/i18n/" + lang + ".yaml"
	data, err := os.ReadFile("../../" + name)
	if err != nil {
		t.Fatal(err)
	}
	s, err := i18n.Parse(lang, i18n.File{Name: name, Data: data})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// searchPageText is what the search page shows in words: the filters' summary, each
// facet's legend, the facets' labels and the results' dates.
type searchPageText struct {
	Summary string            `json:"summary"`
	Legends map[string]string `json:"legends"` // facet URL parameter → legend
	Labels  []string          `json:"labels"`
	Dates   [][2]string       `json:"dates"` // datetime, text
	Kinds   []string          `json:"kinds"` // the results' types, in their kickers
}

const searchPageTextJS = `(() => {
  const legends = {};
  for (const fs of document.querySelectorAll("#search-facets fieldset")) {
    const box = fs.querySelector("input");
    if (box) legends[box.name] = fs.querySelector("legend").textContent;
  }
  return {
    summary: document.querySelector("#search-filters > summary").textContent,
    legends,
    labels: [...document.querySelectorAll("#search-facets label")].map((l) => l.textContent),
    dates: [...document.querySelectorAll("#search-results time")].map((t) => [t.dateTime, t.textContent]),
    kinds: [...document.querySelectorAll("#search-results .kicker")].map((k) => k.firstChild.textContent.trim()),
  };
})()`

func (p *browserPage) searchText() searchPageText {
	p.t.Helper()
	var v searchPageText
	p.evalInto(&v, searchPageTextJS)
	return v
}

// checkDates checks that every result's date is written as the theme's strings in the
// page's language write it ("1er mars 2024"), and that there is one.
func checkDates(t *testing.T, str *i18n.Strings, got searchPageText) {
	t.Helper()
	if len(got.Dates) == 0 {
		t.Fatalf("no result dates on the %s search page", str.Lang)
	}
	for _, d := range got.Dates {
		day, err := time.Parse(time.DateOnly, d[0])
		if err != nil {
			t.Fatalf("result date %q: %v", d[0], err)
		}
		if want := str.Date(day); d[1] != want {
			t.Errorf("result dated %s shows %q, want %q", d[0], d[1], want)
		}
	}
}

// TestSearchI18nFrench: /fr/search/ says everything in French (the status, the
// filters' summary, the facets' legends and term names, the results' dates) and picks
// French plural forms; a query found only in another language says so in French.
func TestSearchI18nFrench(t *testing.T) {
	fr := themeStrings(t, "fr")
	p := startSearchBrowser(t)
	p.open("/fr/search/")
	s := p.waitStatus("de la plus récente à la plus ancienne")
	if n := len(s.Links); n < 2 || !regexp.MustCompile(`^\d+\x{00A0}publications, de la plus récente à la plus ancienne\.$`).MatchString(s.Status) {
		t.Errorf("status of /fr/search/ with %d results: %q, want \"N\u00a0publications, de la plus récente à la plus ancienne.\"", n, s.Status)
	}
	got := p.searchText()
	for param, key := range map[string]string{"objective": "taxonomy_objectives", "year": "taxonomy_years", "type": "taxonomy_types"} {
		if want, _ := fr.T(key); got.Legends[param] != want {
			t.Errorf("legend of the %s facet: %q, want %q", param, got.Legends[param], want)
		}
	}
	if want := "Langue"; got.Legends["language"] != want {
		t.Errorf("legend of the language facet: %q, want %q", got.Legends["language"], want)
	}
	if !strings.Contains(strings.Join(got.Labels, "\n"), "1. La protection, une priorité (") {
		t.Errorf("no facet labelled with the French name of objective 1, \"La protection, une priorité\": %q", got.Labels)
	}
	if !strings.Contains(strings.Join(got.Labels, "\n"), "Toutes les langues (") {
		t.Errorf("the language facet has no \"Toutes les langues\": %q", got.Labels)
	}
	checkDates(t, fr, got)
	for _, k := range got.Kinds {
		if !slices.Contains([]string{"Rapport", "Note d’orientation", "Note thématique", "Commentaire"}, k) {
			t.Errorf("a result's type is %q, want one of site.yaml's French names of one publication's type", k)
		}
	}

	// One filter on: the status and the summary say so, with the singular.
	p.do("checking the first objective", chromedp.Evaluate[chromedp.Void](`(() => {
  document.getElementById("search-filters").open = true;
  const box = document.querySelector('#search-facets input[name="objective"]');
  box.closest("details").open = true;
  box.click();
})()`))
	s = p.waitStatus("aux filtres")
	if !regexp.MustCompile(`^\d+\x{00A0}publications? correspond(ent)? aux filtres\.$`).MatchString(s.Status) {
		t.Errorf("status with an objective chosen: %q", s.Status)
	}
	if got := p.searchText().Summary; got != "Filtres (1\u00a0actif)" {
		t.Errorf("summary of the filters with one chosen: %q, want \"Filtres (1\u00a0actif)\"", got)
	}

	p.open("/fr/search/?q=zyzzyvaquux")
	s = p.waitStatus("zyzzyvaquux")
	if want := "Aucune publication ne correspond à «\u00a0zyzzyvaquux\u00a0»."; s.Status != want {
		t.Errorf("status for a word in no publication: %q, want %q", s.Status, want)
	}

	p.typeInto("#search-q", "الازرق") // in the title of the Arabic edition of the UNIFIL brief
	s = p.waitStatus("dans d’autres langues")
	if !strings.HasPrefix(s.Status, "Aucune publication ne correspond à «\u00a0الازرق\u00a0». ") ||
		!strings.HasSuffix(s.Status, "dans d’autres langues\u00a0: choisissez «\u00a0Toutes les langues\u00a0» dans les filtres.") {
		t.Errorf("status for a word found only in other languages: %q", s.Status)
	}
	if strings.Contains(s.Status, "publications, newest first") || strings.Contains(s.Status, "match") {
		t.Errorf("English in the French status: %q", s.Status)
	}
}

// TestSearchI18nArabic: /ar/search/ writes its status with Arabic plural forms, and its
// facets' legends, objectives and dates in Arabic.
func TestSearchI18nArabic(t *testing.T) {
	ar := themeStrings(t, "ar")
	p := startSearchBrowser(t)
	p.open("/ar/search/")
	s := p.waitFor("the results", `document.querySelectorAll("#search-results > li").length > 0 && document.getElementById("search-status").textContent !== ""`)
	// Fewer than a page of Arabic publications: the status counts the results shown.
	if want, _ := ar.N("search_newest", len(s.Links)); s.Status != want {
		t.Errorf("status of /ar/search/ with %d results: %q, want %q", len(s.Links), s.Status, want)
	}
	if strings.Contains(s.Status, "newest first") {
		t.Errorf("English in the Arabic status: %q", s.Status)
	}
	got := p.searchText()
	if want, _ := ar.T("taxonomy_objectives"); got.Legends["objective"] != want {
		t.Errorf("legend of the objective facet: %q, want %q", got.Legends["objective"], want)
	}
	if !strings.Contains(strings.Join(got.Labels, "\n"), "1. الحماية أولوية (") {
		t.Errorf("no facet labelled with the Arabic name of objective 1, \"الحماية أولوية\": %q", got.Labels)
	}
	checkDates(t, ar, got)
}

// TestRecommendationsI18n: filtering the French and Arabic recommendations pages
// counts the recommendations shown in the page's language.
func TestRecommendationsI18n(t *testing.T) {
	p := startSearchBrowser(t)
	for _, lang := range []string{"fr", "ar"} {
		str := themeStrings(t, lang)
		path := "/" + lang + "/recommendations/"
		p.open(path)
		p.do("choosing an objective on "+path, chromedp.Evaluate[chromedp.Void](`(() => {
  const sel = document.getElementById("rec-objective");
  sel.value = sel.options[1].value;
  sel.dispatchEvent(new Event("change", { bubbles: true }));
})()`))
		var got struct {
			Status       string `json:"status"`
			Shown, Total int
		}
		p.evalInto(&got, `({
  status: document.getElementById("rec-status").textContent,
  shown: document.querySelectorAll(".recs li:not([hidden])").length,
  total: document.querySelectorAll(".recs li").length,
})`)
		want, err := str.N("rec_shown", got.Shown)
		if err != nil {
			t.Fatal(err)
		}
		want = strings.ReplaceAll(want, "{total}", strconv.Itoa(got.Total))
		if got.Shown == 0 || got.Shown == got.Total || got.Status != want {
			t.Errorf("%s: %d of %d recommendations shown, status %q; want some hidden and %q", path, got.Shown, got.Total, got.Status, want)
		}
	}
}
