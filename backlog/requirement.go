package backlog

import (
	"fmt"
	"slices"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/workitem"
)

// MaxWorkdays bounds lead times, offsets, lags and estimates, in workdays
// (about 400 years: anything larger is a typing mistake).
const MaxWorkdays = 100_000

// Timing places a requirement against the release date: met a lead time
// before launch, on launch day, or at an offset after launch. The zero
// Timing means "not stated".
type Timing struct {
	// Kind is before-launch, launch-day or after-launch.
	Kind TimingKind `json:"kind" jsonschema:"type=string,enum=before-launch,enum=launch-day,enum=after-launch"`
	// Workdays is the lead time before launch (before-launch) or the offset
	// after launch (after-launch), in workdays; 0 for launch-day.
	Workdays int `json:"workdays,omitzero" jsonschema:"minimum=0,maximum=100000"`
}

// Before returns the timing "lead workdays before launch".
func Before(lead int) Timing { return Timing{Kind: BeforeLaunch, Workdays: lead} }

// OnLaunchDay returns the timing "on launch day".
func OnLaunchDay() Timing { return Timing{Kind: OnLaunch} }

// After returns the timing "offset workdays after launch".
func After(offset int) Timing { return Timing{Kind: AfterLaunch, Workdays: offset} }

// IsZero reports whether no timing is stated.
func (t Timing) IsZero() bool { return t == Timing{} }

// String describes the timing, such as "10 workdays before launch", "on
// launch day" or "5 workdays after launch"; "" for the zero Timing.
func (t Timing) String() string {
	switch t.Kind {
	case 0:
		return ""
	case BeforeLaunch:
		return fmt.Sprintf("%d workdays before launch", t.Workdays)
	case OnLaunch:
		return "on launch day"
	case AfterLaunch:
		return fmt.Sprintf("%d workdays after launch", t.Workdays)
	}
	return t.Kind.String()
}

// Date returns the day the timing points at for a release on release under
// cal (nil means calendar.Standard()): the workday Workdays workdays before
// the release for before-launch (the day the need must be met by), the
// release date for launch-day, and the workday Workdays workdays after it
// for after-launch (the day the need is met from). A release date that is
// not a workday of cal means "ready by the last workday before it", as the
// scheduler reads a deadline: it is first rolled back to that workday
// (a Saturday launch counts from the Friday before). It returns an error
// for the zero
// Timing, an invalid one, or a date outside the calendar's range.
func (t Timing) Date(release calendar.Date, cal *calendar.Calendar) (calendar.Date, error) {
	if cal == nil {
		cal = calendar.Standard()
	}
	if !t.Kind.IsValid() || t.Workdays < 0 || t.Workdays > MaxWorkdays || (t.Kind == OnLaunch && t.Workdays != 0) {
		return calendar.Date{}, fmt.Errorf("backlog: invalid timing %+v", t)
	}
	if release.IsZero() {
		return calendar.Date{}, fmt.Errorf("backlog: timing needs a release date")
	}
	day, err := cal.RollBackward(release)
	if err != nil {
		return calendar.Date{}, err
	}
	switch t.Kind {
	case BeforeLaunch:
		return cal.AddWorkdays(day, -t.Workdays)
	case AfterLaunch:
		return cal.AddWorkdays(day, t.Workdays)
	}
	return day, nil
}

// TrackerRef points to the work item a requirement or task became in a work
// tracker once entered, such as {System: "azure-boards", ID: "4711", URL:
// "https://dev.azure.com/contoso/launch/_workitems/edit/4711"}. The zero
// TrackerRef means "not entered yet".
type TrackerRef struct {
	// System names the tracker, such as "azure-boards" or "jira".
	System string `json:"system"`
	// ID is the work item's ID in the tracker.
	ID string `json:"id"`
	// URL opens the work item.
	URL string `json:"url,omitempty" jsonschema:"format=uri"`
}

// IsZero reports whether the item has not been entered in a tracker.
func (r TrackerRef) IsZero() bool { return r == TrackerRef{} }

// String renders the reference as "system#id", or "" for the zero value.
func (r TrackerRef) String() string {
	if r.IsZero() {
		return ""
	}
	return r.System + "#" + r.ID
}

// Requirement is a release, rollout or deployment requirement gathered in
// sub-activity 1, such as "Train the EMEA help desk on release 4.0".
type Requirement struct {
	// ID identifies the requirement, stable across plan revisions. IDs are
	// unique across the requirements and tasks of a backlog.
	ID string `json:"id" jsonschema:"minLength=1,maxLength=256"`
	// Title is a short statement of the need.
	Title string `json:"title" jsonschema:"minLength=1"`
	// Description states the need in full.
	Description string `json:"description,omitempty"`
	// Category is a catalogue category, such as "sales-training".
	Category Category `json:"category" jsonschema:"minLength=1,maxLength=64"`
	// Type is the CMMI requirement type, when used, such as "Operational"
	// or "Scenario" (free text).
	Type string `json:"type,omitempty"`
	// Audience is who the requirement serves, such as "EMEA help desk".
	Audience string `json:"audience,omitempty"`
	// Source names the source or stakeholder the requirement came from.
	Source string `json:"source,omitempty"`
	// Priority is 1 (highest) to 4 (lowest); 0 means not set.
	Priority Priority `json:"priority,omitzero" jsonschema:"minimum=1,maximum=4"`
	// Timing places the requirement against the release date.
	Timing Timing `json:"timing,omitzero"`
	// AcceptanceCriteria are the conditions under which the requirement
	// is met, one statement each.
	AcceptanceCriteria []string `json:"acceptanceCriteria,omitempty"`
	// Tags are free labels.
	Tags []string `json:"tags,omitempty"`
	// Tracker points to the work item in the tracker once entered.
	Tracker TrackerRef `json:"tracker,omitzero"`
	// State is the CMMI state; it changes only through
	// [Backlog.Transition].
	State workitem.State `json:"state" jsonschema:"type=string,enum=Proposed,enum=Active,enum=Resolved,enum=Closed"`
	// Reason is the reason of the last change of state.
	Reason lifecycle.Reason `json:"reason"`
}

// IsOpen reports whether the requirement is Proposed or Active.
func (r Requirement) IsOpen() bool { return r.State.IsOpen() }

// Clone returns a deep copy.
func (r Requirement) Clone() Requirement {
	r.AcceptanceCriteria = slices.Clone(r.AcceptanceCriteria)
	r.Tags = slices.Clone(r.Tags)
	return r
}
