package printbody

import (
	"fmt"
	"testing"
)

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

// urls makes the site's links absolute and its images relative to the print
// edition, and leaves everything else as it is.
func TestURLs(t *testing.T) {
	const origin, dir = "https://example.org", "/publications/x/print/"
	for _, c := range []struct{ in, want string }{
		{``, ``},
		{`<p>no links</p>`, `<p>no links</p>`},
		{`<a href="/a/">x</a> <img src="/publications/x/i.png" alt=""> <a href="https://x.org/">y</a>`,
			`<a href="https://example.org/a/">x</a> <img src="../i.png" alt=""> <a href="https://x.org/">y</a>`},
		{`<img src="/static/logo.svg?v=1a"><img src="/publications/y/b.png">`,
			`<img src="../../../static/logo.svg?v=1a"><img src="../../y/b.png">`},
		{`<a data-href="/no">x</a><a href="relative">y</a><a href="#f">z</a>`,
			`<a data-href="/no">x</a><a href="relative">y</a><a href="#f">z</a>`},
		{`<a href="/">home</a><a href="//cdn.example/x">p</a><img src="//cdn.example/i.png">`,
			`<a href="https://example.org/">home</a><a href="//cdn.example/x">p</a><img src="//cdn.example/i.png">`},
		{`="/ at start, href="/ without space, <a  href="/double-space">`,
			`="/ at start, href="https://example.org/ without space, <a  href="https://example.org/double-space">`},
		{`<img src="/publications/x/print/a.png"> tail src="/cut`, `<img src="a.png"> tail src="/cut`},
	} {
		if got := urls(c.in, origin, dir); got != c.want {
			t.Errorf("urls(%q)\n = %q\nwant %q", c.in, got, c.want)
		}
	}
}

func ExampleRelative() {
	fmt.Println(Relative("/publications/water/print/", "/publications/water/"))
	fmt.Println(Relative("/publications/water/print/", "/static/print.css?v=1a2b"))
	fmt.Println(Relative("/publications/water/print/", "/publications/water/print/"))
	fmt.Println(Relative("/publications/water/print/", "https://example.org/"))
	// Output:
	// ../
	// ../../../static/print.css?v=1a2b
	// ./
	// https://example.org/
}
