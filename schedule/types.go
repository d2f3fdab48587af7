package schedule

import (
	"fmt"

	"github.com/rolloutkit/rollout/calendar"
)

// Limits on the input, so that every figure fits comfortably in the int32
// workday indices of the engine and in the calendar's range of dates.
const (
	// MaxDuration is the longest activity, in workdays.
	MaxDuration = 100_000
	// MaxLag is the largest lag (or lead, when negative) of a dependency, in
	// workdays.
	MaxLag = 100_000
	// MaxActivities is the largest network that Compile accepts.
	MaxActivities = 1 << 26
)

// LinkType is the kind of a dependency in the precedence diagramming method:
// which end of the predecessor constrains which end of the successor. The
// zero value is FinishToStart.
type LinkType uint8

// The four link types.
const (
	// FinishToStart: the successor starts after the predecessor finishes
	// (plus the lag). Text form "finish-to-start", short "FS".
	FinishToStart LinkType = iota
	// StartToStart: the successor starts no earlier than the predecessor
	// starts (plus the lag). Text form "start-to-start", short "SS".
	StartToStart
	// FinishToFinish: the successor finishes no earlier than the
	// predecessor finishes (plus the lag). Text form "finish-to-finish",
	// short "FF".
	FinishToFinish
	// StartToFinish: the successor finishes no earlier than the predecessor
	// starts (plus the lag). Text form "start-to-finish", short "SF".
	StartToFinish
)

var linkNames = [...]string{"finish-to-start", "start-to-start", "finish-to-finish", "start-to-finish"}
var linkShort = [...]string{"FS", "SS", "FF", "SF"}

// LinkTypes returns the four link types in order.
func LinkTypes() []LinkType {
	return []LinkType{FinishToStart, StartToStart, FinishToFinish, StartToFinish}
}

// Valid reports whether t is one of the four link types.
func (t LinkType) Valid() bool { return int(t) < len(linkNames) }

// String returns the text form, such as "finish-to-start".
func (t LinkType) String() string {
	if t.Valid() {
		return linkNames[t]
	}
	return fmt.Sprintf("LinkType(%d)", uint8(t))
}

// Short returns the two-letter abbreviation, such as "FS".
func (t LinkType) Short() string {
	if t.Valid() {
		return linkShort[t]
	}
	return "??"
}

// MarshalText writes the text form; it fails for an unknown type.
func (t LinkType) MarshalText() ([]byte, error) {
	if !t.Valid() {
		return nil, fmt.Errorf("schedule: unknown link type %d", uint8(t))
	}
	return []byte(linkNames[t]), nil
}

// UnmarshalText reads the text form ("finish-to-start") or the
// abbreviation ("FS", in any case). Unknown text is an error and leaves t
// unchanged.
func (t *LinkType) UnmarshalText(b []byte) error {
	s := string(b)
	for i := range linkNames {
		if s == linkNames[i] || equalFoldASCII(s, linkShort[i]) {
			*t = LinkType(i)
			return nil
		}
	}
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	return fmt.Errorf("schedule: unknown link type %q (want finish-to-start, start-to-start, finish-to-finish or start-to-finish)", s)
}

func equalFoldASCII(s, t string) bool {
	if len(s) != len(t) {
		return false
	}
	for i := 0; i < len(s); i++ {
		a, b := s[i], t[i]
		if 'a' <= a && a <= 'z' {
			a -= 'a' - 'A'
		}
		if 'a' <= b && b <= 'z' {
			b -= 'a' - 'A'
		}
		if a != b {
			return false
		}
	}
	return true
}

// fromFinish reports whether the link is anchored at the predecessor's
// finish (FS, FF).
func (t LinkType) fromFinish() bool { return t == FinishToStart || t == FinishToFinish }

// toFinish reports whether the link constrains the successor's finish (FF,
// SF).
func (t LinkType) toFinish() bool { return t == FinishToFinish || t == StartToFinish }

