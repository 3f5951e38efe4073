package site

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"folio/internal/config"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// An Edition is the site in one of its languages (config.Language): the default
// language's at the site's root, each other's under /<code>/. Its lists count each
// publication once: a brief translated into French appears in every edition's lists
// once, as its French edition in the French one, as its edition in the default language
// elsewhere (or, when it has none there, the edition published first). Each
// publication's own pages belong to the edition of its language (Site.EditionOf).
type Edition struct {
	Language *config.Language
	// Publications are the edition's list: one per translation group, newest first.
	Publications []*Publication
	// Taxonomies are the site's taxonomies as the edition shows them: the same keys and
	// terms, the names the language gives them, URLs under the edition's prefix, and
	// each term's publications from the edition's list.
	Taxonomies []*Taxonomy
	Addressees []*Addressee // recommendations of the edition's publications, by addressee
	Documents  []*Document  // UN documents the edition's publications cite
	Featured   *Publication
	Updated    time.Time

	site  *Site
	terms map[string]*Term // "taxonomy/key" → the edition's term
}

// URL returns the site-relative URL of a path inside the edition: "/fr/publications/".
func (e *Edition) URL(p string) string {
	return e.site.URL(e.Language.Prefix() + strings.TrimPrefix(p, "/"))
}

// Term returns the edition's term of a term of the site's (a publication's Objectives,
// Countries...), or nil.
func (e *Edition) Term(t *Term) *Term {
	if t == nil {
		return nil
	}
	return e.terms[t.Taxonomy.Key+"/"+t.Key]
}

// Taxonomy returns the edition's taxonomy with the key, or nil.
func (e *Edition) Taxonomy(key string) *Taxonomy {
	for _, t := range e.Taxonomies {
		if t.Key == key {
			return t
		}
	}
	return nil
}

// EditionOf returns the edition a publication's pages belong to: its language's, or
// the default edition for a language the site does not list.
func (s *Site) EditionOf(p *Publication) *Edition { return s.edition(p.Lang) }

// PageEdition returns the edition a plain page belongs to, as EditionOf does.
func (s *Site) PageEdition(p *Page) *Edition { return s.edition(p.Lang) }

func (s *Site) edition(lang string) *Edition {
	l := s.Config.LanguageOf(lang)
	for _, e := range s.Editions {
		if e.Language == l {
			return e
		}
	}
	return s.Editions[0]
}

// group is the translation group of a publication, the editions lists count once: its
// translation_key, or itself. An edition in a language the site does not list is not
// counted with the others: the lists it is in (the default edition's) show it beside
// them, as they did before the site listed languages.
func group(cfg *config.Config, p *Publication) string {
	switch {
	case p.TranslationKey == "":
		return "src:" + p.Source
	case !cfg.Lists(p.Lang):
		return "key:" + p.TranslationKey + "\x00" + p.Lang
	}
	return "key:" + p.TranslationKey
}

// pick returns the edition of a translation group that a list in language l shows:
// the one in l, else the one in the default language, else the first published.
func pick(g []*Publication, l *config.Language, cfg *config.Config) *Publication {
	best := g[0]
	rank := func(p *Publication) int {
		switch cfg.LanguageOf(p.Lang) {
		case l:
			return 0
		case cfg.DefaultLanguage():
			return 1
		}
		return 2
	}
	for _, p := range g[1:] {
		if c := cmp.Or(cmp.Compare(rank(p), rank(best)), p.Date.Compare(best.Date), cmp.Compare(p.Source, best.Source)); c < 0 {
			best = p
		}
	}
	return best
}

