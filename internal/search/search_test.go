package search

import (
	"bytes"
	"compress/flate"
	"io"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/markdown"
	"folio/internal/search/corpus"
	"folio/internal/site"
)

const siteYAML = `title: T
base_url: https://example.org/sub/
language: en
types: [{key: report, title: Report, plural: Reports}, {key: commentary, title: Commentary, plural: Commentary}]
objectives:
  - {key: priority, number: 1, title: Priority}
  - {key: accountability, number: 4, title: Accountability}
`

// pub is a publication's source; fm holds extra front matter lines.
func pub(title, date, summary, fm, body string) string {
	return "---\ntitle: " + title + "\ndate: " + date + "\ntype: report\nobjectives: [1]\nsummary: " + summary + "\n" + fm + "---\n" + body + "\n"
}

func newSite(t testing.TB, files map[string]string) *site.Site {
	t.Helper()
	return newSiteWith(t, "", files)
}

// newSiteWith is newSite with extra site.yaml lines.
func newSiteWith(t testing.TB, extraYAML string, files map[string]string) *site.Site {
	t.Helper()
	cfg, err := config.Parse("site.yaml", []byte(siteYAML+extraYAML))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	pages, errs := content.Load(fsys, cfg, content.Options{})
	if errs.HasErrors() {
		t.Fatalf("content: %v", errs)
	}
	s, errs := site.New(cfg, fsys, pages, site.Options{Markdown: markdown.New(markdown.Options{})})
	if errs.HasErrors() {
		t.Fatalf("site: %v", errs)
	}
	return s
}

// rankCorpus has "accountability" once in a different field of each publication, and
// other words to test accents, elision, numbers and facets.
var rankCorpus = map[string]string{
	"content/publications/title.md":    pub("Accountability in peacekeeping", "2020-01-01", "Missions and mandates.", "countries: [Mali]\n", "Some text about missions."),
	"content/publications/summary.md":  pub("Missions under pressure", "2021-01-01", "Why accountability matters.", "countries: [Mali, South Sudan]\n", "Some text about missions."),
	"content/publications/heading.md":  pub("Peace operations", "2022-01-01", "Operations in context.", "countries: [South Sudan]\n", "## Accountability\n\nSome text about missions."),
	"content/publications/body.md":     pub("Mandates and means", "2023-01-01", "Means for mandates.", "", "Some text about accountability and missions."),
	"content/publications/none.md":     pub("Nothing here", "2024-01-01", "Unrelated summary.", "", "Budgets of missions, Security Council resolution 2406 (S/RES/2406)."),
	"content/publications/francais.md": strings.Replace(pub("La sécurité des civils", "2019-06-01", "Le rôle de l'ONU et d'alerte précoce.", "lang: fr\n", "Les missions protègent les civils. Sécurité."), "[1]", "[accountability]", 1),
	"content/publications/early.md":    pub("Early-warning networks", "2018-01-01", "The mission's early warning.", "tags: [early warning]\n", "Community-based alerts."),
}

func TestDeterministic(t *testing.T) {
	s := newSite(t, rankCorpus)
	a, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	// Concurrent builds of the same site: same bytes (the site is read-only).
	var wg sync.WaitGroup
	others := make([]*Index, 4)
	for i := range others {
		wg.Go(func() { others[i], _ = Build(s) })
	}
	wg.Wait()
	big, _ := corpus.Site(200)
	b1, _ := Build(big)
	b2, _ := Build(big)
	for _, pair := range [][2]*Index{{a, others[0]}, {a, others[3]}, {b1, b2}} {
		x, y := pair[0], pair[1]
		if x.Manifest != y.Manifest || len(x.Files) != len(y.Files) {
			t.Fatalf("Build differs: %s vs %s", x.Manifest, y.Manifest)
		}
		for i := range x.Files {
			if x.Files[i].Path != y.Files[i].Path || !bytes.Equal(x.Files[i].Data, y.Files[i].Data) {
				t.Errorf("file %d differs: %s vs %s", i, x.Files[i].Path, y.Files[i].Path)
			}
		}
	}
}

// TestFilesCompressed: every index file is stored as raw DEFLATE, which search.js
// inflates, so that it costs as few bytes on a host that does not compress .bin
// responses (GitHub Pages, S3) as on one that does.
func TestFilesCompressed(t *testing.T) {
	s, err := corpus.Site(50)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	stored, inflated := 0, 0
	for i, f := range ix.Files {
		data, err := io.ReadAll(flate.NewReader(bytes.NewReader(f.Data)))
		if err != nil {
			t.Errorf("%s is not raw DEFLATE: %v", f.Path, err)
			continue
		}
		if i == 0 && !bytes.HasPrefix(data, []byte(magic)) {
			t.Errorf("manifest %s inflates to %.10q…; want %q first", f.Path, data, magic)
		}
		stored += len(f.Data)
		inflated += len(data)
	}
	if stored*10 > inflated*7 {
		t.Errorf("the index files take %d bytes for %d inflated; want at most 70%%", stored, inflated)
	}
}

func TestHashedNames(t *testing.T) {
	a, _ := Build(newSite(t, rankCorpus))
	changed := map[string]string{}
	for k, v := range rankCorpus {
		changed[k] = v
	}
	changed["content/publications/body.md"] = strings.Replace(changed["content/publications/body.md"], "Means for mandates.", "Means for mandates, revised.", 1)
	b, _ := Build(newSite(t, changed))
	if a.Manifest == b.Manifest {
		t.Errorf("manifest name unchanged after a summary changed: %s", a.Manifest)
	}
	names := map[string]bool{}
	for _, f := range a.Files {
		names[f.Path] = true
	}
	for _, f := range b.Files {
		if names[f.Path] {
			t.Errorf("%s has the same name in both builds", f.Path)
		}
	}
	for _, f := range a.Files {
		if !strings.HasPrefix(f.Path, "search/") || !strings.HasSuffix(f.Path, ".bin") || strings.Count(f.Path, ".") != 2 {
			t.Errorf("file name %q; want search/<name>.<hash>.bin", f.Path)
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	s, err := corpus.Site(1000)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(s); err != nil {
			b.Fatal(err)
		}
	}
}
