package ical_test

import (
	"context"
	"testing"

	"github.com/rolloutkit/rollout/plan/ical"
	"github.com/rolloutkit/rollout/plan/internal/bigplan"
)

// BenchmarkMarshal exports a 10,000-task plan, view and schedule
// included (target: under 500 ms).
func BenchmarkMarshal(b *testing.B) {
	p, err := bigplan.Plan(10_000)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		out, err := ical.Marshal(context.Background(), p, ical.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(out)), "bytes")
	}
}

// BenchmarkMarshalRollout exports a plan of 2,000 tasks rolled out in 200
// waves (each with its window, deployment and gate events) with hypercare
// and a go/no-go review, view and schedule included.
func BenchmarkMarshalRollout(b *testing.B) {
	p, err := bigplan.Rollout(2_000, 200, 5_000)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		out, err := ical.Marshal(context.Background(), p, ical.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(out)), "bytes")
	}
}
