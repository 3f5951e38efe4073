package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"folio/internal/corpus"
)

// BenchmarkSaveToReload measures the time from saving one brief to the reload event on
// the live-reload stream: watcher latency (including the 40 ms debounce), the rebuild,
// and the swap. The search index, rebuilt after the reload, is not timed: each save
// waits for it, as a writer does who reads the page before saving again. It runs on the bundled sample site, and on a generated site when
// FOLIO_BENCH_N is set:
//
//	go test ./internal/serve -run XXX -bench SaveToReload -benchtime 20x
//	FOLIO_BENCH_N=10000 go test ./internal/serve -run XXX -bench SaveToReload/generated -benchtime 10x
func BenchmarkSaveToReload(b *testing.B) {
	b.Run("sample", func(b *testing.B) {
		root := b.TempDir()
		if err := os.CopyFS(root, os.DirFS("../..")); err != nil {
			b.Fatal(err)
		}
		os.RemoveAll(filepath.Join(root, "public"))
		benchSave(b, root, filepath.Join(root, "content", "publications", "south-sudan-early-warning-gaps.md"))
	})
	n, _ := strconv.Atoi(os.Getenv("FOLIO_BENCH_N"))
	if n == 0 {
		return
	}
	b.Run("generated", func(b *testing.B) {
		root := b.TempDir()
		if err := corpus.Generate(root, n, 1); err != nil {
			b.Fatal(err)
		}
		benchSave(b, root, filepath.Join(root, "content", "publications", "pub-00042.md"))
	})
}

func benchSave(b *testing.B, root, file string) {
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	url, _, _ := startServer(b, root, 0)
	events := listen(b, url)
	b.ResetTimer()
	for i := range b.N {
		n := events.count()
		edited := strings.Replace(string(orig), "\n## ", fmt.Sprintf("\nEdit number %d.\n\n## ", i), 1)
		if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
			b.Fatal(err)
		}
		deadline := time.Now().Add(60 * time.Second)
		for !events.has("reload", n) {
			if time.Now().After(deadline) {
				b.Fatal("no reload event")
			}
			time.Sleep(time.Millisecond)
		}
		// The search index is rebuilt in the background after the reload; wait for it
		// outside the timer, as a writer reads the page before saving again.
		b.StopTimer()
		for !events.has("search", n) {
			if time.Now().After(deadline) {
				b.Fatal("no search event")
			}
			time.Sleep(time.Millisecond)
		}
		b.StartTimer()
	}
}
