package serve

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// A Kind says what a changed file is, which decides what a rebuild must redo.
type Kind int

const (
	KindContent Kind = 1 << iota // content/**: a brief, a page, a bundle file
	KindLayout                   // layouts/** or themes/**/layouts/**
	KindStatic                   // static/** or themes/**/static/**
	KindConfig                   // site.yaml
)

func (k Kind) String() string {
	var parts []string
	for _, n := range []struct {
		k    Kind
		name string
	}{{KindConfig, "config"}, {KindLayout, "layout"}, {KindStatic, "static"}, {KindContent, "content"}} {
		if k&n.k != 0 {
			parts = append(parts, n.name)
		}
	}
	return strings.Join(parts, "+")
}

// A Change is a batch of file events, classified.
type Change struct {
	Kinds Kind
	Files []string // slash-separated, relative to the site root, sorted, without repeats
}

// Classify turns a batch of events into a Change. It is a pure function so that it can
// be tested on synthetic batches: paths are relative to root, and events on files that
// do not matter (editor temporaries, the output folder, hidden files) are dropped.
func Classify(root, dest string, events []fsnotify.Event) Change {
	var c Change
	for _, ev := range events {
		if ev.Op == fsnotify.Chmod {
			continue // touch, permission changes, Spotlight: contents did not change
		}
		rel, err := filepath.Rel(root, ev.Name)
		if err != nil || strings.HasPrefix(rel, "..") {
			continue
		}
		if dest != "" && (ev.Name == dest || strings.HasPrefix(ev.Name, dest+string(filepath.Separator))) {
			continue
		}
		rel = filepath.ToSlash(rel)
		if ignored(rel) {
			continue
		}
		k := kindOf(rel)
		if k == 0 {
			continue
		}
		c.Kinds |= k
		if !slices.Contains(c.Files, rel) {
			c.Files = append(c.Files, rel)
		}
	}
	slices.Sort(c.Files)
	return c
}

func kindOf(rel string) Kind {
	first, rest, _ := strings.Cut(rel, "/")
	switch {
	case rel == "site.yaml":
		return KindConfig
	case first == "content":
		return KindContent
	case first == "layouts":
		return KindLayout
	case first == "static":
		return KindStatic
	case first == "themes":
		// themes/<name>/layouts/... or themes/<name>/static/...
		if _, sub, ok := strings.Cut(rest, "/"); ok {
			switch {
			case strings.HasPrefix(sub, "layouts/") || sub == "layouts":
				return KindLayout
			case strings.HasPrefix(sub, "static/") || sub == "static":
				return KindStatic
			}
		}
	}
	return 0
}

// ignored reports files editors and systems write beside the real ones: vim's swap
// files and its "4913" write test, backups, Emacs lock files, JetBrains' safe-write
// temporaries, and anything hidden.
func ignored(rel string) bool {
	for _, seg := range strings.Split(rel, "/") {
		if strings.HasPrefix(seg, ".") && seg != "." {
			return true // .git, .DS_Store, .brief.md.swp, .#brief.md
		}
	}
	base := rel[strings.LastIndexByte(rel, '/')+1:]
	switch {
	case base == "4913", strings.HasSuffix(base, "~"),
		strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swx"),
		strings.HasSuffix(base, ".bck"), strings.HasSuffix(base, ".tmp"),
		strings.HasSuffix(base, "___jb_tmp___"), strings.HasSuffix(base, "___jb_old___"),
		strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"):
		return true
	}
	return false
}

// debounce is how long a burst of events must be quiet before a rebuild starts: a save
// is one to five events within a few milliseconds (write, or temp file and rename); a git
// checkout of 100 files is a burst with sub-millisecond gaps. 40 ms covers both with room
// to spare, and is a quarter of the 150 ms a writer should wait from save to reload. A
// burst that does pause longer costs a second rebuild, never a missed change.
const debounce = 40 * time.Millisecond

// watch reports batches of changes under root until ctx is cancelled. One goroutine
// owns the fsnotify watcher; it adds folders created after start, and closes the watcher
// when ctx is cancelled. With poll > 0 it scans the tree every poll instead of using
// fsnotify (for network and container file systems that do not deliver events).
func watch(ctx context.Context, root, dest string, poll time.Duration, changes chan<- Change, errs chan<- error) error {
	if poll > 0 {
		// The first scan happens now, not in the goroutine: a change made right after
		// watch returns must be seen as a change.
		first := scan(root, dest)
		go pollLoop(ctx, root, dest, poll, first, changes)
		return nil
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	add := func(dir string) {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			if p == dest || (rel != "." && ignored(filepath.ToSlash(rel))) {
				return filepath.SkipDir
			}
			if p != root && kindOf(filepath.ToSlash(rel)) == 0 && !isAncestorOfWatched(filepath.ToSlash(rel)) {
				return filepath.SkipDir // e.g. public/, node_modules/, bench/
			}
			if err := w.Add(p); err != nil {
				select {
				case errs <- err:
				default:
				}
			}
			return nil
		})
	}
	add(root)
	go func() {
		defer w.Close()
		var batch []fsnotify.Event
		timer := time.NewTimer(time.Hour)
		timer.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if ev.Has(fsnotify.Create) {
					if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
						add(ev.Name) // a new folder: watch it and what it already holds
						// Files created in it before the watch was added produced no events.
						filepath.WalkDir(ev.Name, func(p string, d fs.DirEntry, err error) error {
							if err == nil && !d.IsDir() {
								batch = append(batch, fsnotify.Event{Name: p, Op: fsnotify.Create})
							}
							return nil
						})
					}
				}
				batch = append(batch, ev)
				timer.Reset(debounce)
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				select {
				case errs <- err:
				default:
				}
			case <-timer.C:
				if c := Classify(root, dest, batch); c.Kinds != 0 {
					select {
					case changes <- c:
					case <-ctx.Done():
						return
					}
				}
				batch = batch[:0]
			}
		}
	}()
	return nil
}

// isAncestorOfWatched reports folders that hold watched folders: themes/ and
// themes/<name>/.
func isAncestorOfWatched(rel string) bool {
	first, rest, _ := strings.Cut(rel, "/")
	return first == "themes" && !strings.Contains(rest, "/")
}

type stamp struct {
	size int64
	mod  time.Time
}

// scan records the size and time of every file that matters under root.
func scan(root, dest string) map[string]stamp {
	m := map[string]stamp{}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if p == dest || (rel != "." && (ignored(rel) || kindOf(rel) == 0 && !isAncestorOfWatched(rel))) {
				return filepath.SkipDir
			}
			return nil
		}
		if fi, err := d.Info(); err == nil {
			m[p] = stamp{fi.Size(), fi.ModTime()}
		}
		return nil
	})
	return m
}

// pollLoop scans the tree every interval and reports differences from prev.
func pollLoop(ctx context.Context, root, dest string, interval time.Duration, prev map[string]stamp, changes chan<- Change) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		cur := scan(root, dest)
		var events []fsnotify.Event
		for p, s := range cur {
			if old, ok := prev[p]; !ok || old != s {
				events = append(events, fsnotify.Event{Name: p, Op: fsnotify.Write})
			}
		}
		for p := range prev {
			if _, ok := cur[p]; !ok {
				events = append(events, fsnotify.Event{Name: p, Op: fsnotify.Remove})
			}
		}
		prev = cur
		if c := Classify(root, dest, events); c.Kinds != 0 {
			select {
			case changes <- c:
			case <-ctx.Done():
				return
			}
		}
	}
}
