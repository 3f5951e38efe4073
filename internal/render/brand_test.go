package render_test

import (
	"bytes"
	"image"
	"image/png"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"folio/internal/config"
	"folio/internal/render"
)

// A brand's logo is in every page's header, with its alt text and size, and is the
// favicon; its accent comes in a linked stylesheet, never inline (the CSP forbids it).
func TestBrandInPages(t *testing.T) {
	fsys := corpusFS(t, 3).(fstest.MapFS)
	plain, err := renderAll(t, fsys)
	if err != nil {
		t.Fatal(err)
	}
	if home := plain["index.html"]; strings.Contains(home, "brand.css") || !strings.Contains(home, `favicon.svg`) || strings.Contains(home, `<a class="brand" href="/"><img`) {
		t.Errorf("a site without brand: shows one:\n%s", home)
	}

	yaml := string(fsys["site.yaml"].Data) + "\nbrand:\n  logo: static/logo.svg\n  logo_alt: Example Institute\n  accent: \"#17527a\"\n"
	fsys["site.yaml"] = &fstest.MapFile{Data: []byte(yaml)}
	fsys["static/logo.svg"] = &fstest.MapFile{Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 46"/>`)}
	pages, err := renderAll(t, fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"index.html", "publications/index.html"} {
		page := pages[path]
		for _, re := range []string{
			`<a class="brand" href="/"[^>]*><img src="/static/brand/logo\.svg\?v=[0-9a-f]{10}" alt="Example Institute" width="35" height="40"><span>`,
			`<link rel="icon" href="/static/brand/logo\.svg\?v=[0-9a-f]{10}" type="image/svg`,
			`<link rel="stylesheet" href="/static/style\.css\?v=[0-9a-f]{10}">\n<link rel="stylesheet" href="/static/brand\.css\?v=[0-9a-f]{10}">`,
		} {
			if !regexp.MustCompile(re).MatchString(page) {
				t.Errorf("%s: no match for %s", path, re)
			}
		}
		if strings.Contains(page, "favicon.svg") || strings.Contains(page, "style=") {
			t.Errorf("%s: the theme's favicon or an inline style", path)
		}
	}
}

func TestBrandCSS(t *testing.T) {
	if css := render.BrandCSS(config.Brand{}); css != nil {
		t.Errorf("no accent: %s", css)
	}
	css := string(render.BrandCSS(config.Brand{Accent: "#17527a", Accent2: "#5d86a2"}))
	light, dark, ok := strings.Cut(css, "prefers-color-scheme: dark")
	if !ok || !strings.Contains(light, "--link: #17527a") || !strings.Contains(dark, "--link: #5d86a2") {
		t.Errorf("brand.css:\n%s", css)
	}
}

// The featured publication leads the home page, before the recent ones, which do not
// repeat it.
func TestHomeFeatured(t *testing.T) {
	fsys := corpusFS(t, 3).(fstest.MapFS) // fewer than recent: all would be on the home page
	var name string
	for n := range fsys {
		if strings.HasPrefix(n, "content/publications/") && strings.HasSuffix(n, ".md") && (name == "" || n < name) {
			name = n
		}
	}
	src := string(fsys[name].Data)
	fsys[name] = &fstest.MapFile{Data: []byte("---\nfeatured: true\n" + strings.TrimPrefix(src, "---\n"))}
	pages, err := renderAll(t, fsys)
	if err != nil {
		t.Fatal(err)
	}
	home := pages["index.html"]
	m := regexp.MustCompile(`<section class="featured" aria-labelledby="featured-title">[\s\S]*?<h2 id="featured-title"><a href="([^"]+)">`).FindStringSubmatchIndex(home)
	if m == nil {
		t.Fatalf("no featured section:\n%s", home)
	}
	url := home[m[2]:m[3]]
	if main := strings.Index(home, `<main`); strings.Contains(home[main:m[0]], "<section") || strings.Contains(home[main:m[0]], `class="lead"`) {
		t.Errorf("something comes before the featured section:\n%s", home[main:m[0]])
	}
	if n := strings.Count(home, `href="`+url+`"`); n != 1 {
		t.Errorf("%s is linked %d times on the home page; want once, as the featured one", url, n)
	}
}

// An author with a file in content/authors/ has a page with the photo and bio above the
// publications; an author without one keeps the plain list.
func TestAuthorProfilePage(t *testing.T) {
	fsys := corpusFS(t, 3).(fstest.MapFS)
	plain, err := renderAll(t, fsys)
	if err != nil {
		t.Fatal(err)
	}
	var author string
	for p := range plain {
		if strings.HasPrefix(p, "authors/") && p != "authors/index.html" && (author == "" || p < author) {
			author = p
		}
	}
	if author == "" {
		t.Fatal("the corpus has no author pages")
	}
	if strings.Contains(plain[author], `class="profile"`) {
		t.Errorf("%s has a profile without a file", author)
	}
	slug := strings.TrimSuffix(strings.TrimPrefix(author, "authors/"), "/index.html")
	fsys["content/authors/"+slug+".md"] = &fstest.MapFile{Data: []byte("---\nname: A. Person\nrole: Fellow\nphoto: p.png\nphoto_alt: A. Person\n---\nA *short* bio.\n")}
	fsys["content/authors/p.png"] = &fstest.MapFile{Data: pngData(t)}
	pages, err := renderAll(t, fsys)
	if err != nil {
		t.Fatal(err)
	}
	page := pages[author]
	photo := strings.Index(page, `<img class="profile-photo" src="/authors/`+slug+`/p.png" alt="A. Person" width="4" height="2">`)
	bio := strings.Index(page, `A <em>short</em> bio.`)
	list := strings.Index(page, `class="cards"`)
	if photo < 0 || bio < photo || list < bio || !strings.Contains(page, "<h1>A. Person</h1>") {
		t.Errorf("%s: photo at %d, bio at %d, list at %d:\n%s", author, photo, bio, list, page)
	}
}

func pngData(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 2))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
