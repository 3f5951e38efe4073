// Package config loads site.yaml, the one file that describes a site: its title and base
// URL, the programme's objectives, the publication types, pagination and menus.
//
// The file is decoded strictly, like front matter: unknown keys are errors with a hint,
// and every error names site.yaml:line:col. Keys:
//
//	title         required; the site's name
//	organisation  publisher named in citations and the footer (default: title)
//	description   one or two sentences for the home page and feeds
//	base_url      required; absolute http(s) URL the site is served from
//	language      BCP 47 tag (default "en")
//	page_size     publications per list page (default 10)
//	recent        publications on the home page (default 6)
//	paper         print page size: A4 or Letter (default A4)
//	unsafe_html   pass raw HTML in Markdown through (default false)
//	share_cards   draw a 1200x630 share image for each publication (default true)
//	un_documents  link UN document symbols ("S/RES/2719 (2023)") to undocs.org and
//	              list them at /documents/ (default true)
//	theme         theme folder under themes/ (default "default")
//	timezone      IANA time zone name such as Europe/Zurich (default UTC): the zone of
//	              embargo times, and of the midnight at which a publication's date begins
//	types         list of {key, title, plural, schema}; required; schema is the
//	              schema.org type for structured data: Report (default) or Article
//	objectives    list of {key, number, title, description}; required
//	series        list of {key, title, pattern}: numbered series of publications
//	              ("Policy Briefs"); pattern writes a number in the series, such as
//	              "Policy Brief No. {n}" (default: the title, " No. " and the number)
//	menu          list of {title, url} for the header navigation
//	addressees    list of {name, variants}: how the recommendations index names an
//	              addressee, and the other spellings briefs use for it
//	keep          list of names of files and folders directly in the output folder
//	              that folio did not make and every build keeps (CNAME, .git)
//	protect       list of protected terms that may themselves be public (package
//	              protect); the others belong in a file outside the site (--protect)
//	hosts         list of the web hosts the site is served by: netlify, cloudflare,
//	              nginx, apache; folio writes each one's caching, security header and
//	              redirect files into the output (package hosts); none by default
//	languages     list of the site's editions (Language): code, name, dir, and the
//	              site's title, description, menu and names in the language; the
//	              default language (language) at the root, the others under /<code>/
//	brand         the organisation's look (Brand): logo (an SVG or PNG file in the site,
//	              such as static/logo.svg), logo_alt (required with a logo), accent
//	              (#rrggbb, links and headings in the light scheme, at least 4.5:1 on
//	              its backgrounds, LightBackgrounds) and accent_2 (the dark scheme's
//	              accent, at least 4.5:1 on DarkBackgrounds; derived from accent when
//	              not given)
package config

import (
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // zone names work where the system has no zone files (containers, Windows)

	"folio/internal/diag"
	"folio/internal/hosts"
	"folio/internal/protect"
	"folio/internal/yamldoc"

	"go.yaml.in/yaml/v4"
)

// File is the name of the configuration file at the site root.
const File = "site.yaml"

// Config is a validated site.yaml.
type Config struct {
	Title        string
	Organisation string
	Description  string
	BaseURL      string // absolute, always ends in "/"
	Language     string
	PageSize     int
	Recent       int
	Paper        string // "A4" or "Letter"
	UnsafeHTML   bool
	ShareCards   bool // draw a share image for every publication
	UNDocuments  bool // link UN document symbols and index them at /documents/
	Theme        string
	// Timezone is an IANA zone name ("Europe/Zurich", "UTC"), checked by Parse; Location
	// returns the zone. The name, not the zone, is kept: Config is compared with %#v to
	// tell whether it changed between builds, which a *time.Location would defeat.
	Timezone   string
	Types      []Type
	Objectives []Objective
	// Series are the numbered series publications may belong to (front matter series
	// and number), in site.yaml's order.
	Series []Series
	Menu   []MenuItem
	// Addressees maps each addressee of recommendations, as the index names it, to the
	// other ways briefs write it.
	Addressees []Addressee
	// Keep names the files and folders directly in the output folder that folio did not
	// make and that every build carries into the new output (a CNAME file, the .git of a
	// gh-pages checkout). Anything else folio did not make stops the build.
	Keep []string
	// Protect lists protected terms (package protect) that may be public; the list
	// that may not is given to the build apart from the site.
	Protect []protect.Entry
	// Hosts names the web hosts that serve the site (hosts.Names), whose configuration
	// files every build writes.
	Hosts []string
	// Brand is the organisation's logo and colours; its zero value keeps the theme's.
	Brand Brand
	// Languages are the site's editions, the default language first (Language); a site
	// without a languages list has one, Language.
	Languages []Language

	termKeys map[string]map[string]string // TermKey's index: taxonomy → folded name → key
}

