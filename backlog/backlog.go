package backlog

import (
	"slices"
	"time"

	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// Errors of the backlog's operations, wrapped by *[OpError]: the errors
// of every register of work items (package workitem), plus ErrInvalidTiming.
// Problems with the content of a requirement or task (including dangling
// references and dependency cycles) are returned as a validation.List
// instead, and refused transitions as a *lifecycle.TransitionError.
var (
	// ErrStateChange: an add or update tried to set the state, the reason
	// or the origin, which change only through Transition and Expand.
	ErrStateChange = workitem.ErrStateChange
	// ErrNotRemovable: the item has moved or is referred to; close it
	// instead.
	ErrNotRemovable = workitem.ErrNotRemovable
	// ErrInvalidLifecycle: a lifecycle given to SetLifecycles does not
	// start in Proposed or does not fit the recorded history.
	ErrInvalidLifecycle = workitem.ErrInvalidLifecycle
	// ErrInvalidTiming: Expand found a requirement whose timing gives no
	// date for the release (outside the calendar's range).
	ErrInvalidTiming = validation.Sentinel(validation.ErrOutOfRange, "timing gives no date for the release")
)

// OpError describes a refused operation on a backlog: the one error type
// of every register of work items.
type OpError = workitem.OpError

const register = "backlog"

// Suppression remembers a generated task that a user removed, so that
// [Templates.Expand] does not generate it again (a tombstone). Remove
// records one for every removed task that has an Origin; [Backlog.Suppress]
// records one in advance; [Backlog.Unsuppress] lets Expand generate the
// task again.
type Suppression struct {
	// Task is the ID of the task not to generate.
	Task string `json:"task" jsonschema:"minLength=1"`
	// Origin is where the task came from, when it was generated.
	Origin *Origin `json:"origin,omitempty"`
	// By names who removed or suppressed the task.
	By string `json:"by,omitempty"`
	// At is when.
	At time.Time `json:"at,omitzero"`
	// Note says why.
	Note string `json:"note,omitempty"`
}

type ref struct {
	task bool
	i    int
}

// requirementKind and taskKind tell the backlog's registers how to handle
// requirements and tasks.
type (
	requirementKind struct{}
	taskKind        struct{}
)

func (requirementKind) Names() (string, string)                       { return register, "requirement" }
func (requirementKind) Lifecycle() *lifecycle.Machine[workitem.State] { return requirementMachine }
func (requirementKind) ID(r *Requirement) string                      { return r.ID }
func (requirementKind) Status(r *Requirement) (*workitem.State, *lifecycle.Reason) {
	return &r.State, &r.Reason
}
func (requirementKind) Clone(r *Requirement) Requirement { return r.Clone() }

func (taskKind) Names() (string, string)                             { return register, "task" }
func (taskKind) Lifecycle() *lifecycle.Machine[workitem.State]       { return taskMachine }
func (taskKind) ID(t *Task) string                                   { return t.ID }
func (taskKind) Status(t *Task) (*workitem.State, *lifecycle.Reason) { return &t.State, &t.Reason }
func (taskKind) Clone(t *Task) Task                                  { return t.Clone() }

// Backlog holds the requirements gathered for a release (sub-activity 1),
// the tasks analysed from them (sub-activity 2), the history of every change
// of state of both, and the generated tasks users removed. Requirement and
// task IDs share one namespace, so that an event's Subject names exactly
// one item.
//
// The zero Backlog is empty and ready to use with the CMMI lifecycles
// ([RequirementLifecycle], [TaskLifecycle]). A Backlog is not safe for
// concurrent modification; methods that only read may run concurrently.
//
// Every method that changes the backlog either succeeds completely or
// returns an error and changes nothing. Values returned are copies:
// changing them does not change the backlog.
type Backlog struct {
	requirements workitem.Register[Requirement, requirementKind]
	tasks        workitem.Register[Task, taskKind]
	events       []Event
	suppressed   []Suppression
	demands      map[string]string // demand ID -> task ID, built by the changes that need it
}

func (b *Backlog) rules() (req, task *stateRules) {
	req, task = requirementRules, taskRules
	if m := b.requirements.Lifecycle(); m != requirementMachine {
		req = rulesOf(m)
	}
	if m := b.tasks.Lifecycle(); m != taskMachine {
		task = rulesOf(m)
	}
	return req, task
}

// Lifecycles returns the machines the backlog enforces.
func (b *Backlog) Lifecycles() (requirement, task *lifecycle.Machine[workitem.State]) {
	return b.requirements.Lifecycle(), b.tasks.Lifecycle()
}

// SetLifecycles makes the backlog enforce the given machines, such as the
// CMMI ones extended with a company's reasons through WithReasons; nil
// means the CMMI default. Both must create items in Proposed, and the
// content and history must be valid under them; otherwise the backlog is
// unchanged and the error wraps ErrInvalidLifecycle.
func (b *Backlog) SetLifecycles(requirement, task *lifecycle.Machine[workitem.State]) error {
	requirement, err := b.requirements.CheckLifecycle(requirement)
	if err != nil {
		return err
	}
	task, err = b.tasks.CheckLifecycle(task)
	if err != nil {
		return err
	}
	trial := *b
	trial.requirements.SetLifecycle(requirement)
	trial.tasks.SetLifecycle(task)
	var probs validation.List
	rr, tr := trial.rules()
	for i, r := range trial.requirements.Items() {
		checkState(&probs, loc{pRequirements, i}, rr, r.State, r.Reason)
	}
	for i := range trial.tasks.Items() {
		t := trial.tasks.At(i)
		checkState(&probs, loc{pTasks, i}, tr, t.State, t.Reason)
	}
	trial.validateHistory(&probs)
	if bl := probs.Blocking(); len(bl) > 0 {
		return &OpError{Register: register, Op: "set lifecycles", Err: ErrInvalidLifecycle, Detail: bl[0].Error()}
	}
	b.requirements.SetLifecycle(requirement)
	b.tasks.SetLifecycle(task)
	return nil
}

// lookup finds the requirement or task with the ID (a requirement first,
// should a task have the same ID). It never writes to the backlog.
func (b *Backlog) lookup(id string) (ref, bool) {
	if i, ok := b.requirements.Find(id); ok {
		return ref{i: i}, true
	}
	i, ok := b.tasks.Find(id)
	return ref{task: true, i: i}, ok
}

// resolver looks IDs up as lookup does, faster when most IDs name tasks:
// it asks the requirements only when some ID names both.
type resolver struct {
	b      *Backlog
	shared bool
}

func (b *Backlog) resolver() resolver {
	x := resolver{b: b}
	for i := range b.requirements.Items() {
		if b.tasks.Has(b.requirements.At(i).ID) {
			x.shared = true
			break
		}
	}
	return x
}

func (x resolver) find(id string) (ref, bool) {
	if i, ok := x.b.tasks.Find(id); ok {
		if x.shared {
			if j, ok := x.b.requirements.Find(id); ok {
				return ref{i: j}, true
			}
		}
		return ref{task: true, i: i}, true
	}
	i, ok := x.b.requirements.Find(id)
	return ref{i: i}, ok
}

// demandIndex returns the demand index, building it when a change needs it;
// with duplicate demand IDs the first task wins.
func (b *Backlog) demandIndex() map[string]string {
	if b.demands == nil {
		b.demands = make(map[string]string)
		for i := range b.tasks.Items() {
			t := b.tasks.At(i)
			for _, d := range t.Demands {
				if _, dup := b.demands[d.ID]; !dup {
					b.demands[d.ID] = t.ID
				}
			}
		}
	}
	return b.demands
}

// reserve makes room for n more tasks.
func (b *Backlog) reserve(n int) {
	if n <= 0 {
		return
	}
	b.tasks.Grow(n)
	b.events = slices.Grow(b.events, n)
}

// NumRequirements returns the number of requirements.
func (b *Backlog) NumRequirements() int { return b.requirements.Len() }

// NumTasks returns the number of tasks.
func (b *Backlog) NumTasks() int { return b.tasks.Len() }

// Has reports whether a requirement or task has the ID.
func (b *Backlog) Has(id string) bool {
	_, ok := b.lookup(id)
	return ok
}

// Requirement returns a copy of the requirement with the ID.
func (b *Backlog) Requirement(id string) (Requirement, bool) {
	return b.requirements.Get(id)
}

// Task returns a copy of the task with the ID.
func (b *Backlog) Task(id string) (Task, bool) {
	return b.tasks.Get(id)
}

// Requirements returns copies of the requirements, in the order added.
func (b *Backlog) Requirements() []Requirement {
	return b.requirements.Clones()
}

// Tasks returns copies of the tasks, in the order added.
func (b *Backlog) Tasks() []Task {
	return b.tasks.Clones()
}

// Events returns the history of changes of state, oldest first.
func (b *Backlog) Events() []Event {
	if len(b.events) == 0 {
		return nil
	}
	return slices.Clone(b.events)
}

// History returns the events of one requirement or task, oldest first.
func (b *Backlog) History(id string) []Event {
	return workitem.History(b.events, id)
}

// Suppressed returns the tombstones of removed generated tasks.
func (b *Backlog) Suppressed() []Suppression {
	if len(b.suppressed) == 0 {
		return nil
	}
	out := slices.Clone(b.suppressed)
	for i := range out {
		if o := out[i].Origin; o != nil {
			c := *o
			out[i].Origin = &c
		}
	}
	return out
}

// IsSuppressed reports whether Expand must not generate the task ID.
func (b *Backlog) IsSuppressed(taskID string) bool {
	return slices.ContainsFunc(b.suppressed, func(s Suppression) bool { return s.Task == taskID })
}

// Demands returns every task's demands, in task order, with TaskID set to
// the task's ID: what the tasks need, for a resource pool.
func (b *Backlog) Demands() []resource.Demand {
	var out []resource.Demand
	for i := range b.tasks.Items() {
		out = append(out, b.tasks.At(i).ResolvedDemands()...)
	}
	return out
}

// AddRequirement adds r in the Proposed state and records its creation with
// ch (ch.Reason empty means "New"). r.State and r.Reason must be zero or
// already the initial state and creation reason. It returns a
// validation.List when r has blocking problems (warnings do not block), an
// *OpError wrapping validation.ErrDuplicate or ErrStateChange, or a
// *lifecycle.TransitionError for an unknown creation reason, and then
// changes nothing.
func (b *Backlog) AddRequirement(r Requirement, ch lifecycle.Change) error {
	ev, err := b.requirements.Create("add requirement", r.ID, r.State, r.Reason, ch)
	if err != nil {
		return err
	}
	r = r.Clone()
	r.State, r.Reason = ev.To, ev.Reason
	rr, _ := b.rules()
	var probs validation.List
	r.validate(&probs, alone, rr)
	if err := probs.Blocking().Err(); err != nil {
		return err
	}
	if b.Has(r.ID) {
		return &OpError{Register: register, Op: "add requirement", ID: r.ID, Err: validation.ErrDuplicate}
	}
	b.requirements.Add(r)
	b.events = append(b.events, ev)
	return nil
}

// checkTaskRefs checks t's references against the backlog: requirements,
// predecessors, demand IDs, and (for an update, when self >= 0 is t's
// position) that no new predecessor makes a cycle.
func (b *Backlog) checkTaskRefs(l *validation.List, t *Task, self int) {
	for k, id := range t.Requirements {
		if r, ok := b.lookup(id); !ok || r.task {
			l.Add(validation.NotFound(validation.NewPath("requirements").Index(k), CodeTaskRequirement, "requirement", id))
		}
	}
	for k, d := range t.Dependencies {
		if d.Task == t.ID {
			continue
		}
		r, ok := b.lookup(d.Task)
		if !ok || !r.task {
			l.Add(validation.NotFound(validation.NewPath("dependencies").Index(k).Child("task"), CodeDependencyTask, "task", d.Task))
			continue
		}
		if self >= 0 && !b.tasks.At(self).DependsOn(d.Task) {
			if cyc := b.pathTo(d.Task, t.ID); cyc != nil {
				cyc = append(cyc, t.ID)
				l.Add(validation.Invalid(validation.NewPath("dependencies").Index(k).Child("task"), CodeDependencyCycle, "dependency cycle: %s", joinCycle(cyc)))
			}
		}
	}
	demands := b.demandIndex()
	for k, d := range t.Demands {
		if owner, ok := demands[d.ID]; ok && owner != t.ID && d.ID != "" {
			l.Add(validation.Duplicate(validation.NewPath("demands").Index(k).Child("id"), CodeDemandDuplicate, d.ID))
		}
		for _, e := range t.Demands[:k] {
			if e.ID == d.ID && d.ID != "" {
				l.Add(validation.Duplicate(validation.NewPath("demands").Index(k).Child("id"), CodeDemandDuplicate, d.ID))
				break
			}
		}
	}
}

// pathTo returns the chain of predecessors leading from task from back to
// task target, in precedence order (target first, from last), or nil when
// from does not depend on target directly or indirectly.
func (b *Backlog) pathTo(from, target string) []string {
	start, ok := b.lookup(from)
	if !ok || !start.task {
		return nil
	}
	parent := map[int]int{start.i: -1}
	stack := []int{start.i}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, d := range b.tasks.At(v).Dependencies {
			if d.Task == target {
				out := []string{target}
				for u := v; u >= 0; u = parent[u] {
					out = append(out, b.tasks.At(u).ID)
				}
				return out
			}
			r, ok := b.lookup(d.Task)
			if !ok || !r.task {
				continue
			}
			if _, seen := parent[r.i]; !seen {
				parent[r.i] = v
				stack = append(stack, r.i)
			}
		}
	}
	return nil
}

