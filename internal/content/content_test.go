package content

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"folio/internal/config"
)

const siteYAML = `title: T
base_url: https://example.org/
types: [{key: report}, {key: policy-brief}]
objectives:
  - {key: priority, number: 1, title: Priority}
  - {key: accountability, number: 4, title: Accountability}
`

func testConfig(t *testing.T) *config.Config {
	t.Helper()
	c, err := config.Parse("site.yaml", []byte(siteYAML))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const good = `---
title: Water access
date: 2024-03-18
type: report
objectives: [accountability, 1]
summary: A summary.
countries: [South Sudan, " South  Sudan "]
---
Body.
`

func TestLoadPublication(t *testing.T) {
	fsys := fstest.MapFS{
		"content/publications/water-access.md":        {Data: []byte(good)},
		"content/publications/bundle/index.md":        {Data: []byte(strings.Replace(good, "title: Water access", "title: Bundle\npdf: brief.pdf\ncover: img/c.png\ncover_alt: A map", 1))},
		"content/publications/bundle/brief.pdf":       {Data: []byte("%PDF")},
		"content/publications/bundle/img/c.png":       {Data: []byte("png")},
		"content/publications/notes.txt":              {Data: []byte("x")},
		"content/publications/.DS_Store":              {Data: []byte("x")},
		"content/pages/about.md":                      {Data: []byte("---\ntitle: About\n---\nHi\n")},
		"content/publications/empty-folder/readme.md": {Data: []byte("x")},
	}
	pages, errs := Load(fsys, testConfig(t), Options{})
	if errs.HasErrors() {
		t.Fatalf("errors: %v", errs)
	}
	if got := errs.Error(); !strings.Contains(got, "content/publications/notes.txt: warning: file ignored") ||
		!strings.Contains(got, "content/publications/empty-folder: warning: folder ignored") {
		t.Errorf("warnings = %q", got)
	}
	if len(pages) != 3 {
		t.Fatalf("got %d pages; want 3", len(pages))
	}
	b, w, about := pages[0], pages[1], pages[2]
	if w.Slug != "water-access" || w.Title != "Water access" || !w.Date.Equal(time.Date(2024, 3, 18, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("water = %+v", w)
	}
	if strings.Join(w.Objectives, ",") != "priority,accountability" {
		t.Errorf("objectives = %v; want config order, numbers resolved", w.Objectives)
	}
	if strings.Join(w.Countries, "|") != "South Sudan" {
		t.Errorf("countries = %q; want spaces folded and duplicates dropped", w.Countries)
	}
	if body, err := w.readBody(fsys); w.Lang != "en" || err != nil || string(body) != "\n\n\n\n\n\n\n\nBody.\n" {
		t.Errorf("lang %q body %q, %v", w.Lang, body, err)
	}
	if b.Slug != "bundle" || b.PDF != "brief.pdf" || b.Cover != "img/c.png" || strings.Join(b.Resources, ",") != "brief.pdf,img/c.png" {
		t.Errorf("bundle = slug %q pdf %q cover %q resources %v", b.Slug, b.PDF, b.Cover, b.Resources)
	}
	if about.Kind != Plain || about.Slug != "about" {
		t.Errorf("about = %+v", about)
	}
}

// Every front matter error names the file, line and column of the offending value.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"missing title", strings.Replace(good, "title: Water access\n", "", 1),
			[]string{`p.md:1:1: missing required field "title"`}},
		{"bad date", strings.Replace(good, "2024-03-18", "18/03/2024", 1),
			[]string{`p.md:3:7: date must be written YYYY-MM-DD, such as 2024-03-18, not "18/03/2024"`}},
		{"impossible date", strings.Replace(good, "2024-03-18", "2024-02-30", 1),
			[]string{`p.md:3:7: date "2024-02-30" is not a real date`}},
		{"unknown objective", strings.Replace(good, "[accountability, 1]", "[accountabilty, 7]", 1), []string{
			`p.md:5:14: unknown objective "accountabilty" (did you mean "accountability"?); site.yaml defines: priority, accountability`,
			`p.md:5:29: unknown objective "7"; site.yaml defines: priority, accountability`}},
		{"unknown type", strings.Replace(good, "type: report", "type: reprot", 1),
			[]string{`p.md:4:7: unknown type "reprot" (did you mean "report"?); site.yaml defines: report, policy-brief`}},
		{"unknown field", strings.Replace(good, "countries:", "countrys:", 1),
			[]string{`p.md:7:1: unknown front matter field "countrys" (did you mean "countries"?)`}},
		{"empty objectives", strings.Replace(good, "[accountability, 1]", "[]", 1),
			[]string{`p.md:5:13: objectives must name at least one objective`}},
		{"broken yaml", strings.Replace(good, "summary: A summary.", "summary: [unclosed", 1),
			[]string{`p.md:6:10: the [ opened here is never closed`}},
		{"traversal slug", strings.Replace(good, "---\nBody", "slug: ../../etc\n---\nBody", 1),
			[]string{`p.md:8:7: slug "../../etc" is not a URL segment`}},
		{"traversal alias", strings.Replace(good, "---\nBody", "aliases: [../../x, /ok/]\n---\nBody", 1),
			[]string{`p.md:8:11: alias "../../x": must be a path on this site`}},
		{"alias dotdot", strings.Replace(good, "---\nBody", "aliases: [/a/../../x]\n---\nBody", 1),
			[]string{`p.md:8:11: alias "/a/../../x": must not contain empty, "." or ".." segments`}},
		{"pdf outside bundle", strings.Replace(good, "---\nBody", "pdf: x.pdf\n---\nBody", 1),
			[]string{`p.md:8:6: pdf: only a bundle can carry files`}},
		{"javascript pdf", strings.Replace(good, "---\nBody", "pdf: \"javascript:alert(1)\"\n---\nBody", 1),
			[]string{`p.md:8:6: pdf must name a file in the publication's bundle folder`}},
		{"updated before date", strings.Replace(good, "type:", "updated: 2020-01-01\ntype:", 1),
			[]string{`p.md:4:10: updated (2020-01-01) is before date (2024-03-18)`}},
		// Year 1 is the zero time, read as "no date" by everything after: it failed in a
		// template.
		{"year 1", strings.Replace(good, "2024-03-18", "0001-01-01", 1),
			[]string{`p.md:3:7: date 0001-01-01 is too early: the year must be 1900 or later`}},
		{"year 1899", strings.Replace(good, "2024-03-18", "1899-12-31", 1),
			[]string{`p.md:3:7: date 1899-12-31 is too early: the year must be 1900 or later`}},
		{"updated year 1", strings.Replace(good, "type:", "updated: 0001-01-01\ntype:", 1),
			[]string{`p.md:4:10: updated 0001-01-01 is too early: the year must be 1900 or later`}},
		{"no front matter", "Just text\n", []string{`p.md:1:1: frontmatter: file must start with a "---" line`}},
		{"bad lang", strings.Replace(good, "---\nBody", "lang: english!\n---\nBody", 1),
			[]string{`p.md:8:7: lang must be a language tag`}},
		{"embargo without time", strings.Replace(good, "---\nBody", "embargo: 2024-03-18\n---\nBody", 1),
			[]string{`p.md:8:10: embargo must be a date and time written YYYY-MM-DDTHH:MM, such as 2026-12-10T09:00 (in the site's timezone, UTC), not "2024-03-18"`}},
		{"embargo with zone", strings.Replace(good, "---\nBody", "embargo: 2024-03-18T09:00+01:00\n---\nBody", 1),
			[]string{`p.md:8:10: embargo must be a date and time written YYYY-MM-DDTHH:MM`}},
		{"impossible embargo", strings.Replace(good, "---\nBody", "embargo: 2024-03-18T25:00\n---\nBody", 1),
			[]string{`p.md:8:10: embargo "2024-03-18T25:00" is not a real date and time`}},
		{"embargo before date", strings.Replace(good, "---\nBody", "embargo: 2024-03-17T23:59\n---\nBody", 1),
			[]string{`p.md:8:10: embargo (2024-03-17 23:59) is before date (2024-03-18): the publication would be public before the day it is dated`}},
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{"content/publications/p.md": {Data: []byte(tt.src)}}
		_, errs := Load(fsys, testConfig(t), Options{})
		got := strings.Split(strings.ReplaceAll(errs.Error(), "content/publications/", ""), "\n")
		if len(got) != len(tt.want) {
			t.Errorf("%s: got errors\n%s\nwant %d", tt.name, errs.Error(), len(tt.want))
			continue
		}
		for i := range got {
			if !strings.HasPrefix(got[i], tt.want[i]) {
				t.Errorf("%s: error %d = %q; want prefix %q", tt.name, i, got[i], tt.want[i])
			}
		}
	}
}

func TestLoadReportsAllFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"content/publications/a.md": {Data: []byte(strings.Replace(good, "type: report", "type: x", 1))},
		"content/publications/b.md": {Data: []byte(strings.Replace(good, "date: 2024-03-18", "date: soon", 1))},
	}
	_, errs := Load(fsys, testConfig(t), Options{})
	if len(errs) != 2 || !strings.HasPrefix(errs[0].Error(), "content/publications/a.md:4:7") ||
		!strings.HasPrefix(errs[1].Error(), "content/publications/b.md:3:7") {
		t.Errorf("errors = %v; want one per file, sorted", errs)
	}
}

func TestDuplicateSlugs(t *testing.T) {
	fsys := fstest.MapFS{
		"content/publications/water.md":       {Data: []byte(good)},
		"content/publications/other.md":       {Data: []byte(strings.Replace(good, "---\nBody", "slug: water\n---\nBody", 1))},
		"content/publications/water/index.md": {Data: []byte(good)},
		"content/pages/water.md":              {Data: []byte("---\ntitle: Water page\n---\n")},
	}
	_, errs := Load(fsys, testConfig(t), Options{})
	got := errs.Error()
	for _, want := range []string{
		`content/publications/other.md:8:7: duplicate slug "water": content/publications/water.md has it too`,
		`content/publications/water.md:1:1: duplicate slug "water": content/publications/other.md has it too`,
		`content/publications/water/index.md:1:1: duplicate slug "water": content/publications/other.md has it too`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors =\n%s\nmissing %q", got, want)
		}
	}
	if strings.Contains(got, "content/pages/water.md") {
		t.Errorf("a page and a publication may share a slug (different URLs): %s", got)
	}
}

