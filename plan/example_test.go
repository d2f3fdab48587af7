package plan_test

import (
	"context"
	"fmt"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
)

// The activity starts only when its entry criterion holds: the
// notification that the project is committed to the release on its date.
func ExamplePlan_Start() {
	ctx := context.Background()
	release := calendar.MustParse("2027-04-15")
	p := plan.New("ledger-4.0", plan.Release{Product: "Contoso Ledger", Version: "4.0", Date: release})
	change := lifecycle.Change{By: "Rita (Release Manager)", At: time.Date(2027, 1, 11, 9, 0, 0, 0, time.UTC)}

	_, err := p.Start(ctx, plan.DefaultChecker(), change)
	fmt.Println(err)

	p.Notification = plan.Notification{From: "Program Office", At: change.At, Reference: "PO-17", Version: "4.0", Date: release}
	if _, err := p.Start(ctx, plan.DefaultChecker(), change); err != nil {
		fmt.Println(err)
	}
	fmt.Println(p.State)
	// Output:
	// plan: entry criterion not met: 1 blocking finding(s); notification: the plan records no notification that the project is committed to a product release on a given date [plan.entry.notification]
	// in-progress
}

// A company writes its own plan rule as a value, adds it to the built-in
// rules and unit-tests it on its own.
func ExampleRules_Add() {
	pressReviewed := plan.Rule{
		Code:        "acme.press-release.legal-review",
		Gate:        plan.Exit,
		SubActivity: plan.GatherRequirements,
		Summary:     "press releases are reviewed by legal",
		Check: func(c *plan.Context) []plan.Finding {
			var out []plan.Finding
			for _, r := range c.Requirements() {
				if r.Category == backlog.CategoryPressReleases && r.Source != "legal" {
					// The builder fills path, subject and sub-activity.
					out = append(out, c.Requirement(r.ID).Field("source").
						Invalid("press release %s has not been reviewed by legal", r.ID))
				}
			}
			return out
		},
	}
	rules := plan.DefaultRules()
	if err := rules.Add(pressReviewed); err != nil {
		fmt.Println(err)
	}
	checker := plan.Checker{Rules: rules, Policy: plan.DefaultPolicy()}

	p := plan.New("p", plan.Release{Version: "1.0", Date: calendar.MustParse("2027-04-15")})
	if err := p.Backlog.AddRequirement(backlog.Requirement{ID: "PR-1", Title: "Launch press release", Category: backlog.CategoryPressReleases}, lifecycle.Change{By: testBy, At: testAt}); err != nil {
		fmt.Println(err)
	}
	// Unit-test the rule alone...
	for _, f := range pressReviewed.Check(plan.NewContext(p, checker.Policy)) {
		fmt.Println(f.Path, f.Message)
	}
	// ...or run it with the others.
	rep, _ := checker.Check(context.Background(), p, plan.Exit)
	fmt.Println(len(rep.For(plan.GatherRequirements)) > 1)
	// Output:
	// backlog.requirements[0].source press release PR-1 has not been reviewed by legal
	// true
}

// Any single no-go stops the launch.
func ExampleDecision_Outcome() {
	d := plan.Decision{ID: "GNG-1", Ballots: []plan.Ballot{
		{Approver: "Rita", Role: plan.ReleaseManager, Vote: plan.Go},
		{Approver: "Pat", Role: plan.ProjectManager, Vote: plan.GoWithConditions, Note: "FAQ published first"},
	}}
	fmt.Println(d.Outcome(), d.Conditions())
	d.Ballots = append(d.Ballots, plan.Ballot{Approver: "Ivo", Role: plan.IPMOfficer, Vote: plan.NoGo, Note: "no trainers in EMEA"})
	fmt.Println(d.Outcome())
	// Output:
	// go-with-conditions [Pat: FAQ published first]
	// no-go
}

// Comparing a baseline with the plan lists every change by entity ID.
func ExamplePlan_CompareWithBaseline() {
	p := plan.New("p", plan.Release{Version: "1.0", Date: calendar.MustParse("2027-04-15")})
	p.Kickoff = calendar.MustParse("2027-03-01")
	ch := lifecycle.Change{At: testAt, By: "rita"}
	_ = p.Backlog.AddRequirement(backlog.Requirement{ID: "R1", Title: "Sales training", Category: backlog.CategorySalesTraining}, ch)
	_ = p.Backlog.AddTask(backlog.Task{ID: "T1", Title: "Write material", Requirements: []string{"R1"}, Estimate: backlog.Days(5)}, ch)
	if _, err := p.TakeBaseline("committed", ch); err != nil {
		fmt.Println(err)
	}
	t, _ := p.Backlog.Task("T1")
	t.Estimate = backlog.Days(8)
	_ = p.Backlog.UpdateTask(t)

	cmp, err := p.CompareWithBaseline("committed")
	if err != nil {
		fmt.Println(err)
	}
	for _, c := range cmp.Differences {
		fmt.Println(c)
	}
	for _, v := range cmp.Variances {
		fmt.Println(v.TaskID, "finish moved", v.FinishVariance, "workdays to", v.Finish)
	}
	// Output:
	// task T1: backlog.tasks["T1"].estimate.mostLikely changed from 5 to 8
	// T1 finish moved 3 workdays to 2027-03-10
}

// A service uses the fingerprint as the plan's ETag: equal for equal
// content, whatever the document's layout, and new after any change.
func ExamplePlan_Fingerprint() {
	release := calendar.MustParse("2027-04-15")
	p := plan.New("ledger-4.0", plan.Release{Product: "Contoso Ledger", Version: "4.0", Date: release})
	etag, err := p.Fingerprint()
	if err != nil {
		fmt.Println(err)
		return
	}
	doc, _ := plan.Encode(p) // indented
	stored, err := plan.Decode(doc, plan.DecodeOptions{AllowInvalid: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	same, _ := stored.Fingerprint()
	fmt.Println(len(etag), same == etag)

	p.Revise(lifecycle.Change{By: "rita", At: time.Date(2027, 1, 11, 9, 0, 0, 0, time.UTC)})
	revised, _ := p.Fingerprint()
	fmt.Println(revised == etag)
	// Output:
	// 64 true
	// false
}
