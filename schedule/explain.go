package schedule

import (
	"fmt"
	"strings"

	"github.com/rolloutkit/rollout/calendar"
)

// CauseKind says what fixes an activity's early start or late finish.
type CauseKind uint8

// The causes.
const (
	// CauseProjectStart: the activity starts when the project starts.
	CauseProjectStart CauseKind = iota
	// CauseStartConstraint: its start-no-earlier-than date.
	CauseStartConstraint
	// CauseRelease: it is after the release and waits for the deadline
	// date plus its release lag.
	CauseRelease
	// CauseLink: a dependency on a predecessor (early start) or to a
	// successor (late finish).
	CauseLink
	// CauseDeadline: the deadline (late finish of release work).
	CauseDeadline
	// CauseFinishConstraint: its finish-no-later-than date.
	CauseFinishConstraint
	// CauseProjectFinish: the early finish of the network (late finish
	// when nothing else bounds it).
	CauseProjectFinish
)

var causeNames = [...]string{"project-start", "start-no-earlier-than", "release", "link", "deadline", "finish-no-later-than", "project-finish"}

// String returns the text form, such as "project-start".
func (k CauseKind) String() string {
	if int(k) < len(causeNames) {
		return causeNames[k]
	}
	return fmt.Sprintf("CauseKind(%d)", uint8(k))
}

// MarshalText writes the text form.
func (k CauseKind) MarshalText() ([]byte, error) {
	if int(k) >= len(causeNames) {
		return nil, fmt.Errorf("schedule: unknown cause %d", uint8(k))
	}
	return []byte(causeNames[k]), nil
}

// UnmarshalText reads the text form; unknown text is an error.
func (k *CauseKind) UnmarshalText(b []byte) error {
	for i, n := range causeNames {
		if string(b) == n {
			*k = CauseKind(i)
			return nil
		}
	}
	return fmt.Errorf("schedule: unknown cause %s", quote(string(b)))
}

// Link is one dependency of the network, as it stands in a schedule.
type Link struct {
	// Index is the position of the link in Network.Dependencies.
	Index int `json:"index"`
	Dependency
}

// String renders the link as "A -FS+2-> B".
func (l Link) String() string {
	lag := ""
	if l.Lag != 0 {
		lag = fmt.Sprintf("%+d", l.Lag)
	}
	return l.From + " -" + l.Type.Short() + lag + "-> " + l.To
}

// Cause is what fixes a date: a link, a constraint, the deadline or the
// project's own start or finish.
type Cause struct {
	Kind CauseKind `json:"kind"`
	// Link is the dependency, for CauseLink.
	Link *Link `json:"link,omitempty"`
	// Date is the date the cause imposes: the project start, the
	// constraint, the release or deadline date, the project finish.
	Date calendar.Date `json:"date,omitzero"`
}

// Step is one activity of a driving chain.
type Step struct {
	ID string `json:"id"`
	// Start and Finish are the early dates.
	Start  calendar.Date `json:"start"`
	Finish calendar.Date `json:"finish"`
	// TotalFloat is the activity's total float in workdays.
	TotalFloat int `json:"totalFloat"`
	// Via is the link from the previous step that drives this one; nil on
	// the first step.
	Via *Link `json:"via,omitempty"`
}

// Explanation says why an activity is or is not critical.
type Explanation struct {
	ID         string `json:"id"`
	Critical   bool   `json:"critical"`
	TotalFloat int    `json:"totalFloat"`
	FreeFloat  int    `json:"freeFloat"`
	// StartCause fixes the early start.
	StartCause Cause `json:"startCause"`
	// FinishCause fixes the late finish.
	FinishCause Cause `json:"finishCause"`
	// Chain is the driving chain that leads to the activity's early start,
	// from its first cause (the project start or a constraint) to the
	// activity itself.
	Chain []Step `json:"chain"`
	// Text is the explanation in plain words.
	Text string `json:"text"`
}

func (r *Result) link(dep int32) *Link {
	return &Link{Index: int(dep), Dependency: r.c.dep(dep)}
}

// startCause returns the cause of v's early start.
func (r *Result) startCause(v int) Cause {
	switch k := r.driver(v); k {
	case driverStart:
		return Cause{Kind: CauseProjectStart, Date: r.Start()}
	case driverConstraint:
		return Cause{Kind: CauseStartConstraint, Date: r.date(r.c.floor[v])}
	case driverRelease:
		return Cause{Kind: CauseRelease, Date: r.Deadline()}
	default:
		return Cause{Kind: CauseLink, Link: r.link(r.c.predDep[k])}
	}
}

