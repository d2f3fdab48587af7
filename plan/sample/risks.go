package sample

import (
	"context"
	"fmt"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/workitem"
)

// Risk and issue IDs the sample refers to.
const (
	// PromotedRisk is the risk whose trigger fired; it became PromotedIssue.
	PromotedRisk  = "R4"
	PromotedIssue = "I-1"
	// EscalatedIssue is escalated and blocks the launch, but is not
	// overdue on AsOf.
	EscalatedIssue = "I-2"
	// UnhandledRisk is the risk whose contingency plan is still missing.
	UnhandledRisk = "R5"
	// ChangedRisk is the risk re-assessed after the baseline.
	ChangedRisk = "R7"
	// ChangedTask is the task re-estimated after the baseline.
	ChangedTask = "REQ-22/write-docs"
)

func date(s string) calendar.Date { return calendar.MustParse(s) }

// riskLog returns the risks identified against the plan (sub-activity 5).
func riskLog() []risk.Risk {
	return []risk.Risk{
		{
			ID: "R1", Title: "Migration scripts fail on the largest 3.x ledgers",
			Condition:   "the migration of ledgers above 50 GB may exceed the cutover window or fail on legacy records",
			Consequence: "data migration and the cutover slip, delaying the hosted launch",
			Cause:       "3.x ledgers carry records from schema versions no test fixture covers",
			Category:    risk.Technical, Kind: risk.Threat, Probability: 40, Impact: risk.High,
			ScheduleImpactWorkdays: 5, Proximity: risk.ProximityOn(date("2027-04-09")), Response: risk.Reduce,
			MitigationPlan:  "Rehearse on copies of the five largest customer ledgers; profile and batch the slow steps",
			ContingencyPlan: "Migrate the largest tenants in a second window after launch; keep them on 3.8 until then",
			Trigger:         "the rehearsal on the largest ledger takes more than 6 hours or loses a record",
			Owner:           "Yuki Tanaka", NextReview: date("2027-03-08"),
			TaskIDs:        []string{"REQ-18/build-migration", "REQ-18/rehearse"},
			RequirementIDs: []string{"REQ-18"},
		},
		{
			ID: "R2", Title: "Support trainer unavailable in March",
			Condition:   "the only support trainer may start parental leave earlier than planned",
			Consequence: "help desk training is delivered late or by a less experienced trainer",
			Category:    risk.Resource, Kind: risk.Threat, Probability: 30, Impact: risk.Medium,
			ScheduleImpactWorkdays: 3, Proximity: risk.ProximityAt(risk.BeforeLaunch), Response: risk.Fallback,
			MitigationPlan:  "Record the course and pair a support engineer with the trainer from the first session",
			ContingencyPlan: "The paired support engineer delivers the remaining sessions from the recorded course",
			Trigger:         "the trainer's leave is confirmed to start before 2027-03-15",
			Owner:           "Luis Romero", NextReview: date("2027-03-05"),
			TaskIDs: []string{"REQ-2/deliver-sessions"}, RequirementIDs: []string{"REQ-2"},
		},
		{
			ID: "R3", Title: "Booth vendor delivers the FinTech Expo booth late",
			Condition:   "the booth vendor may not ship the new 4.0 graphics in time for the show",
			Consequence: "the booth opens with the 3.x graphics",
			Category:    risk.Vendor, Kind: risk.Threat, Probability: 25, Impact: risk.Low,
			ScheduleImpactWorkdays: 2, Proximity: risk.ProximityAt(risk.AfterLaunch), Response: risk.Accept,
			MitigationPlan: "Order the graphics with the vendor's express option",
			Owner:          "Priya Nair", NextReview: date("2027-03-15"),
			TaskIDs: []string{"REQ-11/prepare-booth"}, RequirementIDs: []string{"REQ-11"},
		},
		{
			ID: "R4", Title: "EU customers must re-consent to the new data processing agreement",
			Condition:   "the revised data processing agreement may need every EU customer's consent before 4.0 applies to them",
			Consequence: "licensing sign-off slips and EU tenants cannot move to 4.0 at launch",
			Category:    risk.LegalAndCompliance, Kind: risk.Threat, Probability: 35, Impact: risk.High,
			ScheduleImpactWorkdays: 8, Proximity: risk.ProximityOn(date("2027-03-12")), Response: risk.Reduce,
			MitigationPlan:  "Counsel reviews whether the changes are material; prepare a consent mailing in advance",
			ContingencyPlan: "Keep EU tenants on 3.8 until consent is given; send the consent mailing at once",
			Trigger:         "counsel rules the changes material",
			Owner:           "Paul Adler", NextReview: date("2027-03-04"),
			TaskIDs: []string{"REQ-23/review-terms"}, RequirementIDs: []string{"REQ-23"},
		},
		{
			ID: UnhandledRisk, Title: "Cutover window clashes with hosted customers' quarter-end close",
			Condition:   "customers may still be closing the first quarter during the cutover window",
			Consequence: "customers cannot post during the cutover, or demand that it moves",
			Category:    risk.Operational, Kind: risk.Threat, Probability: 30, Impact: risk.VeryHigh,
			ScheduleImpactWorkdays: 2, Proximity: risk.ProximityOn(date("2027-04-13")), Response: risk.Reduce,
			MitigationPlan: "Survey the hosted customers' close calendars; announce the window four weeks ahead",
			// The contingency plan is still being written: a deliberate gap.
			Trigger: "more than 10 percent of tenants report an open quarter-end close on 2027-04-09",
			Owner:   "Ben Carter", NextReview: date("2027-03-10"),
			TaskIDs: []string{"REQ-19/execute"}, RequirementIDs: []string{"REQ-19"},
		},
		{
			ID: "R6", Title: "Competitor announces a rival release in launch week",
			Condition:   "a competitor may time its own announcement to launch week",
			Consequence: "press coverage of Ledger 4.0 is diluted",
			Category:    risk.Market, Kind: risk.Threat, Probability: 20, Impact: risk.Medium,
			Proximity: risk.ProximityAt(risk.AtLaunch), Response: risk.Accept,
			MitigationPlan: "Prepare a competitive response sheet with the analyst briefings",
			Owner:          "Maya Chen", NextReview: date("2027-03-22"),
			RequirementIDs: []string{"REQ-10"},
		},
		{
			ID: ChangedRisk, Title: "Staging environment undersized for performance tests",
			Condition:   "staging may not sustain the month-end peak with the 4.0 reporting engine",
			Consequence: "performance testing repeats after a hardware order, delaying environment readiness",
			Category:    risk.Technical, Kind: risk.Threat, Probability: 25, Impact: risk.High,
			ScheduleImpactWorkdays: 4, Proximity: risk.ProximityOn(date("2027-03-19")), Response: risk.Reduce,
			MitigationPlan:  "Size from the 3.8 production telemetry plus 50 percent headroom",
			ContingencyPlan: "Rent cloud capacity for the test window",
			Trigger:         "the first load test fails at less than 1.5 times peak",
			Owner:           "Ivan Petrov", NextReview: date("2027-03-03"),
			TaskIDs: []string{"REQ-15/performance-test"}, RequirementIDs: []string{"REQ-15"},
		},
		{
			ID: "R8", Title: "Analyst firm offers a launch-week briefing slot",
			Condition:   "a leading analyst firm may give Ledger 4.0 a briefing slot in launch week",
			Consequence: "independent coverage at launch lifts demand",
			Category:    risk.Market, Kind: risk.Opportunity, Probability: 50, Impact: risk.Medium,
			Proximity: risk.ProximityAt(risk.AtLaunch), Response: risk.Exploit,
			MitigationPlan: "Send the analyst kit under embargo two weeks before launch",
			Owner:          "Nora Quinn", NextReview: date("2027-03-15"),
			TaskIDs: []string{"REQ-10/brief-analysts"}, RequirementIDs: []string{"REQ-10"},
		},
		{
			ID: "R9", Title: "Exchange rate raises the cost of EMEA training",
			Condition:   "the euro may rise against the dollar before the Dublin sessions are paid",
			Consequence: "EMEA training costs exceed the training budget",
			Category:    risk.CostCategory, Kind: risk.Threat, Probability: 40, Impact: risk.Low,
			CostImpact: risk.Cost{MinorUnits: 1_200_000, Currency: "USD"}, Response: risk.Accept,
			MitigationPlan: "Pay the Dublin venue in advance",
			Owner:          "Pat Okafor", NextReview: date("2027-03-31"),
			RequirementIDs: []string{"REQ-4"},
		},
	}
}

