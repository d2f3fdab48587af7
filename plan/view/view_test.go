package view_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/calendar"

	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/plan/view"
	"github.com/rolloutkit/rollout/validation"
)

func sampleView(t testing.TB) *view.View {
	t.Helper()
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	v, err := view.New(p, view.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSample(t *testing.T) {
	v := sampleView(t)
	if err := v.Require(); err != nil {
		t.Fatal(err)
	}
	if len(v.Tasks) != v.Plan.Backlog.NumTasks() {
		t.Errorf("tasks = %d, want %d", len(v.Tasks), v.Plan.Backlog.NumTasks())
	}
	kinds := map[view.EventKind]int{}
	for _, e := range v.Events {
		kinds[e.Kind]++
		if e.Start.IsZero() || e.Finish.Before(e.Start) {
			t.Errorf("event %s: dates %s..%s", e.Key, e.Start, e.Finish)
		}
	}
	for _, k := range []view.EventKind{view.EventLaunch, view.EventReview, view.EventTraining, view.EventTradeShow, view.EventRoadShow} {
		if kinds[k] == 0 {
			t.Errorf("no %s event in %v", k, kinds)
		}
	}
	if len(v.Windows) == 0 {
		t.Error("no deployment wave windows")
	}
	if len(v.Chain) == 0 {
		t.Error("no critical chain")
	}
	on := 0
	for _, tk := range v.Tasks {
		if tk.OnChain {
			on++
		}
	}
	if on != len(v.Chain) {
		t.Errorf("%d tasks on the chain, chain has %d", on, len(v.Chain))
	}
	covered := 0
	for _, r := range v.Requirements {
		covered += len(r.Tasks)
		for _, i := range r.Tasks {
			if v.Tasks[i].Requirement != r.ID {
				t.Errorf("task %s listed under %s", v.Tasks[i].ID, r.ID)
			}
		}
	}
	if covered == 0 {
		t.Error("no requirement has tasks")
	}
	if first := v.Pool(); first != v.Pool() {
		t.Error("pool recomputed")
	}
}

func TestInvalid(t *testing.T) {
	p := plan.New("", plan.Release{})
	_, err := view.New(p, view.Options{})
	if !errors.Is(err, view.ErrInvalidPlan) {
		t.Fatalf("err = %v, want ErrInvalidPlan", err)
	}
	var l validation.List
	if !errors.As(err, &l) || len(l) == 0 {
		t.Errorf("err does not carry the validation list: %v", err)
	}
	if _, err := view.New(p, view.Options{AllowInvalid: true}); err != nil {
		t.Errorf("AllowInvalid: %v", err)
	}
	if _, err := view.New(nil, view.Options{}); err == nil {
		t.Error("nil plan accepted")
	}
}

func TestFreezeWindows(t *testing.T) {
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	spec := p.Calendar.Spec()
	spec.Freezes = append(spec.Freezes, calendar.Freeze{Name: "Quarter-end close", From: calendar.MustParse("2027-03-29"), Through: calendar.MustParse("2027-04-02")})
	if p.Calendar, err = calendar.New(spec); err != nil {
		t.Fatal(err)
	}
	v, err := view.New(p, view.Options{AllowInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []view.Window
	for _, w := range v.Windows {
		if w.Kind == view.WindowFreeze {
			got = append(got, w)
		}
	}
	// The plan calendar's freezes and those of the deployment plan's
	// calendar.
	want := []view.Window{
		{Key: "freeze/2027-03-29/Q1 close of hosted customers", Kind: view.WindowFreeze, Title: "Q1 close of hosted customers",
			From: calendar.MustParse("2027-03-29"), Through: calendar.MustParse("2027-04-02")},
		{Key: "freeze/2027-03-29/Quarter-end close", Kind: view.WindowFreeze, Title: "Quarter-end close",
			From: calendar.MustParse("2027-03-29"), Through: calendar.MustParse("2027-04-02")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("freeze windows (-want +got):\n%s", diff)
	}
}
