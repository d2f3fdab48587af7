package readiness

import (
	"fmt"
	"github.com/rolloutkit/rollout/internal/kebab"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
)

// Function is the part of the company an item belongs to, a kebab-case
// word such as "sales". The nine built-in functions are constants; a
// company may use its own.
type Function string

// The built-in functions, in the order reports list them.
const (
	Sales          Function = "sales"
	Support        Function = "support"
	FieldService   Function = "field-service"
	Operations     Function = "operations"
	Marketing      Function = "marketing"
	Legal          Function = "legal"
	Documentation  Function = "documentation"
	Infrastructure Function = "infrastructure"
	Security       Function = "security"
)

// Functions returns the built-in functions, in report order.
func Functions() []Function {
	return []Function{Sales, Support, FieldService, Operations, Marketing, Legal, Documentation, Infrastructure, Security}
}

// String returns the function's name.
func (f Function) String() string { return string(f) }

// IsValid reports whether f is a kebab-case word of at most 64 bytes, such
// as "field-service".
func (f Function) IsValid() bool { return kebab.IsWord(string(f)) }

// Title returns the function's name for people, such as "Field service";
// a company's own function is shown as it is written.
func (f Function) Title() string {
	switch f {
	case Sales:
		return "Sales"
	case Support:
		return "Support"
	case FieldService:
		return "Field service"
	case Operations:
		return "Operations"
	case Marketing:
		return "Marketing"
	case Legal:
		return "Legal"
	case Documentation:
		return "Documentation"
	case Infrastructure:
		return "Infrastructure"
	case Security:
		return "Security"
	}
	return string(f)
}

// Status is how far an item has got. The zero value means "no status":
// an item added to a checklist starts NotStarted, and the zero value stands
// for "before creation" in an Event's From.
type Status uint8

// The statuses of an item.
const (
	// NotStarted: nobody works on the item yet.
	NotStarted Status = iota + 1
	// InProgress: the owner works on it.
	InProgress
	// Ready: done, with evidence.
	Ready
	// AtRisk: it may not be ready in time.
	AtRisk
	// Waived: the launch goes without it, for a recorded reason.
	Waived
)

var statusNames = [...]string{"", "not-started", "in-progress", "ready", "at-risk", "waived"}

// String returns "not-started", "in-progress", "ready", "at-risk",
// "waived", or "" for the zero Status.
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", uint8(s))
}

// IsValid reports whether s is one of the five statuses (not the zero
// Status).
func (s Status) IsValid() bool { return s > 0 && int(s) < len(statusNames) }

// Done reports whether the item no longer holds up the launch: ready or
// waived.
func (s Status) Done() bool { return s == Ready || s == Waived }

// MarshalText writes the status's name ("" for the zero Status).
func (s Status) MarshalText() ([]byte, error) {
	if int(s) >= len(statusNames) {
		return nil, fmt.Errorf("readiness: invalid status %d", uint8(s))
	}
	return []byte(statusNames[s]), nil
}

// UnmarshalText reads a status name ("" for the zero Status). On error s
// is unchanged.
func (s *Status) UnmarshalText(b []byte) error {
	for i, n := range statusNames {
		if string(b) == n {
			*s = Status(i)
			return nil
		}
	}
	return fmt.Errorf("readiness: unknown status %q (want not-started, in-progress, ready, at-risk or waived)", clip(string(b)))
}

// ParseStatus returns the status of the given name; the empty name is
// refused.
func ParseStatus(name string) (Status, error) {
	var s Status
	if name == "" {
		return 0, fmt.Errorf("readiness: a status is required (want not-started, in-progress, ready, at-risk or waived)")
	}
	err := s.UnmarshalText([]byte(name))
	return s, err
}

// Evidence shows that an item is ready: a link to the proof (a sign-off
// record, a test report, a published article) and/or a note.
type Evidence struct {
	// Link is an absolute URL of the proof, such as
	// https://wiki.contoso.example/ledger-4/runbook.
	Link string `json:"link,omitempty"`
	// Note says what the evidence shows.
	Note string `json:"note,omitempty"`
	// By names who supplied it.
	By string `json:"by"`
	// At is when it was supplied.
	At time.Time `json:"at"`
}

// Item is one thing a function must have ready for the launch.
type Item struct {
	// ID identifies the item, such as "support-training/trained".
	ID string `json:"id" jsonschema:"minLength=1,maxLength=128"`
	// Function is the function that must have it ready.
	Function Function `json:"function" jsonschema:"minLength=1,maxLength=64"`
	// Title says what must be ready.
	Title string `json:"title" jsonschema:"minLength=1"`
	// Owner names the person accountable for it.
	Owner string `json:"owner,omitempty"`
	// MustHave marks an item without which the launch cannot go ahead: a
	// go vote at the go/no-go review is refused while a must-have item is
	// neither ready nor waived.
	MustHave bool `json:"mustHave,omitzero"`
	// Due is when it must be ready, relative to the launch: a number of
	// workdays before it, or launch day. The zero Timing means not stated.
	Due backlog.Timing `json:"due,omitzero"`
	// Category is the requirement category the item confirms, when it
	// comes from one.
	Category backlog.Category `json:"category,omitempty" jsonschema:"maxLength=64"`
	// Status is how far the item has got; change it with
	// Checklist.Transition.
	Status Status `json:"status" jsonschema:"type=string,enum=not-started,enum=in-progress,enum=ready,enum=at-risk,enum=waived"`
	// WaiverReason says why the launch goes without the item; set exactly
	// when the status is Waived.
	WaiverReason string `json:"waiverReason,omitempty"`
	// Evidence shows that the item is ready, oldest first.
	Evidence []Evidence `json:"evidence,omitempty"`
}

// Clone returns a copy that shares nothing with it.
func (it Item) Clone() Item {
	it.Evidence = append([]Evidence(nil), it.Evidence...)
	return it
}

// Blocking reports whether the item holds up a go: a must-have item that
// is neither ready nor waived.
func (it Item) Blocking() bool { return it.MustHave && !it.Status.Done() }

// Lead is the person who signs off a function's readiness at the go/no-go
// review.
type Lead struct {
	// Function is the function signed off.
	Function Function `json:"function" jsonschema:"minLength=1,maxLength=64"`
	// Person names the lead.
	Person string `json:"person" jsonschema:"minLength=1"`
}

// Event records one accepted status move of one item.
type Event = lifecycle.Event[Status]

// SubjectItem is the validation.SubjectKind of a readiness item, named by
// its ID.
const SubjectItem validation.SubjectKind = "readiness-item"

// SubjectLead is the validation.SubjectKind of a function's lead, named by
// the function.
const SubjectLead validation.SubjectKind = "readiness-lead"

func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}
