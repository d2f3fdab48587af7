package schedule

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/rolloutkit/rollout/calendar"
)

// levelProject returns the generated project of issue 18: task i depends
// on 1 to 3 distinct earlier tasks, the first drawn from the previous 50
// tasks (long chains), the others from all earlier tasks (fan-in across
// the plan); each task takes 1 to 10 workdays of exactly one of 50 people
// (Monday to Friday, no holidays). IDs are t00000, t00001, ... so that the
// order of IDs is the order of generation.
func levelProject(seed uint64, n, people int) Network {
	rng := rand.New(rand.NewPCG(seed, 18))
	net := Network{Start: d("2027-01-04"), Activities: make([]Activity, n)}
	for r := 0; r < people; r++ {
		net.Resources = append(net.Resources, Resource{ID: fmt.Sprintf("p%03d", r), Capacity: 1})
	}
	for i := range net.Activities {
		net.Activities[i] = Activity{
			ID:       fmt.Sprintf("t%05d", i),
			Duration: 1 + rng.IntN(10),
			Demands:  []Demand{{Resource: net.Resources[rng.IntN(people)].ID, Units: 1}},
		}
		if i == 0 {
			continue
		}
		k := min(i, 1+rng.IntN(3))
		preds := []int{i - 1 - rng.IntN(min(i, 50))}
		for len(preds) < k {
			p := rng.IntN(i)
			dup := false
			for _, q := range preds {
				dup = dup || q == p
			}
			if !dup {
				preds = append(preds, p)
			}
		}
		for _, p := range preds {
			net.Dependencies = append(net.Dependencies, Dependency{From: net.Activities[p].ID, To: net.Activities[i].ID})
		}
	}
	return net
}

// levelBound returns lower bounds on the makespan of a levelled n, in
// workdays from its start: the critical path with resources ignored, and
// the largest total work of one resource (its demands' unit-days over its
// capacity, rounded up). Every levelled schedule lasts at least the
// larger of the two.
func levelBound(n Network) (critical, work int, err error) {
	r, err := Schedule(n)
	if err != nil {
		return 0, 0, err
	}
	critical = int(r.p.end - r.p.start)
	total := map[string]int{}
	for _, a := range n.Activities {
		for _, dm := range a.Demands {
			total[dm.Resource] += a.Duration * dm.Units
		}
	}
	for _, res := range n.Resources {
		if res.Capacity > 0 {
			work = max(work, (total[res.ID]+res.Capacity-1)/res.Capacity)
		}
	}
	return critical, work, nil
}

// makespan returns the workdays from the start of the levelled schedule to
// its end.
func (l *Levelled) makespan() int { return int(l.end - l.base.p.start) }

// writeLevelTJP writes a project of levelProject's shape (finish-to-start
// links without lags, single-unit resources of capacity 1, no calendar
// other than Monday to Friday) as TaskJuggler 3 input in which each task
// has "effort Nd" of its one resource, so that tj3 levels it.
func writeLevelTJP(w io.Writer, n Network) error {
	b := bufio.NewWriter(w)
	// TaskJuggler takes years up to 2035: start in 2000, and end the
	// project well after the critical path.
	cp, _, err := levelBound(n)
	if err != nil {
		return err
	}
	start := tjLevelStart
	end := start.AddDays(cp*7/5*3/2 + 60)
	fmt.Fprintf(b, "project level \"level\" %s - %s {\n  timezone \"UTC\"\n  timeformat \"%%Y-%%m-%%d %%H:%%M\"\n  dailyworkinghours 8\n  workinghours mon - fri 9:00 - 17:00\n  workinghours sat, sun off\n}\n", start, end)
	for _, r := range n.Resources {
		fmt.Fprintf(b, "resource %s \"%s\"\n", r.ID, r.ID)
	}
	preds := map[string][]string{}
	for _, dep := range n.Dependencies {
		preds[dep.To] = append(preds[dep.To], dep.From)
	}
	for _, a := range n.Activities {
		fmt.Fprintf(b, "task %s \"%s\" {\n", a.ID, a.ID)
		if len(preds[a.ID]) == 0 {
			fmt.Fprintf(b, "  start %s\n", start)
		}
		for _, p := range preds[a.ID] {
			fmt.Fprintf(b, "  depends %s\n", p)
		}
		fmt.Fprintf(b, "  effort %dd\n  allocate %s\n}\n", a.Duration, a.Demands[0].Resource)
	}
	b.WriteString("taskreport \"level\" {\n  formats csv\n  columns id, start, end\n  hidetask 0\n}\n")
	return b.Flush()
}

// tjLevelStart is the Monday on which writeLevelTJP starts the project.
var tjLevelStart = d("2000-01-03")

// tjMakespan levels n (of levelProject's shape) with TaskJuggler and
// returns the workdays from n.Start through the last day tj3 books.
func tjMakespan(ctx context.Context, tj3, dir string, n Network) (int, error) {
	var buf bytes.Buffer
	if err := writeLevelTJP(&buf, n); err != nil {
		return 0, err
	}
	file := filepath.Join(dir, "level.tjp")
	if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
		return 0, err
	}
	cmd := exec.CommandContext(ctx, tj3, "--no-color", "--silent", "-o", dir, file)
	if out, err := cmd.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("tj3: %w\n%s", err, out)
	}
	f, err := os.ReadFile(filepath.Join(dir, "level.csv"))
	if err != nil {
		return 0, err
	}
	rd := csv.NewReader(bytes.NewReader(f))
	rd.Comma = ';'
	rows, err := rd.ReadAll()
	if err != nil {
		return 0, err
	}
	last := tjLevelStart
	for _, row := range rows[1:] {
		e, err := time.Parse("2006-01-02 15:04", row[2])
		if err != nil {
			return 0, err
		}
		last = calendar.Max(last, calendar.FromTime(e))
	}
	return calendar.Standard().WorkdaysBetween(tjLevelStart, last.AddDays(1)), nil
}