// risks logs the risks and promotes the one whose trigger fired.
func (b *builder) risks() error {
	for i, r := range riskLog() {
		if err := b.p.AddRisk(r, b.change(ReleaseManager, at(time.February, 15+i/5, 10), "Risk workshop")); err != nil {
			return fmt.Errorf("risk %s: %w", r.ID, err)
		}
	}
	return nil
}

// issues logs the issues (sub-activity 6): one promoted from a risk, one
// escalated, one ordinary.
func (b *builder) issues() error {
	p := b.p
	is, err := p.PromoteRisk(PromotedRisk, PromotedIssue, b.change(ReleaseManager, at(time.February, 22, 11), "Counsel ruled the DPA changes material"))
	if err != nil {
		return err
	}
	is.TargetResolve = date("2027-03-12")
	is.Owner = "Paul Adler"
	if err := p.UpdateIssue(is, b.change(ReleaseManager, at(time.February, 22, 11), "Owner and target date set")); err != nil {
		return err
	}
	if err := p.AddIssue(risk.Issue{
		ID: EscalatedIssue, Title: "Hosting provider has not confirmed the cutover window",
		Description: "The data centre provider has not confirmed the maintenance window of 2027-04-13 and 2027-04-14 for the cutover.",
		Priority:    1, Owner: "Ben Carter", Raised: date("2027-02-19"), TargetResolve: date("2027-03-10"),
		Escalation: risk.Escalation{Escalated: true, To: "VP Engineering", On: date("2027-02-24")},
		Blocks:     risk.Blocks{Launch: true, TaskIDs: []string{"REQ-19/execute"}, MilestoneIDs: []string{LaunchMilestone}},
	}, b.change(ReleaseManager, at(time.February, 19, 15), "")); err != nil {
		return err
	}
	for _, id := range []string{PromotedIssue, EscalatedIssue} {
		ch := b.change(ReleaseManager, at(time.February, 24, 9), "Triaged at the weekly issue review")
		ch.Reason = risk.ReasonAccepted
		if err := p.TransitionRisk(id, workitem.Active, ch); err != nil {
			return err
		}
	}
	return p.AddIssue(risk.Issue{
		ID: "I-3", Title: "German and Japanese release notes arrive late from the translation agency",
		Description: "The agency needs the final English release notes ten workdays before publication.",
		Priority:    3, Owner: "Grace Lee", Raised: date("2027-02-25"), TargetResolve: date("2027-03-26"),
		Blocks: risk.Blocks{TaskIDs: []string{"REQ-22/publish-docs"}, RequirementIDs: []string{"REQ-22"}},
	}, b.change(ProjectManager, at(time.February, 25, 14), ""))
}

