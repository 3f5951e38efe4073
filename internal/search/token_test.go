package search

import (
	"slices"
	"strings"
	"testing"
)

// tokenCases are shared with the JavaScript parity test.
var tokenCases = []struct {
	text, lang string
	index      bool
	want       string // tokens joined by spaces
}{
	{"Sécurité des civils", "fr", true, "securite civils"},
	{"SÉCURITÉ", "", true, "securite"},
	{"securite", "fr", true, "securite"},
	{"l'ONU et d'alerte", "fr", true, "onu alerte"},
	{"l’ONU, qu’il, jusqu'à, lorsqu'elle", "", true, "onu il a elle"},
	{"l’ONU, qu’il, jusqu'à, lorsqu'elle", "fr", true, "onu"},
	{"the mission's mandate", "en", true, "mission mandate"},
	{"the missions' bases", "en", true, "missions bases"},
	{"Côte d'Ivoire", "en", true, "cote ivoire"},
	{"aujourd'hui", "fr", true, "aujourdhui"},
	{"don't", "en", true, "dont"},
	{"early-warning systems", "en", true, "early warning earlywarning systems"},
	{"early-warning systems", "en", false, "early warning systems"},
	{"community‑based", "en", true, "community based communitybased"},
	{"resolution 2406 (2018)", "en", true, "resolution 2406 2018"},
	{"S/RES/2406", "en", true, "res 2406 sres2406"},
	{"S/RES/2406", "en", false, "res 2406"},
	{"S/RES/2406", "", true, "s res 2406 sres2406"},
	{"1,500 peacekeepers", "en", true, "1 500 peacekeepers"},
	{"The UN and the AU", "en", true, "un au"},
	{"Œuvre, ﬁn, Straße", "", true, "oeuvre fin strasse"},
	{"İstanbul ΣΟΦΟΣ σοφός", "", true, "istanbul σοφοσ σοφοσ"},
	{"'quoted' --dash-- a/b", "", true, "quoted dash a b ab"},
	{"naïve café", "en", true, "naive cafe"},
	{"x²", "", true, "x2"},
	{"مرحبا بالعالم", "ar", true, "مرحبا بالعالم"},
	// Arabic: harakat and the superscript alef dropped, alef forms unified, hamza on
	// waw and yaa, taa marbuta, alef maqsura, tatweel, Arabic-Indic digits, presentation
	// forms, stop words in a publication of any language.
	{"الأُمَمُ المُتَّحِدَة", "ar", true, "الامم المتحده"},
	{"إنسانية آمنة ٱلسلام هٰكذا", "", true, "انسانيه امنه السلام هكذا"},
	{"مسؤول بيئة مستشفى", "en", true, "مسوول بييه مستشفي"},
	{"الســـلام", "ar", true, "السلام"},
	{"القرار ٢٤٠٦ (٢٠١٨) و۲۰۲۴", "ar", true, "القرار 2406 2018 و2024"},
	{"ﺍﻟﺴﻼﻡ", "", true, "السلام"},
	{"حماية المدنيين في السودان", "en", true, "حمايه المدنيين السودان"},
	{"Mission des Nations unies (بعثة الأمم المتحدة) au Mali", "fr", true, "mission nations unies بعثه الامم المتحده mali"},
	{"維和行動", "", true, "維和行動"},
	{strings.Repeat("a", 41) + " ok", "", true, "ok"},
	{strings.Repeat("a", 40), "", true, strings.Repeat("a", 40)},
	{"e\u0301te\u0301", "", true, "ete"},
	{"", "en", true, ""},
}

