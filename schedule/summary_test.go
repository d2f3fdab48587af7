package schedule

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/calendar"
)

func TestSummary(t *testing.T) {
	n := Network{
		Start:    d("2027-03-01"),
		Deadline: d("2027-03-05"),
		Activities: []Activity{
			{ID: "A", Duration: 2},
			{ID: "B", Duration: 1},
			{ID: "M"},
		},
		Dependencies: []Dependency{{From: "A", To: "B"}, {From: "B", To: "M"}},
	}
	ab := &Link{Index: 0, Dependency: Dependency{From: "A", To: "B"}}
	bm := &Link{Index: 1, Dependency: Dependency{From: "B", To: "M"}}
	want := Summary{
		Start: d("2027-03-01"), Ready: d("2027-03-03"), Finish: d("2027-03-03"),
		Deadline: d("2027-03-05"), Slack: 2, MeetsDeadline: true,
		Activities: []ActivitySummary{
			{
				Timing: Timing{ID: "A", Duration: 2, EarlyStart: d("2027-03-01"), EarlyFinish: d("2027-03-02"),
					LateStart: d("2027-03-03"), LateFinish: d("2027-03-04"), TotalFloat: 2, Start: d("2027-03-01"), Finish: d("2027-03-02")},
				StartDriver:  Cause{Kind: CauseProjectStart, Date: d("2027-03-01")},
				FinishDriver: Cause{Kind: CauseLink, Link: ab},
			},
			{
				Timing: Timing{ID: "B", Duration: 1, EarlyStart: d("2027-03-03"), EarlyFinish: d("2027-03-03"),
					LateStart: d("2027-03-05"), LateFinish: d("2027-03-05"), TotalFloat: 2, Start: d("2027-03-03"), Finish: d("2027-03-03")},
				StartDriver:  Cause{Kind: CauseLink, Link: ab},
				FinishDriver: Cause{Kind: CauseLink, Link: bm},
			},
			{
				Timing: Timing{ID: "M", EarlyStart: d("2027-03-03"), EarlyFinish: d("2027-03-03"),
					LateStart: d("2027-03-05"), LateFinish: d("2027-03-05"), TotalFloat: 2, Start: d("2027-03-03"), Finish: d("2027-03-03")},
				StartDriver:  Cause{Kind: CauseLink, Link: bm},
				FinishDriver: Cause{Kind: CauseDeadline, Date: d("2027-03-05")},
			},
		},
		ReleaseChain: []Step{
			{ID: "A", Start: d("2027-03-01"), Finish: d("2027-03-02"), TotalFloat: 2},
			{ID: "B", Start: d("2027-03-03"), Finish: d("2027-03-03"), TotalFloat: 2, Via: ab},
		},
		CriticalPaths: [][]string{},
	}
	r := mustSchedule(t, n)
	got := r.Summary()
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Summary (-want +got):\n%s", diff)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back Summary
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, back); diff != "" {
		t.Errorf("Summary after a JSON round trip (-want +got):\n%s", diff)
	}
}

// TestSummaryAgreesWithAccessors checks the summary against the Result's
// own accessors on networks scheduled forwards, backwards and missing
// their deadline.
func TestSummaryAgreesWithAccessors(t *testing.T) {
	backward := fourTypes("2027-01-13")
	backward.Start = calendar.Date{}
	for name, n := range map[string]Network{
		"met":      fourTypes("2027-01-13"),
		"missed":   fourTypes("2027-01-11"),
		"backward": backward,
	} {
		t.Run(name, func(t *testing.T) {
			r := mustSchedule(t, n)
			s := r.Summary()
			if s.Start != r.Start() || s.Ready != r.Ready() || s.Finish != r.Finish() || s.Deadline != r.Deadline() ||
				s.Slack != r.Slack() || s.MeetsDeadline != r.MeetsDeadline() || s.Backward != (n.Start.IsZero()) {
				t.Errorf("head of summary %+v", s)
			}
			if diff := cmp.Diff(r.CriticalPaths(SummaryPaths), s.CriticalPaths, cmpEmpty); diff != "" {
				t.Errorf("critical paths (-accessor +summary):\n%s", diff)
			}
			timings := r.Timings()
			if len(s.Activities) != len(timings) {
				t.Fatalf("%d activities, want %d", len(s.Activities), len(timings))
			}
			for i, a := range s.Activities {
				if diff := cmp.Diff(timings[i], a.Timing); diff != "" {
					t.Errorf("timing %d (-accessor +summary):\n%s", i, diff)
				}
				start, finish, _ := r.Scheduled(a.ID)
				if a.Start != start || a.Finish != finish {
					t.Errorf("%s scheduled %s..%s, want %s..%s", a.ID, a.Start, a.Finish, start, finish)
				}
				ex, _ := r.Explain(a.ID)
				if diff := cmp.Diff(ex.StartCause, a.StartDriver); diff != "" {
					t.Errorf("%s start driver (-explain +summary):\n%s", a.ID, diff)
				}
				if diff := cmp.Diff(ex.FinishCause, a.FinishDriver); diff != "" {
					t.Errorf("%s finish driver (-explain +summary):\n%s", a.ID, diff)
				}
			}
			if m, missed := r.DeadlineMiss(); missed {
				if diff := cmp.Diff(m.Chain, s.ReleaseChain); diff != "" {
					t.Errorf("release chain (-miss +summary):\n%s", diff)
				}
			}
			if len(s.ReleaseChain) == 0 || s.ReleaseChain[len(s.ReleaseChain)-1].Finish != s.Ready {
				t.Errorf("release chain %+v does not end on ready %s", s.ReleaseChain, s.Ready)
			}
		})
	}
}

var cmpEmpty = cmp.Transformer("empty", func(p [][]string) [][]string {
	if len(p) == 0 {
		return nil
	}
	return p
})
