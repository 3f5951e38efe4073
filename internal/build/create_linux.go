package build

import (
	"io"
	"io/fs"
	"syscall"
)

// createFile creates the file at p, which must not exist, holding data, and returns
// its size, modification time (ns) and inode for the build cache. It makes the system
// calls itself: os.OpenFile also reads the file's flags and offers it to the network
// poller, which refuses a regular file, and os.File.Stat is one more call; for the
// thousands of files of a build that is about two calls in three spent for nothing.
func createFile(p string, data []byte) (size, mtime int64, ino uint64, err error) {
	fd, err := ignoringEINTR(func() (int, error) {
		return syscall.Open(p, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return 0, 0, 0, &fs.PathError{Op: "open", Path: p, Err: err}
	}
	for len(data) > 0 && err == nil {
		var n int
		if n, err = ignoringEINTR(func() (int, error) { return syscall.Write(fd, data) }); err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		data = data[max(n, 0):]
	}
	var st syscall.Stat_t
	if err == nil {
		err = syscall.Fstat(fd, &st)
	}
	if cerr := syscall.Close(fd); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, 0, 0, &fs.PathError{Op: "write", Path: p, Err: err}
	}
	return st.Size, st.Mtim.Nano(), st.Ino, nil
}

func ignoringEINTR(call func() (int, error)) (int, error) {
	for {
		n, err := call()
		if err != syscall.EINTR {
			return n, err
		}
	}
}
