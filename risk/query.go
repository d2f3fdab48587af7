package risk

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/workitem"
)

// RiskFilter selects risks. Filters receive the log's own value and must
// not modify its slices.
type RiskFilter func(Risk) bool

// IssueFilter selects issues. Filters receive the log's own value and must
// not modify its slices.
type IssueFilter func(Issue) bool

// RiskIn selects risks in any of the given states.
func RiskIn(states ...workitem.State) RiskFilter {
	states = slices.Clone(states)
	return func(r Risk) bool { return slices.Contains(states, r.State) }
}

// OpenRisk selects risks that are Proposed or Active.
func OpenRisk(r Risk) bool { return r.State.IsOpen() }

// RiskInCategory selects risks of any of the given categories.
func RiskInCategory(cs ...Category) RiskFilter {
	cs = slices.Clone(cs)
	return func(r Risk) bool { return slices.Contains(cs, r.Category) }
}

// RiskOfKind selects threats or opportunities.
func RiskOfKind(k Kind) RiskFilter { return func(r Risk) bool { return r.Kind == k } }

// RiskOwnedBy selects the risks of one owner.
func RiskOwnedBy(owner string) RiskFilter { return func(r Risk) bool { return r.Owner == owner } }

// RiskTagged selects risks carrying the tag.
func RiskTagged(tag string) RiskFilter {
	return func(r Risk) bool { return slices.Contains(r.Tags, tag) }
}

// RiskOnTask selects risks linked to the task.
func RiskOnTask(taskID string) RiskFilter {
	return func(r Risk) bool { return slices.Contains(r.TaskIDs, taskID) }
}

// RiskAffectsSchedule selects risks that would move tasks: a schedule
// impact and at least one linked task. With OpenRisk, these are the risks a
// schedule forecast draws.
func RiskAffectsSchedule(r Risk) bool { return r.ScheduleImpactWorkdays > 0 && len(r.TaskIDs) > 0 }

// IssueIn selects issues in any of the given states.
func IssueIn(states ...workitem.State) IssueFilter {
	states = slices.Clone(states)
	return func(i Issue) bool { return slices.Contains(states, i.State) }
}

// OpenIssue selects issues that are Proposed or Active.
func OpenIssue(i Issue) bool { return i.State.IsOpen() }

// IssueOwnedBy selects the issues of one owner.
func IssueOwnedBy(owner string) IssueFilter { return func(i Issue) bool { return i.Owner == owner } }

// IssueTagged selects issues carrying the tag.
func IssueTagged(tag string) IssueFilter {
	return func(i Issue) bool { return slices.Contains(i.Tags, tag) }
}

// IssueFromRisk selects the issues that name the risk as their source.
func IssueFromRisk(riskID string) IssueFilter {
	return func(i Issue) bool { return i.RiskID == riskID }
}

func matchRisk(r Risk, fs []RiskFilter) bool {
	for _, f := range fs {
		if f != nil && !f(r) {
			return false
		}
	}
	return true
}

func matchIssue(i Issue, fs []IssueFilter) bool {
	for _, f := range fs {
		if f != nil && !f(i) {
			return false
		}
	}
	return true
}

// Risks returns copies of the risks that pass every filter, in the order
// they were added.
func (l *Log) Risks(filters ...RiskFilter) []Risk {
	var out []Risk
	for i := range l.risks.Items() {
		if matchRisk(*l.risks.At(i), filters) {
			out = append(out, l.risks.At(i).Clone())
		}
	}
	return out
}

// Issues returns copies of the issues that pass every filter, in the order
// they were added.
func (l *Log) Issues(filters ...IssueFilter) []Issue {
	var out []Issue
	for i := range l.issues.Items() {
		if matchIssue(*l.issues.At(i), filters) {
			out = append(out, l.issues.At(i).Clone())
		}
	}
	return out
}

// Events returns every recorded event, oldest first.
func (l *Log) Events() []Event {
	return slices.Clone(l.events)
}

// CompareExposure orders risks for ranking: higher exposure first, then
// higher impact, then more schedule impact in workdays, then ID in byte
// order. Risks with distinct IDs are thus totally ordered; the result is 0
// only for equal IDs with equal figures. (A negative schedule impact, which
// validation refuses, counts as 0.)
func CompareExposure(a, b Risk) int {
	return compareRank(rankKeyOf(&a, 0), rankKeyOf(&b, 0))
}

