package cite

import (
	"bytes"
	"cmp"
	"strings"
)

// RIS returns works as RIS records, in the order given, with CR LF line endings.
func RIS(works ...Work) []byte {
	var b bytes.Buffer
	for _, w := range works {
		writeRISRecord(&b, w)
	}
	return b.Bytes()
}

func writeRISRecord(b *bytes.Buffer, w Work) {
	tag := func(t, value string) {
		if value == "" {
			return
		}
		b.WriteString(t + "  - " + value + "\r\n")
	}
	noStar := func(s string) string { return oneLine(strings.ReplaceAll(s, "*", "")) }
	org := oneLine(w.Organisation)

	if w.Commentary {
		tag("TY", "ELEC")
	} else {
		tag("TY", "RPRT")
	}
	if names := w.names(); len(names) > 0 {
		for _, n := range names {
			tag("AU", noStar(n.inverted()))
		}
	} else {
		tag("AU", noStar(org))
	}
	tag("TI", oneLine(w.Title))
	if !w.Date.IsZero() {
		tag("PY", w.Date.Format("2006"))
		tag("DA", w.Date.Format("2006/01/02"))
	}
	tag("PB", org)
	if w.Commentary {
		tag("T2", org)
	}
	tag("M3", oneLine(w.TypeTitle))
	tag("T3", oneLine(w.Series))
	// RIS has one SN, "ISBN/ISSN" in the specification and a report's number to Zotero:
	// the ISBN if there is one, or else the number.
	tag("SN", cmp.Or(oneLine(w.ISBN), w.number()))
	tag("DO", oneLine(w.DOI))
	tag("UR", risURL(w.URL))
	tag("L1", risURL(w.PDFURL))
	tag("AB", oneLine(w.Summary))
	for _, k := range w.Keywords {
		tag("KW", noStar(k))
	}
	tag("LA", oneLine(w.Language))
	for _, c := range w.Corrections {
		tag("N1", c.note())
	}
	b.WriteString("ER  - \r\n")
}

// risURL writes a URL on one line, with spaces (never valid in a URL) percent-encoded.
func risURL(u string) string {
	return strings.ReplaceAll(oneLine(u), " ", "%20")
}
