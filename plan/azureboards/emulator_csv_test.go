package azureboards_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	ab "github.com/rolloutkit/rollout/plan/azureboards"
	"github.com/rolloutkit/rollout/workitem"
)

// csvFieldNames maps the field names Azure Boards shows (the column
// names its CSV import reads) to their reference names: the fields of the
// CMMI work item types that the export fills.
var csvFieldNames = func() map[string]string {
	m := map[string]string{
		"Title": "System.Title", "State": "System.State", "Reason": "System.Reason", "Assigned To": "System.AssignedTo",
		"Tags": "System.Tags", "Area Path": "System.AreaPath", "Iteration Path": "System.IterationPath",
		"Description": "System.Description", "Priority": "Microsoft.VSTS.Common.Priority",
		"Severity": "Microsoft.VSTS.Common.Severity", "Discipline": "Microsoft.VSTS.Common.Discipline",
		"Requirement Type": "Microsoft.VSTS.CMMI.RequirementType", "Committed": "Microsoft.VSTS.CMMI.Committed",
		"Task Type": "Microsoft.VSTS.CMMI.TaskType", "Blocked": "Microsoft.VSTS.CMMI.Blocked",
		"Requires Review": "Microsoft.VSTS.CMMI.RequiresReview", "Requires Test": "Microsoft.VSTS.CMMI.RequiresTest",
		"Original Estimate": "Microsoft.VSTS.Scheduling.OriginalEstimate", "Remaining Work": "Microsoft.VSTS.Scheduling.RemainingWork",
		"Completed Work": "Microsoft.VSTS.Scheduling.CompletedWork", "Start Date": "Microsoft.VSTS.Scheduling.StartDate",
		"Finish Date": "Microsoft.VSTS.Scheduling.FinishDate", "Probability": "Microsoft.VSTS.CMMI.Probability",
		"Mitigation Plan": "Microsoft.VSTS.CMMI.MitigationPlan", "Mitigation Triggers": "Microsoft.VSTS.CMMI.MitigationTriggers",
		"Contingency Plan": "Microsoft.VSTS.CMMI.ContingencyPlan", "Escalate": "Microsoft.VSTS.CMMI.Escalate",
		"Target Resolve Date": "Microsoft.VSTS.CMMI.TargetResolveDate", "Analysis": "Microsoft.VSTS.CMMI.Analysis",
		"Corrective Action Plan":              "Microsoft.VSTS.CMMI.CorrectiveActionPlan",
		"Corrective Action Actual Resolution": "Microsoft.VSTS.CMMI.CorrectiveActionActualResolution",
		"Purpose":                             "Microsoft.VSTS.CMMI.Purpose", "Minutes": "Microsoft.VSTS.CMMI.Minutes",
		"Comments": "Microsoft.VSTS.CMMI.Comments", "Meeting Type": "Microsoft.VSTS.CMMI.MeetingType",
		"Called Date": "Microsoft.VSTS.CMMI.CalledDate", "Called By": "Microsoft.VSTS.CMMI.CalledBy",
		"Justification":                    "Microsoft.VSTS.CMMI.Justification",
		"Impact on Architecture":           "Microsoft.VSTS.CMMI.ImpactOnArchitecture",
		"Impact on User Experience":        "Microsoft.VSTS.CMMI.ImpactOnUserExperience",
		"Impact on Test":                   "Microsoft.VSTS.CMMI.ImpactOnTest",
		"Impact on Development":            "Microsoft.VSTS.CMMI.ImpactOnDevelopment",
		"Impact on Technical Publications": "Microsoft.VSTS.CMMI.ImpactOnTechnicalPublications",
	}
	for i := 1; i <= 8; i++ {
		m[fmt.Sprintf("Required Attendee %d", i)] = fmt.Sprintf("Microsoft.VSTS.CMMI.RequiredAttendee%d", i)
		m[fmt.Sprintf("Optional Attendee %d", i)] = fmt.Sprintf("Microsoft.VSTS.CMMI.OptionalAttendee%d", i)
		m[fmt.Sprintf("Actual Attendee %d", i)] = fmt.Sprintf("Microsoft.VSTS.CMMI.ActualAttendee%d", i)
	}
	return m
}()

// maxCSVImport is the most work items one CSV import takes.
const maxCSVImport = 1000

