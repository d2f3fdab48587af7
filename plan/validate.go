package plan

import (
	"errors"
	"fmt"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/resource"
	"strconv"
	"strings"

	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
)

// Codes of the structural problems ValidateList reports.
const (
	CodeIDRequired        validation.Code = "plan.id.required"
	CodeRoleInvalid       validation.Code = "plan.role.invalid"
	CodeWaiverInvalid     validation.Code = "plan.waiver.invalid"
	CodeDecisionInvalid   validation.Code = "plan.decision.invalid"
	CodeBaselineInvalid   validation.Code = "plan.baseline.invalid"
	CodeHistoryInvalid    validation.Code = "plan.history.invalid"
	CodeReferenceUnknown  validation.Code = "plan.reference.unknown"
	CodeDemandIDDuplicate validation.Code = "plan.demand.id.duplicate"
)

func newRiskLog() *risk.Log { return new(risk.Log) }

func newBacklog() *backlog.Backlog { return new(backlog.Backlog) }

// Validate checks the structure of the whole plan document and returns
// every problem at once as a validation.List (nil when there is none). It
// checks the plan's own fields, the backlog, the resource pool and the risk
// log (their problems re-rooted under backlog, resources and risks), and
// the references between them: task demands naming resources, risks and
// issues naming tasks and requirements. Whether the plan is complete is a
// different question, answered by the gates (Checker.Check).
//
// Validate returns an error only when a problem blocks (severity
// validation.Error): a plan whose only problems are warnings is valid and
// gives nil, as Decode and the recording methods accept it. The error,
// when there is one, is a validation.List of every problem, warnings
// included. ValidateList returns the problems whatever their severity.
// Validate of a nil plan returns an error wrapping ErrNilPlan.
func (p *Plan) Validate() error {
	if p == nil {
		return fmt.Errorf("plan: validating: %w", ErrNilPlan)
	}
	return p.ValidateList().Err()
}

// ValidateList returns every problem Validate looks for, warnings
// included, nil when there is none.
func (p *Plan) ValidateList() validation.List {
	if p == nil {
		return validation.List{validation.New(validation.ErrRequired, validation.Path{}, CodeDocument, "the plan is nil")}
	}
	reqs, tasks := p.backlogItems()
	return p.validate(reqs, tasks, true)
}

// validate checks the plan; parts says whether to validate the backlog and
// the risk log themselves too (they validate themselves when decoded).
func (p *Plan) validate(requirements []backlog.Requirement, tasks []backlog.Task, parts bool) validation.List {
	var l validation.List
	if p.SchemaVersion < 1 || p.SchemaVersion > SchemaVersion {
		l.Add(validation.OutOfRange(validation.NewPath("schemaVersion"), CodeSchemaVersion, "schemaVersion %d is not supported (want 1 to %d)", p.SchemaVersion, SchemaVersion))
	}
	if strings.TrimSpace(p.ID) == "" {
		l.Add(validation.Required(validation.NewPath("id"), CodeIDRequired, "the plan's ID"))
	}
	if p.Revision < 0 {
		l.Add(validation.OutOfRange(validation.NewPath("revision"), CodeHistoryInvalid, "revision %d is negative", p.Revision))
	}
	p.validateRoles(&l)
	p.validateWaivers(&l)
	p.validateDecisions(&l)
	p.validateBaselines(&l)
	p.validateHistory(&l)

	if p.Backlog != nil && parts {
		l.AddList(validation.NewPath("backlog"), p.Backlog.ValidateList())
	}
	l.AddList(pathResources, p.validatePool(tasks))
	if p.Risks != nil && parts {
		l.AddList(pathRisks, p.Risks.ValidateList())
	}
	if p.Deployment != nil {
		l.AddList(pathDeployment, p.Deployment.ValidateList())
		p.checkDeploymentRefs(p.Deployment, &l)
	}
	if p.Readiness != nil {
		if err := p.Readiness.Validate(); err != nil {
			addErr(&l, pathReadiness, err)
		}
	}
	p.validateReferences(&l, requirements, tasks)
	return l
}

