package search

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"folio/internal/par"
	"folio/internal/site"
)

// A shard is a range of surface forms, the stems they map to, and the display records
// of the best publications of its frequent stems.
type shard struct {
	key      string     // the smallest string that sorts in this shard ("" for the first)
	surfaces []uint32   // surface ids, sorted
	refs     [][]uint32 // per surface, indexes into stems
	stems    []uint32   // stem ids in order of first use by surfaces
	records  []uint32   // publications whose display records the shard carries, ascending
}

// write lays out the files: shards by surface range, display chunks, facet files and
// the manifest.
func write(s *site.Site, d *dict, post *postings, workers int) (*Index, error) {
	pubs := s.Publications
	n := len(pubs)
	docBase, err := documentBase(s)
	if err != nil {
		return nil, err
	}
	top := packs(d, post)
	shards := planShards(d, post, top)
	facets := facetColumns(s)
	nchunks := (n + ChunkDocs - 1) / ChunkDocs

	// Encode and compress everything but the manifest, in parallel, then name it all
	// after one hash of the compressed files.
	data := make([][]byte, len(shards)+nchunks+len(facets))
	par.For(len(data), workers, func(i int) {
		switch {
		case i < len(shards):
			data[i] = compress(encodeShard(shards[i], d, post, pubs, docBase, s.Config.Language))
		case i < len(shards)+nchunks:
			c := i - len(shards)
			data[i] = compress(encodeChunk(pubs[c*ChunkDocs:min(n, (c+1)*ChunkDocs)], docBase, s.Config.Language))
		default:
			if f := facets[i-len(shards)-nchunks]; f.lazy {
				data[i] = compress(f.column)
			}
		}
	})
	h := sha256.New()
	for _, b := range data {
		h.Write(binary.AppendUvarint(nil, uint64(len(b))))
		h.Write(b)
	}
	gen := hex.EncodeToString(h.Sum(nil)[:hashLen])

	files := []File{{}}
	for i, b := range data {
		switch {
		case i < len(shards):
			files = append(files, File{Path: fileName("s", i, gen), Data: b})
		case i < len(shards)+nchunks:
			files = append(files, File{Path: fileName("d", i-len(shards), gen), Data: b})
		case b != nil:
			files = append(files, File{Path: fileName("f", i-len(shards)-nchunks, gen), Data: b})
		}
	}
	m := compress(encodeManifest(s, d, gen, docBase, shards, nchunks, facets))
	files[0] = File{Path: "search/manifest." + hexHash(m) + ".bin", Data: m}
	return &Index{Files: files, Manifest: s.URL(files[0].Path)}, nil
}

// documentBase returns the URL prefix that display records leave out of publication
// URLs: the publications folder when every publication is in it, else the site's root
// (a site with editions has /fr/publications/… too).
func documentBase(s *site.Site) (string, error) {
	var outside *site.Publication
	for _, base := range []string{s.URL("publications/"), s.URL("")} {
		i := slices.IndexFunc(s.Publications, func(p *site.Publication) bool { return !strings.HasPrefix(p.URL, base) })
		if i < 0 {
			return base, nil
		}
		outside = s.Publications[i]
	}
	return "", fmt.Errorf("search: publication URL %s is not under the site's %s", outside.URL, s.URL(""))
}

// fileName is the path of a shard ("s"), display chunk ("d") or facet file ("f"):
// search/s12.3f9a1c2b4d.bin. search.js builds the same names from the manifest.
func fileName(kind string, i int, gen string) string {
	return "search/" + kind + strconv.Itoa(i) + "." + gen + ".bin"
}

func hexHash(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:hashLen])
}

// packs chooses the stems whose best publications travel with them: the PackStems most
// frequent stems (that occur in more than two chunks' worth of publications), each with
// its ChunkDocs best publications. A one-word query for a frequent word then shows its
// first page of results from the shard alone. It returns the best publications per stem;
// nil for stems without a pack.
func packs(d *dict, post *postings) [][]uint32 {
	df := func(t int) int { return post.start[t+1] - post.start[t] }
	var cands []int
	for t := range d.stemStr {
		if df(t) > 2*ChunkDocs {
			cands = append(cands, t)
		}
	}
	slices.SortFunc(cands, func(a, b int) int {
		return cmp.Or(cmp.Compare(df(b), df(a)), strings.Compare(d.stemStr[a], d.stemStr[b]))
	})
	top := make([][]uint32, len(d.stemStr))
	for _, t := range cands[:min(PackStems, len(cands))] {
		top[t] = bestDocs(post, t, ChunkDocs)
	}
	return top
}

