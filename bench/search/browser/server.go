package main

// The loopback server the browser loads the site from.

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
)

// A server serves the output folder on 127.0.0.1, gzipping every response whose
// request accepts gzip (level 6, whatever the type: folio's and Pagefind's index files,
// both already compressed, as much as scripts) unless told not to, and logs what it
// sends.
type server struct {
	*httptest.Server
	root *os.Root
	gzip bool

	mu  sync.Mutex
	log []served
}

// served is one response, as the server sent it.
type served struct {
	URI  string // path and query
	Raw  int    // bytes of the file
	Body int    // bytes of the body sent (gzipped, if the server gzips)
}

func newServer(public string, http1, gzip bool) *server {
	root, err := os.OpenRoot(public)
	if err != nil {
		panic(err)
	}
	s := &server{root: root, gzip: gzip}
	s.Server = httptest.NewUnstartedServer(s)
	if http1 {
		s.Start()
	} else {
		s.EnableHTTP2 = true
		s.StartTLS()
	}
	return s
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var data []byte
	name := r.URL.Path
	if name == pagefindPath {
		data, name = pagefindPage, "index.html"
	} else {
		name = path.Clean(name)[1:]
		if name == "" || strings.HasSuffix(r.URL.Path, "/") {
			name = path.Join(name, "index.html")
		}
		var err error
		if data, err = fs.ReadFile(s.root.FS(), name); err != nil {
			http.NotFound(w, r)
			s.note(served{URI: r.URL.RequestURI()})
			return
		}
	}
	w.Header().Set("Content-Type", contentType(name))
	body := data
	if s.gzip && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		var buf bytes.Buffer
		gz, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
		gz.Write(data)
		gz.Close()
		body = buf.Bytes()
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Vary", "Accept-Encoding")
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
	s.note(served{URI: r.URL.RequestURI(), Raw: len(data), Body: len(body)})
}

func (s *server) note(x served) {
	s.mu.Lock()
	s.log = append(s.log, x)
	s.mu.Unlock()
}

// take returns the responses sent since the last call.
func (s *server) take() []served {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.log
	s.log = nil
	return l
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".wasm":
		return "application/wasm"
	}
	return "application/octet-stream" // .bin (folio), .pagefind, .pf_meta, .pf_index, .pf_fragment
}
