package plan_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/schedule/forecast"
	"github.com/rolloutkit/rollout/validation"
)

// TestActivityMovesOnlyFromTheirState: Reopen moves only a Complete
// activity (it never bypasses the entry gate), Start only a NotStarted one
// and Complete only an InProgress one; a refused move changes nothing.
func TestActivityMovesOnlyFromTheirState(t *testing.T) {
	ctx := context.Background()
	k := plan.DefaultChecker()
	tests := []struct {
		name  string
		state plan.ActivityState
		move  func(p *plan.Plan) error
	}{
		{"reopen not started", plan.NotStarted, func(p *plan.Plan) error { return p.Reopen(by) }},
		{"reopen in progress", plan.InProgress, func(p *plan.Plan) error { return p.Reopen(by) }},
		{"reopen not started with a reason", plan.NotStarted, func(p *plan.Plan) error {
			return p.Reopen(lifecycle.Change{By: by.By, At: by.At, Reason: plan.ReasonEntryCriterionMet})
		}},
		{"start complete", plan.Complete, func(p *plan.Plan) error { _, err := p.Start(ctx, k, by); return err }},
		{"start in progress", plan.InProgress, func(p *plan.Plan) error { _, err := p.Start(ctx, k, by); return err }},
		{"complete not started", plan.NotStarted, func(p *plan.Plan) error { _, err := p.Complete(ctx, k, by); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// No notification: the entry criterion does not hold.
			p := plan.New("p", plan.Release{Product: "X", Version: "1.0", Date: release})
			p.State = tt.state
			before := len(p.History)
			err := tt.move(p)
			var te *lifecycle.TransitionError
			if !errors.As(err, &te) || !errors.Is(err, lifecycle.ErrInvalidTransition) {
				t.Fatalf("err = %v, want a *lifecycle.TransitionError", err)
			}
			if p.State != tt.state || len(p.History) != before {
				t.Errorf("refused move changed the plan: state %v, %d events", p.State, len(p.History)-before)
			}
		})
	}
	// Reopen from Complete works and records the move.
	p := committed(t)
	p.State = plan.Complete
	if err := p.Reopen(lifecycle.Change{By: by.By, At: by.At, Reason: plan.ReasonReleaseChanged}); err != nil {
		t.Fatal(err)
	}
	if last := p.History[len(p.History)-1]; p.State != plan.InProgress || last.Reason != string(plan.ReasonReleaseChanged) || last.From != "complete" {
		t.Errorf("after Reopen: state %v, event %+v", p.State, last)
	}
}

// TestZeroCheckerRefuses: a Checker without rules returns an error, never
// a passing result, and a gate move with it changes nothing.
func TestZeroCheckerRefuses(t *testing.T) {
	ctx := context.Background()
	p := committed(t)
	for _, k := range []plan.Checker{{}, {Policy: plan.DefaultPolicy()}} {
		if rep, err := k.Check(ctx, p, plan.Entry); !errors.Is(err, plan.ErrNoRules) {
			t.Errorf("Check with no rules = %+v, %v; want ErrNoRules", rep, err)
		}
		if _, err := p.Start(ctx, k, by); !errors.Is(err, plan.ErrNoRules) || p.State != plan.NotStarted {
			t.Errorf("Start with no rules: %v, state %v", err, p.State)
		}
		if _, err := k.Status(ctx, p); !errors.Is(err, plan.ErrNoRules) {
			t.Errorf("Status with no rules: %v", err)
		}
	}
	if _, err := plan.DefaultChecker().Check(ctx, p, plan.Gate(9)); err == nil {
		t.Error("Check accepted an unknown gate")
	}
}

