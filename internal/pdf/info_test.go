package pdf

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// minimalPDF builds a valid one-page A4 PDF with a cross-reference table, as Chromium
// writes them. info is the Info dictionary, object 4, or "" for none.
func minimalPDF(info string) []byte {
	objs := []string{
		"<</Type /Catalog /Pages 2 0 R>>",
		"<</Type /Pages /Kids [3 0 R] /Count 1>>",
		"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89]>>",
	}
	if info != "" {
		objs = append(objs, info)
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
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
	trailer := fmt.Sprintf("/Size %d\n/Root 1 0 R", len(objs)+1)
	if info != "" {
		trailer += "\n/Info 4 0 R\n/ID [<0A1B> <0A1B>]"
	}
	fmt.Fprintf(&b, "trailer\n<<%s>>\nstartxref\n%d\n%%%%EOF\n", trailer, xref)
	return b.Bytes()
}

// appendUpdate adds an incremental update that replaces object 3 (the page), so that
// the Info object is only found by following /Prev.
func appendUpdate(pdf []byte) []byte {
	prev, _ := lastXref(pdf)
	trailer, _ := readTrailer(pdf, prev)
	var b bytes.Buffer
	b.Write(pdf)
	at := b.Len()
	b.WriteString("3 0 obj\n<</Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Rotate 0>>\nendobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n3 1\n%010d 00000 n\r\n", at)
	fmt.Fprintf(&b, "trailer\n<</Size %s /Root 1 0 R /Info %s /Prev %d>>\nstartxref\n%d\n%%%%EOF\n",
		trailer.get("Size"), trailer.get("Info"), prev, xref)
	return b.Bytes()
}

const chromiumInfo = `<</Title (Old title | Org \(sample\))
/Creator (Mozilla/5.0 \(X11; Linux x86_64\) HeadlessChrome/156.0.0.0)
/Producer (Skia/PDF m156)
/CreationDate (D:20240618120000+00'00')
/ModDate (D:20240618120000+00'00')>>`

func TestSetInfo(t *testing.T) {
	full := Info{
		Title:    "Abyei: Civilian Risks (draft) \\ UNISFA",
		Author:   "Samuel Deng, Mariam Traoré",
		Subject:  "Each dry season, the migration of herders brings risks.",
		Keywords: []string{"Threat-informed planning", "Côte d’Ivoire"},
		Creator:  "folio 1.0",
	}
	tests := []struct {
		name string
		in   []byte
		info Info
		want map[string]string
	}{
		{"replaces what Chromium wrote and keeps the rest", minimalPDF(chromiumInfo), full, map[string]string{
			"Title": full.Title, "Author": full.Author, "Subject": full.Subject,
			"Keywords": "Threat-informed planning, Côte d’Ivoire", "Creator": "folio 1.0",
			"Producer": "Skia/PDF m156", "CreationDate": "D:20240618120000+00'00'", "ModDate": "D:20240618120000+00'00'",
		}},
		{"empty fields leave entries as they were", minimalPDF(chromiumInfo), Info{Author: "A. Author"}, map[string]string{
			"Title": "Old title | Org (sample)", "Author": "A. Author",
			"Creator":  "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/156.0.0.0",
			"Producer": "Skia/PDF m156", "CreationDate": "D:20240618120000+00'00'", "ModDate": "D:20240618120000+00'00'",
		}},
		{"a file without Info gets one", minimalPDF(""), Info{Title: "T", Keywords: []string{"a", "b"}}, map[string]string{
			"Title": "T", "Keywords": "a, b",
		}},
		{"Info found through /Prev", appendUpdate(minimalPDF(chromiumInfo)), Info{Title: "New"}, map[string]string{
			"Title": "New", "Creator": "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/156.0.0.0",
			"Producer": "Skia/PDF m156", "CreationDate": "D:20240618120000+00'00'", "ModDate": "D:20240618120000+00'00'",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := SetInfo(tt.in, tt.info)
			if err != nil {
				t.Fatalf("SetInfo: %v", err)
			}
			if !bytes.HasPrefix(out, tt.in) {
				t.Errorf("SetInfo changed the original bytes; an incremental update only appends")
			}
			got, err := ReadInfo(out)
			if err != nil {
				t.Fatalf("ReadInfo: %v", err)
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("ReadInfo(SetInfo(…, %+v)) =\n%q\nwant\n%q", tt.info, got, tt.want)
			}
			checkUpdate(t, out)
			if pdfinfo(t) {
				checkPDFInfo(t, out, tt.want)
			}
		})
	}
}

// checkUpdate checks the structure of the appended update: startxref points at a
// cross-reference table, its entry at the Info object, the trailer at the previous
// table, and /Size covers the new object.
func checkUpdate(t *testing.T, pdf []byte) {
	t.Helper()
	xref, err := lastXref(pdf)
	if err != nil {
		t.Fatal(err)
	}
	offsets, _, err := xrefSection(pdf, xref)
	if err != nil {
		t.Fatal(err)
	}
	trailer, err := readTrailer(pdf, xref)
	if err != nil {
		t.Fatal(err)
	}
	num, gen, err := parseRef(trailer.get("Info"))
	if err != nil {
		t.Fatal(err)
	}
	off, ok := offsets[num]
	if !ok || len(offsets) != 1 {
		t.Fatalf("update's cross-reference table = %v; want only object %d", offsets, num)
	}
	if want := fmt.Sprintf("%d %d obj\n", num, gen); !bytes.HasPrefix(pdf[off:], []byte(want)) {
		t.Errorf("entry for object %d points at %q; want %q", num, pdf[off:off+len(want)], want)
	}
	var size int
	fmt.Sscan(string(trailer.get("Size")), &size)
	if size <= num {
		t.Errorf("trailer /Size %d does not cover object %d", size, num)
	}
	prev := string(trailer.get("Prev"))
	if !bytes.HasPrefix(pdf[atoi(prev):], []byte("xref")) {
		t.Errorf("trailer /Prev %s does not point at a cross-reference table", prev)
	}
	if string(trailer.get("Root")) != "1 0 R" {
		t.Errorf("trailer /Root = %q; want 1 0 R", trailer.get("Root"))
	}
}

func atoi(s string) int {
	var n int
	fmt.Sscan(s, &n)
	return n
}

// checkPDFInfo checks what poppler's pdfinfo reads from the file.
func checkPDFInfo(t *testing.T, pdf []byte, want map[string]string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "x.pdf")
	os.WriteFile(file, pdf, 0o644)
	out, err := exec.Command("pdfinfo", file).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, out)
	}
	for _, key := range []string{"Title", "Author", "Subject", "Keywords", "Creator"} {
		if v, ok := want[key]; ok && !strings.Contains(string(out), key+":") {
			t.Errorf("pdfinfo shows no %s (want %q):\n%s", key, v, out)
		} else if ok && !strings.Contains(string(out), v) {
			t.Errorf("pdfinfo %s: want %q in\n%s", key, v, out)
		}
	}
	if !strings.Contains(string(out), "Pages:           1") {
		t.Errorf("pdfinfo: want 1 page:\n%s", out)
	}
}

