package schedule

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/validation"
)

var d = calendar.MustParse

// fourTypes is a small network with every link type; see TestFourLinkTypes
// for the hand computation.
func fourTypes(deadline string) Network {
	n := Network{
		Start: d("2027-01-04"), // a Monday
		Activities: []Activity{
			{ID: "A", Duration: 3},
			{ID: "B", Duration: 2},
			{ID: "C", Duration: 1},
			{ID: "D", Duration: 1},
			{ID: "E", Duration: 2},
			{ID: "M"},
		},
		Dependencies: []Dependency{
			{From: "A", To: "B"},
			{From: "A", To: "C", Type: StartToStart, Lag: 1},
			{From: "B", To: "D", Type: FinishToFinish, Lag: 2},
			{From: "C", To: "E", Type: StartToFinish},
			{From: "D", To: "M"},
		},
	}
	if deadline != "" {
		n.Deadline = d(deadline)
	}
	return n
}

func TestFourLinkTypes(t *testing.T) {
	// Workday indices from Mon 4: Tue5=1 Wed6=2 Thu7=3 Fri8=4 Mon11=5
	// Tue12=6 Wed13=7.
	// A 0..2; B FS A: 3..4; C SS A+1: 1..1; D FF B+2: finish >= 4+2 -> 6..6;
	// E SF C: finish >= start(C)=1 -> would start at -1, held at the
	// project start 0..1; M FS D: boundary 7, shown at the end of Tue 12.
	// Deadline Wed 13 (boundary 8): the chain A-B-D-M has 1 day of float.
	r, err := Schedule(fourTypes("2027-01-13"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Timing{
		{ID: "A", Duration: 3, EarlyStart: d("2027-01-04"), EarlyFinish: d("2027-01-06"), LateStart: d("2027-01-05"), LateFinish: d("2027-01-07"), TotalFloat: 1, FreeFloat: 0},
		{ID: "B", Duration: 2, EarlyStart: d("2027-01-07"), EarlyFinish: d("2027-01-08"), LateStart: d("2027-01-08"), LateFinish: d("2027-01-11"), TotalFloat: 1, FreeFloat: 0},
		{ID: "C", Duration: 1, EarlyStart: d("2027-01-05"), EarlyFinish: d("2027-01-05"), LateStart: d("2027-01-13"), LateFinish: d("2027-01-13"), TotalFloat: 6, FreeFloat: 1},
		{ID: "D", Duration: 1, EarlyStart: d("2027-01-12"), EarlyFinish: d("2027-01-12"), LateStart: d("2027-01-13"), LateFinish: d("2027-01-13"), TotalFloat: 1, FreeFloat: 0},
		{ID: "E", Duration: 2, EarlyStart: d("2027-01-04"), EarlyFinish: d("2027-01-05"), LateStart: d("2027-01-12"), LateFinish: d("2027-01-13"), TotalFloat: 6, FreeFloat: 5},
		{ID: "M", Duration: 0, EarlyStart: d("2027-01-12"), EarlyFinish: d("2027-01-12"), LateStart: d("2027-01-13"), LateFinish: d("2027-01-13"), TotalFloat: 1, FreeFloat: 0},
	}
	for i := range want { // forwards, everything as soon as possible
		want[i].Start, want[i].Finish = want[i].EarlyStart, want[i].EarlyFinish
	}
	if diff := cmp.Diff(want, r.Timings()); diff != "" {
		t.Errorf("timings (-want +got):\n%s", diff)
	}
	if got := r.Ready(); got != d("2027-01-12") {
		t.Errorf("Ready = %s, want 2027-01-12", got)
	}
	if r.Slack() != 1 || !r.MeetsDeadline() {
		t.Errorf("Slack = %d, MeetsDeadline = %v; want 1, true", r.Slack(), r.MeetsDeadline())
	}
}

func TestDeadlineMissAndMet(t *testing.T) {
	for _, tc := range []struct {
		deadline string
		float    int
	}{{"2027-01-12", 0}, {"2027-01-11", -1}, {"2027-01-08", -2}, {"2027-01-09", -2}, {"2027-01-15", 3}} {
		r, err := Schedule(fourTypes(tc.deadline))
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"A", "B", "D", "M"} {
			tm, _ := r.Timing(id)
			if tm.TotalFloat != tc.float || tm.Critical != (tc.float <= 0) {
				t.Errorf("deadline %s: %s float %d critical %v, want %d", tc.deadline, id, tm.TotalFloat, tm.Critical, tc.float)
			}
		}
		if r.Slack() != tc.float || r.MeetsDeadline() != (tc.float >= 0) {
			t.Errorf("deadline %s: slack %d, want %d", tc.deadline, r.Slack(), tc.float)
		}
	}
}

func TestNoDeadlineFloatFromFinish(t *testing.T) {
	r, err := Schedule(fourTypes(""))
	if err != nil {
		t.Fatal(err)
	}
	for _, tm := range r.Timings() {
		wantCrit := tm.ID != "C" && tm.ID != "E"
		if tm.Critical != wantCrit || (wantCrit && tm.TotalFloat != 0) {
			t.Errorf("%s: critical %v float %d", tm.ID, tm.Critical, tm.TotalFloat)
		}
	}
}

func TestBackwardFromDeadline(t *testing.T) {
	n := fourTypes("2027-01-13")
	n.Start = calendar.Date{}
	r, err := Schedule(n)
	if err != nil {
		t.Fatal(err)
	}
	// The chain A-B-D-M is 7 workdays up to M: as late as possible it
	// runs Tue 5 .. Wed 13, so the project starts Tue 5 with no float.
	if got := r.Start(); got != d("2027-01-05") {
		t.Errorf("Start = %s, want 2027-01-05", got)
	}
	for _, id := range []string{"A", "B", "D", "M"} {
		tm, _ := r.Timing(id)
		if !tm.Critical || tm.TotalFloat != 0 {
			t.Errorf("%s: %+v, want critical", id, tm)
		}
	}
	s, f, _ := r.Scheduled("A")
	if s != d("2027-01-05") || f != d("2027-01-07") {
		t.Errorf("A scheduled %s..%s", s, f)
	}
	s, f, _ = r.Scheduled("E")
	if s != d("2027-01-12") || f != d("2027-01-13") {
		t.Errorf("E scheduled %s..%s, want as late as possible 12..13", s, f)
	}
	if r.Ready() != d("2027-01-13") || r.Slack() != 0 {
		t.Errorf("Ready %s slack %d", r.Ready(), r.Slack())
	}
}

func TestAfterRelease(t *testing.T) {
	n := Network{
		Start:    d("2027-03-01"),
		Deadline: d("2027-03-05"), // Friday
		Activities: []Activity{
			{ID: "build", Duration: 5},
			{ID: "launch", AfterRelease: true},
			{ID: "demo", Duration: 2, AfterRelease: true, ReleaseLag: 3},
			{ID: "show", Duration: 1, StartNoEarlierThan: d("2027-03-20")}, // Saturday, after the deadline
			{ID: "followup", Duration: 1},
		},
		Dependencies: []Dependency{{From: "build", To: "launch"}, {From: "show", To: "followup"}},
	}
	r, err := Schedule(n)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		"build":    {"2027-03-01", "2027-03-05"},
		"launch":   {"2027-03-05", "2027-03-05"},
		"demo":     {"2027-03-10", "2027-03-11"},
		"show":     {"2027-03-22", "2027-03-22"},
		"followup": {"2027-03-23", "2027-03-23"},
	}
	for id, w := range want {
		tm, _ := r.Timing(id)
		if tm.EarlyStart.String() != w[0] || tm.EarlyFinish.String() != w[1] {
			t.Errorf("%s: %s..%s, want %s..%s", id, tm.EarlyStart, tm.EarlyFinish, w[0], w[1])
		}
		if tm.TotalFloat < 0 {
			t.Errorf("%s: negative float %d", id, tm.TotalFloat)
		}
		if post := id != "build"; tm.AfterRelease != post {
			t.Errorf("%s: AfterRelease %v", id, tm.AfterRelease)
		}
	}
	if !r.MeetsDeadline() || r.Ready() != d("2027-03-05") || r.Finish() != d("2027-03-23") {
		t.Errorf("ready %s finish %s meets %v", r.Ready(), r.Finish(), r.MeetsDeadline())
	}
}

