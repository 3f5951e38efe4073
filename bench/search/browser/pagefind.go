package main

// The site, folio's build of it, and Pagefind's index of it.

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"folio/internal/build"
	gencorpus "folio/internal/corpus"
	searchcorpus "folio/internal/search/corpus"
)

var pagefindFinished = regexp.MustCompile(`Finished in ([0-9.]+ \w+)`)
var pagefindWords = regexp.MustCompile(`Indexed ([0-9]+) words`)
var pagefindPages = regexp.MustCompile(`Indexed ([0-9]+) pages`)

// prepare generates the site in c.dir, builds it with folio and indexes the output with
// Pagefind, timing both.
func prepare(c config, stderr io.Writer) ([]indexInfo, error) {
	if err := os.RemoveAll(c.dir); err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "generating %d publications (%s) in %s\n", c.n, c.corpus, c.dir)
	t0 := time.Now()
	switch c.corpus {
	case "gencorpus":
		if err := gencorpus.Generate(c.dir, c.n, 1); err != nil {
			return nil, err
		}
	case "search":
		for name, f := range searchcorpus.Files(c.n) {
			p := filepath.Join(c.dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				return nil, err
			}
		}
	default:
		return nil, fmt.Errorf("-corpus %q: want gencorpus or search", c.corpus)
	}
	gen := time.Since(t0)

	fmt.Fprintln(stderr, "building with folio")
	public := filepath.Join(c.dir, "public")
	res, errs := build.Run(build.Options{Source: c.dir, Dest: public, Version: "bench"})
	if errs.HasErrors() {
		return nil, errs
	}
	f := indexInfo{Engine: "folio", Generation: gen, SiteBuild: res.Time, Total: res.Time, Pages: res.Publications}
	var steps []string
	for _, s := range res.Steps {
		steps = append(steps, fmt.Sprintf("%s %v", s.Name, s.Time.Round(time.Millisecond)))
		if s.Name == "search" {
			f.BuildTime = s.Time
		}
	}
	f.BuildSteps = strings.Join(steps, " · ")

	args := pagefindArgs(public)
	fmt.Fprintf(stderr, "running %s %s\n", c.pagefind, strings.Join(args, " "))
	cmd := exec.Command(c.pagefind, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	t0 = time.Now()
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("pagefind: %v\n%s", err, out.String())
	}
	p := indexInfo{Engine: "pagefind", Total: time.Since(t0)}
	if m := pagefindFinished.FindStringSubmatch(out.String()); m != nil {
		p.OwnTime = m[1]
		if d, err := time.ParseDuration(strings.ReplaceAll(strings.ReplaceAll(m[1], " seconds", "s"), " second", "s")); err == nil {
			p.BuildTime = d
		}
	}
	if m := pagefindWords.FindAllStringSubmatch(out.String(), -1); m != nil {
		p.Words = m[len(m)-1][1]
	}
	if m := pagefindPages.FindAllStringSubmatch(out.String(), -1); m != nil {
		p.Pages, _ = strconv.Atoi(m[len(m)-1][1]) // the total, after any per-language counts
	}
	if p.Pages != f.Pages {
		return nil, fmt.Errorf("pagefind indexed %d pages, folio %d publications:\n%s", p.Pages, f.Pages, out.String())
	}
	return []indexInfo{f, p}, nil
}

// pagefindVersion is the Pagefind measured, from npm.
const pagefindVersion = "1.5.2"

