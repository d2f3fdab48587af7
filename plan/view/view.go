package view

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/schedule"
)

// ErrInvalidPlan is wrapped by the error New returns for a plan that does
// not validate; the error also wraps the plan's validation.List.
var ErrInvalidPlan = errors.New("plan does not validate")

// ErrNotScheduled is wrapped by Require when the plan's tasks could not be
// scheduled (a cycle, a date out of range); it also wraps the scheduling
// error.
var ErrNotScheduled = errors.New("plan cannot be scheduled")

// Options tune New. The zero value validates the plan and finds attended
// events with the default templates.
type Options struct {
	// AllowInvalid builds a view of a plan that does not validate, as
	// the text report does to show what is wrong; renderers that write
	// exchange files leave it false.
	AllowInvalid bool
	// Templates tell which generated tasks are attended events (the
	// anchor step of trainings, trade shows, road shows...); nil means
	// backlog.DefaultTemplates().
	Templates *backlog.Templates
}

// View is one reading of a plan's dates that every renderer shares: the
// schedule computed once, the requirements with their tasks, the links,
// the critical chain, the dated events people attend and the windows
// (freezes, deployment waves, hypercare). It never changes the plan; build a new View
// after the plan changes.
type View struct {
	// Plan is the plan viewed; renderers read it, never change it.
	Plan *plan.Plan
	// Calendar is the plan's working calendar, never nil.
	Calendar *calendar.Calendar
	// Release is the release date; zero when the plan has none.
	Release calendar.Date
	// Schedule is the plan's schedule; nil when ScheduleErr is set or the
	// plan has no tasks to schedule.
	Schedule *schedule.Result
	// ScheduleErr says why the tasks could not be scheduled.
	ScheduleErr error
	// Requirements are the backlog's requirements in backlog order.
	Requirements []Requirement
	// Tasks are the backlog's tasks in backlog order.
	Tasks []Task
	// Links are the dependencies between tasks, predecessor first, in the
	// order of the successors and then of their dependency lists.
	Links []Link
	// Chain is the critical chain: the activities behind the deadline
	// miss, or else the longest driving chain of the release work with
	// the least float.
	Chain []schedule.Step
	// Events are the dated occasions people attend, by date then key.
	Events []Event
	// Windows are the dated periods (freezes, deployment waves, hypercare) by date
	// then key.
	Windows []Window

	index map[string]int
	pool  *resource.Pool
}

// Requirement is a requirement with the tasks that serve it.
type Requirement struct {
	backlog.Requirement
	// Tasks are indices into View.Tasks of the tasks serving it (first
	// requirement served), in backlog order.
	Tasks []int
	// Start and Finish span its scheduled tasks; zero when none is
	// scheduled.
	Start, Finish calendar.Date
}

// Task is a task with its schedule.
type Task struct {
	backlog.Task
	// Requirement is the ID of the first requirement the task serves,
	// empty when it serves none.
	Requirement string
	// Scheduled says whether the task is in the schedule (closed tasks
	// that were cut are not).
	Scheduled bool
	// Timing is the task's schedule when Scheduled.
	Timing schedule.Timing
	// OnChain marks the tasks of View.Chain.
	OnChain bool

	start, finish calendar.Date
}

// Start returns the task's scheduled start: the early start, or the late
// one for release work of a plan scheduled backwards from the release
// date (see schedule.Result.Scheduled).
func (t Task) Start() calendar.Date { return t.start }

// Finish returns the task's scheduled finish (see Start).
func (t Task) Finish() calendar.Date { return t.finish }

// Link is a dependency between two tasks.
type Link struct {
	// From is the predecessor and To the successor.
	From, To string
	// Type is FS, SS, FF or SF.
	Type backlog.DependencyType
	// Lag is in workdays, negative for a lead.
	Lag int
}

// EventKind says what kind of occasion an Event is.
type EventKind string

// The kinds of events.
const (
	EventLaunch    EventKind = "launch"
	EventReview    EventKind = "go-no-go-review"
	EventTraining  EventKind = "training"
	EventTradeShow EventKind = "trade-show"
	EventRoadShow  EventKind = "road-show"
	EventDemo      EventKind = "product-demo"
	EventMilestone EventKind = "milestone"
	// EventNotice is a milestone of an operational communications
	// requirement: a maintenance notice sent, status page entries
	// scheduled, an announcement made.
	EventNotice EventKind = "notice"
	// EventPointOfNoReturn is the first day of the deployment of the
	// wave at the point of no return.
	EventPointOfNoReturn EventKind = "point-of-no-return"
)

