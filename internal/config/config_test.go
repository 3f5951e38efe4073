package config

import (
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

const minimal = `title: T
base_url: https://example.org/sub
types: [{key: report}]
objectives:
  - {key: priority, number: 1, title: Priority}
  - {key: accountability, number: 4, title: Accountability}
`

func TestParseDefaults(t *testing.T) {
	c, err := Parse("site.yaml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "https://example.org/sub/" || c.PageSize != 10 || c.Paper != "A4" || c.Language != "en" || c.Organisation != "T" {
		t.Errorf("defaults wrong: %+v", c)
	}
	if c.Types[0].Title != "Report" || c.Types[0].Plural != "Reports" {
		t.Errorf("type defaults = %+v", c.Types[0])
	}
	if o, ok := c.Objective("4"); !ok || o.Key != "accountability" {
		t.Errorf("Objective(\"4\") = %v, %v", o, ok)
	}
	if o, ok := c.Objective("priority"); !ok || o.Number != 1 {
		t.Errorf("Objective(\"priority\") = %v, %v", o, ok)
	}
	if c.Keep != nil {
		t.Errorf("Keep = %q; want nothing by default", c.Keep)
	}
	if c, err := Parse("site.yaml", []byte(minimal+"keep: [CNAME, .git]\n")); err != nil || !slices.Equal(c.Keep, []string{"CNAME", ".git"}) {
		t.Errorf("keep: [CNAME, .git]: %v, %v", c, err)
	}
	if c, err := Parse("site.yaml", []byte(minimal+"keep: CNAME\n")); err != nil || !slices.Equal(c.Keep, []string{"CNAME"}) {
		t.Errorf("keep: CNAME: %v, %v", c, err)
	}
	if c.Hosts != nil {
		t.Errorf("Hosts = %q; want none by default", c.Hosts)
	}
	if c, err := Parse("site.yaml", []byte(minimal+"hosts: [netlify, NGINX, apache]\n")); err != nil || !slices.Equal(c.Hosts, []string{"netlify", "nginx", "apache"}) {
		t.Errorf("hosts: [netlify, NGINX, apache]: %v, %v", c, err)
	}
	if c, err := Parse("site.yaml", []byte(minimal+"hosts: cloudflare\n")); err != nil || !slices.Equal(c.Hosts, []string{"cloudflare"}) {
		t.Errorf("hosts: cloudflare: %v, %v", c, err)
	}
	if _, ok := c.Objective("2"); ok {
		t.Errorf("Objective(\"2\") found a missing objective")
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"typo", minimal + "pagesize: 3\n", []string{`site.yaml:7:1: unknown site.yaml field "pagesize" (did you mean "page_size"?)`}},
		{"bad url", strings.Replace(minimal, "https://example.org/sub", "example.org", 1), []string{`site.yaml:2:11: base_url must be an absolute`}},
		{"dup objective", minimal + "  - {key: priority, number: 2, title: X}\n", []string{`site.yaml:7:5: objective "priority" is defined twice`}},
		{"dup number", minimal + "  - {key: other, number: 1, title: X}\n", []string{`site.yaml:7:5: objective number 1 is used twice`}},
		{"missing", "language: fr\n", []string{
			`site.yaml:1:1: site.yaml: at least one objective`,
			`site.yaml:1:1: site.yaml: at least one publication type`,
			`site.yaml:1:1: site.yaml: missing required field "base_url"`,
			`site.yaml:1:1: site.yaml: missing required field "title"`}},
		{"paper", minimal + "paper: A5\n", []string{`site.yaml:7:8: paper must be A4 or Letter, not "A5"`}},
		{"timezone", minimal + "timezone: Europe/Geneva\n", []string{`site.yaml:7:11: timezone "Europe/Geneva" is not a time zone name`}},
		{"local timezone", minimal + "timezone: Local\n", []string{`site.yaml:7:11: timezone must name a time zone`}},
		{"syntax", "title: [\n", []string{`site.yaml:2:1: yaml: `}},
		{"hosts", minimal + "hosts: [ngnix, cloudflare pages, github-pages, apache, apache, {x: 1}]\n", []string{
			`site.yaml:7:9: hosts: unknown host "ngnix": folio writes files for netlify, cloudflare, nginx, apache (did you mean "nginx"?)`,
			`site.yaml:7:16: hosts: unknown host "cloudflare pages": folio writes files for netlify, cloudflare, nginx, apache (did you mean "cloudflare"?)`,
			`site.yaml:7:34: hosts: GitHub Pages reads no header or redirect files`,
			`site.yaml:7:56: hosts: "apache" is listed twice`,
			`site.yaml:7:64: expected a single value`}},
		{"hosts both", minimal + "hosts: [netlify, cloudflare]\n", []string{
			`site.yaml:7:8: hosts: netlify and cloudflare each need their own _redirects file`}},
		{"keep", minimal + "keep: [CNAME, static/logo.png, .., .folio-build, CNAME]\n", []string{
			`site.yaml:7:15: keep: "static/logo.png" is not a name: list files and folders directly in the output folder, such as CNAME or .git`,
			`site.yaml:7:32: keep: ".." is not a name`,
			`site.yaml:7:36: keep: .folio-build is folio's own file and cannot be kept`,
			`site.yaml:7:50: keep: "CNAME" is listed twice`}},
	}
	for _, tt := range tests {
		_, err := Parse("site.yaml", []byte(tt.src))
		if err == nil {
			t.Errorf("%s: Parse succeeded; want errors %q", tt.name, tt.want)
			continue
		}
		lines := strings.Split(err.Error(), "\n")
		if len(lines) != len(tt.want) {
			t.Errorf("%s: got %d errors:\n%s\nwant %d", tt.name, len(lines), err, len(tt.want))
			continue
		}
		for i, w := range tt.want {
			if !strings.HasPrefix(lines[i], w) {
				t.Errorf("%s: error %d = %q; want prefix %q", tt.name, i, lines[i], w)
			}
		}
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(fstest.MapFS{})
	if err == nil || !strings.HasPrefix(err.Error(), "site.yaml: cannot read site configuration") {
		t.Errorf("Load(empty) = %v", err)
	}
}

// The timezone is the zone of embargoes: UTC unless site.yaml names one.
func TestTimezone(t *testing.T) {
	c, err := Parse("site.yaml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if c.Timezone != "UTC" || c.Location() != time.UTC {
		t.Errorf("default timezone = %q, %v; want UTC", c.Timezone, c.Location())
	}
	c, err = Parse("site.yaml", []byte(minimal+"timezone: Europe/Zurich\n"))
	if err != nil {
		t.Fatal(err)
	}
	if loc := c.Location(); loc.String() != "Europe/Zurich" {
		t.Errorf("Location() = %v; want Europe/Zurich", loc)
	}
	// Config is compared with %#v between builds (content.Cache): the same file must
	// give the same text.
	again, _ := Parse("site.yaml", []byte(minimal+"timezone: Europe/Zurich\n"))
	if a, b := fmt.Sprintf("%#v", *c), fmt.Sprintf("%#v", *again); a != b {
		t.Errorf("two parses of one site.yaml differ:\n%s\n%s", a, b)
	}
}

// The bundled sample site's configuration must stay valid and name the six objectives.
func TestBundledSiteConfig(t *testing.T) {
	c, err := Load(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Objectives) != 6 {
		t.Errorf("bundled site.yaml has %d objectives; want 6", len(c.Objectives))
	}
}

// pipeFS holds a site.yaml that is a named pipe: reading it would wait for a writer
// forever, so a read fails the test instead.
type pipeFS struct{ fstest.MapFS }

func (pipeFS) ReadFile(string) ([]byte, error) { panic("read site.yaml, a named pipe") }
func (pipeFS) Open(string) (fs.File, error)    { panic("opened site.yaml, a named pipe") }

func TestLoadNotRegular(t *testing.T) {
	_, err := Load(pipeFS{fstest.MapFS{"site.yaml": {Mode: fs.ModeNamedPipe}}})
	if err == nil || err.Error() != "site.yaml: not a regular file: site.yaml must be an ordinary text file" {
		t.Errorf("Load = %v; want site.yaml: not a regular file", err)
	}
}

// A base URL whose path would add lines to the host files (package hosts) is refused.
func TestNormalizeBaseURLRefusesBreaks(t *testing.T) {
	for _, raw := range []string{
		"https://example.org/x%0A%20%20Access-Control-Allow-Origin:%20*%0A/",
		"https://example.org/a%20b/",
		"https://example.org/%22quoted%22/",
	} {
		if got, err := NormalizeBaseURL(raw); err == nil {
			t.Errorf("NormalizeBaseURL(%q) = %q; want an error", raw, got)
		}
	}
	if got, err := NormalizeBaseURL("https://example.org/sub"); err != nil || got != "https://example.org/sub/" {
		t.Errorf("NormalizeBaseURL(sub) = %q, %v", got, err)
	}
}
