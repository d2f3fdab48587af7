package markdown_test

import (
	"context"
	"testing"

	"github.com/rolloutkit/rollout/plan/internal/bigplan"
	"github.com/rolloutkit/rollout/plan/markdown"
)

// BenchmarkMarshal renders the page of a 10,000-task plan (one Gantt bar
// per requirement), view and schedule included.
func BenchmarkMarshal(b *testing.B) {
	p, err := bigplan.Plan(10_000)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		out, err := markdown.Marshal(context.Background(), p, markdown.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(out)), "bytes")
	}
}
