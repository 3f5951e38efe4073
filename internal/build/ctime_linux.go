package build

import (
	"io/fs"
	"syscall"
)

// changeTime returns the file's change time (ns): writing a file sets it, and so does
// setting its modification time back, which no one but the kernel can set.
func changeTime(fi fs.FileInfo) int64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Ctim.Nano()
	}
	return 0
}

// changeTimes says that changeTime is known: the build cache records it.
const changeTimes = true
