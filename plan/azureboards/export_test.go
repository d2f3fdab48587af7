package azureboards_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	ab "github.com/rolloutkit/rollout/plan/azureboards"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

func f(field string, v any) ab.Operation {
	return ab.Operation{Op: "add", Path: "/fields/" + field, Value: v}
}

func rel(typ string, id int, comment string) ab.Operation {
	r := ab.Relation{Rel: typ, URL: fmt.Sprintf("https://dev.azure.com/contoso/_apis/wit/workItems/%d", id)}
	if comment != "" {
		r.Attributes = &ab.RelationAttributes{Comment: comment}
	}
	return ab.Operation{Op: "add", Path: "/relations/-", Value: r}
}

const area = `Ledger\Launch`

func build(t *testing.T, p *plan.Plan, o ab.Options) *ab.Export {
	t.Helper()
	e, err := ab.Build(p, o)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// item returns the create or update of a plan item (not its moves).
func item(t *testing.T, e *ab.Export, id string) ab.Item {
	t.Helper()
	for _, it := range e.Items() {
		if it.ID == id && !it.IsMove() {
			return it
		}
	}
	t.Fatalf("no item %s", id)
	return ab.Item{}
}

// mainItems returns the creates and updates of an export (not the moves).
func mainItems(e *ab.Export) []ab.Item {
	var out []ab.Item
	for _, it := range e.Items() {
		if !it.IsMove() {
			out = append(out, it)
		}
	}
	return out
}

func TestMapping(t *testing.T) {
	o := opts()
	o.Kinds = ab.AllKinds
	e := build(t, smallPlan(t), o)
	tests := []struct {
		id, typ string
		temp    int
		want    []ab.Operation
	}{
		{"REQ-1", "Requirement", -1, []ab.Operation{
			f(ab.FieldTitle, "Train the help desk"),
			f(ab.FieldDescription, "<p>All EMEA agents</p><p><b>Acceptance criteria:</b></p><ul><li>Every agent passes the quiz</li></ul>"),
			f(ab.FieldTags, "emea; support-training"),
			f(ab.FieldPriority, 2),
			f(ab.FieldRequirementType, "Operational"),
			f(ab.FieldAreaPath, area),
		}},
		{"REQ-2", "Requirement", -2, []ab.Operation{
			f(ab.FieldTitle, "Press release"),
			f(ab.FieldTags, "press-releases"),
			f(ab.FieldRequirementType, "Feature"),
			f(ab.FieldAreaPath, area),
		}},
		{"T1", "Task", -3, []ab.Operation{
			f(ab.FieldTitle, "Prepare material"),
			f(ab.FieldAssignedTo, "Ortiz, Ana <ana@contoso.com>"),
			f(ab.FieldDiscipline, "User Education"),
			f(ab.FieldOriginalEstimate, 20.0),
			f(ab.FieldRemainingWork, 20.0),
			f(ab.FieldBlocked, "No"),
			f(ab.FieldTaskType, "Planned"),
			f(ab.FieldPriority, 2),
			f(ab.FieldAreaPath, area),
			rel(ab.LinkParent, -1, ""),
		}},
		{"T3", "Task", -4, []ab.Operation{
			f(ab.FieldTitle, "Book rooms"),
			f(ab.FieldOriginalEstimate, 8.0),
			f(ab.FieldRemainingWork, 4.0),
			f(ab.FieldCompletedWork, 4.0),
			f(ab.FieldBlocked, "Yes"),
			f(ab.FieldTaskType, "Planned"),
			f(ab.FieldAreaPath, area),
		}},
		{"T2", "Task", -5, []ab.Operation{
			f(ab.FieldTitle, "Deliver sessions"),
			f(ab.FieldDescription, "<p>Three sessions</p>"),
			f(ab.FieldAssignedTo, "bob"),
			f(ab.FieldTags, "pilot; operations"),
			f(ab.FieldOriginalEstimate, 24.0),
			f(ab.FieldRemainingWork, 24.0),
			f(ab.FieldBlocked, "No"),
			f(ab.FieldTaskType, "Planned"),
			f(ab.FieldPriority, 2),
			f(ab.FieldAreaPath, area),
			rel(ab.LinkParent, -1, ""),
			rel(ab.LinkRelated, -2, ""),
			rel(ab.LinkPredecessor, -3, ""),
			rel(ab.LinkPredecessor, -4, "start-to-start, lag 2 workdays"),
		}},
		{"R1", "Risk", -6, []ab.Operation{
			f(ab.FieldTitle, "Trainer unavailable"),
			f(ab.FieldDescription, "<p><b>Condition:</b> The trainer is ill</p><p><b>Consequence:</b> Sessions slip</p>"),
			f(ab.FieldAssignedTo, "Ana Ortiz <ana@contoso.com>"),
			f(ab.FieldTags, "resource"),
			f(ab.FieldProbability, 40),
			f(ab.FieldSeverity, "2 - High"),
			f(ab.FieldMitigationPlan, "Train a backup"),
			f(ab.FieldPriority, 2),
			f(ab.FieldContingencyPlan, "<p>Use the backup &lt;trainer&gt;</p><p><b>Trigger:</b> Sick note</p>"),
			f(ab.FieldMitigationTriggers, "Trainer booked for two events the same week"),
			f(ab.FieldAreaPath, area),
			rel(ab.LinkRelated, -3, ""),
		}},
		{"I1", "Issue", -7, []ab.Operation{
			f(ab.FieldTitle, "Trainer is ill"),
			f(ab.FieldDescription, "<p><b>Blocked tasks:</b></p><ul><li>T2</li></ul><p><b>Escalation:</b> escalated to VP Engineering</p>"),
			f(ab.FieldAssignedTo, "bob"),
			f(ab.FieldPriority, 1),
			f(ab.FieldEscalate, "Yes"),
			f(ab.FieldTargetResolveDate, "2027-03-10T12:00:00Z"),
			f(ab.FieldAnalysis, "Flu season; the backup is not certified yet"),
			f(ab.FieldCorrectiveActionPlan, "<p><b>Contingency plan of risk R1:</b> Use the backup &lt;trainer&gt;</p>"),
			f(ab.FieldAreaPath, area),
			rel(ab.LinkRelated, -6, ""),
			rel(ab.LinkRelated, -5, ""),
		}},
	}
	var order []string
	for _, it := range e.Items() {
		if !it.IsMove() {
			order = append(order, it.ID)
		}
	}
	if diff := cmp.Diff([]string{"REQ-1", "REQ-2", "T1", "T3", "T2", "R1", "I1"}, order); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			it := item(t, e, tt.id)
			if it.Type != tt.typ || it.TempID != tt.temp || it.WorkItem != 0 || it.Method() != "POST" {
				t.Errorf("type %q temp %d work item %d method %s, want %q %d 0 POST", it.Type, it.TempID, it.WorkItem, it.Method(), tt.typ, tt.temp)
			}
			if diff := cmp.Diff(tt.want, it.Patch); diff != "" {
				t.Errorf("patch (-want +got):\n%s", diff)
			}
		})
	}
	if got, _ := e.URL(new(item(t, e, "T1")), nil); got != "https://dev.azure.com/contoso/Ledger%204/_apis/wit/workitems/$Task?api-version=7.1" {
		want := "https://dev.azure.com/contoso/Ledger%204/_apis/wit/workitems/$Task?api-version=7.1"
		t.Errorf("URL %s, want %s", got, want)
	}
}

