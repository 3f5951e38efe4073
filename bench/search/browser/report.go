package main

// The report: Markdown tables of the medians, and JSON.

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// category sorts a request: the page itself (HTML, site stylesheet, favicon), the
// search code (scripts, styles and WebAssembly of the search), or index data.
func category(u string) string {
	p := strings.SplitN(u, "?", 2)[0]
	switch {
	case p == folioPath || p == pagefindPath || strings.HasPrefix(p, "/static/style.css") || p == "/favicon.ico":
		return "page"
	case strings.HasPrefix(p, "/static/search.js"), strings.HasPrefix(p, "/pagefind/") && pagefindKind(p) == "code":
		return "code"
	}
	return "index"
}

type tally struct {
	bytes, body float64
	reqs        int
	files       []string
}

func (s *session) tally(phases ...int) (t tally) {
	for _, r := range s.Requests {
		if !slices.Contains(phases, r.Phase) || category(r.URL) == "page" {
			continue
		}
		t.bytes += r.Bytes
		t.body += float64(r.Body)
		t.reqs++
		t.files = append(t.files, fmt.Sprintf("%s %s", shortURL(r.URL), kb(int64(r.Body))))
	}
	return t
}

func shortURL(u string) string {
	u = strings.SplitN(u, "?", 2)[0]
	return strings.TrimPrefix(strings.TrimPrefix(u, "/pagefind/"), "/search/")
}

func median(xs []float64) (med, lo, hi float64) {
	if len(xs) == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return m, s[0], s[len(s)-1]
}

