// Package card draws share cards: the 1200×630 PNG images that Open Graph
// and Twitter show when a publication's URL is shared.
//
// A card shows the site name at the top (bold capitals, muted), after the
// organisation's logo when there is one, a thin accent rule, the publication
// title large and bold, and at the bottom the kind of publication and its date,
// with the publication's cover in a panel on the right when it has one:
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
//	png, err := d.Draw(card.Card{Title: p.Title, Kind: "Policy brief", Date: "15 March 2022", SiteName: site.Title, Lang: "en"})
//
// The default theme ships the fonts as themes/default/fonts/DejaVuSans.ttf and
// DejaVuSans-Bold.ttf, with their licence in LICENSE-DejaVu.txt.
//
// # Caching
//
// [Drawer.Key] hashes everything that determines a card's bytes: the fields
// of the [Card] (the SHA-256 of the cover's and the logo's bytes: for an SVG logo,
// those of the PNG SVGLogo drew, so that a change to package svg's drawing makes new
// keys by itself), both fonts,
// the layout version (bumped whenever the drawing code changes its output), the
// Go toolchain (which owns the PNG encoder and the image decoders) and the
// architecture and x/image version (which own the rasterizer and the scaler).
// The shaper's version is not in the key: the module's go.sum pins it, and a
// change of it must bump the layout version. Same key,
// same PNG: a build may keep the PNG of the previous build when the key is
// unchanged, and may put the key (or a prefix of it) in the image's file
// name so that share caches see a new URL when the card changes.
//
// # Layout
//
// The text is set in a column 1040 pixels wide between 80-pixel margins, or,
// beside a cover, 616 pixels wide: the cover fills a panel 440 pixels wide and
// the card's height above the bottom band, scaled (Catmull-Rom, after halving
// with a bilinear filter while it is more than twice the size) and cropped
// around its centre to the panel's proportions. The logo, a PNG, is drawn 60
// pixels high (or narrower, at most 300 pixels wide) at the start of the site
// name's line, which moves over for it; a card without one shows the name alone.
// [Drawer.SVGLogo] makes an SVG logo that PNG, drawn with package svg at exactly the
// box's size, so that it goes onto the card pixel for pixel, not scaled; its text is
// set in the card's fonts through the shaper, every generic font family (sans-serif,
// system-ui, serif…) drawn with the card's sans-serif face, a weight of 600 or more
// with the bold one. An SVG that uses what package svg does not draw (a gradient, a
// clipping path, a named font only) is an error, for the caller to leave the logo out.
//
// The title is wrapped on spaces and after hyphens, slashes and dashes, at the
// largest size from 72 down to 44 pixels (in steps of 4) at which it fits in
// its column: three lines at 72 pixels, four at 64 and below. A title that does
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
// # Directions and shaping
//
// A card is laid out right to left, mirrored (lines, the rule, the footer and
// the logo against the right margin, the cover on the left), when [Card.Lang]
// is a language written right to left (its likely script is Arabic, Hebrew,
// Syriac, Thaana, N'Ko and the like: "ar", "fa", "he", "ur", "ku-Arab"), or
// when the title has more letters of those scripts than of others. A field of
// such a card with right-to-left letters is a right-to-left paragraph; one
// without ("15 March 2022", an English site name) stays left to right, only
// aligned to the right, as a browser shows it with dir="auto".
//
// A field with a character of a script whose letters join or change form
// (Arabic, Hebrew, Syriac, Thaana, N'Ko, the Brahmic scripts of India and
// South-East Asia, Tibetan, Mongolian), and every right-to-left paragraph, is
// shaped with HarfBuzz's algorithm (github.com/go-text/typesetting): letters
// take their joined forms and ligatures, the Unicode bidirectional algorithm
// orders its runs, so that an acronym ("UNIFIL") or digits ("2024", "٢٠٢٤") in
// an Arabic line stay left to right within it, and a glyph missing from the
// bold font is taken from the regular one. Lines are broken in logical order at
// the same places as other text, then each line is ordered and shaped on its
// own. Shaped text has no letter spacing, which would break the joins. (DejaVu
// Sans has Arabic and Hebrew but not the Brahmic scripts, whose characters draw
// as missing-glyph boxes.)
//
// Other text is drawn one glyph per character with the fonts' pairwise
// kerning, without the shaper's allocations. [Card.Lang] is part of the key;
// it also selects Turkish and Azeri capitalization for the site name and
// language-specific forms in the shaper.
//
// # Output
//
// Cards are drawn onto a paletted image with a palette of 25 colours (the
// background and eight shades each of the text, muted and accent colours,
// which gives anti-aliased edges), and encoded at png.BestSpeed: a typical
// card takes about 3 ms and 25 kB (9 kB for a one-word title, 32 kB for the densest
// test input), where the default compression level would take three times as long
// to save a quarter of the bytes. A card with a cover or a logo needs their
// colours: it is drawn the same way, then copied to an opaque RGB image that
// the cover and logo are drawn onto, and takes about a tenth of a second and,
// with a photograph, some 450 kB. The card is a new PNG: nothing of the cover's
// or the logo's metadata is in it. All three ink colours meet WCAG AA contrast
// (4.5:1) against the white background, on which all text is set.
package card
