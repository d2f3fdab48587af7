package workitem_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// note is a minimal work item for the tests and the example.
type note struct {
	ID     string
	Tags   []string
	State  workitem.State
	Reason lifecycle.Reason
}

var noteMachine = lifecycle.MustNew("note", workitem.Proposed, []lifecycle.Reason{"New"},
	lifecycle.Rule[workitem.State]{From: workitem.Proposed, To: workitem.Active, Reasons: []lifecycle.Reason{"Accepted"}},
	lifecycle.Rule[workitem.State]{From: workitem.Active, To: workitem.Closed, Reasons: []lifecycle.Reason{"Done"}})

type noteKind struct{}

func (noteKind) Names() (string, string)                             { return "notes", "note" }
func (noteKind) Lifecycle() *lifecycle.Machine[workitem.State]       { return noteMachine }
func (noteKind) ID(n *note) string                                   { return n.ID }
func (noteKind) Status(n *note) (*workitem.State, *lifecycle.Reason) { return &n.State, &n.Reason }
func (noteKind) Clone(n *note) note {
	c := *n
	c.Tags = append([]string(nil), n.Tags...)
	return c
}

type notes = workitem.Register[note, noteKind]

func TestRegisterZeroValue(t *testing.T) {
	var r notes
	if r.Len() != 0 || r.Has("N1") || r.Lifecycle() != noteMachine {
		t.Fatalf("zero register: len %d, lifecycle %v", r.Len(), r.Lifecycle().Name())
	}
	if _, ok := r.Get("N1"); ok {
		t.Error("Get on an empty register found something")
	}
	ch := lifecycle.Change{By: "ann", At: testAt}
	n := note{ID: "N1", Tags: []string{"a"}}
	ev, err := r.Create("add note", n.ID, n.State, n.Reason, ch)
	if err != nil {
		t.Fatal(err)
	}
	n.State, n.Reason = ev.To, ev.Reason
	if n.State != workitem.Proposed || n.Reason != "New" || ev.Subject != "N1" || ev.To != workitem.Proposed {
		t.Errorf("created %+v, event %+v", n, ev)
	}
	if r.Len() != 0 {
		t.Error("Create changed the register")
	}
	r.Add(n)
	got, ok := r.Get("N1")
	if !ok || got.ID != "N1" {
		t.Fatalf("Get after Add = %+v, %v", got, ok)
	}
	got.Tags[0] = "changed"
	if r.At(0).Tags[0] != "a" {
		t.Error("Get returned the register's own item, not a copy")
	}
}

func TestRegisterOperations(t *testing.T) {
	ch := lifecycle.Change{By: "ann", At: testAt}
	var r notes
	var events []workitem.Event
	for _, id := range []string{"N1", "N2", "N3"} {
		ev, err := r.Create("add note", id, 0, "", ch)
		if err != nil {
			t.Fatal(err)
		}
		r.Add(note{ID: id, State: ev.To, Reason: ev.Reason})
		events = append(events, ev)
	}
	if _, err := r.Create("add note", "N4", workitem.Active, "", ch); !errors.Is(err, workitem.ErrStateChange) || !errors.Is(err, validation.ErrForbidden) {
		t.Errorf("create in a state: %v", err)
	}
	i, ok := r.Find("N2")
	if !ok || i != 1 || !r.IsFirst(1) {
		t.Fatalf("Find(N2) = %d, %v", i, ok)
	}
	if _, err := r.Move(i, workitem.Active, ch, &events); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Move(i, workitem.Resolved, ch, &events); !errors.Is(err, lifecycle.ErrInvalidTransition) || len(events) != 4 {
		t.Errorf("refused move: %v, %d events", err, len(events))
	}
	if _, err := r.Removable(i, events); !errors.Is(err, workitem.ErrNotRemovable) {
		t.Errorf("Removable of a moved item: %v", err)
	}
	at, err := r.Removable(2, events)
	if err != nil || at != 2 {
		t.Fatalf("Removable(N3) = %d, %v", at, err)
	}
	r.Delete(2)
	if r.Has("N3") || r.Len() != 2 {
		t.Error("N3 still there after Delete")
	}
	c := r.Clone()
	c.At(0).Tags = append(c.At(0).Tags, "x")
	if len(r.At(0).Tags) != 0 || !c.Has("N2") {
		t.Error("Clone shares items with the register")
	}
	r.Grow(10)
	r.Add(note{ID: "N5", State: workitem.Proposed, Reason: "New"})
	r.Truncate(2)
	if r.Has("N5") || r.Len() != 2 {
		t.Error("Truncate kept N5")
	}
	if diff := cmp.Diff([]string{"N1", "N2"}, ids(r.Clones())); diff != "" {
		t.Errorf("Clones (-want +got):\n%s", diff)
	}
}

func TestRegisterLoadDuplicates(t *testing.T) {
	var r notes
	r.Load([]note{{ID: "A"}, {ID: "B"}, {ID: "A"}})
	if i, _ := r.Find("A"); i != 0 || !r.IsFirst(0) || r.IsFirst(2) || !r.IsFirst(1) {
		t.Errorf("first holder of A is %d; IsFirst(2) = %v", i, r.IsFirst(2))
	}
}

func TestRegisterLifecycle(t *testing.T) {
	var r notes
	active := lifecycle.MustNew("note", workitem.Active, []lifecycle.Reason{"New"})
	if _, err := r.CheckLifecycle(active); !errors.Is(err, workitem.ErrInvalidLifecycle) || !errors.Is(err, validation.ErrInvalid) {
		t.Errorf("a lifecycle starting in Active: %v", err)
	}
	m, err := r.CheckLifecycle(nil)
	if err != nil || m != noteMachine {
		t.Fatalf("CheckLifecycle(nil) = %v, %v", m, err)
	}
	custom, err := noteMachine.WithReasons(workitem.Active, workitem.Closed, "Obsolete")
	if err != nil {
		t.Fatal(err)
	}
	r.SetLifecycle(custom)
	if r.Lifecycle() != custom {
		t.Error("SetLifecycle not applied")
	}
	r.SetLifecycle(nil)
	if r.Lifecycle() != noteMachine {
		t.Error("SetLifecycle(nil) does not restore the default")
	}
}

func ids(ns []note) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.ID)
	}
	return out
}
