package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// pageHead returns the meta tags (name or property → contents, in order) and the
// JSON-LD payloads of an HTML page, parsed as a browser would.
func pageHead(t *testing.T, file string) (map[string][]string, []string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	metas := map[string][]string{}
	var jsonld []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "meta" {
			var key, content string
			for _, a := range n.Attr {
				switch a.Key {
				case "name", "property":
					key = a.Val
				case "content":
					content = a.Val
				}
			}
			if key != "" {
				metas[key] = append(metas[key], content)
			}
		}
		if n.Type == html.ElementNode && n.Data == "script" {
			for _, a := range n.Attr {
				if a.Key == "type" && a.Val == "application/ld+json" && n.FirstChild != nil {
					jsonld = append(jsonld, n.FirstChild.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return metas, jsonld
}

// The citation tags and the schema.org data of a sample brief carry the expected values.
func TestSampleBriefStructuredData(t *testing.T) {
	root := buildSample(t)
	metas, jsonld := pageHead(t, filepath.Join(root, "publications", "south-sudan-early-warning-gaps", "index.html"))
	want := map[string][]string{
		"citation_title":                        {"Warning Without Response: Early-Warning Gaps in UNMISS"},
		"citation_author":                       {"Samuel Deng", "Amina Okafor"},
		"citation_publication_date":             {"2022/03/15"},
		"citation_publisher":                    {"Civilians in Conflict Programme (sample)"},
		"citation_language":                     {"en"},
		"citation_abstract_html_url":            {"https://publications.example.org/publications/south-sudan-early-warning-gaps/"},
		"og:type":                               {"article"},
		"og:url":                                {"https://publications.example.org/publications/south-sudan-early-warning-gaps/"},
		"article:published_time":                {"2022-03-15"},
		"citation_technical_report_institution": {"Civilians in Conflict Programme (sample)"},
		// Policy Brief No. 3, with a DOI, corrected on 10 May 2022.
		"citation_doi":                     {"10.5555/cic-pb-3"},
		"citation_technical_report_number": {"Policy Brief No. 3"},
		"citation_series_title":            {"Policy Briefs"},
		"article:modified_time":            {"2022-05-10"},
	}
	for k, v := range want {
		if !reflect.DeepEqual(metas[k], v) {
			t.Errorf("meta %s = %q; want %q", k, metas[k], v)
		}
	}
	if len(jsonld) != 1 {
		t.Fatalf("%d JSON-LD scripts; want 1", len(jsonld))
	}
	// The share card: an absolute URL to a 1200x630 PNG beside the page.
	img := metas["og:image"]
	prefix := "https://publications.example.org/publications/south-sudan-early-warning-gaps/card-"
	if len(img) != 1 || !strings.HasPrefix(img[0], prefix) || !reflect.DeepEqual(metas["twitter:card"], []string{"summary_large_image"}) {
		t.Fatalf("og:image = %q, twitter:card = %q", img, metas["twitter:card"])
	}
	f, err := os.Open(filepath.Join(root, "publications", "south-sudan-early-warning-gaps", strings.TrimPrefix(img[0], prefix[:len(prefix)-len("card-")])))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(f)
	f.Close()
	if err != nil || cfg.Width != 1200 || cfg.Height != 630 {
		t.Errorf("share card: %v, %dx%d", err, cfg.Width, cfg.Height)
	}
	var ld struct {
		Context       string `json:"@context"`
		Type          string `json:"@type"`
		Headline      string `json:"headline"`
		DatePublished string `json:"datePublished"`
		DateModified  string `json:"dateModified"`
		URL           string `json:"url"`
		Author        []struct {
			Type, Name string
		} `json:"author"`
		Publisher struct{ Name string } `json:"publisher"`
		About     []struct {
			Name string `json:"name"`
		} `json:"about"`
		SpatialCoverage []struct {
			Name string `json:"name"`
		} `json:"spatialCoverage"`
		IsPartOf struct {
			Type string `json:"@type"`
			Name string `json:"name"`
		} `json:"isPartOf"`
		Position   int `json:"position"`
		Identifier []struct {
			PropertyID string `json:"propertyID"`
			Value      string `json:"value"`
		} `json:"identifier"`
		Correction []struct {
			Type          string `json:"@type"`
			Text          string `json:"text"`
			DatePublished string `json:"datePublished"`
		} `json:"correction"`
	}
	if err := json.Unmarshal([]byte(jsonld[0]), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, jsonld[0])
	}
	if ld.Context != "https://schema.org" || ld.Type != "Report" || ld.Headline != want["citation_title"][0] ||
		ld.DatePublished != "2022-03-15" || ld.DateModified != "2022-05-10" || ld.URL != want["og:url"][0] ||
		len(ld.Author) != 2 || ld.Author[0].Name != "Samuel Deng" || ld.Publisher.Name != "Civilians in Conflict Programme (sample)" ||
		len(ld.About) != 2 || ld.About[0].Name != "Mission planning and decision-making is linked to assessments of threats to civilians." ||
		len(ld.SpatialCoverage) != 1 || ld.SpatialCoverage[0].Name != "South Sudan" {
		t.Errorf("JSON-LD = %+v", ld)
	}
	if ld.IsPartOf.Type != "CreativeWorkSeries" || ld.IsPartOf.Name != "Policy Briefs" || ld.Position != 3 ||
		len(ld.Identifier) != 1 || ld.Identifier[0].PropertyID != "DOI" || ld.Identifier[0].Value != "10.5555/cic-pb-3" ||
		len(ld.Correction) != 1 || ld.Correction[0].Type != "CorrectionComment" || ld.Correction[0].DatePublished != "2022-05-10" ||
		!strings.HasPrefix(ld.Correction[0].Text, "An earlier version of this brief said it was based on 44 interviews.") {
		t.Errorf("JSON-LD series, identifier and correction = %+v %d %+v %+v", ld.IsPartOf, ld.Position, ld.Identifier, ld.Correction)
	}

	// Commentary is an Article.
	_, jsonld = pageHead(t, filepath.Join(root, "publications", "host-state-consent-and-protection", "index.html"))
	if len(jsonld) != 1 || !bytes.Contains([]byte(jsonld[0]), []byte(`"@type":"Article"`)) {
		t.Errorf("commentary JSON-LD = %q", jsonld)
	}
}

// The objectives page has one coverage chart per objective, each well-formed SVG whose
// title reads out its numbers, and a table with the same numbers.
func TestSampleObjectivesCoverage(t *testing.T) {
	root := buildSample(t)
	data, err := os.ReadFile(filepath.Join(root, "objectives", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	svgs := regexp.MustCompile(`(?s)<svg .*?</svg>`).FindAll(data, -1)
	if len(svgs) != 6 {
		t.Fatalf("%d charts; want 6", len(svgs))
	}
	for _, svg := range svgs {
		dec := xml.NewDecoder(bytes.NewReader(svg))
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("chart is not well-formed XML: %v\n%s", err, svg)
			}
		}
	}
	if !bytes.Contains(svgs[0], []byte(`<title id="coverage-1-title">Publications per year, objective 1 (Protection as a priority): 2019: 2, 2020: 2, 2021: 0`)) {
		t.Errorf("first chart's title:\n%s", svgs[0])
	}
	if !bytes.Contains(data, []byte(`<th scope="col">2019</th>`)) || !bytes.Contains(data, []byte(`<th scope="row"><a href="/objectives/priority/">1. Protection as a priority</a></th><td>2</td><td>2</td><td>0</td>`)) {
		t.Errorf("coverage table missing or wrong")
	}
}

// The sample site's recommendations land under the right addressees (spellings folded
// by site.yaml's alias table) and link to their item in the publication.
func TestSampleRecommendations(t *testing.T) {
	root := buildSample(t)
	data, err := os.ReadFile(filepath.Join(root, "recommendations.json"))
	if err != nil {
		t.Fatal(err)
	}
	var recs struct {
		Recommendations []struct {
			Addressee, Text, URL, Publication string
			PubURL                            string `json:"publication_url"`
		}
	}
	if err := json.Unmarshal(data, &recs); err != nil {
		t.Fatal(err)
	}
	addressees, pubs := map[string]bool{}, map[string]bool{}
	for _, r := range recs.Recommendations {
		addressees[r.Addressee] = true
		pubs[r.PubURL] = true
		if !strings.HasPrefix(r.URL, r.PubURL+"#rec-") {
			t.Errorf("recommendation %q links to %s, not an item of %s", r.Text, r.URL, r.PubURL)
		}
	}
	if len(addressees) < 4 || len(pubs) < 5 {
		t.Errorf("%d addressees across %d publications; want at least 4 across 5", len(addressees), len(pubs))
	}
	for _, want := range []string{"UN Security Council", "Member States", "Mission leadership", "Host governments"} {
		if !addressees[want] {
			t.Errorf("no recommendations to %q; addressees: %v", want, addressees)
		}
	}
	// "To the mission's leadership:" (Form A) and "### To Senior Mission Leadership" (Form B)
	// both land under Mission leadership, each linking to its own item.
	found := map[string]bool{}
	for _, r := range recs.Recommendations {
		if r.Addressee == "Mission leadership" {
			found[r.Publication] = true
		}
	}
	for _, title := range []string{"Listening Posts: Local Protection Committees and MINUSCA in the Prefectures", "Measuring What Matters: Performance Evaluation and Protection Outcomes in MINUSCA"} {
		if !found[title] {
			t.Errorf("%q has no recommendation under Mission leadership (found %v)", title, found)
		}
	}
	// The page exists, and its links are checked by the crawl test.
	if _, err := os.Stat(filepath.Join(root, "recommendations", "index.html")); err != nil {
		t.Error(err)
	}
}