// AddTask adds t in the Proposed state and records its creation with ch.
// Its requirements and predecessors must already be in the backlog and its
// demand IDs unused. Errors are as for AddRequirement; dangling references
// are problems of the returned validation.List.
func (b *Backlog) AddTask(t Task, ch lifecycle.Change) error {
	if t.Origin != nil {
		return &OpError{Register: register, Op: "add task", ID: t.ID, Err: ErrStateChange, Detail: "origin is set by Expand"}
	}
	return b.addTask(t, ch)
}

func (b *Backlog) addTask(t Task, ch lifecycle.Change) error {
	ev, err := b.tasks.Create("add task", t.ID, t.State, t.Reason, ch)
	if err != nil {
		return err
	}
	t = t.Clone()
	t.State, t.Reason = ev.To, ev.Reason
	_, tr := b.rules()
	var probs validation.List
	t.validate(&probs, alone, tr)
	b.checkTaskRefs(&probs, &t, -1)
	if err := probs.Blocking().Err(); err != nil {
		return err
	}
	if b.Has(t.ID) {
		return &OpError{Register: register, Op: "add task", ID: t.ID, Err: validation.ErrDuplicate}
	}
	b.tasks.Add(t)
	demands := b.demandIndex()
	for _, d := range t.Demands {
		demands[d.ID] = t.ID
	}
	b.events = append(b.events, ev)
	return nil
}

