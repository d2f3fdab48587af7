package plan

import (
	"math"

	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/schedule"
)

// levelScale is the number of levelling units in one person's workday:
// capacities and demands of people are counted in hundredths of a day.
const levelScale = 100

// LevelNetwork is Network with the resources added for levelling: every
// person, facility and piece of equipment of the pool becomes a schedule
// resource, and every task demand that names one of them a per-workday
// demand of the task's activity.
//
// A person's capacity is 100 units a workday; a demand of h hours on a
// task of d workdays uses ceil(100 h / (d × the person's hours a day))
// units each day, so two half-time tasks fit in one day and two full-time
// ones do not. Facilities and equipment count seats and units as they are.
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
		n.Resources = append(n.Resources, schedule.Resource{ID: r.ID, Capacity: capacity})
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
func (p *Plan) Level() (*schedule.Levelled, error) {
	return schedule.Level(p.LevelNetwork())
}
