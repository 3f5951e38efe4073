// Package site builds the model of a whole site from its validated pages: every
// publication with what is known of its rendered body, URLs and related publications; the taxonomies
// (objectives, types, countries, missions, authors, years) with their terms; plain pages;
// redirects for aliases; and the files of bundles to copy.
//
// The model is plain data. A Site is not modified after New returns, so the stages that
// read it (render, feed, search) can run concurrently without locks.
//
// # Bodies
//
// New renders every body (package markdown) on all cores. The model keeps what is
// known of a body (markdown.Meta: contents, recommendations, UN documents; its ids and
// links only until they are checked); the body itself (markdown.Body: HTML, plain text,
// headings) goes to a BodyStore, Options.Bodies, kept as Site.Bodies: by default
// MemoryBodies, which keeps them all; folio build passes one that sets them aside on
// disk. Render reads the HTML back from it, the search index the text.
//
// # URLs
//
// Every page URL ends in "/" and is served by an index.html:
//
//	/                                  home: Recent Publications and the objectives
//	/publications/                     all publications, newest first (then /page/2/...)
//	/publications/<slug>/              one publication; bundle files beside it
//	/<taxonomy>/                       objectives, types, series (when site.yaml has
//	                                   any: publications by number, highest first),
//	                                   countries, missions, authors, years
//	/<taxonomy>/<term>/                publications of one term (then /page/2/...)
//	/documents/                        the UN documents the publications cite (Site.Documents;
//	                                   not with site.yaml's un_documents: false)
//	/<slug>/                           a plain page from content/pages
//	<alias>                            a redirect page for each alias, and for each
//	                                   earlier URL of the record of published URLs
//	                                   (Options.Record, package urlrecord)
//	<gone URL>                         a page saying why it was withdrawn (Site.Gone)
//
// A site in several languages (site.yaml languages) has an Edition per language: the
// default language's at these URLs, each other's under its code (/fr/, /fr/publications/,
// /fr/objectives/<key>/...). Site.Publications, Pages and Taxonomies hold every edition
// of every publication; an Edition's lists count a translation group once (edition.go),
// and each publication's and page's URL is in its language's edition.
//
// URL fields hold site-relative URLs that include the base URL's path (so a site served
// from https://example.org/briefs/ gets "/briefs/publications/x/"); Permalink gives the
// absolute form for feeds, sitemaps and canonical links.
//
// # Images
//
// A JPEG or PNG of a bundle wider than the first of Widths is published in several
// widths (File.Widths: each of Widths narrower than it, and its own width up to the
// last), the smaller ones at Variant(path, width); the body's images get their srcset
// and sizes (ImageSources, ImageSizes) and the cover its CoverSrcset, for the cards.
// {.original} after an image in the body keeps it in one width. Widths depend only on
// the pixel sizes readSizes reads, which are in the Fingerprint, so cached renders stay
// right.
//
// # Scheduled publications
//
// New makes the site as it is at one moment, Options.At (zero: now). A publication whose
// Release (its embargo, or the start of its date) is later is left out of everything,
// into Site.Scheduled, unless Options.Future keeps it, marked Scheduled. Its body is
// rendered all the same, for its errors only: the build that publishes it may run when
// nobody watches. A link to it from a page public sooner is an error that says when it
// will be public. Which publications are held back is part of the fingerprints that key
// the caches, so a rebuild after a release publishes it though no file changed.
//
// # Order
//
// Publications are ordered newest first; ties are broken by title and then slug, so
// output never depends on file system order.
package site
