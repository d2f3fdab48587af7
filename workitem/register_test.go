package workitem_test

import (
	"errors"
	"testing"

	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

func TestRegisterHelpers(t *testing.T) {
	m := lifecycle.MustNew("thing", workitem.Proposed, []lifecycle.Reason{"New"},
		lifecycle.Rule[workitem.State]{From: workitem.Proposed, To: workitem.Active, Reasons: []lifecycle.Reason{"Go"}})
	ch := lifecycle.Change{At: testAt, By: "ann"}
	if _, err := workitem.Create(m, "reg", "add thing", "X1", workitem.Active, "", ch); !errors.Is(err, workitem.ErrStateChange) || !errors.Is(err, validation.ErrForbidden) {
		t.Errorf("create with a state: %v", err)
	}
	ev, err := workitem.Create(m, "reg", "add thing", "X1", 0, "", ch)
	if err != nil {
		t.Fatal(err)
	}
	events := []workitem.Event{ev}
	if at, err := workitem.Removable("reg", "X1", workitem.Proposed, workitem.Proposed, events); err != nil || at != 0 {
		t.Errorf("Removable of a new item = %d, %v", at, err)
	}
	state, reason := ev.To, ev.Reason
	if _, err := workitem.Move(m, "X1", &state, &reason, workitem.Closed, ch, &events); !errors.Is(err, validation.ErrConflict) || len(events) != 1 {
		t.Errorf("refused move: %v, %d events", err, len(events))
	}
	if _, err := workitem.Move(m, "X1", &state, &reason, workitem.Active, ch, &events); err != nil || state != workitem.Active || reason != "Go" {
		t.Fatalf("move: %v, %v %v", err, state, reason)
	}
	_, err = workitem.Removable("reg", "X1", workitem.Proposed, workitem.Proposed, events)
	var oe *workitem.OpError
	if !errors.As(err, &oe) || !errors.Is(err, validation.ErrConflict) || oe.Error() != "reg: remove X1: item cannot be removed (it has changed state; close it instead)" {
		t.Errorf("Removable after a move: %v", err)
	}
	if got := len(workitem.History(events, "X1")); got != 2 {
		t.Errorf("History has %d events, want 2", got)
	}
}
