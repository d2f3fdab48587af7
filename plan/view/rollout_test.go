package view_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/internal/bigplan"
	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/plan/view"
	"github.com/rolloutkit/rollout/readiness"
)

func TestRolloutSample(t *testing.T) {
	v := sampleView(t)
	r := v.Rollout()
	if r.IsZero() {
		t.Fatal("the sample's rollout is empty")
	}
	type wave struct {
		ID                    string
		Start, Deployed, Gate string
		Tasks                 int
		PastPointOfNoReturn   bool
		Customer              bool
		Notices               int
		Evaluation            string
	}
	var got []wave
	for _, w := range r.Waves {
		got = append(got, wave{w.ID, w.Start.String(), w.Deployed.String(), w.Gate.String(), len(w.Tasks),
			w.PastPointOfNoReturn, w.Customer(), len(w.Notices), w.EvaluationText()})
		for k, i := range w.Tasks {
			if id := v.Tasks[i].ID; id[:len(w.ID)] != w.ID {
				t.Errorf("wave %s task %d is %s", w.ID, k, id)
			}
		}
	}
	want := []wave{
		{"W1-internal", "2027-03-15", "2027-03-15", "2027-03-19", 4, false, false, 0, "pending"},
		{"W2-early", "2027-04-05", "2027-04-05", "2027-04-13", 4, false, true, 1, "pending"},
		{"W3-ring1", "2027-04-16", "2027-04-19", "2027-04-27", 4, true, true, 1, "pending"},
		{"W4-everyone", "2027-04-28", "2027-05-04", "2027-05-05", 3, true, true, 1, "pending"}, // no soak
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("waves (-want +got):\n%s", diff)
	}
	// The rows agree with the view's wave windows.
	for _, w := range r.Waves {
		i := slices.IndexFunc(v.Windows, func(win view.Window) bool { return win.Key == "wave/"+w.ID })
		if i < 0 || v.Windows[i].From != w.Start || v.Windows[i].Through != w.Gate {
			t.Errorf("wave %s: no window %s..%s among the view's windows", w.ID, w.Start, w.Gate)
		}
	}
	pnr := r.PointOfNoReturn
	if pnr == nil || pnr.Wave != "W3-ring1" || pnr.Day != calendar.MustParse("2027-04-16") || !pnr.ReviewFound || pnr.Passed {
		t.Fatalf("point of no return = %+v", pnr)
	}
	if got, want := pnr.Guard(), "GNG-1 (undecided, 2027-04-12)"; got != want {
		t.Errorf("Guard() = %q, want %q", got, want)
	}
	if got := pnr.PassedText(v.Reviews()); got != "not yet" {
		t.Errorf("PassedText = %q", got)
	}
	h := r.Hypercare
	if h == nil || h.Workdays != 20 || len(h.Staffing) != 3 {
		t.Fatalf("hypercare = %+v", h)
	}
	for _, s := range h.Staffing {
		if s.CommitmentText() != "committed" || s.Who == "" || s.From != h.From {
			t.Errorf("staffing %+v", s)
		}
	}
	if h.Staffing[2].Role != "war room" || h.Staffing[2].Who != "Ledger 4.0 war room, Redmond" {
		t.Errorf("war room = %+v", h.Staffing[2])
	}
	if len(r.Freezes) != 1 || r.Freezes[0].Title != "Q1 close of hosted customers" {
		t.Errorf("freezes = %+v", r.Freezes)
	}
	noticed := map[string]int{}
	for _, c := range r.Communications {
		if c.Day.IsZero() || c.Title == "" {
			t.Errorf("communication %+v", c)
		}
		if c.Wave != "" {
			noticed[c.Wave] = c.Lead
		}
	}
	if len(noticed) != 3 {
		t.Errorf("notices for %v, want W2, W3, W4", noticed)
	}
	for wave, lead := range noticed {
		if lead < 10 {
			t.Errorf("notice of %s sent %d workdays before it, want >= 10", wave, lead)
		}
	}
	if i := slices.IndexFunc(r.Communications, func(c view.Communication) bool { return c.ID == "REQ-26/brief-teams" }); i < 0 {
		t.Error("the internal announcement's briefing is not among the communications")
	}
}