func TestScheduleHoursAndDisciplines(t *testing.T) {
	p := smallPlan(t)
	o := opts()
	o.AreaPath = ""
	o.IterationPath = `Ledger\Sprint 1`
	o.HoursPerDay = 6
	o.Disciplines = map[backlog.Discipline]string{backlog.DisciplineOperations: "Development"}
	o.Schedule = map[string]ab.Span{
		"T2": {Start: calendar.MustParse("2027-03-01"), Finish: calendar.MustParse("2027-03-03")},
		"T3": {Finish: calendar.MustParse("2027-02-26")},
	}
	e := build(t, p, o)
	got := item(t, e, "T2").Patch[:10]
	want := []ab.Operation{
		f(ab.FieldTitle, "Deliver sessions"),
		f(ab.FieldDescription, "<p>Three sessions</p>"),
		f(ab.FieldAssignedTo, "bob"),
		f(ab.FieldTags, "pilot"),
		f(ab.FieldDiscipline, "Development"),
		f(ab.FieldOriginalEstimate, 18.0),
		f(ab.FieldRemainingWork, 18.0),
		f(ab.FieldStartDate, "2027-03-01T12:00:00Z"),
		f(ab.FieldFinishDate, "2027-03-03T12:00:00Z"),
		f(ab.FieldBlocked, "No"),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("T2 (-want +got):\n%s", diff)
	}
	t3 := item(t, e, "T3").Patch
	if diff := cmp.Diff(f(ab.FieldFinishDate, "2027-02-26T12:00:00Z"), t3[4]); diff != "" {
		t.Errorf("T3 finish (-want +got):\n%s", diff)
	}
	if last := t3[len(t3)-1]; last != f(ab.FieldIterationPath, `Ledger\Sprint 1`) {
		t.Errorf("T3 last op %v, want the iteration path", last)
	}
	// The plan calendar's hours per day is the default.
	cal, err := calendar.New(calendar.Spec{Workweek: calendar.Standard().Spec().Workweek, HoursPerDay: 7.5})
	if err != nil {
		t.Fatal(err)
	}
	p.Calendar = cal
	e = build(t, p, opts())
	if got := item(t, e, "T1").Patch[3]; got != f(ab.FieldOriginalEstimate, 18.75) {
		t.Errorf("7.5 hours a day: %v, want 18.75 hours", got)
	}
}

