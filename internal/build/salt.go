package build

import (
	"bytes"
	"debug/elf"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"sync"

	"folio/internal/digest"
)

// cacheSalt identifies this folio program, so that a manifest written by another folio
// is never used. The version alone is not enough: a development build ("dev") changes
// without changing its version. The Go build ID stamped in the executable names its
// contents (the go command derives it from a hash of the linked program), and costs a
// few small reads; without one (not ELF, or an ID replaced with -ldflags=-buildid),
// the executable's bytes are hashed, which for folio's 27 MB took a sixth of a second
// at the start of every build.
var cacheSalt = sync.OnceValue(func() string {
	salt := "folio"
	if info, ok := debug.ReadBuildInfo(); ok {
		salt += " " + info.Main.Version
	}
	exe, err := os.Executable()
	if err != nil {
		return "" // unknown program: never match, never store
	}
	if id := goBuildID(exe); id != "" {
		return salt + " " + id
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%s %016x", salt, digest.Bytes(data))
})

// goBuildID returns the Go build ID of the ELF executable at path ("action/.../content"
// hashes, as `go tool buildid` prints it), or "" if it has none that looks like one.
func goBuildID(path string) string {
	f, err := elf.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	note, err := sec.Data()
	if err != nil || len(note) < 16 {
		return ""
	}
	// An ELF note: name size, description size, type (4: Go build ID), the name "Go"
	// padded to 4 bytes, then the description, which is the ID.
	order := f.ByteOrder
	namesz, descsz, typ := order.Uint32(note), order.Uint32(note[4:]), order.Uint32(note[8:])
	if namesz != 4 || typ != 4 || !bytes.Equal(note[12:16], []byte("Go\x00\x00")) || uint64(descsz) > uint64(len(note)-16) {
		return ""
	}
	id := string(note[16 : 16+descsz])
	// A standard ID has at least two hashes; a hand-set one (-buildid=x) may not change
	// from one build to the next, so it does not count.
	if strings.Count(id, "/") < 1 || len(id) < 20 {
		return ""
	}
	return id
}