// validatePool validates the resource pool with the task demands that
// commitments answer added, so that a commitment may answer a task demand
// and its terms are checked against it. Problems of the task demands
// themselves are left to the backlog's validation and to
// validateReferences, which report them at their own paths.
func (p *Plan) validatePool(tasks []backlog.Task) validation.List {
	own := len(p.Resources.Demands)
	wanted := make(map[string]bool, len(p.Resources.Commitments))
	for _, c := range p.Resources.Commitments {
		wanted[c.DemandID] = true
	}
	for _, d := range p.Resources.Demands {
		delete(wanted, d.ID)
	}
	if len(wanted) == 0 {
		return p.Resources.ValidateList()
	}
	pool := p.Resources
	pool.Demands = make([]resource.Demand, own, own+len(wanted))
	copy(pool.Demands, p.Resources.Demands)
	for _, t := range tasks {
		for _, d := range t.Demands {
			if wanted[d.ID] {
				if d.TaskID == "" {
					d.TaskID = t.ID
				}
				pool.Demands = append(pool.Demands, d)
			}
		}
	}
	var out validation.List
	for _, pr := range pool.ValidateList() {
		if i, ok := demandIndex(pr.Path); ok && i >= own {
			continue
		}
		out = append(out, pr)
	}
	return out
}

// demandIndex returns i for a path at or below demands[i].
func demandIndex(path validation.Path) (int, bool) {
	s := path.String()
	const prefix = "demands["
	if !strings.HasPrefix(s, prefix) {
		return 0, false
	}
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return 0, false
	}
	i, err := strconv.Atoi(s[len(prefix):end])
	return i, err == nil
}

// addErr adds the problems of err under parent; an error that is not a
// validation.List becomes one problem.
func addErr(l *validation.List, parent validation.Path, err error) {
	var sub validation.List
	if errors.As(err, &sub) {
		l.AddList(parent, sub)
		return
	}
	l.Add(validation.Invalid(parent, "plan.invalid", "%v", err))
}

func (p *Plan) validateRoles(l *validation.List) {
	seen := map[Role]bool{}
	for i, r := range p.Roles {
		at := pathRoles.Index(i)
		if strings.TrimSpace(string(r.Role)) == "" {
			l.Add(validation.Required(at.Child("role"), CodeRoleInvalid, "the role's name"))
		} else if seen[r.Role] {
			l.Add(validation.Duplicate(at.Child("role"), CodeRoleInvalid, string(r.Role)))
		}
		seen[r.Role] = true
		for j, person := range r.People {
			if strings.TrimSpace(person) == "" {
				l.Add(validation.Required(at.Child("people").Index(j), CodeRoleInvalid, "the person's name"))
			}
		}
	}
}

func (p *Plan) validateWaivers(l *validation.List) {
	seen := map[backlog.Category]bool{}
	for i, w := range p.Waivers {
		at := pathWaivers.Index(i)
		checkWaiver(w, at, l)
		if w.Category != "" && seen[w.Category] {
			l.Add(validation.Duplicate(at.Child("category"), CodeWaiverInvalid, string(w.Category)))
		}
		seen[w.Category] = true
	}
}

// people returns the people filling roles in the plan.
func (p *Plan) people() map[string]Role { return peopleOf(p.Roles) }

// peopleOf returns the people filling the roles, each with the first role
// they fill.
func peopleOf(roles []RoleAssignment) map[string]Role {
	out := map[string]Role{}
	for _, r := range roles {
		for _, person := range r.People {
			if _, ok := out[person]; !ok {
				out[person] = r.Role
			}
		}
	}
	return out
}

