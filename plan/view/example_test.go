package view_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
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

// A renderer's Marshal starts with Use and its Write is view.Write: the
// view is built once (or taken from the caller) and checked, and the
// document is written with one call or not at all.
func ExampleUse() {
	p, err := sample.Plan()
	if err != nil {
		panic(err)
	}
	type options struct{ View *view.View }
	marshal := func(_ context.Context, p *plan.Plan, o options) ([]byte, error) {
		v, err := view.Use("milestones", p, o.View)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		for _, e := range v.Events {
			if e.Kind == view.EventLaunch {
				fmt.Fprintln(&b, e.Start, e.Title)
			}
		}
		return b.Bytes(), nil
	}
	if err := view.Write(context.Background(), os.Stdout, p, options{}, marshal); err != nil {
		fmt.Println(err)
	}
	err = view.Write(context.Background(), os.Stdout, plan.New("", plan.Release{}), options{}, marshal)
	fmt.Println(errors.Is(err, view.ErrInvalidPlan))
	// Output:
	// 2027-04-15 Launch of Contoso Ledger 4.0
	// true
}

// The sample plan's deployment waves, point of no return and hypercare,
// as the Markdown and HTML reports and the iCalendar export show them.
func ExampleView_Rollout() {
	p, err := sample.Plan()
	if err != nil {
		panic(err)
	}
	v, err := view.New(p, view.Options{})
	if err != nil {
		panic(err)
	}
	r := v.Rollout()
	for _, w := range r.Waves {
		fmt.Println(w.ID, w.Ring, w.Start, "to", w.Gate, w.EvaluationText())
	}
	fmt.Println("point of no return:", r.PointOfNoReturn.Wave, "guarded by", r.PointOfNoReturn.Guard())
	fmt.Println("hypercare:", r.Hypercare.From, "to", r.Hypercare.Through, r.Hypercare.Workdays, "workdays")
	rd := v.Readiness(calendar.MustParse("2027-04-05"))
	fmt.Println("readiness:", rd.Total.Items, "items,", len(rd.Blocking()), "blocking a go, first", rd.Blocking()[0].ID, rd.Blocking()[0].StatusText())
	// Output:
	// W1-internal pilot 2027-03-15 to 2027-03-19 pending
	// W2-early early-adopters 2027-04-05 to 2027-04-13 pending
	// W3-ring1 broad 2027-04-16 to 2027-04-27 pending
	// W4-everyone general-availability 2027-04-28 to 2027-05-05 pending
	// point of no return: W3-ring1 guarded by GNG-1 (undecided, 2027-04-12)
	// hypercare: 2027-04-15 to 2027-05-12 20 workdays
	// readiness: 29 items, 20 blocking a go, first licensing-legal/approved in-progress (OVERDUE)
}
