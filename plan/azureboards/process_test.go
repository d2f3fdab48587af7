package azureboards_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	ab "github.com/rolloutkit/rollout/plan/azureboards"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/workitem"
)

// TestLifecyclesAgreeWithTemplate compares the lifecycles of backlog and
// risk, which the export moves items along, with the template table the
// emulator enforces: the same moves with the same reasons in the same
// order (the default first), the same start state and creation reasons.
func TestLifecyclesAgreeWithTemplate(t *testing.T) {
	proc := loadProcess(t)
	for _, c := range []struct {
		typ string
		m   *lifecycle.Machine[workitem.State]
	}{
		{"Requirement", backlog.RequirementLifecycle()},
		{"Task", backlog.TaskLifecycle()},
		{"Risk", risk.RiskLifecycle()},
		{"Issue", risk.IssueLifecycle()},
		{"Review", ab.ReviewLifecycle()},
		{"Change Request", ab.ChangeRequestLifecycle()},
	} {
		def := proc.Types[c.typ]
		if def == nil {
			t.Fatalf("%s: not in the table", c.typ)
		}
		type move struct{ From, To string }
		got := map[move][]string{}
		for _, r := range c.m.Rules() {
			var rs []string
			for _, x := range r.Reasons {
				rs = append(rs, string(x))
			}
			got[move{r.From.String(), r.To.String()}] = rs
		}
		want := map[move][]string{}
		for _, tr := range def.Transitions {
			want[move{tr[0], tr[1]}] = tr[2:]
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s moves (-template +lifecycle):\n%s", c.typ, d)
		}
		if c.m.Initial().String() != def.Initial {
			t.Errorf("%s starts in %s, template %s", c.typ, c.m.Initial(), def.Initial)
		}
		var created []string
		for _, r := range c.m.CreationReasons() {
			created = append(created, string(r))
		}
		if d := cmp.Diff(def.Created, created); d != "" {
			t.Errorf("%s creation reasons (-template +lifecycle):\n%s", c.typ, d)
		}
	}
}
