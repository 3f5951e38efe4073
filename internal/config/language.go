package config

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"folio/internal/slug"
	"folio/internal/yamldoc"

	"go.yaml.in/yaml/v4"
	"golang.org/x/text/unicode/norm"
)

// A Language is one edition of the site: the default language's pages are at the site's
// root, each other language's under /<code>/ (Language.Prefix).
//
// site.yaml's languages list gives, for each:
//
//	code         required; a language tag such as "fr" or "ar" (lower case)
//	name         the language's name in itself: "Français", "العربية"
//	dir          ltr or rtl (default: rtl for ar, fa, he, ur, ps, yi; else ltr)
//	title        the site's title in the language (default: the site's)
//	description  the site's description in the language (default: the site's)
//	menu         the header menu in the language, {title, url} (default: the site's
//	             menu, its site paths under the language's prefix)
//	objectives   objective key → {title, description} in the language
//	types        type key → {title, plural}
//	series       series key → {title, pattern}
//	countries    term key (the default language's URL segment, "mali") or the name as
//	missions     the default language writes it → the name in the language; front
//	             matter in any language may write a country or mission by any of
//	             its names, and they are the same term in every edition
//	addressees   the canonical addressee name (site.yaml addressees) → the name in
//	             the language
//
// Without a languages list the site has one language, the top-level language key.
// Names not translated fall back to the default language's.
type Language struct {
	Code        string
	Name        string
	Dir         string // "ltr" or "rtl"
	Title       string
	Description string
	Menu        []MenuItem
	// Names translates the site's own names: Names["objectives"]["priority"] is the
	// objective's title, Names["objectives/description"]["priority"] its description,
	// Names["types/plural"], Names["series/pattern"], Names["countries"] (keyed by term
	// key), Names["addressees"] (keyed by canonical name).
	Names map[string]map[string]string
	// Default is set on the site's default language.
	Default bool
}

// Prefix is the path of the language's edition under the site: "" for the default
// language, "fr/" for French.
func (l *Language) Prefix() string {
	if l.Default {
		return ""
	}
	return l.Code + "/"
}

// Translate translates one of the site's names: what is "objectives", "types/plural"...;
// key the objective's key, the country's term key... It returns def when the language
// does not translate it.
func (l *Language) Translate(what, key, def string) string {
	if s := l.Names[what][key]; s != "" {
		return s
	}
	return def
}

