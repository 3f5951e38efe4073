package site

import (
	"strings"
	"testing"
)

// An author's file in content/authors/ gives the author's term a profile (bio as HTML,
// role, photo published beside the page, links); a file that matches no author is a
// warning naming it; an author without a file has no profile.
func TestProfiles(t *testing.T) {
	s, errs := load(t, map[string]string{
		"content/publications/a.md": pub("A", "2024-01-02", "authors: [\"Nadia Haddad\", \"Sam Lee\"]\n"),
		"content/authors/nadia-haddad.md": "---\nname: Nadia Haddad\nrole: Analyst\nphoto: nadia.png\nphoto_alt: Nadia Haddad\n" +
			"links: [{label: Email, url: \"mailto:n@example.org\"}]\n---\nNadia *studies* data.\n",
		"content/authors/nadia.png":      pngBytes(t, 30, 20),
		"content/authors/nobody-here.md": "---\nname: Nobody\n---\nBio.\n",
	})
	if want := "content/authors/nobody-here.md: warning: no publication has an author whose page is /authors/nobody-here/"; !strings.Contains(errs, want) {
		t.Errorf("errors %q; want %q", errs, want)
	}
	var nadia, sam *Term
	for _, tx := range s.Taxonomies {
		for _, tm := range tx.Terms {
			switch tm.Key {
			case "nadia-haddad":
				nadia = tm
			case "sam-lee":
				sam = tm
			}
		}
	}
	if nadia == nil || sam == nil {
		t.Fatal("author terms missing")
	}
	p := nadia.Profile
	if p == nil || p.Role != "Analyst" || !strings.Contains(p.Bio, "<em>studies</em>") || p.PhotoURL != "/sub/authors/nadia-haddad/nadia.png" ||
		p.PhotoW != 30 || p.PhotoH != 20 || len(p.Links) != 1 || p.Links[0].URL != "mailto:n@example.org" {
		t.Errorf("profile = %+v", p)
	}
	if sam.Profile != nil {
		t.Errorf("an author without a file has a profile: %+v", sam.Profile)
	}
	var copied bool
	for _, f := range s.Files {
		copied = copied || f.Src == "content/authors/nadia.png" && f.Dst == "authors/nadia-haddad/nadia.png"
	}
	if !copied {
		t.Errorf("photo not among the files to copy: %+v", s.Files)
	}
}

// Profiles' front matter is strict, like publications'.
func TestProfileErrors(t *testing.T) {
	for _, tc := range []struct{ front, want string }{
		{"name: N\nrol: Analyst\n", `content/authors/sam-lee.md:3:1: unknown author front matter field "rol" (did you mean "role"?)`},
		{"name: N\nphoto: missing.jpg\nphoto_alt: N\n", `content/authors/sam-lee.md:3:8: photo "missing.jpg" not found`},
		{"name: N\nphoto: p.png\n", `content/authors/sam-lee.md:3:8: a photo needs photo_alt`},
		{"name: N\nlinks: [{label: Home, url: \"javascript:x\"}]\n", `content/authors/sam-lee.md:3:9: link url must start with https://`},
		{"role: Analyst\n", `content/authors/sam-lee.md:1:1: an author's profile needs a name`},
	} {
		_, errs := load(t, map[string]string{
			"content/publications/a.md":  pub("A", "2024-01-02", "authors: [Sam Lee]\n"),
			"content/authors/sam-lee.md": "---\n" + tc.front + "---\nBio.\n",
			"content/authors/p.png":      pngBytes(t, 3, 3),
		})
		if !strings.Contains(errs, tc.want) {
			t.Errorf("%q: errors %q; want %q", tc.front, errs, tc.want)
		}
	}
}
