package plan_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
)

var (
	release = calendar.MustParse("2027-04-15")
	t0      = time.Date(2027, 1, 11, 9, 0, 0, 0, time.UTC)
	by      = lifecycle.Change{By: "Rita Release", At: t0}
)

// committed returns a plan whose entry criterion holds.
func committed(t testing.TB) *plan.Plan {
	t.Helper()
	p := plan.New("contoso-4.0", plan.Release{Product: "Contoso Ledger", Version: "4.0", Date: release})
	p.Notification = plan.Notification{From: "Program Office", At: t0, Reference: "PO-2027-001", Version: "4.0", Date: release}
	p.Kickoff = calendar.MustParse("2027-01-11")
	return p
}

// codes returns the sorted, unique codes of the findings.
func codes(fs []plan.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, string(f.Code))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestStartNeedsEntryCriterion(t *testing.T) {
	ctx := context.Background()
	p := plan.New("p1", plan.Release{Product: "X", Version: "1.0", Date: release})
	k := plan.DefaultChecker()
	rep, err := p.Start(ctx, k, by)
	if !errors.Is(err, plan.ErrGateFailed) {
		t.Fatalf("Start without notification: err = %v", err)
	}
	var pr *validation.Problem
	if !errors.As(err, &pr) || pr.Code != plan.CodeNotification {
		t.Errorf("errors.As found %v, want a %s problem", pr, plan.CodeNotification)
	}
	if diff := cmp.Diff([]string{string(plan.CodeNotification)}, codes(rep.Blocking())); diff != "" {
		t.Errorf("blocking codes (-want +got):\n%s", diff)
	}
	if p.State != plan.NotStarted || len(p.History) != 0 {
		t.Errorf("refused Start changed the plan: state %v, %d events", p.State, len(p.History))
	}

	p.Notification = plan.Notification{From: "PO", At: t0, Reference: "R1", Version: "1.0", Date: release.AddDays(7)}
	_, err = p.Start(ctx, k, by)
	var ge *plan.GateError
	if !errors.As(err, &ge) || !errors.Is(err, validation.ErrConflict) {
		t.Fatalf("Start with a different committed date: %v", err)
	}
	if f := ge.Result.Blocking(); len(f) != 1 || f[0].Path.String() != "notification.date" {
		t.Errorf("findings = %v", f)
	}

	p.Notification.Date = release
	if _, err := p.Start(ctx, k, by); err != nil {
		t.Fatalf("Start with the entry criterion met: %v", err)
	}
	if p.State != plan.InProgress {
		t.Errorf("state = %v", p.State)
	}
	var kinds []plan.EventKind
	for _, e := range p.History {
		kinds = append(kinds, e.Kind)
	}
	if diff := cmp.Diff([]plan.EventKind{plan.EventGate, plan.EventActivity}, kinds); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	if _, err := p.Start(ctx, k, by); !errors.Is(err, lifecycle.ErrInvalidTransition) {
		t.Errorf("second Start: %v", err)
	}
}

func TestExitCriterionNamesEveryGap(t *testing.T) {
	ctx := context.Background()
	p := committed(t)
	k := plan.DefaultChecker()
	if _, err := p.Start(ctx, k, by); err != nil {
		t.Fatal(err)
	}
	_, err := p.Complete(ctx, k, by)
	var ge *plan.GateError
	if !errors.As(err, &ge) {
		t.Fatalf("Complete on an empty plan: %v", err)
	}
	want := []string{
		string(plan.CodeCategoriesGathered),
		string(plan.CodeRisksLogged),
		string(plan.CodeRolesFilled),
	}
	if diff := cmp.Diff(want, codes(ge.Result.Blocking())); diff != "" {
		t.Errorf("blocking codes (-want +got):\n%s", diff)
	}
	// Every expected category of the catalogue is named.
	missing := 0
	for _, f := range ge.Result.Blocking() {
		if f.Code == plan.CodeCategoriesGathered {
			missing++
			if f.SubActivity != plan.GatherRequirements {
				t.Errorf("category finding in %v", f.SubActivity)
			}
		}
	}
	if want := len(backlog.DefaultCatalogue().Expected()); missing != want {
		t.Errorf("%d missing categories reported, want %d", missing, want)
	}
	if p.State != plan.InProgress {
		t.Errorf("refused Complete moved the activity to %v", p.State)
	}
}

