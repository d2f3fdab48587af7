package plantest_test

import (
	"testing"

	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/plantest"
)

func TestReadyPassesTheExitGateWithNoFinding(t *testing.T) {
	for name, k := range map[string]plan.Checker{"default": plan.DefaultChecker(), "plantest": plantest.Checker()} {
		rep := plantest.Gate(t, k, plantest.Ready(t), plan.Exit)
		for _, f := range rep.Findings {
			t.Errorf("%s: %s %s %s: %s", name, f.Code, f.Severity, f.Path, f.Message)
		}
	}
}
