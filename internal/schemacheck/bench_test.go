package schemacheck_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/invopop/jsonschema"
	"github.com/rolloutkit/rollout/internal/schemacheck"
)

// bigRegister returns a register whose JSON is at least size bytes.
func bigRegister(tb testing.TB, size int) []byte {
	tb.Helper()
	reg := sampleRegister()
	review := time.Date(2026, 11, 27, 6, 0, 0, 0, time.UTC)
	for i := 0; ; i++ {
		for j := range 1000 {
			n := i*1000 + j
			reg.Risks = append(reg.Risks, risk{
				ID: fmt.Sprintf("R-%d", n), Title: fmt.Sprintf("Risk number %d of the launch", n),
				Probability: 1 + n%99, Severity: []string{"low", "medium", "high"}[n%3],
				Owner: &person{Name: "Owner", Email: fmt.Sprintf("o%d@example.com", n%50)},
				Tags:  []string{"a", "b"}, Review: review.Add(time.Duration(n) * time.Hour), Cost: float64(n) / 4,
			})
			reg.Owners[fmt.Sprintf("team-%d", n)] = person{Name: "Team", Email: "team@example.com"}
		}
		b, err := json.Marshal(reg)
		if err != nil {
			tb.Fatal(err)
		}
		if len(b) >= size {
			return b
		}
	}
}

func BenchmarkValidate10MB(b *testing.B) {
	s := reflectSchema(b, &jsonschema.Reflector{}, &register{})
	doc := bigRegister(b, 10<<20)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Validate(doc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompile(b *testing.B) {
	raw, err := json.Marshal((&jsonschema.Reflector{}).Reflect(&register{}))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := reflectCompile(raw); err != nil {
			b.Fatal(err)
		}
	}
}

func reflectCompile(raw []byte) (any, error) { return schemacheck.Compile(raw) }
