package view

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/readiness"
	"github.com/rolloutkit/rollout/resource"
)

// Rollout is the deployment half of a plan as every renderer shows it:
// the waves with their planned windows and evaluations, the point of no
// return and the review that guards it, hypercare with its staffing, the
// freeze windows of the deployment calendar and the operational
// communications timed against the waves. Build it with View.Rollout.
type Rollout struct {
	// Calendar names the calendar the deployment follows; empty means
	// the plan's own.
	Calendar string
	// Waves are the waves in rollout order.
	Waves []Wave
	// PointOfNoReturn is the point of no return; nil when there is none.
	PointOfNoReturn *PointOfNoReturn
	// Hypercare is the hypercare period; nil when none is planned.
	Hypercare *Hypercare
	// Freezes are the freeze windows of the plan's and the deployment's
	// calendars, by date (the freeze windows of View.Windows).
	Freezes []Window
	// Communications are the deliverables of the operational
	// communications requirements (maintenance notices, status page
	// updates, internal announcements), by date then task ID.
	Communications []Communication
}

// IsZero reports whether the plan has no deployment half to show: no
// wave, no hypercare and no communication.
func (r Rollout) IsZero() bool {
	return len(r.Waves) == 0 && r.Hypercare == nil && len(r.Communications) == 0
}

// Wave is a deployment wave with its planned window, its tasks and where
// its evaluation stands.
type Wave struct {
	deployment.Wave
	// Planned says whether the wave's deploy and gate tasks are in the
	// schedule; Start, Deployed and Gate are zero otherwise.
	Planned bool
	// Start is the first day of its deployment, Deployed the last, and
	// Gate the day of its gate milestone.
	Start, Deployed, Gate calendar.Date
	// Tasks are indices into View.Tasks of its scheduled tasks (deploy,
	// soak, evaluate, gate), in step order.
	Tasks []int
	// PastPointOfNoReturn marks the wave at the point of no return and
	// the waves after it: they cannot be rolled back.
	PastPointOfNoReturn bool
	// Notices are indices into Rollout.Communications of the
	// communications that announce this wave.
	Notices []int
}

// Customer reports whether the wave reaches customers (any ring but the
// internal pilot), whom a maintenance notice must warn.
func (w Wave) Customer() bool { return w.Ring != deployment.RingPilot }

// EvaluationText returns where the wave's evaluation stands for people: the
// state, or "decision (outcome)" once decided, such as "continued
// (succeeded)".
func (w Wave) EvaluationText() string {
	e := w.Evaluation
	if dec := e.Decision(); dec != "" && e.Outcome != "" {
		return string(dec) + " (" + string(e.Outcome) + ")"
	}
	return string(e.Current())
}

// PointOfNoReturn is the point of no return with the review that guards
// it and whether the rollout has passed it.
type PointOfNoReturn struct {
	deployment.PointOfNoReturn
	// WaveName names the wave at the point of no return.
	WaveName string
	// Day is the first day of that wave's deployment, zero when it is
	// not planned.
	Day calendar.Date
	// Review is the guarding go/no-go review when the plan holds it
	// (ReviewFound).
	Review      Review
	ReviewFound bool
	// Passed says whether the rollout continued past it, and Approval
	// names the review the continuation recorded.
	Passed   bool
	Approval string
	// PassedOnGo says whether that review said go (or go with
	// conditions); false while not passed.
	PassedOnGo bool
}

// Guard describes the guard for people: "GNG-1 (undecided, 2027-04-12)",
// "GNG-1 (not held)" or "no go/no-go review".
func (p PointOfNoReturn) Guard() string {
	switch {
	case p.Decision == "":
		return "no go/no-go review"
	case !p.ReviewFound:
		return p.Decision + " (not held)"
	}
	return p.Decision + " (" + p.Review.Outcome.String() + ", " + p.Review.Day().String() + ")"
}

