package mspdi

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/view"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/schedule"
)

// Namespace is the XML namespace of the documents Write writes: the one
// Microsoft Project writes and reads.
const Namespace = "http://schemas.microsoft.com/project"

// Options tune Write. The zero value exports the plan with its latest
// baseline.
type Options struct {
	// Baseline names the baseline written as MS Project's baseline 0;
	// empty means the latest one, "-" means none.
	Baseline string
	// View, when set, is the view of the plan to export (a view of the
	// same plan); nil means view.New(p, view.Options{}).
	View *view.View
}

// The link types of MSPDI's PredecessorLink/Type.
var linkType = map[backlog.DependencyType]int{
	backlog.FinishToFinish: 0,
	backlog.FinishToStart:  1,
	backlog.StartToFinish:  2,
	backlog.StartToStart:   3,
}

// MSPDI codes.
const (
	constraintSNET  = 4
	formatDays      = 7
	resourceMater   = 0
	resourceWork    = 1
	resourceCost    = 2
	saveVersion2007 = 12
)

// Write writes the plan to w as an MS Project XML (MSPDI) document:
// requirements as summary tasks with their tasks beneath, durations,
// start-no-earlier-than constraints and finish-no-later-than deadlines,
// predecessor links of all four types with lags and leads, resources with
// their calendars and absences, assignments from the task demands that
// name a resource, the plan's calendar with its holidays and freeze
// windows, and a baseline. A plan that does not validate or cannot be
// scheduled gets an error and nothing is written.
func Write(ctx context.Context, w io.Writer, p *plan.Plan, opts Options) error {
	return view.Write(ctx, w, p, opts, Marshal)
}

// Marshal returns the MSPDI document Write writes.
func Marshal(ctx context.Context, p *plan.Plan, opts Options) ([]byte, error) {
	v, err := view.Use("mspdi", p, opts.View)
	if err != nil {
		return nil, err
	}
	base, err := baseline(v.Plan, opts.Baseline)
	if err != nil {
		return nil, err
	}
	e := &encoder{v: v, hours: hoursPerDay(v.Calendar), base: base, scratch: make([]byte, 0, 64)}
	e.endOfDay = e.endTime()
	if err := e.document(ctx); err != nil {
		return nil, err
	}
	return e.buf.Bytes(), nil
}

// baseline schedules the named baseline (latest when empty).
func baseline(p *plan.Plan, name string) (map[string]schedule.Timing, error) {
	if name == "-" || (name == "" && len(p.Baselines) == 0) {
		return nil, nil
	}
	if name == "" {
		name = p.Baselines[len(p.Baselines)-1].Name
	}
	b, ok := p.Baseline(name)
	if !ok {
		return nil, fmt.Errorf("mspdi: baseline %q: %w", name, plan.ErrNoBaseline)
	}
	bp, err := b.Plan()
	if err != nil {
		return nil, fmt.Errorf("mspdi: baseline %q: %w", name, err)
	}
	res, err := bp.Schedule()
	if err != nil {
		// A baseline that no longer schedules is left out, not an error
		// of the current plan.
		return nil, nil
	}
	out := make(map[string]schedule.Timing, len(res.Timings()))
	for _, t := range res.Timings() {
		out[t.ID] = t
	}
	return out, nil
}

func hoursPerDay(c *calendar.Calendar) float64 {
	h := c.Spec().HoursPerDay
	if h <= 0 {
		return 8
	}
	return h
}

type encoder struct {
	v     *view.View
	buf   bytes.Buffer
	hours float64
	base  map[string]schedule.Timing
	uids  map[string]int // task ID -> UID
	cals  map[string]int // pool calendar name -> UID
	depth int

	scratch  []byte
	endOfDay string
}

func (e *encoder) open(name string) {
	e.indent()
	e.buf.WriteByte('<')
	e.buf.WriteString(name)
	e.buf.WriteString(">\n")
	e.depth++
}

func (e *encoder) close(name string) {
	e.depth--
	e.indent()
	e.buf.WriteString("</")
	e.buf.WriteString(name)
	e.buf.WriteString(">\n")
}

func (e *encoder) indent() {
	for range e.depth {
		e.buf.WriteString("  ")
	}
}

