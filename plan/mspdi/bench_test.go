package mspdi_test

import (
	"context"
	"testing"

	"github.com/rolloutkit/rollout/plan/internal/bigplan"
	"github.com/rolloutkit/rollout/plan/mspdi"
)

// BenchmarkMarshal exports a 10,000-task plan, view and schedule included
// (target: under 500 ms).
func BenchmarkMarshal(b *testing.B) {
	p, err := bigplan.Plan(10_000)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		out, err := mspdi.Marshal(context.Background(), p, mspdi.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(out)), "bytes")
	}
}
