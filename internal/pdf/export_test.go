package pdf

// NeedBrowser is needBrowser for the external test package, whose benchmark builds the
// sample site with package build: build imports this package (through imagemeta), so
// that benchmark cannot live in package pdf.
var NeedBrowser = needBrowser
