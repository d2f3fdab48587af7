// Package plantest helps test suites unit-test a company's plan rules: it
// builds small plans whose entry criterion holds, runs one rule or a whole
// gate, and compares findings by code and path, never by message text.
//
//	func TestPressReleasesNeedLegal(t *testing.T) {
//		p := plantest.Committed(t)
//		plantest.AddRequirement(t, p, backlog.Requirement{ID: "PR-1", Title: "Launch PR",
//			Category: backlog.CategoryPressReleases})
//		got := plantest.Run(t, myRule, p, plan.DefaultPolicy())
//		plantest.WantFindings(t, got, "acme.press.legal@backlog.requirements[0].source")
//	}
package plantest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/validation"
)

// ReleaseDate returns the release date of the plans Committed and Ready
// build: Thursday 2027-04-15.
func ReleaseDate() calendar.Date { return releaseDate() }

func releaseDate() calendar.Date { return calendar.MustParse("2027-04-15") }

// NotifiedAt returns when the plans Committed and Ready build were
// notified: Monday 2027-01-11, 09:00 UTC.
func NotifiedAt() time.Time { return notifiedAt() }

func notifiedAt() time.Time { return time.Date(2027, 1, 11, 9, 0, 0, 0, time.UTC) }

// Change returns the change Committed and the Add helpers record: by
// "plantest" at NotifiedAt.
func Change() lifecycle.Change { return lifecycle.Change{By: "plantest", At: notifiedAt()} }

// Committed returns a plan whose entry criterion holds: release "1.0" of
// "Product" on ReleaseDate, notified at NotifiedAt, kickoff on the day of
// the notification, and every RACI role filled by one person ("Release
// Manager" by "rm", "IPM Officer" by "ipmo", "Project Manager" by "pm").
func Committed(tb testing.TB) *plan.Plan {
	tb.Helper()
	p := plan.New("plantest", plan.Release{Product: "Product", Version: "1.0", Date: releaseDate()})
	p.Kickoff = calendar.FromTime(notifiedAt())
	for _, err := range []error{
		p.Notify(plan.Notification{From: "Program Office", At: notifiedAt(), Reference: "PO-1", Version: "1.0", Date: releaseDate()}, Change()),
		p.Assign(plan.ReleaseManager, Change(), "rm"),
		p.Assign(plan.IPMOfficer, Change(), "ipmo"),
		p.Assign(plan.ProjectManager, Change(), "pm"),
	} {
		if err != nil {
			tb.Fatalf("plantest: %v", err)
		}
	}
	return p
}

// AddRequirement adds requirements to p, failing the test on error.
func AddRequirement(tb testing.TB, p *plan.Plan, rs ...backlog.Requirement) {
	tb.Helper()
	for _, r := range rs {
		if err := p.AddRequirement(r, Change()); err != nil {
			tb.Fatalf("plantest: adding requirement %s: %v", r.ID, err)
		}
	}
}

// AddTask adds tasks to p, failing the test on error.
func AddTask(tb testing.TB, p *plan.Plan, ts ...backlog.Task) {
	tb.Helper()
	for _, t := range ts {
		if err := p.AddTask(t, Change()); err != nil {
			tb.Fatalf("plantest: adding task %s: %v", t.ID, err)
		}
	}
}

// Run runs one rule on p under policy and returns its findings, with the
// rule's code and sub-activity filled in where the rule left them empty,
// as a Checker would. A panic in the rule fails the test.
func Run(tb testing.TB, r plan.Rule, p *plan.Plan, policy plan.Policy) []plan.Finding {
	tb.Helper()
	rules, err := plan.NewRules(r)
	if err != nil {
		tb.Fatalf("plantest: %v", err)
	}
	gate := r.Gate
	rep, err := plan.Checker{Rules: rules, Policy: policy}.Check(context.Background(), p, gate)
	if err != nil {
		tb.Fatalf("plantest: %v", err)
	}
	for _, f := range rep.Findings {
		if f.Code == plan.CodeRulePanic {
			tb.Fatalf("plantest: rule %s panicked: %s", r.Code, f.Message)
		}
	}
	return rep.Findings
}

// Gate runs every rule of checker at gate on p and returns the report.
func Gate(tb testing.TB, checker plan.Checker, p *plan.Plan, gate plan.Gate) plan.GateResult {
	tb.Helper()
	rep, err := checker.Check(context.Background(), p, gate)
	if err != nil {
		tb.Fatalf("plantest: %v", err)
	}
	return rep
}

// Keys renders findings as sorted "code@path" strings, the form
// WantFindings compares.
func Keys(fs []plan.Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s@%s", f.Code, f.Path))
	}
	slices.Sort(out)
	return out
}

// WantFindings fails the test unless the findings are exactly want, given
// as "code@path" strings in any order (a path may be empty: "code@").
func WantFindings(tb testing.TB, got []plan.Finding, want ...string) {
	tb.Helper()
	w := slices.Clone(want)
	slices.Sort(w)
	if len(w) == 0 {
		w = []string{}
	}
	if diff := cmp.Diff(w, Keys(got)); diff != "" {
		tb.Errorf("findings (-want +got):\n%s", diff)
	}
}

// WantCodes fails the test unless the findings carry exactly the given
// codes, each at least once, in any order.
func WantCodes(tb testing.TB, got []plan.Finding, want ...validation.Code) {
	tb.Helper()
	codes := []validation.Code{}
	for _, f := range got {
		codes = append(codes, f.Code)
	}
	slices.Sort(codes)
	codes = slices.Compact(codes)
	w := append([]validation.Code{}, want...)
	slices.Sort(w)
	w = slices.Compact(w)
	if diff := cmp.Diff(w, codes); diff != "" {
		tb.Errorf("finding codes (-want +got):\n%s", diff)
	}
}