// PassedText says whether and on what the rollout passed the point of
// no return: "not yet", "passed on GNG-1 (go)" or "PASSED on GNG-1
// WITHOUT A GO".
func (p PointOfNoReturn) PassedText(reviews []Review) string {
	if !p.Passed {
		return "not yet"
	}
	outcome := "not held"
	if i := slices.IndexFunc(reviews, func(r Review) bool { return r.ID == p.Approval }); i >= 0 {
		outcome = reviews[i].Outcome.String()
	}
	if p.PassedOnGo {
		return "passed on " + p.Approval + " (" + outcome + ")"
	}
	return "PASSED on " + p.Approval + " WITHOUT A GO (" + outcome + ")"
}

// Hypercare is the hypercare period with its staffing.
type Hypercare struct {
	deployment.Hypercare
	// Workdays counts the workdays of the period on the plan's calendar.
	Workdays int
	// Staffing are the rota's demands, then the war room's.
	Staffing []Staffing
}

// Staffing is one demand of hypercare's rota or war room.
type Staffing struct {
	// Role is "rota" or "war room".
	Role string
	// Demand is the demand's ID; Known says whether the resource pool
	// holds it (the other fields are zero otherwise).
	Demand string
	Known  bool
	// Who names the resource, or its ID, or the role asked for.
	Who string
	// Quantity is how much is needed, From and To when.
	Quantity resource.Quantity
	From, To calendar.Date
	// Committed says whether commitments against the current revision
	// cover it fully.
	Committed bool
}

// CommitmentText returns "committed", "not covered" or "not in the
// resource pool".
func (s Staffing) CommitmentText() string {
	switch {
	case !s.Known:
		return "not in the resource pool"
	case s.Committed:
		return "committed"
	}
	return "not covered"
}

// Communication is one deliverable of an operational communications
// requirement: a notice sent, status page entries scheduled, teams
// briefed.
type Communication struct {
	// Task is the index into View.Tasks of the task.
	Task int
	// ID, Title and Category are the task's ID and title and its
	// requirement's category.
	ID, Title string
	Category  backlog.Category
	// Day is its scheduled (last) day.
	Day calendar.Date
	// Wave is the ID of the wave it announces ("<requirement>/notice-<wave>",
	// see plan.Plan.PlanNotices), empty for the others.
	Wave string
	// Lead is the number of workdays of the deployment calendar from Day
	// to the wave's first day (zero without a wave).
	Lead int
}

// communicationCategories are the requirement categories of operational
// communications.
var communicationCategories = []backlog.Category{
	backlog.CategoryMaintenanceNotices, backlog.CategoryStatusPage, backlog.CategoryInternalAnnouncements,
}

// Review is a go/no-go review as renderers show it.
type Review struct {
	plan.Decision
	// Outcome is the review's outcome.
	Outcome plan.Outcome
	// Current says whether it judged the plan's current revision.
	Current bool
	// Items are the readiness items its go-with-conditions and no-go
	// ballots name, without repeats, in ballot order.
	Items []string
}

// Day returns the day the review is held, zero when not set.
func (r Review) Day() calendar.Date {
	if r.Date.IsZero() {
		return calendar.Date{}
	}
	return calendar.FromTime(r.Date.UTC())
}

// When returns when the review is held for people: "2027-04-12 15:00 UTC"
// for a review held at a time, the day alone otherwise, "-" when unset.
func (r Review) When() string {
	if r.Date.IsZero() {
		return "-"
	}
	t := r.Date.UTC()
	if h, m, s := t.Clock(); h == 0 && m == 0 && s == 0 {
		return r.Day().String()
	}
	return t.Format("2006-01-02 15:04 MST")
}

// Reviews returns the plan's go/no-go reviews, oldest first, with their
// outcomes and the readiness items their ballots name.
func (v *View) Reviews() []Review {
	p := v.Plan
	out := make([]Review, 0, len(p.Decisions))
	for _, d := range p.Decisions {
		r := Review{Decision: d, Outcome: d.Outcome(), Current: d.Revision == p.Revision}
		for _, b := range d.Ballots {
			for _, id := range b.Conditions {
				if !slices.Contains(r.Items, id) {
					r.Items = append(r.Items, id)
				}
			}
		}
		out = append(out, r)
	}
	return out
}

