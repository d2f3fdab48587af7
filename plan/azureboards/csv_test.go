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

const csvHead = "ID,Work Item Type,Title 1,Title 2,State,Assigned To,Tags,Original Estimate,Remaining Work,Discipline,Priority,Area Path,Iteration Path\r\n"

func TestWriteCSV(t *testing.T) {
	p := smallPlan(t)
	o := ab.Options{AreaPath: `Ledger\Launch`, Kinds: ab.AllKinds}
	var buf bytes.Buffer
	if err := ab.WriteCSV(&buf, p, o); err != nil {
		t.Fatal(err)
	}
	want := csvHead +
		",Requirement,Train the help desk,,,,emea; support-training,,,,2,Ledger\\Launch,\r\n" +
		",Task,,Prepare material,,\"Ortiz, Ana <ana@contoso.com>\",,20,20,User Education,,Ledger\\Launch,\r\n" +
		",Task,,Deliver sessions,,bob,pilot; operations,24,24,,,Ledger\\Launch,\r\n" +
		",Requirement,Press release,,,,press-releases,,,,,Ledger\\Launch,\r\n" +
		",Task,Book rooms,,,,,8,4,,,Ledger\\Launch,\r\n" +
		",Risk,Trainer unavailable,,,Ana Ortiz <ana@contoso.com>,resource,,,,,Ledger\\Launch,\r\n" +
		",Issue,Trainer is ill,,,bob,,,,,1,Ledger\\Launch,\r\n"
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("CSV (-want +got):\n%s", diff)
	}

	// Tracked items: with Skip, REQ-1 stays as the parent row of its new
	// tasks (with its ID and state), REQ-2 and T1 are left out.
	for id, wi := range map[string]string{"REQ-1": "4711", "REQ-2": "4712", "T1": "4713"} {
		if err := p.Backlog.SetTracker(id, backlog.TrackerRef{System: ab.System, ID: wi}); err != nil {
			t.Fatal(err)
		}
	}
	o.Kinds = 0
	buf.Reset()
	if err := ab.WriteCSV(&buf, p, o); err != nil {
		t.Fatal(err)
	}
	want = csvHead +
		"4711,Requirement,Train the help desk,,Proposed,,emea; support-training,,,,2,Ledger\\Launch,\r\n" +
		",Task,,Deliver sessions,,bob,pilot; operations,24,24,,,Ledger\\Launch,\r\n" +
		",Task,Book rooms,,,,,8,4,,,Ledger\\Launch,\r\n"
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("CSV with tracked items (-want +got):\n%s", diff)
	}
	// With Update every item is there, the tracked ones with ID and state.
	o.Existing = ab.Update
	buf.Reset()
	if err := ab.WriteCSV(&buf, p, o); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(buf.String(), "\r\n"); got != 6 || !strings.Contains(buf.String(), "4713,Task,,Prepare material,Proposed,") {
		t.Errorf("CSV with updates:\n%s", buf.String())
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
	want := csvHead + ",Requirement,\"Say \"\"hello\"\",\r\nworld\",,,,\"a,b; c; cutover\",,,,,,\r\n"
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("CSV (-want +got):\n%s", diff)
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
