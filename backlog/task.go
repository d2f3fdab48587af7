package backlog

import (
	"math"
	"slices"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/workitem"
)

// Estimate is a task's effort in workdays: a most likely value and, for
// forecasting, optional optimistic and pessimistic ones (a three-point
// estimate, with Optimistic <= MostLikely <= Pessimistic). Zero Optimistic
// or Pessimistic means "not given"; a milestone's estimate is zero.
type Estimate struct {
	// MostLikely is the expected effort in workdays.
	MostLikely float64 `json:"mostLikely" jsonschema:"minimum=0,maximum=100000"`
	// Optimistic is the effort if things go well; 0 means not given.
	Optimistic float64 `json:"optimistic,omitzero" jsonschema:"minimum=0,maximum=100000"`
	// Pessimistic is the effort if things go badly; 0 means not given.
	Pessimistic float64 `json:"pessimistic,omitzero" jsonschema:"minimum=0,maximum=100000"`
}

// Days returns a most likely estimate of d workdays.
func Days(d float64) Estimate { return Estimate{MostLikely: d} }

// ThreePoint returns the estimate with the three values.
func ThreePoint(optimistic, mostLikely, pessimistic float64) Estimate {
	return Estimate{MostLikely: mostLikely, Optimistic: optimistic, Pessimistic: pessimistic}
}

// IsZero reports whether nothing is estimated.
func (e Estimate) IsZero() bool { return e == Estimate{} }

// IsThreePoint reports whether both optimistic and pessimistic are given.
func (e Estimate) IsThreePoint() bool { return e.Optimistic > 0 && e.Pessimistic > 0 }

// Range returns the optimistic, most likely and pessimistic values, a
// missing end standing at the most likely value.
func (e Estimate) Range() (optimistic, mostLikely, pessimistic float64) {
	o, p := e.Optimistic, e.Pessimistic
	if o == 0 {
		o = e.MostLikely
	}
	if p == 0 {
		p = e.MostLikely
	}
	return o, e.MostLikely, p
}

// Mean returns the PERT mean (O + 4M + P) / 6, with missing ends at the
// most likely value.
func (e Estimate) Mean() float64 {
	o, m, p := e.Range()
	return (o + 4*m + p) / 6
}

// Workdays returns the most likely estimate rounded up to whole workdays,
// as a schedule needs it; a positive fraction counts as a whole day.
func (e Estimate) Workdays() int {
	if !(e.MostLikely > 0) || e.MostLikely > MaxWorkdays {
		return 0
	}
	return int(math.Ceil(e.MostLikely - 1e-9))
}

// Dependency says that a task depends on another, its predecessor. It is
// listed on the dependent task (the successor), as a tracker's predecessor
// link is.
type Dependency struct {
	// Task is the ID of the predecessor.
	Task string `json:"task" jsonschema:"minLength=1"`
	// Type is FS (the zero value), SS, FF or SF.
	Type DependencyType `json:"type,omitzero" jsonschema:"type=string,enum=finish-to-start,enum=start-to-start,enum=finish-to-finish,enum=start-to-finish"`
	// Lag is the delay in workdays added to the link; negative for a lead.
	Lag int `json:"lag,omitzero" jsonschema:"minimum=-100000,maximum=100000"`
}

// Origin records that Expand generated a task: from which requirement, by
// which template (named by its category) and step.
type Origin struct {
	// Requirement is the ID of the requirement expanded.
	Requirement string `json:"requirement"`
	// Template is the category of the template used.
	Template Category `json:"template"`
	// Step is the key of the template step.
	Step string `json:"step"`
}

