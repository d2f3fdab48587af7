package schedule

import (
	"fmt"
	"strings"

	"github.com/rolloutkit/rollout/validation"
)

// Sentinel errors. Problems in a validation.List wrap one of them (and,
// through it, the matching validation kind), so callers can test with
// errors.Is on whatever Compile, Schedule or Level returned.
var (
	// ErrCycle: the dependencies form a cycle. Wrapped by *CycleError.
	ErrCycle = validation.Sentinel(validation.ErrInvalid, "dependency cycle")
	// ErrUnknownActivity: a dependency names an activity that does not
	// exist. It wraps validation.ErrNotFound.
	ErrUnknownActivity = fmt.Errorf("unknown activity: %w", validation.ErrNotFound)
	// ErrUnknownResource: a demand names a resource that does not exist.
	// It wraps validation.ErrNotFound.
	ErrUnknownResource = fmt.Errorf("unknown resource: %w", validation.ErrNotFound)
	// ErrDuplicateID: two activities (or two resources) share an ID. It
	// wraps validation.ErrDuplicate.
	ErrDuplicateID = fmt.Errorf("duplicate ID: %w", validation.ErrDuplicate)
	// ErrImpossibleConstraint: an activity's own constraints cannot all
	// hold, such as a start-no-earlier-than date too close to (or after) its
	// finish-no-later-than date for its duration, or a demand above the
	// resource's capacity. It wraps validation.ErrConflict.
	ErrImpossibleConstraint = fmt.Errorf("impossible constraint: %w", validation.ErrConflict)
	// ErrOutOfRange: a computed date falls outside the calendar's range of
	// dates (years 1 to 9999). It wraps validation.ErrOutOfRange.
	ErrOutOfRange = fmt.Errorf("schedule out of range: %w", validation.ErrOutOfRange)
	// ErrUnknownCalendar: an activity names a calendar the network does
	// not hold. It wraps validation.ErrNotFound.
	ErrUnknownCalendar = fmt.Errorf("unknown calendar: %w", validation.ErrNotFound)
	// ErrFrozen: a fixed date of an activity falls inside a freeze window
	// of its calendar. It is reported, never moved. It wraps
	// validation.ErrConflict.
	ErrFrozen = fmt.Errorf("date inside a freeze window: %w", validation.ErrConflict)
	// ErrUnknownID: a query named an activity the network does not hold.
	ErrUnknownID = validation.Sentinel(validation.ErrNotFound, "no such activity")
	// ErrNotSupported: the network uses a feature an export format cannot
	// express.
	ErrNotSupported = validation.Sentinel(validation.ErrNotSupported, "not supported by the export format")
)

// CycleError reports a dependency cycle with its full path: Path lists the
// activity IDs in link order and ends with the first ID again, as in
// a -> b -> c -> a. Links holds the index in Network.Dependencies of each
// link of the cycle, in the same order (len(Links) == len(Path)-1).
type CycleError struct {
	Path  []string
	Links []int
}

// Error renders the cycle as "dependency cycle: a -> b -> a".
func (e *CycleError) Error() string {
	return "schedule: " + ErrCycle.Error() + ": " + strings.Join(e.Path, " -> ")
}

// Unwrap returns ErrCycle.
func (e *CycleError) Unwrap() error { return ErrCycle }
