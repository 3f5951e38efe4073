// Package svg draws the static SVG images that logos are: what Illustrator and
// Inkscape export for a logo made of shapes and text. It draws what it supports as
// browsers do, and reports what it does not support instead of drawing something
// else: a caller can then leave the image out and say why.
//
// # Use
//
//	im, err := svg.Parse(data)          // *svg.UnsupportedError, *svg.SyntaxError, or an XML error
//	img, err := im.Draw(52, 60, fonts)  // a transparent *image.RGBA, the image stretched to fill it
//
// [Image.Width] and [Image.Height] are the size the document asks for (its width and
// height, else its viewBox's), for the caller to pick a size in the same proportions.
// Package card draws share-card logos with it (card.Drawer.SVGLogo), setting the text
// in the card's fonts.
//
// # What is drawn
//
//   - Elements: <path> (every command, arcs included), <rect> (with rounded corners),
//     <circle>, <ellipse>, <line>, <polyline>, <polygon>, <g> and <a>, <text> with
//     <tspan>, and <switch>, of which the first child that requires no extension is
//     drawn (Illustrator's editing data is skipped, its artwork drawn).
//   - The root <svg>'s width and height (px, pt, pc, mm, cm, in; a percentage or auto
//     is left out), viewBox and preserveAspectRatio. A width or height of 0 or less,
//     or that is not a length, and a viewBox without area are a [SyntaxError]; a
//     size, as given or made from the viewBox, outside 0.001 to 1,000,000 pixels is
//     unsupported.
//   - transform: matrix, translate, scale, rotate (about a point too), skewX, skewY,
//     on groups, shapes and <text>.
//   - Styles from presentation attributes, a <style> sheet whose rules select element
//     names, classes and ids (.st0, as Illustrator writes them), and style attributes,
//     in that order of precedence; inherited as CSS inherits them; "inherit". Lengths
//     in em are of the element's own font-size, wherever it is declared.
//   - fill and stroke: none, currentColor (the color property, black by default),
//     #rgb, #rgba, #rrggbb, #rrggbbaa, rgb(), rgba() and the named colours of CSS;
//     fill-opacity, stroke-opacity, fill-rule (nonzero, evenodd), stroke-width,
//     stroke-linejoin (miter, with stroke-miterlimit, round, bevel), stroke-linecap
//     (butt, round, square), paint-order; opacity on groups, shapes and <text> (the
//     element drawn apart, then blended); display: none; visibility: hidden. A
//     zero-length subpath with a segment ("M5 5 L5 5", "M5 5 z") has round or square
//     caps, a dot; a lone moveto (a polyline of one point too) draws nothing, as in
//     browsers.
//   - Text: x and y (one value each), dx and dy, text-anchor (start, middle, end,
//     for each text chunk), letter-spacing (after every character, the last too, as
//     browsers do), font-size (px, pt, em, %, medium and the other keywords; a
//     negative one is a [SyntaxError]), font-weight (bold, bolder, or 600 and more is
//     the bold face), white space as xml:space says (white-space: pre, pre-wrap and
//     break-spaces preserve it too). The text is set by the [Fonts] Draw is given, in
//     its one sans-serif face, regular or bold: every generic family (sans-serif,
//     serif, system-ui, monospace…) is drawn with it, and a font-family list must
//     name one, since a named font alone ("Montserrat") says the logo needs that
//     font. When the fonts cannot set a text (a character they have not got), Draw
//     returns their error, an [UnsupportedError] given the text's line.
//
// Properties that change nothing this package draws are left out: rendering hints
// (shape-rendering, text-rendering, image-rendering, color-rendering), what only
// gradients, clipping paths, filters, dashes, flowed or vertical text use
// (stop-color, clip-rule, stroke-dashoffset, line-height, shape-inside…),
// enable-background, Inkscape's own (-inkscape-*), custom properties (--*), and
// properties at values that draw as their absence (isolation: auto, mix-blend-mode:
// normal, font-stretch: normal, font-variant and its longhands: normal,
// writing-mode: horizontal-tb, stroke-dasharray: none…). Every other property, or
// value, is unsupported, so that it is reported rather than drawn wrong.
//
// What is only referred to, and not used (a gradient in <defs> that nothing fills
// with), is left alone, and so are <title>, <desc>, <metadata>, elements of other
// namespaces (an editor's own), and what browsers do not draw either: Inkscape's
// <flowRoot>, and its shape-inside and inline-size (its text keeps the positions of
// each line, which browsers use).
//
// # What is not drawn
//
// An [UnsupportedError] names the first of these the document uses, and the line
// it is on: gradients, patterns, clipping paths, masks, filters and markers (when a
// fill, stroke, clip-path, mask, filter or marker property refers to them), <use>,
// <image>, <foreignObject>, systemLanguage, a nested <svg>, animation, dashed strokes,
// non-scaling strokes, lengths in percent (but the root's width and height), italic,
// small-capital and condensed text, text in a named font only, text positioned
// character by character (several x or y values, rotate, textLength), <textPath>,
// vertical and right-to-left text direction, baseline shifts, text decoration and
// text-transform, font features and variations, white-space: pre-line, the font
// shorthand, blend modes, transform and transform-origin in CSS, any property not
// listed above, CSS selectors with combinators, attributes or pseudo-classes, and
// @-rules in a <style> sheet. A value SVG does not allow (bad path data, an unknown
// colour) is a [SyntaxError].
//
// # Drawing
//
// Curves are flattened to within 1/20 of a pixel and filled by the signed area each
// pixel's square is covered with (the algorithm of font-rs and
// golang.org/x/image/vector, written out here because that package has no even-odd
// rule). A stroke is the union of a quadrilateral along each flattened segment, its
// joins and its caps, made in user space, so that a transform stretches it as a
// browser does, and filled with the nonzero rule. Paint is blended onto the image with
// image/draw, premultiplied, within the rectangle the shape covers; an opacity layer
// is blended, and cleared for the next, within the rectangle drawn on it. The same
// document, size and fonts draw the same pixels on the same architecture: nothing
// depends on map order, time or the machine's fonts.
//
// Files are the site's own, but not trusted: documents of more than 100,000 elements
// or nested 256 deep, <style> sheets whose rules take more than about a million
// tests and declarations to apply (an element is tested only against the rules that
// name its id, a class of it, its element name, or none), outlines of more than four
// million points (the points of strokes, with their joins and caps, included), and
// opacity nested so deep that its layers and the image would hold more than 64
// million pixels together (three layers deep at the largest image Draw draws, of 16
// million pixels) are refused; coordinates far outside the image are clamped.
package svg
