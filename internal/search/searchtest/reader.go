// Package searchtest is a Go twin of the search client, themes/default/static/search.js:
// a Reader answers queries from the files of a search.Index exactly as search.js does,
// and keeps an account of the files it fetched. It is for tests and bench/search, not
// the product: the parity test in internal/search runs the same queries through both.
package searchtest

import (
	"bytes"
	"cmp"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"folio/internal/search"
)

// Query-side constants, the same in search.js.
const (
	// PageSize is the number of results shown at once.
	PageSize = 10
	// MaxPrefixShards is the number of shards a prefix may span; a prefix that spans
	// more (a short prefix of a big site) is matched as a whole word until it is longer.
	MaxPrefixShards = 2
)

// A Reader answers queries from the files of an Index exactly as search.js does, and
// keeps an account of the files it fetched, in order. Tests use it to check ranking,
// shard lookup and facets on the files a browser would read; bench/search uses the
// account to report what a first query downloads.
type Reader struct {
	files   map[string][]byte
	dir     string // "search/"
	fetched []string
	m       *manifest
	shards  map[int]*shardData
	records map[int]*Record
	columns map[int][][]int // facet index → per publication, term indexes
	stop    map[string]bool
}

// A Record is what a result shows.
type Record struct {
	Title, URL, Summary, Lang string
}

type manifest struct {
	gen, docBase      string
	n, chunkDocs      int
	nchunks           int
	keys              []string
	stopWords         []string
	siteLang          string
	days              []int
	facets            []facet
	typeNames         []string
	facetIndex        map[string]int
	inlineFacetsCount int
}

type facet struct {
	param, label string
	keys, titles []string
	lazy         bool
}

type shardData struct {
	terms    []termData
	surfaces map[string][]int // surface → term indexes
	order    []string         // surfaces in file order
}

type termData struct {
	idf  int
	docs []int
	q    []byte
}

// NewReader reads the manifest of ix.
func NewReader(ix *search.Index) (*Reader, error) {
	r := &Reader{files: map[string][]byte{}, shards: map[int]*shardData{}, records: map[int]*Record{}, columns: map[int][][]int{}}
	for _, f := range ix.Files {
		r.files[f.Path] = f.Data
	}
	mpath := ix.Files[0].Path
	r.dir = path.Dir(mpath) + "/"
	data, err := r.fetch(mpath)
	if err != nil {
		return nil, err
	}
	if r.m, err = parseManifest(data, r); err != nil {
		return nil, fmt.Errorf("search: manifest: %w", err)
	}
	r.stop = map[string]bool{}
	for _, w := range r.m.stopWords {
		r.stop[w] = true
	}
	return r, nil
}

// Fetched returns the paths of the files read so far, in order.
func (r *Reader) Fetched() []string { return slices.Clone(r.fetched) }

// fetch returns the content of a file, inflated as search.js inflates it.
func (r *Reader) fetch(p string) ([]byte, error) {
	data, ok := r.files[p]
	if !ok {
		return nil, fmt.Errorf("search: no file %s", p)
	}
	r.fetched = append(r.fetched, p)
	data, err := io.ReadAll(flate.NewReader(bytes.NewReader(data)))
	if err != nil {
		return nil, fmt.Errorf("search: inflating %s: %w", p, err)
	}
	return data, nil
}

// magic starts a manifest; the twin checks it on its own, as search.js does.
const magic = "FLS1"

// A decoder reads the primitives of the format.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uint() int {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *decoder) raw(n int) []byte {
	if n > len(d.b) {
		d.fail()
		return nil
	}
	p := d.b[:n]
	d.b = d.b[n:]
	return p
}

func (d *decoder) str() string { return string(d.raw(d.uint())) }

func (d *decoder) strs() []string {
	n := d.uint()
	var out []string
	for range n {
		if d.err != nil {
			break
		}
		out = append(out, d.str())
	}
	return out
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errors.New("truncated")
	}
	d.b = nil
}

