package plan

import (
	"fmt"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/schedule"
	"github.com/rolloutkit/rollout/validation"
)

var linkTypes = map[backlog.DependencyType]schedule.LinkType{
	backlog.FinishToStart:  schedule.FinishToStart,
	backlog.StartToStart:   schedule.StartToStart,
	backlog.FinishToFinish: schedule.FinishToFinish,
	backlog.StartToFinish:  schedule.StartToFinish,
}

// Network adapts the plan's backlog into the input of the scheduling
// engine. Each task that still needs work becomes an activity with the
// same ID (tasks closed without being done, such as cut or rejected ones,
// are left out, and so are links to them):
//
//   - the duration is the most likely estimate rounded up to whole
//     workdays, and 0 for a milestone;
//   - the task's dependencies become links of the same type and lag;
//   - its start-no-earlier-than and finish-no-later-than dates carry over;
//   - a task serving a requirement timed before launch with a lead time
//     must finish that many workdays before the release date;
//   - a task serving only requirements timed after launch (trade shows,
//     road shows, demos) is scheduled after the release, offset by the
//     requirement's workdays, and is not bound by the release date;
//   - the task's calendar (one of the resource pool's calendars, such as
//     a deployment calendar with change freezes) becomes the activity's,
//     and the pool's calendars the network's activity calendars;
//   - its mode is the task's Scheduling, else the plan's Scheduling (or
//     DefaultScheduling) for its requirements' categories.
//
// The network starts on the plan's Kickoff when it is set, and is
// otherwise scheduled backwards from the release date.
func (p *Plan) Network() schedule.Network {
	reqs, tasks := p.backlogItems()
	return p.network(reqs, tasks)
}

// backlogItems returns copies of the backlog's requirements and tasks.
func (p *Plan) backlogItems() ([]backlog.Requirement, []backlog.Task) {
	if p.Backlog == nil {
		return nil, nil
	}
	return p.Backlog.Requirements(), p.Backlog.Tasks()
}

// DefaultScheduling returns the placement a plan without its own
// Scheduling gives the tasks of each requirement category: every training
// and the press releases, marketing communications and product launch as
// late as possible (just in time for the launch, so that people do not
// forget what they learnt and news does not leak), deployment, data
// migration and cutover as soon as possible (room to recover before the
// release), and the operational communications (maintenance notices, status
// page entries, internal announcements) as late as possible, sent when they
// are due and not weeks before. Other categories follow the schedule's
// direction.
func DefaultScheduling() map[backlog.Category]backlog.Scheduling {
	late, soon := backlog.AsLateAsPossible, backlog.AsSoonAsPossible
	return map[backlog.Category]backlog.Scheduling{
		backlog.CategorySalesTraining:           late,
		backlog.CategorySupportTraining:         late,
		backlog.CategoryFieldServiceTraining:    late,
		backlog.CategoryOperationsTraining:      late,
		backlog.CategoryTrainerTraining:         late,
		backlog.CategoryPressReleases:           late,
		backlog.CategoryMarketingCommunications: late,
		backlog.CategoryProductLaunch:           late,
		backlog.CategoryMaintenanceNotices:      late,
		backlog.CategoryStatusPage:              late,
		backlog.CategoryInternalAnnouncements:   late,
		backlog.CategoryDeploymentWaves:         soon,
		backlog.CategoryDataMigration:           soon,
		backlog.CategoryCutover:                 soon,
	}
}

var scheduleModes = map[backlog.Scheduling]schedule.Mode{
	backlog.AsSoonAsPossible: schedule.AsSoonAsPossible,
	backlog.AsLateAsPossible: schedule.AsLateAsPossible,
}

// mode returns the schedule mode of a task: its own Scheduling, else the
// plan's default for its requirements' categories (as soon as possible
// when any of them asks for it), else the schedule's direction.
func (p *Plan) mode(t *backlog.Task, reqs map[string]int, requirements []backlog.Requirement, defaults map[backlog.Category]backlog.Scheduling) schedule.Mode {
	if t.Scheduling != backlog.SchedulingDefault {
		return scheduleModes[t.Scheduling]
	}
	m := schedule.DefaultMode
	for _, rid := range t.Requirements {
		i, ok := reqs[rid]
		if !ok {
			continue
		}
		switch defaults[requirements[i].Category] {
		case backlog.AsSoonAsPossible:
			return schedule.AsSoonAsPossible
		case backlog.AsLateAsPossible:
			m = schedule.AsLateAsPossible
		}
	}
	return m
}

