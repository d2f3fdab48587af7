package plan

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/validation"
)

// CodeDecisionReadiness is the code of a vote refused because of the
// launch readiness checklist: a go while must-have items are neither ready
// nor waived, or a go-with-conditions that does not name them all.
const CodeDecisionReadiness validation.Code = "plan.decision.readiness"

// ErrNotReady is wrapped by the error for a go vote while must-have
// readiness items are neither ready nor waived, and for a
// go-with-conditions that does not name them all.
var ErrNotReady = validation.Sentinel(validation.ErrConflict, "must-have readiness items are not ready")

// Vote is one approver's answer at a go/no-go review.
type Vote uint8

// The votes. The zero value means the approver has not voted yet.
const (
	// NotVoted: the approver has not voted.
	NotVoted Vote = iota
	// Go: ready to launch.
	Go
	// GoWithConditions: ready to launch once the conditions in the note
	// are met.
	GoWithConditions
	// NoGo: not ready; any single no-go stops the launch.
	NoGo
)

var voteNames = [...]string{"", "go", "go-with-conditions", "no-go"}

// String returns "go", "go-with-conditions", "no-go", or "" when not voted.
func (v Vote) String() string {
	if int(v) < len(voteNames) {
		return voteNames[v]
	}
	return fmt.Sprintf("Vote(%d)", uint8(v))
}

// MarshalText writes the vote's name.
func (v Vote) MarshalText() ([]byte, error) {
	if int(v) >= len(voteNames) {
		return nil, fmt.Errorf("plan: invalid vote %d", uint8(v))
	}
	return []byte(voteNames[v]), nil
}

// UnmarshalText reads a vote name. On error v is unchanged.
func (v *Vote) UnmarshalText(b []byte) error {
	for i, n := range voteNames {
		if string(b) == n {
			*v = Vote(i)
			return nil
		}
	}
	return fmt.Errorf("plan: unknown vote %q (want go, go-with-conditions or no-go)", b)
}

// Ballot is one approver's vote at a go/no-go review.
type Ballot struct {
	// Approver names the person voting; they must fill a role in the plan.
	Approver string `json:"approver"`
	// Role is the role the approver votes for.
	Role Role `json:"role"`
	// Vote is the answer; empty until the approver votes.
	Vote Vote `json:"vote,omitzero" jsonschema:"type=string,enum=,enum=go,enum=go-with-conditions,enum=no-go"`
	// Note gives the conditions of a conditional go, or the reasons of a
	// no-go.
	Note string `json:"note,omitempty"`
	// At is when the vote was cast.
	At time.Time `json:"at,omitzero"`
	// Conditions names the launch readiness items (IDs of
	// Plan.Readiness) a go-with-conditions vote launches without, or a
	// no-go waits for. A go-with-conditions must name every must-have
	// item that is neither ready nor waived when it is cast; a go names
	// none.
	Conditions []string `json:"conditions,omitempty"`
}

// Outcome is the result of a go/no-go review.
type Outcome uint8

// Outcomes, in the order a review reaches them.
const (
	// Undecided: some approvers have not voted and nobody voted no-go.
	Undecided Outcome = iota
	// Launch: every approver voted go.
	Launch
	// LaunchWithConditions: every approver voted go, some with conditions.
	LaunchWithConditions
	// Stop: at least one approver voted no-go.
	Stop
)

var outcomeNames = [...]string{"undecided", "go", "go-with-conditions", "no-go"}

// String returns "undecided", "go", "go-with-conditions" or "no-go".
func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return fmt.Sprintf("Outcome(%d)", uint8(o))
}

// MarshalText writes the outcome's name.
func (o Outcome) MarshalText() ([]byte, error) {
	if int(o) >= len(outcomeNames) {
		return nil, fmt.Errorf("plan: invalid outcome %d", uint8(o))
	}
	return []byte(outcomeNames[o]), nil
}

// Decision is the record of a launch-readiness (go/no-go) review, kept with
// the plan revision it was taken on.
type Decision struct {
	// ID identifies the review, such as "GNG-1".
	ID string `json:"id"`
	// Revision is the plan revision the review judged.
	Revision int `json:"revision" jsonschema:"minimum=0"`
	// Date is the day of the review.
	Date time.Time `json:"date,omitzero"`
	// Ballots holds one ballot per named approver.
	Ballots []Ballot `json:"ballots"`
	// Tracker points to the review's work item in a tracker once entered
	// (a CMMI Review in Azure Boards).
	Tracker backlog.TrackerRef `json:"tracker,omitzero"`
}

