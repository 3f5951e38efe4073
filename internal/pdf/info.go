package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Info is a PDF's document information: what a PDF reader shows as its properties and
// a search engine or archive indexes.
type Info struct {
	Title    string
	Author   string   // authors, comma-separated
	Subject  string   // the summary
	Keywords []string // objectives and countries
	Creator  string   // the program that made the document the PDF was made from
}

// SetInfo returns pdf with Title, Author, Subject, Keywords and Creator of its
// document information dictionary set from info (an empty field leaves the entry as
// it was).
//
// Chromium writes only Title (from <title>), Creator, Producer and dates; it ignores
// <meta name="author">, "description" and "keywords". SetInfo adds the rest by an
// incremental update (ISO 32000-1, 7.5.6): the browser's bytes are kept as they are,
// and a new Info object, a cross-reference section for it and a trailer pointing back
// to the previous one are appended. Entries info does not set (Producer, CreationDate,
// ModDate) are copied. It handles files with a cross-reference table,
// as Chromium's Skia writes them, and refuses cross-reference streams and encrypted
// files.
func SetInfo(pdf []byte, info Info) ([]byte, error) {
	xref, err := lastXref(pdf)
	if err != nil {
		return nil, err
	}
	trailer, err := readTrailer(pdf, xref)
	if err != nil {
		return nil, err
	}
	if trailer.get("Encrypt") != nil {
		return nil, errors.New("pdf info: the file is encrypted")
	}
	size, err := strconv.Atoi(string(trailer.get("Size")))
	if err != nil {
		return nil, errors.New("pdf info: trailer has no valid /Size")
	}
	// The new Info object replaces the old one under the same number, or is new.
	num, gen := size, 0
	var old dict
	if ref := trailer.get("Info"); ref != nil {
		if num, gen, err = parseRef(ref); err != nil {
			return nil, fmt.Errorf("pdf info: trailer /Info: %w", err)
		}
		if old, err = readObjectDict(pdf, xref, num); err != nil {
			return nil, err
		}
	}
	var d dict
	set := func(key, value string) {
		if value != "" {
			d = append(d, entry{key, []byte(encodeString(value))})
		}
	}
	set("Title", info.Title)
	set("Author", info.Author)
	set("Subject", info.Subject)
	set("Keywords", strings.Join(info.Keywords, ", "))
	set("Creator", info.Creator)
	for _, e := range old {
		if d.get(e.key) == nil {
			d = append(d, e)
		}
	}

	var b bytes.Buffer
	b.Write(pdf)
	if !bytes.HasSuffix(pdf, []byte("\n")) {
		b.WriteByte('\n')
	}
	objAt := b.Len()
	fmt.Fprintf(&b, "%d %d obj\n%s\nendobj\n", num, gen, d.bytes())
	xrefAt := b.Len()
	// Each entry is exactly 20 bytes: offset, generation, "n", and a two-byte end of line.
	fmt.Fprintf(&b, "xref\n%d 1\n%010d %05d n\r\n", num, objAt, gen)
	var t dict
	for _, e := range trailer {
		switch e.key {
		case "Prev", "Info", "Size", "XRefStm":
		default:
			t = append(t, e)
		}
	}
	t = append(t,
		entry{"Size", []byte(strconv.Itoa(max(size, num+1)))},
		entry{"Info", fmt.Appendf(nil, "%d %d R", num, gen)},
		entry{"Prev", []byte(strconv.Itoa(xref))})
	fmt.Fprintf(&b, "trailer\n%s\nstartxref\n%d\n%%%%EOF\n", t.bytes(), xrefAt)
	return b.Bytes(), nil
}

// ReadInfo returns the document information of a PDF that SetInfo can update, decoded
// to UTF-8 strings, for tests and checks.
func ReadInfo(pdf []byte) (map[string]string, error) {
	xref, err := lastXref(pdf)
	if err != nil {
		return nil, err
	}
	trailer, err := readTrailer(pdf, xref)
	if err != nil {
		return nil, err
	}
	ref := trailer.get("Info")
	if ref == nil {
		return map[string]string{}, nil
	}
	num, _, err := parseRef(ref)
	if err != nil {
		return nil, err
	}
	d, err := readObjectDict(pdf, xref, num)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, e := range d {
		if s, err := decodeString(e.value); err == nil {
			m[e.key] = s
		}
	}
	return m, nil
}

