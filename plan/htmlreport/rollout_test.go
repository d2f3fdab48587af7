package htmlreport_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/htmlreport"
	"github.com/rolloutkit/rollout/plan/internal/bigplan"
	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/schedule/forecast"
)

// sections are the IDs of the deployment half's sections.
var sections = []string{"deployment", "point-of-no-return", "hypercare", "readiness", "reviews", "communications",
	"point-of-no-return-line", "hypercare-band"}

// The sample's page shows the deployment half in captioned tables with
// header cells, statuses in words.
func TestSampleRollout(t *testing.T) {
	page := string(samplePage(t)) // as of 2027-03-01
	for _, id := range sections {
		if !strings.Contains(page, `id="`+id+`"`) {
			t.Errorf("page lacks #%s", id)
		}
	}
	for _, want := range []string{
		"the dotted purple line the point of no return (W3-ring1, 2027-04-16), the shaded band hypercare (2027-04-15 to 2027-05-12).",
		"<title>point of no return: W3-ring1 from 2027-04-16</title>",
		"<title>hypercare 2027-04-15 to 2027-05-12</title>",
		"<h2>Deployment waves</h2>",
		"<caption>Deployment waves in rollout order</caption>",
		`<th scope="col">Window (deploy to gate)</th>`,
		`<tr><th scope="row">W1-internal Internal pilot: Contoso&#39;s own finance tenants</th><td>pilot</td><td>Contoso staff tenants (2 customers)</td><td class="num">1</td><td class="num">3</td><td>2027-03-15 to 2027-03-19</td><td>yes</td><td>pending</td></tr>`,
		`<td class="blocking"><strong>no: past the point of no return</strong></td><td>pending</td></tr>`,
		"<td><ul><li>posting error rate at most 0.5 % over 120 h</li><li>p95 ledger posting time below 800 ms over 120 h</li>",
		"Runbook HOST-RB-38: route the tenants back to the 3.8 pool and restore their ledgers from the pre-wave snapshot (REQ-20) (decided by Rita Alvarez)",
		"<strong>Point of no return:</strong> before W3-ring1 Ring 1: North American hosted tenants, from 2027-04-16:",
		"Guarded by go/no-go review GNG-1 (undecided, 2027-04-12); passed: not yet.",
		"<h2>Hypercare (early life support)</h2>",
		`<tr><th scope="row">Period</th><td>2027-04-15 to 2027-05-12 (20 workdays)</td></tr>`,
		`<tr><th scope="row">war room</th><td>HC/war-room</td><td>Ledger 4.0 war room, Redmond</td><td class="num">8 seats</td><td class="date">2027-04-15</td><td class="date">2027-05-12</td><td>committed</td></tr>`,
		"<h2>Launch readiness</h2>",
		"A go is blocked by 20 must-have item(s) neither ready nor waived. Items due before 2027-03-01",
		`<tr><th scope="row">environment-readiness/security-review</th><td>Security</td>`,
		`<td class="date">2027-03-23</td><td class="blocking"><strong>at-risk</strong></td><td>-</td></tr>`,
		"<td>waived</td><td>waived: The Accounting Software Forum",
		// Evidence links are followed, never fetched.
		`<td>ready</td><td><a href="https://wiki.contoso.example/ledger-4/marketing-plan">Approved by the CMO with budget and channels</a></td></tr>`,
		"<h2>Go/no-go reviews</h2>",
		`<tr><th scope="row">GNG-1</th><td>2027-04-12 15:00 UTC</td><td class="num">1</td><td>undecided</td><td>-</td></tr>`,
		"<caption>Approvers of review GNG-1</caption>",
		`<tr><th scope="row">Rita Alvarez</th><td>Release Manager</td><td>not voted</td><td>-</td><td>-</td></tr>`,
		"<h2>Operational communications</h2>",
		`<tr><th scope="row" class="date">2027-03-09</th><td>REQ-24/notice-W2-early</td><td>Maintenance notice sent: Early adopters</td><td>maintenance-notices</td><td>W2-early</td><td class="num">13</td></tr>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Every table has a caption and column headers.
	if tables, captions := strings.Count(page, "<table>"), strings.Count(page, "<caption>"); captions < 8 || tables-captions > 3 {
		t.Errorf("%d tables, %d captions", tables, captions)
	}
}

// Overdue items are flagged in words as of the page's day.
func TestReadinessOverdue(t *testing.T) {
	p := samplePlan(t)
	b, err := htmlreport.Marshal(context.Background(), p, htmlreport.Options{
		AsOf:            calendar.MustParse("2027-04-05"),
		ForecastOptions: plan.ForecastOptions{Options: forecast.Options{Iterations: 50, Seed: 7}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<tr><th scope="row">sales/price-list</th><td>Sales</td><td>4.0 price list and licence SKUs loaded in the quoting tool</td><td>Ravi Kumar</td><td>yes</td><td class="date">2027-04-01</td><td class="blocking"><strong>in-progress (OVERDUE)</strong></td>`,
		`<tr><th scope="row">road-shows/agenda</th><td>Sales</td><td>Road show agenda, venues and presenters confirmed</td><td>Ravi Kumar</td><td>no</td><td class="date">2027-04-01</td><td>not-started (OVERDUE)</td>`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// A plan without deployment, checklist or reviews gets none of their
// sections.
func TestNoRolloutNoSections(t *testing.T) {
	p, err := bigplan.Plan(40)
	if err != nil {
		t.Fatal(err)
	}
	b, err := htmlreport.Marshal(context.Background(), p, htmlreport.Options{
		ForecastOptions: plan.ForecastOptions{Options: forecast.Options{Iterations: 50, Seed: 1}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"deployment", "point-of-no-return", "hypercare", "readiness", "reviews", "point-of-no-return-line", "hypercare-band"} {
		if strings.Contains(string(b), `id="`+id+`"`) {
			t.Errorf("page of a plan without deployment has #%s", id)
		}
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

// A customer wave that no maintenance notice announces is named, its name
// escaped: here the sample's internal pilot made a customer wave.
func TestWaveWithoutNotice(t *testing.T) {
	p := samplePlan(t)
	d := p.Deployment.Clone()
	d.Waves[0].Ring, d.Waves[0].Name = deployment.RingEarlyAdopters, "Pilot <canary> & co"
	if err := p.SetDeployment(d, lifecycle.Change{By: "Rita Alvarez", At: time.Date(2027, time.February, 26, 12, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	b, err := htmlreport.Marshal(context.Background(), p, htmlreport.Options{
		ForecastOptions: plan.ForecastOptions{Options: forecast.Options{Iterations: 50, Seed: 1}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "<ul>\n<li><strong>No maintenance notice</strong> announces customer wave W1-internal (Pilot &lt;canary&gt; &amp; co, from 2027-03-15).</li>\n</ul>\n</section>\n"
	if page := string(b); !strings.Contains(page, want) || strings.Count(page, "No maintenance notice") != 1 {
		t.Errorf("page lacks %q once", want)
	}
}
