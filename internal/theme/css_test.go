package theme

import "testing"

func TestStripCSSComments(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a { color: red } /* why */\nb {}", "a { color: red } \nb {}"},
		{"/* one\n two */a{}", "a{}"},
		{"/*! licence */a{}/**/", "/*! licence */a{}"},
		{`a::before { content: "/* not a comment */" }`, `a::before { content: "/* not a comment */" }`},
		{`a::before { content: 'it\'s /*' } /* x */`, `a::before { content: 'it\'s /*' } `},
		{"a { background: url(data:x/*y) } /* z */", "a { background: url(data:x/*y) } "},
		{"a { background: URL('/*.png') }", "a { background: URL('/*.png') }"},
		{"a{} /* unclosed", "a{} /* unclosed"},
		{"a{}/", "a{}/"},
		{"a/**/b{}", "a/**/b{}"},
		{".a/* x */.b{}", ".a/**/.b{}"},
		{"div/* x */.x{}", "div/**/.x{}"},
		{"a{margin:1px/* x */2px}", "a{margin:1px/**/2px}"},
		{`a\/* b */{}`, `a\/* b */{}`},
		{`.x\"/* c */{}`, `.x\"{}`},
	} {
		if got := string(StripCSSComments([]byte(c.in))); got != c.want {
			t.Errorf("StripCSSComments(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
