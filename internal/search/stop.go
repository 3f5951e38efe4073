package search

import (
	"maps"
	"slices"
	"strings"
)

// Stop words as in the Snowball stemmers' lists (github.com/kljensen/snowball,
// english.IsStopWord and french.IsStopWord), plus "les ils elles cette cet", which the
// French list lacks; stopAR (arabic.go) applies to Arabic-script words in a publication
// of any language. They are folded when used. The manifest carries the stop words of the
// index's languages ("ar" once an Arabic word was met) to search.js, so these lists are
// the only copy.
var (
	stopEN = strings.Fields(`a about above after again against all am an and any are as at be
because been before being below between both but by can did do does doing don down during
each few for from further had has have having he her here hers herself him himself his how
i if in into is it its itself just me more most my myself no nor not now of off on once
only or other our ours ourselves out over own s same she should so some such t than that
the their theirs them themselves then there these they this those through to too under
until up very was we were what when where which while who whom why will with you your
yours yourself yourselves`)
	stopFR = strings.Fields(`au aux avec ce ces dans de des du elle en et eux il je la le leur
lui ma mais me même mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses
son sur ta te tes toi ton tu un une vos votre vous c d j l à m n s t y été étée étées étés
étant étante étants étantes suis es est sommes êtes sont serai seras sera serons serez
seront serais serait serions seriez seraient étais était étions étiez étaient fus fut
fûmes fûtes furent sois soit soyons soyez soient fusse fusses fût fussions fussiez
fussent ayant ayante ayantes ayants eu eue eues eus ai as avons avez ont aurai auras aura
aurons aurez auront aurais aurait aurions auriez auraient avais avait avions aviez
avaient eut eûmes eûtes eurent aie aies ait ayons ayez aient eusse eusses eût eussions
eussiez eussent les ils elles cette cet`)
	stopSets = map[string]map[string]bool{"en": foldSet(stopEN), "fr": foldSet(stopFR), "ar": foldSet(stopAR)}
)

func foldSet(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[fold(w)] = true
	}
	return m
}

// stopWords returns the folded stop words of a language tag, or nil.
func stopWords(lang string) map[string]bool { return stopSets[baseLang(lang)] }

// sortedStopWords returns the folded stop words of "en", "fr" or "ar", sorted; nil for
// others.
func sortedStopWords(lang string) []string { return slices.Sorted(maps.Keys(stopWords(lang))) }
