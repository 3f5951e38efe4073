// Package corpus generates synthetic publication sites for benchmarks and load tests:
// deterministic from a seed, valid against folio's own schema, shaped like the real
// thing. The mix: 70% policy briefs of about 1,500 words, 20% reports of about 6,000
// words, 10% commentary of about 700 words; H2/H3 sections, footnotes, a table, lists
// and a recommendations section; dates over 2013-2026; all six objectives; a dozen
// countries and missions; fifty authors.
package corpus

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// SiteYAML is the configuration of a generated site.
const SiteYAML = `title: Generated Publications
organisation: Benchmark Programme
description: A generated site for benchmarks.
base_url: https://bench.example.org/
page_size: 20
share_cards: false
types:
  - {key: report, title: Report}
  - {key: policy-brief, title: Policy brief}
  - {key: commentary, title: Commentary, plural: Commentary}
objectives:
  - {key: priority, number: 1, title: Protection as a priority}
  - {key: threat-assessment, number: 2, title: Threat-informed planning}
  - {key: resources, number: 3, title: Mandates matched with means}
  - {key: accountability, number: 4, title: Accountability for performance}
  - {key: harm-mitigation, number: 5, title: Civilian harm mitigation}
  - {key: community-engagement, number: 6, title: Community engagement}
`

var (
	objectives = []string{"priority", "threat-assessment", "resources", "accountability", "harm-mitigation", "community-engagement"}
	places     = [][2]string{{"South Sudan", "UNMISS"}, {"Democratic Republic of the Congo", "MONUSCO"},
		{"Central African Republic", "MINUSCA"}, {"Mali", "MINUSMA"}, {"Lebanon", "UNIFIL"}, {"Sudan", "UNISFA"},
		{"Cyprus", "UNFICYP"}, {"Western Sahara", "MINURSO"}, {"Kosovo", "UNMIK"}, {"Somalia", "UNSOM"},
		{"Haiti", "MINUSTAH"}, {"Côte d'Ivoire", "UNOCI"}}
	addressees = []string{"UN Security Council", "Member States", "the mission leadership",
		"troop- and police-contributing countries", "the UN Secretariat", "host governments"}
	words = strings.Fields(`civilians protection mission peacekeepers threat assessment early warning
		community alert network patrol base deployment mandate resources capability accountability
		performance evaluation harm mitigation casualty incident violence armed group militia attack
		displacement camp site sector headquarters commander leadership council resolution report
		analysis data response planning engagement women children local authorities government
		security force contingent battalion helicopter mobility logistics budget liquidity drawdown
		transition withdrawal consent humanitarian access human rights monitoring investigation
		sexual abuse prevention risk vulnerability region province village road season election
		dialogue mediation protection committee liaison assistant interpreter radio network phone
		coverage hotspot hotspots trend trends quarter year month week within across between during
		after before without despite because although however therefore moreover particularly`)
	glue = strings.Fields(`the the the of of and and to to in in a for on with by that is was are were
		has have been its their this these which while as at from`)
)

// Generate writes a site of n publications under dir: site.yaml and content/.
func Generate(dir string, n int, seed uint64) error {
	if err := os.MkdirAll(filepath.Join(dir, "content", "publications"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(SiteYAML), 0o644); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	authors := make([]string, 50)
	for i := range authors {
		authors[i] = fmt.Sprintf("%s %s", capitalize(pick(r, words)), capitalize(pick(r, words)))
	}
	for i := range n {
		if err := writeOne(dir, i, r, authors); err != nil {
			return err
		}
	}
	return nil
}

func writeOne(dir string, i int, r *rand.Rand, authors []string) error {
	kind, length := "policy-brief", 1500
	switch x := r.IntN(10); {
	case x < 2:
		kind, length = "report", 6000
	case x < 3:
		kind, length = "commentary", 700
	}
	length = length*4/5 + r.IntN(length*2/5+1)
	place := places[r.IntN(len(places))]
	title := capitalize(sentence(r, 5+r.IntN(6), false))
	slug := fmt.Sprintf("pub-%05d", i)
	f, err := os.Create(filepath.Join(dir, "content", "publications", slug+".md"))
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 64<<10)
	year := 2013 + r.IntN(14)
	fmt.Fprintf(w, "---\ntitle: %q\ndate: %d-%02d-%02d\ntype: %s\n", title, year, 1+r.IntN(12), 1+r.IntN(28), kind)
	objs := r.Perm(len(objectives))[:1+r.IntN(3)]
	fmt.Fprintf(w, "objectives: [")
	for j, o := range objs {
		if j > 0 {
			w.WriteString(", ")
		}
		w.WriteString(objectives[o])
	}
	fmt.Fprintf(w, "]\nsummary: %q\n", capitalize(sentence(r, 25+r.IntN(20), true)))
	fmt.Fprintf(w, "authors: [%q, %q]\ncountries: [%q]\nmissions: [%q]\n---\n", authors[r.IntN(50)], authors[r.IntN(50)], place[0], place[1])

	written, notes, section := 0, 0, 0
	for written < length {
		if written%350 < 60 || written == 0 {
			section++
			level := "##"
			if section%3 == 0 {
				level = "###"
			}
			fmt.Fprintf(w, "\n%s %s\n\n", level, capitalize(sentence(r, 3+r.IntN(4), false)))
		}
		// A table only in its window, a paragraph otherwise: a heading with nothing under
		// it is an error in a publication.
		kind := r.IntN(12)
		if kind == 1 && (written <= length/3 || written >= length/3+400) {
			kind = 2
		}
		switch kind {
		case 0:
			for range 3 + r.IntN(3) {
				fmt.Fprintf(w, "- %s\n", capitalize(sentence(r, 8+r.IntN(10), true)))
				written += 12
			}
			w.WriteString("\n")
		case 1:
			w.WriteString("| Sector | Incidents | Patrols | Share |\n|---|---:|---:|---:|\n")
			for range 5 {
				fmt.Fprintf(w, "| %s | %d | %d | %d%% |\n", capitalize(pick(r, words)), r.IntN(400), r.IntN(900), r.IntN(100))
			}
			w.WriteString("\n")
			written += 30
		default:
			for range 3 + r.IntN(4) {
				n := 10 + r.IntN(16)
				w.WriteString(capitalize(sentence(r, n, true)))
				written += n
				if r.IntN(8) == 0 {
					notes++
					fmt.Fprintf(w, "[^%d]", notes)
				}
				w.WriteString(" ")
			}
			w.WriteString("\n\n")
		}
	}
	w.WriteString("## Recommendations\n\n")
	for _, a := range r.Perm(len(addressees))[:2+r.IntN(3)] {
		fmt.Fprintf(w, "To %s:\n\n", addressees[a])
		for range 2 + r.IntN(3) {
			fmt.Fprintf(w, "- %s\n", capitalize(sentence(r, 10+r.IntN(12), true)))
		}
		w.WriteString("\n")
	}
	for j := 1; j <= notes; j++ {
		fmt.Fprintf(w, "[^%d]: %s\n", j, capitalize(sentence(r, 8+r.IntN(10), true)))
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// sentence makes n words of text, alternating content words and glue.
func sentence(r *rand.Rand, n int, period bool) string {
	var b strings.Builder
	for j := range n {
		if j > 0 {
			b.WriteByte(' ')
		}
		if j%3 == 1 {
			b.WriteString(pick(r, glue))
		} else {
			b.WriteString(pick(r, words))
		}
	}
	if period {
		b.WriteByte('.')
	}
	return b.String()
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
