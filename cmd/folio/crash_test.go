package main

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"folio/internal/corpus"
)

// treeHash hashes every file path and content under dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	var paths []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, p)
		}
		return nil
	})
	sort.Strings(paths)
	h := sha256.New()
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		h.Write([]byte(rel + "\x00"))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// countFiles counts the files under the build's temporary folders.
func countFiles(parent, prefix string) (n int, tmp string) {
	dirs, _ := filepath.Glob(filepath.Join(parent, prefix))
	for _, d := range dirs {
		tmp = d
		filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				n++
			}
			return nil
		})
	}
	return n, tmp
}

// TestKilledBuildLosesNothing kills folio build (SIGKILL) at several points while it
// writes, and checks each time that the previous output is intact (or, killed between
// the two renames of the swap, kept aside and put back by the next build), that the
// next build succeeds, and that it leaves no temporary folder behind.
func TestKilledBuildLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 300-publication site several times")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "folio")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	src := filepath.Join(dir, "site")
	if err := corpus.Generate(src, 300, 11); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(src, "public")
	run := func() {
		t.Helper()
		if out, err := exec.Command(bin, "build", "--source", src).CombinedOutput(); err != nil {
			t.Fatalf("folio build: %v\n%s", err, out)
		}
	}
	run()
	noLeftovers := func() {
		t.Helper()
		left, _ := filepath.Glob(filepath.Join(src, ".public.*"))
		if len(left) > 0 {
			t.Fatalf("temporary folders left after a normal build: %v", left)
		}
	}
	noLeftovers()

	// Kill after the first file written, and part way through.
	kills := 0
	for _, point := range []int{1, 100, 400} {
		// Each round changes the content, so the killed build would have written
		// something different from what is there.
		p := filepath.Join(src, "content", "publications", "pub-00001.md")
		data, _ := os.ReadFile(p)
		os.WriteFile(p, append(data, []byte("\nRound "+strings.Repeat("x", point+2)+".\n")...), 0o644)
		run()
		before := treeHash(t, public)

		os.WriteFile(p, append(data, []byte("\nKilled round.\n")...), 0o644)
		cmd := exec.Command(bin, "build", "--source", src)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		killed := false
	poll:
		for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); {
			n, tmp := countFiles(src, ".public.tmp-*")
			_, marker := os.Stat(filepath.Join(tmp, ".folio-build")) // written last: kill now at the latest
			if n >= point || marker == nil && tmp != "" {
				cmd.Process.Signal(syscall.SIGKILL)
				killed = true
				break poll
			}
			select {
			case <-done:
				break poll // finished before the point: nothing to test this round
			default:
				time.Sleep(time.Millisecond)
			}
		}
		if !killed {
			t.Logf("point %d: the build finished before it could be killed", point)
			continue
		}
		<-done

		// The previous output is intact, or kept aside by a swap cut in the middle.
		if _, err := os.Stat(public); err == nil {
			if got := treeHash(t, public); got != before {
				// The signal may land after the swap: a build that reuses most files
				// from the build cache goes from its last file to the swap in a moment.
				// Then public/ must be that build, complete, and nothing left behind.
				page, _ := os.ReadFile(filepath.Join(public, "publications", "pub-00001", "index.html"))
				_, marker := os.Stat(filepath.Join(public, ".folio-build"))
				// A killed build leaves its lock file (the lock itself ended with the
				// process), and nothing else.
				left, _ := filepath.Glob(filepath.Join(src, ".public.*"))
				left = slices.DeleteFunc(left, func(p string) bool { return filepath.Base(p) == ".public.lock" })
				if marker != nil || !strings.Contains(string(page), "Killed round.") || len(left) > 0 {
					t.Fatalf("point %d: public/ changed after the build was killed", point)
				}
				t.Logf("point %d: the build had swapped in its output when the signal landed", point)
				continue
			}
		} else {
			old, _ := filepath.Glob(filepath.Join(src, ".public.old-*"))
			if len(old) != 1 || treeHash(t, old[0]) != before {
				t.Fatalf("point %d: public/ is gone and no intact copy was kept aside", point)
			}
		}
		kills++
		// The next build succeeds, cleans up what the killed one left, and has the edit.
		run()
		noLeftovers()
		page, err := os.ReadFile(filepath.Join(public, "publications", "pub-00001", "index.html"))
		if err != nil || !strings.Contains(string(page), "Killed round.") {
			t.Fatalf("point %d: the build after the kill does not have the new content", point)
		}
	}
	if kills < 2 {
		t.Fatalf("only %d builds could be killed mid-write; the test proved nothing", kills)
	}

	// A build killed between the two renames of its swap leaves public/ moved aside and
	// the new output complete in its temporary folder. The next build puts the previous
	// output back before anything else, so even when that build fails, nothing is lost.
	before := treeHash(t, public)
	if err := os.Rename(public, filepath.Join(src, ".public.old-123")); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(src, ".public.tmp-456", "half"), 0o755)
	p := filepath.Join(src, "content", "publications", "pub-00002.md")
	good, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(good), "type: ", "type: nonsense-", 1)), 0o644)
	if err := exec.Command(bin, "build", "--source", src).Run(); err == nil {
		t.Fatal("a build of broken content succeeded")
	}
	if got := treeHash(t, public); got != before {
		t.Fatal("after an interrupted swap and a failed build, public/ is not the previous output")
	}
	noLeftovers()
	os.WriteFile(p, good, 0o644)
	run()
	noLeftovers()
}
