package plantest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/readiness"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/resource/money"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/workitem"
)

// A Breaker is one small, named change that breaks one thing in a plan
// Ready built, such as removing the owner of a task. The witness table of
// package plan pairs each breaker with the one finding the exit gate
// reports on Ready plus the breaker, so a company's rule tests can start
// from the same broken plans.
type Breaker struct {
	// Name identifies the breaker, such as "task-without-owner".
	Name string
	// Summary says in one line what the breaker changes.
	Summary string
	// Apply makes the change to p, a plan Ready built (and not changed
	// since in a way that removes what the breaker changes).
	Apply func(p *plan.Plan) error
}

// Break returns a new Ready plan broken by the breaker with the given
// name, failing the test if there is no such breaker or it cannot apply.
func Break(tb testing.TB, name string) *plan.Plan {
	tb.Helper()
	b, ok := BreakerNamed(name)
	if !ok {
		tb.Fatalf("plantest: no breaker named %q", name)
	}
	p := Ready(tb)
	if err := b.Apply(p); err != nil {
		tb.Fatalf("plantest: breaker %s: %v", name, err)
	}
	return p
}

// BreakerNamed returns the breaker with the given name.
func BreakerNamed(name string) (Breaker, bool) {
	for _, b := range Breakers() {
		if b.Name == name {
			return b, true
		}
	}
	return Breaker{}, false
}

