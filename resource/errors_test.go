package resource_test

import (
	"errors"
	"testing"
	"time"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/validation"
)

// TestErrorKinds pins that the package's errors match the shared kinds of
// package validation.
func TestErrorKinds(t *testing.T) {
	ch := lifecycle.Change{By: "ipmo", At: time.Date(2027, 1, 11, 9, 0, 0, 0, time.UTC)}
	d := &resource.Demand{ID: "D1", ResourceID: "room-1", Quantity: resource.SeatsOf(12),
		From: calendar.MustParse("2027-03-01"), To: calendar.MustParse("2027-03-03")}
	other := &resource.Demand{ID: "D2", ResourceID: "room-1", Quantity: resource.SeatsOf(1),
		From: calendar.MustParse("2027-03-01"), To: calendar.MustParse("2027-03-01")}
	c, err := resource.Request("C1", d, ch)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Commit(other, 1, ch); !errors.Is(err, validation.ErrConflict) {
		t.Errorf("commit against another demand: %v", err)
	}
	if err := c.Commit(d, -1, ch); !errors.Is(err, validation.ErrOutOfRange) || !errors.Is(err, resource.ErrInvalidRevision) {
		t.Errorf("commit against a negative revision: %v", err)
	}
	if err := c.Decline(ch); err != nil {
		t.Fatal(err)
	}
	if err := c.Commit(d, 1, ch); !errors.Is(err, validation.ErrConflict) {
		t.Errorf("committing a declined commitment: %v", err)
	}
	if _, err := resource.ParseKind("spaceship"); !errors.Is(err, validation.ErrNotSupported) {
		t.Errorf("unknown kind: %v", err)
	}
}
