package schedule

import (
	"runtime"
	"sync"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/validation"
)

// Problem codes reported by Validate. Codes are stable.
const (
	CodeAnchorRequired     validation.Code = "schedule.anchor.required"
	CodeTooLarge           validation.Code = "schedule.activities.tooMany"
	CodeIDRequired         validation.Code = "schedule.activity.id.required"
	CodeIDDuplicate        validation.Code = "schedule.activity.id.duplicate"
	CodeDurationRange      validation.Code = "schedule.activity.duration.range"
	CodeConstraintConflict validation.Code = "schedule.activity.constraint.impossible"
	CodeReleaseDeadline    validation.Code = "schedule.activity.afterRelease.deadline"
	CodeReleaseLagRange    validation.Code = "schedule.activity.releaseLag.range"
	CodeReleaseLagUnused   validation.Code = "schedule.activity.releaseLag.unused"
	CodeDemandResource     validation.Code = "schedule.activity.demand.resource"
	CodeDemandUnits        validation.Code = "schedule.activity.demand.units"
	CodeDemandCapacity     validation.Code = "schedule.activity.demand.capacity"
	CodeDemandDuplicate    validation.Code = "schedule.activity.demand.duplicate"
	CodeLinkFromRequired   validation.Code = "schedule.dependency.from.required"
	CodeLinkToRequired     validation.Code = "schedule.dependency.to.required"
	CodeLinkUnknown        validation.Code = "schedule.dependency.unknown"
	CodeLinkSelf           validation.Code = "schedule.dependency.self"
	CodeLinkType           validation.Code = "schedule.dependency.type"
	CodeLagRange           validation.Code = "schedule.dependency.lag.range"
	CodeCalendarRequired   validation.Code = "schedule.calendar.required"
	CodeCalendarName       validation.Code = "schedule.calendar.name.required"
	CodeCalendarDuplicate  validation.Code = "schedule.calendar.name.duplicate"
	CodeCalendarUnknown    validation.Code = "schedule.activity.calendar.unknown"
	CodeModeUnknown        validation.Code = "schedule.activity.mode.unknown"
	CodeModePinned         validation.Code = "schedule.activity.mode.pinned"
	CodeConstraintFrozen   validation.Code = "schedule.activity.constraint.frozen"
	CodeResourceID         validation.Code = "schedule.resource.id.required"
	CodeResourceDuplicate  validation.Code = "schedule.resource.id.duplicate"
	CodeCapacityRange      validation.Code = "schedule.resource.capacity.range"
	CodeResourceCalendar   validation.Code = "schedule.resource.calendar.disjoint"
	CodeResourceAbsence    validation.Code = "schedule.resource.absence.invalid"
)

// Validate checks the network without scheduling it and returns every
// problem at once, each with a stable code and a path such as
// activities[3].duration, as a validation.List (nil when there is none).
// Problems wrap ErrUnknownActivity, ErrUnknownResource, ErrDuplicateID,
// ErrImpossibleConstraint or ErrCycle (for a self-link) where these apply.
//
// Cycles longer than a self-link are found by Compile, which returns a
// *CycleError.
func (n *Network) Validate() error {
	l, _, _ := n.validate()
	return l.Err()
}

func problem(kind error, path validation.Path, code validation.Code, format string, args ...any) *validation.Problem {
	return validation.New(kind, path, code, format, args...)
}

// links holds, by index in Network.Dependencies, what Compile needs of
// each link.
type links struct {
	from, to []int32 // the activity indices of the ends, -1 when unknown
	typ      []LinkType
	lag      []int32
}

