package plan_test

import (
	"errors"
	"testing"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// A mitigation action addresses a risk of the log, a corrective action an
// issue; any other ID is reported at the task's addresses.
func TestTaskAddressesResolve(t *testing.T) {
	for _, tt := range []struct {
		typ       backlog.TaskType
		addresses string
		bad       bool
	}{
		{backlog.TaskMitigation, "R1", false},
		{backlog.TaskCorrective, "I1", false},
		{backlog.TaskMitigation, "I1", true},
		{backlog.TaskCorrective, "R1", true},
		{backlog.TaskMitigation, "R9", true},
	} {
		p := plan.New("p", plan.Release{Product: "Ledger", Version: "4.0", Date: calendar.MustParse("2027-04-15")})
		if err := p.Backlog.Load(backlog.Document{Tasks: []backlog.Task{{ID: "T1", Title: "Backup trainer", Estimate: backlog.Days(1),
			Type: tt.typ, Addresses: tt.addresses, State: workitem.Proposed, Reason: backlog.ReasonNew}}}); err != nil {
			t.Fatal(err)
		}
		if err := p.Risks.Load(risk.LogDocument{
			Risks: []risk.Risk{{ID: "R1", Title: "Trainer ill", Condition: "c", Consequence: "q", Kind: risk.Threat, Probability: 20, Impact: risk.High,
				State: workitem.Proposed, Reason: risk.ReasonNew}},
			Issues: []risk.Issue{{ID: "I1", Title: "Rooms lost", Priority: 2, State: workitem.Proposed, Reason: risk.ReasonNew}},
		}); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, pr := range p.ValidateList() {
			if pr.Path.String() == "backlog.tasks[0].addresses" {
				found = true
				if !errors.Is(pr, validation.ErrNotFound) {
					t.Errorf("%s %s: %v is not a not-found", tt.typ, tt.addresses, pr)
				}
			}
		}
		if found != tt.bad {
			t.Errorf("%s %s: reported %v, want %v", tt.typ, tt.addresses, found, tt.bad)
		}
	}
}
