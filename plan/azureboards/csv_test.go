package azureboards_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	ab "github.com/rolloutkit/rollout/plan/azureboards"
	"github.com/rolloutkit/rollout/workitem"
)

// records reads a CSV file into rows of column name to value, leaving out
// empty values.
func records(t testing.TB, data []byte) []map[string]string {
	t.Helper()
	rows := readCSV(t, data)
	if diff := cmp.Diff(ab.CSVHeader(), rows[0]); diff != "" {
		t.Fatalf("header (-want +got):\n%s", diff)
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for k, v := range r {
			if v != "" {
				m[rows[0][k]] = v
			}
		}
		out = append(out, m)
	}
	return out
}

func TestWriteCSV(t *testing.T) {
	p := smallPlan(t)
	o := ab.Options{AreaPath: `Ledger\Launch`, Kinds: ab.AllKinds}
	var buf bytes.Buffer
	if err := ab.WriteCSV(&buf, p, o); err != nil {
		t.Fatal(err)
	}
	area := `Ledger\Launch`
	want := []map[string]string{
		{"Work Item Type": "Requirement", "Title 1": "Train the help desk", "Tags": "emea; support-training", "Priority": "2",
			"Description":      "<p>All EMEA agents</p><p><b>Acceptance criteria:</b></p><ul><li>Every agent passes the quiz</li></ul>",
			"Requirement Type": "Operational", "Area Path": area},
		{"Work Item Type": "Task", "Title 2": "Prepare material", "Assigned To": "Ortiz, Ana <ana@contoso.com>", "Discipline": "User Education",
			"Original Estimate": "20", "Remaining Work": "20", "Blocked": "No", "Task Type": "Planned", "Priority": "2", "Area Path": area},
		{"Work Item Type": "Task", "Title 2": "Deliver sessions", "Description": "<p>Three sessions</p>", "Assigned To": "bob",
			"Tags": "pilot; operations", "Original Estimate": "24", "Remaining Work": "24", "Blocked": "No", "Task Type": "Planned",
			"Priority": "2", "Area Path": area},
		{"Work Item Type": "Requirement", "Title 1": "Press release", "Tags": "press-releases", "Requirement Type": "Feature", "Area Path": area},
		{"Work Item Type": "Task", "Title 1": "Book rooms", "Original Estimate": "8", "Remaining Work": "4", "Completed Work": "4",
			"Blocked": "Yes", "Task Type": "Planned", "Area Path": area},
		{"Work Item Type": "Risk", "Title 1": "Trainer unavailable", "Assigned To": "Ana Ortiz <ana@contoso.com>", "Tags": "resource",
			"Description": "<p><b>Condition:</b> The trainer is ill</p><p><b>Consequence:</b> Sessions slip</p>",
			"Probability": "40", "Severity": "2 - High", "Priority": "2", "Mitigation Plan": "Train a backup",
			"Mitigation Triggers": "Trainer booked for two events the same week",
			"Contingency Plan":    "<p>Use the backup &lt;trainer&gt;</p><p><b>Trigger:</b> Sick note</p>", "Area Path": area},
		{"Work Item Type": "Issue", "Title 1": "Trainer is ill", "Assigned To": "bob", "Priority": "1", "Escalate": "Yes",
			"Description":         "<p><b>Blocked tasks:</b></p><ul><li>T2</li></ul><p><b>Escalation:</b> escalated to VP Engineering</p>",
			"Target Resolve Date": "2027-03-10T12:00:00Z", "Analysis": "Flu season; the backup is not certified yet",
			"Corrective Action Plan": "<p><b>Contingency plan of risk R1:</b> Use the backup &lt;trainer&gt;</p>", "Area Path": area},
	}
	if diff := cmp.Diff(want, records(t, buf.Bytes())); diff != "" {
		t.Errorf("CSV (-want +got):\n%s", diff)
	}
	if !strings.HasSuffix(buf.String(), "\r\n") || strings.Count(buf.String(), "\r\n") != 8 {
		t.Errorf("lines not ended by CRLF")
	}

	// Tracked items: with Skip, REQ-1 stays as the parent row of its new
	// tasks (with its ID, state and reason), REQ-2 and T1 are left out.
	for id, wi := range map[string]string{"REQ-1": "4711", "REQ-2": "4712", "T1": "4713"} {
		if err := p.Backlog.SetTracker(id, backlog.TrackerRef{System: ab.System, ID: wi}); err != nil {
			t.Fatal(err)
		}
	}
	o.Kinds = ab.Requirements | ab.Tasks
	buf.Reset()
	if err := ab.WriteCSV(&buf, p, o); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range records(t, buf.Bytes()) {
		got = append(got, r["ID"]+"|"+r["Work Item Type"]+"|"+r["Title 1"]+r["Title 2"]+"|"+r["State"]+"|"+r["Reason"])
	}
	if diff := cmp.Diff([]string{"4711|Requirement|Train the help desk|Proposed|New", "|Task|Deliver sessions||", "|Task|Book rooms||"}, got); diff != "" {
		t.Errorf("CSV with tracked items (-want +got):\n%s", diff)
	}
	// With Update every item is there, the tracked ones with ID and state.
	o.Existing = ab.Update
	buf.Reset()
	if err := ab.WriteCSV(&buf, p, o); err != nil {
		t.Fatal(err)
	}
	recs := records(t, buf.Bytes())
	if len(recs) != 5 || recs[1]["ID"] != "4713" || recs[1]["Title 2"] != "Prepare material" || recs[1]["State"] != "Proposed" {
		t.Errorf("CSV with updates:\n%s", buf.String())
	}
}

