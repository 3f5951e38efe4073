package site

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"folio/internal/diag"
	"folio/internal/par"
	"folio/internal/slug"
)

// Taxonomy keys, in the order the site shows them.
var taxonomyDefs = []struct{ key, title, singular string }{
	{"objectives", "Objectives", "Objective"},
	{"types", "Publication types", "Type"},
	{"countries", "Countries", "Country"},
	{"missions", "Missions", "Mission"},
	{"authors", "Authors", "Author"},
	{"years", "Years", "Year"},
}

func (b *builder) taxonomies(errs *diag.List) {
	s := b.site
	tax := map[string]*Taxonomy{}
	for _, d := range taxonomyDefs {
		t := &Taxonomy{Key: d.key, Title: d.title, Singular: d.singular, URL: s.URL(d.key + "/")}
		tax[d.key] = t
		s.Taxonomies = append(s.Taxonomies, t)
	}
	term := func(t *Taxonomy, key, title string) *Term {
		return &Term{Taxonomy: t, Key: key, Title: title, URL: t.URL + key + "/"}
	}
	objectives := map[string]*Term{}
	for _, o := range s.Config.Objectives {
		tm := term(tax["objectives"], o.Key, o.Title)
		tm.Number, tm.Description = o.Number, o.Description
		objectives[o.Key] = tm
		tax["objectives"].Terms = append(tax["objectives"].Terms, tm)
	}
	slices.SortFunc(tax["objectives"].Terms, func(a, b *Term) int { return cmp.Compare(a.Number, b.Number) })
	types := map[string]*Term{}
	for _, ty := range s.Config.Types {
		tm := term(tax["types"], ty.Key, ty.Plural)
		types[ty.Key] = tm
		tax["types"].Terms = append(tax["types"].Terms, tm)
	}

	// Free-form taxonomies: terms keyed by slug; the most used spelling is the title.
	// A country or mission that site.yaml's languages name is one term whatever the
	// language a publication writes it in; its title is the default language's name
	// for it, or the spelling publications in the default language use most.
	type freeTerm struct {
		term      *Term
		spellings map[string]int
	}
	def := s.Config.DefaultLanguage()
	free := map[string]map[string]*freeTerm{"countries": {}, "missions": {}, "authors": {}, "years": {}}
	add := func(taxKey string, p *Publication, name, field string) *Term {
		key := slug.Make(name)
		if k := s.Config.TermKey(taxKey, name); k != "" {
			key = k
		}
		if key == "" {
			errs.Errorf(p.Pos(field), "%s: %q has no letters or digits to make a URL from", field, name)
			return nil
		}
		ft := free[taxKey][key]
		if ft == nil {
			ft = &freeTerm{term: term(tax[taxKey], key, name), spellings: map[string]int{}}
			free[taxKey][key] = ft
		}
		if s.Config.LanguageOf(p.Lang) == def {
			ft.spellings[name] += 1 << 20 // any default-language spelling beats the others
		}
		ft.spellings[name]++
		ft.term.Publications = append(ft.term.Publications, p)
		return ft.term
	}
	for _, p := range s.Publications { // newest first, so term lists are too
		p.Type = types[p.Page.Type]
		p.Type.Publications = append(p.Type.Publications, p)
		for _, k := range p.Page.Objectives {
			tm := objectives[k]
			tm.Publications = append(tm.Publications, p)
			p.Objectives = append(p.Objectives, tm)
		}
		for _, c := range p.Page.Countries {
			if tm := add("countries", p, c, "countries"); tm != nil {
				p.Countries = append(p.Countries, tm)
			}
		}
		for _, m := range p.Page.Missions {
			if tm := add("missions", p, m, "missions"); tm != nil {
				p.Missions = append(p.Missions, tm)
			}
		}
		for _, a := range p.Page.Authors {
			if tm := add("authors", p, a, "authors"); tm != nil {
				p.Authors = append(p.Authors, tm)
			}
		}
		p.Year = add("years", p, strconv.Itoa(p.Date.Year()), "date")
	}
	for taxKey, terms := range free {
		t := tax[taxKey]
		for _, ft := range terms {
			best := ""
			for name, n := range ft.spellings {
				if best == "" || n > ft.spellings[best] || (n == ft.spellings[best] && name < best) {
					best = name
				}
			}
			ft.term.Title = def.Translate(taxKey, ft.term.Key, best)
			t.Terms = append(t.Terms, ft.term)
		}
		if taxKey == "years" {
			slices.SortFunc(t.Terms, func(a, b *Term) int { return cmp.Compare(b.Key, a.Key) })
		} else {
			slices.SortFunc(t.Terms, func(a, b *Term) int {
				return cmp.Or(cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), cmp.Compare(a.Key, b.Key))
			})
		}
	}
	// Author terms: a publication lists authors in its own order; keep that.
}

