package forecast

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/schedule"
)

// Closed forms written out here, independently of the package's CDF.
func triCDF(a, m, b, x float64) float64 {
	switch {
	case x <= a:
		return 0
	case x >= b:
		return 1
	case x <= m:
		return (x - a) * (x - a) / ((b - a) * (m - a))
	}
	return 1 - (b-x)*(b-x)/((b-a)*(b-m))
}

// pertCDF integrates the PERT-beta density numerically (Simpson's rule).
func pertCDF(a, m, b, x float64) float64 {
	if x <= a {
		return 0
	}
	if x >= b {
		return 1
	}
	al, be := 1+4*(m-a)/(b-a), 1+4*(b-m)/(b-a)
	dens := func(t float64) float64 { return math.Pow(t, al-1) * math.Pow(1-t, be-1) }
	integ := func(hi float64) float64 {
		const n = 20000
		h := hi / n
		s := dens(0) + dens(hi)
		for i := 1; i < n; i++ {
			w := 2.0
			if i%2 == 1 {
				w = 4
			}
			s += w * dens(float64(i)*h)
		}
		return s * h / 3
	}
	return integ((x-a)/(b-a)) / integ(1)
}

func cdfOf(d Distribution, a, m, b, x float64) float64 {
	switch d {
	case Triangular:
		return triCDF(a, m, b, x)
	case PERT:
		return pertCDF(a, m, b, x)
	}
	return math.Max(0, math.Min(1, (x-a)/(b-a)))
}

// memoCDF returns the CDF of d over (a, m, b), remembering its values.
func memoCDF(d Distribution, a, m, b float64) func(float64) float64 {
	memo := map[float64]float64{}
	return func(x float64) float64 {
		if v, ok := memo[x]; ok {
			return v
		}
		v := cdfOf(d, a, m, b, x)
		memo[x] = v
		return v
	}
}

// roundedMean returns E[ceil(X)] from the CDF F of X on [a, b].
func roundedMean(a, b float64, F func(float64) float64) float64 {
	mean := 0.0
	for k := math.Floor(a) + 1; k <= math.Ceil(b); k++ {
		mean += k * (F(k) - F(k-1))
	}
	return mean
}

