package markdown_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan/internal/bigplan"
	"github.com/rolloutkit/rollout/plan/markdown"
	"github.com/rolloutkit/rollout/plan/sample"
)

// The sample's page shows the deployment half: waves, the point of no
// return, hypercare, the readiness checklist, the go/no-go review and
// the communications, in sections and in the Gantt chart.
func TestSampleRollout(t *testing.T) {
	page := samplePage(t)
	wantAll(t, page,
		"## Deployment waves\n",
		"Freeze: Q1 close of hosted customers, 2027-03-29 to 2027-04-02.",
		"| W1-internal Internal pilot: Contoso's own finance tenants | pilot | Contoso staff tenants (2 customers) | 1 | 3 | 2027-03-15 to 2027-03-19 | yes | pending |\n",
		"| W3-ring1 Ring 1: North American hosted tenants | broad | North American hosted tenants (100 customers, 25 %) | 2 | 5 | 2027-04-16 to 2027-04-27 | **no: past the point of no return** | pending |\n",
		"### W2-early: Early adopters\n\n- Success: posting error rate at most 0.5 % over 120 h\n",
		"- Rollback: Runbook HOST-RB-38: route the tenants back to the 3.8 pool and restore their ledgers from the pre-wave snapshot (REQ-20) (decided by Rita Alvarez)\n",
		"- Rollback trigger: posting error rate above 2 % over 1 h\n",
		"**Point of no return:** before W3-ring1 Ring 1: North American hosted tenants, from 2027-04-16: ",
		"Guarded by go/no-go review GNG-1 (undecided, 2027-04-12); passed: not yet.",
		"## Hypercare (early life support)\n",
		"| Period | 2027-04-15 to 2027-05-12 (20 workdays) |\n",
		"| Exit criterion | open priority 1 incidents at most 0 incidents over 120 h |\n",
		"| war room | HC/war-room | Ledger 4.0 war room, Redmond | 8 seats | 2027-04-15 | 2027-05-12 | committed |\n",
		"## Launch readiness\n",
		"| Security | Sofia Reyes | 1 | 1 | 0 | 0 | 0 | 1 | 0 | 1 |\n",
		"| Security | environment-readiness/security-review | Security review and penetration test passed; findings closed or accepted | Sofia Reyes | yes | 2027-03-23 | **at-risk** | - |\n",
		"| Marketing | exhibitions/stand | Exhibition stand or talk confirmed | Jonas Weber | no | 2027-04-01 | waived | waived: The Accounting Software Forum",
		"| ready | Approved by the CMO with budget and channels (https://wiki.contoso.example/ledger-4/marketing-plan) |\n",
		"## Go/no-go reviews\n",
		"| GNG-1 | 2027-04-12 15:00 UTC | 1 | undecided | - |\n",
		"| Rita Alvarez | Release Manager | not voted | - | - |\n",
		"## Operational communications\n",
		"| 2027-03-09 | REQ-24/notice-W2-early | Maintenance notice sent: Early adopters | maintenance-notices | W2-early | 13 |\n",
		"| 2027-04-12 | REQ-26/brief-teams |",
		// The Gantt chart: a section per wave, the point of no return, hypercare.
		"    section Wave W1-internal Internal pilot - Contoso's own finance tenants\n    W1-internal deploy :b",
		"    W2-early gate :crit, milestone, ",
		"    section Wave W3-ring1 Ring 1 - North American hosted tenants\n    Point of no return :crit, milestone, b",
		", 2027-04-16, 0d\n    W3-ring1 deploy :",
		"    section Hypercare\n    Hypercare :b",
		", 2027-04-15, 2027-05-13\n",
	)
	// Each wave task is drawn once, in its wave's section.
	if n := strings.Count(page, "W1-internal deploy :"); n != 1 {
		t.Errorf("W1-internal's deploy drawn %d times", n)
	}
	if strings.Contains(page, "No maintenance notice") {
		t.Error("a customer wave of the sample is reported without a notice")
	}
	if strings.Index(page, "## Deployment waves") > strings.Index(page, "## Budget") {
		t.Error("the deployment comes after the budget")
	}
}

