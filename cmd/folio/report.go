package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"folio/internal/build"
	"folio/internal/site"
)

// runReport prints publications per objective and year, and the objectives that had
// no publication in the twelve months before --as-of: what a programme manager asks
// before planning the next quarter's briefs. Then the publications scheduled for later,
// which the counts leave out, with when each is due.
func runReport(args []string, stdout, stderr io.Writer) int {
	fs := flags("report", stderr)
	var opts build.Options
	fs.StringVar(&opts.Source, "source", ".", "site `folder`, holding site.yaml and content/")
	asOf := fs.String("as-of", "", "report as of this `date`, YYYY-MM-DD (default today)")
	translations := fs.Bool("translations", false, "list the publications that lack an edition in one of the site's languages, and translations older than their original")
	if code := parse(fs, args, stdout); code >= 0 {
		return code
	}
	now := time.Now()
	if *asOf != "" {
		t, err := time.Parse(time.DateOnly, *asOf)
		if err != nil {
			fmt.Fprintf(stderr, "folio report: --as-of must be YYYY-MM-DD, not %q\n", *asOf)
			return exitUsage
		}
		now = t
	}
	opts.Version = version
	s, errs := build.New(opts).Model()
	printDiagnostics(stderr, errs)
	if errs.HasErrors() {
		return exitSite
	}
	if *translations {
		reportTranslations(s, stdout)
		return exitOK
	}
	c := s.Coverage()
	// A publication counts once, whatever its translations (the default edition's list).
	counted := len(s.Editions[0].Publications)
	editions := ""
	if n := len(s.Publications) - counted; n > 0 {
		editions = fmt.Sprintf("; %d more editions in other languages", n)
	}
	fmt.Fprintf(stdout, "Publications per objective and year (%d publications%s)\n\n", counted, editions)
	tw := tabwriter.NewWriter(stdout, 2, 8, 2, ' ', 0)
	var head strings.Builder
	head.WriteString("Objective\t")
	for _, y := range c.Years {
		fmt.Fprintf(&head, "%4d\t", y)
	}
	head.WriteString("Total\tLatest")
	fmt.Fprintln(tw, head.String())
	for _, row := range c.Rows {
		var line strings.Builder
		fmt.Fprintf(&line, "%d %s\t", row.Term.Number, row.Term.Title)
		for _, n := range row.Counts {
			fmt.Fprintf(&line, "%4d\t", n)
		}
		latest := "never"
		if !row.Latest.IsZero() {
			latest = row.Latest.Format(time.DateOnly)
		}
		fmt.Fprintf(&line, "%5d\t%s", len(row.Term.Publications), latest)
		fmt.Fprintln(tw, line.String())
	}
	tw.Flush()

	since := now.AddDate(-1, 0, 0)
	var quiet []string
	for _, row := range c.Rows {
		if row.Latest.IsZero() || row.Latest.Before(since) {
			latest := "no publication yet"
			if !row.Latest.IsZero() {
				latest = "latest " + row.Latest.Format(time.DateOnly)
			}
			quiet = append(quiet, fmt.Sprintf("  %d %s (%s)", row.Term.Number, row.Term.Title, latest))
		}
	}
	fmt.Fprintf(stdout, "\nObjectives with no publication between %s and %s:\n", since.Format(time.DateOnly), now.Format(time.DateOnly))
	if len(quiet) == 0 {
		fmt.Fprintln(stdout, "  none: every objective had at least one")
	}
	for _, q := range quiet {
		fmt.Fprintln(stdout, q)
	}
	if len(s.Scheduled) > 0 {
		// Not counted above: the site shows them only from their release.
		fmt.Fprintln(stdout, "\nScheduled, not public yet (each is published by the first build after its time):")
		tw := tabwriter.NewWriter(stdout, 2, 8, 2, ' ', 0)
		for _, p := range s.Scheduled {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", site.When(p.Release), p.Title, p.Source)
		}
		tw.Flush()
	}
	return reportPDFs(opts, stdout, stderr)
}

// reportPDFs lists the PDFs that are out of date. Knowing it takes rendering the print
// editions, so it is done only for a site whose PDFs folio pdf has made.
func reportPDFs(opts build.Options, stdout, stderr io.Writer) int {
	if _, err := os.Stat(filepath.Join(opts.Source, filepath.FromSlash(build.PDFCacheDir))); err != nil {
		return exitOK
	}
	res, _, errs := build.New(opts).BuildStream(func(string, []byte) error { return nil })
	if errs.HasErrors() {
		printDiagnostics(stderr, errs.Errors())
		return exitSite
	}
	fmt.Fprintln(stdout, "\nPDFs:")
	if s := stalePDFs(res.Prints); s != "" {
		fmt.Fprintln(stdout, "  "+s)
	} else {
		fmt.Fprintln(stdout, "  every PDF folio pdf made is up to date")
	}
	return exitOK
}

// reportTranslations lists, for a site in several languages, the publications that have
// no edition in one of them, and the editions older than their original: the default
// language's edition (or the first published), updated or corrected after them.
func reportTranslations(s *site.Site, stdout io.Writer) {
	var codes []string
	for _, e := range s.Editions {
		codes = append(codes, e.Language.Code)
	}
	fmt.Fprintf(stdout, "Translations (languages: %s)\n", strings.Join(codes, ", "))
	if len(codes) == 1 {
		fmt.Fprintln(stdout, "\nThe site has one language: list others under languages in site.yaml.")
		return
	}
	var missing, stale []string
	for _, p := range s.Editions[0].Publications {
		group := append([]*site.Publication{p}, p.Translations...)
		var lacks []string
		for _, e := range s.Editions {
			if !slices.ContainsFunc(group, func(q *site.Publication) bool { return s.EditionOf(q) == e }) {
				lacks = append(lacks, e.Language.Code)
			}
		}
		if len(lacks) > 0 {
			missing = append(missing, fmt.Sprintf("  %s\t%s\t%s", strings.Join(lacks, ", "), p.Title, p.Source))
		}
		changed := func(q *site.Publication) time.Time {
			if q.Updated.After(q.Date) {
				return q.Updated
			}
			return q.Date
		}
		for _, q := range p.Translations {
			if changed(p).After(changed(q)) {
				stale = append(stale, fmt.Sprintf("  %s\t%s\t%s\toriginal changed %s, this edition %s", q.Lang, q.Title, q.Source,
					changed(p).Format(time.DateOnly), changed(q).Format(time.DateOnly)))
			}
		}
	}
	fmt.Fprintf(stdout, "\nMissing editions (%d of %d publications):\n", len(missing), len(s.Editions[0].Publications))
	tw := tabwriter.NewWriter(stdout, 2, 8, 2, ' ', 0)
	if len(missing) == 0 {
		fmt.Fprintln(tw, "  none: every publication is in every language")
	}
	for _, m := range missing {
		fmt.Fprintln(tw, m)
	}
	tw.Flush()
	fmt.Fprintln(stdout, "\nStale translations (the original changed after them):")
	tw = tabwriter.NewWriter(stdout, 2, 8, 2, ' ', 0)
	if len(stale) == 0 {
		fmt.Fprintln(tw, "  none")
	}
	for _, m := range stale {
		fmt.Fprintln(tw, m)
	}
	tw.Flush()
}
