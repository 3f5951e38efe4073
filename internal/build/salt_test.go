package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// The salt of the build cache is the Go build ID when the executable has one: it must
// be the ID the go command stamped, read without hashing the whole program.
func TestGoBuildID(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("ELF executables only")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	want := strings.TrimSpace(string(out))
	if got := goBuildID(exe); got != want {
		t.Fatalf("goBuildID = %q, go tool buildid says %q", got, want)
	}
	if s := cacheSalt(); !strings.HasSuffix(s, " "+want) {
		t.Errorf("cacheSalt() = %q, want it to end with the build ID", s)
	}

	notELF := filepath.Join(t.TempDir(), "script")
	if err := os.WriteFile(notELF, []byte("#!/bin/sh\necho hello\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := goBuildID(notELF); got != "" {
		t.Errorf("goBuildID(shell script) = %q, want \"\"", got)
	}
	if got := goBuildID(filepath.Join(t.TempDir(), "missing")); got != "" {
		t.Errorf("goBuildID(missing file) = %q, want \"\"", got)
	}
}
