package plan

import (
	"math"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/schedule"
	"github.com/rolloutkit/rollout/validation"
)

// levelScale is the number of levelling units in one person's workday:
// capacities and demands of people are counted in hundredths of a day.
const levelScale = 100

// LevelNetwork is Network with the resources added for levelling: every
// person, facility and piece of equipment of the pool becomes a schedule
// resource, and every task demand that names one of them a per-workday
// demand of the task's activity.
//
// A resource that names a calendar of the pool keeps it in levelling, and
// its absences become days on which it has no units: work that needs it
// pauses over them.
//
// A person's capacity is 100 units a workday; a demand of h hours on a
// task of d workdays uses ceil(100 h / (d × the person's hours a day))
// units each day, so two half-time tasks fit in one day and two full-time
// ones do not; a demand of more hours a day than the person works (a
// cutover night) books the whole day. Facilities and equipment count seats and units as they are.
// Demands for a role rather than a named resource, and money, are left
// out: levelling needs to know who.
func (p *Plan) LevelNetwork() schedule.Network {
	reqs, tasks := p.backlogItems()
	n := p.network(reqs, tasks)
	byID := make(map[string]*resource.Resource, len(p.Resources.Resources))
	for i := range p.Resources.Resources {
		r := &p.Resources.Resources[i]
		if r.Kind == resource.KindMoney {
			continue
		}
		byID[r.ID] = r
		capacity := 0
		if r.Kind == resource.KindPerson {
			capacity = levelScale
		} else if c := r.Capacity; c > 0 && c < math.MaxInt32 {
			capacity = int(c)
		}
		sr := schedule.Resource{ID: r.ID, Capacity: capacity}
		if r.Calendar != "" {
			if cal, ok := p.Resources.Calendar(r.Calendar); ok && !cal.Equal(n.Calendar) {
				sr.Calendar = cal
			}
		}
		for _, a := range r.Absences {
			sr.Absences = append(sr.Absences, calendar.Holiday{Name: a.Reason, Date: a.From, Through: a.Last()})
		}
		n.Resources = append(n.Resources, sr)
	}
	pos := make(map[string]int, len(n.Activities))
	for i, a := range n.Activities {
		pos[a.ID] = i
	}
	for _, t := range tasks {
		i, ok := pos[t.ID]
		if !ok || n.Activities[i].Duration == 0 {
			continue
		}
		a := &n.Activities[i]
		units := map[string]int{}
		var order []string
		for _, d := range t.Demands {
			r, ok := byID[d.ResourceID]
			if !ok {
				continue
			}
			u := 0
			switch r.Kind {
			case resource.KindPerson:
				cal, _ := p.Resources.Calendar(r.Calendar)
				perDay := r.DailyCapacity(cal)
				if perDay <= 0 || d.Quantity.Unit != resource.UnitHours {
					continue
				}
				u = int(math.Ceil(levelScale * d.Quantity.Value / (float64(a.Duration) * perDay)))
				// More hours a day than the person works (a cutover
				// night): levelled as the whole day.
				u = min(u, levelScale)
			default:
				if d.Quantity.Value > 0 && d.Quantity.Value < math.MaxInt32 {
					u = int(math.Ceil(d.Quantity.Value))
				}
			}
			if u <= 0 {
				continue
			}
			if _, seen := units[r.ID]; !seen {
				order = append(order, r.ID)
			}
			units[r.ID] += u
		}
		for _, id := range order {
			a.Demands = append(a.Demands, schedule.Demand{Resource: id, Units: units[id]})
		}
	}
	return n
}

// Level schedules the plan's tasks within the capacity of the named
// resources their demands use (see LevelNetwork), delaying tasks by the
// engine's documented priority rule. The result reports every delay with
// the resource that caused it, and whether the release date still holds.
// Activity IDs are task IDs, so the Levelled's JSON form
// (schedule.LevelledSummary) carries the plan's IDs.
func (p *Plan) Level() (*schedule.Levelled, error) {
	return schedule.Level(p.LevelNetwork())
}

// CodeLevelMeetsDate is the code of the findings of LevelFindings.
const CodeLevelMeetsDate validation.Code = "plan.level.date"

// LevelFindings levels the plan (see Level) and returns a finding for each
// date the levelled schedule misses: the release date (path release.date)
// and each task's finish-no-later-than date (path
// backlog.tasks[i].finishNoLaterThan), each naming the task that finishes
// late. The findings belong to sub-activity 3 (resources): the dates hold
// without levelling when the schedule rule finds nothing.
func (p *Plan) LevelFindings() ([]Finding, *schedule.Levelled, error) {
	l, err := p.Level()
	if err != nil {
		return nil, nil, err
	}
	return p.levelFindings(l), l, nil
}

// levelFindings returns LevelFindings' findings for the levelled schedule l.
func (p *Plan) levelFindings(l *schedule.Levelled) []Finding {
	_, tasks := p.backlogItems()
	index := make(map[string]int, len(tasks))
	for i, t := range tasks {
		if _, dup := index[t.ID]; !dup {
			index[t.ID] = i
		}
	}
	var out []Finding
	for _, m := range l.Missed() {
		switch m.Constraint {
		case schedule.MissedDeadline:
			out = append(out, About(validation.Subject{Kind: SubjectRelease}, pathRelease.Child("date"), DetermineResources).Code(CodeLevelMeetsDate).Invalid(
				"levelled, the launch work is ready on %s, %d workday(s) after the release date %s; %s finishes last", m.Finish, m.Days, m.Date, m.ID))
		case schedule.MissedFinishNoLaterThan:
			i, ok := index[m.ID]
			if !ok {
				continue
			}
			out = append(out, About(validation.Subject{Kind: backlog.SubjectTask, ID: m.ID}, pathTasks.Index(i).Child("finishNoLaterThan"), DetermineResources).Code(CodeLevelMeetsDate).Invalid(
				"levelled, task %s finishes on %s, %d workday(s) after its finish-no-later-than date %s", m.ID, m.Finish, m.Days, m.Date))
		}
	}
	return out
}