// lastXref is the offset the final startxref points to.
func lastXref(pdf []byte) (int, error) {
	tail := pdf[max(0, len(pdf)-1024):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return 0, errors.New("pdf info: no startxref")
	}
	f := bytes.Fields(tail[i+len("startxref"):])
	if len(f) == 0 {
		return 0, errors.New("pdf info: no offset after startxref")
	}
	n, err := strconv.Atoi(string(f[0]))
	if err != nil || n < 0 || n >= len(pdf) {
		return 0, fmt.Errorf("pdf info: bad startxref offset %q", f[0])
	}
	return n, nil
}

// xrefSection parses the cross-reference table at offset at. It returns the offsets
// of the objects in use it lists, and the offset where the trailer keyword starts.
func xrefSection(pdf []byte, at int) (map[int]int, int, error) {
	i := skipSpace(pdf, at)
	if !bytes.HasPrefix(pdf[i:], []byte("xref")) {
		return nil, 0, errors.New("pdf info: no cross-reference table at startxref (a cross-reference stream is not supported)")
	}
	i += len("xref")
	offsets := map[int]int{}
	for {
		i = skipSpace(pdf, i)
		if bytes.HasPrefix(pdf[i:], []byte("trailer")) {
			return offsets, i, nil
		}
		var start, count int
		var err error
		if start, i, err = integer(pdf, i); err != nil {
			return nil, 0, fmt.Errorf("pdf info: cross-reference subsection: %w", err)
		}
		if count, i, err = integer(pdf, skipSpace(pdf, i)); err != nil {
			return nil, 0, fmt.Errorf("pdf info: cross-reference subsection: %w", err)
		}
		i = skipSpace(pdf, i)
		if count < 0 || count > len(pdf)/20 || i+20*count > len(pdf) {
			return nil, 0, errors.New("pdf info: cross-reference table runs past the end of the file")
		}
		for k := range count {
			e := pdf[i+20*k : i+20*k+20]
			if e[17] == 'n' {
				off, err := strconv.Atoi(string(e[:10]))
				if err != nil {
					return nil, 0, fmt.Errorf("pdf info: cross-reference entry %q", e[:18])
				}
				offsets[start+k] = off
			}
		}
		i += 20 * count
	}
}

// readTrailer reads the trailer dictionary after the cross-reference table at xref.
func readTrailer(pdf []byte, xref int) (dict, error) {
	_, at, err := xrefSection(pdf, xref)
	if err != nil {
		return nil, err
	}
	d, _, err := parseDict(pdf, skipSpace(pdf, at+len("trailer")))
	if err != nil {
		return nil, fmt.Errorf("pdf info: trailer: %w", err)
	}
	return d, nil
}

// readObjectDict finds object num through the chain of cross-reference sections that
// starts at xref, and parses it as a dictionary.
func readObjectDict(pdf []byte, xref, num int) (dict, error) {
	for seen := 0; seen < 100; seen++ {
		offsets, at, err := xrefSection(pdf, xref)
		if err != nil {
			return nil, err
		}
		if off, ok := offsets[num]; ok {
			if off < 0 || off >= len(pdf) {
				return nil, fmt.Errorf("pdf info: object %d: offset %d outside the file", num, off)
			}
			i := off
			for range 3 { // "num gen obj"
				i = skipSpace(pdf, i)
				for i < len(pdf) && !isSpace(pdf[i]) && !isDelim(pdf[i]) {
					i++
				}
			}
			d, _, err := parseDict(pdf, skipSpace(pdf, i))
			if err != nil {
				return nil, fmt.Errorf("pdf info: object %d: %w", num, err)
			}
			return d, nil
		}
		t, _, err := parseDict(pdf, skipSpace(pdf, at+len("trailer")))
		if err != nil {
			return nil, fmt.Errorf("pdf info: trailer: %w", err)
		}
		prev := t.get("Prev")
		if prev == nil {
			return nil, fmt.Errorf("pdf info: object %d is not in the cross-reference table", num)
		}
		if xref, err = strconv.Atoi(string(prev)); err != nil || xref < 0 || xref >= len(pdf) {
			return nil, fmt.Errorf("pdf info: bad /Prev %q", prev)
		}
	}
	return nil, errors.New("pdf info: too many cross-reference sections")
}

