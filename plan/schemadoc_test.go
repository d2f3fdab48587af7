package plan_test

import (
	"sync"
	"testing"

	"github.com/rolloutkit/rollout/internal/schemacheck"
	"github.com/rolloutkit/rollout/plan"
)

// planSchema is plan/schema.json compiled once for the whole test binary.
var planSchema = sync.OnceValues(func() (*schemacheck.Schema, error) {
	return schemacheck.Compile(plan.JSONSchema())
})

// schemaProblems validates doc against plan/schema.json and returns what
// is wrong, or nil. It is the one place the plan's tests call a JSON
// Schema validator, so that the validator can be swapped.
func schemaProblems(t testing.TB, doc []byte) error {
	t.Helper()
	s, err := planSchema()
	if err != nil {
		t.Fatalf("compiling plan/schema.json: %v", err)
	}
	return s.Validate(doc)
}
