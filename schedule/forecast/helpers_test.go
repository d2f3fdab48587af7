package forecast

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/schedule"
)

var start = calendar.MustParse("2027-03-01") // a Monday

// chain returns a network of activities a0..a(n-1) linked finish-to-start.
func chain(durs ...int) schedule.Network {
	net := schedule.Network{Start: start}
	for i, d := range durs {
		net.Activities = append(net.Activities, schedule.Activity{ID: fmt.Sprintf("a%d", i), Duration: d})
		if i > 0 {
			net.Dependencies = append(net.Dependencies, schedule.Dependency{From: fmt.Sprintf("a%d", i-1), To: fmt.Sprintf("a%d", i)})
		}
	}
	return net
}

func est(id string, a, m, b float64) Estimate {
	return Estimate{Activity: id, ThreePoint: ThreePoint{a, m, b}}
}

func mustRun(t testing.TB, net schedule.Network, in Input, opt Options) *Result {
	t.Helper()
	r, err := Run(context.Background(), net, in, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// cdfAt returns the empirical P(length <= k).
func cdfAt(r *Result, k int) float64 {
	p := 0.0
	for _, pt := range r.SCurve {
		if pt.Workdays <= k {
			p = pt.Probability
		}
	}
	return p
}

// tol is a tolerance for an empirical probability p over n iterations: 5
// standard errors plus a little.
func tol(p float64, n int) float64 { return 5*math.Sqrt(p*(1-p)/float64(n)) + 1e-9 }

// randomNetwork builds a random acyclic network with links of every type,
// lags, constraints, a deadline and work after the release.
func randomNetwork(rng *rand.Rand, n int, fsOnly bool) schedule.Network {
	net := schedule.Network{Start: start}
	if !fsOnly {
		net.Deadline = start.AddDays(20 + rng.IntN(60))
	}
	for i := range n {
		a := schedule.Activity{ID: fmt.Sprintf("t%03d", i), Duration: rng.IntN(8)}
		if !fsOnly {
			switch rng.IntN(10) {
			case 0:
				a.StartNoEarlierThan = start.AddDays(rng.IntN(20))
			case 1:
				a.AfterRelease = true
			}
		}
		net.Activities = append(net.Activities, a)
	}
	for j := 1; j < n; j++ {
		for range rng.IntN(3) {
			i := rng.IntN(j)
			d := schedule.Dependency{From: net.Activities[i].ID, To: net.Activities[j].ID}
			if !fsOnly {
				d.Type = schedule.LinkType(rng.IntN(4))
				d.Lag = rng.IntN(5) - 1
			}
			net.Dependencies = append(net.Dependencies, d)
		}
	}
	return net
}

// raceEnabled is set under the race detector, which slows the runs down
// tenfold; the statistical tests then use fewer iterations (their
// tolerances follow).
var raceEnabled bool

// iters scales a number of iterations down under the race detector.
func iters(n int) int {
	if raceEnabled {
		return n / 8
	}
	return n
}
