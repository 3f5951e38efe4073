package main

import (
	"bytes"
	"strings"
	"testing"

	"folio/internal/build"
)

// A brief edited after folio pdf made its PDF loses its "Download PDF" at the next build
// (the PDF shows an earlier edition): the build's summary and folio report say so,
// naming it, instead of dropping the link in silence.
func TestStalePDFReported(t *testing.T) {
	src := writeSite(t, map[string]string{"site.yaml": checkSiteYAML,
		"content/publications/a.md": brief("## Findings\n\nText.\n"),
		"content/publications/b.md": strings.Replace(brief("## Findings\n\nText.\n"), "title: A", "title: B", 1)})
	// A PDF folio pdf made from an earlier edition of a: its key is not the edition's.
	if err := build.StorePDF(src, "a", "0123", []byte("%PDF-1.4\n%%EOF\n")); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--source", src}, &stdout, &stderr); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr.String())
	}
	want := "1 PDF out of date, not linked until folio pdf makes it again: a"
	if !strings.Contains(stdout.String(), want+"\n") {
		t.Errorf("build's summary:\n%s\nwant %q", stdout.String(), want)
	}
	stdout.Reset()
	if code := run([]string{"report", "--source", src}, &stdout, &stderr); code != exitOK {
		t.Fatalf("report: exit %d\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "\nPDFs:\n  "+want+"\n") {
		t.Errorf("report:\n%s\nwant %q", stdout.String(), want)
	}
}