// baseline takes the "committed" baseline, then makes the changes that
// came after it: a documentation estimate grew and a risk was re-assessed.
func (b *builder) baseline() error {
	p := b.p
	// Work finished by the baseline is closed in Azure Boards.
	res, err := p.Schedule()
	if err != nil {
		return err
	}
	done := date("2027-02-24")
	for _, t := range p.Backlog.Tasks() {
		tm, err := res.Timing(t.ID)
		if err != nil || tm.EarlyFinish.After(done) {
			continue
		}
		ch := b.change(t.Assignee, at(time.February, 25, 17), "")
		ch.Reason = backlog.ReasonCompleteNoReview
		if err := p.TransitionBacklog(t.ID, workitem.Closed, ch); err != nil {
			return err
		}
	}
	if _, err := p.TakeBaseline(Baseline, b.change(ReleaseManager, at(time.February, 26, 9), "Plan as committed by the IPMO")); err != nil {
		return err
	}
	t, ok := p.Backlog.Task(ChangedTask)
	if !ok {
		return fmt.Errorf("task %s missing", ChangedTask)
	}
	t.Estimate = backlog.ThreePoint(4, 7, 12)
	if err := p.UpdateTask(t, b.change(ReleaseManager, at(time.February, 26, 10), "Documentation estimate re-assessed")); err != nil {
		return err
	}
	r, ok := p.Risks.Risk(ChangedRisk)
	if !ok {
		return fmt.Errorf("risk %s missing", ChangedRisk)
	}
	r.Probability = 40
	return p.UpdateRisk(r, b.change(ReleaseManager, at(time.February, 26, 10), "Risk re-assessed"))
}

// decide runs the exit gate as a readiness check and schedules the
// go/no-go review three workdays before the launch, with the Release
// Manager, the Project Manager and every function's lead as approvers; it
// will see the launch readiness checklist.
func (b *builder) decide() error {
	p := b.p
	if _, err := p.CheckGate(context.Background(), Checker(), plan.Exit, b.change(ReleaseManager, at(time.February, 26, 16), "Weekly readiness check")); err != nil {
		return err
	}
	return p.ScheduleDecision(Decision, ReviewHeld, approvers(), b.change(ReleaseManager, at(time.February, 26, 17), "Launch go/no-go review scheduled"))
}
