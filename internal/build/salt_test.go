package build

import (
	"errors"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
)

// The build cache's salt is the release version, or the commit of a clean tree; a
// build from a changed tree, which neither names, is known by its bytes.
func TestProgramSalt(t *testing.T) {
	exe := func(data string) func() ([]byte, error) {
		return func() ([]byte, error) { return []byte(data), nil }
	}
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	release := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0"}}
	clean := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261206-0217582aa"}, Settings: vcs("0217582aa", "false")}
	dirty := &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261206-0217582aa+dirty"}, Settings: vcs("0217582aa", "true")}
	devel := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}

	if got := programSalt(release, exe("a")); !strings.HasPrefix(got, "folio v1.2.0 ") {
		t.Errorf("release: %q", got)
	}
	if got := programSalt(clean, exe("a")); !strings.HasPrefix(got, "folio v0.0.0-20261206-0217582aa 0217582aa ") {
		t.Errorf("clean tree: %q", got)
	}
	// The same release or commit built otherwise is another program.
	for name, other := range map[string]func(*debug.BuildInfo){
		"another Go": func(i *debug.BuildInfo) { i.GoVersion = "go1.27.3" },
		"build tags": func(i *debug.BuildInfo) {
			i.Settings = append(i.Settings, debug.BuildSetting{Key: "-tags", Value: "x"})
		},
		"another CPU": func(i *debug.BuildInfo) {
			i.Settings = append(i.Settings, debug.BuildSetting{Key: "GOAMD64", Value: "v3"})
		},
	} {
		for _, info := range []*debug.BuildInfo{release, clean} {
			changed := *info
			changed.Settings = slices.Clone(info.Settings)
			other(&changed)
			if programSalt(&changed, exe("a")) == programSalt(info, exe("a")) {
				t.Errorf("%s: %s gets the salt of %s", name, changed.Main.Version, info.Main.Version)
			}
		}
	}
	if programSalt(release, exe("a")) != programSalt(release, exe("b")) || programSalt(clean, exe("a")) != programSalt(clean, exe("b")) {
		t.Error("a release or a clean commit is named by what it is, not by its bytes")
	}
	for name, info := range map[string]*debug.BuildInfo{"changed tree": dirty, "devel": devel, "no build info": nil} {
		a, b := programSalt(info, exe("a")), programSalt(info, exe("b"))
		if a == "" || a == b {
			t.Errorf("%s: salts %q and %q; want the executable's bytes to tell them apart", name, a, b)
		}
	}
	if got := programSalt(dirty, func() ([]byte, error) { return nil, errors.New("gone") }); got != "" {
		t.Errorf("unreadable executable: %q, want \"\" (never match)", got)
	}
}
