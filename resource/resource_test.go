package resource_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/resource/money"
	"github.com/rolloutkit/rollout/validation"
)

func TestFixtureValid(t *testing.T) {
	p := fixture(t)
	if err := p.Validate(); err != nil {
		t.Fatalf("fixture invalid: %v", err)
	}
}

func TestTextForms(t *testing.T) {
	for _, k := range resource.Kinds() {
		var back resource.Kind
		b, _ := k.MarshalText()
		if err := back.UnmarshalText(b); err != nil || back != k {
			t.Errorf("kind %v round trip = %v, %v", k, back, err)
		}
		if k.Unit().Kind() != k {
			t.Errorf("kind %v unit %v maps back to %v", k, k.Unit(), k.Unit().Kind())
		}
	}
	for _, s := range resource.CommitmentStates() {
		var back resource.CommitmentState
		b, _ := s.MarshalText()
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("state %v round trip = %v, %v", s, back, err)
		}
	}
	var k resource.Kind = resource.KindFacility
	if err := k.UnmarshalText([]byte("robot")); !errors.Is(err, resource.ErrUnknownValue) || k != resource.KindFacility {
		t.Errorf("unknown kind: %v, kind now %v", err, k)
	}
	var u resource.Unit
	if err := u.UnmarshalText([]byte("days")); !errors.Is(err, resource.ErrUnknownValue) {
		t.Errorf("unknown unit: %v", err)
	}
	if _, err := resource.Kind(9).MarshalText(); err == nil {
		t.Error("invalid kind marshalled")
	}
	var st resource.CommitmentState
	if err := st.UnmarshalText([]byte("Committed")); err == nil {
		t.Error("state text is case-sensitive, Committed accepted")
	}
}

func TestCategory(t *testing.T) {
	for c, want := range map[resource.Category]bool{"training": true, "partner-enablement": true, "a1": true,
		"": false, "Training": false, "-x": false, "x-": false, "a--b": false, "1a": false, "a b": false} {
		if c.IsValid() != want {
			t.Errorf("%q.IsValid() = %v", c, !want)
		}
	}
	if len(resource.BuiltinCategories()) != 8 || !resource.CategoryContingency.IsBuiltin() || resource.Category("x").IsBuiltin() {
		t.Error("built-in categories wrong")
	}
}

