package lifecycle_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
)

// TestChangeRule is the witness of the one rule for what a Change must
// carry: Apply and Create refuse a Change without By or At, with an error
// wrapping ErrChangeIncomplete and validation.ErrRequired, and a zero event.
func TestChangeRule(t *testing.T) {
	m := riskMachine(t)
	for _, tt := range []struct {
		name    string
		ch      lifecycle.Change
		missing string // "" means accepted
	}{
		{"complete", lifecycle.Change{By: "ann", At: testAt}, ""},
		{"zero", lifecycle.Change{}, "by (who) and at (when)"},
		{"no by", lifecycle.Change{At: testAt}, "by (who)"},
		{"blank by", lifecycle.Change{By: "  ", At: testAt}, "by (who)"},
		{"no at", lifecycle.Change{By: "ann"}, "at (when)"},
		{"reason only", lifecycle.Change{Reason: "Mitigation Triggered"}, "by (who) and at (when)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for op, call := range map[string]func() (lifecycle.Event[state], error){
				"Apply":  func() (lifecycle.Event[state], error) { return m.Apply("R1", proposed, active, tt.ch) },
				"Create": func() (lifecycle.Event[state], error) { return m.Create("R1", tt.ch) },
			} {
				ev, err := call()
				if tt.missing == "" {
					if err != nil || tt.ch.Check() != nil {
						t.Errorf("%s: %v", op, err)
					}
					continue
				}
				if !errors.Is(err, lifecycle.ErrChangeIncomplete) || !errors.Is(err, validation.ErrRequired) {
					t.Errorf("%s: error %v, want ErrChangeIncomplete and validation.ErrRequired", op, err)
				}
				if err != nil && !strings.Contains(err.Error(), "missing "+tt.missing) {
					t.Errorf("%s: error %q does not name %q", op, err, tt.missing)
				}
				if diff := cmp.Diff(lifecycle.Event[state]{}, ev); diff != "" {
					t.Errorf("%s: refused move returned an event (-want +got):\n%s", op, diff)
				}
				if !errors.Is(tt.ch.Check(), lifecycle.ErrChangeIncomplete) {
					t.Errorf("Check(%+v) = nil", tt.ch)
				}
			}
		})
	}
}
