// Package outdir keeps a site's output folder safe: it is checked, locked, built beside
// and swapped in whole.
//
// Everything is written into a fresh temporary folder beside the destination
// (".public.tmp-*" for public/), which replaces the destination only when the whole build
// succeeded: a failed build leaves the previous output exactly as it was. The swap moves
// the previous output aside (".public.old-*"), moves the new one in, and removes the old
// one, its marker file first, so that a folder half removed never looks complete.
//
// One build at a time writes an output folder: a build takes the folder's Lock, waiting
// for another build of it to finish, and holds it until its output is in place. Only
// while holding it does a build tidy up after killed builds: if one died between the two
// renames of a swap, the previous output is put back (only a complete one, with its
// marker); the other leftovers are removed. Leftovers are found by listing the parent
// folder and comparing names, never by a pattern, which a name like "out/*" would widen.
//
// A destination is only ever replaced if it is empty or was made by folio: it holds the
// marker file .folio-build, which lists the files and folders at its top that the build
// made. Anything else there stops the build, named in the error, unless site.yaml lists
// it under keep: then each build carries it into the new output (moved, not copied, so a
// .git folder stays as it is). A build cut short while carrying it leaves it in its
// temporary folder, and the next build moves it back before removing that folder. So a
// mistyped --dest cannot wipe an unrelated folder, and a CNAME file or the .git of a
// gh-pages checkout is never lost. The destination may not be the site folder or contain
// it, nor be inside content/, themes/, layouts/ or static/, after following symbolic
// links. Package build checks every output path to stay inside the temporary folder.
package outdir

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"folio/internal/config"
	"folio/internal/diag"
)

// Marker is the file that identifies a folder as folio's output.
const Marker = ".folio-build"

// Resolve resolves and checks the site folder src and its output folder dest (the
// site's public/ when dest is ""), and makes dest's parent. The rules compare where
// files really go: symbolic links are followed first, so that an output folder reached
// through a link into content/ is refused as content/out would be.
func Resolve(src, dest string) (string, string, error) {
	src, err := resolve(src)
	if err != nil {
		return "", "", err
	}
	if dest, err = resolve(cmp.Or(dest, filepath.Join(src, "public"))); err != nil {
		return "", "", fmt.Errorf("--dest: %w", err)
	}
	if dest == src || strings.HasPrefix(src+string(filepath.Separator), dest+string(filepath.Separator)) {
		return "", "", fmt.Errorf("--dest %s: the output folder may not be the site folder or contain it", dest)
	}
	for _, inside := range []string{"content", "themes", "layouts", "static"} {
		d, err := resolve(filepath.Join(src, inside))
		if err != nil {
			return "", "", err
		}
		if dest == d || strings.HasPrefix(dest, d+string(filepath.Separator)) {
			return "", "", fmt.Errorf("--dest %s: the output folder may not be inside the site's %s/ folder", dest, inside)
		}
	}
	if filepath.Dir(dest) == dest {
		return "", "", fmt.Errorf("--dest %s: the output folder may not be a file system root", dest)
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return "", "", fmt.Errorf("--dest: %w", err)
	}
	return src, dest, nil
}

// Begin, called while holding dest's Lock, tidies what killed builds left beside dest
// (putting back a previous output that a swap cut short had moved aside) and makes the
// temporary folder a build writes into. Discard removes it, once Swap has moved it in
// or when the build failed.
func Begin(dest string) (tmp string, err error) {
	recover(dest)
	tmp, err = mkdirUnique(filepath.Dir(dest), "."+filepath.Base(dest)+".tmp-")
	if err != nil {
		return "", fmt.Errorf("creating temporary output folder: %w", err)
	}
	return tmp, nil
}

// Discard removes the temporary folder tmp of a build of dest, giving back to dest what
// a swap cut short was carrying across (see discard).
func Discard(tmp, dest string) error { return discard(tmp, dest) }

// Swap replaces dest with the finished build in tmp (see swap).
func Swap(tmp, dest string, keep []string) error { return swap(tmp, dest, keep) }

// resolve makes p absolute and follows the symbolic links in the longest part of it that
// exists; the rest, still to be made, is joined on as written.
func resolve(p string) (string, error) {
	p, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	for dir, rest := p, ""; ; {
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(r, rest), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return p, nil
		}
		rest = filepath.Join(filepath.Base(dir), rest)
		dir = parent
	}
}

// MarkerFile is the marker of an output whose own top-level entries are own: the next
// build tells them from what a user put beside them (see swap).
func MarkerFile(own []fs.DirEntry) []byte {
	var b strings.Builder
	b.WriteString(markerHead)
	for _, e := range own {
		b.WriteString(e.Name() + "\n")
	}
	return []byte(b.String())
}

const markerHead = "folio build output: this folder is replaced by every build. folio made these files and folders in it:\n"

// readMarker reads the marker of the output folder dir: marked is false without one, and
// own then reports nothing as folio's. A marker written before folio listed its names
// claims every name.
func readMarker(dir string) (own func(name string) bool, marked bool) {
	data, err := os.ReadFile(filepath.Join(dir, Marker))
	if err != nil {
		return func(string) bool { return false }, false
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) < 2 {
		return func(string) bool { return true }, true
	}
	names := make(map[string]bool, len(lines))
	for _, l := range lines[1:] {
		names[l] = true
	}
	return func(name string) bool { return name == Marker || names[name] }, true
}

