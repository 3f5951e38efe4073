package serve

import (
	"bufio"
	"bytes"
	"context"
	"image"
	"image/png"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"folio/internal/build"
)

const siteYAML = `title: Example Programme
base_url: https://example.org/
types: [{key: report}]
objectives: [{key: priority, number: 1, title: Priority}]
`

func brief(title string) string {
	return "---\ntitle: " + title + "\ndate: 2024-01-01\ntype: report\nobjectives: [1]\nsummary: S.\n---\nBody of " + title + ".\n"
}

// syncBuffer is an io.Writer safe for the server's goroutines and the test's.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func write(t *testing.T, root, rel, data string) {
	t.Helper()
	p := filepath.Join(root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	// Write to a temporary file and rename, as many editors do.
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}

// eventually polls cond until it holds or a generous deadline passes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// sse collects the names and data of events from the server's stream.
type sse struct {
	mu     sync.Mutex
	events []string
}

func (s *sse) has(prefix string, from int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.events[min(from, len(s.events)):] {
		if strings.HasPrefix(e, prefix) {
			return true
		}
	}
	return false
}

func (s *sse) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.events)
}

func listen(t testing.TB, url string) *sse {
	s := &sse{}
	resp, err := http.Get(url + "__folio/events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	go func() {
		sc := bufio.NewScanner(resp.Body)
		name := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				s.mu.Lock()
				s.events = append(s.events, name+" "+strings.TrimPrefix(line, "data: "))
				s.mu.Unlock()
			}
		}
	}()
	return s
}

func startServer(t testing.TB, root string, poll time.Duration) (string, *syncBuffer, *syncBuffer) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut := &syncBuffer{}, &syncBuffer{}
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{
			Build: build.Options{Source: root, Version: "test"}, Addr: "127.0.0.1:0", Poll: poll,
			Out: out, Err: errOut, Listen: ln, Ready: func(u string) { ready <- u },
		})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run returned %v after cancel", err)
			}
		case <-time.After(2 * time.Minute):
			t.Errorf("Run did not stop after cancel")
		}
	})
	select {
	case u := <-ready:
		return u, out, errOut
	case err := <-done:
		t.Fatalf("Run: %v", err)
	case <-time.After(5 * time.Minute): // the first build of a large generated site
		t.Fatal("server did not start")
	}
	return "", nil, nil
}

func TestServeReload(t *testing.T) {
	for _, mode := range []struct {
		name string
		poll time.Duration
	}{{"fsnotify", 0}, {"poll", 50 * time.Millisecond}} {
		t.Run(mode.name, func(t *testing.T) { testServeReload(t, mode.poll) })
	}
}

