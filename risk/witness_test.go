package risk_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/risk"
)

// The tests of this file pin conditions that the mutation run on package
// risk (gremlins, see the README) found no test to notice when flipped.

func TestEscalationIsZero(t *testing.T) {
	tests := []struct {
		name string
		e    risk.Escalation
		want bool
	}{
		{"none", risk.Escalation{}, true},
		{"flag", risk.Escalation{Escalated: true}, false},
		{"to", risk.Escalation{To: "ipmo"}, false},
		{"on", risk.Escalation{On: calendar.MustParse("2027-02-01")}, false},
	}
	for _, tt := range tests {
		if got := tt.e.IsZero(); got != tt.want {
			t.Errorf("%s: Escalation%+v.IsZero() = %v, want %v", tt.name, tt.e, got, tt.want)
		}
	}
}

func TestBlocksIsZero(t *testing.T) {
	tests := []struct {
		name string
		b    risk.Blocks
		want bool
	}{
		{"nothing", risk.Blocks{}, true},
		{"empty lists", risk.Blocks{TaskIDs: []string{}, RequirementIDs: []string{}, MilestoneIDs: []string{}}, true},
		{"launch", risk.Blocks{Launch: true}, false},
		{"task", risk.Blocks{TaskIDs: []string{"T1"}}, false},
		{"requirement", risk.Blocks{RequirementIDs: []string{"REQ-1"}}, false},
		{"milestone", risk.Blocks{MilestoneIDs: []string{"LAUNCH"}}, false},
	}
	for _, tt := range tests {
		if got := tt.b.IsZero(); got != tt.want {
			t.Errorf("%s: Blocks%+v.IsZero() = %v, want %v", tt.name, tt.b, got, tt.want)
		}
	}
}

// TestRankedCopiesEveryList: Ranked and TopN copy each list of each risk
// whatever the mix of lists (the copies share one buffer sized from the
// lists' lengths summed), and the copies equal the log's risks: ranked
// all together, and each alone.
func TestRankedCopiesEveryList(t *testing.T) {
	var l risk.Log
	only := func(id string, edit func(r *risk.Risk)) {
		r := sampleRisk(id, 40, risk.High)
		r.TaskIDs, r.RequirementIDs, r.IssueIDs, r.Tags = nil, nil, nil, nil
		edit(&r)
		mustAddRisk(t, &l, r)
	}
	only("R1", func(r *risk.Risk) { r.TaskIDs = []string{"T1", "T2"} })
	only("R2", func(r *risk.Risk) { r.RequirementIDs = []string{"REQ-1", "REQ-2"} })
	only("R3", func(r *risk.Risk) { r.Tags = []string{"vendor", "training"} })
	only("R4", func(r *risk.Risk) {})
	only("R5", func(r *risk.Risk) {})
	if _, err := l.Promote("R5", "I1", ch("ann", "2027-01-11T09:00:00Z", "")); err != nil {
		t.Fatal(err)
	}
	if r, _ := l.Risk("R5"); !cmp.Equal(r.IssueIDs, []string{"I1"}) {
		t.Fatalf("R5 links issues %v, want [I1]", r.IssueIDs)
	}
	if err := l.Validate(); err != nil {
		t.Fatalf("log does not validate: %v", err)
	}
	all := l.Risks() // the risks tie: ranked by ID, as added
	for name, got := range map[string][]risk.Risk{"Ranked": l.Ranked(), "TopN(3)": l.TopN(3), "TopN(100)": l.TopN(100)} {
		want := all
		if name == "TopN(3)" {
			want = all[:3]
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-Risks +got):\n%s", name, diff)
		}
	}
	for _, r := range all {
		alone := func(x risk.Risk) bool { return x.ID == r.ID }
		if diff := cmp.Diff([]risk.Risk{r}, l.Ranked(alone)); diff != "" {
			t.Errorf("Ranked(only %s) (-want +got):\n%s", r.ID, diff)
		}
		if diff := cmp.Diff([]risk.Risk{r}, l.TopN(100, alone)); diff != "" {
			t.Errorf("TopN(100, only %s) (-want +got):\n%s", r.ID, diff)
		}
	}
}
