// Package urlrecord keeps the record of every URL a site has published, so that no link
// to it breaks: a renamed slug, a moved or deleted file would otherwise drop its URL
// silently, and advocates paste these URLs into emails and reports that live for years.
//
// # The file
//
// The record is content/urls.yaml, kept in the site and committed with it. It is plain
// YAML, sorted, so that a change to it reads well in a diff:
//
//	published:
//	  content/pages/about.md:
//	    - /about/
//	  content/publications/water.md:
//	    - /publications/water-access/
//	    - /publications/water/
//	  water-access (fr):
//	    - /publications/acces-eau/
//	gone:
//	  - url: /publications/withdrawn/
//	    reason: Withdrawn at the request of the partner organisation.
//
// published maps a stable id to the URL paths (without the base URL's path) published
// under it: the publication's or page's own URL and its aliases, present and past. The
// id is the translation key and language of a publication that has a translation_key,
// else the source file at first publication. A page keeps its id when its file moves
// but its URL stays, since the page is also known by its recorded URLs. gone lists URLs
// withdrawn for good, each with the reason readers are shown.
//
// # What a build does with it
//
// Resolve compares the record with the pages a build publishes. Every recorded URL must
// still be published: as a page, an alias or any other file of the build; or, when its
// id's page is published at a URL the record holds too, as a redirect to that page (so
// a slug renamed and recorded keeps its old URL); or be listed under gone, which makes a
// page saying why at it, and 410 entries for the hosts. Any other recorded URL is an
// error at its line in the record, naming the ways out: an alias (folio alias OLD NEW),
// recording the new URL (folio build --record, which turns the old one into a redirect),
// or gone. A URL listed as gone that the build publishes again is an error too.
//
// The record changes only when asked (Resolve with update, for folio build --record):
// then the URLs of the publications and pages of the build are added, so a typo in a
// slug never becomes permanent by itself. Drafts and publications not yet public
// (Page.Record false) are never recorded; recording cannot drop a URL either, so a
// recorded URL that nothing publishes is still an error.
package urlrecord
