//go:build unix

package build

import (
	"io/fs"
	"syscall"
)

// inode returns the file's inode number: a file replaced in the output folder, even
// with the same size and time, is not the one the build cache describes.
func inode(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}
