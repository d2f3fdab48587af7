package deployment_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/validation"
)

type problem struct {
	Code    validation.Code
	Path    string
	Subject string
}

func problemsOf(err error) []problem {
	var l validation.List
	if !errors.As(err, &l) {
		return nil
	}
	out := make([]problem, len(l))
	for i, p := range l {
		out[i] = problem{p.Code, p.Path.String(), p.Subject.String()}
	}
	return out
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(d *deployment.Plan)
		want   []problem
	}{
		{"valid", func(*deployment.Plan) {}, nil},
		{"empty plan", func(d *deployment.Plan) { *d = deployment.Plan{} }, nil},
		{"wave without ID", func(d *deployment.Plan) { d.Waves[0].ID = "" }, []problem{{deployment.CodeWaveID, "waves[0].id", "wave"}}},
		{"wave ID with slash", func(d *deployment.Plan) { d.Waves[1].ID = "W/2" }, []problem{{deployment.CodeWaveID, "waves[1].id", "wave W/2"}}},
		{"duplicate wave", func(d *deployment.Plan) { d.Waves[1].ID = "W1" }, []problem{{deployment.CodeWaveID, "waves[1].id", "wave W1"}}},
		{"wave without name", func(d *deployment.Plan) { d.Waves[2].Name = " " }, []problem{{deployment.CodeWaveName, "waves[2].name", "wave W3"}}},
		{"unknown ring", func(d *deployment.Plan) { d.Waves[0].Ring = "canary" }, []problem{{deployment.CodeWaveRing, "waves[0].ring", "wave W1"}}},
		{"audience without segment", func(d *deployment.Plan) { d.Waves[0].Audience.Segment = "" }, []problem{{deployment.CodeAudience, "waves[0].audience.segment", "wave W1"}}},
		{"audience without size", func(d *deployment.Plan) { d.Waves[0].Audience.Customers = 0 }, []problem{{deployment.CodeAudience, "waves[0].audience", "wave W1"}}},
		{"share above 100", func(d *deployment.Plan) { d.Waves[3].Audience.Share = 120 }, []problem{{deployment.CodeAudience, "waves[3].audience.share", "wave W4"}}},
		{"negative customers", func(d *deployment.Plan) { d.Waves[0].Audience.Customers = -1 }, []problem{{deployment.CodeAudience, "waves[0].audience.customers", "wave W1"}}},
		{"no deployment effort", func(d *deployment.Plan) { d.Waves[0].Deploy.MostLikely = 0 }, []problem{{deployment.CodeWaveDeploy, "waves[0].deploy.mostLikely", "wave W1"}}},
		{"estimate out of order", func(d *deployment.Plan) { d.Waves[0].Deploy.Optimistic = 3 }, []problem{{deployment.CodeWaveDeploy, "waves[0].deploy", "wave W1"}}},
		{"negative soak", func(d *deployment.Plan) { d.Waves[0].SoakDays = -1 }, []problem{{deployment.CodeWaveSoak, "waves[0].soakDays", "wave W1"}}},
		{"criterion without metric", func(d *deployment.Plan) { d.Waves[0].Criteria[1].Metric = "" }, []problem{{deployment.CodeCriterion, "waves[0].criteria[1].metric", "wave W1"}}},
		{"criterion with unknown comparison", func(d *deployment.Plan) { d.Waves[0].Criteria[0].Comparison = "<=" }, []problem{{deployment.CodeCriterion, "waves[0].criteria[0].comparison", "wave W1"}}},
		{"criterion without unit and window", func(d *deployment.Plan) { d.Waves[1].Criteria[0].Unit, d.Waves[1].Criteria[0].WindowHours = "", 0 }, []problem{
			{deployment.CodeCriterion, "waves[1].criteria[0].unit", "wave W2"}, {deployment.CodeCriterion, "waves[1].criteria[0].windowHours", "wave W2"}}},
		{"trigger without metric", func(d *deployment.Plan) {
			d.Waves[0].Rollback.Triggers = slices.Clone(d.Waves[0].Rollback.Triggers)
			d.Waves[0].Rollback.Triggers[0].Metric = ""
		}, []problem{{deployment.CodeRollback, "waves[0].rollback.triggers[0].metric", "wave W1"}}},
		{"triggers without plan", func(d *deployment.Plan) { d.Waves[0].Rollback.Plan = "" }, []problem{{deployment.CodeRollback, "waves[0].rollback.plan", "wave W1"}}},
		{"unknown evaluation state", func(d *deployment.Plan) { d.Waves[0].Evaluation.State = "done" }, []problem{{deployment.CodeEvaluation, "waves[0].evaluation.state", "wave W1"}}},
		{"continued without success", func(d *deployment.Plan) {
			d.Waves[0].Evaluation = deployment.Evaluation{State: deployment.Continued, Outcome: deployment.Failed}
		}, []problem{{deployment.CodeEvaluation, "waves[0].evaluation.outcome", "wave W1"}}},
		{"outcome disagrees with state", func(d *deployment.Plan) {
			d.Waves[0].Evaluation = deployment.Evaluation{State: deployment.Succeeded, Outcome: deployment.Failed}
		}, []problem{{deployment.CodeEvaluation, "waves[0].evaluation.outcome", "wave W1"}}},
		{"approval while paused", func(d *deployment.Plan) {
			d.Waves[0].Evaluation = deployment.Evaluation{State: deployment.Paused, Outcome: deployment.Succeeded, Approval: "GNG-1"}
		}, []problem{{deployment.CodeEvaluation, "waves[0].evaluation.approval", "wave W1"}}},
		{"point of no return at unknown wave", func(d *deployment.Plan) { d.PointOfNoReturn.Wave = "W9" }, []problem{{deployment.CodePointOfNoReturn, "pointOfNoReturn.wave", "point-of-no-return"}}},
		{"point of no return without reason", func(d *deployment.Plan) { d.PointOfNoReturn.Reason = "" }, []problem{{deployment.CodePointOfNoReturn, "pointOfNoReturn.reason", "point-of-no-return"}}},
		{"hypercare ends before it starts", func(d *deployment.Plan) { d.Hypercare.Through = calendar.MustParse("2027-04-01") }, []problem{{deployment.CodeHypercare, "hypercare.through", "hypercare"}}},
		{"hypercare without start", func(d *deployment.Plan) { d.Hypercare.From = calendar.Date{} }, []problem{{deployment.CodeHypercare, "hypercare.from", "hypercare"}}},
		{"hypercare exit criterion without threshold unit", func(d *deployment.Plan) { d.Hypercare.ExitCriteria[0].Unit = "" }, []problem{{deployment.CodeHypercare, "hypercare.exitCriteria[0].unit", "hypercare"}}},
		{"rota demand twice", func(d *deployment.Plan) { d.Hypercare.Rota[1] = d.Hypercare.Rota[0] }, []problem{{deployment.CodeHypercare, "hypercare.rota[1]", "hypercare"}}},
		{"event about unknown wave", func(d *deployment.Plan) {
			d.Events = []deployment.Event{{Subject: "W9", From: deployment.Pending, To: deployment.Succeeded, Reason: deployment.ReasonCriteriaMet}}
		}, []problem{{deployment.CodeEvents, "events[0].subject", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := rollout()
			tt.break_(d)
			got := problemsOf(d.Validate())
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidateNil(t *testing.T) {
	var d *deployment.Plan
	if err := d.Validate(); err != nil {
		t.Fatalf("nil plan: %v", err)
	}
}

func TestJudge(t *testing.T) {
	w := rollout().Waves[0]
	tests := []struct {
		name     string
		observed map[string]float64
		want     deployment.Outcome
	}{
		{"all met", map[string]float64{"error rate": 0.2, "p95 latency": 640}, deployment.Succeeded},
		{"at the threshold", map[string]float64{"error rate": 0.5, "p95 latency": 799}, deployment.Succeeded},
		{"latency missed", map[string]float64{"error rate": 0.2, "p95 latency": 800}, deployment.Failed},
		{"one missing", map[string]float64{"error rate": 0.2}, deployment.Inconclusive},
		{"missing but one failed", map[string]float64{"p95 latency": 900}, deployment.Failed},
		{"nothing observed", nil, deployment.Inconclusive},
		{"trigger fires", map[string]float64{"error rate": 2.5, "p95 latency": 100}, deployment.Failed},
	}
	for _, tt := range tests {
		if got := w.Judge(tt.observed); got != tt.want {
			t.Errorf("%s: Judge = %s, want %s", tt.name, got, tt.want)
		}
	}
	if got := (deployment.Wave{}).Judge(map[string]float64{"x": 1}); got != deployment.Inconclusive {
		t.Errorf("wave without criteria: %s, want inconclusive", got)
	}
}

func TestComparison(t *testing.T) {
	tests := []struct {
		c    deployment.Comparison
		v    float64
		want bool
	}{
		{deployment.Below, 1, true}, {deployment.Below, 2, false},
		{deployment.AtMost, 2, true}, {deployment.AtMost, 2.1, false},
		{deployment.Above, 3, true}, {deployment.Above, 2, false},
		{deployment.AtLeast, 2, true}, {deployment.AtLeast, 1.9, false},
		{"<", 1, false},
	}
	for _, tt := range tests {
		if got := tt.c.Holds(tt.v, 2); got != tt.want {
			t.Errorf("%q.Holds(%g, 2) = %v, want %v", tt.c, tt.v, got, tt.want)
		}
	}
}

func TestCriterionString(t *testing.T) {
	tests := []struct {
		c    deployment.Criterion
		want string
	}{
		{deployment.Criterion{Metric: "error rate", Comparison: deployment.AtMost, Threshold: 0.5, Unit: "%", WindowHours: 48}, "error rate at most 0.5 % over 48 h"},
		{deployment.Criterion{Metric: "uptime", Comparison: deployment.AtLeast, Threshold: 99.9, Unit: "%", WindowHours: 24}, "uptime at least 99.9 % over 24 h"},
		{deployment.Criterion{Metric: "p95", Comparison: deployment.Below, Threshold: 800, Unit: "ms", WindowHours: 1}, "p95 below 800 ms over 1 h"},
		{deployment.Criterion{Metric: "tickets", Comparison: deployment.Above, Threshold: 3, Unit: "tickets/day", WindowHours: 2}, "tickets above 3 tickets/day over 2 h"},
	}
	for _, tt := range tests {
		if got := tt.c.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
	// The document keeps the enum value.
	if got, want := string(deployment.AtMost), "at-most"; got != want {
		t.Errorf("AtMost = %q, want %q", got, want)
	}
	if got := deployment.Comparison("<=").Words(); got != "<=" {
		t.Errorf("Words of an invalid comparison = %q, want it unchanged", got)
	}
}

func TestClone(t *testing.T) {
	d := rollout()
	c := d.Clone()
	c.Waves[0].Criteria[0].Threshold = 99
	c.Hypercare.Rota[0] = "X"
	c.PointOfNoReturn.Wave = "W1"
	if d.Waves[0].Criteria[0].Threshold == 99 || d.Hypercare.Rota[0] == "X" || d.PointOfNoReturn.Wave == "W1" {
		t.Fatal("Clone shares memory with the original")
	}
	if diff := cmp.Diff(rollout(), d); diff != "" {
		t.Fatal(diff)
	}
	var nilPlan *deployment.Plan
	if nilPlan.Clone() != nil {
		t.Fatal("Clone of nil is not nil")
	}
}
