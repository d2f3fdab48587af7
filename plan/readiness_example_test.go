package plan_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/readiness"
)

// The go/no-go review sees the launch readiness checklist: a go is refused
// while a must-have item is neither ready nor waived; a go-with-conditions
// names the items.
func ExamplePlan_CastVote_readiness() {
	at := time.Date(2027, time.April, 12, 15, 0, 0, 0, time.UTC)
	ch := lifecycle.Change{By: "Rita Alvarez", At: at}
	p := plan.New("ledger-4.0", plan.Release{Product: "Contoso Ledger", Version: "4.0", Date: calendar.MustParse("2027-04-15")})
	_ = p.Assign(plan.ReleaseManager, ch, "Rita Alvarez")
	_ = p.Assign("Support Lead", ch, "Fiona Walsh")
	_ = p.AddReadinessItems(ch,
		readiness.Item{ID: "support/known-issues", Function: readiness.Support, Title: "Known-issues article published",
			Owner: "Luis Romero", MustHave: true, Due: backlog.Before(5)})
	_ = p.ScheduleDecision("GNG-1", at, []string{"Rita Alvarez", "Fiona Walsh"}, ch)

	err := p.CastVote("GNG-1", "Fiona Walsh", plan.Go, "", ch)
	fmt.Println(errors.Is(err, plan.ErrNotReady))
	fmt.Println(err)
	err = p.CastVote("GNG-1", "Fiona Walsh", plan.GoWithConditions, "Article goes live on launch morning", ch, "support/known-issues")
	d, _, _ := p.LaunchDecision()
	fmt.Println(err, d.Ballots[1].Vote, d.Ballots[1].Conditions)
	// Output:
	// true
	// decisions[0].ballots[1].vote: a go is refused while must-have readiness items are neither ready nor waived: support/known-issues; vote go-with-conditions naming them, or no-go [plan.decision.readiness]
	// <nil> go-with-conditions [support/known-issues]
}
