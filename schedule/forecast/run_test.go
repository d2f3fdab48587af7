package forecast

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/schedule"
	"github.com/rolloutkit/rollout/validation"
)

// richInput gives estimates to most activities of net and a few risks.
func richInput(rng *rand.Rand, net schedule.Network, dist Distribution) Input {
	in := Input{Distribution: dist}
	for _, a := range net.Activities {
		if rng.IntN(4) > 0 {
			lo := float64(rng.IntN(5))
			m := lo + float64(rng.IntN(4)) + rng.Float64()
			in.Estimates = append(in.Estimates, Estimate{a.ID, ThreePoint{lo, m, m + float64(rng.IntN(8))}})
		}
	}
	for i := range 3 {
		r := Risk{ID: string(rune('x' + i)), Probability: rng.Float64(), Delay: ThreePoint{1, 2, float64(2 + rng.IntN(6))}}
		for range 1 + rng.IntN(2) {
			id := net.Activities[rng.IntN(len(net.Activities))].ID
			if len(r.Activities) == 0 || r.Activities[0] != id {
				r.Activities = append(r.Activities, id)
			}
		}
		in.Risks = append(in.Risks, r)
	}
	return in
}

func TestSameSeedSameResultWhateverTheWorkers(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 4 {
		net := randomNetwork(rng, 40, trial%2 == 0)
		in := richInput(rng, net, Distribution(trial%3))
		m, err := NewModel(net, in)
		if err != nil {
			t.Fatal(err)
		}
		var first *Result
		for _, w := range []int{1, 2, 7} {
			r, err := m.Run(context.Background(), Options{Iterations: 1500, Seed: 99, Workers: w})
			if err != nil {
				t.Fatal(err)
			}
			if first == nil {
				first = r
				continue
			}
			if d := cmp.Diff(first, r); d != "" {
				t.Fatalf("trial %d: Workers=%d differs from Workers=1 (-1 +%d):\n%s", trial, w, w, d)
			}
		}
		// Another seed gives another answer.
		r, _ := m.Run(context.Background(), Options{Iterations: 1500, Seed: 100, Workers: 2})
		if cmp.Equal(first.SCurve, r.SCurve) && first.StdDevWorkdays > 0 {
			t.Errorf("trial %d: seeds 99 and 100 gave the same S-curve", trial)
		}
	}
}

