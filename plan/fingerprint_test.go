package plan_test

import (
	"errors"
	"testing"

	"github.com/rolloutkit/rollout/plan"
)

func TestFingerprint(t *testing.T) {
	p := committed(t)
	fp, err := p.Fingerprint()
	if err != nil {
		t.Fatal(err)
	}
	if len(fp) != 64 {
		t.Errorf("fingerprint %q is not 64 hex digits", fp)
	}
	again, _ := p.Fingerprint()
	doc, err := plan.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	back, err := plan.Decode(doc, plan.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	decoded, _ := back.Fingerprint()
	twin, _ := committed(t).Fingerprint()
	for name, got := range map[string]string{"again": again, "after a round trip": decoded, "of a plan built the same way": twin} {
		if got != fp {
			t.Errorf("fingerprint %s = %s, want %s", name, got, fp)
		}
	}
	p.Revise(by)
	if revised, _ := p.Fingerprint(); revised == fp {
		t.Error("a new revision kept the fingerprint")
	}
	var nilPlan *plan.Plan
	if _, err := nilPlan.Fingerprint(); !errors.Is(err, plan.ErrNilPlan) {
		t.Errorf("nil plan: %v", err)
	}
}
