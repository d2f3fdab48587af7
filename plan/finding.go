package plan

import (
	"fmt"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
)

// Kinds of the plan's own entities, for the validation.Subject of a
// finding about one of them. The kinds of the backlog's, the resource
// pool's and the risk log's entities are defined in those packages
// (backlog.SubjectTask, resource.SubjectDemand, risk.SubjectRisk, ...).
const (
	// SubjectPlan: the plan as a whole, named by its ID.
	SubjectPlan validation.SubjectKind = "plan"
	// SubjectRelease: the plan's release; no ID.
	SubjectRelease validation.SubjectKind = "release"
	// SubjectNotification: the entry criterion's notification; no ID.
	SubjectNotification validation.SubjectKind = "notification"
	// SubjectRole: a role of the activity, named by the role, such as
	// "Release Manager".
	SubjectRole validation.SubjectKind = "role"
	// SubjectWaiver: a waiver, named by the category it waives.
	SubjectWaiver validation.SubjectKind = "waiver"
	// SubjectDecision: a go/no-go decision, named by its ID.
	SubjectDecision validation.SubjectKind = "decision"
	// SubjectBaseline: a baseline, named by its name.
	SubjectBaseline validation.SubjectKind = "baseline"
	// SubjectEvent: an event of the plan's history, named by its sequence
	// number, such as "3".
	SubjectEvent validation.SubjectKind = "event"
)

// FindingBuilder builds findings about one entity of the plan: it knows
// the entity's path in the plan document, its subject (kind and ID) and
// the sub-activity it belongs to, so that a rule says only what is wrong:
//
//	c.Task(t.ID).Field("assignee").Missing("task %s has no owner", t.ID)
//	c.Risk(r.ID).Field("owner").Warning().Missing("risk %s has no owner", r.ID)
//
// Get one from a Context (Task, Requirement, Demand, Risk, ...). The
// finding's code is left empty unless set with Code, so the checker fills
// in the code of the rule that returned it. A FindingBuilder is a value;
// its methods return new builders and never change the receiver.
type FindingBuilder struct {
	path     validation.Path
	subject  validation.Subject
	sub      SubActivity
	code     validation.Code
	severity validation.Severity
}

// About returns a builder of findings at path about subject, belonging to
// sub-activity sub: the general form of the Context's builders, for
// entities they do not cover.
func About(subject validation.Subject, path validation.Path, sub SubActivity) FindingBuilder {
	return FindingBuilder{path: path, subject: subject, sub: sub}
}

// Field returns the builder for the entity's field name (and below, for
// more names): the path grows, the subject stays.
func (b FindingBuilder) Field(name string, more ...string) FindingBuilder {
	b.path = b.path.Child(name)
	for _, m := range more {
		b.path = b.path.Child(m)
	}
	return b
}

// Index returns the builder for the i-th element of the list at the
// builder's path.
func (b FindingBuilder) Index(i int) FindingBuilder {
	b.path = b.path.Index(i)
	return b
}

// In returns the builder for findings that belong to sub-activity s
// instead of the entity's own.
func (b FindingBuilder) In(s SubActivity) FindingBuilder {
	b.sub = s
	return b
}

// Code returns the builder for findings with code c instead of the rule's.
func (b FindingBuilder) Code(c validation.Code) FindingBuilder {
	b.code = c
	return b
}

// Warning returns the builder for findings of severity Warning, which do
// not block a gate.
func (b FindingBuilder) Warning() FindingBuilder { return b.Severity(validation.Warning) }

// Severity returns the builder for findings of severity s.
func (b FindingBuilder) Severity(s validation.Severity) FindingBuilder {
	b.severity = s
	return b
}

// Path returns the path findings will carry.
func (b FindingBuilder) Path() validation.Path { return b.path }

// Subject returns the subject findings will carry.
func (b FindingBuilder) Subject() validation.Subject { return b.subject }

// SubActivity returns the sub-activity findings will belong to.
func (b FindingBuilder) SubActivity() SubActivity { return b.sub }

// Problem returns a finding of the given kind (validation.ErrInvalid,
// validation.ErrRequired, ...) whose message is the formatted text, as
// written.
func (b FindingBuilder) Problem(kind error, format string, args ...any) Finding {
	return Finding{
		Problem: validation.Problem{
			Code:     b.code,
			Severity: b.severity,
			Path:     b.path,
			Message:  fmt.Sprintf(format, args...),
			Subject:  b.subject,
			Kind:     kind,
		},
		SubActivity: b.sub,
	}
}

