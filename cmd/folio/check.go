package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"folio/internal/build"
	"folio/internal/check"
)

// runCheck checks the site: the build's diagnostics, then every built page. It prints
// one problem per line, sorted, and a summary line; it exits 1 on any error, and on any
// warning with --strict.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flags("check", stderr)
	var opts check.Options
	fs.StringVar(&opts.Source, "source", ".", "site `folder`, holding site.yaml and content/")
	fs.StringVar(&opts.Dest, "dest", "", "check the site already built in this `folder` (by folio build) instead of building it")
	fs.BoolVar(&opts.Drafts, "drafts", false, "include publications marked draft: true, as folio build --drafts does")
	fs.StringVar(&opts.BaseURL, "base-url", "", "override site.yaml's base_url, as folio build --base-url does")
	fs.BoolVar(&opts.External, "external", false, "also fetch every link to another site, and report those that fail (links to this computer and to private networks are not fetched)")
	fs.BoolVar(&opts.ExternalPrivate, "external-private", false, "with --external, also fetch links to this computer and to private networks (localhost, 10.x.x.x, 192.168.x.x, 169.254.x.x...)")
	fs.DurationVar(&opts.Timeout, "timeout", check.DefaultTimeout, "with --external, how long to wait for one answer")
	strict := fs.Bool("strict", false, "fail (exit 1) on warnings too")
	previous := fs.String("previous", "", "also list every page and PDF of an earlier build that this one would no longer publish: its output `folder`, or its sitemap.xml file")
	protectFlag(fs, &opts.Protect)
	if code := parse(fs, args, stdout); code >= 0 {
		return code
	}
	if opts.Timeout <= 0 {
		fmt.Fprintf(stderr, "folio check: --timeout must be positive, not %s\n", opts.Timeout)
		return exitUsage
	}
	opts.Version = version
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	r := check.Run(ctx, opts)
	if *previous != "" {
		r.Diagnostics = append(r.Diagnostics, disappearing(build.Options{Source: opts.Source, Drafts: opts.Drafts,
			BaseURL: opts.BaseURL, Protect: opts.Protect}, *previous)...)
		r.Diagnostics.Sort()
	}
	printDiagnostics(stdout, r.Diagnostics)
	errs, warns := len(r.Diagnostics.Errors()), len(r.Diagnostics.Warnings())
	var sum strings.Builder
	fmt.Fprintf(&sum, "folio check: %d %s, %d %s", errs, pluralize(errs, "error", "errors"), warns, pluralize(warns, "warning", "warnings"))
	if r.Unchecked == "" {
		fmt.Fprintf(&sum, "; %d %s checked", r.Pages, pluralize(r.Pages, "page", "pages"))
		if opts.External {
			fmt.Fprintf(&sum, ", %d external %s", r.External, pluralize(r.External, "link", "links"))
		}
	} else {
		fmt.Fprintf(&sum, "; the built pages were not checked: %s", r.Unchecked)
	}
	fmt.Fprintln(stdout, sum.String())
	if errs > 0 || *strict && warns > 0 {
		return exitSite
	}
	return exitOK
}
