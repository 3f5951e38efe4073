package protect

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"folio/internal/diag"
)

// A Match is an occurrence of a protected term in a text.
type Match struct {
	Start, End int // byte offsets of the occurrence in the text
	Term       int // the term's index in the list (TermPos)
}

// Find returns every occurrence of the list's terms in text, by position. Occurrences
// of two terms may overlap.
func (l *List) Find(text []byte) []Match {
	if l.Len() == 0 {
		return nil
	}
	ms := l.ac.find(l.terms, text, nil)
	if len(l.phones) > 0 {
		ms = l.findPhones(text, ms)
	}
	for _, i := range l.patterns {
		for _, loc := range l.terms[i].re.FindAllIndex(text, -1) {
			if loc[1] > loc[0] {
				ms = append(ms, Match{Start: loc[0], End: loc[1], Term: i})
			}
		}
	}
	slices.SortFunc(ms, func(a, b Match) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.Term, b.Term))
	})
	return ms
}

// findPhones appends the phone terms in text to ms: each number in the text is looked
// up by its last digits.
func (l *List) findPhones(text []byte, ms []Match) []Match {
	var digits []byte
	for i := 0; i < len(text); {
		if !isDigit(text[i]) {
			i++
			continue
		}
		start := i
		if start > 0 && text[start-1] == '+' {
			start--
		}
		digits = digits[:0]
		end, j := i, i
		for j < len(text) {
			if isDigit(text[j]) {
				digits = append(digits, text[j])
				j++
				end = j
				continue
			}
			k := j
			for k < len(text) && k-j < 3 && isPhoneSep(rune(text[k])) {
				k++
			}
			if k == j || k == len(text) || !isDigit(text[k]) {
				break
			}
			j = k
		}
		i = end
		if len(digits) < minDigits {
			continue
		}
		// Numbers that agree in their last digits agree in the last minDigits of them.
		for _, t := range l.phones[string(digits[len(digits)-minDigits:])] {
			if phoneMatch(l.terms[t].digits, string(digits)) {
				ms = append(ms, Match{Start: start, End: end, Term: t})
			}
		}
	}
	return ms
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// An Approval is the set of terms that one publication may name (allow_protected).
// The nil Approval approves nothing.
type Approval struct {
	terms map[int]bool
	texts map[string]bool // patterns: the term's index and the folded text approved
}

// Approve reads the entries of an allow_protected list. It returns the indexes of the
// entries that approve nothing: they match no term of the list.
func (l *List) Approve(entries []string) (*Approval, []int) {
	a := &Approval{terms: map[int]bool{}, texts: map[string]bool{}}
	var unknown []int
	for i, e := range entries {
		if l.Len() == 0 {
			unknown = append(unknown, i)
			continue
		}
		e = strings.TrimSpace(e)
		found := false
		if ts, ok := l.byNorm[strings.Join(foldWords(e), " ")]; ok && e != "" {
			for _, t := range ts {
				a.terms[t] = true
			}
			found = true
		}
		if isPhone(e) {
			d := digitsOf(e)
			for _, ts := range l.phones {
				for _, t := range ts {
					if phoneMatch(l.terms[t].digits, d) {
						a.terms[t], found = true, true
					}
				}
			}
		}
		for _, t := range l.patterns {
			if loc := l.terms[t].re.FindStringIndex(e); loc != nil && loc[0] == 0 && loc[1] == len(e) {
				a.texts[approvalKey(t, e)], found = true, true
			}
		}
		if !found {
			unknown = append(unknown, i)
		}
	}
	return a, unknown
}

func approvalKey(t int, text string) string {
	return fmt.Sprintf("%d\x00%s", t, strings.Join(foldWords(text), " "))
}

// Allows reports whether a approves the occurrence m in text.
func (a *Approval) Allows(l *List, text []byte, m Match) bool {
	if a == nil {
		return false
	}
	if l.terms[m.Term].kind != pattern {
		return a.terms[m.Term]
	}
	return a.texts[approvalKey(m.Term, string(text[m.Start:m.End]))]
}

// Describe says which term m is an occurrence of, quoting text (where it was found)
// and naming the term's line in the list, never the list's entry.
func (l *List) Describe(text []byte, m Match) string {
	pos := l.terms[m.Term].pos
	where := pos.String()
	if pos.Line > 0 {
		where = fmt.Sprintf("line %d of %s", pos.Line, pos.File)
	}
	return fmt.Sprintf("%q is protected (%s)", quote(text[m.Start:m.End]), where)
}

// quote returns found text on one line, shortened to 80 characters.
func quote(b []byte) string {
	s := strings.Join(strings.Fields(strings.ToValidUTF8(string(b), "\uFFFD")), " ")
	if utf8.RuneCountInString(s) > 80 {
		s = string([]rune(s)[:79]) + "…"
	}
	return s
}

// Hint is what a message about a protected term suggests doing.
const Hint = "remove it, or, if this publication may name it, add it to allow_protected in the front matter"

// ScanTexts checks texts that belong to file but have no lines of their own (an image's
// metadata, say: what names them, "in the image's metadata"), reporting each occurrence
// that a does not approve at the file.
func (l *List) ScanTexts(file, what string, texts []string, a *Approval) diag.List {
	var errs diag.List
	for _, s := range texts {
		b := []byte(s)
		for _, m := range l.Find(b) {
			if !a.Allows(l, b, m) {
				errs.Errorf(diag.Position{File: file}, "%s: %s: %s", what, l.Describe(b, m), Hint)
			}
		}
	}
	return errs
}

// ErrNoPDFText says that the text of PDFs cannot be read on this computer.
var ErrNoPDFText = errors.New("protected terms not checked in attached PDFs: pdftotext is not installed (install poppler-utils)")

// PDFTimeout bounds the reading of one PDF's text: a damaged or hostile file must not
// hold up the build.
const PDFTimeout = time.Minute

// ScanPDF checks the text of a PDF file (its contents, data) with pdftotext, reporting
// each occurrence that a does not approve at the file, with its page. It returns
// ErrNoPDFText when pdftotext is not installed.
func (l *List) ScanPDF(file string, data []byte, a *Approval) (diag.List, error) {
	if l.Len() == 0 {
		return nil, nil
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, ErrNoPDFText
	}
	ctx, cancel := context.WithTimeout(context.Background(), PDFTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-q", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("reading its text took more than %s", PDFTimeout)
	}
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("pdftotext: %s", msg)
		}
		return nil, fmt.Errorf("pdftotext: %w", err)
	}
	var errs diag.List
	for page, text := range bytes.Split(out, []byte("\f")) {
		for _, m := range l.Find(text) {
			if !a.Allows(l, text, m) {
				errs.Errorf(diag.Position{File: file}, "page %d: %s: %s", page+1, l.Describe(text, m), Hint)
			}
		}
	}
	return errs, nil
}

// A Positioner turns byte offsets in one text into line:col positions (columns count
// bytes, as for Markdown). Offsets must be given in increasing order.
type Positioner struct {
	file      string
	text      []byte
	off, line int
	lineStart int
}

// NewPositioner returns a Positioner for text, in file.
func NewPositioner(file string, text []byte) *Positioner {
	return &Positioner{file: file, text: text, line: 1}
}

// Pos returns the position of byte offset off.
func (p *Positioner) Pos(off int) diag.Position {
	for ; p.off < off && p.off < len(p.text); p.off++ {
		if p.text[p.off] == '\n' {
			p.line++
			p.lineStart = p.off + 1
		}
	}
	return diag.Position{File: p.file, Line: p.line, Col: off - p.lineStart + 1}
}
