package workitem

import (
	"slices"

	"github.com/rolloutkit/rollout/lifecycle"
)

// Kind tells a [Register] how to handle one kind of work item T (a
// requirement, a task, a risk, an issue): the names used in errors, the
// default lifecycle, and how to reach the fields every work item has. It is
// implemented by an empty struct type, so that the zero Register is ready
// to use:
//
//	type riskKind struct{}
//	func (riskKind) Names() (register, kind string)             { return "risk", "risk" }
//	func (riskKind) Lifecycle() *lifecycle.Machine[workitem.State] { return riskMachine }
//	func (riskKind) ID(r *Risk) string                          { return r.ID }
//	...
//	var risks workitem.Register[Risk, riskKind]
type Kind[T any] interface {
	// Names returns the register's name and the kind's, for errors
	// ("backlog", "task").
	Names() (register, kind string)
	// Lifecycle returns the default lifecycle of the kind (the CMMI one).
	Lifecycle() *lifecycle.Machine[State]
	// ID returns the item's ID.
	ID(item *T) string
	// Status returns the item's state and reason fields, which only the
	// register's transitions change.
	Status(item *T) (*State, *lifecycle.Reason)
	// Clone returns an independent deep copy of the item.
	Clone(item *T) T
}

// Register holds the work items of one kind in the order added, indexed by
// ID, with the lifecycle they follow. Packages backlog (requirements and
// tasks) and risk (risks and issues) keep their items in Registers; two
// registers share an ID namespace and a history when their owner checks
// both (see Has) and keeps one list of events.
//
// The zero Register is empty, uses the kind's default lifecycle and is
// ready to use. Methods that only read never write to the register, so
// they may run concurrently; a register built by Load or Add has its index,
// one that holds no index (a zero Register) scans. A Register is not safe
// for concurrent modification.
//
// Items returns the register's own slice and At a pointer into it, for the
// owning package's validation and queries; Get and Clones return copies.
type Register[T any, K Kind[T]] struct {
	items []T
	index map[string]int
	lc    *lifecycle.Machine[State]
}

func (r *Register[T, K]) kind() K {
	var k K
	return k
}

// Load replaces the register's items by items (kept, not copied) and
// indexes them; with duplicate IDs (possible only in content that failed
// validation) the first item with an ID is the one Find returns.
func (r *Register[T, K]) Load(items []T) {
	r.items = items
	r.reindex()
}

func (r *Register[T, K]) reindex() {
	k := r.kind()
	r.index = make(map[string]int, len(r.items))
	for i := range r.items {
		id := k.ID(&r.items[i])
		if _, dup := r.index[id]; !dup {
			r.index[id] = i
		}
	}
}

// Len returns the number of items.
func (r *Register[T, K]) Len() int { return len(r.items) }

// Items returns the items themselves, in the order added. The caller must
// not append to the slice nor change IDs, states or reasons.
func (r *Register[T, K]) Items() []T { return r.items }

// At returns a pointer to the i-th item.
func (r *Register[T, K]) At(i int) *T { return &r.items[i] }

// Find returns the position of the item with the ID.
func (r *Register[T, K]) Find(id string) (int, bool) {
	if r.index == nil {
		k := r.kind()
		for i := range r.items {
			if k.ID(&r.items[i]) == id {
				return i, true
			}
		}
		return -1, false
	}
	i, ok := r.index[id]
	return i, ok
}

// IsFirst reports whether the i-th item is the first with its ID (the one
// Find returns); any other holder of the ID is a duplicate.
func (r *Register[T, K]) IsFirst(i int) bool {
	j, ok := r.Find(r.kind().ID(&r.items[i]))
	return ok && j == i
}

// Has reports whether an item has the ID.
func (r *Register[T, K]) Has(id string) bool {
	_, ok := r.Find(id)
	return ok
}

// Get returns a copy of the item with the ID.
func (r *Register[T, K]) Get(id string) (T, bool) {
	i, ok := r.Find(id)
	if !ok {
		var zero T
		return zero, false
	}
	return r.kind().Clone(&r.items[i]), true
}

// Clones returns copies of the items, in the order added.
func (r *Register[T, K]) Clones() []T {
	k := r.kind()
	out := make([]T, len(r.items))
	for i := range r.items {
		out[i] = k.Clone(&r.items[i])
	}
	return out
}

