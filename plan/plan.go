package plan

import (
	"fmt"
	"slices"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"time"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/risk"
)

// SchemaVersion is the version of the plan document this package writes.
// Decoding refuses documents of a newer version.
const SchemaVersion = 1

// Release is the product release the plan launches.
type Release struct {
	// Product names the product, such as "Contoso Ledger".
	Product string `json:"product"`
	// Version names the release, such as "4.0".
	Version string `json:"version"`
	// Date is the committed release (launch) date.
	Date calendar.Date `json:"date"`
	// Tier sizes the launch by business impact, such as "T1".
	Tier string `json:"tier,omitempty"`
}

// Notification is the evidence of the activity's entry criterion: the
// notification that the project is committed to a product release on a
// given date.
type Notification struct {
	// From names who notified, such as the program office.
	From string `json:"from"`
	// At is when the notification was received.
	At time.Time `json:"at,omitzero"`
	// Reference points to the notification, such as a decision record or
	// a message ID.
	Reference string `json:"reference"`
	// Version is the release the project is committed to.
	Version string `json:"version"`
	// Date is the release date the project is committed to.
	Date calendar.Date `json:"date"`
}

// IsZero reports whether no notification has been recorded.
func (n Notification) IsZero() bool {
	return n.From == "" && n.At.IsZero() && n.Reference == "" && n.Version == "" && n.Date.IsZero()
}

// Waiver records that an expected requirement category was deliberately
// not gathered, and why.
type Waiver struct {
	// Category is the waived requirement category.
	Category backlog.Category `json:"category"`
	// Reason says why the launch does not need it.
	Reason string `json:"reason"`
	// By names who waived it.
	By string `json:"by,omitempty"`
}

// Plan is a release's whole rollout and deployment plan: the release and
// the evidence that it is committed, the roles, the requirements and tasks,
// the resources and commitments, the risk and issue logs, the go/no-go
// decisions, the history of events and the named baselines.
//
// A Plan is a value with exported fields, encoded as a JSON document (see
// Encode and Decode). Change it through its methods where a change is a
// transition (Start, Complete, Reopen, the Transition methods, Commit,
// Baseline, Vote, Revise): those check the lifecycle, record an event and
// notify observers. A Plan is not safe for concurrent modification.
type Plan struct {
	// SchemaVersion is the version of the document format.
	SchemaVersion int `json:"schemaVersion" jsonschema:"minimum=1"`
	// ID identifies the plan.
	ID string `json:"id" jsonschema:"minLength=1"`
	// Title names the plan for people.
	Title string `json:"title,omitempty"`
	// Release is the release the plan launches.
	Release Release `json:"release"`
	// Notification is the entry criterion's evidence.
	Notification Notification `json:"notification,omitzero"`
	// Calendar is the plan's working calendar; nil means the standard
	// Monday-to-Friday calendar.
	Calendar *calendar.Calendar `json:"calendar,omitempty"`
	// Kickoff is the first day work may be scheduled; zero means
	// scheduling backwards from the release date.
	Kickoff calendar.Date `json:"kickoff,omitzero"`
	// State is the state of the planning activity.
	State ActivityState `json:"state" jsonschema:"type=string,enum=not-started,enum=in-progress,enum=complete"`
	// Roles are the activity's roles and the people who fill them.
	Roles []RoleAssignment `json:"roles"`
	// Waivers are expected requirement categories waived with a reason.
	Waivers []Waiver `json:"waivers,omitempty"`
	// Backlog holds the requirements and the tasks they were analysed
	// into.
	Backlog *backlog.Backlog `json:"backlog"`
	// Resources are the resources, demands, commitments and budget.
	Resources resource.Pool `json:"resources"`
	// Risks is the risk log and issue log.
	Risks *risk.Log `json:"risks"`
	// Decisions are the go/no-go reviews, oldest first.
	Decisions []Decision `json:"decisions,omitempty"`
	// Revision numbers the revisions of the plan presented for
	// commitment; Revise starts a new one.
	Revision int `json:"revision" jsonschema:"minimum=0"`
	// History records every accepted change, oldest first.
	History []Event `json:"history,omitempty"`
	// Baselines are the named, immutable snapshots of the plan.
	Baselines []Baseline `json:"baselines,omitempty"`

	observers []Observer
}

// New returns an empty plan for a release, not started, at revision 0,
// with the activity's RACI roles still to be filled.
func New(id string, release Release) *Plan {
	return &Plan{
		SchemaVersion: SchemaVersion,
		ID:            id,
		Release:       release,
		Roles:         DefaultRoles(),
		Backlog:       newBacklog(),
		Risks:         newRiskLog(),
	}
}

// Assign adds people to a role, adding the role (with no RACI
// responsibility) when the plan does not have it yet.
func (p *Plan) Assign(role Role, people ...string) {
	for i := range p.Roles {
		if p.Roles[i].Role == role {
			for _, person := range people {
				if !slices.Contains(p.Roles[i].People, person) {
					p.Roles[i].People = append(p.Roles[i].People, person)
				}
			}
			return
		}
	}
	p.Roles = append(p.Roles, RoleAssignment{Role: role, People: append([]string(nil), people...)})
}

// Waive records that an expected requirement category is deliberately not
// gathered, with the reason; the categories rule then accepts its absence.
func (p *Plan) Waive(category backlog.Category, reason string, ch lifecycle.Change) error {
	if category == "" || reason == "" {
		return fmt.Errorf("plan: a waiver needs a category and a reason")
	}
	for _, w := range p.Waivers {
		if w.Category == category {
			return fmt.Errorf("plan: category %q is already waived", category)
		}
	}
	p.Waivers = append(p.Waivers, Waiver{Category: category, Reason: reason, By: ch.By})
	p.record(Event{Kind: EventWaiver, Subject: string(category), Reason: reason, By: ch.By, At: ch.At, Note: ch.Note})
	return nil
}
