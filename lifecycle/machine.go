package lifecycle

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rolloutkit/rollout/validation"
)

// ErrInvalidTransition is wrapped by the error for a move the lifecycle does
// not allow, such as Closed to Resolved.
var ErrInvalidTransition = validation.Sentinel(validation.ErrConflict, "transition not allowed")

// ErrUnknownReason is wrapped by the error for an allowed move given a
// reason that is not among the move's reasons.
var ErrUnknownReason = validation.Sentinel(validation.ErrNotSupported, "reason not allowed for this transition")

// ErrChangeIncomplete is wrapped by the error for a move whose Change does
// not say who made it (By) or when (At); see [Change.Check].
var ErrChangeIncomplete = validation.Sentinel(validation.ErrRequired, "change needs who and when")

// ErrInvalidMachine is wrapped by the error New returns for a malformed
// table.
var ErrInvalidMachine = validation.Sentinel(validation.ErrInvalid, "invalid lifecycle table")

// Reason explains a transition, such as "Mitigation Triggered".
type Reason string

// Rule allows the move From to To for any of Reasons. The first reason is
// the default, used when a caller gives none.
type Rule[S comparable] struct {
	From    S
	To      S
	Reasons []Reason
}

// Machine is an immutable table of allowed transitions between states of
// type S. A Machine is safe for concurrent use.
type Machine[S comparable] struct {
	name    string
	initial S
	created []Reason
	rules   []Rule[S]
}

// New returns the machine called name whose items start in initial for one
// of created (the first is the default), and may then move as rules allow.
// It returns an error wrapping ErrInvalidMachine when a rule has no reason,
// repeats a move, or moves a state to itself.
func New[S comparable](name string, initial S, created []Reason, rules ...Rule[S]) (*Machine[S], error) {
	m := &Machine[S]{name: name, initial: initial, created: slices.Clone(created)}
	if len(created) == 0 {
		return nil, fmt.Errorf("lifecycle %s: %w: no reason for creation", name, ErrInvalidMachine)
	}
	for i, r := range rules {
		if len(r.Reasons) == 0 {
			return nil, fmt.Errorf("lifecycle %s: %w: rule %d (%v to %v) has no reason", name, ErrInvalidMachine, i, r.From, r.To)
		}
		if r.From == r.To {
			return nil, fmt.Errorf("lifecycle %s: %w: rule %d moves %v to itself", name, ErrInvalidMachine, i, r.From)
		}
		for _, q := range m.rules {
			if q.From == r.From && q.To == r.To {
				return nil, fmt.Errorf("lifecycle %s: %w: %v to %v listed twice", name, ErrInvalidMachine, r.From, r.To)
			}
		}
		m.rules = append(m.rules, Rule[S]{From: r.From, To: r.To, Reasons: slices.Clone(r.Reasons)})
	}
	return m, nil
}

// MustNew is like New but panics on error. It exists for tables written as
// literals in a package; never use it on input.
func MustNew[S comparable](name string, initial S, created []Reason, rules ...Rule[S]) *Machine[S] {
	m, err := New(name, initial, created, rules...)
	if err != nil {
		panic(err)
	}
	return m
}

// Name returns the lifecycle's name, such as "risk".
func (m *Machine[S]) Name() string { return m.name }

// Initial returns the state items are created in.
func (m *Machine[S]) Initial() S { return m.initial }

// CreationReasons returns the reasons an item may be created for; the first
// is the default.
func (m *Machine[S]) CreationReasons() []Reason { return slices.Clone(m.created) }

// Rules returns a copy of the table, in its order.
func (m *Machine[S]) Rules() []Rule[S] {
	out := make([]Rule[S], len(m.rules))
	for i, r := range m.rules {
		out[i] = Rule[S]{From: r.From, To: r.To, Reasons: slices.Clone(r.Reasons)}
	}
	return out
}

