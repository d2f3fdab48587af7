package sample

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/workitem"
)

// The sample release's key dates and names.
const (
	// PlanID identifies the sample plan.
	PlanID = "contoso-ledger-4.0"
	// Product and Version name the release.
	Product = "Contoso Ledger"
	Version = "4.0"
	// ReleaseManager, IPMOfficer and ProjectManager fill the activity's
	// RACI roles.
	ReleaseManager = "Rita Alvarez"
	IPMOfficer     = "Ivo Marsh"
	ProjectManager = "Pat Okafor"
	// LaunchMilestone is the task that stands for the launch itself.
	LaunchMilestone = "REQ-8/launch"
	// Baseline is the name of the baseline taken once the plan was
	// committed.
	Baseline = "committed"
	// Decision is the ID of the go/no-go review.
	Decision = "GNG-1"
)

// The sample release's dates.
var (
	// ReleaseDate is the committed launch date, a Thursday.
	ReleaseDate = calendar.MustParse("2027-04-15")
	// Kickoff is the first day of planned work, a Monday.
	Kickoff = calendar.MustParse("2027-01-11")
	// AsOf is the day the sample plan is judged on.
	AsOf = calendar.MustParse("2027-03-01")
)

// Policy returns the policy the sample plan is judged under: the default
// policy as of 2027-03-01, with the product launch milestone standing for
// the launch.
func Policy() plan.Policy {
	p := plan.DefaultPolicy()
	p.AsOf = AsOf
	p.LaunchMilestones = []string{LaunchMilestone}
	return p
}

// Checker returns the built-in rules under Policy.
func Checker() plan.Checker {
	return plan.Checker{Rules: plan.DefaultRules(), Policy: Policy()}
}

// Calendar returns the sample's working calendar, "Contoso HQ".
func Calendar() (*calendar.Calendar, error) {
	hol := func(name, date string) calendar.Holiday {
		return calendar.Holiday{Name: name, Date: calendar.MustParse(date)}
	}
	return calendar.New(calendar.Spec{
		Name:        "Contoso HQ",
		Workweek:    calendar.MondayToFriday,
		HoursPerDay: 8,
		Holidays: []calendar.Holiday{
			hol("Martin Luther King Jr. Day", "2027-01-18"),
			hol("Presidents' Day", "2027-02-15"),
			hol("Good Friday", "2027-03-26"),
			hol("Easter Monday", "2027-03-29"),
			hol("Memorial Day", "2027-05-31"),
			hol("Independence Day (observed)", "2027-07-05"),
		},
	})
}

// at returns a fixed time on a day of 2027, in UTC.
func at(month time.Month, day, hour int) time.Time {
	return time.Date(2027, month, day, hour, 0, 0, 0, time.UTC)
}

// Plan builds the sample plan. It returns an error only if a change the
// sample makes is refused, which the tests rule out.
func Plan() (*plan.Plan, error) {
	b := &builder{}
	steps := []func() error{
		b.begin,
		b.gather,
		b.resources,
		b.analyse,
		b.revise,
		b.commitments,
		b.risks,
		b.issues,
		b.checklist,
		b.baseline,
		b.decide,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("sample: %w", err)
		}
	}
	return b.p, nil
}

// DeploymentCalendarName names the calendar the sample's production
// changes follow.
const DeploymentCalendarName = "Contoso deployment"

// DeploymentCalendar returns the calendar of the sample's production
// changes (the deployment waves, data migration, cutover): the working
// days of Contoso HQ and a change freeze over the hosted customers'
// first-quarter close, the clash the cutover risk names, so that no
// deployment work is scheduled inside it.
func DeploymentCalendar() (*calendar.Calendar, error) {
	hq, err := Calendar()
	if err != nil {
		return nil, err
	}
	spec := hq.Spec()
	spec.Name = DeploymentCalendarName
	spec.Freezes = []calendar.Freeze{{Name: "Q1 close of hosted customers", From: calendar.MustParse("2027-03-29"), Through: calendar.MustParse("2027-04-02")}}
	return calendar.New(spec)
}

