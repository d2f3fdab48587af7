package schedule

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/calendar"
)

// calendarOf returns the calendar activity a follows in n.
func calendarOf(n Network, a Activity) *calendar.Calendar {
	for _, k := range n.Calendars {
		if k.Name() == a.Calendar {
			return k
		}
	}
	return n.cal()
}

// awayOnDay reports, independently of the leveller, whether r does not
// work on day in a network with activity calendars: a resource without a
// calendar follows the network calendar.
func awayOnDay(n Network, r Resource, day calendar.Date) bool {
	if r.Calendar == nil && !n.cal().IsWorkday(day) {
		return true
	}
	return awayOn(r, day)
}

// levelCalendarNetwork is multiCalendarNetwork with resources (on the
// network calendar, a six-day week, a four-day week with a training
// week, absences) and demands, some activities splittable and some with
// finish-no-later-than dates.
func levelCalendarNetwork(rng *rand.Rand) Network {
	net := multiCalendarNetwork(rng, 3+rng.IntN(40), rng.IntN(90))
	six, _ := calendar.New(calendar.Spec{Name: "six", Workweek: calendar.MondayToFriday | calendar.WeekdaysOf(time.Saturday), HoursPerDay: 8})
	four, _ := calendar.New(calendar.Spec{Name: "four", Workweek: calendar.WeekdaysOf(time.Monday, time.Tuesday, time.Wednesday, time.Thursday), HoursPerDay: 8,
		Holidays: []calendar.Holiday{{Name: "training", Date: net.Start.AddDays(14 + rng.IntN(10)), Through: net.Start.AddDays(26 + rng.IntN(5))}}})
	nr := 1 + rng.IntN(4)
	for i := range nr {
		r := Resource{ID: fmt.Sprintf("r%d", i), Capacity: 1 + rng.IntN(3)}
		switch rng.IntN(4) {
		case 0:
			r.Calendar = six
		case 1:
			r.Calendar = four
		case 2:
			from := net.Start.AddDays(rng.IntN(30))
			r.Absences = []calendar.Holiday{{Name: "leave", Date: from, Through: from.AddDays(rng.IntN(8))}}
		}
		net.Resources = append(net.Resources, r)
	}
	for i := range net.Activities {
		a := &net.Activities[i]
		if a.Duration == 0 {
			continue
		}
		for _, k := range rng.Perm(nr)[:rng.IntN(min(nr, 2)+1)] {
			a.Demands = append(a.Demands, Demand{Resource: net.Resources[k].ID, Units: 1 + rng.IntN(net.Resources[k].Capacity)})
		}
		a.Splittable = rng.IntN(4) == 0
		if rng.IntN(8) == 0 {
			a.FinishNoLaterThan = net.Start.AddDays(20 + rng.IntN(40))
		}
	}
	return net
}

