//go:build unix

package build_test

import (
	"io/fs"
	"path/filepath"
	"syscall"
	"testing"

	"folio/internal/build"
	"folio/internal/corpus"
)

// The output folder is readable by others, as any folder the user makes (0755 less the
// umask), not 0700 as a temporary folder: a web server running as another user would
// answer 403 for the whole site.
func TestOutputPermissions(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	src := t.TempDir()
	if err := corpus.Generate(src, 5, 1); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, errs := build.Run(build.Options{Source: src, Dest: dest, Version: "test"}); errs.HasErrors() {
		t.Fatal(errs)
	}
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o644)
		if d.IsDir() {
			want = 0o755
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v; want %v", p, fi.Mode().Perm(), want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
