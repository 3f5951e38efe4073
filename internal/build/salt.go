package build

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"sync"

	"folio/internal/digest"
)

// cacheSalt identifies this folio program, so that a manifest written by another folio
// is never used.
var cacheSalt = sync.OnceValue(func() string {
	info, _ := debug.ReadBuildInfo()
	return programSalt(info, func() ([]byte, error) {
		exe, err := os.Executable()
		if err != nil {
			return nil, err
		}
		return os.ReadFile(exe)
	})
})

// programSalt names the program that info describes: its module version when it is a
// release, else the commit it was built from when the tree was clean, each with the Go
// version and build settings (tags, flags, target) it was built with. A development
// build from a changed tree has neither (its version ends in +dirty, or is "(devel)"):
// the executable's bytes, from exe, are hashed then. "" when nothing identifies it: the
// cache is then never matched nor stored.
func programSalt(info *debug.BuildInfo, exe func() ([]byte, error)) string {
	version, revision, modified := "", "", false
	var how strings.Builder // the toolchain and settings
	if info != nil {
		version = info.Main.Version
		how.WriteString(info.GoVersion)
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			case "vcs.time":
			default:
				fmt.Fprintf(&how, " %s=%s", s.Key, s.Value)
			}
		}
	}
	switch {
	case modified || strings.HasSuffix(version, "+dirty"):
	case version != "" && version != "(devel)" && revision == "":
		// A module version, as go install module@version stamps it.
		return fmt.Sprintf("folio %s %016x", version, digest.String(how.String()))
	case revision != "":
		return fmt.Sprintf("folio %s %s %016x", version, revision, digest.String(how.String()))
	}
	data, err := exe()
	if err != nil {
		return ""
	}
	return fmt.Sprintf("folio %s %016x", version, digest.Bytes(data))
}
