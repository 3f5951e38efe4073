package cite

import (
	"cmp"
	"html"
	"strings"
)

// Chicago returns w as a Chicago (17th edition) bibliography entry, in HTML:
//
//	Okafor, Amina, and Jean Mbeki. <i>Warning Without Response</i>. Policy brief. Civilians in Conflict Programme, March 15, 2022. https://example.org/warning/.
func Chicago(w Work) string {
	var parts []string
	names := w.names()
	org := oneLine(w.Organisation)
	switch {
	case len(names) > 0:
		parts = append(parts, period(chicagoAuthors(names)))
	case org != "":
		parts = append(parts, period(org))
	}
	title := oneLine(w.Title)
	if w.Commentary {
		parts = append(parts, quoted(title))
	} else if title != "" {
		parts = append(parts, "\x00i"+title+"\x00/i"+terminal(title))
	}
	// A numbered report is named by its series and number ("Policy Brief No. 12"),
	// which also says what kind of work it is, and its report number follows.
	if t := joinNonEmpty(", ", cmp.Or(oneLine(w.SeriesLabel), oneLine(w.TypeTitle)), oneLine(w.ReportNumber)); t != "" {
		parts = append(parts, period(t))
	}
	date := "n.d."
	if !w.Date.IsZero() {
		date = w.Date.Format("January 2, 2006")
	}
	if org != "" {
		parts = append(parts, period(org+", "+date))
	} else {
		parts = append(parts, period(date))
	}
	if u := w.Link(); u != "" {
		parts = append(parts, u+".")
	}
	return toHTML(strings.Join(parts, " "))
}

// chicagoAuthors lists names the Chicago way: the first inverted, the others in
// direct order, the last after "and"; more than ten give the first seven and "et al.".
func chicagoAuthors(names []Name) string {
	if len(names) > 10 {
		list := []string{names[0].inverted()}
		for _, n := range names[1:7] {
			list = append(list, n.direct())
		}
		return strings.Join(list, ", ") + ", et al."
	}
	switch len(names) {
	case 1:
		return names[0].inverted()
	case 2:
		return names[0].inverted() + ", and " + names[1].direct()
	}
	list := []string{names[0].inverted()}
	for _, n := range names[1 : len(names)-1] {
		list = append(list, n.direct())
	}
	return strings.Join(list, ", ") + ", and " + names[len(names)-1].direct()
}

// APA returns w as an APA (7th edition) reference, in HTML:
//
//	Okafor, A., &amp; Mbeki, J. (2022, March 15). <i>Warning Without Response</i> [Policy brief]. Civilians in Conflict Programme. https://example.org/warning/
func APA(w Work) string {
	var parts []string
	names := w.names()
	org := oneLine(w.Organisation)
	groupAuthor := false
	switch {
	case len(names) > 0:
		parts = append(parts, period(apaAuthors(names)))
	case org != "":
		parts = append(parts, period(org))
		groupAuthor = true
	}
	date := "(n.d.)."
	if !w.Date.IsZero() {
		date = "(" + w.Date.Format("2006, January 2") + ")."
	}
	parts = append(parts, date)
	title := oneLine(w.Title)
	t := oneLine(w.TypeTitle)
	switch {
	case title == "" && (w.Commentary || t == ""):
	case title == "":
		parts = append(parts, "["+t+"].")
	case w.apaNumber() != "":
		// APA gives a report's number in parentheses, where it also says what it is.
		parts = append(parts, "\x00i"+title+"\x00/i ("+w.apaNumber()+").")
	case w.Commentary || t == "":
		parts = append(parts, "\x00i"+title+"\x00/i"+terminal(title))
	default:
		parts = append(parts, "\x00i"+title+"\x00/i ["+t+"].")
	}
	if org != "" && !groupAuthor {
		parts = append(parts, period(org))
	}
	if u := w.Link(); u != "" {
		parts = append(parts, u)
	}
	return toHTML(strings.Join(parts, " "))
}

// apaNumber is what APA puts in parentheses after the title of a numbered report:
// "Policy Brief No. 12", "Policy brief No. CIC/PB/12", both joined by a comma; "" for
// a work with no number.
func (w Work) apaNumber() string {
	label, report := oneLine(w.SeriesLabel), oneLine(w.ReportNumber)
	if report == "" {
		return label
	}
	if label != "" {
		return label + ", " + report
	}
	return strings.TrimSpace(oneLine(w.TypeTitle) + " No. " + report)
}

// apaAuthors lists names the APA way: "Family, I." joined by commas, "&" before the
// last; more than twenty give the first nineteen, an ellipsis and the last.
func apaAuthors(names []Name) string {
	one := func(n Name) string {
		if in := n.initials(); in != "" {
			return n.Family + ", " + in
		}
		return n.Family
	}
	var list []string
	if len(names) > 20 {
		for _, n := range names[:19] {
			list = append(list, one(n))
		}
		return strings.Join(list, ", ") + ", . . . " + one(names[len(names)-1])
	}
	for _, n := range names {
		list = append(list, one(n))
	}
	switch len(list) {
	case 1:
		return list[0]
	case 2:
		return list[0] + ", & " + list[1]
	}
	return strings.Join(list[:len(list)-1], ", ") + ", & " + list[len(list)-1]
}

// period ends s with a period unless it already ends with terminal punctuation.
func period(s string) string {
	return s + terminal(s)
}

// terminal returns "." unless s ends with ".", "?" or "!" (or is empty).
func terminal(s string) string {
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return ""
	}
	return "."
}

// quoted puts an article title in curly double quotes, with the closing period inside
// (unless the title ends with its own punctuation), and turns the title's own double
// quotation marks into single ones, as Chicago does for a quotation within a quotation.
func quoted(title string) string {
	if title == "" {
		return ""
	}
	var b strings.Builder
	open := true
	for _, r := range title {
		switch r {
		case '"':
			if open {
				b.WriteRune('‘')
			} else {
				b.WriteRune('’')
			}
			open = !open
		case '“':
			b.WriteRune('‘')
		case '”':
			b.WriteRune('’')
		default:
			b.WriteRune(r)
		}
	}
	return "“" + b.String() + terminal(title) + "”"
}

// toHTML escapes s and turns the markers "\x00i" and "\x00/i", which no input can
// contain once oneLine has dropped control characters, into <i> and </i>.
func toHTML(s string) string {
	return italics.Replace(html.EscapeString(s))
}

var italics = strings.NewReplacer("\x00i", "<i>", "\x00/i", "</i>")
