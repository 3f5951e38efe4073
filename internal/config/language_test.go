package config

import (
	"strings"
	"testing"
)

const multilingual = minimal + `language: en
menu: [{title: About, url: /about/}]
addressees: [{name: UN Security Council, variants: [Security Council, Conseil de sécurité]}]
languages:
  - code: fr
    title: Protéger les civils
    objectives:
      priority: {title: La protection d’abord, description: La protection reste une priorité.}
    types:
      report: {title: Rapport, plural: Rapports}
    countries:
      Democratic Republic of the Congo: République démocratique du Congo
      mali: Mali
    addressees:
      UN Security Council: Conseil de sécurité de l’ONU
  - code: en
  - code: ar
    name: العربية
    countries:
      Democratic Republic of the Congo: جمهورية الكونغو الديمقراطية
`

func TestLanguages(t *testing.T) {
	c, err := Parse("site.yaml", []byte(multilingual))
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, l := range c.Languages {
		codes = append(codes, l.Code+":"+l.Dir+":"+l.Name+":"+l.Prefix())
	}
	// The default language first, at the root; then site.yaml's order. Names and
	// directions default from the code.
	if got := strings.Join(codes, " "); got != "en:ltr:English: fr:ltr:Français:fr/ ar:rtl:العربية:ar/" {
		t.Errorf("languages = %s", got)
	}
	fr := c.LanguageOf("fr-CA")
	if fr.Code != "fr" || c.LanguageOf("de").Code != "en" {
		t.Errorf("LanguageOf(fr-CA) = %s, LanguageOf(de) = %s", fr.Code, c.LanguageOf("de").Code)
	}
	if fr.Menu[0].URL != "/fr/about/" || fr.Menu[0].Title != "About" {
		t.Errorf("a language without a menu gets the site's under its prefix; got %+v", fr.Menu)
	}
	for _, tr := range []struct{ what, key, want string }{
		{"objectives", "priority", "La protection d’abord"},
		{"objectives/description", "priority", "La protection reste une priorité."},
		{"types", "report", "Rapport"},
		{"types/plural", "report", "Rapports"},
		{"countries", "democratic-republic-of-the-congo", "République démocratique du Congo"},
		{"addressees", "UN Security Council", "Conseil de sécurité de l’ONU"},
		{"objectives", "accountability", "fallback"},
	} {
		if got := fr.Translate(tr.what, tr.key, "fallback"); got != tr.want {
			t.Errorf("Translate(%s, %s) = %q; want %q", tr.what, tr.key, got, tr.want)
		}
	}
	// A country written in any language's name, any case, is one term.
	for _, name := range []string{"République Démocratique du Congo", "جمهورية الكونغو الديمقراطية", "democratic republic of the congo", "Mali"} {
		want := "democratic-republic-of-the-congo"
		if name == "Mali" {
			want = "mali"
		}
		if got := c.TermKey("countries", name); got != want {
			t.Errorf("TermKey(%q) = %q; want %q", name, got, want)
		}
	}
	if got := c.TermKey("countries", "Sudan"); got != "" {
		t.Errorf("TermKey of a country no table names = %q; want \"\"", got)
	}
}

func TestOneLanguage(t *testing.T) {
	c, err := Parse("site.yaml", []byte(minimal+"language: ar\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Languages) != 1 || c.Languages[0].Code != "ar" || c.Languages[0].Dir != "rtl" || c.Languages[0].Prefix() != "" {
		t.Errorf("languages = %+v; want Arabic alone, at the root, right to left", c.Languages)
	}
}

func TestLanguageErrors(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"languages: [{code: fr}, {code: fr}]", `site.yaml:7:32: language "fr" is listed twice`},
		{"languages: [{code: French}]", `language code must be a lower-case language tag`},
		{"languages: [{code: fr, dir: up}]", `dir must be ltr (left to right) or rtl (right to left), not "up"`},
		{"languages: [{code: xx}]", `language "xx" needs a name`},
		{"language: de\nlanguages: [{code: fr}]", `site.yaml:7:11: language "de" is not in the languages list: add it there, or name one of "fr"`},
		{"languages: [{code: fr, objectives: {peace: Paix}}]", `fr translates objectives "peace", which site.yaml does not define`},
		{"languages: [{code: fr, series: {x: {title: X, pattern: n}}}]", `translates series "x"`},
		{"languages: [{code: fr, addressees: {Donors: Bailleurs}}]", `translates addressee "Donors", which is not a name under addressees`},
		{"languages: [{code: fr, types: {report: {title: R, plurals: Rs}}}]", `unknown types report field "plurals" (did you mean "plural"?)`},
		{"languages: [{code: fr, countries: [Mali]}]", `countries must be a mapping of keys to names`},
	} {
		_, err := Parse("site.yaml", []byte(minimal+c.yaml+"\n"))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s:\n got %v\nwant %s", c.yaml, err, c.want)
		}
	}
}

// A translation in a language the site does not list is still named and set in its
// own direction.
func TestDescribe(t *testing.T) {
	c, err := Parse("site.yaml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	for tag, want := range map[string][2]string{"en": {"English", "ltr"}, "ar": {"العربية", "rtl"}, "fa-IR": {"فارسی", "rtl"}, "xx": {"xx", "ltr"}} {
		if name, dir := c.Describe(tag); [2]string{name, dir} != want {
			t.Errorf("Describe(%s) = %s, %s; want %s", tag, name, dir, want)
		}
	}
}
