package main

import (
	"fmt"
	"io"
	"strings"

	"folio/internal/build"
)

// stalePDFs says which publications changed since folio pdf made their PDF: the build
// neither copies nor links such a PDF, so their pages lost "Download PDF" until folio
// pdf runs again. Nothing when all are up to date.
func stalePDFs(prints []build.Print) string {
	var slugs []string
	for _, p := range prints {
		if p.Stale {
			slugs = append(slugs, p.Slug)
		}
	}
	if len(slugs) == 0 {
		return ""
	}
	return fmt.Sprintf("%d %s out of date, not linked until folio pdf makes %s again: %s",
		len(slugs), pluralize(len(slugs), "PDF", "PDFs"), pluralize(len(slugs), "it", "them"), strings.Join(slugs, ", "))
}

func printStalePDFs(w io.Writer, prints []build.Print) {
	if s := stalePDFs(prints); s != "" {
		fmt.Fprintln(w, s)
	}
}