func testServeReload(t *testing.T, poll time.Duration) {
	root := t.TempDir()
	write(t, root, "site.yaml", siteYAML)
	write(t, root, "content/publications/water.md", brief("Water"))
	url, out, errOut := startServer(t, root, poll)

	// A page is served, with the live reload client injected.
	status, body := get(t, url+"publications/water/")
	if status != 200 || !strings.Contains(body, "Body of Water.") || !strings.Contains(body, `<script src="/__folio/live.js"></script></body>`) {
		t.Fatalf("GET water = %d\n%s", status, body)
	}
	if status, js := get(t, url+"__folio/live.js"); status != 200 || !strings.Contains(js, "EventSource") {
		t.Errorf("live.js = %d", status)
	}
	events := listen(t, url)
	eventually(t, "the event stream to connect", func() bool { return true })

	// Edit the brief: the new text is served and a reload event is sent.
	n := events.count()
	write(t, root, "content/publications/water.md", brief("Water, revised"))
	eventually(t, "a reload event after an edit", func() bool { return events.has("reload", n) })
	eventually(t, "the new text", func() bool {
		_, body := get(t, url+"publications/water/")
		return strings.Contains(body, "Body of Water, revised.")
	})
	// The search index follows the pages, and its page points at a manifest that is served.
	eventually(t, "a search event after the edit", func() bool { return events.has("search", n) })
	_, page := get(t, url+"search/")
	m := regexp.MustCompile(`data-manifest="/(search/manifest\.[0-9a-f]+\.bin)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("search page has no manifest:\n%s", page)
	}
	if status, _ := get(t, url+m[1]); status != 200 {
		t.Errorf("GET %s = %d", m[1], status)
	}

	// Break the front matter: the old page is still served, the errors go to the
	// overlay (event stream) and the terminal, with their position.
	n = events.count()
	write(t, root, "content/publications/water.md", strings.Replace(brief("Water"), "date: 2024-01-01", "date: soon", 1))
	want := `content/publications/water.md:3:7: date must be written YYYY-MM-DD`
	eventually(t, "an errors event", func() bool { return events.has(`errors ["`+want, n) })
	if _, body := get(t, url+"publications/water/"); !strings.Contains(body, "Body of Water, revised.") {
		t.Errorf("the last good page is no longer served")
	}
	if !strings.Contains(errOut.String(), want) {
		t.Errorf("terminal errors:\n%s\nwant %q", errOut.String(), want)
	}
	// A page opened now gets the errors as soon as it connects.
	late := listen(t, url)
	eventually(t, "errors sent on connect", func() bool { return late.has(`errors ["`+want, 0) })

	// Fix it: recovery, with a reload.
	n = events.count()
	write(t, root, "content/publications/water.md", brief("Water, fixed"))
	eventually(t, "a reload after the fix", func() bool { return events.has("reload", n) })
	eventually(t, "the fixed text", func() bool {
		_, body := get(t, url+"publications/water/")
		return strings.Contains(body, "Body of Water, fixed.")
	})

	// A new file in a new folder (a bundle) is picked up.
	write(t, root, "content/publications/new-bundle/index.md", brief("Bundle"))
	eventually(t, "the new bundle", func() bool {
		status, _ := get(t, url+"publications/new-bundle/")
		return status == 200
	})

	// Content types, folders, redirects to the slash form, 404 page with status 404.
	resp, err := http.Get(url + "static/style.css")
	if err != nil || resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
		t.Errorf("style.css: %v %v", err, resp)
	}
	resp.Body.Close()
	resp, err = http.Get(url + "feed.xml")
	if err != nil || !strings.Contains(resp.Header.Get("Content-Type"), "xml") {
		t.Errorf("feed.xml: %v %v", err, resp)
	}
	resp.Body.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err = client.Get(url + "publications/water")
	if err != nil || resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/publications/water/" {
		t.Errorf("no-slash redirect: %v %v", err, resp)
	}
	resp.Body.Close()
	status, body = get(t, url+"no/such/page/")
	if status != 404 || !strings.Contains(body, "Page not found") {
		t.Errorf("404 = %d", status)
	}
	if !strings.Contains(out.String(), "content changed (content/publications/water.md)") {
		t.Errorf("terminal lines:\n%s", out.String())
	}
}

// Replacing a bundle's image by one of other dimensions, under the same name, rebuilds
// the site, and the page gives the new image's width and height.
func TestServeBundleImage(t *testing.T) {
	root := t.TempDir()
	write(t, root, "site.yaml", siteYAML)
	write(t, root, "content/publications/water/index.md", brief("Water")+"\n![A chart](chart.png)\n")
	write(t, root, "content/publications/water/chart.png", pngOf(t, 10, 10))
	url, _, _ := startServer(t, root, 0)
	if _, body := get(t, url+"publications/water/"); !strings.Contains(body, `width="10" height="10"`) {
		t.Fatalf("the page does not give the chart's size:\n%s", body)
	}
	write(t, root, "content/publications/water/chart.png", pngOf(t, 24, 16))
	eventually(t, "the new chart's size", func() bool {
		_, body := get(t, url+"publications/water/")
		return strings.Contains(body, `width="24" height="16"`)
	})
}