func TestSingleActivityDistributions(t *testing.T) {
	n := iters(100_000)
	cases := []struct {
		name    string
		dist    Distribution
		a, m, b float64
		cdf     func(x float64) float64
		mean    float64 // continuous mean
	}{
		{"triangular", Triangular, 2, 5, 12, nil, (2 + 5 + 12) / 3.0},
		{"triangular skewed", Triangular, 1, 1, 9, nil, (1 + 1 + 9) / 3.0},
		{"triangular fractional", Triangular, 2.5, 3.2, 7.7, nil, (2.5 + 3.2 + 7.7) / 3},
		{"pert", PERT, 2, 5, 12, nil, (2 + 4*5 + 12) / 6.0},
		{"pert right", PERT, 3, 10, 11, nil, (3 + 40 + 11) / 6.0},
		{"uniform", Uniform, 4, 6, 14, nil, 9},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, m, b := tc.a, tc.m, tc.b
			F := memoCDF(tc.dist, a, m, b)
			net := chain(7)
			in := Input{Distribution: tc.dist, Estimates: []Estimate{est("a0", a, m, b)}}
			r := mustRun(t, net, in, Options{Iterations: n, Seed: 42, Workers: 2})
			// The rounded sample is at most k exactly when X is.
			for k := int(a); k <= int(math.Ceil(b)); k++ {
				want := F(float64(k))
				if got := cdfAt(r, k); !(math.Abs(got-want) <= tol(want, n)) {
					t.Errorf("P(d <= %d) = %.4f, want %.4f +- %.4f", k, got, want, tol(want, n))
				}
				// The package's own CDF agrees with the closed form.
				// (Simpson's rule is good to about 1e-6 on PERT densities.)
				if got := (ThreePoint{a, m, b}).CDF(tc.dist, float64(k)); !(math.Abs(got-want) <= 1e-6) {
					t.Errorf("CDF(%d) = %v, want %v", k, got, want)
				}
			}
			// Mean: E[ceil X] exactly from the CDF, within 5 standard errors;
			// and the continuous mean, which rounding up exceeds by less than 1.
			want := roundedMean(a, b, F)
			sd := (b - a) / 2
			if !(math.Abs(r.MeanWorkdays-want) <= 5*sd/math.Sqrt(float64(n))) {
				t.Errorf("mean %.4f, want %.4f", r.MeanWorkdays, want)
			}
			if got := (ThreePoint{a, m, b}).Mean(tc.dist); !(math.Abs(got-tc.mean) <= 1e-12) {
				t.Errorf("Mean() = %v, want %v", got, tc.mean)
			}
			if !(tc.mean <= r.MeanWorkdays+0.02 && r.MeanWorkdays < tc.mean+1) {
				t.Errorf("mean %.4f not within [%.4f, %.4f+1)", r.MeanWorkdays, tc.mean, tc.mean)
			}
			// Percentiles: the smallest k with F(k) >= p, unless F(k) is too
			// close to p to tell.
			for _, p := range []float64{0.5, 0.8, 0.95} {
				k := int(a)
				for F(float64(k)) < p {
					k++
				}
				if math.Abs(F(float64(k))-p) < tol(p, n) || math.Abs(F(float64(k-1))-p) < tol(p, n) {
					continue
				}
				want, _ := calendar.Standard().AddWorkdays(start, k-1)
				if got := r.Percentile(p); got != want {
					t.Errorf("P%v = %s, want %s (%d workdays)", p*100, got, want, k)
				}
			}
		})
	}
}

func TestChainMeansAdd(t *testing.T) {
	n := iters(40_000)
	net := chain(1, 1, 1, 1)
	ests := []ThreePoint{{2, 4, 9}, {1, 2, 3}, {5, 5, 5}, {3, 6, 12}}
	in := Input{Distribution: PERT}
	want, vsum := 0.0, 0.0
	for i, e := range ests {
		in.Estimates = append(in.Estimates, Estimate{Activity: net.Activities[i].ID, ThreePoint: e})
		F := memoCDF(PERT, e.Optimistic, e.MostLikely, e.Pessimistic)
		if e.Optimistic == e.Pessimistic {
			want += math.Ceil(e.Optimistic)
			continue
		}
		mu := roundedMean(e.Optimistic, e.Pessimistic, F)
		want += mu
		for k := math.Floor(e.Optimistic) + 1; k <= math.Ceil(e.Pessimistic); k++ {
			vsum += (k - mu) * (k - mu) * (F(k) - F(k-1))
		}
	}
	r := mustRun(t, net, in, Options{Iterations: n, Seed: 7})
	if se := math.Sqrt(vsum / float64(n)); !(math.Abs(r.MeanWorkdays-want) <= 5*se) {
		t.Errorf("mean %.4f, want %.4f +- %.4f", r.MeanWorkdays, want, 5*se)
	}
	// Variances add for independent durations.
	if sd := math.Sqrt(vsum); !(math.Abs(r.StdDevWorkdays-sd) <= 0.03*sd) {
		t.Errorf("std dev %.4f, want %.4f", r.StdDevWorkdays, sd)
	}
	for _, a := range r.Activities {
		if a.Criticality != 1 {
			t.Errorf("%s criticality %v in a chain, want 1", a.ID, a.Criticality)
		}
	}
}

