package schedule

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rolloutkit/rollout/calendar"
)

// tjNetwork returns a random network that TaskJuggler can express:
// finish-to-start and start-to-start links with lags of 0 to 3, milestones,
// start-no-earlier-than dates on workdays, work after the release, and a
// calendar with holidays (single days and a range).
func tjNetwork(rng *rand.Rand, n int, week calendar.Weekdays) Network {
	start := d("2027-03-01").AddDays(rng.IntN(5))
	spec := calendar.Spec{Name: "tj", Workweek: week, HoursPerDay: 8, Holidays: []calendar.Holiday{
		{Name: "one", Date: start.AddDays(2 + rng.IntN(5))},
		{Name: "range", Date: start.AddDays(10 + rng.IntN(5)), Through: start.AddDays(16 + rng.IntN(3))},
	}}
	cal, err := calendar.New(spec)
	if err != nil {
		panic(err)
	}
	net := Network{Calendar: cal, Deadline: start.AddDays(40)}
	net.Start, _ = cal.RollForward(start)
	for i := 0; i < n; i++ {
		a := Activity{ID: fmt.Sprintf("act-%d", i), Name: "activity \"" + strconv.Itoa(i) + "\"", Duration: rng.IntN(5)}
		switch rng.IntN(10) {
		case 0:
			a.StartNoEarlierThan, _ = cal.RollForward(start.AddDays(rng.IntN(30)))
		case 1:
			a.AfterRelease, a.ReleaseLag = true, rng.IntN(3)
		}
		net.Activities = append(net.Activities, a)
	}
	for k := 0; k < 2*n; k++ {
		i := rng.IntN(n - 1)
		j := i + 1 + rng.IntN(min(n-i-1, 6))
		net.Dependencies = append(net.Dependencies, Dependency{
			From: net.Activities[i].ID, To: net.Activities[j].ID,
			Type: LinkType(rng.IntN(2)), Lag: max(0, rng.IntN(6)-2),
		})
	}
	return net
}

// TestTaskJuggler schedules generated networks with TaskJuggler (tj3) and
// compares its dates with ours. It is skipped when tj3 is not installed,
// unless ROLLOUT_REQUIRE_TJ3=1.
func TestTaskJuggler(t *testing.T) {
	tj3, err := exec.LookPath("tj3")
	if err != nil {
		if os.Getenv("ROLLOUT_REQUIRE_TJ3") == "1" {
			t.Fatalf("tj3 (TaskJuggler) is required (ROLLOUT_REQUIRE_TJ3=1) but not on PATH: %v", err)
		}
		t.Skip("tj3 (TaskJuggler, Debian package tj3) is not on PATH; set ROLLOUT_REQUIRE_TJ3=1 to make this a failure")
	}
	weeks := []calendar.Weekdays{calendar.MondayToFriday, calendar.WeekdaysOf(time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday), calendar.MondayToFriday, calendar.WeekdaysOf(time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday)}
	for i, week := range weeks {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(uint64(i)+1, 98))
			net := tjNetwork(rng, 15+rng.IntN(15), week)
			compareWithTJ(t, tj3, net)
		})
	}
}

func compareWithTJ(t *testing.T, tj3 string, net Network) {
	t.Helper()
	compareWithTJLevel(t, tj3, net, false)
}

