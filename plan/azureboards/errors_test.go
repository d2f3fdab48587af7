package azureboards_test

import (
	"errors"
	"testing"

	ab "github.com/rolloutkit/rollout/plan/azureboards"
	"github.com/rolloutkit/rollout/validation"
)

// TestErrorKinds pins the shared kind (package validation) of each of the
// package's refusals of its input; the tests that provoke each error match
// the package's sentinel, and the sentinel matches its kind.
func TestErrorKinds(t *testing.T) {
	tests := []struct {
		err, kind error
	}{
		{ab.ErrOptions, validation.ErrInvalid},
		{ab.ErrCycle, validation.ErrInvalid},
		{ab.ErrMalformedItem, validation.ErrInvalid},
		{ab.ErrUnresolved, validation.ErrNotFound},
		{ab.ErrTooManyItems, validation.ErrOutOfRange},
	}
	for _, tt := range tests {
		if !errors.Is(tt.err, tt.kind) {
			t.Errorf("%v does not match %v", tt.err, tt.kind)
		}
	}
	if _, err := ab.Build(nil, ab.Options{}); !errors.Is(err, validation.ErrInvalid) {
		t.Errorf("build without a plan: %v", err)
	}
}
