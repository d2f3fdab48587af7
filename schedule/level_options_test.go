package schedule

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/validation"
)

// respectedTimes reports whether a dependency holds between activities
// placed at start s and exclusive finish f.
func respectedTimes(l Dependency, sFrom, fFrom, sTo, fTo int32) bool {
	lag := int32(l.Lag)
	switch l.Type {
	case FinishToStart:
		return sTo >= fFrom+lag
	case StartToStart:
		return sTo >= sFrom+lag
	case FinishToFinish:
		return fTo >= fFrom+lag
	default:
		return fTo >= sFrom+lag
	}
}

// awayOn reports, independently of the leveller, whether r does not work on
// date day.
func awayOn(r Resource, day calendar.Date) bool {
	if r.Calendar != nil && !r.Calendar.IsWorkday(day) {
		return true
	}
	for _, a := range r.Absences {
		if !day.Before(a.Date) && !day.After(a.Last()) {
			return true
		}
	}
	return false
}

// TestLevelPropertiesOptions levels random networks with splittable
// activities, resources with their own calendars and absences, and
// finish-no-later-than dates, and checks every dependency, capacity and
// day off, the pieces, the delays and the missed dates.
func TestLevelPropertiesOptions(t *testing.T) {
	fourDays, err := calendar.New(calendar.Spec{Name: "four", Workweek: calendar.WeekdaysOf(time.Monday, time.Tuesday, time.Wednesday, time.Thursday), HoursPerDay: 8,
		Holidays: []calendar.Holiday{{Name: "training", Date: d("2027-01-18"), Through: d("2027-01-22")}}})
	if err != nil {
		t.Fatal(err)
	}
	var stats [4]int
	defer func() {
		if stats[0] == 0 || stats[1] == 0 || stats[2] == 0 || stats[3] == 0 {
			t.Errorf("pieces, delays, misses, delays for days off: %v; the test checks too little", stats)
		}
	}()
	for seed := uint64(1); seed <= 40; seed++ {
		rng := rand.New(rand.NewPCG(seed, 23))
		net := randomResourceNetwork(rng, 5+rng.IntN(60), rng.IntN(100), 1+rng.IntN(5))
		for i := range net.Resources {
			switch rng.IntN(3) {
			case 0:
				net.Resources[i].Calendar = fourDays
			case 1:
				from := net.Start.AddDays(rng.IntN(30))
				net.Resources[i].Absences = []calendar.Holiday{{Name: "leave", Date: from, Through: from.AddDays(rng.IntN(10))}, {Date: from.AddDays(20 + rng.IntN(5))}}
			}
		}
		for i := range net.Activities {
			a := &net.Activities[i]
			a.Splittable = rng.IntN(3) == 0
			if rng.IntN(6) == 0 {
				a.FinishNoLaterThan = net.Start.AddDays(10 + rng.IntN(40))
			}
		}
		l, err := Level(net)
		if err != nil {
			// A finish-no-later-than date before a start constraint
			// is an input problem: skip such networks.
			if _, err := Schedule(net); err != nil {
				continue
			}
			t.Fatalf("seed %d: %v", seed, err)
		}
		c := l.c
		use := map[[2]int]int{}
		for v := 0; v < c.Len(); v++ {
			a := net.Activities[c.Input(v)]
			s, f := l.times[2*v], l.times[2*v+1]
			days := []int32{}
			if ps, ok := l.pieces[int32(v)]; ok {
				if !a.Splittable && len(a.Demands) == 0 {
					t.Errorf("seed %d: %s pauses without a reason", seed, a.ID)
				}
				if ps[0].s != s || ps[len(ps)-1].f != f {
					t.Errorf("seed %d: %s pieces %v outside %d..%d", seed, a.ID, ps, s, f)
				}
				for k, p := range ps {
					if p.f <= p.s || k > 0 && p.s <= ps[k-1].f {
						t.Errorf("seed %d: %s bad pieces %v", seed, a.ID, ps)
					}
					for x := p.s; x < p.f; x++ {
						days = append(days, x)
					}
				}
			} else {
				for x := s; x < f; x++ {
					days = append(days, x)
				}
			}
			if len(days) != a.Duration {
				t.Errorf("seed %d: %s works %d days, duration %d", seed, a.ID, len(days), a.Duration)
			}
			if s < l.base.p.start || s < c.floor[v] {
				t.Errorf("seed %d: %s starts at %d before its floor %d", seed, a.ID, s, c.floor[v])
			}
			worked := map[int32]bool{}
			for _, x := range days {
				worked[x] = true
				date, _ := c.Date(x)
				for _, dm := range a.Demands {
					ri := mustResource(net, dm.Resource)
					if awayOn(net.Resources[ri], date) {
						t.Errorf("seed %d: %s works on %s when %s is away", seed, a.ID, date, dm.Resource)
					}
					use[[2]int{int(x), ri}] += dm.Units
				}
			}
			if !a.Splittable {
				// It pauses only on days a resource of it is away.
				for x := s; x < f; x++ {
					if worked[x] {
						continue
					}
					date, _ := c.Date(x)
					away := false
					for _, dm := range a.Demands {
						away = away || awayOn(net.Resources[mustResource(net, dm.Resource)], date)
					}
					if !away {
						t.Errorf("seed %d: %s (not splittable) pauses on %s", seed, a.ID, date)
					}
				}
			}
		}
		for k, u := range use {
			if capa := net.Resources[k[1]].Capacity; u > capa {
				t.Errorf("seed %d: resource %s day %d holds %d > %d", seed, net.Resources[k[1]].ID, k[0], u, capa)
			}
		}
		for i, dep := range net.Dependencies {
			u, _ := c.Index(dep.From)
			w, _ := c.Index(dep.To)
			if !respectedTimes(dep, l.times[2*u], l.times[2*u+1], l.times[2*w], l.times[2*w+1]) {
				t.Errorf("seed %d: levelled schedule breaks dependency %d %+v", seed, i, dep)
			}
		}
		for _, dl := range l.Delays() {
			if dl.Days <= 0 || !dl.To.After(dl.From) || dl.Resource == "" {
				t.Errorf("seed %d: bad delay %+v", seed, dl)
			}
		}
		// Every finish-no-later-than date missed is reported, and only those.
		missed := map[string]bool{}
		for _, m := range l.Missed() {
			if m.Constraint == MissedFinishNoLaterThan {
				missed[m.ID] = true
			}
			if m.Days <= 0 || !m.Finish.After(m.Date) {
				t.Errorf("seed %d: bad miss %+v", seed, m)
			}
		}
		for _, tm := range l.Timings() {
			a := net.Activities[mustActivity(net, tm.ID)]
			if a.FinishNoLaterThan.IsZero() {
				continue
			}
			limit, _ := net.cal().RollBackward(a.FinishNoLaterThan)
			if late := tm.Finish.After(limit); late != missed[tm.ID] {
				t.Errorf("seed %d: %s finishes %s, no later than %s, reported missed %v", seed, tm.ID, tm.Finish, limit, missed[tm.ID])
			}
		}
		stats[0] += len(l.pieces)
		stats[1] += len(l.Delays())
		stats[2] += len(l.Missed())
		for _, dl := range l.Delays() {
			if dl.Unavailable {
				stats[3]++
			}
		}
		again, _ := Level(net)
		if diff := cmp.Diff(l.Timings(), again.Timings()); diff != "" {
			t.Errorf("seed %d: not deterministic:\n%s", seed, diff)
		}
	}
}