// compareWithTJLevel is compareWithTJ; with levelled it compares the
// dates of Level (the start and finish of every activity).
func compareWithTJLevel(t *testing.T, tj3 string, net Network, levelled bool) {
	t.Helper()
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := WriteTJP(&buf, net); err != nil {
		t.Fatal(err)
	}
	buf.WriteString("taskreport dates \"dates\" {\n  formats csv\n  columns id, start, end\n}\n")
	file := filepath.Join(dir, "net.tjp")
	if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, tj3, "--no-color", "--silent", "-o", dir, file)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tj3: %v\n%s\n%s", err, out, buf.String())
	}
	f, err := os.ReadFile(filepath.Join(dir, "dates.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rd := csv.NewReader(bytes.NewReader(f))
	rd.Comma = ';'
	rows, err := rd.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	tj := map[string][2]time.Time{}
	for _, row := range rows[1:] {
		s, err1 := time.Parse("2006-01-02 15:04", row[1])
		e, err2 := time.Parse("2006-01-02 15:04", row[2])
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		tj[row[0]] = [2]time.Time{s, e}
	}
	r, err := Schedule(net)
	if err != nil {
		t.Fatal(err)
	}
	var lv *Levelled
	if levelled {
		if lv, err = Level(net); err != nil {
			t.Fatal(err)
		}
	}
	cals := map[string]*calendar.Calendar{}
	for _, k := range net.Calendars {
		cals[k.Name()] = k
	}
	compared := 0
	for i, tm := range r.Timings() {
		got, ok := tj[fmt.Sprintf("t%d", i)]
		if !ok {
			t.Fatalf("TaskJuggler did not report t%d (%s)", i, tm.ID)
		}
		cal := net.Calendar
		if k, ok := cals[net.Activities[i].Calendar]; ok {
			cal = k
		}
		ts, te := calendar.FromTime(got[0]), calendar.FromTime(got[1])
		if tm.Duration == 0 && got[0].Hour() >= 17 && !net.Calendar.IsWorkday(ts) {
			// A milestone after work that ended on a day the network
			// calendar does not work (the Saturday of a six-day week):
			// TaskJuggler shows that day, we the network workday before
			// it, the same instant of the network's working time.
			ts, _ = net.Calendar.RollBackward(ts)
			te = ts
		}
		if tm.Duration > 0 {
			// TaskJuggler's start is the instant the task may begin,
			// such as 17:00 the day its predecessor ends; the work
			// begins on the next working hour. An alap task's end can
			// be the instant its successor begins, 9:00.
			if got[0].Hour() >= 17 {
				ts, _ = cal.NextWorkday(ts)
			} else {
				ts, _ = cal.RollForward(ts)
			}
			if got[1].Hour() <= 9 {
				te, _ = cal.PreviousWorkday(te)
			}
		}
		start, finish := tm.EarlyStart, tm.EarlyFinish
		if tm.Late {
			start, finish = tm.Start, tm.Finish
		}
		if levelled {
			lt := lv.Timings()[i]
			start, finish = lt.Start, lt.Finish
		}
		if ts != start || te != finish {
			t.Errorf("%s (t%d, duration %d, calendar %q, late %v): TaskJuggler %s..%s (%s..%s), ours %s..%s", tm.ID, i, tm.Duration, cal.Name(), tm.Late,
				ts, te, got[0].Format("01-02 15:04"), got[1].Format("01-02 15:04"), start, finish)
		}
		compared++
	}
	if t.Failed() {
		t.Logf("project:\n%s", strings.TrimSpace(buf.String()))
	}
	if compared != len(net.Activities) {
		t.Errorf("compared %d of %d activities", compared, len(net.Activities))
	}
}

// tjCalendarNetwork returns a network TaskJuggler can express with
// activity calendars (a six-day week with a holiday, a deployment
// calendar with freeze windows) and activities as late as possible:
// start-to-start links only between activities on the network calendar,
// and the links from an alap activity finish-to-start to distinct alap
// activities. The deadline leaves the release work some room.
func tjCalendarNetwork(rng *rand.Rand, n int) Network {
	return tjCalendarNetworkWith(rng, n, false)
}

// tjCalendarNetworkWith is tjCalendarNetwork; withPreds lets alap
// activities have predecessors.
func tjCalendarNetworkWith(rng *rand.Rand, n int, withPreds bool) Network {
	net := tjNetwork(rng, n, calendar.MondayToFriday)
	start := net.Start
	// The activity calendars build on the network calendar's holidays, as
	// company calendars do (TaskJuggler keeps every task off the
	// project's leaves, whatever its shift).
	hol := net.Calendar.Holidays()
	field, _ := calendar.New(calendar.Spec{Name: "field", Workweek: calendar.MondayToFriday | calendar.WeekdaysOf(time.Saturday), HoursPerDay: 8,
		Holidays: append(hol, calendar.Holiday{Name: "site closed", Date: start.AddDays(4 + rng.IntN(6))})})
	deploy, _ := calendar.New(calendar.Spec{Name: "deploy", Workweek: calendar.MondayToFriday, HoursPerDay: 8, Holidays: hol,
		Freezes: []calendar.Freeze{
			{Name: "close", From: start.AddDays(5 + rng.IntN(6)), Through: start.AddDays(14 + rng.IntN(4))},
			{Name: "peak", From: start.AddDays(25 + rng.IntN(5)), Through: start.AddDays(30 + rng.IntN(5))},
		}})
	net.Calendars = []*calendar.Calendar{field, deploy}
	names := []string{"", "field", "deploy"}
	for i := range net.Activities {
		a := &net.Activities[i]
		if a.Duration > 0 {
			a.Calendar = names[rng.IntN(3)]
		}
		if a.Calendar == "deploy" {
			if _, frozen := deploy.FreezeOn(a.StartNoEarlierThan); frozen {
				a.StartNoEarlierThan = calendar.Date{}
			}
		}
	}
	index := map[string]int{}
	for i, a := range net.Activities {
		index[a.ID] = i
	}
	for k := range net.Dependencies {
		l := &net.Dependencies[k]
		if net.Activities[index[l.From]].Calendar != "" || net.Activities[index[l.To]].Calendar != "" {
			l.Type = FinishToStart
		}
	}
	// Alap activities, from the last: only release work, and only where
	// every link out of one is finish-to-start to a distinct alap
	// activity.
	r, err := Schedule(net)
	if err != nil {
		panic(err)
	}
	out := make([][]int, n)
	in := make([]bool, n)
	for k, l := range net.Dependencies {
		out[index[l.From]] = append(out[index[l.From]], k)
		in[index[l.To]] = true
	}
	late := make([]bool, n)
	for i := n - 1; i >= 0; i-- {
		a := &net.Activities[i]
		// Without withPreds only tasks that depend on nothing are alap
		// (see TestTaskJugglerAlapPredecessors for the others).
		if tm, _ := r.Timing(a.ID); a.Duration == 0 || tm.AfterRelease || !a.StartNoEarlierThan.IsZero() || in[i] && !withPreds || rng.IntN(4) == 0 {
			continue
		}
		ok, seen := true, map[string]bool{}
		for _, k := range out[i] {
			l := net.Dependencies[k]
			ok = ok && l.Type == FinishToStart && late[index[l.To]] && !seen[l.To]
			seen[l.To] = true
		}
		if ok {
			late[i], a.Mode = true, AsLateAsPossible
		}
	}
	net.Deadline = r.Ready().AddDays(3 + rng.IntN(10))
	return net
}

// TestTaskJugglerCalendars has tj3 schedule networks with activity
// calendars (shifts), freeze windows (leaves on the shifts) and
// activities as late as possible ("scheduling alap"): the early dates of
// the others and the placed dates of the alap activities must be equal.
func TestTaskJugglerCalendars(t *testing.T) {
	tj3, err := exec.LookPath("tj3")
	if err != nil {
		if os.Getenv("ROLLOUT_REQUIRE_TJ3") == "1" {
			t.Fatalf("tj3 (TaskJuggler) is required (ROLLOUT_REQUIRE_TJ3=1) but not on PATH: %v", err)
		}
		t.Skip("tj3 (TaskJuggler, Debian package tj3) is not on PATH; set ROLLOUT_REQUIRE_TJ3=1 to make this a failure")
	}
	for _, seed := range []uint64{2, 6, 10, 21, 23, 36} {
		t.Run(strconv.Itoa(int(seed)), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(seed, 14))
			net := tjCalendarNetwork(rng, 15+rng.IntN(15))
			r, err := Schedule(net)
			if err != nil {
				t.Fatal(err)
			}
			late := 0
			for _, tm := range r.Timings() {
				if tm.Late {
					late++
				}
			}
			if !r.Compiled().DayAxis() || late == 0 {
				t.Fatalf("generated network has day axis %v and %d alap activities", r.Compiled().DayAxis(), late)
			}
			compareWithTJ(t, tj3, net)
		})
	}
}

