package main

import (
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/build"
	"folio/internal/serve"
)

// The preview in a browser: a build's warnings show in a panel that does not cover the
// page and can be dismissed (it stays dismissed after a reload while the warnings are the
// same); errors cover the page, counted in words ("1 error").
func TestServeBrowserWarnings(t *testing.T) {
	chrome := needChromium(t)
	root := t.TempDir()
	put := func(rel, data string) {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p+".tmp", []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(p+".tmp", p); err != nil {
			t.Fatal(err)
		}
	}
	brief := "---\ntitle: Water\ndate: 2024-01-01\ntype: report\nobjectives: [1]\nsummary: S.\n---\nBody.\n\n![](https://example.org/map.png)\n"
	put("site.yaml", "title: Example Programme\nbase_url: https://example.org/\ntypes: [{key: report}]\nobjectives: [{key: priority, number: 1, title: Priority}]\n")
	put("content/publications/water.md", brief)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve.Run(ctx, serve.Options{Build: build.Options{Source: root, Version: "test"}, Addr: ln.Addr().String(),
			Listen: ln, Out: io.Discard, Err: io.Discard, Ready: func(u string) { ready <- u }})
	}()
	t.Cleanup(func() { stop(); <-done })
	var url string
	select {
	case url = <-ready:
	case err := <-done:
		t.Fatalf("serve: %v", err)
	}

	p := newBrowserPage(t, chrome, strings.TrimSuffix(url, "/"), startTab)

	p.open("/publications/water/")
	p.waitFor("the warnings panel", `document.getElementById("folio-warnings")`)
	if h := p.eval(`document.querySelector("#folio-warnings h2").textContent`); h != "folio: 1 warning (the site builds)" {
		t.Errorf("panel heading %q", h)
	}
	if role := p.eval(`document.getElementById("folio-warnings").getAttribute("role")`); role != "status" {
		t.Errorf("panel role %q; want status (errors are the alerts)", role)
	}
	// A panel in a corner: the page's title is not under it.
	if covers := p.eval(`(() => { const h = document.querySelector("h1").getBoundingClientRect();
		return String(!!document.elementFromPoint(h.left + 2, h.top + 2).closest("#folio-warnings")); })()`); covers != "false" {
		t.Errorf("the warnings panel covers the page's title")
	}

	// Dismissed, it stays away after a reload while the warnings are the same.
	p.eval(`(document.querySelector("#folio-warnings button").click(), "")`)
	p.open("/publications/water/")
	// live.js marks the page when it got the warnings and kept them hidden.
	p.waitFor("the warnings to be received again", `document.documentElement.dataset.folioWarnings === "dismissed"`)
	if got := p.eval(`String(!!document.getElementById("folio-warnings"))`); got != "false" {
		t.Errorf("the dismissed panel came back after a reload")
	}

	put("content/publications/water.md", strings.Replace(brief, "date: 2024-01-01", "date: soon", 1))
	p.waitFor("the errors overlay", `document.getElementById("folio-errors")`)
	if h := p.eval(`document.querySelector("#folio-errors h2").textContent`); h != "folio: the site has 1 error; showing the last good build" {
		t.Errorf("overlay heading %q", h)
	}
}
