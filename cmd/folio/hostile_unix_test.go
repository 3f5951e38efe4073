//go:build unix

package main

// Hostile input that needs the file system of a Unix: named pipes, which a program that
// opens one for reading waits on until something writes to it, and the signals that stop
// folio serve. Each folio runs in its own process, with a minute to finish: that is a
// guard against a hang, not a measure of speed (each run takes well under a second).

import (
	"bufio"
	"context"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"folio/themes"
)

const hangGuard = time.Minute

// folioProcess runs folio in a process of its own (the test binary, registered as folio
// by TestMain), killing it and failing the test if it has not finished within hangGuard.
func folioProcess(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	cmd := exec.CommandContext(ctx, "folio", args...)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("folio %s did not finish within %s: it hangs", strings.Join(args, " "), hangGuard)
	}
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("folio %s: %v", strings.Join(args, " "), err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errOut.String()
}

func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
}

// fifoSite is a valid site with a bundle, a page, the default theme copied into
// themes/default, and the site's own layouts/, static/ and fonts/ folders.
func fifoSite(t *testing.T) string {
	t.Helper()
	dir := writeHostileSite(t, map[string]string{
		"content/publications/water/index.md": hostileFront("Water access"),
		"content/publications/water/data.csv": "a,b\n",
		"content/publications/roads.md":       hostileFront("Roads"),
		"content/pages/about.md":              "---\ntitle: About\n---\nAbout us.\n",
		"layouts/partials/extra.html":         "",
		"static/site.css":                     "body{}\n",
		"fonts/README":                        "fonts for share cards\n",
	})
	theme, err := fs.Sub(themes.Default, "default")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "themes", "default"), theme); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestHostileNamedPipe puts a named pipe at each kind of place folio reads in a site
// folder. folio build and folio check used to wait on it forever; now each refuses it,
// by name, before opening it, and the last good output stays.
func TestHostileNamedPipe(t *testing.T) {
	places := []struct{ pipe, want string }{
		{"content/publications/water/brief.pdf", "content/publications/water/brief.pdf: not a regular file"},
		{"content/publications/water/img/map.png", "content/publications/water/img/map.png: not a regular file"},
		{"content/publications/pipe.md", "content/publications/pipe.md: not a regular file"},
		{"content/pages/pipe.md", "content/pages/pipe.md: not a regular file"},
		{"layouts/partials/pipe.html", "layouts/partials/pipe.html: not a regular file"},
		{"static/pipe.css", "static/pipe.css: not a regular file"},
		{"fonts/pipe.ttf", "fonts/pipe.ttf: not a regular file"},
		{"themes/default/layouts/partials/pipe.html", "themes/default/layouts/partials/pipe.html: not a regular file"},
		{"themes/default/static/pipe.css", "themes/default/static/pipe.css: not a regular file"},
		{"site.yaml", "site.yaml: not a regular file"},
	}
	for _, pl := range places {
		t.Run(strings.ReplaceAll(pl.pipe, "/", "_"), func(t *testing.T) {
			t.Parallel()
			dir := fifoSite(t)
			if code, stdout, stderr := folioProcess(t, "build", "--source", dir); code != 0 {
				t.Fatalf("folio build: exit %d\n%s%s", code, stdout, stderr)
			}
			if pl.pipe == "site.yaml" {
				os.Remove(filepath.Join(dir, "site.yaml"))
			}
			mkfifo(t, filepath.Join(dir, pl.pipe))
			code, _, stderr := folioProcess(t, "build", "--source", dir)
			if code != exitSite || !strings.Contains("\n"+stderr, "\n"+pl.want+": ") {
				t.Errorf("folio build: exit %d, stderr:\n%s\nwant exit 1 and a line starting %q", code, stderr, pl.want)
			}
			if _, err := os.Stat(filepath.Join(dir, "public", "publications", "water", "index.html")); err != nil {
				t.Errorf("the last good output is gone: %v", err)
			}
			code, stdout, _ := folioProcess(t, "check", "--source", dir)
			if code != exitSite || !strings.Contains("\n"+stdout, "\n"+pl.want+": ") {
				t.Errorf("folio check: exit %d, stdout:\n%s\nwant exit 1 and a line starting %q", code, stdout, pl.want)
			}
		})
	}
}