// editions makes the site's editions, one per configured language, and then takes
// translations out of every publication's related list (each related group once, in
// the publication's language when it can).
func (b *builder) editions() {
	s := b.site
	groups := map[string][]*Publication{}
	var order []string
	for _, p := range s.Publications {
		k := group(s.Config, p)
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], p)
	}
	for i := range s.Config.Languages {
		l := &s.Config.Languages[i]
		e := &Edition{Language: l, site: s, terms: map[string]*Term{}}
		for _, k := range order {
			e.Publications = append(e.Publications, pick(groups[k], l, s.Config))
		}
		// Groups are in the order of their newest edition; the list is by the date of
		// the edition shown.
		slices.SortStableFunc(e.Publications, func(a, b *Publication) int { return a.index - b.index })
		e.taxonomies(s.Taxonomies)
		e.Addressees = addressees(e.Publications, s.Config.AddresseeAliases())
		if s.Config.UNDocuments {
			e.Documents = documents(e.Publications)
		}
		for _, p := range e.Publications {
			e.Updated = maxTime(e.Updated, p.Date, p.Updated)
			if e.Featured == nil && p.Featured && !p.Draft && !p.Scheduled {
				e.Featured = p
			}
		}
		s.Editions = append(s.Editions, e)
	}
	for _, p := range s.Publications {
		if len(p.Related) == 0 || len(groups) == len(s.Publications) {
			continue
		}
		l := s.Config.LanguageOf(p.Lang)
		seen := map[string]bool{group(s.Config, p): true}
		var related []*Publication
		for _, q := range p.Related {
			if k := group(s.Config, q); !seen[k] {
				seen[k] = true
				related = append(related, pick(groups[k], l, s.Config))
			}
		}
		p.Related = related
	}
}

// Collator sorts names in the alphabetical order of the language code: accents after
// the plain letter, case ignored (golang.org/x/text/collate).
func Collator(code string) *collate.Collator {
	tag, err := language.Parse(code)
	if err != nil {
		tag = language.Und
	}
	return collate.New(tag, collate.IgnoreCase)
}

// taxonomies makes the edition's taxonomies from the site's.
func (e *Edition) taxonomies(site []*Taxonomy) {
	l := e.Language
	for _, t := range site {
		et := &Taxonomy{Key: t.Key, Title: t.Title, Singular: t.Singular, URL: e.URL(t.Key + "/")}
		for _, tm := range t.Terms {
			title := tm.Title
			switch t.Key {
			case "objectives", "series":
				title = l.Translate(t.Key, tm.Key, title)
			case "types":
				title = l.Translate("types/plural", tm.Key, title)
			case "countries", "missions":
				title = l.Translate(t.Key, tm.Key, title)
			}
			et.Terms = append(et.Terms, &Term{Taxonomy: et, Key: tm.Key, Title: title, Number: tm.Number,
				Description: l.Translate("objectives/description", tm.Key, tm.Description),
				URL:         et.URL + tm.Key + "/", Profile: tm.Profile})
			e.terms[t.Key+"/"+tm.Key] = et.Terms[len(et.Terms)-1]
		}
		e.Taxonomies = append(e.Taxonomies, et)
	}
	add := func(tms []*Term, p *Publication) {
		for _, tm := range tms {
			if et := e.Term(tm); et != nil {
				et.Publications = append(et.Publications, p)
			}
		}
	}
	for _, p := range e.Publications {
		add(p.Objectives, p)
		add([]*Term{p.Type, p.Year, p.Series}, p)
		add(p.Countries, p)
		add(p.Missions, p)
		add(p.Authors, p)
	}
	for _, et := range e.Taxonomies {
		switch et.Key {
		case "objectives", "types":
			continue // every term, in site.yaml's order
		case "series":
			for _, tm := range et.Terms {
				slices.SortStableFunc(tm.Publications, func(a, b *Publication) int { return cmp.Compare(b.Number, a.Number) })
			}
			continue
		}
		et.Terms = slices.DeleteFunc(et.Terms, func(tm *Term) bool { return len(tm.Publications) == 0 })
		if et.Key != "years" && !e.Language.Default {
			// In the language's alphabetical order: French "États" among the E's.
			col := Collator(e.Language.Code)
			slices.SortStableFunc(et.Terms, func(a, b *Term) int { return col.CompareString(a.Title, b.Title) })
		}
	}
}