func TestParallelPathsMaximum(t *testing.T) {
	n := iters(100_000)
	// start -> p, start -> q, p -> end, q -> end; p and q identical.
	net := schedule.Network{Start: start, Activities: []schedule.Activity{{ID: "s"}, {ID: "p"}, {ID: "q"}, {ID: "e"}}}
	for _, l := range [][2]string{{"s", "p"}, {"s", "q"}, {"p", "e"}, {"q", "e"}} {
		net.Dependencies = append(net.Dependencies, schedule.Dependency{From: l[0], To: l[1]})
	}
	for _, dist := range Distributions() {
		t.Run(dist.String(), func(t *testing.T) {
			tp := ThreePoint{3, 5, 11}
			in := Input{Distribution: dist, Estimates: []Estimate{{"p", tp}, {"q", tp}}}
			r := mustRun(t, net, in, Options{Iterations: n, Seed: 3})
			for k := 3; k <= 11; k++ {
				g := tp.CDF(dist, float64(k))
				want := g * g // P(max <= k) = F(k)^2
				if got := cdfAt(r, k); !(math.Abs(got-want) <= tol(want, n)) {
					t.Errorf("P(max <= %d) = %.4f, want %.4f", k, got, want)
				}
			}
			// p is critical when its duration is at least q's: P(d_p >= d_q).
			want := 0.0
			for k := 4; k <= 11; k++ {
				pk := tp.CDF(dist, float64(k)) - tp.CDF(dist, float64(k-1))
				want += pk * tp.CDF(dist, float64(k))
			}
			for _, id := range []string{"p", "q"} {
				a, _ := r.Activity(id)
				if !(math.Abs(a.Criticality-want) <= tol(want, n)) {
					t.Errorf("%s criticality %.4f, want %.4f", id, a.Criticality, want)
				}
			}
			for _, id := range []string{"s", "e"} {
				if a, _ := r.Activity(id); a.Criticality != 1 {
					t.Errorf("%s criticality %v, want 1", id, a.Criticality)
				}
			}
		})
	}
}

// With no variance every iteration is the deterministic schedule: the
// finish of schedule.Schedule exactly, and (for finish-to-start networks
// without a deadline) its critical activities.
func TestZeroVarianceEqualsCriticalPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 60 {
		fsOnly := trial%2 == 0
		net := randomNetwork(rng, 1+rng.IntN(30), fsOnly)
		if trial%5 == 4 && !net.Deadline.IsZero() {
			net.Start = calendar.Date{} // scheduled backwards
		}
		det, err := schedule.Schedule(net)
		if err != nil {
			t.Fatal(err)
		}
		var in Input
		in.Distribution = Distribution(trial % 3)
		for _, a := range net.Activities {
			if rng.IntN(2) == 0 {
				in.Estimates = append(in.Estimates, Estimate{a.ID, Fixed(float64(a.Duration))})
			}
		}
		in.Risks = []Risk{{ID: "never", Probability: 0, Delay: ThreePoint{1, 2, 30}, Activities: []string{net.Activities[0].ID}}}
		r := mustRun(t, net, in, Options{Iterations: 50, Seed: uint64(trial)})
		want := det.Ready()
		if len(r.SCurve) != 1 || r.SCurve[0].Date != want || r.SCurve[0].Count != 50 {
			t.Fatalf("trial %d: S-curve %v, want every finish on %s", trial, r.SCurve, want)
		}
		if r.Deterministic != want || r.P50 != want || r.P95 != want || r.Mean != want || r.StdDevWorkdays != 0 {
			t.Errorf("trial %d: deterministic %s P50 %s P95 %s mean %s sd %v, want %s", trial, r.Deterministic, r.P50, r.P95, r.Mean, r.StdDevWorkdays, want)
		}
		for i, tm := range det.Timings() {
			c := r.Activities[i].Criticality
			if c != 0 && c != 1 {
				t.Errorf("trial %d: %s criticality %v, want 0 or 1", trial, tm.ID, c)
			}
			if fsOnly && (c == 1) != tm.Critical {
				t.Errorf("trial %d: %s criticality %v, schedule says critical=%v", trial, tm.ID, c, tm.Critical)
			}
		}
	}
}

