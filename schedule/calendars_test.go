package schedule

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/validation"
)

// The reference below steps through days one at a time, independently of
// the engine's workday arithmetic, to apply the documented rules: a lag
// counts workdays of the network calendar, an activity starts on a
// workday of its own calendar and its duration counts that calendar's
// workdays. Instants are days: the start of that day.

// refCount returns the workdays of cal d with a <= d < b, minus those
// with b <= d < a, by stepping.
func refCount(cal *calendar.Calendar, a, b calendar.Date) int {
	n, sign := 0, 1
	if b.Before(a) {
		a, b, sign = b, a, -1
	}
	for d := a; d.Before(b); d = d.AddDays(1) {
		if cal.IsWorkday(d) {
			n++
		}
	}
	return sign * n
}

func refRoll(cal *calendar.Calendar, x calendar.Date) calendar.Date {
	for !cal.IsWorkday(x) {
		x = x.AddDays(1)
	}
	return x
}

// refFinish returns the exclusive finish of work of d days from start s.
func refFinish(cal *calendar.Calendar, s calendar.Date, d int) calendar.Date {
	if d == 0 {
		return s
	}
	for day, n := s, 0; ; day = day.AddDays(1) {
		if cal.IsWorkday(day) {
			if n++; n == d {
				return day.AddDays(1)
			}
		}
	}
}

// refEarly computes the early start and exclusive finish of every
// activity by relaxation to a fixpoint, trying starts one by one.
func refEarly(n Network, origin calendar.Date) (map[string]calendar.Date, map[string]calendar.Date) {
	net := n.cal()
	cals := map[string]*calendar.Calendar{}
	for _, k := range n.Calendars {
		cals[k.Name()] = k
	}
	calOf := func(a *Activity) *calendar.Calendar {
		if k, ok := cals[a.Calendar]; ok && a.Duration > 0 {
			return k
		}
		return net // a milestone has no work, hence no calendar
	}
	// Milestones, too, are tried on the workdays of their calendar: an
	// instant between two workdays is the same working time as the start
	// of the next one.
	next := func(a *Activity, s calendar.Date) calendar.Date {
		return refRoll(calOf(a), s.AddDays(1))
	}
	act := map[string]*Activity{}
	es, ef := map[string]calendar.Date{}, map[string]calendar.Date{}
	for i := range n.Activities {
		a := &n.Activities[i]
		act[a.ID] = a
		b := origin
		if !a.StartNoEarlierThan.IsZero() {
			b = calendar.Max(b, refRoll(calOf(a), a.StartNoEarlierThan))
		}
		b = refRoll(calOf(a), b)
		es[a.ID] = b
		ef[a.ID] = refFinish(calOf(a), b, a.Duration)
	}
	for changed := true; changed; {
		changed = false
		for _, l := range n.Dependencies {
			a := act[l.To]
			ok := func(s calendar.Date) bool {
				return holds(net, l, act[l.From].Duration, es[l.From], ef[l.From], s, refFinish(calOf(a), s, a.Duration))
			}
			s := es[l.To]
			for !ok(s) {
				s = next(a, s)
				changed = true
			}
			es[l.To], ef[l.To] = s, refFinish(calOf(a), s, a.Duration)
		}
	}
	return es, ef
}

// holds reports whether link l holds between the given times (instants:
// start and exclusive finish): the successor's end is at least the lag
// after the predecessor's in workdays of the network calendar, and,
// without a lag from the finish of real work (fromDur > 0), not before it
// at all.
func holds(net *calendar.Calendar, l Dependency, fromDur int, fromS, fromF, toS, toF calendar.Date) bool {
	from := fromS
	if l.Type.fromFinish() {
		from = fromF
	}
	to := toS
	if l.Type.toFinish() {
		to = toF
	}
	if l.Lag == 0 && l.Type.fromFinish() && fromDur > 0 {
		return !to.Before(from)
	}
	return refCount(net, from, to) >= l.Lag
}