func (p *Plan) validateDecisions(l *validation.List) {
	seen := map[string]bool{}
	people := p.people()
	for i, d := range p.Decisions {
		at := validation.NewPath("decisions").Index(i)
		switch {
		case d.ID == "":
			l.Add(validation.Required(at.Child("id"), CodeDecisionInvalid, "the decision's ID"))
		case seen[d.ID]:
			l.Add(validation.Duplicate(at.Child("id"), CodeDecisionInvalid, d.ID))
		}
		seen[d.ID] = true
		if d.Revision < 0 || d.Revision > p.Revision {
			l.Add(validation.OutOfRange(at.Child("revision"), CodeDecisionInvalid, "revision %d is not a revision of the plan (0 to %d)", d.Revision, p.Revision))
		}
		approvers := map[string]bool{}
		for j, b := range d.Ballots {
			bat := at.Child("ballots").Index(j)
			if _, ok := people[b.Approver]; !ok {
				l.Add(validation.NotFound(bat.Child("approver"), CodeDecisionInvalid, "approver filling a role of the plan", b.Approver))
			}
			if approvers[b.Approver] {
				l.Add(validation.Duplicate(bat.Child("approver"), CodeDecisionInvalid, b.Approver))
			}
			approvers[b.Approver] = true
			if int(b.Vote) >= len(voteNames) {
				l.Add(validation.Invalid(bat.Child("vote"), CodeDecisionInvalid, "unknown vote %d", b.Vote))
			}
			if (b.Vote == GoWithConditions || b.Vote == NoGo) && strings.TrimSpace(b.Note) == "" {
				l.Add(validation.Required(bat.Child("note"), CodeDecisionInvalid, fmt.Sprintf("the note explaining %s's %s", b.Approver, b.Vote)))
			}
			p.validateBallotConditions(l, bat, b)
		}
	}
}

func (p *Plan) validateBaselines(l *validation.List) {
	seen := map[string]bool{}
	for i, b := range p.Baselines {
		at := validation.NewPath("baselines").Index(i)
		switch {
		case b.Name == "":
			l.Add(validation.Required(at.Child("name"), CodeBaselineInvalid, "the baseline's name"))
		case seen[b.Name]:
			l.Add(validation.Duplicate(at.Child("name"), CodeBaselineInvalid, b.Name))
		}
		seen[b.Name] = true
		if b.Revision < 0 || b.Revision > p.Revision {
			l.Add(validation.OutOfRange(at.Child("revision"), CodeBaselineInvalid, "revision %d is not a revision of the plan (0 to %d)", b.Revision, p.Revision))
		}
		if len(b.Snapshot) == 0 {
			l.Add(validation.Required(at.Child("snapshot"), CodeBaselineInvalid, "the baseline's snapshot"))
		}
	}
}

func (p *Plan) validateHistory(l *validation.List) {
	prev := 0
	for i, e := range p.History {
		at := validation.NewPath("history").Index(i)
		if e.Seq <= prev {
			l.Add(validation.Invalid(at.Child("seq"), CodeHistoryInvalid, "event numbers must increase: %d follows %d", e.Seq, prev))
		}
		prev = e.Seq
		if e.Kind == "" {
			l.Add(validation.Required(at.Child("kind"), CodeHistoryInvalid, "the event's kind"))
		}
	}
}

