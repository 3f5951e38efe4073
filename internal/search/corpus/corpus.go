// Package corpus generates deterministic synthetic sites for the search benchmarks: n
// publications of about 1,500 words, English with one in ten French, words drawn from a
// Zipf distribution over stop words, a domain vocabulary and tens of thousands of
// invented words with inflections, headings, resolution numbers, hyphenated compounds,
// and realistic taxonomies (objectives, types, countries with their missions, authors,
// dates over sixteen years). The same n always gives the same site.
package corpus

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing/fstest"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/markdown"
	"folio/internal/site"
)

// SiteYAML is the configuration of every generated site.
const SiteYAML = `title: Synthetic
base_url: https://example.org/
language: en
types:
  - {key: report, title: Report, plural: Reports}
  - {key: policy-brief, title: Policy brief, plural: Policy briefs}
  - {key: issue-brief, title: Issue brief, plural: Issue briefs}
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
	stopEN = strings.Fields(`the of and to in a that for is on with as by be are this it from
at or an which their have not has was were its more than these can also but been other
such they into would should will may between there all most our only when`)
	domainEN = strings.Fields(`protection civilians mission peacekeeping council security
united nations mandate violence peacekeepers armed groups government forces threats
accountability performance community communities early warning response planning
resources humanitarian human rights women children sexual displacement conflict peace
political strategy operations military police civilian leadership host state consent
troop contributing countries secretariat member states assessment risk data analysis
engagement local leaders transition drawdown withdrawal budget liquidity capabilities
patrols bases camps sites attacks killings abductions militia elections ceasefire
agreement implementation monitoring reporting investigation justice impunity training
evaluation recommendations report brief policy framework guidance doctrine integrated
office coordination partners donors funding logistics helicopters intelligence
information alerts networks radio protection protect protecting protected civilians
harm mitigation casualty tracking incidents indicators gender youth cattle migration
border buffer zone resolution resolutions general assembly secretary representative
special deputy head component unit team teams staff personnel officers experts panel
lessons learned future reform priorities objectives challenges gaps capacity support`)
	stopFR = strings.Fields(`de la le et les des à en du un une que pour dans qui par sur
au aux avec ce ces est sont ont leur plus ne pas se sa son comme mais ou`)
	domainFR = strings.Fields(`protection civils mission maintien paix conseil sécurité
nations unies mandat violence casques bleus groupes armés gouvernement forces menaces
responsabilité performance communauté communautés alerte précoce réponse planification
ressources humanitaire droits humains femmes enfants déplacement conflit politique
stratégie opérations militaires police dirigeants état consentement pays contributeurs
évaluation risque données analyse engagement transition retrait budget capacités
patrouilles bases camps attaques enlèvements milices élections accord mise œuvre
surveillance enquête justice impunité formation recommandations rapport cadre`)
	countries = []struct{ country, mission string }{
		{"South Sudan", "UNMISS"}, {"Mali", "MINUSMA"}, {"Central African Republic", "MINUSCA"},
		{"Democratic Republic of the Congo", "MONUSCO"}, {"Lebanon", "UNIFIL"}, {"Cyprus", "UNFICYP"},
		{"Abyei", "UNISFA"}, {"Western Sahara", "MINURSO"}, {"Haiti", "MINUSTAH"}, {"Darfur", "UNAMID"},
		{"Côte d'Ivoire", "UNOCI"}, {"Liberia", "UNMIL"}, {"Somalia", "AMISOM"}, {"Kosovo", "UNMIK"},
		{"Golan", "UNDOF"}, {"Sudan", "UNITAMS"}, {"Afghanistan", "UNAMA"}, {"Iraq", "UNAMI"},
		{"Libya", "UNSMIL"}, {"Colombia", "UN Verification Mission in Colombia"},
	}
	firstNames = strings.Fields(`Amina Samuel Grace Joseph Fatou Pierre Marie John Aisha David
Sarah Ibrahim Claire Moses Nadia Paul Esther Ahmed Hannah Jean Lucia Omar Ruth Daniel`)
	lastNames = strings.Fields(`Okafor Deng Mensah Diallo Laurent Kamara Nguyen Haddad Smith
Traoré Mwangi Dubois Otieno Keita Rossi Ahmed Banda Moreau Achieng Sow Hassan Müller`)
	syllables = strings.Fields(`ka ri to mel san dor vi pra lu ne gor ta bel fin cor
