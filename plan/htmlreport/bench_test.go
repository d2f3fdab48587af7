package htmlreport_test

import (
	"context"
	"testing"

	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/htmlreport"
	"github.com/rolloutkit/rollout/plan/internal/bigplan"
	"github.com/rolloutkit/rollout/schedule/forecast"
)

// BenchmarkMarshal renders the page of a 10,000-task plan (every task
// drawn), view, schedule and weekly load included, with a forecast run
// beforehand (target: under 1 s and under 10 MB).
func BenchmarkMarshal(b *testing.B) {
	p, err := bigplan.Plan(10_000)
	if err != nil {
		b.Fatal(err)
	}
	fc, err := p.Forecast(context.Background(), plan.ForecastOptions{Options: forecast.Options{Iterations: 200, Seed: 1}})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		out, err := htmlreport.Marshal(context.Background(), p, htmlreport.Options{Forecast: fc})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(out)), "bytes")
	}
}

// BenchmarkMarshalRollout renders the page of a plan of 2,000 tasks
// rolled out in 200 waves (800 more tasks) with 5,000 readiness items,
// with a forecast run beforehand.
func BenchmarkMarshalRollout(b *testing.B) {
	p, err := bigplan.Rollout(2_000, 200, 5_000)
	if err != nil {
		b.Fatal(err)
	}
	fc, err := p.Forecast(context.Background(), plan.ForecastOptions{Options: forecast.Options{Iterations: 200, Seed: 1}})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		out, err := htmlreport.Marshal(context.Background(), p, htmlreport.Options{Forecast: fc})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(out)), "bytes")
	}
}