// deploymentSteps are the tasks that change production besides the waves'
// (which the deployment plan puts on the deployment calendar): they follow
// the deployment calendar.
var deploymentSteps = map[string]bool{
	"REQ-18/migrate": true, "REQ-19/execute": true,
}

// builder holds the plan being built and what the later steps need.
type builder struct {
	p   *plan.Plan
	cal *calendar.Calendar
	// staff maps a demand ID to the resource that serves it.
	staff map[string]string
}

func (b *builder) change(by string, t time.Time, note string) lifecycle.Change {
	return lifecycle.Change{By: by, At: t, Note: note}
}

// begin creates the plan, records the entry criterion's notification,
// fills the roles and starts the activity.
func (b *builder) begin() error {
	cal, err := Calendar()
	if err != nil {
		return err
	}
	b.cal = cal
	p := plan.New(PlanID, plan.Release{Product: Product, Version: Version, Date: ReleaseDate, Tier: "T1"})
	p.Title = "Contoso Ledger 4.0 rollout and deployment plan"
	p.Calendar = cal
	p.Kickoff = Kickoff
	b.p = p
	for _, a := range []struct {
		role   plan.Role
		person string
	}{{plan.ReleaseManager, ReleaseManager}, {plan.IPMOfficer, IPMOfficer}, {plan.ProjectManager, ProjectManager}} {
		if err := p.Assign(a.role, b.change(a.person, at(time.January, 4, 9), "Assigned as the plan is set up"), a.person); err != nil {
			return err
		}
	}
	if err := p.Notify(plan.Notification{
		From:      "Contoso Program Management Office",
		At:        at(time.January, 8, 16),
		Reference: "PMO-DR-2027-004",
		Version:   Version,
		Date:      ReleaseDate,
	}, b.change(ReleaseManager, at(time.January, 8, 16), "Release commitment received")); err != nil {
		return err
	}
	ch := b.change(ReleaseManager, at(time.January, 11, 9), "Kickoff of rollout and deployment planning")
	ch.Reason = plan.ReasonEntryCriterionMet
	if _, err := p.Start(context.Background(), Checker(), ch); err != nil {
		return err
	}
	return nil
}

// gather adds the requirements (sub-activity 1).
func (b *builder) gather() error {
	for i, r := range requirements() {
		day := 12 + i/8
		if err := b.p.AddRequirement(r, b.change(ReleaseManager, at(time.January, day, 10), "")); err != nil {
			return fmt.Errorf("requirement %s: %w", r.ID, err)
		}
		if err := b.p.TransitionBacklog(r.ID, workitem.Active, b.change(ReleaseManager, at(time.January, day, 15), "")); err != nil {
			return fmt.Errorf("requirement %s: %w", r.ID, err)
		}
		if err := b.p.SetTracker(r.ID, tracker(4100+i+1), b.change(ReleaseManager, at(time.January, day, 15), "Entered in Azure Boards")); err != nil {
			return err
		}
	}
	return nil
}

// tracker returns the Azure Boards reference of work item n.
func tracker(n int) backlog.TrackerRef {
	return backlog.TrackerRef{
		System: "Azure Boards",
		ID:     fmt.Sprint(n),
		URL:    fmt.Sprintf("https://dev.azure.com/contoso/ledger/_workitems/edit/%d", n),
	}
}

