// Package hosts writes the files that tell a web host how to serve a folio site:
// caching, security headers, redirects and removed pages. site.yaml's hosts list names
// the hosts a site deploys to; for each, Files makes these files at the top of the output
// folder (an empty list makes none):
//
//	netlify     _headers and _redirects (Netlify)
//	cloudflare  _headers and _redirects (Cloudflare Pages)
//	nginx       _nginx/http.conf, to include in nginx's http block (a map), and
//	            _nginx/server.conf, to include in the site's server block
//	apache      .htaccess (mod_headers, mod_alias)
//
// Netlify and Cloudflare Pages read the same _headers, but not the same _redirects:
// Netlify does not apply a redirect where a file exists (and an alias has its redirect
// page, below) unless the status is forced ("301!"), while Cloudflare Pages always
// applies redirects, rejects a forced status, and has no 404 or 410 rules. So a site
// names the one it uses; both cannot share one output folder.
//
// # Headers
//
// Files whose name changes with their content may be kept by browsers for a year
// (Cache-Control: public, max-age=31536000, immutable): the search index files under
// search/ (all but the search page, whose manifest name changes instead), the share
// cards (card-<hash>.png) and the theme's static files when asked for with their
// version (static/style.css?v=<hash>, as the asset template function writes them).
// Everything else, pages first, is revalidated on every visit (Cache-Control:
// no-cache), so a correction is seen at once. Netlify's and Cloudflare's header rules
// match paths only, not the query that tells a versioned request for a theme file from
// another: there, only search/ is marked immutable, and the rest keeps the host's
// default, which revalidates. Their rule for search/ names one path segment
// (search/:file), so it matches the search page only when asked for as
// search/index.html, an address folio never links to and Cloudflare Pages redirects to
// search/.
//
// Every response also carries the security headers of Security: a Content-Security-
// Policy that the default theme satisfies (its scripts and styles are files of the
// site; the JSON-LD block is data, which the policy does not govern; GFM table cell
// alignment is the one inline style, allowed by its hashes), Referrer-Policy,
// X-Content-Type-Options and Permissions-Policy. A site whose own layouts or raw HTML
// (unsafe_html) use inline scripts, inline styles or other sites' frames must not list
// a host, or must serve other headers.
//
// # Redirects and removed pages
//
// Site.Redirects are permanent (301) redirects, made from the publications' and pages'
// aliases; Site.Gone are URLs that are gone for good (410), with the reason, written
// beside them as a comment. The alias pages of the build stay: they redirect on hosts
// that read none of these files. Netlify answers 410 with the page folio writes at the
// gone URL, which gives the reason; nginx and Apache answer 410 with their own short
// page (a per-URL error page would need an internal location per URL). Cloudflare Pages
// cannot answer 410: its _redirects lists the gone URLs as comments, and the page at
// the URL answers with 200.
//
// # The configuration files themselves
//
// The files are not pages and are not served: Netlify and Cloudflare read and hide
// _headers and _redirects; Apache refuses .htaccess by default; the nginx server include
// answers 404 for _nginx/ and for the other hosts' files, and .htaccess does the same on
// Apache. They live in the output folder, not beside it, so that the output stays one
// folder that every build replaces whole.
//
// # Compression
//
// The nginx include turns on gzip for text types at level 6 (Debian's nginx.conf
// compresses only HTML). No precompressed .gz files are written: measured on the sample
// site, gzip -9 is within 0.5% of level 6 for pages, CSS, JavaScript, feeds and the search
// index (level 1, nginx's default, is 12-16% larger), so a second copy of every text file
// would save the server some CPU and the reader almost nothing.
package hosts
