// Command floor is the goldmark-only floor of bench/compare.sh: it reads every .md file
// under a folder, strips the front matter, and renders each body to HTML with goldmark
// configured like folio's Markdown renderer (internal/markdown.New: GitHub Flavored
// Markdown, definition lists, footnotes, typographer, heading attributes and automatic
// heading ids), in parallel on all cores, discarding the output. Nothing else: no model,
// no templates, no writing. It prints the wall time.
//
//	go run ./bench/floor /tmp/folio-corpus-10000/content
//
// folio's own renderer adds a table-of-contents walk, link resolution, plain text for
// search, recommendation ids and custom heading, table and code renderers on top of
// this; the floor is what any goldmark-based generator must pay.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

func main() {
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: floor [-jobs N] FOLDER\n\nRenders every .md body under FOLDER with goldmark, discarding the output.")
		flag.PrintDefaults()
	}
	jobs := flag.Int("jobs", runtime.GOMAXPROCS(0), "parallel renderers")
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	start := time.Now()
	var files []string
	err := filepath.WalkDir(flag.Arg(0), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	if len(files) == 0 {
		fmt.Fprintf(os.Stderr, "floor: no .md files under %s\n", flag.Arg(0))
		os.Exit(1)
	}

	md := newMarkdown()
	var in, out atomic.Int64
	var failed atomic.Value
	next := make(chan string)
	var wg sync.WaitGroup
	for range max(*jobs, 1) {
		wg.Go(func() {
			var buf bytes.Buffer
			for p := range next {
				src, err := os.ReadFile(p)
				if err != nil {
					failed.Store(err)
					continue
				}
				body := stripFrontMatter(src)
				buf.Reset()
				if err := md.Convert(body, &buf); err != nil {
					failed.Store(fmt.Errorf("%s: %w", p, err))
					continue
				}
				in.Add(int64(len(body)))
				out.Add(int64(buf.Len()))
			}
		})
	}
	for _, p := range files {
		next <- p
	}
	close(next)
	wg.Wait()
	if err, ok := failed.Load().(error); ok {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	fmt.Printf("floor: rendered %d files (%.1f MB of Markdown to %.1f MB of HTML) on %d goroutines in %s\n",
		len(files), float64(in.Load())/1e6, float64(out.Load())/1e6, max(*jobs, 1), time.Since(start).Round(time.Millisecond))
}

// newMarkdown returns goldmark set up like internal/markdown.New, without folio's own
// node renderers.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.DefinitionList,
			extension.NewFootnote(extension.WithFootnoteBacklinkHTML("↩")),
			extension.Typographer,
		),
		goldmark.WithParserOptions(parser.WithAttribute(), parser.WithAutoHeadingID()),
	)
}

// stripFrontMatter returns src without a leading "---" ... "---" block.
func stripFrontMatter(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if !bytes.HasPrefix(src, []byte("---\n")) && !bytes.HasPrefix(src, []byte("---\r\n")) {
		return src
	}
	rest := src[bytes.IndexByte(src, '\n')+1:]
	for len(rest) > 0 {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		if l := string(bytes.TrimRight(line, " \t\r")); l == "---" || l == "..." {
			return after
		}
		rest = after
	}
	return src
}