func TestReadinessSample(t *testing.T) {
	v := sampleView(t)
	rd := v.Readiness(calendar.Date{})
	if rd.Total.Items != 29 || rd.Total.Blocking != 20 || len(rd.Items) != 29 {
		t.Fatalf("total %+v, %d items", rd.Total, len(rd.Items))
	}
	for _, it := range rd.Items {
		if it.Overdue {
			t.Errorf("%s overdue with no as-of day", it.ID)
		}
	}
	// By function in the summary's order.
	last := -1
	for _, it := range rd.Items {
		k := slices.IndexFunc(rd.Functions, func(f readiness.FunctionSummary) bool { return f.Function == it.Function })
		if k < last {
			t.Errorf("%s (%s) after an item of a later function", it.ID, it.Function)
		}
		last = k
	}
	blocking := rd.Blocking()
	if len(blocking) != 20 || blocking[0].DueDate != calendar.MustParse("2027-03-16") {
		t.Fatalf("blocking: %d, first due %s", len(blocking), blocking[0].DueDate)
	}
	for i := 1; i < len(blocking); i++ {
		if blocking[i].DueDate.Before(blocking[i-1].DueDate) {
			t.Errorf("blocking items not soonest due first at %d", i)
		}
	}
	late := v.Readiness(calendar.MustParse("2027-04-05"))
	overdue := 0
	for _, it := range late.Items {
		if it.Overdue {
			overdue++
			if it.Status.Done() || !it.DueDate.Before(late.AsOf) || it.StatusText() != it.Status.String()+" (OVERDUE)" {
				t.Errorf("%s flagged overdue: %s due %s", it.ID, it.Status, it.DueDate)
			}
		}
	}
	if overdue == 0 {
		t.Error("no item overdue on 2027-04-05")
	}
}

