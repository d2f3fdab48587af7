package plantest

import (
	"fmt"
	"testing"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/resource/money"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/workitem"
)

// IDs of the entities Ready puts in a plan, for tests that change one of
// them. Requirement n (1 to 18) has the ID "REQ-n", its task "REQ-n/deliver",
// the task's demand "REQ-n/deliver/staff" and the commitment answering it
// "C-REQ-n".
const (
	// LaunchMilestone is the milestone task that stands for the launch;
	// every other task precedes it and Policy names it.
	LaunchMilestone = "LAUNCH"
	// SalesTraining is the requirement for sales training, the first
	// requirement of a Ready plan.
	SalesTraining = "REQ-1"
	// SalesTrainingTask is the task that delivers SalesTraining.
	SalesTrainingTask = "REQ-1/deliver"
	// SalesTrainingDemand is the demand of SalesTrainingTask: 12 hours
	// of the trainer.
	SalesTrainingDemand = "REQ-1/deliver/staff"
	// SalesTrainingCommitment is the commitment answering
	// SalesTrainingDemand.
	SalesTrainingCommitment = "C-REQ-1"
	// RoadShow is the road-show requirement, the last requirement of a
	// Ready plan; the budget line RoadShowBudgetLine funds it.
	RoadShow = "REQ-18"
	// TrainingBudgetLine, MarketingBudgetLine and RoadShowBudgetLine are
	// the budget lines, in that order.
	TrainingBudgetLine  = "B-TRAINING"
	MarketingBudgetLine = "B-MARKETING"
	RoadShowBudgetLine  = "B-ROADSHOW"
	// Trainer, Marketer, Engineer and SupportLead are the people of the
	// resource pool, in that order.
	Trainer     = "ana"
	Marketer    = "ben"
	Engineer    = "cy"
	SupportLead = "dee"
	// HighRisk is the open threat above the exposure threshold (40 % times
	// impact 4 = 160), fully handled; LowRisk is below the threshold.
	HighRisk = "R-1"
	LowRisk  = "R-2"
	// OpenIssue is an open issue that blocks a task but not the launch.
	OpenIssue = "I-1"
)

// AsOf returns the day Policy judges Ready plans on: 2027-02-01, three
// weeks after the kickoff.
func AsOf() calendar.Date { return calendar.MustParse("2027-02-01") }

// Kickoff returns the first day of planned work in Ready plans, the first
// day of the notification: Monday 2027-01-11.
func Kickoff() calendar.Date { return calendar.MustParse("2027-01-11") }

// Policy returns the policy Ready plans are judged under: DefaultPolicy as
// of AsOf, with LaunchMilestone standing for the launch, and the plan
// levelled (LevelResources), so that every built-in rule runs.
func Policy() plan.Policy {
	p := plan.DefaultPolicy()
	p.AsOf = AsOf()
	p.LaunchMilestones = []string{LaunchMilestone}
	p.LevelResources = true
	return p
}

// Checker returns the built-in rules under Policy.
func Checker() plan.Checker {
	return plan.Checker{Rules: plan.DefaultRules(), Policy: Policy()}
}

// readyRequirement is one requirement of a Ready plan and who serves it.
type readyRequirement struct {
	category backlog.Category
	title    string
	audience string
	person   string
}

// readyRequirements lists the requirements of a Ready plan: one for every
// category the default catalogue expects, in catalogue order, then a road
// show (which the catalogue does not expect).
func readyRequirements() []readyRequirement {
	return []readyRequirement{
		{backlog.CategorySalesTraining, "Train the EMEA sales team on the new invoicing module", "EMEA sales", Trainer},
		{backlog.CategorySupportTraining, "Train the help desk on the 1.0 support runbook", "Tier 1 and 2 help desk", Trainer},
		{backlog.CategoryFieldServiceTraining, "Train field engineers to install and maintain 1.0 on site", "Field service", Trainer},
		{backlog.CategoryOperationsTraining, "Train operations on monitoring and patching 1.0", "Data centre operations", Engineer},
		{backlog.CategoryTrainerTraining, "Train the customer trainers (train the trainer)", "Customer trainers", Trainer},
		{backlog.CategoryMarketingPlan, "Approve the 1.0 marketing plan", "Marketing leadership", Marketer},
		{backlog.CategoryCollateral, "Produce datasheet, brochure and slide deck", "Sales and partners", Marketer},
		{backlog.CategoryProductLaunch, "Run the launch event and the launch web page", "Customers and press", Marketer},
		{backlog.CategoryMarketingCommunications, "Send the launch mailing and partner newsletter", "Customers and partners", Marketer},
		{backlog.CategoryPressReleases, "Publish the launch press release", "Trade press", Marketer},
		{backlog.CategoryEnvironmentReadiness, "Provision production and staging for 1.0", "Operations", Engineer},
		{backlog.CategoryDeploymentWaves, "Roll 1.0 out in three customer waves", "Customers", Engineer},
		{backlog.CategoryCutover, "Rehearse and run the cutover weekend", "Operations", Engineer},
		{backlog.CategoryRollback, "Test the rollback to 0.9", "Operations", Engineer},
		{backlog.CategorySupportHandoff, "Hand 1.0 over to support with known issues", "Support", SupportLead},
		{backlog.CategoryDocumentation, "Publish release notes and the administrator guide", "Administrators", SupportLead},
		{backlog.CategoryLicensingLegal, "Clear licences and update the customer terms", "Legal", SupportLead},
		{backlog.CategoryRoadShows, "Road show in three cities after launch", "Prospects", Marketer},
	}
}