func TestSetInfoTwice(t *testing.T) {
	once, err := SetInfo(minimalPDF(chromiumInfo), Info{Title: "First", Author: "A"})
	if err != nil {
		t.Fatal(err)
	}
	twice, err := SetInfo(once, Info{Title: "Second"})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := ReadInfo(twice)
	if got["Title"] != "Second" || got["Author"] != "A" || got["Producer"] != "Skia/PDF m156" {
		t.Errorf("after two updates, Info = %q; want Title Second, Author A, Producer kept", got)
	}
	checkUpdate(t, twice)
}

func TestSetInfoRefuses(t *testing.T) {
	encrypted := bytes.Replace(minimalPDF(chromiumInfo), []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Encrypt 9 0 R"), 1)
	xrefStream := []byte("%PDF-1.5\n1 0 obj\n<</Type /Catalog>>\nendobj\n2 0 obj\n<</Type /XRef /Size 3 /W [1 2 1] /Length 0>>\nstream\n\nendstream\nendobj\nstartxref\n42\n%%EOF\n")
	tests := []struct {
		name, want string
		in         []byte
	}{
		{"encrypted", "encrypted", encrypted},
		{"cross-reference stream", "cross-reference stream is not supported", xrefStream},
		{"no startxref", "no startxref", []byte("%PDF-1.4\n")},
		{"startxref past the end", "bad startxref offset", []byte("%PDF-1.4\nstartxref\n999\n%%EOF")},
		{"truncated table", "runs past the end", []byte("%PDF-1.4\nxref\n0 3\n0000000000 65535 f\r\nstartxref\n9\n%%EOF")},
	}
	for _, tt := range tests {
		if _, err := SetInfo(tt.in, Info{Title: "x"}); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: SetInfo error = %v; want one containing %q", tt.name, err, tt.want)
		}
	}
}

func TestStrings(t *testing.T) {
	for _, s := range []string{"", "plain", `par(en)s \ back`, "Zoë Müller", "Côte d’Ivoire", "emoji 📄", "tab\there"} {
		enc := encodeString(s)
		got, err := decodeString([]byte(enc))
		if err != nil || got != s {
			t.Errorf("decodeString(encodeString(%q) = %s) = %q, %v", s, enc, got, err)
		}
	}
	decode := []struct{ in, want string }{
		{`(\101\(x\)\\)`, `A(x)\`},
		{"(a\\\nb)", "ab"},
		{`(line\nbreak)`, "line\nbreak"},
		{`(caf\351)`, "café"},
		{`<48 69>`, "Hi"},
		{`<FEFF00E9>`, "é"},
		{`<4>`, "@"},
	}
	for _, tt := range decode {
		if got, err := decodeString([]byte(tt.in)); err != nil || got != tt.want {
			t.Errorf("decodeString(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func FuzzSetInfo(f *testing.F) {
	f.Add(minimalPDF(chromiumInfo))
	f.Add(minimalPDF(""))
	f.Add(appendUpdate(minimalPDF(chromiumInfo)))
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := SetInfo(in, Info{Title: "T", Author: "A"})
		if err != nil {
			return
		}
		got, err := ReadInfo(out)
		if err != nil {
			t.Fatalf("ReadInfo after a successful SetInfo: %v", err)
		}
		if got["Title"] != "T" || got["Author"] != "A" {
			t.Fatalf("ReadInfo after SetInfo = %q", got)
		}
	})
}
