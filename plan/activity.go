package plan

import (
	"fmt"

	"github.com/rolloutkit/rollout/lifecycle"
)

// ActivityState is the state of the planning activity itself, "Create
// Rollout and Deployment Plan". The zero value is NotStarted.
type ActivityState uint8

// The activity's states.
const (
	// NotStarted: the activity waits for its entry criterion.
	NotStarted ActivityState = iota
	// InProgress: the release manager is building the plan.
	InProgress
	// Complete: the exit criterion holds; the plan details every activity
	// a successful launch needs.
	Complete
)

var activityNames = [...]string{"not-started", "in-progress", "complete"}

// String returns "not-started", "in-progress" or "complete".
func (s ActivityState) String() string {
	if int(s) < len(activityNames) {
		return activityNames[s]
	}
	return fmt.Sprintf("ActivityState(%d)", uint8(s))
}

// MarshalText writes the state's name.
func (s ActivityState) MarshalText() ([]byte, error) {
	if int(s) >= len(activityNames) {
		return nil, fmt.Errorf("plan: invalid activity state %d", uint8(s))
	}
	return []byte(activityNames[s]), nil
}

// UnmarshalText reads a state name. On error s is unchanged.
func (s *ActivityState) UnmarshalText(b []byte) error {
	for i, n := range activityNames {
		if string(b) == n {
			*s = ActivityState(i)
			return nil
		}
	}
	return fmt.Errorf("plan: unknown activity state %q (want not-started, in-progress or complete)", b)
}

// Reasons for the activity's transitions.
const (
	ReasonEntryCriterionMet lifecycle.Reason = "Entry criterion met"
	ReasonExitCriterionMet  lifecycle.Reason = "Exit criterion met"
	ReasonReopened          lifecycle.Reason = "Reopened"
	ReasonReleaseChanged    lifecycle.Reason = "Release date changed"
	ReasonCommitmentLost    lifecycle.Reason = "Commitment lost"
)

// ActivityLifecycle returns the activity's lifecycle: NotStarted to
// InProgress when the entry criterion is met, InProgress to Complete when
// the exit criterion is met, and Complete back to InProgress to reopen.
// Starting and completing are also guarded by the gates (see Plan.Start and
// Plan.Complete); the table says only which moves exist.
func ActivityLifecycle() *lifecycle.Machine[ActivityState] {
	return lifecycle.MustNew("activity", NotStarted, []lifecycle.Reason{"New"},
		lifecycle.Rule[ActivityState]{From: NotStarted, To: InProgress, Reasons: []lifecycle.Reason{ReasonEntryCriterionMet}},
		lifecycle.Rule[ActivityState]{From: InProgress, To: Complete, Reasons: []lifecycle.Reason{ReasonExitCriterionMet}},
		lifecycle.Rule[ActivityState]{From: Complete, To: InProgress, Reasons: []lifecycle.Reason{ReasonReopened, ReasonReleaseChanged, ReasonCommitmentLost}},
	)
}

// SubActivity is one of the activity's six sub-activities. The zero value
// means the activity as a whole (its entry and exit criteria and roles).
type SubActivity uint8

// The six sub-activities, numbered as in the process guidance.
const (
	// WholeActivity is the activity as a whole.
	WholeActivity SubActivity = iota
	// GatherRequirements is sub-activity 1: release, rollout and
	// deployment requirements, with every training and marketing need.
	GatherRequirements
	// AnalyzeRequirements is sub-activity 2: requirements analysed into a
	// backlog of tasks entered in the work tracker.
	AnalyzeRequirements
	// DetermineResources is sub-activity 3: personnel, facilities,
	// equipment and budget.
	DetermineResources
	// GainCommitments is sub-activity 4: commitments negotiated with the
	// integrated program management office against the plan.
	GainCommitments
	// IdentifyRisks is sub-activity 5: the risk log updated and managed.
	IdentifyRisks
	// ManageIssues is sub-activity 6: release, rollout and deployment
	// issues monitored and managed.
	ManageIssues
)

var subActivityNames = [...]string{"activity", "gather-requirements", "analyze-requirements", "determine-resources", "gain-commitments", "identify-risks", "manage-issues"}

var subActivityTitles = [...]string{"Create Rollout and Deployment Plan", "Gather Release and Deployment Requirements", "Analyze Requirements", "Determine the Resources Required", "Gain Commitments on Resources", "Identify Risks", "Monitor and Manage Issues"}

// SubActivities lists the six sub-activities in order.
func SubActivities() []SubActivity {
	return []SubActivity{GatherRequirements, AnalyzeRequirements, DetermineResources, GainCommitments, IdentifyRisks, ManageIssues}
}

// String returns the sub-activity's key, such as "gather-requirements".
func (s SubActivity) String() string {
	if int(s) < len(subActivityNames) {
		return subActivityNames[s]
	}
	return fmt.Sprintf("SubActivity(%d)", uint8(s))
}

// Title returns the sub-activity's title in the process guidance, such as
// "Gather Release and Deployment Requirements".
func (s SubActivity) Title() string {
	if int(s) < len(subActivityTitles) {
		return subActivityTitles[s]
	}
	return s.String()
}

// MarshalText writes the sub-activity's key.
func (s SubActivity) MarshalText() ([]byte, error) {
	if int(s) >= len(subActivityNames) {
		return nil, fmt.Errorf("plan: invalid sub-activity %d", uint8(s))
	}
	return []byte(subActivityNames[s]), nil
}

// UnmarshalText reads a sub-activity key. On error s is unchanged.
func (s *SubActivity) UnmarshalText(b []byte) error {
	for i, n := range subActivityNames {
		if string(b) == n {
			*s = SubActivity(i)
			return nil
		}
	}
	return fmt.Errorf("plan: unknown sub-activity %q", b)
}

// Status is the progress of one sub-activity, derived from the plan's
// content and the rules that belong to it.
type Status uint8

// Sub-activity statuses.
const (
	// Pending: nothing has been entered for the sub-activity yet.
	Pending Status = iota
	// Underway: work has been entered, but some of its rules still fail.
	Underway
	// Done: every blocking rule of the sub-activity passes.
	Done
)

var statusNames = [...]string{"pending", "underway", "done"}

// String returns "pending", "underway" or "done".
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", uint8(s))
}

// MarshalText writes the status's name.
func (s Status) MarshalText() ([]byte, error) {
	if int(s) >= len(statusNames) {
		return nil, fmt.Errorf("plan: invalid status %d", uint8(s))
	}
	return []byte(statusNames[s]), nil
}
