package readiness_test

import (
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/readiness"
)

var testAt = time.Date(2027, time.March, 1, 9, 0, 0, 0, time.UTC)

func change(reason lifecycle.Reason, note string) lifecycle.Change {
	return lifecycle.Change{By: "Rita Alvarez", At: testAt, Reason: reason, Note: note}
}

// sampleChecklist has one item per status of interest.
func sampleChecklist() *readiness.Checklist {
	c := &readiness.Checklist{}
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	for _, it := range []readiness.Item{
		{ID: "sales/briefed", Function: readiness.Sales, Title: "Sales briefed", Owner: "Sam", MustHave: true, Due: backlog.Before(10)},
		{ID: "support/trained", Function: readiness.Support, Title: "Help desk trained", Owner: "Sue", MustHave: true, Due: backlog.Before(10)},
		{ID: "ops/runbooks", Function: readiness.Operations, Title: "Runbooks rehearsed", Owner: "Otto", MustHave: true, Due: backlog.Before(5)},
		{ID: "mkt/newsletter", Function: readiness.Marketing, Title: "Newsletter scheduled", Owner: "Mia", Due: backlog.Before(5)},
	} {
		must(c.Add(it, change("", "")))
	}
	must(c.AddEvidence("sales/briefed", "https://wiki.contoso.example/sales-briefing", "Briefing held, 42 attendees", change("", "")))
	_, err := c.Transition("sales/briefed", readiness.InProgress, change("", ""))
	must(err)
	_, err = c.Transition("sales/briefed", readiness.Ready, change("", ""))
	must(err)
	_, err = c.Transition("support/trained", readiness.AtRisk, change("", "Trainer sick"))
	must(err)
	_, err = c.Transition("mkt/newsletter", readiness.Waived, change(readiness.ReasonNotNeeded, "Covered by the launch mail"))
	must(err)
	must(c.SetLead(readiness.Sales, "Sam"))
	must(c.SetLead(readiness.Support, "Sue"))
	return c
}