// An Addressee is a canonical name for recommendations' addressees and its variants.
type Addressee struct {
	Name     string
	Variants []string
}

// A Type is a kind of publication: report, policy brief, commentary...
type Type struct {
	Key    string
	Title  string // singular, "Policy brief"
	Plural string // "Policy briefs"
	Schema string // schema.org type for structured data: "Report" (default) or "Article"
}

// An Objective is one of the programme's objectives that publications serve.
type Objective struct {
	Key         string
	Number      int
	Title       string // short title for lists and navigation
	Description string // the objective stated in full
}

// A Series is a numbered series of publications, such as the programme's policy briefs.
type Series struct {
	Key     string // URL segment: /series/<key>/
	Title   string // "Policy Briefs"
	Pattern string // "Policy Brief No. {n}": how one number of the series is named
}

// Label names number n of the series: "Policy Brief No. 12".
func (s *Series) Label(n int) string {
	return strings.ReplaceAll(s.Pattern, "{n}", strconv.Itoa(n))
}

// A MenuItem is a link in the site header.
type MenuItem struct {
	Title string
	URL   string
}

// Load reads and validates site.yaml from the root of fsys.
func Load(fsys fs.FS) (*Config, error) {
	// Opening a named pipe waits for a writer, forever: look before opening.
	if fi, err := fs.Stat(fsys, File); err == nil && !fi.Mode().IsRegular() {
		return nil, diag.Errorf(diag.Position{File: File}, "not a regular file: site.yaml must be an ordinary text file")
	}
	src, err := fs.ReadFile(fsys, File)
	if err != nil {
		return nil, diag.Errorf(diag.Position{File: File}, "cannot read site configuration: %w", unwrapPath(err))
	}
	c, err := Parse(File, src)
	if err != nil {
		return nil, err
	}
	if err := c.Brand.checkLogo(fsys); err != nil {
		return nil, err
	}
	return c, nil
}

func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

var (
	keyRE = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	keys  = []string{"title", "organisation", "description", "base_url", "language", "page_size",
		"recent", "paper", "unsafe_html", "share_cards", "un_documents", "theme", "timezone", "types", "objectives", "series", "menu", "addressees", "keep", "protect", "hosts", "brand", "languages"}
)

