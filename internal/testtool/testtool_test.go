package testtool

import (
	"fmt"
	"strings"
	"testing"
)

// recorder is a testing.TB that records how a test would have ended: by the first
// Skipf or Fatalf, which end a real test at once.
type recorder struct {
	testing.TB
	ended string // "skip" or "fail"
	msg   string
}

func (r *recorder) Helper() {}

func (r *recorder) Skipf(format string, args ...any) { r.end("skip", format, args) }

func (r *recorder) Fatalf(format string, args ...any) { r.end("fail", format, args) }

func (r *recorder) end(how, format string, args []any) {
	if r.ended == "" {
		r.ended, r.msg = how, fmt.Sprintf(format, args...)
	}
}

func TestMissing(t *testing.T) {
	for _, tc := range []struct {
		ci   string
		want string
	}{
		{"", "skip"},
		{"true", "fail"},
	} {
		t.Setenv("CI", tc.ci)
		r := &recorder{TB: t}
		Missing(r, "pdftotext: not found", "apt-get install poppler-utils")
		if r.ended != tc.want {
			t.Errorf("CI=%q: the test would %q, want %q", tc.ci, r.ended, tc.want)
		}
	}
}

func TestCommand(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // an empty folder: no command is found
	t.Setenv("CI", "")
	r := &recorder{TB: t}
	Command(r, "pdftotext", "apt-get install poppler-utils")
	if r.ended != "skip" {
		t.Errorf("a command missing outside CI: the test would %q, want skip", r.ended)
	}
	t.Setenv("CI", "true")
	r = &recorder{TB: t}
	Command(r, "pdftotext", "apt-get install poppler-utils")
	if r.ended != "fail" || !strings.Contains(r.msg, "CI is set") {
		t.Errorf("a command missing in CI: the test would %q (%q), want a failure naming CI", r.ended, r.msg)
	}
}
