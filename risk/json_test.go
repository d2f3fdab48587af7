package risk_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

func sampleLog(t testing.TB) *risk.Log {
	t.Helper()
	var l risk.Log
	r := sampleRisk("R1", 40, risk.High)
	r.Inherent = risk.Level{Probability: 60, Impact: 5}
	r.Residual = risk.Level{Probability: 20, Impact: 3}
	r.Target = risk.Level{Probability: 10, Impact: 2}
	mustAddRisk(t, &l, r)
	o := sampleRisk("R2", 30, risk.Medium)
	o.Kind, o.Response, o.Category = risk.Opportunity, risk.Exploit, "press-coverage"
	o.Proximity = risk.ProximityOn(day("2027-02-15"))
	mustAddRisk(t, &l, o)
	mustAddIssue(t, &l, sampleIssue("I1", 2))
	if _, err := l.Transition("I1", workitem.Active, ch("bob", "2027-01-11T09:00:00Z", risk.ReasonInvestigate)); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Promote("R1", "I2", ch("ann", "2027-02-02T08:00:00Z", "")); err != nil {
		t.Fatal(err)
	}
	return &l
}

func TestJSONRoundTrip(t *testing.T) {
	l := sampleLog(t)
	data, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"probability":40`, `"proximity":"before-launch"`, `"proximity":"2027-02-15"`, `"kind":"opportunity"`,
		`"costImpact":{"minorUnits":1500000,"currency":"EUR"}`, `"scheduleImpactWorkdays":5`, `"taskIds":["T1","T2"]`, `"issueIds":["I2"]`,
		`"state":"Active"`, `"from":"Proposed","to":"Active","reason":"Investigate"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
	var back risk.Log
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := docDiff(l, &back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if err := back.Validate(); err != nil {
		t.Errorf("decoded log: %v", err)
	}
	// The decoded log works: its index is built.
	if _, err := back.Transition("R2", workitem.Active, lifecycle.Change{By: testBy, At: testAt}); err != nil {
		t.Error(err)
	}
	var empty risk.Log
	data, _ = json.Marshal(&empty)
	if string(data) != `{"risks":[],"issues":[],"events":[]}` {
		t.Errorf("empty log = %s", data)
	}
}

func TestStrictDecode(t *testing.T) {
	good, err := json.Marshal(sampleLog(t))
	if err != nil {
		t.Fatal(err)
	}
	edit := func(old, new string) string {
		if !strings.Contains(string(good), old) {
			t.Fatalf("sample lacks %s", old)
		}
		return strings.Replace(string(good), old, new, 1)
	}
	tests := []struct {
		name string
		data string
		want []string
	}{
		{"unknown field", edit(`"title":"Trainers`, `"titel":"x","title":"Trainers`), []string{"risks[0].titel json.unknown-field"}},
		{"probability range", edit(`"probability":40`, `"probability":150`), []string{"risks[0].probability risk.probability.range"}},
		{"probability type", edit(`"probability":40`, `"probability":400`), []string{"risks[0].probability json.type"}},
		{"impact range", edit(`"probability":30,"impact":3`, `"probability":30,"impact":7`), []string{"risks[1].impact risk.impact.range"}},
		{"unknown kind", edit(`"kind":"opportunity"`, `"kind":"chance"`), []string{"risks[1].kind json.value"}},
		{"unknown response", edit(`"response":"exploit"`, `"response":"ignore"`), []string{"risks[1].response json.value"}},
		{"bad proximity", edit(`"proximity":"2027-02-15"`, `"proximity":"soon"`), []string{"risks[1].proximity json.value"}},
		{"unknown state", edit(`"state":"Active"`, `"state":"Done"`), []string{"risks[0].state json.value"}},
		{"trailing", string(good) + "{}", []string{" json.trailing-data"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := sampleLog(t)
			before := l.Clone()
			err := l.UnmarshalJSON([]byte(tt.data))
			if err == nil {
				t.Fatal("decoded")
			}
			var list validation.List
			if !errors.As(err, &list) {
				t.Fatalf("error %T %v", err, err)
			}
			if diff := cmp.Diff(tt.want, blocking(t, list)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if diff := docDiff(before, l); diff != "" {
				t.Errorf("a failed decode changed the log:\n%s", diff)
			}
		})
	}
	l := sampleLog(t)
	if err := json.Unmarshal([]byte(`null`), l); err != nil || l.NumRisks() != 2 {
		t.Errorf("null: %v, %d risks", err, l.NumRisks())
	}
	// Through encoding/json, which checks the syntax first.
	if err := json.Unmarshal([]byte(edit(`"probability":40`, `"probability":150`)), new(risk.Log)); !errors.Is(err, validation.ErrOutOfRange) {
		t.Errorf("json.Unmarshal with probability 150: %v", err)
	}
	if _, err := risk.DecodeLog([]byte(`{"risks":[],"issues":[],"events":[]}`), nil, nil); err != nil {
		t.Errorf("empty log: %v", err)
	}
}

// A Log held by value in a struct encodes whether or not the struct is
// addressable.
func TestLogByValueInStruct(t *testing.T) {
	type plan struct {
		Risks risk.Log `json:"risks"`
	}
	p := plan{Risks: *sampleLog(t)}
	byValue, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	byPointer, err := json.Marshal(&p)
	if err != nil {
		t.Fatal(err)
	}
	if string(byValue) != string(byPointer) || !strings.Contains(string(byValue), `"id":"R1"`) {
		t.Errorf("by value %s\nby pointer %s", byValue, byPointer)
	}
	var back plan
	if err := json.Unmarshal(byValue, &back); err != nil {
		t.Fatal(err)
	}
	if diff := docDiff(&p.Risks, &back.Risks); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}