// Lifecycle returns the machine the register enforces: the one given to
// SetLifecycle, or the kind's default.
func (r *Register[T, K]) Lifecycle() *lifecycle.Machine[State] {
	if r.lc == nil {
		return r.kind().Lifecycle()
	}
	return r.lc
}

// CheckLifecycle returns the machine SetLifecycle(m) would enforce (the
// kind's default when m is nil), or an *OpError wrapping
// ErrInvalidLifecycle when it does not create items in Proposed. It does
// not check the recorded history: the owner replays it.
func (r *Register[T, K]) CheckLifecycle(m *lifecycle.Machine[State]) (*lifecycle.Machine[State], error) {
	if m == nil {
		m = r.kind().Lifecycle()
	}
	if m.Initial() != Proposed {
		reg, kind := r.kind().Names()
		return nil, &OpError{Register: reg, Op: "set lifecycles", Err: ErrInvalidLifecycle, Detail: kind + "s must be created in Proposed"}
	}
	return m, nil
}

// SetLifecycle makes the register enforce m (nil: the kind's default)
// without checking it; use CheckLifecycle first.
func (r *Register[T, K]) SetLifecycle(m *lifecycle.Machine[State]) {
	if m == r.kind().Lifecycle() {
		m = nil
	}
	r.lc = m
}

// Create checks that an item with the ID, state and reason may be created
// under op (such as "add task") with the register's lifecycle and returns
// its creation event by ch: the state and reason must be zero or already
// the initial state and creation reason (otherwise an *OpError wrapping
// ErrStateChange). The caller sets the item's state and reason from the
// event (ev.To, ev.Reason), validates it and Adds it. The register is not
// changed.
func (r *Register[T, K]) Create(op, id string, state State, reason lifecycle.Reason, ch lifecycle.Change) (Event, error) {
	reg, _ := r.kind().Names()
	return Create(r.Lifecycle(), reg, op, id, state, reason, ch)
}

// Add appends item, which the caller has validated and whose ID is not
// taken, and indexes it.
func (r *Register[T, K]) Add(item T) {
	if r.index == nil {
		r.reindex()
	}
	r.items = append(r.items, item)
	id := r.kind().ID(&r.items[len(r.items)-1])
	if _, dup := r.index[id]; !dup {
		r.index[id] = len(r.items) - 1
	}
}

// Grow makes room for n more items.
func (r *Register[T, K]) Grow(n int) {
	if n <= 0 {
		return
	}
	r.items = slices.Grow(r.items, n)
	if r.index == nil {
		r.reindex()
	}
	if len(r.index)+n > 2*len(r.index) {
		index := make(map[string]int, len(r.index)+n)
		for id, i := range r.index {
			index[id] = i
		}
		r.index = index
	}
}

// Truncate drops the items after the first n (undoing Adds).
func (r *Register[T, K]) Truncate(n int) {
	if n >= len(r.items) {
		return
	}
	clear(r.items[n:])
	r.items = r.items[:n]
	r.reindex()
}

// Move moves the i-th item to state to as the register's lifecycle allows
// and appends the event to events (see the package function Move).
func (r *Register[T, K]) Move(i int, to State, ch lifecycle.Change, events *[]Event) (Event, error) {
	k := r.kind()
	state, reason := k.Status(&r.items[i])
	return Move(r.Lifecycle(), k.ID(&r.items[i]), state, reason, to, ch, events)
}

// Removable reports whether the i-th item may be removed (see the package
// function Removable) and where its creation event is in events.
func (r *Register[T, K]) Removable(i int, events []Event) (int, error) {
	k := r.kind()
	reg, _ := k.Names()
	state, _ := k.Status(&r.items[i])
	return Removable(reg, k.ID(&r.items[i]), *state, r.Lifecycle().Initial(), events)
}

// Delete removes the i-th item.
func (r *Register[T, K]) Delete(i int) {
	r.items = slices.Delete(r.items, i, i+1)
	r.reindex()
}

// Clone returns an independent deep copy of the register, with the same
// lifecycle.
func (r *Register[T, K]) Clone() Register[T, K] {
	c := Register[T, K]{lc: r.lc}
	c.Load(r.Clones())
	return c
}
