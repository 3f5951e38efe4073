package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"folio/internal/testtool"
)

// TestProtectSample builds the sample site with a small list of protected terms: an
// author the briefs name fails the build at each place; approved, the site builds, and
// nothing else of the list reaches the output folder or the caches.
func TestProtectSample(t *testing.T) {
	site := copySample(t)
	list := filepath.Join(t.TempDir(), "protect.txt")
	writeFile(t, list, "# test informants\nJEAN LUC MBEKI\nSecret Person Zeta\n+243 99 876 5432\nre:\\bzeta-\\d{4}\\b\n")
	out := filepath.Join(t.TempDir(), "public")

	code, _, stderr := runFolio("build", "--source", site, "--dest", out, "--protect", list)
	if code != exitSite {
		t.Fatalf("folio build: exit %d; want %d\n%s", code, exitSite, stderr)
	}
	briefs := []string{"drc-monusco-drawdown-protection-gaps.md", "minusca-performance-evaluation.md",
		"who-protects-when-peacekeepers-leave.md", "community-alert-networks-drc/index.md",
		"rdc-retrait-de-la-monusco-lacunes-de-protection.md"}
	for _, b := range briefs {
		src := filepath.Join(site, "content", "publications", filepath.FromSlash(b))
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		// Where the sample writes the name, whatever its line.
		lines := strings.Split(string(data), "\n")
		for i, line := range lines {
			if col := strings.Index(line, "Jean-Luc Mbeki"); col >= 0 {
				want := regexp.QuoteMeta("content/publications/"+b+":") + `\d+:\d+` + regexp.QuoteMeta(`: "Jean-Luc Mbeki" is protected (line 2 of `+list+")")
				at := regexp.MustCompile(`(?m)^` + want)
				if !at.MatchString(stderr) {
					t.Errorf("no error for %s line %d in\n%s", b, i+1, stderr)
				}
				if !strings.Contains(stderr, "content/publications/"+b+":"+strconv.Itoa(i+1)+":"+strconv.Itoa(col+1)+": ") {
					t.Errorf("%s: the error is not at %d:%d:\n%s", b, i+1, col+1, stderr)
				}
			}
		}
		// Approved, the name may stay.
		text := strings.Replace(string(data), "---\n", "---\nallow_protected: [Jean-Luc Mbeki]\n", 1)
		writeFile(t, src, text)
	}
	if strings.Contains(stderr, "Zeta") || strings.Contains(stderr, "876") {
		t.Errorf("an entry of the list that no brief names is printed:\n%s", stderr)
	}

	code, _, stderr = runFolio("build", "--source", site, "--dest", out, "--protect", list)
	if code != exitOK {
		t.Fatalf("folio build, approved: exit %d\n%s", code, stderr)
	}
	// The list's other entries, its comment and its file name reach neither the output
	// nor the caches (the build cache in the site folder).
	for _, dir := range []string{out, filepath.Join(site, ".folio-cache")} {
		files := 0
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			files++
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			low := strings.ToLower(string(data))
			for _, secret := range []string{"secret person", "zeta", "876 5432", "876-5432", "test informants", "protect.txt"} {
				if strings.Contains(low, secret) {
					t.Errorf("%s holds %q, from the list of protected terms", p, secret)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if files == 0 {
			t.Errorf("%s is empty", dir)
		}
	}
}

// TestProtectPDF checks the text of a PDF attached to a sample brief (two pages; the
// second names Jean-Pierre). Without pdftotext it is skipped, unless CI is set.
func TestProtectPDF(t *testing.T) {
	testtool.Command(t, "pdftotext", "apt-get install poppler-utils")
	site := copySample(t)
	pdf, err := os.ReadFile(filepath.Join("..", "..", "internal", "protect", "testdata", "interview.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(site, "content", "publications", "community-alert-networks-drc", "interview.pdf"), string(pdf))
	list := filepath.Join(t.TempDir(), "protect.txt")
	writeFile(t, list, "Jean Pierre\n")
	t.Setenv("FOLIO_PROTECT", list)
	code, _, stderr := runFolio("build", "--source", site, "--dest", filepath.Join(t.TempDir(), "public"))
	want := `content/publications/community-alert-networks-drc/interview.pdf: page 2: "Jean-Pierre" is protected (line 1 of ` + list + ")"
	if code != exitSite || !strings.Contains(stderr, want) {
		t.Errorf("folio build: exit %d; want %d and %q in\n%s", code, exitSite, want, stderr)
	}
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
