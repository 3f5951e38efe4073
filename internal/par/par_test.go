package par

import (
	"sync/atomic"
	"testing"
)

func TestFor(t *testing.T) {
	for _, c := range []struct{ n, workers int }{{0, 4}, {1, 4}, {100, 1}, {100, 3}, {1000, 0}} {
		calls := make([]atomic.Int32, c.n)
		var running, most atomic.Int32
		For(c.n, c.workers, func(i int) {
			r := running.Add(1)
			for m := most.Load(); r > m && !most.CompareAndSwap(m, r); m = most.Load() {
			}
			calls[i].Add(1)
			running.Add(-1)
		})
		for i := range calls {
			if got := calls[i].Load(); got != 1 {
				t.Errorf("For(%d, %d): f(%d) called %d times; want once", c.n, c.workers, i, got)
			}
		}
		if c.workers > 0 && int(most.Load()) > c.workers {
			t.Errorf("For(%d, %d): %d calls at once; want at most %d", c.n, c.workers, most.Load(), c.workers)
		}
	}
}

// Each makes one worker per goroutine, and each item is done once, by one of them.
func TestEach(t *testing.T) {
	const n, workers = 500, 3
	var made atomic.Int32
	owner := make([]int32, n)
	Each(n, workers, func() func(int) {
		id := made.Add(1)
		return func(i int) {
			if owner[i] != 0 {
				t.Errorf("item %d done twice", i)
			}
			owner[i] = id
		}
	})
	if made.Load() != workers {
		t.Errorf("%d workers made; want %d", made.Load(), workers)
	}
	for i, o := range owner {
		if o == 0 {
			t.Errorf("item %d not done", i)
		}
	}
	Each(0, workers, func() func(int) { t.Error("a worker made for no items"); return nil })
}
