package build

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"folio/internal/card"
	"folio/internal/config"
	"folio/internal/diag"
	"folio/internal/i18n"
	"folio/internal/imagemeta"
	"folio/internal/par"
	"folio/internal/site"
	"folio/internal/svg"
	"folio/internal/theme"
)

// CardCacheDir keeps drawn share cards between builds, inside the site folder: a
// publication whose card would look the same is not drawn again. A card is stored as
// <key>-<sum>.png (.jpg for a card with a cover photo, card.Ext), key being its
// card.Key and sum the start of the SHA-256 of its bytes,
// which is checked before the card is used: a card cut short or changed on disk is drawn
// again.
const CardCacheDir = ".folio-cache/cards"

// shareCards draws or reuses each publication's share card, writes it beside the
// publication as card-<key>.png or .jpg (the key in the name makes social sites fetch a
// changed card), and returns the cards' site URLs. A logo it cannot draw is a warning,
// added to warnings: the cards then go without it.
func (b *Builder) shareCards(src string, s *site.Site, th *theme.Theme, out output, disk bool, warnings *diag.List) (map[*site.Publication]string, error) {
	if !s.Config.ShareCards || len(s.Publications) == 0 {
		return nil, nil
	}
	if b.drawer == nil || b.drawerTheme != th.Fingerprint {
		regular, err := th.Font("DejaVuSans.ttf")
		if err != nil {
			return nil, err
		}
		bold, err := th.Font("DejaVuSans-Bold.ttf")
		if err != nil {
			return nil, err
		}
		if b.drawer, err = card.NewDrawer(regular, bold); err != nil {
			return nil, err
		}
		b.drawerTheme = th.Fingerprint
	}
	var codes []string
	for _, e := range s.Editions {
		codes = append(codes, e.Language.Code)
	}
	strs, err := th.Strings(codes) // the cards' dates, in each edition's language
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(src, filepath.FromSlash(CardCacheDir))
	stored := map[string]string{} // card key → file name in dir
	var entries []os.DirEntry
	if disk {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		entries, _ = os.ReadDir(dir)
		for _, e := range entries {
			if key, _, ok := strings.Cut(e.Name(), "-"); ok {
				stored[key] = e.Name()
			}
		}
	}
	fsys := os.DirFS(src)
	logo, warn, err := cardLogo(fsys, s, b.drawer)
	if err != nil {
		return nil, err
	}
	if warn != nil {
		warnings.Add(warn)
	}
	urls := make(map[*site.Publication]string, len(s.Publications))
	used := make(map[string][]byte, len(s.Publications))
	kept := make(map[string]bool, len(s.Publications)) // file names in dir of the cards used
	var mu sync.Mutex
	var firstErr error
	// draw returns p's card, its key and its file name in dir: from the cards of the
	// last build, or the cache, or drawn.
	draw := func(p *site.Publication) (key, name string, data []byte, err error) {
		c := shareCard(s, p, strs)
		c.Logo = logo
		if c.Cover, err = cardCover(fsys, p); err != nil {
			return "", "", nil, err
		}
		// The key hashes the image files as they are in the site; Draw is given them
		// cleaned (drawCard), which is a function of those bytes.
		key = b.drawer.Key(c)
		mu.Lock()
		data, ok := b.cards[key]
		mu.Unlock()
		name = stored[key]
		if !ok && name != "" {
			data, ok = readCard(filepath.Join(dir, name), key)
		}
		if !ok {
			if data, err = drawCard(b.drawer, c, p, s.Config.Brand); err == nil && disk {
				name = cardName(key, data)
				err = writeAtomic(filepath.Join(dir, name), data)
			}
		}
		return key, name, data, err
	}
	par.For(len(s.Publications), 0, func(i int) {
		p := s.Publications[i]
		key, name, data, err := draw(p)
		var rel string
		if err == nil {
			ext, _ := card.Ext(data)
			rel = strings.TrimPrefix(p.URL, s.BasePath) + "card-" + key[:12] + ext
			err = out.write(rel, data)
		}
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			return
		}
		urls[p] = s.BasePath + rel
		if !disk {
			used[key] = data
		}
		kept[name] = true
	})
	// A build to memory keeps its cards for the next (those of publications that are
	// gone are dropped); a build to disk keeps none, which would hold every card's bytes
	// while the pages render: the next build reads them from the cache folder.
	b.cards = used
	if disk && firstErr == nil {
		// Prune cards no publication uses any more, and those that failed their check.
		for _, e := range entries {
			if !kept[e.Name()] {
				os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
	return urls, firstErr
}

// cardName names the cached file of a card: its key, and the start of the SHA-256 of
// its bytes, which readCard checks.
func cardName(key string, data []byte) string {
	sum := sha256.Sum256(data)
	ext, _ := card.Ext(data)
	return key + "-" + hex.EncodeToString(sum[:8]) + ext
}

// readCard returns the card with the given key cached at p, if its bytes are those its
// name vouches for.
func readCard(p, key string) ([]byte, bool) {
	data, err := os.ReadFile(p)
	return data, err == nil && filepath.Base(p) == cardName(key, data)
}

// writeAtomic writes through a temporary file and a rename, so a killed build never
// leaves half a file in the cache.
func writeAtomic(p string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// shareCard is what p's share card shows, in the language of its edition: the
// edition's title, name of its type and way of writing a date (strs, by language
// code). A numbered publication is named by its number in its series ("Policy Brief
// No. 12"), which says its type too.
func shareCard(s *site.Site, p *site.Publication, strs map[string]*i18n.Strings) card.Card {
	kind := p.Page.Type
	if t, ok := s.Config.Type(kind); ok {
		kind = t.Title
	}
	l := s.EditionOf(p).Language
	kind = l.Translate("types", p.Page.Type, kind)
	name := cmp.Or(l.Title, s.Config.Title)
	if p.SeriesLabel != "" {
		kind = p.SeriesLabel
		if pattern := l.Translate("series/pattern", p.Page.Series, ""); pattern != "" {
			kind = strings.ReplaceAll(pattern, "{n}", strconv.Itoa(p.Number))
		}
	}
	date := p.Date.Format("2 January 2006")
	if str := strs[l.Code]; str != nil {
		date = str.Date(p.Date)
	}
	return card.Card{Title: p.Title, Kind: kind, Date: date, SiteName: name, Lang: p.Lang}
}

// cardCover returns the bytes of p's cover as they are in the site, when it is an image
// a card can show (not an SVG, which folio does not rasterize); nil for none.
func cardCover(fsys fs.FS, p *site.Publication) ([]byte, error) {
	if p.Cover == "" {
		return nil, nil
	}
	switch strings.ToLower(path.Ext(p.Cover)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp":
	default:
		return nil, nil
	}
	data, err := fs.ReadFile(fsys, p.Bundle+"/"+p.Cover) // only a bundle has a cover
	if err != nil {
		return nil, fmt.Errorf("cover of %s: %w", p.Source, err)
	}
	return data, nil
}

// cardLogo returns the site's logo (brand: logo) as the PNG the share cards show, nil
// for none: a PNG logo as it is, an SVG logo drawn by d at the size the cards show it
// (card.Drawer.SVGLogo, package svg). An SVG logo that d cannot draw (a gradient, a
// clipping path, text in a font folio has not got: package svg lists what it draws),
// or that does not parse, is left off the cards, which then show the site's name
// alone, as they do without a logo; warn says why and what to do. That is no error:
// the pages show the SVG as browsers draw it, and only the cards go without it.
func cardLogo(fsys fs.FS, s *site.Site, d *card.Drawer) (logo []byte, warn *diag.Error, err error) {
	br := s.Config.Brand
	ext := strings.ToLower(path.Ext(br.Logo))
	if br.Logo == "" || ext != ".png" && ext != ".svg" {
		return nil, nil, nil
	}
	data, err := fs.ReadFile(fsys, br.Logo)
	if err != nil {
		return nil, nil, fmt.Errorf("logo: %w", err)
	}
	if ext == ".png" {
		return data, nil, nil
	}
	logo, err = d.SVGLogo(data)
	var ue *svg.UnsupportedError
	var se *svg.SyntaxError
	var xe *xml.SyntaxError
	switch {
	case err == nil:
	case errors.As(err, &ue):
		return nil, diag.Warnf(br.LogoPos, "brand: logo %s: share cards show the site name without the logo: %v; export the logo as a PNG and point brand: logo at it, or draw it without that", br.Logo, err), nil
	case errors.As(err, &se) || errors.As(err, &xe):
		return nil, diag.Warnf(br.LogoPos, "brand: logo %s: share cards show the site name without the logo: the SVG does not parse: %v; fix it, or export the logo as a PNG and point brand: logo at it", br.Logo, err), nil
	default:
		return nil, diag.Warnf(br.LogoPos, "brand: logo %s: share cards show the site name without the logo: folio cannot draw it: %v; export the logo as a PNG and point brand: logo at it", br.Logo, err), nil
	}
	return logo, nil, nil
}

// drawCard draws p's card c with its cover and logo cleaned as they are published:
// their metadata dropped and a photo stored rotated turned upright (imagemeta.Clean).
// The card is a new PNG and carries no metadata of theirs either way.
func drawCard(d *card.Drawer, c card.Card, p *site.Publication, brand config.Brand) ([]byte, error) {
	var err error
	if c.Cover != nil {
		name := p.Bundle + "/" + p.Cover
		if c.Cover, _, err = imagemeta.Clean(name, c.Cover); err != nil {
			return nil, diag.Errorf(p.Pos("cover"), "cover %s: %v", name, err)
		}
	}
	if c.Logo != nil {
		if c.Logo, _, err = imagemeta.Clean(brand.Logo, c.Logo); err != nil {
			return nil, diag.Errorf(brand.LogoPos, "brand: logo %s: %v", brand.Logo, err)
		}
	}
	data, err := d.Draw(c)
	var ie *card.ImageError
	switch {
	case errors.As(err, &ie) && ie.Image == "cover":
		return nil, diag.Errorf(p.Pos("cover"), "cover %s: cannot draw it on the share card: %v", p.Bundle+"/"+p.Cover, ie.Err)
	case errors.As(err, &ie):
		return nil, diag.Errorf(brand.LogoPos, "brand: logo %s: cannot draw it on the share cards: %v", brand.Logo, ie.Err)
	}
	return data, err
}
