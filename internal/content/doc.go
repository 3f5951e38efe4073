// Package content walks a site's content/ folder and turns each Markdown file into a
// validated Page: front matter decoded strictly with positions, body kept with its line
// numbering for the Markdown stage.
//
// # Layout
//
//	content/publications/<slug>.md          a publication
//	content/publications/<slug>/index.md    a publication bundle: every other file in the
//	                                        folder is a resource copied beside the page
//	content/pages/<slug>.md                 a plain page (About, Methodology...)
//
// Anything else under content/ is reported as a warning and ignored. Symbolic links are
// never followed (a warning says so), so content cannot pull in files from outside the site.
// A missing content/ folder, or content/ or one of its two folders linked elsewhere, is
// an error: the build would otherwise replace a good site with an empty one. A named pipe,
// socket or device is an error, found without opening it (opening a pipe waits forever).
//
// # Publication front matter
//
//	title            required  text
//	date             required  YYYY-MM-DD, from 1900; a later day than today schedules the
//	                           publication: it is public from the start of that day
//	embargo          optional  YYYY-MM-DDTHH:MM (or a space for the T): the minute it becomes
//	                           public, in site.yaml's timezone; not before date, which stays
//	                           the date shown
//	updated          optional  YYYY-MM-DD, from 1900, not before date
//	type             required  a type key from site.yaml
//	objectives       required  one or more objective keys or numbers from site.yaml
//	summary          required  plain text for lists, feeds, search and meta descriptions
//	authors          optional  list of names
//	countries        optional  list of names
//	missions         optional  list of names
//	tags             optional  list of words
//	slug             optional  URL segment; defaults to the file (or bundle folder) name
//	aliases          optional  old URL paths ("/briefs/old-name/") that redirect here
//	lang             optional  language tag; defaults to site.yaml's language
//	translation_key  optional  shared by the editions of one publication in several languages
//	pdf              optional  a PDF file in the bundle: the designed full edition
//	pdfs             optional  list of {file, title, lang, full}: every PDF in the bundle
//	                           a reader may download (summary, translations), each with
//	                           the title its link shows and its language (default lang);
//	                           full: true marks the full edition, if pdf does not
//	corrections      optional  list of {date, text}: dated notices shown at the top of the
//	                           publication; the last date also counts as updated
//	series           optional  a series key from site.yaml; needs number
//	number           optional  the publication's number in its series, unique in it
//	                           (editions sharing a translation_key share it too)
//	doi              optional  a DOI, such as 10.5555/pb-2024-12 (https://doi.org/ may lead)
//	isbn             optional  an ISBN-13 (or ISBN-10), hyphens allowed; its check digit
//	                           is checked
//	report_number    optional  the programme's own document number, as written
//	cover            optional  an image file in the bundle
//	cover_alt        optional  the cover's alternative text (a warning without it)
//	draft            optional  true keeps it out of the build unless --drafts is given
//	allow_protected  optional  protected terms this publication may name (package protect)
//
// Pages accept title (required), summary, slug, aliases, draft and allow_protected.
//
// # Protected terms
//
// With Options.Protect, Load checks each source file as written (front matter, body and
// Markdown comments alike), the names of its bundle's files and the text of its bundle's
// PDFs for protected terms (package protect): each one that allow_protected does not
// approve is an error at its position, a warning in a draft.
//
// Each publication's Release is when it becomes public; the site model (package site)
// leaves out the ones whose Release is still to come. Errors in a scheduled publication
// are errors now, unlike a draft's: it is published by a rebuild that nobody watches.
//
// Unknown keys are errors with a "did you mean" hint. Errors in a draft that is not being
// built are reported as warnings, so a half-written draft never blocks a publication.
package content
