package content

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"folio/internal/diag"
	"folio/internal/protect"
	"folio/internal/testtool"
)

func protectList(t *testing.T, src string) *protect.List {
	t.Helper()
	entries, err := protect.Parse("/secure/protect.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	l, err := protect.New(entries)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

const named = `---
title: Talking to Jean-Pierre
date: 2024-03-18
type: report
objectives: [1]
summary: A summary.
cover: kasai-village.png
cover_alt: A road
---
Body with ![jean pierre at home](kasai-village.png).
<!-- JEAN PIERRE said so -->
`

func TestLoadProtected(t *testing.T) {
	list := protectList(t, "# people\nJean Pierre\n\nKasai Village\nNobody Else\n")
	fsys := fstest.MapFS{
		"content/publications/named/index.md":          {Data: []byte(named)},
		"content/publications/named/kasai-village.png": {Data: []byte("png")},
		"content/publications/draft.md":                {Data: []byte(strings.Replace(good, "---\nBody.", "draft: true\n---\nJean Pierre.", 1))},
		"content/publications/allowed.md":              {Data: []byte(strings.Replace(good, "---\nBody.", "allow_protected: [jean-pierre, Somebody]\n---\nJean Pierre.", 1))},
	}
	pages, errs := Load(fsys, testConfig(t), Options{Protect: list})
	want := []string{
		`content/publications/allowed.md:8:32: warning: allow_protected: "Somebody" is not in the list of protected terms, so it approves nothing: remove it`,
		`content/publications/draft.md:10:1: warning: "Jean Pierre" is protected (line 2 of /secure/protect.txt): ` + protect.Hint + ` (in a draft, not built)`,
		`content/publications/named/index.md:2:19: "Jean-Pierre" is protected (line 2 of /secure/protect.txt): ` + protect.Hint,
		`content/publications/named/index.md:7:8: "kasai-village" is protected (line 4 of /secure/protect.txt): ` + protect.Hint,
		`content/publications/named/index.md:10:13: "jean pierre" is protected (line 2 of /secure/protect.txt): ` + protect.Hint,
		`content/publications/named/index.md:10:34: "kasai-village" is protected (line 4 of /secure/protect.txt): ` + protect.Hint,
		`content/publications/named/index.md:11:6: "JEAN PIERRE" is protected (line 2 of /secure/protect.txt): ` + protect.Hint,
		`content/publications/named/kasai-village.png: file name: "kasai-village" is protected (line 4 of /secure/protect.txt): ` + protect.Hint,
	}
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Load diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(pages) != 1 || pages[0].Source != "content/publications/allowed.md" {
		t.Errorf("pages = %v; want only allowed.md", pages)
	}
	for _, e := range errs {
		if strings.Contains(e.Error(), "Nobody") || strings.Contains(strings.ToLower(e.Error()), "nobody else") {
			t.Errorf("a message shows a term of the list that the publication does not name: %v", e)
		}
	}

	// A draft being built (--drafts) still only warns.
	_, errs = Load(fsys, testConfig(t), Options{Protect: list, Drafts: true})
	for _, e := range errs {
		if strings.Contains(e.Pos.File, "draft.md") && (e.Severity != diag.SevWarning || !strings.HasSuffix(e.Error(), "(in a draft: an error once it is published)")) {
			t.Errorf("draft with --drafts: %v; want a warning that says so", e)
		}
	}
	// Without a list, nothing is checked and allow_protected is accepted.
	if _, errs := Load(fsys, testConfig(t), Options{}); errs.HasErrors() {
		t.Errorf("without a list: %v", errs)
	}
}

// TestLoadProtectedPDF checks the text of a bundle's PDF (two pages; the second names
// Jean-Pierre); without pdftotext it is skipped, unless CI is set.
func TestLoadProtectedPDF(t *testing.T) {
	testtool.Command(t, "pdftotext", "apt-get install poppler-utils")
	pdf, err := os.ReadFile("../protect/testdata/interview.pdf")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"content/publications/b/index.md":  {Data: []byte(strings.Replace(good, "title: Water access", "title: B\npdf: brief.pdf", 1))},
		"content/publications/b/brief.pdf": {Data: pdf},
	}
	list := protectList(t, "Jean Pierre\n")
	_, errs := Load(fsys, testConfig(t), Options{Protect: list})
	want := `content/publications/b/brief.pdf: page 2: "Jean-Pierre" is protected (line 1 of /secure/protect.txt): ` + protect.Hint
	if errs.Error() != want {
		t.Errorf("Load = %q; want %q", errs.Error(), want)
	}

	// The serve cache reads a replaced PDF again, and checks again when the list changes.
	cache := NewCache()
	fsys["content/publications/b/brief.pdf"] = &fstest.MapFile{Data: []byte("%PDF-1.4 not a real one"), ModTime: time.Now().Add(-time.Hour)}
	fsys["content/publications/b/index.md"].ModTime = time.Now().Add(-time.Hour)
	if _, errs := Load(fsys, testConfig(t), Options{Protect: list, Cache: cache}); !strings.Contains(errs.Error(), "cannot read the text of the PDF") {
		t.Errorf("damaged PDF: %v", errs)
	}
	fsys["content/publications/b/brief.pdf"] = &fstest.MapFile{Data: pdf, ModTime: time.Now().Add(-time.Minute)}
	if _, errs := Load(fsys, testConfig(t), Options{Protect: list, Cache: cache}); errs.Error() != want {
		t.Errorf("PDF replaced, with a cache: %q; want %q", errs.Error(), want)
	}
	if _, errs := Load(fsys, testConfig(t), Options{Protect: protectList(t, "Kabila\n"), Cache: cache}); len(errs) != 0 {
		t.Errorf("list changed, with a cache: %v; want no diagnostics", errs)
	}

	t.Setenv("PATH", t.TempDir())
	_, errs = Load(fsys, testConfig(t), Options{Protect: list})
	if want := "warning: " + protect.ErrNoPDFText.Error(); errs.Error() != want {
		t.Errorf("without pdftotext: %q; want %q", errs.Error(), want)
	}
}

// TestReadBodyToProtected checks that a build without a cache catches a name written into the body
// after Load read the file.
func TestReadBodyToProtected(t *testing.T) {
	fsys := fstest.MapFS{"content/publications/water.md": {Data: []byte(good), ModTime: time.Now().Add(-time.Hour)}}
	pages, errs := Load(fsys, testConfig(t), Options{Protect: protectList(t, "Jean Pierre\n")})
	if errs.HasErrors() || len(pages) != 1 {
		t.Fatalf("Load: %v", errs)
	}
	fsys["content/publications/water.md"] = &fstest.MapFile{Data: []byte(good + "Jean Pierre.\n"), ModTime: time.Now()}
	var buf []byte
	_, err := pages[0].ReadBodyTo(fsys, &buf)
	if err == nil || !strings.HasPrefix(err.Error(), "content/publications/water.md:10:1: \"Jean Pierre\" is protected") {
		t.Errorf("ReadBodyTo = %v; want the name at 10:1", err)
	}
}

// pngWithText is a 1×1 PNG whose metadata holds text (a tEXt chunk after the header).
func pngWithText(t *testing.T, keyword, text string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	data := append([]byte("tEXt"), keyword+"\x00"+text...)
	c := binary.BigEndian.AppendUint32(nil, uint32(len(data)-4))
	c = append(c, data...)
	c = binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(data))
	b := buf.Bytes()
	const afterIHDR = 8 + 25
	return slices.Concat(b[:afterIHDR], c, b[afterIHDR:])
}

