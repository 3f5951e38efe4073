// Package card draws share cards: the 1200×630 PNG images that Open Graph
// and Twitter show when a publication's URL is shared.
//
// A card shows the site name at the top (bold capitals, muted), a thin accent
// rule, the publication title large and bold, and at the bottom the kind of
// publication and its date:
//
//	PROTECTING CIVILIANS IN PEACEKEEPING
//	────
//	Protection of civilians in Ménaka:
//	lessons from MINUSMA
//
//	Policy brief · 15 March 2022
//
// # Use
//
// Parse the fonts once with [NewDrawer] and draw every card with the same
// [Drawer]; it is safe for concurrent use:
//
//	d, err := card.NewDrawer(regular, bold) // DejaVuSans.ttf, DejaVuSans-Bold.ttf
//	png, err := d.Draw(card.Card{Title: p.Title, Kind: "Policy brief", Date: "15 March 2022", SiteName: site.Title})
//
// The default theme ships the fonts as themes/default/fonts/DejaVuSans.ttf and
// DejaVuSans-Bold.ttf, with their licence in LICENSE-DejaVu.txt.
//
// # Caching
//
// [Drawer.Key] hashes everything that determines a card's bytes: the fields
// of the [Card], both fonts, the layout version (bumped whenever the drawing
// code changes its output), the Go toolchain (which owns the PNG encoder) and
// the architecture and x/image version (which own the rasterizer). Same key,
// same PNG: a build may keep the PNG of the previous build when the key is
// unchanged, and may put the key (or a prefix of it) in the image's file
// name so that share caches see a new URL when the card changes.
//
// # Layout
//
// The title is wrapped on spaces and after hyphens, slashes and dashes, at the
// largest size from 72 down to 44 pixels (in steps of 4) at which it fits in
// its box: three lines at 72 pixels, four at 64 and below. A title that does
// not fit at 44 pixels is cut after the fourth line and ends with an
// ellipsis; a word wider than a line is broken between characters. The site
// name, kind and date each take one line and are cut with an ellipsis when
// they are too wide (the kind keeps at least half the line). Empty fields are
// left out, with the rest of the layout unchanged. Each part is clipped to its
// own band, and no glyph reaches more than 4 pixels into the 80-pixel side
// margins.
//
// # Text
//
// Each field is normalized before drawing: only its first 2048 bytes are
// used, it is put in Unicode normalization form NFC (so a decomposed
// "Co\u0302te d'Ivoire" draws as "Côte d'Ivoire"), invalid UTF-8 becomes
// U+FFFD, control characters and runs of white space become one space,
// invisible format characters (zero-width spaces, bidirectional controls,
// soft hyphens) are removed, and no-break spaces are kept as spaces that do
// not wrap. A character missing from the bold font is drawn with the regular
// one; a character missing from both is drawn as the font's missing-glyph
// box, except combining marks, which are left out.
//
// Text is drawn left to right in every language, one glyph per character,
// with the fonts' pairwise kerning and no other shaping. [Card.Lang] is part
// of the key and selects Turkish and Azeri capitalization for the site
// name; right-to-left scripts (Arabic, Hebrew) and scripts that need shaping
// would need a shaper and bidirectional reordering, which this package does
// not do yet.
//
// # Output
//
// Cards are drawn onto a paletted image with a palette of 25 colours (the
// background and eight shades each of the text, muted and accent colours,
// which gives anti-aliased edges), and encoded at png.BestSpeed: a typical
// card takes about 3 ms and 25 kB (9 kB for a one-word title, 32 kB for the densest
// test input), where the default compression level would take three times as long
// to save a quarter of the bytes. All three ink colours meet WCAG AA contrast
// (4.5:1) against the white background.
package card