// change returns the change that the n-th step of building a Ready plan
// records: by the release manager, a minute apart from the notification.
func change(n int) lifecycle.Change {
	return lifecycle.Change{By: "rm", At: notifiedAt().Add(time.Duration(n) * time.Minute)}
}

// Ready returns a new plan that passes the exit gate with no finding at
// all, under DefaultChecker as under Checker: the plan Committed builds
// (roles filled, notification recorded), kicked off on Kickoff, with
//
//   - 18 requirements, one for every category the default catalogue
//     expects plus a road show, all active and entered in the tracker;
//   - one task per requirement, owned, estimated (three-point), tracked,
//     needing 12 hours of one of four people, and the launch milestone
//     that follows them all;
//   - a commitment for every demand, committed against revision 0;
//   - a budget in EUR (training, marketing, the road show), fully
//     committed, each line funding the requirements it pays for;
//   - a high risk handled (owner, mitigation, contingency, trigger,
//     review after AsOf), a low risk, and an open issue that blocks a
//     task but not the launch.
//
// Each call builds a fresh plan. Break it with Break or a Breaker.
func Ready(tb testing.TB) *plan.Plan {
	tb.Helper()
	p, err := newReady()
	if err != nil {
		tb.Fatalf("plantest: building the ready plan: %v", err)
	}
	return p
}