// bestDocs returns the k publications with the highest score for stem t, ties to the
// newest (lowest id), in that order: the order of a one-word query.
func bestDocs(post *postings, t, k int) []uint32 {
	// Postings are in id order, so a later posting beats an earlier one only on score.
	best := make([]int, 0, k+1) // posting indexes, best first
	for i := post.start[t]; i < post.start[t+1]; i++ {
		if len(best) == k && post.q[i] <= post.q[best[k-1]] {
			continue
		}
		j := len(best)
		for j > 0 && post.q[i] > post.q[best[j-1]] {
			j--
		}
		best = slices.Insert(best, j, i)
		best = best[:min(len(best), k)]
	}
	out := make([]uint32, len(best))
	for j, i := range best {
		out[j] = post.docs[i]
	}
	return out
}

// recordSize estimates the bytes of one display record in a shard.
const recordSize = 450

// planShards sorts the surface forms (in UTF-16 order, as JavaScript compares strings)
// and cuts them into ranges of about shardTarget bytes. A stem whose surface forms fall
// in two shards is stored in both, so one shard always answers one word.
func planShards(d *dict, post *postings, top [][]uint32) []*shard {
	bySurface := make([][]uint32, len(d.surfStr))
	for _, info := range d.words {
		if info.stem != noStem {
			bySurface[info.surface] = append(bySurface[info.surface], info.stem)
		}
	}
	for stem, su := range d.stemSurface {
		bySurface[su] = append(bySurface[su], stem)
	}
	type surf struct {
		s  string
		id uint32
	}
	sorted := make([]surf, len(d.surfStr))
	bytewise := true // UTF-16 order is byte order unless a surface has U+E000 or above
	for i, s := range d.surfStr {
		sorted[i] = surf{s, uint32(i)}
		bytewise = bytewise && !strings.ContainsFunc(s, func(r rune) bool { return r >= 0xE000 })
		if len(bySurface[i]) > 1 {
			slices.SortFunc(bySurface[i], func(a, b uint32) int { return strings.Compare(d.stemStr[a], d.stemStr[b]) })
			bySurface[i] = slices.Compact(bySurface[i])
		}
	}
	if bytewise {
		slices.SortFunc(sorted, func(a, b surf) int { return strings.Compare(a.s, b.s) })
	} else {
		slices.SortFunc(sorted, func(a, b surf) int { return compareUTF16(a.s, b.s) })
	}
	order := make([]uint32, len(sorted))
	for i, s := range sorted {
		order[i] = s.id
	}
	sorted = nil

	var shards []*shard
	var cur *shard
	var size int
	local := map[uint32]uint32{}
	recs := map[uint32]bool{}
	closeShard := func() {
		for r := range recs {
			cur.records = append(cur.records, r)
		}
		slices.Sort(cur.records)
		cur = nil
	}
	for _, su := range order {
		if cur == nil {
			cur = &shard{}
			clear(local)
			clear(recs)
			size = 0
			if len(shards) > 0 {
				prev := shards[len(shards)-1]
				cur.key = separator(d.surfStr[prev.surfaces[len(prev.surfaces)-1]], d.surfStr[su])
			}
			shards = append(shards, cur)
		}
		cur.surfaces = append(cur.surfaces, su)
		size += len(d.surfStr[su]) + 3
		refs := make([]uint32, 0, len(bySurface[su]))
		for _, st := range bySurface[su] {
			k, ok := local[st]
			if !ok {
				k = uint32(len(cur.stems))
				local[st] = k
				cur.stems = append(cur.stems, st)
				size += 6 + 2*(post.start[st+1]-post.start[st])
				for _, doc := range top[st] {
					if !recs[doc] {
						recs[doc] = true
						size += recordSize
					}
				}
			}
			refs = append(refs, k)
		}
		cur.refs = append(cur.refs, refs)
		if size >= shardTarget {
			closeShard()
		}
	}
	if cur != nil {
		closeShard()
	}
	if len(shards) == 0 {
		shards = append(shards, &shard{})
	}
	return shards
}

// separator returns the shortest prefix of next that sorts after prev.
func separator(prev, next string) string {
	for i := range next {
		if i > 0 && compareUTF16(next[:i], prev) > 0 {
			return next[:i]
		}
	}
	return next
}

// A facetColumn is the encoded membership of every publication in one facet.
type facetColumn struct {
	param, label string
	keys, titles []string
	column       []byte // counts then values
	lazy         bool   // in its own file, loaded when the facet is opened or used
}

