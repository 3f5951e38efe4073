package search

import (
	"cmp"
	"errors"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"folio/internal/content"
	"folio/internal/markdown"
	"folio/internal/par"
	"folio/internal/site"
)

// An Index is the set of files that make up the search index of a site.
type Index struct {
	Files    []File // the manifest first, then shards, display chunks and facet files
	Manifest string // site-relative URL of the manifest, for the search page
}

// A File is one file of the index. Path is relative to the output root
// ("search/manifest.3f9a1c2b4d.bin").
type File struct {
	Path string
	Data []byte
}

// Fields of a publication, with their weights in the weighted term frequency.
const (
	fieldTitle = iota
	fieldSummary
	fieldTaxonomy // countries, missions, authors and tags
	fieldHeadings
	fieldBody
	numFields
)

var fieldWeight = [numFields]float64{5, 3, 2, 2, 1}

// BM25 parameters.
const (
	k1 = 1.2
	b  = 0.75
)

// Tuning of the file layout.
const (
	// ChunkDocs is the number of publications per display chunk: the newest ChunkDocs
	// (the search page with no query) come in one request.
	ChunkDocs = 10
	// PackStems is the number of frequent stems whose best publications' display records
	// travel in their shard.
	PackStems = 512
	// idfScale is the fixed-point scale of the idf stored per term.
	idfScale = 256
)

// shardTarget is the raw size at which a shard is closed. Compressed, a shard is then about
// 15 kB: one word costs one such request, whatever the size of the site. A variable so
// that tests can make many small shards.
var shardTarget = 24 << 10

// Field bit widths of a packed term frequency; counts saturate at the maximum.
var tfBits = [numFields]uint{4, 5, 4, 6, 13}

// An entry is one term of one publication: the stem and its packed term frequencies per
// field; after scoring, packed holds the quantised score.
type entry struct {
	stem   uint32
	packed uint32
}

type docTerms struct {
	entries []entry
	lens    [numFields]uint32
}

// Build indexes every publication of s, reading their bodies from s.Bodies. See the
// package documentation for the files.
func Build(s *site.Site) (*Index, error) { return BuildFrom(s, nil) }