func TestRequirementType(t *testing.T) {
	tests := []struct {
		r    backlog.Requirement
		over map[backlog.Category]string
		want string
	}{
		{backlog.Requirement{Category: backlog.CategorySalesTraining}, nil, "Operational"},
		{backlog.Requirement{Category: backlog.CategoryCutover}, nil, "Operational"},
		{backlog.Requirement{Category: backlog.CategoryTradeShows}, nil, "Business Objective"},
		{backlog.Requirement{Category: backlog.CategoryPressReleases, Type: " quality of service"}, nil, "Quality of Service"},
		{backlog.Requirement{Category: backlog.CategoryPressReleases, Type: "Marketing"}, nil, "Business Objective"},
		{backlog.Requirement{Category: "own-category"}, nil, "Operational"},
		{backlog.Requirement{Category: backlog.CategoryLicensingLegal}, map[backlog.Category]string{backlog.CategoryLicensingLegal: "Security"}, "Security"},
	}
	for _, tt := range tests {
		if got := ab.RequirementType(tt.r, tt.over); got != tt.want {
			t.Errorf("RequirementType(%q, %q) = %q, want %q", tt.r.Category, tt.r.Type, got, tt.want)
		}
	}
}

func TestSeverity(t *testing.T) {
	want := map[risk.Impact]string{0: "", 1: "4 - Low", 2: "4 - Low", 3: "3 - Medium", 4: "2 - High", 5: "1 - Critical", 6: ""}
	for i := risk.Impact(0); i <= 6; i++ {
		if got := ab.Severity(i); got != want[i] {
			t.Errorf("Severity(%d) = %q, want %q", i, got, want[i])
		}
	}
}

