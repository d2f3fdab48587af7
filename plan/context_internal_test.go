package plan

import (
	"testing"

	"github.com/rolloutkit/rollout/validation"
)

// TestDocumentPath: a path into the pool's k-th demand maps to where the
// document holds that demand; an index the pool does not have, and every
// other path, lies under resources.
func TestDocumentPath(t *testing.T) {
	c := &Context{origins: []validation.Path{validation.ParsePath("backlog.tasks[2].demands[0]")}}
	for in, want := range map[string]string{
		"demands[0]":          "backlog.tasks[2].demands[0]",
		"demands[0].quantity": "backlog.tasks[2].demands[0].quantity",
		"demands[1]":          "resources.demands[1]",
		"demands":             "resources.demands",
		"resources[0].name":   "resources.resources[0].name",
	} {
		if got := c.documentPath(validation.ParsePath(in)).String(); got != want {
			t.Errorf("documentPath(%s) = %s, want %s", in, got, want)
		}
	}
}