// Task is a piece of work in the backlog that analysis (sub-activity 2)
// made of the requirements, to be entered in a work tracker for tracking
// and assignment.
type Task struct {
	// ID identifies the task, stable across plan revisions; generated
	// tasks have IDs such as "REQ-7/prepare-material".
	ID string `json:"id" jsonschema:"minLength=1,maxLength=256"`
	// Title is a short statement of the work.
	Title string `json:"title" jsonschema:"minLength=1"`
	// Description says more.
	Description string `json:"description,omitempty"`
	// Discipline is the kind of work, such as "user-education".
	Discipline Discipline `json:"discipline,omitempty" jsonschema:"maxLength=64"`
	// Requirements are the IDs of the requirements the task serves.
	Requirements []string `json:"requirements,omitempty"`
	// Estimate is the effort in workdays.
	Estimate Estimate `json:"estimate,omitzero"`
	// RemainingWork is the effort still to do, in workdays.
	RemainingWork float64 `json:"remainingWork,omitzero" jsonschema:"minimum=0"`
	// CompletedWork is the effort spent, in workdays.
	CompletedWork float64 `json:"completedWork,omitzero" jsonschema:"minimum=0"`
	// Dependencies are the task's predecessors.
	Dependencies []Dependency `json:"dependencies,omitempty"`
	// StartNoEarlierThan, when set, is the first day the task may start.
	StartNoEarlierThan calendar.Date `json:"startNoEarlierThan,omitzero"`
	// FinishNoLaterThan, when set, is the last day the task may finish.
	FinishNoLaterThan calendar.Date `json:"finishNoLaterThan,omitzero"`
	// Milestone marks a zero-effort event, such as "launch".
	Milestone bool `json:"milestone,omitzero"`
	// Scheduling places the task as soon or as late as possible; empty
	// leaves it to the plan's default for its requirements' categories.
	Scheduling Scheduling `json:"scheduling,omitempty" jsonschema:"enum=,enum=as-soon-as-possible,enum=as-late-as-possible"`
	// Calendar names the working calendar the task follows (a calendar
	// of the plan's resource pool, such as a deployment calendar with
	// change freezes); empty means the plan's calendar.
	Calendar string `json:"calendar,omitempty"`
	// Assignee names the person the task is assigned to.
	Assignee string `json:"assignee,omitempty"`
	// Demands are the resources the task needs; each demand's TaskID is
	// empty or the task's ID (see [Task.ResolvedDemands]).
	Demands []resource.Demand `json:"demands,omitempty"`
	// Tracker points to the work item in the tracker once entered.
	Tracker TrackerRef `json:"tracker,omitzero"`
	// Tags are free labels.
	Tags []string `json:"tags,omitempty"`
	// Origin is set on tasks generated by Expand.
	Origin *Origin `json:"origin,omitempty"`
	// State is the CMMI state; it changes only through
	// [Backlog.Transition].
	State workitem.State `json:"state" jsonschema:"type=string,enum=Proposed,enum=Active,enum=Resolved,enum=Closed"`
	// Reason is the reason of the last change of state.
	Reason lifecycle.Reason `json:"reason"`
	// Blocked is the CMMI Blocked flag: the task cannot progress.
	Blocked bool `json:"blocked,omitzero"`
	// Type says why the task exists: planned work (empty or "planned"),
	// a risk's mitigation action or an issue's corrective action.
	Type TaskType `json:"type,omitempty" jsonschema:"enum=,enum=planned,enum=mitigation-action,enum=corrective-action"`
	// Addresses is the ID of the risk whose mitigation plan a mitigation
	// action carries out, or of the issue whose corrective action plan a
	// corrective action carries out; empty for planned work.
	Addresses string `json:"addresses,omitempty" jsonschema:"maxLength=128"`
}

// IsOpen reports whether the task is Proposed or Active.
func (t Task) IsOpen() bool { return t.State.IsOpen() }

// Serves reports whether the task serves the requirement.
func (t Task) Serves(reqID string) bool { return slices.Contains(t.Requirements, reqID) }

// DependsOn reports whether the task lists pred as a predecessor.
func (t Task) DependsOn(pred string) bool {
	for _, d := range t.Dependencies {
		if d.Task == pred {
			return true
		}
	}
	return false
}

// ResolvedDemands returns copies of the task's demands with TaskID set to
// the task's ID, ready for a resource pool.
func (t Task) ResolvedDemands() []resource.Demand {
	if len(t.Demands) == 0 {
		return nil
	}
	out := slices.Clone(t.Demands)
	for i := range out {
		out[i].TaskID = t.ID
	}
	return out
}

// Clone returns a deep copy.
func (t Task) Clone() Task {
	t.Requirements = slices.Clone(t.Requirements)
	t.Dependencies = slices.Clone(t.Dependencies)
	t.Demands = slices.Clone(t.Demands)
	t.Tags = slices.Clone(t.Tags)
	if t.Origin != nil {
		o := *t.Origin
		t.Origin = &o
	}
	return t
}
