package tjp

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/view"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/schedule"
)

// Options tune Write.
type Options struct {
	// View, when set, is the view of the plan to export (a view of the
	// same plan); nil means view.New(p, view.Options{}).
	View *view.View
	// WithoutAllocations leaves the allocations out. TaskJuggler levels
	// the resources it allocates, moving tasks that compete for a person;
	// without allocations tj3 computes the plan's own (unlevelled)
	// schedule.
	WithoutAllocations bool
}

// Warning is a construct of the plan that TaskJuggler cannot hold,
// written as its nearest equivalent.
type Warning struct {
	// Task is the ID of the plan's task concerned.
	Task string
	// Message says what was written instead.
	Message string
}

func (w Warning) String() string { return w.Task + ": " + w.Message }

// Export is the TaskJuggler project of a plan.
type Export struct {
	// TJP is the project's text, ready for tj3.
	TJP []byte
	// IDs maps each plan task ID to its full TaskJuggler ID, such as
	// "REQ_1.prepare_material".
	IDs map[string]string
	// Warnings lists what was written as a nearest equivalent, in task
	// order.
	Warnings []Warning
}

// Write writes the plan to w as a TaskJuggler 3 project and returns the
// warnings (see Marshal).
func Write(ctx context.Context, w io.Writer, p *plan.Plan, opts Options) ([]Warning, error) {
	e, err := Marshal(ctx, p, opts)
	if err != nil {
		return nil, err
	}
	_, err = w.Write(e.TJP)
	return e.Warnings, err
}

// Marshal exports the plan as a TaskJuggler 3 project: the project named
// after the plan with its working week, holidays and freeze windows (as
// leaves); every resource with its calendar and absences; one task per
// requirement holding the tasks that serve it, with their real IDs made
// into TaskJuggler IDs, their lengths, start-no-earlier-than dates,
// dependencies and allocations (task demands that name a resource).
//
// TaskJuggler dependencies only constrain a start and cannot lead, so
// finish-to-finish and start-to-finish links, and finish-to-start links
// with a lead, become start-to-start links with the gap that gives the
// same dates for fixed lengths; a lead that even so needs a negative gap
// is dropped. Each such link is listed as a Warning, never refused. A plan
// that does not validate or cannot be scheduled gets an error and nothing
// is written.
func Marshal(ctx context.Context, p *plan.Plan, opts Options) (*Export, error) {
	v, err := view.Use("tjp", p, opts.View)
	if err != nil {
		return nil, err
	}
	e := &encoder{v: v, opts: opts, out: &Export{IDs: map[string]string{}}, used: map[string]bool{}}
	if err := e.project(ctx); err != nil {
		return nil, err
	}
	e.out.TJP = e.buf.Bytes()
	return e.out, nil
}

type encoder struct {
	v    *view.View
	opts Options
	buf  bytes.Buffer
	out  *Export
	used map[string]bool
	res  map[string]string
}

func (e *encoder) printf(format string, args ...any) { fmt.Fprintf(&e.buf, format, args...) }

// ID makes s a TaskJuggler ID: letters, digits and underscores, not
// starting with a digit; other characters become underscores.
func ID(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == '_':
			b.WriteRune(r)
		case r >= '0' && r <= '9':
			if i == 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}

// unique returns ID(s) within scope, suffixed when taken.
func (e *encoder) unique(scope, s string) string {
	id := ID(s)
	for n := 2; e.used[scope+"."+id]; n++ {
		id = fmt.Sprintf("%s_%d", ID(s), n)
	}
	e.used[scope+"."+id] = true
	return id
}

