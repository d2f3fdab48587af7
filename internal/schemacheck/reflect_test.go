package schemacheck_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/invopop/jsonschema"
	"github.com/rolloutkit/rollout/internal/schemacheck"
)

// The types below exercise what invopop/jsonschema emits: nested structs
// in $defs, slices, fixed arrays, string- and int-keyed maps, time.Time,
// enums, ranges, patterns and formats from jsonschema tags, a nullable
// pointer (oneOf with null) and a recursive type.

type person struct {
	Name  string `json:"name" jsonschema:"minLength=1"`
	Email string `json:"email" jsonschema:"format=email"`
}

type risk struct {
	ID          string    `json:"id" jsonschema:"pattern=^R-[0-9]+$"`
	Title       string    `json:"title" jsonschema:"minLength=1,maxLength=80"`
	Probability int       `json:"probability" jsonschema:"minimum=1,maximum=99"`
	Severity    string    `json:"severity" jsonschema:"enum=low,enum=medium,enum=high"`
	Owner       *person   `json:"owner,omitempty"`
	Tags        []string  `json:"tags,omitempty" jsonschema:"uniqueItems=true"`
	Review      time.Time `json:"review"`
	Cost        float64   `json:"cost,omitzero" jsonschema:"minimum=0"`
}

type task struct {
	ID       string `json:"id"`
	Subtasks []task `json:"subtasks,omitempty"`
}

type register struct {
	Name   string              `json:"name"`
	Risks  []risk              `json:"risks"`
	Owners map[string]person   `json:"owners"`
	ByWeek map[int][]string    `json:"byWeek,omitempty"`
	Root   *task               `json:"root,omitempty"`
	Window [2]int              `json:"window"`
	Note   *string             `json:"note" jsonschema:"nullable"`
	Scores map[string]float64  `json:"scores,omitempty" jsonschema:"title=Scores"`
	Labels map[string][]string `json:"labels,omitempty"`
}

func sampleRegister() register {
	review := time.Date(2026, 11, 27, 6, 0, 0, 0, time.UTC)
	return register{
		Name: "Launch",
		Risks: []risk{
			{ID: "R-1", Title: "Vendor late", Probability: 40, Severity: "high", Review: review,
				Owner: &person{Name: "Ana", Email: "ana@example.com"}, Tags: []string{"vendor", "schedule"}, Cost: 1250.5},
			{ID: "R-2", Title: "Data migration", Probability: 10, Severity: "low", Review: review.Add(90 * time.Minute).In(time.FixedZone("CET", 3600))},
		},
		Owners: map[string]person{"ops": {Name: "Ops", Email: "ops@example.com"}},
		ByWeek: map[int][]string{47: {"R-1"}},
		Root:   &task{ID: "T1", Subtasks: []task{{ID: "T1.1", Subtasks: []task{{ID: "T1.1.1"}}}}},
		Window: [2]int{1, 5},
		Scores: map[string]float64{"a": 0.1},
		Labels: map[string][]string{"x": {"y"}},
	}
}

func reflectSchema(t testing.TB, r *jsonschema.Reflector, v any) *schemacheck.Schema {
	t.Helper()
	b, err := json.Marshal(r.Reflect(v))
	if err != nil {
		t.Fatal(err)
	}
	s, err := schemacheck.Compile(b)
	if err != nil {
		t.Fatalf("Compile(reflected schema): %v\n%s", err, b)
	}
	if ig := s.Ignored(); len(ig) != 0 {
		t.Errorf("Ignored() = %q, want none", ig)
	}
	return s
}

func TestReflectedSchemas(t *testing.T) {
	doc, err := json.Marshal(sampleRegister())
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]*jsonschema.Reflector{
		"default":  {},
		"expanded": {ExpandedStruct: true},
	} {
		s := reflectSchema(t, r, &register{})
		if err := s.Validate(doc); err != nil {
			t.Errorf("%s: marshalled sample does not validate: %v", name, err)
		}
	}
	// The same document with the optional pointer set.
	reg := sampleRegister()
	note := "ok"
	reg.Note = &note
	doc, _ = json.Marshal(reg)
	if err := reflectSchema(t, &jsonschema.Reflector{}, &register{}).Validate(doc); err != nil {
		t.Errorf("sample with note does not validate: %v", err)
	}
}

