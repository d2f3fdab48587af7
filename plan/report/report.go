package report

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/view"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/schedule"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// Section is a set of the report's sections.
type Section uint16

// The sections, in the order Write prints them.
const (
	// SectionRelease: the release, the calendar and the entry criterion.
	SectionRelease Section = 1 << iota
	// SectionActivity: the activity's state, roles and the status of the
	// six sub-activities.
	SectionActivity
	// SectionRequirements: requirements per group and category, and
	// traceability.
	SectionRequirements
	// SectionTasks: tasks, the schedule against the release date and the
	// critical chain.
	SectionTasks
	// SectionForecast: the Monte Carlo forecast.
	SectionForecast
	// SectionResources: resources, over-allocations and coverage gaps.
	SectionResources
	// SectionBudget: the budget by category.
	SectionBudget
	// SectionRisks: the top risks by exposure and the 5x5 matrix.
	SectionRisks
	// SectionIssues: open issues by priority and escalated ones.
	SectionIssues
	// SectionDecision: the latest go/no-go review.
	SectionDecision
	// SectionFindings: the exit criterion's findings by sub-activity.
	SectionFindings
	// SectionBaseline: the comparison with a baseline, when there is one.
	SectionBaseline
	// SectionReadiness: the launch readiness checklist by function and
	// the items that block a go, printed before the go/no-go review.
	SectionReadiness
	// SectionDeployment: the deployment waves with their windows,
	// criteria, rollback triggers and evaluations, the point of no
	// return, hypercare, and the operational communications (notices
	// with the workdays before their waves, customer waves without a
	// notice); printed after the issues.
	SectionDeployment

	// AllSections is every section.
	AllSections = SectionRelease | SectionActivity | SectionRequirements | SectionTasks | SectionForecast |
		SectionResources | SectionBudget | SectionRisks | SectionIssues | SectionDecision | SectionFindings | SectionBaseline |
		SectionReadiness | SectionDeployment
)

// Options tune Write. The zero value prints every section with the default
// checker, a forecast of plan's default iterations with seed 0, and the
// latest baseline.
type Options struct {
	// Checker judges the plan; nil means plan.DefaultChecker().
	Checker *plan.Checker
	// AsOf, when set, is the day the plan is judged on; it overrides the
	// checker's Policy.AsOf.
	AsOf calendar.Date
	// ForecastOptions tune the forecast: iterations, seed, workers.
	ForecastOptions plan.ForecastOptions
	// Sections selects the sections to print; zero means AllSections.
	Sections Section
	// TopRisks is the number of risks listed by exposure; zero means 5.
	TopRisks int
	// Baseline names the baseline to compare with; empty means the latest.
	Baseline string
	// View, when set, is the view of the plan to report on (a view of the
	// same plan, which may be built with view.Options.AllowInvalid); nil
	// means view.New(p, view.Options{AllowInvalid: true}): the report
	// shows what is wrong with a plan that does not validate.
	View *view.View
}

func (o Options) checker() plan.Checker {
	k := plan.DefaultChecker()
	if o.Checker != nil {
		k = *o.Checker
	}
	if !o.AsOf.IsZero() {
		k.Policy.AsOf = o.AsOf
	}
	return k
}

func (o Options) has(s Section) bool {
	if o.Sections == 0 {
		return true
	}
	return o.Sections&s != 0
}

// Write renders the summary of p to w, as the other renderers do
// (view.Write): the whole text in memory, then one write, nothing written
// on error. It returns the first error of the checker, of the forecast or
// of the write; it never changes p. The context cancels the checks and the
// forecast.
func Write(ctx context.Context, w io.Writer, p *plan.Plan, opts Options) error {
	return view.Write(ctx, w, p, opts, Marshal)
}

