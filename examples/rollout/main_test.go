package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/azureboards"
	"github.com/rolloutkit/rollout/schedule"
	"github.com/rolloutkit/rollout/schedule/forecast"
)

// result is what one run of the program gave.
type result struct {
	code           int
	stdout, stderr string
}

func rollout(t *testing.T, terminal bool, args ...string) result {
	t.Helper()
	return rolloutStdin(t, terminal, nil, args...)
}

func rolloutStdin(t *testing.T, terminal bool, stdin []byte, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := runEnv(t.Context(), args, &env{stdin: bytes.NewReader(stdin), stdout: &out, stderr: &errb, terminal: terminal})
	return result{code, out.String(), errb.String()}
}

// want checks the exit status and that each output holds the given
// lines or fragments.
func (r result) want(t *testing.T, code int, stdout, stderr []string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
	for _, s := range stdout {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("stdout lacks %q:\n%s", s, r.stdout)
		}
	}
	for _, s := range stderr {
		if !strings.Contains(r.stderr, s) {
			t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
		}
	}
}

// planFile writes the sample plan with "rollout sample -o" and returns
// its path and the plan.
func planFile(t *testing.T) (string, *plan.Plan) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "plan.json")
	rollout(t, false, "sample", "-o", path).want(t, 0, nil, nil)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.Decode(data, plan.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return path, p
}

func TestUsage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args           []string
		code           int
		stdout, stderr []string
	}{
		{nil, 2, nil, []string{"Usage:\n\n\trollout <command> [arguments]", "\tcheck       check the plan at a gate\n"}},
		{[]string{"help"}, 0, []string{"\tcompare     compare the plan", "\tsample      write a sample plan", `Use "rollout help <command>"`}, nil},
		{[]string{"help", "check"}, 0, []string{"usage: rollout check [-gate exit|entry] [-as-of date] [-json] plan.json\n", "The exit status is 0 when the gate passes", "  -gate gate\n"}, nil},
		{[]string{"help", "sample"}, 0, []string{"usage: rollout sample [-o file]\n", "rollout sample > plan.json"}, nil},
		{[]string{"help", "nope"}, 2, nil, []string{"rollout help nope: unknown help topic. Run 'rollout help'."}},
		{[]string{"help", "a", "b"}, 2, nil, []string{"usage: rollout help command"}},
		{[]string{"nope"}, 2, nil, []string{"rollout nope: unknown command\nRun 'rollout help' for usage.\n"}},
		{[]string{"check"}, 2, nil, []string{"rollout check: want one plan file, got 0 arguments\nusage: rollout check [-gate", "Run 'rollout help check' for details."}},
		{[]string{"check", "-nope", "x"}, 2, nil, []string{"flag provided but not defined: -nope", "usage: rollout check"}},
		{[]string{"check", "-h"}, 0, nil, []string{"usage: rollout check"}},
		{[]string{"check", "-gate", "launch", "x"}, 2, nil, []string{`invalid value "launch" for flag -gate`}},
		{[]string{"check", "-as-of", "2027-13-01", "x"}, 2, nil, []string{`invalid value "2027-13-01" for flag -as-of`}},
		{[]string{"check", "/nonexistent/plan.json"}, 2, nil, []string{"rollout check: open /nonexistent/plan.json: no such file or directory"}},
		{[]string{"sample", "extra"}, 2, nil, []string{"rollout sample: takes no arguments"}},
		{[]string{"report", "-format", "pdf", "x"}, 2, nil, []string{`unknown format "pdf"`}},
		{[]string{"export", "x"}, 2, nil, []string{`unknown or missing -format ""`}},
		{[]string{"export", "-format", "boards-csv", "x"}, 2, nil, []string{"-format boards-csv needs -org and -project"}},
		{[]string{"forecast", "-distribution", "normal", "x"}, 2, nil, []string{`invalid value "normal" for flag -distribution`}},
		{[]string{"compare"}, 2, nil, []string{"want a plan file and at most one older plan file"}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			rollout(t, false, tc.args...).want(t, tc.code, tc.stdout, tc.stderr)
		})
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	path, p := planFile(t)
	// The sample's deliberate gaps (see package plan/sample).
	rollout(t, false, "check", path).want(t, 1, []string{
		path + "#/resources/budget/lines/2: error budget.underfunded [gain-commitments] category events:",
		path + "#/risks/risks/4/contingencyPlan: error plan.risks.handled [identify-risks] risk R5 has no contingency plan",
		": error demand.uncovered [gain-commitments] demand REQ-13/run-events/presenter-2 is not covered",
		path + "#/risks/issues/1: warning plan.issues.blocking [manage-issues]",
		"FAIL " + path + ": exit gate, revision 1: 3 blocking, 4 finding(s)\n",
	}, nil)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rolloutStdin(t, false, data, "check", "-gate", "entry", "-").want(t, 0, []string{"ok -: entry gate"}, nil)
	rollout(t, false, "check", "-gate", "entry", path).want(t, 0, []string{"ok " + path + ": entry gate, revision 1: 0 blocking"}, nil)

	r := rollout(t, false, "check", "-json", "-as-of", "2027-03-01", path)
	r.want(t, 1, nil, nil)
	var got plan.GateResult
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	k := plan.DefaultChecker()
	k.Policy.AsOf = p.Kickoff.AddDays(49) // 2027-03-01
	want, err := k.Check(t.Context(), p, plan.Exit)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b error) bool { return true })); diff != "" {
		t.Errorf("check -json (-library +command):\n%s", diff)
	}

	// A plan whose content is invalid fails the check with its problems;
	// one that is not a plan at all cannot be checked.
	broken := filepath.Join(t.TempDir(), "broken.json")
	os.WriteFile(broken, bytes.Replace(data, []byte(`"resourceId": "`), []byte(`"resourceId": "nobody-`), 1), 0o644)
	rollout(t, false, "check", broken).want(t, 1, []string{"/demands/0/resourceId: error plan.reference.unknown", "FAIL " + broken + ": invalid plan"}, nil)
	malformed := filepath.Join(t.TempDir(), "malformed.json")
	os.WriteFile(malformed, data[:len(data)/2], 0o644)
	rollout(t, false, "check", malformed).want(t, 2, nil, []string{"rollout check: " + malformed + ":"})
	rollout(t, false, "schedule", broken).want(t, 2, nil, []string{"invalid plan (run 'rollout check' for every problem)"})
}

