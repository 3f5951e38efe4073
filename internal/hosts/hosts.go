package hosts

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// Names are the hosts Files writes for, as site.yaml's hosts list spells them.
var Names = []string{"netlify", "cloudflare", "nginx", "apache"}

// Site is what the files describe. Paths are URL paths as the server sees them, with
// the base URL's path ("/sub/briefs/old/" for a site at https://example.org/sub/).
type Site struct {
	BaseURL   string // absolute, ending in "/"
	Redirects []Redirect
	Gone      []Gone
}

// A Redirect moves one old URL path permanently (301) to another.
type Redirect struct {
	From string // "/briefs/old/"
	To   string // "/publications/new/"
}

// A Gone URL path is removed for good (410), for Reason.
type Gone struct {
	URL    string
	Reason string
}

// A File is one file to write at Path in the output folder.
type File struct {
	Path string
	Data []byte
}

// Files returns the files of the hosts named (see Names), in the order named.
func Files(names []string, s Site) ([]File, error) {
	u, err := url.Parse(s.BaseURL)
	if err != nil || u.Host == "" || !strings.HasSuffix(u.Path, "/") {
		return nil, fmt.Errorf("hosts: base URL %q is not an absolute URL ending in /", s.BaseURL)
	}
	for _, r := range s.Redirects {
		if err := checkPath(r.From); err != nil {
			return nil, fmt.Errorf("hosts: redirect from %q: %w", r.From, err)
		}
		if err := checkPath(r.To); err != nil {
			return nil, fmt.Errorf("hosts: redirect to %q: %w", r.To, err)
		}
	}
	for _, g := range s.Gone {
		if err := checkPath(g.URL); err != nil {
			return nil, fmt.Errorf("hosts: gone URL %q: %w", g.URL, err)
		}
	}
	w := &writer{Site: s, base: u.Path, suffix: varSuffix(u.Host + u.Path)}
	if slices.Contains(names, "netlify") && slices.Contains(names, "cloudflare") {
		return nil, fmt.Errorf("hosts: netlify and cloudflare both need _redirects, each its own way: list one")
	}
	var out []File
	for _, n := range names {
		switch n {
		case "netlify", "cloudflare":
			out = append(out, File{"_headers", w.headersFile()}, File{"_redirects", w.redirectsFile(n == "netlify")})
		case "nginx":
			out = append(out, File{NginxHTTP, w.nginxHTTP()}, File{NginxServer, w.nginxServer()})
		case "apache":
			out = append(out, File{".htaccess", w.htaccess()})
		default:
			return nil, fmt.Errorf("hosts: unknown host %q (folio writes files for %s)", n, strings.Join(Names, ", "))
		}
	}
	return out, nil
}

// The nginx includes: NginxHTTP in the http block, NginxServer in the site's server block.
const (
	NginxHTTP   = "_nginx/http.conf"
	NginxServer = "_nginx/server.conf"
)

// Cache-Control values.
const (
	Immutable  = "public, max-age=31536000, immutable"
	Revalidate = "no-cache"
)

// Patterns of content-addressed paths: the search index files (everything in search/
// but the search page, whatever their names become) and the share cards; searchFiles
// follows the base path.
const (
	searchFiles = `search/(?!index\.html$)[^/]+$`
	cardFiles   = `/card-[0-9a-f]{12}\.png$`
)

// A Header is one response header.
type Header struct{ Name, Value string }

// alignStyles are the style attributes of GFM table cells that a column alignment
// gives (goldmark's table renderer): the only inline styles of the default theme's
// pages. The policy allows exactly these by hash rather than changing the Markdown
// output, which themes' stylesheets may already select on.
var alignStyles = []string{"text-align:left", "text-align:center", "text-align:right"}

// Security are the security headers sent with every response.
var Security = []Header{
	{"Content-Security-Policy", csp()},
	{"Referrer-Policy", "strict-origin-when-cross-origin"},
	{"X-Content-Type-Options", "nosniff"},
	{"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"},
}

// csp is the Content-Security-Policy: everything from the site itself, images also
// from other https sites (a brief may show a partner's chart), no plugins, no framing
// by other sites, and forms that post only to the site (the search box).
func csp() string {
	styles := []string{"'self'", "'unsafe-hashes'"}
	for _, s := range alignStyles {
		sum := sha256.Sum256([]byte(s))
		styles = append(styles, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
	}
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self'",
		"style-src " + strings.Join(styles, " "),
		"img-src 'self' https:",
		"object-src 'none'",
		"base-uri 'self'",
		"form-action 'self'",
		"frame-ancestors 'self'",
	}, "; ")
}