// finishCause returns the cause of v's late finish.
func (r *Result) finishCause(v int) Cause {
	c, p := r.c, r.p
	ls, lf, d := p.late[2*v], p.late[2*v+1], p.dur[v]
	for k := c.succOff[v]; k < c.succOff[v+1]; k++ {
		x := c.lagB(p.late[c.succDst[k]], c.succLag[k], c.succWork(v, k, p.dur))
		if c.lateFrom(v, x, d, k >= c.succMid[v]) == ls {
			return Cause{Kind: CauseLink, Link: r.link(c.succDep[k])}
		}
	}
	switch {
	case c.ceil[v] < noCeil && c.lateFrom(v, c.ceil[v], d, false) == ls:
		return Cause{Kind: CauseFinishConstraint, Date: r.lastDay(v, lf)}
	case c.hasDL && !c.post[v] && c.lateFrom(v, c.deadline, d, false) == ls:
		return Cause{Kind: CauseDeadline, Date: r.Deadline()}
	}
	return Cause{Kind: CauseProjectFinish, Date: r.lastDay(v, lf)}
}

// Driver returns what fixes the early start of the activity: the driving
// predecessor link (Kind CauseLink), or the project start, a constraint or
// the release. The error wraps ErrUnknownID.
func (r *Result) Driver(id string) (Cause, error) {
	v, ok := r.c.Index(id)
	if !ok {
		return Cause{}, fmt.Errorf("schedule: activity %s: %w", quote(id), ErrUnknownID)
	}
	return r.startCause(int(v)), nil
}

