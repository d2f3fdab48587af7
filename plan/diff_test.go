package plan

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDiffJSONKeysByID(t *testing.T) {
	old := `{"id":"P1","backlog":{"tasks":[{"id":"T1","estimate":3,"tags":["a"]},{"id":"T2","estimate":1}]},
		"risks":{"risks":[{"id":"R3","probability":40}]}}`
	new := `{"id":"P1","backlog":{"tasks":[{"id":"T2","estimate":1},{"id":"T1","estimate":5,"tags":["a","b"]},{"id":"T12","estimate":2}]},
		"risks":{"risks":[{"id":"R3","probability":60,"owner":"ann"}]}}`
	got, err := DiffJSON([]byte(old), []byte(new))
	if err != nil {
		t.Fatal(err)
	}
	want := []Difference{
		{Kind: Changed, Entity: "task", ID: "T1", Path: `backlog.tasks["T1"].estimate`, Old: "3", New: "5"},
		{Kind: Changed, Entity: "task", ID: "T1", Path: `backlog.tasks["T1"].tags`, Old: `["a"]`, New: `["a","b"]`},
		{Kind: Added, Entity: "task", ID: "T12", Path: `backlog.tasks["T12"]`, New: `{"estimate":2,"id":"T12"}`},
		{Kind: Added, Entity: "risk", ID: "R3", Path: `risks.risks["R3"].owner`, New: `"ann"`},
		{Kind: Changed, Entity: "risk", ID: "R3", Path: `risks.risks["R3"].probability`, Old: "40", New: "60"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	if s := got[4].String(); s != `risk R3: risks.risks["R3"].probability changed from 40 to 60` {
		t.Errorf("String() = %q", s)
	}
}

func TestDiffJSONSameIsEmptyAndBadInputErrors(t *testing.T) {
	doc := `{"a":[{"x":1},{"x":2}],"b":null,"c":[1,2]}`
	got, err := DiffJSON([]byte(doc), []byte(doc))
	if err != nil || len(got) != 0 {
		t.Errorf("DiffJSON(same) = %v, %v", got, err)
	}
	if _, err := DiffJSON([]byte(`{`), []byte(doc)); err == nil {
		t.Error("malformed old document accepted")
	}
	got, _ = DiffJSON([]byte(`{"a":[{"x":1}]}`), []byte(`{"a":[{"x":2},{"x":3}]}`))
	want := []Difference{
		{Kind: Changed, Entity: "plan", Path: "a[0].x", Old: "1", New: "2"},
		{Kind: Added, Entity: "plan", Path: "a[1]", New: `{"x":3}`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("positional lists (-want +got):\n%s", diff)
	}
}

func FuzzDiffJSON(f *testing.F) {
	f.Add([]byte(`{"tasks":[{"id":"T1","e":1}]}`), []byte(`{"tasks":[{"id":"T1","e":2},{"id":"T2"}]}`))
	f.Add([]byte(`[1,[2,{"id":"x"}]]`), []byte(`{"a":null}`))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		changes, err := DiffJSON(a, b)
		if err != nil {
			return
		}
		for _, c := range changes {
			if c.Kind != Added && c.Kind != Removed && c.Kind != Changed {
				t.Fatalf("bad kind %q", c.Kind)
			}
		}
		self, err := DiffJSON(a, a)
		if err != nil || len(self) != 0 {
			t.Fatalf("a document differs from itself: %v %v", self, err)
		}
	})
}
