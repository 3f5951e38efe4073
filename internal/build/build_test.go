package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/build"
	"folio/internal/corpus"
)

// A rebuild with the caches warm gives exactly the bytes of a cold build, and does only
// the work the edit calls for.
func TestRebuildUsesCachesAndMatchesColdBuild(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 40, 3); err != nil {
		t.Fatal(err)
	}
	b := build.New(build.Options{Source: src, Version: "test"})
	first, files1, errs := b.BuildMemory()
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if first.Rendered != 40 || first.Executed != first.Pages {
		t.Errorf("cold build rendered %d bodies and executed %d of %d pages", first.Rendered, first.Executed, first.Pages)
	}

	// Nothing changed: nothing is rendered or executed again.
	again, files2, errs := b.BuildMemory()
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if again.Rendered != 0 || again.Executed != 0 {
		t.Errorf("unchanged rebuild rendered %d bodies and executed %d pages; want 0 and 0", again.Rendered, again.Executed)
	}
	same(t, files1, files2)

	// Edit one body: one Markdown render, and only the pages that show that brief.
	p := filepath.Join(src, "content", "publications", "pub-00007.md")
	data, _ := os.ReadFile(p)
	edited := strings.Replace(string(data), "\n## Recommendations", "\nAn added sentence.\n\n## Recommendations", 1)
	if err := os.WriteFile(p, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	warm, warmFiles, errs := b.BuildMemory()
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if warm.Rendered != 1 {
		t.Errorf("after one edit, %d bodies rendered; want 1", warm.Rendered)
	}
	if warm.Executed == 0 || warm.Executed > warm.Pages/4 {
		t.Errorf("after one edit, %d of %d pages executed", warm.Executed, warm.Pages)
	}
	if !bytes.Contains(warmFiles["publications/pub-00007/index.html"], []byte("An added sentence.")) {
		t.Errorf("the edit is not in the page")
	}

	// A cold build of the edited site gives the same bytes as the warm one.
	_, cold, errs := build.New(build.Options{Source: src, Version: "test"}).BuildMemory()
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	same(t, cold, warmFiles)

	// A new title shows in lists, term pages and other briefs' related cards: all of
	// them must be rendered again, and match a cold build.
	edited = strings.Replace(edited, "title: ", "title: Renamed ", 1)
	if err := os.WriteFile(p, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	_, warmFiles, errs = b.BuildMemory()
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	_, cold, _ = build.New(build.Options{Source: src, Version: "test"}).BuildMemory()
	same(t, cold, warmFiles)
}

func same(t *testing.T, a, b build.Files) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%d files vs %d", len(a), len(b))
	}
	for p, x := range a {
		if !bytes.Equal(x, b[p]) {
			t.Errorf("%s differs", p)
		}
	}
}
