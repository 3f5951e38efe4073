package site

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"slices"
	"strings"
	"testing"
)

func TestPlan(t *testing.T) {
	for _, tc := range []struct {
		w       int
		smaller []int
		largest int
	}{
		{300, nil, 300},
		{480, nil, 480},
		{481, []int{480}, 481},
		{1000, []int{480, 800}, 1000},
		{1600, []int{480, 800, 1200}, 1600},
		{4032, []int{480, 800, 1200}, 1600},
	} {
		if smaller, largest := plan(tc.w); !slices.Equal(smaller, tc.smaller) || largest != tc.largest {
			t.Errorf("plan(%d) = %v, %d; want %v, %d", tc.w, smaller, largest, tc.smaller, tc.largest)
		}
	}
}

func pngBytes(t *testing.T, w, h int) string {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// A bundle image wider than the first width is published in several, its srcset names
// them, and its width and height are the largest's; {.original} keeps one as it is; the
// cover gets a srcset for the cards.
func TestBundleImageWidths(t *testing.T) {
	s, errs := load(t, map[string]string{
		"content/publications/a/index.md": pub("A", "2024-01-02", "cover: wide.png\ncover_alt: A map.\n") +
			"\n![A map](wide.png)\n\n![A plan](plan.png){.original}\n\n![A logo](small.png)\n",
		"content/publications/a/wide.png":  pngBytes(t, 2000, 1000),
		"content/publications/a/plan.png":  pngBytes(t, 1000, 500),
		"content/publications/a/small.png": pngBytes(t, 400, 200),
	})
	if errs != "" {
		t.Fatal(errs)
	}
	var files []string
	for _, f := range s.Files {
		files = append(files, fmt.Sprintf("%s %v %v", f.Dst, f.Widths, f.Resize))
	}
	got := strings.Join(files, "\n")
	if w := "publications/a/plan.png [] false\npublications/a/small.png [] false\npublications/a/wide.png [480 800 1200 1600] true"; got != w {
		t.Errorf("files:\n%s\nwant\n%s", got, w)
	}
	p := s.Publications[0]
	if w := "/sub/publications/a/wide-480w.png 480w, /sub/publications/a/wide-800w.png 800w, /sub/publications/a/wide-1200w.png 1200w, /sub/publications/a/wide.png 1600w"; p.CoverSrcset != w || p.CoverW != 1600 || p.CoverH != 800 {
		t.Errorf("cover: %q %d×%d; want %q 1600×800", p.CoverSrcset, p.CoverW, p.CoverH, w)
	}
	for _, w := range []string{
		`<img src="/sub/publications/a/wide.png" alt="A map" width="1600" height="800" srcset="/sub/publications/a/wide-480w.png 480w, /sub/publications/a/wide-800w.png 800w, /sub/publications/a/wide-1200w.png 1200w, /sub/publications/a/wide.png 1600w" sizes="` + ImageSizes + `">`,
		`<img src="/sub/publications/a/plan.png" alt="A plan" width="1000" height="500" loading="lazy" decoding="async">`,
		`<img src="/sub/publications/a/small.png" alt="A logo" width="400" height="200" loading="lazy" decoding="async">`,
	} {
		if body := bodyHTML(t, s, p.Page); !strings.Contains(body, w) {
			t.Errorf("body:\n%s\nlacks %s", body, w)
		}
	}
}

// A bundle file where a smaller copy of an image would go is an error at the image.
func TestImageWidthCollision(t *testing.T) {
	_, errs := load(t, map[string]string{
		"content/publications/a/index.md":      pub("A", "2024-01-02", "") + "\n![A map](wide.png)\n",
		"content/publications/a/wide.png":      pngBytes(t, 1000, 500),
		"content/publications/a/wide-480w.png": pngBytes(t, 480, 240),
	})
	if w := "content/publications/a/wide.png: the 480 px wide copy of content/publications/a/wide.png would be written to /publications/a/wide-480w.png, which content/publications/a/wide-480w.png already uses"; !strings.Contains(errs, w) {
		t.Errorf("errors:\n%s\nlack %s", errs, w)
	}
}
