package workitem

import (
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
)

// Event is a recorded change of state of a work item: who, when, from,
// to, why.
type Event = lifecycle.Event[State]

// Errors that every register of work items (package backlog for
// requirements and tasks, package risk for risks and issues) wraps in an
// *[OpError]. Unknown and taken IDs wrap validation.ErrNotFound and
// validation.ErrDuplicate; refused transitions are *lifecycle.TransitionError
// values (validation.ErrConflict); content problems are validation.List
// values.
var (
	// ErrStateChange: an add or update tried to set the state, the reason
	// or a link that changes only through a transition of the register.
	ErrStateChange = validation.Sentinel(validation.ErrForbidden, "state, reason and links change only through transitions")
	// ErrNotRemovable: the item has moved or is referred to; close it
	// instead.
	ErrNotRemovable = validation.Sentinel(validation.ErrConflict, "item cannot be removed")
	// ErrInvalidLifecycle: a lifecycle given to a register does not start
	// in Proposed or does not fit the recorded history.
	ErrInvalidLifecycle = validation.Sentinel(validation.ErrInvalid, "lifecycle does not fit the register")
)

// OpError describes a refused operation on a register of work items, the
// same for every work item type.
type OpError struct {
	// Register names the register, such as "backlog" or "risk".
	Register string
	// Op is the operation, such as "add task" or "remove".
	Op string
	// ID is the work item concerned.
	ID string
	// Detail says more, when there is more to say.
	Detail string
	// Err is validation.ErrNotFound, validation.ErrDuplicate or one of
	// this package's errors.
	Err error
}

// Error renders the refusal, such as "backlog: remove T1: not found".
func (e *OpError) Error() string {
	s := e.Op + " " + e.ID + ": " + e.Err.Error()
	if e.Register != "" {
		s = e.Register + ": " + s
	}
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return s
}

// Unwrap returns the error wrapped.
func (e *OpError) Unwrap() error { return e.Err }

// History returns the events of the item id in events, oldest first.
func History(events []Event, id string) []Event {
	var out []Event
	for _, e := range events {
		if e.Subject == id {
			out = append(out, e)
		}
	}
	return out
}

// Create checks that an item being added carries no state and reason of
// its own other than those of its creation by m, and returns the creation
// event. A refusal is a *lifecycle.TransitionError (an unknown creation
// reason) or an *OpError wrapping ErrStateChange.
func Create(m *lifecycle.Machine[State], register, op, id string, state State, reason lifecycle.Reason, ch lifecycle.Change) (Event, error) {
	ev, err := m.Create(id, ch)
	if err != nil {
		return Event{}, err
	}
	if (state != 0 && state != ev.To) || (reason != "" && reason != ev.Reason) {
		return Event{}, &OpError{Register: register, Op: op, ID: id, Err: ErrStateChange,
			Detail: "a new " + m.Name() + " starts in " + ev.To.String() + " for " + string(ev.Reason)}
	}
	return ev, nil
}

// Removable applies the rule every register removes items by: only an
// item logged in error may go, that is one still in the initial state of
// its lifecycle whose history holds nothing beyond its creation. It
// returns the position of the creation event in events (-1 when there is
// none), or an *OpError wrapping ErrNotRemovable. Links to the item are
// the register's own question.
func Removable(register, id string, state, initial State, events []Event) (int, error) {
	if state != initial {
		return -1, &OpError{Register: register, Op: "remove", ID: id, Err: ErrNotRemovable, Detail: "it is " + state.String() + "; close it instead"}
	}
	creation := -1
	for k, e := range events {
		if e.Subject != id {
			continue
		}
		if e.From != 0 || creation >= 0 {
			return -1, &OpError{Register: register, Op: "remove", ID: id, Err: ErrNotRemovable, Detail: "it has changed state; close it instead"}
		}
		creation = k
	}
	return creation, nil
}

// Move moves an item from *state to to as m allows, with the event (who,
// when, from, to, reason) from ch; ch.Reason empty means the move's
// default reason. On success it sets *state and *reason, appends the event
// to *events and returns it; a refused move is a *lifecycle.TransitionError
// and changes nothing.
func Move(m *lifecycle.Machine[State], id string, state *State, reason *lifecycle.Reason, to State, ch lifecycle.Change, events *[]Event) (Event, error) {
	ev, err := m.Apply(id, *state, to, ch)
	if err != nil {
		return Event{}, err
	}
	*state, *reason = ev.To, ev.Reason
	*events = append(*events, ev)
	return ev, nil
}
