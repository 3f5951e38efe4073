package build_test

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"folio/internal/build"
	"folio/internal/corpus"
)

// A share card cut short in the cache is not published: it is drawn again, with no
// error, by a build with or without the build cache, and the cache holds it whole again.
func TestShareCardCacheChecked(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 2, 9); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(src, "site.yaml")
	data, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, bytes.Replace(data, []byte("share_cards: false"), []byte("share_cards: true"), 1), 0o644)
	for _, noCache := range []bool{false, true} {
		opts := build.Options{Source: src, Dest: filepath.Join(t.TempDir(), "public"), Version: "test", NoCache: noCache}
		if _, errs := build.Run(opts); errs.HasErrors() {
			t.Fatal(errs)
		}
		cached, _ := filepath.Glob(filepath.Join(src, filepath.FromSlash(build.CardCacheDir), "*.png"))
		if len(cached) != 2 {
			t.Fatalf("%d cached cards; want 2", len(cached))
		}
		for _, f := range cached {
			whole, _ := os.ReadFile(f)
			if err := os.WriteFile(f, whole[:len(whole)/2], 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if _, errs := build.Run(opts); errs.HasErrors() {
			t.Fatal(errs)
		}
		page, _ := os.ReadFile(filepath.Join(opts.Dest, "publications", "pub-00000", "index.html"))
		m := regexp.MustCompile(`/publications/pub-00000/(card-[0-9a-f]{12}\.png)"`).FindSubmatch(page)
		if m == nil {
			t.Fatalf("no share card in the page")
		}
		card, _ := os.ReadFile(filepath.Join(opts.Dest, "publications", "pub-00000", string(m[1])))
		if _, err := png.Decode(bytes.NewReader(card)); err != nil {
			t.Errorf("NoCache %v: the published card is broken: %v", noCache, err)
		}
		again, _ := filepath.Glob(filepath.Join(src, filepath.FromSlash(build.CardCacheDir), "*.png"))
		if len(again) != 2 {
			t.Errorf("NoCache %v: %d cached cards after the rebuild; want 2", noCache, len(again))
		}
		for _, f := range again {
			data, _ := os.ReadFile(f)
			if _, err := png.Decode(bytes.NewReader(data)); err != nil {
				t.Errorf("NoCache %v: %s is broken: %v", noCache, filepath.Base(f), err)
			}
		}
	}
}

// A PDF cut short in the cache is not published, linked, or called up to date: the build
// treats it as missing, with no error, and folio pdf makes it again.
func TestPDFCacheChecked(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 2, 5); err != nil {
		t.Fatal(err)
	}
	opts := build.Options{Source: src, Dest: filepath.Join(t.TempDir(), "public"), Version: "test", PrintKeys: true}
	res, errs := build.Run(opts)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	pr := res.Prints[0]
	pdf := []byte("%PDF-1.7 a whole PDF\n%%EOF\n")
	if err := build.StorePDF(src, pr.Slug, pr.Key, pdf); err != nil {
		t.Fatal(err)
	}
	if res, errs = build.Run(opts); errs.HasErrors() || !res.Prints[0].Cached {
		t.Fatalf("an intact cached PDF is not used: %v", errs)
	}
	cached := filepath.Join(src, filepath.FromSlash(build.PDFCacheDir), pr.Slug+".pdf")
	if err := os.WriteFile(cached, pdf[:10], 0o644); err != nil {
		t.Fatal(err)
	}
	for _, noCache := range []bool{false, true} {
		opts.NoCache = noCache
		res, errs := build.Run(opts)
		if errs.HasErrors() {
			t.Fatal(errs)
		}
		if res.Prints[0].Cached {
			t.Errorf("NoCache %v: a PDF cut short is called up to date", noCache)
		}
		if _, err := os.Stat(filepath.Join(opts.Dest, filepath.FromSlash(pr.PDF))); err == nil {
			t.Errorf("NoCache %v: a PDF cut short is published", noCache)
		}
		page, _ := os.ReadFile(filepath.Join(opts.Dest, "publications", pr.Slug, "index.html"))
		if bytes.Contains(page, []byte(pr.Slug+".pdf")) {
			t.Errorf("NoCache %v: a PDF cut short is linked", noCache)
		}
	}
}
