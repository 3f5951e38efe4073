package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/diag"
	"folio/internal/slug"
	"folio/internal/yamldoc"
)

func runNew(args []string, stdout, stderr io.Writer) int {
	fset := flags("new", stderr)
	source := fset.String("source", ".", "site `folder`, holding site.yaml")
	typ := fset.String("type", "", "publication `type`, a key from site.yaml (default policy-brief, or the first type)")
	date := fset.String("date", "", "publication `date` as YYYY-MM-DD (default today)")
	bundle := fset.Bool("bundle", false, "make a bundle, content/publications/<slug>/index.md, ready for images and PDFs beside it")
	words, code := parseInterleaved(fset, args, stdout)
	if code >= 0 {
		return code
	}
	title := strings.Join(strings.Fields(strings.Join(words, " ")), " ")
	if title == "" {
		fmt.Fprintln(stderr, `folio new: give the title, for example: folio new "Early warning in Ituri"`)
		return exitUsage
	}
	// The brief would not build: the YAML reader refuses these characters, and a title
	// pasted from elsewhere can carry them unseen.
	if r, at, bad := yamldoc.FirstForbidden([]byte(title)); bad {
		fmt.Fprintf(stderr, "folio new: the title holds %s (character %d): type the title again without it\n",
			yamldoc.DescribeForbidden(r), at.Col)
		return exitUsage
	}
	if *date == "" {
		*date = time.Now().Format(time.DateOnly)
	} else if _, err := time.Parse(time.DateOnly, *date); err != nil {
		fmt.Fprintf(stderr, "folio new: --date must be YYYY-MM-DD, not %q\n", *date)
		return exitUsage
	}
	cfg, err := config.Load(os.DirFS(*source))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitSite
	}
	if *typ == "" {
		*typ = cfg.Types[0].Key
		if _, ok := cfg.Type("policy-brief"); ok {
			*typ = "policy-brief"
		}
	}
	if _, ok := cfg.Type(*typ); !ok {
		hint := ""
		if s := diag.Suggest(*typ, cfg.TypeKeys()); s != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", s)
		}
		fmt.Fprintf(stderr, "folio new: unknown type %q%s; site.yaml defines: %s\n", *typ, hint, strings.Join(cfg.TypeKeys(), ", "))
		return exitUsage
	}
	s := slug.Make(title)
	if s == "" {
		fmt.Fprintf(stderr, "folio new: cannot make a file name from %q: use letters or digits\n", title)
		return exitUsage
	}
	file, other := filepath.Join("content", "publications", s+".md"), filepath.Join("content", "publications", s, "index.md")
	rel := file
	if *bundle {
		rel, other = other, rel
	}
	path := filepath.Join(*source, rel)
	// A brief and a bundle of the same name would be one publication twice.
	if _, err := os.Stat(filepath.Join(*source, other)); err == nil {
		fmt.Fprintf(stderr, "folio new: %s already exists; choose another title or edit that file\n", filepath.ToSlash(other))
		return exitSite
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		fmt.Fprintf(stderr, "folio new: %v\n", err)
		return exitSite
	}
	// O_EXCL: never overwrite a brief, even one created a moment ago by someone else.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(stderr, "folio new: %s already exists; choose another title or edit that file\n", filepath.ToSlash(rel))
		return exitSite
	}
	if err != nil {
		fmt.Fprintf(stderr, "folio new: %v\n", err)
		return exitSite
	}
	_, err = io.WriteString(f, skeleton(cfg, title, *typ, *date))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintf(stderr, "folio new: writing %s: %v\n", rel, err)
		return exitSite
	}
	// The path alone on stdout, for scripts ($EDITOR "$(folio new ...)"); the advice
	// for people on stderr.
	fmt.Fprintln(stdout, filepath.ToSlash(rel))
	fmt.Fprintf(stderr, "It is a draft: folio serve --drafts shows it at http://127.0.0.1:1313/publications/%s/\n"+
		"Remove draft: true when it is ready to publish.\n", s)
	if *bundle {
		fmt.Fprintf(stderr, "Put its images and PDFs in %s and link them by name: ![A photo](photo.jpg)\n",
			filepath.ToSlash(filepath.Dir(rel))+"/")
	}
	return exitOK
}

// parseInterleaved parses flags wherever they stand among the words of a title, as in
// folio new "Title" --type report, which the flag package alone would read as a title
// of four words. After "--" everything is a word. It returns -1 to go on, or an exit code.
func parseInterleaved(fset *flag.FlagSet, args []string, stdout io.Writer) ([]string, int) {
	var words []string
	for {
		if err := fset.Parse(args); err != nil {
			if errors.Is(err, flagErrHelp) {
				fset.SetOutput(stdout)
				fset.Usage()
				return nil, exitOK
			}
			return nil, exitUsage
		}
		rest := fset.Args()
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(words, rest...), -1
		}
		if len(rest) == 0 {
			return words, -1
		}
		words = append(words, rest[0])
		args = rest[1:]
	}
}

// skeleton is the new brief: complete front matter, marked draft, with the valid
// objective keys listed where they are needed, and the usual sections of a brief.
func skeleton(cfg *config.Config, title, typ, date string) string {
	var b strings.Builder
	q := func(s string) string {
		return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
	}
	fmt.Fprintf(&b, "---\ntitle: %s\ndate: %s\ntype: %s\n", q(title), date, typ)
	b.WriteString("# Objectives this publication serves: one or more of\n")
	for _, o := range cfg.Objectives {
		fmt.Fprintf(&b, "#   %-22s (%d) %s\n", o.Key, o.Number, o.Title)
	}
	b.WriteString("objectives: []\n")
	b.WriteString("summary: >-\n  " + content.SkeletonSummary + "\n")
	b.WriteString("authors: []\ncountries: []\nmissions: []\ndraft: true\n---\n")
	b.WriteString("## Summary\n\n\n\n## Key findings\n\n- \n\n## Analysis\n\n\n\n## Recommendations\n\nTo the UN Security Council:\n\n- \n")
	return b.String()
}
