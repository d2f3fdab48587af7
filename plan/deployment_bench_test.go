package plan_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/plantest"
	"github.com/rolloutkit/rollout/readiness"
)

// wavesPlan returns a Ready plan rolled out in n waves (a pilot, then
// broad rings, then general availability), each planned as tasks owned and
// staffed by the deployment engineer, and with a readiness checklist of
// items items over the nine functions. It is not bigplan.Rollout: that
// plan's requirements are proposed and its wave tasks unstaffed, so its
// exit gate would also time hundreds of findings about the rest of the
// plan (tasks not ready, late levelled dates), where this one times the
// gate of a plan otherwise ready, whose findings are the waves' own.
func wavesPlan(tb testing.TB, n, items int) *plan.Plan {
	tb.Helper()
	p := plantest.Ready(tb)
	d := p.Deployment.Clone()
	proto := d.Waves[1]
	d.Waves = d.Waves[:1]
	for i := 1; i < n; i++ {
		w := proto.Clone()
		w.ID, w.Name, w.Ring, w.SoakDays = fmt.Sprintf("R%03d", i), fmt.Sprintf("Ring %d", i), deployment.RingBroad, 1
		if i == n-1 {
			w.Ring = deployment.RingGeneralAvailability
		}
		d.Waves = append(d.Waves, w)
	}
	if err := p.SetDeployment(d, waveChange(9)); err != nil {
		tb.Fatal(err)
	}
	if _, err := p.PlanWaves(deployment.TaskOptions{After: []string{plantest.EnvironmentTask}}, waveChange(9)); err != nil {
		tb.Fatal(err)
	}
	for _, t := range p.Backlog.Tasks() {
		if t.Assignee != "" {
			continue
		}
		t.Assignee = plantest.DeploymentEngineer
		for j := range t.Demands {
			t.Demands[j].ResourceID, t.Demands[j].Role = plantest.DeploymentEngineer, ""
		}
		if err := p.UpdateTask(t, waveChange(10)); err != nil {
			tb.Fatal(err)
		}
	}
	if items > 0 {
		var c readiness.Checklist
		fs := readiness.Functions()
		for i := range items {
			it := readiness.Item{ID: fmt.Sprintf("RDY-%05d", i), Function: fs[i%len(fs)], Title: "Item", Owner: "rm",
				MustHave: i%3 == 0, Due: backlog.Before(5 + i%20)}
			if err := c.Add(it, waveChange(11)); err != nil {
				tb.Fatal(err)
			}
		}
		p.Readiness = &c
	}
	return p
}

// BenchmarkWavesGate validates a plan of 200 waves (828 tasks) and 5,000
// readiness items and runs its exit gate, as a release portal does on every
// change.
func BenchmarkWavesGate(b *testing.B) {
	p := wavesPlan(b, 200, 5000)
	k := plantest.Checker()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if l := p.ValidateList().Blocking(); len(l) != 0 {
			b.Fatal(l)
		}
		if _, err := k.Check(ctx, p, plan.Exit); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWavesValidate validates the same plan only.
func BenchmarkWavesValidate(b *testing.B) {
	p := wavesPlan(b, 200, 5000)
	b.ReportAllocs()
	for b.Loop() {
		if l := p.ValidateList().Blocking(); len(l) != 0 {
			b.Fatal(l)
		}
	}
}

// BenchmarkWavesGateDefault is BenchmarkWavesGate with DefaultChecker,
// which does not level the resources.
func BenchmarkWavesGateDefault(b *testing.B) {
	p := wavesPlan(b, 200, 5000)
	k := plan.DefaultChecker()
	ctx := context.Background()
	res, err := k.Check(ctx, p, plan.Exit)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(res.Findings)), "findings")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := k.Check(ctx, p, plan.Exit); err != nil {
			b.Fatal(err)
		}
	}
}