da sti mon ver quel pa tra zen lo ha ber nic ol ur est an dem`)
	suffixEN = []string{"s", "s", "ed", "ing", "ation", "al", "ity", "ment"}
	suffixFR = []string{"s", "é", "ée", "ement", "ation", "ité", "er", "es"}
)

// vocab is a ranked word list and the cumulative Zipf weights to draw from it.
type vocab struct {
	words    []string
	cum      []float64
	suffixes []string
	invented int // words from this index on are invented and get inflections
}

func newVocab(stop, domain []string, suffixes []string, invented int, r *rand.Rand) *vocab {
	v := &vocab{suffixes: suffixes}
	v.words = append(v.words, stop...)
	v.words = append(v.words, domain...)
	v.invented = len(v.words)
	seen := map[string]bool{}
	for len(v.words) < v.invented+invented {
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			v.words = append(v.words, w)
		}
	}
	total := 0.0
	for i := range v.words {
		total += 1 / math.Pow(float64(i)+2.7, 1.2)
		v.cum = append(v.cum, total)
	}
	return v
}

func (v *vocab) word(r *rand.Rand) string {
	x := r.Float64() * v.cum[len(v.cum)-1]
	i := sort.SearchFloat64s(v.cum, x)
	if i >= len(v.words) {
		i = len(v.words) - 1
	}
	w := v.words[i]
	if i >= v.invented && r.IntN(4) == 0 {
		w += v.suffixes[r.IntN(len(v.suffixes))]
	}
	return w
}

// content words skip the stop words: for titles and headings.
func (v *vocab) contentWord(r *rand.Rand, nstop int) string {
	for {
		if w := v.word(r); !contains(v.words[:nstop], w) {
			return w
		}
	}
}

func contains(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// Files returns the site folder of n publications.
func Files(n int) fstest.MapFS {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	en := newVocab(stopEN, domainEN, suffixEN, 25000, r)
	fr := newVocab(stopFR, domainFR, suffixFR, 8000, r)
	var authors []string
	for _, f := range firstNames {
		for _, l := range lastNames {
			authors = append(authors, f+" "+l)
		}
	}
	r.Shuffle(len(authors), func(i, j int) { authors[i], authors[j] = authors[j], authors[i] })
	authors = authors[:200]
	fsys := fstest.MapFS{"site.yaml": {Data: []byte(SiteYAML)}}
	types := []string{"report", "policy-brief", "policy-brief", "issue-brief", "commentary", "commentary"}
	objectives := []string{"priority", "threat-assessment", "resources", "accountability", "harm-mitigation", "community-engagement"}
	for i := range n {
		v, nstop, lang := en, len(stopEN), ""
		if r.IntN(10) == 0 {
			v, nstop, lang = fr, len(stopFR), "fr"
		}
		sentence := func(minW, maxW int) string {
			k := minW + r.IntN(maxW-minW+1)
			ws := make([]string, k)
			for j := range ws {
				ws[j] = v.word(r)
			}
			switch r.IntN(40) {
			case 0:
				ws = append(ws, "resolution", fmt.Sprint(2000+r.IntN(750)))
			case 1:
				ws = append(ws, fmt.Sprintf("(S/RES/%d)", 2000+r.IntN(750)))
			case 2:
				ws = append(ws, "early-warning", "community-based")
			case 3:
				ws = append(ws, "the mission's")
			}
			return capitalize(strings.Join(ws, " ")) + "."
		}
		phrase := func(minW, maxW int) string {
			k := minW + r.IntN(maxW-minW+1)
			ws := make([]string, k)
			for j := range ws {
				ws[j] = capitalize(v.contentWord(r, nstop))
			}
			return strings.Join(ws, " ")
		}
		var body strings.Builder
		words := 0
		for words < 1400+r.IntN(200) {
			if words%400 < 60 {
				body.WriteString("## " + phrase(2, 5) + "\n\n")
			}
			for range 3 + r.IntN(4) {
				s := sentence(8, 25)
				words += strings.Count(s, " ") + 1
				body.WriteString(s + " ")
			}
			body.WriteString("\n\n")
		}
		title := strings.ReplaceAll(phrase(4, 9), `"`, "")
		var summary []string
		for range 3 {
			summary = append(summary, sentence(12, 22))
		}
		date := fmt.Sprintf("%d-%02d-%02d", 2010+r.IntN(16), 1+r.IntN(12), 1+r.IntN(28))
		var objs []string
		for _, o := range objectives {
			if r.IntN(4) == 0 {
				objs = append(objs, o)
			}
		}
		if len(objs) == 0 {
			objs = []string{objectives[r.IntN(len(objectives))]}
		}
		c := countries[min(int(r.ExpFloat64()*4), len(countries)-1)]
		cs, ms := []string{c.country}, []string{c.mission}
		if r.IntN(5) == 0 {
			c2 := countries[r.IntN(len(countries))]
			if c2 != c {
				cs, ms = append(cs, c2.country), append(ms, c2.mission)
			}
		}
		var as []string
		for range 1 + r.IntN(3) {
			a := authors[min(int(r.ExpFloat64()*40), len(authors)-1)]
			if !contains(as, a) {
				as = append(as, a)
			}
		}
		var fm strings.Builder
		fmt.Fprintf(&fm, "---\ntitle: %q\ndate: %s\ntype: %s\nobjectives: [%s]\nsummary: %q\n", title, date, types[r.IntN(len(types))], strings.Join(objs, ", "), strings.Join(summary, " "))
		fmt.Fprintf(&fm, "countries: [%s]\nmissions: [%s]\nauthors: [%s]\n", quoteAll(cs), quoteAll(ms), quoteAll(as))
		if lang != "" {
			fmt.Fprintf(&fm, "lang: %s\n", lang)
		}
		fm.WriteString("---\n\n")
		fsys[fmt.Sprintf("content/publications/pub-%05d.md", i)] = &fstest.MapFile{Data: []byte(fm.String() + body.String())}
	}
	return fsys
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// Site generates n publications and builds the site model.
func Site(n int) (*site.Site, error) {
	fsys := Files(n)
	cfg, err := config.Parse("site.yaml", fsys["site.yaml"].Data)
	if err != nil {
		return nil, err
	}
	pages, errs := content.Load(fsys, cfg, content.Options{})
	if errs.HasErrors() {
		return nil, errs
	}
	s, errs := site.New(cfg, fsys, pages, site.Options{Markdown: markdown.New(markdown.Options{})})
	if errs.HasErrors() {
		return nil, errs
	}
	return s, nil
}
