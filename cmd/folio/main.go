// Command folio builds a publications site from Markdown briefs.
//
//	folio build [--source DIR] [--dest DIR] [--drafts] [--future] [--at TIME] [--base-url URL] [--pdf] [--record] [--protect FILE]
//	folio pdf [--source DIR] [--dest DIR] [--only SLUG...] [--chrome PATH] [--jobs N] [--protect FILE]
//	folio serve [--source DIR] [--addr 127.0.0.1:1313] [--drafts] [--future] [--open] [--protect FILE]
//	folio new [--source DIR] [--type policy-brief] [--date YYYY-MM-DD] [--bundle] TITLE
//	folio report [--source DIR] [--as-of YYYY-MM-DD]
//	folio check [--source DIR] [--dest DIR] [--drafts] [--external] [--strict] [--previous DIR_OR_SITEMAP] [--protect FILE]
//	folio alias [--source DIR] OLD NEW
//	folio version
//	folio help [command]
//
// Exit status: 0 on success, 1 when the site has errors, 2 on misuse.
//
// Without --protect, build, pdf, serve and check read the protected terms from the file
// named by the environment variable FOLIO_PROTECT, if set.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"folio/internal/build"
	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/diag"
	"folio/internal/site"
)

// version is set at release time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// Exit codes.
const (
	exitOK    = 0
	exitSite  = 1
	exitUsage = 2
)

type command struct {
	name, usage, summary string
	run                  func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"build", "folio build [--source DIR] [--dest DIR] [--drafts] [--future] [--at TIME] [--base-url URL] [--pdf] [--record] [--protect FILE]",
			"build the site into the output folder (public/ by default)", runBuild},
		{"pdf", "folio pdf [--source DIR] [--dest DIR] [--only SLUG...] [--chrome PATH] [--jobs N] [--protect FILE]",
			"build the site and render the print editions to PDF with Chromium (unchanged ones are skipped)", runPDF},
		{"serve", "folio serve [--source DIR] [--addr 127.0.0.1:1313] [--drafts] [--future] [--open] [--protect FILE]",
			"preview the site: build in memory, serve, rebuild and reload on every save", runServe},
		{"new", "folio new [--source DIR] [--type policy-brief] [--date YYYY-MM-DD] [--bundle] TITLE",
			"start a draft publication: content/publications/<slug>.md (or <slug>/index.md with --bundle) with front matter", runNew},
		{"report", "folio report [--source DIR] [--as-of YYYY-MM-DD]",
			"print publications per objective and year, and objectives with none in the last 12 months", runReport},
		{"check", "folio check [--source DIR] [--dest DIR] [--drafts] [--base-url URL] [--external] [--external-private] [--timeout 10s] [--strict] [--previous DIR_OR_SITEMAP] [--protect FILE]",
			"check the site for broken links and images, links to drafts, unlisted publications, duplicate ids, missing alt text and skipped heading levels, and with --previous for URLs that would disappear", runCheck},
		{"alias", "folio alias [--source DIR] OLD NEW",
			"keep the old address OLD of a publication or page working: add it to the aliases of the one now at NEW, in its front matter", runAlias},
		{"version", "folio version", "print folio's version", runVersion},
		{"help", "folio help [command]", "show help for folio or one command", runHelp},
	}
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	case "-version", "--version":
		return runVersion(nil, stdout, stderr)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "folio: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "folio builds a publications site from Markdown briefs.\n\nUsage:\n\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %s\n        %s\n", c.usage, c.summary)
	}
	fmt.Fprintf(w, "\nRun 'folio help COMMAND' or 'folio COMMAND -h' for a command's options.\n")
}

