package main

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"folio/internal/build"
	"folio/internal/corpus"
)

// lockedBuffer is an io.Writer that a command writes to while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// folio build and folio pdf wait while another build holds the output folder, say so
// once, and go on when it is free.
func TestCommandsWaitForAnotherBuild(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 3, 1); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		code int
	}{
		{[]string{"build", "--source", src}, exitOK},
		// --only with a slug that has no print edition: it builds, then stops before
		// any browser is needed.
		{[]string{"pdf", "--source", src, "--only", "no-such-slug"}, exitUsage},
	} {
		lock, err := build.LockOutput(build.Options{Source: src})
		if err != nil {
			t.Fatal(err)
		}
		var stderr lockedBuffer
		done := make(chan int, 1)
		go func() { done <- run(tt.args, io.Discard, &stderr) }()
		real, _ := filepath.EvalSymlinks(src) // the message names the folder links lead to
		want := "folio " + tt.args[0] + ": waiting for another build of " + filepath.Join(real, "public") + " to finish\n"
		for deadline := time.Now().Add(time.Minute); stderr.String() != want; time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("folio %s: stderr %q; want %q", tt.args[0], stderr.String(), want)
			}
		}
		select {
		case code := <-done:
			t.Fatalf("folio %s ended (%d) while another build held the output folder", tt.args[0], code)
		default:
		}
		if err := lock.Unlock(); err != nil {
			t.Fatal(err)
		}
		if code := <-done; code != tt.code || strings.Count(stderr.String(), "waiting") != 1 {
			t.Errorf("folio %s: exit %d; want %d; stderr:\n%s", tt.args[0], code, tt.code, stderr.String())
		}
	}
}
