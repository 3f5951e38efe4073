package content

import (
	"cmp"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"folio/internal/config"
	"folio/internal/diag"
	"folio/internal/yamldoc"

	"go.yaml.in/yaml/v4"
)

// FullPDFTitle names the full edition when front matter gives it no title.
const FullPDFTitle = "Full report"

// pdfs reads pdf (the full edition, as before pdfs existed) and pdfs (every attached
// PDF, with a title and a language). The full edition comes first and is also PDF, which
// the rest of folio reads: folio pdf makes no PDF for a publication that has one.
func (p *Page) pdfs(d *yamldoc.Decoder, single, list *yaml.Node) {
	if file := p.attachment(d, single, "pdf", ".pdf"); file != "" {
		p.PDF = file
		p.PDFs = append(p.PDFs, PDF{File: file, Title: FullPDFTitle, Lang: p.Lang, Full: true})
	}
	if list == nil {
		return
	}
	var full *yaml.Node // the entry marked full, for the message about a second one
	seen := map[string]bool{p.PDF: p.PDF != ""}
	for _, item := range d.Seq(list, "pdfs") {
		var f PDF
		var fileNode, fullNode *yaml.Node
		d.Map(item, "pdfs entry", []string{"file", "title", "lang", "full"}, func(k string, v *yaml.Node) {
			switch k {
			case "file":
				fileNode = v
			case "title":
				f.Title = strings.Join(strings.Fields(d.String(v)), " ")
			case "lang":
				if f.Lang = d.String(v); !langRE.MatchString(f.Lang) {
					d.Errorf(v, "lang must be a language tag such as \"en\" or \"fr\", not %q", f.Lang)
				}
			case "full":
				f.Full, fullNode = d.Bool(v), v
			}
		})
		if fileNode == nil {
			if item.Kind == yaml.MappingNode {
				d.Errorf(item, "each entry of pdfs needs a file, such as {file: summary.pdf, title: Summary}")
			}
			continue
		}
		if f.File = p.attachment(d, fileNode, "file", ".pdf"); f.File == "" {
			continue
		}
		if seen[f.File] {
			d.Errorf(fileNode, "%q is listed twice (under pdf or pdfs): list each file once", f.File)
			continue
		}
		seen[f.File] = true
		f.Lang = cmp.Or(f.Lang, p.Lang)
		switch {
		case f.Full && p.PDF != "" && full == nil:
			d.Errorf(fullNode, "pdf already names the full edition (%s): remove pdf, or take full: true off this entry", p.PDF)
			continue
		case f.Full && full != nil:
			d.Errorf(fullNode, "only one PDF can be the full edition: line %d marks another", full.Line)
			continue
		case f.Full:
			full, p.PDF = fullNode, f.File
			f.Title = cmp.Or(f.Title, FullPDFTitle)
		case f.Title == "":
			d.Errorf(item, "the PDF %q needs a title, which its link shows, such as \"Summary\" or \"Résumé (français)\"", f.File)
			continue
		}
		p.PDFs = append(p.PDFs, f)
	}
	// The full edition first: lists show it first, and citations take it.
	slices.SortStableFunc(p.PDFs, func(a, b PDF) int {
		switch {
		case a.Full == b.Full:
			return 0
		case a.Full:
			return -1
		}
		return 1
	})
}

