package azureboards

import (
	"container/heap"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// Codes of the problems Build reports about tracker references.
const (
	// CodeTrackerID: an Azure Boards reference whose ID is not a positive
	// work item number.
	CodeTrackerID validation.Code = "azureboards.tracker.id.invalid"
)

// Operation is one operation of a JSON Patch document (RFC 6902) as the
// work item API takes it.
type Operation struct {
	// Op is "add" or "test".
	Op string `json:"op"`
	// Path is the target, such as "/fields/System.Title" or "/relations/-".
	Path string `json:"path"`
	// Value is a string, a number or a Relation.
	Value any `json:"value"`
}

// Relation is the value of an operation that adds a link.
type Relation struct {
	// Rel is the link type, such as LinkParent.
	Rel string `json:"rel"`
	// URL is the API address of the linked work item.
	URL string `json:"url"`
	// Attributes, when set, carry a comment on the link.
	Attributes *RelationAttributes `json:"attributes,omitempty"`
}

// RelationAttributes are the attributes of a link.
type RelationAttributes struct {
	// Comment says what the link type cannot, such as the dependency type
	// and lag of a predecessor link.
	Comment string `json:"comment,omitempty"`
}

// Link is one link an item is created with, before it is rendered into a
// relation.
type Link struct {
	// Rel is the link type.
	Rel string
	// Target is the plan ID of the linked item.
	Target string
	// WorkItem is the linked work item: its real ID when it exists, or the
	// negative temporary ID it gets when it is created by this export.
	WorkItem int
	// Comment, when set, becomes the link's comment attribute.
	Comment string
}

// Item is one work item to create or update.
type Item struct {
	// Kind is Requirements, Tasks, Risks or Issues.
	Kind Kinds
	// ID is the plan's ID of the requirement, task, risk or issue.
	ID string
	// Type is the work item type, such as "Task".
	Type string
	// WorkItem is the ID of the work item to update; 0 for a create.
	WorkItem int
	// TempID is the negative temporary ID of a create (-1, -2, ... in
	// export order); 0 for an update.
	TempID int
	// Patch is the JSON Patch document: the fields, then the relations
	// (the last len(Links) operations). Links to items created by the same
	// export name their temporary IDs (see Export.Document).
	Patch []Operation
	// Links are the links of a create, in the order of their operations.
	Links []Link
	// Step, for a move, is its place (1, 2, ...) on the item's path of
	// states; 0 for a create or an update.
	Step int
	// Of, for a move of an item this export creates, is the temporary ID
	// of that item (WorkItem is 0 until Azure Boards has given its ID).
	Of int
}

// IsCreate reports whether the item is created (rather than updated or
// moved).
func (it *Item) IsCreate() bool { return it.TempID < 0 }

// IsMove reports whether the item moves a work item one step along its
// type's states (System.State and System.Reason only).
func (it *Item) IsMove() bool { return it.Step > 0 }

// Method returns the HTTP method of the single-item call: POST for a
// create, PATCH for an update or a move.
func (it *Item) Method() string {
	if it.IsCreate() {
		return "POST"
	}
	return "PATCH"
}

// Skipped is an item left out because it is already in Azure Boards.
type Skipped struct {
	// Kind is the kind of item.
	Kind Kinds
	// ID is the plan's ID.
	ID string
	// WorkItem is its work item in Azure Boards.
	WorkItem int
}

// Export is what a plan becomes in Azure Boards: the items to create or
// update in dependency order, split into $batch calls. Build makes one;
// it is immutable afterwards and safe for concurrent reads.
type Export struct {
	opts    Options
	items   []Item
	skipped []Skipped
	// batches are the bounds of the $batch calls in items: creates and
	// updates first, then the moves, which start a new call so that the
	// items they move have their IDs.
	batches [][2]int
}

// Options returns the options of the export with the defaults filled in.
func (e *Export) Options() Options { return e.opts }

// Items returns the items in export order: requirements in backlog order,
// tasks in dependency order (every predecessor created by the export comes
// first; ties keep backlog order), risks, then issues in log order.
// The slice is shared: do not modify it.
func (e *Export) Items() []Item { return e.items }

// Skipped returns the items left out because they are already in Azure
// Boards (Existing is Skip).
func (e *Export) Skipped() []Skipped { return e.skipped }

// NumBatches returns the number of $batch calls.
func (e *Export) NumBatches() int { return len(e.batches) }

// Batch returns the items of batch i (0-based); the slice is shared.
// The creates and updates come first, at most BatchSize a call; the moves
// follow in calls of their own.
func (e *Export) Batch(i int) []Item {
	if i < 0 || i >= e.NumBatches() {
		return nil
	}
	return e.items[e.batches[i][0]:e.batches[i][1]]
}

// split sets the batch bounds: n main items, then the moves.
func (e *Export) split(n int) {
	size := e.opts.BatchSize
	for lo := 0; lo < n; lo += size {
		e.batches = append(e.batches, [2]int{lo, min(lo+size, n)})
	}
	for lo := n; lo < len(e.items); lo += size {
		e.batches = append(e.batches, [2]int{lo, min(lo+size, len(e.items))})
	}
}

// BatchURL is the address of the $batch endpoint (method PATCH).
func (e *Export) BatchURL() string {
	return fmt.Sprintf("%s/%s/_apis/wit/$batch?api-version=5.0", e.opts.BaseURL, e.opts.Organization)
}

// URL returns the address of the single-item call of it (see Item.Method):
// POST .../{project}/_apis/wit/workitems/${type}?api-version=7.1 for a
// create, PATCH .../workitems/{id}?api-version=7.1 for an update.
//
// A move of an item the export creates names the work item Azure Boards
// gave it, through assigned (PushResult.Assigned); URL returns an error
// wrapping ErrUnresolved when assigned does not hold it.
func (e *Export) URL(it *Item, assigned map[int]int) (string, error) {
	path, err := e.itemPath(it, "7.1", assigned)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s/%s/%s", e.opts.BaseURL, e.opts.Organization, path), nil
}

func (e *Export) itemPath(it *Item, version string, assigned map[int]int) (string, error) {
	if it.IsCreate() {
		return fmt.Sprintf("%s/_apis/wit/workitems/$%s?api-version=%s", urlPath(e.opts.Project), urlPath(it.Type), version), nil
	}
	id := it.WorkItem
	if id == 0 && it.Of < 0 {
		id = assigned[it.Of]
	}
	if id <= 0 {
		return "", fmt.Errorf("azureboards: %w: move %d of %s %s (temporary ID %d)", ErrUnresolved, it.Step, it.Type, it.ID, it.Of)
	}
	return fmt.Sprintf("%s/_apis/wit/workitems/%d?api-version=%s", urlPath(e.opts.Project), id, version), nil
}

// Document returns the JSON Patch document of it with links to items
// created earlier resolved: assigned maps temporary IDs to the IDs Azure
// Boards gave (PushResult.Assigned). A link to a temporary ID that assigned
// does not hold stays temporary when inBatch holds it (an item of the same
// $batch call); otherwise Document returns an error wrapping ErrUnresolved.
// Pass inBatch nil for a single-item call.
func (e *Export) Document(it *Item, assigned map[int]int, inBatch map[int]bool) ([]Operation, error) {
	first := len(it.Patch) - len(it.Links)
	if first < 0 {
		return nil, fmt.Errorf("azureboards: %w: %s %s has more links than operations", ErrMalformedItem, it.Type, it.ID)
	}
	var out []Operation
	for k, l := range it.Links {
		if l.WorkItem > 0 {
			continue
		}
		id, ok := assigned[l.WorkItem]
		if !ok {
			if inBatch[l.WorkItem] {
				continue
			}
			return nil, fmt.Errorf("azureboards: %w: %s %s links to %s (temporary ID %d)", ErrUnresolved, it.Type, it.ID, l.Target, l.WorkItem)
		}
		if out == nil {
			out = append([]Operation(nil), it.Patch...)
		}
		rel, ok := out[first+k].Value.(Relation)
		if !ok {
			return nil, fmt.Errorf("azureboards: %w: %s %s: operation %d is not its link to %s", ErrMalformedItem, it.Type, it.ID, first+k, l.Target)
		}
		rel.URL = e.opts.workItemURL(id)
		out[first+k].Value = rel
	}
	if out == nil {
		return it.Patch, nil
	}
	return out, nil
}

// Request is one request of a $batch call.
type Request struct {
	// Method is always PATCH.
	Method string `json:"method"`
	// URI is the path of the single-item call, from the organization.
	URI string `json:"uri"`
	// Headers carry the JSON Patch content type.
	Headers map[string]string `json:"headers"`
	// Body is the JSON Patch document.
	Body []Operation `json:"body"`
}

// BatchRequests returns the requests of batch i, links to items of earlier
// batches resolved through assigned (see Document). A create declares its
// temporary ID with {"op":"add","path":"/id","value":-n} first, so that the
// items after it in the same call can link to it. Every request uses PATCH,
// as the $batch endpoint requires for creates and updates alike.
func (e *Export) BatchRequests(i int, assigned map[int]int) ([]Request, error) {
	reqs, failed := e.requests(e.Batch(i), assigned, nil)
	if len(failed) > 0 {
		return nil, failed[0].err
	}
	return reqs, nil
}

// BatchBody returns the JSON body of batch i (see BatchRequests).
func (e *Export) BatchBody(i int, assigned map[int]int) ([]byte, error) {
	reqs, err := e.BatchRequests(i, assigned)
	if err != nil {
		return nil, err
	}
	return json.Marshal(reqs)
}

type unsent struct {
	item *Item
	err  error
}

// requests renders items; those whose links cannot be resolved are left
// out and returned, and so are items that link to them and the moves of
// the items stopped holds.
func (e *Export) requests(items []Item, assigned map[int]int, stopped map[idKey]bool) ([]Request, []unsent) {
	inBatch := make(map[int]bool, len(items))
	headers := map[string]string{"Content-Type": "application/json-patch+json"}
	reqs := make([]Request, 0, len(items))
	var failed []unsent
	for k := range items {
		it := &items[k]
		if it.IsMove() && stopped[key(it.Kind, it.ID)] {
			failed = append(failed, unsent{it, fmt.Errorf("azureboards: %w: %s %s was not created, updated or moved before", ErrUnresolved, it.Type, it.ID)})
			continue
		}
		doc, err := e.Document(it, assigned, inBatch)
		if err != nil {
			failed = append(failed, unsent{it, err})
			continue
		}
		path, err := e.itemPath(it, "5.0", assigned)
		if err != nil {
			failed = append(failed, unsent{it, err})
			continue
		}
		body := doc
		if it.IsCreate() {
			body = make([]Operation, 0, len(doc)+1)
			body = append(body, Operation{Op: "add", Path: "/id", Value: it.TempID})
			body = append(body, doc...)
			inBatch[it.TempID] = true
		}
		reqs = append(reqs, Request{
			Method:  "PATCH",
			URI:     "/" + path,
			Headers: headers,
			Body:    body,
		})
	}
	return reqs, failed
}

// Build turns the plan's backlog (and, as opts.Kinds asks, its risk and
// issue logs) into the work items to create or update in Azure Boards.
// See the package documentation for the mapping. It returns an error
// wrapping ErrOptions for bad options, a validation.List for Azure Boards
// references with a malformed ID, and an error wrapping ErrCycle when the
// dependencies of the tasks to create form a cycle.
func Build(p *plan.Plan, opts Options) (*Export, error) {
	b, err := newBuilder(p, opts, true)
	if err != nil {
		return nil, err
	}
	o := b.opts
	if err := b.order(); err != nil {
		return nil, err
	}
	b.render()
	n := len(b.items)
	b.moves()
	e := &Export{opts: o, items: b.items, skipped: b.skipped}
	e.split(n)
	return e, nil
}

// newBuilder checks the options (the organization and project too when
// remote), reads the plan's items and schedules the task dates.
func newBuilder(p *plan.Plan, opts Options, remote bool) (*builder, error) {
	if p == nil {
		return nil, fmt.Errorf("azureboards: %w: nil plan", ErrOptions)
	}
	cal := p.Calendar
	if cal == nil {
		cal = calendar.Standard()
	}
	o, err := opts.normalized(cal.HoursPerDay(), remote)
	if err != nil {
		return nil, err
	}
	b := &builder{opts: o, p: p, ids: map[idKey]int{}}
	if err := b.collect(); err != nil {
		return nil, err
	}
	if err := b.schedule(); err != nil {
		return nil, err
	}
	return b, nil
}

type builder struct {
	opts Options
	p    *plan.Plan

	reqs    []backlog.Requirement
	tasks   []backlog.Task
	risks   []risk.Risk
	issues  []risk.Issue
	reviews []plan.Decision
	changes []ChangeRequest
	// contingency of each risk, for the corrective action of its issues.
	contingency map[string]string
	// marketing holds the default catalogue's marketing categories.
	marketing map[backlog.Category]bool
	// reqOwner is the requirements' assignee, once known.
	reqOwner *string
	// dates are the tasks' scheduled dates (Options.Schedule and
	// Options.Scheduled).
	dates map[string]Span
	// reqPriority maps requirement IDs to their priorities (a task takes
	// its first requirement's).
	reqPriority map[string]backlog.Priority
	// addressedBy maps risk and issue IDs to the mitigation and
	// corrective actions that address them, in backlog order.
	addressedBy map[string][]string
	// committed holds the requirements of the latest baseline; nil when
	// the plan has none.
	committed map[string]bool

	// ids maps plan IDs to work item IDs, real or temporary. Requirements
	// and tasks share one namespace, risks and issues another.
	ids map[idKey]int
	// entries in export order: kind and index into the slices above, with
	// the existing work item ID (0 for a create).
	order_  []entry
	items   []Item
	skipped []Skipped
}

// idKey is a plan ID in its namespace: the backlog's, the risk log's or
// the go/no-go reviews'.
type idKey struct {
	ns uint8
	id string
}

func bk(id string) idKey { return idKey{id: id} }
func lk(id string) idKey { return idKey{ns: 1, id: id} }
func rk(id string) idKey { return idKey{ns: 2, id: id} }
func ck(id string) idKey { return idKey{ns: 3, id: id} }

// key returns the key of an ID of an item of kind k.
func key(k Kinds, id string) idKey {
	switch {
	case k&(Risks|Issues) != 0:
		return lk(id)
	case k&Reviews != 0:
		return rk(id)
	case k&ChangeRequests != 0:
		return ck(id)
	}
	return bk(id)
}

type entry struct {
	kind     Kinds
	i        int
	workItem int
}

// isAzure reports whether a tracker system names Azure Boards.
func isAzure(system string) bool {
	const want = "azureboards"
	k := 0
	for i := 0; i < len(system); i++ {
		c := system[i]
		switch {
		case c == ' ' || c == '-' || c == '_':
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		if k == len(want) || c != want[k] {
			return false
		}
		k++
	}
	return k == len(want)
}

// trackerID reads an Azure Boards reference: the work item ID, 0 when the
// reference is for another tracker or empty, -1 when malformed.
func trackerID(tr backlog.TrackerRef) int {
	if tr.IsZero() || !isAzure(tr.System) {
		return 0
	}
	return parseID(tr.ID)
}

func parseID(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n <= 0 || n > 1<<31-1 {
		return -1
	}
	return n
}

// tagID reads the tracker tag of a risk or an issue (see TagPrefix).
func tagID(tags []string) int {
	for _, t := range tags {
		if rest, ok := strings.CutPrefix(t, TagPrefix); ok {
			return parseID(rest)
		}
	}
	return 0
}

// collect reads the plan and sorts the items into creates, updates and
// skips; existing IDs go into b.ids.
func (b *builder) collect() error {
	var probs validation.List
	bad := func(path validation.Path, s string) {
		probs.Add(validation.Invalid(path, CodeTrackerID, "Azure Boards work item ID %q is not a positive number", s))
	}
	if b.p.Backlog != nil {
		b.reqs = b.p.Backlog.Requirements()
		b.tasks = b.p.Backlog.Tasks()
		b.reqPriority = make(map[string]backlog.Priority, len(b.reqs))
		for _, r := range b.reqs {
			b.reqPriority[r.ID] = r.Priority
		}
		for _, t := range b.tasks {
			if t.Addresses != "" && (t.Type == backlog.TaskMitigation || t.Type == backlog.TaskCorrective) {
				if b.addressedBy == nil {
					b.addressedBy = map[string][]string{}
				}
				b.addressedBy[t.Addresses] = append(b.addressedBy[t.Addresses], t.ID)
			}
		}
		b.committed = committedRequirements(b.p)
		for i, r := range b.reqs {
			id := trackerID(r.Tracker)
			if id < 0 {
				bad(validation.NewPath("backlog", "requirements").Index(i).Child("tracker").Child("id"), r.Tracker.ID)
			}
			if id > 0 {
				b.ids[bk(r.ID)] = id
			}
		}
		for i, t := range b.tasks {
			id := trackerID(t.Tracker)
			if id < 0 {
				bad(validation.NewPath("backlog", "tasks").Index(i).Child("tracker").Child("id"), t.Tracker.ID)
			}
			if id > 0 {
				b.ids[bk(t.ID)] = id
			}
		}
	}
	if b.p.Risks != nil && (b.opts.Kinds.Has(Risks) || b.opts.Kinds.Has(Issues)) {
		b.contingency = map[string]string{}
		i := 0
		for _, r := range b.p.Risks.Risks() {
			if id := tagID(r.Tags); id < 0 {
				bad(validation.NewPath("risks", "risks").Index(i).Child("tags"), r.ID)
			} else if id > 0 {
				b.ids[lk(r.ID)] = id
			}
			b.contingency[r.ID] = r.ContingencyPlan
			if b.opts.Kinds.Has(Risks) {
				b.risks = append(b.risks, r)
			}
			i++
		}
		if b.opts.Kinds.Has(Issues) {
			i = 0
			for _, is := range b.p.Risks.Issues() {
				if id := tagID(is.Tags); id < 0 {
					bad(validation.NewPath("risks", "issues").Index(i).Child("tags"), is.ID)
				} else if id > 0 {
					b.ids[lk(is.ID)] = id
				}
				b.issues = append(b.issues, is)
				i++
			}
		}
	}
	for i, d := range b.p.Decisions {
		id := trackerID(d.Tracker)
		if id < 0 {
			bad(validation.NewPath("decisions").Index(i).Child("tracker").Child("id"), d.Tracker.ID)
		}
		if id > 0 {
			b.ids[rk(d.ID)] = id
		}
		if b.opts.Kinds.Has(Reviews) {
			b.reviews = append(b.reviews, d)
		}
	}
	for i, t := range b.p.RevisionTrackers {
		id := trackerID(t.Tracker)
		if id < 0 {
			bad(validation.NewPath("revisionTrackers").Index(i).Child("tracker").Child("id"), t.Tracker.ID)
		}
		if id > 0 {
			b.ids[ck(changeRequestIDPrefix+strconv.Itoa(t.Revision))] = id
		}
	}
	if b.opts.Kinds.Has(ChangeRequests) {
		crs, err := ChangeRequestsOf(b.p)
		if err != nil {
			return err
		}
		b.changes = crs
	}
	return probs.Err()
}

// schedule fills b.dates: the scheduler's dates when Options.Scheduled
// asks, then Options.Schedule, whose task IDs must be in the backlog.
func (b *builder) schedule() error {
	if len(b.opts.Schedule) == 0 && !b.opts.Scheduled {
		return nil
	}
	known := make(map[string]bool, len(b.tasks))
	for _, t := range b.tasks {
		known[t.ID] = true
	}
	var unknown []string
	for id := range b.opts.Schedule {
		if !known[id] {
			unknown = append(unknown, strconv.Quote(id))
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		if len(unknown) > 10 {
			unknown = append(unknown[:10], "...")
		}
		return fmt.Errorf("azureboards: %w: the schedule names tasks the backlog does not hold: %s", ErrOptions, strings.Join(unknown, ", "))
	}
	b.dates = make(map[string]Span, len(b.tasks))
	if b.opts.Scheduled {
		res, err := b.p.Schedule()
		if err != nil {
			return fmt.Errorf("azureboards: scheduling the task dates: %w", err)
		}
		for _, t := range b.tasks {
			start, finish, err := res.Scheduled(t.ID)
			if err != nil {
				return fmt.Errorf("azureboards: scheduling task %s: %w", t.ID, err)
			}
			b.dates[t.ID] = Span{Start: start, Finish: finish}
		}
	}
	for id, s := range b.opts.Schedule {
		b.dates[id] = s
	}
	return nil
}

// include adds an entry to the export or to the skipped list.
func (b *builder) include(kind Kinds, i int, id string) {
	wi := b.ids[key(kind, id)]
	if wi > 0 && b.opts.Existing == Skip {
		b.skipped = append(b.skipped, Skipped{Kind: kind, ID: id, WorkItem: wi})
		return
	}
	b.order_ = append(b.order_, entry{kind: kind, i: i, workItem: wi})
}

// order puts the entries in export order and gives creates their
// temporary IDs.
func (b *builder) order() error {
	if b.opts.Kinds.Has(Requirements) {
		for i := range b.reqs {
			b.include(Requirements, i, b.reqs[i].ID)
		}
	}
	if b.opts.Kinds.Has(Tasks) {
		if err := b.orderTasks(); err != nil {
			return err
		}
	}
	for i := range b.risks {
		b.include(Risks, i, b.risks[i].ID)
	}
	for i := range b.issues {
		b.include(Issues, i, b.issues[i].ID)
	}
	for i := range b.reviews {
		b.include(Reviews, i, b.reviews[i].ID)
	}
	for i := range b.changes {
		b.include(ChangeRequests, i, b.changes[i].ID())
	}
	next := -1
	for k := range b.order_ {
		en := &b.order_[k]
		if en.workItem == 0 {
			b.ids[key(en.kind, b.planID(*en))] = next
			next--
		}
	}
	return nil
}

func (b *builder) planID(en entry) string {
	switch en.kind {
	case Requirements:
		return b.reqs[en.i].ID
	case Tasks:
		return b.tasks[en.i].ID
	case Risks:
		return b.risks[en.i].ID
	case Reviews:
		return b.reviews[en.i].ID
	case ChangeRequests:
		return b.changes[en.i].ID()
	default:
		return b.issues[en.i].ID
	}
}

// orderTasks adds the tasks in topological order of the dependencies
// between tasks to create (Kahn's algorithm; among the tasks ready at each
// step the earliest in the backlog goes first).
func (b *builder) orderTasks() error {
	index := make(map[string]int, len(b.tasks))
	for i := range b.tasks {
		if _, dup := index[b.tasks[i].ID]; !dup {
			index[b.tasks[i].ID] = i
		}
	}
	creates := func(i int) bool { return b.ids[bk(b.tasks[i].ID)] == 0 }
	indeg := make([]int, len(b.tasks))
	succ := make([][]int32, len(b.tasks))
	for i := range b.tasks {
		if !creates(i) {
			continue
		}
		for _, d := range b.tasks[i].Dependencies {
			j, ok := index[d.Task]
			if !ok || j == i || !creates(j) {
				continue
			}
			succ[j] = append(succ[j], int32(i))
			indeg[i]++
		}
	}
	ready := make(intHeap, 0, len(b.tasks))
	for i := range b.tasks {
		if indeg[i] == 0 {
			ready = append(ready, i)
		}
	}
	heap.Init(&ready)
	done := 0
	for ready.Len() > 0 {
		i := heap.Pop(&ready).(int)
		done++
		b.include(Tasks, i, b.tasks[i].ID)
		for _, s := range succ[i] {
			indeg[s]--
			if indeg[s] == 0 {
				heap.Push(&ready, int(s))
			}
		}
	}
	if done < len(b.tasks) {
		var stuck []string
		for i := range b.tasks {
			if indeg[i] > 0 {
				stuck = append(stuck, b.tasks[i].ID)
				if len(stuck) == 10 {
					stuck = append(stuck, "...")
					break
				}
			}
		}
		return fmt.Errorf("azureboards: %w among tasks %s", ErrCycle, strings.Join(stuck, ", "))
	}
	return nil
}

type intHeap []int

func (h intHeap) Len() int           { return len(h) }
func (h intHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h intHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *intHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *intHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// render builds the items. The operations of all items are carved from
// shared chunks (each item's slice capped at its length), which saves an
// allocation per item.
func (b *builder) render() {
	b.items = make([]Item, len(b.order_))
	f := fieldWriter{ops: make([]Operation, 0, 32)}
	var chunk []Operation
	for k, en := range b.order_ {
		it := &b.items[k]
		it.Kind = en.kind
		it.ID = b.planID(en)
		it.WorkItem = en.workItem
		if en.workItem == 0 {
			it.TempID = b.ids[key(en.kind, it.ID)]
		}
		f.update, f.ops, f.links, f.seen = en.workItem > 0, f.ops[:0], nil, nil
		if rev, ok := b.opts.Revisions[en.workItem]; ok && en.workItem > 0 {
			f.ops = append(f.ops, Operation{Op: "test", Path: "/rev", Value: rev})
		}
		switch en.kind {
		case Requirements:
			it.Type = TypeRequirement
			b.requirement(&f, &b.reqs[en.i])
		case Tasks:
			it.Type = TypeTask
			b.task(&f, &b.tasks[en.i])
		case Risks:
			it.Type = TypeRisk
			b.risk(&f, &b.risks[en.i])
		case Issues:
			it.Type = TypeIssue
			b.issue(&f, &b.issues[en.i])
		case Reviews:
			it.Type = TypeReview
			b.review(&f, &b.reviews[en.i])
		case ChangeRequests:
			it.Type = TypeChangeRequest
			b.changeRequest(&f, &b.changes[en.i])
		}
		f.set(FieldAreaPath, b.opts.AreaPath)
		f.set(FieldIterationPath, b.opts.IterationPath)
		if !f.update {
			for _, l := range f.links {
				rel := Relation{Rel: l.Rel, URL: b.opts.workItemURL(l.WorkItem)}
				if l.Comment != "" {
					rel.Attributes = &RelationAttributes{Comment: l.Comment}
				}
				f.ops = append(f.ops, Operation{Op: "add", Path: "/relations/-", Value: rel})
			}
			it.Links = f.links
		}
		n := len(f.ops)
		if cap(chunk)-len(chunk) < n {
			chunk = make([]Operation, 0, max(n, 4096))
		}
		lo := len(chunk)
		chunk = append(chunk, f.ops...)
		it.Patch = chunk[lo : lo+n : lo+n]
	}
}

// fieldWriter collects the operations of one item.
type fieldWriter struct {
	update bool
	ops    []Operation
	links  []Link
	seen   map[int]bool
}

// set adds a field; empty strings are left out.
func (f *fieldWriter) set(field string, v any) {
	if s, ok := v.(string); ok && s == "" {
		return
	}
	f.ops = append(f.ops, Operation{Op: "add", Path: "/fields/" + field, Value: v})
}

// link adds a link to the plan item target, when it is in Azure Boards or
// created by the export, once per target.
func (b *builder) link(f *fieldWriter, rel string, target idKey, comment string) {
	id := b.ids[target]
	if id == 0 {
		return
	}
	if f.seen == nil {
		f.seen = map[int]bool{}
	}
	if f.seen[id] {
		return
	}
	f.seen[id] = true
	f.links = append(f.links, Link{Rel: rel, Target: target.id, WorkItem: id, Comment: comment})
}

// requirementOwner is the System.AssignedTo of requirements: the
// option, or the first Release Manager of the plan (responsible and
// accountable for the requirements of the activity).
func (b *builder) requirementOwner() string {
	if b.opts.RequirementOwner != "" {
		return b.opts.RequirementOwner
	}
	for _, r := range b.p.Roles {
		if r.Role == plan.ReleaseManager && len(r.People) > 0 {
			return r.People[0]
		}
	}
	return ""
}

func (b *builder) requirement(f *fieldWriter, r *backlog.Requirement) {
	f.set(FieldTitle, r.Title)
	if b.reqOwner == nil {
		o := Identity(b.requirementOwner())
		b.reqOwner = &o
	}
	f.set(FieldAssignedTo, *b.reqOwner)
	var d htmlDoc
	d.para("", r.Description)
	d.para("Audience", r.Audience)
	d.para("Source", r.Source)
	d.para("Timing", r.Timing.String())
	d.list("Acceptance criteria", r.AcceptanceCriteria)
	f.set(FieldDescription, d.String())
	f.set(FieldTags, joinTags(r.Tags, []string{string(r.Category)}))
	if r.Priority.IsValid() {
		f.set(FieldPriority, int(r.Priority))
	}
	f.set(FieldRequirementType, b.requirementType(r))
	if b.committed != nil {
		f.set(FieldCommitted, yesNo(b.committed[r.ID]))
	}
}

// committedRequirements returns the requirements of the plan's latest
// baseline (those the plan committed to), nil without a baseline.
func committedRequirements(p *plan.Plan) map[string]bool {
	if len(p.Baselines) == 0 {
		return nil
	}
	var doc struct {
		Backlog struct {
			Requirements []struct {
				ID string `json:"id"`
			} `json:"requirements"`
		} `json:"backlog"`
	}
	if json.Unmarshal(p.Baselines[len(p.Baselines)-1].Snapshot, &doc) != nil {
		return nil
	}
	out := make(map[string]bool, len(doc.Backlog.Requirements))
	for _, r := range doc.Backlog.Requirements {
		out[r.ID] = true
	}
	return out
}

// requirementType is RequirementType with the default catalogue's
// marketing categories read once.
func (b *builder) requirementType(r *backlog.Requirement) string {
	if t, ok := cmmiRequirementType(r.Type); ok {
		return t
	}
	if t, ok := b.opts.RequirementTypes[r.Category]; ok && t != "" {
		return t
	}
	if b.marketing == nil {
		b.marketing = map[backlog.Category]bool{}
		for _, c := range backlog.DefaultCatalogue().Group(backlog.GroupMarketing) {
			b.marketing[c.Category] = true
		}
	}
	if b.marketing[r.Category] {
		return "Business Objective"
	}
	return "Operational"
}

func (b *builder) task(f *fieldWriter, t *backlog.Task) {
	f.set(FieldTitle, t.Title)
	if t.Description != "" {
		var d htmlDoc
		d.para("", t.Description)
		f.set(FieldDescription, d.String())
	}
	f.set(FieldAssignedTo, Identity(t.Assignee))
	disc, tag := b.discipline(t.Discipline)
	f.set(FieldTags, joinTags(t.Tags, []string{tag}, milestone(t)))
	f.set(FieldDiscipline, disc)
	h := b.opts.HoursPerDay
	if !t.Estimate.IsZero() {
		f.set(FieldOriginalEstimate, hours(t.Estimate.MostLikely, h))
	}
	f.set(FieldRemainingWork, hours(remaining(t), h))
	if t.CompletedWork > 0 {
		f.set(FieldCompletedWork, hours(t.CompletedWork, h))
	}
	if s, ok := b.dates[t.ID]; ok {
		if !s.Start.IsZero() {
			f.set(FieldStartDate, dateTime(s.Start))
		}
		if !s.Finish.IsZero() {
			f.set(FieldFinishDate, dateTime(s.Finish))
		}
	}
	f.set(FieldBlocked, yesNo(t.Blocked))
	f.set(FieldTaskType, t.Type.Title())
	if len(t.Requirements) > 0 {
		if pr := b.reqPriority[t.Requirements[0]]; pr.IsValid() {
			f.set(FieldPriority, int(pr))
		}
	}
	if reviewed(t) {
		f.set(FieldRequiresReview, "Yes")
		f.set(FieldRequiresTest, "Yes")
	}
	if f.update {
		return
	}
	// A mitigation or corrective action is the child of the risk or
	// issue it addresses: of one already in Azure Boards through its own
	// parent link; of one this export creates (after the tasks) through
	// that item's child link. Its requirements are then related.
	parent := true
	if t.Addresses != "" && (t.Type == backlog.TaskMitigation || t.Type == backlog.TaskCorrective) {
		if id := b.ids[lk(t.Addresses)]; id > 0 {
			b.link(f, LinkParent, lk(t.Addresses), "")
			parent = false
		} else if id < 0 {
			parent = false
		}
	}
	for _, r := range t.Requirements {
		if b.ids[bk(r)] == 0 {
			continue
		}
		if parent {
			b.link(f, LinkParent, bk(r), "")
			parent = false
		} else {
			b.link(f, LinkRelated, bk(r), "")
		}
	}
	for _, d := range t.Dependencies {
		comment := ""
		if d.Type != backlog.FinishToStart || d.Lag != 0 {
			comment = d.Type.String()
			if d.Lag != 0 {
				comment += fmt.Sprintf(", lag %d workdays", d.Lag)
			}
		}
		b.link(f, LinkPredecessor, bk(d.Task), comment)
	}
}

// reviewed reports whether a task goes through review and test: it is
// Resolved, or its last move was one of the review path's (the CMMI Task
// reaches Resolved only as "Complete and Requires Review/Test").
func reviewed(t *backlog.Task) bool {
	switch t.Reason {
	case backlog.ReasonCompleteRequiresReview, backlog.ReasonReviewTestPassed, backlog.ReasonReviewTestFailed:
		return true
	}
	return t.State == workitem.Resolved
}

// children links a risk or an issue created by the export to the
// mitigation or corrective actions the export also creates (links to
// tasks already in Azure Boards are not made: they may have a parent).
func (b *builder) children(f *fieldWriter, id string) {
	for _, tid := range b.addressedBy[id] {
		if b.ids[bk(tid)] < 0 {
			b.link(f, LinkChild, bk(tid), "")
		}
	}
}

// milestone is the tag of a milestone task: the CMMI Task has no
// milestone field.
func milestone(t *backlog.Task) []string {
	if t.Milestone {
		return []string{"milestone"}
	}
	return nil
}

// remaining is the task's remaining work in workdays: as recorded, or the
// most likely estimate for an open task with no work recorded yet (Azure
// Boards' convention of starting Remaining Work at the Original Estimate).
func remaining(t *backlog.Task) float64 {
	if t.RemainingWork == 0 && t.CompletedWork == 0 && t.IsOpen() {
		return t.Estimate.MostLikely
	}
	return t.RemainingWork
}

// discipline returns the Discipline field value, or the tag that stands in
// for a discipline the CMMI field does not list.
func (b *builder) discipline(d backlog.Discipline) (field, tag string) {
	switch {
	case d == "":
		return "", ""
	case d.IsCMMI():
		return d.Title(), ""
	}
	if v, ok := b.opts.Disciplines[d]; ok && v != "" {
		return v, ""
	}
	return "", string(d)
}

func (b *builder) risk(f *fieldWriter, r *risk.Risk) {
	f.set(FieldTitle, r.Title)
	var d htmlDoc
	d.para("Condition", r.Condition)
	d.para("Consequence", r.Consequence)
	d.para("Cause", r.Cause)
	if r.Kind == risk.Opportunity {
		d.para("Kind", "opportunity")
	}
	if r.ScheduleImpactWorkdays > 0 {
		d.para("Schedule impact", fmt.Sprintf("%d workdays", r.ScheduleImpactWorkdays))
	}
	if !r.CostImpact.IsZero() {
		d.para("Cost impact", r.CostImpact.String())
	}
	d.para("Proximity", r.Proximity.String())
	d.para("Response", string(r.Response))
	if !r.NextReview.IsZero() {
		d.para("Next review", r.NextReview.String())
	}
	f.set(FieldDescription, d.String())
	f.set(FieldAssignedTo, Identity(r.Owner))
	var kind []string
	if r.Kind == risk.Opportunity {
		kind = []string{"opportunity"}
	}
	f.set(FieldTags, joinTags(r.Tags, []string{string(r.Category)}, kind))
	if r.Probability.IsValid() {
		f.set(FieldProbability, int(r.Probability))
	}
	f.set(FieldSeverity, Severity(r.Impact))
	if r.MitigationPlan != "" {
		f.set(FieldMitigationPlan, htmlText(r.MitigationPlan))
	}
	if r.Probability.IsValid() && r.Impact.IsValid() {
		f.set(FieldPriority, riskPriority(r.Impact))
	}
	if r.ContingencyPlan != "" || r.Trigger != "" {
		var d htmlDoc
		d.para("", r.ContingencyPlan)
		d.para("Trigger", r.Trigger)
		f.set(FieldContingencyPlan, d.String())
	}
	if r.MitigationTrigger != "" {
		f.set(FieldMitigationTriggers, htmlText(r.MitigationTrigger))
	}
	if f.update {
		return
	}
	b.children(f, r.ID)
	for _, id := range r.RequirementIDs {
		b.link(f, LinkRelated, bk(id), "")
	}
	for _, id := range r.TaskIDs {
		b.link(f, LinkRelated, bk(id), "")
	}
}

func (b *builder) issue(f *fieldWriter, is *risk.Issue) {
	f.set(FieldTitle, is.Title)
	var d htmlDoc
	d.para("", is.Description)
	if is.Blocks.Launch {
		d.para("Blocks", "the launch")
	}
	d.list("Blocked tasks", is.Blocks.TaskIDs)
	d.list("Blocked requirements", is.Blocks.RequirementIDs)
	d.list("Blocked milestones", is.Blocks.MilestoneIDs)
	if is.Escalation.Escalated {
		esc := "escalated"
		if is.Escalation.To != "" {
			esc += " to " + is.Escalation.To
		}
		if !is.Escalation.On.IsZero() {
			esc += " on " + is.Escalation.On.String()
		}
		d.para("Escalation", esc)
	}
	if !is.Raised.IsZero() {
		d.para("Raised", is.Raised.String())
	}
	f.set(FieldDescription, d.String())
	f.set(FieldAssignedTo, Identity(is.Owner))
	f.set(FieldTags, joinTags(is.Tags))
	if is.Priority.IsValid() {
		f.set(FieldPriority, int(is.Priority))
	}
	f.set(FieldEscalate, yesNo(is.Escalation.Escalated))
	if !is.TargetResolve.IsZero() {
		f.set(FieldTargetResolveDate, dateTime(is.TargetResolve))
	}
	if is.Analysis != "" {
		f.set(FieldAnalysis, htmlText(is.Analysis))
	}
	switch {
	case is.CorrectiveActionPlan != "":
		f.set(FieldCorrectiveActionPlan, htmlText(is.CorrectiveActionPlan))
	case is.RiskID != "" && b.contingency[is.RiskID] != "":
		var d htmlDoc
		d.para("Contingency plan of risk "+is.RiskID, b.contingency[is.RiskID])
		f.set(FieldCorrectiveActionPlan, d.String())
	}
	if is.Resolution != "" {
		f.set(FieldActualResolution, htmlText(is.Resolution))
	}
	if f.update {
		return
	}
	b.children(f, is.ID)
	if is.RiskID != "" {
		b.link(f, LinkRelated, lk(is.RiskID), "")
	}
	for _, id := range is.Blocks.RequirementIDs {
		b.link(f, LinkRelated, bk(id), "")
	}
	for _, id := range is.Blocks.TaskIDs {
		b.link(f, LinkRelated, bk(id), "")
	}
}
