package plan_test

import (
	"testing"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/resource"
)

func TestLevelDelaysOverbookedPerson(t *testing.T) {
	for _, mode := range []backlog.Scheduling{backlog.AsSoonAsPossible, backlog.SchedulingDefault} {
		t.Run(mode.String(), func(t *testing.T) { testLevelOverbooked(t, mode) })
	}
}

// testLevelOverbooked levels two trainings of five days by one person:
// as soon as possible the second waits five workdays for the first; as
// late as possible (the default for trainings) both end just before the
// release, one after the other.
func testLevelOverbooked(t *testing.T, mode backlog.Scheduling) {
	p := committed(t)
	p.Resources.Resources = []resource.Resource{{ID: "ana", Name: "Ana", Kind: resource.KindPerson, Role: "trainer"}}
	if err := p.Backlog.AddRequirement(backlog.Requirement{ID: "R1", Title: "Sales training", Category: backlog.CategorySalesTraining}, by); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"A", "B"} {
		task := backlog.Task{ID: id, Title: "Deliver " + id, Requirements: []string{"R1"}, Estimate: backlog.Days(5), Assignee: "ana",
			Scheduling: mode,
			Demands:    []resource.Demand{{ID: id + "/ana", ResourceID: "ana", Quantity: resource.HoursOf(40)}}}
		if err := p.Backlog.AddTask(task, by); err != nil {
			t.Fatal(err)
		}
	}
	n := p.LevelNetwork()
	if len(n.Resources) != 1 || n.Resources[0].Capacity != 100 || len(n.Activities[0].Demands) != 1 || n.Activities[0].Demands[0].Units != 100 {
		t.Fatalf("network resources %+v, demands %+v", n.Resources, n.Activities[0].Demands)
	}
	lv, err := p.Level()
	if err != nil {
		t.Fatal(err)
	}
	if mode == backlog.SchedulingDefault {
		a, _ := lv.Timing("A")
		b, _ := lv.Timing("B")
		first, second := a, b
		if b.Start.Before(a.Start) {
			first, second = b, a
		}
		last, _ := calendar.Standard().RollBackward(release)
		next, _ := calendar.Standard().NextWorkday(first.Finish)
		if second.Finish != last || next != second.Start {
			t.Errorf("levelled as late as possible: %+v then %+v; want them back to back, ending on %s", first, second, last)
		}
		return
	}
	delays := lv.Delays()
	if len(delays) != 1 || delays[0].ID != "B" || delays[0].Resource != "ana" || delays[0].Days != 5 {
		t.Errorf("delays = %+v, want B delayed 5 workdays by ana", delays)
	}
}

func TestLevelFindingsAbsence(t *testing.T) {
	p := committed(t)
	p.Resources.Resources = []resource.Resource{{ID: "ana", Name: "Ana", Kind: resource.KindPerson, Role: "trainer",
		Absences: []resource.Absence{{From: calendar.MustParse("2027-01-11"), To: calendar.MustParse("2027-01-15"), Reason: "leave"}}}}
	if err := p.Backlog.AddRequirement(backlog.Requirement{ID: "R1", Title: "Sales training", Category: backlog.CategorySalesTraining}, by); err != nil {
		t.Fatal(err)
	}
	task := backlog.Task{ID: "A", Title: "Deliver A", Requirements: []string{"R1"}, Estimate: backlog.Days(5), Assignee: "ana",
		FinishNoLaterThan: calendar.MustParse("2027-01-15"),
		Demands:           []resource.Demand{{ID: "A/ana", ResourceID: "ana", Quantity: resource.HoursOf(40)}}}
	if err := p.Backlog.AddTask(task, by); err != nil {
		t.Fatal(err)
	}
	if n := p.LevelNetwork(); len(n.Resources[0].Absences) != 1 || n.Resources[0].Absences[0].Through != calendar.MustParse("2027-01-15") {
		t.Fatalf("resources %+v", n.Resources)
	}
	fs, l, err := p.LevelFindings()
	if err != nil {
		t.Fatal(err)
	}
	if tm, _ := l.Timing("A"); tm.Start != calendar.MustParse("2027-01-18") {
		t.Errorf("A levelled %+v, want it after Ana's leave", tm)
	}
	if len(fs) != 1 || fs[0].Code != plan.CodeLevelMeetsDate || fs[0].Path.String() != "backlog.tasks[0].finishNoLaterThan" || fs[0].SubActivity != plan.DetermineResources {
		t.Errorf("findings %+v", fs)
	}
}
