package schedule

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
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

// levelledNetwork has a split activity (B pauses while C works), a
// delayed one (D waits for r) and a missed finish-no-later-than date (A).
func levelledNetwork() Network {
	r := []Demand{{Resource: "r", Units: 1}}
	return Network{
		Start:     d("2027-03-01"),
		Deadline:  d("2027-03-10"),
		Resources: []Resource{{ID: "r", Capacity: 1}, {ID: "q", Capacity: 1}},
		Activities: []Activity{
			{ID: "X", Duration: 2, Demands: []Demand{{Resource: "q", Units: 1}}},
			{ID: "C", Duration: 2, FinishNoLaterThan: d("2027-03-04"), Demands: r},
			{ID: "B", Duration: 4, Splittable: true, FinishNoLaterThan: d("2027-03-08"), Demands: r},
			{ID: "A", Duration: 2, FinishNoLaterThan: d("2027-03-01")},
			{ID: "D", Duration: 1, Demands: r},
			{ID: "M"},
		},
		Dependencies: []Dependency{{From: "X", To: "C"}, {From: "A", To: "M"}, {From: "B", To: "M"}, {From: "C", To: "M"}},
	}
}

func TestLevelledSummary(t *testing.T) {
	want := LevelledSummary{
		Start: d("2027-03-01"), Ready: d("2027-03-09"), Finish: d("2027-03-09"), Deadline: d("2027-03-10"),
		Workdays: 7, Slack: 1, MeetsDeadline: true, Method: "serial scheme, latest finish, justified",
		Activities: []LevelledTiming{
			{ID: "X", Duration: 2, Start: d("2027-03-01"), Finish: d("2027-03-02")},
			{ID: "C", Duration: 2, Start: d("2027-03-03"), Finish: d("2027-03-04")},
			{ID: "B", Duration: 4, Start: d("2027-03-01"), Finish: d("2027-03-08"), Pieces: []Piece{
				{Start: d("2027-03-01"), Finish: d("2027-03-02"), Days: 2},
				{Start: d("2027-03-05"), Finish: d("2027-03-08"), Days: 2},
			}},
			{ID: "A", Duration: 2, Start: d("2027-03-01"), Finish: d("2027-03-02")},
			{ID: "D", Duration: 1, Start: d("2027-03-09"), Finish: d("2027-03-09"), Shift: 6},
			{ID: "M", Start: d("2027-03-08"), Finish: d("2027-03-08"), Shift: 2},
		},
		Delays: []Delay{{ID: "D", Days: 6, Resource: "r", From: d("2027-03-01"), To: d("2027-03-09")}},
		Missed: []MissedDate{{Constraint: MissedFinishNoLaterThan, ID: "A", Date: d("2027-03-01"), Finish: d("2027-03-02"), Days: 1}},
	}
	l, err := Level(levelledNetwork())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, l.Summary()); diff != "" {
		t.Errorf("Summary (-want +got):\n%s", diff)
	}
	b, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	var back LevelledSummary
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, back); diff != "" {
		t.Errorf("Summary after a JSON round trip (-want +got):\n%s", diff)
	}
	// A client without the Go types reads plain JSON: dates as strings,
	// numbers, empty or absent fields as documented.
	var plain map[string]any
	if err := json.Unmarshal(b, &plain); err != nil {
		t.Fatal(err)
	}
	timing := func(id, start, finish string, dur, shift float64) map[string]any {
		return map[string]any{"id": id, "duration": dur, "start": start, "finish": finish, "shift": shift}
	}
	split := timing("B", "2027-03-01", "2027-03-08", 4, 0)
	split["pieces"] = []any{
		map[string]any{"start": "2027-03-01", "finish": "2027-03-02", "days": 2.0},
		map[string]any{"start": "2027-03-05", "finish": "2027-03-08", "days": 2.0},
	}
	wantPlain := map[string]any{
		"start": "2027-03-01", "ready": "2027-03-09", "finish": "2027-03-09", "deadline": "2027-03-10",
		"workdays": 7.0, "slack": 1.0, "meetsDeadline": true, "method": "serial scheme, latest finish, justified",
		"activities": []any{
			timing("X", "2027-03-01", "2027-03-02", 2, 0),
			timing("C", "2027-03-03", "2027-03-04", 2, 0),
			split,
			timing("A", "2027-03-01", "2027-03-02", 2, 0),
			timing("D", "2027-03-09", "2027-03-09", 1, 6),
			timing("M", "2027-03-08", "2027-03-08", 0, 2),
		},
		"delays": []any{map[string]any{"id": "D", "days": 6.0, "resource": "r", "from": "2027-03-01", "to": "2027-03-09"}},
		"missed": []any{map[string]any{"constraint": "finishNoLaterThan", "id": "A", "date": "2027-03-01", "finish": "2027-03-02", "days": 1.0}},
	}
	if diff := cmp.Diff(wantPlain, plain); diff != "" {
		t.Errorf("JSON as a plain map (-want +got):\n%s", diff)
	}
}

// TestLevelledSummaryAgreesWithAccessors checks the summary against the
// Levelled accessors, on a network without a deadline, delays or missed
// dates (empty lists, no deadline key) and on one missing its deadline.
func TestLevelledSummaryAgreesWithAccessors(t *testing.T) {
	free := Network{Start: d("2027-03-01"), Activities: []Activity{{ID: "A", Duration: 2}, {ID: "B", Duration: 1}},
		Dependencies: []Dependency{{From: "A", To: "B"}}}
	late := levelledNetwork()
	late.Deadline = d("2027-03-05")
	for name, n := range map[string]Network{"free": free, "late": late} {
		t.Run(name, func(t *testing.T) {
			l, err := Level(n)
			if err != nil {
				t.Fatal(err)
			}
			s := l.Summary()
			if s.Start != l.Unlevelled().Start() || s.Ready != l.Ready() || s.Finish != l.Finish() ||
				s.Deadline != l.Unlevelled().Deadline() || s.Workdays != l.Workdays() || s.Slack != l.Slack() ||
				s.MeetsDeadline != l.MeetsDeadline() || s.Method != l.Method() {
				t.Errorf("head of summary %+v", s)
			}
			if diff := cmp.Diff(l.Timings(), s.Activities); diff != "" {
				t.Errorf("timings (-accessor +summary):\n%s", diff)
			}
			if diff := cmp.Diff(l.Delays(), s.Delays, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("delays (-accessor +summary):\n%s", diff)
			}
			if diff := cmp.Diff(l.Missed(), s.Missed, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("missed (-accessor +summary):\n%s", diff)
			}
			if s.Delays == nil || s.Missed == nil {
				t.Errorf("delays %v, missed %v: want empty lists, not nil", s.Delays, s.Missed)
			}
			var plain map[string]any
			b, _ := json.Marshal(l)
			if err := json.Unmarshal(b, &plain); err != nil {
				t.Fatal(err)
			}
			if _, ok := plain["deadline"]; ok != !n.Deadline.IsZero() {
				t.Errorf("deadline key present %v, network deadline %s", ok, n.Deadline)
			}
			if name == "late" && (s.MeetsDeadline || len(s.Missed) == 0 || s.Missed[0].Constraint != MissedDeadline) {
				t.Errorf("late network: meets %v, missed %+v", s.MeetsDeadline, s.Missed)
			}
		})
	}
}
