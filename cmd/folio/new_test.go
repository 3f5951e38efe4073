package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// folio new refuses a title the brief could not hold (the build would then refuse the
// file), says which character and where, and writes nothing.
func TestNewRefusesForbiddenCharacters(t *testing.T) {
	site := t.TempDir()
	if err := os.WriteFile(filepath.Join(site, "site.yaml"), []byte("title: T\nbase_url: https://example.org/\ntypes: [{key: report}]\nobjectives: [{key: priority, number: 1, title: Priority}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ title, want string }{
		{"Early\x01warning", "the control character U+0001 (character 6)"},
		{"Early warning\x7f", "the control character U+007F (character 14)"},
		{"Éarly \u009bwarning", "the control character U+009B (character 7)"},
		{"Early \uFFFEwarning", "the noncharacter U+FFFE (character 7)"},
		{"Early \xffwarning", "bytes that are not UTF-8 text (character 7)"},
	} {
		code, stdout, stderr := runFolio("new", "--source", site, c.title)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, "folio new: the title holds "+c.want+": ") {
			t.Errorf("folio new %q: exit %d, stdout %q, stderr %q; want exit %d and %q", c.title, code, stdout, stderr, exitUsage, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "content")); !os.IsNotExist(err) {
		t.Errorf("a refused title left content/ behind: %v", err)
	}
	// Tabs and line breaks (U+0085 too) are spaces between words, as before.
	code, stdout, stderr := runFolio("new", "--source", site, "--date", "2026-01-02", "Early\twarning\nin\u0085Ituri")
	if code != exitOK || strings.TrimSpace(stdout) != "content/publications/early-warning-in-ituri.md" {
		t.Fatalf("folio new with a tab and a newline: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	src, err := os.ReadFile(filepath.Join(site, "content", "publications", "early-warning-in-ituri.md"))
	if err != nil || !strings.Contains(string(src), "title: \"Early warning in Ituri\"\n") {
		t.Errorf("the new brief's title: %v\n%s", err, src)
	}
}
