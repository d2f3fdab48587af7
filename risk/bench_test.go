package risk_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/workitem"
)

// benchDoc builds a log document of nRisks risks and nIssues issues with
// their creation events and, for a third of them, a move to Active.
func benchDoc(nRisks, nIssues int) risk.LogDocument {
	rng := rand.New(rand.NewPCG(1, 2))
	at := time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC)
	doc := risk.LogDocument{Risks: make([]risk.Risk, nRisks), Issues: make([]risk.Issue, nIssues)}
	cats := risk.BuiltinCategories()
	for i := range doc.Risks {
		r := sampleRisk(fmt.Sprintf("R%06d", i), risk.Probability(1+rng.IntN(99)), risk.Impact(1+rng.IntN(5)))
		r.Category = cats[rng.IntN(len(cats))]
		r.ScheduleImpactWorkdays = rng.IntN(20)
		r.TaskIDs = []string{fmt.Sprintf("T%d", rng.IntN(100000)), fmt.Sprintf("T%d", 100000+rng.IntN(100000))}
		r.State, r.Reason = workitem.Proposed, risk.ReasonNew
		doc.Events = append(doc.Events, risk.Event{Subject: r.ID, To: workitem.Proposed, Reason: risk.ReasonNew, By: "ann", At: at})
		if i%3 == 0 {
			r.State, r.Reason = workitem.Active, risk.ReasonMitigationTriggered
			doc.Events = append(doc.Events, risk.Event{Subject: r.ID, From: workitem.Proposed, To: workitem.Active, Reason: risk.ReasonMitigationTriggered, By: "ann", At: at})
		}
		doc.Risks[i] = r
	}
	for i := range doc.Issues {
		is := sampleIssue(fmt.Sprintf("I%06d", i), risk.Priority(1+rng.IntN(4)))
		is.State, is.Reason = workitem.Proposed, risk.ReasonNew
		doc.Events = append(doc.Events, risk.Event{Subject: is.ID, To: workitem.Proposed, Reason: risk.ReasonNew, By: "bob", At: at})
		doc.Issues[i] = is
	}
	return doc
}

func benchLog(b *testing.B, nRisks, nIssues int) *risk.Log {
	b.Helper()
	var l risk.Log
	if err := l.Load(benchDoc(nRisks, nIssues)); err != nil {
		b.Fatal(err)
	}
	return &l
}

// BenchmarkRank ranks 100,000 risks from the log (copies included).
func BenchmarkRank(b *testing.B) {
	l := benchLog(b, 100_000, 0)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if got := l.Ranked(); len(got) != 100_000 {
			b.Fatal(len(got))
		}
	}
	reportCPU(b, start)
}

// BenchmarkRankSlice ranks a slice of 100,000 risks with Rank.
func BenchmarkRankSlice(b *testing.B) {
	rs := benchDoc(100_000, 0).Risks
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if got := risk.Rank(rs); len(got) != 100_000 {
			b.Fatal(len(got))
		}
	}
	reportCPU(b, start)
}

// BenchmarkTopN takes the top 10 of 100,000 open risks.
func BenchmarkTopN(b *testing.B) {
	l := benchLog(b, 100_000, 0)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if got := l.TopN(10, risk.OpenRisk); len(got) != 10 {
			b.Fatal(len(got))
		}
	}
	reportCPU(b, start)
}

// BenchmarkMatrix places 100,000 risks on the 5 by 5 matrix.
func BenchmarkMatrix(b *testing.B) {
	l := benchLog(b, 100_000, 0)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		m, err := l.Matrix(risk.MatrixSpec{})
		if err != nil || m.Count(risk.Red)+m.Count(risk.Amber)+m.Count(risk.Green) != 100_000 {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// BenchmarkValidate validates a log of 100,000 entries (90,000 risks and
// 10,000 issues) with about 130,000 events.
func BenchmarkValidate(b *testing.B) {
	l := benchLog(b, 90_000, 10_000)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if err := l.Validate(); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// BenchmarkDecode decodes and validates the same 100,000-entry log from
// JSON; BenchmarkDecodePlain decodes it with plain encoding/json into the
// same structs, for comparison.
func BenchmarkDecode(b *testing.B) {
	data, err := json.Marshal(benchLog(b, 90_000, 10_000))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		var l risk.Log
		if err := l.UnmarshalJSON(data); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

func BenchmarkDecodePlain(b *testing.B) {
	data, err := json.Marshal(benchLog(b, 90_000, 10_000))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		var doc risk.LogDocument
		if err := json.Unmarshal(data, &doc); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// reportCPU adds the process's CPU time per operation (all threads,
// garbage collection included), which a busy shared machine distorts less
// than wall time.
func reportCPU(b *testing.B, start time.Duration) {
	if b.N > 0 && start > 0 {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
	}
}
