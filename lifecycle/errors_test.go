package lifecycle_test

import (
	"errors"
	"testing"

	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
)

// TestErrorKinds pins that refused moves match the shared kinds of package
// validation: a refused transition is a conflict with the current state.
func TestErrorKinds(t *testing.T) {
	m := lifecycle.MustNew("door", "shut", []lifecycle.Reason{"Built"},
		lifecycle.Rule[string]{From: "shut", To: "open", Reasons: []lifecycle.Reason{"Opened"}})
	if _, err := m.Apply("d1", "open", "shut", lifecycle.Change{At: testAt, By: "x"}); !errors.Is(err, validation.ErrConflict) {
		t.Errorf("move not in the table: %v", err)
	}
	if _, err := m.Apply("d1", "shut", "open", lifecycle.Change{At: testAt, By: "x", Reason: "Kicked"}); !errors.Is(err, validation.ErrNotSupported) {
		t.Errorf("unknown reason: %v", err)
	}
	if _, err := lifecycle.New[string]("bad", "", nil); !errors.Is(err, validation.ErrInvalid) {
		t.Errorf("malformed table: %v", err)
	}
}