// Facets, in the order the search page shows them: the URL parameter, the taxonomy,
// and whether the column may move to its own file when it is large.
var facetDefs = []struct {
	param, taxonomy string
	mayLazy         bool
}{
	{"objective", "objectives", false},
	{"type", "types", false},
	{"year", "years", false},
	{"country", "countries", true},
	{"mission", "missions", true},
	{"author", "authors", true},
}

// lazyColumn is the size above which a column that may be lazy is.
const lazyColumn = 4 << 10

func facetColumns(s *site.Site) []facetColumn {
	var out []facetColumn
	if f := languageColumn(s); f != nil {
		out = append(out, *f)
	}
	for _, f := range facetDefs {
		t := s.Taxonomy(f.taxonomy)
		index := make(map[*site.Term]int, len(t.Terms))
		fc := facetColumn{param: f.param, label: t.Title}
		for i, tm := range t.Terms {
			index[tm] = i
			fc.keys = append(fc.keys, tm.Key)
			if tm.Number > 0 {
				fc.titles = append(fc.titles, strconv.Itoa(tm.Number)+". "+tm.Title) // objectives, as on cards
			} else {
				fc.titles = append(fc.titles, tm.Title)
			}
		}
		w := &writer{}
		for _, p := range s.Publications {
			w.uint(len(pubTerms(p, f.taxonomy)))
		}
		for _, p := range s.Publications {
			for _, tm := range pubTerms(p, f.taxonomy) {
				w.uint(index[tm])
			}
		}
		fc.column, fc.lazy = w.b, f.mayLazy && len(w.b) > lazyColumn
		out = append(out, fc)
	}
	return out
}

func pubTerms(p *site.Publication, taxonomy string) []*site.Term {
	switch taxonomy {
	case "objectives":
		return p.Objectives
	case "types":
		return []*site.Term{p.Type}
	case "countries":
		return p.Countries
	case "missions":
		return p.Missions
	case "years":
		return []*site.Term{p.Year}
	case "authors":
		return p.Authors
	}
	return nil
}

// LanguageParam is the URL parameter of the language facet; search.js has the same.
const LanguageParam = "language"

// languageColumn returns the language facet, first on the search page: each
// publication's language, by the primary subtag of its lang ("fr-CA" is "fr"), with
// each language's name in itself as its title. Nil when every publication is in one
// language: the facet would offer no choice, and the manifest stays as small as before.
// Languages are in the order of the site's languages list, then by code.
func languageColumn(s *site.Site) *facetColumn {
	order := map[string]int{}
	for i, l := range s.Config.Languages {
		if _, ok := order[baseLang(l.Code)]; !ok {
			order[baseLang(l.Code)] = i
		}
	}
	var codes []string
	seen := map[string]bool{}
	for _, p := range s.Publications {
		if l := baseLang(cmp.Or(p.Lang, s.Config.Language)); !seen[l] {
			seen[l] = true
			codes = append(codes, l)
		}
	}
	if len(codes) < 2 {
		return nil
	}
	slices.SortFunc(codes, func(a, b string) int {
		oa, ka := order[a]
		ob, kb := order[b]
		switch {
		case ka && kb:
			return cmp.Compare(oa, ob)
		case ka != kb:
			if ka {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	fc := &facetColumn{param: LanguageParam, label: "Language", keys: codes}
	index := map[string]int{}
	for i, c := range codes {
		index[c] = i
		fc.titles = append(fc.titles, languageName(s, c))
	}
	w := &writer{}
	for range s.Publications {
		w.uint(1)
	}
	for _, p := range s.Publications {
		w.uint(index[baseLang(cmp.Or(p.Lang, s.Config.Language))])
	}
	fc.column = w.b
	return fc
}

// languageName returns a language's name in itself: the site's languages list gives it,
// else selfNames, else the code.
func languageName(s *site.Site, code string) string {
	for _, l := range s.Config.Languages {
		if baseLang(l.Code) == code && l.Name != "" {
			return l.Name
		}
	}
	return cmp.Or(selfNames[code], code)
}

// selfNames are the names of the languages of the programme's editions, and a few
// neighbours, in themselves, for a site whose languages list does not name them.
var selfNames = map[string]string{
	"en": "English", "fr": "Français", "ar": "العربية", "es": "Español", "pt": "Português",
	"sw": "Kiswahili", "ru": "Русский", "zh": "中文",
}