func TestFingerprint(t *testing.T) {
	base := resource.Demand{ID: "D", ResourceID: "ana", Quantity: resource.HoursOf(8), From: d("2027-03-01"), To: d("2027-03-02"), Note: "x"}
	fp := base.Fingerprint()
	same := base
	same.Note, same.ID = "other note", "E"
	if same.Fingerprint() != fp {
		t.Error("note or ID changed the fingerprint")
	}
	for name, change := range map[string]func(*resource.Demand){
		"quantity": func(x *resource.Demand) { x.Quantity.Value = 9 },
		"unit":     func(x *resource.Demand) { x.Quantity.Unit = resource.UnitSeats },
		"from":     func(x *resource.Demand) { x.From = d("2027-02-28") },
		"to":       func(x *resource.Demand) { x.To = d("2027-03-03") },
		"resource": func(x *resource.Demand) { x.ResourceID = "bob" },
		"role":     func(x *resource.Demand) { x.Role = "trainer" },
		"task":     func(x *resource.Demand) { x.TaskID = "T1" },
		"money":    func(x *resource.Demand) { x.Quantity = resource.MoneyOf(eur("8")) },
		// Shifting text between fields must not collide.
		"shift": func(x *resource.Demand) { x.ResourceID, x.Role = "an", "a" },
	} {
		x := base
		change(&x)
		if x.Fingerprint() == fp {
			t.Errorf("changing %s kept the fingerprint", name)
		}
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	p := fixture(t)
	p.Resources = append(p.Resources,
		resource.Resource{ID: "ana", Name: "", Kind: resource.KindFacility, HoursPerDay: 30, Calendar: "apac"},
		resource.Resource{ID: "kiosk", Name: "Kiosk", Kind: resource.KindEquipment, Role: "x",
			Absences: []resource.Absence{{From: d("2027-03-05"), To: d("2027-03-01")}}, Rate: resource.Rate{Amount: eur("1"), Per: resource.PerHour}},
	)
	p.Demands = append(p.Demands,
		resource.Demand{ID: "D1", Quantity: resource.HoursOf(-1), From: d("2027-03-05"), To: d("2027-03-01")},
		resource.Demand{ID: "D10", ResourceID: "room", Quantity: resource.HoursOf(2), To: d("2027-03-01")},
		resource.Demand{ID: "D11", ResourceID: "ghost", Quantity: resource.Quantity{Unit: resource.UnitMoney}, Category: "bogus"},
	)
	p.Commitments = append(p.Commitments,
		resource.Commitment{ID: "C1", DemandID: "D99", State: resource.Committed, Terms: resource.Terms{ResourceID: "ghost", Quantity: resource.HoursOf(1)}, Revision: -1},
	)
	p.Budget.Lines = append(p.Budget.Lines, resource.BudgetLine{ID: "L1", Category: "snacks", Required: money.MustParse("USD 5"), Spent: eur("-1")})
	err := p.Validate()
	var l validation.List
	if !errors.As(err, &l) {
		t.Fatalf("Validate = %v, want a validation.List", err)
	}
	var got []string
	for _, pr := range l {
		got = append(got, pr.Path.String()+" "+string(pr.Code))
	}
	want := []string{
		"resources[4].id resource.id.duplicate",
		"resources[4].name resource.name.required",
		"resources[4].hoursPerDay resource.hoursPerDay.range",
		"resources[4].capacity resource.capacity.range",
		"resources[4].calendar resource.calendar.not-found",
		"resources[5].role resource.role.not-person",
		"resources[5].capacity resource.capacity.range",
		"resources[5].absences[0].to resource.absence.invalid",
		"resources[5].rate.per resource.rate.invalid",
		"demands[8].id demand.id.duplicate",
		"demands[8] demand.who.required",
		"demands[8].quantity.value demand.quantity.range",
		"demands[8].to demand.dates.invalid",
		"demands[9].resourceId demand.kind.mismatch",
		"demands[9].from demand.dates.invalid",
		"demands[10].quantity.money demand.quantity.money.invalid",
		"demands[10].resourceId demand.resource.not-found",
		"demands[10].category demand.category.unknown",
		"commitments[7].id commitment.id.duplicate",
		"commitments[7].terms.resourceId commitment.resource.not-found",
		"commitments[7].committedBy commitment.committed.incomplete",
		"commitments[7].committedAt commitment.committed.incomplete",
		"commitments[7].demandFingerprint commitment.committed.incomplete",
		"commitments[7].revision commitment.committed.incomplete",
		"budget.lines[3].id budget.line.id.duplicate",
		"budget.lines[3].category budget.line.category.unknown",
		"budget.lines[3].required budget.line.amount.invalid",
		"budget.lines[3].spent budget.line.amount.invalid",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if !errors.Is(err, validation.ErrDuplicate) || !errors.Is(err, validation.ErrNotFound) {
		t.Error("problems do not unwrap to their kinds")
	}
}

func TestLoad(t *testing.T) {
	p := fixture(t)
	rep, err := p.Load(calendar.Date{}, calendar.Date{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.From != d("2027-03-01") || rep.To != d("2027-03-10") {
		t.Errorf("window = %s..%s", rep.From, rep.To)
	}
	type oa struct {
		Res, From, To string
		Days          []resource.DayExcess
		Demands       []string
		Commitments   []string
	}
	var got []oa
	for _, o := range rep.OverAllocations {
		got = append(got, oa{o.ResourceID, o.From.String(), o.To.String(), o.Days, o.Demands, o.Commitments})
	}
	want := []oa{
		{"ana", "2027-03-03", "2027-03-04", []resource.DayExcess{{Date: d("2027-03-03"), Load: 12, Capacity: 8}, {Date: d("2027-03-04"), Load: 12, Capacity: 8}}, []string{"D1", "D2"}, nil},
		{"ana", "2027-03-10", "2027-03-10", []resource.DayExcess{{Date: d("2027-03-10"), Load: 10, Capacity: 0}}, []string{"D3"}, nil},
		{"room", "2027-03-01", "2027-03-02", []resource.DayExcess{{Date: d("2027-03-01"), Load: 25, Capacity: 20}, {Date: d("2027-03-02"), Load: 35, Capacity: 20}}, []string{"D4", "D5"}, nil},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("over-allocations (-want +got):\n%s", diff)
	}
	if o := rep.OverAllocations[2]; o.MaxExcess() != 15 || o.TotalExcess() != 20 {
		t.Errorf("room excess max %v total %v", o.MaxExcess(), o.TotalExcess())
	}
	if diff := cmp.Diff([]resource.Unplaced{{DemandID: "D8", Reason: "no date range (give the task's dates with WithDates)"}}, rep.Unplaced); diff != "" {
		t.Errorf("unplaced (-want +got):\n%s", diff)
	}
	// Bob carries the committed role demand D6: 12 hours over two days.
	bob := rep.Resources[1]
	if l, c := bob.On(d("2027-03-08")); bob.ResourceID != "bob" || l != 6 || c != 6 {
		t.Errorf("bob on 03-08: load %v capacity %v", l, c)
	}
	// Holiday and weekend: no capacity.
	ana := rep.Resources[0]
	for _, day := range []string{"2027-03-05", "2027-03-06", "2027-03-10"} {
		if _, c := ana.On(d(day)); c != 0 {
			t.Errorf("ana capacity on %s = %v", day, c)
		}
	}
	weeks := ana.Weeks()
	wantWeeks := []resource.WeekLoad{{Year: 2027, Week: 9, Load: 40, Capacity: 32}, {Year: 2027, Week: 10, Load: 10, Capacity: 16}}
	if diff := cmp.Diff(wantWeeks, weeks); diff != "" {
		t.Errorf("ana weeks (-want +got):\n%s", diff)
	}
	if !weeks[0].Over() || weeks[1].Over() || weeks[0].String() != "2027-W09" {
		t.Errorf("week flags wrong: %v %v", weeks[0], weeks[1])
	}
	// Moving D8 onto dates within capacity, and D2 away, leaves only the
	// room, the absence and nothing else.
	p.Demands[7] = p.Demands[7].WithDates(d("2027-03-01"), d("2027-03-02"))
	p.Demands[1] = p.Demands[1].WithDates(d("2027-03-08"), d("2027-03-09"))
	rep, err = p.Load(calendar.Date{}, calendar.Date{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.OverAllocations) != 2 || len(rep.Unplaced) != 0 {
		t.Errorf("after moving: %d over-allocations, %d unplaced", len(rep.OverAllocations), len(rep.Unplaced))
	}
	if l, _ := rep.Resources[3].On(d("2027-03-02")); l != 5 {
		t.Errorf("laptops load on 03-02 = %v", l)
	}
}

func TestLoadWindowAndErrors(t *testing.T) {
	p := fixture(t)
	rep, err := p.Load(d("2027-03-02"), d("2027-03-03"))
	if err != nil {
		t.Fatal(err)
	}
	// D1 keeps spreading over its own workdays: 8 hours a day.
	if l, _ := rep.Resources[0].On(d("2027-03-02")); l != 8 {
		t.Errorf("ana load on 03-02 in a narrow window = %v", l)
	}
	if _, err := p.Load(d("2027-01-01"), d("2040-01-01")); !errors.Is(err, resource.ErrAnalysis) {
		t.Errorf("long window: %v", err)
	}
	p.Resources[0].Calendar = "apac"
	if _, err := p.Load(calendar.Date{}, calendar.Date{}); !errors.Is(err, resource.ErrAnalysis) {
		t.Errorf("unknown calendar: %v", err)
	}
	if l := p.CheckAllocation(); len(l) != 1 || l[0].Code != resource.CodeOverAllocated {
		t.Errorf("CheckAllocation with a broken pool = %v", l)
	}
	empty := &resource.Pool{}
	rep, err = empty.Load(calendar.Date{}, calendar.Date{})
	if err != nil || len(rep.Resources) != 0 || len(rep.OverAllocations) != 0 {
		t.Errorf("empty pool: %+v, %v", rep, err)
	}
}

func TestCheckAllocation(t *testing.T) {
	l := fixture(t).CheckAllocation().Blocking()
	if len(l) != 3 {
		t.Fatalf("got %d problems: %v", len(l), l)
	}
	if l[0].Path.String() != "resources[0]" || l[2].Path.String() != "resources[2]" {
		t.Errorf("paths %s, %s", l[0].Path, l[2].Path)
	}
	if msg := l[2].Message; !strings.Contains(msg, "by up to 15 seats") || !strings.Contains(msg, "D4, D5") {
		t.Errorf("message %q", msg)
	}
}

func TestCoverage(t *testing.T) {
	p := fixture(t)
	type row struct {
		ID                          string
		Status                      resource.CoverageStatus
		Gap                         string
		Counted, Stale, Other, Open []string
	}
	rows := func(rev int) []row {
		var out []row
		for _, c := range p.Coverage(rev) {
			out = append(out, row{c.DemandID, c.Status, c.Gap.String(), c.Commitments, c.Stale, c.OtherRevision, c.Open})
		}
		return out
	}
	want := []row{
		{"D1", resource.Covered, "0 hours", []string{"C1"}, nil, nil, nil},
		{"D2", resource.NotCovered, "8 hours", nil, nil, []string{"C2"}, nil},
		{"D3", resource.NotCovered, "10 hours", nil, []string{"C3"}, nil, nil},
		{"D4", resource.PartlyCovered, "12.5 seats", []string{"C4"}, nil, nil, nil},
		{"D5", resource.NotCovered, "10 seats", nil, nil, nil, []string{"C5"}},
		{"D6", resource.PartlyCovered, "4 hours", []string{"C6"}, nil, nil, nil},
		{"D7", resource.PartlyCovered, "EUR 2000.00", []string{"C7"}, nil, nil, nil},
		{"D8", resource.NotCovered, "5 units", nil, nil, nil, nil},
	}
	if diff := cmp.Diff(want, rows(2)); diff != "" {
		t.Errorf("coverage against r2 (-want +got):\n%s", diff)
	}
	// Any revision: C2 counts.
	if r := rows(resource.AnyRevision)[1]; r.Status != resource.Covered {
		t.Errorf("D2 against any revision: %+v", r)
	}
	if g := p.Gaps(2); len(g) != 7 || g[0].DemandID != "D2" {
		t.Errorf("gaps: %d, first %s", len(g), g[0].DemandID)
	}
	l := p.CheckCoverage(2)
	if len(l) != 7 || l[0].Path.String() != "demands[1]" || l[0].Code != resource.CodeUncovered || l[2].Code != resource.CodePartlyCovered {
		t.Errorf("CheckCoverage = %v", l)
	}
	if !strings.Contains(l[1].Message, "needing reconfirmation: C3") {
		t.Errorf("stale not named: %q", l[1].Message)
	}
}

func TestReconfirmation(t *testing.T) {
	p := fixture(t)
	want := []resource.Reconfirmation{{CommitmentID: "C3", DemandID: "D3", Revision: 2}}
	if diff := cmp.Diff(want, p.Reconfirmations()); diff != "" {
		t.Errorf("reconfirmations (-want +got):\n%s", diff)
	}
	// Reconfirming against the changed demand makes C3 count again; the
	// terms still say 8 hours, so the demand of 10 is partly covered.
	c3, _ := p.Commitment("C3")
	d3, _ := p.Demand("D3")
	if err := c3.Reconfirm(d3, 3, by("ipmo")); err != nil {
		t.Fatal(err)
	}
	if len(p.Reconfirmations()) != 0 {
		t.Error("still listed after reconfirmation")
	}
	cov := p.Coverage(3)[2]
	if cov.Status != resource.PartlyCovered || cov.Gap.Value != 2 {
		t.Errorf("D3 after reconfirmation: %+v", cov)
	}
	ev, _ := c3.LastEvent()
	if ev.From != resource.Committed || ev.To != resource.Committed || ev.Reason != resource.ReasonReconfirmed || c3.Revision != 3 {
		t.Errorf("reconfirmation event %+v, revision %d", ev, c3.Revision)
	}
	// A removed demand is listed too.
	p.Demands = slices.Delete(p.Demands, 0, 1)
	got := p.Reconfirmations()
	if len(got) != 1 || got[0].CommitmentID != "C1" || !got[0].Removed {
		t.Errorf("removed demand: %+v", got)
	}
	if l := p.CheckReconfirmations(); len(l) != 1 || l[0].Path.String() != "commitments[0]" || l[0].Code != resource.CodeReconfirm {
		t.Errorf("CheckReconfirmations = %v", l)
	}
	if err := p.Validate(); err != nil {
		t.Errorf("a committed commitment whose demand is gone is a reconfirmation, not invalid: %v", err)
	}
}

func TestCommitmentLifecycle(t *testing.T) {
	dm := &resource.Demand{ID: "D", Role: "trainer", Quantity: resource.HoursOf(16), From: d("2027-03-01"), To: d("2027-03-02")}
	c, err := resource.Request("C", dm, by("rm"))
	if err != nil {
		t.Fatal(err)
	}
	if c.State != resource.Requested || c.Terms.Quantity.Value != 16 {
		t.Fatalf("request: %+v", c)
	}
	offer1 := resource.Offer{Terms: resource.Terms{ResourceID: "bob", Quantity: resource.HoursOf(12), From: d("2027-03-01"), To: d("2027-03-02")}}
	offer2 := resource.Offer{Terms: resource.Terms{ResourceID: "bob", Quantity: resource.HoursOf(14), From: d("2027-03-02"), To: d("2027-03-03"), Conditions: "remote"}, Note: "best we can do"}
	if err := c.CounterOffer(offer1, by("ipmo")); err != nil {
		t.Fatal(err)
	}
	if err := c.CounterOffer(offer2, by("ipmo")); err != nil {
		t.Fatal(err)
	}
	if len(c.Offers) != 2 || c.Offers[0].Terms.Quantity.Value != 12 || c.Offers[1].By != "ipmo" || c.Terms != offer2.Terms {
		t.Errorf("offers not kept: %+v", c.Offers)
	}
	// Refused operations change nothing.
	before := c.Clone()
	refusals := map[string]func(*resource.Commitment) error{
		"release used": func(c *resource.Commitment) error {
			return c.Release(lifecycle.Change{By: testBy, At: testAt, Reason: resource.ReasonUsed})
		},
		"withdraw open": func(c *resource.Commitment) error {
			return c.Withdraw(lifecycle.Change{By: testBy, At: testAt, Reason: resource.ReasonBudgetCut})
		},
		"commit negative revision": func(c *resource.Commitment) error { return c.Commit(dm, -1, by("ipmo")) },
		"commit no by":             func(c *resource.Commitment) error { return c.Commit(dm, 1, lifecycle.Change{At: at}) },
		"commit wrong demand":      func(c *resource.Commitment) error { return c.Commit(&resource.Demand{ID: "X"}, 1, by("ipmo")) },
		"commit bad reason": func(c *resource.Commitment) error {
			return c.Commit(dm, 1, lifecycle.Change{By: "ipmo", At: at, Reason: "Because"})
		},
		"reconfirm open": func(c *resource.Commitment) error { return c.Reconfirm(dm, 1, by("ipmo")) },
		"renegotiate":    func(c *resource.Commitment) error { return c.Renegotiate(by("rm")) },
	}
	for name, f := range refusals {
		x := before.Clone()
		err := f(&x)
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
		var te *lifecycle.TransitionError
		var ce *resource.CommitmentError
		if !errors.As(err, &te) && !errors.As(err, &ce) {
			t.Errorf("%s: error %T %v is neither a TransitionError nor a CommitmentError", name, err, err)
		}
		if diff := cmp.Diff(before, x); diff != "" {
			t.Errorf("%s changed the commitment:\n%s", name, diff)
		}
	}
	if err := c.Commit(dm, 1, by("ipmo")); err != nil {
		t.Fatal(err)
	}
	if c.State != resource.Committed || c.CommittedBy != "ipmo" || !c.CommittedAt.Equal(at) || c.Revision != 1 || c.DemandFingerprint != dm.Fingerprint() {
		t.Errorf("commit record: %+v", c)
	}
	if c.NeedsReconfirmation(dm) {
		t.Error("fresh commitment needs reconfirmation")
	}
	dm.Quantity.Value = 20
	if !c.NeedsReconfirmation(dm) {
		t.Error("changed demand not detected")
	}
	if err := c.Withdraw(by("ipmo")); !errors.Is(err, resource.ErrMissingField) {
		t.Errorf("withdraw without reason: %v", err)
	}
	if err := c.Withdraw(lifecycle.Change{At: testAt, By: "ipmo", Reason: "Because"}); !errors.Is(err, lifecycle.ErrUnknownReason) {
		t.Errorf("withdraw with unknown reason: %v", err)
	}
	if err := c.Withdraw(lifecycle.Change{By: "ipmo", At: at, Reason: resource.ReasonBudgetCut, Note: "Q3 freeze"}); err != nil {
		t.Fatal(err)
	}
	var states []string
	for _, ev := range c.History {
		states = append(states, ev.From.String()+">"+ev.To.String()+":"+string(ev.Reason))
	}
	want := []string{">requested:Requested", "requested>under-negotiation:Counter-offer", "under-negotiation>committed:Offer Accepted", "committed>withdrawn:Budget Cut"}
	if diff := cmp.Diff(want, states); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	if err := c.Release(by("rm")); !errors.Is(err, lifecycle.ErrInvalidTransition) {
		t.Errorf("release after withdrawal: %v", err)
	}
	if _, err := resource.Request("", dm, by("rm")); !errors.Is(err, resource.ErrMissingField) {
		t.Errorf("request without ID: %v", err)
	}
}

func TestCommitmentLifecycleTable(t *testing.T) {
	m := resource.CommitmentLifecycle()
	for _, s := range []resource.CommitmentState{resource.Declined, resource.Released, resource.Withdrawn} {
		if len(m.From(s)) != 0 {
			t.Errorf("%v is final but has moves", s)
		}
	}
	if !m.Can(resource.Committed, resource.Withdrawn) || m.Can(resource.Requested, resource.Withdrawn) || m.Can(resource.Declined, resource.Committed) {
		t.Error("table wrong")
	}
	if !strings.Contains(m.Mermaid(), "committed --> withdrawn") {
		t.Errorf("Mermaid:\n%s", m.Mermaid())
	}
}

func TestBudget(t *testing.T) {
	p := fixture(t)
	tot, err := p.Budget.Totals()
	if err != nil {
		t.Fatal(err)
	}
	if tot.Required != eur("16000") || tot.Committed != eur("14500") || tot.Spent != eur("8000") {
		t.Errorf("totals %+v", tot)
	}
	if f, _ := tot.Funding(); f != eur("-1500") {
		t.Errorf("funding %v", f)
	}
	if v, _ := tot.Variance(); v != eur("8000") {
		t.Errorf("variance %v", v)
	}
	byCat, err := p.Budget.ByCategory()
	if err != nil {
		t.Fatal(err)
	}
	var cats []string
	for _, f := range byCat {
		cats = append(cats, string(f.Category)+" "+f.Required.String()+" "+f.Committed.String()+" "+f.Spent.String())
	}
	want := []string{"training EUR 10000.00 EUR 8000.00 EUR 2000.00", "events EUR 5000.00 EUR 5000.00 EUR 6000.00", "partner-enablement EUR 1000.00 EUR 1500.00 EUR 0.00"}
	if diff := cmp.Diff(want, cats); diff != "" {
		t.Errorf("by category (-want +got):\n%s", diff)
	}
	l := p.CheckBudget()
	var got []string
	for _, pr := range l {
		got = append(got, pr.Path.String()+" "+string(pr.Code)+" "+pr.Severity.String())
	}
	if diff := cmp.Diff([]string{"budget.lines[0] budget.underfunded error", "budget.lines[1] budget.overspent warning"}, got); diff != "" {
		t.Errorf("CheckBudget (-want +got):\n%s", diff)
	}
	p.Budget.Lines[2].Spent = money.MustParse("USD 1")
	if _, err := p.Budget.Totals(); !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Errorf("mixed currencies: %v", err)
	}
	if l := p.CheckBudget(); len(l) != 1 || l[0].Code != resource.CodeBudgetArithmetic {
		t.Errorf("CheckBudget with mixed currencies = %v", l)
	}
}

func TestRateCost(t *testing.T) {
	tests := []struct {
		rate resource.Rate
		q    resource.Quantity
		days int
		want string
		err  bool
	}{
		{resource.Rate{Amount: eur("90"), Per: resource.PerHour}, resource.HoursOf(7.5), 1, "EUR 675.00", false},
		{resource.Rate{Amount: eur("600"), Per: resource.PerDay}, resource.HoursOf(12), 2, "EUR 900.00", false},
		{resource.Rate{Amount: eur("400"), Per: resource.PerDay}, resource.SeatsOf(20), 3, "EUR 1200.00", false},
		{resource.Rate{Amount: eur("35"), Per: resource.PerUnit}, resource.UnitsOf(4), 10, "EUR 140.00", false},
		{resource.Rate{Amount: eur("0.10"), Per: resource.PerHour}, resource.HoursOf(1.0 / 3), 1, "EUR 0.03", false},
		{resource.Rate{Amount: eur("35"), Per: resource.PerUnit}, resource.HoursOf(4), 1, "", true},
		{resource.Rate{Amount: eur("35"), Per: resource.PerHour}, resource.SeatsOf(4), 1, "", true},
	}
	for _, tt := range tests {
		got, err := tt.rate.Cost(tt.q, tt.days, 8)
		if (err != nil) != tt.err || (!tt.err && got.String() != tt.want) {
			t.Errorf("%v for %v over %d days = %v, %v; want %s", tt.rate, tt.q, tt.days, got, err, tt.want)
		}
	}
}

func TestCosts(t *testing.T) {
	p := fixture(t)
	rep, err := p.Costs()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range rep.Demands {
		got = append(got, c.DemandID+" "+c.Cost.String())
	}
	// ana at EUR 90/hour; D3 is 10 hours now. The room at EUR 400/day:
	// D4 two days, D5 one day. D7 is money.
	want := []string{"D1 EUR 2880.00", "D2 EUR 720.00", "D3 EUR 900.00", "D4 EUR 800.00", "D5 EUR 400.00", "D7 EUR 5000.00"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("costs (-want +got):\n%s", diff)
	}
	if rep.Total != eur("10700") {
		t.Errorf("total %v", rep.Total)
	}
	if diff := cmp.Diff([]string{"D6", "D8"}, rep.Unpriced); diff != "" {
		t.Errorf("unpriced (-want +got):\n%s", diff)
	}
	p.Resources[2].Rate.Amount = money.MustParse("USD 400")
	if _, err := p.Costs(); !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Errorf("mixed currencies: %v", err)
	}
}

func TestCoverageStatusText(t *testing.T) {
	for _, s := range []resource.CoverageStatus{resource.NotCovered, resource.PartlyCovered, resource.Covered} {
		b, err := s.MarshalText()
		var back resource.CoverageStatus
		if err != nil || back.UnmarshalText(b) != nil || back != s {
			t.Errorf("%v round trip = %v", s, back)
		}
	}
	var per resource.RatePer
	if err := per.UnmarshalText([]byte("week")); !errors.Is(err, resource.ErrUnknownValue) {
		t.Errorf("rate basis week: %v", err)
	}
}

func TestCheckCombines(t *testing.T) {
	p := fixture(t)
	l := p.Check(2)
	counts := map[validation.Code]int{}
	for _, pr := range l {
		counts[pr.Code]++
	}
	want := map[validation.Code]int{resource.CodeOverAllocated: 3, resource.CodeUncovered: 4, resource.CodePartlyCovered: 3,
		resource.CodeReconfirm: 1, resource.CodeUnderfunded: 1, resource.CodeOverspent: 1, resource.CodeUnplaced: 1}
	if diff := cmp.Diff(want, counts); diff != "" {
		t.Errorf("Check codes (-want +got):\n%s", diff)
	}
}

func TestCommitmentResourceMismatch(t *testing.T) {
	p := fixture(t)
	c6, _ := p.Commitment("C6")
	c6.Terms.ResourceID = "room"
	l := p.ValidateList()
	if len(l) != 1 || l[0].Code != resource.CodeCommitmentMismatch || l[0].Path.String() != "commitments[5].terms.resourceId" || l[0].Severity != validation.Error {
		t.Errorf("facility for a trainer: %v", l)
	}
	p.Resources[1].Role = "writer"
	c6.Terms.ResourceID = "bob"
	l = p.ValidateList()
	if len(l) != 1 || l[0].Severity != validation.Warning {
		t.Errorf("wrong role: %v", l)
	}
	// Warnings do not stop decoding.
	b, _ := json.Marshal(p)
	var back resource.Pool
	if err := resource.Decode(b, &back); err != nil {
		t.Errorf("Decode with a warning: %v", err)
	}
}

func TestCheckAllocationWarnsUnplaced(t *testing.T) {
	l := fixture(t).CheckAllocation()
	var unplaced validation.List
	for _, pr := range l {
		if pr.Code == resource.CodeUnplaced {
			unplaced = append(unplaced, pr)
		}
	}
	if len(unplaced) != 1 || unplaced[0].Path.String() != "demands[7]" || unplaced[0].Severity != validation.Warning {
		t.Errorf("unplaced: %v", unplaced)
	}
}

func TestBudgetWithoutCurrency(t *testing.T) {
	p := fixture(t)
	p.Budget.Currency = ""
	l := p.ValidateList()
	if len(l) != 1 || l[0].Path.String() != "budget.currency" || l[0].Code != resource.CodeBudgetCurrency {
		t.Errorf("problems: %v", l)
	}
}
