package site

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/markdown"
)

const siteYAML = `title: T
base_url: https://example.org/sub/
types: [{key: report}, {key: commentary}]
objectives:
  - {key: priority, number: 1, title: Priority}
  - {key: accountability, number: 4, title: Accountability}
`

func pub(title, date, extra string) string {
	return "---\ntitle: " + title + "\ndate: " + date + "\ntype: report\nobjectives: [1]\nsummary: S.\n" + extra + "---\nBody.\n"
}

func load(t *testing.T, files map[string]string) (*Site, string) {
	t.Helper()
	return loadWith(t, siteYAML, files, Options{})
}

// loadWith builds the model of files under the site.yaml given, with opts (its
// Markdown renderer set here).
func loadWith(t *testing.T, yaml string, files map[string]string, opts Options) (*Site, string) {
	t.Helper()
	cfg, err := config.Parse("site.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	pages, errs := content.Load(fsys, cfg, content.Options{})
	if errs.HasErrors() {
		t.Fatalf("content errors: %v", errs)
	}
	opts.Markdown = markdown.New(markdown.Options{})
	s, errs := New(cfg, fsys, pages, opts)
	return s, errs.Error()
}

func TestOrderAndURLs(t *testing.T) {
	s, errs := load(t, map[string]string{
		"content/publications/b.md":   pub("Beta", "2024-01-02", ""),
		"content/publications/a.md":   pub("Alpha", "2024-01-02", ""),
		"content/publications/old.md": pub("Zulu", "2020-05-05", ""),
		"content/publications/a2.md":  pub("Alpha", "2024-01-02", ""),
		"content/pages/about.md":      "---\ntitle: About\n---\n",
	})
	if errs != "" {
		t.Fatal(errs)
	}
	var got []string
	for _, p := range s.Publications {
		got = append(got, p.Slug)
	}
	// Newest first; same date by title; same title by slug.
	if strings.Join(got, " ") != "a a2 b old" {
		t.Errorf("order = %v; want a a2 b old", got)
	}
	p := s.Publications[0]
	if p.URL != "/sub/publications/a/" || s.Permalink(p.URL) != "https://example.org/sub/publications/a/" || s.OutputPath(p.URL) != "publications/a/index.html" {
		t.Errorf("URL %q permalink %q output %q", p.URL, s.Permalink(p.URL), s.OutputPath(p.URL))
	}
	if s.Pages[0].URL != "/sub/about/" {
		t.Errorf("page URL = %q", s.Pages[0].URL)
	}
	if s.Updated.Format("2006-01-02") != "2024-01-02" {
		t.Errorf("Updated = %v", s.Updated)
	}
}

func TestTaxonomies(t *testing.T) {
	s, errs := load(t, map[string]string{
		"content/publications/a.md": pub("A", "2024-01-01", "countries: [Côte d'Ivoire, Mali]\nauthors: [Ana]\n"),
		"content/publications/b.md": strings.Replace(pub("B", "2023-01-01", "countries: [Cote d'Ivoire]\n"), "[1]", "[4]", 1),
		"content/publications/c.md": pub("C", "2022-01-01", "countries: [Côte d'Ivoire]\n"),
	})
	if errs != "" {
		t.Fatal(errs)
	}
	countries := s.Taxonomy("countries")
	var got []string
	for _, tm := range countries.Terms {
		got = append(got, tm.Key+"="+tm.Title+"/"+string(rune('0'+len(tm.Publications))))
	}
	if strings.Join(got, " ") != "cote-divoire=Côte d'Ivoire/3 mali=Mali/1" {
		t.Errorf("countries = %v", got)
	}
	years := s.Taxonomy("years")
	if years.Terms[0].Key != "2024" || years.Terms[2].Key != "2022" {
		t.Errorf("years not newest first: %v %v", years.Terms[0].Key, years.Terms[2].Key)
	}
	obj := s.Taxonomy("objectives")
	if len(obj.Terms) != 2 || obj.Terms[1].Key != "accountability" || len(obj.Terms[1].Publications) != 1 || len(obj.Terms[0].Publications) != 2 {
		t.Errorf("objectives terms wrong: %+v", obj.Terms)
	}
	if types := s.Taxonomy("types"); len(types.Terms) != 2 || len(types.Terms[1].Publications) != 0 {
		t.Errorf("types: every configured type is a term, even with no publication")
	}
}

func TestRelated(t *testing.T) {
	s, errs := load(t, map[string]string{
		"content/publications/a.md": pub("A", "2024-01-01", "countries: [Mali]\nmissions: [MINUSMA]\n"),
		"content/publications/b.md": pub("B", "2023-01-01", "countries: [Mali]\nmissions: [MINUSMA]\n"),
		"content/publications/c.md": pub("C", "2022-01-01", "countries: [Mali]\n"),
		"content/publications/d.md": pub("D", "2025-01-01", ""),
	})
	if errs != "" {
		t.Fatal(errs)
	}
	var a *Publication
	for _, p := range s.Publications {
		if p.Slug == "a" {
			a = p
		}
	}
	var got []string
	for _, r := range a.Related {
		got = append(got, r.Slug)
	}
	// b shares objective, country and mission; c objective and country; d only the objective.
	if strings.Join(got, " ") != "b c d" {
		t.Errorf("related(a) = %v; want b c d", got)
	}
}

func TestCollisions(t *testing.T) {
	_, errs := load(t, map[string]string{
		"content/publications/a.md": pub("A", "2024-01-01", "aliases: [/publications/b/, /old/]\n"),
		"content/publications/b.md": pub("B", "2024-01-01", "aliases: [/old/]\n"),
		"content/pages/about.md":    "---\ntitle: About\naliases: [/countries/]\n---\n",
	})
	for _, want := range []string{
		`content/publications/a.md:7:11: the alias /publications/b/ in content/publications/a.md would be written to /publications/b/, which content/publications/b.md already uses`,
		`content/publications/b.md:7:11: the alias /old/ in content/publications/b.md would be written to /old/, which the alias /old/ in content/publications/a.md already uses`,
		`content/pages/about.md:3:11: the alias /countries/ in content/pages/about.md would be written to /countries/, which the countries index already uses`,
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("errors:\n%s\nmissing %q", errs, want)
		}
	}
}