// Readiness items past due are flagged in words, as of the day asked.
func TestReadinessOverdue(t *testing.T) {
	page := marshal(t, samplePlan(t), markdown.Options{AsOf: calendar.MustParse("2027-04-05")})
	wantAll(t, page,
		"Items due before 2027-04-05 and neither ready nor waived are flagged OVERDUE.",
		"| Sales | sales/price-list | 4.0 price list and licence SKUs loaded in the quoting tool | Ravi Kumar | yes | 2027-04-01 | **in-progress (OVERDUE)** | - |\n",
		"| Sales | road-shows/agenda | Road show agenda, venues and presenters confirmed | Ravi Kumar | no | 2027-04-01 | not-started (OVERDUE) | - |\n",
		"| Marketing | marketing-plan/approved | Marketing plan approved: audiences, positioning, channels and budget | Jonas Weber | yes | 2027-02-16 | ready |",
	)
}

// A customer wave that no notice announces is named.
func TestWaveWithoutNotice(t *testing.T) {
	p := samplePlan(t)
	addLateWave(t, p)
	wantAll(t, marshal(t, p, markdown.Options{}), "- **No maintenance notice** announces customer wave W5-late (Late adopters, from 2027-05-06).\n")
}

// A plan without deployment, checklist or reviews gets none of their
// sections, and no empty one.
func TestNoRolloutNoSections(t *testing.T) {
	p, err := bigplan.Plan(40)
	if err != nil {
		t.Fatal(err)
	}
	page := marshal(t, p, markdown.Options{})
	for _, absent := range []string{"## Deployment waves", "Point of no return", "## Hypercare", "section Hypercare",
		"section Wave ", "## Launch readiness", "## Go/no-go reviews", "No maintenance notice"} {
		if strings.Contains(page, absent) {
			t.Errorf("page of a plan without deployment has %q", absent)
		}
	}
}

// addLateWave adds a fifth, customer wave to the sample and plans its
// tasks, without a maintenance notice.
func addLateWave(t *testing.T, p *plan.Plan) {
	t.Helper()
	ch := lifecycle.Change{By: "Rita Alvarez", At: time.Date(2027, time.February, 26, 12, 0, 0, 0, time.UTC)}
	d := p.Deployment.Clone()
	w := d.Waves[len(d.Waves)-1].Clone()
	w.ID, w.Name, w.Audience = "W5-late", "Late adopters", deployment.Audience{Segment: "Late tenants", Customers: 5}
	w.Deploy, w.SoakDays, w.Evaluation = backlog.ThreePoint(1, 1, 2), 0, deployment.Evaluation{}
	d.Waves = append(d.Waves, w)
	if err := p.SetDeployment(d, ch); err != nil {
		t.Fatal(err)
	}
	if _, err := p.PlanWaves(deployment.TaskOptions{}, ch); err != nil {
		t.Fatal(err)
	}
}

// A chart of one bar per requirement draws one bar per wave, with the
// point of no return and hypercare.
func TestCompactGanttWaves(t *testing.T) {
	p := samplePlan(t)
	page := marshal(t, p, markdown.Options{GanttTasks: 10})
	wantAll(t, page,
		"    section Deployment waves\n    W1-internal Internal pilot - Contoso's own finance tenants :b",
		", 2027-03-15, 2027-03-20\n",
		"    W4-everyone General availability - every remaining hosted tenant :b",
		"    Point of no return :crit, milestone, ",
		"    section Hypercare\n    Hypercare :b",
	)
	if strings.Contains(page, "W1-internal deploy :") {
		t.Error("a wave's tasks drawn one by one in a chart of one bar per requirement")
	}
}

func samplePlan(t *testing.T) *plan.Plan {
	t.Helper()
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func marshal(t *testing.T, p *plan.Plan, opts markdown.Options) string {
	t.Helper()
	b, err := markdown.Marshal(context.Background(), p, opts)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// wantAll reports each text the page lacks.
func wantAll(t *testing.T, page string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}