func mustActivity(n Network, id string) int {
	for i, a := range n.Activities {
		if a.ID == id {
			return i
		}
	}
	panic("no activity " + id)
}

func TestLevelSplitAndAbsence(t *testing.T) {
	// "docs" (5 days, splittable) and "cutover" (2 days, later start)
	// share Ana; Ana is away on Thursday 4 March. "review" needs Ben, who
	// works Monday to Thursday.
	monThu, err := calendar.New(calendar.Spec{Workweek: calendar.WeekdaysOf(time.Monday, time.Tuesday, time.Wednesday, time.Thursday), HoursPerDay: 8})
	if err != nil {
		t.Fatal(err)
	}
	n := Network{
		Start: d("2027-03-01"),
		Resources: []Resource{
			{ID: "ana", Capacity: 1, Absences: []calendar.Holiday{{Name: "dentist", Date: d("2027-03-04")}}},
			{ID: "ben", Capacity: 1, Calendar: monThu},
		},
		Activities: []Activity{
			{ID: "docs", Duration: 5, Splittable: true, Demands: []Demand{{Resource: "ana", Units: 1}}},
			{ID: "cutover", Duration: 2, StartNoEarlierThan: d("2027-03-02"), FinishNoLaterThan: d("2027-03-03"), Demands: []Demand{{Resource: "ana", Units: 1}}},
			{ID: "review", Duration: 3, StartNoEarlierThan: d("2027-03-03"), Demands: []Demand{{Resource: "ben", Units: 1}}},
		},
	}
	l, err := Level(n)
	if err != nil {
		t.Fatal(err)
	}
	want := []LevelledTiming{
		{ID: "docs", Duration: 5, Start: d("2027-03-01"), Finish: d("2027-03-10"), Pieces: []Piece{
			{Start: d("2027-03-01"), Finish: d("2027-03-01"), Days: 1},
			{Start: d("2027-03-05"), Finish: d("2027-03-10"), Days: 4},
		}},
		{ID: "cutover", Duration: 2, Start: d("2027-03-02"), Finish: d("2027-03-03"), Shift: 0},
		{ID: "review", Duration: 3, Start: d("2027-03-03"), Finish: d("2027-03-08"), Shift: 0, Pieces: []Piece{
			{Start: d("2027-03-03"), Finish: d("2027-03-04"), Days: 2},
			{Start: d("2027-03-08"), Finish: d("2027-03-08"), Days: 1},
		}},
	}
	if diff := cmp.Diff(want, l.Timings()); diff != "" {
		t.Errorf("levelled (-want +got):\n%s", diff)
	}
	if m := l.Missed(); m != nil {
		t.Errorf("missed %+v", m)
	}
	// Not splittable, docs waits for a stretch of five days Ana works
	// (pausing only over her day off).
	n.Activities[0].Splittable = false
	if l, err = Level(n); err != nil {
		t.Fatal(err)
	}
	got, _ := l.Timing("docs")
	wantDocs := LevelledTiming{ID: "docs", Duration: 5, Start: d("2027-03-05"), Finish: d("2027-03-11"), Shift: 4}
	if diff := cmp.Diff(wantDocs, got); diff != "" {
		t.Errorf("docs not splittable (-want +got):\n%s", diff)
	}
	wantDelays := []Delay{{ID: "docs", Days: 4, Resource: "ana", From: d("2027-03-01"), To: d("2027-03-05")}}
	if diff := cmp.Diff(wantDelays, l.Delays()); diff != "" {
		t.Errorf("delays (-want +got):\n%s", diff)
	}
	// Ben away on the first day review could start.
	n.Resources[1].Absences = []calendar.Holiday{{Date: d("2027-03-03")}}
	if l, err = Level(n); err != nil {
		t.Fatal(err)
	}
	wantDelays = []Delay{
		{ID: "docs", Days: 4, Resource: "ana", From: d("2027-03-01"), To: d("2027-03-05")},
		{ID: "review", Days: 1, Resource: "ben", Unavailable: true, From: d("2027-03-03"), To: d("2027-03-04")},
	}
	if diff := cmp.Diff(wantDelays, l.Delays(), cmpSortDelays); diff != "" {
		t.Errorf("delays (-want +got):\n%s", diff)
	}
}