// UpdateRequirement replaces the requirement with r's ID by r. State and
// Reason must be unchanged (they change through Transition). It returns an
// *OpError wrapping validation.ErrNotFound or ErrStateChange, or a validation.List of
// blocking problems, and then changes nothing.
func (b *Backlog) UpdateRequirement(r Requirement) error {
	at, ok := b.requirements.Find(r.ID)
	if !ok {
		return &OpError{Register: register, Op: "update requirement", ID: r.ID, Err: validation.ErrNotFound}
	}
	old := b.requirements.At(at)
	if r.State != old.State || r.Reason != old.Reason {
		return &OpError{Register: register, Op: "update requirement", ID: r.ID, Err: ErrStateChange}
	}
	rr, _ := b.rules()
	var probs validation.List
	r.validate(&probs, alone, rr)
	if err := probs.Blocking().Err(); err != nil {
		return err
	}
	*old = r.Clone()
	return nil
}

// UpdateTask replaces the task with t's ID by t. State, Reason and Origin
// must be unchanged. Its requirements and predecessors must be in the
// backlog, no new predecessor may close a dependency cycle, and its demand
// IDs must not be used by another task. Errors are as for
// UpdateRequirement.
func (b *Backlog) UpdateTask(t Task) error {
	at, ok := b.lookup(t.ID)
	if !ok || !at.task {
		return &OpError{Register: register, Op: "update task", ID: t.ID, Err: validation.ErrNotFound}
	}
	old := b.tasks.At(at.i)
	if t.State != old.State || t.Reason != old.Reason || !sameOrigin(t.Origin, old.Origin) {
		return &OpError{Register: register, Op: "update task", ID: t.ID, Err: ErrStateChange}
	}
	_, tr := b.rules()
	var probs validation.List
	t.validate(&probs, alone, tr)
	b.checkTaskRefs(&probs, &t, at.i)
	if err := probs.Blocking().Err(); err != nil {
		return err
	}
	demands := b.demandIndex()
	for _, d := range old.Demands {
		delete(demands, d.ID)
	}
	*old = t.Clone()
	for _, d := range old.Demands {
		demands[d.ID] = old.ID
	}
	return nil
}