// related picks up to five publications that share the most with each one: objectives,
// countries and missions weigh more than authors; newer breaks ties.
func (b *builder) related(cache *Cache) {
	pubs := b.site.Publications
	if cache.reuseRelated(pubs) {
		return
	}
	defer cache.storeRelated(pubs)
	par.Each(len(pubs), 0, func() func(int) {
		score := make([]int, len(pubs))
		var touched []int
		return func(i int) {
			p := pubs[i]
			touched = touched[:0]
			bump := func(terms []*Term, weight int) {
				for _, t := range terms {
					for _, q := range t.Publications {
						j := q.index
						if j == i {
							continue
						}
						if score[j] == 0 {
							touched = append(touched, j)
						}
						score[j] += weight
					}
				}
			}
			bump(p.Objectives, 2)
			bump(p.Countries, 3)
			bump(p.Missions, 3)
			bump(p.Authors, 1)
			// The five best, newest first on equal scores (pubs is newest first, so
			// the lower index wins). A selection, not a sort: touched can hold most
			// of the site.
			var best [5]int
			n := 0
			for _, j := range touched {
				k := n
				for k > 0 && (score[j] > score[best[k-1]] || score[j] == score[best[k-1]] && j < best[k-1]) {
					k--
				}
				if k >= len(best) {
					continue
				}
				copy(best[k+1:min(n+1, len(best))], best[k:min(n, len(best)-1)])
				best[k] = j
				n = min(n+1, len(best))
			}
			for _, j := range best[:n] {
				p.Related = append(p.Related, pubs[j])
			}
			for _, j := range touched {
				score[j] = 0
			}
		}
	})
}

// translations links the editions that share a translation_key: publications', and
// plain pages'.
func (b *builder) translations() {
	link(b.site.Publications, func(p *Publication) (string, *[]*Publication) { return p.TranslationKey, &p.Translations })
	link(b.site.Pages, func(p *Page) (string, *[]*Page) { return p.TranslationKey, &p.Translations })
}

// link sets each item's translations (the list key gives) to the other items with its
// translation key.
func link[T comparable](items []T, key func(T) (string, *[]T)) {
	groups := map[string][]T{}
	for _, it := range items {
		if k, _ := key(it); k != "" {
			groups[k] = append(groups[k], it)
		}
	}
	for _, it := range items {
		k, list := key(it)
		for _, other := range groups[k] {
			if k != "" && other != it {
				*list = append(*list, other)
			}
		}
	}
}

// Coverage counts publications per objective and year, for the objectives page and
// folio report.
type Coverage struct {
	Years []int // every year from the oldest publication to the newest, ascending
	Rows  []CoverageRow
}

// A CoverageRow is one objective's count per year, aligned with Coverage.Years.
type CoverageRow struct {
	Term   *Term
	Counts []int
	Latest time.Time // date of its newest publication; zero when it has none
}

// Coverage computes the table from the model: its default edition's, which counts each
// publication once, whatever its translations.
func (s *Site) Coverage() Coverage { return s.Editions[0].Coverage() }

// Coverage computes the table from the edition's publications.
func (s *Edition) Coverage() Coverage {
	var c Coverage
	if len(s.Publications) > 0 {
		newest, oldest := s.Publications[0].Date.Year(), s.Publications[len(s.Publications)-1].Date.Year()
		for y := oldest; y <= newest; y++ {
			c.Years = append(c.Years, y)
		}
	}
	for _, t := range s.Taxonomy("objectives").Terms {
		row := CoverageRow{Term: t, Counts: make([]int, len(c.Years))}
		for _, p := range t.Publications {
			row.Counts[p.Date.Year()-c.Years[0]]++
		}
		if len(t.Publications) > 0 {
			row.Latest = t.Publications[0].Date
		}
		c.Rows = append(c.Rows, row)
	}
	return c
}
