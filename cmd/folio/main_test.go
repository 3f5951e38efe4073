package main

import (
	"bytes"
	"compress/flate"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected files inside testdata/script/*.txtar")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"folio": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: each is a small site and
// the folio commands to run on it, with the output expected.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"sametree":     cmdSameTree,
			"cptree":       cmdCopyTree,
			"mkpng":        cmdMakePNG,
			"unpacksearch": cmdUnpackSearch,
		},
	})
}

// cmdSameTree compares two folders file by file, byte for byte: sametree DIR1 DIR2.
func cmdSameTree(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: sametree DIR1 DIR2")
	}
	a, errA := readTree(ts.MkAbs(args[0]))
	b, errB := readTree(ts.MkAbs(args[1]))
	ts.Check(errA)
	ts.Check(errB)
	diff := ""
	for name, data := range a {
		other, ok := b[name]
		switch {
		case !ok:
			diff += fmt.Sprintf("only in %s: %s\n", args[0], name)
		case !bytes.Equal(data, other):
			diff += fmt.Sprintf("differ: %s\n", name)
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			diff += fmt.Sprintf("only in %s: %s\n", args[1], name)
		}
	}
	if len(a) == 0 {
		ts.Fatalf("%s is empty", args[0])
	}
	switch {
	case neg && diff == "":
		ts.Fatalf("%s and %s are identical", args[0], args[1])
	case !neg && diff != "":
		ts.Fatalf("%s and %s differ:\n%s", args[0], args[1], diff)
	}
}

// cmdCopyTree copies a folder: cptree SRC DST.
func cmdCopyTree(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: cptree SRC DST")
	}
	files, err := readTree(ts.MkAbs(args[0]))
	ts.Check(err)
	for name, data := range files {
		p := filepath.Join(ts.MkAbs(args[1]), name)
		ts.Check(os.MkdirAll(filepath.Dir(p), 0o755))
		ts.Check(os.WriteFile(p, data, 0o644))
	}
}

// cmdMakePNG writes a blank PNG image of a given size: mkpng FILE WIDTH HEIGHT.
// (txtar archives hold text, and a PNG is binary.)
func cmdMakePNG(ts *testscript.TestScript, neg bool, args []string) {
	var w, h int
	if len(args) != 3 || neg {
		ts.Fatalf("usage: mkpng FILE WIDTH HEIGHT")
	}
	fmt.Sscan(args[1], &w)
	fmt.Sscan(args[2], &h)
	var buf bytes.Buffer
	ts.Check(png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))))
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), buf.Bytes(), 0o644))
}

func readTree(root string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	return files, err
}

// cmdUnpackSearch writes the search index files of a built site, which are stored
// compressed, decompressed into another folder, so that grep can read what they hold:
// unpacksearch PUBLIC OUT writes OUT/search/<name> for each PUBLIC/search/*.bin.
func cmdUnpackSearch(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: unpacksearch PUBLIC OUT")
	}
	files, err := filepath.Glob(filepath.Join(ts.MkAbs(args[0]), "search", "*.bin"))
	ts.Check(err)
	if len(files) == 0 {
		ts.Fatalf("no search index files in %s", args[0])
	}
	out := filepath.Join(ts.MkAbs(args[1]), "search")
	ts.Check(os.MkdirAll(out, 0o755))
	for _, f := range files {
		data, err := os.ReadFile(f)
		ts.Check(err)
		plain, err := io.ReadAll(flate.NewReader(bytes.NewReader(data)))
		if err != nil {
			ts.Fatalf("%s: %v", f, err)
		}
		ts.Check(os.WriteFile(filepath.Join(out, filepath.Base(f)), plain, 0o644))
	}
}
