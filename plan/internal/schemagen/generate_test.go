package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolloutkit/rollout/plan"
)

// TestSchemaUpToDate fails when plan/schema.json (embedded as
// plan.JSONSchema) no longer matches the Go types. Regenerate with:
// go generate ./plan
func TestSchemaUpToDate(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	got, err := generate(root)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, plan.JSONSchema()) {
		t.Fatal("plan/schema.json is stale: run `go generate ./plan` and commit the result")
	}
	onDisk, err := os.ReadFile(filepath.Join(root, "plan", "schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(onDisk, plan.JSONSchema()) {
		t.Fatal("the embedded schema differs from plan/schema.json")
	}
}

// TestSchemaDescribesEnumerations checks that the types described by the
// generator rather than reflected appear with their values.
func TestSchemaDescribesEnumerations(t *testing.T) {
	b := string(plan.JSONSchema())
	for _, frag := range []string{
		`"enum": [
        "person",
        "facility",
        "equipment",
        "money"
      ]`,
		`"under-negotiation"`,
		`"pattern": "^([A-Z]{3} -?[0-9]+(\\.[0-9]+)?)?$"`,
		`"resource.Category": {`,
		`"money.Currency": {`,
	} {
		if !strings.Contains(b, frag) {
			t.Errorf("schema lacks %s", frag)
		}
	}
}
