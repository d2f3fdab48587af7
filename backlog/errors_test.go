package backlog_test

import (
	"errors"
	"testing"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// TestErrorKinds pins that every refusal of the backlog matches one of the
// shared kinds of package validation, so that callers (a service answering
// 404 or 409) need no backlog-specific sentinel.
func TestErrorKinds(t *testing.T) {
	fresh := func(t *testing.T) *backlog.Backlog {
		var b backlog.Backlog
		mustAddReq(t, &b, req("R1", backlog.CategorySalesTraining))
		mustAddTask(t, &b, task("T1", 2))
		return &b
	}
	tests := []struct {
		name string
		op   func(b *backlog.Backlog) error
		kind error
	}{
		{"update unknown task", func(b *backlog.Backlog) error { return b.UpdateTask(task("T9", 1)) }, validation.ErrNotFound},
		{"update unknown requirement", func(b *backlog.Backlog) error { return b.UpdateRequirement(req("R9", backlog.CategorySalesTraining)) }, validation.ErrNotFound},
		{"transition unknown", func(b *backlog.Backlog) error {
			_, err := b.Transition("T9", workitem.Active, at0)
			return err
		}, validation.ErrNotFound},
		{"remove unknown", func(b *backlog.Backlog) error { return b.Remove("T9", at0) }, validation.ErrNotFound},
		{"tracker of unknown", func(b *backlog.Backlog) error { return b.SetTracker("T9", backlog.TrackerRef{System: "x", ID: "1"}) }, validation.ErrNotFound},
		{"block unknown", func(b *backlog.Backlog) error { return b.SetBlocked("T9", true) }, validation.ErrNotFound},
		{"add taken task ID", func(b *backlog.Backlog) error { return b.AddTask(task("T1", 1), at0) }, validation.ErrDuplicate},
		{"add task with a requirement's ID", func(b *backlog.Backlog) error { return b.AddTask(task("R1", 1), at0) }, validation.ErrDuplicate},
		{"add taken requirement ID", func(b *backlog.Backlog) error { return b.AddRequirement(req("R1", backlog.CategorySalesTraining), at0) }, validation.ErrDuplicate},
		{"add with a state", func(b *backlog.Backlog) error {
			tk := task("T2", 1)
			tk.State = workitem.Closed
			return b.AddTask(tk, at0)
		}, validation.ErrForbidden},
		{"refused transition", func(b *backlog.Backlog) error {
			_, err := b.Transition("T1", workitem.Proposed, at0)
			return err
		}, validation.ErrConflict},
		{"invalid task", func(b *backlog.Backlog) error { return b.AddTask(backlog.Task{ID: "T3"}, at0) }, validation.ErrRequired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.op(fresh(t))
			if !errors.Is(err, tt.kind) {
				t.Errorf("error %v (%T) does not match %v", err, err, tt.kind)
			}
		})
	}
	var u backlog.DependencyType
	if err := u.UnmarshalText([]byte("nonsense")); !errors.Is(err, validation.ErrNotSupported) {
		t.Errorf("unknown dependency type: %v does not match %v", err, validation.ErrNotSupported)
	}
}
