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

// BenchmarkMarshalRollout renders the page of a plan of 2,000 tasks
// rolled out in 200 waves (800 more tasks) with 5,000 readiness items:
// the deployment sections and the waves' Gantt sections at scale.
func BenchmarkMarshalRollout(b *testing.B) {
	p, err := bigplan.Rollout(2_000, 200, 5_000)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		out, err := markdown.Marshal(context.Background(), p, markdown.Options{GanttTasks: 5_000})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(out)), "bytes")
	}
}
