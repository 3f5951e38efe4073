package markdown

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fakeResolver knows other.md, ../pages/about.md and chart.png.
type fakeResolver struct{}

func (fakeResolver) ResolveLink(from, target string) (string, bool) {
	switch target {
	case "other.md#findings":
		return "/publications/other/#findings", true
	case "../pages/about.md":
		return "/about/", true
	}
	return "", false
}

func (fakeResolver) ResolveImage(from, target string) (string, int, int, bool) {
	switch target {
	case "chart.png":
		return "/publications/x/chart.png", 800, 400, true
	case "photo.jpg":
		return "/publications/x/photo.jpg", 4032, 3024, true
	}
	return "", 0, 0, false
}

// ImageSources publishes photo.jpg in two widths.
func (fakeResolver) ImageSources(from, target string) (string, string, int, int) {
	if target == "photo.jpg" {
		return "/publications/x/photo-800w.jpg 800w, /publications/x/photo.jpg 1600w", "42rem", 1600, 1200
	}
	return "", "", 0, 0
}

// TestGolden renders each testdata/*.txtar's in.md and compares with want.html.
// Rendering twice must give the same bytes.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	r := New(Options{})
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			in := section(a, "in.md")
			doc, errs := r.Render("in.md", in, fakeResolver{})
			if errs.HasErrors() {
				t.Fatalf("errors: %v", errs)
			}
			again, _ := r.Render("in.md", in, fakeResolver{})
			if again.HTML != doc.HTML {
				t.Errorf("second render differs")
			}
			if *update {
				setSection(a, "want.html", []byte(doc.HTML))
				if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := string(section(a, "want.html")); doc.HTML != want {
				t.Errorf("Render(%s) =\n%s\nwant\n%s", file, doc.HTML, want)
			}
		})
	}
}

func section(a *txtar.Archive, name string) []byte {
	for _, f := range a.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

func setSection(a *txtar.Archive, name string, data []byte) {
	for i := range a.Files {
		if a.Files[i].Name == name {
			a.Files[i].Data = data
		}
	}
}

func TestTOCAndText(t *testing.T) {
	src := "\n\n## Key *findings*\n\nCivilians in **Ménaka** fled.[^n]\n\n### Détail\n\n#### Deep\n\n## Key findings\n\n[^n]: A note.\n"
	doc, errs := New(Options{}).Render("a.md", []byte(src), nil)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	var toc []string
	for _, h := range doc.TOC {
		toc = append(toc, strings.Repeat("#", h.Level)+h.ID+"="+h.Text)
	}
	if got, want := strings.Join(toc, " "), "##key-findings=Key findings ###detail=Détail ##key-findings-2=Key findings"; got != want {
		t.Errorf("TOC = %q; want %q", got, want)
	}
	if !strings.Contains(doc.Text, "Civilians in Ménaka fled.") || strings.Contains(doc.Text, "*") {
		t.Errorf("Text = %q", doc.Text)
	}
	if len(doc.Headings) != 4 {
		t.Errorf("Headings = %q; want all four levels' text", doc.Headings)
	}
}

// Broken links and images are reported at the line and column of the link in the file.
func TestLinkDiagnostics(t *testing.T) {
	src := "\n\n\nIntro [gone](missing.md) and\n  ![](nothing.png) [x](javascript:alert(1))\n\n![ok](data:image/png;base64,AAAA)\n"
	_, errs := New(Options{}).Render("content/publications/a.md", []byte(src), fakeResolver{})
	want := []string{
		`content/publications/a.md:4:7: link to "missing.md": no such page (write the path of the .md file relative to this one)`,
		`content/publications/a.md:5:3: warning: image "nothing.png" has no alternative text`,
		`content/publications/a.md:5:3: image "nothing.png" not found beside content/publications/a.md`,
		`content/publications/a.md:5:20: link to "javascript:alert(1)": javascript URLs are not allowed`,
		`content/publications/a.md:7:1: image "data:image/png;base64,AAAA": data URLs are not allowed`,
	}
	errs.Sort()
	if len(errs) != len(want) {
		t.Fatalf("got %d diagnostics:\n%v\nwant %d", len(errs), errs, len(want))
	}
	for i, w := range want {
		if got := errs[i].Error(); !strings.HasPrefix(got, w) {
			t.Errorf("diagnostic %d = %q; want prefix %q", i, got, w)
		}
	}
}

func TestUnsafeHTML(t *testing.T) {
	src := []byte("<aside>note</aside>\n")
	safe, _ := New(Options{}).Render("a.md", src, nil)
	unsafe, _ := New(Options{UnsafeHTML: true}).Render("a.md", src, nil)
	if strings.Contains(safe.HTML, "<aside>") || !strings.Contains(unsafe.HTML, "<aside>note</aside>") {
		t.Errorf("safe = %q, unsafe = %q", safe.HTML, unsafe.HTML)
	}
}

// The theme's chroma.css must be what chroma generates for the styles we use.
func TestChromaCSS(t *testing.T) {
	css, err := chromaCSS()
	if err != nil {
		t.Fatal(err)
	}
	path := "../../themes/default/static/chroma.css"
	if *update {
		if err := os.WriteFile(path, []byte(css), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, []byte(css)) {
		t.Errorf("%s is stale: run go test ./internal/markdown -update", path)
	}
}

// Paragraph ids depend on the section and the paragraph's place in it, not on its
// words: fixing a typo or adding a paragraph to another section changes no id.
func TestParagraphIDs(t *testing.T) {
	r := New(Options{})
	ids := func(src string) []string {
		doc, _ := r.Render("a.md", []byte(src), nil)
		var out []string
		for _, m := range regexp.MustCompile(`<p id="([^"]+)">`).FindAllStringSubmatch(doc.HTML, -1) {
			out = append(out, m[1])
		}
		return out
	}
	base := "Intro.\n\n## Findings\n\nOne.\n\n- a list item\n\nTwo.\n\n> quoted\n\n## Recommendations\n\nThree.\n"
	want := "intro-p1 findings-p1 findings-p2 recommendations-p1"
	if got := strings.Join(ids(base), " "); got != want {
		t.Errorf("ids = %q; want %q", got, want)
	}
	typo := strings.Replace(base, "One.", "One, corrected.", 1)
	added := strings.Replace(base, "Intro.", "Intro.\n\nA new first paragraph.", 1)
	if got := strings.Join(ids(typo), " "); got != want {
		t.Errorf("after a typo fix: %q", got)
	}
	if got := strings.Join(ids(added)[2:], " "); got != "findings-p1 findings-p2 recommendations-p1" {
		t.Errorf("after adding to another section: %q", got)
	}
}

// Text for the table of contents, search and meta descriptions is what a reader sees:
// no entities from the typographer, no backslash escapes.
func TestPlainTextDecodes(t *testing.T) {
	doc, _ := New(Options{}).Render("a.md", []byte("## The mission's \"role\" -- now \\*\n\nSee <https://un.org> & more.\n"), nil)
	if got, want := doc.TOC[0].Text, "The mission’s “role” – now *"; got != want {
		t.Errorf("TOC text = %q; want %q", got, want)
	}
	if !strings.Contains(doc.Text, "See https://un.org & more.") {
		t.Errorf("Text = %q", doc.Text)
	}
}