func parseManifest(data []byte, r *Reader) (*manifest, error) {
	d := &decoder{b: data}
	if string(d.raw(len(magic))) != magic {
		return nil, errors.New("not a folio search manifest")
	}
	m := &manifest{facetIndex: map[string]int{}}
	m.gen = d.str()
	m.docBase = d.str()
	m.n = d.uint()
	m.chunkDocs = d.uint()
	m.nchunks = d.uint()
	nshards := d.uint()
	for range nshards {
		m.keys = append(m.keys, d.str())
	}
	m.stopWords = d.strs()
	m.siteLang = d.str()
	day := 0
	for i := range m.n {
		if i == 0 {
			day = d.uint()
		} else {
			day -= d.uint()
		}
		m.days = append(m.days, day)
	}
	nf := d.uint()
	for fi := range nf {
		f := facet{param: d.str(), label: d.str()}
		nt := d.uint()
		for range nt {
			f.keys = append(f.keys, d.str())
			f.titles = append(f.titles, d.str())
		}
		f.lazy = d.uint() == 1
		if !f.lazy {
			r.columns[fi] = parseColumn(d, m.n)
		}
		m.facetIndex[f.param] = fi
		m.facets = append(m.facets, f)
	}
	m.typeNames = d.strs()
	return m, d.err
}

func parseColumn(d *decoder, n int) [][]int {
	counts := make([]int, n)
	for i := range counts {
		counts[i] = d.uint()
	}
	col := make([][]int, n)
	for i, c := range counts {
		for range c {
			col[i] = append(col[i], d.uint())
		}
	}
	return col
}

func parseShard(data []byte) (*shardData, error) {
	d := &decoder{b: data}
	sh := &shardData{surfaces: map[string][]int{}}
	nt := d.uint()
	for range nt {
		t := termData{idf: d.uint()}
		np := d.uint()
		block := &decoder{b: d.raw(d.uint())}
		doc := -1
		for range np {
			doc += block.uint()
			t.docs = append(t.docs, doc)
		}
		t.q = block.raw(np)
		if block.err != nil {
			return nil, block.err
		}
		sh.terms = append(sh.terms, t)
	}
	ns := d.uint()
	var prev []byte
	for range ns {
		shared := d.uint()
		if shared > len(prev) {
			return nil, errors.New("bad front coding")
		}
		s := append(prev[:shared:shared], d.raw(d.uint())...)
		k := d.uint()
		refs := make([]int, k)
		for i := range refs {
			refs[i] = d.uint()
		}
		sh.surfaces[string(s)] = refs
		sh.order = append(sh.order, string(s))
		prev = s
	}
	return sh, d.err
}

func parseRecord(d *decoder, docBase string) *Record {
	return &Record{Title: d.str(), URL: docBase + d.str(), Summary: d.str(), Lang: d.str()}
}

// compareJS compares strings as JavaScript's < does: by UTF-16 code units.
func compareJS(a, b string) int {
	return slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
}

// shardFor returns the shard whose range holds word: the last whose key is not after it.
func (m *manifest) shardFor(word string) int {
	i, _ := slices.BinarySearchFunc(m.keys, word, func(k, w string) int {
		if compareJS(k, w) <= 0 {
			return -1
		}
		return 1
	})
	return max(i-1, 0)
}

// prefixShards returns the shards a prefix spans, or nil when they are more than
// MaxPrefixShards.
func (m *manifest) prefixShards(prefix string) []int {
	first := m.shardFor(prefix)
	last := first
	for last+1 < len(m.keys) && strings.HasPrefix(m.keys[last+1], prefix) {
		last++
	}
	if last-first+1 > MaxPrefixShards {
		return nil
	}
	var out []int
	for i := first; i <= last; i++ {
		out = append(out, i)
	}
	return out
}

// A Query is what the search page asks.
type Query struct {
	Q      string
	Facets map[string][]string // selected term keys per facet parameter
	Open   []string            // lazy facets shown open: their columns are loaded for counts
	Page   int                 // 0-based
}

// A Result is the answer to a Query.
type Result struct {
	Total  int
	Hits   []Hit
	Counts map[string][]int // per facet parameter, a count per term (nil if not loaded)
	Words  []Word
}

