package plan_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/workitem"
)

// bigPlan builds a plan of the sizes in DESIGN.md: tasks in groups of ten
// per requirement, chained, with a link to the previous group every tenth
// group; one demand per task on one of the resources; risks linked to
// tasks.
func bigPlan(tb testing.TB, tasks, resources, risks int) *plan.Plan {
	tb.Helper()
	start := calendar.MustParse("2027-01-04")
	p := plan.New("big", plan.Release{Product: "Big", Version: "1.0", Date: calendar.MustParse("2031-12-31")})
	p.Notification = plan.Notification{From: "PO", At: time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC), Reference: "N1", Version: "1.0", Date: p.Release.Date}
	p.Kickoff = start
	p.Assign(plan.ReleaseManager, testChange, "rm")
	p.Assign(plan.IPMOfficer, testChange, "ipmo")
	p.Assign(plan.ProjectManager, testChange, "pm")
	cats := backlog.DefaultCatalogue().Categories()
	var doc backlog.Document
	for g := 0; g*10 < tasks; g++ {
		rid := fmt.Sprintf("REQ-%d", g)
		doc.Requirements = append(doc.Requirements, backlog.Requirement{
			ID: rid, Title: "Requirement " + rid, Category: cats[g%len(cats)],
			State: workitem.Proposed, Reason: "New",
		})
		for k := 0; k < 10 && g*10+k < tasks; k++ {
			id := fmt.Sprintf("T%d", g*10+k)
			t := backlog.Task{
				ID: id, Title: "Task " + id, Requirements: []string{rid},
				Estimate: backlog.ThreePoint(1, 2, 4), Assignee: "person",
				State: workitem.Proposed, Reason: "New",
				Demands: []resource.Demand{{ID: "D-" + id, ResourceID: fmt.Sprintf("P%d", (g*10+k)%resources), Quantity: resource.HoursOf(8)}},
				Tracker: backlog.TrackerRef{System: "Azure Boards", ID: id},
			}
			if k > 0 {
				t.Dependencies = append(t.Dependencies, backlog.Dependency{Task: fmt.Sprintf("T%d", g*10+k-1)})
			}
			if k == 0 && g > 0 && g%10 == 0 {
				t.Dependencies = append(t.Dependencies, backlog.Dependency{Task: fmt.Sprintf("T%d", (g-1)*10+9), Type: backlog.StartToStart, Lag: 2})
			}
			doc.Tasks = append(doc.Tasks, t)
		}
	}
	if err := p.Backlog.Load(doc); err != nil {
		tb.Fatal(err)
	}
	for i := 0; i < resources; i++ {
		p.Resources.Resources = append(p.Resources.Resources, resource.Resource{ID: fmt.Sprintf("P%d", i), Name: fmt.Sprintf("Person %d", i), Kind: resource.KindPerson, Role: "engineer"})
	}
	var log risk.LogDocument
	for i := 0; i < risks; i++ {
		log.Risks = append(log.Risks, risk.Risk{
			ID: fmt.Sprintf("R%d", i), Title: "Risk", Condition: "c", Consequence: "q", Kind: risk.Threat,
			Probability: risk.Probability(1 + i%99), Impact: risk.Impact(1 + i%5), Owner: "o",
			MitigationPlan: "m", ContingencyPlan: "c", Trigger: "t", NextReview: calendar.MustParse("2027-06-01"),
			TaskIDs: []string{fmt.Sprintf("T%d", (i*7)%tasks)}, ScheduleImpactWorkdays: 1 + i%5,
			State: workitem.Proposed, Reason: "New",
		})
	}
	if err := p.Risks.Load(log); err != nil {
		tb.Fatal(err)
	}
	return p
}

// commitAll asks for and obtains a commitment for every task demand, as
// the program office would against revision 0.
func commitAll(tb testing.TB, p *plan.Plan) {
	tb.Helper()
	pool := p.EffectivePool()
	at := time.Date(2027, 1, 5, 9, 0, 0, 0, time.UTC)
	for i := range pool.Demands {
		d := &pool.Demands[i]
		c, err := resource.Request("C-"+d.ID, d, lifecycle.Change{By: "rm", At: at})
		if err != nil {
			tb.Fatal(err)
		}
		if err := c.Commit(d, p.Revision, lifecycle.Change{By: "ipmo", At: at}); err != nil {
			tb.Fatal(err)
		}
		p.Resources.Commitments = append(p.Resources.Commitments, c)
	}
}

func TestBigPlanCommitted(t *testing.T) {
	p := bigPlan(t, 500, 20, 50)
	commitAll(t, p)
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	rep, err := plan.DefaultChecker().Check(context.Background(), p, plan.Exit)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Blocking() {
		if f.Code == "demand.uncovered" || f.Code == "demand.partly-covered" {
			t.Fatalf("committed demand not covered: %v", f)
		}
	}
}

func BenchmarkValidateCommitted(b *testing.B) {
	p := bigPlan(b, 100_000, 1_000, 10_000)
	commitAll(b, p)
	b.ReportAllocs()
	for b.Loop() {
		if l := p.ValidateList(); len(l) != 0 {
			b.Fatal(l[:1])
		}
	}
}

func TestBigPlanIsValid(t *testing.T) {
	p := bigPlan(t, 2000, 50, 200)
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	rep, err := plan.DefaultChecker().Check(context.Background(), p, plan.Exit)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Passed() {
		t.Error("a plan with no commitments passed the exit gate")
	}
}

func BenchmarkValidate(b *testing.B) {
	p := bigPlan(b, 100_000, 1_000, 10_000)
	b.ReportAllocs()
	for b.Loop() {
		if l := p.ValidateList(); len(l) != 0 {
			b.Fatal(l)
		}
	}
}

func BenchmarkExitGate(b *testing.B) {
	p := bigPlan(b, 100_000, 1_000, 10_000)
	k := plan.DefaultChecker()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := k.Check(ctx, p, plan.Exit); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	p := bigPlan(b, 100_000, 1_000, 10_000)
	data, err := plan.Encode(p)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("plan.Decode", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := plan.Decode(data, plan.DecodeOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			// The same structs without Plan's own strict UnmarshalJSON.
			type plainPlan plan.Plan
			var q plainPlan
			if err := json.NewDecoder(bytes.NewReader(data)).Decode(&q); err != nil {
				b.Fatal(err)
			}
		}
	})
}
