package azureboards

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
)

// CSVHeader returns the columns of the CSV files, in order.
func CSVHeader() []string {
	return []string{"ID", "Work Item Type", "Title 1", "Title 2", "State", "Assigned To", "Tags",
		"Original Estimate", "Remaining Work", "Discipline", "Priority", "Area Path", "Iteration Path"}
}

// csvRow is one row; child rows put their title in Title 2.
type csvRow struct {
	child bool
	cells [13]string
}

// CSVFiles returns the plan as Azure Boards CSV import files of at most
// MaxCSVItems work items each (see WriteCSV for the content). A
// requirement and the tasks under it stay in one file; a requirement with
// more tasks than a file holds continues in the next file, where those
// tasks are top-level rows (the CSV hierarchy cannot cross files). Options
// are as for Build, except that Organization and Project are not needed
// and BatchSize, Revisions and Schedule are not used.
func CSVFiles(p *plan.Plan, opts Options) ([][]byte, error) {
	groups, err := csvGroups(p, opts)
	if err != nil {
		return nil, err
	}
	var files [][]byte
	var cur []csvRow
	flush := func() error {
		if len(cur) == 0 {
			return nil
		}
		var buf bytes.Buffer
		if err := writeRows(&buf, cur); err != nil {
			return err
		}
		files = append(files, buf.Bytes())
		cur = nil
		return nil
	}
	for _, g := range groups {
		if len(cur)+len(g) > MaxCSVItems {
			if err := flush(); err != nil {
				return nil, err
			}
		}
		for len(g) > MaxCSVItems {
			cur = append(cur, g[:MaxCSVItems]...)
			if err := flush(); err != nil {
				return nil, err
			}
			g = g[MaxCSVItems:]
			for k := range g {
				g[k].child = false
			}
		}
		cur = append(cur, g...)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return files, nil
}

// WriteCSV writes the plan as one CSV file that Azure Boards imports
// (Boards > Import work items): the columns of CSVHeader, one row per work
// item, a header row first, fields escaped per RFC 4180, lines ended by
// CRLF. Each requirement is a row with its title in "Title 1", followed by
// the rows of its tasks with their titles in "Title 2" (the hierarchy the
// import turns into parent-child links); a task serving several
// requirements goes under the first one listed, and tasks that serve no
// requirement are top-level rows after the requirements, followed by risks
// and issues, as opts.Kinds selects.
//
// New items have an empty ID and an empty State (they start in the initial
// state); items already in Azure Boards have their ID and State, and are
// updated by the import when opts.Existing is Update, otherwise left out
// except as the parent row of new tasks. Work is in hours (workdays times
// the hours per day), identities as "Display Name <email>" when the
// assignee has that form, tags as for Build.
//
// With more than MaxCSVItems items it writes nothing and returns an error
// wrapping ErrTooManyItems: use CSVFiles.
func WriteCSV(w io.Writer, p *plan.Plan, opts Options) error {
	groups, err := csvGroups(p, opts)
	if err != nil {
		return err
	}
	var rows []csvRow
	for _, g := range groups {
		rows = append(rows, g...)
	}
	if len(rows) > MaxCSVItems {
		return fmt.Errorf("azureboards: %w: %d items, at most %d per file", ErrTooManyItems, len(rows), MaxCSVItems)
	}
	return writeRows(w, rows)
}

// lineBreaks makes every line break inside a field a bare LF, which the
// CSV writer turns into CRLF (it would drop a lone CR).
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

func writeRows(w io.Writer, rows []csvRow) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(CSVHeader()); err != nil {
		return err
	}
	for _, r := range rows {
		c := r.cells
		if r.child {
			c[3], c[2] = c[2], ""
		}
		for k := range c {
			c[k] = lineBreaks.Replace(c[k])
		}
		if err := cw.Write(c[:]); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Column indexes.
const (
	colID = iota
	colType
	colTitle1
	colTitle2
	colState
	colAssigned
	colTags
	colOriginal
	colRemaining
	colDiscipline
	colPriority
	colArea
	colIteration
)

// csvGroups returns the rows grouped: a requirement with its tasks, then
// one group per top-level task, risk and issue.
func csvGroups(p *plan.Plan, opts Options) ([][]csvRow, error) {
	if p == nil {
		return nil, fmt.Errorf("azureboards: %w: nil plan", ErrOptions)
	}
	cal := p.Calendar
	if cal == nil {
		cal = calendar.Standard()
	}
	o, err := opts.normalized(cal.HoursPerDay(), false)
	if err != nil {
		return nil, err
	}
	b := builder{opts: o, p: p, ids: map[idKey]int{}}
	if err := b.collect(); err != nil {
		return nil, err
	}
	// wanted reports whether an item goes into the file on its own.
	wanted := func(k idKey) bool { return b.ids[k] == 0 || o.Existing == Update }
	base := func(typ string, k idKey, title string) csvRow {
		var r csvRow
		if wi := b.ids[k]; wi > 0 {
			r.cells[colID] = strconv.Itoa(wi)
		}
		r.cells[colType] = typ
		r.cells[colTitle1] = title
		r.cells[colArea] = o.AreaPath
		r.cells[colIteration] = o.IterationPath
		return r
	}
	state := func(r *csvRow, s string) {
		if r.cells[colID] != "" {
			r.cells[colState] = s
		}
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

	reqIndex := map[string]int{}
	if o.Kinds.Has(Requirements) {
		for i := range b.reqs {
			if _, dup := reqIndex[b.reqs[i].ID]; !dup {
				reqIndex[b.reqs[i].ID] = i
			}
		}
	}
	under := make([][]int, len(b.reqs))
	var topTasks []int
	if o.Kinds.Has(Tasks) {
		for i := range b.tasks {
			t := &b.tasks[i]
			if !wanted(bk(t.ID)) {
				continue
			}
			parent := -1
			for _, r := range t.Requirements {
				if j, ok := reqIndex[r]; ok {
					parent = j
					break
				}
			}
			if parent < 0 {
				topTasks = append(topTasks, i)
			} else {
				under[parent] = append(under[parent], i)
			}
		}
	}
	taskRow := func(t *backlog.Task, child bool) csvRow {
		r := base(TypeTask, bk(t.ID), t.Title)
		r.child = child
		state(&r, t.State.String())
		r.cells[colAssigned] = Identity(t.Assignee)
		disc, tag := b.discipline(t.Discipline)
		r.cells[colTags] = joinTags(t.Tags, []string{tag}, milestone(t))
		r.cells[colDiscipline] = disc
		if !t.Estimate.IsZero() {
			r.cells[colOriginal] = num(hours(t.Estimate.MostLikely, o.HoursPerDay))
		}
		r.cells[colRemaining] = num(hours(remaining(t), o.HoursPerDay))
		return r
	}
	var groups [][]csvRow
	for i := range b.reqs {
		if !o.Kinds.Has(Requirements) {
			break
		}
		rq := &b.reqs[i]
		if !wanted(bk(rq.ID)) && len(under[i]) == 0 {
			continue
		}
		r := base(TypeRequirement, bk(rq.ID), rq.Title)
		state(&r, rq.State.String())
		r.cells[colTags] = joinTags(rq.Tags, []string{string(rq.Category)})
		if rq.Priority.IsValid() {
			r.cells[colPriority] = strconv.Itoa(int(rq.Priority))
		}
		g := []csvRow{r}
		for _, ti := range under[i] {
			g = append(g, taskRow(&b.tasks[ti], true))
		}
		groups = append(groups, g)
	}
	for _, ti := range topTasks {
		groups = append(groups, []csvRow{taskRow(&b.tasks[ti], false)})
	}
	for i := range b.risks {
		rk := &b.risks[i]
		if !wanted(lk(rk.ID)) {
			continue
		}
		r := base(TypeRisk, lk(rk.ID), rk.Title)
		state(&r, rk.State.String())
		r.cells[colAssigned] = Identity(rk.Owner)
		r.cells[colTags] = joinTags(rk.Tags, []string{string(rk.Category)})
		groups = append(groups, []csvRow{r})
	}
	for i := range b.issues {
		is := &b.issues[i]
		if !wanted(lk(is.ID)) {
			continue
		}
		r := base(TypeIssue, lk(is.ID), is.Title)
		state(&r, is.State.String())
		r.cells[colAssigned] = Identity(is.Owner)
		r.cells[colTags] = joinTags(is.Tags)
		if is.Priority.IsValid() {
			r.cells[colPriority] = strconv.Itoa(int(is.Priority))
		}
		groups = append(groups, []csvRow{r})
	}
	return groups, nil
}
