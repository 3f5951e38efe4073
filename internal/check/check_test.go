package check

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/build"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar")

// TestFixtures checks each small site of testdata/*.txtar and compares the diagnostics
// with its "want" section. An "options" section may say "drafts", or "dest" to build
// the site first and check the folder built.
func TestFixtures(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			var want, options string
			wantAt := -1
			for i, f := range a.Files {
				switch f.Name {
				case "want":
					want, wantAt = string(f.Data), i
					continue
				case "options":
					options = string(f.Data)
					continue
				}
				p := filepath.Join(dir, filepath.FromSlash(f.Name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			opts := Options{Source: dir, Drafts: strings.Contains(options, "drafts"), Version: "test"}
			if strings.Contains(options, "dest") {
				opts.Dest = filepath.Join(dir, "public")
				if _, errs := build.Run(build.Options{Source: dir, Drafts: opts.Drafts}); errs.HasErrors() {
					t.Fatalf("building: %v", errs)
				}
			}
			r := Run(context.Background(), opts)
			got := r.Diagnostics.Error()
			if got != "" {
				got += "\n"
			}
			if r.Unchecked != "" {
				got += "unchecked: " + r.Unchecked + "\n"
			}
			if got == want {
				return
			}
			if *update && wantAt >= 0 {
				a.Files[wantAt].Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
		})
	}
}