// Marshal returns the text Write writes.
func Marshal(ctx context.Context, p *plan.Plan, opts Options) ([]byte, error) {
	if p == nil {
		return nil, errors.New("report: nil plan")
	}
	v := opts.View
	if v == nil {
		var err error
		if v, err = view.New(p, view.Options{AllowInvalid: true}); err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
	}
	var out bytes.Buffer
	if err := write(ctx, &out, p, v, opts); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func write(ctx context.Context, w io.Writer, p *plan.Plan, v *view.View, opts Options) error {
	r := &writer{ctx: ctx, p: p, v: v, opts: opts, k: opts.checker(), out: w}
	r.tw = tabwriter.NewWriter(&r.buf, 0, 0, 2, ' ', 0)
	sections := []struct {
		s  Section
		fn func() error
	}{
		{SectionRelease, r.release},
		{SectionActivity, r.activity},
		{SectionRequirements, r.requirements},
		{SectionTasks, r.tasks},
		{SectionForecast, r.forecast},
		{SectionResources, r.resources},
		{SectionBudget, r.budget},
		{SectionRisks, r.risks},
		{SectionIssues, r.issues},
		{SectionDeployment, r.deployment},
		{SectionReadiness, r.readiness},
		{SectionDecision, r.decision},
		{SectionFindings, r.findings},
		{SectionBaseline, r.baseline},
	}
	first := true
	for _, s := range sections {
		if !opts.has(s.s) {
			continue
		}
		if !first {
			r.line("")
		}
		first = false
		if err := s.fn(); err != nil {
			return err
		}
		if err := r.flush(); err != nil {
			return err
		}
	}
	return r.flush()
}

// writer carries the state of one Write.
type writer struct {
	ctx  context.Context
	p    *plan.Plan
	v    *view.View
	opts Options
	k    plan.Checker
	tw   *tabwriter.Writer
	buf  bytes.Buffer
	out  io.Writer
	err  error

	exit *plan.GateResult
}

// line writes one line; cells are separated by tabs and aligned.
func (r *writer) line(format string, args ...any) {
	if r.err != nil {
		return
	}
	_, r.err = fmt.Fprintf(r.tw, format+"\n", args...)
}

// flush aligns the lines written so far and writes them out without
// trailing blanks.
func (r *writer) flush() error {
	if r.err == nil {
		r.err = r.tw.Flush()
	}
	if r.err != nil || r.buf.Len() == 0 {
		return r.err
	}
	var out bytes.Buffer
	for line := range bytes.Lines(r.buf.Bytes()) {
		out.Write(bytes.TrimRight(line, " \n"))
		out.WriteByte('\n')
	}
	r.buf.Reset()
	_, r.err = r.out.Write(out.Bytes())
	return r.err
}

func (r *writer) heading(title string) {
	r.line("%s", strings.ToUpper(title))
	r.line("%s", strings.Repeat("-", len(title)))
}

// schedule returns the view's schedule, computed once for every section.
func (r *writer) schedule() (*schedule.Result, error) {
	if r.v.ScheduleErr != nil {
		return nil, r.v.ScheduleErr
	}
	if r.v.Schedule == nil {
		return nil, errors.New("no tasks to schedule")
	}
	return r.v.Schedule, nil
}

func (r *writer) exitReport() (plan.GateResult, error) {
	if r.exit == nil {
		rep, err := r.k.Check(r.ctx, r.p, plan.Exit)
		if err != nil {
			return plan.GateResult{}, err
		}
		r.exit = &rep
	}
	return *r.exit, nil
}

func (r *writer) asOf() calendar.Date {
	if !r.k.Policy.AsOf.IsZero() {
		return r.k.Policy.AsOf
	}
	return r.p.Kickoff
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// release prints the release, the calendar and the entry criterion.
func (r *writer) release() error {
	p := r.p
	title := p.Title
	if title == "" {
		title = strings.TrimSpace(p.Release.Product + " " + p.Release.Version + " rollout and deployment plan")
	}
	r.line("%s", title)
	r.line("%s", strings.Repeat("=", len(title)))
	r.line("Plan:\t%s (revision %d)", p.ID, p.Revision)
	rel := fmt.Sprintf("%s %s", p.Release.Product, p.Release.Version)
	if !p.Release.Date.IsZero() {
		rel += fmt.Sprintf(", launch %s (%s)", p.Release.Date, p.Release.Date.Weekday())
	}
	if p.Release.Tier != "" {
		rel += ", tier " + p.Release.Tier
	}
	r.line("Release:\t%s", strings.TrimSpace(rel))
	cal := "standard (Monday to Friday)"
	if p.Calendar != nil {
		cal = p.Calendar.Name()
	}
	r.line("Kickoff:\t%s, calendar %s", orDash(p.Kickoff.String()), cal)
	if !p.Kickoff.IsZero() && !p.Release.Date.IsZero() {
		c := p.Calendar
		if c == nil {
			c = calendar.Standard()
		}
		r.line("Workdays:\t%d from kickoff to launch", c.WorkdaysBetween(p.Kickoff, p.Release.Date))
	}
	r.line("As of:\t%s", orDash(r.asOf().String()))
	entry, err := r.k.Check(r.ctx, p, plan.Entry)
	if err != nil {
		return err
	}
	verdict := "met"
	if !entry.Passed() {
		verdict = fmt.Sprintf("NOT MET (%s)", plural(len(entry.Blocking()), "blocking finding", "blocking findings"))
	}
	n := p.Notification
	if n.IsZero() {
		r.line("Entry criterion:\t%s: no notification that the project is committed to the release", verdict)
		return nil
	}
	r.line("Entry criterion:\t%s: committed to release %s on %s", verdict, orDash(n.Version), orDash(n.Date.String()))
	r.line("Notification:\t%s, %s, ref %s", orDash(n.From), n.At.UTC().Format("2006-01-02"), orDash(n.Reference))
	return nil
}

// activity prints the activity's state, roles and sub-activities.
func (r *writer) activity() error {
	r.heading("Activity: Create Rollout and Deployment Plan")
	r.line("State:\t%s", r.p.State)
	for _, ra := range r.p.Roles {
		r.line("%s:\t%s\t(%s)", ra.Role, orDash(strings.Join(ra.People, ", ")), orDash(ra.RACI.String()))
	}
	st, err := r.k.Status(r.ctx, r.p)
	if err != nil {
		return err
	}
	rep, err := r.exitReport()
	if err != nil {
		return err
	}
	r.line("")
	r.line("#\tSub-activity\tStatus\tFindings")
	for i, s := range plan.SubActivities() {
		r.line("%d\t%s\t%s\t%d", i+1, s.Title(), st[s], len(rep.For(s)))
	}
	return nil
}

// requirements prints the requirements per group and category, and the
// traceability.
func (r *writer) requirements() error {
	r.heading("Requirements")
	k := r.k
	cat := k.Policy.Catalogue
	if cat == nil {
		cat = backlog.DefaultCatalogue()
	}
	reqs := r.p.Backlog.Requirements()
	m := r.p.Backlog.Matrix()
	tasksOf := map[string]int{}
	for _, row := range m.Rows {
		tasksOf[row.Requirement] = len(row.Tasks)
	}
	type count struct{ reqs, tasks int }
	counts := map[backlog.Category]*count{}
	for _, q := range reqs {
		c := counts[q.Category]
		if c == nil {
			c = &count{}
			counts[q.Category] = c
		}
		c.reqs++
		c.tasks += tasksOf[q.ID]
	}
	waived := map[backlog.Category]string{}
	for _, w := range r.p.Waivers {
		waived[w.Category] = w.Reason
	}
	r.line("Group\tCategory\tRequirements\tTasks\tNote")
	listed := map[backlog.Category]bool{}
	for _, info := range cat.All() {
		listed[info.Category] = true
		c := counts[info.Category]
		note := ""
		switch {
		case c != nil:
		case waived[info.Category] != "":
			note = "waived: " + waived[info.Category]
		case info.Expected:
			note = "MISSING (expected)"
		default:
			note = "none planned"
		}
		var nr, nt int
		if c != nil {
			nr, nt = c.reqs, c.tasks
		}
		r.line("%s\t%s\t%d\t%d\t%s", info.Group, info.Title, nr, nt, note)
	}
	var other []backlog.Category
	for c := range counts {
		if !listed[c] {
			other = append(other, c)
		}
	}
	slices.Sort(other)
	for _, c := range other {
		r.line("%s\t%s\t%d\t%d\t%s", "-", c, counts[c].reqs, counts[c].tasks, "not in the catalogue")
	}
	traced, total := m.Coverage()
	r.line("")
	r.line("Traced:\t%d of %d requirements have tasks", traced, total)
	r.line("Untraced:\t%s", orDash(strings.Join(m.Untraced(), ", ")))
	var orphans []string
	for _, o := range m.Orphans {
		orphans = append(orphans, o.ID)
	}
	r.line("Tasks serving no requirement:\t%s", orDash(strings.Join(orphans, ", ")))
	return nil
}

// tasks prints the task counts, the schedule against the release date and
// the critical chain.
func (r *writer) tasks() error {
	r.heading("Tasks and schedule")
	tasks := r.p.Backlog.Tasks()
	var milestones, open, untracked, unassigned int
	states := map[workitem.State]int{}
	for _, t := range tasks {
		states[t.State]++
		if t.Milestone {
			milestones++
		}
		if t.IsOpen() {
			open++
		}
		if t.Tracker.IsZero() {
			untracked++
		}
		if t.Assignee == "" {
			unassigned++
		}
	}
	var st []string
	for _, s := range workitem.States() {
		if states[s] > 0 {
			st = append(st, fmt.Sprintf("%d %s", states[s], s))
		}
	}
	r.line("Tasks:\t%d (%s), %s; %d open", len(tasks), orDash(strings.Join(st, ", ")), plural(milestones, "milestone", "milestones"), open)
	r.line("Tracker:\t%d not entered, %d unassigned", untracked, unassigned)
	if len(tasks) == 0 {
		return nil
	}
	res, err := r.schedule()
	if err != nil {
		r.line("Schedule:\tcannot be scheduled: %v", err)
		return nil
	}
	rel := r.p.Release.Date
	r.line("Start:\t%s", res.Start())
	verdict := "meets the release date"
	if !res.MeetsDeadline() {
		verdict = "MISSES the release date"
	}
	r.line("Release work ready:\t%s, %s %s (slack %s)", res.Ready(), verdict, orDash(rel.String()), plural(res.Slack(), "workday", "workdays"))
	r.line("All work done:\t%s (post-launch work included)", res.Finish())
	chain := r.v.Chain
	if len(chain) == 0 {
		return nil
	}
	last := chain[len(chain)-1].ID
	r.line("")
	r.line("Critical chain to %s:", last)
	r.line("Task\tStart\tFinish\tFloat\tLink")
	for _, s := range chain {
		link := ""
		if s.Via != nil {
			link = fmt.Sprintf("%s from %s", s.Via.Type, s.Via.From)
			if s.Via.Lag != 0 {
				link += fmt.Sprintf(" lag %d", s.Via.Lag)
			}
		}
		if link == "" {
			link = "starts at the kickoff"
			if c, err := res.Driver(s.ID); err == nil {
				switch c.Kind {
				case schedule.CauseStartConstraint:
					link = "starts on its start-no-earlier-than date " + c.Date.String()
				case schedule.CauseRelease:
					link = "waits for the release date " + c.Date.String()
				}
			}
		}
		r.line("%s\t%s\t%s\t%d\t%s", s.ID, s.Start, s.Finish, s.TotalFloat, link)
	}
	work := r.v.ReleaseWork()
	if len(work) > 8 {
		work = work[:8]
	}
	r.line("")
	r.line("Release work with the least float:")
	r.line("Task\tStart\tFinish\tFloat\tFinish no later than")
	index := map[string]int{}
	for i, t := range tasks {
		index[t.ID] = i
	}
	for _, t := range work {
		fnlt := ""
		if i, ok := index[t.ID]; ok {
			fnlt = tasks[i].FinishNoLaterThan.String()
		}
		r.line("%s\t%s\t%s\t%d\t%s", t.ID, t.EarlyStart, t.EarlyFinish, t.TotalFloat, orDash(fnlt))
	}
	r.justInTime()
	return nil
}

// justInTime lists the tasks placed as late as possible (trainings, press
// releases: just in time for the launch) with the dates they are
// scheduled on, the latest first, and how early they could start.
func (r *writer) justInTime() {
	var late []view.Task
	for _, t := range r.v.Tasks {
		if t.Scheduled && t.Timing.Late {
			late = append(late, t)
		}
	}
	if len(late) == 0 {
		return
	}
	slices.SortStableFunc(late, func(a, b view.Task) int {
		return cmp.Or(b.Start().Compare(a.Start()), cmp.Compare(a.ID, b.ID))
	})
	const limit = 12
	r.line("")
	r.line("Just in time (as late as possible), %d tasks:", len(late))
	r.line("Task\tStart\tFinish\tEarliest start\tFloat")
	for _, t := range late[:min(limit, len(late))] {
		r.line("%s\t%s\t%s\t%s\t%d", t.ID, t.Start(), t.Finish(), t.Timing.EarlyStart, t.Timing.TotalFloat)
	}
}

// forecast prints the Monte Carlo forecast.
func (r *writer) forecast() error {
	r.heading("Forecast")
	if r.p.Backlog.NumTasks() == 0 {
		r.line("No tasks to forecast.")
		return nil
	}
	if _, err := r.schedule(); err != nil {
		r.line("Not possible: %v", err)
		return nil
	}
	res, err := r.p.Forecast(r.ctx, r.opts.ForecastOptions)
	if err != nil {
		return fmt.Errorf("report: forecast: %w", err)
	}
	r.line("Iterations:\t%d (seed %d, %s)", res.Iterations, res.Seed, res.Distribution)
	r.line("On time:\t%.1f%% meet every deadline (release date %s and each task's own date); %.1f%% ready by the release date", 100*res.OnTime, orDash(res.Deadline.String()), 100*res.ReadyByDeadline)
	r.line("Deterministic:\t%s", res.Deterministic)
	r.line("P50 / P80 / P95:\t%s / %s / %s", res.P50, res.P80, res.P95)
	r.line("Mean:\t%s (%.1f +/- %.1f workdays)", res.Mean, res.MeanWorkdays, res.StdDevWorkdays)
	drivers := res.Tornado(5)
	if len(drivers) == 0 {
		return nil
	}
	r.line("")
	r.line("Driver\tKind\tSwing (workdays)")
	for _, d := range drivers {
		r.line("%s\t%s\t%.1f", d.ID, d.Kind, d.Swing())
	}
	return nil
}

// resources prints the resources, over-allocations and coverage gaps.
func (r *writer) resources() error {
	r.heading("Resources and commitments")
	pool := r.v.Pool()
	kinds := map[resource.Kind]int{}
	for _, res := range pool.Resources {
		kinds[res.Kind]++
	}
	var ks []string
	for _, k := range resource.Kinds() {
		if kinds[k] > 0 {
			ks = append(ks, fmt.Sprintf("%d %s", kinds[k], k))
		}
	}
	r.line("Resources:\t%s", orDash(strings.Join(ks, ", ")))
	states := map[resource.CommitmentState]int{}
	for _, c := range pool.Commitments {
		states[c.State]++
	}
	var cs []string
	for _, s := range resource.CommitmentStates() {
		if states[s] > 0 {
			cs = append(cs, fmt.Sprintf("%d %s", states[s], s))
		}
	}
	r.line("Demands:\t%d", len(pool.Demands))
	r.line("Commitments:\t%d (%s)", len(pool.Commitments), orDash(strings.Join(cs, ", ")))
	rev := r.p.Revision
	load, err := pool.Load(calendar.Date{}, calendar.Date{})
	switch {
	case err != nil:
		r.line("Load:\tnot analysed: %v", err)
	case len(load.OverAllocations) == 0:
		r.line("Over-allocations:\tnone")
	default:
		r.line("Over-allocations:\t%d", len(load.OverAllocations))
		for i := range load.OverAllocations {
			r.line("  %s", load.OverAllocations[i].String())
		}
	}
	gaps := pool.Gaps(rev)
	if len(gaps) == 0 {
		r.line("Coverage gaps:\tnone (every demand committed against revision %d)", rev)
		return nil
	}
	r.line("Coverage gaps:\t%d against revision %d", len(gaps), rev)
	r.line("")
	r.line("Demand\tStatus\tRequired\tGap\tOpen\tStale\tOther revision")
	for _, g := range gaps {
		r.line("%s\t%s\t%s\t%s\t%s\t%s\t%s", g.DemandID, g.Status, g.Required, g.Gap,
			orDash(strings.Join(g.Open, ", ")), orDash(strings.Join(g.Stale, ", ")), orDash(strings.Join(g.OtherRevision, ", ")))
	}
	return nil
}

// budget prints the budget by category.
func (r *writer) budget() error {
	b := r.p.Resources.Budget
	r.heading("Budget")
	if b.IsZero() {
		r.line("No budget.")
		return nil
	}
	figs, err := b.ByCategory()
	if err != nil {
		r.line("Not summed: %v", err)
		return nil
	}
	tot, err := b.Totals()
	if err != nil {
		r.line("Not summed: %v", err)
		return nil
	}
	r.line("Currency:\t%s", b.Currency)
	r.line("Required is what the plan needs, committed what the program office committed, spent what was paid;")
	r.line("short of required is required minus committed; unspent is committed minus spent.")
	r.line("")
	rows := [][]string{{"Category", "Required", "Committed", "Short of required", "Spent", "Unspent of committed"}}
	for _, f := range append(figs, tot) {
		name := string(f.Category)
		if name == "" {
			name = "total"
		}
		short := "-"
		if funding, err := f.Funding(); err == nil && funding.IsNegative() {
			if gap, err := funding.Neg(); err == nil {
				short = gap.Grouped()
			}
		}
		unspent := "-"
		if rem, err := f.Remaining(); err == nil {
			unspent = orDash(rem.Grouped())
			if rem.IsNegative() {
				unspent += " OVERSPENT"
			}
		}
		rows = append(rows, []string{name, orDash(f.Required.Grouped()), orDash(f.Committed.Grouped()), short, orDash(f.Spent.Grouped()), unspent})
	}
	alignAmounts(rows)
	for _, row := range rows {
		r.line("%s", strings.Join(row, "\t"))
	}
	return nil
}

// alignAmounts right-aligns every column of rows but the first (the
// header row included), so that amounts line up on their last digit.
func alignAmounts(rows [][]string) {
	if len(rows) == 0 {
		return
	}
	for c := 1; c < len(rows[0]); c++ {
		width := 0
		for _, row := range rows {
			width = max(width, len(amountPart(row[c])))
		}
		for _, row := range rows {
			a := amountPart(row[c])
			row[c] = strings.Repeat(" ", width-len(a)) + row[c]
		}
	}
}

// amountPart is the part of a cell to align: the amount without a
// trailing flag.
func amountPart(cell string) string {
	if i := strings.Index(cell, " OVERSPENT"); i >= 0 {
		return cell[:i]
	}
	return cell
}

// risks prints the top risks by exposure and the matrix.
func (r *writer) risks() error {
	r.heading("Risks")
	log := r.p.Risks
	if log == nil || log.NumRisks() == 0 {
		r.line("No risks logged.")
		return nil
	}
	var threats, opps, open int
	for _, rk := range log.Risks() {
		if rk.Kind == risk.Opportunity {
			opps++
		} else {
			threats++
		}
		if rk.IsOpen() {
			open++
		}
	}
	asOf := r.asOf()
	r.line("Logged:\t%d (%s, %s), %d open", log.NumRisks(), plural(threats, "threat", "threats"), plural(opps, "opportunity", "opportunities"), open)
	if !asOf.IsZero() {
		var ids []string
		for _, rk := range log.DueForReview(asOf) {
			ids = append(ids, rk.ID)
		}
		r.line("Due for review by %s:\t%s", asOf, orDash(strings.Join(ids, ", ")))
	}
	n := r.opts.TopRisks
	if n <= 0 {
		n = 5
	}
	r.line("")
	r.line("Top %d by exposure:", n)
	r.line("ID\tKind\tCategory\tP%%\tImpact\tExposure\tDelay\tOwner\tReview\tTitle")
	for _, rk := range log.TopN(n, risk.OpenRisk) {
		delay := "-"
		if rk.ScheduleImpactWorkdays > 0 {
			delay = fmt.Sprintf("%dd", rk.ScheduleImpactWorkdays)
		}
		r.line("%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s", rk.ID, rk.Kind, orDash(string(rk.Category)), rk.Probability, rk.Impact,
			rk.Exposure(), delay, orDash(rk.Owner), orDash(rk.NextReview.String()), rk.Title)
	}
	m, err := log.Matrix(risk.MatrixSpec{}, risk.OpenRisk)
	if err != nil {
		return err
	}
	r.line("")
	r.line("Open risks by probability and impact (%d red, %d amber, %d green):", m.Count(risk.Red), m.Count(risk.Amber), m.Count(risk.Green))
	r.line("Probability\tImpact 1\tImpact 2\tImpact 3\tImpact 4\tImpact 5\t")
	for b := len(m.Cells); b >= 1; b-- {
		lo, hi := bandRange(m.Spec.Bands, b)
		cells := make([]string, 0, 5)
		for _, c := range m.Cells[b-1] {
			cells = append(cells, strings.TrimSpace(zoneWord(c.Zone)+" "+strings.Join(c.IDs, " ")))
		}
		r.line("%d-%d%%\t%s\t", lo, hi, strings.Join(cells, "\t"))
	}
	if len(m.Unassessed) > 0 {
		r.line("Not assessed:\t%s", strings.Join(m.Unassessed, " "))
	}
	return nil
}

// bandRange returns the probabilities (percent) of band b, 1 up.
func bandRange(bands []risk.Probability, b int) (lo, hi int) {
	lo, hi = 1, 99
	if b >= 2 && b-2 < len(bands) {
		lo = int(bands[b-2]) + 1
	}
	if b-1 < len(bands) {
		hi = int(bands[b-1])
	}
	return lo, hi
}

// zoneWord names a zone, red in capitals so that it stands out.
func zoneWord(z risk.Zone) string {
	if z == risk.Red {
		return "RED"
	}
	return z.String()
}

// issues prints the open issues by priority and the escalated ones.
func (r *writer) issues() error {
	r.heading("Issues")
	log := r.p.Risks
	if log == nil || log.NumIssues() == 0 {
		r.line("No issues logged.")
		return nil
	}
	asOf := r.asOf()
	open := log.OpenIssuesByPriority()
	r.line("Logged:\t%d, %d open, %d escalated, %d overdue", log.NumIssues(), len(open), len(log.EscalatedIssues()), len(log.OverdueIssues(asOf)))
	if len(open) == 0 {
		return nil
	}
	r.line("")
	r.line("ID\tPriority\tState\tTarget\tOwner\tEscalated\tBlocks\tTitle")
	for _, is := range open {
		esc := "-"
		if is.Escalation.Escalated {
			esc = "to " + orDash(is.Escalation.To)
			if !is.Escalation.On.IsZero() {
				esc += " on " + is.Escalation.On.String()
			}
		}
		target := orDash(is.TargetResolve.String())
		if !asOf.IsZero() && is.IsOverdue(asOf) {
			target += " OVERDUE"
		}
		r.line("%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s", is.ID, is.Priority, is.State, target, orDash(is.Owner), esc, blocks(is.Blocks), is.Title)
	}
	return nil
}

func blocks(b risk.Blocks) string {
	var parts []string
	if b.Launch {
		parts = append(parts, "LAUNCH")
	}
	parts = append(parts, b.MilestoneIDs...)
	parts = append(parts, b.TaskIDs...)
	parts = append(parts, b.RequirementIDs...)
	return orDash(strings.Join(parts, ", "))
}

// decision prints the latest go/no-go review.
func (r *writer) decision() error {
	r.heading("Go/no-go")
	d, current, ok := r.p.LaunchDecision()
	if !ok {
		r.line("No review held yet.")
		return nil
	}
	when := "current revision"
	if !current {
		when = fmt.Sprintf("revision %d, no longer current", d.Revision)
	}
	r.line("Review:\t%s on %s (%s)", d.ID, d.Date.UTC().Format("2006-01-02"), when)
	r.line("Outcome:\t%s", d.Outcome())
	r.line("")
	r.line("Approver\tRole\tVote\tNote")
	for _, b := range d.Ballots {
		vote := b.Vote.String()
		if vote == "" {
			vote = "not voted"
		}
		r.line("%s\t%s\t%s\t%s", b.Approver, b.Role, vote, orDash(b.Note))
	}
	return nil
}

// findings prints the exit criterion's findings by sub-activity.
func (r *writer) findings() error {
	r.heading("Exit criterion: a plan detailing all the activities required for a successful launch")
	rep, err := r.exitReport()
	if err != nil {
		return err
	}
	verdict := "MET"
	if !rep.Passed() {
		verdict = "NOT MET"
	}
	r.line("Result:\t%s: %d finding(s), %d blocking, %d rules run", verdict, len(rep.Findings), len(rep.Blocking()), len(rep.Rules))
	subs := append([]plan.SubActivity{plan.WholeActivity}, plan.SubActivities()...)
	for _, s := range subs {
		fs := rep.For(s)
		if len(fs) == 0 {
			continue
		}
		r.line("")
		r.line("%s:", s.Title())
		slices.SortStableFunc(fs, func(a, b plan.Finding) int {
			return cmp.Or(cmp.Compare(severityRank(a.Severity), severityRank(b.Severity)), cmp.Compare(a.Code, b.Code), cmp.Compare(a.Path.String(), b.Path.String()))
		})
		for _, f := range fs {
			r.line("  %s\t%s\t%s\t%s", f.Severity, f.Code, f.Path, f.Message)
		}
	}
	return nil
}

func severityRank(s validation.Severity) int {
	if s == validation.Error {
		return 0
	}
	return 1
}

// baseline prints the comparison with a baseline.
func (r *writer) baseline() error {
	r.heading("Baseline comparison")
	if len(r.p.Baselines) == 0 {
		r.line("No baseline taken.")
		return nil
	}
	name := r.opts.Baseline
	if name == "" {
		name = r.p.Baselines[len(r.p.Baselines)-1].Name
	}
	b, ok := r.p.Baseline(name)
	if !ok {
		return fmt.Errorf("report: baseline %q: %w", name, plan.ErrNoBaseline)
	}
	c, err := r.p.CompareWithBaseline(name)
	if err != nil {
		return err
	}
	r.line("Baseline:\t%s (revision %d, %s, by %s)", b.Name, b.Revision, b.At.UTC().Format("2006-01-02"), orDash(b.By))
	r.line("Changes:\t%d", len(c.Differences))
	for _, ch := range c.Differences {
		r.line("  %s", ch.String())
	}
	if c.ScheduleError != "" {
		r.line("Schedule variance:\tnot computed: %s", c.ScheduleError)
		return nil
	}
	if len(c.Variances) == 0 {
		r.line("Schedule variance:\tnone")
		return nil
	}
	r.line("")
	r.line("Task\tChange\tBaseline finish\tFinish\tVariance (workdays)")
	for _, v := range c.Variances {
		r.line("%s\t%s\t%s\t%s\t%+d", v.TaskID, v.Kind, orDash(v.BaselineFinish.String()), orDash(v.Finish.String()), v.FinishVariance)
	}
	return nil
}