// Activity is one piece of work in the network.
type Activity struct {
	// ID identifies the activity; unique and not empty.
	ID string `json:"id"`
	// Name is a human label, used in exports.
	Name string `json:"name,omitempty"`
	// Duration is the work in workdays; 0 makes the activity a milestone.
	Duration int `json:"duration" jsonschema:"minimum=0,maximum=100000"`
	// StartNoEarlierThan, when set, is the earliest date the activity may
	// start (rolled forward to a workday).
	StartNoEarlierThan calendar.Date `json:"startNoEarlierThan,omitzero"`
	// FinishNoLaterThan, when set, is the latest date the activity may
	// finish (rolled back to a workday). Missing it shows as negative
	// float, not as an error.
	FinishNoLaterThan calendar.Date `json:"finishNoLaterThan,omitzero"`
	// AfterRelease marks work that happens after the release (post-launch
	// demos, trade shows): it starts no earlier than the deadline date plus
	// ReleaseLag workdays and is not bound by the deadline. It needs a
	// Network.Deadline.
	AfterRelease bool `json:"afterRelease,omitzero"`
	// ReleaseLag is, for an AfterRelease activity, the number of workdays
	// after the deadline date before it may start (0: on the deadline
	// date itself).
	ReleaseLag int `json:"releaseLag,omitzero" jsonschema:"minimum=0,maximum=100000"`
	// Demands are the resources the activity holds on each of its
	// workdays, used by Level.
	Demands []Demand `json:"demands,omitempty"`
	// Splittable lets Level pause the activity while its resources work
	// elsewhere: its Duration is then the workdays worked, taken as the
	// first free ones from its start, in pieces. Allow it where a release
	// manager would (writing documentation, say), not for work that must
	// run in one go (a cutover).
	Splittable bool `json:"splittable,omitzero"`
	// Calendar names the activity's own working calendar, one of
	// Network.Calendars (or the network calendar's own name); empty means
	// the network calendar. Its duration counts that calendar's workdays
	// and it is never worked on that calendar's holidays or inside its
	// freeze windows.
	Calendar string `json:"calendar,omitempty"`
	// Mode says where the activity is placed between its early and late
	// dates: as soon as possible, as late as possible, or (the zero value)
	// the network's direction.
	Mode Mode `json:"mode,omitzero" jsonschema:"type=string,enum=as-soon-as-possible,enum=as-late-as-possible"`
}

// Demand is a number of units of a resource that an activity uses on each of
// its workdays.
type Demand struct {
	// Resource is the ID of a Network.Resources entry.
	Resource string `json:"resource"`
	// Units is the number of units used per workday, at least 1.
	Units int `json:"units" jsonschema:"minimum=1"`
}

// Resource is something of limited capacity that activities share: people
// of a skill, a training room, demo kits.
type Resource struct {
	// ID identifies the resource; unique and not empty.
	ID string `json:"id"`
	// Capacity is the number of units available on every workday.
	Capacity int `json:"capacity" jsonschema:"minimum=0"`
	// Calendar, when set, is the resource's own working calendar: on a
	// workday of the network that is not one of its workdays it has no
	// units (with activity calendars: on any day that is not one of its
	// workdays). Nil: it works every workday of the network, and only
	// those.
	Calendar *calendar.Calendar `json:"calendar,omitempty"`
	// Absences are days (or named ranges of days) on which the resource
	// has no units: leave, maintenance, a loan.
	Absences []calendar.Holiday `json:"absences,omitempty"`
}

// Dependency is a precedence link from a predecessor to a successor.
type Dependency struct {
	// From is the ID of the predecessor.
	From string `json:"from"`
	// To is the ID of the successor.
	To string `json:"to"`
	// Type is the link type; the zero value is FinishToStart.
	Type LinkType `json:"type,omitzero" jsonschema:"type=string,enum=finish-to-start,enum=start-to-start,enum=finish-to-finish,enum=start-to-finish"`
	// Lag is the delay in workdays added to the link; negative for a lead.
	Lag int `json:"lag,omitzero" jsonschema:"minimum=-100000,maximum=100000"`
}

// Network is the input of the engine: activities, the links between them, a
// working calendar and the dates that anchor the schedule.
//
// With Start set the network is scheduled forwards from it and the late
// dates come from the Deadline (or, without one, from the early finish).
// With only Deadline set the network is scheduled backwards, as late as
// possible, and the project start is the earliest late start.
type Network struct {
	// Calendar says which days are worked; nil means calendar.Standard().
	// It is the calendar of every activity that names none, and the one
	// lags, the start, the deadline and the release lag count in.
	Calendar *calendar.Calendar `json:"calendar,omitempty"`
	// Calendars are the activity calendars, each with a unique, non-empty
	// name that activities refer to (Activity.Calendar).
	Calendars []*calendar.Calendar `json:"calendars,omitempty"`
	// Start is the project start (rolled forward to a workday).
	Start calendar.Date `json:"start,omitzero"`
	// Deadline is the release date: the last date (rolled back to a
	// workday) by which the release work must have finished: every
	// activity except the work after the release (see
	// Activity.AfterRelease).
	Deadline calendar.Date `json:"deadline,omitzero"`
	// Activities are the work items.
	Activities []Activity `json:"activities"`
	// Dependencies are the precedence links.
	Dependencies []Dependency `json:"dependencies,omitempty"`
	// Resources are the shared resources that Level respects.
	Resources []Resource `json:"resources,omitempty"`
}

// cal returns the calendar to use.
func (n *Network) cal() *calendar.Calendar {
	if n.Calendar == nil {
		return calendar.Standard()
	}
	return n.Calendar
}