// States returns every state the table names, the initial one first, then
// in order of first appearance.
func (m *Machine[S]) States() []S {
	out := []S{m.initial}
	for _, r := range m.rules {
		for _, s := range []S{r.From, r.To} {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

func (m *Machine[S]) rule(from, to S) (Rule[S], bool) {
	for _, r := range m.rules {
		if r.From == from && r.To == to {
			return r, true
		}
	}
	return Rule[S]{}, false
}

// From returns the moves permitted from state from, in table order.
func (m *Machine[S]) From(from S) []Rule[S] {
	var out []Rule[S]
	for _, r := range m.rules {
		if r.From == from {
			out = append(out, Rule[S]{From: r.From, To: r.To, Reasons: slices.Clone(r.Reasons)})
		}
	}
	return out
}

// Can reports whether the move from to to is in the table.
func (m *Machine[S]) Can(from, to S) bool {
	_, ok := m.rule(from, to)
	return ok
}

// Reasons returns the reasons allowed for the move from to to, the default
// first, or nil when the move is not allowed.
func (m *Machine[S]) Reasons(from, to S) []Reason {
	r, ok := m.rule(from, to)
	if !ok {
		return nil
	}
	return slices.Clone(r.Reasons)
}

// Check reports whether an item in state from may move to state to for
// reason. An empty reason means the move's default reason. It returns the
// reason to record, or a *TransitionError.
func (m *Machine[S]) Check(from, to S, reason Reason) (Reason, error) {
	r, ok := m.rule(from, to)
	if !ok {
		return "", &TransitionError{Lifecycle: m.name, From: fmt.Sprint(from), To: fmt.Sprint(to), Reason: reason, Allowed: m.targets(from), Err: ErrInvalidTransition}
	}
	if reason == "" {
		return r.Reasons[0], nil
	}
	if !slices.Contains(r.Reasons, reason) {
		return "", &TransitionError{Lifecycle: m.name, From: fmt.Sprint(from), To: fmt.Sprint(to), Reason: reason, Allowed: reasonStrings(r.Reasons), Err: ErrUnknownReason}
	}
	return reason, nil
}

// CheckCreate reports whether an item may be created for reason, and
// returns the reason to record (the default for an empty one).
func (m *Machine[S]) CheckCreate(reason Reason) (Reason, error) {
	if reason == "" {
		return m.created[0], nil
	}
	if !slices.Contains(m.created, reason) {
		return "", &TransitionError{Lifecycle: m.name, From: "", To: fmt.Sprint(m.initial), Reason: reason, Allowed: reasonStrings(m.created), Err: ErrUnknownReason}
	}
	return reason, nil
}

func (m *Machine[S]) targets(from S) []string {
	var out []string
	for _, r := range m.rules {
		if r.From == from {
			out = append(out, fmt.Sprint(r.To))
		}
	}
	return out
}

func reasonStrings(rs []Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}

// WithReasons returns a machine that also accepts extra reasons for the move
// from to to, after the existing ones. It returns an error wrapping
// ErrInvalidTransition if the move is not in the table. m is unchanged.
func (m *Machine[S]) WithReasons(from, to S, extra ...Reason) (*Machine[S], error) {
	n := &Machine[S]{name: m.name, initial: m.initial, created: slices.Clone(m.created), rules: m.Rules()}
	for i := range n.rules {
		r := &n.rules[i]
		if r.From == from && r.To == to {
			for _, e := range extra {
				if e != "" && !slices.Contains(r.Reasons, e) {
					r.Reasons = append(r.Reasons, e)
				}
			}
			return n, nil
		}
	}
	return nil, &TransitionError{Lifecycle: m.name, From: fmt.Sprint(from), To: fmt.Sprint(to), Allowed: m.targets(from), Err: ErrInvalidTransition}
}

// Mermaid draws the lifecycle as a Mermaid state diagram, one arrow per
// rule labelled with its reasons.
func (m *Machine[S]) Mermaid() string {
	var b strings.Builder
	b.WriteString("stateDiagram-v2\n")
	fmt.Fprintf(&b, "    [*] --> %s: %s\n", mermaidID(m.initial), joinReasons(m.created))
	for _, r := range m.rules {
		fmt.Fprintf(&b, "    %s --> %s: %s\n", mermaidID(r.From), mermaidID(r.To), joinReasons(r.Reasons))
	}
	return b.String()
}

func mermaidID[S any](s S) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == ':' {
			return '_'
		}
		return r
	}, fmt.Sprint(s))
}

func joinReasons(rs []Reason) string {
	s := strings.Join(reasonStrings(rs), "; ")
	return strings.ReplaceAll(s, ":", " ")
}

// TransitionError describes a refused move.
type TransitionError struct {
	// Lifecycle names the machine, such as "risk".
	Lifecycle string
	// Subject identifies the item, when known, such as "R12".
	Subject string
	// From and To are the states of the move; From is empty for creation.
	From, To string
	// Reason is the reason that was given.
	Reason Reason
	// Allowed lists what would have been accepted: the states reachable
	// from From, or the reasons of the move.
	Allowed []string
	// Err is ErrInvalidTransition or ErrUnknownReason.
	Err error
}