// Missing returns a finding that something required is missing
// (validation.ErrRequired). The message is the formatted text as written,
// a whole sentence such as "task T1 has no owner"; nothing is appended.
func (b FindingBuilder) Missing(format string, args ...any) Finding {
	return b.Problem(validation.ErrRequired, format, args...)
}

// Invalid returns a finding that a value is malformed or breaks a rule
// (validation.ErrInvalid).
func (b FindingBuilder) Invalid(format string, args ...any) Finding {
	return b.Problem(validation.ErrInvalid, format, args...)
}

// Conflict returns a finding that values contradict each other
// (validation.ErrConflict).
func (b FindingBuilder) Conflict(format string, args ...any) Finding {
	return b.Problem(validation.ErrConflict, format, args...)
}

// Forbidden returns a finding that a value is not allowed in its context
// (validation.ErrForbidden).
func (b FindingBuilder) Forbidden(format string, args ...any) Finding {
	return b.Problem(validation.ErrForbidden, format, args...)
}

// OutOfRange returns a finding that a value lies outside its allowed range
// (validation.ErrOutOfRange).
func (b FindingBuilder) OutOfRange(format string, args ...any) Finding {
	return b.Problem(validation.ErrOutOfRange, format, args...)
}

// FromProblem returns p as a finding about the builder's entity: p's path
// is taken as relative to the builder's path, and p's code, kind, severity
// and message are kept (the builder's code and severity apply when set).
func (b FindingBuilder) FromProblem(p *validation.Problem) Finding {
	f := Finding{Problem: *p, SubActivity: b.sub}
	f.Path = p.Path.Under(b.path)
	if f.Subject.IsZero() {
		f.Subject = b.subject
	}
	if b.code != "" {
		f.Code = b.code
	}
	if b.severity != validation.Error {
		f.Severity = b.severity
	}
	return f
}

// The paths of the plan document's lists.
var (
	pathRelease      = validation.NewPath("release")
	pathNotification = validation.NewPath("notification")
	pathRoles        = validation.NewPath("roles")
	pathWaivers      = validation.NewPath("waivers")
	pathRequirements = validation.NewPath("backlog", "requirements")
	pathTasks        = validation.NewPath("backlog", "tasks")
	pathResources    = validation.NewPath("resources")
	pathRisks        = validation.NewPath("risks")
	pathDeployment   = validation.NewPath("deployment")
	pathReadiness    = validation.NewPath("readiness")
)

// WholePlan returns the builder for findings about the plan as a whole (path:
// the document root), belonging to the whole activity.
func (c *Context) WholePlan() FindingBuilder {
	return About(validation.Subject{Kind: SubjectPlan, ID: c.Plan.ID}, validation.Path{}, WholeActivity)
}

// Release returns the builder for findings about the plan's release (path
// release), belonging to the whole activity.
func (c *Context) Release() FindingBuilder {
	return About(validation.Subject{Kind: SubjectRelease}, pathRelease, WholeActivity)
}

// Notification returns the builder for findings about the entry
// criterion's notification (path notification), belonging to the whole
// activity.
func (c *Context) Notification() FindingBuilder {
	return About(validation.Subject{Kind: SubjectNotification}, pathNotification, WholeActivity)
}

// Role returns the builder for findings about role r (path roles[i], or
// roles when the plan does not have the role), belonging to the whole
// activity.
func (c *Context) Role(r Role) FindingBuilder {
	path := pathRoles
	for i := range c.Plan.Roles {
		if c.Plan.Roles[i].Role == r {
			path = pathRoles.Index(i)
			break
		}
	}
	return About(validation.Subject{Kind: SubjectRole, ID: string(r)}, path, WholeActivity)
}

// Waiver returns the builder for findings about the waiver of category
// cat (path waivers[i], or waivers when there is none), belonging to
// sub-activity 1.
func (c *Context) Waiver(cat backlog.Category) FindingBuilder {
	path := pathWaivers
	for i := range c.Plan.Waivers {
		if c.Plan.Waivers[i].Category == cat {
			path = pathWaivers.Index(i)
			break
		}
	}
	return About(validation.Subject{Kind: SubjectWaiver, ID: string(cat)}, path, GatherRequirements)
}

