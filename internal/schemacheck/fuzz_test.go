package schemacheck_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/rolloutkit/rollout/internal/schemacheck"
	"github.com/rolloutkit/rollout/validation"
)

var fuzzSchemas = []string{
	`{}`, `true`, `false`,
	`{"type":["integer","null"],"minimum":-5,"maximum":1e3,"multipleOf":0.5}`,
	`{"$defs":{"n":{"type":"object","properties":{"k":{"type":"array","items":{"$ref":"#/$defs/n"}}},"required":["k"],"additionalProperties":false}},"$ref":"#/$defs/n"}`,
	`{"patternProperties":{"^[0-9]+$":{"type":"string","minLength":1,"format":"date"}},"additionalProperties":false}`,
	`{"prefixItems":[{"const":1}],"items":{"enum":[1,"a",null]},"uniqueItems":true,"contains":{"type":"string"},"maxContains":2}`,
	`{"oneOf":[{"type":"string","pattern":"^a"},{"type":"null"}],"not":{"const":"ab"},"if":{"type":"string"},"then":{"maxLength":3},"else":{"anyOf":[{"type":"null"}]}}`,
	`{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}`,
	`{"$id":"https://example.com/x","$anchor":"r","properties":{"s":{"$ref":"https://example.com/x#r"}},"dependentRequired":{"a":["b"]},"propertyNames":{"maxLength":2}}`,
}

var fuzzDocs = []string{
	`null`, `1`, `-0.5e-3`, `"2024-02-29"`, `[1,"a",null]`, `{"k":[{"k":[]}]}`, `{"1":"2024-01-01","x":1}`,
	`{"s":{"s":{}},"a":1}`, `[1,1]`, `"ab"`, `{"a":1,"a":2}`, `[[[[[[]]]]]]`, `1e999999`, `"\ud800"`,
}

func FuzzCompile(f *testing.F) {
	for _, s := range fuzzSchemas {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, schema []byte) {
		s, err := schemacheck.Compile(schema)
		if err != nil {
			var se *schemacheck.SchemaError
			if s != nil || !errors.As(err, &se) {
				t.Fatalf("Compile = %v, %v", s, err)
			}
			return
		}
		_ = s.Ignored()
		for _, d := range fuzzDocs {
			checkValidateResult(t, s.Validate([]byte(d)))
		}
	})
}

func FuzzValidate(f *testing.F) {
	for i, s := range fuzzSchemas {
		for _, d := range fuzzDocs {
			f.Add(i, []byte(d))
		}
		_ = s
	}
	compiled := make([]*schemacheck.Schema, 0, len(fuzzSchemas))
	for _, src := range fuzzSchemas {
		if s, err := schemacheck.Compile([]byte(src)); err == nil {
			compiled = append(compiled, s)
		}
	}
	f.Fuzz(func(t *testing.T, which int, doc []byte) {
		if which < 0 {
			which = -which
		}
		// The decoder agrees with encoding/json about what is JSON, apart from
		// the documented extra strictness.
		anyErr := compiled[0].Validate(doc) // the schema {}
		if valid := json.Valid(doc); valid != (anyErr == nil) {
			msg := fmt.Sprint(anyErr)
			if !valid || !(strings.Contains(msg, "duplicate object key") || strings.Contains(msg, "nesting deeper") || strings.Contains(msg, "exponent beyond")) {
				t.Fatalf("json.Valid = %v but Validate against {} = %v", valid, anyErr)
			}
		}
		s := compiled[which%len(compiled)]
		err := s.Validate(doc)
		checkValidateResult(t, err)
		// Validation is deterministic.
		again := s.Validate(doc)
		if (err == nil) != (again == nil) || (err != nil && err.Error() != again.Error()) {
			t.Fatalf("two runs differ: %v / %v", err, again)
		}
	})
}

func checkValidateResult(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var l validation.List
	if !errors.As(err, &l) || len(l) == 0 {
		t.Fatalf("Validate returned %T %v", err, err)
	}
	for _, p := range l {
		if p.Code == "" || p.Message == "" || p.Kind == nil {
			t.Fatalf("incomplete problem %#v", p)
		}
	}
}