func TestRiskProbabilityZeroAndOne(t *testing.T) {
	net := chain(2, 3, 4)
	base := Input{Distribution: Triangular, Estimates: []Estimate{est("a0", 1, 2, 6), est("a1", 2, 3, 9)}}
	opt := Options{Iterations: 3000, Seed: 11}
	r0 := mustRun(t, net, base, opt)

	never := base
	never.Risks = []Risk{{ID: "r", Probability: 0, Delay: ThreePoint{2, 5, 9}, Activities: []string{"a2"}}}
	rn := mustRun(t, net, never, opt)
	if d := cmp.Diff(r0.SCurve, rn.SCurve); d != "" {
		t.Errorf("a risk with probability 0 changed the S-curve (-without +with):\n%s", d)
	}
	if d := cmp.Diff(r0.Activities, rn.Activities); d != "" {
		t.Errorf("a risk with probability 0 changed the activities:\n%s", d)
	}
	if k := rn.Risks[0]; k.Occurrence != 0 || k.Swing() != 0 || k.Correlation != 0 {
		t.Errorf("risk never occurring: %+v", k)
	}

	always := base
	always.Risks = []Risk{{ID: "r", Probability: 1, Delay: Fixed(4), Activities: []string{"a1", "a2"}}}
	ra := mustRun(t, net, always, opt)
	if len(ra.SCurve) != len(r0.SCurve) {
		t.Fatalf("S-curve has %d points, want %d", len(ra.SCurve), len(r0.SCurve))
	}
	for i, p := range r0.SCurve {
		q := ra.SCurve[i]
		if q.Workdays != p.Workdays+8 || q.Count != p.Count || q.Probability != p.Probability {
			t.Errorf("point %d: %+v, want %+v shifted by 8 workdays", i, q, p)
		}
	}
	if got, want := ra.MeanWorkdays, r0.MeanWorkdays+8; !(math.Abs(got-want) <= 1e-9) {
		t.Errorf("mean %v, want %v", got, want)
	}
	if ra.Risks[0].Occurrence != 1 {
		t.Errorf("occurrence %v, want 1", ra.Risks[0].Occurrence)
	}
}

func TestRiskSwingAndTornado(t *testing.T) {
	// a (fixed 5) then b; the risk delays a by exactly 10 half the time.
	// c runs in parallel with a wide estimate but never drives.
	net := chain(5, 2)
	net.Activities = append(net.Activities, schedule.Activity{ID: "c", Duration: 1})
	in := Input{
		Estimates: []Estimate{est("a1", 1, 2, 6), est("c", 1, 2, 3)},
		Risks:     []Risk{{ID: "late", Probability: 0.5, Delay: Fixed(10), Activities: []string{"a0"}}},
	}
	n := iters(20_000)
	r := mustRun(t, net, in, Options{Iterations: n, Seed: 5})
	k, _ := r.Risk("late")
	if !(math.Abs(k.Occurrence-0.5) <= tol(0.5, n)) {
		t.Errorf("occurrence %v", k.Occurrence)
	}
	if !(math.Abs(k.Swing()-10) <= 0.1) {
		t.Errorf("risk swing %v, want 10", k.Swing())
	}
	tor := r.Tornado(0)
	if len(tor) != 3 || tor[0].ID != "late" || tor[0].Kind != DriverRisk || tor[1].ID != "a1" || tor[2].ID != "c" {
		t.Fatalf("tornado %+v", tor)
	}
	// c never drives: its figures are only noise (about 5 workdays of
	// spread over 2,000 iterations in each decile).
	if c, _ := r.Activity("c"); c.Criticality != 0 || !(math.Abs(c.Swing()) <= 0.5) || !(math.Abs(c.Correlation) <= 0.05) {
		t.Errorf("c never drives: %+v", c)
	}
	// a1 moves the finish one for one: its deciles are 1..2 and 5..6 days.
	a1, _ := r.Activity("a1")
	if s := a1.Swing(); s < 2 || s > 4.5 {
		t.Errorf("a1 swing %v, want about 3", s)
	}
	// The finish is a1 plus independent terms, so the correlation is
	// sd(a1)/sd(finish).
	tp := ThreePoint{1, 2, 6}
	F := func(x float64) float64 { return tp.CDF(Triangular, x) }
	mu, v := roundedMean(1, 6, F), 0.0
	for k := 2.0; k <= 6; k++ {
		v += (k - mu) * (k - mu) * (F(k) - F(k-1))
	}
	if want := math.Sqrt(v) / r.StdDevWorkdays; !(math.Abs(a1.Correlation-want) <= 0.03) {
		t.Errorf("a1 correlation %v, want %v", a1.Correlation, want)
	}
	if len(r.Tornado(1)) != 1 {
		t.Errorf("Tornado(1) has %d entries", len(r.Tornado(1)))
	}
}