func TestSchedule(t *testing.T) {
	t.Parallel()
	path, p := planFile(t)
	rollout(t, false, "schedule", path).want(t, 0, []string{
		"TASK  ", "REQ-1/prepare-material  ", "start-no-earlier-than 2027-02-16",
		"ready 2027-04-14, release 2027-04-15: meets the release date by 1 workday(s)\nrelease chain: ",
	}, nil)
	r := rollout(t, false, "schedule", "-json", path)
	r.want(t, 0, nil, nil)
	var got schedule.Summary
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	res, err := p.Schedule()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(res.Summary(), got); diff != "" {
		t.Errorf("schedule -json (-library +command):\n%s", diff)
	}
}

func TestForecast(t *testing.T) {
	t.Parallel()
	path, p := planFile(t)
	r := rollout(t, false, "forecast", "-json", "-iterations", "300", "-seed", "9", "-distribution", "pert", path)
	r.want(t, 0, nil, nil)
	if r.stderr != "" {
		t.Errorf("progress shown on a stderr that is not a terminal: %q", r.stderr)
	}
	var got forecast.Result
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	want, err := p.Forecast(t.Context(), plan.ForecastOptions{Distribution: forecast.PERT, Options: forecast.Options{Iterations: 300, Seed: 9}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(*want, got); diff != "" {
		t.Errorf("forecast -json (-library +command):\n%s", diff)
	}

	r = rollout(t, true, "forecast", "-iterations", "300", path)
	r.want(t, 0, []string{"300 iterations, seed 1, triangular\non time:", "P50 2027-", "drivers (mean workdays, low..high):"},
		[]string{"\rforecast [" + strings.Repeat("=", barWidth) + "] 100% 300/300"})
	if !strings.HasSuffix(r.stderr, "\r") {
		t.Errorf("the bar's line is not cleared: %q", r.stderr)
	}
}

func TestReportExportSample(t *testing.T) {
	t.Parallel()
	path, p := planFile(t)
	rollout(t, false, "report", "-iterations", "200", path).want(t, 0,
		[]string{"Contoso Ledger 4.0 rollout and deployment plan\n", "Gather Release and Deployment Requirements"}, nil)
	rollout(t, false, "report", "-format", "markdown", "-as-of", "2027-04-05", path).want(t, 0, []string{"```mermaid\ngantt\n",
		"    section Wave W2-early Early adopters\n", "## Deployment waves\n", "## Hypercare (early life support)\n", "## Launch readiness\n",
		"| **in-progress (OVERDUE)** |", "## Go/no-go reviews\n", "## Operational communications\n"}, nil)
	rollout(t, false, "report", "-format", "html", "-iterations", "200", path).want(t, 0, []string{"<!DOCTYPE html>", "<svg",
		`<section id="deployment">`, `<section id="hypercare">`, `<section id="readiness">`, `<section id="reviews">`, `<section id="communications">`}, nil)
	out := filepath.Join(t.TempDir(), "report.txt")
	rollout(t, false, "report", "-iterations", "200", "-o", out, path).want(t, 0, nil, nil)
	if b, err := os.ReadFile(out); err != nil || !bytes.HasPrefix(b, []byte("Contoso Ledger 4.0")) {
		t.Errorf("report -o wrote %q, %v", b[:min(len(b), 40)], err)
	}

	rollout(t, false, "export", "-format", "boards-csv", "-org", "contoso", "-project", "ledger", "-update", path).want(t, 0,
		[]string{"ID,Work Item Type,Title 1,Title 2,State,", "\n4101,Requirement,"}, nil)
	r := rollout(t, false, "export", "-format", "boards-json", "-org", "contoso", "-project", "ledger", "-update", path)
	r.want(t, 0, []string{`"uri": "/ledger/_apis/wit/workitems/4101?api-version=`}, nil)
	var batches [][]map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &batches); err != nil || len(batches) == 0 || len(batches[0]) == 0 {
		t.Errorf("boards-json: %d batches, %v", len(batches), err)
	}
	rollout(t, false, "export", "-format", "ical", path).want(t, 0, []string{"BEGIN:VCALENDAR\r\n", "END:VCALENDAR\r\n",
		"CATEGORIES:deploy\r\n", "CATEGORIES:point-of-no-return\r\n", "CATEGORIES:hypercare\r\n", "CATEGORIES:notice\r\n"}, nil)
	rollout(t, false, "export", "-format", "mspdi", path).want(t, 0, []string{"<Project xmlns=\"http://schemas.microsoft.com/project\"", "</Project>"}, nil)
	rollout(t, false, "export", "-format", "tjp", path).want(t, 0, []string{"project ", "task "}, nil)
	out = filepath.Join(t.TempDir(), "plan.xml")
	rollout(t, false, "export", "-format", "mspdi", "-baseline", "nope", "-o", out, path).want(t, 2, nil, []string{"rollout export:"})
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed export left %s behind: %v", out, err)
	}
	doc, err := plan.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	if r := rollout(t, false, "export", "-format", "plan-json", path); r.stdout != string(doc) {
		t.Errorf("plan-json is not the canonical document")
	}
	if r := rollout(t, false, "sample"); r.stdout != string(doc) {
		t.Errorf("sample writes another document than sample -o")
	}
}

