//go:build unix

package outdir

import (
	"errors"
	"os"
	"syscall"
)

// tryLock takes an exclusive flock on the file at path, creating it, without waiting:
// busy reports that another build holds it.
func tryLock(path string) (f *os.File, busy bool, err error) {
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, false, err
		}
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, true, nil
		}
		if err != nil {
			f.Close()
			return nil, false, err
		}
		// The build that held the lock removes the file as it lets go (unlock): if it did
		// after this one opened it, the lock is on a file no other build can find. Take
		// the file now at path instead.
		held, err1 := f.Stat()
		named, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, named) {
			return f, false, nil
		}
		f.Close()
		if err1 != nil {
			return nil, false, err1
		}
	}
}

// unlock removes the lock file, then lets go of it: a build waiting on this file finds
// it gone (see tryLock), and no lock file stays behind.
func unlock(f *os.File, path string) error {
	err := os.Remove(path)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