// corrections reads the dated correction notices. The last one also sets Updated: a
// corrected publication has changed, and feeds, sitemaps and structured data say so.
func (p *Page) corrections(d *yamldoc.Decoder, n *yaml.Node) {
	if n == nil {
		return
	}
	for _, item := range d.Seq(n, "corrections") {
		var c Correction
		var dateNode *yaml.Node
		d.Map(item, "correction", []string{"date", "text"}, func(k string, v *yaml.Node) {
			switch k {
			case "date":
				dateNode = v
				c.Date = date(d, v, "the date of a correction")
			case "text":
				c.Text = strings.Join(strings.Fields(d.String(v)), " ")
			}
		})
		if item.Kind != yaml.MappingNode {
			continue // Map said so
		}
		switch {
		case dateNode == nil || c.Text == "":
			d.Errorf(item, "a correction needs a date and a text, such as {date: 2024-05-02, text: An earlier version gave the wrong figure for Bor.}")
			continue
		case c.Date.IsZero():
			continue // date said why
		case !p.Date.IsZero() && c.Date.Before(p.Date):
			d.Errorf(dateNode, "the correction's date (%s) is before the publication's date (%s)",
				c.Date.Format(time.DateOnly), p.Date.Format(time.DateOnly))
			continue
		}
		c.Pos = d.Pos(dateNode)
		p.Corrections = append(p.Corrections, c)
		p.Updated = maxTime(p.Updated, c.Date)
	}
	slices.SortStableFunc(p.Corrections, func(a, b Correction) int { return a.Date.Compare(b.Date) })
}