// Error explains the refusal and what would have been allowed.
func (e *TransitionError) Error() string {
	var b strings.Builder
	b.WriteString(e.Lifecycle)
	if e.Subject != "" {
		b.WriteString(" ")
		b.WriteString(e.Subject)
	}
	b.WriteString(": ")
	switch {
	case errors.Is(e.Err, ErrUnknownReason):
		fmt.Fprintf(&b, "reason %q is not allowed from %s to %s (allowed: %s)", e.Reason, orNew(e.From), e.To, strings.Join(e.Allowed, "; "))
	default:
		fmt.Fprintf(&b, "cannot move from %s to %s", orNew(e.From), e.To)
		if len(e.Allowed) > 0 {
			fmt.Fprintf(&b, " (allowed from %s: %s)", orNew(e.From), strings.Join(e.Allowed, ", "))
		} else {
			fmt.Fprintf(&b, " (no move is allowed from %s)", orNew(e.From))
		}
	}
	return b.String()
}

func orNew(s string) string {
	if s == "" {
		return "new"
	}
	return s
}

// Unwrap returns ErrInvalidTransition or ErrUnknownReason.
func (e *TransitionError) Unwrap() error { return e.Err }

// Change is what a caller supplies with a move: who made it, when, why,
// and an optional note. The library never reads the clock itself.
//
// Every recorded move needs By (not blank) and At (not zero): a move given
// a Change without them is refused with an error wrapping
// [ErrChangeIncomplete] (which matches validation.ErrRequired) and changes
// nothing. Reason and Note are optional. [Change.Check] applies the rule.
type Change struct {
	// By names the person or system making the change.
	By string `json:"by,omitempty"`
	// At is when the change was made.
	At time.Time `json:"at,omitzero"`
	// Reason explains the move; empty means the move's default reason.
	Reason Reason `json:"reason,omitempty"`
	// Note is free text kept with the event.
	Note string `json:"note,omitempty"`
}

// Event records one accepted move of one item.
type Event[S comparable] struct {
	// Subject identifies the item, such as "R12".
	Subject string `json:"subject"`
	// From is the state before; the zero S for creation.
	From S `json:"from,omitzero"`
	// To is the state after.
	To S `json:"to"`
	// Reason is the reason recorded for the move.
	Reason Reason `json:"reason"`
	// By names who made the change.
	By string `json:"by,omitempty"`
	// At is when the change was made.
	At time.Time `json:"at,omitzero"`
	// Note is free text.
	Note string `json:"note,omitempty"`
}

// Check reports whether ch carries what every recorded move needs: who
// (By, not blank) and when (At, not zero). It returns nil or an error
// wrapping ErrChangeIncomplete that names what is missing.
func (ch Change) Check() error {
	var missing []string
	if strings.TrimSpace(ch.By) == "" {
		missing = append(missing, "by (who)")
	}
	if ch.At.IsZero() {
		missing = append(missing, "at (when)")
	}
	if len(missing) == 0 {
		return nil
	}
	return fmt.Errorf("%w: missing %s", ErrChangeIncomplete, strings.Join(missing, " and "))
}

// Apply checks the move of subject from from to to with ch and returns the
// event to record. On error the event is zero and the error is a
// *TransitionError naming subject, or, when ch lacks By or At, an error
// wrapping ErrChangeIncomplete.
func (m *Machine[S]) Apply(subject string, from, to S, ch Change) (Event[S], error) {
	if err := ch.Check(); err != nil {
		return Event[S]{}, fmt.Errorf("%s %s: %w", m.name, subject, err)
	}
	reason, err := m.Check(from, to, ch.Reason)
	if err != nil {
		var te *TransitionError
		if errors.As(err, &te) {
			te.Subject = subject
		}
		return Event[S]{}, err
	}
	return Event[S]{Subject: subject, From: from, To: to, Reason: reason, By: ch.By, At: ch.At, Note: ch.Note}, nil
}

// Create checks the creation of subject with ch and returns the event to
// record. A ch without By or At is refused with an error wrapping
// ErrChangeIncomplete.
func (m *Machine[S]) Create(subject string, ch Change) (Event[S], error) {
	if err := ch.Check(); err != nil {
		return Event[S]{}, fmt.Errorf("%s %s: %w", m.name, subject, err)
	}
	reason, err := m.CheckCreate(ch.Reason)
	if err != nil {
		var te *TransitionError
		if errors.As(err, &te) {
			te.Subject = subject
		}
		return Event[S]{}, err
	}
	var zero S
	return Event[S]{Subject: subject, From: zero, To: m.initial, Reason: reason, By: ch.By, At: ch.At, Note: ch.Note}, nil
}