func TestDrafts(t *testing.T) {
	draft := strings.Replace(good, "---\nBody", "draft: true\n---\nBody", 1)
	brokenDraft := strings.Replace(draft, "type: report", "type: nope", 1)
	fsys := fstest.MapFS{
		"content/publications/d.md":      {Data: []byte(draft)},
		"content/publications/broken.md": {Data: []byte(brokenDraft)},
	}
	pages, errs := Load(fsys, testConfig(t), Options{})
	if len(pages) != 0 || errs.HasErrors() {
		t.Errorf("without --drafts: %d pages, errors %v; want none", len(pages), errs)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "warning: unknown type \"nope\"") || !strings.HasSuffix(errs[0].Error(), "(in a draft, not built)") {
		t.Errorf("broken draft diagnostics = %v", errs)
	}
	pages, errs = Load(fsys, testConfig(t), Options{Drafts: true})
	if len(pages) != 1 || !errs.HasErrors() {
		t.Errorf("with --drafts: %d pages, errors %v; want the good draft and an error for the broken one", len(pages), errs)
	}
}

func TestCleanAlias(t *testing.T) {
	tests := map[string]string{"/a/b": "/a/b/", "/a/b/": "/a/b/", "/x": "/x/", "../x": "", "/a/../b": "", "//evil.com/": "", "https://x/": "", "/a?b": "", "/a//b": "",
		"/a\"b/": "", "/a\nb/": "", "/a\x00b/": "", "/a\tb/": "", "/a\x7fb/": "", "/a b/": "/a b/", "/ça/": "/ça/"}
	for in, want := range tests {
		got, err := CleanAlias(in)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("CleanAlias(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// An alias with a quote is refused where it is written, before any host file holds it.
func TestAliasQuote(t *testing.T) {
	fsys := fstest.MapFS{"content/publications/p.md": {Data: []byte(with(`aliases: ["/briefs/old/", '/briefs/a"b/']` + "\n"))}}
	_, errs := Load(fsys, seriesConfig(t), Options{})
	want := `content/publications/p.md:8:27: alias "/briefs/a\"b/": must not hold a line break, another control character or a double quote`
	if errs.Err() == nil || errs.Err().Error() != want {
		t.Errorf("errors %v; want %s", errs, want)
	}
}

// unreadableFS fails to read one file, as a file without read permission would.
type unreadableFS struct {
	fstest.MapFS
	bad string
}

func (u unreadableFS) ReadFile(name string) ([]byte, error) {
	if name == u.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return u.MapFS.ReadFile(name)
}

func (u unreadableFS) Open(name string) (fs.File, error) {
	if name == u.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return u.MapFS.Open(name)
}

func TestUnreadableFile(t *testing.T) {
	fsys := unreadableFS{fstest.MapFS{
		"content/publications/ok.md":     {Data: []byte(good)},
		"content/publications/locked.md": {Data: []byte(good)},
	}, "content/publications/locked.md"}
	pages, errs := Load(fsys, testConfig(t), Options{})
	if got := errs.Error(); got != "content/publications/locked.md: cannot read file: permission denied" {
		t.Errorf("errors = %q", got)
	}
	if len(pages) != 1 {
		t.Errorf("the readable file should still load; got %d pages", len(pages))
	}
}

func TestCache(t *testing.T) {
	old := time.Now().Add(-time.Hour)
	fsys := fstest.MapFS{
		"content/publications/a.md": {Data: []byte(good), ModTime: old},
		"content/publications/b.md": {Data: []byte(good), ModTime: time.Now()},
	}
	c := NewCache()
	first, _ := Load(fsys, testConfig(t), Options{Cache: c})
	second, _ := Load(fsys, testConfig(t), Options{Cache: c})
	if first[0] != second[0] {
		t.Errorf("an unchanged, old file was parsed again")
	}
	if first[1] == second[1] {
		t.Errorf("a file modified just now was trusted from the cache")
	}
	// A changed file is read again.
	fsys["content/publications/a.md"] = &fstest.MapFile{Data: []byte(strings.Replace(good, "Water access", "Changed", 1)), ModTime: old.Add(time.Minute)}
	third, _ := Load(fsys, testConfig(t), Options{Cache: c})
	if third[0] == second[0] || third[0].Title != "Changed" {
		t.Errorf("a changed file came from the cache")
	}
	// A new configuration invalidates everything.
	cfg := testConfig(t)
	cfg.Language = "fr"
	fourth, _ := Load(fsys, cfg, Options{Cache: c})
	if fourth[0] == third[0] || fourth[0].Lang != "fr" {
		t.Errorf("a configuration change did not invalidate the cache")
	}
}

// A load without a cache lets bodies go; ReadBodyTo gives the same body and Hash as a
// load that keeps them, takes a body edited in between (with its own Hash), and
// refuses a front matter edited in between.
func TestReadBodyAgain(t *testing.T) {
	crlf := "\ufeff" + strings.ReplaceAll(good, "\n", "\r\n")
	fsys := fstest.MapFS{
		"content/publications/a.md": {Data: []byte(good)},
		"content/publications/b.md": {Data: []byte(strings.Replace(crlf, "Water access", "Other", 1))},
	}
	full, errs := Load(fsys, testConfig(t), Options{Cache: NewCache()})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	lean, errs := Load(fsys, testConfig(t), Options{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	for i, p := range lean {
		if p.body != nil {
			t.Fatalf("%s: a load without a cache kept the body", p.Source)
		}
		body, err := p.readBody(fsys)
		if err != nil || string(body) != string(full[i].body) || p.Hash != full[i].Hash {
			t.Errorf("%s: ReadBody = %q, %v, hash %x; full load: %q, hash %x", p.Source, body, err, p.Hash, full[i].body, full[i].Hash)
		}
	}

	lean, _ = Load(fsys, testConfig(t), Options{})
	before := full[0].Hash
	fsys["content/publications/a.md"] = &fstest.MapFile{Data: []byte(good + "\nOne more line.\n")}
	if body, err := lean[0].readBody(fsys); err != nil || !strings.HasSuffix(string(body), "One more line.\n") || lean[0].Hash == before {
		t.Errorf("body edited after the load: ReadBody = %q, %v, hash %x (before %x)", body, err, lean[0].Hash, before)
	}
	fsys["content/publications/b.md"] = &fstest.MapFile{Data: []byte(strings.Replace(crlf, "Water access", "Renamed", 1))}
	if _, err := lean[1].readBody(fsys); err == nil || !strings.Contains(err.Error(), "content/publications/b.md: ") ||
		!strings.Contains(err.Error(), "front matter changed") {
		t.Errorf("front matter edited after the load: ReadBody error = %v", err)
	}
	delete(fsys, "content/publications/b.md")
	if _, err := lean[1].readBody(fsys); err == nil || !strings.Contains(err.Error(), "cannot read file") {
		t.Errorf("file removed after the load: ReadBody error = %v", err)
	}
}

// ReadBodyTo reads one body after another into the same memory, each exactly as ReadBody
// gives it, even when the file system does not tell a file's size beforehand; a failed
// read leaves the scratch buffer usable.
func TestReadBodyToReusesScratch(t *testing.T) {
	long := good + "\n" + strings.Repeat("A long paragraph of the report. ", 400) + "\n"
	mapfs := fstest.MapFS{
		"content/publications/a.md": {Data: []byte(long)},
		"content/publications/b.md": {Data: []byte(strings.Replace(good, "Water access", "Other", 1))},
	}
	full, errs := Load(mapfs, testConfig(t), Options{Cache: NewCache()})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	for name, fsys := range map[string]fs.FS{"sized": mapfs, "unsized": unsizedFS{mapfs}} {
		lean, errs := Load(fsys, testConfig(t), Options{})
		if errs.HasErrors() {
			t.Fatal(errs)
		}
		var scratch []byte
		var memory *byte
		for i, p := range lean { // a.md, the longer, first
			body, err := p.ReadBodyTo(fsys, &scratch)
			if err != nil || string(body) != string(full[i].body) || p.Hash != full[i].Hash {
				t.Errorf("%s: %s: ReadBodyTo = %q, %v, hash %x; full load: %q, hash %x", name, p.Source, body, err, p.Hash, full[i].body, full[i].Hash)
			}
			if cap(scratch) < len(mapfs[p.Source].Data) {
				t.Fatalf("%s: %s: scratch kept %d bytes, fewer than the file's %d", name, p.Source, cap(scratch), len(mapfs[p.Source].Data))
			}
			if i == 0 {
				memory = &scratch[:1][0]
			} else if &scratch[:1][0] != memory {
				t.Errorf("%s: %s: the shorter body was not read into the scratch buffer", name, p.Source)
			}
		}

		lean, _ = Load(fsys, testConfig(t), Options{})
		missing := *lean[1]
		missing.Source = "content/publications/gone.md"
		if _, err := missing.ReadBodyTo(fsys, &scratch); err == nil || !strings.Contains(err.Error(), "cannot read file") {
			t.Errorf("%s: missing file: ReadBodyTo error = %v", name, err)
		}
		if body, err := lean[1].ReadBodyTo(fsys, &scratch); err != nil || string(body) != string(full[1].body) {
			t.Errorf("%s: after a failed read: ReadBodyTo = %q, %v", name, body, err)
		}
	}
}

// unsizedFS hides the size of its files, as a pipe or some network file systems do.
type unsizedFS struct{ fs.FS }

func (u unsizedFS) Open(name string) (fs.File, error) {
	f, err := u.FS.Open(name)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return f, nil // keeps ReadDir
	}
	return unsizedFile{f}, nil
}

type unsizedFile struct{ fs.File }

func (u unsizedFile) Stat() (fs.FileInfo, error) {
	fi, err := u.File.Stat()
	if err != nil {
		return nil, err
	}
	return unsizedInfo{fi}, nil
}

type unsizedInfo struct{ fs.FileInfo }

func (unsizedInfo) Size() int64 { return 0 }

// Load checks the whole file for characters no page may hold; a load without a cache
// lets the body go, so a body edited before it is read again is checked again, with its
// position: whether its size changed, its time, or neither while the file was too new
// to trust.
func TestReadBodyChecksAnEditedBody(t *testing.T) {
	lines := strings.Count(good, "\n")
	bad := good + "A line with a \x01 in it.\n"
	last := strings.LastIndex(good[:len(good)-1], "\n") + 1 // the body's last line
	sameSize := good[:last] + "\x01" + good[last+1:]
	old, now := time.Now().Add(-time.Hour), time.Now()
	for _, c := range []struct {
		name string
		load *fstest.MapFile
		edit *fstest.MapFile
		line int
		col  int
	}{
		{"longer", &fstest.MapFile{Data: []byte(good), ModTime: old}, &fstest.MapFile{Data: []byte(bad), ModTime: old}, lines + 1, 15},
		{"same size, newer", &fstest.MapFile{Data: []byte(good), ModTime: old}, &fstest.MapFile{Data: []byte(sameSize), ModTime: now}, lines, 1},
		{"same size and time, read too soon", &fstest.MapFile{Data: []byte(good), ModTime: now}, &fstest.MapFile{Data: []byte(sameSize), ModTime: now}, lines, 1},
	} {
		fsys := fstest.MapFS{"content/publications/a.md": c.load}
		lean, errs := Load(fsys, testConfig(t), Options{})
		if errs.HasErrors() {
			t.Fatal(errs)
		}
		fsys["content/publications/a.md"] = c.edit
		want := fmt.Sprintf("content/publications/a.md:%d:%d: ", c.line, c.col)
		if _, err := lean[0].readBody(fsys); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "U+0001") {
			t.Errorf("%s: ReadBody error = %v; want %q and U+0001", c.name, err, want)
		}
	}
}

// readBody is ReadBodyTo with a scratch buffer of its own.
func (p *Page) readBody(fsys fs.FS) ([]byte, error) {
	var scratch []byte
	return p.ReadBodyTo(fsys, &scratch)
}

// A publication is public from its embargo, or else from the start of its date, in the
// site's timezone; a plain page always.
func TestRelease(t *testing.T) {
	cfg, err := config.Parse("site.yaml", []byte(siteYAML+"timezone: Europe/Zurich\n"))
	if err != nil {
		t.Fatal(err)
	}
	zurich := cfg.Location()
	for _, tt := range []struct {
		front string
		want  time.Time
	}{
		{"", time.Date(2024, 3, 18, 0, 0, 0, 0, zurich)},
		{"embargo: 2024-03-18T09:30\n", time.Date(2024, 3, 18, 9, 30, 0, 0, zurich)},
		{"embargo: 2024-03-18 09:30\n", time.Date(2024, 3, 18, 9, 30, 0, 0, zurich)},
		{"embargo: '2024-03-20T00:00'\n", time.Date(2024, 3, 20, 0, 0, 0, 0, zurich)},
	} {
		fsys := fstest.MapFS{
			"content/publications/p.md": {Data: []byte(strings.Replace(good, "---\nBody", tt.front+"---\nBody", 1))},
			"content/pages/about.md":    {Data: []byte("---\ntitle: About\n---\nHi\n")},
		}
		pages, errs := Load(fsys, cfg, Options{})
		if len(errs) > 0 || len(pages) != 2 {
			t.Fatalf("%q: %d pages, errors %v", tt.front, len(pages), errs)
		}
		pub, page := pages[0], pages[1] // publications are read first
		if !pub.Release.Equal(tt.want) {
			t.Errorf("%q: Release = %v; want %v", tt.front, pub.Release, tt.want)
		}
		if !page.Release.IsZero() {
			t.Errorf("plain page: Release = %v; want zero", page.Release)
		}
	}
}

func TestDateRange(t *testing.T) {
	for _, date := range []string{"1900-01-01", "2024-03-18", "2199-07-01", "9999-12-31"} {
		src := strings.Replace(good, "2024-03-18", date, 1)
		src = strings.Replace(src, "type:", "updated: "+date+"\ntype:", 1)
		fsys := fstest.MapFS{"content/publications/p.md": {Data: []byte(src)}}
		pages, errs := Load(fsys, testConfig(t), Options{})
		if len(errs) > 0 || len(pages) != 1 {
			t.Errorf("date %s: errors %v; want none (future dates too)", date, errs)
			continue
		}
		if got := pages[0].Date.Format(time.DateOnly); got != date || !pages[0].Updated.Equal(pages[0].Date) {
			t.Errorf("date %s: Date %s, Updated %s", date, got, pages[0].Updated.Format(time.DateOnly))
		}
	}
}

// TestContentFolders: a site whose content/ is missing, linked elsewhere or not a
// folder is an error, not an empty site that replaces a good one; one without any
// publication yet is a warning.
func TestContentFolders(t *testing.T) {
	link := &fstest.MapFile{Data: []byte("/elsewhere"), Mode: fs.ModeSymlink}
	dir := &fstest.MapFile{Mode: fs.ModeDir | 0o755}
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"no content", fstest.MapFS{"site.yaml": {}}, "content: folder not found: "},
		{"content linked", fstest.MapFS{"content": link}, "content: symbolic link not followed: "},
		{"content a file", fstest.MapFS{"content": {Data: []byte("x")}}, "content: not a folder: "},
		{"content a pipe", fstest.MapFS{"content": {Mode: fs.ModeNamedPipe}}, "content: not a folder: "},
		{"publications linked", fstest.MapFS{"content/publications": link, "content/pages/a.md": {Data: []byte("---\ntitle: A\n---\n")}},
			"content/publications: symbolic link not followed: "},
		{"pages linked", fstest.MapFS{"content/publications/p.md": {Data: []byte(good)}, "content/pages": link},
			"content/pages: symbolic link not followed: "},
		{"publications a pipe", fstest.MapFS{"content/publications": {Mode: fs.ModeNamedPipe}}, "content/publications: not a folder: "},
		{"no publications", fstest.MapFS{"content/publications": dir}, "content/publications: warning: no publications yet: "},
		{"only pages", fstest.MapFS{"content/pages/a.md": {Data: []byte("---\ntitle: A\n---\n")}}, "content/publications: warning: no publications yet: "},
		{"a draft", fstest.MapFS{"content/publications/d.md": {Data: []byte(strings.Replace(good, "---\nBody", "draft: true\n---\nBody", 1))}}, ""},
	}
	for _, tt := range tests {
		_, errs := Load(tt.fsys, testConfig(t), Options{})
		if got := errs.Error(); !strings.HasPrefix(got, tt.want) || (tt.want == "") != (got == "") || strings.Count(got, "\n") > 0 {
			t.Errorf("%s: diagnostics %q; want one, starting %q", tt.name, got, tt.want)
		}
		if wantErr := tt.want != "" && !strings.Contains(tt.want, "warning"); errs.HasErrors() != wantErr {
			t.Errorf("%s: HasErrors = %v; want %v", tt.name, errs.HasErrors(), wantErr)
		}
	}
}

// TestNotRegular: a named pipe, socket or device among the content is refused from its
// directory entry, without opening it (opening a named pipe waits for a writer forever);
// hidden ones are ignored, as other hidden files are.
func TestNotRegular(t *testing.T) {
	fsys := fstest.MapFS{
		"content/publications/ok.md":            {Data: []byte(good)},
		"content/publications/pipe.md":          {Mode: fs.ModeNamedPipe},
		"content/publications/b/index.md":       {Data: []byte(strings.Replace(good, "title: Water access", "title: B\nslug: b", 1))},
		"content/publications/b/data.csv":       {Mode: fs.ModeNamedPipe},
		"content/publications/b/img/socket.png": {Mode: fs.ModeSocket},
		"content/publications/b/.hidden-pipe":   {Mode: fs.ModeNamedPipe},
		"content/pages/dev.md":                  {Mode: fs.ModeDevice},
	}
	_, errs := Load(openNothing{fsys}, testConfig(t), Options{})
	want := []string{
		"content/pages/dev.md: not a regular file: ",
		"content/publications/b/data.csv: not a regular file: ",
		"content/publications/b/img/socket.png: not a regular file: ",
		"content/publications/pipe.md: not a regular file: ",
	}
	got := strings.Split(errs.Error(), "\n")
	if len(got) != len(want) {
		t.Fatalf("diagnostics:\n%s\nwant %d", errs.Error(), len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("diagnostic %d = %q; want prefix %q", i, got[i], want[i])
		}
	}
}

// openNothing fails the test run if a file that is not a regular one is opened, as
// reading a named pipe would hang.
type openNothing struct{ fstest.MapFS }

func (o openNothing) Open(name string) (fs.File, error) {
	if f, ok := o.MapFS[name]; ok && f.Mode&fs.ModeType != 0 && !f.Mode.IsDir() {
		panic("opened " + name + ", which is not a regular file")
	}
	return o.MapFS.Open(name)
}