// A dict is a PDF dictionary with its values kept as raw bytes, in order.
type dict []entry

type entry struct {
	key   string // without the slash
	value []byte
}

func (d dict) get(key string) []byte {
	for _, e := range d {
		if e.key == key {
			return e.value
		}
	}
	return nil
}

func (d dict) bytes() []byte {
	var b bytes.Buffer
	b.WriteString("<<")
	for i, e := range d {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "/%s %s", e.key, e.value)
	}
	b.WriteString(">>")
	return b.Bytes()
}

// parseDict parses the dictionary starting at i ("<<"), returning it and the offset
// after its ">>".
func parseDict(b []byte, i int) (dict, int, error) { return parseDictDepth(b, i, 0) }

func parseDictDepth(b []byte, i, depth int) (dict, int, error) {
	if i > len(b) || !bytes.HasPrefix(b[i:], []byte("<<")) {
		return nil, 0, fmt.Errorf("no dictionary at offset %d", i)
	}
	i += 2
	var d dict
	for {
		i = skipSpace(b, i)
		if i >= len(b) {
			return nil, 0, errors.New("unterminated dictionary")
		}
		if bytes.HasPrefix(b[i:], []byte(">>")) {
			return d, i + 2, nil
		}
		if b[i] != '/' {
			return nil, 0, fmt.Errorf("dictionary key expected at offset %d", i)
		}
		end := nameEnd(b, i+1)
		key := string(b[i+1 : end])
		i = skipSpace(b, end)
		vend, err := valueEndDepth(b, i, depth)
		if err != nil {
			return nil, 0, err
		}
		d = append(d, entry{key, b[i:vend]})
		i = vend
	}
}

// valueEndDepth returns the offset just after the PDF object starting at i, nested
// depth deep. An indirect reference "12 0 R" is one value.
func valueEndDepth(b []byte, i, depth int) (int, error) {
	if i >= len(b) {
		return 0, errors.New("value expected at end of file")
	}
	if depth > 32 {
		return 0, errors.New("objects nested too deeply")
	}
	switch c := b[i]; {
	case c == '(':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '\\':
				j++
			case '(':
				depth++
			case ')':
				if depth--; depth == 0 {
					return j + 1, nil
				}
			}
		}
		return 0, errors.New("unterminated string")
	case c == '<' && bytes.HasPrefix(b[i:], []byte("<<")):
		_, end, err := parseDictDepth(b, i, depth+1)
		return end, err
	case c == '<':
		if j := bytes.IndexByte(b[i:], '>'); j >= 0 {
			return i + j + 1, nil
		}
		return 0, errors.New("unterminated hex string")
	case c == '[':
		j := i + 1
		for {
			j = skipSpace(b, j)
			if j >= len(b) {
				return 0, errors.New("unterminated array")
			}
			if b[j] == ']' {
				return j + 1, nil
			}
			end, err := valueEndDepth(b, j, depth+1)
			if err != nil {
				return 0, err
			}
			j = end
		}
	case c == '/':
		return nameEnd(b, i+1), nil
	case isDelim(c):
		return 0, fmt.Errorf("unexpected %q at offset %d", c, i)
	}
	end := i
	for end < len(b) && !isSpace(b[end]) && !isDelim(b[end]) {
		end++
	}
	// "num gen R" is one value.
	if _, err := strconv.Atoi(string(b[i:end])); err == nil {
		j := skipSpace(b, end)
		if _, k, err := integer(b, j); err == nil && j > end {
			k2 := skipSpace(b, k)
			if k2 > k && k2 < len(b) && b[k2] == 'R' && (k2+1 == len(b) || isSpace(b[k2+1]) || isDelim(b[k2+1])) {
				return k2 + 1, nil
			}
		}
	}
	if end == i {
		return 0, fmt.Errorf("value expected at offset %d", i)
	}
	return end, nil
}

