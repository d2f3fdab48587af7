package plan_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/plantest"
	"github.com/rolloutkit/rollout/validation"
)

func waveChange(hour int) lifecycle.Change {
	return lifecycle.Change{By: "rm", At: time.Date(2027, 2, 1, hour, 0, 0, 0, time.UTC)}
}

// encoded returns the plan's document, to compare a plan before and after
// a refused change.
func encoded(t *testing.T, p *plan.Plan) string {
	t.Helper()
	b, err := plan.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSetDeploymentRefuses(t *testing.T) {
	tests := []struct {
		name string
		edit func(d *deployment.Plan) *deployment.Plan
		want []string // "code path"
	}{
		{"nil", func(*deployment.Plan) *deployment.Plan { return nil }, []string{"plan.document deployment"}},
		{"unknown calendar", func(d *deployment.Plan) *deployment.Plan { d.Calendar = "Nowhere"; return d },
			[]string{"plan.reference.unknown deployment.calendar"}},
		{"unknown requirement", func(d *deployment.Plan) *deployment.Plan { d.Waves[1].Requirement = "REQ-99"; return d },
			[]string{"plan.reference.unknown deployment.waves[1].requirement"}},
		{"malformed wave", func(d *deployment.Plan) *deployment.Plan { d.Waves[0].Ring = "canary"; return d },
			[]string{"deployment.wave.ring deployment.waves[0].ring"}},
		{"rota demand not in the pool", func(d *deployment.Plan) *deployment.Plan { d.Hypercare.Rota[0] = "HC/nobody"; return d },
			[]string{"plan.reference.unknown deployment.hypercare.rota[0]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := plantest.Ready(t)
			before := encoded(t, p)
			err := p.SetDeployment(tt.edit(p.Deployment.Clone()), waveChange(9))
			var l validation.List
			if !errors.As(err, &l) {
				t.Fatalf("error %v is not a validation.List", err)
			}
			var got []string
			for _, pr := range l {
				got = append(got, fmt.Sprintf("%s %s", pr.Code, pr.Path))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if encoded(t, p) != before {
				t.Error("a refused SetDeployment changed the plan")
			}
		})
	}
}

func TestSetDeploymentKeepsEvaluations(t *testing.T) {
	p := plantest.Ready(t)
	if err := p.TransitionWave(plantest.PilotWave, deployment.Succeeded, waveChange(9)); err != nil {
		t.Fatal(err)
	}
	d := p.Deployment.Clone()
	d.Waves[0].Evaluation = deployment.Evaluation{} // ignored: the plan keeps its own
	d.Waves[0].Name = "Staff pilot"
	if err := p.SetDeployment(d, waveChange(10)); err != nil {
		t.Fatal(err)
	}
	w, _, _ := p.Deployment.Wave(plantest.PilotWave)
	if w.Name != "Staff pilot" || w.Evaluation.Current() != deployment.Succeeded || len(p.Deployment.Events) != 1 {
		t.Errorf("after SetDeployment: name %q, evaluation %s, %d events", w.Name, w.Evaluation.Current(), len(p.Deployment.Events))
	}
	// A wave whose evaluation moved cannot be removed.
	d = p.Deployment.Clone()
	d.Waves = d.Waves[1:]
	before := encoded(t, p)
	if err := p.SetDeployment(d, waveChange(11)); !errors.Is(err, validation.ErrConflict) {
		t.Fatalf("removing an evaluated wave: %v, want a conflict", err)
	}
	if encoded(t, p) != before {
		t.Error("a refused SetDeployment changed the plan")
	}
}

func TestPlanWavesIsIdempotent(t *testing.T) {
	p := plantest.Ready(t)
	n := p.Backlog.NumTasks()
	ids, err := p.PlanWaves(deployment.TaskOptions{After: []string{plantest.EnvironmentTask}}, waveChange(9))
	if err != nil || len(ids) != 0 || p.Backlog.NumTasks() != n {
		t.Fatalf("second PlanWaves: %v, %v, %d tasks (was %d)", ids, err, p.Backlog.NumTasks(), n)
	}
	// A new wave adds its own tasks only, after the last wave's gate.
	d := p.Deployment.Clone()
	w := d.Waves[2].Clone()
	w.ID, w.Name = "W4", "Stragglers"
	d.Waves = append(d.Waves, w)
	if err := p.SetDeployment(d, waveChange(10)); err != nil {
		t.Fatal(err)
	}
	ids, err = p.PlanWaves(deployment.TaskOptions{}, waveChange(11))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"W4/deploy", "W4/evaluate", "W4/gate"}, ids); diff != "" {
		t.Errorf("added (-want +got):\n%s", diff)
	}
	deploy, _ := p.Backlog.Task("W4/deploy")
	if len(deploy.Dependencies) != 1 || deploy.Dependencies[0].Task != "W3/gate" {
		t.Errorf("W4/deploy depends on %v, want W3/gate", deploy.Dependencies)
	}
	// A first wave waiting for an unknown task refuses every task.
	p = plantest.Ready(t)
	d = p.Deployment.Clone()
	d.Waves[0].ID = "W0"
	if err := p.SetDeployment(d, waveChange(10)); err != nil {
		t.Fatal(err)
	}
	before := encoded(t, p)
	if _, err := p.PlanWaves(deployment.TaskOptions{After: []string{"NOPE"}}, waveChange(11)); err == nil {
		t.Fatal("a wave after an unknown task was planned")
	}
	if encoded(t, p) != before {
		t.Error("a refused PlanWaves changed the plan")
	}
}

