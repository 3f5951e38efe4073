package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestPositionString(t *testing.T) {
	tests := []struct {
		pos  Position
		want string
	}{
		{Position{File: "a.md"}, "a.md"},
		{Position{File: "a.md", Line: 3}, "a.md:3"},
		{Position{File: "a.md", Line: 3, Col: 7}, "a.md:3:7"},
	}
	for _, tt := range tests {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v.String() = %q; want %q", tt.pos, got, tt.want)
		}
	}
}

func TestListSortAndFlatten(t *testing.T) {
	var inner List
	inner.Errorf(Position{File: "b.md", Line: 2, Col: 1}, "second")
	var l List
	l.Errorf(Position{File: "b.md", Line: 10, Col: 1}, "third")
	l.Add(inner)
	l.Warnf(Position{File: "a.md", Line: 5}, "careful")
	l.Add(fmt.Errorf("wrapped: %w", Errorf(Position{File: "a.md", Line: 1, Col: 2}, "first")))
	l.Sort()
	want := "a.md:1:2: first\na.md:5: warning: careful\nb.md:2:1: second\nb.md:10:1: third"
	if got := l.Error(); got != want {
		t.Errorf("sorted list =\n%s\nwant\n%s", got, want)
	}
	if !l.HasErrors() || len(l.Errors()) != 3 || len(l.Warnings()) != 1 {
		t.Errorf("HasErrors/Errors/Warnings wrong for %v", l)
	}
	var only List
	only.Warnf(Position{}, "just a warning")
	if only.Err() != nil {
		t.Errorf("a list of warnings only must not be an error")
	}
	var e *Error
	if !errors.As(l.Err(), &e) && l.Err() == nil {
		t.Errorf("Err() = nil for a list with errors")
	}
}