func TestRulesAreValues(t *testing.T) {
	rules := plan.DefaultRules()
	n := rules.Len()
	custom := plan.Rule{
		Code: "acme.press-release.legal", Gate: plan.Exit, SubActivity: plan.GatherRequirements,
		Summary: "a legal review requirement exists",
		Check: func(c *plan.Context) []plan.Finding {
			for _, r := range c.Requirements() {
				if r.Category == backlog.CategoryLicensingLegal {
					return nil
				}
			}
			return []plan.Finding{{Problem: *validation.Required(validation.NewPath("backlog", "requirements"), "", "a legal review")}}
		},
	}
	if err := rules.Add(custom); err != nil {
		t.Fatal(err)
	}
	if err := rules.Add(custom); !errors.Is(err, plan.ErrDuplicateRule) {
		t.Errorf("adding twice: %v", err)
	}
	if err := rules.Disable(plan.CodeRisksLogged, "nope"); !errors.Is(err, plan.ErrUnknownRule) || rules.Len() != n+1 {
		t.Errorf("Disable with an unknown code: %v, len %d", err, rules.Len())
	}
	if err := rules.Disable(plan.CodeRisksLogged); err != nil || rules.Len() != n {
		t.Errorf("Disable: %v, len %d", err, rules.Len())
	}
	if plan.DefaultRules().Len() != n {
		t.Error("changing a rule set changed the defaults")
	}
	if err := rules.Replace(plan.Rule{Code: "missing", Gate: plan.Exit, Check: custom.Check}); !errors.Is(err, plan.ErrUnknownRule) {
		t.Errorf("Replace unknown: %v", err)
	}

	// A rule unit-tested alone.
	p := committed(t)
	got := custom.Check(plan.NewContext(p, plan.DefaultPolicy()))
	if len(got) != 1 {
		t.Fatalf("custom rule found %v", got)
	}

	// A panicking rule becomes a finding.
	boom := plan.Rule{Code: "boom", Gate: plan.Entry, Check: func(*plan.Context) []plan.Finding { panic("bad rule") }}
	k := plan.Checker{Policy: plan.DefaultPolicy()}
	if err := k.Rules.Add(boom); err != nil {
		t.Fatal(err)
	}
	rep, err := k.Check(context.Background(), p, plan.Entry)
	if err != nil || len(rep.Findings) != 1 || rep.Findings[0].Code != plan.CodeRulePanic {
		t.Errorf("panicking rule: %v %v", rep.Findings, err)
	}
}

func TestGoNoGo(t *testing.T) {
	p := committed(t)
	p.Assign(plan.ReleaseManager, testChange, "Rita Release")
	p.Assign(plan.ProjectManager, testChange, "Pat Project")
	if err := p.OpenDecision("GNG-1", []string{"Rita Release", "Nobody"}, by); !errors.Is(err, validation.ErrNotFound) {
		t.Errorf("approver without a role: %v", err)
	}
	if err := p.OpenDecision("GNG-1", []string{"Rita Release", "Pat Project"}, by); err != nil {
		t.Fatal(err)
	}
	if err := p.CastVote("GNG-1", "Pat Project", plan.GoWithConditions, "", by); err == nil {
		t.Error("conditional go without a note accepted")
	}
	if err := p.CastVote("GNG-1", "Pat Project", plan.GoWithConditions, "support FAQ published first", by); err != nil {
		t.Fatal(err)
	}
	d, current, _ := p.LaunchDecision()
	if d.Outcome() != plan.Undecided || !current {
		t.Errorf("outcome = %v, current %v", d.Outcome(), current)
	}
	if err := p.CastVote("GNG-1", "Rita Release", plan.NoGo, "rollback untested", by); err != nil {
		t.Fatal(err)
	}
	d, _, _ = p.LaunchDecision()
	if d.Outcome() != plan.Stop {
		t.Errorf("a no-go gave %v", d.Outcome())
	}
	p.Revise(by)
	if _, current, _ := p.LaunchDecision(); current {
		t.Error("a decision on an older revision still counts as current")
	}
}

