package imagemeta

import (
	"bytes"
	"regexp"
	"strings"

	"folio/internal/pdf"
)

// pdfKeys are the document information entries PDFMetadata names, in its order.
var pdfKeys = []string{"Author", "Creator", "Producer", "Title", "Subject", "Keywords"}

// pdfEntry matches a document information entry with a value that is not empty: a
// literal string, a hexadecimal string or a reference to one. Title is left out: the
// bookmarks of a PDF have titles too.
var pdfEntry = regexp.MustCompile(`/(Author|Creator|Producer|Subject|Keywords)\s*(\([^)]|<\s*[0-9A-Fa-f]|\d+\s+\d+\s+R)`)

// pdfXMP matches an XMP packet, or the reference to its stream from a dictionary.
var pdfXMP = regexp.MustCompile(`<x:xmpmeta|<\?xpacket begin|/Metadata\s+\d+\s+\d+\s+R`)

// PDFMetadata names the metadata a PDF carries: the entries of its document
// information (Author, Creator, Producer, Title, Subject, Keywords) that are not
// empty, and "XMP" when it holds an XMP packet.
//
// pdf.ReadInfo reads the current document information of a file with a cross-reference
// table. Other PDFs (from LaTeX, InDesign, Acrobat) keep it in a compressed object
// stream, and an edited PDF keeps the information of its earlier versions, which
// anyone can still read: PDFMetadata therefore also searches the file's bytes and its
// inflated object and metadata streams for the entries.
func PDFMetadata(data []byte) []string {
	has := map[string]bool{}
	if info, err := pdf.ReadInfo(data); err == nil {
		for k, v := range info {
			has[k] = strings.TrimSpace(v) != ""
		}
	}
	search := func(b []byte) {
		for _, m := range pdfEntry.FindAllSubmatch(b, -1) {
			has[string(m[1])] = true
		}
		if pdfXMP.Match(b) {
			has["XMP"] = true
		}
	}
	search(data)
	budget := 4 * maxInflate
	var z inflater
	for _, s := range pdfStreams(data) {
		if budget <= 0 {
			break
		}
		b := z.inflate(s)
		budget -= len(b)
		search(b)
	}
	var names []string
	for _, k := range append(pdfKeys, "XMP") {
		if has[k] {
			names = append(names, k)
		}
	}
	return names
}

// pdfStreams returns the data, from its start to the end of the file, of each
// Flate-compressed stream of data that may hold document information (an object
// stream) or XMP (a metadata stream): the stream's dictionary is the text between the
// "obj" and the "stream" keywords.
func pdfStreams(data []byte) [][]byte {
	var streams [][]byte
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("stream"))
		if j < 0 {
			return streams
		}
		at := i + j
		// The windows searched for the dictionary do not overlap, so that a file made
		// of "stream" keywords is read once, not 4096 times.
		head := data[max(i, at-4096):at]
		i = at + len("stream")
		if at >= 3 && string(data[at-3:at]) == "end" {
			continue
		}
		if k := bytes.LastIndex(head, []byte("obj")); k >= 0 {
			head = head[k:]
		}
		if !bytes.Contains(head, []byte("/FlateDecode")) ||
			!bytes.Contains(head, []byte("/ObjStm")) && !bytes.Contains(head, []byte("/Metadata")) {
			continue
		}
		start := i
		if start < len(data) && data[start] == '\r' {
			start++
		}
		if start < len(data) && data[start] == '\n' {
			start++
		}
		streams = append(streams, data[start:])
	}
}
