// Package diag holds the one diagnostic type every stage of folio reports: a message
// anchored to a position in a source file, printed as "path:line:col: message".
//
// Positions are data from the start: a stage that knows where something went wrong
// builds an Error with that Position; nothing parses positions back out of text.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// A Position is a place in a site source file.
type Position struct {
	File      string // slash-separated, relative to the site root
	Line, Col int    // 1-based; 0 means unknown
}

// String formats p as "file:line:col", dropping unknown parts.
func (p Position) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity tells whether a diagnostic fails the build.
type Severity int

const (
	SevError Severity = iota
	SevWarning
)

// An Error is a problem at a position in a source file.
type Error struct {
	Pos      Position
	Err      error
	Severity Severity
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Pos.File != "" {
		b.WriteString(e.Pos.String())
		b.WriteString(": ")
	}
	if e.Severity == SevWarning {
		b.WriteString("warning: ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an error at pos with a formatted message.
func Errorf(pos Position, format string, args ...any) *Error {
	return &Error{Pos: pos, Err: fmt.Errorf(format, args...)}
}

// Warnf returns a warning at pos with a formatted message.
func Warnf(pos Position, format string, args ...any) *Error {
	return &Error{Pos: pos, Err: fmt.Errorf(format, args...), Severity: SevWarning}
}

// A List collects the diagnostics of a run so that every problem is reported at once
// instead of stopping at the first.
type List []*Error

// Add appends err to l. An err that is already an *Error keeps its position; a List is
// flattened; any other error is recorded without a position.
func (l *List) Add(err error) {
	if err == nil {
		return
	}
	var list List
	if errors.As(err, &list) {
		*l = append(*l, list...)
		return
	}
	var e *Error
	if errors.As(err, &e) {
		*l = append(*l, e)
		return
	}
	*l = append(*l, &Error{Err: err})
}

// Errorf adds an error at pos.
func (l *List) Errorf(pos Position, format string, args ...any) {
	*l = append(*l, Errorf(pos, format, args...))
}

// Warnf adds a warning at pos.
func (l *List) Warnf(pos Position, format string, args ...any) {
	*l = append(*l, Warnf(pos, format, args...))
}

// HasErrors reports whether l holds anything more severe than a warning.
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(e *Error) bool { return e.Severity == SevError })
}

// Errors returns the entries of l that are errors, without the warnings.
func (l List) Errors() List {
	return slices.DeleteFunc(slices.Clone(l), func(e *Error) bool { return e.Severity != SevError })
}

// Warnings returns the entries of l that are warnings.
func (l List) Warnings() List {
	return slices.DeleteFunc(slices.Clone(l), func(e *Error) bool { return e.Severity != SevWarning })
}

// Sort orders l by file, line, column and message, so output does not depend on the
// order in which parallel work finished.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Err.Error(), b.Err.Error()),
		)
	})
}

// Err returns l as an error when it holds errors, nil otherwise.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return l
}

// Error prints one diagnostic per line.
func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}