// el writes <name>text</name> with text escaped.
func (e *encoder) el(name, text string) {
	e.indent()
	e.buf.WriteByte('<')
	e.buf.WriteString(name)
	e.buf.WriteByte('>')
	_ = xml.EscapeText(&e.buf, []byte(text))
	e.buf.WriteString("</")
	e.buf.WriteString(name)
	e.buf.WriteString(">\n")
}

// raw writes <name>text</name> with text that needs no escaping.
func (e *encoder) raw(name string, text []byte) {
	e.indent()
	e.buf.WriteByte('<')
	e.buf.WriteString(name)
	e.buf.WriteByte('>')
	e.buf.Write(text)
	e.buf.WriteString("</")
	e.buf.WriteString(name)
	e.buf.WriteString(">\n")
}

func (e *encoder) int(name string, n int) {
	e.raw(name, strconv.AppendInt(e.scratch[:0], int64(n), 10))
}

// startEl and finishEl write a day's start or end of work as a
// date-time.
func (e *encoder) startEl(name string, d calendar.Date) {
	b, _ := d.AppendText(e.scratch[:0])
	e.raw(name, append(b, "T08:00:00"...))
}

func (e *encoder) finishEl(name string, d calendar.Date) {
	b, _ := d.AppendText(e.scratch[:0])
	b = append(b, 'T')
	e.raw(name, append(b, e.endOfDay...))
}

// durationEl writes a number of workdays as an ISO 8601 duration.
func (e *encoder) durationEl(name string, days float64) {
	minutes := int64(math.Round(days * e.hours * 60))
	b := append(e.scratch[:0], "PT"...)
	b = strconv.AppendInt(b, minutes/60, 10)
	b = append(b, 'H')
	b = strconv.AppendInt(b, minutes%60, 10)
	e.raw(name, append(b, "M0S"...))
}

func (e *encoder) bool(name string, b bool) {
	if b {
		e.raw(name, []byte{'1'})
	} else {
		e.raw(name, []byte{'0'})
	}
}

// endTime is the end of a workday: 08:00 plus the calendar's hours and
// the lunch hour between the two working periods.
func (e *encoder) endTime() string {
	end := 8*60 + int(math.Round(e.hours*60))
	if e.hours > 4 {
		end += 60
	}
	end = min(end, 24*60-1)
	return fmt.Sprintf("%02d:%02d:00", end/60, end%60)
}

func (e *encoder) document(ctx context.Context) error {
	v := e.v
	p := v.Plan
	e.buf.Grow(1200 * (len(v.Tasks) + len(v.Requirements) + 8))
	e.buf.WriteString(xml.Header)
	e.buf.WriteString(`<Project xmlns="` + Namespace + `">` + "\n")
	e.depth = 1
	e.int("SaveVersion", saveVersion2007)
	e.el("Name", p.ID+".xml")
	title := p.Title
	if title == "" {
		title = p.Release.Product + " " + p.Release.Version + " rollout and deployment plan"
	}
	e.el("Title", title)
	if len(p.Roles) > 0 {
		for _, r := range p.Roles {
			if r.Role == plan.ReleaseManager && len(r.People) > 0 {
				e.el("Manager", r.People[0])
			}
		}
	}
	e.int("Revision", p.Revision)
	e.bool("ScheduleFromStart", !p.Kickoff.IsZero())
	e.startEl("StartDate", v.Start())
	e.finishEl("FinishDate", v.Finish())
	cur := p.Resources.Budget.Currency.String()
	if cur == "" {
		cur = "USD"
	}
	e.el("CurrencyCode", cur)
	e.int("CalendarUID", 1)
	e.el("DefaultStartTime", "08:00:00")
	e.int("MinutesPerDay", int(math.Round(e.hours*60)))
	workdays := 0
	spec := v.Calendar.Spec()
	for d := time.Sunday; d <= time.Saturday; d++ {
		if spec.Workweek&(1<<d) != 0 {
			workdays++
		}
	}
	e.int("MinutesPerWeek", int(math.Round(e.hours*60))*workdays)
	e.int("DaysPerMonth", 20)
	e.int("DurationFormat", formatDays)
	e.bool("HonorConstraints", true)
	e.bool("MultipleCriticalPaths", true)
	if err := ctx.Err(); err != nil {
		return err
	}
	e.calendars()
	if err := e.tasks(ctx); err != nil {
		return err
	}
	resUIDs := e.resources()
	e.assignments(resUIDs)
	e.depth = 0
	e.buf.WriteString("</Project>\n")
	return nil
}

