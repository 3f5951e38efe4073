package render

import (
	"fmt"
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

func Example_add() {
	fmt.Println(Funcs(NewAssets("/"))["add"].(func(int, int) int)(2, 3))
	// Output: 5
}