func TestReflectedSchemaRejectsMutations(t *testing.T) {
	s := reflectSchema(t, &jsonschema.Reflector{}, &register{})
	tests := []struct {
		name   string
		mutate func(d map[string]any)
		want   []problem
	}{
		{"probability out of range", func(d map[string]any) { at(d, "risks", 1).(map[string]any)["probability"] = 120 },
			[]problem{p("maximum", "risks[1].probability")}},
		{"probability fraction", func(d map[string]any) { at(d, "risks", 1).(map[string]any)["probability"] = 1.5 },
			[]problem{p("type", "risks[1].probability")}},
		{"unknown severity", func(d map[string]any) { at(d, "risks", 0).(map[string]any)["severity"] = "extreme" },
			[]problem{p("enum", "risks[0].severity")}},
		{"missing id", func(d map[string]any) { delete(at(d, "risks", 0).(map[string]any), "id") },
			[]problem{p("required", "risks[0].id")}},
		{"bad id pattern", func(d map[string]any) { at(d, "risks", 0).(map[string]any)["id"] = "X-1" },
			[]problem{p("pattern", "risks[0].id")}},
		{"bad review time", func(d map[string]any) { at(d, "risks", 0).(map[string]any)["review"] = "2026-11-27" },
			[]problem{p("format", "risks[0].review")}},
		{"duplicate tag", func(d map[string]any) { at(d, "risks", 0).(map[string]any)["tags"] = []any{"a", "a"} },
			[]problem{p("unique-items", "risks[0].tags[1]")}},
		{"negative cost", func(d map[string]any) { at(d, "risks", 0).(map[string]any)["cost"] = -1 },
			[]problem{p("minimum", "risks[0].cost")}},
		{"owner email in a map", func(d map[string]any) { at(d, "owners", "ops").(map[string]any)["email"] = "nope" },
			[]problem{p("format", `owners["ops"].email`)}},
		{"unknown field in a map value", func(d map[string]any) { at(d, "owners", "ops").(map[string]any)["phone"] = "1" },
			[]problem{p("additional-property", `owners["ops"].phone`)}},
		{"non-integer map key", func(d map[string]any) { at(d, "byWeek").(map[string]any)["w1"] = []any{} },
			[]problem{p("additional-property", "byWeek.w1")}},
		{"int-keyed map value", func(d map[string]any) { at(d, "byWeek").(map[string]any)["47"] = []any{1} },
			[]problem{p("type", `byWeek["47"][0]`)}},
		{"deep recursive", func(d map[string]any) { at(d, "root", "subtasks", 0, "subtasks", 0).(map[string]any)["id"] = 5 },
			[]problem{p("type", "root.subtasks[0].subtasks[0].id")}},
		{"array too long", func(d map[string]any) { d["window"] = []any{1, 2, 3} },
			[]problem{p("max-items", "window")}},
		{"nullable wrong type", func(d map[string]any) { d["note"] = 5 },
			[]problem{p("one-of", "note")}},
		{"null slice", func(d map[string]any) { d["risks"] = nil },
			[]problem{p("type", "risks")}},
		{"missing required and unknown top-level", func(d map[string]any) { delete(d, "name"); d["extra"] = true },
			[]problem{p("required", "name"), p("additional-property", "extra")}},
		{"float map value", func(d map[string]any) { at(d, "scores").(map[string]any)["b"] = "x" },
			[]problem{p("type", `scores["b"]`)}},
	}
	base, err := json.Marshal(sampleRegister())
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d map[string]any
			if err := json.Unmarshal(base, &d); err != nil {
				t.Fatal(err)
			}
			tt.mutate(d)
			doc, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			got := problemsOf(t, s.Validate(doc))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// at walks a decoded JSON document by member names and indexes.
func at(d any, steps ...any) any {
	for _, s := range steps {
		switch k := s.(type) {
		case string:
			d = d.(map[string]any)[k]
		case int:
			d = d.([]any)[k]
		}
	}
	return d
}

func TestReflectedSchemaText(t *testing.T) {
	// Guard the assumptions this package makes about invopop's output.
	b, err := json.Marshal((&jsonschema.Reflector{}).Reflect(&register{}))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"$schema":"https://json-schema.org/draft/2020-12/schema"`, `"$ref":"#/$defs/register"`, `"$defs"`, `"patternProperties"`, `"format":"date-time"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("reflected schema lacks %s:\n%s", want, b)
		}
	}
}
