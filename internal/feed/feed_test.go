package feed

import (
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"testing/fstest"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/markdown"
	"folio/internal/site"
)

func testSite(t *testing.T) *site.Site {
	t.Helper()
	cfg, err := config.Parse("site.yaml", []byte(`title: T & Co
base_url: https://example.org/sub
types: [{key: report}]
objectives: [{key: priority, number: 1, title: Priority}, {key: other, number: 2, title: Other}]
`))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"content/publications/a.md": {Data: []byte("---\ntitle: \"<script>alert('a')</script> & more\"\ndate: 2024-01-02\nupdated: 2024-02-03\ntype: report\nobjectives: [1]\nsummary: S <b>.\nauthors: [Ana]\n---\n")},
		"content/publications/b.md": {Data: []byte("---\ntitle: B\ndate: 2023-01-01\ntype: report\nobjectives: [1]\nsummary: S.\n---\n")},
	}
	pages, errs := content.Load(fsys, cfg, content.Options{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	s, errs := site.New(cfg, fsys, pages, site.Options{Markdown: markdown.New(markdown.Options{})})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	return s
}

func TestFiles(t *testing.T) {
	files, err := Files(testSite(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range files {
		got[f.Path] = string(f.Data)
	}
	for _, p := range []string{"feed.xml", "objectives/priority/feed.xml", "objectives/other/feed.xml", "sitemap.xml", "robots.txt", "publications.json"} {
		if _, ok := got[p]; !ok {
			t.Errorf("missing %s", p)
		}
	}

	var feed struct {
		Lang    string `xml:"lang,attr"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Entries []struct {
			Title     string `xml:"title"`
			ID        string `xml:"id"`
			Published string `xml:"published"`
			Updated   string `xml:"updated"`
			Summary   string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(got["feed.xml"]), &feed); err != nil {
		t.Fatalf("feed.xml does not parse: %v", err)
	}
	if feed.ID != "https://example.org/sub/feed.xml" || feed.Updated != "2024-02-03T00:00:00Z" || feed.Lang != "en" {
		t.Errorf("feed id %q updated %q lang %q", feed.ID, feed.Updated, feed.Lang)
	}
	if len(feed.Entries) != 2 {
		t.Fatalf("entries = %d", len(feed.Entries))
	}
	e := feed.Entries[0]
	if e.Title != "<script>alert('a')</script> & more" || e.Summary != "S <b>." ||
		e.ID != "https://example.org/sub/publications/a/" || e.Published != "2024-01-02T00:00:00Z" || e.Updated != "2024-02-03T00:00:00Z" {
		t.Errorf("entry = %+v", e)
	}
	if strings.Contains(got["feed.xml"], "<script>") {
		t.Errorf("feed.xml contains an unescaped <script>")
	}
	// An objective without publications still has a valid feed with a fixed date.
	if !strings.Contains(got["objectives/other/feed.xml"], "<updated>2024-02-03T00:00:00Z</updated>") {
		t.Errorf("empty objective feed:\n%s", got["objectives/other/feed.xml"])
	}
	var jf struct {
		Version string `json:"version"`
		FeedURL string `json:"feed_url"`
		Items   []struct {
			ID, URL, Title, Summary string
			DatePublished           string `json:"date_published"`
			DateModified            string `json:"date_modified"`
			Authors                 []struct{ Name string }
			Folio                   struct {
				Type       string
				Objectives []string
			} `json:"_folio"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(got["publications.json"]), &jf); err != nil {
		t.Fatalf("publications.json does not parse: %v", err)
	}
	if jf.Version != "https://jsonfeed.org/version/1.1" || jf.FeedURL != "https://example.org/sub/publications.json" || len(jf.Items) != 2 {
		t.Fatalf("JSON feed = %+v", jf)
	}
	if it := jf.Items[0]; it.Title != "<script>alert('a')</script> & more" || it.URL != "https://example.org/sub/publications/a/" ||
		it.DatePublished != "2024-01-02T00:00:00Z" || it.DateModified != "2024-02-03T00:00:00Z" || it.Authors[0].Name != "Ana" ||
		it.Folio.Type != "report" || strings.Join(it.Folio.Objectives, ",") != "priority" {
		t.Errorf("JSON feed item = %+v", it)
	}
	if strings.Contains(got["publications.json"], "<script>") {
		t.Errorf("publications.json has an unescaped <script>")
	}
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(got["sitemap.xml"]), &sm); err != nil {
		t.Fatalf("sitemap.xml does not parse: %v", err)
	}
	for _, u := range sm.URLs {
		if !strings.HasPrefix(u.Loc, "https://example.org/sub/") || !strings.HasSuffix(u.Loc, "/") {
			t.Errorf("sitemap loc %q", u.Loc)
		}
	}
	if got["robots.txt"] != "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sub/sitemap.xml\n" {
		t.Errorf("robots.txt = %q", got["robots.txt"])
	}
}
