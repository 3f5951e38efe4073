package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"folio/internal/diag"
	"folio/internal/urlrecord"
)

// claimRecord keeps the URLs of the record of published URLs (package urlrecord): its
// redirects join the aliases' in Site.Redirects, and its gone URLs get their page, each
// claimed as claimAll claims everything else. It runs once everything else is claimed,
// since a recorded URL that the build publishes anyway needs nothing. The paths claimed
// are kept for Serves.
func (b *builder) claimRecord(claim func(siteURL, who string, pos diag.Position), errs *diag.List) {
	s := b.site
	s.served = b.owners // claim adds to it still
	if b.record == nil && !b.updateRecord {
		return
	}
	var pages []urlrecord.Page
	for _, p := range s.Publications {
		pages = append(pages, urlrecord.Page{Source: p.Source, TranslationKey: p.TranslationKey, Lang: p.Lang,
			URL: strings.TrimPrefix(p.URL, strings.TrimSuffix(s.BasePath, "/")), Aliases: p.Aliases,
			Record: !p.Draft && !p.Scheduled})
	}
	for _, p := range s.Pages {
		pages = append(pages, urlrecord.Page{Source: p.Source, URL: strings.TrimPrefix(p.URL, strings.TrimSuffix(s.BasePath, "/")),
			Aliases: p.Aliases, Record: !p.Draft})
	}
	serves := func(path string) bool {
		_, ok := b.owners[s.OutputPath(s.URL(path))]
		return ok
	}
	res, problems := urlrecord.Resolve(b.record, pages, serves, b.updateRecord)
	*errs = append(*errs, problems...)
	s.Record = res.Record
	for _, r := range res.Redirects {
		rd := Redirect{Path: r.From, To: s.URL(r.To), Pos: r.Pos}
		claim(s.URL(rd.Path), fmt.Sprintf("the recorded URL %s in %s", rd.Path, urlrecord.File), rd.Pos)
		s.Redirects = append(s.Redirects, rd)
	}
	slices.SortFunc(s.Redirects, func(a, b Redirect) int { return cmp.Compare(a.Path, b.Path) })
	for _, g := range res.Gone {
		claim(s.URL(g.URL), fmt.Sprintf("the gone URL %s in %s", g.URL, urlrecord.File), g.Pos)
		s.Gone = append(s.Gone, g)
	}
}

// Serves tells whether the site publishes something at the URL path p, written without
// the base URL's path ("/publications/x/", "/publications/x/report.pdf"): a page, a
// redirect, a gone page or a file. The theme's files and the search index, whose names
// are known only when they are made, are not counted.
func (s *Site) Serves(p string) bool {
	_, ok := s.served[s.OutputPath(s.URL(p))]
	return ok
}
