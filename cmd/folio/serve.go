package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"folio/internal/serve"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flags("serve", stderr)
	var opts serve.Options
	fs.StringVar(&opts.Build.Source, "source", ".", "site `folder`, holding site.yaml and content/")
	fs.StringVar(&opts.Addr, "addr", "127.0.0.1:1313", "`host:port` to serve on; the preview answers only when opened as localhost, a loopback address or this host")
	fs.BoolVar(&opts.Expose, "expose", false, "allow --addr to be a non-loopback address (prints a warning); the preview then also answers when opened by any IP address, but not by other names")
	fs.BoolVar(&opts.Build.Drafts, "drafts", false, "include publications marked draft: true")
	fs.BoolVar(&opts.Build.Future, "future", false, "include publications whose date or embargo is still to come, each page marked \"Scheduled\"")
	fs.DurationVar(&opts.Poll, "poll", 0, "scan for changes at this `interval` (e.g. 500ms) instead of file system events")
	open := fs.Bool("open", false, "open the site in the default browser")
	protectFlag(fs, &opts.Build.Protect)
	if code := parse(fs, args, stdout); code >= 0 {
		return code
	}
	if _, err := serve.CheckAddr(opts.Addr, opts.Expose); err != nil {
		fmt.Fprintf(stderr, "folio serve: %v\n", err)
		return exitUsage
	}
	opts.Build.Version = version
	opts.Out, opts.Err = stdout, stderr
	if *open {
		opts.Ready = openBrowser
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	finished, err := runUntil(ctx, stopGrace, func() error { return serve.Run(ctx, opts) })
	if err != nil {
		fmt.Fprintf(stderr, "folio serve: %v\n", err)
		return exitSite
	}
	if !finished {
		// Nothing is lost: serve writes nothing to disk.
		fmt.Fprintln(stderr, "folio serve: a build was still running; stopped without waiting for it")
	}
	fmt.Fprintln(stdout, "stopped")
	return exitOK
}

// stopGrace is how long Ctrl-C waits for the server to shut down cleanly: a little more
// than the two seconds the server gives open connections.
const stopGrace = 3 * time.Second

// runUntil runs f until it returns, or until ctx is done and grace has passed, and says
// whether f returned. The server looks at ctx only between builds: a build that never
// ends, or a slow one, must not keep folio from stopping when asked (f then goes on until
// the process exits).
func runUntil(ctx context.Context, grace time.Duration, f func() error) (finished bool, err error) {
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return true, err
	case <-ctx.Done():
	}
	select {
	case err := <-done:
		return true, err
	case <-time.After(grace):
		return false, nil
	}
}

// openBrowser opens url in the desktop's browser, if there is one; failing is harmless.
func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err == nil {
		go cmd.Wait()
	}
}
