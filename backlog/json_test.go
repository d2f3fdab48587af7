package backlog_test

import (
	"bytes"
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/invopop/jsonschema"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/workitem"
	validator "github.com/santhosh-tekuri/jsonschema/v6"
)

func TestJSONRoundTrip(t *testing.T) {
	b := salesBacklog(t)
	if _, err := backlog.DefaultTemplates().Expand(b, backlog.ExpandOptions{Change: testChange, Release: date("2027-03-10")}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Transition("R1", workitem.Active, lifecycle.Change{At: testAt, By: "rm"}); err != nil {
		t.Fatal(err)
	}
	if err := b.Remove("R2/follow-up", lifecycle.Change{At: testAt, By: "rm", Note: "no leads"}); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	back, err := backlog.Decode(data, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(b.Document(), back.Document()); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	for _, s := range []string{`"type":"finish-to-start"`, `"kind":"before-launch"`, `"state":"Active"`, `"lag":-2`, `"suppressed":[{"task":"R2/follow-up"`} {
		if s == `"type":"finish-to-start"` {
			if strings.Contains(string(data), s) {
				t.Errorf("zero dependency type written: %s", s)
			}
			continue
		}
		if !strings.Contains(string(data), s) {
			t.Errorf("JSON lacks %s", s)
		}
	}
	var empty backlog.Backlog
	data, _ = json.Marshal(&empty)
	if string(data) != `{"requirements":[],"tasks":[],"events":[]}` {
		t.Errorf("empty backlog: %s", data)
	}
}

func TestStrictDecoding(t *testing.T) {
	tests := []struct {
		doc  string
		want string
	}{
		{`{"requirements":[],"tasks":[{"id":"T1","title":"x","estimate":{"mostLikely":1},"state":"Proposed","reason":"New","colour":"red"}],"events":[]}`,
			"json.unknown-field@tasks[0].colour"},
		{`{"requirements":[],"tasks":[{"id":"T1","title":"x","estimate":{"mostLikely":"two"},"state":"Proposed","reason":"New"}],"events":[]}`,
			"json.type@tasks[0].estimate.mostLikely"},
		{`{"requirements":[],"tasks":[{"id":"T1","title":"x","estimate":{"mostLikely":1},"dependencies":[{"task":"T0","type":"FX"}],"state":"Proposed","reason":"New"}],"events":[]}`,
			"json.value@tasks[0].dependencies[0].type"},
		{`{"requirements":[{"id":"R1","title":"x","category":"cutover","timing":{"kind":"someday"},"state":"Proposed","reason":"New"}],"tasks":[],"events":[]}`,
			"json.value@requirements[0].timing.kind"},
		{`{"requirements":[],"tasks":[{"id":"T1","title":"x","estimate":{"mostLikely":1},"state":"Done","reason":"New"}],"events":[]}`,
			"json.value@tasks[0].state"},
		{`{"requirements":[],"tasks":[{"id":"T1","title":"x","estimate":{"mostLikely":3,"optimistic":4},"state":"Proposed","reason":"New"}],"events":[]}`,
			"backlog.task.estimate.order@tasks[0].estimate.optimistic"},
		{`{"requirements":[],"tasks":[],"events":[]} {}`, "json.trailing-data@"},
	}
	for _, tt := range tests {
		b := salesBacklog(t)
		before := b.Document()
		err := b.UnmarshalJSON([]byte(tt.doc))
		if got := problems(t, err); !hasProblem(got, tt.want) {
			t.Errorf("%s:\n got %v\nwant %s", tt.doc, got, tt.want)
		}
		if diff := cmp.Diff(before, b.Document()); diff != "" {
			t.Errorf("failed decode changed the backlog:\n%s", diff)
		}
	}
}

func TestSchema(t *testing.T) {
	r := schemaReflector()
	data, err := json.Marshal(r.Reflect(&backlog.Backlog{}))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"enum":["finish-to-start","start-to-start","finish-to-finish","start-to-finish"]`, `"enum":["before-launch","launch-day","after-launch"]`, `"mostLikely"`, `"Document"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("schema lacks %s", want)
		}
	}
	// Documents the package writes validate against the schema the Go types
	// generate, and a document the decoder refuses fails it too.
	s := compileSchema(t, data)
	b := salesBacklog(t)
	if _, err := backlog.DefaultTemplates().Expand(b, backlog.ExpandOptions{Change: testChange, Release: date("2027-03-10")}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Transition("R1", workitem.Active, lifecycle.Change{At: testAt, By: "rm"}); err != nil {
		t.Fatal(err)
	}
	doc, _ := json.Marshal(b)
	if err := s.Validate(doc); err != nil {
		t.Errorf("backlog JSON does not match its schema: %v", err)
	}
	bad := strings.Replace(string(doc), `"kind":"before-launch"`, `"kind":"someday"`, 1)
	if err := s.Validate([]byte(bad)); err == nil {
		t.Error("schema accepted an unknown timing kind")
	}
	for name, v := range map[string]any{"catalogue": backlog.DefaultCatalogue(), "templates": backlog.DefaultTemplates()} {
		raw, _ := json.Marshal(r.Reflect(v))
		cs := compileSchema(t, raw)
		doc, _ := json.Marshal(v)
		if err := cs.Validate(doc); err != nil {
			t.Errorf("%s JSON does not match its schema: %v", name, err)
		}
	}
}

// schemaReflector mirrors what package plan's reflector does (plan cannot
// be imported here): generic instances get names a $ref can hold, and
// text-marshalled scalars are strings.
func schemaReflector() *jsonschema.Reflector {
	textMarshaler := reflect.TypeFor[encoding.TextMarshaler]()
	return &jsonschema.Reflector{
		Namer: func(t reflect.Type) string {
			return strings.NewReplacer("[", ".", "]", "", "/", ".").Replace(t.Name())
		},
		Mapper: func(t reflect.Type) *jsonschema.Schema {
			if t.Implements(textMarshaler) && t.Kind() != reflect.Pointer {
				return &jsonschema.Schema{Type: "string"}
			}
			return nil
		},
	}
}

// checkedSchema validates documents with a maintained JSON Schema
// validator (santhosh-tekuri/jsonschema, tests only).
type checkedSchema struct{ s *validator.Schema }

func compileSchema(t testing.TB, schema []byte) checkedSchema {
	t.Helper()
	doc, err := validator.UnmarshalJSON(bytes.NewReader(schema))
	if err != nil {
		t.Fatal(err)
	}
	c := validator.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("backlog.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("backlog.json")
	if err != nil {
		t.Fatal(err)
	}
	return checkedSchema{s}
}

// Validate reports what is wrong with doc, or nil.
func (c checkedSchema) Validate(doc []byte) error {
	inst, err := validator.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return err
	}
	return c.s.Validate(inst)
}