// calendars writes the plan's calendar (UID 1), the pool's calendars and
// one resource calendar per person, facility and equipment.
func (e *encoder) calendars() {
	v := e.v
	e.open("Calendars")
	e.calendar(1, v.Calendar.Name(), v.Calendar.Spec(), true, 0, nil)
	e.cals = map[string]int{}
	uid := 2
	for _, c := range v.Plan.Resources.Calendars {
		if c == nil {
			continue
		}
		if _, dup := e.cals[c.Name()]; dup {
			continue
		}
		e.cals[c.Name()] = uid
		e.calendar(uid, c.Name(), c.Spec(), true, 0, nil)
		uid++
	}
	for _, r := range v.Plan.Resources.Resources {
		if r.Kind == resource.KindMoney {
			continue
		}
		base := 1
		if u, ok := e.cals[r.Calendar]; ok && r.Calendar != "" {
			base = u
		}
		e.calendar(uid, r.Name, calendar.Spec{}, false, base, r.Absences)
		uid++
	}
	e.close("Calendars")
}

// calendar writes one calendar: a base calendar with its week, holidays
// and freezes, or a resource calendar on a base with its absences.
func (e *encoder) calendar(uid int, name string, spec calendar.Spec, isBase bool, base int, absences []resource.Absence) {
	e.open("Calendar")
	e.int("UID", uid)
	e.el("Name", name)
	e.bool("IsBaseCalendar", isBase)
	if !isBase {
		e.int("BaseCalendarUID", base)
	}
	if isBase {
		e.open("WeekDays")
		for d := time.Sunday; d <= time.Saturday; d++ {
			e.open("WeekDay")
			e.int("DayType", int(d)+1)
			working := spec.Workweek&(1<<d) != 0
			e.bool("DayWorking", working)
			if working {
				e.open("WorkingTimes")
				if e.hours > 4 {
					e.open("WorkingTime")
					e.el("FromTime", "08:00:00")
					e.el("ToTime", "12:00:00")
					e.close("WorkingTime")
					e.open("WorkingTime")
					e.el("FromTime", "13:00:00")
					e.el("ToTime", e.endTime())
					e.close("WorkingTime")
				} else {
					e.open("WorkingTime")
					e.el("FromTime", "08:00:00")
					e.el("ToTime", e.endTime())
					e.close("WorkingTime")
				}
				e.close("WorkingTimes")
			}
			e.close("WeekDay")
		}
		e.close("WeekDays")
	}
	type exc struct {
		name     string
		from, to calendar.Date
	}
	var ex []exc
	for _, h := range spec.Holidays {
		ex = append(ex, exc{h.Name, h.Date, h.Last()})
	}
	for _, f := range spec.Freezes {
		ex = append(ex, exc{"Freeze: " + f.Name, f.From, f.Through})
	}
	for _, a := range absences {
		to := a.To
		if to.IsZero() {
			to = a.From
		}
		ex = append(ex, exc{a.Reason, a.From, to})
	}
	if len(ex) > 0 {
		e.open("Exceptions")
		for _, x := range ex {
			e.open("Exception")
			e.bool("EnteredByOccurrences", false)
			e.open("TimePeriod")
			e.el("FromDate", x.from.String()+"T00:00:00")
			e.el("ToDate", x.to.String()+"T23:59:00")
			e.close("TimePeriod")
			e.int("Occurrences", 1)
			if x.name != "" {
				e.el("Name", x.name)
			}
			e.int("Type", 1)
			e.bool("DayWorking", false)
			e.close("Exception")
		}
		e.close("Exceptions")
	}
	e.close("Calendar")
}

