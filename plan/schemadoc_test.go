package plan_test

import (
	"bytes"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/rolloutkit/rollout/plan"
)

// planSchema is plan/schema.json compiled once for the whole test binary
// by a maintained JSON Schema validator (santhosh-tekuri/jsonschema, used
// in tests only), with formats such as "date" asserted.
var planSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(plan.JSONSchema()))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(plan.SchemaID, doc); err != nil {
		return nil, err
	}
	return c.Compile(plan.SchemaID)
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
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return err
	}
	return s.Validate(inst)
}