// rtlLanguages are the languages written right to left, by primary subtag.
var rtlLanguages = []string{"ar", "fa", "he", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"}

// ownNames are language names in themselves, for sites that give none.
var ownNames = map[string]string{
	"en": "English", "fr": "Français", "ar": "العربية", "es": "Español", "pt": "Português",
	"ru": "Русский", "zh": "中文", "de": "Deutsch", "sw": "Kiswahili", "fa": "فارسی",
}

// DefaultLanguage returns the site's default language.
func (c *Config) DefaultLanguage() *Language {
	for i := range c.Languages {
		if c.Languages[i].Default {
			return &c.Languages[i]
		}
	}
	return nil // Parse always sets one
}

// LanguageOf returns the edition a publication in language tag belongs to: the
// language of that code, or of its primary subtag ("fr-CA" is in "fr"), else the
// default language.
func (c *Config) LanguageOf(tag string) *Language {
	base, _, _ := strings.Cut(strings.ToLower(tag), "-")
	for i := range c.Languages {
		if l := &c.Languages[i]; strings.EqualFold(l.Code, tag) || strings.EqualFold(l.Code, base) {
			return l
		}
	}
	return c.DefaultLanguage()
}

// Describe returns the name in itself and the direction of a language tag: the site's
// language's when it lists it, else the known name (or the tag itself) and the
// direction of its script, for a translation in a language the site does not list.
func (c *Config) Describe(tag string) (name, dir string) {
	if c.Lists(tag) {
		l := c.LanguageOf(tag)
		return l.Name, l.Dir
	}
	base := primary(strings.ToLower(tag))
	dir = "ltr"
	if slices.Contains(rtlLanguages, base) {
		dir = "rtl"
	}
	return cmp.Or(ownNames[base], tag), dir
}

// Lists reports whether the site lists the language of tag (or its primary subtag)
// among its editions.
func (c *Config) Lists(tag string) bool {
	base, _, _ := strings.Cut(strings.ToLower(tag), "-")
	return slices.ContainsFunc(c.Languages, func(l Language) bool { return strings.EqualFold(l.Code, tag) || strings.EqualFold(l.Code, base) })
}

// TermKey returns the key of the country or mission (taxonomy is "countries" or
// "missions") that a language's table names name, or "" when no table does: a
// French brief's "République centrafricaine" is the English edition's
// "central-african-republic". Names compare case-insensitively.
func (c *Config) TermKey(taxonomy, name string) string {
	return c.termKeys[taxonomy][foldName(name)]
}

func foldName(s string) string {
	return strings.ToLower(norm.NFC.String(strings.Join(strings.Fields(s), " ")))
}

// primary returns the primary subtag of a language tag.
func primary(tag string) string {
	base, _, _ := strings.Cut(tag, "-")
	return base
}

var languageKeys = []string{"code", "name", "dir", "title", "description", "menu",
	"objectives", "types", "series", "countries", "missions", "addressees"}

func decodeLanguages(d *yamldoc.Decoder, n *yaml.Node) []Language {
	var out []Language
	for _, item := range d.Seq(n, "languages") {
		l := Language{Names: map[string]map[string]string{}}
		var codeNode *yaml.Node
		d.Map(item, "language", languageKeys, func(k string, v *yaml.Node) {
			switch k {
			case "code":
				l.Code, codeNode = strings.TrimSpace(d.String(v)), v
			case "name":
				l.Name = strings.TrimSpace(d.String(v))
			case "dir":
				l.Dir = strings.ToLower(strings.TrimSpace(d.String(v)))
				if l.Dir != "ltr" && l.Dir != "rtl" {
					d.Errorf(v, "dir must be ltr (left to right) or rtl (right to left), not %q", l.Dir)
				}
			case "title":
				l.Title = strings.TrimSpace(d.String(v))
			case "description":
				l.Description = strings.TrimSpace(d.String(v))
			case "menu":
				l.Menu = decodeMenu(d, v)
			case "objectives":
				names(d, v, "objectives", l.Names, "title", "description")
			case "types":
				names(d, v, "types", l.Names, "title", "plural")
			case "series":
				names(d, v, "series", l.Names, "title", "pattern")
			case "countries", "missions", "addressees":
				names(d, v, k, l.Names)
			}
		})
		switch {
		case codeNode == nil:
			d.Errorf(item, "a language needs a code, such as \"fr\"")
			continue
		case !langCodeRE.MatchString(l.Code):
			d.Errorf(codeNode, "language code must be a lower-case language tag such as \"fr\" or \"pt-br\", not %q", l.Code)
			continue
		case slices.ContainsFunc(out, func(o Language) bool { return o.Code == l.Code }):
			d.Errorf(codeNode, "language %q is listed twice", l.Code)
			continue
		}
		if l.Dir == "" {
			l.Dir = "ltr"
			if slices.Contains(rtlLanguages, primary(l.Code)) {
				l.Dir = "rtl"
			}
		}
		if l.Name == "" {
			l.Name = ownNames[primary(l.Code)]
		}
		if l.Name == "" {
			d.Errorf(item, "language %q needs a name, written in the language itself", l.Code)
			continue
		}
		out = append(out, l)
	}
	return out
}

var langCodeRE = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})*$`)

// names reads a table of key → name (fields empty) or key → {field: name...} into
// into[what] (the first field) and into[what+"/"+field] (the others).
func names(d *yamldoc.Decoder, n *yaml.Node, what string, into map[string]map[string]string, fields ...string) {
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "%s must be a mapping of keys to names, not a list or a single value", what)
		return
	}
	table := func(name string) map[string]string {
		if into[name] == nil {
			into[name] = map[string]string{}
		}
		return into[name]
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := strings.TrimSpace(d.String(k))
		if key == "" {
			continue
		}
		if _, dup := into[what][key]; dup {
			d.Errorf(k, "%s: %q is translated twice", what, key)
			continue
		}
		if len(fields) == 0 || v.Kind == yaml.ScalarNode {
			table(what)[key] = strings.TrimSpace(d.String(v))
			continue
		}
		d.Map(v, what+" "+key, fields, func(f string, fv *yaml.Node) {
			name := what
			if f != fields[0] {
				name += "/" + f
			}
			table(name)[key] = strings.TrimSpace(d.String(fv))
		})
		if _, ok := into[what][key]; !ok {
			table(what)[key] = "" // seen, for the duplicate check
		}
	}
}

// settleLanguages makes the languages list whole: without one, the site's language
// alone; with one, the default language (the top-level language key, or the first
// listed) marked. It checks translated keys against the site's objectives, types and
// series, and indexes the country and mission names for TermKey.
func (c *Config) settleLanguages(d *yamldoc.Decoder, languagesNode, languageNode *yaml.Node) {
	if len(c.Languages) == 0 {
		dir := "ltr"
		if slices.Contains(rtlLanguages, primary(strings.ToLower(c.Language))) {
			dir = "rtl"
		}
		c.Languages = []Language{{Code: c.Language, Name: cmp.Or(ownNames[primary(strings.ToLower(c.Language))], c.Language), Dir: dir, Default: true}}
	} else {
		i := slices.IndexFunc(c.Languages, func(l Language) bool { return l.Code == strings.ToLower(c.Language) })
		switch {
		case languageNode == nil:
			i = 0
			c.Language = c.Languages[0].Code
		case i < 0:
			d.Errorf(languageNode, "language %q is not in the languages list: add it there, or name one of %s", c.Language, codes(c.Languages))
			i = 0
		}
		c.Languages[i].Default = true
		for j := range c.Languages {
			if l := &c.Languages[j]; !l.Default && l.Menu == nil {
				l.Menu = prefixMenu(c.Menu, l.Prefix())
			}
		}
		// The default language first, the others in site.yaml's order: the order of
		// language switchers.
		def := c.Languages[i]
		c.Languages = append([]Language{def}, slices.Delete(slices.Clone(c.Languages), i, i+1)...)
	}
	c.termKeys = map[string]map[string]string{"countries": {}, "missions": {}}
	for i := range c.Languages {
		l := &c.Languages[i]
		for what, keyed := range map[string][]string{"objectives": c.ObjectiveKeys(), "types": c.TypeKeys(), "series": c.SeriesKeys()} {
			for k := range l.Names[what] {
				if !slices.Contains(keyed, k) {
					d.Errorf(languagesNode, "languages: %s translates %s %q, which site.yaml does not define (it has %s)", l.Code, what, k, strings.Join(keyed, ", "))
				}
			}
		}
		for k, v := range l.Names["series/pattern"] {
			if !strings.Contains(v, "{n}") {
				d.Errorf(languagesNode, "languages: %s: series %q pattern %q must say where the number goes with {n}", l.Code, k, v)
			}
		}
		for k := range l.Names["addressees"] {
			if !slices.ContainsFunc(c.Addressees, func(a Addressee) bool { return a.Name == k }) {
				d.Errorf(languagesNode, "languages: %s translates addressee %q, which is not a name under addressees", l.Code, k)
			}
		}
		for _, tax := range []string{"countries", "missions"} {
			byKey := map[string]string{} // the table keyed by term key, for Translate
			for key, name := range l.Names[tax] {
				k := slug.Make(key)
				c.termKeys[tax][foldName(key)] = k
				if name != "" {
					c.termKeys[tax][foldName(name)] = k
					byKey[k] = name
				}
			}
			if l.Names[tax] != nil {
				l.Names[tax] = byKey
			}
		}
	}
}

func codes(ls []Language) string {
	var s []string
	for _, l := range ls {
		s = append(s, fmt.Sprintf("%q", l.Code))
	}
	return strings.Join(s, ", ")
}

// prefixMenu is the site's menu for a language that gives none: the same titles, the
// site paths under the language's prefix.
func prefixMenu(menu []MenuItem, prefix string) []MenuItem {
	out := make([]MenuItem, len(menu))
	for i, m := range menu {
		out[i] = m
		if strings.HasPrefix(m.URL, "/") && !strings.HasPrefix(m.URL, "//") {
			out[i].URL = "/" + prefix + strings.TrimPrefix(m.URL, "/")
		}
	}
	return out
}