// Event is a dated occasion people attend: the launch, a go/no-go review,
// a training, a trade show, a road show, a milestone, a notice, the point
// of no return.
type Event struct {
	// Key identifies the event within the plan and stays the same while
	// the plan changes (a task's ID, a decision's ID), so that exported
	// calendars update rather than duplicate it.
	Key string
	// Kind says what it is.
	Kind EventKind
	// Title names it for people.
	Title string
	// Start and Finish are its first and last days (inclusive).
	Start, Finish calendar.Date
	// At is the start of a timed event (a review held at a time); zero
	// for an all-day event.
	At time.Time
	// Requirement and Task are the IDs it comes from, when any.
	Requirement, Task string
}

// WindowKind says what a Window is.
type WindowKind string

// The kinds of windows.
const (
	// WindowFreeze is a period in which nothing may be deployed.
	WindowFreeze WindowKind = "freeze"
	// WindowWave is a deployment wave (a pilot, a roll-out wave).
	WindowWave WindowKind = "wave"
	// WindowHypercare is the hypercare (early life support) period.
	WindowHypercare WindowKind = "hypercare"
)

// Window is a dated period that constrains or carries the deployment.
type Window struct {
	// Key identifies the window within the plan, stable across changes.
	Key string
	// Kind is freeze, wave or hypercare.
	Kind WindowKind
	// Title names it.
	Title string
	// From and Through are its first and last days (inclusive).
	From, Through calendar.Date
	// Task is the task it comes from, when any.
	Task string
}

// New builds the view of p: it validates p (unless opts.AllowInvalid),
// schedules it once and gathers the events and windows. An invalid plan
// gets an error wrapping ErrInvalidPlan and the plan's validation.List.
func New(p *plan.Plan, opts Options) (*View, error) {
	if p == nil {
		return nil, errors.New("view: nil plan")
	}
	if !opts.AllowInvalid {
		if err := p.Validate(); err != nil {
			return nil, fmt.Errorf("view: %w: %w", ErrInvalidPlan, err)
		}
	}
	v := &View{Plan: p, Calendar: p.Calendar, Release: p.Release.Date}
	if v.Calendar == nil {
		v.Calendar = calendar.Standard()
	}
	var reqs []backlog.Requirement
	var tasks []backlog.Task
	if p.Backlog != nil {
		reqs, tasks = p.Backlog.Requirements(), p.Backlog.Tasks()
	}
	if len(tasks) > 0 {
		v.Schedule, v.ScheduleErr = p.Schedule()
	}
	reqIndex := make(map[string]int, len(reqs))
	v.Requirements = make([]Requirement, 0, len(reqs))
	v.Tasks = make([]Task, 0, len(tasks))
	links := 0
	for _, t := range tasks {
		links += len(t.Dependencies)
	}
	v.Links = make([]Link, 0, links)
	for _, r := range reqs {
		if _, dup := reqIndex[r.ID]; dup {
			continue
		}
		reqIndex[r.ID] = len(v.Requirements)
		v.Requirements = append(v.Requirements, Requirement{Requirement: r})
	}
	v.index = make(map[string]int, len(tasks))
	var timings map[string]schedule.Timing
	if v.Schedule != nil {
		ts := v.Schedule.Timings()
		timings = make(map[string]schedule.Timing, len(ts))
		for _, t := range ts {
			timings[t.ID] = t
		}
	}
	for _, t := range tasks {
		if _, dup := v.index[t.ID]; dup {
			continue
		}
		vt := Task{Task: t}
		if len(t.Requirements) > 0 {
			vt.Requirement = t.Requirements[0]
		}
		vt.Timing, vt.Scheduled = timings[t.ID]
		if vt.Scheduled {
			// The dates to plan with: early, or late for tasks placed
			// as late as possible (schedule.Result.Scheduled).
			vt.start, vt.finish = vt.Timing.Start, vt.Timing.Finish
		}
		i := len(v.Tasks)
		v.index[t.ID] = i
		v.Tasks = append(v.Tasks, vt)
		if ri, ok := reqIndex[vt.Requirement]; ok {
			r := &v.Requirements[ri]
			r.Tasks = append(r.Tasks, i)
			if vt.Scheduled {
				if r.Start.IsZero() || vt.Start().Before(r.Start) {
					r.Start = vt.Start()
				}
				if r.Finish.IsZero() || vt.Finish().After(r.Finish) {
					r.Finish = vt.Finish()
				}
			}
		}
	}
	for _, t := range v.Tasks {
		for _, d := range t.Dependencies {
			if _, ok := v.index[d.Task]; ok {
				v.Links = append(v.Links, Link{From: d.Task, To: t.ID, Type: d.Type, Lag: d.Lag})
			}
		}
	}
	if v.Schedule != nil {
		v.Chain = criticalChain(v.Schedule)
		for _, s := range v.Chain {
			if i, ok := v.index[s.ID]; ok {
				v.Tasks[i].OnChain = true
			}
		}
	}
	templates := opts.Templates
	if templates == nil {
		templates = backlog.DefaultTemplates()
	}
	v.gather(reqIndex, templates)
	return v, nil
}