// analyse expands the requirements into tasks with the company's templates
// (the defaults, with the resources every step needs), constrains the
// starts, staffs the demands, assigns the tasks, enters them in Azure
// Boards and dates their demands from the schedule (sub-activities 2 and
// 3).
func (b *builder) analyse() error {
	ts, err := templates()
	if err != nil {
		return err
	}
	exp, err := b.p.Analyze(ts, backlog.ExpandOptions{
		Release:  ReleaseDate,
		Calendar: b.cal,
		Change:   b.change(ReleaseManager, at(time.January, 18, 9), "Analysed with the Contoso launch templates"),
	})
	if err != nil {
		return err
	}
	if len(exp.NoTemplate) > 0 {
		return fmt.Errorf("no template for %v", exp.NoTemplate)
	}
	if err := b.deploy(); err != nil {
		return err
	}
	starts := startDates()
	b.staff = map[string]string{}
	next := map[string]int{}
	names := map[string]string{}
	for _, r := range people() {
		names[r.ID] = r.Name
	}
	for i, t := range b.p.Backlog.Tasks() {
		if d, ok := starts[t.ID]; ok {
			t.StartNoEarlierThan = calendar.MustParse(d)
		}
		if deploymentSteps[t.ID] {
			t.Calendar = DeploymentCalendarName
		}
		if slices.Contains(t.Requirements, "REQ-24") {
			// Contoso sends a maintenance notice as soon as it is
			// approved, well ahead of its wave, rather than just in
			// time (the category's default), which would pull the
			// wave it precedes to its latest dates.
			t.Scheduling = backlog.AsSoonAsPossible
		}
		for j := range t.Demands {
			id := b.pick(t, &t.Demands[j], next)
			t.Demands[j].ResourceID = id
			if t.Assignee == "" && t.Demands[j].EffectiveKind() == resource.KindPerson {
				t.Assignee = names[id]
			}
		}
		if t.Assignee == "" {
			t.Assignee = ReleaseManager
		}
		t.Tracker = tracker(4200 + i + 1)
		if err := b.p.UpdateTask(t, b.change(ReleaseManager, at(time.January, 19, 8), "Staffed and entered in Azure Boards")); err != nil {
			return fmt.Errorf("task %s: %w", t.ID, err)
		}
		if laterWaveDeployment(b.p, t.ID) {
			// Deploying a wave starts when the previous wave's gate
			// decides to continue (TransitionBacklog refuses it before).
			continue
		}
		if err := b.p.TransitionBacklog(t.ID, workitem.Active, b.change(ReleaseManager, at(time.January, 19, 9), "")); err != nil {
			return err
		}
	}
	// Demands state their dates: those of the task in the committed
	// schedule, so that the program office commits to dated demands.
	res, err := b.p.Schedule()
	if err != nil {
		return err
	}
	for _, t := range b.p.Backlog.Tasks() {
		if len(t.Demands) == 0 {
			continue
		}
		tm, err := res.Timing(t.ID)
		if err != nil {
			return err
		}
		for j := range t.Demands {
			t.Demands[j] = t.Demands[j].WithDates(tm.EarlyStart, tm.EarlyFinish)
		}
		t.Demands = adjust(t.Demands)
		if err := b.p.UpdateTask(t, b.change(ReleaseManager, at(time.January, 19, 10), "Demands dated from the schedule")); err != nil {
			return fmt.Errorf("task %s: %w", t.ID, err)
		}
	}
	return nil
}

// pick chooses the resource that serves a demand: the requirement's
// assigned person for the demand's role when the sample names one,
// otherwise the next resource of the role or kind in turn.
func (b *builder) pick(t backlog.Task, d *resource.Demand, next map[string]int) string {
	req := ""
	if len(t.Requirements) > 0 {
		req = t.Requirements[0]
	}
	key := d.Role
	if key == "" {
		key = demandKey(d.ID)
	}
	if id, ok := assigned()[d.ID]; ok {
		return id
	}
	if id, ok := assigned()[req+" "+key]; ok {
		return id
	}
	pool := byRoleOrKey()[key]
	if len(pool) == 0 {
		return ""
	}
	// One resource per requirement and role: every task of a requirement
	// is served by the same person.
	turn := req + " " + key
	if id, ok := b.staff[turn]; ok {
		return id
	}
	id := pool[next[key]%len(pool)]
	next[key]++
	b.staff[turn] = id
	return id
}

// demandKey returns the last part of a generated demand ID, the demand
// template's key.
func demandKey(id string) string {
	for i := len(id) - 1; i >= 0; i-- {
		if id[i] == '/' {
			return id[i+1:]
		}
	}
	return id
}

// laterWaveDeployment reports whether task id deploys a wave after the
// first: it stays proposed until the previous wave continues.
func laterWaveDeployment(p *plan.Plan, id string) bool {
	wave, ok := strings.CutSuffix(id, "/"+deployment.StepDeploy)
	if !ok {
		return false
	}
	_, i, ok := p.Deployment.Wave(wave)
	return ok && i > 0
}
