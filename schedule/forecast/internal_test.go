package forecast

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/rolloutkit/rollout/calendar"
)

func TestBetaInc(t *testing.T) {
	for _, x := range []float64{0, 1e-9, 0.01, 0.2, 0.5, 0.77, 0.99, 1} {
		cases := []struct{ a, b, want float64 }{
			{1, 1, x},
			{2, 2, 3*x*x - 2*x*x*x},
			{3, 1, x * x * x},
			{1, 3, 1 - math.Pow(1-x, 3)},
			{2, 1, x * x},
			{1.5, 1, math.Pow(x, 1.5)},
		}
		for _, c := range cases {
			if got := betaInc(c.a, c.b, x); !(math.Abs(got-c.want) <= 1e-12) {
				t.Errorf("I_%v(%v, %v) = %v, want %v", x, c.a, c.b, got, c.want)
			}
		}
	}
}

func TestUnitOpenInterval(t *testing.T) {
	for _, r := range []uint64{0, 1, 1 << 12, math.MaxUint64, math.MaxUint64 >> 1} {
		u := unit(r)
		if !(u > 0 && u < 1) || 1-u <= 0 {
			t.Errorf("unit(%#x) = %v", r, u)
		}
	}
}

// The rounded sample at u is the ceiling of the continuous inverse CDF,
// checked against a bisection of the CDF.
func TestSamplerIsCeilOfInverse(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	trials := 300
	if raceEnabled {
		trials = 60
	}
	for trial := range trials {
		a := float64(rng.IntN(20)) + []float64{0, 0.5, 0.25}[trial%3]
		m := a + float64(rng.IntN(10))*rng.Float64()
		b := m + float64(rng.IntN(15))
		if trial%50 == 0 {
			b = a + 9000 // wide PERT: interpolated table
		}
		tp := ThreePoint{a, m, b}
		for _, d := range Distributions() {
			s := newSampler(tp, d, map[paramKey]*params{})
			for range 50 {
				u := unit(rng.Uint64())
				got := s.sample(u)
				// Bisection for X with F(X) = u.
				lo, hi := a, b
				for range 64 {
					mid := (lo + hi) / 2
					if tp.CDF(d, mid) < u {
						lo = mid
					} else {
						hi = mid
					}
				}
				want := int32(math.Ceil(hi))
				if a == b {
					want = int32(math.Ceil(a))
				}
				slack := int32(0)
				if b-a > maxKnots || math.Abs(hi-math.Round(hi)) < 1e-6 {
					slack = 1 // at a knot or interpolated: either side
				}
				if got < want-slack || got > want+slack {
					t.Fatalf("%v %v u=%v: sample %d, want %d", d, tp, u, got, want)
				}
			}
		}
	}
}

// An iteration allocates nothing.
func TestIterationDoesNotAllocate(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	net := randomNetwork(rng, 200, false)
	in := richInput(rng, net, PERT)
	m, err := NewModel(net, in)
	if err != nil {
		t.Fatal(err)
	}
	fin := make([]int32, 100)
	w := m.newWorker(1, fin)
	i := 0
	if a := testing.AllocsPerRun(50, func() {
		if err := w.iterate(i % len(fin)); err != nil {
			t.Fatal(err)
		}
		i++
	}); a != 0 {
		t.Errorf("%v allocations per iteration", a)
	}
}

func TestAcc128(t *testing.T) {
	var a acc128
	vals := []int64{math.MaxInt64, math.MaxInt64, -5, math.MinInt64, 7, math.MaxInt64}
	want := 0.0
	for _, v := range vals {
		a.add(v)
		want += float64(v)
	}
	if got := a.float(); !(math.Abs(got-want) <= 1e3) {
		t.Errorf("sum %v, want %v", got, want)
	}
	var b, c acc128
	for _, v := range vals[:3] {
		b.add(v)
	}
	for _, v := range vals[3:] {
		c.add(v)
	}
	b.merge(c)
	if b != a {
		t.Errorf("merge %+v, want %+v", b, a)
	}
	var z acc128
	z.add(-1)
	z.add(1)
	if z != (acc128{}) {
		t.Errorf("-1+1 = %+v", z)
	}
}

// The traced driving chains are the activities with no positive total
// float against the iteration's own finish, as package schedule's
// RunFromFinish computes it independently (release work, no date
// constraints: those can leave negative float off the chains).
func TestTraceMatchesFloatAgainstOwnFinish(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 34))
	for trial := range 40 {
		net := randomNetwork(rng, 2+rng.IntN(40), trial%2 == 0)
		for i := range net.Activities {
			net.Activities[i].StartNoEarlierThan = calendar.Date{}
			net.Activities[i].AfterRelease = false
		}
		m, err := NewModel(net, richInput(rng, net, Distribution(trial%3)))
		if err != nil {
			t.Fatal(err)
		}
		w := m.newWorker(uint64(trial), make([]int32, 20))
		p := m.c.NewPass()
		prev := make([]int64, len(w.crit))
		for i := range 20 {
			if err := w.iterate(i); err != nil {
				t.Fatal(err)
			}
			if err := p.RunFromFinish(w.dur); err != nil {
				t.Fatal(err)
			}
			for v := range w.crit {
				traced := w.crit[v] != prev[v]
				if traced != p.Critical(v) {
					t.Fatalf("trial %d iteration %d: %s traced %v, float %d", trial, i, m.c.ID(v), traced, p.TotalFloat(v))
				}
			}
			copy(prev, w.crit)
		}
	}
}
