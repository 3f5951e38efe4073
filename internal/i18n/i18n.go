// Package i18n holds a theme's interface strings in one language: the words of the
// templates ("Contents", "Cite this publication"), their plural forms, and how a date
// is written.
//
// A theme keeps one file per language, themes/<theme>/i18n/<code>.yaml; a site may
// override any of its strings in i18n/<code>.yaml at its root, key by key. A file is a
// mapping of keys to:
//
//   - a string: contents: Contents
//   - plural forms, each with {n} where the number goes, for the language's CLDR
//     cardinal rules (golang.org/x/text/feature/plural): publications: {one: "{n}
//     publication", other: "{n} publications"}. Every form the language uses for
//     whole numbers is required: Arabic needs zero, one, two, few, many and other.
//   - months: the twelve month names, January first, and date: how a date is
//     written with {day}, {month} and {year} ("{day} {month} {year}"); day_one, if
//     given, replaces {day} on the first of a month (French "1er").
//
// Every key of the default language's file must be in every other language's (Check),
// so a missing translation is an error at build time, naming the file and the key.
// Numbers are written with ASCII digits in every language (as most Arabic-language
// news and NGO sites do).
package i18n

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"folio/internal/diag"
	"folio/internal/yamldoc"

	"go.yaml.in/yaml/v4"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// A File is one strings file's name (site-relative, for messages) and contents.
type File struct {
	Name string
	Data []byte
}

// Strings are the interface strings of one language.
type Strings struct {
	Lang   string
	Files  string // the files they were read from, for messages: "themes/default/i18n/fr.yaml"
	tag    language.Tag
	text   map[string]string
	plural map[string]map[plural.Form]string
	months []string
	date   string
	dayOne string
}

var formNames = map[string]plural.Form{"zero": plural.Zero, "one": plural.One, "two": plural.Two,
	"few": plural.Few, "many": plural.Many, "other": plural.Other}