// TestLevelCalendarsProperties levels random networks whose activities
// follow calendars of their own (with freeze windows) or, one in four,
// all the network calendar, some as late as possible, on resources with calendars and absences, and checks against
// day-stepping references: every link holds in the network calendar's
// working time (lags included), every activity works exactly its duration
// on workdays of its own calendar on which its resources work, no
// resource is over its capacity on any day, an activity that cannot split
// pauses only while a resource is away, and no activity placed as late as
// possible could start later with everything else in place (its
// successors, the deadline or the levelled end, its finish-no-later-than
// date and the resources all allowing it). The result is deterministic.
func TestLevelCalendarsProperties(t *testing.T) {
	var stats struct{ levelled, days, late, moved, paused, split int }
	for seed := uint64(1); seed <= 120; seed++ {
		rng := rand.New(rand.NewPCG(seed, 1418))
		net := levelCalendarNetwork(rng)
		if seed%4 == 0 {
			// One calendar: the workday axis.
			for i := range net.Activities {
				net.Activities[i].Calendar = ""
			}
		}
		if _, err := Schedule(net); err != nil {
			continue // a finish-no-later-than date before a start constraint, say
		}
		l, err := Level(net)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		c := l.c
		stats.levelled++
		if c.DayAxis() {
			stats.days++
		}
		at := func(x int32) calendar.Date { d, _ := c.Date(x); return d }
		// worked returns the days v works when it starts at or after x,
		// with use holding the other activities' units (for a
		// splittable activity).
		worked := func(v int, x int32, use map[[2]int]int) []int32 {
			a := net.Activities[c.Input(v)]
			k := calendarOf(net, a)
			var days []int32
			for y := x; len(days) < a.Duration && y < x+3000; y++ {
				day := at(y)
				ok := k.IsWorkday(day)
				for _, dm := range a.Demands {
					ri := mustResource(net, dm.Resource)
					ok = ok && !awayOnDay(net, net.Resources[ri], day)
					if a.Splittable && use[[2]int{int(y), ri}]+dm.Units > net.Resources[ri].Capacity {
						ok = false
					}
				}
				if ok {
					days = append(days, y)
				}
			}
			return days
		}
		// Days each activity works, from the levelled timing.
		work := make([][]int32, c.Len())
		use := map[[2]int]int{}
		for v := 0; v < c.Len(); v++ {
			a := net.Activities[c.Input(v)]
			k := calendarOf(net, a)
			s, f := l.times[2*v], l.times[2*v+1]
			ps := l.pieces[int32(v)]
			if ps == nil {
				ps = []span{{s, f}}
			} else {
				stats.paused++
			}
			for _, p := range ps {
				for x := p.s; x < p.f; x++ {
					if k.IsWorkday(at(x)) {
						work[v] = append(work[v], x)
					}
				}
			}
			if len(work[v]) != a.Duration {
				t.Fatalf("seed %d: %s works %d days (%v), duration %d", seed, a.ID, len(work[v]), ps, a.Duration)
			}
			if a.Duration > 0 && (work[v][0] != s || work[v][len(work[v])-1] != f-1) {
				t.Fatalf("seed %d: %s works %v, not from its start %d to its finish %d", seed, a.ID, work[v], s, f)
			}
			if s < l.base.p.start || (a.Duration > 0 || !a.StartNoEarlierThan.IsZero()) && s < c.floor[v] {
				t.Fatalf("seed %d: %s starts at %s before the start or its floor", seed, a.ID, at(s))
			}
			for _, x := range work[v] {
				for _, dm := range a.Demands {
					ri := mustResource(net, dm.Resource)
					if awayOnDay(net, net.Resources[ri], at(x)) {
						t.Fatalf("seed %d: %s works on %s when %s is away", seed, a.ID, at(x), dm.Resource)
					}
					use[[2]int{int(x), ri}] += dm.Units
				}
			}
			if !a.Splittable && a.Duration > 0 {
				got := worked(v, s, nil)
				if !cmp.Equal(got, work[v]) {
					t.Fatalf("seed %d: %s (not splittable) works %v, want %v: it pauses only while a resource is away", seed, a.ID, work[v], got)
				}
			}
			if a.Splittable && len(l.pieces[int32(v)]) > 0 {
				stats.split++
			}
		}
		for k, u := range use {
			if capa := net.Resources[k[1]].Capacity; u > capa {
				t.Fatalf("seed %d: resource %s holds %d > %d on %s", seed, net.Resources[k[1]].ID, u, capa, at(int32(k[0])))
			}
		}
		for i, dep := range net.Dependencies {
			u, _ := c.Index(dep.From)
			w, _ := c.Index(dep.To)
			if !holds(net.Calendar, dep, net.Activities[c.Input(u)].Duration, at(l.times[2*u]), at(l.times[2*u+1]), at(l.times[2*w]), at(l.times[2*w+1])) {
				t.Fatalf("seed %d: levelled dates break link %d %+v", seed, i, dep)
			}
		}
		// No activity placed as late as possible could start later.
		for v := 0; v < c.Len(); v++ {
			a := net.Activities[c.Input(v)]
			if !c.Late(v) || a.Duration == 0 {
				continue
			}
			stats.late++
			if l.times[2*v] > l.base.p.early[2*v] {
				stats.moved++
			}
			f0 := l.times[2*v+1]
			limit := l.ready // release work: the deadline where met, else the levelled end of it
			if c.hasDL {
				limit = max(c.deadline, f0)
			}
			if c.post[v] {
				limit = max(l.end, limit)
			}
			if c.ceil[v] != noCeil {
				limit = min(limit, max(c.ceil[v], f0))
			}
			others := map[[2]int]int{}
			for key, u := range use {
				others[key] = u
			}
			for _, x := range work[v] {
				for _, dm := range a.Demands {
					others[[2]int{int(x), mustResource(net, dm.Resource)}] -= dm.Units
				}
			}
			for x := l.times[2*v] + 1; x < limit; x++ {
				days := worked(v, x, others)
				if len(days) < a.Duration || days[0] != x {
					continue
				}
				s, f := days[0], days[len(days)-1]+1
				if f > limit {
					break
				}
				fits := true
				for _, y := range days {
					for _, dm := range a.Demands {
						ri := mustResource(net, dm.Resource)
						fits = fits && others[[2]int{int(y), ri}]+dm.Units <= net.Resources[ri].Capacity
					}
				}
				for _, dep := range net.Dependencies {
					if dep.From != a.ID {
						continue
					}
					w, _ := c.Index(dep.To)
					fits = fits && holds(net.Calendar, dep, a.Duration, at(s), at(f), at(l.times[2*w]), at(l.times[2*w+1]))
				}
				if fits {
					t.Fatalf("seed %d: %s is placed as late as possible at %s but could start on %s", seed, a.ID, at(l.times[2*v]), at(s))
				}
			}
		}
		again, err := Level(net)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(l.Timings(), again.Timings()); diff != "" {
			t.Fatalf("seed %d: not deterministic:\n%s", seed, diff)
		}
	}
	t.Logf("%+v", stats)
	if stats.levelled < 80 || stats.days < 60 || stats.levelled-stats.days < 20 || stats.late < 50 || stats.moved < 20 || stats.paused < 20 || stats.split < 5 {
		t.Errorf("checked too little: %+v", stats)
	}
}
