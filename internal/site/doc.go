// Package site builds the model of a whole site from its validated pages: every
// publication with its rendered body, URLs and related publications; the taxonomies
// (objectives, types, countries, missions, authors, years) with their terms; plain pages;
// redirects for aliases; and the files of bundles to copy.
//
// The model is plain data. A Site is not modified after New returns, so the stages that
// read it (render, feed, search) can run concurrently without locks.
//
// # URLs
//
// Every page URL ends in "/" and is served by an index.html:
//
//	/                                  home: Recent Publications and the objectives
//	/publications/                     all publications, newest first (then /page/2/...)
//	/publications/<slug>/              one publication; bundle files beside it
//	/<taxonomy>/                       objectives, types, countries, missions, authors, years
//	/<taxonomy>/<term>/                publications of one term (then /page/2/...)
//	/<slug>/                           a plain page from content/pages
//	<alias>                            a redirect page for each alias
//
// URL fields hold site-relative URLs that include the base URL's path (so a site served
// from https://example.org/briefs/ gets "/briefs/publications/x/"); Permalink gives the
// absolute form for feeds, sitemaps and canonical links.
//
// # Order
//
// Publications are ordered newest first; ties are broken by title and then slug, so
// output never depends on file system order.
package site