// Breakers returns every breaker, grouped by the rule whose finding it
// provokes, in the order of plan.DefaultRules. Each call returns a new
// slice.
func Breakers() []Breaker {
	return append([]Breaker{
		// plan.document: the plan's own structure.
		{"plan-without-id", "the plan has no ID", func(p *plan.Plan) error { p.ID = ""; return nil }},
		{"schema-version-from-the-future", "the document claims a schema version this library does not know",
			func(p *plan.Plan) error { p.SchemaVersion = plan.SchemaVersion + 1; return nil }},
		{"role-without-name", "a role has no name", func(p *plan.Plan) error {
			p.Roles = append(p.Roles, plan.RoleAssignment{RACI: plan.Informed, People: []string{"someone"}})
			return nil
		}},
		{"waiver-without-category", "a waiver names no category", func(p *plan.Plan) error {
			p.Waivers = append(p.Waivers, plan.Waiver{Reason: "not needed"})
			return nil
		}},
		{"decision-without-id", "a go/no-go decision has no ID", func(p *plan.Plan) error {
			p.Decisions = append(p.Decisions, plan.Decision{Date: reviewHeld(),
				Ballots: []plan.Ballot{{Approver: "rm", Role: plan.ReleaseManager}}})
			return nil
		}},
		{"baseline-without-snapshot", "a baseline holds no snapshot", func(p *plan.Plan) error {
			p.Baselines = append(p.Baselines, plan.Baseline{Name: "committed"})
			return nil
		}},
		{"history-out-of-order", "the history's event numbers do not increase", func(p *plan.Plan) error {
			p.History[1].Seq = p.History[0].Seq
			return nil
		}},
		{"risk-names-unknown-task", "a risk names a task the backlog does not have", func(p *plan.Plan) error {
			// The plan's own UpdateRisk refuses this; the risk log alone
			// cannot tell.
			r, _ := p.Risks.Risk(LowRisk)
			r.TaskIDs = []string{"REQ-99/deliver"}
			return p.Risks.UpdateRisk(r)
		}},
		{"budget-line-funds-unknown-requirement", "a budget line funds a requirement the backlog does not have", func(p *plan.Plan) error {
			p.Resources.Budget.Lines[2].Funds = []string{"REQ-99"}
			return nil
		}},
		{"task-demand-id-reused", "a task's demand reuses the ID of a demand of the pool", func(p *plan.Plan) error {
			p.Resources.Demands = append(p.Resources.Demands, resource.Demand{
				ID: SalesTrainingDemand, ResourceID: Trainer, Quantity: resource.HoursOf(1),
				From: calendar.MustParse("2027-03-01"), To: calendar.MustParse("2027-03-01"),
			})
			return nil
		}},
		{"resource-without-name", "a person of the pool has no name (the pool's own validation)", func(p *plan.Plan) error {
			p.Resources.Resources[3].Name = ""
			return nil
		}},

		// plan.entry.notification
		{"no-notification", "no notification that the project is committed to the release is recorded", func(p *plan.Plan) error {
			p.Notification = plan.Notification{}
			return nil
		}},
		{"notification-without-sender", "the notification does not say who notified", func(p *plan.Plan) error { p.Notification.From = ""; return nil }},
		{"notification-without-time", "the notification does not say when it came", func(p *plan.Plan) error {
			p.Notification.At = time.Time{}
			return nil
		}},
		{"notification-without-reference", "the notification has no reference", func(p *plan.Plan) error { p.Notification.Reference = ""; return nil }},

		// plan.entry.release-matches
		{"release-without-date", "neither the release nor the notification has a date", func(p *plan.Plan) error {
			p.Release.Date, p.Notification.Date = calendar.Date{}, calendar.Date{}
			return nil
		}},
		{"release-without-version", "neither the release nor the notification names a version", func(p *plan.Plan) error {
			p.Release.Version, p.Notification.Version = "", ""
			return nil
		}},
		{"notification-for-another-version", "the project is committed to another version than the plan's", func(p *plan.Plan) error {
			p.Notification.Version = "1.1"
			return nil
		}},
		{"notification-for-another-date", "the project is committed to another date than the plan's", func(p *plan.Plan) error {
			p.Notification.Date = p.Release.Date.AddDays(7)
			return nil
		}},
		{"release-on-a-holiday", "the release day becomes a holiday of the plan's calendar", func(p *plan.Plan) error {
			spec := calendar.Standard().Spec()
			spec.Holidays = append(spec.Holidays, calendar.Holiday{Name: "company day", Date: releaseDate()})
			cal, err := calendar.New(spec)
			p.Calendar = cal
			return err
		}},

		// plan.roles.filled
		{"ipm-officer-missing", "the plan has no IPM Officer role", func(p *plan.Plan) error {
			p.Roles = slices.DeleteFunc(p.Roles, func(r plan.RoleAssignment) bool { return r.Role == plan.IPMOfficer })
			return nil
		}},
		{"ipm-officer-informed", "the IPM Officer is informed instead of consulted", func(p *plan.Plan) error {
			return setRACI(p, plan.IPMOfficer, plan.Informed)
		}},
		{"release-manager-not-accountable", "the Release Manager is responsible but not accountable", func(p *plan.Plan) error {
			return setRACI(p, plan.ReleaseManager, plan.Responsible)
		}},
		{"project-manager-without-raci", "the Project Manager holds no RACI responsibility", func(p *plan.Plan) error {
			return setRACI(p, plan.ProjectManager, 0)
		}},
		{"project-manager-unfilled", "nobody fills the Project Manager role", func(p *plan.Plan) error {
			for i := range p.Roles {
				if p.Roles[i].Role == plan.ProjectManager {
					p.Roles[i].People = nil
				}
			}
			return nil
		}},
		{"added-role-unfilled", "a role the company added is filled by nobody", func(p *plan.Plan) error {
			p.Roles = append(p.Roles, plan.RoleAssignment{Role: "Marketing Lead", RACI: plan.Consulted})
			return nil
		}},

		// plan.requirements.categories
		{"field-service-training-missing", "the field service training requirement becomes a product demo", func(p *plan.Plan) error {
			return updateRequirement(p, "REQ-3", func(r *backlog.Requirement) { r.Category = backlog.CategoryProductDemos })
		}},
		{"field-service-training-out-of-scope", "the field service training requirement is closed as out of scope", func(p *plan.Plan) error {
			return p.TransitionBacklog("REQ-3", workitem.Closed, later("rm", "Out of Scope"))
		}},
		{"field-service-training-waived", "the field service training requirement becomes a product demo and the category is waived with a reason", func(p *plan.Plan) error {
			if err := updateRequirement(p, "REQ-3", func(r *backlog.Requirement) { r.Category = backlog.CategoryProductDemos }); err != nil {
				return err
			}
			return p.Waive(backlog.CategoryFieldServiceTraining, "field engineers are trained by the partner", later("rm", ""))
		}},
		{"waiver-of-unknown-category", "a waiver names a well-formed category that neither the catalogue nor the policy knows (a misspelling)", func(p *plan.Plan) error {
			return p.Waive("field-service-trainings", "field engineers are trained by the partner", later("rm", ""))
		}},
		{"field-service-training-waived-without-reason", "the field service training requirement becomes a product demo and the category is waived with no reason", func(p *plan.Plan) error {
			if err := updateRequirement(p, "REQ-3", func(r *backlog.Requirement) { r.Category = backlog.CategoryProductDemos }); err != nil {
				return err
			}
			p.Waivers = append(p.Waivers, plan.Waiver{Category: backlog.CategoryFieldServiceTraining, By: "rm"})
			return nil
		}},

		// plan.requirements.traced
		{"requirement-without-task", "a new product demo requirement is not analysed into any task", func(p *plan.Plan) error {
			return p.AddRequirement(backlog.Requirement{ID: "REQ-19", Title: "Demo 1.0 at customer sites", Category: backlog.CategoryProductDemos,
				Tracker: tracker(119)}, later("rm", ""))
		}},
		{"task-without-requirement", "a new task serves no requirement", func(p *plan.Plan) error {
			at := later("rm", "")
			if err := p.AddTask(backlog.Task{ID: "HANDOVER", Title: "Hand-over party", Estimate: backlog.Days(1), Assignee: SupportLead,
				Demands: []resource.Demand{{ID: "HANDOVER/staff", ResourceID: SupportLead, Quantity: resource.HoursOf(2)}},
				Tracker: tracker(299)}, at); err != nil {
				return err
			}
			if err := p.RequestCommitment("C-HANDOVER", "HANDOVER/staff", at); err != nil {
				return err
			}
			return p.Commit("C-HANDOVER", at)
		}},

		// plan.tasks.ready
		{"task-without-owner", "the sales training task has no owner", func(p *plan.Plan) error {
			return updateTask(p, SalesTrainingTask, func(t *backlog.Task) { t.Assignee = "" })
		}},
		{"milestone-without-owner", "the launch milestone has no owner", func(p *plan.Plan) error {
			return updateTask(p, LaunchMilestone, func(t *backlog.Task) { t.Assignee = "" })
		}},
		{"task-without-demands", "the sales training task states no resource need (and its commitment is gone)", func(p *plan.Plan) error {
			if err := updateTask(p, SalesTrainingTask, func(t *backlog.Task) { t.Demands = nil }); err != nil {
				return err
			}
			p.Resources.Commitments = slices.DeleteFunc(p.Resources.Commitments, func(c resource.Commitment) bool { return c.ID == SalesTrainingCommitment })
			return nil
		}},
		{"task-without-estimate-loaded", "a task without an estimate, loaded as it is (Decode with AllowInvalid; the backlog refuses to add or update such a task)", func(p *plan.Plan) error {
			return restore(p, func(doc *backlog.Document) { doc.Tasks[0].Estimate = backlog.Estimate{} })
		}},
		{"closed-task-without-owner", "the sales training task is done and has no owner (closed tasks need none)", func(p *plan.Plan) error {
			if err := updateTask(p, SalesTrainingTask, func(t *backlog.Task) { t.Assignee = "" }); err != nil {
				return err
			}
			return closeTask(p, SalesTrainingTask)
		}},

		// plan.tasks.tracked
		{"task-not-tracked", "the sales training task is not entered in the work tracker", func(p *plan.Plan) error {
			return updateTask(p, SalesTrainingTask, func(t *backlog.Task) { t.Tracker = backlog.TrackerRef{} })
		}},

		// plan.schedule.release-date
		{"release-date-too-early", "the project is committed to release before the work can be done", func(p *plan.Plan) error {
			d := calendar.MustParse("2027-01-20")
			p.Release.Date, p.Notification.Date = d, d
			return nil
		}},
		{"task-misses-its-finish-date", "the sales training task must finish before it can", func(p *plan.Plan) error {
			return updateTask(p, SalesTrainingTask, func(t *backlog.Task) { t.FinishNoLaterThan = Kickoff().AddDays(3) })
		}},

		// plan.resources.allocation
		{"trainer-part-time", "the trainer works 2 hours a day, less than the four trainings in parallel need", func(p *plan.Plan) error {
			p.Resources.Resources[0].HoursPerDay = 2
			return nil
		}},
		{"demand-on-a-weekend", "a committed demand of the pool falls on a weekend, when the trainer does not work", func(p *plan.Plan) error {
			sat := calendar.MustParse("2027-02-06")
			p.Resources.Demands = append(p.Resources.Demands, resource.Demand{ID: "D-DRY-RUN", ResourceID: Trainer, Quantity: resource.HoursOf(4), From: sat, To: sat, Note: "training dry run"})
			at := later("ipmo", "")
			if err := p.RequestCommitment("C-DRY-RUN", "D-DRY-RUN", at); err != nil {
				return err
			}
			return p.Commit("C-DRY-RUN", at)
		}},

		// plan.level.date (Policy levels the plan); the allocation rule
		// reports the over-allocated days too.
		{"trainer-on-leave-until-launch", "the trainer is on leave until a week before the release: levelled, her four trainings end after it", func(p *plan.Plan) error {
			return onLeave(p, Trainer, resource.Absence{From: Kickoff(), To: calendar.MustParse("2027-04-09"), Reason: "parental leave"})
		}},
		{"engineer-on-leave-first-week", "the release engineer is away in the first week and an environment task must finish in the second: levelled, it finishes a week late", func(p *plan.Plan) error {
			if err := onLeave(p, Engineer, resource.Absence{From: Kickoff(), To: calendar.MustParse("2027-01-15"), Reason: "training course"}); err != nil {
				return err
			}
			return updateTask(p, "REQ-11/deliver", func(t *backlog.Task) { t.FinishNoLaterThan = calendar.MustParse("2027-01-22") })
		}},

		// plan.commitments.coverage
		{"commitment-withdrawn", "the program office withdrew the sales training commitment", func(p *plan.Plan) error {
			return p.Withdraw(SalesTrainingCommitment, later("ipmo", "Resource Unavailable"))
		}},
		{"commitment-still-requested", "a new demand's commitment is requested but not yet given", func(p *plan.Plan) error {
			if err := updateTask(p, SalesTrainingTask, func(t *backlog.Task) {
				t.Demands = append(t.Demands, resource.Demand{ID: SalesTrainingTask + "/room", ResourceID: Trainer, Quantity: resource.HoursOf(2)})
			}); err != nil {
				return err
			}
			return p.RequestCommitment("C-REQ-1-room", SalesTrainingTask+"/room", later("rm", ""))
		}},
		{"commitment-for-less", "the program office commits 6 of the 12 hours a new demand asks for", func(p *plan.Plan) error {
			d := resource.Demand{ID: "REQ-2/deliver/room", ResourceID: Trainer, Quantity: resource.HoursOf(12)}
			if err := updateTask(p, "REQ-2/deliver", func(t *backlog.Task) { t.Demands = append(t.Demands, d) }); err != nil {
				return err
			}
			at := later("ipmo", "")
			if err := p.RequestCommitment("C-REQ-2-room", d.ID, at); err != nil {
				return err
			}
			c, _ := p.Resources.Commitment("C-REQ-2-room")
			offer := resource.Offer{Terms: c.Terms, By: "ipmo", At: at.At, Note: "half of it"}
			offer.Quantity = resource.HoursOf(6)
			if err := p.CounterOffer("C-REQ-2-room", offer, at); err != nil {
				return err
			}
			return p.Commit("C-REQ-2-room", at)
		}},
		{"demand-changed-after-commitment", "the sales training needs 16 hours instead of the 12 committed", func(p *plan.Plan) error {
			return updateTask(p, SalesTrainingTask, func(t *backlog.Task) { t.Demands[0].Quantity = resource.HoursOf(16) })
		}},
		{"commitment-of-older-revision", "the plan is revised and every commitment but the sales training's is reconfirmed", func(p *plan.Plan) error {
			at := later("ipmo", "")
			p.Revise(at)
			for _, c := range slices.Clone(p.Resources.Commitments) {
				if c.ID == SalesTrainingCommitment {
					continue
				}
				if err := p.Reconfirm(c.ID, at); err != nil {
					return err
				}
			}
			return nil
		}},

		// plan.budget.covered
		{"budget-underfunded", "the program office committed 4,000 EUR less training budget than required", func(p *plan.Plan) error {
			p.Resources.Budget.Lines[0].Committed = money.MustFromMinor("EUR", 2000000)
			return nil
		}},
		{"budget-line-in-dollars", "the training line's committed amount is in dollars, not in the budget's euros", func(p *plan.Plan) error {
			p.Resources.Budget.Lines[0].Committed = money.MustFromMinor("USD", 2400000)
			return nil
		}},
		{"budget-overspent", "the training budget is overspent", func(p *plan.Plan) error {
			p.Resources.Budget.Lines[0].Spent = money.MustFromMinor("EUR", 2500000)
			return nil
		}},

		// plan.risks.logged
		{"no-risks", "the risk log holds no risk (the issue stays)", func(p *plan.Plan) error {
			is, _ := p.Risks.Issue(OpenIssue)
			p.Risks = new(risk.Log)
			return p.Risks.AddIssue(is, later("rm", ""))
		}},
		{"no-risk-log", "the plan has no risk log at all", func(p *plan.Plan) error { p.Risks = nil; return nil }},

		// plan.risks.handled
		{"high-risk-without-owner", "the high risk has no owner", func(p *plan.Plan) error {
			return updateRisk(p, HighRisk, func(r *risk.Risk) { r.Owner = "" })
		}},
		{"high-risk-without-mitigation", "the high risk has no mitigation plan", func(p *plan.Plan) error {
			return updateRisk(p, HighRisk, func(r *risk.Risk) { r.MitigationPlan = "" })
		}},
		{"high-risk-without-contingency", "the high risk has no contingency plan", func(p *plan.Plan) error {
			return updateRisk(p, HighRisk, func(r *risk.Risk) { r.ContingencyPlan = "" })
		}},
		{"high-risk-without-trigger", "the high risk's contingency plan has no trigger", func(p *plan.Plan) error {
			return updateRisk(p, HighRisk, func(r *risk.Risk) { r.Trigger = "" })
		}},
		{"high-risk-without-review", "the high risk has no next review date", func(p *plan.Plan) error {
			return updateRisk(p, HighRisk, func(r *risk.Risk) { r.NextReview = calendar.Date{} })
		}},
		{"high-risk-review-overdue", "the high risk was due for review on the day the plan is judged", func(p *plan.Plan) error {
			return updateRisk(p, HighRisk, func(r *risk.Risk) { r.NextReview = AsOf() })
		}},
		{"risk-at-threshold-without-owner", "the low risk rises to the threshold (25 % times 4) and has no owner", func(p *plan.Plan) error {
			return updateRisk(p, LowRisk, func(r *risk.Risk) {
				r.Probability, r.Impact, r.Owner = 25, 4, ""
				r.MitigationPlan, r.ContingencyPlan, r.Trigger = "legal reviews a draft early", "publish without quotes", "no legal approval a week before launch"
			})
		}},
		{"risk-below-threshold-unhandled", "the low risk (24 % times 4, just below the threshold) has no owner and no plans", func(p *plan.Plan) error {
			return updateRisk(p, LowRisk, func(r *risk.Risk) { r.Probability, r.Impact, r.Owner = 24, 4, "" })
		}},
		{"high-opportunity-unhandled", "the high risk is an opportunity with no owner (opportunities need none)", func(p *plan.Plan) error {
			return updateRisk(p, HighRisk, func(r *risk.Risk) { r.Kind, r.Owner, r.Response = risk.Opportunity, "", "exploit" })
		}},
		{"closed-risk-unhandled", "the high risk is closed and has no owner", func(p *plan.Plan) error {
			if err := updateRisk(p, HighRisk, func(r *risk.Risk) { r.Owner = "" }); err != nil {
				return err
			}
			return p.TransitionRisk(HighRisk, workitem.Closed, later("rm", "Eliminated"))
		}},

		// plan.issues.blocking
		{"issue-blocks-launch", "the open issue blocks the launch", func(p *plan.Plan) error {
			return updateIssue(p, func(is *risk.Issue) { is.Blocks.Launch = true })
		}},
		{"issue-blocks-launch-milestone", "the open issue blocks the launch milestone", func(p *plan.Plan) error {
			return updateIssue(p, func(is *risk.Issue) { is.Blocks.MilestoneIDs = []string{LaunchMilestone} })
		}},
		{"issue-blocks-launch-escalated-overdue", "the open issue blocks the launch, is escalated and past its target date", func(p *plan.Plan) error {
			return updateIssue(p, func(is *risk.Issue) {
				is.Blocks.Launch = true
				is.TargetResolve = AsOf().AddDays(-1)
				is.Escalation = risk.Escalation{Escalated: true, To: "ipmo", On: AsOf().AddDays(-3)}
			})
		}},
		{"issue-blocks-launch-escalated-on-time", "the open issue blocks the launch and is escalated, its target date not passed", func(p *plan.Plan) error {
			return updateIssue(p, func(is *risk.Issue) {
				is.Blocks.Launch = true
				is.Escalation = risk.Escalation{Escalated: true, To: "ipmo", On: AsOf().AddDays(-3)}
			})
		}},
		{"issue-blocks-launch-overdue", "the open issue blocks the launch and is past its target date, not escalated", func(p *plan.Plan) error {
			return updateIssue(p, func(is *risk.Issue) {
				is.Blocks.Launch = true
				is.TargetResolve = AsOf().AddDays(-1)
			})
		}},
		{"issue-escalated-overdue-not-blocking", "the open issue is escalated and overdue but blocks only a task", func(p *plan.Plan) error {
			return updateIssue(p, func(is *risk.Issue) {
				is.TargetResolve = AsOf().AddDays(-1)
				is.Escalation = risk.Escalation{Escalated: true, To: "ipmo", On: AsOf().AddDays(-3)}
			})
		}},

		// plan.readiness.items and plan.readiness.go-no-go: Ready with a
		// launch readiness checklist and its go/no-go review (WithReadiness).
		{"readiness-complete", "a complete readiness checklist and a go/no-go review close to launch with the right approvers", func(p *plan.Plan) error {
			return WithReadiness(p)
		}},
		{"readiness-item-without-owner", "a readiness item has no owner", func(p *plan.Plan) error {
			return withReadinessItem(p, ReadinessSupport, func(it *readiness.Item) { it.Owner = "" })
		}},
		{"readiness-item-without-due-date", "a readiness item has no due date", func(p *plan.Plan) error {
			return withReadinessItem(p, ReadinessSupport, func(it *readiness.Item) { it.Due = backlog.Timing{} })
		}},
		{"readiness-item-due-after-review", "a readiness item is due the day before launch, after the go/no-go review", func(p *plan.Plan) error {
			return withReadinessItem(p, ReadinessOperations, func(it *readiness.Item) { it.Due = backlog.Before(1) })
		}},
		{"readiness-item-overdue", "a readiness item was due before AsOf and is not started", func(p *plan.Plan) error {
			return withReadinessItem(p, ReadinessMarketing, func(it *readiness.Item) { it.Due = backlog.Before(60) })
		}},
		{"readiness-without-review", "the plan keeps a readiness checklist but schedules no go/no-go review", func(p *plan.Plan) error {
			return addReadiness(p)
		}},
		{"go-no-go-too-early", "the go/no-go review is held seven weeks before launch", func(p *plan.Plan) error {
			if err := addReadiness(p); err != nil {
				return err
			}
			return p.ScheduleDecision("GNG-1", time.Date(2027, 2, 26, 15, 0, 0, 0, time.UTC), []string{"rm", SupportLead, Engineer}, later("rm", ""))
		}},
		{"go-no-go-without-release-manager", "the go/no-go review's approvers leave out the Release Manager", func(p *plan.Plan) error {
			if err := addReadiness(p); err != nil {
				return err
			}
			return p.ScheduleDecision("GNG-1", reviewHeld(), []string{SupportLead, Engineer}, later("rm", ""))
		}},
		{"go-no-go-without-function-lead", "the go/no-go review's approvers leave out the operations lead", func(p *plan.Plan) error {
			if err := addReadiness(p); err != nil {
				return err
			}
			return p.ScheduleDecision("GNG-1", reviewHeld(), []string{"rm", SupportLead}, later("rm", ""))
		}},
		{"readiness-function-without-lead", "a function with must-have readiness items has no lead", func(p *plan.Plan) error {
			if err := WithReadiness(p); err != nil {
				return err
			}
			return p.SetReadinessLead(readiness.Operations, "", later("rm", ""))
		}},
		{"go-no-go-within-window-of-plan-calendar", "the go/no-go review is held eleven weekdays before launch, ten workdays of the plan's calendar, which has a company holiday between", func(p *plan.Plan) error {
			spec := calendar.Standard().Spec()
			spec.Holidays = append(spec.Holidays, calendar.Holiday{Name: "company day", Date: calendar.MustParse("2027-04-05")})
			cal, err := calendar.New(spec)
			if err != nil {
				return err
			}
			p.Calendar = cal
			if err := addReadiness(p); err != nil {
				return err
			}
			return p.ScheduleDecision("GNG-1", time.Date(2027, 3, 31, 15, 0, 0, 0, time.UTC), []string{"rm", SupportLead, Engineer}, later("rm", ""))
		}},
		{"go-no-go-in-plan-without-release-manager", "nobody fills the Release Manager role, and the go/no-go review has the function leads as approvers", func(p *plan.Plan) error {
			if err := addReadiness(p); err != nil {
				return err
			}
			if err := p.ScheduleDecision("GNG-1", reviewHeld(), []string{SupportLead, Engineer}, later("rm", "")); err != nil {
				return err
			}
			for i := range p.Roles {
				if p.Roles[i].Role == plan.ReleaseManager {
					p.Roles[i].People = nil
				}
			}
			return nil
		}},
	}, deploymentBreakers()...)
}