// quote quotes s as a TaskJuggler string.
func quote(s string) string {
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

func (e *encoder) project(ctx context.Context) error {
	v := e.v
	p := v.Plan
	start := v.Schedule.Start()
	end := calendar.Max(v.Schedule.Finish(), start)
	for _, t := range v.Tasks {
		end = calendar.Max(end, t.StartNoEarlierThan)
	}
	end = end.AddDays(90)
	title := p.Title
	if title == "" {
		title = strings.TrimSpace(p.Release.Product + " " + p.Release.Version + " rollout and deployment plan")
	}
	spec := v.Calendar.Spec()
	hours := spec.HoursPerDay
	if hours <= 0 {
		hours = 8
	}
	e.printf("project %s %s %s - %s {\n", ID(p.ID), quote(title), start, end)
	e.printf("  timezone \"UTC\"\n  timeformat \"%%Y-%%m-%%d %%H:%%M\"\n  dailyworkinghours %g\n", hours)
	e.workinghours("  ", spec.Workweek, hours)
	e.printf("}\n\n")
	e.leaves("", spec)
	if !v.Release.IsZero() {
		e.printf("# release date %s\n", v.Release)
	}
	e.resources(hours)
	// Top-level IDs: requirements, then loose tasks.
	reqID := map[string]string{}
	for _, r := range v.Requirements {
		if len(r.Tasks) > 0 {
			reqID[r.ID] = e.unique("", r.ID)
		}
	}
	for i := range v.Tasks {
		t := &v.Tasks[i]
		if !t.Scheduled {
			continue
		}
		if parent, ok := reqID[t.Requirement]; ok {
			local := strings.TrimPrefix(t.ID, t.Requirement+"/")
			e.out.IDs[t.ID] = parent + "." + e.unique(parent, local)
		} else {
			e.out.IDs[t.ID] = e.unique("", t.ID)
		}
	}
	for _, r := range v.Requirements {
		parent, ok := reqID[r.ID]
		if !ok {
			continue
		}
		scheduled := false
		for _, i := range r.Tasks {
			scheduled = scheduled || v.Tasks[i].Scheduled
		}
		if !scheduled {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		e.printf("task %s %s {\n", parent, quote(r.ID+": "+r.Title))
		for _, i := range r.Tasks {
			if v.Tasks[i].Scheduled {
				e.task("  ", &v.Tasks[i])
			}
		}
		e.printf("}\n")
	}
	for i := range v.Tasks {
		t := &v.Tasks[i]
		if _, under := reqID[t.Requirement]; t.Scheduled && !under {
			e.task("", t)
		}
	}
	return nil
}

func (e *encoder) workinghours(indent string, week calendar.Weekdays, hours float64) {
	end := 9*60 + int(hours*60)
	end = min(end, 24*60)
	for d := time.Sunday; d <= time.Saturday; d++ {
		day := strings.ToLower(d.String()[:3])
		if week.Has(d) {
			e.printf("%sworkinghours %s 9:00 - %d:%02d\n", indent, day, end/60, end%60)
		} else {
			e.printf("%sworkinghours %s off\n", indent, day)
		}
	}
}

// leaves writes the calendar's holidays and freeze windows as leaves.
func (e *encoder) leaves(indent string, spec calendar.Spec) {
	for _, h := range spec.Holidays {
		e.printf("%sleaves holiday %s %s +%dd\n", indent, quote(h.Name), h.Date, h.Date.DaysUntil(h.Last())+1)
	}
	for _, f := range spec.Freezes {
		e.printf("%sleaves holiday %s %s +%dd\n", indent, quote("freeze: "+f.Name), f.From, f.From.DaysUntil(f.Through)+1)
	}
}

// resources writes every person, facility and equipment with its
// calendar's week and days off and its absences.
func (e *encoder) resources(hours float64) {
	pool := &e.v.Plan.Resources
	e.res = map[string]string{}
	for _, r := range pool.Resources {
		if r.Kind == resource.KindMoney {
			continue
		}
		id := e.unique("resource", r.ID)
		e.res[r.ID] = id
		e.printf("resource %s %s {\n", id, quote(r.Name))
		if c, ok := pool.Calendar(r.Calendar); ok && r.Calendar != "" {
			spec := c.Spec()
			h := spec.HoursPerDay
			if h <= 0 {
				h = hours
			}
			e.workinghours("  ", spec.Workweek, h)
			e.leaves("  ", spec)
		}
		for _, a := range r.Absences {
			to := a.To
			if to.IsZero() {
				to = a.From
			}
			e.printf("  leaves annual %s +%dd\n", a.From, a.From.DaysUntil(to)+1)
		}
		e.printf("}\n")
	}
	e.printf("\n")
}

func (e *encoder) warn(t *view.Task, format string, args ...any) {
	e.out.Warnings = append(e.out.Warnings, Warning{Task: t.ID, Message: fmt.Sprintf(format, args...)})
}

func (e *encoder) task(indent string, t *view.Task) {
	v := e.v
	full := e.out.IDs[t.ID]
	local := full[strings.LastIndexByte(full, '.')+1:]
	floor := calendar.Date{}
	if !t.StartNoEarlierThan.IsZero() {
		floor = t.StartNoEarlierThan
	}
	if c, err := v.Schedule.Driver(t.ID); err == nil && (c.Kind == schedule.CauseRelease || c.Kind == schedule.CauseStartConstraint) {
		// The date the release (plus the requirement's offset) or the
		// constraint imposes is the start it fixes.
		floor = calendar.Max(floor, t.Timing.EarlyStart)
	}
	if !floor.IsZero() && floor.After(v.Schedule.Start()) {
		// TaskJuggler takes a start date on a task with dependencies as
		// a fixed start; a milestone at the date keeps it a lower bound.
		e.printf("%stask %s_from %s {\n%s  milestone\n%s  start %s\n%s}\n", indent, local, quote(t.ID+" no earlier than "+floor.String()), indent, indent, floor, indent)
	} else {
		floor = calendar.Date{}
	}
	e.printf("%stask %s %s {\n", indent, local, quote(t.ID+": "+t.Title))
	if t.Milestone || t.Timing.Duration == 0 {
		e.printf("%s  milestone\n", indent)
	} else {
		e.printf("%s  length %dd\n", indent, t.Timing.Duration)
	}
	if !floor.IsZero() {
		e.printf("%s  depends %s_from\n", indent, full)
	}
	seen := map[string]bool{}
	for _, d := range t.Dependencies {
		pred, ok := v.Task(d.Task)
		predID, ok2 := e.out.IDs[d.Task]
		if !ok || !ok2 || !pred.Scheduled {
			continue
		}
		if seen[predID] {
			e.warn(t, "a second link from %s is left out (TaskJuggler takes one dependency per pair of tasks)", d.Task)
			continue
		}
		seen[predID] = true
		onstart, gap := false, d.Lag
		switch d.Type {
		case backlog.FinishToStart:
			if d.Lag < 0 && pred.Timing.Duration+d.Lag >= 0 {
				// s(succ) >= f(pred) - lead = s(pred) + d(pred) - lead.
				onstart, gap = true, pred.Timing.Duration+d.Lag
				e.warn(t, "FS link from %s with a lead of %d workdays written as SS with gap %d workdays (the same dates for fixed lengths)", d.Task, -d.Lag, gap)
			}
		case backlog.StartToStart:
			onstart = true
		case backlog.FinishToFinish:
			// f(succ) >= f(pred) + L, with fixed lengths:
			// s(succ) >= s(pred) + d(pred) + L - d(succ).
			onstart, gap = true, pred.Timing.Duration+d.Lag-t.Timing.Duration
		case backlog.StartToFinish:
			// f(succ) >= s(pred) + L: s(succ) >= s(pred) + L - d(succ).
			onstart, gap = true, d.Lag-t.Timing.Duration
		}
		if onstart && pred.Timing.Duration == 0 {
			// A milestone's start is its finish; TaskJuggler reports false
			// loops for onstart on milestones.
			onstart = false
		}
		switch {
		case d.Type == backlog.FinishToFinish || d.Type == backlog.StartToFinish:
			if gap >= 0 {
				e.warn(t, "%s link from %s (lag %d) written as SS with gap %d workdays (the same dates for fixed lengths)", d.Type.Short(), d.Task, d.Lag, gap)
			} else {
				e.warn(t, "%s link from %s (lag %d) written as SS with no gap: the equivalent gap %d is a lead, which TaskJuggler cannot hold", d.Type.Short(), d.Task, d.Lag, gap)
			}
		case gap < 0:
			e.warn(t, "lead of %d workdays on the %s link from %s dropped (TaskJuggler has no leads)", -gap, d.Type.Short(), d.Task)
		}
		gap = max(gap, 0)
		var o []string
		if onstart {
			o = append(o, "onstart")
		}
		if gap > 0 {
			o = append(o, fmt.Sprintf("gaplength %dd", gap))
		}
		line := "depends " + predID
		if len(o) > 0 {
			line += " { " + strings.Join(o, " ") + " }"
		}
		e.printf("%s  %s\n", indent, line)
	}
	if !t.Milestone && !e.opts.WithoutAllocations {
		var alloc []string
		for _, d := range t.ResolvedDemands() {
			if id, ok := e.res[d.ResourceID]; ok && d.ResourceID != "" && !contains(alloc, id) {
				alloc = append(alloc, id)
			}
		}
		if len(alloc) > 0 {
			e.printf("%s  allocate %s\n", indent, strings.Join(alloc, ", "))
		}
	}
	if !t.FinishNoLaterThan.IsZero() {
		e.printf("%s  # finish no later than %s\n", indent, t.FinishNoLaterThan)
	}
	e.printf("%s}\n", indent)
}

func contains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}
