package build_test

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"folio/internal/build"
	"folio/internal/corpus"
)

// BenchmarkBuild builds a generated 1,000-publication site (internal/corpus, seed 1;
// FOLIO_BENCH_N sets another size)
// from disk into a fresh output folder, as folio build does: every stage, the search
// index and the writing of every file included. Each op starts cold: a new output
// folder and no build cache (XDG_CACHE_HOME points to an empty folder and the site's
// .folio-cache/ is removed, untimed). Besides time and allocations it reports the mean
// time of each of the build's steps (load-ms, model-ms, search-ms, render-ms...).
//
//	go test ./internal/build -run XXX -bench Build
//	FOLIO_BENCH_N=10000 go test ./internal/build -run XXX -bench Build -benchtime 1x -cpuprofile cpu.prof -memprofile mem.prof
func BenchmarkBuild(b *testing.B) {
	n := 1000
	if v := os.Getenv("FOLIO_BENCH_N"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("FOLIO_BENCH_N=%q: want a number of publications", v)
		}
	}
	src, out := b.TempDir(), b.TempDir()
	if err := corpus.Generate(src, n, 1); err != nil {
		b.Fatal(err)
	}
	cache := filepath.Join(out, "cache")
	b.Setenv("XDG_CACHE_HOME", cache)
	dest := filepath.Join(out, "public")
	clean := func() {
		for _, d := range []string{dest, cache, filepath.Join(src, ".folio-cache")} {
			if err := os.RemoveAll(d); err != nil {
				b.Fatal(err)
			}
		}
	}
	steps := map[string]time.Duration{}
	var order []string
	var files int
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		clean()
		b.StartTimer()
		res, errs := build.Run(build.Options{Source: src, Dest: dest, Version: "bench"})
		if errs.HasErrors() {
			b.Fatal(errs)
		}
		for _, s := range res.Steps {
			if _, ok := steps[s.Name]; !ok {
				order = append(order, s.Name)
			}
			steps[s.Name] += s.Time
		}
		files = res.Files
	}
	for _, name := range order {
		b.ReportMetric(float64(steps[name].Microseconds())/1e3/float64(b.N), name+"-ms")
	}
	b.ReportMetric(float64(files), "files/op")
}
