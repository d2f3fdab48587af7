package plan

import (
	_ "embed"
	"encoding/json"
	"slices"
)

//go:generate go run ./internal/schemagen -o schema.json

//go:embed schema.json
var schemaJSON []byte

// SchemaID is the $id of the plan document's JSON Schema.
const SchemaID = "https://github.com/rolloutkit/rollout/plan/schema.json"

// JSONSchema returns the JSON Schema (draft 2020-12) of a plan document, as
// generated from the Go types with their doc comments as descriptions.
// The schema is generated at development time by the program in
// plan/internal/schemagen (go generate ./plan) and committed as
// schema.json beside this file; a test fails when it is stale. Each call
// returns a fresh copy.
func JSONSchema() json.RawMessage { return slices.Clone(schemaJSON) }