func sameOrigin(a, b *Origin) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// SetTracker records where the requirement or task with the ID was entered
// in a work tracker. It returns an *OpError wrapping validation.ErrNotFound, or a
// validation.List when ref lacks its system or ID.
func (b *Backlog) SetTracker(id string, tr TrackerRef) error {
	at, ok := b.lookup(id)
	if !ok {
		return &OpError{Register: register, Op: "set tracker", ID: id, Err: validation.ErrNotFound}
	}
	var probs validation.List
	checkTracker(&probs, alone, tr)
	if err := probs.Err(); err != nil {
		return err
	}
	if at.task {
		b.tasks.At(at.i).Tracker = tr
	} else {
		b.requirements.At(at.i).Tracker = tr
	}
	return nil
}

// Transition moves the requirement or task with the ID to state to, as its
// lifecycle allows, and records the event (who, when, from, to, reason)
// from ch; ch.Reason empty means the move's default reason. It returns the
// recorded event. A refused move returns a *lifecycle.TransitionError
// (errors.Is lifecycle.ErrInvalidTransition or lifecycle.ErrUnknownReason)
// or an *OpError wrapping validation.ErrNotFound, and changes nothing.
func (b *Backlog) Transition(id string, to workitem.State, ch lifecycle.Change) (Event, error) {
	at, ok := b.lookup(id)
	if !ok {
		return Event{}, &OpError{Register: register, Op: "transition", ID: id, Err: validation.ErrNotFound}
	}
	if at.task {
		return b.tasks.Move(at.i, to, ch, &b.events)
	}
	return b.requirements.Move(at.i, to, ch, &b.events)
}