func TestDecisionOutcome(t *testing.T) {
	tests := []struct {
		votes []plan.Vote
		want  plan.Outcome
	}{
		{nil, plan.Undecided},
		{[]plan.Vote{plan.Go, plan.Go}, plan.Launch},
		{[]plan.Vote{plan.Go, plan.GoWithConditions}, plan.LaunchWithConditions},
		{[]plan.Vote{plan.Go, plan.NotVoted}, plan.Undecided},
		{[]plan.Vote{plan.NotVoted, plan.NoGo}, plan.Stop},
		{[]plan.Vote{plan.GoWithConditions, plan.NoGo, plan.Go}, plan.Stop},
	}
	for _, tt := range tests {
		var d plan.Decision
		for i, v := range tt.votes {
			d.Ballots = append(d.Ballots, plan.Ballot{Approver: string(rune('a' + i)), Vote: v})
		}
		if got := d.Outcome(); got != tt.want {
			t.Errorf("Outcome(%v) = %v, want %v", tt.votes, got, tt.want)
		}
	}
}

func TestRACIText(t *testing.T) {
	var r plan.RACI
	if err := r.UnmarshalText([]byte("responsible, A")); err != nil || r != plan.Responsible|plan.Accountable {
		t.Errorf("got %v, %v", r, err)
	}
	if err := r.UnmarshalText([]byte("owner")); err == nil || r != plan.Responsible|plan.Accountable {
		t.Errorf("unknown responsibility: %v, value %v", err, r)
	}
	b, _ := (plan.Consulted | plan.Informed).MarshalText()
	if string(b) != "consulted,informed" {
		t.Errorf("MarshalText = %s", b)
	}
}

func TestObserveAndRevise(t *testing.T) {
	p := committed(t)
	var seen []string
	cancel := p.Observe(func(e plan.Event) { seen = append(seen, string(e.Kind)+":"+e.To) })
	p.Revise(by)
	if err := p.AddRisk(risk.Risk{ID: "R1", Title: "Trainers unavailable", Condition: "c", Consequence: "q", Kind: risk.Threat, Probability: 40, Impact: 4}, by); err != nil {
		t.Fatal(err)
	}
	cancel()
	p.Revise(by)
	want := []string{"revision:1", "risk:Proposed"}
	if diff := cmp.Diff(want, seen); diff != "" {
		t.Errorf("observed (-want +got):\n%s", diff)
	}
	for i, e := range p.History {
		if e.Seq != i+1 {
			t.Errorf("event %d has seq %d", i, e.Seq)
		}
	}
	if p.Revision != 2 || p.History[2].Revision != 2 {
		t.Errorf("revision %d, last event revision %d", p.Revision, p.History[2].Revision)
	}
}

func TestCommitmentsAgainstRevision(t *testing.T) {
	p := committed(t)
	p.Resources.Resources = []resource.Resource{{ID: "room-1", Name: "Training room", Kind: resource.KindFacility, Capacity: 20}}
	p.Resources.Demands = []resource.Demand{{ID: "D1", ResourceID: "room-1", Quantity: resource.SeatsOf(12),
		From: calendar.MustParse("2027-03-01"), To: calendar.MustParse("2027-03-03")}}
	if err := p.RequestCommitment("C1", "D1", by); err != nil {
		t.Fatal(err)
	}
	if err := p.RequestCommitment("C2", "D9", by); !errors.Is(err, validation.ErrNotFound) {
		t.Errorf("request for an unknown demand: %v", err)
	}
	if err := p.Commit("C1", by); err != nil {
		t.Fatal(err)
	}
	pool := p.EffectivePool()
	if l := pool.CheckCoverage(p.Revision); len(l) != 0 {
		t.Errorf("coverage at the committed revision: %v", l)
	}
	p.Revise(by)
	if l := pool.CheckCoverage(p.Revision); len(l) == 0 {
		t.Error("a commitment against an older revision still covers the demand")
	}
	if err := p.Reconfirm("C1", by); err != nil {
		t.Fatal(err)
	}
	if l := p.EffectivePool().CheckCoverage(p.Revision); len(l) != 0 {
		t.Errorf("after reconfirmation: %v", l)
	}
	before := len(p.History)
	if err := p.Decline("C1", by); err == nil {
		t.Error("declining a committed commitment was accepted")
	}
	if len(p.History) != before {
		t.Error("a refused move recorded an event")
	}
}

