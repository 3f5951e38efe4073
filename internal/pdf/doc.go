// Package pdf renders the print editions of a built site to PDF with a headless
// Chromium, driven through the DevTools protocol by github.com/chromedp/chromedp.
//
// # What the browser may read
//
// Nothing goes to the network. Every request of a tab is paused by the Fetch domain
// (one pattern, "*") and answered by folio: a URL under the site's base URL (the print
// edition, its stylesheet, a publication's images: the print edition uses absolute
// URLs such as https://example.org/publications/x/chart.png) is fulfilled from the
// output folder on disk, read through an os.Root so that no path leaves it; any other
// request fails, and Result.Blocked lists it. The browser also runs with
// --host-resolver-rules "MAP * ~NOTFOUND", so that nothing it might try on its own
// (updates, prefetching) can resolve a host name; it needs no listening socket. WebRTC,
// which a page's script (a brief with unsafe_html) could use to send UDP to any IP
// address without a request the Fetch domain sees, is limited to proxied connections
// (--webrtc-ip-handling-policy=disable_non_proxied_udp), and there is no proxy.
//
// # The browser
//
// New finds the browser (Options.Chrome, else chromium, chromium-browser or
// google-chrome on PATH; ErrNoChrome when there is none), and starts it once, headless,
// without sandbox or GPU, with a fresh profile folder that Close removes. Render may be
// called from several goroutines: at most Options.Jobs tabs exist, and a tab is reused
// for the next page when its render succeeded.
//
// A page is printed with Page.printToPDF after its load event and document.fonts.ready,
// with preferCSSPageSize (the @page size of the print edition: A4 or Letter from
// site.yaml), backgrounds, a tagged (accessible) PDF and a document outline from the
// headings. Chromium draws no header or footer of its own: the print stylesheet's
// @page margin boxes do.
//
// # Document information
//
// Chromium fills the PDF's Info dictionary with Title (from <title>), Creator (its user
// agent), Producer and dates only: <meta name="author">, "description" and "keywords"
// do not reach the PDF (checked with pdfinfo on Chromium 156). SetInfo therefore writes
// Title, Author, Subject, Keywords and Creator itself, by appending an incremental
// update to the browser's file: a few hundred bytes of pure Go, with no PDF library.
package pdf
