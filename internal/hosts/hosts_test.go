package hosts

import (
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"folio/internal/markdown"
)

// sample has a site under a base path, an alias with characters that need quoting or
// encoding in every format, a long one (past nginx's default map bucket), and a gone URL.
var sample = Site{
	BaseURL: "https://example.org/sub/",
	Redirects: []Redirect{
		{From: "/sub/briefs/old/", To: "/sub/publications/new/"},
		{From: "/sub/briefs/a b$c;{é}/", To: "/sub/publications/new/"},
		{From: "/sub/briefs/" + strings.Repeat("very-long-", 20) + "/", To: "/sub/about/"},
		// In _redirects, :name is a placeholder and * a splat.
		{From: "/sub/:briefs/a*/", To: "/sub/about/"},
	},
	Gone: []Gone{{URL: "/sub/briefs/withdrawn/", Reason: "Withdrawn at the\npartner's request"}},
}

func files(t *testing.T, names ...string) map[string]string {
	t.Helper()
	fs, err := Files(names, sample)
	if err != nil {
		t.Fatalf("Files(%q): %v", names, err)
	}
	m := map[string]string{}
	for _, f := range fs {
		if _, dup := m[f.Path]; dup {
			t.Errorf("Files(%q) makes %s twice", names, f.Path)
		}
		m[f.Path] = string(f.Data)
	}
	return m
}

// A rule of a _headers file: a path and its headers.
type headerRule struct {
	path    string
	headers map[string]string
}

// parseHeaders reads a _headers file as Netlify and Cloudflare Pages document it: a
// path at the start of a line, then its headers indented, "Name: value".
func parseHeaders(t *testing.T, src string) []headerRule {
	var rules []headerRule
	for i, line := range strings.Split(strings.TrimSuffix(src, "\n"), "\n") {
		switch {
		case strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "/"):
			if strings.ContainsAny(line, " \t") {
				t.Errorf("_headers line %d: a path with a space: %q", i+1, line)
			}
			rules = append(rules, headerRule{path: line, headers: map[string]string{}})
		case strings.HasPrefix(line, "  ") && len(rules) > 0:
			name, value, ok := strings.Cut(strings.TrimSpace(line), ": ")
			if !ok || strings.ContainsAny(name, " :") {
				t.Errorf("_headers line %d: not a header: %q", i+1, line)
			}
			rules[len(rules)-1].headers[name] = value
		default:
			t.Errorf("_headers line %d: neither a path, a header nor a comment: %q", i+1, line)
		}
	}
	return rules
}

func TestHeadersFile(t *testing.T) {
	for _, host := range []string{"netlify", "cloudflare"} {
		rules := parseHeaders(t, files(t, host)["_headers"])
		if len(rules) != 2 || rules[0].path != "/sub/*" || rules[1].path != "/sub/search/:file" {
			t.Fatalf("%s _headers rules %v; want /sub/* then /sub/search/:file", host, rules)
		}
		for _, h := range Security {
			if got := rules[0].headers[h.Name]; got != h.Value {
				t.Errorf("%s _headers: /sub/* %s = %q; want %q", host, h.Name, got, h.Value)
			}
		}
		// Both hosts join the values of a header that several rules set: Cache-Control
		// must be set by one rule only.
		if _, ok := rules[0].headers["Cache-Control"]; ok {
			t.Errorf("%s _headers: /sub/* sets Cache-Control, which the search rule's would be joined to", host)
		}
		if got := rules[1].headers["Cache-Control"]; got != Immutable {
			t.Errorf("%s _headers: search Cache-Control = %q; want %q", host, got, Immutable)
		}
	}
}

// A line of a _redirects file.
type redirectRule struct{ from, to, status string }

func parseRedirects(t *testing.T, src string) []redirectRule {
	var rules []redirectRule
	for i, line := range strings.Split(strings.TrimSuffix(src, "\n"), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 3 || !strings.HasPrefix(f[0], "/") || !strings.HasPrefix(f[1], "/") {
			t.Errorf("_redirects line %d: want \"from to status\", got %q", i+1, line)
			continue
		}
		if !strings.HasPrefix(f[2], "404") && (strings.Contains(f[0], "/:") || strings.Contains(f[0], "*")) {
			t.Errorf("_redirects line %d: %q holds a placeholder or a splat", i+1, f[0])
		}
		for _, p := range f[:2] {
			if _, err := url.PathUnescape(p); err != nil {
				t.Errorf("_redirects line %d: %q is not a URL path: %v", i+1, p, err)
			}
		}
		rules = append(rules, redirectRule{f[0], f[1], f[2]})
	}
	return rules
}