// multiCalendarNetwork returns a random network whose activities follow
// one of four calendars (the network's, a six-day week, a deployment
// calendar with freeze windows, a Tuesday-to-Saturday week with a
// holiday range), with every link type, lags from -3 to 5, milestones,
// start constraints and modes.
func multiCalendarNetwork(rng *rand.Rand, n, links int) Network {
	start := d("2027-03-01").AddDays(rng.IntN(7))
	net, _ := calendar.New(calendar.Spec{Name: "office", Workweek: calendar.MondayToFriday, HoursPerDay: 8,
		Holidays: []calendar.Holiday{{Name: "h", Date: start.AddDays(3 + rng.IntN(10))}}})
	six, _ := calendar.New(calendar.Spec{Name: "field", Workweek: calendar.MondayToFriday | calendar.WeekdaysOf(time.Saturday), HoursPerDay: 8})
	deploy, _ := calendar.New(calendar.Spec{Name: "deploy", Workweek: calendar.MondayToFriday, HoursPerDay: 8,
		Freezes: []calendar.Freeze{
			{Name: "close", From: start.AddDays(8 + rng.IntN(8)), Through: start.AddDays(20 + rng.IntN(6))},
			{Name: "peak", From: start.AddDays(40), Through: start.AddDays(44 + rng.IntN(10))},
		}})
	shop, _ := calendar.New(calendar.Spec{Name: "shop", Workweek: calendar.WeekdaysOf(time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday), HoursPerDay: 8,
		Holidays: []calendar.Holiday{{Name: "stocktake", Date: start.AddDays(5 + rng.IntN(20)), Through: start.AddDays(27 + rng.IntN(5))}}})
	nw := Network{Calendar: net, Calendars: []*calendar.Calendar{six, deploy, shop}, Start: start}
	names := []string{"", "field", "deploy", "shop", "office"}
	for i := 0; i < n; i++ {
		a := Activity{ID: fmt.Sprintf("a%03d", i), Duration: rng.IntN(6), Calendar: names[rng.IntN(len(names))]}
		if rng.IntN(6) == 0 {
			a.Duration = 0
		}
		if rng.IntN(10) == 0 {
			a.StartNoEarlierThan = start.AddDays(rng.IntN(30))
			k := net
			for _, c := range nw.Calendars {
				if c.Name() == a.Calendar {
					k = c
				}
			}
			if _, frozen := k.FreezeOn(a.StartNoEarlierThan); frozen {
				a.StartNoEarlierThan = calendar.Date{}
			}
		}
		a.Mode = Mode(rng.IntN(3))
		nw.Activities = append(nw.Activities, a)
	}
	for k := 0; k < links && n > 1; k++ {
		i := rng.IntN(n - 1)
		j := i + 1 + rng.IntN(n-i-1)
		nw.Dependencies = append(nw.Dependencies, Dependency{
			From: nw.Activities[i].ID, To: nw.Activities[j].ID,
			Type: LinkType(rng.IntN(4)), Lag: rng.IntN(9) - 3,
		})
	}
	if rng.IntN(2) == 0 {
		nw.Deadline = start.AddDays(30 + rng.IntN(60))
	}
	return nw
}

