package plan_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/validation"
)

func FuzzDecode(f *testing.F) {
	p := committed(f)
	p.Assign(plan.ReleaseManager, testChange, "rita")
	good, err := plan.Encode(p)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{"schemaVersion":2}`))
	f.Add([]byte(`{"schemaVersion":1,"id":"x","release":{"product":"p","version":"1","date":"2027-02-30"}}`))
	f.Add([]byte(`{"schemaVersion":1,"id":"x","roles":[{"role":"R","raci":"owner"}],"backlog":{"requirements":[],"tasks":[{"id":"T1"}],"events":[]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		// A broken plan loaded for repair can be checked, encoded and
		// loaded again without a panic.
		if r, err := plan.Decode(data, plan.DecodeOptions{AllowInvalid: true}); err == nil {
			if _, err := plan.DefaultChecker().Check(context.Background(), r, plan.Exit); err != nil {
				t.Fatal(err)
			}
			doc, err := plan.Encode(r)
			if err != nil {
				t.Fatalf("a plan loaded for repair does not encode: %v", err)
			}
			if _, err := plan.Decode(doc, plan.DecodeOptions{AllowInvalid: true}); err != nil {
				t.Fatalf("a plan loaded for repair does not load again: %v\n%s", err, doc)
			}
		}
		target := committed(t)
		before, _ := plan.Encode(target)
		q, err := plan.Decode(data, plan.DecodeOptions{})
		if err != nil {
			var l validation.List
			if !errors.As(err, &l) || len(l) == 0 {
				t.Fatalf("Decode error %v is not a validation.List", err)
			}
			if plan.DecodeInto(target, data, plan.DecodeOptions{}) == nil {
				t.Fatal("DecodeInto accepted what Decode refused")
			}
			after, _ := plan.Encode(target)
			if !bytes.Equal(before, after) {
				t.Fatal("a failed decode changed the plan")
			}
			return
		}
		once, err := plan.Encode(q)
		if err != nil {
			t.Fatalf("a decoded plan does not encode: %v", err)
		}
		q2, err := plan.Decode(once, plan.DecodeOptions{})
		if err != nil {
			t.Fatalf("an encoded plan does not decode: %v\n%s", err, once)
		}
		twice, _ := plan.Encode(q2)
		if !bytes.Equal(once, twice) {
			t.Fatalf("encoding is not stable:\n%s\n%s", once, twice)
		}
		// Checking a decoded plan never panics.
		if _, err := plan.DefaultChecker().Check(context.Background(), q, plan.Exit); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzActivity drives the activity and its reviews with random steps: no
// panic, a refused step changes nothing, events are numbered in order.
func FuzzActivity(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7})
	f.Add([]byte{1, 0, 0, 2, 2, 8, 9})
	f.Fuzz(func(t *testing.T, steps []byte) {
		ctx := context.Background()
		p := committed(t)
		k := plan.DefaultChecker()
		if err := k.Rules.Disable(plan.CodeCategoriesGathered, plan.CodeRisksLogged); err != nil {
			t.Fatal(err)
		}
		ch := lifecycle.Change{At: testAt, By: "fuzz"}
		for i, s := range steps {
			if i > 64 {
				break
			}
			before, _ := plan.Encode(p)
			var err error
			switch s % 10 {
			case 0:
				_, err = p.Start(ctx, k, ch)
			case 1:
				_, err = p.Complete(ctx, k, ch)
			case 2:
				err = p.Reopen(ch)
			case 3:
				p.Assign(plan.ReleaseManager, testChange, "rita")
				p.Assign(plan.IPMOfficer, testChange, "ivo")
				p.Assign(plan.ProjectManager, testChange, "pat")
			case 4:
				err = p.OpenDecision("GNG", []string{"rita", "pat"}, ch)
			case 5:
				err = p.CastVote("GNG", "rita", plan.Vote(s%4), "note", ch)
			case 6:
				p.Revise(ch)
			case 7:
				_, err = p.TakeBaseline("b", ch)
			case 8:
				p.Notification = plan.Notification{}
			case 9:
				p.Release.Date = calendar.MustParse("2027-05-20")
			}
			if err != nil {
				after, _ := plan.Encode(p)
				if !bytes.Equal(before, after) {
					t.Fatalf("step %d (%d) failed with %v and changed the plan", i, s%10, err)
				}
			}
		}
		for i, e := range p.History {
			if e.Seq != i+1 {
				t.Fatalf("event %d has seq %d", i, e.Seq)
			}
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("the plan no longer validates: %v", err)
		}
	})
}
