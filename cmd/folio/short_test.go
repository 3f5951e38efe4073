package main

import "testing"

// notShort skips t under go test -short, the fast loop: tests that drive a browser, a
// validator or nginx, or build the generated 300-publication site, run in the full
// suite (.ci/run) only.
func notShort(t testing.TB, what string) {
	t.Helper()
	if testing.Short() {
		t.Skip(what + ": not in -short")
	}
}