// A Hit is one result.
type Hit struct {
	Doc   int
	Score int
	Date  int // days since 1970-01-01
	*Record
}

// A Word is one word of a query as matched.
type Word struct {
	Text   string
	Prefix bool
	Stems  int // number of stems it matched
	Stop   bool
}

// Search answers a query, fetching what it needs.
func (r *Reader) Search(q Query) (*Result, error) {
	m := r.m
	words, lastPrefix := search.QueryWords(q.Q)

	// What to fetch: shards for the words, lazy facet columns in use or open.
	// An Arabic word is also looked up as its stem (search.ArabicStem), which the index
	// files as a surface form.
	type plan struct {
		word, alt string
		prefix    bool
		shards    []int
	}
	var plans []plan
	need := map[int]bool{}
	for i, w := range words {
		p := plan{word: w, alt: search.ArabicStem(w), shards: []int{m.shardFor(w)}}
		if i == len(words)-1 && lastPrefix {
			if sh := m.prefixShards(w); sh != nil {
				p.prefix, p.shards = true, sh
			}
		}
		if p.alt != "" && !slices.Contains(p.shards, m.shardFor(p.alt)) {
			p.shards = append(p.shards, m.shardFor(p.alt))
		}
		for _, s := range p.shards {
			need[s] = true
		}
		plans = append(plans, p)
	}
	for _, s := range slices.Sorted(maps.Keys(need)) {
		if err := r.loadShard(s); err != nil {
			return nil, err
		}
	}
	for fi, f := range m.facets {
		if f.lazy && (len(q.Facets[f.param]) > 0 || slices.Contains(q.Open, f.param)) {
			if err := r.loadFacet(fi); err != nil {
				return nil, err
			}
		}
	}

	// Match: per word, the best weighted score of its stems per publication; AND across
	// words. A word that matches nothing is dropped if it is a stop word, and otherwise
	// leaves no results.
	res := &Result{Counts: map[string][]int{}}
	var scores map[int]int
	matchAll := true
	empty := false
	for _, p := range plans {
		best := map[int]int{}
		stems := 0
		for _, s := range p.shards {
			sh := r.shards[s]
			add := func(refs []int, weight int) {
				for _, k := range refs {
					t := sh.terms[k]
					stems++
					for j, doc := range t.docs {
						if v, cur := weight*t.idf*int(t.q[j]), best[doc]; v > cur {
							best[doc] = v
						}
					}
				}
			}
			add(sh.surfaces[p.word], 2)
			if p.alt != "" {
				add(sh.surfaces[p.alt], 2)
			}
			if p.prefix {
				for _, surf := range sh.order {
					if surf != p.word && strings.HasPrefix(surf, p.word) {
						add(sh.surfaces[surf], 1)
					}
				}
			}
		}
		w := Word{Text: p.word, Prefix: p.prefix, Stems: stems}
		if stems == 0 && r.stop[p.word] {
			w.Stop = true
			res.Words = append(res.Words, w)
			continue
		}
		res.Words = append(res.Words, w)
		if stems == 0 {
			empty = true
		}
		if matchAll {
			scores, matchAll = best, false
			continue
		}
		for doc, v := range scores {
			if b, ok := best[doc]; ok {
				scores[doc] = v + b
			} else {
				delete(scores, doc)
			}
		}
	}
	var cands []int
	switch {
	case empty:
	case matchAll: // no query: every publication, newest first
		for i := range m.n {
			cands = append(cands, i)
		}
	default:
		cands = slices.Sorted(maps.Keys(scores))
	}

	// Facets: OR within one, AND across; counts of one facet ignore its own selection.
	type sel struct {
		fi   int
		want map[int]bool
	}
	var sels []sel
	for fi, f := range m.facets {
		if keys := q.Facets[f.param]; len(keys) > 0 {
			s := sel{fi: fi, want: map[int]bool{}}
			for _, k := range keys {
				if i := slices.Index(f.keys, k); i >= 0 {
					s.want[i] = true
				}
			}
			sels = append(sels, s)
		}
	}
	for fi, f := range m.facets {
		if r.columns[fi] != nil {
			res.Counts[f.param] = make([]int, len(f.keys))
		}
	}
	var hits []int
	for _, doc := range cands {
		failed := -1 // the facet it fails, -2 for more than one
		for _, s := range sels {
			ok := false
			for _, t := range r.columns[s.fi][doc] {
				if s.want[t] {
					ok = true
					break
				}
			}
			if !ok {
				if failed == -1 {
					failed = s.fi
				} else {
					failed = -2
					break
				}
			}
		}
		if failed == -2 {
			continue
		}
		for fi, f := range m.facets {
			col := r.columns[fi]
			if col == nil || (failed >= 0 && failed != fi) {
				continue
			}
			for _, t := range col[doc] {
				res.Counts[f.param][t]++
			}
		}
		if failed == -1 {
			hits = append(hits, doc)
		}
	}
	slices.SortFunc(hits, func(a, b int) int { return cmp.Or(cmp.Compare(scores[b], scores[a]), cmp.Compare(a, b)) })
	res.Total = len(hits)

	// Display records of the page: from shards already loaded, else from their chunks.
	page := hits[min(len(hits), q.Page*PageSize):min(len(hits), (q.Page+1)*PageSize)]
	chunks := map[int]bool{}
	for _, doc := range page {
		if r.records[doc] == nil {
			chunks[doc/m.chunkDocs] = true
		}
	}
	for _, c := range slices.Sorted(maps.Keys(chunks)) {
		if err := r.loadChunk(c); err != nil {
			return nil, err
		}
	}
	for _, doc := range page {
		res.Hits = append(res.Hits, Hit{Doc: doc, Score: scores[doc], Date: m.days[doc], Record: r.records[doc]})
	}
	return res, nil
}

