package serve

import (
	"context"
	"net"
	"strings"
	"testing"

	"folio/internal/build"
)

// Warnings reach the preview too: every page that connects gets those of the build it
// shows (live.js puts them in a panel the writer can dismiss), and a build with one
// error says "1 error".
func TestServeWarningsAndCounts(t *testing.T) {
	root := t.TempDir()
	write(t, root, "site.yaml", siteYAML)
	write(t, root, "content/publications/water.md", brief("Water")+"\n![](https://example.org/map.png)\n")
	url, out, _ := startServer(t, root, 0)
	want := `content/publications/water.md:10:1: warning: image \"https://example.org/map.png\" has no alternative text` // as JSON
	events := listen(t, url)
	eventually(t, "the warnings on connect", func() bool { return events.has(`warnings ["`+want, 0) })

	// Fixed, the next page to connect gets no warnings.
	n := events.count()
	write(t, root, "content/publications/water.md", brief("Water")+"\n![A map](https://example.org/map.png)\n")
	eventually(t, "a reload after the fix", func() bool { return events.has("reload", n) })
	// A page connecting now gets nothing on connect: the next reload is its first event.
	// (listen returns once the server has answered, so the stream is registered.)
	late := listen(t, url)
	write(t, root, "content/publications/water.md", brief("Water")+"\n![A map, again](https://example.org/map.png)\n")
	eventually(t, "the late page's reload", func() bool { return late.has("reload", 0) })
	if late.has("warnings", 0) {
		t.Errorf("warnings sent after they were fixed: %v", late.events)
	}

	write(t, root, "content/publications/water.md", strings.Replace(brief("Water"), "date: 2024-01-01", "date: soon", 1))
	eventually(t, "the failure in the terminal", func() bool {
		return strings.Contains(out.String(), "build failed with 1 error; still serving the last good site")
	})

	_, js := get(t, url+"__folio/live.js")
	for _, s := range []string{`addEventListener("warnings"`, `"Dismiss"`, `count(lines.length, "error", "errors")`} {
		if !strings.Contains(js, s) {
			t.Errorf("live.js lacks %s", s)
		}
	}
}

// A port in use is named, with the way out.
func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	root := t.TempDir()
	write(t, root, "site.yaml", siteYAML)
	write(t, root, "content/publications/water.md", brief("Water"))
	addr := ln.Addr().String()
	err = Run(context.Background(), Options{Build: build.Options{Source: root}, Addr: addr, Out: &syncBuffer{}, Err: &syncBuffer{}})
	if err == nil || !strings.Contains(err.Error(), addr+" is already in use") || !strings.Contains(err.Error(), "--addr 127.0.0.1:") {
		t.Errorf("Run on a port in use = %v", err)
	}
}
