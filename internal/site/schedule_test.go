package site

import (
	"strings"
	"testing"
	"time"

	"folio/internal/config"
)

// scheduled builds the model of files as it is at the moment at, in Europe/Zurich.
func scheduled(t *testing.T, files map[string]string, opts Options) (*Site, string) {
	t.Helper()
	return loadWith(t, siteYAML+"timezone: Europe/Zurich\n", files, opts)
}

func zurich(t *testing.T, s string) time.Time {
	t.Helper()
	loc, err := config.LoadLocation("Europe/Zurich")
	if err != nil {
		t.Fatal(err)
	}
	at, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

func slugs(s *Site) string {
	var out []string
	for _, p := range s.Publications {
		out = append(out, p.Slug)
	}
	return strings.Join(out, " ")
}

// A publication is in the site from its release: the start of its date, or its embargo,
// in the site's timezone. Until then it is in Scheduled only, and in no taxonomy.
func TestScheduled(t *testing.T) {
	files := map[string]string{
		"content/publications/past.md":     pub("Past", "2026-12-01", ""),
		"content/publications/today.md":    pub("Today", "2026-12-05", ""),
		"content/publications/future.md":   pub("Future", "2027-03-01", "countries: [Atlantis]\n"),
		"content/publications/embargo.md":  pub("Embargoed", "2026-12-10", "embargo: 2026-12-10T09:00\n"),
		"content/publications/tomorrow.md": pub("Tomorrow", "2026-12-06", ""),
	}
	for _, tt := range []struct {
		at, want, held string
	}{
		{"2026-12-04 23:59", "past", "today tomorrow embargo future"},
		{"2026-12-05 00:00", "today past", "tomorrow embargo future"},
		{"2026-12-10 08:59", "tomorrow today past", "embargo future"},
		{"2026-12-10 09:00", "embargo tomorrow today past", "future"},
		{"2027-03-01 00:00", "future embargo tomorrow today past", ""},
	} {
		s, errs := scheduled(t, files, Options{At: zurich(t, tt.at)})
		if errs != "" {
			t.Fatalf("at %s: %s", tt.at, errs)
		}
		var held []string
		for _, p := range s.Scheduled {
			held = append(held, p.Slug)
		}
		if got := slugs(s); got != tt.want || strings.Join(held, " ") != tt.held {
			t.Errorf("at %s: publications %q, scheduled %q; want %q, %q", tt.at, got, held, tt.want, tt.held)
		}
		countries := s.Taxonomy("countries")
		if tt.held != "" && strings.HasSuffix(tt.held, "future") && len(countries.Terms) != 0 {
			t.Errorf("at %s: the held-back publication's country is listed: %v", tt.at, countries.Terms[0].Title)
		}
	}

	// Future keeps them all, marked until their release.
	s, errs := scheduled(t, files, Options{At: zurich(t, "2026-12-10 08:59"), Future: true})
	if errs != "" {
		t.Fatal(errs)
	}
	if got := slugs(s); got != "future embargo tomorrow today past" || len(s.Scheduled) != 0 {
		t.Errorf("Future: publications %q, %d scheduled", got, len(s.Scheduled))
	}
	for _, p := range s.Publications {
		if want := p.Slug == "future" || p.Slug == "embargo"; p.Scheduled != want {
			t.Errorf("Future: %s Scheduled = %v; want %v", p.Slug, p.Scheduled, want)
		}
	}
}

// A link to a publication not public yet is an error that says when it will be, as a
// link to a draft is one; a held-back publication may link to one released no later.
// The held-back publication's own body is checked now: the build that publishes it may
// run when nobody watches.
func TestLinkToScheduled(t *testing.T) {
	at := zurich(t, "2026-12-05 12:00")
	files := map[string]string{
		"content/publications/past.md":    strings.Replace(pub("Past", "2026-12-01", ""), "Body.", "See [the brief](embargo.md) and [this](/sub/publications/embargo/).", 1),
		"content/publications/embargo.md": strings.Replace(pub("Embargoed", "2026-12-10", "embargo: 2026-12-10T09:00\n"), "Body.", "After [past](past.md) and [later](later.md).", 1),
		"content/publications/later.md":   strings.Replace(pub("Later", "2026-12-11", ""), "Body.", "After [the embargoed one](embargo.md); [missing](gone.md).", 1),
	}
	_, errs := scheduled(t, files, Options{At: at})
	want := []string{
		`content/publications/embargo.md:9:27: link to "later.md": no such page: content/publications/later.md is scheduled for 2026-12-11 00:00 Europe/Zurich and is not public yet`,
		`content/publications/later.md:8:40: link to "gone.md": no such page`,
		`content/publications/past.md:8:5: link to "embargo.md": no such page: content/publications/embargo.md is scheduled for 2026-12-10 09:00 Europe/Zurich and is not public yet`,
		`content/publications/past.md:8:33: link to "/sub/publications/embargo/": no such page: content/publications/embargo.md is scheduled for 2026-12-10 09:00 Europe/Zurich`,
	}
	got := strings.Split(errs, "\n")
	if len(got) != len(want) {
		t.Fatalf("errors:\n%s\nwant %d", errs, len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("error %d = %q\nwant prefix %q", i, got[i], want[i])
		}
	}

	// With Future every link resolves; the preview is not the public site.
	if _, errs := scheduled(t, files, Options{At: at, Future: true}); strings.Count(errs, "\n") != 0 || !strings.Contains(errs, "gone.md") {
		t.Errorf("Future: errors %q; want only the link to gone.md", errs)
	}
}

// The Cache of rendered bodies must not stand in across a release: a link to a
// publication that was not public an hour ago, and is now, resolves (folio serve keeps
// one Cache for its whole run); and the preview's banner goes with the release.
func TestScheduledCache(t *testing.T) {
	files := map[string]string{
		"content/publications/past.md":    strings.Replace(pub("Past", "2026-12-01", ""), "Body.", "See [the brief](embargo.md).", 1),
		"content/publications/embargo.md": pub("Embargoed", "2026-12-10", "embargo: 2026-12-10T09:00\n"),
	}
	cache := NewCache()
	if _, errs := scheduled(t, files, Options{At: zurich(t, "2026-12-10 08:59"), Cache: cache}); !strings.Contains(errs, "is scheduled for") {
		t.Fatalf("before the release: errors %q; want the link to the embargoed brief refused", errs)
	}
	s, errs := scheduled(t, files, Options{At: zurich(t, "2026-12-10 09:00"), Cache: cache})
	if errs != "" {
		t.Fatalf("at the release: %s", errs)
	}
	if !strings.Contains(bodyHTML(t, s, s.Publications[1].Page), `href="/sub/publications/embargo/"`) {
		t.Errorf("at the release, the link is not there:\n%s", bodyHTML(t, s, s.Publications[1].Page))
	}

	preview, _ := scheduled(t, files, Options{At: zurich(t, "2026-12-10 08:59"), Future: true, Cache: cache})
	public, _ := scheduled(t, files, Options{At: zurich(t, "2026-12-10 09:00"), Future: true, Cache: cache})
	if preview.Fingerprint == public.Fingerprint {
		t.Error("the site's Fingerprint, which keys the pages, is the same before and after the release of a previewed publication")
	}
}

// A correction dated after the moment the site is built for is a typing mistake: it
// would be shown as made and date the page modified in the future. A correction dated
// today, in the site's timezone, is fine.
func TestFutureCorrection(t *testing.T) {
	files := map[string]string{
		"content/publications/p.md": pub("P", "2026-11-01", "corrections:\n  - {date: 2026-12-05, text: Today's fix.}\n  - {date: 2026-12-15, text: A typo for the 5th.}\n"),
	}
	_, errs := scheduled(t, files, Options{At: zurich(t, "2026-12-05 00:30")})
	want := `content/publications/p.md:9:12: the correction's date (2026-12-15) is still to come (the site is built for 2026-12-05)`
	if strings.Count(errs, "\n") != 0 || !strings.HasPrefix(errs, want) {
		t.Errorf("errors:\n%s\nwant one: %s", errs, want)
	}
	if _, errs := scheduled(t, files, Options{At: zurich(t, "2026-12-15 00:00")}); errs != "" {
		t.Errorf("built on the correction's day: %s", errs)
	}
}
