package jsondoc_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/internal/jsondoc"
	"github.com/rolloutkit/rollout/validation"
)

type inner struct {
	Probability int           `json:"probability"`
	Due         calendar.Date `json:"due,omitzero"`
	Tags        []string      `json:"tags,omitempty"`
	Revision    int           `json:"revision,string,omitzero"`
}

type Embedded struct {
	Note string `json:"note,omitempty"`
}

type doc struct {
	Embedded
	Name  string            `json:"name"`
	Risks []inner           `json:"risks"`
	Meta  map[string]*inner `json:"meta,omitempty"`
}

type got struct {
	Code string
	Path string
}

func problems(t *testing.T, err error) []got {
	t.Helper()
	var l validation.List
	if !errors.As(err, &l) {
		t.Fatalf("error %v (%T) is not a validation.List", err, err)
	}
	var out []got
	for _, p := range l {
		out = append(out, got{string(p.Code), p.Path.String()})
	}
	return out
}

func TestDecodeReportsPaths(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []got
	}{
		{"unknown field deep", `{"name":"x","risks":[{"probability":1},{"probability":2,"impact":3}]}`, []got{{"json.unknown-field", "risks[1].impact"}}},
		{"wrong type", `{"name":"x","risks":[{},{},{"probability":"high"}]}`, []got{{"json.type", "risks[2].probability"}}},
		{"bad date", `{"name":"x","risks":[{"due":"2027-02-30"}]}`, []got{{"json.value", "risks[0].due"}}},
		{"map value", `{"meta":{"a":{"probability":true}}}`, []got{{"json.type", `meta["a"].probability`}}},
		{"not an array", `{"risks":{}}`, []got{{"json.type", "risks"}}},
		{"overflow", `{"risks":[{"probability":1e40}]}`, []got{{"json.type", "risks[0].probability"}}},
		{"syntax", `{"name":`, []got{{"json.syntax", ""}}},
		{"trailing", `{"name":"x"} {}`, []got{{"json.trailing-data", ""}}},
		{"empty", `  `, []got{{"json.empty", ""}}},
		{"quoted number as number", `{"risks":[{"revision":3}]}`, []got{{"json.type", "risks[0].revision"}}},
		{"quoted number not a number", `{"risks":[{"revision":"three"}]}`, []got{{"json.type", "risks[0].revision"}}},
		{"embedded field ok, unknown top", `{"note":"n","nope":1}`, []got{{"json.unknown-field", "nope"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := doc{Name: "kept"}
			err := jsondoc.Decode([]byte(tt.in), &d, jsondoc.Options{})
			if err == nil {
				t.Fatal("Decode succeeded")
			}
			if diff := cmp.Diff(tt.want, problems(t, err)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if d.Name != "kept" || d.Risks != nil {
				t.Errorf("destination changed on error: %+v", d)
			}
		})
	}
}

func TestDecodeSuccessAndLimits(t *testing.T) {
	var d doc
	in := `{"name":"x","note":"n","risks":[{"probability":40,"due":"2027-03-01","tags":["a"],"revision":"7"}]}`
	if err := jsondoc.Decode([]byte(in), &d, jsondoc.Options{}); err != nil {
		t.Fatal(err)
	}
	want := doc{Embedded: Embedded{Note: "n"}, Name: "x", Risks: []inner{{Probability: 40, Due: calendar.MustParse("2027-03-01"), Tags: []string{"a"}, Revision: 7}}}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("decoded (-want +got):\n%s", diff)
	}
	err := jsondoc.Decode([]byte(in), &d, jsondoc.Options{MaxBytes: 10, Root: validation.NewPath("plan")})
	if diff := cmp.Diff([]got{{"json.too-large", "plan"}}, problems(t, err)); diff != "" {
		t.Errorf("limit (-want +got):\n%s", diff)
	}
	if err := jsondoc.Decode([]byte(in), d, jsondoc.Options{}); !errors.Is(err, jsondoc.ErrNotPointer) {
		t.Errorf("non-pointer: %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"name":"x","risks":[{"probability":40,"due":"2027-03-01"}],"meta":{"k":{"tags":["a"]}}}`))
	f.Add([]byte(`{"risks":[{"probability":"x","nope":[1,{}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d := doc{Name: "kept"}
		err := jsondoc.Decode(data, &d, jsondoc.Options{})
		if err != nil {
			var l validation.List
			if !errors.As(err, &l) || len(l) == 0 {
				t.Fatalf("error %v is not a non-empty validation.List", err)
			}
			if d.Name != "kept" {
				t.Fatal("destination changed on error")
			}
		}
	})
}

type nested struct{}

func (n *nested) UnmarshalJSON(b []byte) error {
	var fresh inner
	return jsondoc.Decode(b, &fresh, jsondoc.Options{})
}

func TestNestedDocumentsKeepPaths(t *testing.T) {
	var d struct {
		Log nested `json:"log"`
	}
	err := jsondoc.Decode([]byte(`{"log":{"probability":1,"tags":[1]}}`), &d, jsondoc.Options{})
	if diff := cmp.Diff([]got{{"json.type", "log.tags[0]"}}, problems(t, err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