// An alias is a folder holding index.html: it collides with a file of the same name
// (which the build could not create: "file exists"), with a folder of folio's own files,
// and, on hosts that ignore case, with a path that differs only in case or normalisation.
func TestCollisionsWithFiles(t *testing.T) {
	aliases := []string{"/feed.xml", "/robots.txt/", "/404.html", "/publications.json/", "/static/style.css",
		"/objectives/priority/feed.xml", "/publications/b/cite.bib/sub/", "/publications/b/b.pdf/", "/Old/", "/caf\u00e9/",
		"/search/x.bin/"}
	_, errs := load(t, map[string]string{
		"content/publications/a.md": pub("A", "2024-01-01", "aliases:\n  - "+strings.Join(aliases, "\n  - ")+"\n"),
		"content/publications/b.md": pub("B", "2024-01-01", "aliases: [/old/, \"/cafe\u0301/\"]\n"),
	})
	for _, want := range []string{
		`content/publications/a.md:8:5: the alias /feed.xml/ in content/publications/a.md would be written inside /feed.xml, which is a file (the site's own /feed.xml page`,
		`content/publications/a.md:9:5: the alias /robots.txt/ in content/publications/a.md would be written inside /robots.txt, which is a file (the site's own /robots.txt page`,
		`content/publications/a.md:10:5: the alias /404.html/ in content/publications/a.md would be written inside /404.html`,
		`content/publications/a.md:11:5: the alias /publications.json/ in content/publications/a.md would be written inside /publications.json`,
		`content/publications/a.md:12:5: the alias /static/style.css/ in content/publications/a.md would be written to /static/style.css/, under /static/, which folio keeps for its own files`,
		`content/publications/a.md:13:5: the alias /objectives/priority/feed.xml/ in content/publications/a.md would be written inside /objectives/priority/feed.xml, which is a file (the feed of the Objective page "Priority"`,
		`content/publications/a.md:14:5: the alias /publications/b/cite.bib/sub/ in content/publications/a.md would be written inside /publications/b/cite.bib, which is a file (the BibTeX file of content/publications/b.md`,
		`content/publications/a.md:15:5: the alias /publications/b/b.pdf/ in content/publications/a.md would be written inside /publications/b/b.pdf, which is a file (the PDF of content/publications/b.md`,
		`content/publications/b.md:7:11: the alias /old/ in content/publications/b.md would be written to /old/, which differs only in letter case or in how its accents are encoded from /Old/ (the alias /Old/ in content/publications/a.md)`,
		`content/publications/a.md:18:5: the alias /search/x.bin/ in content/publications/a.md would be written to /search/x.bin/, under /search/, which folio keeps for its own files`,
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("errors:\n%s\nmissing %q", errs, want)
		}
	}
	// The two spellings of café (one code point, or e and a combining accent) sort apart;
	// whichever comes second is reported.
	if !strings.Contains(errs, "/caf") || !strings.Contains(errs, "differs only in letter case or in how its accents are encoded from /caf") {
		t.Errorf("errors:\n%s\nmissing the café collision", errs)
	}
}

