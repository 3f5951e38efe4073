package site

import (
	"strings"
	"testing"
)

const editionsYAML = siteYAML + `languages:
  - code: en
  - code: fr
    objectives: {priority: {title: Priorité}}
    countries: {Central African Republic: République centrafricaine}
  - code: ar
`

func titles(pubs []*Publication) string {
	var out []string
	for _, p := range pubs {
		out = append(out, p.Title+"@"+p.URL)
	}
	return strings.Join(out, " ")
}

// Each edition lists a translated publication once, in its own language where it can;
// each publication's page is in its language's edition; a country written in French
// is the English term.
func TestEditions(t *testing.T) {
	s, errs := loadWith(t, editionsYAML, map[string]string{
		"content/publications/car.md": pub("CAR", "2024-03-01",
			"translation_key: car\ncountries: [Central African Republic]\n"),
		"content/publications/rca.md": pub("RCA", "2024-03-04",
			"lang: fr\ntranslation_key: car\ncountries: [République centrafricaine]\n"),
		"content/publications/mali.md": pub("Mali", "2024-02-01", "countries: [Mali]\n"),
		"content/publications/sahel.md": pub("Sahel", "2024-01-01",
			"lang: fr\ncountries: [Mali]\n"),
	}, Options{})
	if errs != "" {
		t.Fatal(errs)
	}
	if len(s.Editions) != 3 {
		t.Fatalf("%d editions; want en, fr, ar", len(s.Editions))
	}
	en, fr, ar := s.Editions[0], s.Editions[1], s.Editions[2]
	for _, c := range []struct {
		e    *Edition
		want string
	}{
		{en, "CAR@/sub/publications/car/ Mali@/sub/publications/mali/ Sahel@/sub/fr/publications/sahel/"},
		// Listed by the date of the edition shown.
		{fr, "RCA@/sub/fr/publications/rca/ Mali@/sub/publications/mali/ Sahel@/sub/fr/publications/sahel/"},
		{ar, "CAR@/sub/publications/car/ Mali@/sub/publications/mali/ Sahel@/sub/fr/publications/sahel/"},
	} {
		if got := titles(c.e.Publications); got != c.want {
			t.Errorf("%s edition lists %s\nwant %s", c.e.Language.Code, got, c.want)
		}
	}
	if got := len(s.Publications); got != 4 {
		t.Errorf("the site has %d publications; want every edition, 4", got)
	}

	car := fr.Term(s.Taxonomy("countries").Terms[0])
	if car == nil || car.Key != "central-african-republic" || car.Title != "République centrafricaine" || car.URL != "/sub/fr/countries/central-african-republic/" {
		t.Fatalf("French country term = %+v", car)
	}
	if got := titles(car.Publications); got != "RCA@/sub/fr/publications/rca/" {
		t.Errorf("the French term lists %s; want the French edition once", got)
	}
	if got := len(s.Taxonomy("countries").Terms); got != 2 {
		t.Errorf("%d country terms; want 2: the French spelling is the same term", got)
	}
	if enCAR := en.Term(s.Taxonomy("countries").Terms[0]); enCAR.Title != "Central African Republic" {
		t.Errorf("English title = %q", enCAR.Title)
	}
	if o := fr.Taxonomy("objectives").Terms[0]; o.Title != "Priorité" || len(o.Publications) != 3 {
		t.Errorf("French objective = %q with %d publications; want Priorité with 3", o.Title, len(o.Publications))
	}
	if rca := s.Publications[0]; s.EditionOf(rca) != fr || rca.Title != "RCA" {
		t.Errorf("EditionOf(%s) = %s", rca.Title, s.EditionOf(rca).Language.Code)
	}
	// Related lists never offer a publication's own translation, and offer each other
	// publication once, in the reader's language where it exists.
	for _, p := range s.Publications {
		for _, q := range p.Related {
			if q.TranslationKey != "" && q.TranslationKey == p.TranslationKey {
				t.Errorf("%s lists its translation %s as related", p.Title, q.Title)
			}
		}
	}
	if got := s.Coverage().Rows[0].Counts; got[len(got)-1] != 3 {
		t.Errorf("coverage counts %v; want each publication once (3 in 2024)", got)
	}
}
