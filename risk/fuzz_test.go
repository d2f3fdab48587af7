package risk_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

func FuzzDecodeLog(f *testing.F) {
	good, err := json.Marshal(sampleLog(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{"risks":[],"issues":[],"events":[]}`))
	f.Add([]byte(`{"risks":[{"id":"R1","title":"t","condition":"c","consequence":"q","kind":"threat","probability":150,"impact":3,"state":"Proposed","reason":"New"}],"issues":null,"events":null}`))
	f.Add([]byte(`{"risks":[{"id":"R1","proximity":"at-launch"}],"issues":[{"id":"R1"}]}`))
	f.Add([]byte(`{"events":[{"subject":"X","from":"Closed","to":"Active","reason":"Closed in Error"}]}`))
	f.Add([]byte(`[1,2]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l := sampleLog(t)
		before := l.Clone()
		err := l.UnmarshalJSON(data)
		if err != nil {
			if diff := docDiff(before, l); diff != "" {
				t.Fatalf("a failed decode changed the log:\n%s", diff)
			}
			return
		}
		// What decodes is valid, and survives a round trip.
		if err := l.Validate(); err != nil {
			if list, ok := err.(validation.List); !ok || list.HasBlocking() {
				t.Fatalf("decoded log does not validate: %v", err)
			}
		}
		out, err := json.Marshal(l)
		if err != nil {
			t.Fatalf("marshal decoded log: %v", err)
		}
		back, err := risk.DecodeLog(out, nil, nil)
		if err != nil {
			t.Fatalf("re-decode: %v\n%s", err, out)
		}
		if diff := docDiff(l, back); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
		// Queries run on whatever decoded.
		_ = l.Ranked()
		if _, err := l.Matrix(risk.MatrixSpec{}); err != nil {
			t.Fatal(err)
		}
	})
}

var fuzzIDs = [...]string{"R0", "R1", "R2", "R3", "I0", "I1", "I2", "I3"}

// FuzzTransitions drives a log through random sequences of operations:
// no panic, a refused step changes nothing, and after every step the log
// validates and each item's state is where its history ends.
func FuzzTransitions(f *testing.F) {
	f.Add([]byte{0, 0, 45, 2, 0, 2, 2, 0, 3, 3, 0, 5, 2, 5, 1, 4, 1, 0})
	f.Add([]byte{1, 4, 2, 2, 4, 7, 2, 4, 3, 4, 4, 0, 0, 1, 60, 3, 1, 6, 5, 1, 77})
	f.Add([]byte{0, 0, 30, 0, 1, 40, 3, 0, 4, 3, 1, 5, 4, 0, 0, 4, 4, 0, 2, 1, 14, 2, 1, 9})
	f.Fuzz(func(t *testing.T, ops []byte) {
		var l risk.Log
		clock := time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC)
		for step := 0; len(ops) >= 3 && step < 200; step++ {
			op, a, b := ops[0], ops[1], ops[2]
			ops = ops[3:]
			clock = clock.Add(time.Hour)
			id := fuzzIDs[int(a)%len(fuzzIDs)]
			change := lifecycle.Change{By: "fuzz", At: clock}
			before := l.Clone()
			var err error
			switch op % 7 {
			case 0:
				err = l.AddRisk(sampleRisk(id, risk.Probability(b%101), risk.Impact(b%6)), change)
			case 1:
				i := sampleIssue(id, risk.Priority(b%5))
				if b&0x80 != 0 {
					i.RiskID = fuzzIDs[int(b)%4]
				}
				err = l.AddIssue(i, change)
			case 2, 3:
				to := workitem.State(b % 5)
				switch (b / 5) % 3 {
				case 1:
					change.Reason = "Bogus"
				case 2:
					m := risk.RiskLifecycle()
					var from workitem.State
					if r, ok := l.Risk(id); ok {
						from = r.State
					} else if i, ok := l.Issue(id); ok {
						m, from = risk.IssueLifecycle(), i.State
					}
					if rs := m.Reasons(from, to); len(rs) > 0 {
						change.Reason = rs[len(rs)-1]
					}
				}
				_, err = l.Transition(id, to, change)
			case 4:
				_, err = l.Promote(id, fuzzIDs[int(b)%len(fuzzIDs)], change)
			case 5:
				err = l.Remove(id)
			case 6:
				if r, ok := l.Risk(id); ok {
					r.Probability = risk.Probability(b % 101)
					if b%7 == 0 {
						r.State = workitem.Closed
					}
					err = l.UpdateRisk(r)
				} else if i, ok := l.Issue(id); ok {
					i.Priority = risk.Priority(b % 5)
					if b%3 == 0 {
						i.RiskID = fuzzIDs[int(b)%4]
					}
					err = l.UpdateIssue(i)
				}
			}
			if err != nil {
				if diff := cmp.Diff(before.Document(), l.Document()); diff != "" {
					t.Fatalf("step %d (op %d on %s) refused with %v but changed the log:\n%s", step, op%7, id, err, diff)
				}
			}
			checkInvariants(t, &l)
		}
	})
}

func checkInvariants(t *testing.T, l *risk.Log) {
	t.Helper()
	if err := l.Validate(); err != nil {
		if list, ok := err.(validation.List); !ok || list.HasBlocking() {
			t.Fatalf("log does not validate: %v", err)
		}
	}
	subjects := map[string]bool{}
	for _, e := range l.Events() {
		subjects[e.Subject] = true
	}
	if len(subjects) != l.NumRisks()+l.NumIssues() {
		t.Fatalf("%d subjects in the history, %d items", len(subjects), l.NumRisks()+l.NumIssues())
	}
	check := func(id string, state workitem.State, reason lifecycle.Reason) {
		h := l.History(id)
		if len(h) == 0 || h[0].From != 0 {
			t.Fatalf("%s: history %v does not begin with its creation", id, h)
		}
		last := h[len(h)-1]
		if last.To != state || last.Reason != reason {
			t.Fatalf("%s is %v (%s), history ends %v (%s)", id, state, reason, last.To, last.Reason)
		}
	}
	for _, r := range l.Risks() {
		check(r.ID, r.State, r.Reason)
		for _, iid := range r.IssueIDs {
			if i, ok := l.Issue(iid); !ok || i.RiskID != r.ID {
				t.Fatalf("risk %s records issue %s which does not link back", r.ID, iid)
			}
		}
	}
	for _, i := range l.Issues() {
		check(i.ID, i.State, i.Reason)
	}
}