// TestNilPlan: every entry point given a nil plan returns an error
// wrapping ErrNilPlan, never panics.
func TestNilPlan(t *testing.T) {
	ctx := context.Background()
	var p *plan.Plan
	k := plan.DefaultChecker()
	checks := map[string]func() error{
		"Check":    func() error { _, err := k.Check(ctx, nil, plan.Exit); return err },
		"Status":   func() error { _, err := k.Status(ctx, nil); return err },
		"Validate": func() error { return p.Validate() },
		"Schedule": func() error { _, err := p.Schedule(); return err },
		"Forecast": func() error { _, err := p.Forecast(ctx, plan.ForecastOptions{}); return err },
		"Start":    func() error { _, err := p.Start(ctx, k, by); return err },
		"Complete": func() error { _, err := p.Complete(ctx, k, by); return err },
		"Reopen":   func() error { return p.Reopen(by) },
	}
	for name, check := range checks {
		if err := check(); !errors.Is(err, plan.ErrNilPlan) {
			t.Errorf("%s(nil) = %v, want ErrNilPlan", name, err)
		}
	}
	if l := p.ValidateList(); len(l) != 1 {
		t.Errorf("ValidateList(nil) = %v", l)
	}
	if _, err := plan.Encode(nil); err == nil {
		t.Error("Encode(nil) succeeded")
	}
}

// TestReleaseOnANonWorkday: a release date that is not a workday of the
// plan's calendar means "ready by the last workday before it", in backlog
// timing and in the scheduler alike, and the entry gate reports it.
func TestReleaseOnANonWorkday(t *testing.T) {
	saturday := calendar.MustParse("2027-04-17")
	friday := calendar.MustParse("2027-04-16")
	p := plan.New("p", plan.Release{Product: "X", Version: "1.0", Date: saturday})
	p.Notification = plan.Notification{From: "PO", At: t0, Reference: "R1", Version: "1.0", Date: saturday}
	p.Kickoff = calendar.MustParse("2027-01-11")
	if err := p.AddRequirement(backlog.Requirement{ID: "L", Title: "Launch", Category: backlog.CategoryProductLaunch, Timing: backlog.OnLaunchDay()}, by); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Analyze(nil, backlog.ExpandOptions{Change: by}); err != nil {
		t.Fatal(err)
	}
	launch, ok := p.Backlog.Task("L/launch")
	if !ok {
		t.Fatal("no launch milestone")
	}
	if launch.StartNoEarlierThan != friday || launch.FinishNoLaterThan != friday {
		t.Errorf("launch milestone pinned to %s..%s, want %s", launch.StartNoEarlierThan, launch.FinishNoLaterThan, friday)
	}
	res, err := p.Schedule()
	if err != nil {
		t.Fatal(err)
	}
	tm, err := res.Timing("L/launch")
	if err != nil {
		t.Fatal(err)
	}
	if tm.EarlyFinish.After(friday) {
		t.Errorf("launch milestone finishes %s, after the release's last workday %s", tm.EarlyFinish, friday)
	}
	for _, k := range []backlog.Timing{backlog.OnLaunchDay(), backlog.Before(0), backlog.After(0)} {
		if d, err := k.Date(saturday, nil); err != nil || d != friday {
			t.Errorf("%v.Date(Saturday) = %s, %v; want %s", k, d, err, friday)
		}
	}
	rep, err := plan.DefaultChecker().Check(context.Background(), p, plan.Entry)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, f := range rep.Findings {
		if f.Code == plan.CodeReleaseWorkday && f.Path.String() == "release.date" && f.Subject.Kind == plan.SubjectRelease {
			found = true
		}
	}
	if !found {
		t.Errorf("the entry gate does not report the non-workday release date: %v", rep.Findings)
	}
	p.Release.Date, p.Notification.Date = friday, friday
	rep, _ = plan.DefaultChecker().Check(context.Background(), p, plan.Entry)
	for _, f := range rep.Findings {
		if f.Code == plan.CodeReleaseWorkday {
			t.Errorf("a workday release date is reported: %v", f)
		}
	}
}

