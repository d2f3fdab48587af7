package risk_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/invopop/jsonschema"
	"github.com/rolloutkit/rollout/risk"
)

func TestJSONSchema(t *testing.T) {
	r := jsonschema.Reflector{}
	s := r.Reflect(&risk.Log{})
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Defs map[string]struct {
			Properties map[string]map[string]any `json:"properties"`
			Required   []string                  `json:"required"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	rk, ok := doc.Defs["Risk"]
	if !ok {
		t.Fatalf("no Risk definition in %s", data)
	}
	checks := []struct {
		field, key string
		want       any
	}{
		{"probability", "minimum", 1.0},
		{"probability", "maximum", 99.0},
		{"impact", "maximum", 5.0},
		{"kind", "enum", []any{"threat", "opportunity"}},
		{"response", "enum", []any{"avoid", "reduce", "transfer", "accept", "fallback", "share", "exploit", "enhance"}},
		{"state", "enum", []any{"Proposed", "Active", "Resolved", "Closed"}},
		{"proximity", "type", "string"},
		{"scheduleImpactWorkdays", "minimum", 0.0},
	}
	for _, c := range checks {
		if diff := cmp.Diff(c.want, rk.Properties[c.field][c.key]); diff != "" {
			t.Errorf("Risk.%s.%s (-want +got):\n%s", c.field, c.key, diff)
		}
	}
	if diff := cmp.Diff(4.0, doc.Defs["Issue"].Properties["priority"]["maximum"]); diff != "" {
		t.Errorf("Issue.priority.maximum (-want +got):\n%s", diff)
	}
	if _, ok := doc.Defs["LogDocument"]; !ok {
		t.Errorf("no LogDocument definition")
	}
}