// serveOutput collects folio serve's output and reports the URL it serves at.
type serveOutput struct {
	mu   sync.Mutex
	buf  strings.Builder
	url  chan string
	sent bool
}

func (o *serveOutput) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.buf.Write(p)
	for line := range strings.Lines(o.buf.String()) {
		i := strings.LastIndex(line, " at http://")
		if strings.HasPrefix(line, "serving ") && i > 0 && strings.HasSuffix(line, "\n") && !o.sent {
			o.url <- strings.TrimSuffix(line[i+len(" at "):], " (Ctrl-C to stop)\n")
			o.sent = true
		}
	}
	return len(p), nil
}

func (o *serveOutput) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// startServe starts folio serve on a free loopback port and returns the process, its
// URL and its output, once it says it is serving.
func startServe(t *testing.T, dir string) (*exec.Cmd, string, *serveOutput) {
	t.Helper()
	cmd := exec.Command("folio", "serve", "--source", dir, "--addr", "127.0.0.1:0")
	out := &serveOutput{url: make(chan string, 1)}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	select {
	case u := <-out.url:
		return cmd, u, out
	case <-time.After(hangGuard):
		t.Fatalf("folio serve did not start serving within %s:\n%s", hangGuard, out)
	}
	return nil, "", nil
}

// TestHostileServeStops: folio serve stops on SIGINT (Ctrl-C) and SIGTERM whatever it
// is doing: idle, with a browser waiting for reload events, or showing the errors of a
// site with a named pipe (whose build used to wait on it forever, deaf to signals).
func TestHostileServeStops(t *testing.T) {
	tests := []struct {
		name   string
		signal os.Signal
		pipe   string // made before starting, if not ""
		events bool   // a client is listening for reloads
	}{
		{"idle, Ctrl-C", os.Interrupt, "", false},
		{"idle, SIGTERM", syscall.SIGTERM, "", false},
		{"reload client, Ctrl-C", os.Interrupt, "", true},
		{"named pipe, Ctrl-C", os.Interrupt, "content/publications/water/brief.pdf", false},
		{"named pipe in site.yaml, SIGTERM", syscall.SIGTERM, "site.yaml", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := fifoSite(t)
			if tt.pipe == "site.yaml" {
				os.Remove(filepath.Join(dir, "site.yaml"))
			}
			if tt.pipe != "" {
				mkfifo(t, filepath.Join(dir, tt.pipe))
			}
			cmd, url, out := startServe(t, dir)
			if tt.events {
				resp, err := http.Get(url + "__folio/events")
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				if _, err := bufio.NewReader(resp.Body).ReadString('\n'); err != nil {
					t.Fatal(err)
				}
			}
			if err := cmd.Process.Signal(tt.signal); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil || !strings.Contains(out.String(), "\nstopped\n") {
					t.Errorf("folio serve: %v; want exit 0 and \"stopped\"\n%s", err, out)
				}
			case <-time.After(hangGuard):
				t.Fatalf("folio serve did not stop within %s of %v\n%s", hangGuard, tt.signal, out)
			}
		})
	}
}

// TestServeStopsDuringStuckBuild: Ctrl-C stops folio serve even while a build never
// ends (the server looks at its context only between builds).
func TestServeStopsDuringStuckBuild(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	stuck := make(chan struct{})
	defer close(stuck)
	result := make(chan bool, 1)
	go func() {
		finished, _ := runUntil(ctx, time.Millisecond, func() error { <-stuck; return nil })
		result <- finished
	}()
	cancel()
	select {
	case finished := <-result:
		if finished {
			t.Errorf("runUntil says the stuck function finished")
		}
	case <-time.After(hangGuard):
		t.Fatalf("runUntil waited for a stuck function after its context was cancelled")
	}

	// A function that ends when asked is waited for, and its error kept.
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	finished, err := runUntil(ctx, hangGuard, func() error { <-ctx.Done(); return io.ErrUnexpectedEOF })
	if !finished || err != io.ErrUnexpectedEOF {
		t.Errorf("runUntil = %v, %v; want true, %v", finished, err, io.ErrUnexpectedEOF)
	}
}