// rankKey packs the ranking figures of a risk into one integer, highest
// first: exposure (16 bits), impact (8 bits), then schedule impact clamped
// to 0..2^32-1 workdays.
type rankKey struct {
	figures uint64
	id      string
	i       int
}

func rankKeyOf(r *Risk, i int) rankKey {
	sched := r.ScheduleImpactWorkdays
	switch {
	case sched < 0:
		sched = 0
	case uint64(sched) > math.MaxUint32:
		sched = math.MaxUint32
	}
	f := uint64(r.Exposure())<<40 | uint64(r.Impact)<<32 | uint64(sched)
	return rankKey{figures: f, id: r.ID, i: i}
}

func compareRank(a, b rankKey) int {
	if a.figures != b.figures {
		return cmp.Compare(b.figures, a.figures)
	}
	return strings.Compare(a.id, b.id)
}

// compareKeys is compareRank made total by the position in the input, so
// that an unstable sort gives the stable result.
func compareKeys(a, b rankKey) int {
	if c := compareRank(a, b); c != 0 {
		return c
	}
	return cmp.Compare(a.i, b.i)
}

// smallTop is the largest n for which TopN keeps a sorted buffer instead of
// sorting every key.
const smallTop = 64

// rankedKeys returns the keys of the risks selected by filters, in rank
// order (stable for equal keys); with 0 <= n it returns at most the first n.
func rankedKeys(rs []Risk, filters []RiskFilter, n int) []rankKey {
	if n >= 0 && n <= smallTop {
		top := make([]rankKey, 0, n+1)
		for i := range rs {
			if n == 0 {
				break
			}
			if len(filters) > 0 && !matchRisk(rs[i], filters) {
				continue
			}
			k := rankKeyOf(&rs[i], i)
			if len(top) == n && compareKeys(k, top[n-1]) >= 0 {
				continue
			}
			at, _ := slices.BinarySearchFunc(top, k, compareKeys)
			top = slices.Insert(top, at, k)
			if len(top) > n {
				top = top[:n]
			}
		}
		return top
	}
	keys := make([]rankKey, 0, len(rs))
	for i := range rs {
		if len(filters) == 0 || matchRisk(rs[i], filters) {
			keys = append(keys, rankKeyOf(&rs[i], i))
		}
	}
	slices.SortFunc(keys, compareKeys)
	if n >= 0 && n < len(keys) {
		keys = keys[:n]
	}
	return keys
}

// Rank returns the risks in ranking order (see CompareExposure) in a new
// slice; risks is not modified. The sort is stable.
func Rank(risks []Risk) []Risk {
	keys := rankedKeys(risks, nil, -1)
	out := make([]Risk, len(keys))
	for j, k := range keys {
		out[j] = risks[k.i]
	}
	return out
}

// Ranked returns copies of the risks that pass every filter, in ranking
// order: a stable total order by exposure (see CompareExposure).
func (l *Log) Ranked(filters ...RiskFilter) []Risk {
	return l.TopN(-1, filters...)
}

// TopN returns the first n risks of the ranking of those that pass every
// filter (all of them when n is negative or exceeds their number). Pass
// OpenRisk to rank only the risks still open.
func (l *Log) TopN(n int, filters ...RiskFilter) []Risk {
	keys := rankedKeys(l.risks.Items(), filters, n)
	return cloneRisks(l.risks.Items(), keys)
}

// cloneRisks copies the risks at keys, in order, carving their string
// slices out of one shared backing array: two allocations instead of one
// per slice. Each carved slice is capped, so appending to it reallocates
// instead of overwriting its neighbour.
func cloneRisks(rs []Risk, keys []rankKey) []Risk {
	n := 0
	for _, k := range keys {
		r := &rs[k.i]
		n += len(r.TaskIDs) + len(r.RequirementIDs) + len(r.IssueIDs) + len(r.Tags)
	}
	buf := make([]string, 0, n)
	carve := func(s []string) []string {
		if s == nil {
			return nil
		}
		start := len(buf)
		buf = append(buf, s...)
		return buf[start:len(buf):len(buf)]
	}
	out := make([]Risk, len(keys))
	for j, k := range keys {
		out[j] = rs[k.i]
		o := &out[j]
		o.TaskIDs = carve(o.TaskIDs)
		o.RequirementIDs = carve(o.RequirementIDs)
		o.IssueIDs = carve(o.IssueIDs)
		o.Tags = carve(o.Tags)
	}
	return out
}

