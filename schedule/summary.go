package schedule

import (
	"encoding/json"

	"github.com/rolloutkit/rollout/calendar"
)

// SummaryPaths is the largest number of critical paths a Summary lists
// (there can be exponentially many; the Critical flag of each activity
// marks them all).
const SummaryPaths = 10

// Summary is a Result as one plain value: what a service returns and a
// client reads, without calling an accessor per question. It is the JSON
// form of a Result (Result.MarshalJSON writes it) and decodes back with
// encoding/json. Every date is a calendar date in ISO 8601 (YYYY-MM-DD);
// float is in workdays. Activity IDs are those of the network: package
// plan keeps its task IDs, so a plan's schedule carries the plan's IDs.
type Summary struct {
	// Start is the project start (see Result.Start).
	Start calendar.Date `json:"start"`
	// Ready is the last workday of the release work (see Result.Ready).
	Ready calendar.Date `json:"ready"`
	// Finish is the last workday of the whole network, work after the
	// release included.
	Finish calendar.Date `json:"finish"`
	// Deadline is the release date rolled back to a workday; absent when
	// the network has none.
	Deadline calendar.Date `json:"deadline,omitzero"`
	// Slack is the workdays between Ready and Deadline, negative when the
	// deadline is missed.
	Slack int `json:"slack"`
	// MeetsDeadline tells whether the release work is ready by the
	// deadline (true without one).
	MeetsDeadline bool `json:"meetsDeadline"`
	// Backward tells a network scheduled backwards from its deadline
	// (no start date): the Start and Finish of its release work are then
	// their late dates.
	Backward bool `json:"backward,omitzero"`
	// Activities are the schedules of every activity, in the order of
	// Network.Activities.
	Activities []ActivitySummary `json:"activities"`
	// ReleaseChain is the driving chain behind Ready: the activities and
	// links, from the project start or a constraint, that fix when the
	// release work's last activity finishes (see Result.DeadlineMiss for
	// how that activity is chosen). Empty without release work.
	ReleaseChain []Step `json:"releaseChain"`
	// CriticalPaths are up to SummaryPaths critical paths, each a list of
	// activity IDs (see Result.CriticalPaths).
	CriticalPaths [][]string `json:"criticalPaths"`
}

// ActivitySummary is the schedule of one activity in a Summary: its
// Timing (early and late dates, float, critical flag, and in Start and
// Finish the dates to plan with, see Result.Scheduled), and what drives
// them.
type ActivitySummary struct {
	Timing
	// StartDriver is what fixes the early start (see Result.Driver).
	StartDriver Cause `json:"startDriver"`
	// FinishDriver is what fixes the late finish.
	FinishDriver Cause `json:"finishDriver"`
}

// Summary returns the result as one value (see Summary).
func (r *Result) Summary() Summary {
	c := r.c
	s := Summary{
		Start:         r.Start(),
		Ready:         r.Ready(),
		Finish:        r.Finish(),
		Deadline:      r.Deadline(),
		Slack:         r.Slack(),
		MeetsDeadline: r.MeetsDeadline(),
		Backward:      c.backward,
		Activities:    make([]ActivitySummary, len(c.ids)),
		ReleaseChain:  []Step{},
		CriticalPaths: r.CriticalPaths(SummaryPaths),
	}
	for i := range s.Activities {
		v := int(c.pos[i])
		t := r.timing(v)
		s.Activities[i] = ActivitySummary{Timing: t, StartDriver: r.startCause(v), FinishDriver: r.finishCause(v)}
	}
	if v := r.lastRelease(); v >= 0 {
		s.ReleaseChain = r.chain(v)
	}
	if s.CriticalPaths == nil {
		s.CriticalPaths = [][]string{}
	}
	return s
}

// MarshalJSON writes the result's Summary.
func (r *Result) MarshalJSON() ([]byte, error) { return json.Marshal(r.Summary()) }

// LevelledSummary is a Levelled schedule as one plain value, the
// counterpart of Summary: what a service returns after levelling and a
// client reads. It is the JSON form of a Levelled (Levelled.MarshalJSON
// writes it) and decodes back with encoding/json. Dates are calendar
// dates in ISO 8601 (YYYY-MM-DD), as in Summary; slack, shifts and delays
// are in workdays.
type LevelledSummary struct {
	// Start is the project start (that of the unlevelled schedule).
	Start calendar.Date `json:"start"`
	// Ready is the last workday of the levelled release work (see
	// Levelled.Ready).
	Ready calendar.Date `json:"ready"`
	// Finish is the last workday of the whole levelled network.
	Finish calendar.Date `json:"finish"`
	// Deadline is the release date rolled back to a workday; absent when
	// the network has none.
	Deadline calendar.Date `json:"deadline,omitzero"`
	// Workdays is the length of the levelled schedule, from Start to
	// Finish (see Levelled.Workdays).
	Workdays int `json:"workdays"`
	// Slack is the workdays between Ready and Deadline, negative when
	// levelling makes the release work miss it.
	Slack int `json:"slack"`
	// MeetsDeadline tells whether the levelled release work is ready by
	// the deadline (true without one).
	MeetsDeadline bool `json:"meetsDeadline"`
	// Method names the levelling scheme kept (see Levelled.Method).
	Method string `json:"method"`
	// Activities are the levelled schedules of every activity, in the
	// order of Network.Activities (see Levelled.Timings).
	Activities []LevelledTiming `json:"activities"`
	// Delays are the delays levelling made, in the order the activities
	// were placed (see Levelled.Delays); empty when none.
	Delays []Delay `json:"delays"`
	// Missed are the dates the levelled schedule misses (see
	// Levelled.Missed); empty when every date holds.
	Missed []MissedDate `json:"missed"`
}

// Summary returns the levelled schedule as one value (see
// LevelledSummary).
func (l *Levelled) Summary() LevelledSummary {
	s := LevelledSummary{
		Start:         l.base.Start(),
		Ready:         l.Ready(),
		Finish:        l.Finish(),
		Deadline:      l.base.Deadline(),
		Workdays:      l.Workdays(),
		Slack:         l.Slack(),
		MeetsDeadline: l.MeetsDeadline(),
		Method:        l.Method(),
		Activities:    l.Timings(),
		Delays:        l.Delays(),
		Missed:        l.Missed(),
	}
	if s.Delays == nil {
		s.Delays = []Delay{}
	}
	if s.Missed == nil {
		s.Missed = []MissedDate{}
	}
	return s
}

// MarshalJSON writes the levelled schedule's Summary.
func (l *Levelled) MarshalJSON() ([]byte, error) { return json.Marshal(l.Summary()) }
