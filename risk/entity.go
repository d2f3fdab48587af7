package risk

import (
	"slices"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/workitem"
)

// Risk is one entry of the risk log: an uncertain event that would hurt
// (a threat) or help (an opportunity) the release if it occurred.
//
// A forecast reads three fields: Probability (the chance, see
// [Probability.Fraction]), ScheduleImpactWorkdays (the delay if it occurs)
// and TaskIDs (the tasks it delays).
type Risk struct {
	// ID identifies the risk, unique among the risks and issues of a log,
	// such as "R12".
	ID string `json:"id" jsonschema:"minLength=1,maxLength=128"`
	// Title names the risk in a few words.
	Title string `json:"title" jsonschema:"minLength=1"`
	// Condition is the risk statement's condition: what might happen.
	Condition string `json:"condition" jsonschema:"minLength=1"`
	// Consequence is the risk statement's consequence: what follows if it
	// does.
	Consequence string `json:"consequence" jsonschema:"minLength=1"`
	// Cause is the source of the risk, where known.
	Cause string `json:"cause,omitempty"`
	// Category groups risks by source; see [Category] for the built-in set.
	Category Category `json:"category,omitempty" jsonschema:"pattern=^[a-z0-9]+(-[a-z0-9]+)*$,maxLength=64,example=technical,example=schedule,example=cost,example=resource,example=market,example=vendor,example=legal-and-compliance,example=operational"`
	// Kind says whether the risk is a threat or an opportunity.
	Kind Kind `json:"kind" jsonschema:"type=string,enum=threat,enum=opportunity"`
	// Probability is the current chance of occurrence, 1 to 99 percent.
	Probability Probability `json:"probability" jsonschema:"minimum=1,maximum=99"`
	// Impact is the current effect if it occurs, 1 to 5.
	Impact Impact `json:"impact" jsonschema:"minimum=1,maximum=5"`
	// ScheduleImpactWorkdays is the delay, in working days, that the linked
	// tasks would suffer if the risk occurred (for an opportunity, the
	// working days it would save); 0 for none.
	ScheduleImpactWorkdays int `json:"scheduleImpactWorkdays,omitempty" jsonschema:"minimum=0"`
	// CostImpact is the money the risk would cost (or gain) if it occurred.
	CostImpact Cost `json:"costImpact,omitzero"`
	// Inherent is the level before any response.
	Inherent Level `json:"inherent,omitzero"`
	// Residual is the level expected once the response is in place.
	Residual Level `json:"residual,omitzero"`
	// Target is the level the owner aims for.
	Target Level `json:"target,omitzero"`
	// Proximity says when the risk would strike.
	Proximity Proximity `json:"proximity,omitzero" jsonschema:"type=string,example=2027-03-01,example=before-launch,example=at-launch,example=after-launch"`
	// Response is the chosen strategy.
	Response Response `json:"response,omitempty" jsonschema:"enum=avoid,enum=reduce,enum=transfer,enum=accept,enum=fallback,enum=share,enum=exploit,enum=enhance"`
	// MitigationPlan is what is done now to lower the risk.
	MitigationPlan string `json:"mitigationPlan,omitempty"`
	// ContingencyPlan is what is done if the risk occurs.
	ContingencyPlan string `json:"contingencyPlan,omitempty"`
	// Trigger is the event that fires the contingency plan.
	Trigger string `json:"trigger,omitempty"`
	// MitigationTrigger is the condition that starts the mitigation plan
	// (the CMMI Mitigation Triggers field), as distinct from Trigger,
	// which fires the contingency plan once the risk occurs.
	MitigationTrigger string `json:"mitigationTrigger,omitempty"`
	// Owner is the one person accountable for the risk.
	Owner string `json:"owner,omitempty"`
	// Raised is the date the risk was registered.
	Raised calendar.Date `json:"raised,omitzero"`
	// NextReview is the date of the risk's next review.
	NextReview calendar.Date `json:"nextReview,omitzero"`
	// TaskIDs are the tasks the risk threatens or that mitigate it.
	TaskIDs []string `json:"taskIds,omitempty"`
	// RequirementIDs are the requirements the risk concerns.
	RequirementIDs []string `json:"requirementIds,omitempty"`
	// IssueIDs are the issues the risk became when it occurred; set by
	// [Log.Promote].
	IssueIDs []string `json:"issueIds,omitempty"`
	// Tags are free labels.
	Tags []string `json:"tags,omitempty"`
	// State is the lifecycle state; it changes only through
	// [Log.Transition] and [Log.Promote].
	State workitem.State `json:"state" jsonschema:"type=string,enum=Proposed,enum=Active,enum=Resolved,enum=Closed"`
	// Reason is the reason of the latest change of state.
	Reason lifecycle.Reason `json:"reason"`
}

// Exposure returns the current probability times impact; see [Exposure].
func (r Risk) Exposure() Exposure { return r.Level().Exposure() }

// Score returns the current cell score on the default 5 by 5 matrix, 1 to
// 25 (0 when not assessed).
func (r Risk) Score() int { return r.Level().Score() }