func (r *Reader) file(kind string, i int) string {
	return r.dir + kind + strconv.Itoa(i) + "." + r.m.gen + ".bin"
}

func (r *Reader) loadShard(i int) error {
	if r.shards[i] != nil {
		return nil
	}
	data, err := r.fetch(r.file("s", i))
	if err != nil {
		return err
	}
	sh, err := parseShard(data)
	if err != nil {
		return fmt.Errorf("search: shard %d: %w", i, err)
	}
	// Records follow the surfaces.
	d := &decoder{b: data}
	skipShard(d)
	n := d.uint()
	doc := -1
	for range n {
		doc += d.uint()
		rec := parseRecord(d, r.m.docBase)
		if r.records[doc] == nil {
			r.records[doc] = rec
		}
	}
	if d.err != nil {
		return fmt.Errorf("search: shard %d records: %w", i, d.err)
	}
	r.shards[i] = sh
	return nil
}

// skipShard moves d past the terms and surfaces of a shard.
func skipShard(d *decoder) {
	nt := d.uint()
	for range nt {
		d.uint()
		d.uint()
		d.raw(d.uint())
	}
	ns := d.uint()
	for range ns {
		d.uint()
		d.raw(d.uint())
		k := d.uint()
		for range k {
			d.uint()
		}
	}
}

func (r *Reader) loadChunk(c int) error {
	data, err := r.fetch(r.file("d", c))
	if err != nil {
		return err
	}
	d := &decoder{b: data}
	for doc := c * r.m.chunkDocs; doc < min(r.m.n, (c+1)*r.m.chunkDocs); doc++ {
		rec := parseRecord(d, r.m.docBase)
		if r.records[doc] == nil {
			r.records[doc] = rec
		}
	}
	return d.err
}

func (r *Reader) loadFacet(fi int) error {
	if r.columns[fi] != nil {
		return nil
	}
	data, err := r.fetch(r.file("f", fi))
	if err != nil {
		return err
	}
	d := &decoder{b: data}
	r.columns[fi] = parseColumn(d, r.m.n)
	return d.err
}

// What the tests of the index layout inspect: the shards of the manifest, where a word
// or a prefix is looked up, and what a shard holds.