// validate returns the problems, the index of activity IDs (by input
// index) and the links with the activity indices of their ends.
func (n *Network) validate() (validation.List, *idIndex, links) {
	var l validation.List
	root := validation.Path{}
	cal := n.cal()
	if n.Start.IsZero() && n.Deadline.IsZero() {
		l.Add(validation.Required(root.Child("start"), CodeAnchorRequired, "a start date or a deadline"))
	}
	if len(n.Activities) > MaxActivities {
		l.Add(validation.OutOfRange(root.Child("activities"), CodeTooLarge, "%d activities exceed the limit of %d", len(n.Activities), MaxActivities))
		return l, nil, links{}
	}
	keys := make([]string, len(n.Activities))
	for i := range n.Activities {
		keys[i] = n.Activities[i].ID
	}
	ids := newIDIndex(keys)
	// One hash and probe per activity. A duplicate keeps the first index,
	// which is harmless: with a problem reported, the index is only used
	// to tell known IDs from unknown ones.
	dups := ids.insertAll()
	res := make(map[string]int, len(n.Resources))
	for i, r := range n.Resources {
		p := func() validation.Path { return root.Child("resources").Index(i) }
		if r.ID == "" {
			l.Add(validation.Required(p().Child("id"), CodeResourceID, "resource ID"))
		} else if _, dup := res[r.ID]; dup {
			l.Add(problem(ErrDuplicateID, p().Child("id"), CodeResourceDuplicate, "duplicate resource ID %q", r.ID))
		} else {
			res[r.ID] = i
		}
		if r.Capacity < 0 {
			l.Add(validation.OutOfRange(p().Child("capacity"), CodeCapacityRange, "capacity %d is negative", r.Capacity))
		}
		if r.Calendar != nil && r.Calendar.Workweek()&cal.Workweek() == 0 {
			l.Add(problem(ErrImpossibleConstraint, p().Child("calendar"), CodeResourceCalendar,
				"resource %q works on no weekday the network works on", r.ID))
		}
		for j, a := range r.Absences {
			if a.Date.IsZero() {
				l.Add(validation.Required(p().Child("absences").Index(j).Child("date"), CodeResourceAbsence, "the first day of the absence"))
			} else if !a.Through.IsZero() && a.Through.Before(a.Date) {
				l.Add(validation.Invalid(p().Child("absences").Index(j).Child("through"), CodeResourceAbsence, "absence ends %s before it starts %s", a.Through, a.Date))
			}
		}
	}
	cals := map[string]*calendar.Calendar{cal.Name(): cal}
	for i, k := range n.Calendars {
		p := root.Child("calendars").Index(i)
		switch {
		case k == nil:
			l.Add(validation.Required(p, CodeCalendarRequired, "calendar"))
		case k.Name() == "":
			l.Add(validation.Required(p.Child("name"), CodeCalendarName, "calendar name"))
		case cals[k.Name()] != nil && !(cals[k.Name()] == cal && k.Equal(cal)):
			l.Add(validation.Duplicate(p.Child("name"), CodeCalendarDuplicate, k.Name()))
		default:
			cals[k.Name()] = k
		}
	}
	for i := range n.Activities {
		a := &n.Activities[i]
		p := func() validation.Path { return root.Child("activities").Index(i) }
		cal := cal
		if a.Calendar != "" {
			if k, ok := cals[a.Calendar]; ok {
				cal = k
			} else {
				l.Add(problem(ErrUnknownCalendar, p().Child("calendar"), CodeCalendarUnknown, "calendar %s does not exist", quote(a.Calendar)))
			}
		}
		if !a.Mode.Valid() {
			l.Add(validation.NotSupported(p().Child("mode"), CodeModeUnknown, a.Mode.String(), modeNames[1:]))
		}
		for _, fixed := range []struct {
			name string
			d    calendar.Date
		}{{"startNoEarlierThan", a.StartNoEarlierThan}, {"finishNoLaterThan", a.FinishNoLaterThan}} {
			if fixed.d.IsZero() {
				continue
			}
			if f, ok := cal.FreezeOn(fixed.d); ok {
				l.Add(problem(ErrFrozen, p().Child(fixed.name), CodeConstraintFrozen,
					"%s %s falls inside the freeze window %q (%s to %s) of calendar %q", fixed.name, fixed.d, f.Name, f.From, f.Through, cal.Name()))
			}
		}
		if a.Mode == AsLateAsPossible && !a.StartNoEarlierThan.IsZero() && !a.FinishNoLaterThan.IsZero() && a.Duration >= 0 && a.Duration <= MaxDuration &&
			constraintsPossible(cal, a.StartNoEarlierThan, a.FinishNoLaterThan, a.Duration) && !constraintsPossible(cal, a.StartNoEarlierThan, a.FinishNoLaterThan, a.Duration+1) {
			l.Add(validation.Conflict(p().Child("mode"), CodeModePinned,
				"as late as possible, but its start-no-earlier-than %s and finish-no-later-than %s leave no room to move: drop the mode or a date", a.StartNoEarlierThan, a.FinishNoLaterThan))
		}
		if a.ID == "" {
			l.Add(validation.Required(p().Child("id"), CodeIDRequired, "activity ID"))
		} else if len(dups) > 0 && dups[0] == int32(i) {
			dups = dups[1:]
			l.Add(problem(ErrDuplicateID, p().Child("id"), CodeIDDuplicate, "duplicate activity ID %s", quote(a.ID)))
		}
		if a.Duration < 0 || a.Duration > MaxDuration {
			l.Add(validation.OutOfRange(p().Child("duration"), CodeDurationRange, "duration %d is outside 0 to %d workdays", a.Duration, MaxDuration))
		}
		if !a.StartNoEarlierThan.IsZero() && !a.FinishNoLaterThan.IsZero() && a.Duration >= 0 && a.Duration <= MaxDuration {
			if !constraintsPossible(cal, a.StartNoEarlierThan, a.FinishNoLaterThan, a.Duration) {
				l.Add(problem(ErrImpossibleConstraint, p().Child("finishNoLaterThan"), CodeConstraintConflict,
					"cannot start no earlier than %s and finish no later than %s with a duration of %d workdays",
					a.StartNoEarlierThan, a.FinishNoLaterThan, a.Duration))
			}
		}
		if a.AfterRelease && !n.Deadline.IsZero() && !a.FinishNoLaterThan.IsZero() && a.ReleaseLag >= 0 && a.ReleaseLag <= MaxLag && a.Duration >= 0 && a.Duration <= MaxDuration {
			rel, err := n.cal().RollBackward(n.Deadline)
			if err == nil {
				rel, err = n.cal().AddWorkdays(rel, a.ReleaseLag)
			}
			if err != nil || !constraintsPossible(cal, rel, a.FinishNoLaterThan, a.Duration) {
				l.Add(problem(ErrImpossibleConstraint, p().Child("finishNoLaterThan"), CodeConstraintConflict,
					"work after the release cannot start %d workdays after the deadline %s and finish no later than %s with a duration of %d workdays",
					a.ReleaseLag, n.Deadline, a.FinishNoLaterThan, a.Duration))
			}
		}
		if a.AfterRelease && n.Deadline.IsZero() {
			l.Add(validation.Required(root.Child("deadline"), CodeReleaseDeadline, "a deadline (for afterRelease activity "+quote(a.ID)+")"))
		}
		if a.ReleaseLag < 0 || a.ReleaseLag > MaxLag {
			l.Add(validation.OutOfRange(p().Child("releaseLag"), CodeReleaseLagRange, "release lag %d is outside 0 to %d workdays", a.ReleaseLag, MaxLag))
		} else if a.ReleaseLag != 0 && !a.AfterRelease {
			l.Add(validation.Invalid(p().Child("releaseLag"), CodeReleaseLagUnused, "release lag is set but the activity is not afterRelease"))
		}
		var seen []string
		for j, d := range a.Demands {
			dp := func() validation.Path { return p().Child("demands").Index(j) }
			ri, ok := res[d.Resource]
			switch {
			case !ok:
				l.Add(problem(ErrUnknownResource, dp().Child("resource"), CodeDemandResource, "resource %q does not exist", d.Resource))
			case d.Units >= 1 && d.Units > n.Resources[ri].Capacity:
				l.Add(problem(ErrImpossibleConstraint, dp().Child("units"), CodeDemandCapacity,
					"%d units of %q exceed its capacity of %d", d.Units, d.Resource, n.Resources[ri].Capacity))
			}
			if d.Units < 1 {
				l.Add(validation.OutOfRange(dp().Child("units"), CodeDemandUnits, "units %d must be at least 1", d.Units))
			}
			for _, s := range seen {
				if s == d.Resource {
					l.Add(problem(validation.ErrDuplicate, dp().Child("resource"), CodeDemandDuplicate, "resource %q is demanded twice", d.Resource))
					break
				}
			}
			seen = append(seen, d.Resource)
		}
	}
	lk, bad := resolve(n.Dependencies, ids)
	from, to := lk.from, lk.to
	if !bad {
		return l, ids, lk
	}
	for i, d := range n.Dependencies {
		p := func() validation.Path { return root.Child("dependencies").Index(i) }
		switch {
		case from[i] >= 0:
		case d.From == "":
			l.Add(validation.Required(p().Child("from"), CodeLinkFromRequired, "predecessor ID"))
		default:
			l.Add(problem(ErrUnknownActivity, p().Child("from"), CodeLinkUnknown, "activity %s does not exist", quote(d.From)))
		}
		switch {
		case to[i] >= 0:
		case d.To == "":
			l.Add(validation.Required(p().Child("to"), CodeLinkToRequired, "successor ID"))
		default:
			l.Add(problem(ErrUnknownActivity, p().Child("to"), CodeLinkUnknown, "activity %s does not exist", quote(d.To)))
		}
		if d.From != "" && d.From == d.To {
			l.Add(problem(ErrCycle, p(), CodeLinkSelf, "activity %q depends on itself", d.From))
		}
		if !d.Type.Valid() {
			l.Add(validation.NotSupported(p().Child("type"), CodeLinkType, d.Type.String(), linkNames[:]))
		}
		if d.Lag < -MaxLag || d.Lag > MaxLag {
			l.Add(validation.OutOfRange(p().Child("lag"), CodeLagRange, "lag %d is outside -%d to %d workdays", d.Lag, MaxLag, MaxLag))
		}
	}
	return l, ids, lk
}

