package main

// The hosts files for real: Debian's nginx, started by the test on loopback with the
// include files the build wrote (package hosts), serves the sample site. Every file of
// the site is asked for and its headers checked; the aliases answer 301 and a gone URL
// 410; then the search page, a print edition and a page with an aligned table run in
// Chromium under the Content-Security-Policy with no console error and no violation.

import (
	"context"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"folio/internal/build"
	"folio/internal/hosts"
	"folio/internal/testtool"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// needNginx returns the nginx program. Without one it skips the test, except in CI (CI
// set), whose .ci/run installs nginx: there a missing nginx fails the test.
func needNginx(t *testing.T) string {
	t.Helper()
	notShort(t, "nginx")
	p, err := exec.LookPath("nginx")
	if err != nil {
		if _, serr := os.Stat("/usr/sbin/nginx"); serr == nil { // not on a user's PATH
			return "/usr/sbin/nginx"
		}
		testtool.Missing(t, err.Error(), "apt-get install nginx")
	}
	return p
}

// freePort returns a loopback port that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startNginx checks conf with nginx -t, then runs nginx in the foreground as the test's
// own process until the test ends, and waits until every port answers.
func startNginx(t *testing.T, nginx, prefix, conf string, ports ...int) {
	t.Helper()
	args := []string{"-p", prefix, "-c", conf, "-e", "stderr"}
	if out, err := exec.Command(nginx, append(args, "-t")...).CombinedOutput(); err != nil {
		t.Fatalf("nginx -t: %v\n%s\n%s", err, out, conf)
	}
	cmd := exec.Command(nginx, args...)
	var stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt) // nginx stops at once on SIGINT, workers too
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	deadline := time.Now().Add(time.Minute)
	for _, port := range ports {
		for {
			c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
			if err == nil {
				c.Close()
				break
			}
			select {
			case err := <-done:
				t.Fatalf("nginx stopped: %v\n%s", err, stderr.String())
			case <-time.After(50 * time.Millisecond):
			}
			if time.Now().After(deadline) {
				t.Fatalf("nginx does not answer on port %d\n%s", port, stderr.String())
			}
		}
	}
}

// nginxConf is a whole nginx configuration serving each root on its port, with the
// hosts include files found in that root.
func nginxConf(prefix string, roots map[int]string) string {
	var b strings.Builder
	// As root, nginx's workers would run as nobody, who cannot read the test's folders.
	if os.Geteuid() == 0 {
		b.WriteString("user root;\n")
	}
	fmt.Fprintf(&b, "worker_processes 1;\ndaemon off;\nmaster_process on;\npid %s/nginx.pid;\nevents { worker_connections 64; }\nhttp {\n", prefix)
	b.WriteString("    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n    access_log off;\n")
	for _, d := range []string{"client_body", "proxy", "fastcgi", "uwsgi", "scgi"} {
		fmt.Fprintf(&b, "    %s_temp_path %s/tmp-%s;\n", d, prefix, d)
	}
	for port, root := range roots {
		fmt.Fprintf(&b, "    include %s;\n", filepath.Join(root, hosts.NginxHTTP))
		fmt.Fprintf(&b, "    server {\n        listen 127.0.0.1:%d;\n        root %s;\n        error_page 404 /404.html;\n        include %s;\n    }\n",
			port, root, filepath.Join(root, hosts.NginxServer))
	}
	b.WriteString("}\n")
	return b.String()
}

// alignedTable is a page with a table whose columns are aligned: the inline styles the
// policy allows by hash.
const alignedTable = `---
title: "Figures"
summary: "A table with aligned columns."
---

| Mission | Year | Incidents |
|:--------|:----:|----------:|
| UNMISS  | 2024 |       120 |
`

// inlineRE finds what a Content-Security-Policy without 'unsafe-inline' governs in a
// page: style elements and attributes, scripts in the page, event handler attributes;
// allowedInline is what the policy lets through: data blocks and the table alignments.
// Chromium opens only some pages below; this looks at every one.
var (
	inlineRE      = regexp.MustCompile(`(?i)<style[\s>]|<script(?:\s[^>]*)?>|\sstyle="[^"]*"|\son[a-z]+=`)
	allowedInline = regexp.MustCompile(`(?i)^(<script\s[^>]*\bsrc="[^"]*"[^>]*>|<script type="application/ld\+json">|\sstyle="text-align:(left|center|right)")$`)
)

