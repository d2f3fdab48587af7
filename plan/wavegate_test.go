package plan_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/plantest"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// waveStep is one move of a wave's evaluation or of a task.
type waveStep struct {
	wave   string                     // a wave to move, or ""
	to     deployment.EvaluationState // its evaluation's next state
	task   string                     // a task to move, or ""
	state  workitem.State             // the task's next state
	reason lifecycle.Reason           // the move's reason; "" means the default
}

func TestWaveTasksFollowTheEvaluation(t *testing.T) {
	w1, w2 := plantest.PilotWave, plantest.EarlyAdoptersWave
	gate1, deploy1, deploy2 := w1+"/"+deployment.StepGate, w1+"/"+deployment.StepDeploy, w2+"/"+deployment.StepDeploy
	succeed := []waveStep{{wave: w1, to: deployment.Succeeded}}
	continued := append(succeed, waveStep{wave: w1, to: deployment.Continued})
	activeGate := waveStep{task: gate1, state: workitem.Active}
	tests := []struct {
		name   string
		before []waveStep
		move   waveStep
		want   error // nil: accepted
	}{
		{"gate closed while pending", []waveStep{activeGate}, waveStep{task: gate1, state: workitem.Closed}, plan.ErrGateNotContinued},
		{"gate resolved while succeeded", append(succeed, activeGate), waveStep{task: gate1, state: workitem.Resolved}, plan.ErrGateNotContinued},
		{"gate closed while paused", []waveStep{{wave: w1, to: deployment.Paused}, activeGate}, waveStep{task: gate1, state: workitem.Closed}, plan.ErrGateNotContinued},
		{"gate closed once continued", append(continued, activeGate), waveStep{task: gate1, state: workitem.Closed}, nil},
		{"gate started while pending", nil, activeGate, nil},
		{"gate cut while aborted", []waveStep{{wave: w1, to: deployment.Aborted}, activeGate}, waveStep{task: gate1, state: workitem.Closed, reason: backlog.ReasonCut}, nil},
		{"gate rejected while pending", nil, waveStep{task: gate1, state: workitem.Closed}, nil},
		{"first wave deployed while pending", nil, waveStep{task: deploy1, state: workitem.Active}, nil},
		{"next wave started while pending", nil, waveStep{task: deploy2, state: workitem.Active}, deployment.ErrPreviousWave},
		{"next wave started while paused", []waveStep{{wave: w1, to: deployment.Paused}}, waveStep{task: deploy2, state: workitem.Active}, deployment.ErrPreviousWave},
		{"next wave started while aborted", []waveStep{{wave: w1, to: deployment.Aborted}}, waveStep{task: deploy2, state: workitem.Active}, deployment.ErrPreviousWave},
		{"next wave started while rolled back", []waveStep{{wave: w1, to: deployment.RolledBack}}, waveStep{task: deploy2, state: workitem.Active}, deployment.ErrPreviousWave},
		{"next wave started once continued", continued, waveStep{task: deploy2, state: workitem.Active}, nil},
		{"next wave rejected while aborted", []waveStep{{wave: w1, to: deployment.Aborted}}, waveStep{task: deploy2, state: workitem.Closed}, nil},
		{"not a wave's task", nil, waveStep{task: "REQ-1/deliver", state: workitem.Active}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := plantest.Ready(t)
			for _, s := range tt.before {
				if err := applyWaveStep(p, s); err != nil {
					t.Fatalf("before: %+v: %v", s, err)
				}
			}
			before := encoded(t, p)
			err := applyWaveStep(p, tt.move)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !errors.Is(err, tt.want) || !errors.Is(err, validation.ErrConflict) {
				t.Fatalf("error %v, want %v (a conflict)", err, tt.want)
			}
			if after := encoded(t, p); after != before {
				t.Error("a refused move changed the plan")
			}
		})
	}
}

func applyWaveStep(p *plan.Plan, s waveStep) error {
	ch := waveChange(10)
	ch.Reason = s.reason
	if s.wave != "" {
		return p.TransitionWave(s.wave, s.to, ch)
	}
	return p.TransitionBacklog(s.task, s.state, ch)
}

// twoWaves returns a small plan with a pilot and an early adopters wave
// planned as tasks, for the fuzz target.
func twoWaves(tb testing.TB) *plan.Plan {
	ch := waveChange(8)
	p := plan.New("fuzz", plan.Release{Product: "P", Version: "1", Date: plantest.AsOf().AddDays(60)})
	if err := p.AddRequirement(backlog.Requirement{ID: "R", Title: "Waves", Category: backlog.CategoryDeploymentWaves}, ch); err != nil {
		tb.Fatal(err)
	}
	crit := []deployment.Criterion{{Metric: "errors", Comparison: deployment.AtMost, Threshold: 1, Unit: "%", WindowHours: 24}}
	wave := func(id string, ring deployment.Ring) deployment.Wave {
		return deployment.Wave{ID: id, Name: id, Ring: ring, Audience: deployment.Audience{Segment: "s", Customers: 1}, Requirement: "R",
			Deploy: backlog.Days(1), SoakDays: 1, Criteria: crit, Rollback: deployment.Rollback{Plan: "redeploy"}}
	}
	d := &deployment.Plan{Waves: []deployment.Wave{wave("W1", deployment.RingPilot), wave("W2", deployment.RingEarlyAdopters)}}
	if err := p.SetDeployment(d, ch); err != nil {
		tb.Fatal(err)
	}
	if _, err := p.PlanWaves(deployment.TaskOptions{}, ch); err != nil {
		tb.Fatal(err)
	}
	return p
}

