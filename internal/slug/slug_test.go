package slug

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMake(t *testing.T) {
	tests := map[string]string{
		"South Sudan":                      "south-sudan",
		"Côte d'Ivoire":                    "cote-divoire",
		"Democratic Republic of the Congo": "democratic-republic-of-the-congo",
		"UNMISS":                           "unmiss",
		"Resolution 2406 (2018)":           "resolution-2406-2018",
		"  --Hello,   World!--  ":          "hello-world",
		"Sécurité & protection":            "securite-protection",
		"Ménaka":                           "menaka",
		"!!!":                              "",
		"":                                 "",
		"الأمم المتحدة":                    "الامم-المتحدة",
		"policy-brief":                     "policy-brief",
	}
	for in, want := range tests {
		if got := Make(in); got != want {
			t.Errorf("Make(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestMakeLong(t *testing.T) {
	got := Make(strings.Repeat("protection of civilians ", 20))
	if len(got) > MaxLen || strings.HasSuffix(got, "-") || !Valid(got) {
		t.Errorf("Make(long) = %q (%d bytes); want a valid slug of at most %d bytes", got, len(got), MaxLen)
	}
	got = Make(strings.Repeat("é", 200))
	if len(got) > MaxLen || !utf8.ValidString(got) {
		t.Errorf("Make(accents) = %q", got)
	}
}

func TestValid(t *testing.T) {
	for s, want := range map[string]bool{"a-b": true, "A-b": false, "a--b": false, "-a": false, "": false, "../x": false} {
		if got := Valid(s); got != want {
			t.Errorf("Valid(%q) = %v; want %v", s, got, want)
		}
	}
}

func FuzzMake(f *testing.F) {
	for _, s := range []string{"South Sudan", "Côte d'Ivoire", "../../etc", "a\x00b", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Make(s)
		if len(got) > MaxLen {
			t.Fatalf("Make(%q) = %q is %d bytes", s, got, len(got))
		}
		if strings.ContainsAny(got, "/\\. ") || strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") {
			t.Fatalf("Make(%q) = %q is not a safe path segment", s, got)
		}
		if Make(got) != got {
			t.Fatalf("Make is not idempotent: Make(%q) = %q, Make of that = %q", s, got, Make(got))
		}
	})
}
