package render

import "testing"

// The print edition shows each image at its largest width, which src names, loaded at
// once: srcset, sizes, loading and decoding go.
func TestLargestImages(t *testing.T) {
	for in, want := range map[string]string{
		`<p><img src="/a/p.jpg" alt="A" width="1600" height="1200" srcset="/a/p-480w.jpg 480w, /a/p.jpg 1600w" sizes="42rem" loading="lazy" decoding="async"></p>`: `<p><img src="/a/p.jpg" alt="A" width="1600" height="1200"></p>`,
		`<figure><img src="/a/p.jpg" alt="B" loading="lazy" decoding="async"><figcaption>C</figcaption></figure><p>srcset="x"</p>`:                                 `<figure><img src="/a/p.jpg" alt="B"><figcaption>C</figcaption></figure><p>srcset="x"</p>`,
		`<p>No image.</p>`: `<p>No image.</p>`,
	} {
		if got := largestImages(in); got != want {
			t.Errorf("largestImages(%q) = %q; want %q", in, got, want)
		}
	}
}
