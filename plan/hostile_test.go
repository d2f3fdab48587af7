package plan_test

import (
	"bytes"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/rolloutkit/rollout/plan"
)

// hostileDocs returns documents of about size bytes that Decode must
// refuse: a huge string followed by an unknown field, a huge list of roles
// each with an unknown field, a huge list followed by a value of the wrong
// type, and deep nesting.
func hostileDocs(size int) map[string][]byte {
	head := `{"schemaVersion":1,"id":"x","release":{"product":"p","version":"1","date":"2027-04-15"},"state":"not-started",`
	tail := `"backlog":{"requirements":[],"tasks":[],"events":[]},"resources":{},"risks":{"risks":[],"issues":[],"events":[]},"revision":0}`
	out := map[string][]byte{}

	var b bytes.Buffer
	b.WriteString(head + `"title":"`)
	b.WriteString(strings.Repeat("a", size))
	b.WriteString(`","roles":[],"titel":1,` + tail)
	out["huge-string-then-unknown-field"] = bytes.Clone(b.Bytes())

	b.Reset()
	b.WriteString(head + `"roles":[`)
	role := `{"role":"R","raci":"responsible","people":["a","b"],"extra":true},`
	for b.Len() < size {
		b.WriteString(role)
	}
	b.WriteString(`{"role":"last","raci":"informed"}],` + tail)
	out["many-unknown-fields"] = bytes.Clone(b.Bytes())

	b.Reset()
	b.WriteString(head + `"roles":[`)
	role = `{"role":"R","raci":"responsible","people":["a","b"]},`
	for b.Len() < size {
		b.WriteString(role)
	}
	b.WriteString(`{"role":"last","raci":"informed"}],` + strings.Replace(tail, `"revision":0`, `"revision":"zero"`, 1))
	out["huge-list-then-wrong-type"] = bytes.Clone(b.Bytes())

	b.Reset()
	b.WriteString(head + `"title":`)
	for b.Len() < size {
		b.WriteString("[[[[[[[[[[")
	}
	out["deep-nesting"] = bytes.Clone(b.Bytes())
	return out
}

func TestHostileDocumentsRefused(t *testing.T) {
	for name, doc := range hostileDocs(1 << 16) {
		if _, err := plan.Decode(doc, plan.DecodeOptions{}); err == nil {
			t.Errorf("%s: Decode accepted a hostile document", name)
		}
		if _, err := plan.DecodeReader(t.Context(), bytes.NewReader(doc), plan.DecodeOptions{}); err == nil {
			t.Errorf("%s: DecodeReader accepted a hostile document", name)
		}
	}
}

// BenchmarkDecodeHostile decodes hostile documents and reports the bytes
// allocated per byte of input (alloc/input), an upper bound of the peak
// memory the refusal costs; the target is at most 3. The documents are
// ROLLOUT_HOSTILE_MB megabytes (default 16, to keep CI fast; measure with
// 100).
func BenchmarkDecodeHostile(b *testing.B) {
	mb := 16
	if s := os.Getenv("ROLLOUT_HOSTILE_MB"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			b.Fatalf("ROLLOUT_HOSTILE_MB=%q: want a positive number of megabytes", s)
		}
		mb = n
	}
	docs := hostileDocs(mb << 20)
	for _, name := range []string{"huge-string-then-unknown-field", "many-unknown-fields", "huge-list-then-wrong-type", "deep-nesting"} {
		doc := docs[name]
		for _, via := range []string{"Decode", "DecodeReader"} {
			b.Run(name+"/"+via, func(b *testing.B) {
				b.SetBytes(int64(len(doc)))
				var total uint64
				for b.Loop() {
					var before, after runtime.MemStats
					runtime.GC()
					runtime.ReadMemStats(&before)
					var err error
					if via == "Decode" {
						_, err = plan.Decode(doc, plan.DecodeOptions{})
					} else {
						_, err = plan.DecodeReader(b.Context(), bytes.NewReader(doc), plan.DecodeOptions{})
					}
					runtime.ReadMemStats(&after)
					if err == nil {
						b.Fatal("a hostile document was accepted")
					}
					total += after.TotalAlloc - before.TotalAlloc
				}
				b.ReportMetric(float64(total)/float64(b.N)/float64(len(doc)), "alloc/input")
			})
		}
	}
}
