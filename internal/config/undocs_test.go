package config

import (
	"strings"
	"testing"
)

func TestUNDocuments(t *testing.T) {
	for _, tt := range []struct {
		extra string
		want  bool
	}{{"", true}, {"un_documents: true\n", true}, {"un_documents: false\n", false}} {
		c, err := Parse("site.yaml", []byte(minimal+tt.extra))
		if err != nil {
			t.Fatal(err)
		}
		if c.UNDocuments != tt.want {
			t.Errorf("Parse(%q).UNDocuments = %v; want %v", tt.extra, c.UNDocuments, tt.want)
		}
	}
	_, err := Parse("site.yaml", []byte(minimal+"un_documents: sometimes\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "site.yaml:7:15: ") {
		t.Errorf("un_documents: sometimes: %v; want an error at site.yaml:7:15", err)
	}
}