func print(w io.Writer, c config, rep *report) {
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	fmt.Fprintf(bw, "## %d publications (corpus %s)\n\n", c.n, c.corpus)
	proto := "HTTP/2 over TLS"
	if c.http1 {
		proto = "HTTP/1.1"
	}
	fmt.Fprintf(bw, "%s; %s; %s; %d CPUs, load average %s before, %s after; %d runs, %.0f s.\n",
		rep.Machine.Chromium, rep.Machine.Pagefind, rep.Machine.Go, rep.Machine.CPUs, rep.Machine.LoadBefore, rep.Machine.LoadAfter, c.runs, rep.Machine.ElapsedSecs)
	compression := "every response gzipped (level 6)"
	if !c.gzip {
		compression = "no response compressed (files sent as they are on disk)"
	}
	fmt.Fprintf(bw, "Served from 127.0.0.1 with %s, %s; CDP throttling %v latency, %.0f kbit/s down and up; Pagefind's UI with pageSize %d.\n\n",
		proto, compression, c.latency, c.kbps, c.pageSize)

	f, p := rep.Index[0], rep.Index[1]
	fmt.Fprintf(bw, "| index | folio | Pagefind |\n|---|---|---|\n")
	if f.BuildTime > 0 {
		fmt.Fprintf(bw, "| build time | %v (search step of `folio build`; whole build %v) | %s (own report; process %v) |\n",
			f.BuildTime.Round(time.Millisecond), f.SiteBuild.Round(10*time.Millisecond), p.OwnTime, p.Total.Round(10*time.Millisecond))
	}
	fmt.Fprintf(bw, "| files on disk | %d | %d (%d of index data, the rest code) |\n", f.Files, p.Files, p.IndexFiles)
	fmt.Fprintf(bw, "| size on disk | %s (compressed by folio; %s inflated) | %s (index data %s; Pagefind gzips its files itself) |\n", kb(f.Bytes), kb(f.Inflated), kb(p.Bytes), kb(p.IndexBytes))
	fmt.Fprintf(bw, "| detail | %s | %s |\n\n", strings.Join(f.Detail, "; "), strings.Join(p.Detail, "; "))
	if f.BuildSteps != "" {
		fmt.Fprintf(bw, "folio build steps: %s. Pagefind: %s pages, %s words.\n\n", f.BuildSteps, strconv.Itoa(p.Pages), p.Words)
	}

	byKey := map[string][]*session{}
	for _, s := range rep.Sessions {
		k := s.Engine + "|" + s.Kind + "|" + s.Query
		byKey[k] = append(byKey[k], s)
	}
	fmt.Fprintf(bw, "| first query, from a link (cold cache) | folio | Pagefind | folio / Pagefind |\n|---|---|---|---|\n")
	var fixes []string
	for _, q := range []string{c.one, c.two} {
		fs, ps := byKey["folio|link|"+q], byKey["pagefind|link|"+q]
		if len(fs) == 0 || len(ps) == 0 {
			continue
		}
		ft, pt := fs[0].tally(0), ps[0].tally(0)
		fmt.Fprintf(bw, "| `%s`: bytes transferred (CDP), search code + index | %s | %s | %.2f |\n", q, kbf(ft.bytes), kbf(pt.bytes), ft.bytes/pt.bytes)
		fmt.Fprintf(bw, "| `%s`: requests | %d | %d | |\n", q, ft.reqs, pt.reqs)
		fd, fl, fh := median(phaseTimes(fs, 0, true))
		pd, pl, ph := median(phaseTimes(ps, 0, true))
		pf, pfl, pfh := median(phaseTimes(ps, 0, false))
		fmt.Fprintf(bw, "| `%s`: navigation to results, ms (median, range) | %.0f (%.0f–%.0f) | %.0f (%.0f–%.0f); first result %.0f (%.0f–%.0f) | %.2f |\n",
			q, fd, fl, fh, pd, pl, ph, pf, pfl, pfh, fd/pd)
		for _, s := range []*session{fs[0], ps[0]} {
			for _, r := range s.Requests {
				if r.Fixed {
					fixes = append(fixes, fmt.Sprintf("%s `%s`: CDP reported %s with %.0f bytes, its headers only; counted with the body the server sent", s.Engine, q, shortURL(r.URL), r.Bytes-float64(r.Body)))
				}
			}
		}
	}
	fmt.Fprintln(bw)
	for _, f := range fixes {
		fmt.Fprintf(bw, "(%s)\n", f)
	}
	for _, q := range []string{c.one, c.two} {
		for _, e := range []string{"folio", "pagefind"} {
			if ss := byKey[e+"|link|"+q]; len(ss) > 0 {
				t := ss[0].tally(0)
				fmt.Fprintf(bw, "- %s, `%s`: %s\n", e, q, strings.Join(t.files, ", "))
			}
		}
	}
	fmt.Fprintln(bw)

	for _, kind := range []string{"typed", "focused"} {
		fs, ps := byKey["folio|"+kind+"|"+c.one], byKey["pagefind|"+kind+"|"+c.one]
		if len(fs) == 0 || len(ps) == 0 {
			continue
		}
		title := map[string]string{
			"typed":   "typing on the open, idle page (the box focused and the query typed at once)",
			"focused": "typing on the open page after focusing the box and waiting until the network is idle",
		}[kind]
		fmt.Fprintf(bw, "\n| %s: ms from the input event to rendered results (median, range) | folio | Pagefind |\n|---|---|---|\n", title)
		for i := 1; i < len(fs[0].Phases); i++ {
			name := fs[0].Phases[i].Name + ": `" + fs[0].Phases[i].Text + "`"
			fd, fl, fh := median(phaseTimes(fs, i, true))
			pd, pl, ph := median(phaseTimes(ps, i, true))
			pf, pfl, pfh := median(phaseTimes(ps, i, false))
			ft, pt := fs[0].tally(i), ps[0].tally(i)
			fmt.Fprintf(bw, "| %s | %.0f (%.0f–%.0f); %d requests, %s | %.0f (%.0f–%.0f), first result %.0f (%.0f–%.0f); %d requests, %s |\n",
				name, fd, fl, fh, ft.reqs, kbf(ft.bytes), pd, pl, ph, pf, pfl, pfh, pt.reqs, kbf(pt.bytes))
		}
		ft, pt := fs[0].tally(0), ps[0].tally(0)
		fmt.Fprintf(bw, "| (before typing: search code and index fetched) | %d requests, %s | %d requests, %s |\n", ft.reqs, kbf(ft.bytes), pt.reqs, kbf(pt.bytes))
		for _, s := range []*session{fs[0], ps[0]} {
			var st []string
			for _, ph := range s.Phases[1:] {
				st = append(st, fmt.Sprintf("%s: %s", ph.Name, strings.Join(s.tally(slices.Index(s.Phases, ph)).files, ", ")))
			}
			fmt.Fprintf(bw, "\n%s, files per step: %s\n", s.Engine, strings.Join(st, "; "))
		}
	}
	for _, s := range rep.Sessions {
		if len(s.Notes) > 0 || s.Retries > 0 {
			fmt.Fprintf(bw, "\nnote: %s %s %q run %d: %d retries %s", s.Engine, s.Kind, s.Query, s.Run, s.Retries, strings.Join(s.Notes, "; "))
		}
	}
	fmt.Fprintln(bw)
	if c.verbose {
		for _, s := range rep.Sessions {
			if s.Run != 0 || len(s.Phases) == 0 {
				continue
			}
			for _, ph := range s.Phases {
				fmt.Fprintf(bw, "\n  phase %q %q at %.0f ms: first %.0f, done %.0f", ph.Name, ph.Text, ph.AtMS, ph.FirstMS, ph.DoneMS)
			}
			fmt.Fprintf(bw, "\n%s %s %q: final status %q\n", s.Engine, s.Kind, s.Query, s.Phases[len(s.Phases)-1].Status)
			for _, r := range s.Requests {
				fmt.Fprintf(bw, "  phase %d %-7s %-8s %8.0f B (body %d, file %d) %6.0f–%6.0f ms  %s\n", r.Phase, r.Session, category(r.URL), r.Bytes, r.Body, r.Raw, r.SentMS, r.EndMS, r.URL)
			}
		}
	}
}

// phaseTimes are the times of phase i in the sessions: to the whole first page, or to
// the first result.
func phaseTimes(ss []*session, i int, done bool) []float64 {
	var xs []float64
	for _, s := range ss {
		if i < len(s.Phases) {
			if done {
				xs = append(xs, s.Phases[i].DoneMS)
			} else {
				xs = append(xs, s.Phases[i].FirstMS)
			}
		}
	}
	return xs
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func kb(n int64) string { return fmt.Sprintf("%.1f kB", float64(n)/1000) }

func kbf(n float64) string { return fmt.Sprintf("%.1f kB", n/1000) }

func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
