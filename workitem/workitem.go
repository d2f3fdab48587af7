// Package workitem holds the states that CMMI work items share in the MSF
// for CMMI process template (and Azure Boards' CMMI process): Requirement,
// Task, Risk and Issue all move through Proposed, Active, Resolved and
// Closed. The transition tables and reasons of each type live with the type
// (package risk for risks and issues, package backlog for requirements and
// tasks), built on package lifecycle.
//
// It also holds the one mechanism by which every register of work items
// behaves the same: a generic [Register] (the items of one kind in order,
// their ID index, lookups, adds, moves, removals and the lifecycle
// enforced), the one error type [OpError] and the shared sentinels.
package workitem

import "fmt"

// State is the state of a CMMI work item. The zero State means "not yet
// created" and is valid only as the From of a creation event.
type State uint8

// The CMMI work item states.
const (
	// Proposed: the item is logged and awaits triage.
	Proposed State = iota + 1
	// Active: the item is being worked (for a risk: mitigation triggered).
	Active
	// Resolved: the work is done and awaits review or verification.
	Resolved
	// Closed: the item is finished, rejected or cut.
	Closed
)

var stateNames = [...]string{"", "Proposed", "Active", "Resolved", "Closed"}

// States lists the four states in lifecycle order.
func States() []State { return []State{Proposed, Active, Resolved, Closed} }

// String returns the state's name as Azure Boards shows it, such as
// "Active"; the zero State gives "".
func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return fmt.Sprintf("State(%d)", uint8(s))
}

// IsValid reports whether s is one of the four states.
func (s State) IsValid() bool { return s >= Proposed && s <= Closed }

// IsOpen reports whether s is Proposed or Active: the item still needs work.
func (s State) IsOpen() bool { return s == Proposed || s == Active }

// Parse reads a state name as String writes it.
func Parse(text string) (State, error) {
	for i := Proposed; i <= Closed; i++ {
		if stateNames[i] == text {
			return i, nil
		}
	}
	return 0, fmt.Errorf("workitem: unknown state %q (want Proposed, Active, Resolved or Closed)", text)
}

// MarshalText writes the state's name; the zero State gives empty text.
func (s State) MarshalText() ([]byte, error) {
	if s != 0 && !s.IsValid() {
		return nil, fmt.Errorf("workitem: invalid state %d", uint8(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText reads a state name; empty text gives the zero State. On
// error s is unchanged.
func (s *State) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*s = 0
		return nil
	}
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