// BuildFrom is Build for a site whose bodies were counted into bodies as they were
// rendered: a store that sets bodies aside (package build) need not keep their text,
// and then every publication must be in bodies. Publications that bodies does not hold
// are read from s.Bodies.
func BuildFrom(s *site.Site, bodies *Bodies) (*Index, error) {
	if bodies == nil {
		bodies = NewBodies()
	}
	workers := runtime.GOMAXPROCS(0)
	errs := make([]error, len(s.Publications))
	par.For(len(s.Publications), workers, func(i int) {
		p := s.Publications[i]
		if bodies.has(p.Source) {
			return
		}
		body, err := s.Bodies.Body(p.Page)
		if err != nil {
			errs[i] = err
			return
		}
		bodies.Add(p.Page, body)
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	d, post := index(s.Publications, workers, bodies)
	return write(s, d, post, workers)
}

// index tokenises, stems and scores every publication, whose bodies' terms are in
// bodies, and returns the dictionary and the postings.
func index(pubs []*site.Publication, workers int, bodies *Bodies) (*dict, *postings) {
	d := bodies.d
	docs := make([]docTerms, len(pubs))

	// 1. Tokenise, stem and count, in parallel; the dictionary assigns ids in arrival
	// order, which is why nothing below depends on an id's value.
	par.Each(len(pubs), workers, func() func(int) {
		w := newWorker(d)
		return func(i int) { w.doc(pubs[i], &docs[i], bodies.terms[pubs[i].Source]) }
	})

	// 2. Score: BM25F with per-field length normalisation, quantised to a byte; in place.
	n := len(pubs)
	var avg [numFields]float64
	for i := range docs {
		for f := range numFields {
			avg[f] += float64(docs[i].lens[f])
		}
	}
	for f := range numFields {
		avg[f] = max(avg[f]/float64(max(n, 1)), 1)
	}
	par.For(n, workers, func(i int) {
		dt := &docs[i]
		var norm [numFields]float64
		for f := range numFields {
			norm[f] = fieldWeight[f] / (1 - b + b*float64(dt.lens[f])/avg[f])
		}
		for j := range dt.entries {
			tf := unpack(dt.entries[j].packed)
			var w float64
			for f := range numFields {
				w += float64(tf[f]) * norm[f]
			}
			q := math.Round(255 * w / (w + k1))
			dt.entries[j].packed = uint32(min(max(q, 1), 255))
		}
	})

	// 3. Postings per stem, in publication order (newest first).
	nstems := len(d.stemStr)
	start := make([]int, nstems+1)
	for i := range docs {
		for _, e := range docs[i].entries {
			start[e.stem+1]++
		}
	}
	for i := range nstems {
		start[i+1] += start[i]
	}
	post := &postings{start: start, docs: make([]uint32, start[nstems]), q: make([]uint8, start[nstems])}
	fill := slices.Clone(start[:nstems])
	for i := range docs {
		for _, e := range docs[i].entries {
			post.docs[fill[e.stem]] = uint32(i)
			post.q[fill[e.stem]] = uint8(e.packed)
			fill[e.stem]++
		}
		docs[i].entries = nil
	}
	docs, fill = nil, nil
	post.idf = make([]uint32, nstems)
	for t := range nstems {
		df := float64(start[t+1] - start[t])
		post.idf[t] = uint32(max(1, math.Round(idfScale*math.Log(1+(float64(n)-df+0.5)/(df+0.5)))))
	}
	return d, post
}

type postings struct {
	start []int // postings of stem t are [start[t], start[t+1])
	docs  []uint32
	q     []uint8
	idf   []uint32 // fixed point, idfScale
}

func pack(tf *[numFields]uint32) uint32 {
	var p uint32
	shift := uint(0)
	for f := range numFields {
		p |= min(tf[f], 1<<tfBits[f]-1) << shift
		shift += tfBits[f]
	}
	return p
}

func unpack(p uint32) [numFields]uint32 {
	var tf [numFields]uint32
	for f := range numFields {
		tf[f] = p & (1<<tfBits[f] - 1)
		p >>= tfBits[f]
	}
	return tf
}

// A dict assigns ids to stems and surface forms, and remembers the stem of every word it
// was asked about, so that each word is stemmed once. It is shared by the workers, which
// consult it only for words they have not seen themselves.
type dict struct {
	mu       sync.Mutex
	words    map[string]wordInfo // stemmer language + "\x00" + lowered word
	stems    map[string]uint32
	stemStr  []string
	surfaces map[string]uint32
	surfStr  []string
	langs    map[string]bool // stop-word languages met
	// stemSurface files an Arabic stem under its own string as a surface form too (stem
	// id → surface id), for search.js, which looks up the stem of an Arabic query word
	// (ArabicStem) as well as the word.
	stemSurface map[uint32]uint32
}

type wordInfo struct{ surface, stem uint32 } // stem is noStem for a stop word

func newDict(words int) *dict {
	return &dict{words: make(map[string]wordInfo, words), stems: make(map[string]uint32, words/2),
		surfaces: make(map[string]uint32, words), langs: map[string]bool{}, stemSurface: map[uint32]uint32{}}
}

// lookup returns the stem id of a token, stemming it if no worker has yet.
func (d *dict) lookup(st stemmer, tk token) uint32 {
	key := st.lang + "\x00" + string(tk.word)
	d.mu.Lock()
	info, ok := d.words[key]
	d.mu.Unlock()
	if ok {
		return info.stem
	}
	stem, keep := st.stem(tk.surface, tk.word) // outside the lock: the slow part
	d.mu.Lock()
	defer d.mu.Unlock()
	if info, ok := d.words[key]; ok {
		return info.stem
	}
	info = wordInfo{stem: noStem, surface: noStem}
	arabic := isArabic(tk.surface)
	if arabic {
		d.langs["ar"] = true
	}
	if keep {
		var ok bool
		if info.stem, ok = d.stems[stem]; !ok {
			info.stem = uint32(len(d.stemStr))
			d.stems[stem] = info.stem
			d.stemStr = append(d.stemStr, stem)
		}
		info.surface = d.surface(string(tk.surface))
		if _, ok := d.stemSurface[info.stem]; arabic && !ok && stem != string(tk.surface) {
			d.stemSurface[info.stem] = d.surface(stem)
		}
	}
	d.words[key] = info
	return info.stem
}

// surface returns the id of a surface form, adding it if new; d.mu is held.
func (d *dict) surface(s string) uint32 {
	id, ok := d.surfaces[s]
	if !ok {
		id = uint32(len(d.surfStr))
		d.surfStr = append(d.surfStr, s)
		d.surfaces[s] = id
	}
	return id
}

// A worker indexes publications one at a time with its own caches.
type worker struct {
	d     *dict
	tok   tokenizer
	cache map[string]map[string]uint32 // per stemmer language: lowered word → stem id (noStem: stop word)
	hot   *[hotSize]hotEntry           // a direct-mapped cache of frequent words, keys inline
	slot  []int32                      // stem id → 1 + index in tfs for the current publication, or 0
	tfs   []stemTF
	arena []entry
}

const noStem = math.MaxUint32

// hotSize entries of the direct-mapped word cache: the most frequent words of a
// Zipfian text are answered without touching the large per-language maps, whose keys
// are scattered in memory.
const hotSize = 1 << 14

type hotEntry struct {
	key  [22]byte
	n    uint8 // key length; 0 for an empty entry
	lang uint8
	id   uint32
}

func langIndex(lang string) uint8 {
	switch lang {
	case "en":
		return 1
	case "fr":
		return 2
	}
	return 3
}

type stemTF struct {
	stem uint32
	tf   [numFields]uint32
}

func newWorker(d *dict) *worker {
	return &worker{d: d, tok: tokenizer{index: true}, cache: map[string]map[string]uint32{}, hot: new([hotSize]hotEntry)}
}

// A scan counts the terms of one publication, field by field.
type scan struct {
	w     *worker
	st    stemmer
	cache map[string]uint32
	li    uint8
	lens  [numFields]uint32
}

// begin starts counting the terms of a publication in language lang.
func (w *worker) begin(lang string) *scan {
	st := newStemmer(lang)
	if st.lang != "" {
		w.d.mu.Lock()
		w.d.langs[st.lang] = true
		w.d.mu.Unlock()
	}
	cache := w.cache[st.lang]
	if cache == nil {
		cache = map[string]uint32{}
		w.cache[st.lang] = cache
	}
	w.tfs = w.tfs[:0]
	return &scan{w: w, st: st, cache: cache, li: langIndex(st.lang)}
}

// add counts the terms of text in field.
func (sc *scan) add(field int, text string) {
	w, st, cache, li := sc.w, sc.st, sc.cache, sc.li
	emit := func(tk token) {
		var h *hotEntry
		var id uint32
		if len(tk.word) <= len(h.key) {
			x := uint32(2166136261) ^ uint32(li)
			for _, c := range tk.word {
				x = (x ^ uint32(c)) * 16777619
			}
			h = &w.hot[x&(hotSize-1)]
			if int(h.n) == len(tk.word) && h.lang == li && string(h.key[:h.n]) == string(tk.word) {
				id = h.id
				goto found
			}
		}
		{
			var ok bool
			id, ok = cache[string(tk.word)]
			if !ok {
				id = w.d.lookup(st, tk)
				cache[string(tk.word)] = id
			}
			if h != nil {
				h.n, h.lang, h.id = uint8(copy(h.key[:], tk.word)), li, id
			}
		}
	found:
		if id == noStem {
			return
		}
		sc.lens[field]++
		w.count(id).tf[field]++
	}
	w.tok.scan(text, emit)
}

// count returns the counts of stem id in the current publication, adding them if new.
func (w *worker) count(id uint32) *stemTF {
	if int(id) >= len(w.slot) {
		w.slot = append(w.slot, make([]int32, int(id)+1-len(w.slot)+1024)...)
	}
	k := w.slot[id] - 1
	if k < 0 {
		k = int32(len(w.tfs))
		w.slot[id] = k + 1
		w.tfs = append(w.tfs, stemTF{stem: id})
	}
	return &w.tfs[k]
}

// end returns the counted terms, packed, in entries taken from the worker's arena (or
// newly allocated if own), and clears the worker for the next publication.
func (sc *scan) end(own bool) []entry {
	w := sc.w
	var out []entry
	if own {
		out = make([]entry, len(w.tfs))
	} else {
		if len(w.arena) < len(w.tfs) {
			w.arena = make([]entry, max(len(w.tfs), 1<<16))
		}
		out, w.arena = w.arena[:len(w.tfs):len(w.tfs)], w.arena[len(w.tfs):]
	}
	for k, t := range w.tfs {
		out[k] = entry{stem: t.stem, packed: pack(&t.tf)}
		w.slot[t.stem] = 0
	}
	return out
}

// doc counts the terms of publication p, whose headings and body were counted into pre.
func (w *worker) doc(p *site.Publication, out *docTerms, pre *bodyTerms) {
	sc := w.begin(p.Lang)
	if pre != nil {
		for _, e := range pre.entries {
			c := w.count(e.stem)
			tf := unpack(e.packed)
			c.tf[fieldHeadings], c.tf[fieldBody] = tf[fieldHeadings], tf[fieldBody]
		}
		sc.lens[fieldHeadings], sc.lens[fieldBody] = pre.lens[0], pre.lens[1]
	}
	sc.add(fieldTitle, p.Title)
	sc.add(fieldSummary, p.Summary)
	for _, terms := range [][]*site.Term{p.Countries, p.Missions, p.Authors} {
		for _, t := range terms {
			sc.add(fieldTaxonomy, t.Title)
		}
	}
	for _, tag := range p.Tags {
		sc.add(fieldTaxonomy, tag)
	}
	out.lens = sc.lens
	out.entries = sc.end(false)
}

// Bodies keeps the terms of publication bodies, counted as the bodies are rendered (by
// the body store of package build), so that a build can let go of each body's plain text at once
// instead of holding the text of every publication until the index is made: at 10,000
// publications that text is a quarter of a gigabyte. Safe for concurrent use.
type Bodies struct {
	d       *dict
	workers sync.Pool
	mu      sync.Mutex
	terms   map[string]*bodyTerms // by source path
}

// bodyTerms are the heading and body counts of one publication, packed as in a docTerms.
type bodyTerms struct {
	entries []entry
	lens    [2]uint32 // headings, body
}

// NewBodies returns an empty Bodies.
func NewBodies() *Bodies {
	b := &Bodies{d: newDict(1 << 12), terms: map[string]*bodyTerms{}} // the maps grow with the vocabulary
	b.workers.New = func() any { return newWorker(b.d) }
	return b
}

// Add counts the terms of a publication's headings and body text. Plain pages are
// not indexed and are ignored.
func (b *Bodies) Add(p *content.Page, doc markdown.Body) {
	if p.Kind != content.Publication {
		return
	}
	w := b.workers.Get().(*worker)
	defer b.workers.Put(w)
	sc := w.begin(p.Lang)
	for _, h := range doc.Headings {
		sc.add(fieldHeadings, h)
	}
	sc.add(fieldBody, doc.Text)
	bt := &bodyTerms{entries: sc.end(true), lens: [2]uint32{sc.lens[fieldHeadings], sc.lens[fieldBody]}}
	b.mu.Lock()
	b.terms[p.Source] = bt
	b.mu.Unlock()
}

func (b *Bodies) has(source string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.terms[source] != nil
}

// compareUTF16 compares strings by UTF-16 code units, as JavaScript's < does: code
// points from U+E000 to U+FFFF sort after the supplementary planes.
func compareUTF16(a, b string) int {
	// Byte order is code point order; it differs from UTF-16 order only where both
	// strings first differ at lead bytes of U+E000..U+FFFF or of the supplementary planes.
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	if i == len(a) || i == len(b) || a[i] < 0xEE || b[i] < 0xEE {
		return strings.Compare(a[i:], b[i:])
	}
	key := func(r rune) rune {
		if r >= 0xE000 && r <= 0xFFFF {
			return r + 0x110000
		}
		return r
	}
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return cmp.Compare(key(ra), key(rb))
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(len(a), len(b))
}