func newReady() (*plan.Plan, error) {
	p := plan.New("plantest", plan.Release{Product: "Product", Version: "1.0", Date: releaseDate(), Tier: "T2"})
	p.Title = "Product 1.0 rollout and deployment plan"
	p.Kickoff = Kickoff()
	step := 0
	next := func() lifecycle.Change { step++; return change(step) }
	for _, err := range []error{
		p.Notify(plan.Notification{From: "Program Office", At: notifiedAt(), Reference: "PO-1", Version: "1.0", Date: releaseDate()}, change(0)),
		p.Assign(plan.ReleaseManager, Change(), "rm"),
		p.Assign(plan.IPMOfficer, Change(), "ipmo"),
		p.Assign(plan.ProjectManager, Change(), "pm"),
	} {
		if err != nil {
			return nil, err
		}
	}

	for _, r := range []resource.Resource{
		{ID: Trainer, Name: "Ana Ortiz", Kind: resource.KindPerson, Role: "trainer", HoursPerDay: 8},
		{ID: Marketer, Name: "Ben Cho", Kind: resource.KindPerson, Role: "marketing", HoursPerDay: 8},
		{ID: Engineer, Name: "Cy Diaz", Kind: resource.KindPerson, Role: "release-engineer", HoursPerDay: 8},
		{ID: SupportLead, Name: "Dee Eng", Kind: resource.KindPerson, Role: "support-lead", HoursPerDay: 8},
	} {
		if err := p.AddResource(r, next()); err != nil {
			return nil, err
		}
	}
	var training, marketing []string
	reqs := readyRequirements()
	launch := backlog.Task{
		ID: LaunchMilestone, Title: "Launch of Product 1.0", Milestone: true, Assignee: "rm",
		Tracker: tracker(900),
	}
	for i, rr := range reqs {
		n := i + 1
		id := fmt.Sprintf("REQ-%d", n)
		r := backlog.Requirement{
			ID: id, Title: rr.title, Category: rr.category, Audience: rr.audience, Source: "launch review",
			Priority: 2, AcceptanceCriteria: []string{"signed off by the release manager"},
			Tracker: tracker(100 + n),
		}
		if rr.category == backlog.CategoryRoadShows {
			r.Timing = backlog.After(5)
		}
		if err := p.AddRequirement(r, next()); err != nil {
			return nil, err
		}
		if err := p.TransitionBacklog(id, workitem.Active, next()); err != nil {
			return nil, err
		}
		if rr.category == backlog.CategoryRoadShows {
			continue // the road show has its own task, after the launch
		}
		task := id + "/deliver"
		t := backlog.Task{
			ID: task, Title: rr.title, Requirements: []string{id},
			Estimate: backlog.ThreePoint(8, 10, 14), Assignee: rr.person,
			Demands: []resource.Demand{{ID: task + "/staff", ResourceID: rr.person, Quantity: resource.HoursOf(12)}},
			Tracker: tracker(200 + n),
		}
		if err := p.AddTask(t, next()); err != nil {
			return nil, err
		}
		launch.Dependencies = append(launch.Dependencies, backlog.Dependency{Task: task})
		if info, ok := backlog.DefaultCatalogue().Lookup(rr.category); ok && info.Group == backlog.GroupTraining {
			training = append(training, id)
		} else if ok && info.Group == backlog.GroupMarketing {
			marketing = append(marketing, id)
		}
	}
	if err := p.AddTask(launch, next()); err != nil {
		return nil, err
	}
	// The road show starts a week after the launch.
	road := backlog.Task{
		ID: RoadShow + "/deliver", Title: "Road show in three cities", Requirements: []string{RoadShow},
		Estimate: backlog.ThreePoint(8, 10, 14), Assignee: Marketer,
		// The road show's week is booked: its demand has dates of its own.
		Demands: []resource.Demand{{ID: RoadShow + "/deliver/staff", ResourceID: Marketer, Quantity: resource.HoursOf(12),
			From: calendar.MustParse("2027-04-26"), To: calendar.MustParse("2027-04-30")}},
		Tracker: tracker(218),
	}
	if err := p.AddTask(road, next()); err != nil {
		return nil, err
	}
	eur := func(n int64) money.Money { return money.MustFromMinor("EUR", n*100) }
	if err := p.SetBudget("EUR", nil, next()); err != nil {
		return nil, err
	}
	for _, l := range []resource.BudgetLine{
		{ID: TrainingBudgetLine, Category: resource.CategoryTraining, Description: "Trainers, rooms and material", Required: eur(24000), Committed: eur(24000), Funds: training},
		{ID: MarketingBudgetLine, Category: resource.CategoryMarketing, Description: "Launch event, collateral and press", Required: eur(60000), Committed: eur(60000), Funds: marketing},
		{ID: RoadShowBudgetLine, Category: resource.CategoryEvents, Description: "Road show venues and travel", Required: eur(18000), Committed: eur(18000), Funds: []string{RoadShow}},
	} {
		if err := p.AddBudgetLine(l, next()); err != nil {
			return nil, err
		}
	}
	for _, t := range p.Backlog.Tasks() {
		for _, d := range t.Demands {
			c := "C-" + t.Requirements[0]
			if err := p.RequestCommitment(c, d.ID, next()); err != nil {
				return nil, err
			}
			ch := next()
			ch.By = "ipmo"
			if err := p.Commit(c, ch); err != nil {
				return nil, err
			}
		}
	}
	if err := addDeployment(p, next); err != nil {
		return nil, err
	}
	if err := p.AddRisk(risk.Risk{
		ID: HighRisk, Title: "Trainers unavailable", Category: "resource", Kind: risk.Threat,
		Condition:   "the only certified trainer may be booked by another release",
		Consequence: "sales and help desk are not trained by the launch",
		Probability: 40, Impact: 4, Response: "reduce",
		MitigationPlan:  "book the trainer for the whole of February now",
		ContingencyPlan: "buy training from the partner academy",
		Trigger:         "the trainer's booking is not confirmed by 2027-01-25",
		Owner:           "rm", Raised: Kickoff(), NextReview: calendar.MustParse("2027-02-08"),
		TaskIDs: []string{SalesTrainingTask}, RequirementIDs: []string{SalesTraining},
	}, next()); err != nil {
		return nil, err
	}
	if err := p.AddRisk(risk.Risk{
		ID: LowRisk, Title: "Press release slips a week", Category: "schedule", Kind: risk.Threat,
		Condition: "legal review of the press release may take longer", Consequence: "the press release is late",
		Probability: 20, Impact: 2, Owner: "pm", Raised: Kickoff(), NextReview: calendar.MustParse("2027-03-01"),
	}, next()); err != nil {
		return nil, err
	}
	for _, id := range []string{HighRisk, LowRisk} {
		if err := p.TransitionRisk(id, workitem.Active, next()); err != nil {
			return nil, err
		}
	}
	if err := p.AddIssue(risk.Issue{
		ID: OpenIssue, Title: "Staging licences not yet delivered", Priority: 2, Owner: Engineer,
		Raised: Kickoff(), TargetResolve: calendar.MustParse("2027-02-15"),
		Blocks: risk.Blocks{TaskIDs: []string{"REQ-11/deliver"}},
	}, next()); err != nil {
		return nil, err
	}
	return p, nil
}

// tracker returns the work-tracker reference of work item n.
func tracker(n int) backlog.TrackerRef {
	return backlog.TrackerRef{System: "azure-boards", ID: fmt.Sprint(n), URL: fmt.Sprintf("https://dev.azure.com/product/launch/_workitems/edit/%d", n)}
}