// Parse decodes and validates the contents of a site.yaml named file.
func Parse(file string, src []byte) (*Config, error) {
	root, err := yamldoc.Parse(file, src, 1)
	if err != nil {
		return nil, err
	}
	var errs diag.List
	d := &yamldoc.Decoder{File: file, Errs: &errs}
	c := &Config{Language: "en", PageSize: 10, Recent: 6, Paper: "A4", Theme: "default", Timezone: "UTC", ShareCards: true, UNDocuments: true}
	var baseNode, languagesNode, languageNode *yaml.Node
	d.Map(root, "site.yaml", keys, func(k string, v *yaml.Node) {
		switch k {
		case "title":
			c.Title = strings.TrimSpace(d.String(v))
		case "organisation":
			c.Organisation = strings.TrimSpace(d.String(v))
		case "description":
			c.Description = strings.TrimSpace(d.String(v))
		case "base_url":
			c.BaseURL, baseNode = d.String(v), v
		case "language":
			c.Language, languageNode = d.String(v), v
		case "languages":
			c.Languages, languagesNode = decodeLanguages(d, v), v
		case "page_size":
			if c.PageSize = d.Int(v); c.PageSize < 1 {
				d.Errorf(v, "page_size must be at least 1")
			}
		case "recent":
			if c.Recent = d.Int(v); c.Recent < 1 {
				d.Errorf(v, "recent must be at least 1")
			}
		case "paper":
			switch p := d.String(v); strings.ToLower(p) {
			case "a4":
				c.Paper = "A4"
			case "letter":
				c.Paper = "Letter"
			default:
				d.Errorf(v, "paper must be A4 or Letter, not %q", p)
			}
		case "unsafe_html":
			c.UnsafeHTML = d.Bool(v)
		case "share_cards":
			c.ShareCards = d.Bool(v)
		case "un_documents":
			c.UNDocuments = d.Bool(v)
		case "theme":
			c.Theme = d.String(v)
			if !keyRE.MatchString(c.Theme) {
				d.Errorf(v, "theme must be a folder name such as \"default\", not %q", c.Theme)
			}
		case "timezone":
			c.Timezone = strings.TrimSpace(d.String(v))
			if _, err := LoadLocation(c.Timezone); err != nil {
				d.Errorf(v, "%v", err)
			}
		case "types":
			c.Types = decodeTypes(d, v)
		case "objectives":
			c.Objectives = decodeObjectives(d, v)
		case "series":
			c.Series = decodeSeries(d, v)
		case "menu":
			c.Menu = decodeMenu(d, v)
		case "addressees":
			c.Addressees = decodeAddressees(d, v)
		case "keep":
			c.Keep = decodeKeep(d, v)
		case "hosts":
			c.Hosts = decodeHosts(d, v)
		case "brand":
			c.Brand = decodeBrand(d, v)
		case "protect":
			for _, item := range d.Seq(v, "protect") {
				if s := strings.TrimSpace(d.String(item)); s != "" {
					c.Protect = append(c.Protect, protect.Entry{Text: s, Pos: d.Pos(item)})
				}
			}
		}
	})
	pos := diag.Position{File: file, Line: 1, Col: 1}
	if c.Title == "" {
		errs.Errorf(pos, "site.yaml: missing required field \"title\"")
	}
	if c.Organisation == "" {
		c.Organisation = c.Title
	}
	if baseNode == nil {
		errs.Errorf(pos, "site.yaml: missing required field \"base_url\"")
	} else if u, err := NormalizeBaseURL(c.BaseURL); err != nil {
		d.Errorf(baseNode, "%v", err)
	} else {
		c.BaseURL = u
	}
	if len(c.Types) == 0 {
		errs.Errorf(pos, "site.yaml: at least one publication type is required under \"types\"")
	}
	if len(c.Objectives) == 0 {
		errs.Errorf(pos, "site.yaml: at least one objective is required under \"objectives\"")
	}
	c.settleLanguages(d, languagesNode, languageNode)
	if err := errs.Err(); err != nil {
		errs.Sort()
		return nil, err
	}
	return c, nil
}

// LoadLocation returns the time zone named by an IANA name such as "Europe/Zurich". The
// zone database is compiled in (time/tzdata), so a site builds the same on a machine
// without zone files.
func LoadLocation(name string) (*time.Location, error) {
	// time.LoadLocation takes "" and "Local" to mean the machine's own zone, which would
	// make the site's embargoes depend on where it is built.
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("timezone must name a time zone such as Europe/Zurich or UTC, not %q", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("timezone %q is not a time zone name: write it as in the IANA list, such as Europe/Zurich, America/New_York or UTC", name)
	}
	return loc, nil
}

// Location returns the site's time zone (Timezone); UTC if Timezone is not a zone, which
// Parse does not let through.
func (c *Config) Location() *time.Location {
	if loc, err := LoadLocation(c.Timezone); err == nil {
		return loc
	}
	return time.UTC
}

// NormalizeBaseURL checks that u is an absolute http(s) URL and gives it a final "/".
func NormalizeBaseURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("base_url must be an absolute http or https URL such as https://example.org/, not %q", raw)
	}
	// The path goes into pages, feeds and every host's configuration files (package
	// hosts): a line break or a quote in it would add headers or rules there.
	if strings.ContainsFunc(u.Path, func(r rune) bool {
		return r <= ' ' || r == 0x7f || strings.ContainsRune("\"'\\<>`{}|^", r)
	}) {
		return "", fmt.Errorf("base_url's path may not hold spaces, line breaks, quotes or the characters <>`{}|^\\, as %q does", u.Path)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String(), nil
}

func decodeTypes(d *yamldoc.Decoder, n *yaml.Node) []Type {
	var out []Type
	seen := map[string]bool{}
	for _, item := range d.Seq(n, "types") {
		var t Type
		d.Map(item, "type", []string{"key", "title", "plural", "schema"}, func(k string, v *yaml.Node) {
			switch k {
			case "schema":
				t.Schema = d.String(v)
				if t.Schema != "Report" && t.Schema != "Article" {
					d.Errorf(v, "schema must be Report or Article, not %q", t.Schema)
				}
			case "key":
				t.Key = d.String(v)
			case "title":
				t.Title = d.String(v)
			case "plural":
				t.Plural = d.String(v)
			}
		})
		switch {
		case !keyRE.MatchString(t.Key):
			d.Errorf(item, "type key must be lower-case words joined by hyphens, such as \"policy-brief\", not %q", t.Key)
			continue
		case seen[t.Key]:
			d.Errorf(item, "type %q is defined twice", t.Key)
			continue
		}
		seen[t.Key] = true
		if t.Title == "" {
			t.Title = strings.ToUpper(t.Key[:1]) + strings.ReplaceAll(t.Key[1:], "-", " ")
		}
		if t.Plural == "" {
			t.Plural = t.Title + "s"
		}
		if t.Schema == "" {
			t.Schema = "Report"
		}
		out = append(out, t)
	}
	return out
}