func TestWaveMovesAndThePointOfNoReturn(t *testing.T) {
	p := plantest.Ready(t)
	d := p.Deployment.Clone()
	d.PointOfNoReturn = &deployment.PointOfNoReturn{Wave: plantest.EveryoneWave, Reason: "data moves to the 1.0 schema", Decision: "GNG-1"}
	if err := p.SetDeployment(d, waveChange(8)); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name    string
		move    func() error
		wantErr error
		wantMsg string // the whole message, when set
	}{
		{"pilot succeeds", func() error { return p.TransitionWave(plantest.PilotWave, deployment.Succeeded, waveChange(9)) }, nil, ""},
		{"pilot continues", func() error { return p.TransitionWave(plantest.PilotWave, deployment.Continued, waveChange(10)) }, nil, ""},
		{"early adopters succeed", func() error {
			return p.TransitionWave(plantest.EarlyAdoptersWave, deployment.Succeeded, waveChange(11))
		}, nil, ""},
		{"continuing without the go/no-go", func() error {
			return p.TransitionWave(plantest.EarlyAdoptersWave, deployment.Continued, waveChange(12))
		}, deployment.ErrPointOfNoReturn, "deployment: wave W2: point of no return needs a recorded go/no-go: wave W3 is past the point of no return (data moves to the 1.0 schema); continue with PassPointOfNoReturn once a go/no-go review has decided go"},
		{"go/no-go not held", func() error { return p.PassPointOfNoReturn("GNG-1", waveChange(12)) }, validation.ErrNotFound, ""},
		{"go/no-go undecided", func() error {
			if err := p.OpenDecision("GNG-1", []string{"rm"}, waveChange(12)); err != nil {
				return err
			}
			return p.PassPointOfNoReturn("GNG-1", waveChange(13))
		}, plan.ErrGoNoGoNotGo, "plan: go/no-go review GNG-1 has not decided go (its outcome is undecided)"},
		{"go/no-go says go", func() error {
			if err := p.CastVote("GNG-1", "rm", plan.Go, "", waveChange(14)); err != nil {
				return err
			}
			return p.PassPointOfNoReturn("GNG-1", waveChange(15))
		}, nil, ""},
		{"unknown wave", func() error { return p.TransitionWave("W9", deployment.Succeeded, waveChange(16)) }, deployment.ErrUnknownWave, ""},
		{"incomplete change", func() error {
			return p.TransitionWave(plantest.EveryoneWave, deployment.Succeeded, lifecycle.Change{By: "rm"})
		}, lifecycle.ErrChangeIncomplete, "plan: wave W3: change needs who and when: missing at (when)"},
	}
	for _, s := range steps {
		before := encoded(t, p)
		history := len(p.History)
		err := s.move()
		if !errors.Is(err, s.wantErr) || (s.wantErr == nil) != (err == nil) {
			t.Fatalf("%s: error %v, want %v", s.name, err, s.wantErr)
		}
		if s.wantMsg != "" && err.Error() != s.wantMsg {
			t.Errorf("%s: message\n%s\nwant\n%s", s.name, err, s.wantMsg)
		}
		if err != nil && s.name != "go/no-go undecided" && encoded(t, p) != before {
			t.Fatalf("%s: a refused move changed the plan", s.name)
		}
		if err == nil && len(p.History) == history {
			t.Fatalf("%s: nothing recorded", s.name)
		}
	}
	w, _, _ := p.Deployment.Wave(plantest.EarlyAdoptersWave)
	if w.Evaluation.Current() != deployment.Continued || w.Evaluation.Approval != "GNG-1" {
		t.Errorf("early adopters: %+v", w.Evaluation)
	}
	last := p.History[len(p.History)-1]
	if last.Kind != plan.EventWave || last.Subject != plantest.EarlyAdoptersWave || last.To != "continued" {
		t.Errorf("last event %+v", last)
	}
	if err := p.Validate(); err != nil {
		t.Errorf("plan after the moves: %v", err)
	}
}