// tasks writes the requirements as summary tasks (outline level 1) with
// their tasks beneath (level 2), then the tasks that serve no
// requirement at level 1.
func (e *encoder) tasks(ctx context.Context) error {
	v := e.v
	e.uids = make(map[string]int, len(v.Tasks)+len(v.Requirements))
	uid := 1
	for _, r := range v.Requirements {
		for _, i := range r.Tasks {
			if v.Tasks[i].Scheduled {
				e.uids["\x00"+r.ID] = uid
				uid++
				break
			}
		}
	}
	for _, t := range v.Tasks {
		if t.Scheduled {
			e.uids[t.ID] = uid
			uid++
		}
	}
	// The deployment waves group their tasks (deploy, soak, evaluate,
	// gate) under a summary of their own within their requirement; their
	// UIDs follow the tasks', so that the others keep theirs.
	waves := v.Rollout().Waves
	waveOf := make(map[int]int)
	for k, w := range waves {
		// A wave is grouped when its tasks serve one requirement, as the
		// waves' tasks do (deployment.Plan.Tasks).
		if len(w.Tasks) == 0 || v.Tasks[w.Tasks[0]].Requirement == "" ||
			slices.ContainsFunc(w.Tasks, func(i int) bool { return v.Tasks[i].Requirement != v.Tasks[w.Tasks[0]].Requirement }) {
			continue
		}
		e.uids["\x00wave/"+w.ID] = uid
		uid++
		for _, i := range w.Tasks {
			waveOf[i] = k
		}
	}
	e.open("Tasks")
	id, outline := 1, 0
	for _, r := range v.Requirements {
		var scheduled []int
		for _, i := range r.Tasks {
			if v.Tasks[i].Scheduled {
				scheduled = append(scheduled, i)
			}
		}
		if len(scheduled) == 0 {
			continue
		}
		outline++
		e.summary(e.uids["\x00"+r.ID], id, strconv.Itoa(outline), 1, r.ID+": "+r.Title, r.Start, r.Finish, r.Description)
		id++
		k, grouped := 0, map[int]bool{}
		for _, i := range scheduled {
			if id%512 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			wk, inWave := waveOf[i]
			if inWave && grouped[wk] {
				continue
			}
			k++
			num := fmt.Sprintf("%d.%d", outline, k)
			if !inWave {
				e.task(id, num, 2, v.Tasks[i])
				id++
				continue
			}
			grouped[wk] = true
			w := waves[wk]
			e.summary(e.uids["\x00wave/"+w.ID], id, num, 2, w.ID+": "+w.Name, w.Start, w.Gate, "Wave "+w.ID+" ("+string(w.Ring)+") to "+w.Audience.String())
			id++
			j := 0
			for _, t := range w.Tasks {
				if v.Tasks[t].Requirement != r.ID {
					continue
				}
				j++
				e.task(id, fmt.Sprintf("%s.%d", num, j), 3, v.Tasks[t])
				id++
			}
		}
	}
	for _, t := range v.Tasks {
		if _, under := e.uids["\x00"+t.Requirement]; !t.Scheduled || under {
			continue
		}
		outline++
		e.task(id, strconv.Itoa(outline), 1, t)
		id++
	}
	e.close("Tasks")
	return nil
}

// summary writes a summary task: a requirement (level 1) or a deployment
// wave within its requirement (level 2).
func (e *encoder) summary(uid, id int, outline string, level int, name string, start, finish calendar.Date, notes string) {
	e.open("Task")
	e.int("UID", uid)
	e.int("ID", id)
	e.el("Name", name)
	e.int("Type", 1)
	e.el("WBS", outline)
	e.el("OutlineNumber", outline)
	e.int("OutlineLevel", level)
	e.startEl("Start", start)
	e.finishEl("Finish", finish)
	days := e.v.Calendar.WorkdaysBetween(start, finish) + 1
	e.durationEl("Duration", float64(days))
	e.int("DurationFormat", formatDays)
	e.bool("Milestone", false)
	e.bool("Summary", true)
	if notes != "" {
		e.el("Notes", notes)
	}
	e.close("Task")
}

