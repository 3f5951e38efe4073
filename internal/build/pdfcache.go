package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"folio/internal/site"
	"folio/internal/theme"
)

// PDFCacheDir is where folio pdf keeps the PDFs it made, inside the site folder: the
// output folder is replaced by every build, the PDFs must outlive that. For each
// publication it holds <slug>.pdf and <slug>.key: the PrintKey of the print edition the
// PDF was made from and the SHA-256 of the PDF, which is checked before the PDF is used,
// so that a PDF cut short or changed on disk counts as missing and folio pdf makes it
// again. It belongs in .gitignore.
const PDFCacheDir = ".folio-cache/pdf"

// A Print describes one publication's print edition in a build, for folio pdf.
type Print struct {
	Slug   string
	HTML   string // output-relative path of the print edition: publications/x/print/index.html
	PDF    string // output-relative path where its PDF goes: publications/x/x.pdf
	Key    string // PrintKey of this edition; without Options.PrintKeys, only if a cached PDF exists
	Cached bool   // the cache holds a PDF made from exactly this edition, intact (it was copied)
	// Stale: the cache holds a PDF of an earlier edition (the brief changed since folio pdf
	// made it), which is neither copied nor linked: the page lost its "Download PDF".
	Stale    bool
	Designed bool // a designed PDF is attached: folio pdf leaves this one alone
	Title    string
	Authors  []string
	Summary  string
	Keywords []string // objectives and countries
}

// pdfs follows the print editions of one build: it computes their keys, copies
// up-to-date PDFs from the cache into the output, and answers render's Printed hook.
type pdfs struct {
	src     string // site folder
	fsys    fs.FS
	site    *site.Site
	theme   *theme.Theme
	out     output
	css     []byte // print.css, part of every key
	allKeys bool
	// keys are the names of the .key files in the cache, listed once: opening a file per
	// publication to find that it does not exist costs a quarter of a second per rebuild
	// of a 10,000-publication site.
	keys map[string]bool

	mu     sync.Mutex
	prints []Print
	urls   map[*site.Publication]string
	errs   []error
}

func newPDFs(src string, fsys fs.FS, s *site.Site, th *theme.Theme, out output, allKeys bool) *pdfs {
	p := &pdfs{src: src, fsys: fsys, site: s, theme: th, out: out, allKeys: allKeys, urls: map[*site.Publication]string{},
		keys: map[string]bool{}}
	entries, _ := os.ReadDir(filepath.Join(src, filepath.FromSlash(PDFCacheDir))) // none yet: no keys
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".key") {
			p.keys[e.Name()] = true
		}
	}
	for _, f := range th.Static {
		if f.Path == "print.css" {
			p.css, _ = fs.ReadFile(f.FS, f.Src)
		}
	}
	return p
}

// PrintKey identifies what a PDF is made from: the print edition's HTML, the print
// stylesheet, and every file of the publication's bundle (its images).
func (p *pdfs) key(pub *site.Publication, html []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%d\x00", len(html))
	h.Write(html)
	fmt.Fprintf(h, "%d\x00", len(p.css))
	h.Write(p.css)
	for _, r := range pub.Resources {
		data, _ := fs.ReadFile(p.fsys, pub.Bundle+"/"+r)
		fmt.Fprintf(h, "%s\x00%d\x00", r, len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// printed answers render.Output's Printed: the URL and size of the cached PDF it
// copied. Hashing every print edition costs time on a large site, so the key is
// computed only when the cache holds a PDF to compare it with, or when all keys are
// wanted (Options.PrintKeys).
func (p *pdfs) printed(pub *site.Publication, html []byte) (string, int64) {
	cache := filepath.Join(p.src, filepath.FromSlash(PDFCacheDir))
	stored, err := []byte(nil), fs.ErrNotExist
	if p.keys[pub.Slug+".key"] {
		stored, err = os.ReadFile(filepath.Join(cache, pub.Slug+".key"))
	}
	key := ""
	dir := strings.TrimPrefix(pub.URL, p.site.BasePath)
	if err == nil || p.allKeys {
		if html == nil { // reused: from the previous output (build cache) or the last build to memory
			var rerr error
			if html, rerr = p.out.read(dir + "print/index.html"); rerr != nil {
				p.mu.Lock()
				p.errs = append(p.errs, rerr)
				p.mu.Unlock()
			}
		}
		key = p.key(pub, html)
	}
	pr := Print{
		Slug: pub.Slug, HTML: dir + "print/index.html", PDF: dir + pub.Slug + ".pdf", Key: key,
		Designed: pub.PDF != "", Title: pub.Title, Summary: pub.Summary,
	}
	for _, a := range pub.Authors {
		pr.Authors = append(pr.Authors, a.Title)
	}
	for _, t := range append(append([]*site.Term{}, pub.Objectives...), pub.Countries...) {
		pr.Keywords = append(pr.Keywords, t.Title)
	}
	var size int64
	if f := strings.Fields(string(stored)); err == nil && len(f) == 2 && f[0] == key && !pr.Designed {
		if data, ok := readPDF(filepath.Join(cache, pub.Slug+".pdf"), f[1]); ok {
			if err := p.out.write(pr.PDF, data); err == nil {
				pr.Cached, size = true, int64(len(data))
			} else {
				p.mu.Lock()
				p.errs = append(p.errs, err)
				p.mu.Unlock()
			}
		}
	}
	pr.Stale = err == nil && !pr.Designed && !pr.Cached
	p.mu.Lock()
	defer p.mu.Unlock()
	p.prints = append(p.prints, pr)
	if pr.Cached {
		p.urls[pub] = p.site.BasePath + path.Clean(pr.PDF)
		return p.urls[pub], size
	}
	return "", 0
}

// readPDF returns the cached PDF at p if its SHA-256 is sum (hex): a missing, cut short
// or altered PDF is not used.
func readPDF(p, sum string) ([]byte, bool) {
	data, err := os.ReadFile(p)
	return data, err == nil && pdfSum(data) == sum
}

func pdfSum(pdf []byte) string {
	sum := sha256.Sum256(pdf)
	return hex.EncodeToString(sum[:])
}

// StorePDF records a PDF made from the print edition with the given key, for the
// builds that follow: folio pdf calls it, then builds again to link it.
func StorePDF(src, slug, key string, pdf []byte) error {
	dir := filepath.Join(src, filepath.FromSlash(PDFCacheDir))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// The key is written after the PDF, each through a rename, so a crash never leaves
	// a key vouching for a PDF that is not all there.
	for _, f := range []struct {
		name string
		data []byte
	}{{slug + ".pdf", pdf}, {slug + ".key", []byte(key + " " + pdfSum(pdf) + "\n")}} {
		tmp, err := os.CreateTemp(dir, ".tmp-*")
		if err != nil {
			return err
		}
		_, err = tmp.Write(f.data)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp.Name(), filepath.Join(dir, f.name))
		}
		if err != nil {
			os.Remove(tmp.Name())
			return fmt.Errorf("storing %s: %w", f.name, err)
		}
	}
	return nil
}