func decodeObjectives(d *yamldoc.Decoder, n *yaml.Node) []Objective {
	var out []Objective
	keys, numbers := map[string]bool{}, map[int]bool{}
	for _, item := range d.Seq(n, "objectives") {
		var o Objective
		d.Map(item, "objective", []string{"key", "number", "title", "description"}, func(k string, v *yaml.Node) {
			switch k {
			case "key":
				o.Key = d.String(v)
			case "number":
				o.Number = d.Int(v)
			case "title":
				o.Title = strings.TrimSpace(d.String(v))
			case "description":
				o.Description = strings.TrimSpace(d.String(v))
			}
		})
		switch {
		case !keyRE.MatchString(o.Key):
			d.Errorf(item, "objective key must be lower-case words joined by hyphens, such as \"accountability\", not %q", o.Key)
			continue
		case keys[o.Key]:
			d.Errorf(item, "objective %q is defined twice", o.Key)
			continue
		case o.Number < 1:
			d.Errorf(item, "objective %q needs a number of 1 or more", o.Key)
			continue
		case numbers[o.Number]:
			d.Errorf(item, "objective number %d is used twice", o.Number)
			continue
		case o.Title == "":
			d.Errorf(item, "objective %q needs a title", o.Key)
			continue
		}
		keys[o.Key], numbers[o.Number] = true, true
		out = append(out, o)
	}
	return out
}

func decodeSeries(d *yamldoc.Decoder, n *yaml.Node) []Series {
	var out []Series
	seen := map[string]bool{}
	for _, item := range d.Seq(n, "series") {
		var s Series
		var pattern *yaml.Node
		d.Map(item, "series", []string{"key", "title", "pattern"}, func(k string, v *yaml.Node) {
			switch k {
			case "key":
				s.Key = d.String(v)
			case "title":
				s.Title = strings.TrimSpace(d.String(v))
			case "pattern":
				s.Pattern, pattern = strings.TrimSpace(d.String(v)), v
			}
		})
		switch {
		case !keyRE.MatchString(s.Key):
			d.Errorf(item, "series key must be lower-case words joined by hyphens, such as \"policy-briefs\", not %q", s.Key)
			continue
		case seen[s.Key]:
			d.Errorf(item, "series %q is defined twice", s.Key)
			continue
		case s.Title == "":
			d.Errorf(item, "series %q needs a title, such as \"Policy Briefs\"", s.Key)
			continue
		case pattern != nil && !strings.Contains(s.Pattern, "{n}"):
			d.Errorf(pattern, "pattern %q must say where the number goes with {n}, such as \"Policy Brief No. {n}\"", s.Pattern)
			continue
		}
		if s.Pattern == "" {
			s.Pattern = s.Title + " No. {n}"
		}
		seen[s.Key] = true
		out = append(out, s)
	}
	return out
}

func decodeAddressees(d *yamldoc.Decoder, n *yaml.Node) []Addressee {
	var out []Addressee
	for _, item := range d.Seq(n, "addressees") {
		var a Addressee
		d.Map(item, "addressee", []string{"name", "variants"}, func(k string, v *yaml.Node) {
			switch k {
			case "name":
				a.Name = strings.TrimSpace(d.String(v))
			case "variants":
				a.Variants = d.Strings(v)
			}
		})
		if a.Name == "" {
			d.Errorf(item, "an addressee needs a name")
			continue
		}
		out = append(out, a)
	}
	return out
}

