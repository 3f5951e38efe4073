package pdf_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"folio/internal/build"
	"folio/internal/config"
	"folio/internal/pdf"
)

// BenchmarkSample renders every print edition of the bundled sample site, with one tab
// and with a tab per CPU, and reports seconds per PDF, pages per second, and the time
// the browser took to start (once per folio pdf run, not part of s/PDF):
//
//	go test -run '^$' -bench Sample -benchtime 3x ./internal/pdf
func BenchmarkSample(b *testing.B) {
	pdf.NeedBrowser(b)
	out := filepath.Join(b.TempDir(), "public")
	res, errs := build.Run(build.Options{Source: "../..", Dest: out})
	if res == nil {
		b.Fatalf("building the sample site: %v", errs)
	}
	cfg, err := config.Load(os.DirFS("../.."))
	if err != nil {
		b.Fatal(err)
	}
	for _, jobs := range []int{1, runtime.NumCPU()} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			t0 := time.Now()
			r, err := pdf.New(pdf.Options{Dir: out, BaseURL: cfg.BaseURL, Jobs: jobs})
			if err != nil {
				b.Fatal(err)
			}
			start := time.Since(t0)
			defer r.Close()
			pdfs, pages := 0, 0
			for b.Loop() {
				n, p, err := renderAll(r, res.Prints, jobs)
				if err != nil {
					b.Fatal(err)
				}
				pdfs += n
				pages += p
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(pdfs), "s/PDF")
			b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(float64(pages)/float64(pdfs), "pages/PDF")
			b.ReportMetric(start.Seconds(), "s/browser-start")
			b.ReportMetric(0, "ns/op") // one op is the whole site; the metrics above say more
		})
	}
}

func renderAll(r *pdf.Renderer, prints []build.Print, jobs int) (pdfs, pages int, err error) {
	work := make(chan build.Print)
	var mu sync.Mutex
	var errs []string
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			for p := range work {
				res, err := r.Render(context.Background(), p.HTML, pdf.Info{Title: p.Title})
				mu.Lock()
				if err != nil {
					errs = append(errs, err.Error())
				} else {
					pdfs++
					pages += res.Pages
				}
				mu.Unlock()
			}
		})
	}
	for _, p := range prints {
		work <- p
	}
	close(work)
	wg.Wait()
	if len(errs) > 0 {
		return pdfs, pages, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return pdfs, pages, nil
}