// TestCommitmentRevisionDocument pins the document form of a commitment's
// revision: an int in Go, a string of digits in the document (as before
// the revision became an int), and a number there is refused with its path.
func TestCommitmentRevisionDocument(t *testing.T) {
	p := committed(t)
	p.Resources.Resources = []resource.Resource{{ID: "room-1", Name: "Training room", Kind: resource.KindFacility, Capacity: 20}}
	p.Resources.Demands = []resource.Demand{{ID: "D1", ResourceID: "room-1", Quantity: resource.SeatsOf(12),
		From: calendar.MustParse("2027-03-01"), To: calendar.MustParse("2027-03-03")}}
	p.Revise(by)
	p.Revise(by)
	if err := p.RequestCommitment("C1", "D1", by); err != nil {
		t.Fatal(err)
	}
	if err := p.Commit("C1", by); err != nil {
		t.Fatal(err)
	}
	if c, _ := p.Resources.Commitment("C1"); c.Revision != 2 {
		t.Fatalf("committed against revision %d, want 2", c.Revision)
	}
	doc, err := plan.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(doc, []byte(`"revision": "2"`)) {
		t.Fatalf("the document does not keep the commitment's revision as a string:\n%s", doc)
	}
	back, err := plan.Decode(doc, plan.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := back.Resources.Commitment("C1"); c.Revision != 2 {
		t.Errorf("decoded revision %d, want 2", c.Revision)
	}
	for _, bad := range []string{`"revision": 2`, `"revision": "two"`} {
		_, err := plan.Decode(bytes.Replace(doc, []byte(`"revision": "2"`), []byte(bad), 1), plan.DecodeOptions{})
		var l validation.List
		if !errors.As(err, &l) || len(l) == 0 || l[0].Code != "json.type" || l[0].Path.String() != "resources.commitments[0].revision" {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

func TestCommitmentOnTaskDemand(t *testing.T) {
	p := committed(t)
	p.Resources.Resources = []resource.Resource{{ID: "ana", Name: "Ana", Kind: resource.KindPerson, Role: "trainer"}}
	if err := p.AddRequirement(backlog.Requirement{ID: "R1", Title: "Sales training", Category: backlog.CategorySalesTraining}, by); err != nil {
		t.Fatal(err)
	}
	task := backlog.Task{ID: "T1", Title: "Deliver", Requirements: []string{"R1"}, Estimate: backlog.Days(3), Assignee: "ana",
		Demands: []resource.Demand{{ID: "T1/ana", ResourceID: "ana", Quantity: resource.HoursOf(24)}}}
	if err := p.AddTask(task, by); err != nil {
		t.Fatal(err)
	}
	if err := p.RequestCommitment("C1", "T1/ana", by); err != nil {
		t.Fatal(err)
	}
	if err := p.Validate(); err != nil {
		t.Fatalf("a commitment on a task demand does not validate: %v", err)
	}
	if err := p.Commit("C1", by); err != nil {
		t.Fatal(err)
	}
	if l := p.EffectivePool().CheckCoverage(p.Revision); len(l) != 0 {
		t.Errorf("right after Commit the task demand is not covered: %v", l)
	}
	// Moving the task moves its demand's dates: the commitment must be
	// reconfirmed.
	tk, _ := p.Backlog.Task("T1")
	tk.StartNoEarlierThan = calendar.MustParse("2027-02-01")
	if err := p.Backlog.UpdateTask(tk); err != nil {
		t.Fatal(err)
	}
	if l := p.EffectivePool().CheckCoverage(p.Revision); len(l) == 0 {
		t.Error("a commitment still covers a demand whose dates moved")
	}
}