// ImportCSV imports a CSV file as the web UI's Boards > Import work items
// does: a header naming the columns by the fields' names, ID (empty for a
// new item), Work Item Type, and the title in Title 1, Title 2, ...: a
// row titled in Title n+1 is the child of the nearest row above it titled
// in Title n. New items are created in their type's initial state (State
// and Reason must be empty), existing ones updated, each through the
// process's rules. A file of more than 1,000 work items, an unknown
// column, a hierarchy that skips a level or a row Azure Boards refuses is
// an error (the file's earlier rows stay imported, as the web UI saves
// the rows it could). It returns the IDs of the rows in order.
func (e *emulator) ImportCSV(data []byte) ([]int, error) {
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("no work items")
	}
	if len(rows)-1 > maxCSVImport {
		return nil, fmt.Errorf("TF401402: the file has %d work items; an import takes at most %d", len(rows)-1, maxCSVImport)
	}
	head := rows[0]
	colID, colType := -1, -1
	var titles []int
	for k, name := range head {
		switch {
		case name == "ID":
			colID = k
		case name == "Work Item Type":
			colType = k
		case strings.HasPrefix(name, "Title ") && len(name) > 6:
			n, err := strconv.Atoi(name[6:])
			if err != nil || n != len(titles)+1 {
				return nil, fmt.Errorf("column %q out of order", name)
			}
			titles = append(titles, k)
		case csvFieldNames[name] == "":
			return nil, fmt.Errorf("TF401403: column %q names no field of the process", name)
		}
	}
	if colType < 0 || len(titles) == 0 {
		return nil, fmt.Errorf("the Work Item Type and Title columns are required")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	var ids []int
	parents := make([]int, len(titles)) // the last item at each level
	for r, row := range rows[1:] {
		line := r + 2
		level, title := -1, ""
		for n, k := range titles {
			if row[k] != "" {
				if level >= 0 {
					return ids, fmt.Errorf("line %d: titles in two levels", line)
				}
				level, title = n, row[k]
			}
		}
		if level < 0 {
			return ids, fmt.Errorf("line %d: no title", line)
		}
		if level > 0 && parents[level-1] == 0 {
			return ids, fmt.Errorf("line %d: a child without a parent above it", line)
		}
		id := 0
		if colID >= 0 && row[colID] != "" {
			if id, err = strconv.Atoi(row[colID]); err != nil {
				return ids, fmt.Errorf("line %d: ID %q", line, row[colID])
			}
		}
		ops := []patchOp{{Op: "add", Path: "/fields/System.Title", Value: jsonString(title)}}
		for k, name := range head {
			ref := csvFieldNames[name]
			if ref == "" || row[k] == "" || ref == "System.Title" {
				continue
			}
			if id == 0 && (ref == "System.State" || ref == "System.Reason") {
				return ids, fmt.Errorf("line %d: a new item starts in its initial state; State and Reason must be empty", line)
			}
			ops = append(ops, patchOp{Op: "add", Path: "/fields/" + ref, Value: e.csvValue(row[colType], ref, row[k])})
		}
		if level > 0 && id == 0 {
			rel, _ := json.Marshal(emuRelation{Rel: "System.LinkTypes.Hierarchy-Reverse",
				URL: fmt.Sprintf("%s/%s/_apis/wit/workItems/%d", e.srv.URL, e.org, parents[level-1])})
			ops = append(ops, patchOp{Op: "add", Path: "/relations/-", Value: rel})
		}
		typ := row[colType]
		if id != 0 {
			typ = ""
		}
		code, body := e.apply(id, typ, ops, nil)
		if code != 200 {
			return ids, fmt.Errorf("line %d: %d %s", line, code, body)
		}
		var out struct {
			ID int `json:"id"`
		}
		_ = json.Unmarshal(body, &out)
		ids = append(ids, out.ID)
		parents[level] = out.ID
		for n := level + 1; n < len(parents); n++ {
			parents[n] = 0
		}
	}
	return ids, nil
}

func jsonString(s string) json.RawMessage {
	b, _ := json.Marshal(s)
	return b
}

// csvValue turns a CSV cell into the JSON value of the field: a number for
// numeric fields of the type, a string otherwise.
func (e *emulator) csvValue(typ, ref, cell string) json.RawMessage {
	if def := e.proc.Types[typ]; def != nil {
		if f, ok := def.Fields[ref]; ok && (f.Type == "Integer" || f.Type == "Double") {
			if _, err := strconv.ParseFloat(cell, 64); err == nil {
				return json.RawMessage(cell)
			}
		}
	}
	return jsonString(cell)
}