// flags returns a flag set that prints the command's usage on -h and on misuse.
func flags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		for _, c := range commands() {
			if c.name == name {
				fmt.Fprintf(fs.Output(), "Usage: %s\n\n%s.\n\n", c.usage, strings.ToUpper(c.summary[:1])+c.summary[1:])
			}
		}
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args, turning -h into exit 0 and errors into exit 2. It returns -1 to
// go on.
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stdout)
			fs.Usage()
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "folio %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	return -1
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := flags("build", stderr)
	var opts build.Options
	fs.StringVar(&opts.Source, "source", ".", "site `folder`, holding site.yaml and content/")
	fs.StringVar(&opts.Dest, "dest", "", "output `folder` (default: public inside the site folder)")
	fs.BoolVar(&opts.Drafts, "drafts", false, "include publications marked draft: true")
	fs.BoolVar(&opts.Future, "future", false, "include publications whose date or embargo is still to come, each page marked \"Scheduled\"")
	at := fs.String("at", "", "build the site as it will be at this `time`, YYYY-MM-DDTHH:MM in site.yaml's timezone, to check a release")
	fs.StringVar(&opts.BaseURL, "base-url", "", "override site.yaml's base_url (for a staging host)")
	withPDF := fs.Bool("pdf", false, "also render the print editions to PDF, as folio pdf does")
	fs.BoolVar(&opts.NoCache, "no-cache", false, "make and write every file, ignoring the build cache in .folio-cache/build")
	fs.BoolVar(&opts.Record, "record", false, "record the URLs of this build in content/urls.yaml; a publication's recorded earlier URLs then redirect to its current one")
	protectFlag(fs, &opts.Protect)
	quiet := quietFlag(fs)
	if code := parse(fs, args, stdout); code >= 0 {
		return code
	}
	if *quiet {
		stdout = io.Discard
	}
	if *at != "" {
		t, err := parseAt(*at, opts.Source)
		if err != nil {
			fmt.Fprintf(stderr, "folio build: --at: %v\n", err)
			return exitUsage
		}
		opts.At = t
	}
	opts.Version = version
	opts.Waiting = waiting("build", stderr)
	if *withPDF {
		return makePDFs("build", opts, pdfOptions{jobs: runtime.NumCPU()}, stdout, stderr)
	}
	res, errs := build.Run(opts)
	printDiagnostics(stderr, errs)
	if res == nil {
		fmt.Fprintf(stderr, "folio build: failed with %d %s; the previous output was left as it was\n",
			len(errs.Errors()), pluralize(len(errs.Errors()), "error", "errors"))
		return exitSite
	}
	printBuilt(stdout, res)
	if opts.Record {
		fmt.Fprintf(stdout, "%s: the URLs of this build are recorded\n", filepath.ToSlash(filepath.Join(opts.Source, "content", "urls.yaml")))
	}
	printStalePDFs(stdout, res.Prints)
	return exitOK
}

// quietFlag adds --quiet: a scheduled job or a CI log then shows only what needs
// reading, the warnings and errors (on standard error).
func quietFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("quiet", false, "print only warnings and errors: no summary or progress lines")
}

// protectFlag adds --protect, which defaults to $FOLIO_PROTECT: the list is kept outside
// the site, and a variable set once cannot be forgotten on one command.
func protectFlag(fs *flag.FlagSet, file *string) {
	fs.StringVar(file, "protect", os.Getenv("FOLIO_PROTECT"),
		"`file` of protected terms (names, places, phone numbers) that no publication may name, one a line (default $FOLIO_PROTECT)")
}

// parseAt reads a moment written as embargo is, in the timezone of the site in source:
// "2026-12-10T09:00", with a space for the T, or a date alone for its midnight.
func parseAt(s, source string) (time.Time, error) {
	// A site.yaml that does not load stops the build, which says why: the zone it would
	// have named then does not matter.
	loc := time.UTC
	if cfg, err := config.Load(os.DirFS(source)); err == nil {
		loc = cfg.Location()
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02 15:04", time.DateOnly} {
		if t, err := time.ParseInLocation(layout, strings.TrimSpace(s), loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("write a date and time as YYYY-MM-DDTHH:MM, such as 2026-12-10T09:00 (in site.yaml's timezone, %s), not %q", loc, s)
}

// printScheduled says what a build left out because it is not public yet, and when to
// build again: a static site changes only when it is built.
func printScheduled(w io.Writer, held []*content.Page) {
	if len(held) == 0 {
		return
	}
	fmt.Fprintf(w, "%d %s scheduled, left out of this build: rebuild at %s (folio report lists them)\n",
		len(held), pluralize(len(held), "publication", "publications"), site.When(held[0].Release))
}

// waiting says, once, that a build waits for another build of the same output folder.
func waiting(cmd string, stderr io.Writer) func(dest string) {
	return func(dest string) {
		fmt.Fprintf(stderr, "folio %s: waiting for another build of %s to finish\n", cmd, relative(dest))
	}
}

func printDiagnostics(w io.Writer, errs diag.List) {
	for _, e := range errs {
		fmt.Fprintln(w, e)
	}
}

func pluralize(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func relative(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if r, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return p
}

func steps(s []build.Step) string {
	parts := make([]string, len(s))
	for i, st := range s {
		parts[i] = fmt.Sprintf("%s %s", st.Name, st.Time.Round(100*time.Microsecond))
	}
	return strings.Join(parts, " · ")
}

var flagErrHelp = flag.ErrHelp

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := flags("version", stderr)
	if code := parse(fs, args, stdout); code >= 0 {
		return code
	}
	fmt.Fprintf(stdout, "folio %s\n", version)
	return exitOK
}

func runHelp(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] && c.name != "help" {
			return c.run([]string{"-h"}, stdout, stderr)
		}
	}
	if args[0] == "help" {
		usage(stdout)
		return exitOK
	}
	fmt.Fprintf(stderr, "folio help: unknown command %q\n", args[0])
	return exitUsage
}
