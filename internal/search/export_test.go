package search

import "testing"

// For the tests of package search_test, which read the index through
// searchtest.Reader (that package imports this one).

var (
	NewSite      = newSite
	NewSiteWith  = newSiteWith
	Pub          = pub
	RankCorpus   = rankCorpus
	RunNode      = runNode
	CompareUTF16 = compareUTF16
)

// SetShardTarget cuts shards at n raw bytes until the test ends, so that a small site
// has many shards.
func SetShardTarget(t testing.TB, n int) {
	old := shardTarget
	shardTarget = n
	t.Cleanup(func() { shardTarget = old })
}