// restore replaces p's backlog with its document changed by edit, loaded
// as it is (backlog.Restore, as Decode with AllowInvalid does): for what
// the backlog's own methods refuse.
func restore(p *plan.Plan, edit func(doc *backlog.Document)) error {
	doc := p.Backlog.Document()
	edit(&doc)
	p.Backlog = backlog.Restore(doc)
	return nil
}

// onLeave records an absence of the person with the given ID.
func onLeave(p *plan.Plan, id string, a resource.Absence) error {
	for _, r := range p.Resources.Resources {
		if r.ID == id {
			r.Absences = append(slices.Clone(r.Absences), a)
			return p.UpdateResource(r, later("ipmo", ""))
		}
	}
	return fmt.Errorf("no resource %s", id)
}

// later returns a change by who at 09:00 UTC on AsOf, after every change
// Ready records.
func later(who string, reason lifecycle.Reason) lifecycle.Change {
	d := AsOf()
	return lifecycle.Change{By: who, At: time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, time.UTC), Reason: reason}
}

func updateTask(p *plan.Plan, id string, edit func(t *backlog.Task)) error {
	t, ok := p.Backlog.Task(id)
	if !ok {
		return fmt.Errorf("no task %s", id)
	}
	edit(&t)
	return p.UpdateTask(t, later("rm", ""))
}

