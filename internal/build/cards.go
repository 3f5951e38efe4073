package build

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"folio/internal/card"
	"folio/internal/par"
	"folio/internal/site"
	"folio/internal/theme"
)

// CardCacheDir keeps drawn share cards between builds, inside the site folder: a
// publication whose card would look the same is not drawn again. A card is stored as
// <key>-<sum>.png, key being its card.Key and sum the start of the SHA-256 of its bytes,
// which is checked before the card is used: a card cut short or changed on disk is drawn
// again.
const CardCacheDir = ".folio-cache/cards"

// shareCards draws or reuses each publication's share card, writes it beside the
// publication as card-<key>.png (the key in the name makes social sites fetch a changed
// card), and returns the cards' site URLs.
func (b *Builder) shareCards(src string, s *site.Site, th *theme.Theme, out output, disk bool) (map[*site.Publication]string, error) {
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
	dir := filepath.Join(src, filepath.FromSlash(CardCacheDir))
	stored := map[string]string{} // card key → file name in dir
	var entries []os.DirEntry
	if disk {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		entries, _ = os.ReadDir(dir)
		for _, e := range entries {
			if key, _, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".png"), "-"); ok {
				stored[key] = e.Name()
			}
		}
	}
	urls := make(map[*site.Publication]string, len(s.Publications))
	used := make(map[string][]byte, len(s.Publications))
	kept := make(map[string]bool, len(s.Publications)) // file names in dir of the cards used
	var mu sync.Mutex
	var firstErr error
	par.For(len(s.Publications), 0, func(i int) {
		p := s.Publications[i]
		c := shareCard(s, p)
		key := b.drawer.Key(c)
		mu.Lock()
		data, ok := b.cards[key]
		mu.Unlock()
		name := stored[key]
		if !ok && name != "" {
			data, ok = readCard(filepath.Join(dir, name), key)
		}
		var err error
		if !ok {
			if data, err = b.drawer.Draw(c); err == nil && disk {
				name = cardName(key, data)
				err = writeAtomic(filepath.Join(dir, name), data)
			}
		}
		rel := strings.TrimPrefix(p.URL, s.BasePath) + "card-" + key[:12] + ".png"
		if err == nil {
			err = out.write(rel, data)
		}
		mu.Lock()
		if err != nil && firstErr == nil {
			firstErr = err
		}
		urls[p] = s.BasePath + rel
		used[key] = data
		kept[name] = true
		mu.Unlock()
	})
	b.cards = used // cards of publications that are gone are dropped
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
	return key + "-" + hex.EncodeToString(sum[:8]) + ".png"
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

// shareCard is what p's share card shows. A numbered publication is named by its
// number in its series ("Policy Brief No. 12"), which says its type too.
func shareCard(s *site.Site, p *site.Publication) card.Card {
	kind := p.Page.Type
	if t, ok := s.Config.Type(kind); ok {
		kind = t.Title
	}
	if p.SeriesLabel != "" {
		kind = p.SeriesLabel
	}
	return card.Card{Title: p.Title, Kind: kind, Date: p.Date.Format("2 January 2006"), SiteName: s.Config.Title, Lang: p.Lang}
}
