package config

import (
	"strings"
	"testing"
)

func TestSeries(t *testing.T) {
	c, err := Parse("site.yaml", []byte(minimal+`series:
  - {key: policy-briefs, title: Policy Briefs, pattern: "Policy Brief No. {n}"}
  - {key: working-papers, title: Working Papers}
`))
	if err != nil {
		t.Fatal(err)
	}
	s, ok := c.LookupSeries("policy-briefs")
	if !ok || s.Label(12) != "Policy Brief No. 12" {
		t.Errorf("LookupSeries(policy-briefs) = %+v, %v; want Label(12) = Policy Brief No. 12", s, ok)
	}
	if s, ok := c.LookupSeries("working-papers"); !ok || s.Label(3) != "Working Papers No. 3" {
		t.Errorf("default pattern: Label(3) = %q; want Working Papers No. 3", s.Label(3))
	}
	if _, ok := c.LookupSeries("reports"); ok {
		t.Error("LookupSeries found a series site.yaml does not define")
	}
}

func TestSeriesErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"key", "series: [{key: Policy Briefs, title: P}]\n", `site.yaml:7:10: series key must be lower-case words joined by hyphens`},
		{"twice", "series: [{key: pb, title: P}, {key: pb, title: Q}]\n", `site.yaml:7:31: series "pb" is defined twice`},
		{"title", "series: [{key: pb}]\n", `site.yaml:7:10: series "pb" needs a title`},
		{"pattern", "series: [{key: pb, title: P, pattern: Policy Brief No.}]\n", `site.yaml:7:39: pattern "Policy Brief No." must say where the number goes with {n}`},
		{"typo", "series: [{key: pb, title: P, patern: x}]\n", `site.yaml:7:30: unknown series field "patern" (did you mean "pattern"?)`},
	}
	for _, tt := range tests {
		_, err := Parse("site.yaml", []byte(minimal+tt.src))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: Parse = %v; want %q", tt.name, err, tt.want)
		}
	}
}
