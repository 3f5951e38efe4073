package protect

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode/utf8"

	"folio/internal/diag"
)

// An Entry is one term as written, in the list file or in site.yaml.
type Entry struct {
	Text string
	Pos  diag.Position // where Text starts
}

type kind uint8

const (
	words kind = iota
	phone
	pattern
)

type term struct {
	pos    diag.Position
	kind   kind
	words  int    // words: how many
	norm   string // words: the folded words joined by one space
	digits string // phone
	re     *regexp.Regexp
}

// A List is a compiled list of protected terms. It is safe for concurrent use; the
// nil List has no terms.
type List struct {
	terms    []term
	ac       automaton
	byNorm   map[string][]int // word terms by folded form
	phones   map[string][]int // phone terms by their last minDigits digits
	patterns []int
	hash     string
}

// minDigits is the fewest digits of a phone number: fewer would match years and counts.
const minDigits = 7

// maxDigits is how many final digits of two phone numbers must agree at most: the
// national number without its trunk prefix, in most countries.
const maxDigits = 9

// maxTermLen bounds a term, in bytes: a term is a name, not a paragraph.
const maxTermLen = 1000

// Load reads the list file at path (none if path is "") and compiles its terms with
// extra ones (site.yaml's). Errors name the file:line:col of the faulty term.
func Load(path string, extra []Entry) (*List, error) {
	var entries []Entry
	if path != "" {
		// A named pipe would wait for a writer forever.
		if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
			return nil, diag.Errorf(diag.Position{File: path}, "protected terms: not a regular file")
		}
		src, err := os.ReadFile(path)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, diag.Errorf(diag.Position{File: path}, "cannot read the protected terms: %w", err)
		}
		if entries, err = Parse(path, src); err != nil {
			return nil, err
		}
	}
	return New(append(entries, extra...))
}

// Parse splits a list file into entries: one a line, "#" comments and blank lines left out.
func Parse(file string, src []byte) ([]Entry, error) {
	if !utf8.Valid(src) {
		line := bytes.Count(src[:firstInvalid(src)], []byte("\n")) + 1
		return nil, diag.Errorf(diag.Position{File: file, Line: line}, "protected terms: not UTF-8 text: save the file as UTF-8")
	}
	var out []Entry
	for i, line := range strings.Split(string(src), "\n") {
		text := strings.TrimSpace(line)
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		col := strings.Index(line, text) + 1
		out = append(out, Entry{Text: text, Pos: diag.Position{File: file, Line: i + 1, Col: col}})
	}
	return out, nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// New compiles entries into a List. Every faulty entry is reported, at its position.
func New(entries []Entry) (*List, error) {
	l := &List{byNorm: map[string][]int{}, phones: map[string][]int{}}
	var errs diag.List
	h := sha256.New()
	var seqs [][]string
	for _, e := range entries {
		fmt.Fprintf(h, "%s\x00%d\x00%d\x00%s\n", e.Pos.File, e.Pos.Line, e.Pos.Col, e.Text)
		t := term{pos: e.Pos}
		text := strings.TrimSpace(e.Text)
		switch {
		case len(text) > maxTermLen:
			errs.Errorf(e.Pos, "protected term is %d bytes long; the most is %d", len(text), maxTermLen)
			continue
		case strings.HasPrefix(text, "re:"):
			src := strings.TrimSpace(text[len("re:"):])
			// Compiled alone first, so that an error quotes the pattern as written.
			_, err := regexp.Compile(src)
			if err != nil {
				at := e.Pos
				at.Col += len("re:")
				errs.Errorf(at, "protected pattern does not compile: %v", unwrapSyntax(err))
				continue
			}
			re := regexp.MustCompile("(?i)" + src)
			if re.MatchString("") {
				errs.Errorf(e.Pos, "protected pattern matches empty text, so it would match everywhere: make it match at least one character")
				continue
			}
			t.kind, t.re = pattern, re
			l.patterns = append(l.patterns, len(l.terms))
		case isPhone(text):
			t.kind, t.digits = phone, digitsOf(text)
			k := t.digits[len(t.digits)-minDigits:]
			l.phones[k] = append(l.phones[k], len(l.terms))
		default:
			ws := foldWords(text)
			if len(ws) == 0 {
				errs.Errorf(e.Pos, "protected term has no letter or digit: write a name, a place or a number (or a pattern after \"re:\")")
				continue
			}
			t.kind, t.words, t.norm = words, len(ws), strings.Join(ws, " ")
			l.byNorm[t.norm] = append(l.byNorm[t.norm], len(l.terms))
			seqs = append(seqs, ws)
		}
		l.terms = append(l.terms, t)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	l.ac = newAutomaton(l.terms, seqs)
	l.hash = hex.EncodeToString(h.Sum(nil))
	return l, nil
}

// unwrapSyntax drops regexp's "error parsing regexp: " prefix, which says nothing more
// than the message around it.
func unwrapSyntax(err error) string {
	var se *syntax.Error
	if errors.As(err, &se) {
		return string(se.Code) + ": " + strconv.Quote(se.Expr)
	}
	return err.Error()
}

// Len returns the number of terms.
func (l *List) Len() int {
	if l == nil {
		return 0
	}
	return len(l.terms)
}

// Hash returns a digest of the list (hexadecimal SHA-256) for cache keys: it changes
// when any term or its position does, and tells nothing of the terms.
func (l *List) Hash() string {
	if l == nil {
		return ""
	}
	return l.hash
}

// TermPos returns where term i of the list is written.
func (l *List) TermPos(i int) diag.Position { return l.terms[i].pos }

func isPhone(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case '0' <= r && r <= '9':
			n++
		case isPhoneSep(r), r == '+':
		default:
			return false
		}
	}
	return n >= minDigits
}

func isPhoneSep(r rune) bool {
	return r == ' ' || r == '-' || r == '.' || r == '(' || r == ')' || r == '/'
}

func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if '0' <= r && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// phoneMatch reports whether two phone numbers' digits agree, by the rule in the
// package doc.
func phoneMatch(a, b string) bool {
	n := min(len(a), len(b), maxDigits)
	return n >= minDigits && a[len(a)-n:] == b[len(b)-n:]
}
