package search

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"slices"
	"strings"
	"sync"

	"folio/internal/site"
)

// magic starts the manifest; the digit is the format version.
const magic = "FLS1"

// hashLen is the number of bytes of SHA-256 in a file name (10 hex digits).
const hashLen = 5

// deflateLevel is the compression level of the index files: level 9 takes twice as
// long for a negligible saving (bench/README.md has the figures).
const deflateLevel = 6

// deflaters holds compressors for reuse: a new one allocates about a megabyte, and a
// site of 10,000 publications has 1,700 files.
var deflaters = sync.Pool{New: func() any {
	w, err := flate.NewWriter(nil, deflateLevel)
	if err != nil {
		panic(err) // only for a level out of range
	}
	return w
}}

// compress returns data as raw DEFLATE (RFC 1951), which search.js inflates with
// DecompressionStream("deflate-raw"): the files then cost the same on a host that does
// not compress them. Raw, not gzip or zlib: their headers and checksums would add 18 and
// 6 bytes to every file, against damage in transit that TCP and TLS already catch. The
// compressor is deterministic, so the same site still gives the same bytes.
func compress(data []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(data)/2 + 64)
	w := deflaters.Get().(*flate.Writer)
	w.Reset(&buf)
	w.Write(data) // a bytes.Buffer does not fail
	w.Close()
	deflaters.Put(w)
	return buf.Bytes()
}

// A writer appends the primitives of the format: unsigned LEB128 varints, and strings
// as a varint byte length followed by UTF-8.
type writer struct{ b []byte }

func (w *writer) uint(v int)     { w.b = binary.AppendUvarint(w.b, uint64(v)) }
func (w *writer) str(s string)   { w.uint(len(s)); w.b = append(w.b, s...) }
func (w *writer) bytes(p []byte) { w.b = append(w.b, p...) }
func (w *writer) strs(ss []string) {
	w.uint(len(ss))
	for _, s := range ss {
		w.str(s)
	}
}

func varintLen(v int) int {
	n := 1
	for ; v >= 0x80; v >>= 7 {
		n++
	}
	return n
}

// encodeShard writes one shard (see the package documentation for the grammar).
func encodeShard(sh *shard, d *dict, post *postings, pubs []*site.Publication, docBase, siteLang string) []byte {
	size := 16
	for _, st := range sh.stems {
		size += 8 + 3*(post.start[st+1]-post.start[st])
	}
	for _, su := range sh.surfaces {
		size += 8 + len(d.surfStr[su])
	}
	w := &writer{b: make([]byte, 0, size+len(sh.records)*recordSize)}
	w.uint(len(sh.stems))
	for _, st := range sh.stems {
		lo, hi := post.start[st], post.start[st+1]
		n := 0
		prev := -1
		for _, doc := range post.docs[lo:hi] {
			n += varintLen(int(doc) - prev)
			prev = int(doc)
		}
		w.uint(int(post.idf[st]))
		w.uint(hi - lo)
		w.uint(n + hi - lo)
		prev = -1
		for _, doc := range post.docs[lo:hi] {
			w.uint(int(doc) - prev)
			prev = int(doc)
		}
		w.bytes(post.q[lo:hi])
	}
	w.uint(len(sh.surfaces))
	prev := ""
	for i, su := range sh.surfaces {
		s := d.surfStr[su]
		shared := 0
		for shared < len(s) && shared < len(prev) && s[shared] == prev[shared] {
			shared++
		}
		w.uint(shared)
		w.str(s[shared:])
		w.uint(len(sh.refs[i]))
		for _, k := range sh.refs[i] {
			w.uint(int(k))
		}
		prev = s
	}
	w.uint(len(sh.records))
	last := -1
	for _, doc := range sh.records {
		w.uint(int(doc) - last)
		last = int(doc)
		record(w, pubs[doc], docBase, siteLang)
	}
	return w.b
}

// record writes the display record of a publication: title, URL relative to the
// document base, summary, and language ("" when it is the site's).
func record(w *writer, p *site.Publication, docBase, siteLang string) {
	lang := p.Lang
	if lang == siteLang {
		lang = ""
	}
	w.str(p.Title)
	w.str(strings.TrimPrefix(p.URL, docBase))
	w.str(p.Summary)
	w.str(lang)
}

// encodeChunk writes the display records of consecutive publications.
func encodeChunk(pubs []*site.Publication, docBase, siteLang string) []byte {
	w := &writer{}
	for _, p := range pubs {
		record(w, p, docBase, siteLang)
	}
	return w.b
}

// encodeManifest writes the entry file (see the package documentation for the grammar).
func encodeManifest(s *site.Site, d *dict, gen, docBase string, shards []*shard, nchunks int, facets []facetColumn) []byte {
	w := &writer{}
	w.bytes([]byte(magic))
	w.str(gen)
	w.str(docBase)
	w.uint(len(s.Publications))
	w.uint(ChunkDocs)
	w.uint(nchunks)
	w.uint(len(shards))
	for _, sh := range shards {
		w.str(sh.key)
	}
	stop := map[string]bool{}
	for l := range d.langs {
		for _, w := range sortedStopWords(l) {
			stop[w] = true
		}
	}
	words := make([]string, 0, len(stop))
	for w := range stop {
		words = append(words, w)
	}
	slices.Sort(words)
	w.strs(words)
	w.str(s.Config.Language)
	prev := 0
	for i, p := range s.Publications {
		day := int(p.Date.Unix() / 86400)
		if i == 0 {
			w.uint(day)
		} else {
			w.uint(prev - day)
		}
		prev = day
	}
	w.uint(len(facets))
	for _, f := range facets {
		w.str(f.param)
		w.str(f.label)
		w.uint(len(f.keys))
		for i := range f.keys {
			w.str(f.keys[i])
			w.str(f.titles[i])
		}
		if f.lazy {
			w.uint(1)
		} else {
			w.uint(0)
			w.bytes(f.column)
		}
	}
	var names []string
	for _, tm := range s.Taxonomy("types").Terms {
		name := tm.Title
		for _, ty := range s.Config.Types {
			if ty.Key == tm.Key {
				name = ty.Title
			}
		}
		names = append(names, name)
	}
	w.strs(names)
	return w.b
}