// ShardKeys returns the first key of every shard, in order.
func (r *Reader) ShardKeys() []string { return slices.Clone(r.m.keys) }

// ShardFor returns the shard a word is looked up in.
func (r *Reader) ShardFor(word string) int { return r.m.shardFor(word) }

// PrefixShards returns the shards a prefix is looked up in, or nil when it spans more
// than MaxPrefixShards.
func (r *Reader) PrefixShards(prefix string) []int { return r.m.prefixShards(prefix) }

// ShardFile returns the path of shard i's file.
func (r *Reader) ShardFile(i int) string { return r.file("s", i) }

// ShardSurfaces fetches shard i and returns its surface forms, in file order.
func (r *Reader) ShardSurfaces(i int) ([]string, error) {
	if err := r.loadShard(i); err != nil {
		return nil, err
	}
	return slices.Clone(r.shards[i].order), nil
}

// FacetKeys returns the term keys of the facet with the given parameter.
func (r *Reader) FacetKeys(param string) []string {
	fi, ok := r.m.facetIndex[param]
	if !ok {
		return nil
	}
	return slices.Clone(r.m.facets[fi].keys)
}

// The search page's state in its URL, as search.js keeps it: q, then the facets in the
// manifest's order, each value its own parameter (?q=water&year=2023&year=2024). The
// language facet defaults to the page's language.

// all is the language facet's value for every language.
const all = "all"

// DefaultLanguage returns the language a search page whose <html lang> is pageLang
// filters to when its URL names none: pageLang's primary subtag when the index has
// publications in it, else "" (every language). As Engine.langDefault in search.js.
func (r *Reader) DefaultLanguage(pageLang string) string {
	fi, ok := r.m.facetIndex[search.LanguageParam]
	if !ok {
		return ""
	}
	l, _, _ := strings.Cut(strings.ToLower(pageLang), "-")
	if slices.Contains(r.m.facets[fi].keys, l) {
		return l
	}
	return ""
}

// FromURL returns the query of a search page in pageLang whose URL has the query string
// rawQuery (without "?"): without a language parameter, DefaultLanguage; with
// language=all, every language. As Engine.fromURL in search.js.
func (r *Reader) FromURL(rawQuery, pageLang string) Query {
	v, _ := url.ParseQuery(rawQuery) // as URLSearchParams, malformed pairs are skipped
	q := Query{Q: v.Get("q"), Facets: map[string][]string{}}
	for _, f := range r.m.facets {
		q.Facets[f.param] = v[f.param]
		if f.param != search.LanguageParam {
			continue
		}
		switch def := r.DefaultLanguage(pageLang); {
		case slices.Contains(v[f.param], all):
			q.Facets[f.param] = nil
		case len(v[f.param]) == 0 && def != "":
			q.Facets[f.param] = []string{def}
		}
	}
	return q
}

// URL returns the query string ("" or "?…") that FromURL reads back as q, escaped as
// URLSearchParams does. As Engine.toURL in search.js.
func (r *Reader) URL(q Query, pageLang string) string {
	var b strings.Builder
	add := func(k, v string) {
		if b.Len() == 0 {
			b.WriteByte('?')
		} else {
			b.WriteByte('&')
		}
		b.WriteString(formEscape(k) + "=" + formEscape(v))
	}
	if q.Q != "" {
		add("q", q.Q)
	}
	for _, f := range r.m.facets {
		v := q.Facets[f.param]
		if f.param == search.LanguageParam {
			def := r.DefaultLanguage(pageLang)
			switch {
			case len(v) == 1 && v[0] == def:
				v = nil
			case len(v) == 0 && def != "":
				v = []string{all}
			}
		}
		for _, x := range v {
			add(f.param, x)
		}
	}
	return b.String()
}

// formEscape escapes as the application/x-www-form-urlencoded serializer of the URL
// standard (URLSearchParams): ASCII letters, digits and *-._ stay, a space is "+".
func formEscape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '*', c == '-', c == '.', c == '_':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}