// Rollout returns the deployment half of the plan from the view's
// schedule. It works on plans that do not validate (unknown demands and
// reviews are shown as such) and returns a zero Rollout for a plan
// without deployment or communications.
func (v *View) Rollout() Rollout {
	p := v.Plan
	var r Rollout
	for _, w := range v.Windows {
		if w.Kind == WindowFreeze {
			r.Freezes = append(r.Freezes, w)
		}
	}
	r.Communications = v.communications()
	d := p.Deployment
	if d == nil {
		return r
	}
	r.Calendar = d.Calendar
	pnr := -1
	if d.PointOfNoReturn != nil {
		pnr = slices.IndexFunc(d.Waves, func(w deployment.Wave) bool { return w.ID == d.PointOfNoReturn.Wave })
	}
	byWave := map[string]int{}
	r.Waves = make([]Wave, 0, len(d.Waves))
	for i, w := range d.Waves {
		rw := Wave{Wave: w, PastPointOfNoReturn: pnr >= 0 && i >= pnr}
		rw.Start, rw.Deployed, rw.Gate, rw.Planned = v.waveWindow(w.ID)
		for _, step := range []string{deployment.StepDeploy, deployment.StepSoak, deployment.StepEvaluate, deployment.StepGate} {
			if k, ok := v.index[w.ID+"/"+step]; ok && v.Tasks[k].Scheduled {
				rw.Tasks = append(rw.Tasks, k)
			}
		}
		byWave[w.ID] = len(r.Waves)
		r.Waves = append(r.Waves, rw)
	}
	cal := v.deploymentCalendar()
	for k := range r.Communications {
		c := &r.Communications[k]
		if c.Wave == "" {
			continue
		}
		i, ok := byWave[c.Wave]
		if !ok {
			c.Wave = ""
			continue
		}
		r.Waves[i].Notices = append(r.Waves[i].Notices, k)
		if r.Waves[i].Planned {
			c.Lead = cal.WorkdaysBetween(c.Day, r.Waves[i].Start)
		}
	}
	if d.PointOfNoReturn != nil {
		r.PointOfNoReturn = v.pointOfNoReturn(*d.PointOfNoReturn, r.Waves, pnr)
	}
	if d.Hypercare != nil {
		r.Hypercare = v.hypercare(*d.Hypercare)
	}
	return r
}

// waveWindow returns a wave's planned window from its deploy and gate
// tasks.
func (v *View) waveWindow(wave string) (start, deployed, gate calendar.Date, ok bool) {
	i, ok := v.index[wave+"/"+deployment.StepDeploy]
	j, ok2 := v.index[wave+"/"+deployment.StepGate]
	if !ok || !ok2 || !v.Tasks[i].Scheduled || !v.Tasks[j].Scheduled {
		return calendar.Date{}, calendar.Date{}, calendar.Date{}, false
	}
	return v.Tasks[i].Start(), v.Tasks[i].Finish(), v.Tasks[j].Finish(), true
}

// deploymentCalendar returns the calendar the deployment follows: the
// pool's calendar the deployment names, or the plan's.
func (v *View) deploymentCalendar() *calendar.Calendar {
	if d := v.Plan.Deployment; d != nil && d.Calendar != "" {
		for _, c := range v.Plan.Resources.Calendars {
			if c != nil && c.Name() == d.Calendar {
				return c
			}
		}
	}
	return v.Calendar
}

func (v *View) pointOfNoReturn(pr deployment.PointOfNoReturn, waves []Wave, at int) *PointOfNoReturn {
	out := &PointOfNoReturn{PointOfNoReturn: pr}
	if at >= 0 {
		out.WaveName = waves[at].Name
		out.Day = waves[at].Start
	}
	reviews := v.Reviews()
	if i := slices.IndexFunc(reviews, func(r Review) bool { return r.ID == pr.Decision }); pr.Decision != "" && i >= 0 {
		out.Review, out.ReviewFound = reviews[i], true
	}
	if at >= 1 {
		before := waves[at-1].Evaluation
		if before.Current() == deployment.Continued && before.Approval != "" {
			out.Passed, out.Approval = true, before.Approval
			if i := slices.IndexFunc(reviews, func(r Review) bool { return r.ID == before.Approval }); i >= 0 {
				o := reviews[i].Outcome
				out.PassedOnGo = o == plan.Launch || o == plan.LaunchWithConditions
			}
		}
	}
	return out
}

