package schedule

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rolloutkit/rollout/calendar"
)

// WriteTJP writes n as a TaskJuggler 3 project (a .tjp file), so that an
// independent scheduler can check the dates of this package. Activity i of
// Network.Activities becomes task t<i> named after its ID (and Name);
// durations become "length" in working days, the calendar becomes working
// hours (9:00 to 17:00 on the worked weekdays, 8 hours a day) and
// holidays "leaves holiday".
//
// TaskJuggler schedules these tasks as soon as possible, and its
// dependencies ("depends", with "onstart" for start-to-start and
// "gaplength" for the lag) only constrain a successor's start; so
// finish-to-finish and start-to-finish links and negative lags cannot be
// expressed, and WriteTJP returns an error wrapping ErrNotSupported
// before writing anything when the network has any. A start-no-earlier-than
// date (and the release date of work after the release) becomes a
// dependency on a fixed milestone c<i> on that date rolled forward to a
// workday. The deadline and finish-no-later-than dates do not move early
// dates and are written as comments. A network without a start is
// exported from the start it gets when scheduled backwards.
//
// Freeze windows are written as leaves; activity calendars become shifts
// (task "shifts"); activities placed as late as possible become
// "scheduling alap" with "precedes" links (and, when nothing follows them,
// an "end" at their late finish) where TaskJuggler can schedule them so,
// and are otherwise written at their placed start.
//
// Resources of capacity 1 that activities demand one unit of, alone,
// become TaskJuggler resources with their calendar's working hours (the
// network calendar's without one), holidays, freeze windows and absences
// as leaves, and those activities effort-based tasks ("effort",
// "allocate") on a shift of their own calendar (the network calendar's
// too: TaskJuggler books a task without shifts on its person's hours
// alone), so that tj3 levels them on the days both work, as Level does.
//
// Errors are those of Schedule, ErrNotSupported, and those of w.
func WriteTJP(w io.Writer, n Network) error {
	for i, dep := range n.Dependencies {
		if dep.Type.toFinish() {
			return fmt.Errorf("schedule: dependencies[%d] is %s: TaskJuggler dependencies only constrain a start: %w", i, dep.Type, ErrNotSupported)
		}
		if dep.Lag < 0 {
			return fmt.Errorf("schedule: dependencies[%d] has a negative lag %d: TaskJuggler has no leads: %w", i, dep.Lag, ErrNotSupported)
		}
	}
	r, err := Schedule(n)
	if err != nil {
		return err
	}
	c := r.c
	cal := c.cal
	start := r.Start()
	end := calendar.Max(r.Finish(), start)
	for _, a := range n.Activities {
		end = calendar.Max(end, a.StartNoEarlierThan)
	}
	end = end.AddDays(60)

	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "project rollout %s %s - %s {\n", tjString("rollout schedule"), start, end)
	b.WriteString("  timezone \"UTC\"\n  timeformat \"%Y-%m-%d %H:%M\"\n  dailyworkinghours 8\n")
	writeWeek(b, "  ", cal.Workweek())
	b.WriteString("}\n")
	writeLeaves(b, "", cal)
	// Activity calendars become shifts with their own working days,
	// holidays and freeze windows.
	used := make([]bool, len(c.cals))
	if c.days {
		for v := range c.ids {
			if c.dur[v] > 0 {
				used[c.acal[v]] = true
			}
		}
	}
	for k := 1; k < len(c.cals); k++ {
		if !used[k] {
			continue
		}
		fmt.Fprintf(b, "shift s%d %s {\n", k, tjString(c.cals[k].Name()))
		writeWeek(b, "  ", c.cals[k].Workweek())
		b.WriteString("}\n")
	}
	// TaskJuggler keeps a task off its shift's leaves only through the
	// shift assignment: a shift with no working hours is assigned over
	// the calendar's holidays and freezes, the calendar's own shift over
	// the days between.
	if slices.Contains(used[1:], true) {
		b.WriteString("shift off \"no work\" {\n")
		writeWeek(b, "  ", 0)
		b.WriteString("}\n")
	}
	alloc := writeResources(b, n)
	if len(alloc) > 0 {
		// TaskJuggler books a task without shifts on its person's
		// working hours alone; work on the network calendar follows it.
		fmt.Fprintf(b, "shift s0 %s {\n", tjString(cal.Name()))
		writeWeek(b, "  ", cal.Workweek())
		b.WriteString("}\n")
	}
	shiftsOf := make([]string, len(c.cals))
	for k := 1; k < len(c.cals); k++ {
		if used[k] {
			shiftsOf[k] = shiftAssignments(k, c.cals[k], start, end)
		}
	}
	// Activities placed as late as possible become "scheduling alap" when
	// every link from them is finish-to-start, to a distinct activity
	// that is alap too (TaskJuggler places an alap task only once what
	// follows it is placed, from its "precedes" and "end"); the others
	// are written at their placed start.
	alap := make([]bool, len(c.ids)) // by compiled index
	for v := len(c.ids) - 1; v >= 0; v-- {
		if !c.Late(v) || c.backward || c.post[v] {
			continue
		}
		// TaskJuggler refuses "onstart" dependencies on alap tasks.
		ok := true
		for k := c.predOff[v]; k < c.predOff[v+1] && ok; k++ {
			ok = c.depType[c.predDep[k]] != StartToStart || c.dur[c.predSrc[k]>>1] == 0
		}
		seen := map[int32]bool{}
		for k := c.succOff[v]; k < c.succOff[v+1] && ok; k++ {
			w := c.succDst[k] >> 1
			ok = c.depType[c.succDep[k]] == FinishToStart && alap[w] && !seen[w]
			seen[w] = true
		}
		alap[v] = ok
	}
	if !n.Deadline.IsZero() {
		fmt.Fprintf(b, "# deadline %s\n", n.Deadline)
	}
	var ends strings.Builder // milestones at the late finish of alap sinks
	preds := make([][]int, len(n.Activities))
	for i := range n.Dependencies {
		to := c.inp[c.depTo[i]]
		preds[to] = append(preds[to], i)
	}
	for i := range n.Activities {
		a := &n.Activities[i]
		v := int(c.pos[i])
		floor := calendar.Date{}
		if c.fkind[v] != floorNone && c.floor[v] > r.p.start {
			// Floors before the project start bind nothing.
			if floor, err = c.Date(c.floor[v]); err != nil {
				return err
			}
		}
		if !floor.IsZero() {
			fmt.Fprintf(b, "task c%d %s {\n  milestone\n  start %s\n}\n", i, tjString("no earlier than "+floor.String()), floor)
		}
		name := a.ID
		if a.Name != "" {
			name += ": " + a.Name
		}
		fmt.Fprintf(b, "task t%d %s {\n", i, tjString(name))
		if j, ok := alloc[i]; ok {
			// Work of one person: effort on the person's working time.
			fmt.Fprintf(b, "  effort %dd\n  allocate r%d\n", a.Duration, j)
			if c.days && c.acal[v] != 0 {
				fmt.Fprintf(b, "  shifts %s\n", shiftsOf[c.acal[v]])
			} else {
				b.WriteString("  shifts s0\n")
			}
		} else if a.Duration > 0 {
			fmt.Fprintf(b, "  length %dd\n", a.Duration)
			if c.days && c.acal[v] != 0 {
				fmt.Fprintf(b, "  shifts %s\n", shiftsOf[c.acal[v]])
			}
		} else {
			b.WriteString("  milestone\n")
		}
		// An alap task's "precedes" come after its "depends": written
		// before them, TaskJuggler 3.7.1 schedules the task forwards
		// from its predecessors.
		var precedes strings.Builder
		switch {
		case alap[v]:
			b.WriteString("  scheduling alap\n")
			if c.succOff[v] == c.succOff[v+1] {
				// Nothing follows: it precedes a milestone at its late
				// finish (an "end" of its own would clash with its
				// dependencies).
				fmt.Fprintf(&precedes, "  precedes e%d\n", i)
				fmt.Fprintf(&ends, "task e%d %s {\n  milestone\n  scheduling alap\n  end %s-17:00\n}\n", i, tjString("late finish of "+a.ID), r.lastDay(v, r.p.late[2*v+1]))
			}
			for k := c.succOff[v]; k < c.succOff[v+1]; k++ {
				line := fmt.Sprintf("precedes t%d", c.inp[c.succDst[k]>>1])
				if lag := c.succLag[k]; lag > 0 {
					line += fmt.Sprintf(" { gaplength %dd }", lag)
				}
				fmt.Fprintf(&precedes, "  %s\n", line)
			}
		case c.Late(v) && !c.backward:
			tm := r.timing(v)
			fmt.Fprintf(b, "  start %s\n", tm.Start)
		}
		if !floor.IsZero() {
			fmt.Fprintf(b, "  depends c%d\n", i)
		}
		seen := map[int32]bool{}
		var via []string
		for _, k := range preds[i] {
			dep := n.Dependencies[k]
			from := c.inp[c.depFrom[k]]
			if alap[c.depFrom[k]] {
				continue // written as "precedes" on the predecessor
			}
			var opts []string
			if dep.Type == StartToStart && n.Activities[from].Duration > 0 {
				// A milestone's start is its finish; TaskJuggler reports
				// false loops for "onstart" on milestones, so leave it out.
				opts = append(opts, "onstart")
			}
			if dep.Lag > 0 {
				opts = append(opts, fmt.Sprintf("gaplength %dd", dep.Lag))
			}
			line := fmt.Sprintf("depends t%d", from)
			if len(opts) > 0 {
				line += " { " + strings.Join(opts, " ") + " }"
			}
			if !seen[from] {
				seen[from] = true
				fmt.Fprintf(b, "  %s\n", line)
				continue
			}
			// TaskJuggler takes one dependency per pair of tasks: route
			// the others through a milestone at the instant they impose.
			via = append(via, fmt.Sprintf("task l%d %s {\n  milestone\n  %s\n}\n", k, tjString("link "+strconv.Itoa(k)), line))
			fmt.Fprintf(b, "  depends l%d\n", k)
		}
		b.WriteString(precedes.String())
		if !a.FinishNoLaterThan.IsZero() {
			fmt.Fprintf(b, "  # finish no later than %s\n", a.FinishNoLaterThan)
		}
		b.WriteString("}\n")
		for _, t := range via {
			b.WriteString(t)
		}
	}
	b.WriteString(ends.String())
	return b.Flush()
}

