package i18n

import (
	"strings"
	"testing"
	"time"
)

const enFile = `months: [January, February, March, April, May, June, July, August, September, October, November, December]
date: "{day} {month} {year}"
by: By
publications: {one: "{n} publication", other: "{n} publications"}
`

func parse(t *testing.T, lang string, files ...File) *Strings {
	t.Helper()
	s, err := Parse(lang, files...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPluralForms(t *testing.T) {
	en := parse(t, "en", File{"en.yaml", []byte(enFile)})
	fr := parse(t, "fr", File{"fr.yaml", []byte(`months: [janvier, février, mars, avril, mai, juin, juillet, août, septembre, octobre, novembre, décembre]
date: "{day} {month} {year}"
day_one: 1er
publications: {one: "{n} publication", other: "{n} publications"}
`)})
	ar := parse(t, "ar", File{"ar.yaml", []byte(`months: [يناير, فبراير, مارس, أبريل, مايو, يونيو, يوليو, أغسطس, سبتمبر, أكتوبر, نوفمبر, ديسمبر]
date: "{day} {month} {year}"
publications: {zero: "لا منشورات", one: "منشور واحد", two: "منشوران", few: "{n} منشورات", many: "{n} منشورًا", other: "{n} منشور"}
`)})
	for _, c := range []struct {
		s    *Strings
		n    int
		want string
	}{
		{en, 0, "0 publications"}, {en, 1, "1 publication"}, {en, 2, "2 publications"},
		{fr, 0, "0 publication"}, {fr, 1, "1 publication"}, {fr, 2, "2 publications"},
		{ar, 0, "لا منشورات"}, {ar, 1, "منشور واحد"}, {ar, 2, "منشوران"}, {ar, 3, "3 منشورات"}, {ar, 10, "10 منشورات"},
		{ar, 11, "11 منشورًا"}, {ar, 99, "99 منشورًا"}, {ar, 100, "100 منشور"}, {ar, 102, "102 منشور"}, {ar, 103, "103 منشورات"},
	} {
		if got, err := c.s.N("publications", c.n); err != nil || got != c.want {
			t.Errorf("%s N(publications, %d) = %q, %v; want %q", c.s.Lang, c.n, got, err, c.want)
		}
	}
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	for s, want := range map[*Strings]string{en: "1 March 2024", fr: "1er mars 2024", ar: "1 مارس 2024"} {
		if got := s.Date(day); got != want {
			t.Errorf("%s Date = %q; want %q", s.Lang, got, want)
		}
	}
}

// A language's plural strings must give every form its rules use: Arabic's six.
func TestMissingPluralForm(t *testing.T) {
	_, err := Parse("ar", File{"themes/default/i18n/ar.yaml", []byte(`months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
date: "{day} {month} {year}"
publications: {one: "منشور واحد", other: "{n} منشور"}
`)})
	if err == nil || !strings.Contains(err.Error(), `themes/default/i18n/ar.yaml:3:1: publications: no "few" form`) {
		t.Fatalf("err = %v; want the file and the missing few form", err)
	}
}

// Every key of the default language must be in each other; a site's file overrides
// the theme's key by key.
func TestCheckAndOverride(t *testing.T) {
	en := parse(t, "en", File{"themes/default/i18n/en.yaml", []byte(enFile)})
	fr := parse(t, "fr",
		File{"themes/default/i18n/fr.yaml", []byte("months: [a, b, c, d, e, f, g, h, i, j, k, l]\ndate: \"{day} {month} {year}\"\nby: Par\n")},
		File{"i18n/fr.yaml", []byte("by: Écrit par\n")})
	if got, _ := fr.T("by"); got != "Écrit par" {
		t.Errorf("T(by) = %q; want the site's override", got)
	}
	err := fr.Check(en)
	if err == nil || !strings.Contains(err.Error(), `themes/default/i18n/fr.yaml: missing key "publications" (themes/default/i18n/en.yaml has it)`) {
		t.Errorf("Check = %v; want the missing key named with its file", err)
	}
	if _, err := en.T("nothing"); err == nil || !strings.Contains(err.Error(), `no string "nothing"`) {
		t.Errorf("T(nothing) = %v; want an error naming the key", err)
	}
	if _, err := en.T("publications"); err == nil {
		t.Error("T on plural forms succeeded")
	}
}

func TestBadFiles(t *testing.T) {
	for name, src := range map[string]string{
		"twelve months": "months: [a, b]\ndate: \"{day} {month} {year}\"\n",
		"date pattern":  "months: [a, b, c, d, e, f, g, h, i, j, k, l]\ndate: \"{month} {year}\"\n",
		"unknown form":  "months: [a, b, c, d, e, f, g, h, i, j, k, l]\ndate: \"{day} {month} {year}\"\nx: {one: a, lots: b, other: c}\n",
	} {
		if _, err := Parse("en", File{"en.yaml", []byte(src)}); err == nil || !strings.Contains(err.Error(), "en.yaml:") {
			t.Errorf("%s: err = %v; want an error at en.yaml:line:col", name, err)
		}
	}
}

func TestJSON(t *testing.T) {
	en := parse(t, "en", File{"en.yaml", []byte(enFile)})
	got, err := en.JSON("by", "publications", "date")
	if want := `{"by":"By","date":"{day} {month} {year}","publications":{"one":"{n} publication","other":"{n} publications"}}`; err != nil || got != want {
		t.Errorf("JSON = %s, %v; want %s", got, err, want)
	}
	if _, err := en.JSON("nothing"); err == nil {
		t.Error("JSON of a missing key succeeded")
	}
}

// A key that is one string in the default language must be one string in every other,
// and plural forms likewise.
func TestCheckKinds(t *testing.T) {
	en := parse(t, "en", File{"en.yaml", []byte(enFile)})
	fr := parse(t, "fr", File{"fr.yaml", []byte(`months: [a, b, c, d, e, f, g, h, i, j, k, l]
date: "{day} {month} {year}"
by: {one: Par, other: Par}
publications: "{n} publications"
`)})
	err := fr.Check(en)
	for _, want := range []string{`fr.yaml: "by" is plural forms here but one string in en.yaml`, `fr.yaml: "publications" is one string here but plural forms in en.yaml`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Check = %v; want %s", err, want)
		}
	}
}