// Category returns the builder for findings about requirement category
// cat as a whole, such as a category no requirement gathers (path
// backlog.requirements), belonging to sub-activity 1.
func (c *Context) Category(cat backlog.Category) FindingBuilder {
	return About(validation.Subject{Kind: backlog.SubjectCategory, ID: string(cat)}, pathRequirements, GatherRequirements)
}

// Requirement returns the builder for findings about the requirement with
// the given ID (path backlog.requirements[i]), belonging to sub-activity
// 1.
func (c *Context) Requirement(id string) FindingBuilder {
	return About(validation.Subject{Kind: backlog.SubjectRequirement, ID: id}, c.index().path(backlog.SubjectRequirement, id, pathRequirements), GatherRequirements)
}

// Task returns the builder for findings about the task with the given ID
// (path backlog.tasks[i]), belonging to sub-activity 2.
func (c *Context) Task(id string) FindingBuilder {
	return About(validation.Subject{Kind: backlog.SubjectTask, ID: id}, c.index().path(backlog.SubjectTask, id, pathTasks), AnalyzeRequirements)
}

// Demand returns the builder for findings about the demand with the given
// ID, wherever the document holds it: backlog.tasks[i].demands[j] for a
// task's demand, resources.demands[k] for one of the pool's own. It
// belongs to sub-activity 3.
func (c *Context) Demand(id string) FindingBuilder {
	return About(validation.Subject{Kind: resource.SubjectDemand, ID: id}, c.index().path(resource.SubjectDemand, id, pathResources.Child("demands")), DetermineResources)
}

// Resource returns the builder for findings about the person, facility or
// piece of equipment with the given ID (path resources.resources[i]),
// belonging to sub-activity 3.
func (c *Context) Resource(id string) FindingBuilder {
	return About(validation.Subject{Kind: resource.SubjectResource, ID: id}, c.index().path(resource.SubjectResource, id, pathResources.Child("resources")), DetermineResources)
}

// Commitment returns the builder for findings about the commitment with
// the given ID (path resources.commitments[i]), belonging to sub-activity
// 4.
func (c *Context) Commitment(id string) FindingBuilder {
	return About(validation.Subject{Kind: resource.SubjectCommitment, ID: id}, c.index().path(resource.SubjectCommitment, id, pathResources.Child("commitments")), GainCommitments)
}

// BudgetLine returns the builder for findings about the budget line with
// the given ID (path resources.budget.lines[i]), belonging to sub-activity
// 3.
func (c *Context) BudgetLine(id string) FindingBuilder {
	return About(validation.Subject{Kind: resource.SubjectBudgetLine, ID: id}, c.index().path(resource.SubjectBudgetLine, id, pathResources.Child("budget").Child("lines")), DetermineResources)
}

// Risk returns the builder for findings about the risk with the given ID
// (path risks.risks[i]), belonging to sub-activity 5.
func (c *Context) Risk(id string) FindingBuilder {
	return About(validation.Subject{Kind: risk.SubjectRisk, ID: id}, c.index().path(risk.SubjectRisk, id, pathRisks.Child("risks")), IdentifyRisks)
}

// Issue returns the builder for findings about the issue with the given ID
// (path risks.issues[i]), belonging to sub-activity 6.
func (c *Context) Issue(id string) FindingBuilder {
	return About(validation.Subject{Kind: risk.SubjectIssue, ID: id}, c.index().path(risk.SubjectIssue, id, pathRisks.Child("issues")), ManageIssues)
}

// taskFinding is Task for the i-th task of the backlog, exact even when IDs
// repeat.
func (c *Context) taskFinding(i int) FindingBuilder {
	return About(validation.Subject{Kind: backlog.SubjectTask, ID: c.Tasks()[i].ID}, pathTasks.Index(i), AnalyzeRequirements)
}

// requirementFinding is Requirement for the i-th requirement of the backlog.
func (c *Context) requirementFinding(i int) FindingBuilder {
	return About(validation.Subject{Kind: backlog.SubjectRequirement, ID: c.Requirements()[i].ID}, pathRequirements.Index(i), GatherRequirements)
}