func (p *Plan) validateReferences(l *validation.List, requirements []backlog.Requirement, taskList []backlog.Task) {
	tasks := make(map[string]bool, len(taskList))
	for _, t := range taskList {
		tasks[t.ID] = true
	}
	reqs := make(map[string]bool, len(requirements))
	for _, r := range requirements {
		reqs[r.ID] = true
	}
	resources := make(map[string]bool, len(p.Resources.Resources))
	for _, r := range p.Resources.Resources {
		resources[r.ID] = true
	}
	demands := make(map[string]bool, len(p.Resources.Demands))
	for _, d := range p.Resources.Demands {
		demands[d.ID] = true
	}
	calendars := map[string]bool{}
	if p.Calendar != nil {
		calendars[p.Calendar.Name()] = true
	}
	for _, c := range p.Resources.Calendars {
		if c != nil {
			calendars[c.Name()] = true
		}
	}
	var risks, issues map[string]bool
	for i, t := range taskList {
		if t.Addresses != "" && (t.Type == backlog.TaskMitigation || t.Type == backlog.TaskCorrective) {
			if risks == nil {
				risks, issues = map[string]bool{}, map[string]bool{}
				if p.Risks != nil {
					for _, r := range p.Risks.Risks() {
						risks[r.ID] = true
					}
					for _, is := range p.Risks.Issues() {
						issues[is.ID] = true
					}
				}
			}
			if t.Type == backlog.TaskMitigation && !risks[t.Addresses] {
				l.Add(validation.NotFound(pathTasks.Index(i).Child("addresses"), CodeReferenceUnknown, "risk", t.Addresses))
			}
			if t.Type == backlog.TaskCorrective && !issues[t.Addresses] {
				l.Add(validation.NotFound(pathTasks.Index(i).Child("addresses"), CodeReferenceUnknown, "issue", t.Addresses))
			}
		}
		if t.Calendar != "" && !calendars[t.Calendar] {
			l.Add(validation.NotFound(pathTasks.Index(i).Child("calendar"), CodeReferenceUnknown, "calendar", t.Calendar))
		}
		for j, d := range t.Demands {
			at := pathTasks.Index(i).Child("demands").Index(j)
			if d.ID != "" && demands[d.ID] {
				l.Add(validation.Duplicate(at.Child("id"), CodeDemandIDDuplicate, d.ID))
			}
			demands[d.ID] = true
			if d.ResourceID != "" && !resources[d.ResourceID] {
				l.Add(validation.NotFound(at.Child("resourceId"), CodeReferenceUnknown, "resource", d.ResourceID))
			}
		}
	}
	for i, ln := range p.Resources.Budget.Lines {
		for j, id := range ln.Funds {
			if !reqs[id] {
				l.Add(validation.NotFound(pathResources.Child("budget").Child("lines").Index(i).Child("funds").Index(j), CodeReferenceUnknown, "requirement", id))
			}
		}
	}
	// Commitments may answer task demands, which the pool alone does not
	// know; the pool's own check skips nothing, so look again here.
	if p.Risks == nil {
		return
	}
	i := -1
	for _, r := range p.Risks.Risks() {
		i++
		at := pathRisks.Child("risks").Index(i)
		for j, id := range r.TaskIDs {
			if !tasks[id] {
				l.Add(validation.NotFound(at.Child("taskIds").Index(j), CodeReferenceUnknown, "task", id))
			}
		}
		for j, id := range r.RequirementIDs {
			if !reqs[id] {
				l.Add(validation.NotFound(at.Child("requirementIds").Index(j), CodeReferenceUnknown, "requirement", id))
			}
		}
	}
	i = -1
	for _, is := range p.Risks.Issues() {
		i++
		at := pathRisks.Child("issues").Index(i).Child("blocks")
		for j, id := range is.Blocks.TaskIDs {
			if !tasks[id] {
				l.Add(validation.NotFound(at.Child("taskIds").Index(j), CodeReferenceUnknown, "task", id))
			}
		}
		for j, id := range is.Blocks.MilestoneIDs {
			if !tasks[id] {
				l.Add(validation.NotFound(at.Child("milestoneIds").Index(j), CodeReferenceUnknown, "milestone task", id))
			}
		}
		for j, id := range is.Blocks.RequirementIDs {
			if !reqs[id] {
				l.Add(validation.NotFound(at.Child("requirementIds").Index(j), CodeReferenceUnknown, "requirement", id))
			}
		}
	}
}

// subActivityOf says which sub-activity a problem at path belongs to.
func subActivityOf(path validation.Path) SubActivity {
	switch {
	case path.HasPrefix(pathRequirements), path.HasPrefix(pathWaivers):
		return GatherRequirements
	case path.HasPrefix(pathTasks), path.HasPrefix(validation.NewPath("backlog")), path.HasPrefix(pathDeployment):
		return AnalyzeRequirements
	case path.HasPrefix(pathResources.Child("commitments")):
		return GainCommitments
	case path.HasPrefix(pathResources):
		return DetermineResources
	case path.HasPrefix(pathRisks.Child("issues")):
		return ManageIssues
	case path.HasPrefix(pathRisks):
		return IdentifyRisks
	}
	return WholeActivity
}

// started reports whether anything has been entered for sub-activity s.
func (p *Plan) started(s SubActivity) bool {
	switch s {
	case GatherRequirements:
		return (p.Backlog != nil && p.Backlog.NumRequirements() > 0) || len(p.Waivers) > 0
	case AnalyzeRequirements:
		return p.Backlog != nil && p.Backlog.NumTasks() > 0
	case DetermineResources:
		return len(p.Resources.Resources) > 0 || len(p.Resources.Demands) > 0 || len(p.Resources.Budget.Lines) > 0
	case GainCommitments:
		return len(p.Resources.Commitments) > 0
	case IdentifyRisks:
		return p.Risks != nil && p.Risks.NumRisks() > 0
	case ManageIssues:
		return p.State != NotStarted || (p.Risks != nil && p.Risks.NumIssues() > 0)
	}
	return false
}

const riskThreat = risk.Threat
