package render

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"folio/internal/theme"
)

func ExampleAssets_URL() {
	a := NewAssets("/briefs/")
	fsys := fstest.MapFS{"style.css": {Data: []byte("body{}")}}
	_ = a.Hash([]theme.StaticFile{{Path: "style.css", FS: fsys, Src: "style.css"}})
	u, err := a.URL("style.css")
	fmt.Println(u, err)
	_, err = a.URL("missing.css")
	fmt.Println(err)
	// Output:
	// /briefs/static/style.css?v=7c98040a54 <nil>
	// asset "missing.css": no such file in the theme's static/ folder
}

func Example_plural() {
	fmt.Println(plural(1, "publication", "publications"))
	fmt.Println(plural(0, "publication", "publications"))
	fmt.Println(plural(12, "publication", "publications"))
	// Output:
	// 1 publication
	// 0 publications
	// 12 publications
}

func Example_filesize() {
	for _, n := range []int64{1, 512, 839680, 999_499, 999_500, 1_450_000, 12_600_000} {
		fmt.Println(filesize(n))
	}
	// Output:
	// 1 byte
	// 512 bytes
	// 840 kB
	// 999 kB
	// 1.0 MB
	// 1.4 MB
	// 13 MB
}

func Example_add() {
	fmt.Println(Funcs(NewAssets("/"))["add"].(func(int, int) int)(2, 3))
	// Output: 5
}

func Example_window() {
	urls := make([]string, 501)
	for i := range urls {
		urls[i] = fmt.Sprintf("/p/%d/", i)
	}
	show := func(n, total int) {
		var parts []string
		for _, l := range window(n, total, urls) {
			switch {
			case l.Gap:
				parts = append(parts, "…")
			case l.Current:
				parts = append(parts, fmt.Sprintf("[%d]", l.Number))
			default:
				parts = append(parts, fmt.Sprint(l.Number))
			}
		}
		fmt.Println(strings.Join(parts, " "))
	}
	show(1, 3)
	show(1, 500)
	show(250, 500)
	show(497, 500)
	// Output:
	// [1] 2 3
	// [1] 2 3 … 500
	// 1 … 248 249 [250] 251 252 … 500
	// 1 … 495 496 [497] 498 499 500
}

// An objective without a description is still named in the JSON-LD "about" list: by its
// title, not by an empty string.
func TestJSONLDAboutNamesObjectives(t *testing.T) {
	p := &pub{Title: "T", Date: &date{ISO: "2024-01-01"}, origin: "https://example.org", schema: "Report",
		Objectives: []*termView{{Title: "Priority", URL: "/objectives/priority/"},
			{Title: "Means", Description: "Mandates are matched with means.", URL: "/objectives/means/"}}}
	var ld struct {
		About []struct{ Name, URL string } `json:"about"`
	}
	if err := json.Unmarshal([]byte(p.JSONLD()), &ld); err != nil {
		t.Fatal(err)
	}
	if len(ld.About) != 2 || ld.About[0].Name != "Priority" || ld.About[1].Name != "Mandates are matched with means." {
		t.Errorf("about = %+v", ld.About)
	}
}

func Example_printRel() {
	p := &pub{PrintURL: "/publications/water/print/"}
	fmt.Println(p.PrintRel("/publications/water/"))
	fmt.Println(p.PrintRel("/static/print.css?v=1a2b"))
	fmt.Println(p.PrintRel("/sub/x/"))
	fmt.Println(p.PrintRel("https://example.org/"))
	// Output:
	// ../
	// ../../../static/print.css?v=1a2b
	// ../../../sub/x/
	// https://example.org/
}
