package plan

import (
	"slices"
	"strings"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/lifecycle"
	"time"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/deployment"
	"github.com/rolloutkit/rollout/readiness"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
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
	// Date is the committed release (launch) date. A date that is not a
	// workday of the plan's calendar (a Saturday, a holiday) means the
	// launch work must be ready on the last workday before it: backlog
	// timing (backlog.Timing.Date) and the schedule's deadline both read
	// it so, and the entry gate reports it as a warning
	// (CodeReleaseWorkday).
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
// Encode and Decode; encoding/json uses the same strict decoding through
// UnmarshalJSON). Change it through its methods: each one checks the change
// (a refused change returns an error with the path of the offending value
// and changes nothing), records an Event in History and notifies the
// observers. Everything the methods accept, Validate accepts. The methods
// cover the lifecycles ([Plan.Start], [Plan.Complete], [Plan.Reopen],
// [Plan.TransitionBacklog], [Plan.TransitionRisk], [Plan.Commit],
// [Plan.TakeBaseline], [Plan.CastVote], [Plan.Revise]) and the edits: roles (Assign, Unassign),
// the notification (Notify), waivers (Waive, Unwaive), requirements and
// tasks (AddRequirement, AddTask, UpdateRequirement, UpdateTask,
// SetTracker, SetBlocked, RemoveFromBacklog, Analyze), resources, demands,
// calendars and the budget (AddResource, UpdateResource, RemoveResource,
// AddDemand, UpdateDemand, RemoveDemand, AddCalendar, SetBudget,
// AddBudgetLine, UpdateBudgetLine, RemoveBudgetLine) and the risk and issue
// logs (AddRisk, AddIssue, UpdateRisk, UpdateIssue, RemoveRisk,
// PromoteRisk) and the launch readiness checklist (AddReadinessItems,
// UpdateReadinessItem, TransitionReadiness, AddReadinessEvidence,
// SetReadinessLead) and the deployment (SetDeployment, PlanWaves,
// TransitionWave, PassPointOfNoReturn).
//
// Editing the exported fields directly, or the backlog, risk log and
// resource pool through their own methods, is possible but unrecorded: no
// event, no observer call, and no check until Validate or a gate runs.
// Setting the descriptive fields of a new plan (Title, Calendar, Kickoff)
// before it starts is the expected use of direct edits. A Plan is not safe
// for concurrent modification.
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
	// Scheduling is the plan's default placement of the tasks of each
	// requirement category (trainings and press releases as late as
	// possible, deployment as soon as possible); a task's own Scheduling
	// overrides it. Nil means DefaultScheduling.
	Scheduling map[backlog.Category]backlog.Scheduling `json:"scheduling,omitempty"`
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
	// Deployment is the deployment half of the plan: the waves that roll
	// the release out, the point of no return and hypercare; nil while
	// not planned.
	Deployment *deployment.Plan `json:"deployment,omitempty"`
	// Readiness is the launch readiness checklist: what each function
	// must have ready before launch, its owner, due date, status and
	// evidence. Nil means the plan keeps no checklist (yet); the go/no-go
	// review reads it when there is one.
	Readiness *readiness.Checklist `json:"readiness,omitempty"`
	// Decisions are the go/no-go reviews, oldest first.
	Decisions []Decision `json:"decisions,omitempty"`
	// Revision numbers the revisions of the plan presented for
	// commitment; Revise starts a new one.
	Revision int `json:"revision" jsonschema:"minimum=0"`
	// RevisionTrackers point to the tracker work items of revisions of
	// the committed plan (in Azure Boards, CMMI Change Requests), by
	// revision.
	RevisionTrackers []RevisionTracker `json:"revisionTrackers,omitempty"`
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
// responsibility) when the plan does not have it yet, and records the
// change. A role or a person that is blank is refused (a
// validation.List with the path the value would have in the document) and
// changes nothing; naming people who already fill the role changes nothing
// and records nothing. ch says who assigned them and when; a ch without
// By or At is refused (lifecycle.ErrChangeIncomplete) and changes nothing.
func (p *Plan) Assign(role Role, ch lifecycle.Change, people ...string) error {
	if err := ch.Check(); err != nil {
		return err
	}
	i := slices.IndexFunc(p.Roles, func(r RoleAssignment) bool { return r.Role == role })
	at := pathRoles.Index(i)
	if i < 0 {
		at = pathRoles.Index(len(p.Roles))
	}
	var l validation.List
	if strings.TrimSpace(string(role)) == "" {
		l.Add(validation.Required(at.Child("role"), CodeRoleInvalid, "the role's name"))
	}
	var added []string
	for j, person := range people {
		if strings.TrimSpace(person) == "" {
			l.Add(validation.Required(at.Child("people").Index(j), CodeRoleInvalid, "the person's name"))
			continue
		}
		if (i < 0 || !slices.Contains(p.Roles[i].People, person)) && !slices.Contains(added, person) {
			added = append(added, person)
		}
	}
	if err := l.Err(); err != nil {
		return err
	}
	if i < 0 {
		p.Roles = append(p.Roles, RoleAssignment{Role: role, People: added})
	} else if len(added) > 0 {
		p.Roles[i].People = append(p.Roles[i].People, added...)
	} else {
		return nil
	}
	reason := "Assigned"
	if ch.Reason != "" {
		reason += ": " + string(ch.Reason)
	}
	note := strings.Join(added, ", ")
	if ch.Note != "" {
		note += " (" + ch.Note + ")"
	}
	p.record(Event{Kind: EventRole, Subject: string(role), Reason: reason, By: ch.By, At: ch.At, Note: note})
	return nil
}

// Unassign removes a person from a role and records the change. A role or
// person the plan does not have is an error wrapping validation.ErrNotFound
// and changes nothing. A person who is an approver of the latest go/no-go
// review keeps filling the role until a new review is opened: Unassign
// refuses them.
func (p *Plan) Unassign(role Role, person string, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	i := slices.IndexFunc(p.Roles, func(r RoleAssignment) bool { return r.Role == role })
	if i < 0 {
		return validation.List{validation.NotFound(pathRoles, CodeRoleInvalid, "role", string(role))}
	}
	j := slices.Index(p.Roles[i].People, person)
	if j < 0 {
		return validation.List{validation.NotFound(pathRoles.Index(i).Child("people"), CodeRoleInvalid, "person filling "+string(role), person)}
	}
	work := p.clonePeople()
	work[i].People = slices.Delete(work[i].People, j, j+1)
	if pr := p.approverLost(work); pr != nil {
		return validation.List{pr}
	}
	p.Roles = work
	p.record(Event{Kind: EventRole, Subject: string(role), Reason: "Unassigned", By: ch.By, At: ch.At, Note: person})
	return nil
}

// clonePeople returns a copy of the roles with their own people lists.
func (p *Plan) clonePeople() []RoleAssignment {
	out := slices.Clone(p.Roles)
	for i := range out {
		out[i].People = slices.Clone(out[i].People)
	}
	return out
}

// approverLost reports the first ballot whose approver would fill no role
// with the roles given.
func (p *Plan) approverLost(roles []RoleAssignment) *validation.Problem {
	people := peopleOf(roles)
	for i, d := range p.Decisions {
		for j, b := range d.Ballots {
			if _, ok := people[b.Approver]; !ok {
				return validation.Conflict(validation.NewPath("decisions").Index(i).Child("ballots").Index(j).Child("approver"), CodeRoleInvalid,
					"%s is an approver of go/no-go review %s and must keep filling a role", b.Approver, d.ID)
			}
		}
	}
	return nil
}

// checkWaiver reports what is wrong with waiver w at path at.
func checkWaiver(w Waiver, at validation.Path, l *validation.List) {
	switch {
	case w.Category == "":
		l.Add(validation.Required(at.Child("category"), CodeWaiverInvalid, "the waived category"))
	case !w.Category.IsValid():
		l.Add(validation.Invalid(at.Child("category"), CodeWaiverInvalid,
			"category %q is not a requirement category: want a lower-case kebab-case word such as %q", w.Category, backlog.CategorySalesTraining))
	}
	if strings.TrimSpace(w.Reason) == "" {
		l.Add(validation.Required(at.Child("reason"), CodeWaiverInvalid, "the reason for the waiver"))
	}
}

// Waive records that an expected requirement category is deliberately not
// gathered, with the reason; the categories rule then accepts its absence.
// A malformed or already waived category, or a blank reason, is refused as
// a validation.List with the path the waiver would have, and changes
// nothing.
func (p *Plan) Waive(category backlog.Category, reason string, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	w := Waiver{Category: category, Reason: reason, By: ch.By}
	at := pathWaivers.Index(len(p.Waivers))
	var l validation.List
	checkWaiver(w, at, &l)
	if slices.ContainsFunc(p.Waivers, func(w Waiver) bool { return w.Category == category }) {
		l.Add(validation.Duplicate(at.Child("category"), CodeWaiverInvalid, string(category)))
	}
	if err := l.Err(); err != nil {
		return err
	}
	p.Waivers = append(p.Waivers, w)
	p.record(Event{Kind: EventWaiver, Subject: string(category), Reason: reason, By: ch.By, At: ch.At, Note: ch.Note})
	return nil
}

// Unwaive removes the waiver of a category, so that the categories rule
// expects the category again, and records the change with the reason in
// ch.Reason or ch.Note. A category that is not waived is an error wrapping
// validation.ErrNotFound and changes nothing.
func (p *Plan) Unwaive(category backlog.Category, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	i := slices.IndexFunc(p.Waivers, func(w Waiver) bool { return w.Category == category })
	if i < 0 {
		return validation.List{validation.NotFound(pathWaivers, CodeWaiverInvalid, "waived category", string(category))}
	}
	p.Waivers = slices.Delete(slices.Clone(p.Waivers), i, i+1)
	if len(p.Waivers) == 0 {
		p.Waivers = nil
	}
	reason := string(ch.Reason)
	if reason == "" {
		reason = "Waiver withdrawn"
	}
	p.record(Event{Kind: EventWaiver, Subject: string(category), From: "waived", Reason: reason, By: ch.By, At: ch.At, Note: ch.Note})
	return nil
}