// resolve returns the links with the activity index of their ends, -1
// when unknown, and whether any link has a problem for validate to report
// (an unknown or missing end, a self-link, a bad type or lag): the common
// case of a valid network then needs no second pass over the links.
//
// The lookups dominate the cost of compiling a large network; on large
// inputs they run on every CPU (the index is only read).
func resolve(deps []Dependency, ids *idIndex) (lk links, bad bool) {
	nd := len(deps)
	lk = links{from: make([]int32, nd), to: make([]int32, nd), typ: make([]LinkType, nd), lag: make([]int32, nd)}
	var mu sync.Mutex
	inParallel(nd, func(lo, hi int) {
		partBad := false
		// By chunks, so that the links checked are still in the cache.
		for ; lo < hi; lo += lookupBatch {
			end := min(lo+lookupBatch, hi)
			ids.lookupEnds(deps[lo:end], lk.from[lo:end], lk.to[lo:end])
			for i := lo; i < end; i++ {
				d := &deps[i]
				lk.typ[i], lk.lag[i] = d.Type, int32(d.Lag)
				// Two known ends name the same activity exactly when
				// their indices are equal; comparing indices spares
				// comparing the strings.
				f, t := lk.from[i], lk.to[i]
				partBad = partBad || f < 0 || t < 0 || f == t || !d.Type.Valid() || d.Lag < -MaxLag || d.Lag > MaxLag
			}
		}
		if partBad {
			mu.Lock()
			bad = true
			mu.Unlock()
		}
	})
	return lk, bad
}

// inParallel calls part on consecutive ranges covering 0 to n, on up to
// GOMAXPROCS goroutines for large n (ranges of at least 64Ki), and returns
// when every call has returned.
func inParallel(n int, part func(lo, hi int)) {
	workers := max(1, min(runtime.GOMAXPROCS(0), n>>16))
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Go(func() { part(n*w/workers, n*(w+1)/workers) })
	}
	part(0, n/workers)
	wg.Wait()
}

func quote(s string) string {
	if len(s) > 60 {
		s = s[:60] + "..."
	}
	return "\"" + s + "\""
}

// constraintsPossible reports whether an activity of duration d can start
// no earlier than snet and finish no later than fnlt.
func constraintsPossible(cal *calendar.Calendar, snet, fnlt calendar.Date, d int) bool {
	s, err1 := cal.RollForward(snet)
	f, err2 := cal.RollBackward(fnlt)
	if err1 != nil || err2 != nil {
		return false
	}
	if d == 0 {
		return !snet.After(fnlt)
	}
	// Workdays available from s to f inclusive.
	return cal.WorkdaysBetween(s, f)+1 >= d
}