func TestWaveWindows(t *testing.T) {
	p := plantest.Ready(t)
	ws, err := p.WaveWindows()
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 3 {
		t.Fatalf("%d windows, want 3", len(ws))
	}
	for i, w := range ws {
		if w.Gate.Before(w.Start) || (i > 0 && !ws[i-1].Gate.Before(w.Start)) {
			t.Errorf("window %d %+v out of order", i, w)
		}
	}
}

func TestRemoveRequirementServedByWave(t *testing.T) {
	p := plantest.Ready(t)
	if err := p.AddRequirement(backlog.Requirement{ID: "REQ-X", Title: "Extra waves", Category: backlog.CategoryDeploymentWaves, Priority: 1}, waveChange(9)); err != nil {
		t.Fatal(err)
	}
	d := p.Deployment.Clone()
	d.Waves[0].Requirement = "REQ-X"
	if err := p.SetDeployment(d, waveChange(9)); err != nil {
		t.Fatal(err)
	}
	before := encoded(t, p)
	err := p.RemoveFromBacklog("REQ-X", waveChange(10))
	if !errors.Is(err, validation.ErrConflict) {
		t.Fatalf("removing a requirement a wave serves: %v, want a conflict", err)
	}
	if encoded(t, p) != before {
		t.Error("a refused removal changed the plan")
	}
}

// TestPilotAfterWiderWave pins the ring-order check on the narrowest ring:
// a pilot wave that comes after a wider wave is reported (a pilot has rank
// 0 in deployment.Rings, so a check that skipped rank 0 would miss it).
func TestPilotAfterWiderWave(t *testing.T) {
	p := plantest.Ready(t)
	d := p.Deployment.Clone()
	d.Waves[1].Ring = deployment.RingBroad
	d.Waves[2].Ring = deployment.RingPilot
	if err := p.SetDeployment(d, waveChange(9)); err != nil {
		t.Fatal(err)
	}
	res := plantest.Gate(t, plantest.Checker(), p, plan.Exit)
	var got []string
	for _, f := range res.Findings {
		if f.Code == plan.CodePilotFirst {
			got = append(got, fmt.Sprintf("%s %s %s", f.Severity, f.Path, f.Message))
		}
	}
	want := []string{
		"warning deployment.waves[2].ring no wave brings general availability: the rollout ends with wave W3 (pilot)",
		"warning deployment.waves[2].ring wave W3 (Everyone, pilot) comes after a wider wave (W2, broad)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pilot-first findings (-want +got):\n%s", diff)
	}
}