// TestEmulatorCSVImport imports the CSV files of the export into the
// emulator, file after file: every row is taken, no file exceeds the
// import's limit, and every task under a requirement in its file becomes
// its child.
func TestEmulatorCSVImport(t *testing.T) {
	var clk crClock
	revised := revisedSample(t, &clk)
	for _, c := range []struct {
		name string
		p    *plan.Plan
		o    ab.Options
	}{
		{"sample plan, every kind", untracked(t), ab.Options{Kinds: ab.AllKinds}},
		{"every state and reason", everyMove(t), ab.Options{Kinds: ab.AllKinds}},
		{"revised plan with a change request", revised, ab.Options{Kinds: ab.AllKinds, AreaPath: `Ledger\Launch`}},
		{"1,500 tasks in three files", bigPlan(t, 1500), ab.Options{}},
		{"one requirement with 1,200 tasks", oneRequirement(t, 1200), ab.Options{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			files, err := ab.CSVFiles(c.p, c.o)
			if err != nil {
				t.Fatal(err)
			}
			em := newEmulator(t)
			rows := 0
			for i, f := range files {
				records := readCSV(t, f)
				ids, err := em.ImportCSV(f)
				if err != nil {
					t.Fatalf("file %d: %v", i, err)
				}
				rows += len(ids)
				// Children: a Title 2 row's parent is the Title 1 row
				// above it.
				parent := 0
				for k, r := range records[1:] {
					switch {
					case r[2] != "":
						parent = ids[k]
					case em.Parent(ids[k]) != parent:
						t.Errorf("file %d row %d: parent %d, want %d", i, k+2, em.Parent(ids[k]), parent)
					}
				}
			}
			if len(em.Refused) > 0 {
				t.Errorf("refused: %v", em.Refused)
			}
			if rows != em.Len() {
				t.Errorf("%d rows imported, %d work items", rows, em.Len())
			}
		})
	}
	// More than an import takes is refused.
	var big bytes.Buffer
	big.WriteString("Work Item Type,Title 1\r\n")
	for i := range maxCSVImport + 1 {
		fmt.Fprintf(&big, "Task,T%d\r\n", i)
	}
	if _, err := newEmulator(t).ImportCSV(big.Bytes()); err == nil || !strings.Contains(err.Error(), "at most 1000") {
		t.Errorf("1,001 rows: %v", err)
	}
}

// oneRequirement is a plan with one requirement served by n tasks.
func oneRequirement(t testing.TB, n int) *plan.Plan {
	t.Helper()
	q := plan.New("q", plan.Release{Product: "x", Version: "1", Date: calendar.MustParse("2027-01-01")})
	doc := backlog.Document{Requirements: []backlog.Requirement{{ID: "R", Title: "R", Category: "cutover", State: workitem.Proposed, Reason: "New"}}}
	for i := range n {
		doc.Tasks = append(doc.Tasks, backlog.Task{ID: fmt.Sprint("T", i), Title: fmt.Sprint("Task ", i), Requirements: []string{"R"},
			Estimate: backlog.Days(1), State: workitem.Proposed, Reason: "New"})
	}
	if err := q.Backlog.Load(doc); err != nil {
		t.Fatal(err)
	}
	return q
}

// TestEmulatorCSVImportContinuedParent: a requirement already in Azure
// Boards whose tasks fill more than one file heads every file, so that all
// its tasks become its children.
func TestEmulatorCSVImportContinuedParent(t *testing.T) {
	q := oneRequirement(t, 2100)
	em := newEmulator(t)
	ids, err := em.ImportCSV([]byte("Work Item Type,Title 1\r\nRequirement,R\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Backlog.SetTracker("R", backlog.TrackerRef{System: ab.System, ID: strconv.Itoa(ids[0])}); err != nil {
		t.Fatal(err)
	}
	files, err := ab.CSVFiles(q, ab.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int
	for i, f := range files {
		rows := readCSV(t, f)
		sizes = append(sizes, len(rows)-1)
		if rows[1][0] != strconv.Itoa(ids[0]) {
			t.Errorf("file %d starts with %v, want the requirement #%d", i, rows[1][:4], ids[0])
		}
		if _, err := em.ImportCSV(f); err != nil {
			t.Fatalf("file %d: %v", i, err)
		}
	}
	if want := []int{1000, 1000, 103}; !slices.Equal(sizes, want) {
		t.Errorf("file sizes %v, want %v", sizes, want)
	}
	if em.Len() != 2101 {
		t.Fatalf("%d work items, want 2,101", em.Len())
	}
	for id := 1; id <= em.Len(); id++ {
		if it, _ := em.Item(id); it.Type == "Task" && em.Parent(id) != ids[0] {
			t.Fatalf("task #%d has parent %d", id, em.Parent(id))
		}
	}
}
