package view_test

import (
	"fmt"

	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/plan/view"
)

// The sample plan's launch and go/no-go review, as every renderer sees
// them.
func ExampleNew() {
	p, err := sample.Plan()
	if err != nil {
		panic(err)
	}
	v, err := view.New(p, view.Options{})
	if err != nil {
		panic(err)
	}
	for _, e := range v.Events {
		if e.Kind == view.EventLaunch || e.Kind == view.EventReview {
			fmt.Println(e.Start, e.Kind, e.Title)
		}
	}
	fmt.Println("schedule from", v.Start(), "to", v.Finish())
	// Output:
	// 2027-04-05 go-no-go-review Go/no-go decision: Cutover of the hosted service to 4.0
	// 2027-04-12 go-no-go-review Go/no-go review GNG-1
	// 2027-04-15 launch Launch of Contoso Ledger 4.0
	// schedule from 2027-01-11 to 2027-06-08
}
