package main

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
)

// The GitHub Actions workflow of docs/deploy.md is docs/deploy/publish.yml, word for
// word, and actionlint finds nothing wrong with it: its syntax, the events and their
// cron line, the permissions, the expressions and the actions' inputs.
func TestDeployWorkflow(t *testing.T) {
	const file = "../../docs/deploy/publish.yml"
	wf, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../../docs/deploy.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "```yaml\n"+string(wf)+"```\n") {
		t.Errorf("docs/deploy.md does not show docs/deploy/publish.yml as it is, in a ```yaml block")
	}
	l, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.Lint("docs/deploy/publish.yml", wf, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("%s:%d:%d: %s [%s]", e.Filepath, e.Line, e.Column, e.Message, e.Kind)
	}
	if !strings.Contains(string(wf), "folio check --dest public --strict") {
		t.Errorf("the workflow does not check the site with --strict before publishing it")
	}
}
