package schedule

import (
	"bufio"
	"fmt"
	"io"
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
	week := cal.Workweek()
	for d := time.Sunday; d <= time.Saturday; d++ {
		day := strings.ToLower(d.String()[:3])
		if week.Has(d) {
			fmt.Fprintf(b, "  workinghours %s 9:00 - 17:00\n", day)
		} else {
			fmt.Fprintf(b, "  workinghours %s off\n", day)
		}
	}
	b.WriteString("}\n")
	for _, h := range cal.Holidays() {
		days := h.Date.DaysUntil(h.Last()) + 1
		fmt.Fprintf(b, "leaves holiday %s %s +%dd\n", tjString(h.Name), h.Date, days)
	}
	if !n.Deadline.IsZero() {
		fmt.Fprintf(b, "# deadline %s\n", n.Deadline)
	}
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
		if a.Duration > 0 {
			fmt.Fprintf(b, "  length %dd\n", a.Duration)
		} else {
			b.WriteString("  milestone\n")
		}
		if !floor.IsZero() {
			fmt.Fprintf(b, "  depends c%d\n", i)
		}
		seen := map[int32]bool{}
		var via []string
		for _, k := range preds[i] {
			dep := n.Dependencies[k]
			from := c.inp[c.depFrom[k]]
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
		if !a.FinishNoLaterThan.IsZero() {
			fmt.Fprintf(b, "  # finish no later than %s\n", a.FinishNoLaterThan)
		}
		b.WriteString("}\n")
		for _, t := range via {
			b.WriteString(t)
		}
	}
	return b.Flush()
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
