package schedule_test

import (
	"errors"
	"testing"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/schedule"
	"github.com/rolloutkit/rollout/validation"
)

// TestErrorKinds pins that the engine's refusals match the shared kinds of
// package validation.
func TestErrorKinds(t *testing.T) {
	start := calendar.MustParse("2027-03-01")
	acts := []schedule.Activity{{ID: "A", Duration: 2}, {ID: "B", Duration: 1}}
	tests := []struct {
		name string
		n    schedule.Network
		kind error
	}{
		{"unknown predecessor", schedule.Network{Start: start, Activities: acts,
			Dependencies: []schedule.Dependency{{From: "X", To: "A"}}}, validation.ErrNotFound},
		{"duplicate ID", schedule.Network{Start: start, Activities: append(acts, schedule.Activity{ID: "A"})}, validation.ErrDuplicate},
		{"cycle", schedule.Network{Start: start, Activities: acts,
			Dependencies: []schedule.Dependency{{From: "A", To: "B"}, {From: "B", To: "A"}}}, validation.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := schedule.Schedule(tt.n)
			if !errors.Is(err, tt.kind) {
				t.Errorf("error %v (%T) does not match %v", err, err, tt.kind)
			}
		})
	}
	r, err := schedule.Schedule(schedule.Network{Start: start, Activities: acts})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Timing("nope"); !errors.Is(err, validation.ErrNotFound) {
		t.Errorf("timing of an unknown activity: %v", err)
	}
	if _, err := r.Explain("nope"); !errors.Is(err, validation.ErrNotFound) {
		t.Errorf("explaining an unknown activity: %v", err)
	}
}
