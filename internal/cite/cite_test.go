package cite

import (
	"testing"
	"time"
)

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func TestParseName(t *testing.T) {
	tests := []struct {
		in            string
		given, family string
	}{
		{"Amina Okafor", "Amina", "Okafor"},
		{"  Amina   Okafor ", "Amina", "Okafor"},
		{"Jean-Luc de la Croix", "Jean-Luc", "de la Croix"},
		{"Ludwig van Beethoven", "Ludwig", "van Beethoven"},
		{"Ana d'Almeida", "Ana", "d'Almeida"},
		{"Omar al-Bashir", "Omar", "al-Bashir"},
		{"Martin Luther King", "Martin Luther", "King"},
		{"Hélène Traoré", "Hélène", "Traoré"},
		{"Ronaldinho", "", "Ronaldinho"},
		{"Okafor, Amina", "Amina", "Okafor"},
		{"Van Gogh, Vincent", "Vincent", "Van Gogh"},
		{"King Jr., Martin Luther", "Martin Luther", "King Jr."},
		{"de la Croix, Jean-Luc", "Jean-Luc", "de la Croix"},
		{"bell hooks", "bell", "hooks"}, // the first word is never the start of the family name
		{"Ελένη Παπαδοπούλου", "Ελένη", "Παπαδοπούλου"},
		{"", "", ""},
	}
	for _, tt := range tests {
		got := ParseName(tt.in)
		if got.Given != tt.given || got.Family != tt.family {
			t.Errorf("ParseName(%q) = %+v; want {Given:%s Family:%s}", tt.in, got, tt.given, tt.family)
		}
	}
}

func TestInitials(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Amina Okafor", "A."},
		{"Jean-Luc de la Croix", "J.-L."},
		{"Martin Luther King", "M. L."},
		{"Okafor, A.", "A."},
		{"Hélène Traoré", "H."},
		{"élise Roy", "É."},
		{"Plato", ""},
	}
	for _, tt := range tests {
		if got := ParseName(tt.in).initials(); got != tt.want {
			t.Errorf("ParseName(%q).initials() = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestKey(t *testing.T) {
	tests := []struct {
		w    Work
		want string
	}{
		{Work{Authors: []string{"Amina Okafor", "Jean Mbeki"}, Date: date(2022, 3, 15), Title: "Warning Without Response: Early-Warning Gaps"}, "okafor2022warning"},
		{Work{Authors: []string{"Jean-Luc de la Croix"}, Date: date(2021, 1, 1), Title: "The Measuring of What Matters"}, "delacroix2021measuring"},
		{Work{Authors: []string{"Hélène Traoré"}, Date: date(2023, 5, 1), Title: "Côte d'Ivoire : après la mission"}, "traore2023cote"},
		{Work{Authors: []string{"Mariam Traoré"}, Date: date(2024, 3, 12), Title: "After MINUSMA: Protection Lessons"}, "traore2024minusma"},
		{Work{Organisation: "The Stimson Center", Date: date(2020, 1, 1), Title: "À la recherche du temps"}, "stimson2020recherche"},
		{Work{Organisation: "Civilians in Conflict Programme (sample)", Date: date(2019, 1, 1), Title: "L'après-mission"}, "civilians2019apres"},
		{Work{Authors: []string{"Amina Okafor"}, Title: "Undated"}, "okaforndundated"},
		{Work{Authors: []string{"محمد"}, Organisation: "Peace & Security {Lab}", Date: date(2022, 1, 1), Title: "{UN} & 100%"}, "peace2022un"},
		{Work{Authors: []string{"Søren Łukasz Ćwik"}, Date: date(2022, 1, 1), Title: "The"}, "cwik2022"},
		{Work{}, "anonnd"},
		{Work{Key: "ignored", Authors: []string{"Okafor, Amina"}, Date: date(2022, 1, 1), Title: "Straße"}, "okafor2022strasse"},
	}
	for _, tt := range tests {
		if got := Key(tt.w); got != tt.want {
			t.Errorf("Key(%+v) = %q; want %q", tt.w, got, tt.want)
		}
	}
}

func TestUniqueKeys(t *testing.T) {
	w := Work{Authors: []string{"Amina Okafor"}, Date: date(2022, 1, 1), Title: "Warning"}
	works := []Work{w, w, {Key: "okafor2022warningb"}, w, {Key: "my key,{x}"}}
	UniqueKeys(works)
	want := []string{"okafor2022warning", "okafor2022warningb", "okafor2022warningbb", "okafor2022warningc", "mykeyx"}
	for i := range works {
		if works[i].Key != want[i] {
			t.Errorf("UniqueKeys: works[%d].Key = %q; want %q", i, works[i].Key, want[i])
		}
	}
	for n, want := range map[int]string{1: "b", 25: "z", 26: "ba", 27: "bb"} {
		if got := suffix(n); got != want {
			t.Errorf("suffix(%d) = %q; want %q", n, got, want)
		}
	}
}
