package calendar_test

import (
	"errors"
	"testing"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/validation"
)

// TestErrorKinds pins that the package's errors match the shared kinds of
// package validation.
func TestErrorKinds(t *testing.T) {
	if _, err := calendar.Parse("2027-02-30"); !errors.Is(err, validation.ErrInvalid) {
		t.Errorf("impossible date: %v", err)
	}
	if _, err := calendar.MaxDate.AddDaysChecked(1); !errors.Is(err, validation.ErrOutOfRange) {
		t.Errorf("date past MaxDate: %v", err)
	}
	if _, err := calendar.New(calendar.Spec{HoursPerDay: 8}); !errors.Is(err, validation.ErrInvalid) {
		t.Errorf("calendar with no workday: %v", err)
	}
}
