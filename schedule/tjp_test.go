package schedule

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rolloutkit/rollout/calendar"
)

// tjNetwork returns a random network that TaskJuggler can express:
// finish-to-start and start-to-start links with lags of 0 to 3, milestones,
// start-no-earlier-than dates on workdays, work after the release, and a
// calendar with holidays (single days and a range).
func tjNetwork(rng *rand.Rand, n int, week calendar.Weekdays) Network {
	start := d("2027-03-01").AddDays(rng.IntN(5))
	spec := calendar.Spec{Name: "tj", Workweek: week, HoursPerDay: 8, Holidays: []calendar.Holiday{
		{Name: "one", Date: start.AddDays(2 + rng.IntN(5))},
		{Name: "range", Date: start.AddDays(10 + rng.IntN(5)), Through: start.AddDays(16 + rng.IntN(3))},
	}}
	cal, err := calendar.New(spec)
	if err != nil {
		panic(err)
	}
	net := Network{Calendar: cal, Deadline: start.AddDays(40)}
	net.Start, _ = cal.RollForward(start)
	for i := 0; i < n; i++ {
		a := Activity{ID: fmt.Sprintf("act-%d", i), Name: "activity \"" + strconv.Itoa(i) + "\"", Duration: rng.IntN(5)}
		switch rng.IntN(10) {
		case 0:
			a.StartNoEarlierThan, _ = cal.RollForward(start.AddDays(rng.IntN(30)))
		case 1:
			a.AfterRelease, a.ReleaseLag = true, rng.IntN(3)
		}
		net.Activities = append(net.Activities, a)
	}
	for k := 0; k < 2*n; k++ {
		i := rng.IntN(n - 1)
		j := i + 1 + rng.IntN(min(n-i-1, 6))
		net.Dependencies = append(net.Dependencies, Dependency{
			From: net.Activities[i].ID, To: net.Activities[j].ID,
			Type: LinkType(rng.IntN(2)), Lag: max(0, rng.IntN(6)-2),
		})
	}
	return net
}

// TestTaskJuggler schedules generated networks with TaskJuggler (tj3) and
// compares its dates with ours. It is skipped when tj3 is not installed,
// unless ROLLOUT_REQUIRE_TJ3=1.
func TestTaskJuggler(t *testing.T) {
	tj3, err := exec.LookPath("tj3")
	if err != nil {
		if os.Getenv("ROLLOUT_REQUIRE_TJ3") == "1" {
			t.Fatalf("tj3 (TaskJuggler) is required (ROLLOUT_REQUIRE_TJ3=1) but not on PATH: %v", err)
		}
		t.Skip("tj3 (TaskJuggler, Debian package tj3) is not on PATH; set ROLLOUT_REQUIRE_TJ3=1 to make this a failure")
	}
	weeks := []calendar.Weekdays{calendar.MondayToFriday, calendar.WeekdaysOf(time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday), calendar.MondayToFriday, calendar.WeekdaysOf(time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday)}
	for i, week := range weeks {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(uint64(i)+1, 98))
			net := tjNetwork(rng, 15+rng.IntN(15), week)
			compareWithTJ(t, tj3, net)
		})
	}
}

func compareWithTJ(t *testing.T, tj3 string, net Network) {
	t.Helper()
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := WriteTJP(&buf, net); err != nil {
		t.Fatal(err)
	}
	buf.WriteString("taskreport dates \"dates\" {\n  formats csv\n  columns id, start, end\n}\n")
	file := filepath.Join(dir, "net.tjp")
	if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, tj3, "--no-color", "--silent", "-o", dir, file)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tj3: %v\n%s\n%s", err, out, buf.String())
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
		e, err2 := time.Parse("2006-01-02 15:04", row[2])
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		tj[row[0]] = [2]time.Time{s, e}
	}
	r, err := Schedule(net)
	if err != nil {
		t.Fatal(err)
	}
	cal := net.Calendar
	compared := 0
	for i, tm := range r.Timings() {
		got, ok := tj[fmt.Sprintf("t%d", i)]
		if !ok {
			t.Fatalf("TaskJuggler did not report t%d (%s)", i, tm.ID)
		}
		ts, te := calendar.FromTime(got[0]), calendar.FromTime(got[1])
		if tm.Duration > 0 {
			// TaskJuggler's start is the instant the task may begin,
			// such as 17:00 the day its predecessor ends; the work
			// begins on the next working hour.
			if got[0].Hour() >= 17 {
				ts, _ = cal.NextWorkday(ts)
			} else {
				ts, _ = cal.RollForward(ts)
			}
		}
		if ts != tm.EarlyStart || te != tm.EarlyFinish {
			t.Errorf("%s (t%d, duration %d): TaskJuggler %s..%s (%s..%s), ours %s..%s", tm.ID, i, tm.Duration,
				ts, te, got[0].Format("01-02 15:04"), got[1].Format("01-02 15:04"), tm.EarlyStart, tm.EarlyFinish)
		}
		compared++
	}
	if t.Failed() {
		t.Logf("project:\n%s", strings.TrimSpace(buf.String()))
	}
	if compared != len(net.Activities) {
		t.Errorf("compared %d of %d activities", compared, len(net.Activities))
	}
}

func TestWriteTJPUnsupported(t *testing.T) {
	for _, dep := range []Dependency{{From: "a", To: "b", Type: FinishToFinish}, {From: "a", To: "b", Type: StartToFinish}, {From: "a", To: "b", Lag: -1}} {
		n := Network{Start: d("2027-01-04"), Activities: []Activity{{ID: "a", Duration: 1}, {ID: "b", Duration: 1}}, Dependencies: []Dependency{dep}}
		var buf bytes.Buffer
		if err := WriteTJP(&buf, n); !errors.Is(err, ErrNotSupported) || buf.Len() != 0 {
			t.Errorf("%+v: err %v, wrote %d bytes", dep, err, buf.Len())
		}
	}
}