func TestRedirectsFile(t *testing.T) {
	unescape := func(p string) string { s, _ := url.PathUnescape(p); return s }
	for _, host := range []string{"netlify", "cloudflare"} {
		src := files(t, host)["_redirects"]
		rules := parseRedirects(t, src)
		var got []Redirect
		statuses := map[string]int{}
		for _, r := range rules {
			statuses[r.status]++
			if strings.HasPrefix(r.status, "301") {
				got = append(got, Redirect{unescape(r.from), unescape(r.to)})
			}
		}
		if !slices.Equal(got, sample.Redirects) {
			t.Errorf("%s _redirects redirects %q; want %q", host, got, sample.Redirects)
		}
		if host == "netlify" {
			// Forced, or the alias pages would win; the gone URL answers 410 with its own
			// page, which says why; the other hosts' files are hidden.
			want := map[string]int{"301!": 4, "410!": 1, "404!": 2}
			if !maps(statuses, want) {
				t.Errorf("netlify _redirects statuses %v; want %v", statuses, want)
			}
			if !slices.Contains(rules, redirectRule{"/sub/briefs/withdrawn/", "/sub/briefs/withdrawn/index.html", "410!"}) {
				t.Errorf("netlify _redirects: no 410 rule for the gone URL:\n%s", src)
			}
		} else {
			// Cloudflare Pages skips a line with a status it does not know (301!, 404, 410).
			if want := map[string]int{"301": 4}; !maps(statuses, want) {
				t.Errorf("cloudflare _redirects statuses %v; want %v", statuses, want)
			}
			if !strings.Contains(src, "# gone (Cloudflare Pages has no 410; the 404 page answers): /sub/briefs/withdrawn/ Withdrawn at the partner's request\n") {
				t.Errorf("cloudflare _redirects does not name the gone URL and its reason:\n%s", src)
			}
		}
	}
}

func maps(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// An nginx directive: its words and, for a block, the directives inside.
type directive struct {
	words []string
	block []directive
}

// parseNginx reads nginx configuration syntax: words, quoted strings, ";", "{ }" blocks
// and # comments. nginx -t checks the real thing in cmd/folio's nginx test.
func parseNginx(t *testing.T, src string) []directive {
	t.Helper()
	var stack [][]directive
	var cur []directive
	var words []string
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == ' ' || c == '\n' || c == '\t':
			i++
		case c == ';':
			cur = append(cur, directive{words: words})
			words = nil
			i++
		case c == '{':
			stack = append(stack, append(cur, directive{words: words}))
			cur, words = nil, nil
			i++
		case c == '}':
			if len(stack) == 0 || words != nil {
				t.Fatalf("nginx: unexpected } at byte %d", i)
			}
			parent := stack[len(stack)-1]
			parent[len(parent)-1].block = cur
			cur, stack = parent, stack[:len(stack)-1]
			i++
		case c == '"':
			j := strings.IndexByte(src[i+1:], '"')
			if j < 0 {
				t.Fatalf("nginx: unclosed quote at byte %d", i)
			}
			words = append(words, src[i+1:i+1+j])
			i += j + 2
		default:
			j := i
			for j < len(src) && !strings.ContainsRune(" \n\t;{}\"", rune(src[j])) {
				j++
			}
			words = append(words, src[i:j])
			i = j
		}
	}
	if len(stack) != 0 || words != nil {
		t.Fatalf("nginx: unclosed block or directive")
	}
	return cur
}

func find(ds []directive, words ...string) *directive {
	for i := range ds {
		if len(ds[i].words) >= len(words) && slices.Equal(ds[i].words[:len(words)], words) {
			return &ds[i]
		}
	}
	return nil
}

