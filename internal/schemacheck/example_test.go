package schemacheck_test

import (
	"errors"
	"fmt"

	"github.com/rolloutkit/rollout/internal/schemacheck"
	"github.com/rolloutkit/rollout/validation"
)

func Example() {
	schema, err := schemacheck.Compile([]byte(`{
		"$schema": "https://json-schema.org/draft/2020-12/schema",
		"$ref": "#/$defs/Register",
		"$defs": {
			"Register": {
				"type": "object",
				"properties": {"risks": {"type": "array", "items": {"$ref": "#/$defs/Risk"}}},
				"required": ["risks"],
				"additionalProperties": false
			},
			"Risk": {
				"type": "object",
				"properties": {
					"id": {"type": "string"},
					"probability": {"type": "integer", "minimum": 1, "maximum": 99},
					"owners": {"type": "object", "additionalProperties": {"type": "string", "format": "email"}}
				},
				"required": ["id", "probability"],
				"additionalProperties": false
			}
		}
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	err = schema.Validate([]byte(`{"risks": [
		{"id": "R-1", "probability": 40},
		{"id": "R-2", "probability": 120, "owners": {"ops": "not-an-address"}},
		{"probability": 5, "impact": 3}
	]}`))
	var problems validation.List
	errors.As(err, &problems)
	for _, p := range problems {
		fmt.Println(p.Code, p.Path)
	}
	// Output:
	// schema.maximum risks[1].probability
	// schema.format risks[1].owners["ops"]
	// schema.required risks[2].id
	// schema.additional-property risks[2].impact
}

func ExampleCompile_errors() {
	_, err := schemacheck.Compile([]byte(`{"properties": {"owner": {"$ref": "#/$defs/Person"}}}`))
	fmt.Println(errors.Is(err, schemacheck.ErrUnresolvedRef))
	fmt.Println(err)
	_, err = schemacheck.Compile([]byte(`{"pattern": "^(?!x)"}`))
	fmt.Println(errors.Is(err, schemacheck.ErrMalformedSchema))
	// Output:
	// true
	// schemacheck: unresolvable $ref at #/properties/owner: "#/$defs/Person": nothing at #/$defs
	// true
}

func ExampleSchema_Ignored() {
	schema, _ := schemacheck.Compile([]byte(`{"properties": {"host": {"type": "string", "format": "hostname", "x-order": 1}}}`))
	fmt.Println(schema.Ignored())
	// Output:
	// [#/properties/host: format "hostname" #/properties/host: x-order]
}
