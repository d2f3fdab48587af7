package markdown

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/view"
	"github.com/rolloutkit/rollout/risk"
)

// Options tune Write. The zero value draws every task of plans of up to
// 300 tasks and one bar per requirement beyond.
type Options struct {
	// GanttTasks is the most tasks drawn one by one in the Gantt chart;
	// a larger plan is drawn with one bar per requirement. Zero means 300.
	GanttTasks int
	// TopRisks is the number of risks listed by exposure; zero means 10.
	TopRisks int
	// AsOf is the day readiness items past their due date are flagged
	// overdue on; zero means the day of the plan's latest recorded
	// event, or else its kickoff (nothing here reads the clock).
	AsOf calendar.Date
	// View, when set, is the view of the plan to render (a view of the
	// same plan); nil means view.New(p, view.Options{}).
	View *view.View
}

// Write renders the plan to w as one Markdown page with Mermaid
// diagrams. A plan that does not validate or cannot be scheduled gets an
// error and nothing is written: the page is built in memory and written
// with one call.
func Write(ctx context.Context, w io.Writer, p *plan.Plan, opts Options) error {
	return view.Write(ctx, w, p, opts, Marshal)
}

// Marshal returns the page Write writes.
func Marshal(ctx context.Context, p *plan.Plan, opts Options) ([]byte, error) {
	v, err := view.Use("markdown", p, opts.View)
	if err != nil {
		return nil, err
	}
	if opts.GanttTasks <= 0 {
		opts.GanttTasks = 300
	}
	if opts.TopRisks <= 0 {
		opts.TopRisks = 10
	}
	if opts.AsOf.IsZero() {
		opts.AsOf = cmp.Or(v.LatestEvent(), v.Plan.Kickoff)
	}
	m := &page{v: v, opts: opts, ro: v.Rollout()}
	m.header()
	if err := m.gantt(ctx); err != nil {
		return nil, err
	}
	m.chain()
	m.events()
	m.rollout(m.ro)
	m.budget()
	if err := m.risks(); err != nil {
		return nil, err
	}
	m.issues()
	return m.buf.Bytes(), nil
}

type page struct {
	v    *view.View
	opts Options
	ro   view.Rollout
	buf  bytes.Buffer
}

func (m *page) printf(format string, args ...any) { fmt.Fprintf(&m.buf, format, args...) }

// row writes one table row, escaping the cells.
func (m *page) row(cells ...string) {
	m.buf.WriteString("|")
	for _, c := range cells {
		m.buf.WriteByte(' ')
		m.buf.WriteString(Cell(c))
		m.buf.WriteString(" |")
	}
	m.buf.WriteByte('\n')
}

// head writes a table's header row and its alignment row; a column whose
// name starts with '>' is right-aligned.
func (m *page) head(cols ...string) {
	names := make([]string, len(cols))
	align := make([]string, len(cols))
	for i, c := range cols {
		names[i] = strings.TrimPrefix(c, ">")
		align[i] = "---"
		if strings.HasPrefix(c, ">") {
			align[i] = "--:"
		}
	}
	m.row(names...)
	m.buf.WriteString("|" + strings.Join(align, "|") + "|\n")
}

// Cell escapes text for a Markdown table cell: pipes and backslashes are
// escaped, line breaks become spaces, and an empty cell shows a dash.
func Cell(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return cellEscaper.Replace(s)
}