// TestActivityCalendarsReference checks the engine on the day axis
// against the day-stepping reference: early dates equal, and every link
// holds between the late dates and between the placed dates.
func TestActivityCalendarsReference(t *testing.T) {
	for seed := uint64(1); seed <= 80; seed++ {
		rng := rand.New(rand.NewPCG(seed, 14))
		net := multiCalendarNetwork(rng, 3+rng.IntN(40), rng.IntN(90))
		r, err := Schedule(net)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		c, p := r.Compiled(), r.Pass()
		if !c.DayAxis() {
			continue
		}
		es, ef := refEarly(net, c.Origin())
		at := func(x int32) calendar.Date { d, _ := c.Date(x); return d }
		for v := 0; v < c.Len(); v++ {
			id := c.ID(v)
			if at(p.EarlyStart(v)) != es[id] || at(p.EarlyFinish(v)) != ef[id] {
				t.Fatalf("seed %d: %s early %s..%s, reference %s..%s", seed, id, at(p.EarlyStart(v)), at(p.EarlyFinish(v)), es[id], ef[id])
			}
			k := c.ActivityCalendar(v)
			if p.Duration(v) > 0 {
				for _, x := range []int32{p.EarlyStart(v), p.LateStart(v), p.PlacedStart(v)} {
					if !k.IsWorkday(at(x)) {
						t.Fatalf("seed %d: %s starts on %s, not a workday of %q", seed, id, at(x), k.Name())
					}
				}
				if got := k.WorkdaysBetween(at(p.LateStart(v)), at(p.LateFinish(v))); got != int(p.Duration(v)) {
					t.Fatalf("seed %d: %s late dates hold %d workdays, want %d", seed, id, got, p.Duration(v))
				}
			}
			if p.PlacedStart(v) < p.EarlyStart(v) {
				t.Fatalf("seed %d: %s placed before its early start", seed, id)
			}
		}
		minFloat := int32(0)
		for v := 0; v < c.Len(); v++ {
			minFloat = min(minFloat, p.TotalFloat(v))
		}
		for v := 0; v < c.Len(); v++ {
			if c.Late(v) && minFloat >= 0 && p.PlacedStart(v) != p.LateStart(v) {
				t.Fatalf("seed %d: %s is placed late but starts %s, late start %s", seed, c.ID(v), at(p.PlacedStart(v)), at(p.LateStart(v)))
			}
		}
		for i, l := range net.Dependencies {
			u, _ := c.Index(l.From)
			w, _ := c.Index(l.To)
			if !holds(net.Calendar, l, int(p.Duration(u)), at(p.PlacedStart(u)), at(p.PlacedFinish(u)), at(p.PlacedStart(w)), at(p.PlacedFinish(w))) {
				t.Fatalf("seed %d: placed dates break link %d %+v", seed, i, l)
			}
			if minFloat >= 0 && !holds(net.Calendar, l, int(p.Duration(u)), at(p.LateStart(u)), at(p.LateFinish(u)), at(p.LateStart(w)), at(p.LateFinish(w))) {
				t.Fatalf("seed %d: late dates break link %d %+v", seed, i, l)
			}
		}
		// Something drives every activity, and the driving chains end.
		for _, a := range net.Activities {
			if _, err := r.DrivingChain(a.ID); err != nil {
				t.Fatal(err)
			}
		}
		r.CriticalPaths(3)
	}
}

// TestDayAxisMatchesWorkdayAxis schedules single-calendar networks on
// both time axes: every date, float, driver and explanation must agree.
func TestDayAxisMatchesWorkdayAxis(t *testing.T) {
	for seed := uint64(1); seed <= 60; seed++ {
		rng := rand.New(rand.NewPCG(seed, 41))
		net := randomNetwork(rng, 5+rng.IntN(50), rng.IntN(120), seed%3 != 0)
		net.Calendar, _ = calendar.New(calendar.Spec{Name: "c", Workweek: calendar.MondayToFriday, HoursPerDay: 8,
			Holidays: []calendar.Holiday{{Date: d("2027-01-13")}, {Date: d("2027-02-01"), Through: d("2027-02-09")}},
			Freezes:  []calendar.Freeze{{Name: "f", From: d("2027-01-20"), Through: d("2027-01-26")}}})
		for i := range net.Activities {
			a := &net.Activities[i]
			a.Mode = Mode(rng.IntN(3))
			if _, frozen := net.Calendar.FreezeOn(a.StartNoEarlierThan); frozen {
				a.StartNoEarlierThan = calendar.Date{}
			}
		}
		if seed%5 == 0 {
			net.Start = calendar.Date{}
			if net.Deadline.IsZero() {
				net.Deadline = d("2027-06-30")
			}
		}
		var res [2]*Result
		for i, days := range []bool{false, true} {
			c, err := compile(net, days)
			if err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			if c.DayAxis() != days {
				t.Fatalf("seed %d: day axis %v", seed, c.DayAxis())
			}
			if res[i], err = c.Schedule(nil); err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
		}
		if diff := cmp.Diff(res[0].Timings(), res[1].Timings()); diff != "" {
			t.Fatalf("seed %d: timings (-workdays +days):\n%s", seed, diff)
		}
		if res[0].Slack() != res[1].Slack() || res[0].Start() != res[1].Start() || res[0].Finish() != res[1].Finish() {
			t.Fatalf("seed %d: slack/start/finish differ", seed)
		}
		for _, a := range net.Activities {
			e0, _ := res[0].Explain(a.ID)
			e1, _ := res[1].Explain(a.ID)
			if diff := cmp.Diff(e0, e1); diff != "" {
				t.Fatalf("seed %d: %s explanation (-workdays +days):\n%s", seed, a.ID, diff)
			}
		}
		if diff := cmp.Diff(res[0].CriticalPaths(0), res[1].CriticalPaths(0)); diff != "" {
			t.Fatalf("seed %d: critical paths differ:\n%s", seed, diff)
		}
	}
}