func TestCompare(t *testing.T) {
	t.Parallel()
	path, _ := planFile(t)
	rollout(t, false, "compare", path).want(t, 1, []string{
		`risk R7: risks.risks["R7"].probability changed from 25 to 40`,
		"schedule variance (workdays):\n  REQ-22/publish-docs  changed  2027-03-03..2027-03-03 -> 2027-03-05..2027-03-05  +2  +2\n",
	}, nil)
	if r := rollout(t, false, "compare", path, path); r.code != 0 || r.stdout != "" {
		t.Errorf("a plan compared with itself: exit %d, output %q", r.code, r.stdout)
	}
	rollout(t, false, "compare", "-baseline", "nope", path).want(t, 2, nil, []string{"rollout compare:"})
	r := rollout(t, false, "compare", "-json", path)
	var c plan.Comparison
	if err := json.Unmarshal([]byte(r.stdout), &c); err != nil || len(c.Differences) == 0 || r.code != 1 {
		t.Errorf("compare -json: exit %d, %d differences, %v", r.code, len(c.Differences), err)
	}
}

// TestExportBoardsCSVFiles exports a plan of more work items than the
// Azure Boards web import takes in one file: with -o the files are
// written side by side (plan.csv, plan-2.csv), each within the limit, and
// to standard output the command refuses with a clear message.
func TestExportBoardsCSVFiles(t *testing.T) {
	t.Parallel()
	_, p := planFile(t)
	req := p.Backlog.Requirements()[0].ID
	ch := lifecycle.Change{By: "Rita Alvarez", At: time.Date(2027, 1, 12, 9, 0, 0, 0, time.UTC)}
	for i := range azureboards.MaxCSVItems {
		task := backlog.Task{ID: fmt.Sprintf("BULK-%d", i), Title: fmt.Sprintf("Bulk task %d", i), Requirements: []string{req},
			Estimate: backlog.Days(1), Assignee: p.Backlog.Tasks()[0].Assignee}
		if err := p.AddTask(task, ch); err != nil {
			t.Fatal(err)
		}
	}
	doc, err := plan.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "big.json")
	if err := os.WriteFile(path, doc, 0o666); err != nil {
		t.Fatal(err)
	}
	rollout(t, false, "export", "-format", "boards-csv", "-org", "contoso", "-project", "ledger", path).want(t, 2, nil,
		[]string{"CSV files (the web import takes at most 1000 work items per file): name the first with -o"})
	out := filepath.Join(dir, "plan.csv")
	rollout(t, false, "export", "-format", "boards-csv", "-org", "contoso", "-project", "ledger", "-o", out, path).want(t, 0, nil, nil)
	total := 0
	for _, name := range []string{"plan.csv", "plan-2.csv"} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if n := len(rows) - 1; n < 1 || n > azureboards.MaxCSVItems {
			t.Errorf("%s holds %d work items, want 1 to %d", name, n, azureboards.MaxCSVItems)
		}
		total += len(rows) - 1
	}
	if _, err := os.Stat(filepath.Join(dir, "plan-3.csv")); !os.IsNotExist(err) {
		t.Errorf("a third file was written: %v", err)
	}
	if total <= azureboards.MaxCSVItems {
		t.Errorf("%d work items in all, want more than %d", total, azureboards.MaxCSVItems)
	}
}