// Level returns the current assessment as a Level.
func (r Risk) Level() Level { return Level{Probability: r.Probability, Impact: r.Impact} }

// IsOpen reports whether the risk is Proposed or Active.
func (r Risk) IsOpen() bool { return r.State.IsOpen() }

// Clone returns a copy of r that shares no slice with it.
func (r Risk) Clone() Risk {
	r.TaskIDs = slices.Clone(r.TaskIDs)
	r.RequirementIDs = slices.Clone(r.RequirementIDs)
	r.IssueIDs = slices.Clone(r.IssueIDs)
	r.Tags = slices.Clone(r.Tags)
	return r
}

// Escalation records that an issue was raised above its owner: to whom and
// when.
type Escalation struct {
	// Escalated is the CMMI Escalate flag.
	Escalated bool `json:"escalated"`
	// To names who the issue was escalated to.
	To string `json:"to,omitempty"`
	// On is the date of the escalation.
	On calendar.Date `json:"on,omitzero"`
}

// IsZero reports whether nothing about escalation is recorded.
func (e Escalation) IsZero() bool { return e == Escalation{} }

// Blocks lists what an issue holds up.
type Blocks struct {
	// Launch is set when the issue holds up the launch itself.
	Launch bool `json:"launch,omitempty"`
	// TaskIDs are the tasks the issue blocks.
	TaskIDs []string `json:"taskIds,omitempty"`
	// RequirementIDs are the requirements the issue blocks.
	RequirementIDs []string `json:"requirementIds,omitempty"`
	// MilestoneIDs are the milestones the issue blocks.
	MilestoneIDs []string `json:"milestoneIds,omitempty"`
}

// IsZero reports whether the issue blocks nothing.
func (b Blocks) IsZero() bool {
	return !b.Launch && len(b.TaskIDs) == 0 && len(b.RequirementIDs) == 0 && len(b.MilestoneIDs) == 0
}

// Issue is one entry of the issue log: something that is happening and
// threatens the release, found as it happens or promoted from a risk that
// occurred.
type Issue struct {
	// ID identifies the issue, unique among the risks and issues of a log,
	// such as "I3".
	ID string `json:"id" jsonschema:"minLength=1,maxLength=128"`
	// Title names the issue in a few words.
	Title string `json:"title" jsonschema:"minLength=1"`
	// Description explains the issue.
	Description string `json:"description,omitempty"`
	// Priority is 1 (highest) to 4 (lowest).
	Priority Priority `json:"priority" jsonschema:"minimum=1,maximum=4"`
	// Owner is the person who drives the issue to closure.
	Owner string `json:"owner,omitempty"`
	// Raised is the date the issue was raised.
	Raised calendar.Date `json:"raised,omitzero"`
	// TargetResolve is the date by which the issue must be resolved (CMMI:
	// the date it starts to affect the critical path).
	TargetResolve calendar.Date `json:"targetResolve,omitzero"`
	// Escalation records whether, to whom and when it was escalated.
	Escalation Escalation `json:"escalation,omitzero"`
	// Blocks lists what the issue holds up.
	Blocks Blocks `json:"blocks,omitzero"`
	// RiskID is the risk the issue came from, if any.
	RiskID string `json:"riskId,omitempty"`
	// Analysis is the issue's analysis: its root cause and the options
	// for correcting it (the CMMI Analysis field).
	Analysis string `json:"analysis,omitempty"`
	// CorrectiveActionPlan is the plan chosen to correct the issue (the
	// CMMI Corrective Action Plan field); for an issue promoted from a
	// risk, usually the risk's contingency plan.
	CorrectiveActionPlan string `json:"correctiveActionPlan,omitempty"`
	// Resolution says how the issue was resolved.
	Resolution string `json:"resolution,omitempty"`
	// Tags are free labels.
	Tags []string `json:"tags,omitempty"`
	// State is the lifecycle state; it changes only through
	// [Log.Transition].
	State workitem.State `json:"state" jsonschema:"type=string,enum=Proposed,enum=Active,enum=Resolved,enum=Closed"`
	// Reason is the reason of the latest change of state.
	Reason lifecycle.Reason `json:"reason"`
}

// IsOpen reports whether the issue is Proposed or Active.
func (i Issue) IsOpen() bool { return i.State.IsOpen() }

// IsOverdue reports whether the issue is open and its target resolve date
// lies before on.
func (i Issue) IsOverdue(on calendar.Date) bool {
	return i.IsOpen() && !i.TargetResolve.IsZero() && i.TargetResolve.Before(on)
}

// Clone returns a copy of i that shares no slice with it.
func (i Issue) Clone() Issue {
	i.Blocks.TaskIDs = slices.Clone(i.Blocks.TaskIDs)
	i.Blocks.RequirementIDs = slices.Clone(i.Blocks.RequirementIDs)
	i.Blocks.MilestoneIDs = slices.Clone(i.Blocks.MilestoneIDs)
	i.Tags = slices.Clone(i.Tags)
	return i
}