func TestActivityCalendarsExample(t *testing.T) {
	office := calendar.Standard()
	deploy, err := calendar.New(calendar.Spec{Name: "deployment", Workweek: calendar.MondayToFriday, HoursPerDay: 8,
		Freezes: []calendar.Freeze{{Name: "Q1 close", From: d("2027-03-25"), Through: d("2027-04-02")}}})
	if err != nil {
		t.Fatal(err)
	}
	field, _ := calendar.New(calendar.Spec{Name: "field", Workweek: calendar.MondayToFriday | calendar.WeekdaysOf(time.Saturday), HoursPerDay: 8})
	n := Network{
		Calendar: office, Calendars: []*calendar.Calendar{deploy, field},
		Start: d("2027-03-15"), Deadline: d("2027-04-30"),
		Activities: []Activity{
			{ID: "build", Duration: 5},                           // Mon 15 .. Fri 19
			{ID: "pilot", Duration: 4, Calendar: "deployment"},   // Mon 22 .. Wed 24, frozen, Mon 5 Apr
			{ID: "kits", Duration: 3, Calendar: "field"},         // Sat 20 .. Tue 23
			{ID: "train", Duration: 2, Mode: AsLateAsPossible},   // just before go-live
			{ID: "go-live", Duration: 1, Calendar: "deployment"}, // after pilot + 2 office workdays
		},
		Dependencies: []Dependency{
			{From: "build", To: "pilot"},
			{From: "build", To: "kits"},
			{From: "pilot", To: "go-live", Lag: 2},
			{From: "kits", To: "train"},
			{From: "train", To: "go-live"},
		},
	}
	r, err := Schedule(n)
	if err != nil {
		t.Fatal(err)
	}
	type dates struct{ ES, EF, S, F string }
	got := map[string]dates{}
	for _, tm := range r.Timings() {
		got[tm.ID] = dates{tm.EarlyStart.String(), tm.EarlyFinish.String(), tm.Start.String(), tm.Finish.String()}
	}
	want := map[string]dates{
		"build": {"2027-03-15", "2027-03-19", "2027-03-15", "2027-03-19"},
		// Three workdays before the freeze, one after it.
		"pilot": {"2027-03-22", "2027-04-05", "2027-03-22", "2027-04-05"},
		// The field team works Saturdays.
		"kits": {"2027-03-20", "2027-03-23", "2027-03-20", "2027-03-23"},
		// Two office workdays after the pilot (Tue 6, Wed 7): go-live
		// Thu 8 at the earliest. Training is placed as late as the
		// deadline allows (Wed 28 and Thu 29 April), and go-live, which
		// follows it, moves with it, as in MS Project.
		"train":   {"2027-03-24", "2027-03-25", "2027-04-28", "2027-04-29"},
		"go-live": {"2027-04-08", "2027-04-08", "2027-04-30", "2027-04-30"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("dates (-want +got):\n%s", diff)
	}
	tr, _ := r.Timing("train")
	if tr.TotalFloat <= 0 || !tr.Late {
		t.Errorf("train: float %d late %v; want positive float still reported", tr.TotalFloat, tr.Late)
	}
	chain, err := r.DrivingChain("go-live")
	if err != nil || len(chain) != 3 || chain[0].ID != "build" || chain[1].ID != "pilot" {
		t.Errorf("driving chain of go-live = %+v, %v; want build, pilot, go-live", chain, err)
	}
	// Without resources, levelling changes nothing.
	l, err := Level(n)
	if err != nil {
		t.Fatal(err)
	}
	lgot := map[string]dates{}
	for _, tm := range l.Timings() {
		w := want[tm.ID]
		lgot[tm.ID] = dates{w.ES, w.EF, tm.Start.String(), tm.Finish.String()}
	}
	if diff := cmp.Diff(want, lgot); diff != "" {
		t.Errorf("levelled dates (-want +got):\n%s", diff)
	}
}

func TestCalendarAndModeProblems(t *testing.T) {
	deploy, _ := calendar.New(calendar.Spec{Name: "deployment", Workweek: calendar.MondayToFriday, HoursPerDay: 8,
		Freezes: []calendar.Freeze{{Name: "Q1 close", From: d("2027-03-25"), Through: d("2027-04-02")}}})
	other, _ := calendar.New(calendar.Spec{Name: "deployment", Workweek: calendar.AllWeek, HoursPerDay: 8})
	noName, _ := calendar.New(calendar.Spec{Workweek: calendar.AllWeek, HoursPerDay: 8})
	n := Network{
		Start:     d("2027-03-01"),
		Calendars: []*calendar.Calendar{deploy, nil, other, noName},
		Activities: []Activity{
			{ID: "a", Duration: 1, Calendar: "nights"},
			{ID: "b", Duration: 1, Calendar: "deployment", StartNoEarlierThan: d("2027-03-29")},
			{ID: "c", Duration: 2, Mode: AsLateAsPossible, StartNoEarlierThan: d("2027-03-01"), FinishNoLaterThan: d("2027-03-02")},
			{ID: "d", Duration: 1, Mode: Mode(7)},
			{ID: "e", Duration: 1, Calendar: "deployment", FinishNoLaterThan: d("2027-04-02")},
		},
	}
	type row struct {
		Code validation.Code
		Path string
	}
	var got []row
	err := n.Validate()
	var list validation.List
	if !errors.As(err, &list) {
		t.Fatalf("Validate = %v", err)
	}
	for _, p := range list {
		got = append(got, row{p.Code, p.Path.String()})
	}
	want := []row{
		{CodeCalendarRequired, "calendars[1]"},
		{CodeCalendarDuplicate, "calendars[2].name"},
		{CodeCalendarName, "calendars[3].name"},
		{CodeCalendarUnknown, "activities[0].calendar"},
		{CodeConstraintFrozen, "activities[1].startNoEarlierThan"},
		{CodeModePinned, "activities[2].mode"},
		{CodeModeUnknown, "activities[3].mode"},
		{CodeConstraintFrozen, "activities[4].finishNoLaterThan"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	for _, kind := range []error{ErrUnknownCalendar, ErrFrozen, validation.ErrNotFound, validation.ErrConflict} {
		if !errors.Is(err, kind) {
			t.Errorf("errors.Is(err, %v) = false", kind)
		}
	}
	if _, err := Schedule(n); err == nil {
		t.Error("Schedule accepted the network")
	}
}

func FuzzModeText(f *testing.F) {
	for _, s := range []string{"", "asap", "ALAP", "as-late-as-possible", "as-soon-as-possible", "late", "default"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var m Mode
		if err := m.UnmarshalText([]byte(s)); err != nil {
			if m != DefaultMode {
				t.Fatalf("%q: changed on error", s)
			}
			return
		}
		b, err := m.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var again Mode
		if err := again.UnmarshalText(b); err != nil || again != m {
			t.Fatalf("%q -> %v -> %q -> %v", s, m, b, again)
		}
	})
}
