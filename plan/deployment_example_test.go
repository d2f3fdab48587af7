package plan_test

import (
	"fmt"
	"time"

	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan/sample"
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