func updateRequirement(p *plan.Plan, id string, edit func(r *backlog.Requirement)) error {
	r, ok := p.Backlog.Requirement(id)
	if !ok {
		return fmt.Errorf("no requirement %s", id)
	}
	edit(&r)
	return p.UpdateRequirement(r, later("rm", ""))
}

func updateRisk(p *plan.Plan, id string, edit func(r *risk.Risk)) error {
	r, ok := p.Risks.Risk(id)
	if !ok {
		return fmt.Errorf("no risk %s", id)
	}
	edit(&r)
	return p.UpdateRisk(r, later("rm", ""))
}

func updateIssue(p *plan.Plan, edit func(is *risk.Issue)) error {
	is, ok := p.Risks.Issue(OpenIssue)
	if !ok {
		return fmt.Errorf("no issue %s", OpenIssue)
	}
	edit(&is)
	return p.UpdateIssue(is, later("rm", ""))
}

func setRACI(p *plan.Plan, role plan.Role, raci plan.RACI) error {
	for i := range p.Roles {
		if p.Roles[i].Role == role {
			p.Roles[i].RACI = raci
			return nil
		}
	}
	return fmt.Errorf("no role %s", role)
}

func closeTask(p *plan.Plan, id string) error {
	at := later("rm", "")
	if err := p.TransitionBacklog(id, workitem.Active, at); err != nil {
		return err
	}
	if err := p.TransitionBacklog(id, workitem.Closed, at); err != nil {
		return err
	}
	return nil
}

