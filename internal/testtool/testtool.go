// Package testtool is for tests only: it decides what a test does when an external
// tool it needs (Chromium, exiftool, pdftotext, nginx, node, Java) is missing. Outside
// CI the test is skipped, saying what to install; in CI (the CI variable set) it fails,
// because .ci/run installs every tool and a missing one is a broken set-up, not a reason
// to pass.
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// Missing skips t, or fails it in CI, because of what is missing ("pdftotext: not
// found on PATH"); install says how to get it ("apt-get install poppler-utils"), or is
// "" when what already says so.
func Missing(t testing.TB, what, install string) {
	t.Helper()
	if install != "" {
		what += " (to run this test: " + install + ")"
	}
	if InCI() {
		t.Fatalf("CI is set, and .ci/run installs what this test needs, but %s", what)
	}
	t.Skipf("skipping: %s", what)
}

// Command returns the path of the command name, or calls Missing when it is not on
// PATH.
func Command(t testing.TB, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, err.Error(), install)
	}
	return p
}

// InCI reports whether the tests run in CI, where every tool must be present.
func InCI() bool { return os.Getenv("CI") != "" }
