package risk_test

import (
	"errors"
	"testing"

	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// TestErrorKinds pins that every refusal of the log matches one of the
// shared kinds of package validation, so that callers (a service answering
// 404 or 409) need no risk-specific sentinel.
func TestErrorKinds(t *testing.T) {
	c := ch("ann", "2027-01-05T09:00:00Z", "")
	fresh := func(t *testing.T) *risk.Log {
		var l risk.Log
		if err := l.AddRisk(sampleRisk("R1", 40, 3), c); err != nil {
			t.Fatal(err)
		}
		if err := l.AddIssue(sampleIssue("I1", 2), c); err != nil {
			t.Fatal(err)
		}
		return &l
	}
	tests := []struct {
		name string
		op   func(l *risk.Log) error
		kind error
	}{
		{"update unknown risk", func(l *risk.Log) error { return l.UpdateRisk(sampleRisk("R9", 40, 3)) }, validation.ErrNotFound},
		{"update unknown issue", func(l *risk.Log) error { return l.UpdateIssue(sampleIssue("I9", 2)) }, validation.ErrNotFound},
		{"transition unknown", func(l *risk.Log) error {
			_, err := l.Transition("R9", workitem.Active, c)
			return err
		}, validation.ErrNotFound},
		{"remove unknown", func(l *risk.Log) error { return l.Remove("R9") }, validation.ErrNotFound},
		{"promote unknown", func(l *risk.Log) error {
			_, err := l.Promote("R9", "I2", c)
			return err
		}, validation.ErrNotFound},
		{"add taken risk ID", func(l *risk.Log) error { return l.AddRisk(sampleRisk("R1", 40, 3), c) }, validation.ErrDuplicate},
		{"add issue with a risk's ID", func(l *risk.Log) error { return l.AddIssue(sampleIssue("R1", 2), c) }, validation.ErrDuplicate},
		{"promote to a taken ID", func(l *risk.Log) error {
			_, err := l.Promote("R1", "I1", c)
			return err
		}, validation.ErrDuplicate},
		{"add with a state", func(l *risk.Log) error {
			r := sampleRisk("R2", 40, 3)
			r.State = workitem.Closed
			return l.AddRisk(r, c)
		}, validation.ErrForbidden},
		{"refused transition", func(l *risk.Log) error {
			_, err := l.Transition("R1", workitem.Proposed, c)
			return err
		}, validation.ErrConflict},
		{"invalid risk", func(l *risk.Log) error { return l.AddRisk(risk.Risk{ID: "R3"}, c) }, validation.ErrRequired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.op(fresh(t))
			if !errors.Is(err, tt.kind) {
				t.Errorf("error %v (%T) does not match %v", err, err, tt.kind)
			}
		})
	}
}
