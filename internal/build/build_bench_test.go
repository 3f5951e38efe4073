package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"testing"
	"time"

	"folio/internal/build"
	"folio/internal/corpus"
)

// BenchmarkBuild builds a generated site of 1,000 publications (internal/corpus, seed 1;
// FOLIO_BENCH_N sets another size) from disk into a fresh output folder, as folio build
// does: every stage, the search index and the writing of every file included. Each op
// starts cold: a new output folder and no build cache (XDG_CACHE_HOME points to an empty
// folder and the site's .folio-cache/ is removed, untimed).
//
// Besides time and allocations it reports the mean time of each of the build's steps
// (load-ms, model-ms, search-ms, render-ms...) and peak-live-MB, the largest live heap
// seen by the garbage collector during the builds (sampled every 20 ms; the process's
// peak RSS is about twice that with the default GOGC). FOLIO_BENCH_HEAP=FILE writes a
// heap profile taken at that peak, to see what the build holds:
//
//	go test ./internal/build -run XXX -bench Build
//	FOLIO_BENCH_N=10000 go test ./internal/build -run XXX -bench Build -benchtime 1x -cpuprofile cpu.prof
//	FOLIO_BENCH_N=10000 FOLIO_BENCH_HEAP=$PWD/peak.prof go test ./internal/build -run XXX -bench Build -benchtime 1x
//	go tool pprof -sample_index=inuse_space -top peak.prof
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
	// Every op writes to a folder of its own, all removed at the end: on some file
	// systems (this VM's ext4, without a journal) creating files just after thousands
	// were deleted costs several times more, which would bill each op for the last.
	var dest string
	op := 0
	clean := func() {
		op++
		dest = filepath.Join(out, "public-"+strconv.Itoa(op))
		for _, d := range []string{cache, filepath.Join(src, ".folio-cache")} {
			if err := os.RemoveAll(d); err != nil {
				b.Fatal(err)
			}
		}
	}
	heapFile := os.Getenv("FOLIO_BENCH_HEAP")
	stopWatch := watchHeap(heapFile != "")
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
	peak, profile := stopWatch()
	for _, name := range order {
		b.ReportMetric(float64(steps[name].Microseconds())/1e3/float64(b.N), name+"-ms")
	}
	b.ReportMetric(float64(files), "files/op")
	b.ReportMetric(float64(peak)/(1<<20), "peak-live-MB")
	if heapFile != "" {
		if err := os.WriteFile(heapFile, profile, 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// watchHeap samples the live heap (as of the last garbage collection) until the
// returned function is called, which returns the largest value seen and, if profile is
// set, a heap profile taken when it was seen.
func watchHeap(profile bool) func() (uint64, []byte) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var peak uint64
	var prof []byte
	done, stopped := make(chan struct{}), make(chan struct{})
	check := func() {
		metrics.Read(sample)
		if v := sample[0].Value.Uint64(); v > peak {
			peak = v
			if profile {
				var buf bytes.Buffer
				pprof.Lookup("heap").WriteTo(&buf, 0)
				prof = buf.Bytes()
			}
		}
	}
	go func() {
		defer close(stopped)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				check()
				return
			case <-t.C:
				check()
			}
		}
	}()
	return func() (uint64, []byte) {
		close(done)
		<-stopped
		return peak, prof
	}
}

// BenchmarkRebuild measures what folio serve does after a save: a build in memory with a
// warm Builder (its caches filled by a first, untimed build) after one brief changed.
// The search index and exports are deferred, as in serve, and not timed.
//
//	FOLIO_BENCH_N=10000 FOLIO_BENCH_CPU=$PWD/cpu.prof go test ./internal/build -run XXX -bench Rebuild -benchtime 5x
func BenchmarkRebuild(b *testing.B) {
	n := 1000
	if v := os.Getenv("FOLIO_BENCH_N"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("FOLIO_BENCH_N=%q: want a number of publications", v)
		}
	}
	src := b.TempDir()
	if err := corpus.Generate(src, n, 1); err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(src, "content", "publications", "pub-00042.md")
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	bl := build.New(build.Options{Source: src, DeferSearch: true, Version: "bench"})
	if _, _, errs := bl.BuildMemory(); errs.HasErrors() {
		b.Fatal(errs)
	}
	if f := os.Getenv("FOLIO_BENCH_CPU"); f != "" {
		// Profile the rebuilds only, not the corpus generation and the first build.
		out, err := os.Create(f)
		if err != nil {
			b.Fatal(err)
		}
		pprof.StartCPUProfile(out)
		defer func() { pprof.StopCPUProfile(); out.Close() }()
	}
	executed := 0
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		edited := bytes.Replace(orig, []byte("\n## "), []byte("\nEdit number "+strconv.Itoa(i)+".\n\n## "), 1)
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		// The content cache trusts size and modification time; make the change visible
		// even on a file system with coarse timestamps.
		later := time.Now().Add(time.Duration(i) * time.Second)
		os.Chtimes(file, later, later)
		b.StartTimer()
		res, _, errs := bl.BuildMemory()
		if errs.HasErrors() {
			b.Fatal(errs)
		}
		executed += res.Executed
	}
	b.ReportMetric(float64(executed)/float64(b.N), "executed/op")
}
