package backlog

import (
	"testing"

	"github.com/rolloutkit/rollout/lifecycle"
)

func TestDefaultTemplatesValid(t *testing.T) {
	ts := DefaultTemplates()
	for _, tp := range ts.All() {
		if err := tp.Validate(); err != nil {
			t.Errorf("%s: %v", tp.Category, err)
		}
	}
	for _, c := range DefaultCatalogue().Categories() {
		if _, ok := ts.Lookup(c); !ok {
			t.Errorf("no template for %s", c)
		}
	}
	var b Backlog
	if err := b.AddRequirement(Requirement{ID: "R1", Title: "Sales", Category: CategorySalesTraining, Timing: Before(5)}, lifecycle.Change{}); err != nil {
		t.Fatal(err)
	}
	exp, err := ts.Expand(&b, ExpandOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(exp.Added)
	if err := b.Validate(); err != nil {
		t.Fatal(err)
	}
}
