package resource_test

import (
	"fmt"
	"time"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/resource/money"
)

// A trainer booked on two overlapping trainings is over-allocated on the
// days they share.
func ExamplePool_Load() {
	p := &resource.Pool{
		Resources: []resource.Resource{{ID: "ana", Name: "Ana Ortiz", Kind: resource.KindPerson, Role: "trainer"}},
		Demands: []resource.Demand{
			{ID: "sales-training", ResourceID: "ana", Quantity: resource.HoursOf(40),
				From: calendar.MustParse("2027-03-01"), To: calendar.MustParse("2027-03-05")},
			{ID: "helpdesk-training", ResourceID: "ana", Quantity: resource.HoursOf(12),
				From: calendar.MustParse("2027-03-04"), To: calendar.MustParse("2027-03-08")},
		},
	}
	rep, err := p.Load(calendar.Date{}, calendar.Date{})
	if err != nil {
		panic(err)
	}
	for _, o := range rep.OverAllocations {
		fmt.Println(o.String())
		for _, day := range o.Days {
			fmt.Printf("  %s: %v of %v hours\n", day.Date, day.Load, day.Capacity)
		}
	}
	for _, w := range rep.Resources[0].Weeks() {
		fmt.Printf("%s: %v of %v hours, over: %v\n", w, w.Load, w.Capacity, w.Over())
	}
	// Output:
	// ana: 2 days from 2027-03-04 to 2027-03-05, up to 4 hours over (sales-training, helpdesk-training)
	//   2027-03-04: 12 of 8 hours
	//   2027-03-05: 12 of 8 hours
	// 2027-W09: 48 of 40 hours, over: true
	// 2027-W10: 4 of 8 hours, over: false
}

// A commitment is negotiated with the IPMO, committed against a plan
// revision, and flagged for reconfirmation when the demand changes.
func ExampleCommitment() {
	at := time.Date(2027, 2, 1, 10, 0, 0, 0, time.UTC)
	demand := &resource.Demand{ID: "D1", Role: "trainer", Quantity: resource.HoursOf(16),
		From: calendar.MustParse("2027-03-01"), To: calendar.MustParse("2027-03-02")}

	c, _ := resource.Request("C1", demand, lifecycle.Change{By: "release manager", At: at})
	_ = c.CounterOffer(resource.Offer{Terms: resource.Terms{ResourceID: "bob", Quantity: resource.HoursOf(12),
		From: demand.From, To: demand.To, Conditions: "remote delivery"}}, lifecycle.Change{By: "ipmo", At: at})
	if err := c.Commit(demand, 7, lifecycle.Change{By: "ipmo", At: at.Add(time.Hour)}); err != nil {
		panic(err)
	}
	fmt.Println(c.State, c.Terms.Quantity, "by", c.CommittedBy, "against", c.Revision)

	// A refused move returns an error and changes nothing.
	err := c.Decline(lifecycle.Change{At: testAt, By: "ipmo"})
	fmt.Println(err)
	fmt.Println(c.State)

	// The demand grows: the commitment no longer covers it silently.
	demand.Quantity = resource.HoursOf(24)
	fmt.Println("needs reconfirmation:", c.NeedsReconfirmation(demand))

	for _, ev := range c.History {
		fmt.Printf("%s -> %s (%s, by %s)\n", ev.From, ev.To, ev.Reason, ev.By)
	}
	// Output:
	// committed 12 hours by ipmo against 7
	// commitment C1: cannot move from committed to declined (allowed from committed: released, withdrawn, under-negotiation)
	// committed
	// needs reconfirmation: true
	//  -> requested (Requested, by release manager)
	// requested -> under-negotiation (Counter-offer, by ipmo)
	// under-negotiation -> committed (Offer Accepted, by ipmo)
}

// Coverage tells, for each demand, how much committed supply counts and
// what is missing.
func ExamplePool_Coverage() {
	at := time.Date(2027, 2, 1, 10, 0, 0, 0, time.UTC)
	p := &resource.Pool{
		Resources: []resource.Resource{{ID: "room", Name: "Training room", Kind: resource.KindFacility, Capacity: 24}},
		Demands: []resource.Demand{
			{ID: "room-for-sales", ResourceID: "room", Quantity: resource.SeatsOf(20),
				From: calendar.MustParse("2027-03-01"), To: calendar.MustParse("2027-03-04")},
			{ID: "booth", Kind: resource.KindMoney, Quantity: resource.MoneyOf(money.MustParse("EUR 12000")), Category: resource.CategoryEvents},
		},
	}
	// The IPMO commits the room for two of the four days and EUR 9000.
	c1, _ := resource.Request("C1", &p.Demands[0], lifecycle.Change{By: "rm", At: at})
	_ = c1.CounterOffer(resource.Offer{Terms: resource.Terms{ResourceID: "room", Quantity: resource.SeatsOf(20),
		From: calendar.MustParse("2027-03-01"), To: calendar.MustParse("2027-03-02")}}, lifecycle.Change{By: "ipmo", At: at})
	_ = c1.Commit(&p.Demands[0], 1, lifecycle.Change{By: "ipmo", At: at})
	c2, _ := resource.Request("C2", &p.Demands[1], lifecycle.Change{By: "rm", At: at})
	_ = c2.CounterOffer(resource.Offer{Terms: resource.Terms{Quantity: resource.MoneyOf(money.MustParse("EUR 9000"))}}, lifecycle.Change{By: "ipmo", At: at})
	_ = c2.Commit(&p.Demands[1], 1, lifecycle.Change{By: "ipmo", At: at})
	p.Commitments = append(p.Commitments, c1, c2)

	for _, c := range p.Coverage(1) {
		fmt.Printf("%s: %s, covered %s, gap %s\n", c.DemandID, c.Status, c.Covered, c.Gap)
	}
	for _, pr := range p.CheckCoverage(2) {
		fmt.Println(pr)
	}
	// Output:
	// room-for-sales: partly-covered, covered 10 seats, gap 10 seats
	// booth: partly-covered, covered EUR 9000.00, gap EUR 3000.00
	// demands[0]: demand room-for-sales is not covered: 20 seats of 20 seats missing (given against another revision: C1) [demand.uncovered]
	// demands[1]: demand booth is not covered: EUR 12000.00 of EUR 12000.00 missing (given against another revision: C2) [demand.uncovered]
}