func TestWriteTJPUnsupported(t *testing.T) {
	for _, dep := range []Dependency{{From: "a", To: "b", Type: FinishToFinish}, {From: "a", To: "b", Type: StartToFinish}, {From: "a", To: "b", Lag: -1}} {
		n := Network{Start: d("2027-01-04"), Activities: []Activity{{ID: "a", Duration: 1}, {ID: "b", Duration: 1}}, Dependencies: []Dependency{dep}}
		var buf bytes.Buffer
		if err := WriteTJP(&buf, n); !errors.Is(err, ErrNotSupported) || buf.Len() != 0 {
			t.Errorf("%+v: err %v, wrote %d bytes", dep, err, buf.Len())
		}
	}
}

// TestTaskJugglerAlapPredecessors has tj3 schedule networks whose
// activities as late as possible have predecessors too: two small ones by
// hand (a chain of two alap activities after work that ends early, on
// activity calendars with a freeze) and generated ones. It found three
// differences, now handled: WriteTJP wrote an alap task's "precedes"
// before its "depends", and TaskJuggler 3.7.1 then schedules the task
// forwards from its predecessors (written after them it schedules it
// backwards from its successors); TaskJuggler refuses "onstart"
// dependencies on alap tasks, so those are written at their placed dates;
// and work ending on a Saturday of a six-day week was followed on that
// same Saturday (a lag counted in the network calendar, which does not
// work Saturdays), where it is now followed from the next day, as in
// TaskJuggler and MS Project. One difference remains and is left out of
// these networks: a milestone is an instant of the network calendar's
// working time, so one pinned by a start-no-earlier-than date on a Monday
// is the same instant as the Friday evening before, and a successor on a
// six-day calendar may start on the Saturday between (TaskJuggler starts
// it on the Monday); a milestone after Saturday work is shown on the
// Friday (TaskJuggler: the Saturday), the same working-time instant.
func TestTaskJugglerAlapPredecessors(t *testing.T) {
	tj3, err := exec.LookPath("tj3")
	if err != nil {
		if os.Getenv("ROLLOUT_REQUIRE_TJ3") == "1" {
			t.Fatalf("tj3 (TaskJuggler) is required (ROLLOUT_REQUIRE_TJ3=1) but not on PATH: %v", err)
		}
		t.Skip("tj3 (TaskJuggler, Debian package tj3) is not on PATH; set ROLLOUT_REQUIRE_TJ3=1 to make this a failure")
	}
	field, _ := calendar.New(calendar.Spec{Name: "field", Workweek: calendar.MondayToFriday | calendar.WeekdaysOf(time.Saturday), HoursPerDay: 8})
	deploy, _ := calendar.New(calendar.Spec{Name: "deploy", Workweek: calendar.MondayToFriday, HoursPerDay: 8,
		Freezes: []calendar.Freeze{{Name: "close", From: d("2027-04-05"), Through: d("2027-04-09")}}})
	for i, cals := range [][3]string{{"", "", ""}, {"field", "deploy", "field"}} {
		t.Run("hand/"+strconv.Itoa(i), func(t *testing.T) {
			t.Parallel()
			net := Network{Start: d("2027-03-01"), Deadline: d("2027-04-14"), Calendar: calendar.Standard(), Calendars: []*calendar.Calendar{field, deploy},
				Activities: []Activity{
					{ID: "build", Duration: 3, Calendar: cals[0]},
					{ID: "other", Duration: 5},
					{ID: "train", Duration: 2, Calendar: cals[1], Mode: AsLateAsPossible},
					{ID: "brief", Duration: 3, Calendar: cals[2], Mode: AsLateAsPossible},
				},
				Dependencies: []Dependency{{From: "build", To: "train"}, {From: "other", To: "brief", Lag: 2}, {From: "train", To: "brief", Lag: 1}},
			}
			compareWithTJ(t, tj3, net)
		})
	}
	for _, seed := range []uint64{2, 4, 6, 18, 30, 39} {
		t.Run(strconv.Itoa(int(seed)), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(seed, 14))
			net := tjCalendarNetworkWith(rng, 15+rng.IntN(15), true)
			late := map[string]bool{}
			for _, a := range net.Activities {
				late[a.ID] = a.Mode == AsLateAsPossible
			}
			withPreds := 0
			for _, l := range net.Dependencies {
				if late[l.To] {
					withPreds++
				}
			}
			if withPreds == 0 {
				t.Fatal("no activity as late as possible has a predecessor")
			}
			compareWithTJ(t, tj3, net)
		})
	}
}

