package plan_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/workitem"
)

// The sample's waves, their windows from the schedule, and the first
// wave's evaluation recorded in the plan's history.
func ExamplePlan_WaveWindows() {
	p, err := sample.Plan()
	if err != nil {
		fmt.Println(err)
		return
	}
	windows, err := p.WaveWindows()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range windows {
		fmt.Printf("%-12s %s to %s\n", w.Wave, w.Start, w.Gate)
	}
	ch := lifecycle.Change{By: sample.ReleaseManager, At: time.Date(2027, time.March, 19, 16, 0, 0, 0, time.UTC)}
	if err := p.TransitionWave(sample.PilotWave, deployment.Succeeded, ch); err != nil {
		fmt.Println(err)
	}
	fmt.Println(p.TransitionWave(sample.RingWave, deployment.Succeeded, ch))
	last := p.History[len(p.History)-1]
	fmt.Println(last.Kind, last.Subject, last.From, "->", last.To, "("+last.Reason+")")
	// Output:
	// W1-internal  2027-03-15 to 2027-03-19
	// W2-early     2027-04-05 to 2027-04-13
	// W3-ring1     2027-04-16 to 2027-04-27
	// W4-everyone  2027-04-28 to 2027-05-05
	// deployment: wave W3-ring1: previous wave has not continued: wave W2-early is pending
	// wave W1-internal pending -> succeeded (Success criteria met)
}

// A wave's gate task completes only once the wave's evaluation has
// continued, and the next wave is deployed only after that.
func ExamplePlan_TransitionBacklog_waveGate() {
	p, err := sample.Plan()
	if err != nil {
		fmt.Println(err)
		return
	}
	ch := lifecycle.Change{By: sample.ReleaseManager, At: time.Date(2027, time.March, 19, 16, 0, 0, 0, time.UTC)}
	gate, next := sample.PilotWave+"/gate", sample.EarlyAdoptersWave+"/deploy"
	err = p.TransitionBacklog(gate, workitem.Closed, ch) // active since planning
	fmt.Println(errors.Is(err, plan.ErrGateNotContinued), err)
	err = p.TransitionBacklog(next, workitem.Active, ch)
	fmt.Println(errors.Is(err, deployment.ErrPreviousWave), err)
	for _, to := range []deployment.EvaluationState{deployment.Succeeded, deployment.Continued} {
		if err := p.TransitionWave(sample.PilotWave, to, ch); err != nil {
			fmt.Println(err)
		}
	}
	fmt.Println(p.TransitionBacklog(gate, workitem.Closed, ch), p.TransitionBacklog(next, workitem.Active, ch))
	// Output:
	// true plan: task W1-internal/gate: wave's evaluation has not continued: wave W1-internal is pending; record the decision to continue (TransitionWave) before completing its gate
	// true plan: task W2-early/deploy: previous wave has not continued: wave W1-internal is pending; wave W2-early is deployed only once it continues
	// <nil> <nil>
}