func TestIdentity(t *testing.T) {
	tests := map[string]string{
		"":                                    "",
		" Ana Ortiz ":                         "Ana Ortiz",
		"ana@contoso.com":                     "ana@contoso.com",
		"Ana Ortiz <ana@contoso.com>":         "Ana Ortiz <ana@contoso.com>",
		`"Ortiz, Ana" <ana@contoso.com>`:      "Ortiz, Ana <ana@contoso.com>",
		"<ana@contoso.com>":                   "ana@contoso.com",
		"Ana <not an address":                 "Ana <not an address",
		"team@":                               "team@",
		"Ana Ortiz <ana@contoso.com> (lead)":  "Ana Ortiz <ana@contoso.com>",
		"ana@contoso.com, bob@contoso.com":    "ana@contoso.com, bob@contoso.com",
		"Ana Ortiz <ana@contoso.com>  \t\n  ": "Ana Ortiz <ana@contoso.com>",
	}
	for in, want := range tests {
		if got := ab.Identity(in); got != want {
			t.Errorf("Identity(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOptionsErrors(t *testing.T) {
	p := smallPlan(t)
	for name, o := range map[string]ab.Options{
		"no organization": {Project: "x"},
		"no project":      {Organization: "x"},
		"slash":           {Organization: "a/b", Project: "x"},
		"batch too big":   {Organization: "a", Project: "x", BatchSize: ab.MaxBatchItems + 1},
		"negative batch":  {Organization: "a", Project: "x", BatchSize: -1},
		"hours":           {Organization: "a", Project: "x", HoursPerDay: 25},
		"kinds":           {Organization: "a", Project: "x", Kinds: 1 << 6},
		"existing":        {Organization: "a", Project: "x", Existing: 9},
		"base URL":        {Organization: "a", Project: "x", BaseURL: "ftp://x"},
	} {
		if _, err := ab.Build(p, o); !errors.Is(err, ab.ErrOptions) {
			t.Errorf("%s: err %v, want ErrOptions", name, err)
		}
	}
}

func TestKinds(t *testing.T) {
	p := smallPlan(t)
	ids := func(o ab.Options) string {
		var s []string
		for _, it := range build(t, p, o).Items() {
			if !it.IsMove() {
				s = append(s, it.ID)
			}
		}
		return strings.Join(s, ",")
	}
	o := opts()
	o.Kinds = 0
	if got := ids(o); got != "REQ-1,REQ-2,T1,T3,T2,R1,I1" {
		t.Errorf("default kinds (all): %s", got)
	}
	o.Kinds = ab.Requirements | ab.Tasks
	if got := ids(o); got != "REQ-1,REQ-2,T1,T3,T2" {
		t.Errorf("backlog: %s", got)
	}
	o.Kinds = ab.Tasks
	if got := ids(o); got != "T1,T3,T2" {
		t.Errorf("tasks: %s", got)
	}
	// Without requirements in the export and none tracked, tasks have no
	// parent links; predecessors still link.
	e := build(t, p, o)
	if l := item(t, e, "T2").Links; len(l) != 2 || l[0].Rel != ab.LinkPredecessor || l[0].WorkItem != -1 {
		t.Errorf("T2 links %+v", l)
	}
	o.Kinds = ab.Issues | ab.Risks
	if got := ids(o); got != "R1,I1" {
		t.Errorf("risks and issues: %s", got)
	}
	if got := (ab.Requirements | ab.Issues).String(); got != "requirements|issues" {
		t.Errorf("String %q", got)
	}
}

func TestMalformedTracker(t *testing.T) {
	p := smallPlan(t)
	if err := p.Backlog.SetTracker("T3", backlog.TrackerRef{System: "azure-boards", ID: "WI-12"}); err != nil {
		t.Fatal(err)
	}
	// Another tracker's reference is not Azure's: the task is created.
	if err := p.Backlog.SetTracker("T1", backlog.TrackerRef{System: "jira", ID: "LED-1"}); err != nil {
		t.Fatal(err)
	}
	_, err := ab.Build(p, opts())
	var l validation.List
	if !errors.As(err, &l) || len(l) != 1 || l[0].Code != ab.CodeTrackerID || l[0].Path.String() != "backlog.tasks[2].tracker.id" {
		t.Fatalf("err %v, want one %s at backlog.tasks[2].tracker.id", err, ab.CodeTrackerID)
	}
}

// tracked applies IDs 100+ to every item of e through fabricated
// responses, and returns the plan's state for checks.
func respond(items []ab.Item, first int, fail map[string]int) []byte {
	var b strings.Builder
	b.WriteString(`{"count":` + fmt.Sprint(len(items)) + `,"value":[`)
	for k, it := range items {
		if k > 0 {
			b.WriteString(",")
		}
		if code, ok := fail[it.ID]; ok {
			fmt.Fprintf(&b, `{"code":%d,"headers":{},"body":%q}`, code, `{"message":"TF401320: Rule Error for field Title"}`)
			continue
		}
		id := first + k
		if it.WorkItem > 0 {
			id = it.WorkItem
		}
		body := fmt.Sprintf(`{"id":%d,"rev":1,"url":"https://dev.azure.com/contoso/_apis/wit/workItems/%d","_links":{"html":{"href":"https://dev.azure.com/contoso/Ledger/_workitems/edit/%d"}}}`, id, id, id)
		fmt.Fprintf(&b, `{"code":200,"headers":{"Content-Type":"application/json"},"body":%q}`, body)
	}
	b.WriteString("]}")
	return []byte(b.String())
}

func TestBatchesAndTemporaryIDs(t *testing.T) {
	p := smallPlan(t)
	o := opts()
	o.BatchSize = 3
	e := build(t, p, o)
	if e.NumBatches() != 2 || len(e.Batch(0)) != 3 || len(e.Batch(1)) != 2 || e.Batch(2) != nil {
		t.Fatalf("batches %d", e.NumBatches())
	}
	reqs, err := e.BatchRequests(0, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The first create declares -1; T1 (third) refers to -1 in the batch.
	if reqs[0].Method != "PATCH" || reqs[0].URI != "/Ledger%204/_apis/wit/workitems/$Requirement?api-version=5.0" ||
		reqs[0].Headers["Content-Type"] != "application/json-patch+json" {
		t.Errorf("request 0: %+v", reqs[0])
	}
	if diff := cmp.Diff(ab.Operation{Op: "add", Path: "/id", Value: -1}, reqs[0].Body[0]); diff != "" {
		t.Errorf("temporary ID op (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(rel(ab.LinkParent, -1, ""), reqs[2].Body[len(reqs[2].Body)-1]); diff != "" {
		t.Errorf("T1 parent (-want +got):\n%s", diff)
	}
	// Batch 1 links to -1, -2 and -3 of batch 0: unresolved until the IDs
	// are known.
	if _, err := e.BatchBody(1, nil); !errors.Is(err, ab.ErrUnresolved) {
		t.Fatalf("batch 1 without IDs: %v, want ErrUnresolved", err)
	}
	rep, err := e.ApplyResults(p, 0, respond(e.Batch(0), 100, nil))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[int]int{-1: 100, -2: 101, -3: 102}, rep.Assigned); diff != "" {
		t.Errorf("assigned (-want +got):\n%s", diff)
	}
	reqs, err = e.BatchRequests(1, rep.Assigned)
	if err != nil {
		t.Fatal(err)
	}
	t2 := reqs[1].Body
	var links []string
	for _, op := range t2 {
		if r, ok := op.Value.(ab.Relation); ok {
			links = append(links, r.URL[strings.LastIndex(r.URL, "/")+1:])
		}
	}
	// Parent 100, related 101, predecessors 102 (T1) and -4 (T3, created
	// earlier in the same batch).
	if diff := cmp.Diff([]string{"100", "101", "102", "-4"}, links); diff != "" {
		t.Errorf("T2 links (-want +got):\n%s", diff)
	}
	// The export itself is not changed by rendering.
	if l := item(t, e, "T2").Patch; l[len(l)-4] != rel(ab.LinkParent, -1, "") {
		t.Errorf("rendering changed the export: %v", l[len(l)-4])
	}
}

func TestBatchSplitAtLimit(t *testing.T) {
	for _, tc := range []struct{ tasks, items, batches, last int }{
		{180, 198, 1, 198}, // 18 requirements + 180 tasks
		{182, 201, 2, 1},   // 19 requirements + 182 tasks
		{1000, 1100, 6, 100},
	} {
		e := build(t, bigPlan(t, tc.tasks), opts())
		if len(e.Items()) != tc.items || e.NumBatches() != tc.batches || len(e.Batch(tc.batches-1)) != tc.last {
			t.Errorf("%d tasks: %d items in %d batches, last %d; want %d, %d, %d", tc.tasks, len(e.Items()), e.NumBatches(),
				len(e.Batch(e.NumBatches()-1)), tc.items, tc.batches, tc.last)
		}
		for i := range e.NumBatches() {
			if n := len(e.Batch(i)); n > ab.MaxBatchItems {
				t.Errorf("batch %d has %d items", i, n)
			}
		}
		checkTopological(t, e)
	}
}

// checkTopological checks that every link names an item earlier in the
// export, and that temporary IDs run -1, -2, ...
func checkTopological(t *testing.T, e *ab.Export) {
	t.Helper()
	seen := map[int]bool{}
	next := -1
	for _, it := range e.Items() {
		for _, l := range it.Links {
			if l.WorkItem < 0 && !seen[l.WorkItem] {
				t.Fatalf("%s links to %s (%d) before it is created", it.ID, l.Target, l.WorkItem)
			}
		}
		if it.IsCreate() {
			if it.TempID != next {
				t.Fatalf("%s has temporary ID %d, want %d", it.ID, it.TempID, next)
			}
			next--
			seen[it.TempID] = true
		}
	}
}

func TestApplyResultsPartialFailure(t *testing.T) {
	p := smallPlan(t)
	o := opts()
	o.Kinds = ab.AllKinds
	e := build(t, p, o)
	rep, err := e.ApplyResults(p, 0, respond(e.Batch(0), 500, map[string]int{"T3": 400}))
	var be *ab.BatchError
	if !errors.As(err, &be) || !errors.Is(err, ab.ErrItemFailed) {
		t.Fatalf("err %v, want a *BatchError", err)
	}
	wantFail := []ab.Failure{{Kind: ab.Tasks, ID: "T3", TempID: -4, Code: 400, Message: "TF401320: Rule Error for field Title"}}
	if diff := cmp.Diff(wantFail, rep.Failed); diff != "" {
		t.Errorf("failures (-want +got):\n%s", diff)
	}
	if !strings.Contains(err.Error(), "T3 (temp -4) 400") {
		t.Errorf("error text %q does not name T3", err)
	}
	if len(rep.Created) != 6 {
		t.Fatalf("created %d, want 6", len(rep.Created))
	}
	tk, _ := p.Backlog.Task("T2")
	if want := (backlog.TrackerRef{System: "Azure Boards", ID: "504", URL: "https://dev.azure.com/contoso/Ledger/_workitems/edit/504"}); tk.Tracker != want {
		t.Errorf("T2 tracker %+v, want %+v", tk.Tracker, want)
	}
	if tk, _ := p.Backlog.Task("T3"); !tk.Tracker.IsZero() {
		t.Errorf("failed T3 got a tracker: %+v", tk.Tracker)
	}
	r, _ := p.Risks.Risk("R1")
	if diff := cmp.Diff([]string{"azure-boards:505"}, r.Tags); diff != "" {
		t.Errorf("risk tags (-want +got):\n%s", diff)
	}
	// Building again creates only T3, linked to the real IDs.
	e2 := build(t, p, o)
	if len(e2.Items()) != 1 || e2.Items()[0].ID != "T3" || e2.Items()[0].TempID != -1 || len(e2.Skipped()) != 6 {
		t.Fatalf("second export: %+v, skipped %d", e2.Items(), len(e2.Skipped()))
	}
}

func TestApplyResultsMalformed(t *testing.T) {
	p := smallPlan(t)
	e := build(t, p, opts())
	n := len(e.Batch(0))
	for name, body := range map[string]string{
		"not json":   "<html>",
		"no value":   `{"count":1}`,
		"wrong kind": `{"value":{}}`,
	} {
		rep, err := e.ApplyResults(p, 0, []byte(body))
		if !errors.Is(err, ab.ErrResponse) || !errors.Is(err, ab.ErrItemFailed) || len(rep.Failed) != n {
			t.Errorf("%s: err %v, %d failures", name, err, len(rep.Failed))
		}
	}
	// Fewer responses than requests: the answered ones are applied.
	rep, err := e.ApplyResults(p, 0, []byte(`[{"code":200,"body":{"id":7}}, {"code":200,"body":{"id":0}}]`))
	if !errors.Is(err, ab.ErrResponse) || len(rep.Created) != 1 || len(rep.Failed) != n-1 {
		t.Fatalf("short: err %v, %+v", err, rep)
	}
	if rep.Failed[0].Message != "response has no work item ID" || rep.Failed[1].Message != "no response" {
		t.Errorf("messages %q, %q", rep.Failed[0].Message, rep.Failed[1].Message)
	}
	// No _links: the web URL is built from the options.
	if r, _ := p.Backlog.Requirement("REQ-1"); r.Tracker.URL != "https://dev.azure.com/contoso/Ledger%204/_workitems/edit/7" {
		t.Errorf("URL %q", r.Tracker.URL)
	}
}

func TestIdempotence(t *testing.T) {
	p := smallPlan(t)
	o := opts()
	o.Kinds = ab.AllKinds
	o.BatchSize = 4
	e := build(t, p, o)
	assigned := map[int]int{}
	for i := range e.NumBatches() {
		if _, err := e.BatchRequests(i, assigned); err != nil {
			t.Fatal(err)
		}
		rep, err := e.ApplyResults(p, i, respond(e.Batch(i), 100+4*i, nil))
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range rep.Assigned {
			assigned[k] = v
		}
	}
	// Skip: nothing to do.
	again := build(t, p, o)
	if len(again.Items()) != 0 || again.NumBatches() != 0 || len(again.Skipped()) != 7 {
		t.Fatalf("second push: %d items, %d skipped", len(again.Items()), len(again.Skipped()))
	}
	// Update: PATCHes of the same work items, with state and reason, no
	// links, and the revision test where given.
	if _, err := p.Backlog.Transition("T1", workitem.Active, plantestChange()); err != nil {
		t.Fatal(err)
	}
	// A mitigation found unsatisfactory: Azure Boards takes the template's
	// whole reason, parenthesis included.
	for _, mv := range []struct {
		to     workitem.State
		reason lifecycle.Reason
	}{{workitem.Resolved, risk.ReasonMitigationActionComplete}, {workitem.Active, risk.ReasonMitigationActionUnsatisfactory}} {
		ch := plantestChange()
		ch.Reason = mv.reason
		if err := p.TransitionRisk("R1", mv.to, ch); err != nil {
			t.Fatal(err)
		}
	}
	o.Existing = ab.Update
	o.Revisions = map[int]int{102: 3}
	up := build(t, p, o)
	var main, moves []ab.Item
	for _, it := range up.Items() {
		if it.IsMove() {
			moves = append(moves, it)
		} else {
			main = append(main, it)
		}
	}
	if len(main) != 7 {
		t.Fatalf("updates: %d", len(main))
	}
	for _, it := range main {
		if it.IsCreate() || it.Method() != "PATCH" || len(it.Links) != 0 || it.TempID != 0 {
			t.Errorf("%s: %+v is not a plain update", it.ID, it)
		}
		for _, op := range it.Patch {
			if op.Path == "/fields/"+ab.FieldState || op.Path == "/fields/"+ab.FieldReason {
				t.Errorf("%s: update sends %s (states go in moves)", it.ID, op.Path)
			}
		}
	}
	t1 := item(t, up, "T1")
	want := []ab.Operation{
		{Op: "test", Path: "/rev", Value: 3},
		f(ab.FieldTitle, "Prepare material"),
	}
	if diff := cmp.Diff(want, t1.Patch[:2]); diff != "" {
		t.Errorf("T1 update (-want +got):\n%s", diff)
	}
	// Without Options.Current, each update is followed by one move to the
	// plan's state and reason.
	var t1Move, r1Move *ab.Item
	for k := range moves {
		switch moves[k].ID {
		case "T1":
			t1Move = &moves[k]
		case "R1":
			r1Move = &moves[k]
		}
	}
	if t1Move == nil || r1Move == nil {
		t.Fatalf("no moves of T1 and R1: %+v", moves)
	}
	if diff := cmp.Diff([]ab.Operation{f(ab.FieldState, "Active"), f(ab.FieldReason, "Accepted")}, t1Move.Patch); diff != "" {
		t.Errorf("T1 move (-want +got):\n%s", diff)
	}
	if !slices.Contains(r1Move.Patch, f(ab.FieldReason, "Mitigation Action Unsatisfactory (rework)")) {
		t.Errorf("R1 move sends no whole reason: %+v", r1Move.Patch)
	}
	if got, _ := up.URL(&t1, nil); got != "https://dev.azure.com/contoso/Ledger%204/_apis/wit/workitems/102?api-version=7.1" {
		t.Errorf("URL %s", got)
	}
	reqs, err := up.BatchRequests(0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if reqs[0].URI != "/Ledger%204/_apis/wit/workitems/100?api-version=5.0" || reqs[0].Body[0].Path == "/id" {
		t.Errorf("update request %+v", reqs[0])
	}
	// Applying the update answers keeps the same IDs.
	rep, err := up.ApplyResults(p, 0, respond(up.Batch(0), 900, nil))
	if err != nil || len(rep.Updated) != 4 || len(rep.Created) != 0 || rep.Updated[0].WorkItem != 100 {
		t.Fatalf("apply updates: %v %+v", err, rep)
	}
	r, _ := p.Risks.Risk("R1")
	if len(r.Tags) != 1 {
		t.Errorf("risk tags after update: %v", r.Tags)
	}
}

func TestDeterminism(t *testing.T) {
	o := opts()
	o.Kinds = ab.AllKinds
	var first []byte
	for range 3 {
		e := build(t, smallPlan(t), o)
		body, err := e.BatchBody(0, nil)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = body
		} else if string(body) != string(first) {
			t.Fatalf("bodies differ:\n%s\n%s", first, body)
		}
	}
	var reqs []map[string]any
	if err := json.Unmarshal(first, &reqs); err != nil || len(reqs) != 7 {
		t.Fatalf("body is not an array of 7 requests: %v", err)
	}
}
