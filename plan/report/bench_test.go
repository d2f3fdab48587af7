package report_test

import (
	"context"
	"io"
	"testing"

	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/report"
	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/schedule/forecast"
)

// BenchmarkWrite renders the sample plan's report with the quickstart's
// forecast of 2,000 iterations.
func BenchmarkWrite(b *testing.B) {
	p, err := sample.Plan()
	if err != nil {
		b.Fatal(err)
	}
	k := sample.Checker()
	opts := report.Options{Checker: &k, ForecastOptions: plan.ForecastOptions{Options: forecast.Options{Iterations: 2000, Seed: 2027}}}
	b.ReportAllocs()
	for b.Loop() {
		if err := report.Write(context.Background(), io.Discard, p, opts); err != nil {
			b.Fatal(err)
		}
	}
}
