package corpus

import (
	"os"
	"path/filepath"
	"testing"

	"folio/internal/build"
)

// A generated corpus is valid against folio's schema, and the same seed gives the same
// files.
func TestGenerateBuildsAndIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := Generate(a, 30, 7); err != nil {
		t.Fatal(err)
	}
	if err := Generate(b, 30, 7); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(a, "content", "publications", "*.md"))
	if len(files) != 30 {
		t.Fatalf("generated %d files", len(files))
	}
	for _, f := range files {
		x, _ := os.ReadFile(f)
		y, _ := os.ReadFile(filepath.Join(b, "content", "publications", filepath.Base(f)))
		if string(x) != string(y) {
			t.Fatalf("%s differs between two runs with the same seed", filepath.Base(f))
		}
	}
	res, errs := build.Run(build.Options{Source: a, Version: "test"})
	if errs.HasErrors() {
		t.Fatalf("generated site does not build:\n%v", errs)
	}
	if res.Publications != 30 {
		t.Errorf("built %d publications", res.Publications)
	}
}