// writeResources writes the resources of capacity 1 that activities
// demand one unit of, alone, as TaskJuggler resources r<j> (j their
// index in Network.Resources) with their calendar's working hours (the
// network calendar's without one), its holidays and freeze windows and
// their absences as leaves; it returns the resource each such activity
// (by index in Network.Activities) allocates.
func writeResources(b *bufio.Writer, n Network) map[int]int {
	index := map[string]int{}
	for j, r := range n.Resources {
		if r.Capacity == 1 {
			index[r.ID] = j
		}
	}
	alloc := map[int]int{}
	used := map[int]bool{}
	for i, a := range n.Activities {
		if a.Duration == 0 || len(a.Demands) != 1 || a.Demands[0].Units != 1 {
			continue
		}
		if j, ok := index[a.Demands[0].Resource]; ok {
			alloc[i], used[j] = j, true
		}
	}
	for j, r := range n.Resources {
		if !used[j] {
			continue
		}
		fmt.Fprintf(b, "resource r%d %s {\n", j, tjString(r.ID))
		cal := r.Calendar
		if cal == nil {
			cal = n.cal()
		}
		writeWeek(b, "  ", cal.Workweek())
		writeLeaves(b, "  ", cal)
		for _, h := range r.Absences {
			fmt.Fprintf(b, "  leaves annual %s +%dd\n", h.Date, h.Date.DaysUntil(h.Last())+1)
		}
		b.WriteString("}\n")
	}
	return alloc
}