func (v *View) hypercare(h deployment.Hypercare) *Hypercare {
	out := &Hypercare{Hypercare: h, Workdays: v.Calendar.WorkdaysBetween(h.From, h.Through.AddDays(1))}
	pool := &v.Plan.Resources
	committed := map[string]bool{}
	for _, c := range pool.Coverage(v.Plan.Revision) {
		committed[c.DemandID] = c.Gap.Value <= 0 && c.Gap.Money.IsZero()
	}
	staff := func(role, id string) {
		s := Staffing{Role: role, Demand: id}
		if dm, ok := pool.Demand(id); ok {
			s.Known, s.Quantity, s.From, s.To, s.Committed = true, dm.Quantity, dm.From, dm.To, committed[id]
			s.Who = cmp.Or(dm.ResourceID, dm.Role, string(dm.Kind))
			if res, ok := pool.Resource(dm.ResourceID); ok && res.Name != "" {
				s.Who = res.Name
			}
		}
		out.Staffing = append(out.Staffing, s)
	}
	for _, id := range h.Rota {
		staff("rota", id)
	}
	if h.WarRoom != "" {
		staff("war room", h.WarRoom)
	}
	return out
}

// communications returns the deliverables of the communications
// requirements: their scheduled tasks that no other task of the same
// requirement waits for.
func (v *View) communications() []Communication {
	var out []Communication
	for _, r := range v.Requirements {
		if !slices.Contains(communicationCategories, r.Category) {
			continue
		}
		waited := map[string]bool{}
		for _, i := range r.Tasks {
			for _, d := range v.Tasks[i].Dependencies {
				waited[d.Task] = true
			}
		}
		for _, i := range r.Tasks {
			t := v.Tasks[i]
			if !t.Scheduled || waited[t.ID] {
				continue
			}
			c := Communication{Task: i, ID: t.ID, Title: t.Title, Category: r.Category, Day: t.Finish()}
			if wave, ok := strings.CutPrefix(t.ID, r.ID+"/"+plan.NoticeStep+"-"); ok {
				c.Wave = wave
			}
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b Communication) int {
		return cmp.Or(a.Day.Compare(b.Day), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// Readiness is the launch readiness checklist as renderers show it.
type Readiness struct {
	// AsOf is the day overdue items are judged on; zero flags none.
	AsOf calendar.Date
	// Functions count the items per function (readiness.Checklist.ByFunction)
	// and Total sums them.
	Functions []readiness.FunctionSummary
	Total     readiness.FunctionSummary
	// Items are the items by function (in the order of Functions), then
	// due date (soonest first, undated last), then ID.
	Items []ReadinessItem
}

// ReadinessItem is a checklist item with its due date worked out.
type ReadinessItem struct {
	readiness.Item
	// DueDate is the day it is due, zero when not stated or the plan has
	// no release date.
	DueDate calendar.Date
	// Blocking marks a must-have item neither ready nor waived: it
	// blocks a go.
	Blocking bool
	// Overdue marks an item not done (neither ready nor waived) whose due
	// date is before AsOf.
	Overdue bool
}

// StatusText returns the item's status for people, never by colour
// alone: "ready", "waived", "at-risk (OVERDUE)"...
func (it ReadinessItem) StatusText() string {
	s := it.Status.String()
	if it.Overdue {
		s += " (OVERDUE)"
	}
	return s
}

// Blocking returns the items that block a go, soonest due first (undated
// last), then by ID.
func (r Readiness) Blocking() []ReadinessItem {
	var out []ReadinessItem
	for _, it := range r.Items {
		if it.Blocking {
			out = append(out, it)
		}
	}
	slices.SortStableFunc(out, byDue)
	return out
}

func byDue(a, b ReadinessItem) int {
	switch {
	case a.DueDate.IsZero() && !b.DueDate.IsZero():
		return 1
	case b.DueDate.IsZero() && !a.DueDate.IsZero():
		return -1
	}
	return cmp.Or(a.DueDate.Compare(b.DueDate), cmp.Compare(a.ID, b.ID))
}

// Readiness returns the plan's launch readiness checklist with each
// item's due date on the plan's calendar, judged as of asOf (zero: no
// item is overdue). It is zero for a plan that keeps no checklist.
func (v *View) Readiness(asOf calendar.Date) Readiness {
	out := Readiness{AsOf: asOf}
	c := v.Plan.Readiness
	if c == nil || len(c.Items) == 0 {
		return out
	}
	out.Functions = c.ByFunction()
	order := make(map[readiness.Function]int, len(out.Functions))
	for i, s := range out.Functions {
		order[s.Function] = i
		t := &out.Total
		t.Items += s.Items
		t.MustHave += s.MustHave
		t.NotStarted += s.NotStarted
		t.InProgress += s.InProgress
		t.Ready += s.Ready
		t.AtRisk += s.AtRisk
		t.Waived += s.Waived
		t.Blocking += s.Blocking
	}
	out.Items = make([]ReadinessItem, 0, len(c.Items))
	for _, it := range c.Items {
		ri := ReadinessItem{Item: it, Blocking: it.MustHave && !it.Status.Done()}
		if !it.Due.IsZero() && !v.Release.IsZero() {
			if d, err := it.Due.Date(v.Release, v.Calendar); err == nil {
				ri.DueDate = d
			}
		}
		ri.Overdue = !it.Status.Done() && !asOf.IsZero() && !ri.DueDate.IsZero() && ri.DueDate.Before(asOf)
		out.Items = append(out.Items, ri)
	}
	slices.SortStableFunc(out.Items, func(a, b ReadinessItem) int {
		return cmp.Or(cmp.Compare(order[a.Function], order[b.Function]), byDue(a, b))
	})
	return out
}

// LatestEvent returns the day of the plan's latest recorded event, zero
// when it has no history: the day documents of the plan are drawn as of
// when their caller names none (nothing here reads the clock).
func (v *View) LatestEvent() calendar.Date {
	var latest time.Time
	for _, e := range v.Plan.History {
		if e.At.After(latest) {
			latest = e.At
		}
	}
	if !latest.IsZero() {
		return calendar.FromTime(latest.UTC())
	}
	return calendar.Date{}
}

// WindowText returns the wave's planned window for people: "2027-04-16
// to 2027-04-27", or "not planned as tasks".
func (w Wave) WindowText() string {
	if !w.Planned {
		return "not planned as tasks"
	}
	return w.Start.String() + " to " + w.Gate.String()
}

// RollbackText returns the rollback plan and who decides: "Runbook
// HOST-RB-38 (decided by Rita Alvarez)"; "-" without a plan.
func (w Wave) RollbackText() string {
	s := cmp.Or(strings.TrimSpace(w.Rollback.Plan), "-")
	if w.Rollback.DecidedBy != "" {
		s += " (decided by " + w.Rollback.DecidedBy + ")"
	}
	return s
}

// Unnoticed returns the planned customer waves that no maintenance notice
// announces, in rollout order.
func (r Rollout) Unnoticed() []Wave {
	var out []Wave
	for _, w := range r.Waves {
		if w.Customer() && w.Planned && len(w.Notices) == 0 {
			out = append(out, w)
		}
	}
	return out
}

// UnnoticedText says that no maintenance notice announces the customer
// wave (one of Rollout.Unnoticed), in two parts so that a renderer can
// stress the first: "No maintenance notice" and "announces customer wave
// W5-late (Late adopters, from 2027-05-06).".
func (w Wave) UnnoticedText() (flag, rest string) {
	return "No maintenance notice", "announces customer wave " + w.ID + " (" + w.Name + ", from " + w.Start.String() + ")."
}

// EvidenceText returns what shows the item's state: the waiver's reason
// for a waived item ("waived: ..."), else its evidence, oldest first, as
// "note (link)" joined by "; ", else "".
func (it ReadinessItem) EvidenceText() string {
	if it.Status == readiness.Waived {
		return "waived: " + it.WaiverReason
	}
	parts := make([]string, 0, len(it.Evidence))
	for _, e := range it.Evidence {
		switch {
		case e.Note != "" && e.Link != "":
			parts = append(parts, e.Note+" ("+e.Link+")")
		default:
			parts = append(parts, e.Note+e.Link)
		}
	}
	return strings.Join(parts, "; ")
}

// DueText returns the due date, or "-" when not stated.
func (it ReadinessItem) DueText() string {
	if it.DueDate.IsZero() {
		return "-"
	}
	return it.DueDate.String()
}

// VoteText returns an approver's vote for people: "go",
// "go-with-conditions", "no-go" or "not voted".
func VoteText(b plan.Ballot) string {
	return cmp.Or(b.Vote.String(), "not voted")
}

// Intro says what calendar the waves follow and its freeze windows:
// "Waves follow Contoso deployment; each starts after the previous
// wave's gate. Freeze: Q1 close, 2027-03-29 to 2027-04-02."
func (r Rollout) Intro() string {
	s := "Waves follow " + cmp.Or(r.Calendar, "the plan's calendar") + "; each starts after the previous wave's gate."
	for _, f := range r.Freezes {
		s += " Freeze: " + f.Title + ", " + f.From.String() + " to " + f.Through.String() + "."
	}
	return s
}

// RollBackText says whether the wave can be rolled back: "yes", or "no:
// past the point of no return".
func (w Wave) RollBackText() string {
	if w.PastPointOfNoReturn {
		return "no: past the point of no return"
	}
	return "yes"
}

// EvaluationDetail returns EvaluationText with who made the last move,
// its reason and the review that approved passing the point of no
// return: "continued (succeeded), by Rita Alvarez (Approved), approved by
// go/no-go review GNG-1".
func (w Wave) EvaluationDetail() string {
	ev, s := w.Evaluation, w.EvaluationText()
	if ev.By != "" {
		s += ", by " + ev.By
	}
	if ev.Reason != "" {
		s += " (" + string(ev.Reason) + ")"
	}
	if ev.Approval != "" {
		s += ", approved by go/no-go review " + ev.Approval
	}
	return s
}

// Text describes the point of no return in one paragraph: "before
// W3-ring1 Ring 1, from 2027-04-16: <reason>. Guarded by go/no-go review
// GNG-1 (undecided, 2027-04-12); passed: not yet."
func (p PointOfNoReturn) Text(reviews []Review) string {
	day := ""
	if !p.Day.IsZero() {
		day = ", from " + p.Day.String()
	}
	return "before " + strings.TrimSpace(p.Wave+" "+p.WaveName) + day + ": " + p.Reason +
		". Guarded by go/no-go review " + p.Guard() + "; passed: " + p.PassedText(reviews) + "."
}

// Summary counts the checklist in a sentence: "29 items, 21 must-have: 1
// ready, ... A go is blocked by 20 must-have item(s) neither ready nor
// waived." with the overdue rule when AsOf is set.
func (r Readiness) Summary() string {
	t := r.Total
	s := fmt.Sprintf("%d items, %d must-have: %d ready, %d waived, %d in progress, %d at risk, %d not started. "+
		"A go is blocked by %d must-have item(s) neither ready nor waived.", t.Items, t.MustHave, t.Ready, t.Waived, t.InProgress, t.AtRisk, t.NotStarted, t.Blocking)
	if !r.AsOf.IsZero() {
		s += " Items due before " + r.AsOf.String() + " and neither ready nor waived are flagged OVERDUE."
	}
	return s
}

// Counts returns a function's counts in table order: items, must-have,
// ready, waived, in progress, at risk, not started, blocking.
func Counts(s readiness.FunctionSummary) []string {
	out := make([]string, 0, 8)
	for _, n := range []int{s.Items, s.MustHave, s.Ready, s.Waived, s.InProgress, s.AtRisk, s.NotStarted, s.Blocking} {
		out = append(out, strconv.Itoa(n))
	}
	return out
}

// MustHaveText returns "yes" or "no".
func (it ReadinessItem) MustHaveText() string {
	if it.MustHave {
		return "yes"
	}
	return "no"
}

// RevisionText returns the revision the review judged, "1", or "1 (no
// longer current)".
func (r Review) RevisionText() string {
	s := strconv.Itoa(r.Revision)
	if !r.Current {
		s += " (no longer current)"
	}
	return s
}

// LeadText returns the workdays between a notice and its wave, "" for a
// communication that announces no wave.
func (c Communication) LeadText() string {
	if c.Wave == "" {
		return ""
	}
	return strconv.Itoa(c.Lead)
}
