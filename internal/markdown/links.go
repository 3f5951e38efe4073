package markdown

import (
	"net/url"
	"strings"
)

// IsRelative reports whether dest is a path relative to the current file: not a URL with
// a scheme, not site-absolute, not a fragment of the current page. Those are the links
// Render resolves through its Resolver; folio check uses the same rule to find them in
// the sources.
func IsRelative(dest string) bool {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "/") {
		return false
	}
	u, err := url.Parse(dest)
	return err == nil && u.Scheme == "" && u.Host == ""
}