// writeWeek writes the working hours of a work week, 9:00 to 17:00 on its
// days.
func writeWeek(b *bufio.Writer, indent string, week calendar.Weekdays) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		day := strings.ToLower(d.String()[:3])
		if week.Has(d) {
			fmt.Fprintf(b, "%sworkinghours %s 9:00 - 17:00\n", indent, day)
		} else {
			fmt.Fprintf(b, "%sworkinghours %s off\n", indent, day)
		}
	}
}

// shiftAssignments returns the shift assignments of calendar k from start
// to end (exclusive): shift s<k> on the days between its holidays and
// freeze windows, shift off on them.
func shiftAssignments(k int, cal *calendar.Calendar, start, end calendar.Date) string {
	type span struct{ from, to calendar.Date } // inclusive
	var off []span
	for _, h := range cal.Holidays() {
		off = append(off, span{h.Date, h.Last()})
	}
	for _, f := range cal.Freezes() {
		off = append(off, span{f.From, f.Through})
	}
	slices.SortFunc(off, func(a, b span) int { return a.from.Compare(b.from) })
	var parts []string
	at := start
	for _, o := range off {
		from, to := calendar.Max(o.from, at), calendar.Min(o.to, end.AddDays(-1))
		if to.Before(from) {
			continue
		}
		if at.Before(from) {
			parts = append(parts, fmt.Sprintf("s%d %s - %s", k, at, from))
		}
		parts = append(parts, fmt.Sprintf("off %s - %s", from, to.AddDays(1)))
		at = to.AddDays(1)
	}
	if at.Before(end) {
		parts = append(parts, fmt.Sprintf("s%d %s - %s", k, at, end))
	}
	if len(parts) == 0 {
		return fmt.Sprintf("s%d", k)
	}
	return strings.Join(parts, ", ")
}

// writeLeaves writes a calendar's holidays and freeze windows as leaves.
func writeLeaves(b *bufio.Writer, indent string, cal *calendar.Calendar) {
	for _, h := range cal.Holidays() {
		days := h.Date.DaysUntil(h.Last()) + 1
		fmt.Fprintf(b, "%sleaves holiday %s %s +%dd\n", indent, tjString(h.Name), h.Date, days)
	}
	for _, f := range cal.Freezes() {
		days := f.From.DaysUntil(f.Through) + 1
		fmt.Fprintf(b, "%sleaves holiday %s %s +%dd\n", indent, tjString("freeze: "+f.Name), f.From, days)
	}
}

// tjString quotes s as a TaskJuggler string.
func tjString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < ' ':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
