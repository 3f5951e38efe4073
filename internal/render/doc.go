// Package render turns the site model into HTML pages with the theme's templates.
//
// # What templates see
//
// Every template receives a *pageData, and only that: plain strings, numbers and slices
// of the view types below, never folio's internal types, so a theme can be written
// against this documentation alone. The view types are the package's own (no other
// package names them); templates see their exported fields and methods.
//
//	.Site         *siteData: Title, Organisation, Description, BaseURL, Lang, Dir,
//	              HomeURL and AllURL (the edition's home and list of publications),
//	              Languages ([]languageLink: every edition's home), Menu
//	              ([]link), Objectives ([]*termView with counts), Taxonomies
//	              ([]*taxonomyView), FeedURL, SearchURL, Generator, Logo
//	              (*logoView: URL, Type, Alt, Width, Height; nil without a brand
//	              logo) and BrandCSS (the brand's stylesheet's URL, or "")
//	.Kind         "home", "list", "publication", "page", "taxonomy", "term",
//	              "404", "redirect" or "gone"
//	.Title        the page's h1 and the first part of <title>
//	.Description  meta description; on a gone page (a URL withdrawn for good, listed
//	              under gone in content/urls.yaml), the reason it was withdrawn
//	.URL          site-relative URL of the page; .Canonical its absolute URL
//	.Lang, .Dir   language of the page and its direction, "ltr" or "rtl"
//	.Pub          *pub on publication pages (see below)
//	.Page         *plainView on plain pages: Title, Summary, Body, TOC
//	.List         *listView on list and term pages: Items ([]*pub) and Pager
//	.Taxonomy     *taxonomyView on taxonomy and term pages: Key, Title, Singular, URL, Terms
//	.Term         *termView on term pages: Title, URL, Count, Number, Description, and
//	              on an author's page with a file in content/authors/ Profile
//	              (*profileView: Role, Bio, PhotoURL, PhotoAlt, PhotoW, PhotoH, Links)
//	.Recent       []*pub on the home page, without .Featured
//	.Featured     *pub on the home page: the publication that leads it, or nil
//	.Coverage     *coverageView on the objectives index: Years, Rows ([]coverageRowView:
//	              Term, Counts per year, Chart, a *chartView that partials/chart.html
//	              draws as an SVG bar chart)
//	.Documents    *documentsView on the documents page: Documents ([]documentView:
//	              Symbol, URL at undocs.org, Pubs citing it) and JSONURL
//	.RedirectTo   target URL on redirect pages
//	.FeedURL      the Atom feed for this page (site or objective), or ""
//
// A *pub has Title, Summary, URL, Canonical, Date and Updated (*date: ISO and Text),
// Type (link), Objectives ([]*termView), Countries, Missions, Authors (link lists),
// Tags, Year (link), Body (template.HTML), TOC ([]tocEntry: Level, ID, Text), PDFURL,
// CoverURL, CoverAlt, CoverWidth, CoverHeight, CoverSrcset, Related ([]*pub), Lang, Translations,
// and Scheduled: when it becomes public ("10 December 2026 09:00 Europe/Zurich") on a
// preview built before then with --future, "" otherwise; the publication layout shows
// it in a banner (the print edition does not: it becomes the PDF).
// GeneratedPDFURL is the PDF folio pdf made, PDFSize the PDF edition's size in bytes
// (for $.Size: "PDF, 820 kB"). The print edition shows PrintBody, the body with the
// site's links absolute and its images relative to the print edition, and PrintRel
// makes any site URL relative to it (its stylesheet, icon and link back), so that it
// shows whole wherever it is opened.
//
// A numbered publication has Series (*seriesView: Title, URL of the series page,
// Number, Label such as "Policy Brief No. 12"; nil outside a series), and any may have
// DOI with DOIURL (https://doi.org/…), ISBN and ReportNumber (TechnicalReportNumber
// gives the report number, or else the series label, for citation tags), Corrections
// ([]correctionView: Date, Text; oldest first) and PDFs ([]pdfView: URL, Title, Lang,
// Size, Full), every attached PDF with the full edition first.
//
// # Languages
//
// The site is rendered once per language (site.Edition): each edition's pages get its
// title, menu, taxonomies and interface strings, and a view of every publication of
// its own (a card shows its type, objectives and date in the list's language). The
// interface strings (package i18n) are {{$.S.key}} (a map; a key the language lacks
// fails the page), {{$.N "key" n}} (plural forms), {{$.F "key" "name" value…}}
// (placeholders), {{$.Size bytes}} ("1,2 Mo"), and, for scripts, {{$.JSON "key"…}} and
// {{$.FacetNames}} (JSON in data attributes). *pub, *listView and *pager have S (and
// *pub and *listView N and F) for the partials whose context they are; *pub has Dir,
// Foreign (in another language than the edition's: a card then carries lang and dir)
// and Translations ([]link: Title, URL, Lang, Dir, LangName). {{$.Switcher}} links the page
// in each other language ([]languageLink: Code, Name, Dir, URL, Missing when the
// language has no version of the page and URL is its home).
//
// Template functions are in funcs.go, each with an example test.
//
// # Caches
//
// A Renderer keeps one cache: each edition's card HTML (pub.Card), by template name and
// publication, made the first time a page of a Render shows the card and reused by
// every other page of that Render that does (a card is on a dozen list and term pages
// and beside related publications); it lives as long as the Renderer, which is made
// for one build. Pages kept from an earlier build are the Output's to reuse
// (Output.Reuse, package build's caches).
package render
