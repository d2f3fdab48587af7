package plan

import (
	"errors"
	"regexp"
	"slices"
	"strings"

	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/validation"
)

// Condition is one check inside a rule: the findings it produces carry
// Code and Severity and point at a path of the form Path. A rule's
// conditions are the catalogue of what it checks; the built-in rules list
// theirs, and the witness table of this package's tests holds, for each, a
// plan on which the exit gate reports exactly that finding.
type Condition struct {
	// Code is the code of the findings; empty means the rule's own.
	Code validation.Code
	// Severity is the findings' severity, before Policy.Severity applies.
	Severity validation.Severity
	// Path is the form of the findings' paths, with every list index
	// written [*], such as "risks.risks[*].owner", or several forms
	// separated by "|"; empty means the findings point at many places
	// (the document's structural checks).
	Path string
	// Kind is the findings' kind (validation.ErrRequired, ...); nil means
	// any.
	Kind error
	// Summary says in one line what is checked.
	Summary string
}

var indexPattern = regexp.MustCompile(`\[[0-9]+\]`)

// Matches reports whether finding f is one of the condition's, given the
// code of the rule that reported it.
func (c Condition) Matches(rule validation.Code, f Finding) bool {
	code := c.Code
	if code == "" {
		code = rule
	}
	if f.Code != code || f.Severity != c.Severity || (c.Kind != nil && !errors.Is(f.Kind, c.Kind)) {
		return false
	}
	if c.Path == "" {
		return true
	}
	return slices.Contains(strings.Split(c.Path, "|"), indexPattern.ReplaceAllString(f.Path.String(), "[*]"))
}