// installPagefind returns Pagefind's command (its npm wrapper, which runs the binary of
// the platform), installing the npm package into a folder of the temporary folder the
// first time. Pagefind is not in the repository's package.json: CI's npm ci does not
// need it.
func installPagefind(stderr io.Writer) (string, error) {
	dir := filepath.Join(os.TempDir(), "folio-bench-pagefind-"+pagefindVersion)
	bin := filepath.Join(dir, "node_modules", ".bin", "pagefind")
	if exec.Command(bin, "--version").Run() == nil {
		return bin, nil
	}
	fmt.Fprintf(stderr, "installing pagefind@%s into %s\n", pagefindVersion, dir)
	cmd := exec.Command("npm", "install", "--prefix", dir, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "pagefind@"+pagefindVersion)
	cmd.Stdout, cmd.Stderr = stderr, stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("installing pagefind with npm: %w", err)
	}
	if out, err := exec.Command(bin, "--version").CombinedOutput(); err != nil {
		return "", fmt.Errorf("pagefind installed in %s does not run: %v\n%s", dir, err, out)
	}
	return bin, nil
}

// pagefindArgs are the arguments of Pagefind to index folio's output with Pagefind: the
// publication pages only (the pages folio's index covers), from their <article>, without
// the table of contents and the citation block, which folio does not index either: the
// command-line equivalent of data-pagefind-body and data-pagefind-ignore. One
// publication in ten of the generated sites is in French: by default Pagefind makes an
// index per language and its UI searches only the language of its page, while folio
// searches every publication; --force-language puts every page in one index, so that
// both search the same pages.
func pagefindArgs(public string) []string {
	return []string{"--site", public, "--force-language", "en",
		"--glob", "publications/*/index.html",
		"--root-selector", "article.publication",
		"--exclude-selectors", "nav.toc", "--exclude-selectors", "section.cite"}
}

// sizes measures both indexes on disk.
func sizes(public string) (f, p indexInfo, err error) {
	f.Engine, p.Engine = "folio", "pagefind"
	kinds := map[string][3]int64{}
	err = filepath.WalkDir(filepath.Join(public, "search"), func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".bin") {
			return err
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		inflated, err := io.ReadAll(flate.NewReader(bytes.NewReader(data)))
		if err != nil {
			return fmt.Errorf("inflating %s: %w", name, err)
		}
		f.Files++
		f.Bytes += int64(len(data))
		f.Inflated += int64(len(inflated))
		k := map[byte]string{'m': "manifest", 's': "shards", 'd': "display chunks", 'f': "facet files"}[filepath.Base(name)[0]]
		c := kinds[k]
		kinds[k] = [3]int64{c[0] + 1, c[1] + int64(len(data)), c[2] + int64(len(inflated))}
		return nil
	})
	if err != nil {
		return f, p, err
	}
	for _, k := range []string{"manifest", "shards", "display chunks", "facet files"} {
		if c, ok := kinds[k]; ok {
			f.Detail = append(f.Detail, fmt.Sprintf("%s: %d files, %s (%s inflated)", k, c[0], kb(c[1]), kb(c[2])))
		}
	}
	kinds = map[string][3]int64{}
	err = filepath.WalkDir(filepath.Join(public, "pagefind"), func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		p.Files++
		p.Bytes += fi.Size()
		k := pagefindKind(filepath.ToSlash(name))
		if k != "code" {
			p.IndexFiles++
			p.IndexBytes += fi.Size()
		}
		c := kinds[k]
		kinds[k] = [3]int64{c[0] + 1, c[1] + fi.Size()}
		return nil
	})
	for _, k := range []string{"meta", "index chunks", "fragments", "filters", "code"} {
		if c, ok := kinds[k]; ok {
			p.Detail = append(p.Detail, fmt.Sprintf("%s: %d files, %s", k, c[0], kb(c[1])))
		}
	}
	return f, p, err
}

func pagefindKind(name string) string {
	switch {
	case strings.Contains(name, "/index/"):
		return "index chunks"
	case strings.Contains(name, "/fragment/"):
		return "fragments"
	case strings.Contains(name, "/filter/"):
		return "filters"
	case strings.HasSuffix(name, ".pf_meta"), strings.HasSuffix(name, "pagefind-entry.json"):
		return "meta"
	}
	return "code" // scripts, styles, WebAssembly: the UIs and the search engine
}