func parseRef(v []byte) (num, gen int, err error) {
	f := strings.Fields(string(v))
	if len(f) != 3 || f[2] != "R" {
		return 0, 0, fmt.Errorf("%q is not a reference", v)
	}
	if num, err = strconv.Atoi(f[0]); err == nil {
		gen, err = strconv.Atoi(f[1])
	}
	return num, gen, err
}

func integer(b []byte, i int) (int, int, error) {
	j := i
	for j < len(b) && b[j] >= '0' && b[j] <= '9' {
		j++
	}
	if j == i {
		return 0, i, fmt.Errorf("number expected at offset %d", i)
	}
	n, err := strconv.Atoi(string(b[i:j]))
	return n, j, err
}

func nameEnd(b []byte, i int) int {
	for i < len(b) && !isSpace(b[i]) && !isDelim(b[i]) {
		i++
	}
	return i
}

// skipSpace skips white space and comments.
func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch {
		case isSpace(b[i]):
			i++
		case b[i] == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool { return strings.IndexByte("()<>[]{}/%", c) >= 0 }

// encodeString writes s as a PDF text string: a literal string when s is printable
// ASCII, else UTF-16BE with a byte order mark, in hex.
func encodeString(s string) string {
	ascii := true
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
		return "(" + r.Replace(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// decodeString decodes a literal or hex PDF text string: UTF-16BE with a byte order
// mark, or PDFDocEncoding taken as Latin-1.
func decodeString(v []byte) (string, error) {
	var raw []byte
	switch {
	case len(v) >= 2 && v[0] == '(':
		for i := 1; i < len(v)-1; i++ {
			c := v[i]
			if c != '\\' {
				raw = append(raw, c)
				continue
			}
			i++
			switch c = v[i]; c {
			case 'n':
				raw = append(raw, '\n')
			case 'r':
				raw = append(raw, '\r')
			case 't':
				raw = append(raw, '\t')
			case 'b':
				raw = append(raw, '\b')
			case 'f':
				raw = append(raw, '\f')
			case '\r', '\n': // a line continuation
				if c == '\r' && i+1 < len(v) && v[i+1] == '\n' {
					i++
				}
			default:
				if c >= '0' && c <= '7' {
					n := 0
					for k := 0; k < 3 && i < len(v)-1 && v[i] >= '0' && v[i] <= '7'; k++ {
						n = n*8 + int(v[i]-'0')
						i++
					}
					i--
					raw = append(raw, byte(n))
				} else {
					raw = append(raw, c)
				}
			}
		}
	case len(v) >= 2 && v[0] == '<':
		hex := strings.Map(func(r rune) rune {
			if isSpace(byte(r)) {
				return -1
			}
			return r
		}, string(v[1:len(v)-1]))
		if len(hex)%2 == 1 {
			hex += "0"
		}
		for i := 0; i < len(hex); i += 2 {
			n, err := strconv.ParseUint(hex[i:i+2], 16, 8)
			if err != nil {
				return "", err
			}
			raw = append(raw, byte(n))
		}
	default:
		return "", fmt.Errorf("%q is not a string", v)
	}
	if len(raw) >= 2 && raw[0] == 0xfe && raw[1] == 0xff {
		u := make([]uint16, 0, len(raw)/2)
		for i := 2; i+1 < len(raw); i += 2 {
			u = append(u, uint16(raw[i])<<8|uint16(raw[i+1]))
		}
		return string(utf16.Decode(u)), nil
	}
	r := make([]rune, len(raw))
	for i, c := range raw {
		r[i] = rune(c)
	}
	return string(r), nil
}