func TestNginx(t *testing.T) {
	fs := files(t, "nginx")
	suffix := "example_org_sub"
	http := parseNginx(t, fs[NginxHTTP])
	if d := find(http, "map", "$arg_v", "$folio_static_cache_"+suffix); d == nil {
		t.Errorf("http.conf has no static cache map:\n%s", fs[NginxHTTP])
	}
	if d := find(http, "map_hash_bucket_size"); d != nil {
		t.Errorf("http.conf sets map_hash_bucket_size, which a second site's http.conf could not set again")
	}

	server := parseNginx(t, fs[NginxServer])
	checkHeaders := func(where string, ds []directive, cache string) {
		t.Helper()
		for _, h := range append(slices.Clip(Security), Header{"Cache-Control", cache}) {
			if d := find(ds, "add_header", h.Name); d == nil || len(d.words) != 4 || d.words[2] != h.Value || d.words[3] != "always" {
				t.Errorf("server.conf %s: add_header %s = %v; want %q always", where, h.Name, d, h.Value)
			}
		}
	}
	checkHeaders("server", server, Revalidate)
	for _, loc := range []struct{ words []string }{
		{[]string{"location", "~", "^/sub/" + searchFiles}},
		{[]string{"location", "~", cardFiles}},
	} {
		d := find(server, loc.words...)
		if d == nil {
			t.Errorf("server.conf has no %q", loc.words)
			continue
		}
		checkHeaders(strings.Join(loc.words, " "), d.block, Immutable)
	}
	if d := find(server, "location", "^~", "/sub/static/"); d == nil {
		t.Errorf("server.conf has no static location")
	} else {
		checkHeaders("static", d.block, "$folio_static_cache_"+suffix)
	}
	if d := find(server, "location", "^~", "/sub/_nginx/"); d == nil || find(d.block, "return", "404") == nil {
		t.Errorf("server.conf does not hide its own folder: %v", d)
	}
	// The redirects and gone addresses are exact locations, the folder's index.html too.
	for _, r := range sample.Redirects {
		for _, from := range []string{r.From, r.From + "index.html"} {
			d := find(server, "location", "=", from)
			if d == nil || len(d.block) != 1 || len(d.block[0].words) != 3 || d.block[0].words[1] != "301" {
				t.Errorf("server.conf: no 301 location for %q: %v", from, d)
				continue
			}
			to := d.block[0].words[2]
			if got, _ := url.PathUnescape(to); got != r.To {
				t.Errorf("server.conf: redirect %q → %q; want %q", from, to, r.To)
			}
			if strings.Contains(to, "$") {
				t.Errorf("server.conf: redirect value %q holds $, which nginx reads as a variable", to)
			}
		}
	}
	for _, u := range []string{"/sub/briefs/withdrawn/", "/sub/briefs/withdrawn/index.html"} {
		if d := find(server, "location", "=", u); d == nil || find(d.block, "return", "410") == nil {
			t.Errorf("server.conf does not answer 410 for %s: %v", u, d)
		}
	}
	if !strings.Contains(fs[NginxServer], "# gone: Withdrawn at the partner's request\n") {
		t.Errorf("server.conf does not give the reason of the gone URL")
	}
}

// TestCardPattern: the share cards are immutable, other images in a bundle are not.
func TestCardPattern(t *testing.T) {
	card := regexp.MustCompile(cardFiles)
	for p, want := range map[string]bool{
		"/publications/x/card-fd3fe908573e.png": true,
		"/publications/x/card-chart.png":        false,
		"/publications/x/alerts-by-month.png":   false,
	} {
		if card.MatchString(p) != want {
			t.Errorf("cardFiles matches %s: %v; want %v", p, !want, want)
		}
	}
}

