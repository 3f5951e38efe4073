package render

import (
	"testing"
	"testing/fstest"

	"folio/internal/theme"
)

// A download's size is written in the page's language: its units and decimal mark.
func TestSizeInLanguage(t *testing.T) {
	th, err := theme.Load(fstest.MapFS{}, "default", Funcs(NewAssets("/")))
	if err != nil {
		t.Fatal(err)
	}
	strs, err := th.Strings([]string{"en", "fr", "ar"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lang string
		n    int64
		want string
	}{
		{"en", 1, "1 byte"}, {"en", 839_680, "840 kB"}, {"en", 1_234_567, "1.2 MB"}, {"en", 12_500_000, "13 MB"},
		{"fr", 839_680, "840 ko"}, {"fr", 1_234_567, "1,2 Mo"},
		{"ar", 2, "بايتان"}, {"ar", 1_234_567, "1.2 ميغابايت"},
	} {
		d := &pageData{ed: &edition{str: strs[c.lang]}}
		if got, err := d.Size(c.n); err != nil || got != c.want {
			t.Errorf("%s Size(%d) = %q, %v; want %q", c.lang, c.n, got, err, c.want)
		}
		if c.lang == "en" && filesize(c.n) != c.want {
			t.Errorf("filesize(%d) = %q; want pageData.Size's English, %q", c.n, filesize(c.n), c.want)
		}
	}
}
