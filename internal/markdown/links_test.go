package markdown

import "testing"

func TestIsRelative(t *testing.T) {
	for dest, want := range map[string]bool{
		"../water.md":           true,
		"chart.png":             true,
		"water.md#findings":     true,
		"":                      false,
		"#findings":             false,
		"/publications/water/":  false,
		"https://example.org/a": false,
		"//example.org/a":       false,
		"mailto:a@example.org":  false,
		"%zz":                   false,
	} {
		if got := IsRelative(dest); got != want {
			t.Errorf("IsRelative(%q) = %v; want %v", dest, got, want)
		}
	}
}