func (e *encoder) task(id int, outline string, level int, t view.Task) {
	e.open("Task")
	e.int("UID", e.uids[t.ID])
	e.int("ID", id)
	e.el("Name", t.ID+": "+t.Title)
	e.int("Type", 1) // fixed duration: the plan's durations are the estimates
	e.el("WBS", outline)
	e.el("OutlineNumber", outline)
	e.int("OutlineLevel", level)
	tm := t.Timing
	if t.Milestone {
		e.finishEl("Start", t.Finish())
	} else {
		e.startEl("Start", t.Start())
	}
	e.finishEl("Finish", t.Finish())
	e.durationEl("Duration", float64(tm.Duration))
	e.int("DurationFormat", formatDays)
	e.bool("Milestone", t.Milestone)
	e.bool("Summary", false)
	e.bool("Critical", tm.Critical)
	e.startEl("EarlyStart", tm.EarlyStart)
	e.finishEl("EarlyFinish", tm.EarlyFinish)
	e.startEl("LateStart", tm.LateStart)
	e.finishEl("LateFinish", tm.LateFinish)
	// Slack is in tenths of a minute.
	e.int("FreeSlack", tm.FreeFloat*int(math.Round(e.hours*600)))
	e.int("TotalSlack", tm.TotalFloat*int(math.Round(e.hours*600)))
	if !t.StartNoEarlierThan.IsZero() {
		e.int("ConstraintType", constraintSNET)
		e.startEl("ConstraintDate", t.StartNoEarlierThan)
	} else {
		e.int("ConstraintType", 0)
	}
	if !t.FinishNoLaterThan.IsZero() {
		e.finishEl("Deadline", t.FinishNoLaterThan)
	}
	if t.Description != "" {
		e.el("Notes", t.Description)
	}
	for _, d := range t.Dependencies {
		pred, ok := e.uids[d.Task]
		if !ok {
			continue
		}
		e.open("PredecessorLink")
		e.int("PredecessorUID", pred)
		e.int("Type", linkType[d.Type])
		e.int("LinkLag", d.Lag*int(math.Round(e.hours*600)))
		e.int("LagFormat", formatDays)
		e.close("PredecessorLink")
	}
	if b, ok := e.base[t.ID]; ok {
		e.open("Baseline")
		e.int("Number", 0)
		e.startEl("Start", b.EarlyStart)
		e.finishEl("Finish", b.EarlyFinish)
		e.durationEl("Duration", float64(b.Duration))
		e.int("DurationFormat", formatDays)
		e.close("Baseline")
	}
	e.close("Task")
}

// resources writes the pool's resources and returns their UIDs by ID.
func (e *encoder) resources() map[string]int {
	pool := e.v.Plan.Resources
	uids := make(map[string]int, len(pool.Resources))
	e.open("Resources")
	calUID := 2 + len(e.cals)
	for i, r := range pool.Resources {
		uid := i + 1
		uids[r.ID] = uid
		e.open("Resource")
		e.int("UID", uid)
		e.int("ID", uid)
		e.el("Name", r.Name)
		typ := resourceWork
		switch r.Kind {
		case resource.KindEquipment:
			typ = resourceMater
		case resource.KindMoney:
			typ = resourceCost
		}
		e.int("Type", typ)
		if r.Role != "" {
			e.el("Group", r.Role)
		}
		if typ == resourceMater {
			e.el("MaterialLabel", "units")
		}
		if typ != resourceCost {
			units := 1.0
			if r.Kind == resource.KindPerson && r.HoursPerDay > 0 {
				units = r.HoursPerDay / e.hours
			} else if r.Kind != resource.KindPerson && r.Capacity > 0 {
				units = r.Capacity
			}
			e.el("MaxUnits", strconv.FormatFloat(units, 'f', -1, 64))
			e.int("CalendarUID", calUID)
			calUID++
		}
		if r.Note != "" {
			e.el("Notes", r.Note)
		}
		if typ == resourceCost {
			e.bool("IsCostResource", true)
		}
		e.close("Resource")
	}
	e.close("Resources")
	return uids
}

// assignments writes one assignment per task demand that names a
// resource.
func (e *encoder) assignments(resUIDs map[string]int) {
	e.open("Assignments")
	uid := 1
	for _, t := range e.v.Tasks {
		tuid, ok := e.uids[t.ID]
		if !ok {
			continue
		}
		for _, d := range t.ResolvedDemands() {
			ruid, ok := resUIDs[d.ResourceID]
			if !ok || d.ResourceID == "" || d.Quantity.Unit == resource.UnitMoney {
				continue
			}
			e.open("Assignment")
			e.int("UID", uid)
			e.int("TaskUID", tuid)
			e.int("ResourceUID", ruid)
			e.finishEl("Finish", t.Finish())
			e.startEl("Start", t.Start())
			units := 1.0
			switch d.Quantity.Unit {
			case resource.UnitHours:
				if days := float64(max(t.Timing.Duration, 1)); days > 0 {
					units = d.Quantity.Value / (days * e.hours)
				}
				e.el("Units", strconv.FormatFloat(math.Round(units*1000)/1000, 'f', -1, 64))
				e.durationEl("Work", d.Quantity.Value/e.hours)
			default:
				e.el("Units", strconv.FormatFloat(d.Quantity.Value, 'f', -1, 64))
			}
			e.close("Assignment")
			uid++
		}
	}
	e.close("Assignments")
}