var refreshRE = regexp.MustCompile(`http-equiv="refresh" content="0; url=([^"]+)"`)

func TestNginxServesTheSite(t *testing.T) {
	nginx := needNginx(t)
	dir := t.TempDir()
	src := copySample(t)
	yaml, _ := os.ReadFile(filepath.Join(src, "site.yaml"))
	yaml = append(yaml, "\nhosts: [netlify, nginx, apache]\n"...)
	if err := os.WriteFile(filepath.Join(src, "site.yaml"), yaml, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "content/pages/figures.md"), []byte(alignedTable), 0o644); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(dir, "public")
	if _, errs := build.Run(build.Options{Source: src, Dest: public, Version: "test"}); errs.HasErrors() {
		t.Fatalf("building the sample site: %v", errs)
	}

	// A second site in the same nginx, as a staging copy would be, with a gone URL, which
	// nothing in the sample site makes yet.
	staging := filepath.Join(dir, "staging")
	files, err := hosts.Files([]string{"nginx"}, hosts.Site{
		BaseURL:   "https://staging.example.org/",
		Redirects: []hosts.Redirect{{From: "/old/", To: "/new/"}},
		Gone:      []hosts.Gone{{URL: "/withdrawn/", Reason: "withdrawn at the partner's request"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range append(files, hosts.File{Path: "withdrawn/index.html", Data: []byte("<!DOCTYPE html><title>x</title>")}) {
		os.MkdirAll(filepath.Dir(filepath.Join(staging, f.Path)), 0o755)
		if err := os.WriteFile(filepath.Join(staging, f.Path), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	port, stagingPort := freePort(t), freePort(t)
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(nginxConf(dir, map[int]string{port: public, stagingPort: staging})), 0o644); err != nil {
		t.Fatal(err)
	}
	startNginx(t, nginx, dir, conf, port, stagingPort)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)

	client := &http.Client{
		Timeout:       time.Minute,
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	get := func(u string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("GET", u, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", u, err)
		}
		resp.Body.Close()
		return resp
	}
	check := func(u string, resp *http.Response, status int, cache string) {
		t.Helper()
		if resp.StatusCode != status {
			t.Errorf("GET %s: %s; want %d", u, resp.Status, status)
		}
		for _, h := range hosts.Security {
			if got := resp.Header.Get(h.Name); got != h.Value {
				t.Errorf("GET %s: %s = %q; want %q", u, h.Name, got, h.Value)
			}
		}
		if got := resp.Header.Values("Cache-Control"); len(got) != 1 || got[0] != cache {
			t.Errorf("GET %s: Cache-Control %q; want %q", u, got, cache)
		}
	}

	// Every file of the output, by its URL.
	immutable := regexp.MustCompile(`^/search/[^/]+$|/card-[0-9a-f]{12}\.png$`)
	var counts struct{ pages, redirects, immutable, hidden int }
	err = filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(public, p)
		u := "/" + filepath.ToSlash(rel)
		switch {
		case strings.HasPrefix(u, "/_nginx/") || u == "/_headers" || u == "/_redirects" || u == "/.htaccess":
			counts.hidden++
			check(u, get(base+u), 404, hosts.Revalidate)
			return nil
		case strings.HasSuffix(u, "/index.html"):
			u = strings.TrimSuffix(u, "index.html")
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		resp := get(base + u)
		switch m := refreshRE.FindSubmatch(data); {
		case m != nil:
			counts.redirects++
			check(u, resp, 301, hosts.Revalidate)
			loc, err := url.Parse(resp.Header.Get("Location"))
			if want := string(m[1]); err != nil || loc.Path != want {
				t.Errorf("GET %s: Location %q; want %s", u, resp.Header.Get("Location"), want)
			}
		case immutable.MatchString(u):
			counts.immutable++
			check(u, resp, 200, hosts.Immutable)
		default:
			counts.pages++
			check(u, resp, 200, hosts.Revalidate)
			if strings.HasSuffix(p, ".html") {
				for _, m := range inlineRE.FindAll(data, -1) {
					if !allowedInline.Match(m) {
						t.Errorf("%s: %s, which the Content-Security-Policy blocks", u, m)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if counts.pages < 100 || counts.redirects < 2 || counts.immutable < 10 || counts.hidden != 5 {
		t.Errorf("crawled %+v: want 100 pages or more, the 2 aliases, 10 content-addressed files or more, 5 configuration files", counts)
	}

	// The theme's files, as pages link them (with their version) and without it.
	home, _ := os.ReadFile(filepath.Join(public, "index.html"))
	css := regexp.MustCompile(`href="(/static/style\.css\?v=[0-9a-f]+)"`).FindSubmatch(home)
	if css == nil {
		t.Fatalf("the home page links no versioned style.css")
	}
	resp := get(base + string(css[1]))
	check(string(css[1]), resp, 200, hosts.Immutable)
	if enc := resp.Header.Get("Content-Encoding"); enc != "gzip" {
		t.Errorf("GET %s: Content-Encoding %q; want gzip (Debian's nginx.conf compresses only HTML)", css[1], enc)
	}
	check("/static/style.css", get(base+"/static/style.css"), 200, hosts.Revalidate)
	check("/no-such-page/", get(base+"/no-such-page/"), 404, hosts.Revalidate)

	// The staging site: 301 and 410 through its own maps.
	sbase := fmt.Sprintf("http://127.0.0.1:%d", stagingPort)
	for _, u := range []string{"/withdrawn/", "/withdrawn/index.html"} {
		check(u, get(sbase+u), 410, hosts.Revalidate)
	}
	if resp := get(sbase + "/old/"); resp.StatusCode != 301 || !strings.HasSuffix(resp.Header.Get("Location"), "/new/") {
		t.Errorf("staging GET /old/: %s, Location %q; want 301 to /new/", resp.Status, resp.Header.Get("Location"))
	}
	if t.Failed() {
		return
	}

	// The pages in Chromium, under the policy.
	p := startNginxBrowser(t, base)
	p.open("/search/")
	p.waitStatus("newest first")
	p.typeInto("#search-q", "early warning")
	s := p.waitStatus("“early warning”")
	if s.count() < 2 {
		t.Errorf("searching under the policy: %s", s)
	}
	p.open("/figures/")
	if got := p.eval(`getComputedStyle(document.querySelectorAll("td")[2]).textAlign`); got != "right" {
		t.Errorf("the aligned table cell is aligned %q under the policy; want right", got)
	}
	p.open("/publications/south-sudan-early-warning-gaps/")
	p.open("/publications/south-sudan-early-warning-gaps/print/")
	p.open("/recommendations/")
}

// startNginxBrowser starts Chromium for pages at base. A console error or warning, an
// uncaught exception, or a Content-Security-Policy violation fails the test.
func startNginxBrowser(t *testing.T, base string) *browserPage {
	t.Helper()
	return newBrowserPage(t, needChromium(t), base, listenConsole)
}

// listenConsole notes every error and warning of the browser's console (the page's and
// the browser's own, such as a blocked resource) and Content-Security-Policy violations.
func listenConsole(p *browserPage) {
	ctx := p.ctx
	messages := chromedp.Console(ctx) // starts the browser, for as long as ctx lasts
	// Chromium logs a violation to the console as well; the event also names what
	// was blocked.
	p.do("listening for policy violations", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `
document.addEventListener("securitypolicyviolation", (e) =>
  console.error("Content-Security-Policy violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber));`})
		return err
	}))
	go func() {
		for m, err := range messages {
			if err != nil {
				// Not at the test's end, nor a crash (open starts Chromium again).
				if ctx.Err() == nil && !strings.Contains(err.Error(), "browser process exited") {
					p.note("reading the console: " + err.Error())
				}
				return
			}
			switch m.Type {
			case chromedp.ConsoleError, chromedp.ConsoleWarning, chromedp.ConsoleException:
				p.note(fmt.Sprintf("console %s: %s (%s)", m.Type, m.Text, m.URL))
			}
		}
	}()
}