// SetBlocked sets or clears the Blocked flag of the task with the ID.
func (b *Backlog) SetBlocked(id string, blocked bool) error {
	at, ok := b.lookup(id)
	if !ok || !at.task {
		return &OpError{Register: register, Op: "set blocked", ID: id, Err: validation.ErrNotFound}
	}
	b.tasks.At(at.i).Blocked = blocked
	return nil
}

// Remove deletes the requirement or task with the ID, with its creation
// event. Only an item entered in error may go: one still in its initial
// state with no event beyond its creation; anything that has moved stays so
// that its history is kept (close it instead, a task for example as Cut).
// A requirement that a task serves cannot be removed. Removing a task also
// removes the dependencies other tasks have on it (the tasks around it are
// not re-linked).
//
// Removing a generated task (one with an Origin) records a [Suppression]
// with ch's By, At and Note, so that Expand does not generate it again.
//
// A refused removal returns an *OpError wrapping validation.ErrNotFound or
// ErrNotRemovable and changes nothing.
func (b *Backlog) Remove(id string, ch lifecycle.Change) error {
	at, ok := b.lookup(id)
	if !ok {
		return &OpError{Register: register, Op: "remove", ID: id, Err: validation.ErrNotFound}
	}
	var creation int
	var err error
	if at.task {
		creation, err = b.tasks.Removable(at.i, b.events)
	} else {
		creation, err = b.requirements.Removable(at.i, b.events)
	}
	if err != nil {
		return err
	}
	if !at.task {
		for i := range b.tasks.Items() {
			if t := b.tasks.At(i); t.Serves(id) {
				return &OpError{Register: register, Op: "remove", ID: id, Err: ErrNotRemovable, Detail: "task " + t.ID + " serves it"}
			}
		}
		b.requirements.Delete(at.i)
	} else {
		t := b.tasks.At(at.i)
		if t.Origin != nil && !b.IsSuppressed(id) {
			o := *t.Origin
			b.suppressed = append(b.suppressed, Suppression{Task: id, Origin: &o, By: ch.By, At: ch.At, Note: ch.Note})
		}
		b.tasks.Delete(at.i)
		for i := range b.tasks.Items() {
			if t := b.tasks.At(i); t.DependsOn(id) {
				t.Dependencies = slices.DeleteFunc(slices.Clone(t.Dependencies), func(d Dependency) bool { return d.Task == id })
			}
		}
		b.demands = nil
	}
	if creation >= 0 {
		b.events = slices.Delete(b.events, creation, creation+1)
	}
	return nil
}

