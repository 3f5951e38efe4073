package check

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"folio/internal/diag"
)

// Defaults of the external check.
const (
	DefaultTimeout   = 10 * time.Second
	DefaultWorkers   = 8
	DefaultHostDelay = 100 * time.Millisecond
)

// A verdict is the outcome of fetching one external URL.
type verdict struct {
	ok       bool
	severity diag.Severity
	problem  string // "404 Not Found", "no answer within 10s"...
}

var errRedirects = errors.New("more than 10 redirects")

// checkExternal fetches every URL of ext once and reports those that fail at every place
// that links to them.
func (c *checker) checkExternal(ctx context.Context, ext map[string][]occurrence) {
	urls := slices.Sorted(maps.Keys(ext))
	c.report.External = len(urls)
	verdicts := fetchAll(ctx, urls, c.opts)
	if ctx.Err() != nil {
		c.report.Diagnostics.Add(fmt.Errorf("external links: interrupted before all were checked"))
		return
	}
	for _, u := range urls {
		v := verdicts[u]
		if v.ok {
			continue
		}
		for _, o := range ext[u] {
			what := "link to"
			if o.r.image {
				what = "image"
			}
			c.reportRef(o.pg, c.outputs[o.pg.rel], o.r, v.severity, func(w string) string {
				return fmt.Sprintf("%s %q: %s", what, w, v.problem)
			})
		}
	}
}

// fetchAll fetches urls, at most opts.Workers at once over all hosts and one at a time
// per host, pausing opts.HostDelay between two requests to one host.
func fetchAll(ctx context.Context, urls []string, opts Options) map[string]verdict {
	timeout := cmp.Or(opts.Timeout, DefaultTimeout)
	workers := cmp.Or(opts.Workers, DefaultWorkers)
	delay := cmp.Or(opts.HostDelay, DefaultHostDelay)
	transport := opts.Transport
	if transport == nil {
		refuse := privateAddr
		if opts.ExternalPrivate {
			refuse = nil
		}
		transport = newTransport(refuse)
	}
	client := &http.Client{
		Transport: transport,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 10 {
				return errRedirects
			}
			return nil
		},
	}
	ua := "folio/" + cmp.Or(opts.Version, "dev") + " (link check; folio check --external)"

	byHost := map[string][]string{}
	for _, u := range urls {
		pu, _ := url.Parse(u)
		h := strings.ToLower(pu.Host)
		byHost[h] = append(byHost[h], u)
	}
	verdicts := make(map[string]verdict, len(urls))
	var mu sync.Mutex
	slots := make(chan struct{}, workers)
	var wg sync.WaitGroup
	for _, host := range slices.Sorted(maps.Keys(byHost)) {
		wg.Go(func() {
			for i, u := range byHost[host] {
				if i > 0 {
					select {
					case <-time.After(delay):
					case <-ctx.Done():
					}
				}
				slots <- struct{}{}
				v := fetch(ctx, client, ua, timeout, u)
				<-slots
				mu.Lock()
				verdicts[u] = v
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return verdicts
}

// A privateError is a connection refused because its address is private (privateAddr).
type privateError struct{ addr netip.Addr }

func (e *privateError) Error() string {
	return fmt.Sprintf("refused to connect to %s: a private address", e.addr)
}

var (
	sharedSpace = netip.MustParsePrefix("100.64.0.0/10") // carrier-grade NAT (RFC 6598)
	thisNetwork = netip.MustParsePrefix("0.0.0.0/8")     // Linux connects 0.x.x.x to this machine
)

// privateAddr reports whether an address is this machine's (loopback, unspecified), on a
// private or link-local network (10/8, 172.16/12, 192.168/16, fc00::/7, 169.254/16,
// fe80::/10, 100.64/10) or multicast. A link there cannot work for the site's readers,
// and fetching it would let a page of the site make folio reach what only this machine
// can: a router's pages, a cloud's metadata service at 169.254.169.254.
func privateAddr(ap netip.AddrPort) bool {
	a := ap.Addr().Unmap()
	return a.IsLoopback() || a.IsUnspecified() || a.IsPrivate() || a.IsLinkLocalUnicast() ||
		a.IsMulticast() || sharedSpace.Contains(a) || thisNetwork.Contains(a)
}

// newTransport is http.DefaultTransport without a proxy, whose dialer refuses to connect
// to any address refuse reports (nil refuses none). The dialer's Control sees the address
// actually connected to, after name resolution, so a name that resolves to a private
// address, a DNS answer that changes between two lookups and a redirect to such an address
// are all refused, before any packet is sent. A proxy would connect on folio's behalf, out
// of its sight: links are checked from this machine.
func newTransport(refuse func(netip.AddrPort) bool) *http.Transport {
	dialer := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	if refuse != nil {
		dialer.Control = func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return err
			}
			if refuse(ap) {
				return &privateError{ap.Addr().Unmap()}
			}
			return nil
		}
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil
	t.DialContext = dialer.DialContext
	return t
}

// fetch asks for u with HEAD, and again with GET when HEAD fails: many servers refuse or
// mishandle HEAD.
func fetch(ctx context.Context, client *http.Client, ua string, timeout time.Duration, u string) verdict {
	status, text, err := request(ctx, client, ua, timeout, http.MethodHead, u)
	if err == nil && status < 400 {
		return verdict{ok: true}
	}
	if private := new(privateError); errors.As(err, &private) {
		problem := fmt.Sprintf("not checked: points to a private address (%s); use --external-private to check it", private.addr)
		if ue := new(url.Error); errors.As(err, &ue) && ue.URL != u {
			problem = fmt.Sprintf("not checked: redirects to %s, a private address (%s); use --external-private to check it", ue.URL, private.addr)
		}
		return verdict{severity: diag.SevWarning, problem: problem}
	}
	if err == nil || !isTimeout(err) {
		status, text, err = request(ctx, client, ua, timeout, http.MethodGet, u)
	}
	return judge(status, text, err, timeout)
}

func request(ctx context.Context, client *http.Client, ua string, timeout time.Duration, method, u string) (int, string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
	resp, err := client.Do(req)
	if err != nil {
		return 0, "", err
	}
	resp.Body.Close() // the status is all that is wanted
	return resp.StatusCode, resp.Status, nil
}

// judge turns the answer to a request into a verdict. A page that is not there is an
// error; what may be temporary, or a refusal of automated clients, is a warning.
func judge(status int, text string, err error, timeout time.Duration) verdict {
	if err != nil {
		var dns *net.DNSError
		switch {
		case errors.Is(err, errRedirects):
			return verdict{severity: diag.SevError, problem: "more than 10 redirects (a redirect loop?)"}
		case errors.As(err, &dns) && dns.IsNotFound:
			return verdict{severity: diag.SevError, problem: fmt.Sprintf("host %s not found", dns.Name)}
		case isTimeout(err):
			return verdict{severity: diag.SevWarning, problem: fmt.Sprintf("no answer within %s", timeout)}
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return verdict{severity: diag.SevWarning, problem: "could not fetch: " + err.Error()}
	}
	if text == "" {
		text = fmt.Sprint(status)
	}
	switch {
	case status < 400:
		return verdict{ok: true}
	case status == http.StatusUnauthorized, status == http.StatusForbidden, status == http.StatusProxyAuthRequired,
		status == http.StatusTooManyRequests:
		return verdict{severity: diag.SevWarning, problem: text + " (the site may refuse automated checks: open it in a browser)"}
	case status >= 500:
		return verdict{severity: diag.SevWarning, problem: text + " (may be temporary)"}
	}
	return verdict{severity: diag.SevError, problem: text}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}
