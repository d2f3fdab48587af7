package schedule

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"testing"
	"time"
)

// TestLevelFigures prints, for the generated projects of issue 18, the
// lower bounds, the levelled makespan without and with splitting and
// (when tj3 is installed and ROLLOUT_LEVEL_TJ=1) TaskJuggler's. It runs only with ROLLOUT_LEVEL_FIGURES=1 (tj3 takes
// about 20 s on 10,000 tasks); set ROLLOUT_LEVEL_SIZES to "1000,10000".
func TestLevelFigures(t *testing.T) {
	if os.Getenv("ROLLOUT_LEVEL_FIGURES") != "1" {
		t.Skip("set ROLLOUT_LEVEL_FIGURES=1")
	}
	tj3, _ := exec.LookPath("tj3")
	sizes := []int{1000}
	if s := os.Getenv("ROLLOUT_LEVEL_SIZES"); s != "" {
		sizes = nil
		for _, f := range splitComma(s) {
			n, err := strconv.Atoi(f)
			if err != nil {
				t.Fatal(err)
			}
			sizes = append(sizes, n)
		}
	}
	seeds := 3
	if s := os.Getenv("ROLLOUT_LEVEL_SEEDS"); s != "" {
		seeds, _ = strconv.Atoi(s)
	}
	for _, n := range sizes {
		for seed := uint64(1); seed <= uint64(seeds); seed++ {
			net := levelProject(seed, n, 50)
			cp, work, err := levelBound(net)
			if err != nil {
				t.Fatal(err)
			}
			lb := max(cp, work)
			t0 := time.Now()
			l, err := Level(net)
			if err != nil {
				t.Fatal(err)
			}
			el := time.Since(t0)
			jb, err := jacksonBound(net)
			if err != nil {
				t.Fatal(err)
			}
			tt, err := timetableBound(net, lb)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("jackson bound %d, time-tabling bound %d (no schedule without splitting is shorter)", jb, tt)
			tj := 0
			if tj3 != "" && os.Getenv("ROLLOUT_LEVEL_TJ") == "1" {
				if tj, err = tjMakespan(context.Background(), tj3, t.TempDir(), net); err != nil {
					t.Fatal(err)
				}
			}
			split := levelProject(seed, n, 50)
			for i := range split.Activities {
				split.Activities[i].Splittable = true
			}
			ls, err := Level(split)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("n=%d seed=%d cp=%d work=%d level=%d (%+.1f%%, %v, %s) level-split=%d tj3=%d", n, seed, cp, work, l.makespan(),
				100*float64(l.makespan()-lb)/float64(lb), el.Round(time.Millisecond), l.Method(), ls.makespan(), tj)
			if os.Getenv("ROLLOUT_LEVEL_SCHEMES") == "1" {
				all := append(slices.Clone(baselineSchemes), defaultSchemes...)
				for _, sc := range all {
					justify := sc.justify
					for _, j := range []bool{false, true} {
						if j && !justify {
							continue
						}
						sc.justify = j
						t0 := time.Now()
						l, err := levelWith(net, levelConfig{schemes: []levelScheme{sc}})
						if err != nil {
							t.Fatal(err)
						}
						t.Logf("    %-60s %5d (%+.1f%%) %v", sc, l.makespan(), 100*float64(l.makespan()-lb)/float64(lb), time.Since(t0).Round(time.Millisecond))
					}
				}
			}
		}
	}
}

func splitComma(s string) []string {
	var out []string
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != ',' {
			i++
		}
		out = append(out, s[:i])
		if i < len(s) {
			i++
		}
		s = s[i:]
	}
	return out
}

