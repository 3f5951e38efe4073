package outdir

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// LockWait is how long a build waits, by default, for another build of the same output
// folder to finish.
const LockWait = 10 * time.Minute

// A Lock is a build's hold on its output folder. Two builds of one folder at once would
// each take the other's temporary folder for a killed build's leftovers and remove it,
// and the swaps would interleave; so a build holds the lock from before it looks for
// leftovers until its output is in place and recorded. It is an advisory lock on a file
// beside the folder (".public.lock" for public/), which the operating system releases
// when the process ends, however it ends: a killed build never leaves a folder locked.
type Lock struct {
	dest string // the output folder locked
	path string // the lock file
	f    *os.File
}

// Take takes the lock of the output folder dest, waiting up to wait (LockWait if zero)
// while another build holds it, and calling waiting, if not nil, once if it has to wait.
func Take(dest string, wait time.Duration, waiting func(dest string)) (*Lock, error) {
	l := &Lock{dest: dest, path: filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".lock")}
	if wait <= 0 {
		wait = LockWait
	}
	deadline := time.Now().Add(wait)
	for told := false; ; {
		f, busy, err := tryLock(l.path)
		if err != nil {
			return nil, fmt.Errorf("locking the output folder %s: %w", dest, err)
		}
		if !busy {
			l.f = f
			return l, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("output folder %s: another folio build is still writing it after %s of waiting; try again when it has finished", dest, wait)
		}
		if !told && waiting != nil {
			waiting(dest)
		}
		told = true
		time.Sleep(min(100*time.Millisecond, wait/10))
	}
}

// Dest is the output folder locked.
func (l *Lock) Dest() string { return l.dest }

// Unlock lets go of the output folder, and removes the lock file.
func (l *Lock) Unlock() error { return unlock(l.f, l.path) }
