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
// lower bound, the levelled makespan and (when tj3 is installed)
// TaskJuggler's. It runs only with ROLLOUT_LEVEL_FIGURES=1 (tj3 takes
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
			t.Logf("n=%d seed=%d cp=%d work=%d level=%d (%+.1f%%, %v, %s) tj3=%d", n, seed, cp, work, l.makespan(), 100*float64(l.makespan()-lb)/float64(lb), el.Round(time.Millisecond), l.Method(), tj)
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

// BenchmarkLevelProject levels generated 10,000-task projects of issue 18
// (50 people) with the serial baseline of earlier versions (least total
// float, no justification) and with Level, reporting the makespan in
// workdays, the lower bound and the percentage above it.
func BenchmarkLevelProject(b *testing.B) {
	for _, n := range []int{10_000} {
		for _, seed := range []uint64{1, 2, 3} {
			net := levelProject(seed, n, 50)
			cp, work, err := levelBound(net)
			if err != nil {
				b.Fatal(err)
			}
			lb := max(cp, work)
			for _, m := range []struct {
				name string
				cfg  levelConfig
			}{{"baseline", baselineConfig}, {"level", defaultConfig(len(net.Activities))}} {
				b.Run(fmt.Sprintf("n=%d/seed=%d/%s", n, seed, m.name), func(b *testing.B) {
					var l *Levelled
					for b.Loop() {
						if l, err = levelWith(net, m.cfg); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(l.makespan()), "workdays")
					b.ReportMetric(float64(lb), "bound")
					b.ReportMetric(100*float64(l.makespan()-lb)/float64(lb), "%over")
				})
			}
		}
	}
}

// TestLevelGeneratedProjects levels generated 1,000-task projects of
// issue 18 and checks the makespan against the lower bound (within 3 %)
// and against TaskJuggler 3.7.1's on the same project, measured with
// TestLevelFigures and pinned here. TaskJuggler books effort hour by hour
// and lets a task pause while its person works elsewhere (on seed 8 it
// splits 119 of the 1,000 tasks), so it is compared with the project whose
// tasks are all splittable too. On seed 5 it reaches the critical path
// (358) only by splitting: without splitting no schedule is shorter than
// 359 (timetableBound refutes 358), which Level reaches.
//
// Measured on seeds 1 to 8 (TestLevelFigures): TaskJuggler 345, 352, 330,
// 429, 358, 352, 353, 337 workdays; Level 334, 348, 317, 413, 359, 347,
// 346, 338 (all within 3 % of the bound; with every task splittable, 358
// on seed 5 and 336 on seed 8); no schedule without splitting is shorter
// than 334, 347, 313, 412, 359, 347, 344, 336 (timetableBound), so Level
// is optimal on seeds 1, 5 and 6. Four of them run here, to stay fast
// under the race detector.
func TestLevelGeneratedProjects(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		seed  uint64
		split bool
		tj3   int
		opt   int // no schedule without splitting is shorter (timetableBound), 0: unknown
	}{{2, false, 352, 0}, {3, false, 330, 0}, {5, false, 358, 359}, {8, true, 337, 0}} {
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
		if float64(got) > 1.03*float64(lb) || (got > tc.tj3 || got == tc.tj3 && got > lb) && got != tc.opt {
			t.Errorf("seed %d (splittable %v): levelled in %d workdays, lower bound %d (+%.1f%%), TaskJuggler %d",
				tc.seed, tc.split, got, lb, 100*float64(got-lb)/float64(lb), tc.tj3)
		}
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
