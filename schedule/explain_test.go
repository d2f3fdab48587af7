package schedule

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDeadlineMiss(t *testing.T) {
	r, err := Schedule(fourTypes("2027-01-11"))
	if err != nil {
		t.Fatal(err)
	}
	m, missed := r.DeadlineMiss()
	if !missed {
		t.Fatal("deadline reported as met")
	}
	if m.Float != -1 || m.Deadline != d("2027-01-11") || m.Ready != d("2027-01-12") {
		t.Errorf("miss %+v", m)
	}
	var ids []string
	for _, s := range m.Chain {
		ids = append(ids, s.ID)
		if s.TotalFloat != -1 {
			t.Errorf("chain step %s float %d", s.ID, s.TotalFloat)
		}
	}
	if diff := cmp.Diff([]string{"A", "B", "D"}, ids); diff != "" {
		t.Errorf("chain (-want +got):\n%s", diff)
	}
	if m.Chain[0].Via != nil || m.Chain[2].Via.Type != FinishToFinish || m.Chain[2].Via.Lag != 2 || m.Chain[2].Via.Index != 2 {
		t.Errorf("links %+v %+v", m.Chain[0].Via, m.Chain[2].Via)
	}
	if _, missed := mustSchedule(t, fourTypes("2027-01-12")).DeadlineMiss(); missed {
		t.Error("met deadline reported as missed")
	}
}

func mustSchedule(t *testing.T, n Network) *Result {
	t.Helper()
	r, err := Schedule(n)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestDriverAndExplain(t *testing.T) {
	r := mustSchedule(t, fourTypes("2027-01-13"))
	for _, tc := range []struct {
		id     string
		start  CauseKind
		from   string
		finish CauseKind
		to     string
	}{
		{"A", CauseProjectStart, "", CauseLink, "B"},
		{"B", CauseLink, "A", CauseLink, "D"},
		{"C", CauseLink, "A", CauseDeadline, ""},
		{"D", CauseLink, "B", CauseLink, "M"},
		{"E", CauseProjectStart, "", CauseDeadline, ""},
		{"M", CauseLink, "D", CauseDeadline, ""},
	} {
		e, err := r.Explain(tc.id)
		if err != nil {
			t.Fatal(err)
		}
		if e.StartCause.Kind != tc.start || (tc.from != "" && e.StartCause.Link.From != tc.from) {
			t.Errorf("%s: start cause %+v", tc.id, e.StartCause)
		}
		if e.FinishCause.Kind != tc.finish || (tc.to != "" && e.FinishCause.Link.To != tc.to) {
			t.Errorf("%s: finish cause %+v", tc.id, e.FinishCause)
		}
		if e.Text == "" || e.Chain[len(e.Chain)-1].ID != tc.id {
			t.Errorf("%s: %+v", tc.id, e)
		}
		c, _ := r.Driver(tc.id)
		if c.Kind != tc.start {
			t.Errorf("%s: Driver %v", tc.id, c.Kind)
		}
	}
	e, _ := r.Explain("C")
	want := "C is not critical: it has 6 workdays of total float; it can finish as late as 2027-01-13 (the deadline 2027-01-13) instead of 2027-01-05. It starts 2027-01-05 because of the start-to-start link from A, lag +1. Driving chain: A -SS+1-> C."
	if e.Text != want {
		t.Errorf("text\n got %q\nwant %q", e.Text, want)
	}
	if _, err := r.Explain("nope"); !errors.Is(err, ErrUnknownID) {
		t.Errorf("unknown ID: %v", err)
	}
	if _, err := r.Driver("nope"); !errors.Is(err, ErrUnknownID) {
		t.Errorf("unknown ID: %v", err)
	}
}

func TestCriticalPaths(t *testing.T) {
	// Two parallel critical chains joined at the end, and a side branch.
	n := Network{
		Start: d("2027-01-04"),
		Activities: []Activity{
			{ID: "s", Duration: 1}, {ID: "p", Duration: 2}, {ID: "q", Duration: 2},
			{ID: "side", Duration: 1}, {ID: "end"},
		},
		Dependencies: []Dependency{
			{From: "s", To: "p"}, {From: "s", To: "q"}, {From: "s", To: "side"},
			{From: "p", To: "end"}, {From: "q", To: "end"}, {From: "side", To: "end"},
		},
	}
	r := mustSchedule(t, n)
	got := r.CriticalPaths(0)
	want := [][]string{{"s", "p", "end"}, {"s", "q", "end"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
	if got := r.CriticalPaths(1); len(got) != 1 {
		t.Errorf("limit 1 gave %d paths", len(got))
	}
}

func TestCauseKindText(t *testing.T) {
	for k := CauseProjectStart; k <= CauseProjectFinish; k++ {
		b, err := k.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var got CauseKind
		if err := got.UnmarshalText(b); err != nil || got != k {
			t.Errorf("%v: %v %v", k, got, err)
		}
	}
	var k CauseKind
	if err := k.UnmarshalText([]byte("x")); err == nil {
		t.Error("unknown cause accepted")
	}
}