func TestCancellation(t *testing.T) {
	net := randomNetwork(rand.New(rand.NewPCG(1, 1)), 300, false)
	in := richInput(rand.New(rand.NewPCG(2, 2)), net, PERT)
	m, err := NewModel(net, in)
	if err != nil {
		t.Fatal(err)
	}
	before := runtime.NumGoroutine()

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := m.Run(ctx, Options{Iterations: 1000}); !errors.Is(err, context.Canceled) {
		t.Fatalf("pre-cancelled: err = %v", err)
	}

	ctx, cancel = context.WithCancel(context.Background())
	var calls, last int
	r, err := m.Run(ctx, Options{Iterations: MaxIterations, Workers: 3, Progress: func(done, total int) {
		calls++
		last = done
		if done > 0 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) || r != nil {
		t.Fatalf("cancelled run: %v, %v", r, err)
	}
	// Counted in iterations, not seconds, so that a loaded machine cannot
	// fail it: the run stops long before it would have finished.
	if last >= MaxIterations/2 {
		t.Errorf("cancelled run went on to %d of %d iterations", last, MaxIterations)
	}
	if calls == 0 {
		t.Error("no progress before the cancellation")
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > before {
		t.Errorf("%d goroutines left behind", g-before)
	}
}

func TestProgress(t *testing.T) {
	net := randomNetwork(rand.New(rand.NewPCG(3, 3)), 200, false)
	in := richInput(rand.New(rand.NewPCG(4, 4)), net, Triangular)
	var got [][2]int
	_, err := Run(context.Background(), net, in, Options{Iterations: iters(20000), Workers: 2, Progress: func(done, total int) {
		got = append(got, [2]int{done, total})
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || got[len(got)-1] != [2]int{iters(20000), iters(20000)} {
		t.Fatalf("progress calls %v, want a last one with done == total", got)
	}
	for i := 1; i < len(got); i++ {
		if got[i][0] < got[i-1][0] {
			t.Errorf("progress went back: %v", got)
		}
	}
}

func TestValidation(t *testing.T) {
	net := chain(1, 2)
	cases := []struct {
		name string
		in   Input
		opt  Options
		code validation.Code
		path string
		kind error
	}{
		{"unknown distribution", Input{Distribution: 9}, Options{}, CodeDistribution, "distribution", validation.ErrNotSupported},
		{"estimate without activity", Input{Estimates: []Estimate{{ThreePoint: Fixed(1)}}}, Options{}, CodeEstimateActivity, "estimates[0].activity", validation.ErrRequired},
		{"unknown activity", Input{Estimates: []Estimate{est("zz", 1, 2, 3)}}, Options{}, CodeEstimateUnknown, "estimates[0].activity", schedule.ErrUnknownActivity},
		{"duplicate estimate", Input{Estimates: []Estimate{est("a0", 1, 2, 3), est("a0", 1, 2, 3)}}, Options{}, CodeEstimateDuplicate, "estimates[1].activity", validation.ErrDuplicate},
		{"negative", Input{Estimates: []Estimate{est("a0", -1, 2, 3)}}, Options{}, CodeEstimateRange, "estimates[0].optimistic", validation.ErrOutOfRange},
		{"NaN", Input{Estimates: []Estimate{est("a0", 1, math.NaN(), 3)}}, Options{}, CodeEstimateRange, "estimates[0].mostLikely", validation.ErrOutOfRange},
		{"too long", Input{Estimates: []Estimate{est("a0", 1, 2, 1e9)}}, Options{}, CodeEstimateRange, "estimates[0].pessimistic", validation.ErrOutOfRange},
		{"unordered", Input{Estimates: []Estimate{est("a0", 3, 2, 4)}}, Options{}, CodeEstimateOrder, "estimates[0]", validation.ErrConflict},
		{"risk without ID", Input{Risks: []Risk{{Activities: []string{"a0"}}}}, Options{}, CodeRiskID, "risks[0].id", validation.ErrRequired},
		{"duplicate risk", Input{Risks: []Risk{{ID: "r", Activities: []string{"a0"}}, {ID: "r", Activities: []string{"a0"}}}}, Options{}, CodeRiskDuplicate, "risks[1].id", validation.ErrDuplicate},
		{"percent", Input{Risks: []Risk{{ID: "r", Probability: 30, Activities: []string{"a0"}}}}, Options{}, CodeRiskProbability, "risks[0].probability", validation.ErrOutOfRange},
		{"bad delay", Input{Risks: []Risk{{ID: "r", Delay: ThreePoint{5, 1, 2}, Activities: []string{"a0"}}}}, Options{}, CodeRiskDelayOrder, "risks[0].delay", validation.ErrConflict},
		{"delay range", Input{Risks: []Risk{{ID: "r", Delay: ThreePoint{1, 2, math.Inf(1)}, Activities: []string{"a0"}}}}, Options{}, CodeRiskDelayRange, "risks[0].delay.pessimistic", validation.ErrOutOfRange},
		{"no activities", Input{Risks: []Risk{{ID: "r"}}}, Options{}, CodeRiskActivities, "risks[0].activities", validation.ErrRequired},
		{"unknown risk activity", Input{Risks: []Risk{{ID: "r", Activities: []string{"a0", "b"}}}}, Options{}, CodeRiskUnknown, "risks[0].activities[1]", schedule.ErrUnknownActivity},
		{"repeated risk activity", Input{Risks: []Risk{{ID: "r", Activities: []string{"a0", "a0"}}}}, Options{}, CodeRiskActivityRepeat, "risks[0].activities[1]", validation.ErrDuplicate},
		{"iterations", Input{}, Options{Iterations: -1}, CodeIterations, "iterations", validation.ErrOutOfRange},
		{"too many iterations", Input{}, Options{Iterations: MaxIterations + 1}, CodeIterations, "iterations", validation.ErrOutOfRange},
		{"workers", Input{}, Options{Workers: -2}, CodeWorkers, "workers", validation.ErrOutOfRange},
		{"bucket", Input{}, Options{Bucket: 7}, CodeBucket, "bucket", validation.ErrNotSupported},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Run(context.Background(), net, tc.in, tc.opt)
			var l validation.List
			if !errors.As(err, &l) || len(l) != 1 {
				t.Fatalf("err = %v, want one problem", err)
			}
			p := l[0]
			if p.Code != tc.code || p.Path.String() != tc.path || !errors.Is(err, tc.kind) {
				t.Errorf("problem %q at %q (%v), want %q at %q wrapping %v", p.Code, p.Path, p.Kind, tc.code, tc.path, tc.kind)
			}
		})
	}
	// Every problem at once.
	in := Input{Estimates: []Estimate{est("zz", 3, 2, 1)}, Risks: []Risk{{ID: "", Probability: 2}}}
	var l validation.List
	if _, err := NewModel(net, in); !errors.As(err, &l) || len(l) != 5 {
		t.Errorf("want 5 problems, got %v", err)
	}
	// Network problems come from package schedule.
	bad := chain(1, 2)
	bad.Dependencies = append(bad.Dependencies, schedule.Dependency{From: "a1", To: "a0"})
	if _, err := Run(context.Background(), bad, Input{}, Options{}); !errors.Is(err, schedule.ErrCycle) {
		t.Errorf("cycle: err = %v", err)
	}
}

func TestTextForms(t *testing.T) {
	for _, d := range Distributions() {
		b, err := d.MarshalText()
		var back Distribution
		if err != nil || back.UnmarshalText(b) != nil || back != d || string(b) != d.String() {
			t.Errorf("%v: %q %v %v", d, b, err, back)
		}
	}
	for b := BucketAuto; b <= BucketMonth; b++ {
		txt, err := b.MarshalText()
		var back Bucket
		if err != nil || back.UnmarshalText(txt) != nil || back != b {
			t.Errorf("%v: %q %v", b, txt, err)
		}
	}
	for k := DriverActivity; k <= DriverRisk; k++ {
		txt, err := k.MarshalText()
		var back DriverKind
		if err != nil || back.UnmarshalText(txt) != nil || back != k {
			t.Errorf("%v: %q %v", k, txt, err)
		}
	}
	d := PERT
	if d.UnmarshalText([]byte("beta")) == nil || d != PERT {
		t.Error("unknown distribution accepted or changed the value")
	}
	if _, err := Distribution(9).MarshalText(); err == nil {
		t.Error("Distribution(9) marshalled")
	}
	b := BucketWeek
	if b.UnmarshalText([]byte("Week")) == nil || b != BucketWeek {
		t.Error("unknown bucket accepted")
	}
	if _, err := Bucket(9).MarshalText(); err == nil {
		t.Error("Bucket(9) marshalled")
	}
	var k DriverKind
	if k.UnmarshalText([]byte("task")) == nil {
		t.Error("unknown driver kind accepted")
	}
	if _, err := DriverKind(5).MarshalText(); err == nil {
		t.Error("DriverKind(5) marshalled")
	}
}

func TestResultJSONRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	net := randomNetwork(rng, 30, false)
	r := mustRun(t, net, richInput(rng, net, PERT), Options{Iterations: 500, Seed: 1, Bucket: BucketWeek})
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back Result
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(r, &back); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
}

func TestPercentileProbabilityHistogram(t *testing.T) {
	net := chain(1)
	in := Input{Estimates: []Estimate{est("a0", 0, 10, 60)}}
	for _, b := range []Bucket{BucketAuto, BucketWorkday, BucketWeek, BucketMonth} {
		r := mustRun(t, net, in, Options{Iterations: 4000, Seed: 2, Bucket: b})
		total := 0
		for i, bin := range r.Histogram {
			total += bin.Count
			if bin.To.Before(bin.From) || (i > 0 && bin.From != nextDay(r.Histogram[i-1].To, bin.From == bin.To)) {
				t.Errorf("%v: bin %d %+v not contiguous", b, i, bin)
			}
		}
		for _, bin := range r.Histogram {
			if (b == BucketWeek && bin.From.Weekday() != time.Monday) || (b == BucketMonth && bin.From.Day() != 1) ||
				(b == BucketWeek && bin.From.DaysUntil(bin.To) != 6) || (b == BucketMonth && bin.To.AddDays(1).Day() != 1) {
				t.Errorf("%v: bin %+v", b, bin)
			}
		}
		if total != 4000 {
			t.Errorf("%v: histogram counts %d, want 4000", b, total)
		}
		if b == BucketAuto && r.Histogram[0].From == r.Histogram[0].To {
			t.Errorf("auto picked workdays over %d points", len(r.SCurve))
		}
	}
	r := mustRun(t, net, in, Options{Iterations: 4000, Seed: 2})
	if r.Percentile(0) != r.SCurve[0].Date || r.Percentile(1) != r.SCurve[len(r.SCurve)-1].Date || r.Percentile(7) != r.Percentile(1) {
		t.Error("Percentile at the ends")
	}
	if !r.Percentile(math.NaN()).IsZero() || !(&Result{}).Percentile(0.5).IsZero() {
		t.Error("Percentile(NaN) or of an empty result is not zero")
	}
	for _, p := range r.SCurve {
		if r.Probability(p.Date) != p.Probability || r.Probability(p.Date.AddDays(-1)) >= p.Probability {
			t.Errorf("Probability at %s", p.Date)
		}
		if r.Percentile(p.Probability) != p.Date {
			t.Errorf("Percentile(%v) = %s, want %s", p.Probability, r.Percentile(p.Probability), p.Date)
		}
	}
	if !(r.P50.Compare(r.P80) <= 0 && r.P80.Compare(r.P95) <= 0) {
		t.Errorf("P50 %s P80 %s P95 %s", r.P50, r.P80, r.P95)
	}
}

// nextDay returns the first day of the bin after the one ending on to.
func nextDay(to calendar.Date, workdays bool) calendar.Date {
	d := to.AddDays(1)
	for workdays && !calendar.Standard().IsWorkday(d) {
		d = d.AddDays(1)
	}
	return d
}

// Changing the values of one estimate leaves the samples of every other
// input as they were (common random numbers).
func TestCommonRandomNumbers(t *testing.T) {
	net := chain(1, 1, 1)
	in := Input{Estimates: []Estimate{est("a0", 1, 2, 5), est("a1", 2, 4, 9), est("a2", 1, 3, 4)},
		Risks: []Risk{{ID: "r", Probability: 0.4, Delay: ThreePoint{1, 2, 3}, Activities: []string{"a1"}}}}
	opt := Options{Iterations: 2000, Seed: 4}
	r1 := mustRun(t, net, in, opt)
	in.Estimates[1].ThreePoint = ThreePoint{10, 20, 40}
	r2 := mustRun(t, net, in, opt)
	for _, i := range []int{0, 2} {
		if r1.Activities[i].MeanDuration != r2.Activities[i].MeanDuration {
			t.Errorf("%s: mean duration %v then %v", r1.Activities[i].ID, r1.Activities[i].MeanDuration, r2.Activities[i].MeanDuration)
		}
	}
	if r1.Risks[0].Occurrence != r2.Risks[0].Occurrence {
		t.Errorf("risk occurrence %v then %v", r1.Risks[0].Occurrence, r2.Risks[0].Occurrence)
	}
	if r1.Activities[1].MeanDuration == r2.Activities[1].MeanDuration {
		t.Error("the changed estimate gave the same samples")
	}
}
