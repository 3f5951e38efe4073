package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/image/draw"

	"folio/internal/diag"
	"folio/internal/imagemeta"
	"folio/internal/par"
	"folio/internal/site"
)

// ImageCacheDir keeps the smaller widths of bundle photos and graphics between builds,
// inside the site folder: a rebuild with unchanged images decodes, resizes and encodes
// nothing. A width is stored as <key>-<width>w-<sum>.<ext>: key is the SHA-256 of
// imageSettings and the source file's bytes, so a changed photo or a change of quality
// or resampling misses; sum is the start of the SHA-256 of the stored bytes, checked
// before they are used, so a file cut short or changed on disk is made again. Widths no
// image of the build uses are removed after a build to disk. It belongs in .gitignore.
const ImageCacheDir = ".folio-cache/images"

// jpegQuality is the quality photos are encoded at: at 80 a phone photo 800 px wide
// weighs about a tenth of its original, with no difference a reader sees on a screen.
const jpegQuality = 80

// imageSettings is part of every key: change it when the output of resizeImage would.
var imageSettings = fmt.Sprintf("folio images 2: CatmullRom, JPEG quality %d with the colour profile, PNG best compression, palette kept\x00", jpegQuality)

// An imageCache finds and keeps resized images during one build.
type imageCache struct {
	dir    string            // the cache folder
	write  bool              // false for a build to memory, which writes nothing on disk
	stored map[string]string // "<key>-<width>w" → file name in dir
	mem    map[string][]byte // the Builder's widths of the last build to memory, by "<key>-<width>w"

	mu   sync.Mutex
	kept map[string][]byte // "<key>-<width>w" → bytes, of the widths this build used
	made atomic.Int64      // widths made, not found
}

// openImageCache lists the widths stored in dir. Without write, it only reads them,
// and looks in mem first.
func openImageCache(dir string, write bool, mem map[string][]byte) *imageCache {
	c := &imageCache{dir: dir, write: write, stored: map[string]string{}, mem: mem, kept: map[string][]byte{}}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		name := e.Name()
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			c.stored[name[:i]] = name
		}
	}
	return c
}

// get returns the stored bytes of id, if intact.
func (c *imageCache) get(id string) ([]byte, bool) {
	if data, ok := c.mem[id]; ok {
		return data, true
	}
	name, ok := c.stored[id]
	if !ok {
		return nil, false
	}
	data, err := os.ReadFile(filepath.Join(c.dir, name))
	if err != nil || name != imageName(id, data, path.Ext(name)) {
		return nil, false
	}
	return data, true
}

// put keeps data under id for this build and the next.
func (c *imageCache) put(id, ext string, data []byte) error {
	if !c.write {
		return nil
	}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	return writeAtomic(filepath.Join(c.dir, imageName(id, data, ext)), data)
}

func (c *imageCache) keep(id string, data []byte) {
	c.mu.Lock()
	c.kept[id] = data
	c.mu.Unlock()
}

// prune removes the stored widths this build did not use.
func (c *imageCache) prune() {
	if !c.write {
		return
	}
	for id, name := range c.stored {
		if _, ok := c.kept[id]; !ok {
			os.Remove(filepath.Join(c.dir, name))
		}
	}
}

func imageName(id string, data []byte, ext string) string {
	sum := sha256.Sum256(data)
	return id + "-" + hex.EncodeToString(sum[:8]) + ext
}

// publishFiles publishes the site's bundle files on all cores, diagnostics in the
// files' order.
func publishFiles(out output, fsys fs.FS, files []site.File, c *imageCache) diag.List {
	lists := make([]diag.List, len(files))
	par.For(len(files), 0, func(i int) { lists[i] = publishSized(out, fsys, files[i], c) })
	var errs diag.List
	for _, l := range lists {
		errs = append(errs, l...)
	}
	return errs
}