// Require returns nil when the view has a schedule of every task, and
// otherwise an error wrapping ErrNotScheduled: what exchange formats that
// carry dates check first.
func (v *View) Require() error {
	if v.ScheduleErr != nil {
		return fmt.Errorf("view: %w: %w", ErrNotScheduled, v.ScheduleErr)
	}
	return nil
}

// Task returns the task with the given ID.
func (v *View) Task(id string) (Task, bool) {
	i, ok := v.index[id]
	if !ok {
		return Task{}, false
	}
	return v.Tasks[i], true
}

// Pool returns the plan's effective resource pool with every task's
// demands dated by the view's schedule (see plan.Plan.EffectivePoolFrom),
// worked out on first use. Callers must not change it.
func (v *View) Pool() *resource.Pool {
	if v.pool == nil {
		v.pool = v.Plan.EffectivePoolFrom(v.Schedule)
	}
	return v.pool
}

// Start returns the first scheduled day (the kickoff, or the start worked
// back from the release), zero without a schedule.
func (v *View) Start() calendar.Date {
	if v.Schedule == nil {
		return v.Plan.Kickoff
	}
	return v.Schedule.Start()
}

// Finish returns the last scheduled day, post-launch work included, or
// the release date without a schedule.
func (v *View) Finish() calendar.Date {
	if v.Schedule == nil {
		return v.Release
	}
	return v.Schedule.Finish()
}

