package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"folio/internal/config"
)

// BrandCSSPath is where the build writes BrandCSS, under the output folder.
const BrandCSSPath = "static/brand.css"

// BrandCSS returns the stylesheet that gives the theme the brand's accent colours, or
// nil when site.yaml sets none. A file, not a style attribute or element: the hosts'
// Content-Security-Policy (package hosts) lets no inline style through. Pages link it
// after style.css, whose custom properties it overrides.
func BrandCSS(b config.Brand) []byte {
	if b.Accent == "" {
		return nil
	}
	return fmt.Appendf(nil, `/* Made by folio from site.yaml brand: do not edit. */
:root { --link: %[1]s; --accent: %[1]s; }
@media (prefers-color-scheme: dark) {
  :root { --link: %[2]s; --accent: %[2]s; }
}
`, b.Accent, b.Accent2)
}

// brandCSSURL is BrandCSS's URL with its content hash, like the theme's static files.
func brandCSSURL(basePath string, css []byte) string {
	if css == nil {
		return ""
	}
	sum := sha256.Sum256(css)
	return basePath + BrandCSSPath + "?v=" + hex.EncodeToString(sum[:])[:10]
}