// waveState is what a move of a wave's evaluation or task may change.
func waveState(p *plan.Plan) string {
	var b strings.Builder
	for _, w := range p.Deployment.Waves {
		fmt.Fprintf(&b, "%s %+v;", w.ID, w.Evaluation)
	}
	for _, t := range p.Backlog.Tasks() {
		fmt.Fprintf(&b, "%s %s %s;", t.ID, t.State, t.Reason)
	}
	fmt.Fprintf(&b, "%d %d", len(p.History), len(p.Deployment.Events))
	return b.String()
}

// FuzzWaveTasks drives two waves' evaluations and tasks with any sequence
// of moves: a refused move changes nothing, and after the accepted ones
// the gate rule plan.deployment.gate reports no error (the methods cannot
// make a plan it objects to).
func FuzzWaveTasks(f *testing.F) {
	states := deployment.EvaluationLifecycle().States()
	waves := []string{"W1", "W2"}
	tasks := []string{"W1/deploy", "W1/gate", "W2/deploy", "W2/gate"}
	taskStates := workitem.States()
	reasons := []lifecycle.Reason{"", backlog.ReasonCut, backlog.ReasonCompleteRequiresReview}
	rule, _ := plan.DefaultRules().Get(plan.CodeWaveGate)
	policy := plantest.Policy()
	twoWaves(f) // fail early on a broken setup
	f.Add([]byte{0, 1, 0, 4, 3, 1, 3, 3, 5, 1})
	f.Add([]byte{0, 1, 0, 6, 3, 1, 3, 3, 5, 1, 2, 2})
	f.Add([]byte{0, 3, 5, 1, 3, 1, 3, 11, 7, 3})
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 64 {
			return
		}
		p := twoWaves(t)
		var done []waveStep
		for k := 0; k+1 < len(ops); k += 2 {
			op, arg := int(ops[k]), int(ops[k+1])
			var s waveStep
			if op%2 == 0 {
				s = waveStep{wave: waves[op/2%len(waves)], to: states[arg%len(states)]}
			} else {
				s = waveStep{task: tasks[op/2%len(tasks)], state: taskStates[arg%len(taskStates)], reason: reasons[arg/8%len(reasons)]}
			}
			before := waveState(p)
			if err := applyWaveStep(p, s); err != nil {
				if waveState(p) != before {
					t.Fatalf("refused %+v (%v) changed the plan", s, err)
				}
				continue
			}
			done = append(done, s)
		}
		for _, f := range rule.Check(plan.NewContext(p, policy)) {
			if f.Severity == validation.Error {
				t.Fatalf("after %+v: %s %s: %s", done, f.Code, f.Path, f.Message)
			}
		}
	})
}

// A notice dropped from the plan no longer counts for its wave.
func TestDroppedNoticeLeavesItsWaveUnnoticed(t *testing.T) {
	p := plantest.Ready(t)
	ch := waveChange(10)
	ch.Reason = "Rejected"
	if err := p.TransitionBacklog(plantest.MaintenanceNotices+"/notice-"+plantest.EarlyAdoptersWave, workitem.Closed, ch); err != nil {
		t.Fatal(err)
	}
	rule, _ := plan.DefaultRules().Get(plan.CodeWaveNotice)
	var got []string
	for _, f := range rule.Check(plan.NewContext(p, plantest.Policy())) {
		got = append(got, fmt.Sprintf("%s %s %s", f.Severity, f.Path, f.Subject))
	}
	if want := []string{"error deployment.waves[1] wave W2"}; !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
}

// The freeze rule judges the levelled windows only under
// Policy.LevelResources: the breaker's last wave slips into the freeze
// only when levelled.
func TestFreezeOnLevelledDates(t *testing.T) {
	rule, _ := plan.DefaultRules().Get(plan.CodeWaveFreeze)
	for _, level := range []bool{false, true} {
		p := plantest.Break(t, "wave-overlaps-freeze-levelled")
		policy := plantest.Policy()
		policy.LevelResources = level
		var got []string
		for _, f := range rule.Check(plan.NewContext(p, policy)) {
			got = append(got, f.Path.String()+": "+f.Message)
		}
		var want []string
		if level {
			want = []string{`deployment.waves[2]: wave W3's levelled window (2027-02-11 to 2027-02-15) overlaps the freeze window "Month close" (2027-02-15 to 2027-02-15) of calendar "Deployment"`}
		}
		if !slices.Equal(got, want) {
			t.Errorf("LevelResources %v: findings %q, want %q", level, got, want)
		}
	}
}