// releaseWork returns the timings of the release work (not after the
// release) by ascending float, then latest finish, then ID.
func releaseWork(res *schedule.Result) []schedule.Timing {
	var out []schedule.Timing
	for _, t := range res.Timings() {
		if !t.AfterRelease {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b schedule.Timing) int {
		return cmp.Or(cmp.Compare(a.TotalFloat, b.TotalFloat), b.EarlyFinish.Compare(a.EarlyFinish), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// ReleaseWork returns the timings of the release work (not after the
// release) by ascending float, then latest finish, then ID.
func (v *View) ReleaseWork() []schedule.Timing {
	if v.Schedule == nil {
		return nil
	}
	return releaseWork(v.Schedule)
}

// criticalChain returns the chain that drives the release: the deadline
// miss's chain, or else, among the release work with the least float, the
// longest driving chain (it explains the most).
func criticalChain(res *schedule.Result) []schedule.Step {
	if miss, ok := res.DeadlineMiss(); ok && len(miss.Chain) > 0 {
		return miss.Chain
	}
	work := releaseWork(res)
	var best []schedule.Step
	for i, t := range work {
		if i == 8 || (i > 0 && t.TotalFloat > work[0].TotalFloat) {
			break
		}
		chain, err := res.DrivingChain(t.ID)
		if err == nil && len(chain) > len(best) {
			best = chain
		}
	}
	return best
}

var eventKinds = map[backlog.Category]EventKind{
	backlog.CategorySalesTraining:        EventTraining,
	backlog.CategorySupportTraining:      EventTraining,
	backlog.CategoryFieldServiceTraining: EventTraining,
	backlog.CategoryOperationsTraining:   EventTraining,
	backlog.CategoryTrainerTraining:      EventTraining,
	backlog.CategoryTradeShows:           EventTradeShow,
	backlog.CategoryExhibitions:          EventTradeShow,
	backlog.CategoryRoadShows:            EventRoadShow,
	backlog.CategoryProductDemos:         EventDemo,
}

// gather collects the events and windows.
func (v *View) gather(reqIndex map[string]int, templates *backlog.Templates) {
	p := v.Plan
	if !v.Release.IsZero() {
		title := strings.TrimSpace("Launch of " + p.Release.Product + " " + p.Release.Version)
		v.Events = append(v.Events, Event{Key: "launch", Kind: EventLaunch, Title: title, Start: v.Release, Finish: v.Release})
	}
	for _, d := range p.Decisions {
		if d.Date.IsZero() {
			continue
		}
		day := calendar.FromTime(d.Date)
		e := Event{Key: "decision/" + d.ID, Kind: EventReview, Title: "Go/no-go review " + d.ID, Start: day, Finish: day}
		if h, m, s := d.Date.Clock(); h != 0 || m != 0 || s != 0 {
			e.At = d.Date
		}
		v.Events = append(v.Events, e)
	}
	for _, t := range v.Tasks {
		if !t.Scheduled {
			continue
		}
		kind, ok := v.attended(t, reqIndex, templates)
		if ok {
			v.Events = append(v.Events, Event{Key: "task/" + t.ID, Kind: kind, Title: t.Title,
				Start: t.Start(), Finish: t.Finish(), Requirement: t.Requirement, Task: t.ID})
		}
		if t.Origin != nil && t.Origin.Template == backlog.CategoryDeploymentWaves && !t.Milestone &&
			(t.Origin.Step == "pilot" || t.Origin.Step == "roll-out") {
			v.Windows = append(v.Windows, Window{Key: "task/" + t.ID, Kind: WindowWave, Title: t.Title,
				From: t.Start(), Through: t.Finish(), Task: t.ID})
		}
	}
	if d := p.Deployment; d != nil {
		// The waves of the deployment plan: from the first day of each
		// wave's deployment to its gate.
		for _, w := range d.Waves {
			start, _, gate, ok := v.waveWindow(w.ID)
			if !ok {
				continue
			}
			v.Windows = append(v.Windows, Window{Key: "wave/" + w.ID, Kind: WindowWave, Title: w.Name,
				From: start, Through: gate, Task: w.ID + "/" + deployment.StepDeploy})
		}
		if pnr := d.PointOfNoReturn; pnr != nil {
			if start, _, _, ok := v.waveWindow(pnr.Wave); ok {
				title := "Point of no return: " + pnr.Wave
				if w, _, ok := d.Wave(pnr.Wave); ok {
					title += " " + w.Name
				}
				v.Events = append(v.Events, Event{Key: "point-of-no-return", Kind: EventPointOfNoReturn, Title: title,
					Start: start, Finish: start, Requirement: v.Tasks[v.index[pnr.Wave+"/"+deployment.StepDeploy]].Requirement,
					Task: pnr.Wave + "/" + deployment.StepDeploy})
			}
		}
		if h := d.Hypercare; h != nil && !h.From.IsZero() && !h.Through.Before(h.From) {
			v.Windows = append(v.Windows, Window{Key: "hypercare", Kind: WindowHypercare,
				Title: "Hypercare (early life support)", From: h.From, Through: h.Through})
		}
	}
	freezes := v.Calendar.Freezes()
	if d := p.Deployment; d != nil && d.Calendar != "" {
		for _, c := range p.Resources.Calendars {
			if c != nil && c.Name() == d.Calendar && c.Name() != v.Calendar.Name() {
				freezes = append(freezes, c.Freezes()...)
			}
		}
	}
	for _, f := range freezes {
		key := "freeze/" + f.From.String() + "/" + f.Name
		if slices.ContainsFunc(v.Windows, func(w Window) bool { return w.Key == key }) {
			continue
		}
		v.Windows = append(v.Windows, Window{Key: key, Kind: WindowFreeze,
			Title: f.Name, From: f.From, Through: f.Through})
	}
	slices.SortStableFunc(v.Events, func(a, b Event) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.Key, b.Key))
	})
	slices.SortStableFunc(v.Windows, func(a, b Window) int {
		return cmp.Or(a.From.Compare(b.From), cmp.Compare(a.Key, b.Key))
	})
}

// attended says whether a task is an occasion people attend: a milestone,
// or the anchor step of a training, trade show, exhibition, road show or
// demo requirement.
func (v *View) attended(t Task, reqIndex map[string]int, templates *backlog.Templates) (EventKind, bool) {
	title := strings.ToLower(t.Title)
	if t.Milestone {
		if strings.Contains(title, "go/no-go") || strings.Contains(title, "readiness review") {
			return EventReview, true
		}
		if ri, ok := reqIndex[t.Requirement]; ok && slices.Contains(communicationCategories, v.Requirements[ri].Category) {
			return EventNotice, true
		}
		return EventMilestone, true
	}
	if t.Origin == nil {
		return "", false
	}
	ri, ok := reqIndex[t.Origin.Requirement]
	if !ok {
		return "", false
	}
	kind, ok := eventKinds[v.Requirements[ri].Category]
	if !ok {
		return "", false
	}
	tmpl, ok := templates.Lookup(t.Origin.Template)
	if !ok {
		return "", false
	}
	st, ok := tmpl.Step(t.Origin.Step)
	if !ok || !st.Anchor {
		return "", false
	}
	return kind, true
}
