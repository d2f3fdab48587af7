package resource_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/validation"
)

func TestJSONRoundTrip(t *testing.T) {
	p := fixture(t)
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var back resource.Pool
	if err := resource.Decode(b, &back); err != nil {
		t.Fatalf("Decode: %v\n%s", err, b)
	}
	if diff := cmp.Diff(p, &back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	// Exactness of amounts and stability of the encoding.
	b2, _ := json.Marshal(&back)
	if string(b) != string(b2) {
		t.Error("re-encoding differs")
	}
	for _, frag := range []string{`"money":"EUR 5000.00"`, `"state":"committed"`, `"unit":"hours"`, `"kind":"person"`, `"per":"hour"`, `"to":"under-negotiation"`} {
		if !strings.Contains(string(b), frag) {
			t.Errorf("encoding lacks %s", frag)
		}
	}
}

func TestDecodeStrict(t *testing.T) {
	tests := []struct {
		name, doc, path string
		code            validation.Code
	}{
		{"unknown field", `{"resources":[{"id":"a","name":"A","kind":"person","colour":"red"}]}`, "resources[0].colour", "json.unknown-field"},
		{"bad kind", `{"resources":[{"id":"a","name":"A","kind":"robot"}]}`, "resources[0].kind", "json.value"},
		{"float money", `{"demands":[{"id":"D","kind":"money","quantity":{"unit":"money","money":12.5}}]}`, "demands[0].quantity.money", "json.value"},
		{"bad currency", `{"budget":{"currency":"XXX"}}`, "budget.currency", "json.value"},
		{"bad state", `{"commitments":[{"id":"C","demandId":"D","state":"approved","terms":{"quantity":{"unit":"hours","value":1}}}]}`, "commitments[0].state", "json.value"},
		{"trailing", `{} {}`, "", "json.trailing-data"},
		{"invalid content", `{"resources":[{"id":"a","name":"A","kind":"facility"}]}`, "resources[0].capacity", resource.CodeResourceCapacity},
	}
	for _, tt := range tests {
		p := fixture(t)
		before, _ := json.Marshal(p)
		err := resource.Decode([]byte(tt.doc), p)
		var l validation.List
		if !errors.As(err, &l) || len(l) == 0 {
			t.Errorf("%s: error %v is not a validation.List", tt.name, err)
			continue
		}
		if l[0].Path.String() != tt.path || l[0].Code != tt.code {
			t.Errorf("%s: first problem %s [%s], want %s [%s]", tt.name, l[0].Path, l[0].Code, tt.path, tt.code)
		}
		after, _ := json.Marshal(p)
		if string(before) != string(after) {
			t.Errorf("%s: failed Decode changed the pool", tt.name)
		}
	}
	if err := resource.Decode([]byte(`{}`), nil); err == nil {
		t.Error("nil pool accepted")
	}
}