// reviewed returns the risks not Closed whose next review date passes
// keep, ordered by next review date, then ID.
func (l *Log) reviewed(keep func(calendar.Date) bool) []Risk {
	var out []Risk
	for i := range l.risks.Items() {
		r := l.risks.At(i)
		if r.State != closed && !r.NextReview.IsZero() && keep(r.NextReview) {
			out = append(out, r.Clone())
		}
	}
	slices.SortStableFunc(out, func(a, b Risk) int {
		return cmp.Or(a.NextReview.Compare(b.NextReview), strings.Compare(a.ID, b.ID))
	})
	return out
}

// DueForReview returns the risks not Closed whose next review date is on
// or before on (overdue ones included), ordered by that date, then ID.
func (l *Log) DueForReview(on calendar.Date) []Risk {
	return l.reviewed(func(d calendar.Date) bool { return !d.After(on) })
}

// OverdueForReview returns the risks not Closed whose next review date is
// before on, ordered by that date, then ID.
func (l *Log) OverdueForReview(on calendar.Date) []Risk {
	return l.reviewed(func(d calendar.Date) bool { return d.Before(on) })
}

// ProximityPassed returns the risks not Closed whose proximity has passed
// on date on for a launch on launch (see Proximity.Passed), in ranking
// order: candidates to close or to re-assess.
func (l *Log) ProximityPassed(on, launch calendar.Date) []Risk {
	return l.Ranked(func(r Risk) bool { return r.State != closed && r.Proximity.Passed(on, launch) })
}

// compareIssues orders issues by priority (1 first), then target resolve
// date (earliest first, none last), then date raised (none last), then ID.
func compareIssues(a, b *Issue) int {
	return cmp.Or(
		cmp.Compare(a.Priority, b.Priority),
		compareDates(a.TargetResolve, b.TargetResolve),
		compareDates(a.Raised, b.Raised),
		strings.Compare(a.ID, b.ID),
	)
}

// compareDates orders dates with the zero Date last.
func compareDates(a, b calendar.Date) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Compare(b)
}

func (l *Log) issuesBy(keep func(*Issue) bool) []Issue {
	var out []Issue
	for i := range l.issues.Items() {
		if keep(l.issues.At(i)) {
			out = append(out, l.issues.At(i).Clone())
		}
	}
	slices.SortStableFunc(out, func(a, b Issue) int { return compareIssues(&a, &b) })
	return out
}

// OpenIssuesByPriority returns the open (Proposed or Active) issues
// ordered by priority (1 first), then target resolve date (earliest first,
// none last), then date raised, then ID.
func (l *Log) OpenIssuesByPriority() []Issue {
	return l.issuesBy(func(i *Issue) bool { return i.IsOpen() })
}

// OverdueIssues returns the open issues whose target resolve date lies
// before on, in priority order.
func (l *Log) OverdueIssues(on calendar.Date) []Issue {
	return l.issuesBy(func(i *Issue) bool { return i.IsOverdue(on) })
}

// EscalatedIssues returns the open issues that are escalated, in priority
// order.
func (l *Log) EscalatedIssues() []Issue {
	return l.issuesBy(func(i *Issue) bool { return i.IsOpen() && i.Escalation.Escalated })
}

// BlockingLaunch returns the open issues that block the launch: those
// flagged Blocks.Launch and those blocking any of the given milestones
// (such as the launch milestone's ID), in priority order.
func (l *Log) BlockingLaunch(milestoneIDs ...string) []Issue {
	return l.issuesBy(func(i *Issue) bool {
		if !i.IsOpen() {
			return false
		}
		if i.Blocks.Launch {
			return true
		}
		for _, m := range i.Blocks.MilestoneIDs {
			if slices.Contains(milestoneIDs, m) {
				return true
			}
		}
		return false
	})
}
