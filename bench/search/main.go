// Command search measures folio's search index on a generated site: build time, size on
// disk, and exactly which files a browser fetches for a first query, with their sizes.
// The index files are stored compressed, so they cost the same on any host; search.js
// costs its gzipped size on a host that compresses scripts and its raw size on one that
// compresses nothing. See bench/README.md.
//
//	go run ./bench/search -n 10000
//
// The account of fetched files comes from searchtest.Reader, which answers queries the way
// themes/default/static/search.js does; internal/search's parity test runs both on the
// same index and checks that they fetch the same files and return the same results.
package main

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"folio/internal/search"
	"folio/internal/search/corpus"
	"folio/internal/search/searchtest"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "number of publications to generate")
	one := fs.String("one", "protection", "the one-word query")
	two := fs.String("two", "protection civilians", "the two-word query")
	js := fs.String("js", "themes/default/static/search.js", "the search script, counted in every first query")
	out := fs.String("out", "", "also write the index files under this folder")
	level := fs.Int("gzip", 6, "gzip level used to measure search.js as a compressing server sends it (servers commonly use 6)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	script, err := os.ReadFile(*js)
	if err != nil {
		fmt.Fprintf(stderr, "search bench: %v (run from the repository root, or pass -js)\n", err)
		return 2
	}
	gz := func(b []byte) int {
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, *level)
		w.Write(b)
		w.Close()
		return buf.Len()
	}

	t0 := time.Now()
	s, err := corpus.Site(*n)
	if err != nil {
		fmt.Fprintf(stderr, "search bench: %v\n", err)
		return 1
	}
	gen := time.Since(t0)

	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() { // sample the heap while Build runs
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
				runtime.ReadMemStats(&ms)
				if ms.HeapAlloc > peak.Load() {
					peak.Store(ms.HeapAlloc)
				}
			}
		}
	}()
	t0 = time.Now()
	ix, err := search.Build(s)
	build := time.Since(t0)
	close(stop)
	if err != nil {
		fmt.Fprintf(stderr, "search bench: %v\n", err)
		return 1
	}
	runtime.ReadMemStats(&after)

	sizes := map[string]int{}
	raw, total := 0, 0
	kinds := map[string][3]int{} // files, inflated, stored
	for _, f := range ix.Files {
		inflated, err := io.ReadAll(flate.NewReader(bytes.NewReader(f.Data)))
		if err != nil {
			fmt.Fprintf(stderr, "search bench: inflating %s: %v\n", f.Path, err)
			return 1
		}
		sizes[f.Path] = len(f.Data)
		raw += len(inflated)
		total += len(f.Data)
		k := kindOf(f.Path)
		c := kinds[k]
		kinds[k] = [3]int{c[0] + 1, c[1] + len(inflated), c[2] + len(f.Data)}
		if *out != "" {
			p := filepath.Join(*out, filepath.FromSlash(f.Path))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err == nil {
				err = os.WriteFile(p, f.Data, 0o644)
			}
			if err != nil {
				fmt.Fprintf(stderr, "search bench: %v\n", err)
				return 1
			}
		}
	}

	fmt.Fprintf(stdout, "folio search index, %d generated publications (generated in %v)\n\n", *n, gen.Round(time.Millisecond))
	fmt.Fprintf(stdout, "build time          %v on %d cores\n", build.Round(time.Millisecond), runtime.GOMAXPROCS(0))
	fmt.Fprintf(stdout, "allocated by Build  %.0f MB (peak heap sampled: %.0f MB, including the site model)\n",
		float64(after.TotalAlloc-before.TotalAlloc)/1e6, float64(peak.Load())/1e6)
	fmt.Fprintf(stdout, "index on disk       %d files, %s stored (compressed), %s inflated\n", len(ix.Files), kb(total), kb(raw))
	for _, k := range []string{"manifest", "shards", "display chunks", "facet files"} {
		if c, ok := kinds[k]; ok {
			fmt.Fprintf(stdout, "  %-17s %d files, %s stored, %s inflated\n", k, c[0], kb(c[2]), kb(c[1]))
		}
	}
	fmt.Fprintf(stdout, "search.js           %s raw, %s gzipped (level %d)\n", kb(len(script)), kb(gz(script)), *level)

	for _, sc := range []struct {
		name string
		q    searchtest.Query
	}{
		{"first query, one common word: " + *one, searchtest.Query{Q: *one}},
		{"first query, two words: " + *two, searchtest.Query{Q: *two}},
		{"first visit, no query (newest publications)", searchtest.Query{}},
	} {
		r, err := searchtest.NewReader(ix)
		if err != nil {
			fmt.Fprintf(stderr, "search bench: %v\n", err)
			return 1
		}
		res, err := r.Search(sc.q)
		if err != nil {
			fmt.Fprintf(stderr, "search bench: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "\n%s (%d results)\n", sc.name, res.Total)
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "  search.js\t%s gzipped, %s raw\t\n", kb(gz(script)), kb(len(script)))
		sum := 0
		for _, f := range r.Fetched() {
			fmt.Fprintf(tw, "  %s\t%s\t\n", f, kb(sizes[f]))
			sum += sizes[f]
		}
		tw.Flush()
		fmt.Fprintf(stdout, "  total %s in %d requests where the host compresses scripts, %s where it compresses nothing\n",
			kb(sum+gz(script)), len(r.Fetched())+1, kb(sum+len(script)))
	}
	return 0
}

func kindOf(p string) string {
	switch name := strings.TrimPrefix(p, "search/"); {
	case strings.HasPrefix(name, "manifest."):
		return "manifest"
	case name[0] == 's':
		return "shards"
	case name[0] == 'd':
		return "display chunks"
	}
	return "facet files"
}

func kb(n int) string { return fmt.Sprintf("%.1f kB", float64(n)/1000) }