func TestConstraints(t *testing.T) {
	n := Network{
		Start: d("2027-01-04"),
		Activities: []Activity{
			{ID: "a", Duration: 2, StartNoEarlierThan: d("2027-01-09")}, // Saturday -> Monday 11
			{ID: "b", Duration: 2, FinishNoLaterThan: d("2027-01-10")},  // Sunday -> Friday 8
		},
		Dependencies: []Dependency{{From: "a", To: "b"}},
	}
	r, err := Schedule(n)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := r.Timing("a")
	b, _ := r.Timing("b")
	if a.EarlyStart != d("2027-01-11") || b.EarlyStart != d("2027-01-13") || b.LateFinish != d("2027-01-08") {
		t.Errorf("a %+v b %+v", a, b)
	}
	// b finishes Thu 14 but must finish by Fri 8: 4 workdays late.
	if b.TotalFloat != -4 || a.TotalFloat != -4 {
		t.Errorf("floats a %d b %d, want -4", a.TotalFloat, b.TotalFloat)
	}
}

func TestErrors(t *testing.T) {
	base := func() Network {
		return Network{Start: d("2027-01-04"), Activities: []Activity{{ID: "a", Duration: 1}, {ID: "b", Duration: 1}, {ID: "c", Duration: 1}}}
	}
	t.Run("cycle", func(t *testing.T) {
		n := base()
		n.Activities = append(n.Activities, Activity{ID: "x"})
		n.Dependencies = []Dependency{{From: "x", To: "a"}, {From: "a", To: "b"}, {From: "b", To: "c", Type: StartToStart}, {From: "c", To: "a", Type: FinishToFinish, Lag: -2}}
		_, err := Compile(n)
		var ce *CycleError
		if !errors.As(err, &ce) || !errors.Is(err, ErrCycle) {
			t.Fatalf("err = %v, want *CycleError", err)
		}
		if diff := cmp.Diff([]string{"a", "b", "c", "a"}, ce.Path); diff != "" {
			t.Errorf("path (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]int{1, 2, 3}, ce.Links); diff != "" {
			t.Errorf("links (-want +got):\n%s", diff)
		}
		if got := ce.Error(); got != "schedule: dependency cycle: a -> b -> c -> a" {
			t.Errorf("Error() = %q", got)
		}
	})
	for _, tc := range []struct {
		name  string
		edit  func(*Network)
		kind  error
		code  validation.Code
		path  string
		kind2 error
	}{
		{"unknown", func(n *Network) { n.Dependencies = []Dependency{{From: "a", To: "zz"}} }, ErrUnknownActivity, CodeLinkUnknown, "dependencies[0].to", validation.ErrNotFound},
		{"duplicate", func(n *Network) { n.Activities[2].ID = "a" }, ErrDuplicateID, CodeIDDuplicate, "activities[2].id", validation.ErrDuplicate},
		{"impossible", func(n *Network) {
			n.Activities[1].Duration = 3
			n.Activities[1].StartNoEarlierThan = d("2027-01-06")
			n.Activities[1].FinishNoLaterThan = d("2027-01-07")
		}, ErrImpossibleConstraint, CodeConstraintConflict, "activities[1].finishNoLaterThan", validation.ErrConflict},
		{"snet after fnlt", func(n *Network) {
			n.Activities[0].Duration = 0
			n.Activities[0].StartNoEarlierThan = d("2027-02-06")
			n.Activities[0].FinishNoLaterThan = d("2027-02-05")
		}, ErrImpossibleConstraint, CodeConstraintConflict, "activities[0].finishNoLaterThan", validation.ErrConflict},
		{"release after fnlt", func(n *Network) {
			n.Deadline = d("2027-01-29")
			n.Activities[2].AfterRelease = true
			n.Activities[2].ReleaseLag = 2
			n.Activities[2].FinishNoLaterThan = d("2027-02-01")
		}, ErrImpossibleConstraint, CodeConstraintConflict, "activities[2].finishNoLaterThan", validation.ErrConflict},
		{"self", func(n *Network) { n.Dependencies = []Dependency{{From: "b", To: "b"}} }, ErrCycle, CodeLinkSelf, "dependencies[0]", ErrCycle},
		{"lag", func(n *Network) { n.Dependencies = []Dependency{{From: "a", To: "b", Lag: -MaxLag - 1}} }, validation.ErrOutOfRange, CodeLagRange, "dependencies[0].lag", validation.ErrOutOfRange},
		{"type", func(n *Network) { n.Dependencies = []Dependency{{From: "a", To: "b", Type: 9}} }, validation.ErrNotSupported, CodeLinkType, "dependencies[0].type", validation.ErrNotSupported},
		{"duration", func(n *Network) { n.Activities[1].Duration = -1 }, validation.ErrOutOfRange, CodeDurationRange, "activities[1].duration", validation.ErrOutOfRange},
		{"anchor", func(n *Network) { n.Start = calendar.Date{} }, validation.ErrRequired, CodeAnchorRequired, "start", validation.ErrRequired},
		{"release without deadline", func(n *Network) { n.Activities[0].AfterRelease = true }, validation.ErrRequired, CodeReleaseDeadline, "deadline", validation.ErrRequired},
		{"over capacity", func(n *Network) {
			n.Resources = []Resource{{ID: "room", Capacity: 1}}
			n.Activities[2].Demands = []Demand{{Resource: "room", Units: 2}}
		}, ErrImpossibleConstraint, CodeDemandCapacity, "activities[2].demands[0].units", validation.ErrConflict},
		{"unknown resource", func(n *Network) { n.Activities[2].Demands = []Demand{{Resource: "room", Units: 1}} }, ErrUnknownResource, CodeDemandResource, "activities[2].demands[0].resource", validation.ErrNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := base()
			tc.edit(&n)
			_, err := Schedule(n)
			if !errors.Is(err, tc.kind) || !errors.Is(err, tc.kind2) {
				t.Fatalf("err = %v, want %v", err, tc.kind)
			}
			var l validation.List
			if !errors.As(err, &l) {
				t.Fatalf("err %T is not a validation.List", err)
			}
			got := l.WithCode(tc.code)
			if len(got) != 1 || got[0].Path.String() != tc.path {
				t.Errorf("problems %v, want one %s at %s", l, tc.code, tc.path)
			}
			if n.Validate() == nil {
				t.Errorf("Validate found nothing")
			}
		})
	}
}

