package azureboards_test

import (
	"bytes"
	"testing"

	ab "github.com/rolloutkit/rollout/plan/azureboards"
)

// BenchmarkBatches builds the export of 10,000 tasks (and their 1,000
// requirements) and renders all 55 $batch bodies.
func BenchmarkBatches(b *testing.B) {
	p := bigPlan(b, 10_000)
	o := ab.Options{Organization: "contoso", Project: "Ledger", AreaPath: `Ledger\Launch`}
	b.ReportAllocs()
	for b.Loop() {
		e, err := ab.Build(p, o)
		if err != nil {
			b.Fatal(err)
		}
		assigned := make(map[int]int, len(e.Items()))
		for i := range e.NumBatches() {
			if _, err := e.BatchBody(i, assigned); err != nil {
				b.Fatal(err)
			}
			for _, it := range e.Batch(i) {
				assigned[it.TempID] = -it.TempID
			}
		}
	}
}

// BenchmarkCSVFiles writes the same plan as CSV import files.
func BenchmarkCSVFiles(b *testing.B) {
	p := bigPlan(b, 10_000)
	b.ReportAllocs()
	for b.Loop() {
		files, err := ab.CSVFiles(p, ab.Options{})
		if err != nil || len(files) != 12 || !bytes.HasPrefix(files[0], []byte("ID,")) {
			b.Fatal(len(files), err)
		}
	}
}
