package imagemeta

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
)

// xrefPDF builds a PDF with a cross-reference table from objects 1, 2, ...; info,
// when not 0, is the number of the Info object.
func xrefPDF(info int, objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offsets []int
	for i, o := range objs {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f\r\n", len(objs)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n\r\n", o)
	}
	trailer := fmt.Sprintf("/Size %d /Root 1 0 R", len(objs)+1)
	if info != 0 {
		trailer += fmt.Sprintf(" /Info %d 0 R", info)
	}
	fmt.Fprintf(&b, "trailer\n<<%s>>\nstartxref\n%d\n%%%%EOF\n", trailer, xref)
	return b.Bytes()
}

// objStmPDF builds a PDF as LaTeX writes them: the objects in a compressed object
// stream, found through a cross-reference stream (which pdf.ReadInfo does not read).
func objStmPDF(objs ...string) []byte {
	var head, body bytes.Buffer
	for i, o := range objs {
		fmt.Fprintf(&head, "%d %d ", i+1, body.Len())
		body.WriteString(o + "\n")
	}
	data := deflate(append(head.Bytes(), body.Bytes()...))
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	n := len(objs) + 1
	fmt.Fprintf(&b, "%d 0 obj\n<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>\nstream\n", n, len(objs), head.Len(), len(data))
	b.Write(data)
	b.WriteString("\nendstream\nendobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<</Type /XRef /Size %d /Root 1 0 R /Info 2 0 R /W [1 2 1] /Length 0>>\nstream\n\nendstream\nendobj\n", n+1, n+2)
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

func TestPDFMetadata(t *testing.T) {
	catalog := "<</Type /Catalog /Pages 3 0 R>>"
	pages := "<</Type /Pages /Kids [] /Count 0>>"
	xmp := deflate(xmpPacket(true))
	metadata := fmt.Sprintf("<</Type /Metadata /Subtype /XML /Filter /FlateDecode /Length %d>>\nstream\n%s\nendstream", len(xmp), xmp)
	tests := []struct {
		name string
		pdf  []byte
		want []string
	}{
		{"none", xrefPDF(0, catalog, "<<>>", pages), nil},
		{"empty entries", xrefPDF(2, catalog, "<</Author () /Title <> /Producer < >>>", pages), nil},
		{"word", xrefPDF(2, catalog, "<</Title (Report) /Author (Jane Doe) /Creator <FEFF004D0053> /Producer (Microsoft Word)>>", pages),
			[]string{"Author", "Creator", "Producer", "Title"}},
		{"xmp stream", xrefPDF(2, "<</Type /Catalog /Pages 3 0 R /Metadata 4 0 R>>", "<</Producer (x)>>", pages, metadata),
			[]string{"Producer", "XMP"}},
		{"bookmark titles are not document titles", xrefPDF(0, catalog, "<</Title (Chapter 1) /Parent 4 0 R>>", pages), nil},
		{"object stream", objStmPDF(catalog, "<</Author(Jane Doe)/Subject(Draft)/Keywords(shelter)/Producer(pdfTeX-1.40)/Title(Notes)>>", pages),
			[]string{"Author", "Producer", "Subject", "Keywords"}},
		{"compressed xmp without a reference", []byte("%PDF-1.7\n5 0 obj\n<</Length 9/Filter/FlateDecode/Type/Metadata>>stream\r\n" + string(xmp) + "\nendstream\nendobj\n"),
			[]string{"XMP"}},
		{"not a pdf", []byte("hello"), nil},
		{"an earlier revision's author", append(xrefPDF(2, catalog, "<</Author (Jane Doe)>>", pages), xrefPDF(2, catalog, "<</Author ()>>", pages)...),
			[]string{"Author"}},
	}
	for _, tt := range tests {
		if got := PDFMetadata(tt.pdf); !slices.Equal(got, tt.want) {
			t.Errorf("%s: PDFMetadata = %q; want %q", tt.name, got, tt.want)
		}
	}
}