func TestLinkTypeText(t *testing.T) {
	for _, lt := range LinkTypes() {
		b, err := lt.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var got LinkType
		if err := got.UnmarshalText(b); err != nil || got != lt {
			t.Errorf("%s: round trip gave %v, %v", lt, got, err)
		}
		if err := got.UnmarshalText([]byte(lt.Short())); err != nil || got != lt {
			t.Errorf("%s: short form gave %v, %v", lt.Short(), got, err)
		}
	}
	lt := StartToFinish
	if err := lt.UnmarshalText([]byte("before")); err == nil || lt != StartToFinish {
		t.Errorf("unknown text accepted: %v %v", lt, err)
	}
	if _, err := LinkType(7).MarshalText(); err == nil {
		t.Error("LinkType(7) marshalled")
	}
}

func TestNetworkJSONRoundTrip(t *testing.T) {
	cal, err := calendar.New(calendar.Spec{Name: "emea", Workweek: calendar.MondayToFriday, HoursPerDay: 7.5, Holidays: []calendar.Holiday{{Name: "x", Date: d("2027-01-06")}}})
	if err != nil {
		t.Fatal(err)
	}
	n := fourTypes("2027-01-13")
	n.Calendar = cal
	n.Resources = []Resource{{ID: "room", Capacity: 2}}
	n.Activities[0].Demands = []Demand{{Resource: "room", Units: 1}}
	n.Activities[1].FinishNoLaterThan = d("2027-02-01")
	b, err := json.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"type":"start-to-start"`) || strings.Contains(string(b), `"finish-to-start"`) {
		t.Errorf("link types not written as text (finish-to-start omitted as the zero value): %s", b)
	}
	var back Network
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(n, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	r1, _ := Schedule(n)
	r2, _ := Schedule(back)
	if diff := cmp.Diff(r1.Timings(), r2.Timings()); diff != "" {
		t.Errorf("schedules differ:\n%s", diff)
	}
}

func TestEmptyNetwork(t *testing.T) {
	for _, n := range []Network{{Start: d("2027-01-04")}, {Deadline: d("2027-01-08"), Resources: []Resource{{ID: "r", Capacity: 1}}}} {
		r, err := Schedule(n)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Timings()) != 0 || len(r.CriticalPaths(0)) != 0 || !r.MeetsDeadline() {
			t.Errorf("empty network: %+v", r.Timings())
		}
		if _, missed := r.DeadlineMiss(); missed {
			t.Error("empty network misses its deadline")
		}
		l, err := Level(n)
		if err != nil || len(l.Timings()) != 0 || !l.MeetsDeadline() {
			t.Errorf("Level: %v", err)
		}
	}
}
