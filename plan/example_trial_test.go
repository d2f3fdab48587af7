package plan_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/readiness"
)

// A launch readiness item becomes ready only with evidence, and only from
// in progress or at risk (not started -> ready is no move of the lifecycle):
// add the evidence, then move it. A waiver's reason is the change's Note.
func ExamplePlan_TransitionReadiness() {
	ch := lifecycle.Change{By: "Fiona Walsh", At: time.Date(2027, time.April, 5, 9, 0, 0, 0, time.UTC)}
	p := plan.New("ledger-4.0", plan.Release{Product: "Contoso Ledger", Version: "4.0", Date: calendar.MustParse("2027-04-15")})
	_ = p.AddReadinessItems(ch,
		readiness.Item{ID: "support/trained", Function: readiness.Support, Title: "Help desk trained",
			Owner: "Fiona Walsh", MustHave: true, Due: backlog.Before(5)},
		readiness.Item{ID: "support/portal", Function: readiness.Support, Title: "Partner portal FAQ",
			Owner: "Fiona Walsh", MustHave: true, Due: backlog.Before(5)})

	fmt.Println(p.TransitionReadiness("support/trained", readiness.InProgress, ch))
	fmt.Println(p.TransitionReadiness("support/trained", readiness.Ready, ch) != nil) // no evidence yet
	fmt.Println(p.AddReadinessEvidence("support/trained", "https://wiki.contoso.com/helpdesk/training", "12 of 12 agents trained", ch))
	fmt.Println(p.TransitionReadiness("support/trained", readiness.Ready, ch))

	fmt.Println(p.TransitionReadiness("support/portal", readiness.Waived, ch) != nil) // no reason
	ch.Note = "the partner portal ships with 4.1"
	fmt.Println(p.TransitionReadiness("support/portal", readiness.Waived, ch))
	fmt.Println("blocking:", len(p.Readiness.Blocking()))
	// Output:
	// <nil>
	// true
	// <nil>
	// <nil>
	// true
	// <nil>
	// blocking: 0
}

// The exit gate levels the plan when the policy asks for it
// (Policy.LevelResources); Plan.Level gives the levelled schedule itself.
// Finish is the last workday of every task, launch follow-ups included;
// Ready the last workday of the release work, the date MeetsDeadline judges.
func ExamplePlan_Level() {
	p, err := sample.Plan()
	if err != nil {
		fmt.Println(err)
		return
	}
	lv, err := p.Level()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("ready:", lv.Ready(), "finish:", lv.Finish(), "meets the release date:", lv.MeetsDeadline())
	t, _ := lv.Timing("REQ-1/prepare-material")
	fmt.Println(t.ID, t.Start, t.Finish)

	k := sample.Checker()
	k.Policy.LevelResources = true
	res, err := k.Check(context.Background(), p, plan.Exit)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("findings:", len(res.Findings))
	// Output:
	// ready: 2027-04-15 finish: 2027-06-08 meets the release date: true
	// REQ-1/prepare-material 2027-03-18 2027-03-24
	// findings: 4
}

// A service answers with the gate's findings as JSON. A Finding marshals
// its Path both in the dotted form (resources.budget.lines[2]) and as the
// JSON Pointer web clients and RFC 9457 problem details want.
func ExampleGateResult_json() {
	p, err := sample.Plan()
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := sample.Checker().Check(context.Background(), p, plan.Exit)
	if err != nil {
		fmt.Println(err)
		return
	}
	// A Finding marshals with its path as a JSON Pointer ("pointer") into
	// the plan document, its subject and its sub-activity.
	enc := json.NewEncoder(os.Stdout)
	_ = enc.Encode(res.Findings[0])
	// Output:
	// {"code":"budget.underfunded","severity":"error","path":"resources.budget.lines[2]","pointer":"/resources/budget/lines/2","message":"category events: committed USD 110000.00 is USD 30000.00 short of the required USD 140000.00","subject":{"kind":"budget-category","id":"events"},"subActivity":"gain-commitments"}
}

// The wave before the point of no return (the sample's early adopters, before
// ring 1 migrates the tenants' ledgers) continues only through
// PassPointOfNoReturn, on the strength of a go/no-go review that decided go
// or go with conditions; TransitionWave refuses to continue it.
func ExamplePlan_PassPointOfNoReturn() {
	p, err := sample.Plan()
	if err != nil {
		fmt.Println(err)
		return
	}
	ch := lifecycle.Change{By: sample.ReleaseManager, At: sample.ReviewHeld}
	_ = p.TransitionWave(sample.PilotWave, deployment.Succeeded, ch)
	_ = p.TransitionWave(sample.PilotWave, deployment.Continued, ch)
	_ = p.TransitionWave(sample.EarlyAdoptersWave, deployment.Succeeded, ch)

	err = p.TransitionWave(sample.EarlyAdoptersWave, deployment.Continued, ch)
	fmt.Println("continue without a review:", errors.Is(err, deployment.ErrPointOfNoReturn))
	err = p.PassPointOfNoReturn("GNG-1", ch)
	fmt.Println("review undecided:", errors.Is(err, plan.ErrGoNoGoNotGo))

	// Every approver votes go with conditions, naming the must-have
	// readiness items still open.
	var open []string
	for _, it := range p.Readiness.Blocking() {
		open = append(open, it.ID)
	}
	d, _, _ := p.LaunchDecision()
	for _, b := range d.Ballots {
		vote := lifecycle.Change{By: b.Approver, At: sample.ReviewHeld}
		if err := p.CastVote(d.ID, b.Approver, plan.GoWithConditions, "close the open items before ring 1", vote, open...); err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Println(p.PassPointOfNoReturn(d.ID, ch))
	w := p.Deployment.Waves[1]
	fmt.Println(w.ID, w.Evaluation.Current(), w.Evaluation.Approval)
	// Output:
	// continue without a review: true
	// review undecided: true
	// <nil>
	// W2-early continued GNG-1
}
