package protect

// An automaton finds every word term in one pass over the words of a text, whatever
// the number of terms (Aho–Corasick, over word numbers instead of bytes): each word
// moves it at most one step forward and, amortised, at most one step back.
type automaton struct {
	ids      map[string]int32 // every word of a term, numbered
	next     []map[int32]int32
	fail     []int32 // the longest proper suffix of the node's words that is a node
	dict     []int32 // the nearest node along fail links that ends a term, or -1
	ends     [][]int // the terms that end at the node
	maxWords int
}

func newAutomaton(terms []term, seqs [][]string) automaton {
	a := automaton{ids: map[string]int32{}}
	a.node()
	j := 0
	for i, t := range terms {
		if t.kind != words {
			continue
		}
		ws := seqs[j]
		j++
		a.maxWords = max(a.maxWords, len(ws))
		n := int32(0)
		for _, w := range ws {
			id, ok := a.ids[w]
			if !ok {
				id = int32(len(a.ids))
				a.ids[w] = id
			}
			to, ok := a.next[n][id]
			if !ok {
				to = a.node()
				a.next[n][id] = to
			}
			n = to
		}
		a.ends[n] = append(a.ends[n], i)
	}
	// Breadth first, so that a node's fail link is set before its children's.
	queue := []int32{}
	for _, to := range a.next[0] {
		queue = append(queue, to)
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for id, to := range a.next[n] {
			f := a.fail[n]
			for f != 0 && !a.has(f, id) {
				f = a.fail[f]
			}
			if g, ok := a.next[f][id]; ok && g != to {
				a.fail[to] = g
			}
			if len(a.ends[a.fail[to]]) > 0 {
				a.dict[to] = a.fail[to]
			} else {
				a.dict[to] = a.dict[a.fail[to]]
			}
			queue = append(queue, to)
		}
	}
	return a
}

func (a *automaton) node() int32 {
	a.next = append(a.next, map[int32]int32{})
	a.fail = append(a.fail, 0)
	a.dict = append(a.dict, -1)
	a.ends = append(a.ends, nil)
	return int32(len(a.next) - 1)
}

func (a *automaton) has(n, id int32) bool {
	_, ok := a.next[n][id]
	return ok
}

// step moves from node n on word w.
func (a *automaton) step(n int32, w []byte) int32 {
	id, ok := a.ids[string(w)]
	if !ok {
		return 0
	}
	for n != 0 && !a.has(n, id) {
		n = a.fail[n]
	}
	return a.next[n][id] // 0 when the root has no such word either
}

// find appends the word terms in text to ms.
func (a *automaton) find(terms []term, text []byte, ms []Match) []Match {
	if a.maxWords == 0 {
		return ms
	}
	starts := make([]int, a.maxWords) // of the last words read, by word number mod maxWords
	var f folder
	n, k := int32(0), 0
	f.each(text, func(start, end int, w []byte) {
		starts[k%a.maxWords] = start
		n = a.step(n, w)
		for e := n; e > 0; e = a.dict[e] {
			for _, t := range a.ends[e] {
				first := k - terms[t].words + 1
				ms = append(ms, Match{Start: starts[first%a.maxWords], End: end, Term: t})
			}
		}
		k++
	})
	return ms
}
