//go:build !linux

package build

import "os"

// createFile creates the file at p, which must not exist, holding data, and returns
// its size, modification time (ns) and inode for the build cache.
func createFile(p string, data []byte) (size, mtime int64, ino uint64, err error) {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return 0, 0, 0, err
	}
	_, err = f.Write(data)
	var fi os.FileInfo
	if err == nil {
		fi, err = f.Stat()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, 0, 0, err
	}
	return fi.Size(), fi.ModTime().UnixNano(), inode(fi), nil
}