// builtinConditions returns the conditions of the built-in rule with the
// given code.
func builtinConditions(code validation.Code) []Condition {
	e, w := validation.Error, validation.Warning
	switch code {
	case CodeDocument:
		// The backlog's, the resource pool's and the risk log's own
		// problems pass through too, under backlog, resources and risks,
		// with the codes of those packages.
		return []Condition{
			{CodeSchemaVersion, e, "", nil, "the schema version is one this library reads"},
			{CodeIDRequired, e, "", nil, "the plan has an ID"},
			{CodeHistoryInvalid, e, "", nil, "the revision is not negative and the history's event numbers increase"},
			{CodeRoleInvalid, e, "", nil, "every role has a name, once, and every person in it a name"},
			{CodeWaiverInvalid, e, "", nil, "every waiver names a category, once, and gives a reason"},
			{CodeDecisionInvalid, e, "", nil, "every go/no-go decision has an ID, a revision of the plan and valid ballots"},
			{CodeBaselineInvalid, e, "", nil, "every baseline has a name, a revision of the plan and a snapshot"},
			{CodeReferenceUnknown, e, "", nil, "every task, requirement and resource named elsewhere exists"},
			{CodeDemandIDDuplicate, e, "", nil, "demand IDs are unique across the tasks and the pool"},
		}
	case CodeReadinessItems:
		return []Condition{
			{"", e, "readiness.items[*].owner", validation.ErrRequired, "every readiness item has an owner"},
			{"", e, "readiness.items[*].due", validation.ErrRequired, "every readiness item has a due date"},
			{"", e, "readiness.items[*].due", validation.ErrConflict, "every readiness item is due no later than the go/no-go review"},
			{"", w, "readiness.items[*].status", validation.ErrInvalid, "an item past its due date as of AsOf and neither ready nor waived is flagged"},
		}
	case CodeGoNoGo:
		return []Condition{
			{"", e, "decisions", validation.ErrRequired, "a plan with a readiness checklist schedules a go/no-go review"},
			{"", e, "decisions[*].date", validation.ErrOutOfRange, "the latest review is held before the launch and within Policy.GoNoGoWindow workdays of it"},
			{"", e, "decisions[*].ballots", validation.ErrRequired, "the Release Manager and the lead of every function with must-have items are approvers"},
			{"", e, "readiness.leads", validation.ErrRequired, "every function with must-have readiness items has a lead"},
		}
	case CodeNotification:
		return []Condition{
			{"", e, "notification", nil, "a notification is recorded"},
			{"", e, "notification.from", nil, "it says who notified"},
			{"", e, "notification.at", nil, "it says when"},
			{"", e, "notification.reference", nil, "it has a reference"},
		}
	case CodeReleaseMatches:
		return []Condition{
			{"", e, "release.date", nil, "the release has a date"},
			{"", e, "release.version", nil, "the release has a version"},
			{"", e, "notification.version", nil, "the notification commits to the plan's version"},
			{"", e, "notification.date", nil, "the notification commits to the plan's date"},
			{CodeReleaseWorkday, w, "release.date", nil, "the release date is a workday of the plan's calendar (else the work is planned to be ready on the workday before)"},
		}
	case CodeRolesFilled:
		return []Condition{
			{"", e, "roles", nil, "every role of DefaultRoles is in the plan"},
			{"", e, "roles[*].raci", nil, "each holds at least its RACI responsibilities"},
			{"", e, "roles[*].people", nil, "every role is filled by someone"},
		}
	case CodeCategoriesGathered:
		return []Condition{
			{"", e, "backlog.requirements", nil, "every mandatory category has a requirement that is not dropped, or a waiver"},
			{"", e, "waivers[*].reason", nil, "a waiver standing in for a category gives a reason"},
			{"", w, "waivers[*].category", validation.ErrNotFound, "a waiver names a category the catalogue holds or the policy asks for (else it waives nothing)"},
		}
	case CodeRequirementsTraced:
		return []Condition{
			{"", e, "backlog.requirements[*]", nil, "every requirement not dropped has a task"},
			{"", w, "backlog.tasks[*].requirements", nil, "every task that is not a milestone serves a requirement"},
		}
	case CodeTasksReady:
		return []Condition{
			{"", e, "backlog.tasks[*].assignee", nil, "every open task, milestones too, has an owner"},
			{"", e, "backlog.tasks[*].estimate", nil, "every open task that is not a milestone has an estimate (the backlog's methods refuse such a task; a backlog loaded with AllowInvalid can hold one)"},
			{"", e, "backlog.tasks[*].demands", nil, "every open task that is not a milestone states its resource demands (Policy.RequireDemands)"},
		}
	case CodeTasksTracked:
		return []Condition{
			{"", e, "backlog.tasks[*].tracker", nil, "every task not dropped is entered in the work tracker (Policy.RequireTrackerEntry)"},
		}
	case CodeScheduleMeetsDate:
		return []Condition{
			{"", e, "backlog.tasks", nil, "the tasks can be scheduled (the backlog's methods refuse a cycle; a backlog loaded with AllowInvalid can hold one)"},
			{"", e, "release.date", nil, "the launch work is ready by the release date"},
			{"", e, "backlog.tasks[*].finishNoLaterThan", nil, "every task can finish by its finish-no-later-than date"},
		}
	case CodeResourcesAllocation:
		return []Condition{
			{resource.CodeOverAllocated, e, "resources.resources[*]", nil, "no resource is loaded beyond its capacity on any workday"},
			{resource.CodeUnplaced, w, "backlog.tasks[*].demands[*]|resources.demands[*]", nil, "every demand loads some workday of its resource"},
		}
	case CodeLevelMeetsDate:
		return []Condition{
			{"", e, "release.date", nil, "levelled, the launch work is ready by the release date (Policy.LevelResources)"},
			{"", e, "backlog.tasks[*].finishNoLaterThan", nil, "levelled, every task finishes by its finish-no-later-than date"},
			{"", e, "backlog.tasks", nil, "the tasks can be levelled (whatever can be scheduled can be levelled, short of running past year 9999)"},
		}
	case CodeCommitmentsCoverage:
		return []Condition{
			{resource.CodeUncovered, e, "backlog.tasks[*].demands[*]|resources.demands[*]", nil, "every demand has a commitment, given against the current revision, for the demand as it is"},
			{resource.CodePartlyCovered, e, "backlog.tasks[*].demands[*]|resources.demands[*]", nil, "the commitments cover the whole demand"},
		}
	case CodeBudgetCovered:
		return []Condition{
			{resource.CodeUnderfunded, e, "resources.budget.lines[*]", nil, "the committed budget covers the required budget in every category"},
			{resource.CodeOverspent, w, "resources.budget.lines[*]", nil, "no category spends more than committed"},
			{resource.CodeBudgetArithmetic, e, "resources.budget", nil, "the budget can be summed (one currency)"},
		}
	case CodeRisksLogged:
		return []Condition{
			{"", e, "risks.risks", nil, "the risk log holds at least one risk"},
		}
	case CodeRisksHandled:
		return []Condition{
			{"", e, "risks.risks[*].owner", nil, "every open threat at or above the exposure threshold has an owner"},
			{"", e, "risks.risks[*].mitigationPlan", nil, "... a mitigation plan"},
			{"", e, "risks.risks[*].contingencyPlan", nil, "... a contingency plan"},
			{"", e, "risks.risks[*].trigger", nil, "... the contingency plan's trigger"},
			{"", e, "risks.risks[*].nextReview", validation.ErrRequired, "... a next review date"},
			{"", e, "risks.risks[*].nextReview", validation.ErrInvalid, "... which lies after the check date"},
		}
	case CodeIssuesBlocking:
		return []Condition{
			{"", e, "risks.issues[*]", nil, "no open issue blocking the launch is escalated and overdue"},
			{"", w, "risks.issues[*]", nil, "any other open issue blocking the launch is reported"},
		}
	}
	return deploymentConditions(code)
}
