// Package check finds what would embarrass a published site: links that lead nowhere,
// missing images, links to drafts, publications that readers cannot reach by objective,
// duplicate ids, images without alternative text, headings that skip a level and, when
// asked, external links that fail. It is folio check.
//
// # What is checked
//
// Run builds the site without writing its output, with the build's own diagnostics,
// which include every broken Markdown link, #section and image, or reads a site already
// built by folio (Options.Dest). It then parses every HTML page of the output, so that
// links written by templates are checked too, and reads the Markdown sources:
//
//	error    link to a page, file or #fragment that does not exist (HTML and Markdown)
//	error    image that does not exist
//	error    link from a published page to a draft: it would break on the live site
//	error    publication that no objective page (/objectives/<key>/ and its pages) lists
//	error    id used twice in one page
//	warning  image without alternative text
//	warning  heading that skips a level (## then ####; a body's first heading counts
//	         from the page title, an h1)
//
// With Options.External, each distinct http(s) URL outside the site is fetched once (HEAD,
// then GET when HEAD fails), at most Workers at a time, one at a time per host with a pause
// between two requests to one host. 404 and 410, other 4xx answers, unknown hosts and
// redirect loops are errors; 401, 403, 429, 5xx, timeouts and connection failures are
// warnings, since they are often temporary or a refusal of automated clients rather than
// a dead link. Unless Options.ExternalPrivate, no connection is made to a loopback,
// private, link-local, shared (100.64/10), unspecified or multicast address: the dialer
// checks the address it is about to connect to, after name resolution and at every
// redirect, and such a link is a warning ("not checked: points to a private address").
// Requests go direct, never through a proxy, which would connect out of that check's sight.
//
// # Positions
//
// Problems are reported against the Markdown source whenever it wrote the thing at fault:
// a link, image or heading id found in a built page is matched to the Markdown element of
// the page's source (its page or print edition) that produced it, through
// markdown.Renderer.Scan. Anything else comes from a template, and is reported at its
// line and column in the built page ("public/publications/x/index.html:40:5", named as
// folio build would write it), once per problem with the number of other pages that have
// it, since one template fault shows on every page that uses it.
//
// When the site does not build, Run reports the build's errors, every one of them, and
// the problems found in the Markdown sources alone (headings, links to drafts). The build
// stops at its first stage with errors, so Run also makes the model of the pages that did
// load: front matter errors in one brief do not hide the broken links of another. The
// built pages are checked once the site builds.
//
// The build is streamed (build.Builder.BuildStream): each file is handed over as it is
// made, every HTML page parsed there and then into what the checks need (its ids, links,
// images and headings) and let go, so memory grows with the site's metadata and those
// outlines, not with its pages (a quarter of the memory that holding the output took, in
// bench/README.md); the sources are outlined one at a time too. A build
// into a folder would cost the disk writes and replace the build cache's manifest, which
// describes the site's own output folder.
package check
