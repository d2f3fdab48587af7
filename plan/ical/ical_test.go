package ical_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/ical"
	"github.com/rolloutkit/rollout/plan/internal/bigplan"
	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/plan/view"
)

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{`a\b`, `a\\b`},
		{"Trade show; Berlin, Hall 3", `Trade show\; Berlin\, Hall 3`},
		{"two\nlines", `two\nlines`},
		{"crlf\r\nline", `crlf\nline`},
		{"lone\rcr", `lone\ncr`},
		{"tab\there", "tab here"},
		{"bell\x07", "bell"},
		{"Zürich: café", "Zürich: café"},
	} {
		if got := ical.Escape(tc.in); got != tc.want {
			t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFold(t *testing.T) {
	long := "SUMMARY:" + strings.Repeat("x", 100)
	for _, tc := range []struct{ in, want string }{
		{"SHORT:1", "SHORT:1\r\n"},
		{strings.Repeat("a", 75), strings.Repeat("a", 75) + "\r\n"},
		{strings.Repeat("a", 76), strings.Repeat("a", 75) + "\r\n a\r\n"},
		{long, long[:75] + "\r\n " + long[75:] + "\r\n"},
		// "é" is two octets: the fold falls before it, not inside it.
		{strings.Repeat("a", 74) + "é", strings.Repeat("a", 74) + "\r\n é\r\n"},
	} {
		if got := ical.Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// checkFolded checks the folding laws: every physical line is at most 75
// octets and valid UTF-8, and unfolding gives back the logical line.
func checkFolded(t *testing.T, in, folded string) {
	t.Helper()
	if !strings.HasSuffix(folded, "\r\n") {
		t.Fatalf("not ended by CRLF: %q", folded)
	}
	lines := strings.Split(strings.TrimSuffix(folded, "\r\n"), "\r\n")
	for i, l := range lines {
		if len(l) > 75 {
			t.Errorf("line %d has %d octets", i, len(l))
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i, l)
		}
		if i > 0 && !strings.HasPrefix(l, " ") {
			t.Errorf("continuation line %d does not start with a space", i)
		}
	}
	if got := strings.ReplaceAll(strings.TrimSuffix(folded, "\r\n"), "\r\n ", ""); got != strings.ToValidUTF8(in, "\uFFFD") {
		t.Errorf("unfolded %q, want %q", got, in)
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "SUMMARY:x", strings.Repeat("é", 80), strings.Repeat("a", 74) + "日本語", "\xff\xfe" + strings.Repeat("b", 90)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "\r\n") {
			s = ical.Escape(s)
		}
		checkFolded(t, s, ical.Fold(s))
	})
}

func samplePlan(t testing.TB) *plan.Plan {
	t.Helper()
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSample(t *testing.T) {
	p := samplePlan(t)
	var buf bytes.Buffer
	if err := ical.Write(context.Background(), &buf, p, ical.Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
		"UID:launch.contoso-ledger-4.0@rollout.invalid\r\n",
		"DTSTART;VALUE=DATE:20270415\r\nDTEND;VALUE=DATE:20270416\r\n",
		"SUMMARY:Launch of Contoso Ledger 4.0\r\n",
		"UID:decision%2FGNG-1.contoso-ledger-4.0@rollout.invalid\r\n",
		"CATEGORIES:training\r\n",
		"CATEGORIES:trade-show\r\n",
		"CATEGORIES:road-show\r\n",
		"CATEGORIES:wave\r\n",
		// The deployment half: each wave's deployment days, the point of
		// no return, hypercare, the freeze and the notices.
		"UID:wave%2FW1-internal%2Fdeploy.contoso-ledger-4.0@rollout.invalid\r\n",
		"DTSTART;VALUE=DATE:20270416\r\nDTEND;VALUE=DATE:20270420\r\nSUMMARY:Deploy wave W3-ring1: Ring 1: North American hosted tenants\r\n",
		"CATEGORIES:deploy\r\nTRANSP:OPAQUE\r\n",
		"UID:point-of-no-return.contoso-ledger-4.0@rollout.invalid\r\n",
		"SUMMARY:Point of no return: W3-ring1 Ring 1: North American hosted tenants\r\n",
		"UID:hypercare.contoso-ledger-4.0@rollout.invalid\r\n",
		"DTSTART;VALUE=DATE:20270415\r\nDTEND;VALUE=DATE:20270513\r\nSUMMARY:Hypercare (early life support)\r\n",
		"SUMMARY:Freeze: Q1 close of hosted customers\r\nDESCRIPTION:No deployment in this window.\r\n",
		"UID:task%2FREQ-24%2Fnotice-W2-early.contoso-ledger-4.0@rollout.invalid\r\n",
		"CATEGORIES:notice\r\n",
		"END:VCALENDAR\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("calendar lacks %q", want)
		}
	}
	for i, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(l) > 75 || strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d: %q", i, l)
		}
	}
	// The same plan gives the same file: UIDs and stamps are stable.
	again, err := ical.Marshal(context.Background(), p, ical.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, buf.Bytes()) {
		t.Error("two exports of the same plan differ")
	}
}

