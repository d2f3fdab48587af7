package tjp_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/internal/bigplan"
	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/plan/tjp"
	"github.com/rolloutkit/rollout/plan/view"
)

func TestID(t *testing.T) {
	for in, want := range map[string]string{
		"REQ-1/prepare-material": "REQ_1_prepare_material",
		"7up":                    "_7up",
		"":                       "_",
		"é":                      "_",
		"ok_1":                   "ok_1",
	} {
		if got := tjp.ID(in); got != want {
			t.Errorf("ID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSample(t *testing.T) {
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	e, err := tjp.Marshal(context.Background(), p, tjp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := string(e.TJP)
	for _, want := range []string{
		`project contoso_ledger_4_0 "Contoso Ledger 4.0`,
		`task REQ_1 "REQ-1: `,
		`  task prepare_material "REQ-1/prepare-material: `,
		"leaves holiday",
		"resource ",
		"  allocate ",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("export lacks %q", want)
		}
	}
	if got := e.IDs["REQ-1/prepare-material"]; got != "REQ_1.prepare_material" {
		t.Errorf("ID of REQ-1/prepare-material = %q", got)
	}
	// The templates' FF links are written as SS and listed.
	ff := false
	for _, w := range e.Warnings {
		ff = ff || strings.Contains(w.Message, "FF link")
	}
	if !ff {
		t.Errorf("no FF warning in %v", e.Warnings)
	}
}

func TestLeadsAndAllLinkTypesAreWarnedNotRefused(t *testing.T) {
	p, err := bigplan.Plan(20)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	warnings, err := tjp.Write(context.Background(), &buf, p, tjp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, w := range warnings {
		if strings.HasPrefix(w.Task, "REQ-1/") {
			kinds = append(kinds, w.String())
		}
	}
	got := strings.Join(kinds, "\n")
	for _, want := range []string{"REQ-1/T5: FF link", "REQ-1/T6: SF link", "REQ-1/T7: FS link from REQ-1/T6 with a lead of 1 workdays written as SS with gap 3"} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings lack %q:\n%s", want, got)
		}
	}
}

func TestInvalidPlanWritesNothing(t *testing.T) {
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	p.ID = " "
	var buf bytes.Buffer
	if _, err := tjp.Write(context.Background(), &buf, p, tjp.Options{}); !errors.Is(err, view.ErrInvalidPlan) {
		t.Errorf("err = %v, want ErrInvalidPlan", err)
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes", buf.Len())
	}
}

// TestTaskJuggler has tj3 schedule the sample plan's export and compares
// every task's start and finish with the plan's schedule. It runs when tj3
// is installed and is required when ROLLOUT_REQUIRE_TJ3=1 (CI).
func TestTaskJuggler(t *testing.T) {
	tj3, err := exec.LookPath("tj3")
	if err != nil {
		if os.Getenv("ROLLOUT_REQUIRE_TJ3") == "1" {
			t.Fatal("ROLLOUT_REQUIRE_TJ3=1 but tj3 is not on PATH (apt-get install tj3)")
		}
		t.Skip("tj3 not installed")
	}
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("sample", func(t *testing.T) { compare(t, tj3, p) })
	// All four link types, lags and leads, written as equivalents.
	big, err := bigplan.Plan(60)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("generated", func(t *testing.T) { compare(t, tj3, big) })
}

func compare(t *testing.T, tj3 string, p *plan.Plan) {
	t.Helper()
	v, err := view.New(p, view.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The levelled export (with allocations) must schedule too.
	levelled, err := tjp.Marshal(context.Background(), p, tjp.Options{View: v})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	run(t, tj3, dir, levelled.TJP)
	e, err := tjp.Marshal(context.Background(), p, tjp.Options{View: v, WithoutAllocations: true})
	if err != nil {
		t.Fatal(err)
	}
	tj := run(t, tj3, dir, e.TJP)
	compared := 0
	for _, tk := range v.Tasks {
		if !tk.Scheduled {
			continue
		}
		got, ok := tj[e.IDs[tk.ID]]
		if !ok {
			t.Errorf("TaskJuggler did not report %s (%s)", tk.ID, e.IDs[tk.ID])
			continue
		}
		ts, te := calendar.FromTime(got[0]), calendar.FromTime(got[1])
		if tk.Timing.Duration > 0 {
			// TaskJuggler's start is the instant work may begin, such as
			// 17:00 on the predecessor's last day.
			if got[0].Hour() >= 17 {
				ts, _ = v.Calendar.NextWorkday(ts)
			} else {
				ts, _ = v.Calendar.RollForward(ts)
			}
		}
		if ts != tk.Timing.EarlyStart || te != tk.Timing.EarlyFinish {
			t.Errorf("%s: TaskJuggler %s..%s, ours %s..%s", tk.ID, ts, te, tk.Timing.EarlyStart, tk.Timing.EarlyFinish)
		}
		compared++
	}
	if compared == 0 {
		t.Error("nothing compared")
	}
}

// run has tj3 schedule the project and returns each task's start and end.
func run(t *testing.T, tj3, dir string, project []byte) map[string][2]time.Time {
	t.Helper()
	src := append(append([]byte(nil), project...), "taskreport dates \"dates\" {\n  formats csv\n  columns id, start, end\n}\n"...)
	file := filepath.Join(dir, "plan.tjp")
	if err := os.WriteFile(file, src, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	if out, err := exec.CommandContext(ctx, tj3, "--no-color", "--silent", "-o", dir, file).CombinedOutput(); err != nil {
		t.Fatalf("tj3: %v\n%s", err, out)
	}
	f, err := os.ReadFile(filepath.Join(dir, "dates.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rd := csv.NewReader(bytes.NewReader(f))
	rd.Comma = ';'
	rows, err := rd.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	tj := map[string][2]time.Time{}
	for _, row := range rows[1:] {
		s, err1 := time.Parse("2006-01-02 15:04", row[1])
		en, err2 := time.Parse("2006-01-02 15:04", row[2])
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		tj[row[0]] = [2]time.Time{s, en}
	}
	return tj
}
