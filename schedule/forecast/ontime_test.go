package forecast

import (
	"math"
	"testing"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/schedule"
)

// TestOnTimeMeansEveryDeadline: a release activity due 10 workdays before
// the release date that misses its own date in about half the runs makes
// those runs late, even though the release work is always ready by the
// release date.
func TestOnTimeMeansEveryDeadline(t *testing.T) {
	cal := calendar.Standard()
	deadline, _ := cal.AddWorkdays(start, 39) // 40 workdays from the start
	due, _ := cal.AddWorkdays(start, 9)       // the 10th workday
	net := schedule.Network{Start: start, Deadline: deadline, Activities: []schedule.Activity{
		{ID: "train", Duration: 10, FinishNoLaterThan: due},
		{ID: "launch", Duration: 0},
	}, Dependencies: []schedule.Dependency{{From: "train", To: "launch"}}}
	// Symmetric around 10 workdays: late in about half the runs.
	in := Input{Distribution: Uniform, Estimates: []Estimate{est("train", 8, 10, 12)}}
	r := mustRun(t, net, in, Options{Iterations: 4000, Seed: 1})
	if r.ReadyByDeadline != 1 {
		t.Errorf("ReadyByDeadline = %v, want 1 (the release date is never missed)", r.ReadyByDeadline)
	}
	// P(duration > 10) for the uniform distribution on [8, 12] sampled to
	// whole workdays is close to one half; allow a wide margin.
	if r.OnTime > 0.7 || r.OnTime < 0.3 {
		t.Errorf("OnTime = %v, want about one half: the training misses its date in about half the runs", r.OnTime)
	}
	if r.OnTime > r.ReadyByDeadline {
		t.Errorf("OnTime %v above ReadyByDeadline %v", r.OnTime, r.ReadyByDeadline)
	}
	// Without the activity's own date, on time is ready by the deadline.
	net.Activities[0].FinishNoLaterThan = calendar.Date{}
	r = mustRun(t, net, in, Options{Iterations: 4000, Seed: 1})
	if math.Abs(r.OnTime-r.ReadyByDeadline) > 0 || r.OnTime != 1 {
		t.Errorf("without its own date: OnTime %v, ReadyByDeadline %v", r.OnTime, r.ReadyByDeadline)
	}
}
