package deployment_test

import (
	"fmt"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/lifecycle"
)

// A pilot wave is judged against its success criteria, then the rollout
// continues.
func ExamplePlan_Transition() {
	d := &deployment.Plan{Waves: []deployment.Wave{{
		ID: "W1", Name: "Internal pilot", Ring: deployment.RingPilot,
		Audience: deployment.Audience{Segment: "Staff tenants", Customers: 2},
		Deploy:   backlog.Days(1), SoakDays: 3,
		Criteria: []deployment.Criterion{{Metric: "error rate", Comparison: deployment.AtMost, Threshold: 0.5, Unit: "%", WindowHours: 48}},
		Rollback: deployment.Rollback{Plan: "Restore the 3.8 images (runbook RB-7)"},
	}}}
	at := time.Date(2027, time.March, 26, 10, 0, 0, 0, time.UTC)
	outcome := d.Waves[0].Judge(map[string]float64{"error rate": 0.2})
	if err := d.Transition("W1", outcome, lifecycle.Change{By: "Rita", At: at}); err != nil {
		fmt.Println(err)
	}
	if err := d.Transition("W1", deployment.Continued, lifecycle.Change{By: "Rita", At: at.Add(time.Hour)}); err != nil {
		fmt.Println(err)
	}
	for _, e := range d.Events {
		fmt.Printf("%s: %s -> %s (%s) by %s\n", e.Subject, e.From, e.To, e.Reason, e.By)
	}
	// Output:
	// W1: pending -> succeeded (Success criteria met) by Rita
	// W1: succeeded -> continued (Promoted to the next wave) by Rita
}

// Continuing into the wave at the point of no return needs a go/no-go.
func ExamplePlan_PassPointOfNoReturn() {
	d := rollout()
	ch := lifecycle.Change{By: "Rita", At: time.Date(2027, time.April, 2, 9, 0, 0, 0, time.UTC)}
	for _, m := range []struct {
		wave string
		to   deployment.EvaluationState
	}{{"W1", deployment.Succeeded}, {"W1", deployment.Continued}, {"W2", deployment.Succeeded}} {
		if err := d.Transition(m.wave, m.to, ch); err != nil {
			fmt.Println(err)
		}
	}
	fmt.Println(d.Transition("W2", deployment.Continued, ch))
	fmt.Println(d.PassPointOfNoReturn("W2", "GNG-1", ch))
	w, _, _ := d.Wave("W2")
	fmt.Println(w.Evaluation.Decision(), w.Evaluation.Approval)
	// Output:
	// deployment: wave W2: point of no return needs a recorded go/no-go: wave W3 is past the point of no return (ledgers migrate to the 4.0 schema); continue with PassPointOfNoReturn once a go/no-go review has decided go
	// <nil>
	// continued GNG-1
}

// Waves become tasks: deploy, soak, evaluate and a gate per wave, each
// wave after the previous wave's gate.
func ExamplePlan_Tasks() {
	tasks, err := rollout().Tasks(deployment.TaskOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range tasks[:5] {
		fmt.Println(t.ID, t.Estimate.MostLikely, t.Dependencies)
	}
	// Output:
	// W1/deploy 1 []
	// W1/soak 3 [{W1/deploy finish-to-start 0}]
	// W1/evaluate 0.5 [{W1/soak finish-to-start 0}]
	// W1/gate 0 [{W1/evaluate finish-to-start 0}]
	// W2/deploy 1 [{W1/gate finish-to-start 0}]
}

// TaskID names a wave's task without building the string by hand: find
// the gate at which the wave's evaluation is decided, and the next wave's
// deployment that waits for it.
func ExampleTaskID() {
	tasks, err := rollout().Tasks(deployment.TaskOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	gate := deployment.TaskID("W1", deployment.StepGate)
	for _, t := range tasks {
		if t.ID == deployment.TaskID("W2", deployment.StepDeploy) {
			fmt.Println(gate, t.ID, t.Dependencies[0].Task == gate)
		}
	}
	// Output:
	// W1/gate W2/deploy true
}

// Validation names every problem with its path and subject.
func ExamplePlan_Validate() {
	d := rollout()
	d.Waves[1].Audience.Share = 150
	d.Waves[2].Criteria[0].Comparison = "<="
	fmt.Println(d.Validate())
	// Output:
	// 2 problems:
	// 	waves[1].audience.share: share 150 % is outside 0 to 100 [deployment.wave.audience]
	// 	waves[2].criteria[0].comparison: "<=" is not supported (supported: below, at-most, above, at-least) [deployment.criterion]
}

// Decode refuses bad input with its path.
func ExampleDecode() {
	_, err := deployment.Decode([]byte(`{"waves":[{"id":"W1","name":"Pilot","ring":"canary","audience":{"segment":"Staff","customers":2},"deploy":{"mostLikely":1},"soakDays":2}]}`))
	fmt.Println(err)
	// Output:
	// waves[0].ring: "canary" is not supported (supported: pilot, early-adopters, broad, general-availability) [deployment.wave.ring]
}