// Options.Scheduled sends the scheduler's dates; a schedule naming an
// unknown task is an error, and so is a plan that cannot be scheduled.
func TestCSVSchedule(t *testing.T) {
	p := smallPlan(t)
	o := ab.Options{Kinds: ab.Tasks, Scheduled: true}
	var buf bytes.Buffer
	if err := ab.WriteCSV(&buf, p, o); err != nil {
		t.Fatal(err)
	}
	for _, r := range records(t, buf.Bytes()) {
		if r["Start Date"] == "" || r["Finish Date"] == "" || !strings.HasSuffix(r["Start Date"], "T12:00:00Z") {
			t.Errorf("%s: dates %q %q", r["Title 1"]+r["Title 2"], r["Start Date"], r["Finish Date"])
		}
	}
	o = ab.Options{Organization: "contoso", Project: "Ledger", Schedule: map[string]ab.Span{"T9": {Start: calendar.MustParse("2027-03-01")}}}
	if _, err := ab.Build(p, o); !errors.Is(err, ab.ErrOptions) || !strings.Contains(err.Error(), `"T9"`) {
		t.Errorf("unknown task in the schedule: %v", err)
	}
	if err := ab.WriteCSV(&buf, p, o); !errors.Is(err, ab.ErrOptions) {
		t.Errorf("CSV, unknown task in the schedule: %v", err)
	}
	// A task on a calendar the plan does not have cannot be scheduled:
	// the error says so.
	q := smallPlan(t)
	t1, _ := q.Backlog.Task("T1")
	t1.Calendar = "Nowhere"
	if err := q.Backlog.UpdateTask(t1); err != nil {
		t.Fatal(err)
	}
	if _, err := ab.Build(q, ab.Options{Organization: "contoso", Project: "Ledger", Scheduled: true}); err == nil || !strings.Contains(err.Error(), "scheduling") {
		t.Errorf("unschedulable plan: %v", err)
	}
}

func TestWriteCSVEscaping(t *testing.T) {
	p := plan.New("p", plan.Release{Product: "x", Version: "1", Date: calendar.MustParse("2027-01-01")})
	doc := backlog.Document{Requirements: []backlog.Requirement{{ID: "R", Title: "Say \"hello\",\nworld", Category: "cutover",
		Tags: []string{"a;b", "c"}, State: workitem.Proposed, Reason: "New"}}}
	if err := p.Backlog.Load(doc); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ab.WriteCSV(&buf, p, ab.Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), ",Requirement,\"Say \"\"hello\"\",\r\nworld\",,") || !strings.Contains(buf.String(), ",\"a,b; c; cutover\",") {
		t.Errorf("CSV:\n%s", buf.String())
	}
}

func readCSV(t testing.TB, data []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestCSVFilesSplit(t *testing.T) {
	p := bigPlan(t, 1500) // 150 groups of 11 rows
	var buf bytes.Buffer
	if err := ab.WriteCSV(&buf, p, ab.Options{}); !errors.Is(err, ab.ErrTooManyItems) || buf.Len() != 0 {
		t.Fatalf("WriteCSV of 1650 items: %v, %d bytes", err, buf.Len())
	}
	files, err := ab.CSVFiles(p, ab.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int
	for _, f := range files {
		rows := readCSV(t, f)
		sizes = append(sizes, len(rows)-1)
		// Each file starts with a requirement: no hierarchy is cut.
		if rows[1][1] != "Requirement" || rows[1][2] == "" {
			t.Errorf("file starts with %v", rows[1])
		}
	}
	if diff := cmp.Diff([]int{990, 660}, sizes); diff != "" {
		t.Errorf("file sizes (-want +got):\n%s", diff)
	}

	// One requirement with 1,200 tasks: its tasks continue in a second
	// file as top-level rows.
	q := plan.New("q", plan.Release{Product: "x", Version: "1", Date: calendar.MustParse("2027-01-01")})
	doc := backlog.Document{Requirements: []backlog.Requirement{{ID: "R", Title: "R", Category: "cutover", State: workitem.Proposed, Reason: "New"}}}
	for i := range 1200 {
		doc.Tasks = append(doc.Tasks, backlog.Task{ID: fmt.Sprint("T", i), Title: fmt.Sprint("Task ", i), Requirements: []string{"R"},
			Estimate: backlog.Days(1), State: workitem.Proposed, Reason: "New"})
	}
	if err := q.Backlog.Load(doc); err != nil {
		t.Fatal(err)
	}
	files, err = ab.CSVFiles(q, ab.Options{})
	if err != nil || len(files) != 2 {
		t.Fatalf("%d files, %v", len(files), err)
	}
	a, b := readCSV(t, files[0]), readCSV(t, files[1])
	if len(a) != 1001 || len(b) != 202 || a[1000][3] != "Task 998" || b[1][2] != "Task 999" || b[1][3] != "" {
		t.Errorf("split: %d and %d rows; %v; %v", len(a), len(b), a[1000], b[1])
	}
}
