// Package par runs the iterations of a loop on several goroutines: the one worker pool
// of folio's content loading, model, search index, rendering and link check.
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
	Each(n, workers, func() func(int) { return f })
}

// Each is For with state of each goroutine's own: worker is called once on each
// goroutine, and the f it returns is called for the items that goroutine takes. A
// buffer or a scratch array is then made once per goroutine, not once per item, and
// needs no lock.
func Each(n, workers int, worker func() func(i int)) {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			f := worker()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}
