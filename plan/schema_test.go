package plan

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

// generateSchema builds the schema of Plan with doc comments read from the
// source tree; it must run from the module root.
func generateSchema() ([]byte, error) {
	r := NewSchemaReflector()
	if err := r.AddGoComments("github.com/rolloutkit/rollout", "./"); err != nil {
		return nil, err
	}
	s := r.Reflect(&Plan{})
	s.ID = SchemaID
	s.Title = "rollout plan document"
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// TestJSONSchemaUpToDate fails when schema.json no longer matches the Go
// types. Regenerate with: go generate ./plan
func TestJSONSchemaUpToDate(t *testing.T) {
	t.Chdir("..")
	got, err := generateSchema()
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("ROLLOUT_UPDATE_SCHEMA") == "1" {
		if err := os.WriteFile("plan/schema.json", got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(got, JSONSchema()) {
		t.Fatal("plan/schema.json is stale: run `go generate ./plan` and commit the result")
	}
}
