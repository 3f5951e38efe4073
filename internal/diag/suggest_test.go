package diag

import "testing"

func TestSuggest(t *testing.T) {
	known := []string{"title", "date", "objectives", "countries", "tags"}
	tests := map[string]string{"titel": "title", "data": "date", "countrys": "countries", "tag": "tags", "xyzzy": "", "colour": ""}
	for in, want := range tests {
		if got := Suggest(in, known); got != want {
			t.Errorf("Suggest(%q) = %q; want %q", in, got, want)
		}
	}
}