// checkPath refuses what no URL path holds and what could end a line or a quoted
// string of a configuration file.
func checkPath(p string) error {
	switch {
	case !strings.HasPrefix(p, "/"):
		return fmt.Errorf("not a path starting with /")
	case strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '"' || r == '\\' }):
		return fmt.Errorf("holds a control character, a quote or a backslash")
	}
	return nil
}

// varSuffix makes a name for nginx variables from the site's host and path, so that two
// folio sites (a staging and a live one) can share one nginx.
func varSuffix(s string) string {
	return strings.Trim(nonWord.ReplaceAllString(strings.ToLower(s), "_"), "_")
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

type writer struct {
	Site
	base   string // the base URL's path, "/" or "/sub/"
	suffix string
}

// escape percent-encodes a decoded URL path for files whose fields are separated by
// spaces, keeping what needs no encoding in a path.
func escape(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("/-._~!&'()*+,;=:@", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// redirectSource escapes a path for the source field of _redirects, where a segment
// starting with : is a placeholder and * a splat that would catch other addresses.
func redirectSource(p string) string {
	return strings.NewReplacer(":", "%3A", "*", "%2A").Replace(escape(p))
}

// comment makes text safe for the end of a # comment line.
func comment(text string) string {
	return strings.Join(strings.Fields(text), " ")
}

const head = "# Made by folio build for %s: every build rewrites it. See docs/deploy.md.\n"

func (w *writer) headersFile() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, head, w.BaseURL)
	b.WriteString(w.base + "*\n")
	for _, h := range Security {
		fmt.Fprintf(&b, "  %s: %s\n", h.Name, h.Value)
	}
	b.WriteString("# The search index files: their names change with their content.\n")
	b.WriteString(w.base + "search/:file\n")
	fmt.Fprintf(&b, "  Cache-Control: %s\n", Immutable)
	return []byte(b.String())
}

func (w *writer) redirectsFile(netlify bool) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, head, w.BaseURL)
	status := "301"
	if netlify {
		// Forced: the alias pages exist, and Netlify lets a file win over a rule.
		status = "301!"
	}
	for _, r := range w.Redirects {
		fmt.Fprintf(&b, "%s %s %s\n", redirectSource(r.From), escape(r.To), status)
	}
	for _, g := range w.Gone {
		if netlify {
			// The gone page folio wrote at the URL says why; forced, it answers 410.
			fmt.Fprintf(&b, "# gone: %s\n%s %s 410!\n", comment(g.Reason), redirectSource(g.URL), escape(goneFile(g.URL)))
		} else {
			fmt.Fprintf(&b, "# gone (Cloudflare Pages has no 410; the 404 page answers): %s %s\n", escape(g.URL), comment(g.Reason))
		}
	}
	if netlify {
		b.WriteString("# Other hosts' configuration files are not pages.\n")
		for _, p := range []string{".htaccess", "_nginx/*"} {
			fmt.Fprintf(&b, "%s %s 404!\n", w.base+p, escape(w.base+"404.html"))
		}
	}
	return []byte(b.String())
}

// nginxQuote quotes s for an nginx configuration file: checkPath has already refused
// quotes and backslashes in paths, and escape encodes the $ that would start a variable.
func nginxQuote(s string) string { return `"` + s + `"` }

func (w *writer) nginxHTTP() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, head, w.BaseURL)
	b.WriteString("# Include it in the http block; _nginx/server.conf uses this variable.\n")
	b.WriteString("# The theme's files are immutable when asked for with their version (?v=).\n")
	fmt.Fprintf(&b, "map $arg_v $folio_static_cache_%s {\n    default %q;\n    \"\" %q;\n}\n", w.suffix, Immutable, Revalidate)
	return []byte(b.String())
}

// indexForms are the request paths that reach a folder's index.html.
func indexForms(p string) []string {
	if strings.HasSuffix(p, "/") {
		return []string{p, p + "index.html"}
	}
	return []string{p}
}

