// Package themes embeds the default theme so that the folio binary can build a site
// that has no themes/ folder of its own. The theme itself is only files: templates,
// CSS and JavaScript under default/.
package themes

import "embed"

// Default holds the files of themes/default.
//
//go:embed all:default
var Default embed.FS
