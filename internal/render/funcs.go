package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"path"
	"strings"
	"sync"

	"folio/internal/theme"
)

// Assets maps theme static files to URLs that carry a content hash ("?v=1a2b3c4d"), so
// browsers can cache them for a long time and still see a changed stylesheet at once.
type Assets struct {
	basePath string
	mu       sync.RWMutex
	hashes   map[string]string
}

// NewAssets returns an empty asset table for a site served under basePath ("/").
func NewAssets(basePath string) *Assets {
	return &Assets{basePath: basePath, hashes: map[string]string{}}
}

// Hash records the content hash of each static file.
func (a *Assets) Hash(files []theme.StaticFile) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, f := range files {
		data, err := f.Bytes() // as published, so that the version follows what readers get
		if err != nil {
			return fmt.Errorf("static file %s: %w", f.Path, err)
		}
		sum := sha256.Sum256(data)
		a.hashes[f.Path] = hex.EncodeToString(sum[:])[:10]
	}
	return nil
}

// URL returns the URL of a static file, failing for a file the theme does not have so
// that a typo in a template is an error, not a broken page.
func (a *Assets) URL(p string) (string, error) {
	a.mu.RLock()
	h, ok := a.hashes[p]
	a.mu.RUnlock()
	if !ok {
		return "", fmt.Errorf("asset %q: no such file in the theme's static/ folder", p)
	}
	return a.basePath + path.Join("static", p) + "?v=" + h, nil
}

// Funcs returns the template functions every template can call:
//
//	asset "style.css"          URL of a static file, with a content hash
//	plural 3 "brief" "briefs"  "3 briefs"; "1 brief"
//	add 1 2                    3
//	lower "Country"            "country"
//	filesize 839680            "840 kB": a download's size, as readers see it
func Funcs(a *Assets) template.FuncMap {
	return template.FuncMap{
		"lower":    strings.ToLower,
		"asset":    a.URL,
		"plural":   plural,
		"add":      func(x, y int) int { return x + y },
		"filesize": filesize,
	}
}

// filesize writes a size in bytes in SI units, as file managers on phones and Macs do
// (1 kB = 1000 bytes), with two or three significant figures: "820 kB", "1.4 MB".
func filesize(n int64) string {
	switch {
	case n < 1000:
		return plural(int(n), "byte", "bytes")
	case n < 999_500:
		return fmt.Sprintf("%d kB", (n+500)/1000)
	case n < 9_950_000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	default:
		return fmt.Sprintf("%d MB", (n+500_000)/1_000_000)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
