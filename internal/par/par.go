// Package par runs the iterations of a loop on several goroutines: the one worker pool
// of folio's build, search index and link check.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls f(i) for every i in [0, n) on at most workers goroutines (GOMAXPROCS when
// workers < 1), and returns when all calls have returned. Indexes are handed out in
// order, so the earliest items start first; f writes its result to slot i of a slice
// the caller owns, which keeps the output in input order whatever the scheduling.
func For(n, workers int, f func(i int)) {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}