var cmpSortDelays = cmp.Transformer("sort", func(in []Delay) []Delay {
	out := append([]Delay(nil), in...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j].ID < out[i].ID {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
})

func TestLevelDeadlines(t *testing.T) {
	// "press" must finish by Wednesday; "deck" has an earlier ID and
	// feeds nothing. Levelling puts the work whose date is at risk first.
	n := Network{
		Start:     d("2027-03-01"),
		Deadline:  d("2027-03-05"),
		Resources: []Resource{{ID: "writer", Capacity: 1}},
		Activities: []Activity{
			{ID: "deck", Duration: 2, Demands: []Demand{{Resource: "writer", Units: 1}}},
			{ID: "press", Duration: 3, FinishNoLaterThan: d("2027-03-03"), Demands: []Demand{{Resource: "writer", Units: 1}}},
		},
	}
	l, err := Level(n)
	if err != nil {
		t.Fatal(err)
	}
	if tm, _ := l.Timing("press"); tm.Finish != d("2027-03-03") || l.Missed() != nil {
		t.Errorf("press %+v, missed %+v", tm, l.Missed())
	}
	// Two more days of work: the deadline and press's date cannot both
	// hold; every date missed is reported.
	n.Activities[0].Duration = 4
	n.Activities[1].FinishNoLaterThan = d("2027-03-02")
	if l, err = Level(n); err != nil {
		t.Fatal(err)
	}
	want := []MissedDate{
		{Constraint: MissedDeadline, ID: "deck", Date: d("2027-03-05"), Finish: d("2027-03-09"), Days: 2},
		{Constraint: MissedFinishNoLaterThan, ID: "press", Date: d("2027-03-02"), Finish: d("2027-03-03"), Days: 1},
	}
	if diff := cmp.Diff(want, l.Missed()); diff != "" {
		t.Errorf("missed (-want +got):\n%s", diff)
	}
}

func TestLevelResourceValidation(t *testing.T) {
	weekend, err := calendar.New(calendar.Spec{Workweek: calendar.WeekdaysOf(time.Saturday, time.Sunday), HoursPerDay: 8})
	if err != nil {
		t.Fatal(err)
	}
	n := Network{Start: d("2027-03-01"), Activities: []Activity{{ID: "a", Duration: 1}},
		Resources: []Resource{{ID: "r", Capacity: 1, Calendar: weekend, Absences: []calendar.Holiday{{}, {Date: d("2027-03-05"), Through: d("2027-03-04")}}}}}
	var codes []string
	for _, p := range n.Validate().(validation.List) {
		codes = append(codes, p.Path.String()+" "+string(p.Code))
	}
	want := []string{
		"resources[0].calendar " + string(CodeResourceCalendar),
		"resources[0].absences[0].date " + string(CodeResourceAbsence),
		"resources[0].absences[1].through " + string(CodeResourceAbsence),
	}
	if diff := cmp.Diff(want, codes); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
