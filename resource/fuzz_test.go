package resource_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/resource"
)

func FuzzDecode(f *testing.F) {
	b, err := json.Marshal(fixture(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	for _, s := range []string{`{}`, `{"resources":[{"id":"a","name":"A","kind":"person"}],"demands":[{"id":"D","resourceId":"a","quantity":{"unit":"hours","value":9},"from":"2027-03-01","to":"2027-03-01"}]}`,
		`{"budget":{"currency":"EUR","lines":[{"id":"L","category":"travel","required":"EUR 1.00"}]}}`, `[]`, `null`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := fixture(t)
		before, _ := json.Marshal(p)
		if err := resource.Decode(data, p); err != nil {
			after, _ := json.Marshal(p)
			if string(before) != string(after) {
				t.Fatalf("failed Decode changed the pool: %v", err)
			}
			return
		}
		if l := p.ValidateList(); l.HasBlocking() {
			t.Fatalf("decoded pool does not validate: %v", l)
		}
		out, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("re-encoding: %v", err)
		}
		var back resource.Pool
		if err := resource.Decode(out, &back); err != nil {
			t.Fatalf("re-decoding %s: %v", out, err)
		}
		if diff := cmp.Diff(p, &back, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
		// The analyses must not panic on any valid pool.
		_ = p.Check(1)
		_, _ = p.Load(calendar.Date{}, calendar.Date{})
		_, _ = p.Budget.ByCategory()
	})
}

// FuzzCommitmentTransitions drives a commitment through random operations
// and checks that refused ones change nothing and accepted ones follow the
// lifecycle table and are recorded.
func FuzzCommitmentTransitions(f *testing.F) {
	f.Add([]byte{0, 2, 5, 3})
	f.Add([]byte{1, 1, 2, 6, 4, 7, 2})
	f.Add([]byte{2, 8, 9, 3, 0x45, 0x13})
	f.Fuzz(func(t *testing.T, ops []byte) {
		dm := &resource.Demand{ID: "D", ResourceID: "ana", Quantity: resource.HoursOf(8), From: calendar.MustParse("2027-03-01"), To: calendar.MustParse("2027-03-02")}
		at := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
		c, err := resource.Request("C", dm, lifecycle.Change{By: "rm", At: at})
		if err != nil {
			t.Fatal(err)
		}
		m := resource.CommitmentLifecycle()
		reasons := []lifecycle.Reason{"", resource.ReasonUsed, resource.ReasonBudgetCut, resource.ReasonNegotiationFailed, resource.ReasonDemandChanged, "Nonsense", resource.ReasonReconfirmed}
		for i, op := range ops {
			if i > 64 {
				break
			}
			ch := lifecycle.Change{By: "ipmo", At: at.Add(time.Duration(i) * time.Hour), Reason: reasons[int(op>>4)%len(reasons)]}
			if op&0x80 != 0 {
				ch.By = ""
			}
			before := c.Clone()
			var err error
			switch op % 9 {
			case 0:
				err = c.CounterOffer(resource.Offer{Terms: resource.Terms{Quantity: resource.HoursOf(float64(op))}}, ch)
			case 1:
				err = c.Commit(dm, 1, ch)
			case 2:
				err = c.Decline(ch)
			case 3:
				err = c.Release(ch)
			case 4:
				err = c.Withdraw(ch)
			case 5:
				err = c.Renegotiate(ch)
			case 6:
				err = c.Reconfirm(dm, 2, ch)
			case 7:
				dm.Quantity.Value++ // the demand changes
			case 8:
				err = c.Commit(&resource.Demand{ID: "other"}, 1, ch)
			}
			if err != nil {
				var te *lifecycle.TransitionError
				var ce *resource.CommitmentError
				if !errors.As(err, &te) && !errors.As(err, &ce) && !errors.Is(err, lifecycle.ErrChangeIncomplete) {
					t.Fatalf("op %d: unexpected error type %T: %v", op, err, err)
				}
				if diff := cmp.Diff(before, c); diff != "" {
					t.Fatalf("op %d refused (%v) but changed the commitment:\n%s", op, err, diff)
				}
				continue
			}
			if !c.State.IsValid() {
				t.Fatalf("invalid state %v", c.State)
			}
			if n := len(c.History); n > len(before.History) {
				ev := c.History[n-1]
				if ev.From != before.State || ev.To != c.State {
					t.Fatalf("event %v does not match the move %v -> %v", ev, before.State, c.State)
				}
				if ev.From != ev.To && !m.Can(ev.From, ev.To) {
					t.Fatalf("move %v -> %v is not in the table", ev.From, ev.To)
				}
			} else if c.State != before.State {
				t.Fatalf("state changed %v -> %v without an event", before.State, c.State)
			}
			if c.State == resource.Committed && (c.CommittedBy == "" || c.Revision < 0 || c.DemandFingerprint == "") {
				t.Fatalf("committed without a record: %+v", c)
			}
		}
	})
}