// sized writes the widths of the image f, already cleaned (clean), to the output: from
// the cache when it has them all, else all made again from clean, widest first, each
// from the one above it (a third of the work of making each from a 12-megapixel
// original, and as sharp). All or none: a width made from the original would differ
// from one made from the width above, and the output must not depend on what the cache
// held.
func sized(out output, f site.File, data, clean []byte, c *imageCache) error {
	sum := sha256.Sum256(append([]byte(imageSettings), data...))
	key := hex.EncodeToString(sum[:16])
	ext := strings.ToLower(path.Ext(f.Dst))
	made := make([][]byte, len(f.Widths))
	ids := make([]string, len(f.Widths))
	missing := false
	for i, w := range f.Widths {
		if i == len(f.Widths)-1 && !f.Resize {
			made[i] = clean // the largest is the original's own width
			continue
		}
		ids[i] = fmt.Sprintf("%s-%dw", key, w)
		var ok bool
		if made[i], ok = c.get(ids[i]); !ok {
			missing = true
		}
	}
	if missing {
		img, _, err := image.Decode(bytes.NewReader(clean))
		if err != nil {
			return fmt.Errorf("cannot read this image to make it smaller: %w", err)
		}
		var profile []byte // a JPEG's colour profile, for its smaller copies
		if _, cmyk := img.(*image.CMYK); ext != ".png" && !cmyk {
			profile = imagemeta.JPEGProfile(clean)
		}
		for i := len(f.Widths) - 1; i >= 0; i-- {
			if ids[i] == "" {
				continue
			}
			if img, made[i], err = resizeImage(img, f.Widths[i], ext); err != nil {
				return err
			}
			made[i] = imagemeta.WithJPEGProfile(made[i], profile)
			c.made.Add(1)
			if err := c.put(ids[i], ext, made[i]); err != nil {
				return fmt.Errorf("image cache: %w", err)
			}
		}
	}
	for i, w := range f.Widths {
		rel := site.Variant(f.Dst, w)
		if i == len(f.Widths)-1 {
			rel = f.Dst
		}
		if ids[i] != "" {
			c.keep(ids[i], made[i])
		}
		if err := out.write(rel, made[i]); err != nil {
			return err
		}
	}
	return nil
}

// resizeImage makes src w pixels wide (site.Scale) and encodes it: a JPEG at
// jpegQuality, a PNG as a PNG, with its palette when it had one. Go's encoders write no
// metadata, and the same pixels always give the same bytes.
func resizeImage(src image.Image, w int, ext string) (image.Image, []byte, error) {
	b := src.Bounds()
	_, h := site.Scale(b.Dx(), b.Dy(), w)
	rect := image.Rect(0, 0, w, h)
	if b.Dx() >= 2*w && b.Dy() >= 2*h {
		// Halved first with a bilinear filter, which at exactly half averages each 2×2
		// block, losing nothing the final width keeps: CatmullRom over a phone's 12
		// megapixels took most of a cold build's image time, over a quarter of them a
		// third of it.
		half := image.NewRGBA(image.Rect(0, 0, b.Dx()/2, b.Dy()/2))
		draw.ApproxBiLinear.Scale(half, half.Bounds(), src, b, draw.Src, nil)
		src, b = half, half.Bounds()
	}
	var dst draw.Image
	if p, ok := src.(*image.Paletted); ok && ext == ".png" {
		rgba := image.NewRGBA(rect)
		draw.CatmullRom.Scale(rgba, rect, src, b, draw.Src, nil)
		pal := image.NewPaletted(rect, p.Palette)
		draw.Draw(pal, rect, rgba, image.Point{}, draw.Src)
		dst = pal
	} else {
		rgba := image.NewRGBA(rect)
		draw.CatmullRom.Scale(rgba, rect, src, b, draw.Src, nil)
		dst = rgba
	}
	var buf bytes.Buffer
	var err error
	if ext == ".png" {
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, dst)
	} else {
		err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: jpegQuality})
	}
	if err != nil {
		return nil, nil, fmt.Errorf("cannot encode the %d px wide copy: %w", w, err)
	}
	return dst, buf.Bytes(), nil
}

// imageCache opens the cache of resized images. A build to memory (folio serve) reads
// it but writes nothing on disk: it keeps what it made in the Builder for the next.
func (b *Builder) imageCache(src string, inMemory bool) *imageCache {
	dir := filepath.Join(src, filepath.FromSlash(ImageCacheDir))
	if inMemory {
		return openImageCache(dir, false, b.images)
	}
	return openImageCache(dir, true, nil)
}

// keepImages keeps the widths this build used for the next one, dropping the others;
// after a failed build nothing is dropped.
func (b *Builder) keepImages(c *imageCache, inMemory, failed bool) {
	if failed {
		return
	}
	if inMemory {
		b.images = c.kept
		return
	}
	c.prune()
}