// CheckCorrections reports the corrections dated after at, the moment the site is built
// for (in the site's timezone loc): a correction is published when it is made, so a
// date to come is a typing mistake, which would also set the page's modified date ahead.
func (p *Page) CheckCorrections(at time.Time, loc *time.Location, errs *diag.List) {
	for _, c := range p.Corrections {
		if day := time.Date(c.Date.Year(), c.Date.Month(), c.Date.Day(), 0, 0, 0, 0, loc); day.After(at) {
			errs.Errorf(c.Pos, "the correction's date (%s) is still to come (the site is built for %s): date a correction on the day it is published",
				c.Date.Format(time.DateOnly), at.In(loc).Format(time.DateOnly))
		}
	}
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// series reads series and number: both or neither.
func (p *Page) series(d *yamldoc.Decoder, cfg *config.Config, series, number *yaml.Node) {
	if series == nil {
		if number != nil {
			d.Errorf(number, "number is a publication's number in a series: also write series, such as series: %s", cmp.Or(strings.Join(cfg.SeriesKeys(), " or "), "policy-briefs"))
		}
		return
	}
	key := d.String(series)
	if series.Kind != yaml.ScalarNode {
		return // String said so
	}
	if _, ok := cfg.LookupSeries(key); !ok {
		if len(cfg.Series) == 0 {
			d.Errorf(series, "unknown series %q: site.yaml defines no series; add it under series: with a key, a title and a pattern such as \"Policy Brief No. {n}\"", key)
		} else {
			d.Errorf(series, "unknown series %q%s; site.yaml defines: %s", key, hint(key, cfg.SeriesKeys()), strings.Join(cfg.SeriesKeys(), ", "))
		}
		return
	}
	if number == nil {
		d.Errorf(series, "series %s needs the publication's number in it: write number: 12", key)
		return
	}
	n := d.Int(number)
	if _, err := strconv.Atoi(number.Value); err == nil && n < 1 {
		d.Errorf(number, "number must be 1 or more, not %s", number.Value)
		return
	}
	if n > 0 {
		p.Series, p.Number = key, n
	}
}

// A DOI is "10.", the registrant's number (which may have dotted parts), "/" and a
// suffix of anything but spaces, as the DOI Handbook (2.2) defines it.
var doiRE = regexp.MustCompile(`^10\.[0-9]{4,9}(?:\.[0-9]+)*/\S+$`)

// doiPrefixes are the ways a DOI is pasted: as a link or with its "doi:" label.
var doiPrefixes = []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:", "DOI:", "DOI "}

// identifiers reads doi, isbn and report_number.
func (p *Page) identifiers(d *yamldoc.Decoder, doi, isbn, report *yaml.Node) {
	if doi != nil {
		s := strings.TrimSpace(d.String(doi))
		for _, prefix := range doiPrefixes {
			if rest, ok := strings.CutPrefix(s, prefix); ok {
				s = rest
				// A DOI pasted as a link is percent-encoded there ("10.1002/(SICI)…"
				// as "10.1002/%28SICI%29…"); the DOI is what it encodes, and the page
				// encodes it again for its own link.
				if strings.Contains(prefix, "//") {
					if u, err := url.PathUnescape(s); err == nil {
						s = u
					}
				}
			}
		}
		if doiRE.MatchString(s) {
			p.DOI = s
		} else if doi.Kind == yaml.ScalarNode {
			d.Errorf(doi, "doi %q is not a DOI: a DOI starts with 10., the publisher's number, a slash and the publication's own part, such as 10.5555/pb-2024-12 (write it without https://doi.org/ or with it)", s)
		}
	}
	if isbn != nil {
		s := strings.TrimSpace(d.String(isbn))
		if err := CheckISBN(s); err != nil {
			if isbn.Kind == yaml.ScalarNode {
				d.Errorf(isbn, "isbn %q: %v", s, err)
			}
		} else {
			p.ISBN = s
		}
	}
	if report != nil {
		if s := strings.Join(strings.Fields(d.String(report)), " "); s != "" {
			p.ReportNumber = s
		} else if report.Kind == yaml.ScalarNode {
			d.Errorf(report, "report_number must not be empty: remove it, or write the number, such as CIC/PB/2024/12")
		}
	}
}

// isbnLabel is the label an ISBN is often copied with: "ISBN ", "ISBN-13: ".
var isbnLabel = regexp.MustCompile(`^(?i)ISBN(?:-1[03])?:?\s*`)

// CheckISBN checks an ISBN as written: 13 digits (ISBN-13) or 10 (ISBN-10, whose last
// may be X), with hyphens or spaces between groups allowed, and its check digit. Errors
// say what is wrong in words a reader of the book's copyright page can act on.
func CheckISBN(s string) error {
	digits := strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return -1
		}
		return r
	}, isbnLabel.ReplaceAllString(s, ""))
	switch len(digits) {
	case 13:
		sum := 0
		for i, r := range digits {
			if r < '0' || r > '9' {
				return fmt.Errorf("an ISBN has only digits and hyphens, not %q", r)
			}
			w := 1
			if i%2 == 1 {
				w = 3
			}
			if i < 12 {
				sum += w * int(r-'0')
			}
		}
		if !strings.HasPrefix(digits, "978") && !strings.HasPrefix(digits, "979") {
			return fmt.Errorf("an ISBN-13 starts with 978 or 979")
		}
		if want := (10 - sum%10) % 10; int(digits[12]-'0') != want {
			return fmt.Errorf("the check digit (the last) should be %d, not %c: a digit was mistyped; copy the ISBN again from the copyright page", want, digits[12])
		}
	case 10:
		sum := 0
		for i, r := range digits {
			v := int(r - '0')
			switch {
			case i == 9 && (r == 'X' || r == 'x'):
				v = 10
			case r < '0' || r > '9':
				return fmt.Errorf("an ISBN has only digits and hyphens (and X as the last of ten), not %q", r)
			}
			sum += (10 - i) * v
		}
		if sum%11 != 0 {
			return fmt.Errorf("the check digit (the last) does not match the others: a digit was mistyped; copy the ISBN again from the copyright page")
		}
	default:
		return fmt.Errorf("an ISBN has 13 digits (or 10 for one from before 2007), not %d", len(digits))
	}
	return nil
}

// checkSeriesNumbers reports two publications that claim one number in one series,
// naming both. The editions of one publication in several languages (one
// translation_key) share its number.
func checkSeriesNumbers(pages []*Page, errs *diag.List) {
	type key struct {
		series string
		number int
	}
	first := map[key]*Page{}
	sorted := slices.Clone(pages)
	slices.SortFunc(sorted, func(a, b *Page) int { return cmp.Compare(a.Source, b.Source) })
	for _, p := range sorted {
		if p.Series == "" {
			continue
		}
		k := key{p.Series, p.Number}
		if q, dup := first[k]; dup && (p.TranslationKey == "" || p.TranslationKey != q.TranslationKey) {
			errs.Errorf(p.Pos("number"), "number %d of series %s is taken twice: %s has it too; give one the next free number", p.Number, p.Series, q.Source)
			errs.Errorf(q.Pos("number"), "number %d of series %s is taken twice: %s has it too; give one the next free number", p.Number, p.Series, p.Source)
			continue
		} else if !dup {
			first[k] = p
		}
	}
}