func TestTokens(t *testing.T) {
	for _, c := range tokenCases {
		got := strings.Join(Tokens(c.text, c.lang, c.index), " ")
		if got != c.want {
			t.Errorf("Tokens(%q, %q, %v) = %q; want %q", c.text, c.lang, c.index, got, c.want)
		}
	}
}

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Sécurité", "securite"},
		{"ÉLECTIONS", "elections"},
		{"أإآٱا", "ااااا"},
		{"مُؤْتَمَر", "موتمر"},
		{"رئيس", "رييس"},
		{"مدرسة", "مدرسه"},
		{"على", "علي"},
		{"قـــوة", "قوه"},
		{"٠١٢٣٤٥٦٧٨٩", "0123456789"},
		{"۰۱۲۳۴۵۶۷۸۹", "0123456789"},
		{"Œil", "oeil"},
		{"Ærø", "aero"},
		{"Łódź", "lodz"},
		{"ﬁ", "fi"},
		{"２４０６", "2406"},
		{"São", "sao"},
	} {
		if got := fold(c.in); got != c.want {
			t.Errorf("fold(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

func TestStem(t *testing.T) {
	for _, c := range []struct {
		word, lang, want string
		keep             bool
	}{
		{"accountability", "en", "account", true},
		{"protection", "en", "protect", true},
		{"protecting", "en", "protect", true},
		{"civilians", "en", "civilian", true},
		{"communities", "en", "communiti", true},
		{"community", "en", "communiti", true},
		{"Missions", "en", "mission", true},
		{"the", "en", "", false},
		{"1990s", "en", "1990s", true},
		{"sécurité", "fr", "secur", true},
		{"Sécurité", "fr", "secur", true},
		{"protégées", "fr", "proteg", true},
		{"protégé", "fr", "proteg", true},
		{"civils", "fr", "civil", true},
		{"élections", "fr", "elect", true},
		{"les", "fr", "", false},
		{"été", "fr", "", false},
		{"protection", "de", "protection", true},
		{"the", "de", "the", true},
		{"missions", "en-GB", "mission", true},
		// Arabic, in a publication of any language: one prefix, then suffixes.
		{"المدنيين", "ar", "مدن", true},
		{"والمدنيين", "en", "مدن", true},
		{"بالمدنيين", "fr", "مدن", true},
		{"للمدنيين", "", "مدن", true},
		{"المدنيّون", "ar", "مدن", true},
		{"مدني", "ar", "مدن", true},
		{"الحماية", "ar", "حما", true}, // ة → ه, then ه and ي
		{"حمايتها", "ar", "حمايت", true},
		{"ومجلس", "ar", "مجلس", true},
		{"مجلس", "ar", "مجلس", true},
		{"وزير", "ar", "وزير", true},   // و kept: too little would remain
		{"الوزير", "ar", "وزير", true}, // the same stem
		{"وطني", "ar", "وطن", true},
		{"الوطنية", "ar", "وطن", true},
		{"المتحدة", "ar", "متحد", true},
		{"الأمم", "ar", "امم", true},
		{"بال", "ar", "بال", true}, // nothing would remain
		{"القرار٢٤٠٦", "ar", "القرار2406", true},
		{"في", "en", "", false},
		{"إلى", "ar", "", false},
		{"الى", "fr", "", false},
		{"على", "ar", "", false},
	} {
		got, keep := Stem(c.word, c.lang)
		if got != c.want || keep != c.keep {
			t.Errorf("Stem(%q, %q) = %q, %v; want %q, %v", c.word, c.lang, got, keep, c.want, c.keep)
		}
	}
}

func TestStopWords(t *testing.T) {
	en, fr := sortedStopWords("en"), sortedStopWords("fr")
	for _, w := range []string{"the", "and", "of", "will"} {
		if !slices.Contains(en, w) {
			t.Errorf("sortedStopWords(en) lacks %q", w)
		}
	}
	for _, w := range []string{"les", "des", "ete", "meme", "a"} { // folded
		if !slices.Contains(fr, w) {
			t.Errorf("sortedStopWords(fr) lacks %q", w)
		}
	}
	if ar := sortedStopWords("ar"); !slices.Contains(ar, "الي") || !slices.Contains(ar, "ان") || !slices.Contains(ar, "في") {
		t.Errorf("sortedStopWords(ar) = %q; want إلى, أن, في folded", ar)
	}
	if sortedStopWords("de") != nil {
		t.Errorf("sortedStopWords(de) = %v; want none", sortedStopWords("de"))
	}
	if got := Tokens("The protection of civilians", "en", true); !slices.Equal(got, []string{"protection", "civilians"}) {
		t.Errorf("Tokens = %q; want stop words dropped", got)
	}
	if got := Tokens("The protection of civilians", "ar", true); len(got) != 4 {
		t.Errorf("Tokens(ar) = %q; want no stop words dropped", got)
	}
}

func TestQueryWords(t *testing.T) {
	for _, c := range []struct {
		q      string
		want   string
		prefix bool
	}{
		{"accountab", "accountab", true},
		{"accountability ", "accountability", false},
		{"protection civ", "protection civ", true},
		{"protection c", "protection c", false}, // too short to be a prefix
		{"l'ONU", "onu", true},
		{"early-warning", "early warning", true},
		{"protection protection", "protection", false},
		{"“quoted”", "quoted", false},
		{"", "", false},
		{"الأُمَم المتّحدة", "الامم المتحده", true},
		{"مجلس الأمن ", "مجلس الامن", false},
	} {
		words, prefix := QueryWords(c.q)
		if strings.Join(words, " ") != c.want || prefix != c.prefix {
			t.Errorf("QueryWords(%q) = %q, %v; want %q, %v", c.q, words, prefix, c.want, c.prefix)
		}
	}
}

func TestCompareUTF16(t *testing.T) {
	// U+FF21 (a BMP letter above the surrogates) sorts after U+1D400 in UTF-16.
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"a", "b", -1},
		{"ab", "a", 1},
		{"\uFF21", "\U0001D400", 1},
		{"\u00e9", "\U0001D400", -1},
		{"x\uFFFF", "x\U00010000", 1},
		{"same", "same", 0},
	} {
		if got := compareUTF16(c.a, c.b); got != c.want {
			t.Errorf("compareUTF16(%q, %q) = %d; want %d", c.a, c.b, got, c.want)
		}
	}
}
