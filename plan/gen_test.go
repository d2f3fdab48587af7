package plan_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/resource/money"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/workitem"
)

// A generator of plans through the public API only: random sequences of
// the plan's methods with arguments drawn from small pools of IDs and
// values, valid and invalid, so that duplicates, dangling references,
// refused moves and malformed values all occur. A refused call is skipped.

// gen draws a plan's changes from a random source.
type gen struct {
	r   *rand.Rand
	p   *plan.Plan
	now time.Time
	n   int // steps taken, for unique names
}

// pick returns one of xs; the last one, usually an invalid value, only
// now and then.
func (g *gen) pick(xs ...string) string {
	if len(xs) > 1 && g.r.IntN(10) > 0 {
		return xs[g.r.IntN(len(xs)-1)]
	}
	return xs[g.r.IntN(len(xs))]
}

// odd reports whether to break a value this time.
func (g *gen) odd() bool { return g.r.IntN(10) == 0 }

// existing returns the ID of an existing task (tasks) or requirement, or
// one from the pool when there is none or now and then.
func (g *gen) existing(tasks bool) string {
	var ids []string
	if tasks {
		for _, t := range g.p.Backlog.Tasks() {
			ids = append(ids, t.ID)
		}
	} else {
		for _, r := range g.p.Backlog.Requirements() {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) == 0 || g.odd() {
		if tasks {
			return g.pick(genTasks...)
		}
		return g.pick(genReqs...)
	}
	return ids[g.r.IntN(len(ids))]
}

func (g *gen) change() lifecycle.Change {
	g.now = g.now.Add(time.Duration(1+g.r.IntN(600)) * time.Minute)
	return lifecycle.Change{By: g.pick("rita", "ivo", "pat"), At: g.now, Note: g.pick("", "weekly review", "note with \"quotes\" & <html>")}
}

func (g *gen) date() calendar.Date { return release.AddDays(-g.r.IntN(90)) }

var (
	genPeople     = []string{"rita", "ivo", "pat", "sam", " "}
	genRoleNames  = []string{string(plan.ReleaseManager), string(plan.IPMOfficer), string(plan.ProjectManager), "Tester", ""}
	genCategories = []string{string(backlog.CategorySupportTraining), string(backlog.CategorySalesTraining), string(backlog.CategoryTradeShows),
		string(backlog.CategoryCutover), string(backlog.CategoryPressReleases), "company-own", "Support Training"}
	genReqs      = []string{"REQ-1", "REQ-2", "REQ-3", "REQ-4", ""}
	genTasks     = []string{"T1", "T2", "T3", "T4", "T5", "T6", ""}
	genResources = []string{"ann", "bob", "room", "kit", ""}
	genDemands   = []string{"D1", "D2", "T1/d", "T2/d", ""}
	genRisks     = []string{"K1", "K2", "K3", ""}
	genIssues    = []string{"I1", "I2", "I3", ""}
	genLines     = []string{"B1", "B2", "B3", ""}
	genStates    = []workitem.State{workitem.Proposed, workitem.Active, workitem.Resolved, workitem.Closed, 0}
)

func (g *gen) money() money.Money {
	return money.MustFromMinor(g.pick("USD", "USD", "EUR"), int64(g.r.IntN(100_000)))
}

func (g *gen) resource() resource.Resource {
	id := g.pick(genResources...)
	switch id {
	case "room":
		return resource.Resource{ID: id, Name: "Training room", Kind: resource.KindFacility, Capacity: float64(g.r.IntN(30))}
	case "kit":
		return resource.Resource{ID: id, Name: "Demo kit", Kind: resource.KindEquipment, Capacity: float64(1 + g.r.IntN(5))}
	}
	return resource.Resource{ID: id, Name: g.pick("Ann", "Bob", ""), Kind: resource.KindPerson, Role: g.pick("trainer", ""), HoursPerDay: float64(g.r.IntN(10))}
}

func (g *gen) demand(id string) resource.Demand {
	d := resource.Demand{ID: id, ResourceID: g.pick(genResources...), Quantity: resource.HoursOf(float64(g.r.IntN(40)))}
	if g.r.IntN(4) > 0 {
		d.From = g.date()
		d.To = d.From.AddDays(g.r.IntN(5) - 1)
	}
	if d.ResourceID == "room" {
		d.Quantity = resource.SeatsOf(float64(g.r.IntN(20)))
	}
	return d
}

func (g *gen) requirement() backlog.Requirement {
	return backlog.Requirement{
		ID: g.pick(genReqs...), Title: g.pick("Train the help desk", "Launch event", ""),
		Category: backlog.Category(g.pick(genCategories...)),
		Timing:   []backlog.Timing{backlog.Before(g.r.IntN(20)), backlog.After(g.r.IntN(20)), backlog.OnLaunchDay(), {}}[g.r.IntN(4)],
	}
}

func (g *gen) task() backlog.Task {
	t := backlog.Task{ID: g.pick(genTasks...), Title: g.pick("Deliver", "Prepare", ""), Estimate: backlog.Days(float64(g.r.IntN(6)))}
	for range 1 + g.r.IntN(2) {
		t.Requirements = append(t.Requirements, g.existing(false))
	}
	for range g.r.IntN(3) {
		t.Dependencies = append(t.Dependencies, backlog.Dependency{Task: g.existing(true), Lag: g.r.IntN(3) - 1})
	}
	if g.r.IntN(3) == 0 {
		t.Demands = append(t.Demands, g.demand(t.ID+"/d"))
	}
	return t
}

func (g *gen) risk() risk.Risk {
	r := risk.Risk{ID: g.pick(genRisks...), Title: g.pick("Trainer ill", ""), Condition: "the trainer may fall ill", Consequence: "training slips",
		Probability: risk.Probability(1 + g.r.IntN(99)), Impact: risk.Impact(1 + g.r.IntN(5)), Owner: g.pick("rita", ""), NextReview: g.date()}
	if g.odd() {
		r.Probability = risk.Probability(g.r.IntN(200))
	}
	if g.r.IntN(2) == 0 {
		r.TaskIDs = []string{g.existing(true)}
	}
	if g.r.IntN(3) == 0 {
		r.RequirementIDs = []string{g.existing(false)}
	}
	return r
}

func (g *gen) issue() risk.Issue {
	is := risk.Issue{ID: g.pick(genIssues...), Title: g.pick("Room double-booked", ""), Priority: risk.Priority(1 + g.r.IntN(4)), Owner: g.pick("rita", ""), Raised: g.date()}
	if g.odd() {
		is.Priority = risk.Priority(g.r.IntN(9))
	}
	if g.r.IntN(2) == 0 {
		is.Blocks.TaskIDs = []string{g.existing(true)}
	}
	return is
}

// commitment returns the ID of an existing commitment, mostly.
func (g *gen) commitment() string {
	cs := g.p.Resources.Commitments
	if len(cs) == 0 || g.odd() {
		return "C-" + g.pick(genDemands...)
	}
	return cs[g.r.IntN(len(cs))].ID
}

// op is one of the plan's methods applied with random arguments.
type op struct {
	name string
	do   func(g *gen) error
}

var genOps = []op{
	{"Assign", func(g *gen) error {
		return g.p.Assign(plan.Role(g.pick(genRoleNames...)), testChange, g.pick(genPeople...))
	}},
	{"Unassign", func(g *gen) error {
		return g.p.Unassign(plan.Role(g.pick(genRoleNames...)), g.pick(genPeople...), g.change())
	}},
	{"Notify", func(g *gen) error {
		return g.p.Notify(plan.Notification{From: "PO", At: g.now, Reference: "PO-1", Version: "4.0", Date: release}, g.change())
	}},
	{"Waive", func(g *gen) error {
		return g.p.Waive(backlog.Category(g.pick(genCategories...)), g.pick("not this time", ""), g.change())
	}},
	{"Unwaive", func(g *gen) error { return g.p.Unwaive(backlog.Category(g.pick(genCategories...)), g.change()) }},
	{"AddRequirement", func(g *gen) error { return g.p.AddRequirement(g.requirement(), g.change()) }},
	{"UpdateRequirement", func(g *gen) error {
		r, ok := g.p.Backlog.Requirement(g.existing(false))
		if !ok {
			return fmt.Errorf("none")
		}
		n := g.requirement()
		r.Title, r.Category, r.Timing = n.Title, n.Category, n.Timing
		if r.Title == "" && !g.odd() {
			r.Title = "Retitled"
		}
		return g.p.UpdateRequirement(r, g.change())
	}},
	{"AddTask", func(g *gen) error { return g.p.AddTask(g.task(), g.change()) }},
	{"UpdateTask", func(g *gen) error {
		t, ok := g.p.Backlog.Task(g.existing(true))
		if !ok {
			return fmt.Errorf("none")
		}
		n := g.task()
		t.Estimate, t.Dependencies, t.Requirements = n.Estimate, n.Dependencies, n.Requirements
		if g.r.IntN(2) == 0 {
			t.Demands = []resource.Demand{g.demand(t.ID + "/d")}
		}
		return g.p.UpdateTask(t, g.change())
	}},
	{"TransitionBacklog", func(g *gen) error {
		return g.p.TransitionBacklog(g.existing(g.r.IntN(3) > 0), genStates[g.r.IntN(len(genStates))], g.change())
	}},
	{"SetTracker", func(g *gen) error {
		return g.p.SetTracker(g.existing(g.r.IntN(3) > 0), backlog.TrackerRef{System: "Azure Boards", ID: fmt.Sprint(g.r.IntN(100))}, g.change())
	}},
	{"SetBlocked", func(g *gen) error { return g.p.SetBlocked(g.existing(true), g.r.IntN(2) == 0, g.change()) }},
	{"RemoveFromBacklog", func(g *gen) error { return g.p.RemoveFromBacklog(g.existing(g.r.IntN(3) > 0), g.change()) }},
	{"AddResource", func(g *gen) error { return g.p.AddResource(g.resource(), g.change()) }},
	{"UpdateResource", func(g *gen) error { return g.p.UpdateResource(g.resource(), g.change()) }},
	{"RemoveResource", func(g *gen) error { return g.p.RemoveResource(g.pick(genResources...), g.change()) }},
	{"AddDemand", func(g *gen) error { return g.p.AddDemand(g.demand(g.pick(genDemands...)), g.change()) }},
	{"UpdateDemand", func(g *gen) error { return g.p.UpdateDemand(g.demand(g.pick(genDemands...)), g.change()) }},
	{"RemoveDemand", func(g *gen) error { return g.p.RemoveDemand(g.pick(genDemands...), g.change()) }},
	{"SetBudget", func(g *gen) error {
		return g.p.SetBudget(money.Currency(g.pick("USD", "EUR", "XXX")), []resource.Category{resource.Category(g.pick("launch-party", "Bad Category"))}, g.change())
	}},
	{"AddBudgetLine", func(g *gen) error {
		return g.p.AddBudgetLine(resource.BudgetLine{ID: g.pick(genLines...), Category: resource.Category(g.pick("training", "marketing", "launch-party", "nope")),
			Required: g.money(), Committed: g.money()}, g.change())
	}},
	{"UpdateBudgetLine", func(g *gen) error {
		return g.p.UpdateBudgetLine(resource.BudgetLine{ID: g.pick(genLines...), Category: resource.CategoryTraining, Required: g.money(), Spent: g.money()}, g.change())
	}},
	{"RemoveBudgetLine", func(g *gen) error { return g.p.RemoveBudgetLine(g.pick(genLines...), g.change()) }},
	{"AddRisk", func(g *gen) error { return g.p.AddRisk(g.risk(), g.change()) }},
	{"UpdateRisk", func(g *gen) error {
		r, ok := g.p.Risks.Risk(g.pick(genRisks...))
		if !ok {
			return fmt.Errorf("none")
		}
		n := g.risk()
		r.Probability, r.Impact, r.TaskIDs, r.RequirementIDs = n.Probability, n.Impact, n.TaskIDs, n.RequirementIDs
		return g.p.UpdateRisk(r, g.change())
	}},
	{"TransitionRisk", func(g *gen) error {
		return g.p.TransitionRisk(g.pick(append(genRisks, genIssues...)...), genStates[g.r.IntN(len(genStates))], g.change())
	}},
	{"AddIssue", func(g *gen) error { return g.p.AddIssue(g.issue(), g.change()) }},
	{"UpdateIssue", func(g *gen) error {
		is, ok := g.p.Risks.Issue(g.pick(genIssues...))
		if !ok {
			return fmt.Errorf("none")
		}
		is.Priority, is.Blocks = g.issue().Priority, g.issue().Blocks
		return g.p.UpdateIssue(is, g.change())
	}},
	{"PromoteRisk", func(g *gen) error {
		_, err := g.p.PromoteRisk(g.pick(genRisks...), g.pick(genIssues...), g.change())
		return err
	}},
	{"RemoveRisk", func(g *gen) error { return g.p.RemoveRisk(g.pick(append(genRisks, genIssues...)...), g.change()) }},
	{"RequestCommitment", func(g *gen) error {
		d := g.pick(genDemands...)
		if ds := g.p.EffectivePool().Demands; len(ds) > 0 && !g.odd() {
			d = ds[g.r.IntN(len(ds))].ID
		}
		return g.p.RequestCommitment("C-"+d, d, g.change())
	}},
	{"Commit", func(g *gen) error { return g.p.Commit(g.commitment(), g.change()) }},
	{"Decline", func(g *gen) error { return g.p.Decline(g.commitment(), g.change()) }},
	{"CounterOffer", func(g *gen) error {
		return g.p.CounterOffer(g.commitment(), resource.Offer{Terms: resource.Terms{ResourceID: g.pick(genResources...), Quantity: resource.HoursOf(float64(g.r.IntN(20))), From: g.date(), To: release}}, g.change())
	}},
	{"ReleaseCommitment", func(g *gen) error { return g.p.ReleaseCommitment(g.commitment(), g.change()) }},
	{"Withdraw", func(g *gen) error { return g.p.Withdraw(g.commitment(), g.change()) }},
	{"Revise", func(g *gen) error { g.p.Revise(g.change()); return nil }},
	{"TakeBaseline", func(g *gen) error {
		_, err := g.p.TakeBaseline(g.pick("committed", "weekly", ""), g.change())
		return err
	}},
	{"OpenDecision", func(g *gen) error {
		return g.p.OpenDecision(g.pick("GNG-1", "GNG-2", ""), []string{g.pick("rita", "pat", "ivo", "nobody")}, g.change())
	}},
	{"CastVote", func(g *gen) error {
		d, _, ok := g.p.LaunchDecision()
		if !ok || g.odd() {
			d.ID = g.pick("GNG-1", "GNG-2")
		}
		return g.p.CastVote(d.ID, g.pick("rita", "pat", "ivo", "nobody"), plan.Vote(1+g.r.IntN(4)), g.pick("conditions apply", ""), g.change())
	}},
	{"Analyze", func(g *gen) error {
		_, err := g.p.Analyze(nil, backlog.ExpandOptions{Change: g.change()})
		return err
	}},
	{"Start", func(g *gen) error {
		_, err := g.p.Start(context.Background(), plan.DefaultChecker(), g.change())
		return err
	}},
	{"CheckGate", func(g *gen) error {
		_, err := g.p.CheckGate(context.Background(), plan.DefaultChecker(), plan.Exit, g.change())
		return err
	}},
	{"Reopen", func(g *gen) error { return g.p.Reopen(g.change()) }},
	{"SetDeployment", func(g *gen) error { return g.p.SetDeployment(g.deployment(), g.change()) }},
	{"PlanWaves", func(g *gen) error {
		_, err := g.p.PlanWaves(deployment.TaskOptions{After: []string{g.pick(genTasks...)}[:g.r.IntN(2)]}, g.change())
		return err
	}},
	{"TransitionWave", func(g *gen) error {
		to := []deployment.EvaluationState{deployment.Succeeded, deployment.Failed, deployment.Inconclusive, deployment.Continued,
			deployment.Paused, deployment.Aborted, deployment.RolledBack, deployment.Pending, "bogus"}
		return g.p.TransitionWave(g.pick(genWaves...), to[g.r.IntN(len(to))], g.change())
	}},
	{"PassPointOfNoReturn", func(g *gen) error { return g.p.PassPointOfNoReturn(g.pick("GNG-1", "GNG-2", ""), g.change()) }},
}

var genWaves = []string{"W1", "W2", "W3", "W 4"}

// deployment returns a deployment plan of up to four waves serving random
// requirements, with a point of no return and hypercare naming random
// demands, now and then malformed.
func (g *gen) deployment() *deployment.Plan {
	crit := []deployment.Criterion{{Metric: "error rate", Comparison: deployment.Comparison(g.pick("at-most", "below", "<=")), Threshold: 1, Unit: "%", WindowHours: 24}}
	d := &deployment.Plan{Calendar: g.pick("", "", "Nowhere")}
	for i := range 1 + g.r.IntN(4) {
		d.Waves = append(d.Waves, deployment.Wave{ID: genWaves[i], Name: "Wave", Ring: deployment.Ring(g.pick("pilot", "broad", "general-availability", "canary")),
			Audience: deployment.Audience{Segment: "Tenants", Customers: 1 + g.r.IntN(50)}, Requirement: g.pick(append(genReqs[:4:4], "", "")...),
			Deploy: backlog.Days(float64(g.r.IntN(3))), SoakDays: g.r.IntN(3), Criteria: crit, Rollback: deployment.Rollback{Plan: "Restore"}})
	}
	if g.r.IntN(2) == 0 {
		d.PointOfNoReturn = &deployment.PointOfNoReturn{Wave: g.pick(genWaves...), Reason: "data migrated", Decision: g.pick("GNG-1", "")}
	}
	if g.r.IntN(2) == 0 {
		d.Hypercare = &deployment.Hypercare{From: release, Through: release.AddDays(g.r.IntN(30) - 2), ExitCriteria: crit,
			Rota: []string{g.pick(genDemands...)}, WarRoom: g.pick(genDemands...)}
	}
	return d
}

// generate builds a plan with steps random calls of the plan's methods.
// With check set, it fails t when an accepted call leaves the plan with a
// blocking problem or a refused call changes the plan.
func generate(t testing.TB, r *rand.Rand, steps int, check bool) *plan.Plan {
	return generateFrom(t, r, steps, check, genOps)
}

// lightOps are genOps without the costly gates and template expansion.
var lightOps = slices.DeleteFunc(slices.Clone(genOps), func(o op) bool {
	return o.name == "Analyze" || o.name == "Start" || o.name == "CheckGate"
})

func generateFrom(t testing.TB, r *rand.Rand, steps int, check bool, ops []op) *plan.Plan {
	t.Helper()
	g := &gen{r: r, now: t0, p: plan.New("gen", plan.Release{Product: "Contoso Ledger", Version: "4.0", Date: release})}
	g.p.Kickoff = release.AddDays(-120)
	for range steps {
		o := ops[r.IntN(len(ops))]
		var before []byte
		if check {
			before = mustEncode(t, g.p)
		}
		err := o.do(g)
		g.n++
		if !check {
			continue
		}
		if err != nil {
			if after := mustEncode(t, g.p); !bytes.Equal(before, after) {
				t.Fatalf("step %d: refused %s (%v) changed the plan", g.n, o.name, err)
			}
			continue
		}
		if l := g.p.ValidateList().Blocking(); len(l) > 0 {
			t.Fatalf("step %d: %s was accepted but the plan no longer validates:\n%v", g.n, o.name, l)
		}
	}
	return g.p
}

func mustEncode(t testing.TB, p *plan.Plan) []byte {
	t.Helper()
	b, err := plan.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// planCmp compares plans by their content: the backlog and the risk log by
// their documents, calendars by their specs, empty and absent lists alike.
var planCmp = cmp.Options{
	cmpopts.IgnoreUnexported(plan.Plan{}),
	cmp.Comparer(func(a, b json.RawMessage) bool { return bytes.Equal(a, b) }),
	cmpopts.EquateEmpty(),
	cmp.Transformer("backlog", func(b *backlog.Backlog) backlog.Document {
		if b == nil {
			return backlog.Document{}
		}
		return b.Document()
	}),
	cmp.Transformer("risks", func(l *risk.Log) risk.LogDocument {
		if l == nil {
			return risk.LogDocument{}
		}
		return l.Document()
	}),
	cmp.Transformer("calendar", func(c *calendar.Calendar) *calendar.Spec {
		if c == nil {
			return nil
		}
		s := c.Spec()
		return &s
	}),
}

// checkLaw checks the round-trip law for a plan Validate accepts:
// Decode(Encode(p)) succeeds and equals p, re-encodes to the same bytes,
// and the document validates against plan/schema.json.
func checkLaw(t testing.TB, p *plan.Plan) {
	t.Helper()
	if l := p.ValidateList().Blocking(); len(l) > 0 {
		t.Fatalf("the law applies to valid plans; this one is not:\n%v", l)
	}
	doc := mustEncode(t, p)
	q, err := plan.Decode(doc, plan.DecodeOptions{})
	if err != nil {
		t.Fatalf("a valid plan's document does not decode: %v\n%s", err, doc)
	}
	if !cmp.Equal(p, q, planCmp) {
		diff := cmp.Diff(p, q, planCmp)
		t.Fatalf("Decode(Encode(p)) differs from p (-p +decoded):\n%s", diff)
	}
	if again := mustEncode(t, q); !bytes.Equal(doc, again) {
		t.Fatalf("re-encoding differs:\n%s", cmp.Diff(string(doc), string(again)))
	}
	if err := schemaProblems(t, doc); err != nil {
		t.Fatalf("the document does not match plan/schema.json: %v\n%s", err, doc)
	}
}

// genSeeds returns how many generated plans a test checks: n, or fewer
// under the race detector or -short.
func genSeeds(n uint64) uint64 {
	if raceEnabled || testing.Short() {
		return n / 4
	}
	return n
}

// TestMethodsKeepPlansValid: whatever the plan's methods accept, Validate
// accepts; whatever they refuse changes nothing (random sequences of
// method calls).
func TestMethodsKeepPlansValid(t *testing.T) {
	for seed := range genSeeds(8) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			t.Parallel()
			generate(t, rand.New(rand.NewPCG(seed, 11)), 100, true)
		})
	}
}

// TestRoundTripLaw: the round-trip law over generated plans.
func TestRoundTripLaw(t *testing.T) {
	for seed := range genSeeds(12) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			t.Parallel()
			checkLaw(t, generate(t, rand.New(rand.NewPCG(seed, 7)), 150, false))
		})
	}
}

// FuzzRoundTripLaw: the round-trip law over plans generated from the
// fuzzer's seeds and lengths.
func FuzzRoundTripLaw(f *testing.F) {
	f.Add(uint64(1), uint64(2), uint8(50))
	f.Add(uint64(7), uint64(0), uint8(200))
	f.Fuzz(func(t *testing.T, a, b uint64, steps uint8) {
		p := generateFrom(t, rand.New(rand.NewPCG(a, b)), int(steps%64), false, lightOps)
		if p.ValidateList().HasBlocking() {
			t.Fatalf("a method accepted a change Validate refuses:\n%v", p.ValidateList().Blocking())
		}
		checkLaw(t, p)
	})
}