// The budget is summed per category; CheckBudget reports the categories
// the IPMO has not fully funded.
func ExampleBudget_ByCategory() {
	eur := func(s string) money.Money { return money.MustParse("EUR " + s) }
	p := &resource.Pool{Budget: resource.Budget{
		Currency:   "EUR",
		Categories: []resource.Category{"partner-enablement"},
		Lines: []resource.BudgetLine{
			{ID: "B1", Category: resource.CategoryTraining, Description: "Trainer travel", Required: eur("8000"), Committed: eur("6000"), Spent: eur("1500")},
			{ID: "B2", Category: resource.CategoryTraining, Description: "Course material", Required: eur("2000"), Committed: eur("2000")},
			{ID: "B3", Category: "partner-enablement", Required: eur("3000"), Committed: eur("3000"), Spent: eur("3100.50")},
		},
	}}
	figs, _ := p.Budget.ByCategory()
	for _, f := range figs {
		funding, _ := f.Funding()
		remaining, _ := f.Remaining()
		fmt.Printf("%s: required %s, committed %s, spent %s, funding %s, remaining %s\n",
			f.Category, f.Required, f.Committed, f.Spent, funding, remaining)
	}
	for _, pr := range p.CheckBudget() {
		fmt.Println(pr.Severity, pr)
	}
	// Output:
	// training: required EUR 10000.00, committed EUR 8000.00, spent EUR 1500.00, funding EUR -2000.00, remaining EUR 6500.00
	// partner-enablement: required EUR 3000.00, committed EUR 3000.00, spent EUR 3100.50, funding EUR 0.00, remaining EUR -100.50
	// error budget.lines[0]: category training: committed EUR 8000.00 is EUR 2000.00 short of the required EUR 10000.00 [budget.underfunded]
	// warning budget.lines[2]: category partner-enablement: spent EUR 3100.50 exceeds the committed EUR 3000.00 by EUR 100.50 [budget.overspent]
}

func ExampleCommitmentLifecycle() {
	fmt.Print(resource.CommitmentLifecycle().Mermaid())
	// Output:
	// stateDiagram-v2
	//     [*] --> requested: Requested
	//     requested --> under_negotiation: Counter-offer
	//     requested --> committed: Accepted
	//     requested --> declined: Declined
	//     requested --> released: No Longer Needed
	//     under_negotiation --> committed: Offer Accepted
	//     under_negotiation --> declined: Declined; Negotiation Failed
	//     under_negotiation --> released: No Longer Needed
	//     committed --> released: Used; No Longer Needed
	//     committed --> withdrawn: Priorities Changed; Budget Cut; Resource Unavailable
	//     committed --> under_negotiation: Demand Changed; Terms Changed
}

// Decode rejects a document with every problem at once, each with its path
// and code, and leaves the pool as it was.
func ExampleDecode() {
	doc := []byte(`{
	  "resources": [{"id": "ana", "name": "Ana Ortiz", "kind": "person", "hoursPerDay": 30}],
	  "demands": [
	    {"id": "D1", "resourceId": "ana", "quantity": {"unit": "hours", "value": 16}, "from": "2027-03-01", "to": "2027-03-02"},
	    {"id": "D1", "resourceId": "bob", "quantity": {"unit": "seats", "value": 0}, "taskId": "T4"}
	  ],
	  "budget": {"currency": "EUR", "lines": [{"id": "B1", "category": "catering", "required": "EUR 120.00"}]}
	}`)
	var p resource.Pool
	err := resource.Decode(doc, &p)
	fmt.Println(err)
	fmt.Println(len(p.Resources))
	// Output:
	// 5 problems:
	// 	resources[0].hoursPerDay: hours per day 30 must be from 0 to 24 [resource.hoursPerDay.range]
	// 	demands[1].id: duplicate ID "D1" [demand.id.duplicate]
	// 	demands[1].quantity.value: quantity 0 must be above 0 and at most 1e12 [demand.quantity.range]
	// 	demands[1].resourceId: resource "bob" does not exist [demand.resource.not-found]
	// 	budget.lines[0].category: budget category "catering" does not exist [budget.line.category.unknown]
	// 0
}