// Parse reads the strings of language lang from files, a later file's keys replacing an
// earlier one's (the theme's, then the site's).
func Parse(lang string, files ...File) (*Strings, error) {
	tag, err := language.Parse(lang)
	if err != nil {
		return nil, fmt.Errorf("i18n: language %q: %w", lang, err)
	}
	s := &Strings{Lang: lang, tag: tag, text: map[string]string{}, plural: map[string]map[plural.Form]string{}}
	var names []string
	var errs diag.List
	where := map[string]diag.Position{} // each plural key's place, for its errors
	for _, f := range files {
		names = append(names, f.Name)
		root, err := yamldoc.Parse(f.Name, f.Data, 1)
		if err != nil {
			return nil, err
		}
		d := &yamldoc.Decoder{File: f.Name, Errs: &errs}
		if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
			continue
		}
		if root.Kind != yaml.MappingNode {
			d.Errorf(root, "a strings file is a mapping of keys to strings")
			continue
		}
		for i := 0; i+1 < len(root.Content); i += 2 {
			k, v := root.Content[i], root.Content[i+1]
			key := k.Value
			switch {
			case key == "months":
				m := d.Strings(v)
				if len(m) != 12 {
					d.Errorf(v, "months must list the twelve month names, January first; this list has %d", len(m))
					continue
				}
				s.months = m
			case key == "date":
				s.date = d.String(v)
				if !strings.Contains(s.date, "{day}") || !strings.Contains(s.date, "{month}") || !strings.Contains(s.date, "{year}") {
					d.Errorf(v, "date must place {day}, {month} and {year}, as in \"{day} {month} {year}\"")
				}
			case key == "day_one":
				s.dayOne = d.String(v)
			case v.Kind == yaml.MappingNode:
				forms := map[plural.Form]string{}
				d.Map(v, key, slices.Sorted(maps.Keys(formNames)), func(form string, fv *yaml.Node) {
					forms[formNames[form]] = d.String(fv)
				})
				s.plural[key] = forms
				where[key] = d.Pos(k)
				delete(s.text, key)
			default:
				s.text[key] = d.String(v)
				delete(s.plural, key)
			}
		}
	}
	s.Files = strings.Join(names, ", ")
	if len(files) > 0 {
		pos := diag.Position{File: files[0].Name}
		if s.months == nil {
			errs.Errorf(pos, "no months: list the twelve month names in %s", lang)
		}
		if s.date == "" {
			errs.Errorf(pos, "no date: say how a date is written, as in date: \"{day} {month} {year}\"")
		}
		for _, key := range slices.Sorted(maps.Keys(s.plural)) {
			for _, form := range s.forms() {
				if _, ok := s.plural[key][form]; !ok {
					errs.Errorf(where[key], "%s: no %q form: %s uses the forms %s", key, formName(form), lang, strings.Join(s.formNames(), ", "))
				}
			}
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// forms lists the plural forms the language uses for whole numbers: those of 0 to
// 1,000, and of the millions, which some rules set apart.
func (s *Strings) forms() []plural.Form {
	var out []plural.Form
	for n := range 1001 {
		out = append(out, s.form(n))
	}
	out = append(out, s.form(1_000_000), s.form(2_000_000))
	slices.Sort(out)
	return slices.Compact(out)
}

func (s *Strings) form(n int) plural.Form {
	return plural.Cardinal.MatchPlural(s.tag, n, 0, 0, 0, 0)
}

func (s *Strings) formNames() []string {
	var out []string
	for _, f := range s.forms() {
		out = append(out, formName(f))
	}
	return out
}

func formName(f plural.Form) string {
	for name, v := range formNames {
		if v == f {
			return name
		}
	}
	return "other"
}

// Check reports every key of ref (the default language's strings) that s lacks, and
// every key that is a plain string in one and plural forms in the other.
func (s *Strings) Check(ref *Strings) error {
	var errs diag.List
	pos := diag.Position{File: strings.Split(s.Files, ", ")[0]}
	kind := func(t *Strings, k string) string {
		if _, ok := t.plural[k]; ok {
			return "plural forms"
		}
		if _, ok := t.text[k]; ok {
			return "one string"
		}
		return ""
	}
	keys := slices.Concat(slices.Collect(maps.Keys(ref.text)), slices.Collect(maps.Keys(ref.plural)))
	slices.Sort(keys)
	for _, k := range keys {
		switch want, got := kind(ref, k), kind(s, k); {
		case got == "":
			errs.Errorf(pos, "missing key %q (%s has it)", k, ref.Files)
		case got != want:
			errs.Errorf(pos, "%q is %s here but %s in %s", k, got, want, ref.Files)
		}
	}
	return errs.Err()
}

// Text returns the plain strings (not the plural forms) by key, for templates to index
// ({{$.S.contents}}): a map lookup costs a template far less than a method call. The
// map is shared: callers must not change it.
func (s *Strings) Text() map[string]string { return s.text }

// T returns the string key.
func (s *Strings) T(key string) (string, error) {
	if t, ok := s.text[key]; ok {
		return t, nil
	}
	if _, ok := s.plural[key]; ok {
		return "", fmt.Errorf("%s: %q has plural forms: give it a number", s.Files, key)
	}
	return "", fmt.Errorf("%s: no string %q", s.Files, key)
}

// N returns the plural string key for the number n, with n in place of {n}.
func (s *Strings) N(key string, n int) (string, error) {
	forms, ok := s.plural[key]
	if !ok {
		if _, ok := s.text[key]; ok {
			return "", fmt.Errorf("%s: %q is one string, not plural forms", s.Files, key)
		}
		return "", fmt.Errorf("%s: no plural string %q", s.Files, key)
	}
	t, ok := forms[s.form(n)]
	if !ok {
		t = forms[plural.Other]
	}
	return strings.ReplaceAll(t, "{n}", strconv.Itoa(n)), nil
}

// F returns the string key with each {name} replaced: F("showing", "first", "1", ...).
func (s *Strings) F(key string, pairs ...string) (string, error) {
	t, err := s.T(key)
	if err != nil {
		return "", err
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		t = strings.ReplaceAll(t, "{"+pairs[i]+"}", pairs[i+1])
	}
	return t, nil
}

// Date writes t's calendar date in the language: "2 March 2024", "1er mars 2024",
// "2 مارس 2024".
func (s *Strings) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 && s.dayOne != "" {
		day = s.dayOne
	}
	return strings.NewReplacer("{day}", day, "{month}", s.months[t.Month()-1], "{year}", strconv.Itoa(t.Year())).Replace(s.date)
}

// Month names month m (1 to 12) in the language.
func (s *Strings) Month(m time.Month) string { return s.months[m-1] }

// JSON returns the strings keys as a JSON object, for a page's scripts: a plain string
// as a string, plural forms as an object of CLDR form names ("one", "few"…) to strings,
// which a script picks with Intl.PluralRules; "months", "date" and "day_one" give how
// dates are written. A key the strings lack is an error.
func (s *Strings) JSON(keys ...string) (string, error) {
	out := map[string]any{}
	for _, k := range keys {
		switch k {
		case "months":
			out[k] = s.months
			continue
		case "date":
			out[k] = s.date
			continue
		case "day_one":
			out[k] = s.dayOne
			continue
		}
		if t, ok := s.text[k]; ok {
			out[k] = t
			continue
		}
		forms, ok := s.plural[k]
		if !ok {
			return "", fmt.Errorf("%s: no string %q", s.Files, k)
		}
		m := map[string]string{}
		for f, t := range forms {
			m[formName(f)] = t
		}
		out[k] = m
	}
	b, err := json.Marshal(out) // keys sorted: the same page twice is the same bytes
	return string(b), err
}
