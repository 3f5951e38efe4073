package build

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"folio/internal/card"
	"folio/internal/site"
	"folio/internal/theme"
)

// CardCacheDir keeps drawn share cards between builds, inside the site folder, named by
// their card.Key: a publication whose card would look the same is not drawn again.
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
	if disk {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	urls := make(map[*site.Publication]string, len(s.Publications))
	used := make(map[string][]byte, len(s.Publications))
	var mu sync.Mutex
	var firstErr error
	next := make(chan *site.Publication)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range next {
				kind := p.Page.Type
				if t, ok := s.Config.Type(kind); ok {
					kind = t.Title
				}
				c := card.Card{Title: p.Title, Kind: kind, Date: p.Date.Format("2 January 2006"), SiteName: s.Config.Title, Lang: p.Lang}
				key := b.drawer.Key(c)
				mu.Lock()
				data, ok := b.cards[key]
				mu.Unlock()
				cached := filepath.Join(dir, key+".png")
				if !ok && disk {
					data, ok = readFileOK(cached)
				}
				var err error
				if !ok {
					if data, err = b.drawer.Draw(c); err == nil && disk {
						err = writeAtomic(cached, data)
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
				mu.Unlock()
			}
		})
	}
	for _, p := range s.Publications {
		next <- p
	}
	close(next)
	wg.Wait()
	b.cards = used // cards of publications that are gone are dropped
	if disk && firstErr == nil {
		// Prune cards no publication uses any more.
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if _, ok := used[strings.TrimSuffix(e.Name(), ".png")]; !ok {
				os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
	return urls, firstErr
}

func readFileOK(p string) ([]byte, bool) {
	data, err := os.ReadFile(p)
	return data, err == nil
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
