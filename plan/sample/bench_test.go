package sample_test

import (
	"context"
	"testing"

	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/sample"
)

// BenchmarkPlan builds the whole sample plan: 23 requirements, 105 tasks,
// 101 demands and commitments, 9 risks, 3 issues, a baseline and a review.
func BenchmarkPlan(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sample.Plan(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExitGate checks the sample plan's exit criterion.
func BenchmarkExitGate(b *testing.B) {
	p, err := sample.Plan()
	if err != nil {
		b.Fatal(err)
	}
	k := sample.Checker()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := k.Check(context.Background(), p, plan.Exit); err != nil {
			b.Fatal(err)
		}
	}
}
