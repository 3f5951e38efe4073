package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A correction added to a brief after folio pdf made its PDF makes the PDF out of date:
// the next folio pdf makes it again, with the notice on its cover, at the same URL.
func TestPDFCorrection(t *testing.T) {
	needPDFTools(t)
	site := copySample(t)
	out := filepath.Join(t.TempDir(), "public")
	const slug = "south-sudan-early-warning-gaps" // corrected once already
	code, stdout, stderr := runFolio("pdf", "--source", site, "--dest", out, "--only", slug)
	if code != 0 || !strings.Contains(stdout, "rendered 1 PDF ") {
		t.Fatalf("folio pdf --only %s: exit %d\nstdout:\n%s\nstderr:\n%s", slug, code, stdout, stderr)
	}
	file := filepath.Join(out, "publications", slug, slug+".pdf")
	const first = "Correction, 10 May 2022: An earlier version of this brief said it was based on 44 interviews."
	if text := pageText(t, file, 1, 1); !strings.Contains(text, first) {
		t.Errorf("the cover has no correction notice %q:\n%s", first, text)
	}

	md := filepath.Join(site, "content", "publications", slug+".md")
	src, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	corrected := strings.Replace(string(src), "corrections:\n", "corrections:\n  - {date: 2022-06-01, text: The map of Jonglei showed the wrong county borders.}\n", 1)
	if corrected == string(src) {
		t.Fatal("the sample brief has no corrections: to add one to")
	}
	if err := os.WriteFile(md, []byte(corrected), 0o644); err != nil {
		t.Fatal(err)
	}
	// A build alone says the PDF is out of date and does not link it.
	code, stdout, stderr = runFolio("build", "--source", site, "--dest", out)
	if code != 0 || !strings.Contains(stdout, "1 PDF out of date, not linked until folio pdf makes it again: "+slug) {
		t.Errorf("build after the correction: exit %d; want the PDF reported out of date\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	code, stdout, stderr = runFolio("pdf", "--source", site, "--dest", out, "--only", slug)
	if code != 0 || !strings.Contains(stdout, "rendered 1 PDF ") {
		t.Fatalf("folio pdf after the correction: exit %d; want it rendered again\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	text := pageText(t, file, 1, 1)
	for _, want := range []string{first, "Correction, 1 June 2022: The map of Jonglei showed the wrong county borders.", "updated 1 June 2022"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF made again has no %q on its cover:\n%s", want, text)
		}
	}
	page, err := os.ReadFile(filepath.Join(out, "publications", slug, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `href="/publications/` + slug + `/` + slug + `.pdf"`; !strings.Contains(string(page), want) {
		t.Errorf("the page does not link the PDF at its old URL (%s)", want)
	}
}
