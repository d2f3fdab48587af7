package readiness_test

import (
	"fmt"
	"testing"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/readiness"
)

// bigChecklist has n items over the nine functions, with a history of
// three moves for every other item.
func bigChecklist(tb testing.TB, n int) *readiness.Checklist {
	tb.Helper()
	var c readiness.Checklist
	fs := readiness.Functions()
	for i := range n {
		it := readiness.Item{ID: fmt.Sprintf("RDY-%05d", i), Function: fs[i%len(fs)], Title: "Item", Owner: "Owner",
			MustHave: i%3 == 0, Due: backlog.Before(5 + i%20)}
		if err := c.Add(it, change("", "")); err != nil {
			tb.Fatal(err)
		}
		if i%2 == 0 {
			if err := c.AddEvidence(it.ID, "https://wiki.example/rdy", "", change("", "")); err != nil {
				tb.Fatal(err)
			}
			for _, to := range []readiness.Status{readiness.InProgress, readiness.Ready} {
				if _, err := c.Transition(it.ID, to, change("", "")); err != nil {
					tb.Fatal(err)
				}
			}
		}
	}
	return &c
}

// BenchmarkValidate5000 validates a checklist of 5,000 items.
func BenchmarkValidate5000(b *testing.B) {
	c := bigChecklist(b, 5000)
	b.ReportAllocs()
	for b.Loop() {
		if err := c.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkByFunction5000 summarises 5,000 items per function.
func BenchmarkByFunction5000(b *testing.B) {
	c := bigChecklist(b, 5000)
	b.ReportAllocs()
	for b.Loop() {
		if len(c.ByFunction()) != 9 {
			b.Fatal("functions")
		}
	}
}
