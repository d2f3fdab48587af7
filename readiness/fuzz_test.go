package readiness_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/readiness"
)

// FuzzDecode: Decode never panics; whatever it accepts validates and
// survives a round trip unchanged.
func FuzzDecode(f *testing.F) {
	seed, err := json.Marshal(sampleChecklist())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`{"items":[]}`))
	f.Add([]byte(`{"items":[{"id":"a","function":"sales","title":"t","status":"waived"}]}`))
	f.Add([]byte(`{"items":[{"id":"a","function":"sales","title":"t","status":"ready","evidence":[{"link":"https://x.example/","by":"a","at":"2027-01-01T00:00:00Z"}]}],"leads":[{"function":"sales","person":"p"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := readiness.Decode(data)
		if err != nil {
			if c != nil {
				t.Fatal("Decode returned a checklist with an error")
			}
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("decoded checklist does not validate: %v", err)
		}
		again, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		d, err := readiness.Decode(again)
		if err != nil {
			t.Fatalf("re-decoding: %v", err)
		}
		if diff := cmp.Diff(c, d); diff != "" {
			t.Fatalf("round trip:\n%s", diff)
		}
	})
}

// FuzzStatusText: UnmarshalText never panics, leaves the status unchanged
// on error and reads back what MarshalText writes.
func FuzzStatusText(f *testing.F) {
	for _, s := range []string{"", "not-started", "in-progress", "ready", "at-risk", "waived", "Ready", "done"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st := readiness.InProgress
		if err := st.UnmarshalText([]byte(s)); err != nil {
			if st != readiness.InProgress {
				t.Fatalf("refused %q changed the status to %v", s, st)
			}
			return
		}
		b, err := st.MarshalText()
		if err != nil || string(b) != s {
			t.Fatalf("MarshalText after reading %q = %q, %v", s, b, err)
		}
	})
}

// FuzzLifecycle drives the status state machine with moves chosen by the
// input: every refused move changes nothing, every accepted one is in the
// table, and the checklist validates after each step.
func FuzzLifecycle(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 0, 9, 17, 33})
	f.Add([]byte{2, 2, 2, 3, 3, 5, 5, 1})
	f.Add([]byte{0x15, 0x25, 0x35, 0x41, 0x52})
	base := sampleChecklist()
	ids := []string{"sales/briefed", "support/trained", "ops/runbooks", "mkt/newsletter", "nope"}
	reasons := []lifecycle.Reason{"", readiness.ReasonRiskAccepted, readiness.ReasonRecovered, "Because"}
	m := readiness.Lifecycle()
	f.Fuzz(func(t *testing.T, moves []byte) {
		if len(moves) > 64 {
			moves = moves[:64]
		}
		c := base.Clone()
		for k, b := range moves {
			id := ids[int(b>>4)%len(ids)]
			to := readiness.Status(b % 7)
			ch := change(reasons[k%len(reasons)], "")
			switch b % 3 {
			case 1:
				ch.Note = "decided at the weekly review"
			case 2:
				if err := c.AddEvidence(id, "", "checked", ch); err != nil && id != "nope" {
					t.Fatalf("AddEvidence(%s): %v", id, err)
				}
			}
			before := c.Clone()
			from, _ := c.Item(id)
			ev, err := c.Transition(id, to, ch)
			if err != nil {
				if diff := cmp.Diff(before, c); diff != "" {
					t.Fatalf("refused move %s %v->%v changed the checklist:\n%s", id, from.Status, to, diff)
				}
				continue
			}
			if !m.Can(from.Status, to) || ev.From != from.Status || ev.To != to {
				t.Fatalf("accepted %s %v->%v, event %+v", id, from.Status, to, ev)
			}
			if err := c.Validate(); err != nil {
				t.Fatalf("after %s %v->%v: %v", id, from.Status, to, err)
			}
		}
	})
}