func TestOnTimeProbability(t *testing.T) {
	n := iters(50_000)
	tp := ThreePoint{4, 7, 15}
	for k := 5; k <= 14; k += 3 {
		net := chain(7)
		dl, _ := calendar.Standard().AddWorkdays(start, k-1) // the k-th workday
		net.Deadline = dl
		if dl.Weekday() == time.Friday {
			net.Deadline = dl.AddDays(2) // a Sunday, rolled back to Friday
		}
		r := mustRun(t, net, Input{Estimates: []Estimate{{"a0", tp}}}, Options{Iterations: n, Seed: uint64(k)})
		want := triCDF(4, 7, 15, float64(k))
		if !(math.Abs(r.OnTime-want) <= tol(want, n)) || r.Deadline != dl {
			t.Errorf("deadline %s (workday %d): on time %.4f, want %.4f", r.Deadline, k, r.OnTime, want)
		}
	}
	// Only work after the release: the release itself is always ready.
	net := schedule.Network{Start: start, Deadline: start.AddDays(3), Activities: []schedule.Activity{{ID: "demo", Duration: 3, AfterRelease: true}}}
	r := mustRun(t, net, Input{Estimates: []Estimate{est("demo", 1, 2, 9)}}, Options{Iterations: 100})
	if r.OnTime != 1 || r.Activities[0].Criticality != 1 {
		t.Errorf("post-release only: on time %v, criticality %v", r.OnTime, r.Activities[0].Criticality)
	}
}

// Criticality follows the link that drives each start or finish, of any
// type: here b's start hangs on a's start (SS+1) and c's finish on b's
// finish (FF); d runs alongside with room to spare, and e is after the
// release.
func TestCriticalityThroughLinkTypes(t *testing.T) {
	net := schedule.Network{
		Start: start, Deadline: start.AddDays(60),
		Activities: []schedule.Activity{{ID: "a", Duration: 2}, {ID: "b", Duration: 6}, {ID: "c", Duration: 2}, {ID: "d", Duration: 3}, {ID: "e", Duration: 4, AfterRelease: true}},
		Dependencies: []schedule.Dependency{
			{From: "a", To: "b", Type: schedule.StartToStart, Lag: 1},
			{From: "b", To: "c", Type: schedule.FinishToFinish},
			{From: "a", To: "d"},
			{From: "c", To: "e"},
		},
	}
	in := Input{Estimates: []Estimate{est("b", 5, 6, 8)}}
	r := mustRun(t, net, in, Options{Iterations: 200, Seed: 1})
	want := map[string]float64{"a": 1, "b": 1, "c": 1, "d": 0, "e": 0}
	for _, a := range r.Activities {
		if a.Criticality != want[a.ID] {
			t.Errorf("%s criticality %v, want %v", a.ID, a.Criticality, want[a.ID])
		}
	}
	// The length is 1 + b's duration, as b drives the finish.
	b, _ := r.Activity("b")
	if got := r.MeanWorkdays - b.MeanDuration; !(math.Abs(got-1) <= 1e-9) {
		t.Errorf("mean length minus b's mean duration = %v, want 1", got)
	}
}
