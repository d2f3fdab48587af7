package resource_test

import (
	"testing"
	"time"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/resource/money"
)

var (
	d   = calendar.MustParse
	eur = func(s string) money.Money { return money.MustParse("EUR " + s) }
	at  = time.Date(2027, 2, 15, 9, 0, 0, 0, time.UTC)
)

func by(who string) lifecycle.Change { return lifecycle.Change{By: who, At: at} }

// fixture builds a pool with known over-allocations, coverage and budget
// figures (2027-03-01 is a Monday; 2027-03-05 is a holiday of "emea").
func fixture(t testing.TB) *resource.Pool {
	t.Helper()
	emea, err := calendar.New(calendar.Spec{Name: "emea", Workweek: calendar.MondayToFriday, HoursPerDay: 8,
		Holidays: []calendar.Holiday{{Name: "Spring day", Date: d("2027-03-05")}}})
	if err != nil {
		t.Fatal(err)
	}
	p := &resource.Pool{
		Calendars: []*calendar.Calendar{emea},
		Resources: []resource.Resource{
			{ID: "ana", Name: "Ana Ortiz", Kind: resource.KindPerson, Role: "trainer", Skills: []string{"product-x"}, Calendar: "emea",
				Absences: []resource.Absence{{From: d("2027-03-10"), Reason: "conference"}}, Rate: resource.Rate{Amount: eur("90"), Per: resource.PerHour}},
			{ID: "bob", Name: "Bob Li", Kind: resource.KindPerson, Role: "trainer", HoursPerDay: 6},
			{ID: "room", Name: "Training room B", Kind: resource.KindFacility, Capacity: 20, Rate: resource.Rate{Amount: eur("400"), Per: resource.PerDay}},
			{ID: "laptops", Name: "Demo laptops", Kind: resource.KindEquipment, Capacity: 10},
		},
		Demands: []resource.Demand{
			{ID: "D1", ResourceID: "ana", Quantity: resource.HoursOf(32), From: d("2027-03-01"), To: d("2027-03-05")},
			{ID: "D2", ResourceID: "ana", Quantity: resource.HoursOf(8), From: d("2027-03-03"), To: d("2027-03-04")},
			{ID: "D3", ResourceID: "ana", Quantity: resource.HoursOf(8), From: d("2027-03-10"), To: d("2027-03-10")},
			{ID: "D4", ResourceID: "room", Quantity: resource.SeatsOf(25), From: d("2027-03-01"), To: d("2027-03-02")},
			{ID: "D5", ResourceID: "room", Quantity: resource.SeatsOf(10), From: d("2027-03-02"), To: d("2027-03-02")},
			{ID: "D6", Role: "trainer", Quantity: resource.HoursOf(16), From: d("2027-03-08"), To: d("2027-03-09")},
			{ID: "D7", Kind: resource.KindMoney, Quantity: resource.MoneyOf(eur("5000")), Category: resource.CategoryEvents},
			{ID: "D8", ResourceID: "laptops", Quantity: resource.UnitsOf(5), TaskID: "T9"},
		},
		Budget: resource.Budget{Currency: "EUR", Categories: []resource.Category{"partner-enablement"},
			Lines: []resource.BudgetLine{
				{ID: "L1", Category: resource.CategoryTraining, Required: eur("10000"), Committed: eur("8000"), Spent: eur("2000")},
				{ID: "L2", Category: resource.CategoryEvents, Required: eur("5000"), Committed: eur("5000"), Spent: eur("6000")},
				{ID: "L3", Category: "partner-enablement", Required: eur("1000"), Committed: eur("1500")},
			}},
	}
	commit := func(id, demand string, rev int, terms *resource.Terms) {
		t.Helper()
		dm, _ := p.Demand(demand)
		c, err := resource.Request(id, dm, by("rm"))
		if err != nil {
			t.Fatal(err)
		}
		if terms != nil {
			if err := c.CounterOffer(resource.Offer{Terms: *terms}, by("ipmo")); err != nil {
				t.Fatal(err)
			}
		}
		if rev >= 0 { // -1: requested, never committed
			if err := c.Commit(dm, rev, by("ipmo")); err != nil {
				t.Fatal(err)
			}
		}
		p.Commitments = append(p.Commitments, c)
	}
	commit("C1", "D1", 2, nil)
	commit("C2", "D2", 1, nil)
	commit("C3", "D3", 2, nil)
	commit("C4", "D4", 2, &resource.Terms{ResourceID: "room", Quantity: resource.SeatsOf(25), From: d("2027-03-01"), To: d("2027-03-01")})
	commit("C5", "D5", -1, nil)
	commit("C6", "D6", 2, &resource.Terms{ResourceID: "bob", Quantity: resource.HoursOf(12), From: d("2027-03-08"), To: d("2027-03-09"), Conditions: "Bob only"})
	commit("C7", "D7", 2, &resource.Terms{Quantity: resource.MoneyOf(eur("3000"))})
	// D3 changes after C3 was committed: C3 must not cover it.
	p.Demands[2].Quantity = resource.HoursOf(10)
	return p
}