func (p *Plan) network(requirements []backlog.Requirement, tasks []backlog.Task) schedule.Network {
	cal := p.Calendar
	n := schedule.Network{Calendar: cal, Start: p.Kickoff, Deadline: p.Release.Date}
	for _, c := range p.Resources.Calendars {
		if c != nil && (cal == nil || c.Name() != cal.Name()) {
			n.Calendars = append(n.Calendars, c)
		}
	}
	defaults := p.Scheduling
	if defaults == nil {
		defaults = DefaultScheduling()
	}
	reqs := make(map[string]int, len(requirements))
	for i, r := range requirements {
		reqs[r.ID] = i
	}
	included := make(map[string]bool, len(tasks))
	for _, t := range tasks {
		if dropped(t.State, string(t.Reason)) || included[t.ID] {
			continue
		}
		included[t.ID] = true
		a := schedule.Activity{
			ID: t.ID, Name: t.Title,
			StartNoEarlierThan: t.StartNoEarlierThan,
			FinishNoLaterThan:  t.FinishNoLaterThan,
			Calendar:           t.Calendar,
		}
		a.Mode = p.mode(&t, reqs, requirements, defaults)
		if !t.Milestone {
			a.Duration = t.Estimate.Workdays()
		}
		after, lag, anyBefore := false, 0, false
		for _, rid := range t.Requirements {
			i, ok := reqs[rid]
			if !ok {
				continue
			}
			tm := requirements[i].Timing
			switch tm.Kind {
			case backlog.AfterLaunch:
				if !after || tm.Workdays < lag {
					lag = tm.Workdays
				}
				after = true
			case backlog.BeforeLaunch, backlog.OnLaunch:
				anyBefore = true
				if tm.Kind == backlog.BeforeLaunch && tm.Workdays > 0 && !p.Release.Date.IsZero() {
					if d, err := tm.Date(p.Release.Date, cal); err == nil {
						a.FinishNoLaterThan = earliest(a.FinishNoLaterThan, d)
					}
				}
			}
		}
		if after && !anyBefore && !p.Release.Date.IsZero() {
			a.AfterRelease, a.ReleaseLag = true, lag
		}
		n.Activities = append(n.Activities, a)
	}
	for _, t := range tasks {
		if !included[t.ID] {
			continue
		}
		for _, d := range t.Dependencies {
			if !included[d.Task] {
				continue
			}
			n.Dependencies = append(n.Dependencies, schedule.Dependency{From: d.Task, To: t.ID, Type: linkTypes[d.Type], Lag: d.Lag})
		}
	}
	return n
}

func earliest(a, b calendar.Date) calendar.Date {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}

// Schedule schedules the plan's tasks with the critical-path engine (see
// Network for how tasks become activities). Activity IDs are task IDs,
// so the Result's JSON form (schedule.Summary) carries the plan's IDs.
func (p *Plan) Schedule() (*schedule.Result, error) {
	if p == nil {
		return nil, fmt.Errorf("plan: scheduling: %w", ErrNilPlan)
	}
	return schedule.Schedule(p.Network())
}

// EffectivePool returns a copy of the plan's resource pool to which the
// demands of every task that still needs work have been added, each
// carrying its task's ID and, when it has no dates of its own, the task's
// early start and finish from the schedule. This is the pool the resource
// and commitment rules judge.
func (p *Plan) EffectivePool() *resource.Pool {
	reqs, tasks := p.backlogItems()
	res, _ := schedule.Schedule(p.network(reqs, tasks))
	pool, _ := p.effectivePool(tasks, res)
	return pool
}

// EffectivePoolFrom is EffectivePool with the task demands dated by res,
// a schedule of the plan computed earlier (see Schedule), so that callers
// that already hold one do not schedule the plan twice. A nil res leaves
// undated demands undated.
func (p *Plan) EffectivePoolFrom(res *schedule.Result) *resource.Pool {
	_, tasks := p.backlogItems()
	pool, _ := p.effectivePool(tasks, res)
	return pool
}

// effectivePool is EffectivePool for the given tasks and schedule. It also
// returns, for each demand of the pool, where the plan document holds it:
// resources.demands[k] or backlog.tasks[i].demands[j].
func (p *Plan) effectivePool(tasks []backlog.Task, res *schedule.Result) (*resource.Pool, []validation.Path) {
	pool := p.Resources
	pool.Demands = append([]resource.Demand(nil), p.Resources.Demands...)
	origins := make([]validation.Path, len(pool.Demands), len(pool.Demands)+len(tasks))
	for k := range origins {
		origins[k] = pathResources.Child("demands").Index(k)
	}
	for i, t := range tasks {
		if dropped(t.State, string(t.Reason)) {
			continue
		}
		for j, d := range t.ResolvedDemands() {
			if !d.HasDates() && res != nil {
				if tm, err := res.Timing(t.ID); err == nil {
					d = d.WithDates(tm.EarlyStart, tm.EarlyFinish)
				}
			}
			pool.Demands = append(pool.Demands, d)
			origins = append(origins, pathTasks.Index(i).Child("demands").Index(j))
		}
	}
	return &pool, origins
}