// A link to a page of the site is checked when the site is built, as links to .md files
// and #sections are: the model knows every page the build makes.
func TestSiteAbsoluteLinks(t *testing.T) {
	body := "[ok](/sub/publications/b/) [slash](/sub/publications/b) [list](/sub/publications/) " +
		"[term](/sub/countries/mali/) [alias](/sub/old/) [query](/sub/search/?q=x) [css](/sub/static/any.css) " +
		"[file](/sub/publications/b/cite.bib) [typo](/sub/publications/typo/) [page2](/sub/publications/page/2/) " +
		"[outside](/publications/b/) [section](/sub/publications/b/#nowhere)\n"
	_, errs := load(t, map[string]string{
		"content/publications/a.md": strings.Replace(pub("A", "2024-01-01", "countries: [Mali]\n"), "Body.", body, 1),
		"content/publications/b.md": pub("B", "2024-01-01", "aliases: [/old/]\n"),
	})
	want := []string{
		`content/publications/a.md:9:222: link to "/sub/publications/typo/": no such page`,
		`content/publications/a.md:9:254: link to "/sub/publications/page/2/": no such page`,
		`content/publications/a.md:9:289: link to "/publications/b/": outside the site, which is served from /sub/: write /sub/publications/b/`,
		`content/publications/a.md:9:317: link to /sub/publications/b/: the page has no section #nowhere`,
	}
	if errs != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant\n%s", errs, strings.Join(want, "\n"))
	}
}

// A bundle's index.md linking to a sibling brief as a single file would ("b.md") gets
// the "../" it misses.
func TestBundleLinkHint(t *testing.T) {
	_, errs := load(t, map[string]string{
		"content/publications/a/index.md": strings.Replace(pub("A", "2024-01-01", ""), "Body.", "See [B](b.md#x) and [C](c.md).", 1),
		"content/publications/b.md":       pub("B", "2024-01-01", ""),
	})
	want := `content/publications/a/index.md:8:5: link to "b.md#x": no such page: write "../b.md#x": this brief is a bundle (a folder with index.md), one folder further down than the brief it links to
content/publications/a/index.md:8:21: link to "c.md": no such page (write the path of the .md file relative to this one)`
	if errs != want {
		t.Errorf("errors:\n%s\nwant\n%s", errs, want)
	}
}

// related must pick the same publications as a plain sort of every candidate by score,
// then by recency, would.
func TestRelatedMatchesBruteForce(t *testing.T) {
	files := map[string]string{}
	countries := []string{"Mali", "Chad", "Niger", "Sudan"}
	for i := range 60 {
		extra := fmt.Sprintf("countries: [%s]\nmissions: [M%d]\nauthors: [A%d]\n", countries[i%4], i%3, i%5)
		obj := fmt.Sprint(1 + i%2*3) // objective 1 or 4
		files[fmt.Sprintf("content/publications/p%02d.md", i)] = strings.Replace(
			pub(fmt.Sprintf("P%02d", i), fmt.Sprintf("20%02d-01-01", 10+i%7), extra), "[1]", "["+obj+"]", 1)
	}
	s, errs := load(t, files)
	if errs != "" {
		t.Fatal(errs)
	}
	shared := func(a, b []*Term) int {
		n := 0
		for _, x := range a {
			for _, y := range b {
				if x == y {
					n++
				}
			}
		}
		return n
	}
	for i, p := range s.Publications {
		type cand struct{ j, score int }
		var all []cand
		for j, q := range s.Publications {
			if j == i {
				continue
			}
			sc := 2*shared(p.Objectives, q.Objectives) + 3*shared(p.Countries, q.Countries) +
				3*shared(p.Missions, q.Missions) + shared(p.Authors, q.Authors)
			if sc > 0 {
				all = append(all, cand{j, sc})
			}
		}
		slices.SortStableFunc(all, func(a, b cand) int { return b.score - a.score })
		var want, got []string
		for _, c := range all[:min(5, len(all))] {
			want = append(want, s.Publications[c.j].Slug)
		}
		for _, r := range p.Related {
			got = append(got, r.Slug)
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("related(%s) = %v; want %v", p.Slug, got, want)
		}
	}
}