func TestReviewsAndPassedPointOfNoReturn(t *testing.T) {
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	// The rollout continued from W2 past the point of no return on
	// GNG-1 (edited directly: the view shows what the plan says).
	p.Deployment.Waves[1].Evaluation = deployment.Evaluation{State: deployment.Continued, Outcome: deployment.Succeeded, Approval: "GNG-1", By: "Rita Alvarez"}
	v, err := view.New(p, view.Options{AllowInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	pnr := v.Rollout().PointOfNoReturn
	if got, want := pnr.PassedText(v.Reviews()), "PASSED on GNG-1 WITHOUT A GO (undecided)"; got != want {
		t.Errorf("PassedText = %q, want %q", got, want)
	}
	for i := range p.Decisions[0].Ballots {
		p.Decisions[0].Ballots[i].Vote = plan.Go
	}
	p.Decisions[0].Ballots[3].Vote = plan.GoWithConditions
	p.Decisions[0].Ballots[3].Conditions = []string{"support-training/trained", "support-training/trained"}
	v, err = view.New(p, view.Options{AllowInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	reviews := v.Reviews()
	if len(reviews) != 1 || reviews[0].Outcome != plan.LaunchWithConditions || !reviews[0].Current ||
		!slices.Equal(reviews[0].Items, []string{"support-training/trained"}) || reviews[0].When() != "2027-04-12 15:00 UTC" {
		t.Fatalf("reviews = %+v", reviews)
	}
	pnr = v.Rollout().PointOfNoReturn
	if got, want := pnr.PassedText(reviews), "passed on GNG-1 (go-with-conditions)"; !pnr.PassedOnGo || got != want {
		t.Errorf("PassedText = %q, want %q", got, want)
	}
	if got := v.Rollout().Waves[1].EvaluationText(); got != "continued (succeeded)" {
		t.Errorf("EvaluationText = %q", got)
	}
}

// A plan without deployment, checklist or reviews has nothing to show.
func TestRolloutEmpty(t *testing.T) {
	p, err := bigplan.Plan(40)
	if err != nil {
		t.Fatal(err)
	}
	v, err := view.New(p, view.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := v.Rollout()
	if len(r.Waves) != 0 || r.PointOfNoReturn != nil || r.Hypercare != nil {
		t.Errorf("rollout of a plan without deployment: %+v", r)
	}
	if rd := v.Readiness(calendar.MustParse("2030-01-01")); len(rd.Items) != 0 || rd.Total.Items != 0 || len(rd.Blocking()) != 0 {
		t.Errorf("readiness of a plan without checklist: %+v", rd)
	}
	if len(v.Reviews()) != 0 {
		t.Errorf("reviews: %+v", v.Reviews())
	}
	if !v.LatestEvent().IsZero() && len(p.History) == 0 {
		t.Errorf("LatestEvent = %s without history", v.LatestEvent())
	}
}

// The texts the renderers share, on the sample and on edited copies.
func TestRolloutTexts(t *testing.T) {
	p, err := sample.Plan()
	if err != nil {
		t.Fatal(err)
	}
	// A rota demand the pool does not hold, evidence as a note alone, a
	// review of an older revision, a vote with a note: shown, not refused.
	p.Deployment.Hypercare.Rota = append(p.Deployment.Hypercare.Rota, "HC/nobody")
	p.Deployment.Waves[0].Evaluation = deployment.Evaluation{State: deployment.Continued, Outcome: deployment.Succeeded, By: "Rita Alvarez", Reason: deployment.ReasonPromoted}
	i := slices.IndexFunc(p.Readiness.Items, func(it readiness.Item) bool { return it.ID == "marketing-plan/approved" })
	p.Readiness.Items[i].Evidence = append(p.Readiness.Items[i].Evidence, readiness.Evidence{Note: "CMO sign-off in the minutes", By: "Maya Chen"})
	p.Decisions[0].Ballots[0].Vote, p.Decisions[0].Ballots[0].Note = plan.NoGo, "migration not rehearsed"
	p.Revision++
	v, err := view.New(p, view.Options{AllowInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	r := v.Rollout()
	h := r.Hypercare
	if s := h.Staffing[len(h.Staffing)-2]; s.Demand != "HC/nobody" || s.Known || s.CommitmentText() != "not in the resource pool" {
		t.Errorf("unknown rota demand: %+v", s)
	}
	// Commitments given against revision 1 no longer cover revision 2.
	if s := h.Staffing[len(h.Staffing)-1]; s.Role != "war room" || s.Committed || s.CommitmentText() != "not covered" {
		t.Errorf("war room after a revision: %+v", s)
	}
	rd := v.Readiness(calendar.Date{})
	var mp view.ReadinessItem
	for _, it := range rd.Items {
		if it.ID == "marketing-plan/approved" {
			mp = it
		}
	}
	reviews := v.Reviews()
	for _, tc := range []struct{ name, got, want string }{
		{"Intro", r.Intro(), "Waves follow Contoso deployment; each starts after the previous wave's gate. Freeze: Q1 close of hosted customers, 2027-03-29 to 2027-04-02."},
		{"RollBackText W1", r.Waves[0].RollBackText(), "yes"},
		{"RollBackText W3", r.Waves[2].RollBackText(), "no: past the point of no return"},
		{"EvaluationDetail", r.Waves[0].EvaluationDetail(), "continued (succeeded), by Rita Alvarez (Promoted to the next wave)"},
		{"WindowText", r.Waves[1].WindowText(), "2027-04-05 to 2027-04-13"},
		{"PointOfNoReturn.Text", r.PointOfNoReturn.Text(reviews), "before W3-ring1 Ring 1: North American hosted tenants, from 2027-04-16: " +
			r.PointOfNoReturn.Reason + ". Guarded by go/no-go review GNG-1 (no-go, 2027-04-12); passed: not yet."},
		{"Summary", rd.Summary(), "29 items, 21 must-have: 1 ready, 1 waived, 3 in progress, 1 at risk, 23 not started. A go is blocked by 20 must-have item(s) neither ready nor waived."},
		{"Counts", strings.Join(view.Counts(rd.Functions[0]), " "), "4 2 0 0 1 0 3 2"},
		{"EvidenceText", mp.EvidenceText(), "Approved by the CMO with budget and channels (https://wiki.contoso.example/ledger-4/marketing-plan); CMO sign-off in the minutes"},
		{"MustHaveText", mp.MustHaveText(), "yes"},
		{"RevisionText", reviews[0].RevisionText(), "1 (no longer current)"},
		{"VoteText", view.VoteText(reviews[0].Ballots[0]), "no-go"},
		{"VoteText not voted", view.VoteText(reviews[0].Ballots[1]), "not voted"},
		{"LeadText", r.Communications[0].LeadText(), "13"},
		{"LeadText none", r.Communications[len(r.Communications)-1].LeadText(), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.name, tc.got, tc.want)
		}
	}
	if un := r.Unnoticed(); len(un) != 0 {
		t.Errorf("unnoticed waves %v", un)
	}
}

// A customer wave without a notice is named in two parts, the first for
// renderers to stress.
func TestUnnoticedText(t *testing.T) {
	w := view.Wave{Wave: deployment.Wave{ID: "W5-late", Name: "Late adopters", Ring: deployment.RingBroad}, Planned: true, Start: calendar.MustParse("2027-05-06")}
	flag, rest := w.UnnoticedText()
	if got, want := flag+" "+rest, "No maintenance notice announces customer wave W5-late (Late adopters, from 2027-05-06)."; got != want {
		t.Errorf("UnnoticedText = %q, want %q", got, want)
	}
	if un := (view.Rollout{Waves: []view.Wave{w}}).Unnoticed(); len(un) != 1 || un[0].ID != "W5-late" {
		t.Errorf("Unnoticed = %v, want W5-late", un)
	}
}
