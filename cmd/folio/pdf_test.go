package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"folio/internal/pdf"
	"folio/internal/testtool"
)

// needPDFTools skips the test when Chromium or poppler-utils are missing, and fails
// it in CI (CI set), whose .ci/run installs them.
func needPDFTools(t *testing.T) {
	t.Helper()
	notShort(t, "PDFs printed by a browser")
	var missing []string
	if _, err := pdf.FindChrome(""); err != nil {
		missing = append(missing, "chromium")
	}
	for _, tool := range []string{"pdfinfo", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool+" (poppler-utils)")
		}
	}
	if len(missing) > 0 {
		testtool.Missing(t, strings.Join(missing, ", ")+" not installed", "apt-get install chromium poppler-utils")
	}
}

// copySample copies the bundled sample site (site.yaml, content/, themes/) into a
// temporary folder: folio pdf keeps its cache in the site folder, and the test edits
// a brief.
func copySample(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	for _, name := range []string{"site.yaml", "content", "themes", "static", "layouts"} {
		src := filepath.Join("..", "..", name)
		if _, err := os.Stat(src); err != nil {
			continue
		}
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(filepath.Join("..", ".."), p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func runFolio(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// pdfInfo runs pdfinfo and returns its fields.
func pdfInfo(t *testing.T, file string) map[string]string {
	t.Helper()
	out, err := exec.Command("pdfinfo", file).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v\n%s", file, err, out)
	}
	m := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			m[k] = strings.TrimSpace(v)
		}
	}
	return m
}

// pageText is the text of pages first to last, with runs of white space made one
// space (a title may wrap).
func pageText(t *testing.T, file string, first, last int) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-f", fmt.Sprint(first), "-l", fmt.Sprint(last), file, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext %s: %v\n%s", file, err, out)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestPDF renders the sample site's PDFs and checks a short brief and the long report,
// the cache (a second run renders nothing; an edited brief is the only one rendered
// again), and the links to the PDFs.
func TestPDF(t *testing.T) {
	needPDFTools(t)
	site := copySample(t)
	out := filepath.Join(t.TempDir(), "public")

	code, stdout, stderr := runFolio("pdf", "--source", site, "--dest", out)
	if code != 0 {
		t.Fatalf("folio pdf: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !regexp.MustCompile(`(?m)^rendered \d+ PDFs \(\d+ pages\) in .*, skipped 0 up to date$`).MatchString(stdout) {
		t.Errorf("folio pdf: no summary line in\n%s", stdout)
	}
	if strings.Contains(stderr, "warning") {
		t.Errorf("folio pdf: warnings (a print edition asks for a file that is not there, or for one outside the site):\n%s", stderr)
	}

	docs := []struct {
		slug, title, authors, note string
		minPages                   int
		unSites                    int // times peacekeeping.un.org is in the text
	}{
		{"accountability-for-underperformance",
			"Closing the Accountability Gap: Responding to Underperformance in Protection Mandates",
			"Sofia Lindqvist, Daniel Achieng",
			"The A4P+ priorities include accountability to peacekeepers", 2, 1},
		{"drc-monusco-drawdown-protection-gaps",
			"Between Drawdown and Displacement: Protecting Civilians in Eastern DRC as MONUSCO Withdraws",
			"Hélène Dubois, Jean-Luc Mbeki, Amina Okafor",
			"The interview figures in this annex, like all numbers in this report, are illustrative", 8, 0},
	}
	for _, d := range docs {
		t.Run(d.slug, func(t *testing.T) {
			file := filepath.Join(out, "publications", d.slug, d.slug+".pdf")
			if _, err := os.Stat(file); err != nil {
				t.Fatalf("no PDF: %v", err)
			}
			info := pdfInfo(t, file)
			var w, h float64
			if _, err := fmt.Sscanf(info["Page size"], "%g x %g pts", &w, &h); err != nil ||
				w < 594.28 || w > 596.28 || h < 840.89 || h > 842.89 || !strings.HasSuffix(info["Page size"], "(A4)") {
				t.Errorf("page size %q; want A4, 595.28 x 841.89 pts (±1)", info["Page size"])
			}
			var pages int
			fmt.Sscan(info["Pages"], &pages)
			if pages < d.minPages {
				t.Errorf("%d pages; want at least %d", pages, d.minPages)
			}
			if info["Title"] != d.title {
				t.Errorf("Title %q; want %q", info["Title"], d.title)
			}
			if info["Author"] != d.authors {
				t.Errorf("Author %q; want %q", info["Author"], d.authors)
			}
			if info["Subject"] == "" || info["Keywords"] == "" || info["Tagged"] != "yes" {
				t.Errorf("want Subject, Keywords and a tagged PDF; pdfinfo says %q", info)
			}
			if text := pageText(t, file, 1, 1); !strings.Contains(text, d.title) {
				t.Errorf("page 1 does not have the title %q:\n%s", d.title, text)
			} else if strings.Contains(text, "Page 1 of") {
				t.Errorf("the cover has a page number:\n%s", text)
			}
			if text := pageText(t, file, 2, 2); !strings.Contains(text, d.title) || !strings.Contains(text, fmt.Sprintf("Page 2 of %d", pages)) {
				t.Errorf("page 2 has no running header (the title) or no \"Page 2 of %d\":\n%s", pages, text)
			}
			if text := pageText(t, file, pages, pages); !strings.Contains(text, d.note) || !strings.Contains(text, "Notes") {
				t.Errorf("the last page does not end with the notes (%q):\n%s", d.note, text)
			}
			// Web addresses are printed after their links, but a link whose text is the
			// address (here an autolink in the first brief's note) shows it once.
			if text := pageText(t, file, 1, pages); strings.Count(text, "peacekeeping.un.org") != d.unSites {
				t.Errorf("peacekeeping.un.org printed %d times; want %d:\n%s", strings.Count(text, "peacekeeping.un.org"), d.unSites, text)
			}
			page, _ := os.ReadFile(filepath.Join(out, "publications", d.slug, "index.html"))
			if want := fmt.Sprintf(`href="/publications/%s/%[1]s.pdf"`, d.slug); !strings.Contains(string(page), want) {
				t.Errorf("the publication page does not link the PDF (%s)", want)
			}
			feed, _ := os.ReadFile(filepath.Join(out, "feed.xml"))
			if want := fmt.Sprintf("https://publications.example.org/publications/%s/%[1]s.pdf", d.slug); !strings.Contains(string(feed), want) {
				t.Errorf("feed.xml does not link the PDF %s", want)
			}
		})
	}

	// Nothing changed: nothing is rendered, and the PDFs stay linked.
	code, stdout, stderr = runFolio("pdf", "--source", site, "--dest", out)
	if code != 0 || !regexp.MustCompile(`(?m)^rendered 0 PDFs, skipped [1-9]\d* up to date$`).MatchString(stdout) {
		t.Errorf("second folio pdf: exit %d; want 0 PDFs rendered\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "publications", docs[0].slug, docs[0].slug+".pdf")); err != nil {
		t.Errorf("after a run that rendered nothing: %v", err)
	}

	// An edited brief is rendered again, and only it.
	md := filepath.Join(site, "content", "publications", docs[0].slug+".md")
	src, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(md, append(src, "\nA paragraph added after the last run.\n"...), 0o644)
	code, stdout, stderr = runFolio("pdf", "--source", site, "--dest", out)
	if code != 0 || !strings.Contains(stdout, "rendered 1 PDF ") || !strings.Contains(stdout, "pdf 1/1 "+docs[0].slug+" ") {
		t.Errorf("folio pdf after editing %s: exit %d; want it alone rendered\nstdout:\n%s\nstderr:\n%s", docs[0].slug, code, stdout, stderr)
	}
	file := filepath.Join(out, "publications", docs[0].slug, docs[0].slug+".pdf")
	if text := pageText(t, file, 1, 99); !strings.Contains(text, "A paragraph added after the last run.") {
		t.Errorf("the PDF in the output is not the new one")
	}

	// folio build --pdf does the same in one step: everything is up to date.
	code, stdout, stderr = runFolio("build", "--pdf", "--source", site, "--dest", out)
	if code != 0 || !strings.Contains(stdout, "rendered 0 PDFs") || !strings.Contains(stdout, "built ") {
		t.Errorf("folio build --pdf: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}

func TestPDFOnly(t *testing.T) {
	needPDFTools(t)
	site := copySample(t)
	out := filepath.Join(t.TempDir(), "public")
	const a, b = "host-state-consent-and-protection", "twenty-years-of-protection-mandates"
	code, stdout, stderr := runFolio("pdf", "--source", site, "--dest", out, "--only", a+","+b, "--jobs", "1")
	if code != 0 || !strings.Contains(stdout, "rendered 2 PDFs") {
		t.Fatalf("folio pdf --only %s,%s: exit %d\nstdout:\n%s\nstderr:\n%s", a, b, code, stdout, stderr)
	}
	for _, slug := range []string{a, b} {
		if _, err := os.Stat(filepath.Join(out, "publications", slug, slug+".pdf")); err != nil {
			t.Errorf("--only %s: %v", slug, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "publications", "drc-monusco-drawdown-protection-gaps", "drc-monusco-drawdown-protection-gaps.pdf")); err == nil {
		t.Errorf("--only rendered a publication it did not name")
	}
}

func TestPDFErrors(t *testing.T) {
	site := copySample(t)
	out := filepath.Join(t.TempDir(), "public")

	// No browser: exit 1 with the install hint, and nothing rendered or built.
	code, _, stderr := runFolio("pdf", "--source", site, "--dest", out, "--chrome", "/nonexistent/chromium")
	if code != 1 || !strings.Contains(stderr, "install Chromium (apt-get install chromium) or pass --chrome PATH") {
		t.Errorf("folio pdf --chrome /nonexistent/chromium: exit %d; want 1 and the install hint\nstderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("folio pdf without a browser wrote %s", out)
	}
	if _, err := os.Stat(filepath.Join(site, ".folio-cache")); err == nil {
		t.Errorf("folio pdf without a browser made a PDF cache")
	}

	// Without --chrome, and no browser on PATH: the site is built, no PDF, exit 1.
	t.Setenv("PATH", t.TempDir())
	code, _, stderr = runFolio("build", "--pdf", "--source", site, "--dest", out)
	if code != 1 || !strings.Contains(stderr, "install Chromium (apt-get install chromium) or pass --chrome PATH") || !strings.Contains(stderr, "no PDF was rendered") {
		t.Errorf("folio build --pdf with no browser on PATH: exit %d; want 1, the install hint and \"no PDF was rendered\"\nstderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("folio build --pdf with no browser: the site was not built: %v", err)
	}

	// Misuse exits 2.
	for _, args := range [][]string{
		{"pdf", "--source", site, "--dest", out, "--only", "no-such-brief"},
		{"pdf", "--source", site, "--dest", out, "--jobs", "0"},
		{"pdf", "--source", site, "extra"},
	} {
		if code, _, stderr := runFolio(args...); code != 2 {
			t.Errorf("folio %s: exit %d; want 2\nstderr:\n%s", strings.Join(args, " "), code, stderr)
		}
	}
	if code, stdout, _ := runFolio("help", "pdf"); code != 0 || !strings.Contains(stdout, "Usage: folio pdf") || !strings.Contains(stdout, "-only") {
		t.Errorf("folio help pdf: exit %d\n%s", code, stdout)
	}
}

func TestSlugList(t *testing.T) {
	var s slugList
	for _, v := range []string{"a,b", " c ", "d,,e,"} {
		s.Set(v)
	}
	if got := s.String(); got != "a,b,c,d,e" {
		t.Errorf("slugList after Set(a,b) Set( c ) Set(d,,e,) = %q; want a,b,c,d,e", got)
	}
}

// TestArabicPDF prints the sample site's Arabic edition of a brief: right-to-left
// pages set in an Arabic font, whose text reads in order (pdftotext gives the words
// of the title and the running footer in their logical order, not mirrored).
func TestArabicPDF(t *testing.T) {
	needPDFTools(t)
	site := copySample(t)
	out := filepath.Join(t.TempDir(), "public")
	const slug = "unifil-al-khat-al-azraq"
	code, stdout, stderr := runFolio("pdf", "--source", site, "--dest", out, "--only", slug, "--jobs", "1")
	if code != 0 {
		t.Fatalf("folio pdf --only %s: exit %d\nstdout:\n%s\nstderr:\n%s", slug, code, stdout, stderr)
	}
	file := filepath.Join(out, "ar", "publications", slug, slug+".pdf")
	// pdftotext marks each run's direction with embedding controls: read past them.
	text := strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			return ' '
		}
		return r
	}, pageText(t, file, 1, 3))), " ")
	for _, want := range []string{"الخط الأزرق", "اليونيفيل", "الصفحة 2 من"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Arabic PDF's text has no %q in order:\n%.1500s", want, text)
		}
	}
	if strings.Contains(text, "قرزألا طخلا") {
		t.Error("the Arabic PDF's text runs backwards")
	}
	fonts, err := exec.Command("pdffonts", file).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, fonts)
	}
	if !strings.Contains(string(fonts), "Arabic") {
		t.Errorf("the Arabic PDF embeds no Arabic font:\n%s", fonts)
	}
}
