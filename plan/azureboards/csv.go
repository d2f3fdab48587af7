package azureboards

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/plan"
)

// csvColumns are the columns after ID, Work Item Type, Title 1 and
// Title 2: the field each carries, under the name Azure Boards shows (the
// name the CSV import reads). Every field Build sends has its column.
var csvColumns = [...]struct{ name, field string }{
	{"State", FieldState},
	{"Reason", FieldReason},
	{"Assigned To", FieldAssignedTo},
	{"Tags", FieldTags},
	{"Area Path", FieldAreaPath},
	{"Iteration Path", FieldIterationPath},
	{"Description", FieldDescription},
	{"Priority", FieldPriority},
	{"Severity", FieldSeverity},
	{"Requirement Type", FieldRequirementType},
	{"Committed", FieldCommitted},
	{"Task Type", FieldTaskType},
	{"Discipline", FieldDiscipline},
	{"Blocked", FieldBlocked},
	{"Requires Review", FieldRequiresReview},
	{"Requires Test", FieldRequiresTest},
	{"Original Estimate", FieldOriginalEstimate},
	{"Remaining Work", FieldRemainingWork},
	{"Completed Work", FieldCompletedWork},
	{"Start Date", FieldStartDate},
	{"Finish Date", FieldFinishDate},
	{"Probability", FieldProbability},
	{"Mitigation Plan", FieldMitigationPlan},
	{"Mitigation Triggers", FieldMitigationTriggers},
	{"Contingency Plan", FieldContingencyPlan},
	{"Escalate", FieldEscalate},
	{"Target Resolve Date", FieldTargetResolveDate},
	{"Analysis", FieldAnalysis},
	{"Corrective Action Plan", FieldCorrectiveActionPlan},
	{"Corrective Action Actual Resolution", FieldActualResolution},
	{"Purpose", FieldPurpose},
	{"Minutes", FieldMinutes},
	{"Comments", FieldComments},
	{"Meeting Type", FieldMeetingType},
	{"Called Date", FieldCalledDate},
	{"Called By", FieldCalledBy},
	{"Required Attendee 1", FieldRequiredAttendee + "1"}, {"Required Attendee 2", FieldRequiredAttendee + "2"},
	{"Required Attendee 3", FieldRequiredAttendee + "3"}, {"Required Attendee 4", FieldRequiredAttendee + "4"},
	{"Required Attendee 5", FieldRequiredAttendee + "5"}, {"Required Attendee 6", FieldRequiredAttendee + "6"},
	{"Required Attendee 7", FieldRequiredAttendee + "7"}, {"Required Attendee 8", FieldRequiredAttendee + "8"},
	{"Actual Attendee 1", FieldActualAttendee + "1"}, {"Actual Attendee 2", FieldActualAttendee + "2"},
	{"Actual Attendee 3", FieldActualAttendee + "3"}, {"Actual Attendee 4", FieldActualAttendee + "4"},
	{"Actual Attendee 5", FieldActualAttendee + "5"}, {"Actual Attendee 6", FieldActualAttendee + "6"},
	{"Actual Attendee 7", FieldActualAttendee + "7"}, {"Actual Attendee 8", FieldActualAttendee + "8"},
	{"Justification", FieldJustification},
	{"Impact on Architecture", FieldImpactOnArchitecture},
	{"Impact on User Experience", FieldImpactOnUserExperience},
	{"Impact on Test", FieldImpactOnTest},
	{"Impact on Development", FieldImpactOnDevelopment},
	{"Impact on Technical Publications", FieldImpactOnTechnicalPublications},
}

const csvWidth = 4 + len(csvColumns)

// csvColumn maps a field reference name to its column index.
var csvColumn = func() map[string]int {
	m := make(map[string]int, len(csvColumns))
	for k, c := range csvColumns {
		m[c.field] = 4 + k
	}
	return m
}()

// CSVHeader returns the columns of the CSV files, in order: ID, Work Item
// Type, Title 1, Title 2, then one column per field Build sends (State,
// Reason, Assigned To, Tags, Area Path, Iteration Path, Description,
// Priority, Severity, Requirement Type, Committed, Task Type, Discipline,
// Blocked, Requires Review, Requires Test, Original Estimate, Remaining
// Work, Completed Work, Start Date, Finish Date, Probability, Mitigation
// Plan, Mitigation Triggers, Contingency Plan, Escalate, Target Resolve
// Date, Analysis, Corrective Action Plan, Corrective Action Actual
// Resolution, and the Review's Purpose, Minutes, Comments, Meeting Type,
// Called Date, Called By, Required Attendee 1 to 8 and Actual Attendee 1
// to 8, and the Change Request's Justification and Impact on
// Architecture, User Experience, Test, Development and Technical
// Publications).
func CSVHeader() []string {
	h := make([]string, 0, csvWidth)
	h = append(h, "ID", "Work Item Type", "Title 1", "Title 2")
	for _, c := range csvColumns {
		h = append(h, c.name)
	}
	return h
}