// IDs of the readiness items WithReadiness adds.
const (
	// ReadinessSupport is a must-have support item owned by SupportLead,
	// due ten workdays before launch.
	ReadinessSupport = "RDY-SUPPORT"
	// ReadinessOperations is a must-have operations item owned by
	// Engineer, due five workdays before launch.
	ReadinessOperations = "RDY-OPS"
	// ReadinessMarketing is an optional marketing item owned by Marketer.
	ReadinessMarketing = "RDY-MKT"
)

// reviewHeld is when WithReadiness holds the go/no-go review: 15:00 UTC on
// Monday 2027-04-12, three workdays before the launch.
func reviewHeld() time.Time { return time.Date(2027, 4, 12, 15, 0, 0, 0, time.UTC) }

// addReadiness gives p a launch readiness checklist with leads who fill
// roles of the plan, and no go/no-go review.
func addReadiness(p *plan.Plan) error {
	ch := later("rm", "")
	if err := p.Assign("Support Lead", ch, SupportLead); err != nil {
		return err
	}
	if err := p.Assign("Operations Lead", ch, Engineer); err != nil {
		return err
	}
	err := p.AddReadinessItems(ch,
		readiness.Item{ID: ReadinessSupport, Function: readiness.Support, Title: "Help desk trained, escalation path published",
			Owner: SupportLead, MustHave: true, Due: backlog.Before(10), Category: backlog.CategorySupportTraining},
		readiness.Item{ID: ReadinessOperations, Function: readiness.Operations, Title: "Runbooks rehearsed",
			Owner: Engineer, MustHave: true, Due: backlog.Before(5)},
		readiness.Item{ID: ReadinessMarketing, Function: readiness.Marketing, Title: "Launch newsletter scheduled",
			Owner: Marketer, Due: backlog.Before(5)},
	)
	if err != nil {
		return err
	}
	if err := p.SetReadinessLead(readiness.Support, SupportLead, ch); err != nil {
		return err
	}
	return p.SetReadinessLead(readiness.Operations, Engineer, ch)
}

// WithReadiness gives a Ready plan a launch readiness checklist (a
// must-have support item, a must-have operations item and an optional
// marketing item, each with an owner and a due date; the support and
// operations leads fill roles of the plan) and schedules its go/no-go
// review three workdays before the launch with the Release Manager and
// both leads as approvers. The exit gate still reports nothing.
func WithReadiness(p *plan.Plan) error {
	if err := addReadiness(p); err != nil {
		return err
	}
	return p.ScheduleDecision("GNG-1", reviewHeld(), []string{"rm", SupportLead, Engineer}, later("rm", ""))
}

func withReadinessItem(p *plan.Plan, id string, edit func(it *readiness.Item)) error {
	if err := WithReadiness(p); err != nil {
		return err
	}
	it, ok := p.Readiness.Item(id)
	if !ok {
		return fmt.Errorf("no readiness item %s", id)
	}
	edit(&it)
	return p.UpdateReadinessItem(it, later("rm", ""))
}