// mkdirUnique makes a new folder in dir named prefix and digits, as os.MkdirTemp does,
// but with the permissions of any other folder (0755 less the umask), not 0700: the
// temporary folder becomes the output, which a web server running as another user
// must be able to read.
func mkdirUnique(dir, prefix string) (string, error) {
	for range 10000 {
		p := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10))
		err := os.Mkdir(p, 0o755)
		if err == nil {
			return p, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", err
		}
	}
	return "", fmt.Errorf("no unused name for a folder %s* in %s", prefix, dir)
}

// leftovers lists the temporary folders and previous outputs beside dest that builds of
// dest made and did not remove. A name counts only if it is exactly a prefix and the
// digits os.MkdirTemp adds: ".public.tmp-123", not ".public.tmp-x.tmp-4" (a leftover of
// a folder named "public.tmp-x").
func leftovers(dest string) (tmps, olds []string) {
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		for _, kind := range []string{".tmp-", ".old-"} {
			digits, ok := strings.CutPrefix(e.Name(), "."+base+kind)
			if !ok || digits == "" || strings.Trim(digits, "0123456789") != "" {
				continue
			}
			if p := filepath.Join(parent, e.Name()); kind == ".tmp-" {
				tmps = append(tmps, p)
			} else {
				olds = append(olds, p)
			}
		}
	}
	return tmps, olds
}

// recover, run while the build holds the output folder's lock, puts back the previous
// output if a build died between the two renames of a swap, and removes what killed
// builds left: their temporary folders, and previous outputs not yet removed.
func recover(dest string) {
	tmps, olds := leftovers(dest)
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		// Only a complete output has its marker: the swap removes it first. Of several,
		// the one built last.
		restore, newest := -1, time.Time{}
		for i, d := range olds {
			if fi, err := os.Stat(filepath.Join(d, Marker)); err == nil && fi.ModTime().After(newest) {
				restore, newest = i, fi.ModTime()
			}
		}
		if restore >= 0 && os.Rename(olds[restore], dest) == nil {
			olds = slices.Delete(olds, restore, restore+1)
		}
	}
	for _, d := range append(olds, tmps...) {
		discard(d, dest)
	}
}

// discard removes dir, a temporary folder or a previous output moved aside. What is not
// folio's in it (kept files that a swap cut short was carrying across) goes back to dest
// first; if something cannot, dir stays for a later build to try again, since it may hold
// a user's only copy. The marker goes first, so a folder half removed never looks like a
// complete output to recover.
func discard(dir, dest string) error {
	own, marked := readMarker(dir)
	if marked {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if own(e.Name()) {
				continue
			}
			to := filepath.Join(dest, e.Name())
			if _, err := os.Lstat(to); err == nil {
				return fmt.Errorf("%s: cannot put %s back: %s exists", dir, e.Name(), to)
			}
			if err := os.Rename(filepath.Join(dir, e.Name()), to); err != nil {
				return err
			}
		}
		if err := os.Remove(filepath.Join(dir, Marker)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return os.RemoveAll(dir)
}

// swap replaces dest with the finished build in tmp, carrying the entries of dest that
// site.yaml keeps into it. It refuses to replace a folder that holds anything else folio
// did not make.
func swap(tmp, dest string, keep []string) error {
	fi, err := os.Lstat(dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.Rename(tmp, dest)
	case err != nil:
		return fmt.Errorf("output folder: %w", err)
	case !fi.IsDir():
		return fmt.Errorf("output folder %s is a file, not a folder: remove it or choose another --dest", dest)
	}
	kept, err := keptEntries(dest, keep)
	if err != nil {
		return err
	}
	for _, name := range kept {
		if _, err := os.Lstat(filepath.Join(tmp, name)); err == nil {
			return diag.Errorf(diag.Position{File: config.File}, "keep: the build makes %s itself, so it cannot keep the old one: remove %s from keep", name, name)
		}
	}
	// From here on, a kept entry is in dest or in tmp: if the swap fails or is cut short,
	// discard(tmp) puts it back.
	for _, name := range kept {
		if err := os.Rename(filepath.Join(dest, name), filepath.Join(tmp, name)); err != nil {
			return fmt.Errorf("carrying %s into the new output: %w", name, err)
		}
	}
	old, err := os.MkdirTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".old-*")
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	if err := os.Remove(old); err != nil { // only its unique name was wanted
		return err
	}
	if err := os.Rename(dest, old); err != nil {
		return fmt.Errorf("moving previous output aside: %w", err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Rename(old, dest)
		return fmt.Errorf("moving new output into place: %w", err)
	}
	discard(old, dest) // the new output is in place; what is left, recover removes
	return nil
}

// keptEntries returns the names in the output folder dest that keep lists, and an
// error naming anything else in it that folio did not make.
func keptEntries(dest string, keep []string) ([]string, error) {
	entries, err := os.ReadDir(dest)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	own, marked := readMarker(dest)
	var kept, foreign []string
	for _, e := range entries {
		switch name := e.Name(); {
		case slices.Contains(keep, name):
			kept = append(kept, name)
		case !own(name):
			foreign = append(foreign, name)
		}
	}
	switch {
	case len(foreign) == 0:
		return kept, nil
	case !marked:
		return nil, fmt.Errorf("refusing to replace %s: it was not made by folio (it has no %s file); empty it or choose another --dest", dest, Marker)
	}
	shown := foreign
	if len(shown) > 5 {
		shown = append(slices.Clip(shown[:5]), fmt.Sprintf("%d more", len(foreign)-5))
	}
	return nil, fmt.Errorf("refusing to replace %s: it holds %s, which folio did not make; to keep files in every build, list them in site.yaml (keep: [%s]), or else move them out of the folder",
		dest, strings.Join(shown, ", "), strings.Join(append(slices.Clip(keep), foreign...), ", "))
}
