package lifecycle_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/lifecycle"
)

type state string

const (
	proposed state = "Proposed"
	active   state = "Active"
	resolved state = "Resolved"
	closed   state = "Closed"
)

func riskMachine(t testing.TB) *lifecycle.Machine[state] {
	t.Helper()
	m, err := lifecycle.New("risk", proposed, []lifecycle.Reason{"New"},
		lifecycle.Rule[state]{From: proposed, To: active, Reasons: []lifecycle.Reason{"Mitigation Triggered"}},
		lifecycle.Rule[state]{From: proposed, To: closed, Reasons: []lifecycle.Reason{"Rejected", "Accepted"}},
		lifecycle.Rule[state]{From: active, To: resolved, Reasons: []lifecycle.Reason{"Mitigation Action Complete"}},
		lifecycle.Rule[state]{From: resolved, To: closed, Reasons: []lifecycle.Reason{"Mitigated"}},
		lifecycle.Rule[state]{From: closed, To: active, Reasons: []lifecycle.Reason{"Closed in Error"}},
	)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestCheck(t *testing.T) {
	m := riskMachine(t)
	tests := []struct {
		from, to state
		reason   lifecycle.Reason
		want     lifecycle.Reason
		wantErr  error
	}{
		{proposed, active, "", "Mitigation Triggered", nil},
		{proposed, closed, "Accepted", "Accepted", nil},
		{proposed, closed, "", "Rejected", nil},
		{proposed, closed, "Because", "", lifecycle.ErrUnknownReason},
		{closed, resolved, "", "", lifecycle.ErrInvalidTransition},
		{active, active, "", "", lifecycle.ErrInvalidTransition},
		{closed, active, "Closed in Error", "Closed in Error", nil},
	}
	for _, tt := range tests {
		got, err := m.Check(tt.from, tt.to, tt.reason)
		if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
			t.Errorf("Check(%s, %s, %q) error = %v, want %v", tt.from, tt.to, tt.reason, err, tt.wantErr)
		}
		if got != tt.want {
			t.Errorf("Check(%s, %s, %q) = %q, want %q", tt.from, tt.to, tt.reason, got, tt.want)
		}
	}
}

func TestApplyNamesSubject(t *testing.T) {
	m := riskMachine(t)
	at := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	ev, err := m.Apply("R1", proposed, active, lifecycle.Change{By: "ann", At: at})
	if err != nil {
		t.Fatal(err)
	}
	want := lifecycle.Event[state]{Subject: "R1", From: proposed, To: active, Reason: "Mitigation Triggered", By: "ann", At: at}
	if diff := cmp.Diff(want, ev); diff != "" {
		t.Errorf("event (-want +got):\n%s", diff)
	}
	_, err = m.Apply("R2", resolved, proposed, lifecycle.Change{By: testBy, At: testAt})
	var te *lifecycle.TransitionError
	if !errors.As(err, &te) || te.Subject != "R2" || te.From != "Resolved" {
		t.Fatalf("error = %#v", err)
	}
	if !strings.Contains(err.Error(), "allowed from Resolved: Closed") {
		t.Errorf("message %q does not list the allowed moves", err)
	}
	if _, err := m.Create("R3", lifecycle.Change{By: testBy, At: testAt, Reason: "Old"}); !errors.Is(err, lifecycle.ErrUnknownReason) {
		t.Errorf("Create with unknown reason: %v", err)
	}
}

func TestWithReasonsLeavesOriginal(t *testing.T) {
	m := riskMachine(t)
	m2, err := m.WithReasons(proposed, closed, "Transferred to vendor")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m2.Check(proposed, closed, "Transferred to vendor"); err != nil {
		t.Errorf("extended machine refused the new reason: %v", err)
	}
	if _, err := m.Check(proposed, closed, "Transferred to vendor"); err == nil {
		t.Error("original machine changed")
	}
	if _, err := m.WithReasons(closed, resolved, "x"); !errors.Is(err, lifecycle.ErrInvalidTransition) {
		t.Errorf("WithReasons on a missing move: %v", err)
	}
}

func TestNewRejectsBadTables(t *testing.T) {
	cases := [][]lifecycle.Rule[state]{
		{{From: proposed, To: active}},
		{{From: proposed, To: proposed, Reasons: []lifecycle.Reason{"x"}}},
		{{From: proposed, To: active, Reasons: []lifecycle.Reason{"x"}}, {From: proposed, To: active, Reasons: []lifecycle.Reason{"y"}}},
	}
	for i, rules := range cases {
		if _, err := lifecycle.New("t", proposed, []lifecycle.Reason{"New"}, rules...); !errors.Is(err, lifecycle.ErrInvalidMachine) {
			t.Errorf("case %d: err = %v", i, err)
		}
	}
	if _, err := lifecycle.New[state]("t", proposed, nil); !errors.Is(err, lifecycle.ErrInvalidMachine) {
		t.Errorf("no creation reason: %v", err)
	}
}

func TestStatesAndFrom(t *testing.T) {
	m := riskMachine(t)
	if diff := cmp.Diff([]state{proposed, active, closed, resolved}, m.States()); diff != "" {
		t.Errorf("States (-want +got):\n%s", diff)
	}
	var to []state
	for _, r := range m.From(proposed) {
		to = append(to, r.To)
	}
	if diff := cmp.Diff([]state{active, closed}, to); diff != "" {
		t.Errorf("From(Proposed) (-want +got):\n%s", diff)
	}
}

func ExampleMachine_Mermaid() {
	m := lifecycle.MustNew("issue", "Proposed", []lifecycle.Reason{"New"},
		lifecycle.Rule[string]{From: "Proposed", To: "Active", Reasons: []lifecycle.Reason{"Accepted", "Investigate"}},
		lifecycle.Rule[string]{From: "Active", To: "Resolved", Reasons: []lifecycle.Reason{"Resolved"}},
	)
	fmt.Print(m.Mermaid())
	// Output:
	// stateDiagram-v2
	//     [*] --> Proposed: New
	//     Proposed --> Active: Accepted; Investigate
	//     Active --> Resolved: Resolved
}

func ExampleMachine_Check() {
	m := lifecycle.MustNew("task", "Proposed", []lifecycle.Reason{"New"},
		lifecycle.Rule[string]{From: "Proposed", To: "Active", Reasons: []lifecycle.Reason{"Accepted"}},
	)
	_, err := m.Check("Proposed", "Closed", "")
	fmt.Println(err)
	reason, _ := m.Check("Proposed", "Active", "")
	fmt.Println(reason)
	// Output:
	// task: cannot move from Proposed to Closed (allowed from Proposed: Active)
	// Accepted
}

func FuzzMachine(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 1, 0})
	f.Fuzz(func(t *testing.T, steps []byte) {
		m := riskMachine(t)
		states := []state{proposed, active, resolved, closed}
		cur := proposed
		for _, s := range steps {
			to := states[int(s)%len(states)]
			reasons := m.Reasons(cur, to)
			_, err := m.Check(cur, to, "")
			if (err == nil) != (reasons != nil) {
				t.Fatalf("Check(%s,%s) err=%v but Reasons=%v", cur, to, err, reasons)
			}
			if err == nil {
				cur = to
			}
		}
	})
}
