package plan

import "time"

// EventKind says what an event is about.
type EventKind string

// Event kinds the plan records.
const (
	EventActivity    EventKind = "activity"
	EventRequirement EventKind = "requirement"
	EventTask        EventKind = "task"
	EventRisk        EventKind = "risk"
	EventIssue       EventKind = "issue"
	EventCommitment  EventKind = "commitment"
	EventGate        EventKind = "gate"
	EventBaseline    EventKind = "baseline"
	EventDecision    EventKind = "decision"
	EventRevision    EventKind = "revision"
	EventWaiver      EventKind = "waiver"
	EventRole        EventKind = "role"
)

// Event records one accepted change to the plan: a transition, a
// commitment, a gate result, a baseline, a vote, a new revision.
type Event struct {
	// Seq numbers the plan's events from 1, in order.
	Seq int `json:"seq" jsonschema:"minimum=1"`
	// Revision is the plan revision current when the event happened.
	Revision int `json:"revision" jsonschema:"minimum=0"`
	// Kind says what the event is about.
	Kind EventKind `json:"kind"`
	// Subject identifies what changed, such as "R3" or "T12".
	Subject string `json:"subject,omitempty"`
	// From and To are the states before and after, where the event is a
	// transition.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	// Reason explains the change.
	Reason string `json:"reason,omitempty"`
	// By names who made the change.
	By string `json:"by,omitempty"`
	// At is when the change was made.
	At time.Time `json:"at,omitzero"`
	// Note is free text, such as a gate's summary.
	Note string `json:"note,omitempty"`
}

// Observer is called with every event the plan records, after the change
// has been applied. Observers run synchronously in the caller's goroutine
// and must not change the plan.
type Observer func(Event)