// decodeKeep reads the keep list: each item is one name, not a path, since the build
// carries entries of the output folder's top level across, whole.
func decodeKeep(d *yamldoc.Decoder, n *yaml.Node) []string {
	items := []*yaml.Node{n}
	if n.Kind != yaml.ScalarNode {
		items = d.Seq(n, "keep")
	} else if n.Tag == "!!null" {
		return nil
	}
	var out []string
	for _, item := range items {
		name := d.String(item)
		switch {
		case item.Kind != yaml.ScalarNode:
		case name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`):
			d.Errorf(item, "keep: %q is not a name: list files and folders directly in the output folder, such as CNAME or .git", name)
		case name == ".folio-build":
			d.Errorf(item, "keep: .folio-build is folio's own file and cannot be kept")
		case slices.Contains(out, name):
			d.Errorf(item, "keep: %q is listed twice", name)
		default:
			out = append(out, name)
		}
	}
	return out
}

// decodeHosts reads the hosts list: names from hosts.Names, or one name alone.
func decodeHosts(d *yamldoc.Decoder, n *yaml.Node) []string {
	items := []*yaml.Node{n}
	if n.Kind != yaml.ScalarNode {
		items = d.Seq(n, "hosts")
	} else if n.Tag == "!!null" {
		return nil
	}
	var out []string
	for _, item := range items {
		name := strings.ToLower(strings.TrimSpace(d.String(item)))
		switch {
		case item.Kind != yaml.ScalarNode:
		case slices.Contains(out, name):
			d.Errorf(item, "hosts: %q is listed twice", name)
		case slices.Contains(hosts.Names, name):
			out = append(out, name)
		case strings.Contains(name, "github"):
			d.Errorf(item, "hosts: GitHub Pages reads no header or redirect files, so there is nothing to write for it: leave it out (the alias pages still redirect there)")
		default:
			msg := fmt.Sprintf("hosts: unknown host %q: folio writes files for %s", name, strings.Join(hosts.Names, ", "))
			s := diag.Suggest(name, hosts.Names)
			for _, k := range hosts.Names {
				if strings.HasPrefix(name, k) { // "cloudflare pages", "nginx 1.24"
					s = k
				}
			}
			if s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			d.Errorf(item, "%s", msg)
		}
	}
	if slices.Contains(out, "netlify") && slices.Contains(out, "cloudflare") {
		d.Errorf(n, "hosts: netlify and cloudflare each need their own _redirects file: list the one that serves the site")
	}
	return out
}

// AddresseeAliases returns the addressees as a map from name to variants.
func (c *Config) AddresseeAliases() map[string][]string {
	m := make(map[string][]string, len(c.Addressees))
	for _, a := range c.Addressees {
		m[a.Name] = a.Variants
	}
	return m
}

func decodeMenu(d *yamldoc.Decoder, n *yaml.Node) []MenuItem {
	var out []MenuItem
	for _, item := range d.Seq(n, "menu") {
		var m MenuItem
		d.Map(item, "menu item", []string{"title", "url"}, func(k string, v *yaml.Node) {
			switch k {
			case "title":
				m.Title = d.String(v)
			case "url":
				m.URL = d.String(v)
			}
		})
		if m.Title == "" || m.URL == "" {
			d.Errorf(item, "a menu item needs a title and a url")
			continue
		}
		out = append(out, m)
	}
	return out
}

// Objective finds an objective by key or by number written as text ("4").
func (c *Config) Objective(ref string) (*Objective, bool) {
	for i := range c.Objectives {
		o := &c.Objectives[i]
		if o.Key == ref || fmt.Sprint(o.Number) == ref {
			return o, true
		}
	}
	return nil, false
}

// Type finds a publication type by key.
func (c *Config) Type(key string) (*Type, bool) {
	for i := range c.Types {
		if c.Types[i].Key == key {
			return &c.Types[i], true
		}
	}
	return nil, false
}

// ObjectiveKeys lists the objective keys, for hints and for `folio new`.
func (c *Config) ObjectiveKeys() []string {
	out := make([]string, len(c.Objectives))
	for i, o := range c.Objectives {
		out[i] = o.Key
	}
	return out
}

// LookupSeries finds a series by key.
func (c *Config) LookupSeries(key string) (*Series, bool) {
	for i := range c.Series {
		if c.Series[i].Key == key {
			return &c.Series[i], true
		}
	}
	return nil, false
}

// SeriesKeys lists the series keys, for hints.
func (c *Config) SeriesKeys() []string {
	out := make([]string, len(c.Series))
	for i, s := range c.Series {
		out[i] = s.Key
	}
	return out
}

// TypeKeys lists the type keys.
func (c *Config) TypeKeys() []string {
	out := make([]string, len(c.Types))
	for i, t := range c.Types {
		out[i] = t.Key
	}
	return out
}
