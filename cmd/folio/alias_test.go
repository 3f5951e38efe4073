package main

import (
	"strings"
	"testing"
)

// addAlias changes only what it must: every case keeps the comments, the order and the
// quoting of the rest of the file.
func TestAddAlias(t *testing.T) {
	const body = "Body: aliases: [x]\n"
	tests := []struct{ name, in, want string }{
		{"no aliases",
			"---\ntitle: T # the title\n---\n",
			"---\ntitle: T # the title\naliases:\n  - /old/\n---\n"},
		{"block list",
			"---\naliases:\n    -   /a/  # first\n# between\ntitle: T\n---\n",
			"---\naliases:\n    -   /a/  # first\n    -   /old/\n# between\ntitle: T\n---\n"},
		{"flow list",
			"---\naliases: [/a/, \"/b,c/\"] # kept\ntitle: T\n---\n",
			"---\naliases: [/a/, \"/b,c/\", \"/old/\"] # kept\ntitle: T\n---\n"},
		{"empty flow list",
			"---\naliases: []\n---\n",
			"---\naliases: [\"/old/\"]\n---\n"},
		{"one address",
			"---\naliases: '/a/' # kept\n---\n",
			"---\naliases: ['/a/', \"/old/\"] # kept\n---\n"},
		{"empty",
			"---\naliases:\ntitle: T\n---\n",
			"---\naliases:\n  - /old/\ntitle: T\n---\n"},
		{"windows line endings",
			"---\r\ntitle: T\r\naliases:\r\n  - /a/\r\n---\r\n",
			"---\r\ntitle: T\r\naliases:\r\n  - /a/\r\n  - /old/\r\n---\r\n"},
	}
	for _, tt := range tests {
		got, err := addAlias("x.md", []byte(tt.in+body), "/old/")
		if err != nil || string(got) != tt.want+body {
			t.Errorf("%s: addAlias(%q) = %q, %v; want %q", tt.name, tt.in, got, err, tt.want+body)
		}
	}
}

func TestAddAliasRefuses(t *testing.T) {
	for _, in := range []string{
		"---\naliases: {a: b}\n---\n",
		"---\naliases: ~\n---\n", // a line under it would not be a list
	} {
		if got, err := addAlias("x.md", []byte(in), "/old/"); err == nil || !strings.Contains(err.Error(), "by hand") {
			t.Errorf("addAlias(%q) = %q, %v; want an error saying to add it by hand", in, got, err)
		}
	}
}