func TestInvalidPlanWritesNothing(t *testing.T) {
	p := samplePlan(t)
	p.ID = ""
	var buf bytes.Buffer
	err := ical.Write(context.Background(), &buf, p, ical.Options{})
	if !errors.Is(err, view.ErrInvalidPlan) {
		t.Errorf("err = %v, want ErrInvalidPlan", err)
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes for an invalid plan", buf.Len())
	}
}

// TestPythonICalendar has a real parser, Debian's python3-icalendar, read
// the sample's calendar and checks every event and its dates. It runs
// when the parser is installed and is required when
// ROLLOUT_REQUIRE_ICAL=1 (CI).
func TestPythonICalendar(t *testing.T) {
	python := ""
	for _, c := range []string{"/usr/bin/python3", "python3"} {
		if path, err := exec.LookPath(c); err == nil && exec.Command(path, "-c", "import icalendar").Run() == nil {
			python = path
			break
		}
	}
	if python == "" {
		if os.Getenv("ROLLOUT_REQUIRE_ICAL") == "1" {
			t.Fatal("ROLLOUT_REQUIRE_ICAL=1 but no python3 with the icalendar package (apt-get install python3-icalendar)")
		}
		t.Skip("python3-icalendar not installed")
	}
	p := samplePlan(t)
	// A title that needs escaping and folding.
	p.Title = "Contoso Ledger 4.0; launch, road shows \\ trainings — a long title that surely needs folding at seventy-five octets"
	v, err := view.New(p, view.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := ical.Marshal(context.Background(), p, ical.Options{View: v, Stamp: time.Date(2027, 3, 1, 9, 30, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "plan.ics")
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, filepath.Join("testdata", "check_ical.py"), file).CombinedOutput()
	if err != nil {
		t.Fatalf("icalendar refused the file: %v\n%s", err, out)
	}
	type event struct {
		UID, Summary, Description, Start, End, Category string
	}
	var got struct {
		Name   string
		Events []event
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.Name != p.Title {
		t.Errorf("calendar name = %q, want %q", got.Name, p.Title)
	}
	ro := v.Rollout()
	if len(got.Events) != len(v.Events)+len(v.Windows)+len(ro.Waves) {
		t.Fatalf("%d events parsed, want %d", len(got.Events), len(v.Events)+len(v.Windows)+len(ro.Waves))
	}
	uids := map[string]bool{}
	for i, e := range v.Events {
		g := got.Events[i]
		start, end := e.Start.String(), e.Finish.AddDays(1).String()
		if !e.At.IsZero() {
			start, end = e.At.UTC().Format("2006-01-02T15:04:05Z"), e.At.Add(time.Hour).UTC().Format("2006-01-02T15:04:05Z")
		}
		want := event{UID: g.UID, Summary: e.Title, Description: g.Description, Start: start, End: end, Category: string(e.Kind)}
		if diff := cmp.Diff(want, g); diff != "" {
			t.Errorf("event %s (-want +got):\n%s", e.Key, diff)
		}
		if uids[g.UID] {
			t.Errorf("UID %s twice", g.UID)
		}
		uids[g.UID] = true
	}
	for i, w := range v.Windows {
		g := got.Events[len(v.Events)+i]
		if g.Start != w.From.String() || g.End != w.Through.AddDays(1).String() || g.Category != string(w.Kind) {
			t.Errorf("window %s: parsed %+v", w.Key, g)
		}
		if uids[g.UID] {
			t.Errorf("UID %s twice", g.UID)
		}
		uids[g.UID] = true
	}
	// Each wave's deployment days, after the windows.
	for i, w := range ro.Waves {
		g := got.Events[len(v.Events)+len(v.Windows)+i]
		want := event{UID: "wave%2F" + w.ID + "%2Fdeploy." + p.ID + "@rollout.invalid", Summary: "Deploy wave " + w.ID + ": " + w.Name,
			Description: g.Description, Start: w.Start.String(), End: w.Deployed.AddDays(1).String(), Category: ical.CategoryDeploy}
		if diff := cmp.Diff(want, g); diff != "" {
			t.Errorf("deployment of %s (-want +got):\n%s", w.ID, diff)
		}
		if !strings.Contains(g.Description, "Rollback: "+w.RollbackText()) {
			t.Errorf("deployment of %s: description %q", w.ID, g.Description)
		}
		if uids[g.UID] {
			t.Errorf("UID %s twice", g.UID)
		}
		uids[g.UID] = true
	}
	// Descriptions, unescaped by the parser.
	byUID := map[string]event{}
	for _, g := range got.Events {
		byUID[strings.TrimSuffix(g.UID, "."+p.ID+"@rollout.invalid")] = g
	}
	for key, want := range map[string][]string{
		"decision%2FGNG-1":                {"Outcome: undecided\nApprovers:\n- Rita Alvarez (Release Manager): not voted\n"},
		"point-of-no-return":              {"From here the rollout cannot be rolled back: ring 1 migrates 100 tenants' ledgers to the 4.0 schema", "\nGuarded by go/no-go review GNG-1 (undecided, 2027-04-12)\nPassed: not yet\n"},
		"hypercare":                       {"Lead: Director of Customer Support\nExit criterion: open priority 1 incidents at most 0 incidents over 120 h\n", "War room: Ledger 4.0 war room, Redmond (HC/war-room, committed)"},
		"wave%2FW3-ring1":                 {"Wave W3-ring1 (broad) to North American hosted tenants (100 customers, 25 %).\nDeployed 2027-04-16 to 2027-04-19, soaks 5 workdays, gate 2027-04-27.\nSuccess: posting error rate at most 0.5 % over 120 h\n", "Past the point of no return"},
		"task%2FREQ-24%2Fnotice-W2-early": {"Announces wave W2-early (Early adopters) to Early-adopter hosted customers (3 customers), deployed from 2027-04-05: 13 workdays before."},
		"wave%2FW2-early%2Fdeploy":        {"Customers noticed on 2027-03-09 (REQ-24/notice-W2-early)."},
	} {
		g, ok := byUID[key]
		if !ok {
			t.Errorf("no event %s", key)
			continue
		}
		for _, w := range want {
			if !strings.Contains(g.Description, w) {
				t.Errorf("event %s: description %q lacks %q", key, g.Description, w)
			}
		}
	}
	for key, cat := range map[string]string{"point-of-no-return": "point-of-no-return", "hypercare": "hypercare", "task%2FREQ-24%2Fnotice-W3-ring1": "notice"} {
		if byUID[key].Category != cat {
			t.Errorf("event %s: category %q, want %q", key, byUID[key].Category, cat)
		}
	}
	if g := byUID["point-of-no-return"]; g.Start != "2027-04-16" || g.End != "2027-04-17" {
		t.Errorf("point of no return on %s..%s, want 2027-04-16", g.Start, g.End)
	}
	if g := byUID["hypercare"]; g.Start != "2027-04-15" || g.End != "2027-05-13" {
		t.Errorf("hypercare %s..%s, want 2027-04-15..2027-05-13 (end exclusive)", g.Start, g.End)
	}
}

// A plan without deployment exports no wave, deployment, point of no
// return or hypercare event.
func TestNoRolloutNoEvents(t *testing.T) {
	p, err := bigplan.Plan(40)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ical.Marshal(context.Background(), p, ical.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, absent := range []string{"CATEGORIES:wave", "CATEGORIES:deploy", "CATEGORIES:point-of-no-return", "CATEGORIES:hypercare", "UID:wave%2F"} {
		if strings.Contains(string(b), absent) {
			t.Errorf("calendar of a plan without deployment has %q", absent)
		}
	}
	if !strings.Contains(string(b), "BEGIN:VEVENT") {
		t.Error("no event at all")
	}
}