// cellEscaper and mermaidEscaper are built once; a strings.Replacer is
// immutable and safe for concurrent use (building one per cell cost more
// than the rest of the page).
var (
	cellEscaper    = strings.NewReplacer(`\`, `\\`, "|", `\|`, "\r\n", " ", "\n", " ", "\r", " ", "<", "&lt;", ">", "&gt;")
	mermaidEscaper = strings.NewReplacer(":", " -", "#", "no.", ";", ",", "\r", " ", "\n", " ", "%%", "%")
)

func (m *page) header() {
	p := m.v.Plan
	title := p.Title
	if title == "" {
		title = strings.TrimSpace(p.Release.Product + " " + p.Release.Version + " rollout and deployment plan")
	}
	m.printf("# %s\n\n", Cell(title))
	m.head("Plan", fmt.Sprintf("%s (revision %d)", p.ID, p.Revision))
	m.row("Release", fmt.Sprintf("%s %s, launch %s (%s)", p.Release.Product, p.Release.Version, p.Release.Date, p.Release.Date.Weekday()))
	m.row("Calendar", m.v.Calendar.Name())
	s := m.v.Schedule
	if s != nil {
		m.row("Schedule", fmt.Sprintf("%s to %s (post-launch work included)", s.Start(), s.Finish()))
		verdict := "meets the release date"
		if !s.MeetsDeadline() {
			verdict = "**misses the release date**"
		}
		m.row("Release work ready", fmt.Sprintf("%s, %s (slack %d workdays)", s.Ready(), verdict, s.Slack()))
	}
	m.row("Tasks", fmt.Sprintf("%d tasks serving %d requirements, %d links", len(m.v.Tasks), len(m.v.Requirements), len(m.v.Links)))
	m.printf("\n")
}

// mermaidText makes s safe as a Mermaid Gantt task or section name: no
// colon, hash or semicolon (Mermaid's separators and comments), on one
// line.
func mermaidText(s string) string {
	s = strings.TrimSpace(mermaidEscaper.Replace(s))
	if s == "" {
		return "untitled"
	}
	return s
}

// gantt draws the schedule: one section per requirement with its tasks
// (critical chain marked crit, milestones as milestones), and the
// release date as a milestone of its own section.
func (m *page) gantt(ctx context.Context) error {
	v := m.v
	m.printf("## Schedule\n\n")
	m.printf("Critical tasks (on the chain that drives the release) are marked; the release date is the last section.\n\n")
	m.printf("```mermaid\ngantt\n")
	m.printf("    title %s\n", mermaidText(v.Plan.Release.Product+" "+v.Plan.Release.Version+" rollout"))
	m.printf("    dateFormat YYYY-MM-DD\n")
	m.printf("    axisFormat %%d %%b\n")
	if ex := excludes(v.Calendar); ex != "" {
		m.printf("    excludes %s\n", ex)
	}
	perTask := len(v.Tasks) <= m.opts.GanttTasks
	n := 0
	bar := func(name, tags string, start, finish calendar.Date, milestone bool) {
		n++
		if tags != "" {
			tags += ", "
		}
		if milestone {
			m.printf("    %s :%smilestone, b%d, %s, 0d\n", mermaidText(name), tags, n, start)
			return
		}
		// Mermaid's end date is exclusive.
		m.printf("    %s :%sb%d, %s, %s\n", mermaidText(name), tags, n, start, finish.AddDays(1))
	}
	// The waves' tasks are drawn in sections of their own.
	inWave := make(map[int]bool)
	for _, w := range m.ro.Waves {
		for _, i := range w.Tasks {
			inWave[i] = true
		}
	}
	for _, r := range v.Requirements {
		if r.Start.IsZero() {
			continue
		}
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if !perTask {
			tags := ""
			for _, i := range r.Tasks {
				if v.Tasks[i].OnChain {
					tags = "crit"
				}
			}
			if n == 0 {
				m.printf("    section Requirements\n")
			}
			bar(r.ID+" "+r.Title, tags, r.Start, r.Finish, false)
			continue
		}
		if !slices.ContainsFunc(r.Tasks, func(i int) bool { return v.Tasks[i].Scheduled && !inWave[i] }) {
			continue
		}
		m.printf("    section %s\n", mermaidText(r.ID+" "+r.Title))
		for _, i := range r.Tasks {
			t := v.Tasks[i]
			if !t.Scheduled || inWave[i] {
				continue
			}
			tags := ""
			if t.OnChain || t.Timing.Critical {
				tags = "crit"
			}
			bar(shortTitle(t.Title, r.Title), tags, t.Start(), t.Finish(), t.Milestone)
		}
	}
	if perTask {
		first := true
		for i, t := range v.Tasks {
			if !t.Scheduled || inWave[i] || t.Requirement != "" && requirementKnown(v, t.Requirement) {
				continue
			}
			if first {
				m.printf("    section Other tasks\n")
				first = false
			}
			tags := ""
			if t.OnChain || t.Timing.Critical {
				tags = "crit"
			}
			bar(t.Title, tags, t.Start(), t.Finish(), t.Milestone)
		}
	}
	m.waveSections(perTask, bar)
	if !v.Release.IsZero() {
		m.printf("    section Release\n")
		bar("Release date "+v.Release.String(), "crit", v.Release, v.Release, true)
	}
	m.printf("```\n\n")
	return nil
}

// shortTitle drops the requirement's title that generated tasks carry
// after their own ("Book training rooms: Sales training"): the section
// names the requirement already.
func shortTitle(task, requirement string) string {
	if short, ok := strings.CutSuffix(task, ": "+requirement); ok && short != "" {
		return short
	}
	return task
}

func requirementKnown(v *view.View, id string) bool {
	for _, r := range v.Requirements {
		if r.ID == id {
			return true
		}
	}
	return false
}

// excludes returns Mermaid's excludes for the calendar's days off:
// weekdays not worked and holidays within the schedule.
func excludes(c *calendar.Calendar) string {
	spec := c.Spec()
	var parts []string
	if spec.Workweek&(1<<time.Saturday) == 0 && spec.Workweek&(1<<time.Sunday) == 0 {
		parts = append(parts, "weekends")
	} else {
		for _, d := range []time.Weekday{time.Saturday, time.Sunday} {
			if spec.Workweek&(1<<d) == 0 {
				parts = append(parts, strings.ToLower(d.String()))
			}
		}
	}
	for d := time.Monday; d <= time.Friday; d++ {
		if spec.Workweek&(1<<d) == 0 {
			parts = append(parts, strings.ToLower(d.String()))
		}
	}
	for _, h := range spec.Holidays {
		for d := h.Date; !d.After(h.Last()); d = d.AddDays(1) {
			parts = append(parts, d.String())
		}
	}
	return strings.Join(parts, ", ")
}

func (m *page) chain() {
	v := m.v
	if len(v.Chain) == 0 {
		return
	}
	m.printf("## Critical chain\n\n")
	m.head("Task", "Title", "Start", "Finish", ">Float", "Link")
	for _, s := range v.Chain {
		title := ""
		if t, ok := v.Task(s.ID); ok {
			title = t.Title
		}
		link := "starts at the kickoff"
		if s.Via != nil {
			link = fmt.Sprintf("%s from %s", s.Via.Type, s.Via.From)
			if s.Via.Lag != 0 {
				link += fmt.Sprintf(" lag %d", s.Via.Lag)
			}
		}
		m.row(s.ID, title, s.Start.String(), s.Finish.String(), fmt.Sprint(s.TotalFloat), link)
	}
	m.printf("\n")
}

func (m *page) events() {
	v := m.v
	if len(v.Events) == 0 && len(v.Windows) == 0 {
		return
	}
	m.printf("## Dates to attend\n\n")
	m.head("From", "To", "Kind", "What")
	for _, e := range v.Events {
		m.row(e.Start.String(), e.Finish.String(), string(e.Kind), e.Title)
	}
	for _, w := range v.Windows {
		m.row(w.From.String(), w.Through.String(), string(w.Kind), w.Title)
	}
	m.printf("\n")
}

func (m *page) budget() {
	b := m.v.Plan.Resources.Budget
	if b.IsZero() {
		return
	}
	figs, err := b.ByCategory()
	if err != nil {
		return
	}
	tot, err := b.Totals()
	if err != nil {
		return
	}
	m.printf("## Budget\n\n")
	m.printf("Short of required is required minus committed; unspent is committed minus spent.\n\n")
	m.head("Category", ">Required", ">Committed", ">Short of required", ">Spent", ">Unspent of committed")
	for _, f := range append(figs, tot) {
		name := string(f.Category)
		if name == "" {
			name = "**total**"
		}
		short := ""
		if funding, err := f.Funding(); err == nil && funding.IsNegative() {
			if gap, err := funding.Neg(); err == nil {
				short = gap.Grouped()
			}
		}
		unspent := ""
		if rem, err := f.Remaining(); err == nil {
			unspent = rem.Grouped()
		}
		m.row(name, f.Required.Grouped(), f.Committed.Grouped(), short, f.Spent.Grouped(), unspent)
	}
	m.printf("\n")
}

func (m *page) risks() error {
	log := m.v.Plan.Risks
	if log == nil || log.NumRisks() == 0 {
		return nil
	}
	mat, err := log.Matrix(risk.MatrixSpec{}, risk.OpenRisk)
	if err != nil {
		return fmt.Errorf("markdown: risk matrix: %w", err)
	}
	m.printf("## Risks\n\n")
	m.printf("Open risks by probability (rows) and impact (columns); %d red, %d amber, %d green.\n\n", mat.Count(risk.Red), mat.Count(risk.Amber), mat.Count(risk.Green))
	m.head("Probability", "Impact 1", "Impact 2", "Impact 3", "Impact 4", "Impact 5")
	bands := mat.Spec.Bands
	for b := len(mat.Cells); b >= 1; b-- {
		lo, hi := 1, 99
		if b >= 2 && b-2 < len(bands) {
			lo = int(bands[b-2]) + 1
		}
		if b-1 < len(bands) {
			hi = int(bands[b-1])
		}
		cells := []string{fmt.Sprintf("%d-%d%%", lo, hi)}
		for _, c := range mat.Cells[b-1] {
			zone := c.Zone.String()
			if c.Zone == risk.Red {
				zone = "**RED**"
			}
			cells = append(cells, strings.TrimSpace(zone+" "+strings.Join(c.IDs, " ")))
		}
		m.row(cells...)
	}
	m.printf("\n")
	m.head("Risk", "Kind", ">Probability %", ">Impact", ">Exposure", "Owner", "Title")
	for _, r := range log.TopN(m.opts.TopRisks, risk.OpenRisk) {
		m.row(r.ID, r.Kind.String(), fmt.Sprint(r.Probability), fmt.Sprint(r.Impact), fmt.Sprint(r.Exposure()), r.Owner, r.Title)
	}
	m.printf("\n")
	return nil
}

func (m *page) issues() {
	log := m.v.Plan.Risks
	if log == nil {
		return
	}
	open := log.OpenIssuesByPriority()
	if len(open) == 0 {
		return
	}
	m.printf("## Open issues\n\n")
	m.head("Issue", ">Priority", "State", "Target", "Owner", "Title")
	for _, is := range open {
		m.row(is.ID, fmt.Sprint(is.Priority), is.State.String(), is.TargetResolve.String(), is.Owner, is.Title)
	}
	m.printf("\n")
}