func TestHtaccess(t *testing.T) {
	src := files(t, "apache")[".htaccess"]
	args := regexp.MustCompile(`"[^"]*"|\S+`)
	var redirects []Redirect
	var gone, hidden []string
	headers := map[string]string{}
	for i, line := range strings.Split(strings.TrimSuffix(src, "\n"), "\n") {
		w := args.FindAllString(strings.TrimSpace(line), -1)
		unq := func(s string) string { return strings.Trim(s, `"`) }
		switch {
		case len(w) == 0 || strings.HasPrefix(w[0], "#"):
		case w[0] == "Header" && len(w) == 4 && w[1] == "set":
			headers["set "+w[2]] = unq(w[3])
		case w[0] == "Header" && len(w) == 5 && w[1] == "always" && w[2] == "set":
			headers[w[3]] = unq(w[4])
		case w[0] == "RedirectMatch":
			re, err := regexp.Compile(unq(w[2]))
			if err != nil {
				t.Errorf(".htaccess line %d: %v", i+1, err)
				continue
			}
			switch {
			case w[1] == "301" && len(w) == 4:
				for _, r := range sample.Redirects {
					if re.MatchString(r.From) && re.MatchString(r.From+"index.html") && !re.MatchString(r.From+"x/") {
						to, _ := url.PathUnescape(unq(w[3]))
						redirects = append(redirects, Redirect{r.From, to})
					}
				}
			case w[1] == "410" && len(w) == 3:
				gone = append(gone, re.String())
			case w[1] == "404" && len(w) == 3:
				for _, p := range []string{"/sub/_headers", "/sub/_redirects", "/sub/_nginx/http.conf"} {
					if re.MatchString(p) {
						hidden = append(hidden, p)
					}
				}
			default:
				t.Errorf(".htaccess line %d: %q", i+1, line)
			}
		case w[0] == "<IfModule" || w[0] == "</IfModule>" || w[0] == "<If" || w[0] == "</If>":
		default:
			t.Errorf(".htaccess line %d: unexpected %q", i+1, line)
		}
	}
	if !slices.Equal(redirects, sample.Redirects) {
		t.Errorf(".htaccess redirects %q; want %q", redirects, sample.Redirects)
	}
	if len(gone) != 1 || !regexp.MustCompile(gone[0]).MatchString("/sub/briefs/withdrawn/") {
		t.Errorf(".htaccess gone %q; want /sub/briefs/withdrawn/", gone)
	}
	if len(hidden) != 3 {
		t.Errorf(".htaccess hides %q; want the three other files", hidden)
	}
	for _, h := range Security {
		if headers[h.Name] != h.Value {
			t.Errorf(".htaccess: %s = %q; want %q", h.Name, headers[h.Name], h.Value)
		}
	}
	if headers["set Cache-Control"] != Immutable { // the later one, in <If>
		t.Errorf(".htaccess: Cache-Control for content-addressed files = %q; want %q", headers["set Cache-Control"], Immutable)
	}
	if !strings.Contains(src, `Header set Cache-Control "no-cache"`) {
		t.Errorf(".htaccess does not revalidate pages")
	}
}

func TestFilesErrors(t *testing.T) {
	for _, tt := range []struct {
		names []string
		site  Site
		want  string
	}{
		{[]string{"netlify", "cloudflare"}, sample, "netlify and cloudflare both need _redirects"},
		{[]string{"iis"}, sample, `unknown host "iis"`},
		{[]string{"nginx"}, Site{BaseURL: "/sub/"}, "not an absolute URL"},
		{[]string{"nginx"}, Site{BaseURL: sample.BaseURL, Redirects: []Redirect{{From: "/a\n/", To: "/b/"}}}, "control character"},
		{[]string{"nginx"}, Site{BaseURL: sample.BaseURL, Gone: []Gone{{URL: `/a"/`}}}, "a quote"},
		{[]string{"nginx"}, Site{BaseURL: sample.BaseURL, Redirects: []Redirect{{From: "/a/", To: "b/"}}}, "not a path"},
	} {
		if _, err := Files(tt.names, tt.site); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Files(%q, %+v) = %v; want an error with %q", tt.names, tt.site, err, tt.want)
		}
	}
	if fs, err := Files(nil, sample); err != nil || len(fs) != 0 {
		t.Errorf("Files(nil) = %v, %v; want nothing", fs, err)
	}
}

type noLinks struct{}

func (noLinks) ResolveLink(from, target string) (string, bool) { return "", false }
func (noLinks) ResolveImage(from, target string) (string, int, int, bool) {
	return "", 0, 0, false
}

// TestPolicyAllowsTableAlignment renders a table with every alignment and checks that
// each style attribute folio's Markdown writes is one the policy allows by its hash.
func TestPolicyAllowsTableAlignment(t *testing.T) {
	src := "| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n"
	doc, errs := markdown.New(markdown.Options{}).Render("t.md", []byte(src), noLinks{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	styles := regexp.MustCompile(`style="([^"]*)"`).FindAllStringSubmatch(doc.HTML, -1)
	if len(styles) != 6 {
		t.Fatalf("want 6 aligned cells in\n%s", doc.HTML)
	}
	policy := Security[0].Value
	for _, m := range styles {
		sum := sha256.Sum256([]byte(m[1]))
		if h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(policy, h) {
			t.Errorf("style=%q (hash %s) is not allowed by the policy %q", m[1], h, policy)
		}
	}
	if !strings.Contains(policy, "style-src 'self' 'unsafe-hashes' ") {
		t.Errorf("policy %q: hashes of style attributes need 'unsafe-hashes'", policy)
	}
}