// BenchmarkLevelProject levels generated 1,000- and 10,000-task projects
// of issue 18 (50 people) with the serial baseline of earlier versions (least total
// float, no justification) and with Level, tasks not splittable and (as
// TaskJuggler books them) splittable, reporting the makespan in workdays,
// the lower bound (the larger of the critical path and each person's
// work), the percentage above it and TaskJuggler 3.7.1's makespan on the
// same project (pinned: tj3LevelProject; at 1,000 tasks see
// TestLevelGeneratedProjects).
func BenchmarkLevelProject(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		for _, seed := range []uint64{1, 2, 3} {
			net := levelProject(seed, n, 50)
			cp, work, err := levelBound(net)
			if err != nil {
				b.Fatal(err)
			}
			lb := max(cp, work)
			split := levelProject(seed, n, 50)
			for i := range split.Activities {
				split.Activities[i].Splittable = true
			}
			for _, m := range []struct {
				name string
				net  Network
				cfg  levelConfig
			}{
				{"baseline", net, baselineConfig},
				{"level", net, defaultConfig(n)},
				{"level-split", split, defaultConfig(n)},
			} {
				b.Run(fmt.Sprintf("n=%d/seed=%d/%s", n, seed, m.name), func(b *testing.B) {
					var l *Levelled
					for b.Loop() {
						if l, err = levelWith(m.net, m.cfg); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(l.makespan()), "workdays")
					b.ReportMetric(float64(lb), "bound")
					b.ReportMetric(100*float64(l.makespan()-lb)/float64(lb), "%over")
					if tj, ok := tj3LevelProject[[2]int{n, int(seed)}]; ok {
						b.ReportMetric(float64(tj), "tj3-workdays")
					}
				})
			}
		}
	}
}

// tj3LevelProject is TaskJuggler 3.7.1's makespan in workdays on the
// generated projects, by size and seed (TestLevelFigures with
// ROLLOUT_LEVEL_TJ=1; at 10,000 tasks ROLLOUT_LEVEL_SIZES=10000, 5 min 7 s
// for the three under load 10-14). TaskJuggler books effort hour by hour,
// so its tasks split. Level on the 10,000-task projects
// (BenchmarkLevelProject): 2372, 2504, 2222 workdays without splitting,
// 2372, 2493, 2215 with every task splittable; lower bound (critical path)
// 2363, 2467, 2201; no schedule without splitting is shorter than 2372,
// 2476, 2210 (timetableBound), so 2372 is optimal.
var tj3LevelProject = map[[2]int]int{
	{1000, 1}: 345, {1000, 2}: 352, {1000, 3}: 330,
	{10_000, 1}: 2397, {10_000, 2}: 2513, {10_000, 3}: 2235,
}

// TestLevelGeneratedProjects levels generated 1,000-task projects of
// issue 18 and checks the makespan against the lower bound (within 3 %),
// against the shortest schedule known (so that a regression fails) and,
// like with like, against TaskJuggler 3.7.1's on the same project,
// measured with TestLevelFigures and pinned here. TaskJuggler books effort
// hour by hour and lets a task pause while its person works elsewhere (on
// seed 8 it splits 119 of the 1,000 tasks), so it is compared with the
// project whose tasks are all splittable.
//
// Measured on seeds 1 to 8 (TestLevelFigures, TestShaveBoundFigures), in
// workdays:
//
//	seed                                      1    2    3    4    5    6    7    8
//	critical path                           333  338  311  405  358  347  341  330
//	TaskJuggler 3.7.1 (splits)              345  352  330  429  358  352  353  337
//	Level, every task splittable            333  343  313  413  358  347  345  336
//	  no preemptive schedule shorter (a)    333  343  311  409  358  347  344  333
//	Level, no task splittable               334  347  313  413  359  347  346  338
//	  no unsplit schedule shorter (b)       334  347  313  413  359  347  344  338
//
// (a) jacksonBound, (b) shaveBound (propagation with shaving). Splittable,
// Level is shorter than TaskJuggler on seven seeds and equal on seed 5,
// where both reach the critical path. Not splittable, Level is optimal on
// every seed but 7; on seeds 5 and 8 no unsplit schedule matches
// TaskJuggler's split one. Five of them run here, in parallel, to stay
// fast under the race detector.
func TestLevelGeneratedProjects(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		seed  uint64
		split bool
		want  int // the makespan Level reaches (the best known)
		tj3   int // TaskJuggler's (splitting), 0: not compared
	}{
		{2, false, 347, 0}, {3, false, 313, 0}, {8, false, 338, 0},
		{5, true, 358, 358}, {8, true, 336, 337},
	} {
		t.Run(fmt.Sprintf("seed=%d/split=%v", tc.seed, tc.split), func(t *testing.T) {
			t.Parallel()
			net := levelProject(tc.seed, 1000, 50)
			for i := range net.Activities {
				net.Activities[i].Splittable = tc.split
			}
			cp, work, err := levelBound(net)
			if err != nil {
				t.Fatal(err)
			}
			lb := max(cp, work)
			l, err := Level(net)
			if err != nil {
				t.Fatal(err)
			}
			got := l.Workdays()
			if float64(got) > 1.03*float64(lb) || got > tc.want {
				t.Errorf("levelled in %d workdays, want %d; lower bound %d (+%.1f%%)", got, tc.want, lb, 100*float64(got-lb)/float64(lb))
			}
			// Shorter than TaskJuggler, or equal at the critical path.
			if tc.tj3 > 0 && got >= tc.tj3 && got > cp {
				t.Errorf("levelled in %d workdays, TaskJuggler %d, critical path %d", got, tc.tj3, cp)
			}
		})
	}
}