// TestTaskJugglerLevelCalendars has tj3 level networks with activity
// calendars (shifts) and freeze windows whose work is done by people
// with calendars of their own (a six-day and a four-day week) and
// absences: one person per activity, so that no two activities compete
// and TaskJuggler's levelling heuristic, which differs from Level's, plays
// no part. TaskJuggler books an effort-based task ("effort", "allocate")
// on the hours its shift and its person both work, and pauses it over
// the person's leaves; Level's dates must be the same.
func TestTaskJugglerLevelCalendars(t *testing.T) {
	tj3, err := exec.LookPath("tj3")
	if err != nil {
		if os.Getenv("ROLLOUT_REQUIRE_TJ3") == "1" {
			t.Fatalf("tj3 (TaskJuggler) is required (ROLLOUT_REQUIRE_TJ3=1) but not on PATH: %v", err)
		}
		t.Skip("tj3 (TaskJuggler, Debian package tj3) is not on PATH; set ROLLOUT_REQUIRE_TJ3=1 to make this a failure")
	}
	for _, seed := range []uint64{2, 6, 10, 21} {
		t.Run(strconv.Itoa(int(seed)), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(seed, 14))
			net := tjCalendarNetwork(rng, 15+rng.IntN(15))
			hol := net.Calendar.Holidays()
			six, _ := calendar.New(calendar.Spec{Name: "six", Workweek: calendar.MondayToFriday | calendar.WeekdaysOf(time.Saturday), HoursPerDay: 8, Holidays: hol})
			four, _ := calendar.New(calendar.Spec{Name: "four", Workweek: calendar.WeekdaysOf(time.Monday, time.Tuesday, time.Wednesday, time.Thursday), HoursPerDay: 8, Holidays: hol})
			paused := 0
			for i := range net.Activities {
				a := &net.Activities[i]
				a.Mode = DefaultMode
				if a.Duration == 0 || rng.IntN(5) == 0 {
					continue
				}
				r := Resource{ID: "p-" + a.ID, Capacity: 1}
				switch rng.IntN(3) {
				case 0:
					r.Calendar = six
				case 1:
					r.Calendar = four
				}
				if rng.IntN(2) == 0 {
					from := net.Start.AddDays(rng.IntN(40))
					r.Absences = []calendar.Holiday{{Name: "leave", Date: from, Through: from.AddDays(rng.IntN(4))}}
				}
				net.Resources = append(net.Resources, r)
				a.Demands = []Demand{{Resource: r.ID, Units: 1}}
			}
			l, err := Level(net)
			if err != nil {
				t.Fatal(err)
			}
			for _, tm := range l.Timings() {
				if len(tm.Pieces) > 0 {
					paused++
				}
			}
			compareWithTJLevel(t, tj3, net, true)
			t.Logf("%d activities pause", paused)
		})
	}
}