// csvRow is one row; child rows put their title in Title 2.
type csvRow struct {
	child bool
	cells [csvWidth]string
}

// CSVFiles returns the plan as Azure Boards CSV import files of at most
// MaxCSVItems work items each (see WriteCSV for the content), to import
// in order. A requirement and the tasks under it stay in one file; a
// requirement with more tasks than a file holds continues in the next
// file: when it is in Azure Boards already, that file starts with its row
// again (its ID makes the import update it, not create it), so its tasks
// stay its children; a new requirement's further tasks are top-level rows
// (the CSV hierarchy cannot cross files, and the new requirement has no
// ID to name until the first file is imported). Options
// are as for Build, except that Organization and Project are not needed
// and BatchSize, Revisions and Current are not used.
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
		// A requirement with more tasks than a file holds: when it is in
		// Azure Boards already, each further file starts with its row
		// again (with its ID), so that its tasks stay its children;
		// otherwise they continue as top-level rows.
		parent := len(g) > MaxCSVItems && g[0].cells[colID] != "" && len(g) > 1 && g[1].child
		for len(g) > MaxCSVItems {
			cur = append(cur, g[:MaxCSVItems]...)
			if err := flush(); err != nil {
				return nil, err
			}
			if parent {
				g = append([]csvRow{g[0]}, g[MaxCSVItems:]...)
				continue
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
// Every field Build sends has its column, with the same value (see the
// package documentation): work in hours, identities as "Display Name
// <email>" when the assignee has that form, tags and HTML fields as for
// Build, dates as date-times at noon UTC. New items have an empty ID, State
// and Reason (the import creates them in the initial state; a push with
// Existing Update and Options.Current, after ReadCSV of the web UI's
// export, moves them on); items already in Azure Boards have their ID,
// State and Reason, and are updated by the import when opts.Existing is
// Update, otherwise left out except as the parent row of new tasks.
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

// Column indexes of the first four columns.
const (
	colID = iota
	colType
	colTitle1
	colTitle2
)

// csvGroups returns the rows grouped: a requirement with its tasks, then
// one group per top-level task, risk and issue.
func csvGroups(p *plan.Plan, opts Options) ([][]csvRow, error) {
	b, err := newBuilder(p, opts, false)
	if err != nil {
		return nil, err
	}
	o := b.opts
	// wanted reports whether an item goes into the file on its own.
	wanted := func(k idKey) bool { return b.ids[k] == 0 || o.Existing == Update }
	f := fieldWriter{update: true}
	row := func(typ string, k idKey, state, reason string, fields func()) csvRow {
		var r csvRow
		wi := b.ids[k]
		if wi > 0 {
			r.cells[colID] = strconv.Itoa(wi)
		}
		r.cells[colType] = typ
		f.ops, f.links, f.seen = f.ops[:0], nil, nil
		fields()
		f.set(FieldAreaPath, o.AreaPath)
		f.set(FieldIterationPath, o.IterationPath)
		for _, op := range f.ops {
			field := strings.TrimPrefix(op.Path, "/fields/")
			if field == FieldTitle {
				r.cells[colTitle1], _ = op.Value.(string)
				continue
			}
			if c, ok := csvColumn[field]; ok {
				r.cells[c] = csvValue(op.Value)
			}
		}
		if wi > 0 {
			r.cells[csvColumn[FieldState]] = state
			r.cells[csvColumn[FieldReason]] = reason
		}
		return r
	}

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
		r := row(TypeTask, bk(t.ID), t.State.String(), string(t.Reason), func() { b.task(&f, t) })
		r.child = child
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
		g := []csvRow{row(TypeRequirement, bk(rq.ID), rq.State.String(), string(rq.Reason), func() { b.requirement(&f, rq) })}
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
		if wanted(lk(rk.ID)) {
			groups = append(groups, []csvRow{row(TypeRisk, lk(rk.ID), rk.State.String(), string(rk.Reason), func() { b.risk(&f, rk) })})
		}
	}
	for i := range b.issues {
		is := &b.issues[i]
		if wanted(lk(is.ID)) {
			groups = append(groups, []csvRow{row(TypeIssue, lk(is.ID), is.State.String(), string(is.Reason), func() { b.issue(&f, is) })})
		}
	}
	for i := range b.reviews {
		d := &b.reviews[i]
		if wanted(rk(d.ID)) {
			st, reason := ReviewState(d.Outcome())
			groups = append(groups, []csvRow{row(TypeReview, rk(d.ID), st.String(), string(reason), func() { b.review(&f, d) })})
		}
	}
	for i := range b.changes {
		c := &b.changes[i]
		if wanted(ck(c.ID())) {
			st, reason := c.State()
			groups = append(groups, []csvRow{row(TypeChangeRequest, ck(c.ID()), st.String(), string(reason), func() { b.changeRequest(&f, c) })})
		}
	}
	return groups, nil
}

// csvValue renders a field value as the CSV carries it.
func csvValue(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}
