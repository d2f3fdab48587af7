package view_test

import (
	"testing"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan/internal/bigplan"
	"github.com/rolloutkit/rollout/plan/view"
)

// BenchmarkRollout reads the deployment half of a plan of 2,000 tasks
// rolled out in 200 waves with 5,000 readiness items from a view built
// once: the rows every renderer draws.
func BenchmarkRollout(b *testing.B) {
	p, err := bigplan.Rollout(2_000, 200, 5_000)
	if err != nil {
		b.Fatal(err)
	}
	v, err := view.New(p, view.Options{})
	if err != nil {
		b.Fatal(err)
	}
	asOf := calendar.MustParse("2027-09-01")
	b.ReportAllocs()
	for b.Loop() {
		r := v.Rollout()
		rd := v.Readiness(asOf)
		if len(r.Waves) != 200 || len(rd.Items) != 5_000 || len(v.Reviews()) != 1 {
			b.Fatalf("%d waves, %d items", len(r.Waves), len(rd.Items))
		}
	}
}
