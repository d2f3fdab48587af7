package forecast

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/rolloutkit/rollout/schedule"
)

// benchNetwork builds a release train of n activities: each depends on
// one to three of the 100 activities before it (mostly finish-to-start),
// every activity has a three-point estimate and one risk in 20 activities
// threatens two of them.
func benchNetwork(n int) (schedule.Network, Input) {
	rng := rand.New(rand.NewPCG(uint64(n), 1))
	net := schedule.Network{Start: start, Deadline: start.AddDays(2 * n)}
	in := Input{Distribution: PERT}
	for i := range n {
		d := 1 + rng.IntN(10)
		id := fmt.Sprintf("T%06d", i)
		net.Activities = append(net.Activities, schedule.Activity{ID: id, Duration: d})
		in.Estimates = append(in.Estimates, Estimate{id, ThreePoint{float64(d) * 0.75, float64(d), float64(d) * 1.8}})
		if i == 0 {
			continue
		}
		for range 1 + rng.IntN(3) {
			j := max(0, i-1-rng.IntN(100))
			dep := schedule.Dependency{From: net.Activities[j].ID, To: id}
			if rng.IntN(10) == 0 {
				dep.Type = schedule.StartToStart
				dep.Lag = rng.IntN(3)
			}
			net.Dependencies = append(net.Dependencies, dep)
		}
	}
	for k := range n / 20 {
		in.Risks = append(in.Risks, Risk{
			ID: fmt.Sprintf("R%05d", k), Probability: 0.05 + 0.3*rng.Float64(), Delay: ThreePoint{1, 3, 8},
			Activities: []string{net.Activities[rng.IntN(n)].ID, net.Activities[rng.IntN(n)].ID},
		})
	}
	return net, in
}

func benchRun(b *testing.B, activities, iterations, workers int) {
	net, in := benchNetwork(activities)
	m, err := NewModel(net, in)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Run(context.Background(), Options{Iterations: iterations, Seed: 1, Workers: workers}); err != nil {
			b.Fatal(err)
		}
	}
}

// The design target: 10,000 iterations over 1,000 activities in under 1 s
// on 2 cores.
func BenchmarkRun10kIterations1kActivities(b *testing.B) { benchRun(b, 1_000, 10_000, 0) }

// Scaling from 1 to 2 workers on the same case.
func BenchmarkRun10kIterations1kActivitiesWorkers1(b *testing.B) { benchRun(b, 1_000, 10_000, 1) }
func BenchmarkRun10kIterations1kActivitiesWorkers2(b *testing.B) { benchRun(b, 1_000, 10_000, 2) }

// A whole company's release train.
func BenchmarkRun1kIterations100kActivities(b *testing.B) { benchRun(b, 100_000, 1_000, 0) }

// Checking and compiling the 1,000-activity model (Run does it once).
func BenchmarkNewModel1kActivities(b *testing.B) {
	net, in := benchNetwork(1_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewModel(net, in); err != nil {
			b.Fatal(err)
		}
	}
}

// One iteration over 1,000 activities on one worker: no allocation.
func BenchmarkIteration1kActivities(b *testing.B) {
	net, in := benchNetwork(1_000)
	m, err := NewModel(net, in)
	if err != nil {
		b.Fatal(err)
	}
	fin := make([]int32, 1024)
	w := m.newWorker(1, fin)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := w.iterate(i & 1023); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
