package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

// A list written as one value with commas is one name to YAML ("Marie Kabila, Samuel
// Deng" would be a single author): it is an error that shows the list to write.
func TestCommaListIsAnError(t *testing.T) {
	for _, tt := range []struct{ line, want string }{
		{"authors: Marie Kabila, Samuel Deng",
			`p.md:7:10: authors is a list: write it in brackets, authors: [Marie Kabila, Samuel Deng] (a single name that has a comma goes in quotes: ["Kabila, Marie"])`},
		{"countries: Mali,Niger", `p.md:7:12: countries is a list: write it in brackets, countries: [Mali, Niger]`},
		{"tags: Mali,Niger", `p.md:7:7: tags is a list: write it in brackets, tags: [Mali, Niger]`},
		{"missions: MINUSMA, MONUSCO", `p.md:7:11: missions is a list: write it in brackets, missions: [MINUSMA, MONUSCO]`},
		{"tags: early warning, data", `p.md:7:7: tags is a list: write it in brackets, tags: [early warning, data]`},
		{`authors: "Kabila, Marie"`, `p.md:7:10: authors is a list: write it in brackets, authors: [Kabila, Marie]`},
	} {
		src := strings.Replace(strings.Replace(good, "countries: [South Sudan, \" South  Sudan \"]\n", "", 1), "---\nBody", tt.line+"\n---\nBody", 1)
		_, errs := Load(fstest.MapFS{"content/publications/p.md": {Data: []byte(src)}}, testConfig(t), Options{})
		if got := strings.ReplaceAll(errs.Error(), "content/publications/", ""); !strings.Contains(got, tt.want) {
			t.Errorf("%s:\n got %s\nwant %s", tt.line, got, tt.want)
		}
	}
	src := strings.Replace(good, "[accountability, 1]", "accountability, 1", 1)
	_, errs := Load(fstest.MapFS{"content/publications/p.md": {Data: []byte(src)}}, testConfig(t), Options{})
	if want := `p.md:5:13: objectives is a list: write it in brackets, objectives: [accountability, 1]`; !strings.Contains(errs.Error(), want) {
		t.Errorf("objectives: got %s\nwant %s", errs.Error(), want)
	}
	// One value without a comma is still a one-item list, and a quoted name with a comma
	// inside a list is one name.
	src = strings.Replace(good, "---\nBody", "authors: Marie Kabila\nmissions: [\"UNMISS, Juba\"]\n---\nBody", 1)
	pages, errs := Load(fstest.MapFS{"content/publications/p.md": {Data: []byte(src)}}, testConfig(t), Options{})
	if errs.HasErrors() || len(pages) != 1 || strings.Join(pages[0].Authors, "|") != "Marie Kabila" || strings.Join(pages[0].Missions, "|") != "UNMISS, Juba" {
		t.Errorf("single values: %v %v", errs, pages)
	}
}