func (w *writer) nginxServer() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, head, w.BaseURL)
	b.WriteString("# Include it in the site's server block, after _nginx/http.conf in the http block.\n")
	b.WriteString("gzip on;\ngzip_vary on;\ngzip_comp_level 6;\ngzip_min_length 1024;\n")
	b.WriteString("gzip_types text/css text/plain text/xml application/javascript application/json application/feed+json application/atom+xml application/xml image/svg+xml application/x-bibtex application/x-research-info-systems;\n")
	headers := func(indent, cache string) {
		// add_header in a location replaces every add_header above it: each block
		// repeats them all.
		for _, h := range Security {
			fmt.Fprintf(&b, "%sadd_header %s %s always;\n", indent, h.Name, nginxQuote(h.Value))
		}
		fmt.Fprintf(&b, "%sadd_header Cache-Control %s always;\n", indent, cache)
	}
	headers("", `"`+Revalidate+`"`)
	// Exact locations rather than a map in the http block: they win over every other
	// location, and they have no hash bucket whose size a long alias would exceed (a
	// setting nginx takes once per http block, which two sites could not share).
	for _, r := range w.Redirects {
		for _, from := range indexForms(r.From) {
			fmt.Fprintf(&b, "location = %s {\n    return 301 %s;\n}\n", nginxQuote(from), nginxQuote(escape(r.To)))
		}
	}
	for _, g := range w.Gone {
		fmt.Fprintf(&b, "# gone: %s\n", comment(g.Reason))
		for _, u := range indexForms(g.URL) {
			fmt.Fprintf(&b, "location = %s {\n    return 410;\n}\n", nginxQuote(u))
		}
	}
	base := regexp.QuoteMeta(w.base)
	fmt.Fprintf(&b, "location ~ %s {\n", nginxQuote("^"+base+searchFiles))
	headers("    ", `"`+Immutable+`"`)
	b.WriteString("}\n")
	fmt.Fprintf(&b, "location ~ %s {\n", nginxQuote(cardFiles))
	headers("    ", `"`+Immutable+`"`)
	b.WriteString("}\n")
	fmt.Fprintf(&b, "location ^~ %s {\n", nginxQuote(w.base+"static/"))
	headers("    ", "$folio_static_cache_"+w.suffix)
	b.WriteString("}\n")
	b.WriteString("# Configuration files are not pages.\n")
	fmt.Fprintf(&b, "location ^~ %s {\n    return 404;\n}\n", nginxQuote(w.base+"_nginx/"))
	for _, f := range []string{".htaccess", "_headers", "_redirects"} {
		fmt.Fprintf(&b, "location = %s {\n    return 404;\n}\n", nginxQuote(w.base+f))
	}
	return []byte(b.String())
}

// apacheRegexp quotes a path for a RedirectMatch pattern, anchored at both ends and
// matching the folder's index.html too.
func apacheRegexp(p string) string {
	if strings.HasSuffix(p, "/") {
		return `"^` + regexp.QuoteMeta(p) + `(index\.html)?$"`
	}
	return `"^` + regexp.QuoteMeta(p) + `$"`
}

func (w *writer) htaccess() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, head, w.BaseURL)
	base := regexp.QuoteMeta(w.base)
	b.WriteString("<IfModule mod_headers.c>\n")
	for _, h := range Security {
		fmt.Fprintf(&b, "    Header always set %s %q\n", h.Name, h.Value)
	}
	fmt.Fprintf(&b, "    Header set Cache-Control %q\n", Revalidate)
	fmt.Fprintf(&b, "    <If \"%%{REQUEST_URI} =~ m#^%s%s# || %%{REQUEST_URI} =~ m#%s# || (%%{REQUEST_URI} =~ m#^%sstatic/# && %%{QUERY_STRING} =~ m#(^|&)v=#)\">\n", base, searchFiles, cardFiles, base)
	fmt.Fprintf(&b, "        Header set Cache-Control %q\n", Immutable)
	b.WriteString("    </If>\n</IfModule>\n")
	b.WriteString("<IfModule mod_alias.c>\n")
	b.WriteString("    # Configuration files are not pages.\n")
	fmt.Fprintf(&b, "    RedirectMatch 404 \"^%s(_headers|_redirects|_nginx/.*)$\"\n", base)
	for _, r := range w.Redirects {
		fmt.Fprintf(&b, "    RedirectMatch 301 %s \"%s\"\n", apacheRegexp(r.From), escape(r.To))
	}
	for _, g := range w.Gone {
		fmt.Fprintf(&b, "    # gone: %s\n    RedirectMatch 410 %s\n", comment(g.Reason), apacheRegexp(g.URL))
	}
	b.WriteString("</IfModule>\n")
	return []byte(b.String())
}

// goneFile is the file of the page folio writes at a gone URL path, which says why.
func goneFile(p string) string {
	if strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}
