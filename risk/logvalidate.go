package risk

import (
	"time"

	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// Validate checks the whole log and returns every problem at once as a
// validation.List (nil when there is none), with paths from the log's root
// such as risks[4].probability, issues[0].riskId or events[12].reason:
//
//   - every risk and issue on its own (see Risk.Validate, Issue.Validate);
//   - IDs unique across risks and issues ("log.id.duplicate");
//   - links: a risk's issueIds name issues that name the risk back
//     ("risk.issueIds.notFound", "risk.issueIds.conflict"), an issue's
//     riskId names a risk ("issue.riskId.notFound");
//   - history: every event names an item ("event.subject.notFound"), a
//     creation comes first ("event.creation.order"), each move starts where
//     the previous one ended ("event.from.mismatch") and is allowed by the
//     lifecycle with one of its reasons ("event.transition.invalid"), and an
//     item's state and reason are those of its latest event
//     ("risk.state.history", "issue.state.history"). An item without events
//     (imported without its history) is accepted as it stands. An event
//     dated before the item's previous one is a warning ("event.at.order").
//
// Validate returns an error, a validation.List of every problem (warnings
// included), only when a problem blocks (severity validation.Error);
// warnings alone give nil. ValidateList returns the problems whatever
// their severity.
func (l *Log) Validate() error { return l.ValidateList().Err() }

// ValidateList returns every problem Validate looks for, warnings
// included (nil when there is none).
func (l *Log) ValidateList() validation.List {
	probs, _ := l.validate()
	return probs
}

// validate returns the problems and the position of each ID (first
// occurrence winning), which is the log's index when nothing blocks.
func (l *Log) validate() (validation.List, map[string]ref) {
	var probs validation.List
	for i := range l.risks.Items() {
		l.risks.At(i).validate(&probs, loc{list: "risks", i: i})
	}
	for i := range l.issues.Items() {
		l.issues.At(i).validate(&probs, loc{list: "issues", i: i})
	}
	ids := l.validateIDs(&probs)
	l.validateLinks(&probs, ids)
	l.validateHistory(&probs, ids)
	return probs, ids
}

// validateIDs reports duplicate IDs and returns the position of each ID,
// its first occurrence winning.
func (l *Log) validateIDs(probs *validation.List) map[string]ref {
	ids := make(map[string]ref, l.risks.Len()+l.issues.Len())
	for i := range l.risks.Items() {
		id := l.risks.At(i).ID
		if id == "" {
			continue
		}
		if _, dup := ids[id]; dup {
			probs.Add(validation.Duplicate(loc{"risks", i}.path("id"), "log.id.duplicate", id))
			continue
		}
		ids[id] = ref{i: i}
	}
	for i := range l.issues.Items() {
		id := l.issues.At(i).ID
		if id == "" {
			continue
		}
		if _, dup := ids[id]; dup {
			probs.Add(validation.Duplicate(loc{"issues", i}.path("id"), "log.id.duplicate", id))
			continue
		}
		ids[id] = ref{issue: true, i: i}
	}
	return ids
}

func (l *Log) validateLinks(probs *validation.List, ids map[string]ref) {
	for i := range l.risks.Items() {
		r := l.risks.At(i)
		for k, iid := range r.IssueIDs {
			at, ok := ids[iid]
			switch {
			case iid == "":
			case !ok || !at.issue:
				probs.Add(validation.NotFound(loc{"risks", i}.path("issueIds").Index(k), "risk.issueIds.notFound", "issue", iid))
			case l.issues.At(at.i).RiskID != r.ID:
				probs.Add(validation.Conflict(loc{"risks", i}.path("issueIds").Index(k), "risk.issueIds.conflict", "issue %q does not name risk %q as its risk", iid, r.ID))
			}
		}
	}
	for i := range l.issues.Items() {
		rid := l.issues.At(i).RiskID
		if rid == "" {
			continue
		}
		if at, ok := ids[rid]; !ok || at.issue {
			probs.Add(validation.NotFound(loc{"issues", i}.path("riskId"), "issue.riskId.notFound", "risk", rid))
		}
	}
}

// last is the state an item's history ends in.
type last struct {
	state  workitem.State
	reason string
	at     time.Time
	seen   bool
}

// validateHistory checks the events against pos, the position of each ID.
func (l *Log) validateHistory(probs *validation.List, pos map[string]ref) {
	riskEnd := make([]last, l.risks.Len())
	issueEnd := make([]last, l.issues.Len())
	rm, im := l.risks.Lifecycle(), l.issues.Lifecycle()
	for k := range l.events {
		e := &l.events[k]
		at, ok := pos[e.Subject]
		if !ok {
			if e.Subject == "" {
				probs.Add(validation.Required(loc{"events", k}.path("subject"), "event.subject.required", "the ID of the risk or issue"))
			} else {
				probs.Add(validation.NotFound(loc{"events", k}.path("subject"), "event.subject.notFound", "risk or issue", e.Subject))
			}
			continue
		}
		var (
			m   = rm
			end *last
		)
		if at.issue {
			m, end = im, &issueEnd[at.i]
		} else {
			end = &riskEnd[at.i]
		}
		if e.From == 0 {
			if end.seen {
				probs.Add(validation.Invalid(loc{"events", k}.path("from"), "event.creation.order", "%s is created again after its history began", e.Subject))
			}
			if _, err := m.CheckCreate(e.Reason); e.To != m.Initial() || e.Reason == "" || err != nil {
				probs.Add(validation.Invalid(loc{"events", k}.path("reason"), "event.transition.invalid", "%s lifecycle does not create items in %s for %q", m.Name(), e.To, e.Reason))
			}
		} else {
			if end.seen && end.state != e.From {
				probs.Add(validation.Conflict(loc{"events", k}.path("from"), "event.from.mismatch", "%s moves from %s but its previous event left it %s", e.Subject, e.From, end.state))
			}
			if e.Reason == "" {
				probs.Add(validation.Required(loc{"events", k}.path("reason"), "event.transition.invalid", "the reason of the move"))
			} else if _, err := m.Check(e.From, e.To, e.Reason); err != nil {
				probs.Add(validation.Invalid(loc{"events", k}.path("reason"), "event.transition.invalid", "%s", err.Error()))
			}
		}
		if end.seen && !e.At.IsZero() && e.At.Before(end.at) {
			probs.Add(validation.Invalid(loc{"events", k}.path("at"), "event.at.order", "%s moves at %s, before its previous event at %s", e.Subject, e.At.Format(time.RFC3339), end.at.Format(time.RFC3339)).WithSeverity(validation.Warning))
		}
		when := e.At
		if when.IsZero() {
			when = end.at
		}
		*end = last{state: e.To, reason: string(e.Reason), at: when, seen: true}
	}
	for i, end := range riskEnd {
		r := l.risks.At(i)
		if end.seen && (end.state != r.State || end.reason != string(r.Reason)) {
			probs.Add(validation.Conflict(loc{"risks", i}.path("state"), "risk.state.history", "risk %s is %s (%s) but its history ends %s (%s)", r.ID, r.State, r.Reason, end.state, end.reason))
		}
	}
	for i, end := range issueEnd {
		is := l.issues.At(i)
		if end.seen && (end.state != is.State || end.reason != string(is.Reason)) {
			probs.Add(validation.Conflict(loc{"issues", i}.path("state"), "issue.state.history", "issue %s is %s (%s) but its history ends %s (%s)", is.ID, is.State, is.Reason, end.state, end.reason))
		}
	}
}
