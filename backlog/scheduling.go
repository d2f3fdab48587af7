package backlog

import "fmt"

// Scheduling says when a task is placed between its early and late dates
// once the plan is scheduled: as soon as possible (deployment: do it and
// have room left), as late as possible (training, press releases: just in
// time for the launch), or, empty, as the plan decides (its default for
// the task's requirement categories, else the schedule's direction).
type Scheduling string

// The scheduling choices of a task.
const (
	// SchedulingDefault leaves the choice to the plan.
	SchedulingDefault Scheduling = ""
	// AsSoonAsPossible places the task at its early dates.
	AsSoonAsPossible Scheduling = "as-soon-as-possible"
	// AsLateAsPossible places the task at its late dates, just in time
	// for what follows it and for the release.
	AsLateAsPossible Scheduling = "as-late-as-possible"
)

// IsValid reports whether s is one of the three choices.
func (s Scheduling) IsValid() bool {
	return s == SchedulingDefault || s == AsSoonAsPossible || s == AsLateAsPossible
}

// String returns the text form ("default" for SchedulingDefault).
func (s Scheduling) String() string {
	if s == SchedulingDefault {
		return "default"
	}
	return string(s)
}

// UnmarshalText reads the text form; anything else is an error and leaves
// s unchanged.
func (s *Scheduling) UnmarshalText(b []byte) error {
	v := Scheduling(b)
	if !v.IsValid() {
		t := string(b)
		if len(t) > 40 {
			t = t[:40] + "..."
		}
		return fmt.Errorf("backlog: unknown scheduling %q (want as-soon-as-possible or as-late-as-possible)", t)
	}
	*s = v
	return nil
}
