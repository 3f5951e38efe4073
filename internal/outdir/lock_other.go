//go:build !unix && !windows

package outdir

import (
	"errors"
	"io/fs"
	"os"
)

// tryLock creates the file at path, which must not exist, without waiting: busy reports
// that another build holds it. These systems offer no lock that ends with its process:
// a killed build leaves the file behind, and the next builds of the folder wait for it
// and give up until someone removes it.
func tryLock(path string) (f *os.File, busy bool, err error) {
	f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, true, nil
	}
	return f, false, err
}

func unlock(f *os.File, path string) error {
	err := f.Close()
	if rerr := os.Remove(path); err == nil {
		err = rerr
	}
	return err
}
