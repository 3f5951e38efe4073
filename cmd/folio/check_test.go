package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
)

// TestCheckSampleSite: folio check finds nothing wrong with the bundled sample site
// (without --external: tests never fetch the sample's links to other sites).
func TestCheckSampleSite(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"check", "--source", "../..", "--strict"}, &stdout, &stderr)
	if code != exitOK || !regexp.MustCompile(`^folio check: 0 errors, 0 warnings; \d+ pages checked\n$`).Match(stdout.Bytes()) || stderr.Len() > 0 {
		t.Errorf("folio check on the sample site: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
}

// The gate on the generated 300-publication site (buildGenerated): folio check of its
// built output, with --strict, reports nothing.
func TestCheckGeneratedSite(t *testing.T) {
	dest := buildGenerated(t)
	var stdout, stderr bytes.Buffer
	code := run([]string{"check", "--source", filepath.Join(filepath.Dir(dest), "site"), "--dest", dest, "--strict"}, &stdout, &stderr)
	if code != exitOK || !regexp.MustCompile(`^folio check: 0 errors, 0 warnings; \d+ pages checked\n$`).Match(stdout.Bytes()) || stderr.Len() > 0 {
		t.Errorf("folio check on the generated site: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
}

// writeSite writes files (path → contents) into a new folder and returns it.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const checkSiteYAML = `title: Example Programme
base_url: https://example.org/
types: [{key: report}]
objectives: [{key: priority, number: 1, title: Priority}]
`

func brief(body string) string {
	return "---\ntitle: A\ndate: 2024-01-01\ntype: report\nobjectives: [1]\nsummary: S.\n---\n" + body
}

// TestCheckExitCodes: 0 when clean or only warned, 1 on errors and, with --strict, on
// warnings, 2 on misuse.
func TestCheckExitCodes(t *testing.T) {
	clean := writeSite(t, map[string]string{"site.yaml": checkSiteYAML, "content/publications/a.md": brief("## Fine\n\nText.\n")})
	warned := writeSite(t, map[string]string{"site.yaml": checkSiteYAML, "content/publications/a.md": brief("#### Too deep\n\nText.\n")})
	broken := writeSite(t, map[string]string{"site.yaml": checkSiteYAML, "content/publications/a.md": brief("[x](/nowhere/)\n")})
	for _, tt := range []struct {
		args []string
		want int
	}{
		{[]string{"check", "--source", clean}, exitOK},
		{[]string{"check", "--source", clean, "--strict"}, exitOK},
		{[]string{"check", "--source", warned}, exitOK},
		{[]string{"check", "--source", warned, "--strict"}, exitSite},
		{[]string{"check", "--source", broken}, exitSite},
		{[]string{"check", "--source", filepath.Join(clean, "nowhere")}, exitSite},
		{[]string{"check", "--nosuchflag"}, exitUsage},
		{[]string{"check", "--timeout", "-1s"}, exitUsage},
		{[]string{"check", "extra"}, exitUsage},
		{[]string{"check", "-h"}, exitOK},
	} {
		var stdout, stderr bytes.Buffer
		if got := run(tt.args, &stdout, &stderr); got != tt.want {
			t.Errorf("folio %s: exit %d; want %d\n%s%s", strings.Join(tt.args, " "), got, tt.want, stdout.String(), stderr.String())
		}
	}
}

// TestCheckExternal: with --external, links to other sites are fetched (here, from a
// server in the test, which --external-private lets folio reach) and those that fail are
// reported where the Markdown or the layout wrote them: a missing page is an error, a
// server error a warning. Without --external-private, none is fetched: they point to this
// computer.
func TestCheckExternal(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		switch r.URL.Path {
		case "/ok":
		case "/head-refused":
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
			}
		case "/broken":
			w.WriteHeader(http.StatusServiceUnavailable)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := writeSite(t, map[string]string{
		"site.yaml": checkSiteYAML,
		"content/publications/a.md": brief(strings.ReplaceAll(`See [a report](SERVER/ok), [a form](SERVER/head-refused#top),
[a lost page](SERVER/missing) and
<SERVER/broken>.
`, "SERVER", srv.URL)),
		"layouts/page.html":      `{{define "main"}}<h1>{{.Title}}</h1><p><a href="` + srv.URL + `/partner/">Partner</a></p>{{.Page.Body}}{{end}}`,
		"content/pages/about.md": "---\ntitle: About\n---\nAbout [the lost page](" + srv.URL + "/missing).\n",
	})
	var stdout, stderr bytes.Buffer
	code := run([]string{"check", "--source", dir, "--external", "--timeout", "5s"}, &stdout, &stderr)
	got := strings.ReplaceAll(stdout.String(), srv.URL, "SERVER")
	const private = `: not checked: points to a private address (127.0.0.1); use --external-private to check it`
	want := `content/pages/about.md:4:7: warning: link to "SERVER/missing"` + private + `
content/publications/a.md:8:5: warning: link to "SERVER/ok"` + private + `
content/publications/a.md:8:44: warning: link to "SERVER/head-refused#top"` + private + `
content/publications/a.md:9:1: warning: link to "SERVER/missing"` + private + `
content/publications/a.md:10:1: warning: link to "SERVER/broken"` + private + `
public/about/index.html:37:18: warning: link to "SERVER/partner/"` + private + `
folio check: 0 errors, 6 warnings; 18 pages checked, 5 external links
`
	if code != exitOK || got != want || stderr.Len() > 0 || requests.Load() != 0 {
		t.Errorf("folio check --external of links to 127.0.0.1: exit %d, %d requests\n%s\nwant exit 0, no request\n%s%s", code, requests.Load(), got, want, stderr.String())
	}

	stdout.Reset()
	code = run([]string{"check", "--source", dir, "--external", "--external-private", "--timeout", "5s"}, &stdout, &stderr)
	got = strings.ReplaceAll(stdout.String(), srv.URL, "SERVER")
	want = `content/pages/about.md:4:7: link to "SERVER/missing": 404 Not Found
content/publications/a.md:9:1: link to "SERVER/missing": 404 Not Found
content/publications/a.md:10:1: warning: link to "SERVER/broken": 503 Service Unavailable (may be temporary)
public/about/index.html:37:18: link to "SERVER/partner/": 404 Not Found
folio check: 3 errors, 1 warning; 18 pages checked, 5 external links
`
	if code != exitSite || got != want || stderr.Len() > 0 {
		t.Errorf("folio check --external --external-private: exit %d\n%s\nwant exit 1\n%s%s", code, got, want, stderr.String())
	}

	// Without --external, nothing is fetched.
	stdout.Reset()
	if code := run([]string{"check", "--source", dir}, &stdout, &stderr); code != exitOK || strings.Contains(stdout.String(), "SERVER") {
		t.Errorf("folio check without --external: exit %d\n%s", code, stdout.String())
	}
}