// pngOf encodes a blank w×h PNG.
func pngOf(t *testing.T, w, h int) string {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// No request reaches a file outside the built site, however it spells "..".
func TestServePathEscapes(t *testing.T) {
	root := t.TempDir()
	write(t, root, "site.yaml", siteYAML)
	write(t, root, "content/publications/water.md", brief("Water"))
	write(t, filepath.Dir(root), "secret.txt", "TOP SECRET")
	url, _, _ := startServer(t, root, 0)
	host := strings.TrimPrefix(strings.TrimSuffix(url, "/"), "http://")
	for _, p := range []string{
		"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/%2e%2e%5c%2e%2e%5cetc%5cpasswd",
		"/static/../../secret.txt", "/..%252f..%252fsecret.txt", "/site.yaml", "/content/publications/water.md",
	} {
		// Send the path as written: net/http's client would clean it first.
		conn, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(conn, "GET "+p+" HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n")
		resp, _ := io.ReadAll(conn)
		conn.Close()
		r := string(resp)
		if strings.Contains(r, "root:") || strings.Contains(r, "TOP SECRET") || strings.Contains(r, "base_url") || strings.Contains(r, "objectives: [1]") {
			t.Errorf("GET %s leaked a file outside the site:\n%s", p, r)
		}
		if strings.HasPrefix(r, "HTTP/1.1 200") {
			t.Errorf("GET %s = 200; want an error status", p)
		}
	}
}

func TestCheckAddr(t *testing.T) {
	for _, tt := range []struct {
		addr   string
		expose bool
		ok     bool
		warn   bool
	}{
		{"127.0.0.1:1313", false, true, false},
		{"localhost:1313", false, true, false},
		{"[::1]:1313", false, true, false},
		{"0.0.0.0:1313", false, false, false},
		{"0.0.0.0:1313", true, true, true},
		{"nonsense", false, false, false},
	} {
		warn, err := CheckAddr(tt.addr, tt.expose)
		if (err == nil) != tt.ok || (warn != "") != tt.warn {
			t.Errorf("CheckAddr(%q, %v) = %q, %v", tt.addr, tt.expose, warn, err)
		}
	}
}

// TestServeHost: the preview, its event stream included, answers only requests that name
// it by localhost or a loopback address, so that a web page cannot read it through a name
// of its own that it points at 127.0.0.1 (DNS rebinding).
func TestServeHost(t *testing.T) {
	root := t.TempDir()
	write(t, root, "site.yaml", siteYAML)
	write(t, root, "content/publications/water.md", brief("Water"))
	url, _, _ := startServer(t, root, 0)
	_, port, _ := net.SplitHostPort(strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/"))
	for _, tt := range []struct {
		host string
		want int
	}{
		{"evil.example", http.StatusForbidden},
		{"evil.example:" + port, http.StatusForbidden},
		{"127.0.0.1.evil.example:" + port, http.StatusForbidden},
		{"localhost.evil.example:" + port, http.StatusForbidden},
		{"192.168.1.20:" + port, http.StatusForbidden},
		{"localhost:" + port, http.StatusOK},
		{"LocalHost:" + port, http.StatusOK},
		{"127.0.0.1:" + port, http.StatusOK},
		{"[::1]:" + port, http.StatusOK},
		{"localhost", http.StatusOK},
	} {
		for _, p := range []string{"publications/water/", "__folio/events", "__folio/live.js"} {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+p, nil)
			req.Host = tt.host
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			// The event stream does not end: its status and first bytes are enough.
			buf := make([]byte, 512)
			n, _ := io.ReadAtLeast(resp.Body, buf, 1)
			body := string(buf[:n])
			resp.Body.Close()
			cancel()
			if resp.StatusCode != tt.want {
				t.Errorf("GET /%s with Host %q = %d; want %d\n%s", p, tt.host, resp.StatusCode, tt.want, body)
			}
			if tt.want == http.StatusForbidden && (strings.Contains(body, "Water") || !strings.Contains(body, "does not answer to the name")) {
				t.Errorf("GET /%s with Host %q answered:\n%s", p, tt.host, body)
			}
		}
	}
}

// With --expose, the preview also answers to any IP address of the machine, and to the
// name it was told to listen on, but still not to other names.
func TestHostAllowed(t *testing.T) {
	for _, tt := range []struct {
		name    string
		anyAddr bool
		host    string
		ok      bool
	}{
		{"127.0.0.1", false, "127.0.0.1:1313", true},
		{"127.0.0.1", false, "[::ffff:127.0.0.1]:1313", true},
		{"127.0.0.1", false, "", false},
		{"127.0.0.1", false, "10.0.0.5:1313", false},
		{"localhost", false, "localhost:1313", true},
		{"localhost", false, "rebind.example:1313", false},
		{"0.0.0.0", true, "192.168.1.20:1313", true},
		{"0.0.0.0", true, "[fe80::1]:1313", true},
		{"0.0.0.0", true, "localhost:1313", true},
		{"0.0.0.0", true, "rebind.example:1313", false},
		{"0.0.0.0", true, "mybox.lan:1313", false},
		{"mybox.lan", true, "MyBox.lan:1313", true},
		{"mybox.lan", true, "rebind.example:1313", false},
	} {
		s := &Server{name: tt.name, anyAddr: tt.anyAddr}
		if got := s.hostAllowed(tt.host); got != tt.ok {
			t.Errorf("Server{name: %q, anyAddr: %v}.hostAllowed(%q) = %v; want %v", tt.name, tt.anyAddr, tt.host, got, tt.ok)
		}
	}
}