// TestMinOnTimeFailsTheExitGate: a training due 10 workdays before launch
// that misses its date in about half of the forecast's runs fails the
// exit gate under a policy asking for 80% on time, although the
// deterministic schedule meets every date; without the threshold no
// forecast runs.
func TestMinOnTimeFailsTheExitGate(t *testing.T) {
	p := committed(t)
	if err := p.AddRequirement(backlog.Requirement{ID: "R1", Title: "Train", Category: backlog.CategorySalesTraining}, by); err != nil {
		t.Fatal(err)
	}
	due, _ := calendar.Standard().AddWorkdays(p.Kickoff, 9)
	if err := p.AddTask(backlog.Task{ID: "T1", Title: "Train", Requirements: []string{"R1"}, Assignee: "ana",
		Estimate: backlog.ThreePoint(8, 10, 12), FinishNoLaterThan: due}, by); err != nil {
		t.Fatal(err)
	}
	find := func(pol plan.Policy) []plan.Finding {
		rule, _ := plan.DefaultRules().Get(plan.CodeScheduleMeetsDate)
		var out []plan.Finding
		for _, f := range rule.Check(plan.NewContext(p, pol)) {
			if f.Code == plan.CodeScheduleOnTime {
				out = append(out, f)
			}
		}
		return out
	}
	pol := plan.DefaultPolicy()
	if got := find(pol); len(got) != 0 {
		t.Errorf("without MinOnTime: %v", got)
	}
	pol.MinOnTime = 0.8
	got := find(pol)
	if len(got) != 1 || got[0].Severity != validation.Error || got[0].Path.String() != "release.date" {
		t.Fatalf("with MinOnTime 0.8: %v", got)
	}
	for _, want := range []string{"deterministic schedule meets every deadline", "P(on time for every deadline)", "P80"} {
		if !strings.Contains(got[0].Message, want) {
			t.Errorf("message %q lacks %q", got[0].Message, want)
		}
	}
	pol.MinOnTime = 0.01
	if got := find(pol); len(got) != 1 || got[0].Severity != validation.Info {
		t.Errorf("with MinOnTime 0.01: %v", got)
	}
	// The figures are the forecast's own (2,000 runs, seed 1, when
	// ForecastIterations is zero), and a probability equal to the
	// threshold meets it.
	fc, err := p.Forecast(context.Background(), plan.ForecastOptions{Options: forecast.Options{Iterations: 2000, Seed: 1}})
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("the deterministic schedule meets every deadline; the forecast (2000 runs) gives P(on time for every deadline) %.1f%% (ready by the release date %.1f%%), P80 %s; the policy asks for 80.0%%",
		100*fc.OnTime, 100*fc.ReadyByDeadline, fc.P80)
	if got[0].Message != want {
		t.Errorf("message\n%s\nwant\n%s", got[0].Message, want)
	}
	if fc.OnTime <= 0.01 || fc.OnTime >= 0.8 {
		t.Errorf("P(on time) %.3f, the test wants it between its thresholds", fc.OnTime)
	}
	pol.MinOnTime = fc.OnTime
	if got := find(pol); len(got) != 1 || got[0].Severity != validation.Info {
		t.Errorf("with MinOnTime equal to P(on time) %v: %v", fc.OnTime, got)
	}
	// With the release on the training's due date, the release date itself
	// is met in only some runs: its figure is the forecast's too.
	p.Release.Date = due
	fc, err = p.Forecast(context.Background(), plan.ForecastOptions{Options: forecast.Options{Iterations: 2000, Seed: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if fc.ReadyByDeadline <= 0 || fc.ReadyByDeadline >= 1 {
		t.Fatalf("ready by the release date in %.3f of the runs, the test wants some but not all", fc.ReadyByDeadline)
	}
	pol.MinOnTime = 0.8
	want = fmt.Sprintf("(ready by the release date %.1f%%)", 100*fc.ReadyByDeadline)
	if got := find(pol); len(got) != 1 || !strings.Contains(got[0].Message, want) {
		t.Errorf("with the release on the due date: %v, want the message to hold %q", got, want)
	}
}
