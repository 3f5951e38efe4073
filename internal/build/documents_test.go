package build_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/build"
)

// documentsSite writes a site whose briefs cite UN documents: two public, a draft and
// one not released until 2099.
func documentsSite(t *testing.T, extra string) string {
	t.Helper()
	src := t.TempDir()
	files := map[string]string{
		"site.yaml":                     "title: T\nbase_url: https://example.org/\ntypes: [{key: report}]\nobjectives: [{key: p, number: 1, title: P}]\n" + extra,
		"content/publications/new.md":   brief("New", "2025-02-01", "", "Under S/RES/2719 (2023) the Council asked for A/78/744."),
		"content/publications/old.md":   brief("Ancien", "2024-01-01", "lang: fr\n", "La résolution S/RES/2719 et le rapport S/2024/123."),
		"content/publications/draft.md": brief("Draft", "2025-01-01", "draft: true\n", "A draft citing S/2025/1."),
		"content/publications/later.md": brief("Later", "2099-01-01", "", "Not public yet: A/RES/99/1."),
	}
	for name, data := range files {
		p := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return src
}

func brief(title, date, extra, body string) string {
	return "---\ntitle: " + title + "\ndate: " + date + "\ntype: report\nobjectives: [p]\nsummary: S.\n" + extra + "---\n" + body + "\n"
}

// The /documents/ page and documents.json list the UN documents the public briefs cite,
// and the recommendations page links to the page.
func TestDocumentsPage(t *testing.T) {
	_, files, errs := build.New(build.Options{Source: documentsSite(t, ""), Version: "test"}).BuildMemory()
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	var got struct {
		Version   string
		Documents []struct {
			Symbol, URL  string
			Publications []struct{ Title, URL, Date string }
		}
	}
	if err := json.Unmarshal(files["documents.json"], &got); err != nil {
		t.Fatalf("documents.json: %v\n%s", err, files["documents.json"])
	}
	var symbols []string
	for _, d := range got.Documents {
		var titles []string
		for _, p := range d.Publications {
			titles = append(titles, p.Title)
		}
		symbols = append(symbols, d.Symbol+" "+d.URL+" "+strings.Join(titles, ","))
	}
	want := "S/RES/2719 (2023) https://undocs.org/S/RES/2719%20%282023%29 New,Ancien|S/2024/123 https://undocs.org/S/2024/123 Ancien|A/78/744 https://undocs.org/A/78/744 New"
	if strings.Join(symbols, "|") != want || got.Version != "1" {
		t.Errorf("documents.json: %q; want %q", strings.Join(symbols, "|"), want)
	}
	if p := got.Documents[0].Publications[0]; p.URL != "https://example.org/publications/new/" || p.Date != "2025-02-01" {
		t.Errorf("documents.json: publication %+v; want its absolute URL and date", p)
	}
	page := string(files["documents/index.html"])
	for _, s := range []string{`<a href="https://undocs.org/S/RES/2719%20%282023%29">S/RES/2719 (2023)</a>`,
		`<a href="/publications/old/" lang="fr">Ancien</a>`, `href="/documents.json"`} {
		if !strings.Contains(page, s) {
			t.Errorf("/documents/ lacks %s:\n%s", s, page)
		}
	}
	for _, s := range []string{"S/2025/1", "A/RES/99/1"} {
		if strings.Contains(page, s) || strings.Contains(string(files["documents.json"]), s) {
			t.Errorf("/documents/ or documents.json lists %s, from a draft or a publication not yet released", s)
		}
	}
	if !strings.Contains(string(files["recommendations/index.html"]), `href="/documents/"`) {
		t.Error("the recommendations page does not link to /documents/")
	}
	if !strings.Contains(string(files["sitemap.xml"]), "<loc>https://example.org/documents/</loc>") {
		t.Error("sitemap.xml does not list /documents/")
	}
	if body := string(files["publications/new/index.html"]); !strings.Contains(body, `<a href="https://undocs.org/A/78/744" class="undoc bare">A/78/744</a>`) {
		t.Errorf("the brief does not link A/78/744:\n%s", body)
	}
}

// With un_documents: false, symbols are plain text, and there is no /documents/.
func TestDocumentsOff(t *testing.T) {
	_, files, errs := build.New(build.Options{Source: documentsSite(t, "un_documents: false\n"), Version: "test"}).BuildMemory()
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	for _, f := range []string{"documents.json", "documents/index.html"} {
		if _, ok := files[f]; ok {
			t.Errorf("%s written with un_documents: false", f)
		}
	}
	if strings.Contains(string(files["recommendations/index.html"]), `/documents/`) || strings.Contains(string(files["sitemap.xml"]), "/documents/") {
		t.Error("the recommendations page or sitemap.xml links to /documents/ with un_documents: false")
	}
	if strings.Contains(string(files["publications/new/index.html"]), "undocs.org") {
		t.Error("a brief links a symbol with un_documents: false")
	}
}