// chain walks back from v along driving links.
func (r *Result) chain(v int) []Step {
	var rev []Step
	for {
		t := r.timing(v)
		s := Step{ID: t.ID, Start: t.EarlyStart, Finish: t.EarlyFinish, TotalFloat: t.TotalFloat}
		k := r.driver(v)
		if k >= 0 {
			s.Via = r.link(r.c.predDep[k])
		}
		rev = append(rev, s)
		if k < 0 {
			break
		}
		v = int(r.c.predSrc[k] >> 1)
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}

// DrivingChain returns the chain of activities and driving links that
// fixes the early start of the activity, from the project start or a
// constraint to the activity itself. The error wraps ErrUnknownID.
func (r *Result) DrivingChain(id string) ([]Step, error) {
	v, ok := r.c.Index(id)
	if !ok {
		return nil, fmt.Errorf("schedule: activity %s: %w", quote(id), ErrUnknownID)
	}
	return r.chain(int(v)), nil
}

// Miss describes a missed deadline.
type Miss struct {
	// Deadline is the deadline, rolled back to a workday.
	Deadline calendar.Date `json:"deadline"`
	// Ready is the last workday of the release work.
	Ready calendar.Date `json:"ready"`
	// Float is the negative float: minus the workdays by which the
	// release work overruns the deadline.
	Float int `json:"float"`
	// Chain is the driving chain of the release work's last activity:
	// the activities and links that push it past the deadline.
	Chain []Step `json:"chain"`
}

// DeadlineMiss reports whether the release work misses the deadline and,
// when it does, the negative float and the chain of activities and links
// that causes it. The chain ends at the release activity that finishes
// last (the lowest total float, then the smallest ID, among ties).
func (r *Result) DeadlineMiss() (Miss, bool) {
	if r.MeetsDeadline() {
		return Miss{}, false
	}
	m := Miss{Deadline: r.Deadline(), Ready: r.Ready(), Float: r.Slack()}
	if best := r.lastRelease(); best >= 0 {
		m.Chain = r.chain(best)
	}
	return m, true
}

// lastRelease returns the release activity that finishes last in the
// early schedule (the lowest total float, then the smallest ID, among
// ties), or -1 when there is no release work.
func (r *Result) lastRelease() int {
	c, p := r.c, r.p
	best := -1
	for v := range c.ids {
		if c.post[v] || p.early[2*v+1] != p.ready {
			continue
		}
		if best < 0 || p.TotalFloat(v) < p.TotalFloat(best) ||
			(p.TotalFloat(v) == p.TotalFloat(best) && c.ids[v] < c.ids[best]) {
			best = v
		}
	}
	return best
}

// CriticalPaths returns up to limit critical paths, each a list of IDs:
// chains of critical activities of equal total float joined by driving
// links, from one with no such predecessor to one with no such successor.
// With limit <= 0 it returns them all, which can be many.
func (r *Result) CriticalPaths(limit int) [][]string {
	c, p := r.c, r.p
	tight := func(v int, k int32) (int, bool) {
		w := int(c.succDst[k] >> 1)
		if !p.Critical(w) || p.TotalFloat(w) != p.TotalFloat(v) {
			return 0, false
		}
		anchor := p.early[2*v]
		if k < c.succMid[v] {
			anchor = p.early[2*v+1]
		}
		x := c.lagF(anchor, c.succLag[k], c.succWork(v, k, p.dur))
		return w, c.startFrom(w, x, p.dur[w], c.succDst[k]&1 == 1) == p.early[2*w]
	}
	hasTightIn := make([]bool, len(c.ids))
	for v := range c.ids {
		if !p.Critical(v) {
			continue
		}
		for k := c.succOff[v]; k < c.succOff[v+1]; k++ {
			if w, ok := tight(v, k); ok {
				hasTightIn[w] = true
			}
		}
	}
	var out [][]string
	type frame struct {
		v int
		k int32
	}
	var stack []frame
	for s := range c.ids {
		if !p.Critical(s) || hasTightIn[s] {
			continue
		}
		stack = append(stack[:0], frame{s, c.succOff[s]})
		leaf := true
		for len(stack) > 0 {
			if limit > 0 && len(out) >= limit {
				return out
			}
			f := &stack[len(stack)-1]
			v := f.v
			pushed := false
			for ; f.k < c.succOff[v+1]; f.k++ {
				if w, ok := tight(v, f.k); ok {
					f.k++
					stack = append(stack, frame{w, c.succOff[w]})
					pushed, leaf = true, true
					break
				}
			}
			if pushed {
				continue
			}
			if leaf {
				path := make([]string, len(stack))
				for i, fr := range stack {
					path[i] = c.ids[fr.v]
				}
				out = append(out, path)
				leaf = false
			}
			stack = stack[:len(stack)-1]
		}
	}
	return out
}

// Explain says why the activity is or is not critical: its float, what
// fixes its early start and its late finish, and the driving chain. The
// error wraps ErrUnknownID.
func (r *Result) Explain(id string) (Explanation, error) {
	vi, ok := r.c.Index(id)
	if !ok {
		return Explanation{}, fmt.Errorf("schedule: activity %s: %w", quote(id), ErrUnknownID)
	}
	v := int(vi)
	t := r.timing(v)
	e := Explanation{
		ID: id, Critical: t.Critical, TotalFloat: t.TotalFloat, FreeFloat: t.FreeFloat,
		StartCause: r.startCause(v), FinishCause: r.finishCause(v), Chain: r.chain(v),
	}
	var b strings.Builder
	switch {
	case t.TotalFloat < 0:
		fmt.Fprintf(&b, "%s is critical: it has %d workdays of total float; as soon as possible it finishes %s, but it must finish by %s (%s), %d workdays earlier.",
			id, t.TotalFloat, t.EarlyFinish, t.LateFinish, r.describe(e.FinishCause, v, false), -t.TotalFloat)
	case t.TotalFloat == 0:
		fmt.Fprintf(&b, "%s is critical: it has no float; it must finish by %s (%s), and any slip moves that date.",
			id, t.LateFinish, r.describe(e.FinishCause, v, false))
	default:
		fmt.Fprintf(&b, "%s is not critical: it has %d workdays of total float; it can finish as late as %s (%s) instead of %s.",
			id, t.TotalFloat, t.LateFinish, r.describe(e.FinishCause, v, false), t.EarlyFinish)
	}
	fmt.Fprintf(&b, " It starts %s because of %s.", t.EarlyStart, r.describe(e.StartCause, v, true))
	if len(e.Chain) > 1 {
		b.WriteString(" Driving chain: ")
		for i, s := range e.Chain {
			if i > 0 {
				b.WriteString(" -" + s.Via.Type.Short())
				if s.Via.Lag != 0 {
					fmt.Fprintf(&b, "%+d", s.Via.Lag)
				}
				b.WriteString("-> ")
			}
			b.WriteString(s.ID)
		}
		b.WriteString(".")
	}
	e.Text = b.String()
	return e, nil
}

// describe renders a cause in words.
func (r *Result) describe(c Cause, v int, start bool) string {
	switch c.Kind {
	case CauseProjectStart:
		return "the project start " + c.Date.String()
	case CauseStartConstraint:
		return "its start-no-earlier-than constraint " + c.Date.String()
	case CauseRelease:
		return "the release on " + c.Date.String()
	case CauseDeadline:
		return "the deadline " + c.Date.String()
	case CauseFinishConstraint:
		return "its finish-no-later-than constraint " + c.Date.String()
	case CauseProjectFinish:
		if r.c.post[v] {
			return "the finish of the work after the release"
		}
		return "the finish of the release work"
	}
	l := c.Link
	lag := ""
	if l.Lag != 0 {
		lag = fmt.Sprintf(", lag %+d", l.Lag)
	}
	if start {
		return fmt.Sprintf("the %s link from %s%s", l.Type, l.From, lag)
	}
	return fmt.Sprintf("the %s link to %s%s", l.Type, l.To, lag)
}