// TestLevelSearch prints what rounds of iterated local search give
// (ROLLOUT_LEVEL_FIGURES=1; ROLLOUT_LEVEL_ROUNDS and ROLLOUT_LEVEL_AMPS
// list the rounds and amplitudes to try, ROLLOUT_LEVEL_TRIES the swaps,
// ROLLOUT_LEVEL_ONLY the seeds).
func TestLevelSearch(t *testing.T) {
	if os.Getenv("ROLLOUT_LEVEL_FIGURES") != "1" {
		t.Skip("set ROLLOUT_LEVEL_FIGURES=1")
	}
	size, _ := strconv.Atoi(os.Getenv("ROLLOUT_LEVEL_SIZE"))
	size = cmp.Or(size, 1000)
	seeds, _ := strconv.Atoi(os.Getenv("ROLLOUT_LEVEL_SEEDS"))
	rounds := []int{16, 32, 64}
	amps := []int32{8, 16, 32}
	if s := os.Getenv("ROLLOUT_LEVEL_ROUNDS"); s != "" {
		rounds = nil
		for _, f := range splitComma(s) {
			n, _ := strconv.Atoi(f)
			rounds = append(rounds, n)
		}
	}
	if s := os.Getenv("ROLLOUT_LEVEL_AMPS"); s != "" {
		amps = nil
		for _, f := range splitComma(s) {
			n, _ := strconv.Atoi(f)
			amps = append(amps, int32(n))
		}
	}
	tries := []int{30}
	if size > 1000 {
		rounds, amps, tries = []int{3}, []int32{32}, []int{0, 10, 30}
	}
	if s := os.Getenv("ROLLOUT_LEVEL_TRIES"); s != "" {
		tries = nil
		for _, f := range splitComma(s) {
			n, _ := strconv.Atoi(f)
			tries = append(tries, n)
		}
	}
	for seed := uint64(1); seed <= uint64(cmp.Or(seeds, 8)); seed++ {
		if only := os.Getenv("ROLLOUT_LEVEL_ONLY"); only != "" && !slices.Contains(splitComma(only), strconv.Itoa(int(seed))) {
			continue
		}
		net := levelProject(seed, size, 50)
		if os.Getenv("ROLLOUT_LEVEL_SPLIT") == "1" {
			for i := range net.Activities {
				net.Activities[i].Splittable = true
			}
		}
		cp, _, _ := levelBound(net)
		line := fmt.Sprintf("seed %d cp %d:", seed, cp)
		for _, rounds := range rounds {
			for _, amp := range amps {
				if rounds == 0 && amp > 16 {
					continue
				}
				for _, tries := range tries {
					t0 := time.Now()
					l, err := levelWith(net, levelConfig{schemes: defaultSchemes, rounds: rounds, amp: amp, tries: tries})
					if err != nil {
						t.Fatal(err)
					}
					line += fmt.Sprintf(" r%d/a%d/s%d=%d(%v)", rounds, amp, tries, l.Workdays(), time.Since(t0).Round(time.Millisecond))
				}
			}
		}
		t.Log(line)
	}
}