// SetReviewTracker records the tracker reference of the go/no-go review
// id (as backlog.Backlog.SetTracker does for requirements and tasks: an
// exporter's bookkeeping, not a recorded change of the plan). An unknown
// review gives an error matching validation.ErrNotFound.
func (p *Plan) SetReviewTracker(id string, tr backlog.TrackerRef) error {
	if p == nil {
		return ErrNilPlan
	}
	for i := range p.Decisions {
		if p.Decisions[i].ID == id {
			p.Decisions[i].Tracker = tr
			return nil
		}
	}
	return fmt.Errorf("plan: go/no-go review %q: %w", id, validation.ErrNotFound)
}

// Outcome returns the review's result: Stop as soon as any approver votes
// no-go; otherwise Undecided while anyone has not voted; otherwise Launch or
// LaunchWithConditions. A review with no approvers is Undecided.
func (d Decision) Outcome() Outcome {
	pending, conditions := len(d.Ballots) == 0, false
	for _, b := range d.Ballots {
		switch b.Vote {
		case NoGo:
			return Stop
		case NotVoted:
			pending = true
		case GoWithConditions:
			conditions = true
		}
	}
	switch {
	case pending:
		return Undecided
	case conditions:
		return LaunchWithConditions
	}
	return Launch
}

// Conditions returns the notes of every go-with-conditions and no-go
// ballot, in ballot order, as "Approver: note".
func (d Decision) Conditions() []string {
	var out []string
	for _, b := range d.Ballots {
		if (b.Vote == GoWithConditions || b.Vote == NoGo) && b.Note != "" {
			out = append(out, b.Approver+": "+b.Note)
		}
	}
	return out
}

// validateBallotConditions checks the readiness items a ballot names: each
// an item of the checklist, once, and none on a go.
func (p *Plan) validateBallotConditions(l *validation.List, at validation.Path, b Ballot) {
	if len(b.Conditions) == 0 {
		return
	}
	if b.Vote != GoWithConditions && b.Vote != NoGo {
		l.Add(validation.Invalid(at.Child("conditions"), CodeDecisionInvalid, "a %s vote names no readiness items: only go-with-conditions and no-go do", voteOrNone(b.Vote)))
		return
	}
	for k, id := range b.Conditions {
		if _, ok := p.Readiness.Item(id); !ok {
			l.Add(validation.NotFound(at.Child("conditions").Index(k), CodeDecisionInvalid, "readiness item", id))
		} else if slices.Contains(b.Conditions[:k], id) {
			l.Add(validation.Duplicate(at.Child("conditions").Index(k), CodeDecisionInvalid, id))
		}
	}
}

func voteOrNone(v Vote) string {
	if v == NotVoted {
		return "missing"
	}
	return v.String()
}

// checkVoteReadiness applies the launch readiness checklist to a vote v
// naming conditions on ballot j of review i: a go is refused while a
// must-have item is neither ready nor waived, and a go-with-conditions
// must name every such item.
func (p *Plan) checkVoteReadiness(i, j int, v Vote, conditions []string) error {
	at := validation.NewPath("decisions").Index(i).Child("ballots").Index(j)
	var l validation.List
	p.validateBallotConditions(&l, at, Ballot{Vote: v, Conditions: conditions})
	if err := l.Err(); err != nil {
		return err
	}
	var open []string
	for _, it := range p.Readiness.Blocking() {
		if v == Go || !slices.Contains(conditions, it.ID) {
			open = append(open, it.ID)
		}
	}
	if len(open) == 0 || v == NoGo {
		return nil
	}
	if v == Go {
		return validation.List{validation.New(ErrNotReady, at.Child("vote"), CodeDecisionReadiness,
			"a go is refused while must-have readiness items are neither ready nor waived: %s; vote go-with-conditions naming them, or no-go",
			strings.Join(open, ", "))}
	}
	return validation.List{validation.New(ErrNotReady, at.Child("conditions"), CodeDecisionReadiness,
		"a go-with-conditions must name every must-have readiness item that is neither ready nor waived; it leaves out %s",
		strings.Join(open, ", "))}
}