// The serve cache reads a replaced photo's metadata again, as it does a PDF's text.
func TestLoadProtectedImageCache(t *testing.T) {
	fsys := fstest.MapFS{
		"content/publications/b/index.md":  {Data: []byte(strings.Replace(good, "Body", "![A village](photo.png)\n\nBody", 1)), ModTime: time.Now().Add(-time.Hour)},
		"content/publications/b/photo.png": {Data: pngWithText(t, "Artist", "a field team"), ModTime: time.Now().Add(-time.Hour)},
	}
	list := protectList(t, "Jean Pierre\n")
	cache := NewCache()
	if _, errs := Load(fsys, testConfig(t), Options{Protect: list, Cache: cache}); len(errs) != 0 {
		t.Fatalf("clean photo: %v", errs)
	}
	fsys["content/publications/b/photo.png"] = &fstest.MapFile{Data: pngWithText(t, "Artist", "Jean-Pierre M."), ModTime: time.Now().Add(-time.Minute)}
	_, errs := Load(fsys, testConfig(t), Options{Protect: list, Cache: cache})
	if !strings.Contains(errs.Error(), `content/publications/b/photo.png: in the image's metadata: "Jean-Pierre" is protected`) {
		t.Errorf("photo replaced, with a cache: %q; want the name in its metadata", errs.Error())
	}
}
