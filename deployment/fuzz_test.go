package deployment_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
)

// FuzzDecode: Decode never panics; it returns either a valid plan that
// round-trips through encoding/json, or a validation.List and no plan.
func FuzzDecode(f *testing.F) {
	valid, err := json.Marshal(rollout())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"waves":[{"id":"W1","ring":"canary"}]}`))
	f.Add([]byte(`{"waves":[{"id":"W1","name":"x","ring":"pilot","audience":{"segment":"s","share":101},"deploy":{"mostLikely":1},"soakDays":1}]}`))
	f.Add([]byte(`{"hypercare":{"from":"2027-02-30"}}`))
	f.Add([]byte(`{"waves":null,"extra":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := deployment.Decode(data)
		if err != nil {
			var l validation.List
			if !errors.As(err, &l) {
				t.Fatalf("error is not a validation.List: %v", err)
			}
			if d != nil {
				t.Fatal("a plan returned with an error")
			}
			return
		}
		if err := d.Validate(); validation.List(problems(err)).HasBlocking() {
			t.Fatalf("decoded plan does not validate: %v", err)
		}
		out, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		again, err := deployment.Decode(out)
		if err != nil {
			t.Fatalf("re-decoding %s: %v", out, err)
		}
		if diff := cmp.Diff(d, again, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
	})
}

func problems(err error) []*validation.Problem {
	var l validation.List
	errors.As(err, &l)
	return l
}

// FuzzEvaluation drives the evaluation lifecycle with arbitrary moves: an
// accepted move appends one event and leaves a valid plan; a refused one
// changes nothing; nothing panics.
func FuzzEvaluation(f *testing.F) {
	states := []deployment.EvaluationState{"", deployment.Pending, deployment.Succeeded, deployment.Failed, deployment.Inconclusive,
		deployment.Continued, deployment.Paused, deployment.Aborted, deployment.RolledBack, "bogus"}
	reasons := []lifecycle.Reason{"", deployment.ReasonCriteriaMet, deployment.ReasonTriggerFired, deployment.ReasonApproved, "Because"}
	waves := []string{"W1", "W2", "W3", "W4", "W9"}
	f.Add([]byte{0, 2, 0, 0, 5, 0, 1, 2, 0, 1, 5, 0, 1, 5, 3})
	f.Add([]byte{0, 3, 2, 0, 8, 4, 0, 1, 1})
	f.Fuzz(func(t *testing.T, moves []byte) {
		d := rollout()
		for i := 0; i+2 < len(moves) && i < 300; i += 3 {
			w := waves[int(moves[i])%len(waves)]
			to := states[int(moves[i+1])%len(states)]
			r := reasons[int(moves[i+2])%len(reasons)]
			ch := change("Rita", 1+i%28, r)
			before := d.Clone()
			var err error
			if moves[i+2]&0x80 != 0 {
				err = d.PassPointOfNoReturn(w, "GNG-1", ch)
			} else {
				err = d.Transition(w, to, ch)
			}
			if err != nil {
				if diff := cmp.Diff(before, d); diff != "" {
					t.Fatalf("refused move %s -> %s changed the plan: %s", w, to, diff)
				}
				continue
			}
			if len(d.Events) != len(before.Events)+1 {
				t.Fatalf("accepted move recorded %d events", len(d.Events)-len(before.Events))
			}
			if err := d.Validate(); err != nil {
				t.Fatalf("accepted move %s -> %s left an invalid plan: %v", w, to, err)
			}
		}
	})
}
