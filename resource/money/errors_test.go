package money_test

import (
	"errors"
	"testing"

	"github.com/rolloutkit/rollout/resource/money"
	"github.com/rolloutkit/rollout/validation"
)

// TestErrorKinds pins that the package's errors match the shared kinds of
// package validation.
func TestErrorKinds(t *testing.T) {
	if _, err := money.ParseCurrency("XYZ"); !errors.Is(err, validation.ErrNotSupported) {
		t.Errorf("unknown currency: %v", err)
	}
	if _, err := money.Parse("EUR 1.2.3"); !errors.Is(err, validation.ErrInvalid) {
		t.Errorf("malformed amount: %v", err)
	}
	if _, err := money.MustParse("EUR 1").Add(money.MustParse("USD 1")); !errors.Is(err, validation.ErrConflict) {
		t.Errorf("mixed currencies: %v", err)
	}
	if _, err := money.MustFromMinor("EUR", 1<<62).Add(money.MustFromMinor("EUR", 1<<62)); !errors.Is(err, validation.ErrOutOfRange) {
		t.Errorf("overflow: %v", err)
	}
}