// Suppress records that Expand must not generate the task ID (for example
// a step a launch does not need, before it was ever generated). The ID must
// not name a task of the backlog: remove the task instead. Suppressing an
// ID already suppressed changes nothing.
func (b *Backlog) Suppress(s Suppression) error {
	if p := idProblem(s.Task); p != "" {
		return validation.List{validation.Invalid(validation.NewPath("task"), CodeSuppressed, "task ID %q %s", clip(s.Task), p)}
	}
	if b.Has(s.Task) {
		return &OpError{Register: register, Op: "suppress", ID: s.Task, Err: validation.ErrDuplicate, Detail: "remove the task instead"}
	}
	if b.IsSuppressed(s.Task) {
		return nil
	}
	if s.Origin != nil {
		o := *s.Origin
		s.Origin = &o
	}
	b.suppressed = append(b.suppressed, s)
	return nil
}

// Unsuppress forgets the tombstone of the task ID, so that the next Expand
// generates the task again, and reports whether there was one.
func (b *Backlog) Unsuppress(taskID string) bool {
	n := len(b.suppressed)
	b.suppressed = slices.DeleteFunc(b.suppressed, func(s Suppression) bool { return s.Task == taskID })
	return len(b.suppressed) != n
}

// Clone returns an independent deep copy of the backlog.
func (b *Backlog) Clone() *Backlog {
	c := &Backlog{requirements: b.requirements.Clone(), tasks: b.tasks.Clone()}
	c.events = slices.Clone(b.events)
	c.suppressed = b.Suppressed()
	return c
}
