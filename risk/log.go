package risk

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// Errors of the log's operations, wrapped by *[OpError]: the errors of
// every register of work items (package workitem). Validation failures are
// returned as a validation.List instead, and refused transitions as a
// *lifecycle.TransitionError.
var (
	// ErrStateChange: an add or update tried to set the state, the reason
	// or the promotion links, which change only through Transition and
	// Promote.
	ErrStateChange = workitem.ErrStateChange
	// ErrNotRemovable: the lifecycle does not allow removing the item.
	ErrNotRemovable = workitem.ErrNotRemovable
	// ErrInvalidLifecycle: a lifecycle given to SetLifecycles does not
	// start in Proposed or does not fit the recorded history.
	ErrInvalidLifecycle = workitem.ErrInvalidLifecycle
)

// OpError describes a refused operation on a log: the one error type of
// every register of work items.
type OpError = workitem.OpError

const register = "risk"

// ref locates an item in the log.
type ref struct {
	issue bool
	i     int
}

// Log is a risk log and an issue log kept together, with the history of
// every change of state. Risk and issue IDs share one namespace, so an
// event's Subject names exactly one item.
//
// The zero Log is empty and ready to use with the CMMI lifecycles
// ([RiskLifecycle], [IssueLifecycle]). A Log is not safe for concurrent
// modification; methods that only read may run concurrently.
//
// Every method that changes the log either succeeds completely or returns
// an error and changes nothing. Values returned are copies: changing
// them does not change the log.
type Log struct {
	risks   []Risk
	issues  []Issue
	events  []Event
	index   map[string]ref
	riskLC  *lifecycle.Machine[workitem.State]
	issueLC *lifecycle.Machine[workitem.State]
}

func (l *Log) riskMachine() *lifecycle.Machine[workitem.State] {
	if l.riskLC == nil {
		return riskMachine
	}
	return l.riskLC
}

func (l *Log) issueMachine() *lifecycle.Machine[workitem.State] {
	if l.issueLC == nil {
		return issueMachine
	}
	return l.issueLC
}

// Lifecycles returns the machines the log enforces.
func (l *Log) Lifecycles() (risk, issue *lifecycle.Machine[workitem.State]) {
	return l.riskMachine(), l.issueMachine()
}

// SetLifecycles makes the log enforce the given machines, such as the CMMI
// ones extended with a company's reasons through WithReasons; nil means the
// CMMI default. Both must create items in Proposed, and the recorded
// history must be valid under them; otherwise the log is unchanged and the
// error wraps ErrInvalidLifecycle.
func (l *Log) SetLifecycles(risk, issue *lifecycle.Machine[workitem.State]) error {
	if risk == nil {
		risk = riskMachine
	}
	if issue == nil {
		issue = issueMachine
	}
	if risk.Initial() != proposed || issue.Initial() != proposed {
		return &OpError{Register: register, Op: "set lifecycles", Err: ErrInvalidLifecycle, Detail: "items must be created in Proposed"}
	}
	trial := *l
	trial.riskLC, trial.issueLC = risk, issue
	var probs validation.List
	trial.validateHistory(&probs, trial.validateIDs(&validation.List{}))
	if b := probs.Blocking(); len(b) > 0 {
		return &OpError{Register: register, Op: "set lifecycles", Err: ErrInvalidLifecycle, Detail: b[0].Error()}
	}
	l.riskLC, l.issueLC = risk, issue
	return nil
}

// lookup finds an item. It never writes to the log, so that readers may
// run concurrently; without an index (a log nothing was added to) it scans.
func (l *Log) lookup(id string) (ref, bool) {
	if l.index == nil {
		for i := range l.risks {
			if l.risks[i].ID == id {
				return ref{i: i}, true
			}
		}
		for i := range l.issues {
			if l.issues[i].ID == id {
				return ref{issue: true, i: i}, true
			}
		}
		return ref{}, false
	}
	r, ok := l.index[id]
	return r, ok
}

// ensureIndex builds the index before a change that updates it.
func (l *Log) ensureIndex() {
	if l.index == nil {
		l.reindex()
	}
}

// reindex rebuilds the ID index; with duplicate IDs (possible only in a
// log that failed validation) the first occurrence wins.
func (l *Log) reindex() {
	l.index = make(map[string]ref, len(l.risks)+len(l.issues))
	for i := range l.risks {
		if _, dup := l.index[l.risks[i].ID]; !dup {
			l.index[l.risks[i].ID] = ref{i: i}
		}
	}
	for i := range l.issues {
		if _, dup := l.index[l.issues[i].ID]; !dup {
			l.index[l.issues[i].ID] = ref{issue: true, i: i}
		}
	}
}

// NumRisks returns the number of risks in the log.
func (l *Log) NumRisks() int { return len(l.risks) }

// NumIssues returns the number of issues in the log.
func (l *Log) NumIssues() int { return len(l.issues) }

// Has reports whether a risk or an issue has the ID.
func (l *Log) Has(id string) bool {
	_, ok := l.lookup(id)
	return ok
}

// Risk returns a copy of the risk with the ID.
func (l *Log) Risk(id string) (Risk, bool) {
	r, ok := l.lookup(id)
	if !ok || r.issue {
		return Risk{}, false
	}
	return l.risks[r.i].Clone(), true
}

// Issue returns a copy of the issue with the ID.
func (l *Log) Issue(id string) (Issue, bool) {
	r, ok := l.lookup(id)
	if !ok || !r.issue {
		return Issue{}, false
	}
	return l.issues[r.i].Clone(), true
}

// History returns the events of the risk or issue with the ID, oldest
// first.
func (l *Log) History(id string) []Event {
	return workitem.History(l.events, id)
}

// blockingErr returns the blocking problems of l as an error, or nil.
func blockingErr(l validation.List) error {
	return l.Blocking().Err()
}

// AddRisk adds r in the Proposed state and records its creation with ch
// (ch.Reason empty means "New"); when r.Raised is zero it becomes the date
// of ch.At (in ch.At's location). r.State and r.Reason must be zero or
// already Proposed and the creation reason, and r.IssueIDs must be empty
// (Promote sets them). It returns a validation.List when r has blocking
// problems (warnings do not block), or an *OpError wrapping validation.ErrDuplicate
// or ErrStateChange, and then changes nothing.
func (l *Log) AddRisk(r Risk, ch lifecycle.Change) error {
	m := l.riskMachine()
	ev, err := workitem.Create(m, register, "add risk", r.ID, r.State, r.Reason, ch)
	if err != nil {
		return err
	}
	if len(r.IssueIDs) > 0 {
		return &OpError{Register: register, Op: "add risk", ID: r.ID, Err: ErrStateChange, Detail: "issueIds are set by Promote"}
	}
	r = r.Clone()
	r.State, r.Reason = ev.To, ev.Reason
	if r.Raised.IsZero() && !ch.At.IsZero() {
		r.Raised = calendar.FromTime(ch.At)
	}
	var probs validation.List
	r.validate(&probs, loc{})
	if err := blockingErr(probs); err != nil {
		return err
	}
	if l.Has(r.ID) {
		return &OpError{Register: register, Op: "add risk", ID: r.ID, Err: validation.ErrDuplicate}
	}
	l.ensureIndex()
	l.risks = append(l.risks, r)
	l.index[r.ID] = ref{i: len(l.risks) - 1}
	l.events = append(l.events, ev)
	return nil
}

// AddIssue adds i in the Proposed state and records its creation with ch;
// when i.Raised is zero it becomes the date of ch.At.
// i.RiskID, when set, must name a risk of the log. Errors are as for
// AddRisk, plus an *OpError wrapping validation.ErrNotFound for an unknown RiskID.
func (l *Log) AddIssue(i Issue, ch lifecycle.Change) error {
	m := l.issueMachine()
	ev, err := workitem.Create(m, register, "add issue", i.ID, i.State, i.Reason, ch)
	if err != nil {
		return err
	}
	i = i.Clone()
	i.State, i.Reason = ev.To, ev.Reason
	if i.Raised.IsZero() && !ch.At.IsZero() {
		i.Raised = calendar.FromTime(ch.At)
	}
	var probs validation.List
	i.validate(&probs, loc{})
	if err := blockingErr(probs); err != nil {
		return err
	}
	if l.Has(i.ID) {
		return &OpError{Register: register, Op: "add issue", ID: i.ID, Err: validation.ErrDuplicate}
	}
	if i.RiskID != "" {
		if r, ok := l.lookup(i.RiskID); !ok || r.issue {
			return &OpError{Register: register, Op: "add issue", ID: i.ID, Err: validation.ErrNotFound, Detail: "risk " + i.RiskID}
		}
	}
	l.ensureIndex()
	l.issues = append(l.issues, i)
	l.index[i.ID] = ref{issue: true, i: len(l.issues) - 1}
	l.events = append(l.events, ev)
	return nil
}

// UpdateRisk replaces the risk with r's ID by r. State, Reason and
// IssueIDs must be unchanged (they change through Transition and Promote).
// It returns an *OpError wrapping validation.ErrNotFound or ErrStateChange, or a
// validation.List of blocking problems, and then changes nothing.
func (l *Log) UpdateRisk(r Risk) error {
	at, ok := l.lookup(r.ID)
	if !ok || at.issue {
		return &OpError{Register: register, Op: "update risk", ID: r.ID, Err: validation.ErrNotFound}
	}
	old := &l.risks[at.i]
	if r.State != old.State || r.Reason != old.Reason || !slices.Equal(r.IssueIDs, old.IssueIDs) {
		return &OpError{Register: register, Op: "update risk", ID: r.ID, Err: ErrStateChange}
	}
	var probs validation.List
	r.validate(&probs, loc{})
	if err := blockingErr(probs); err != nil {
		return err
	}
	*old = r.Clone()
	return nil
}

// UpdateIssue replaces the issue with i's ID by i. State and Reason must be
// unchanged; RiskID must name a risk of the log, and may not change while
// that risk records the issue as promoted from it. Errors are as for
// UpdateRisk.
func (l *Log) UpdateIssue(i Issue) error {
	at, ok := l.lookup(i.ID)
	if !ok || !at.issue {
		return &OpError{Register: register, Op: "update issue", ID: i.ID, Err: validation.ErrNotFound}
	}
	old := &l.issues[at.i]
	if i.State != old.State || i.Reason != old.Reason {
		return &OpError{Register: register, Op: "update issue", ID: i.ID, Err: ErrStateChange}
	}
	if i.RiskID != old.RiskID && old.RiskID != "" {
		if r, ok := l.lookup(old.RiskID); ok && !r.issue && slices.Contains(l.risks[r.i].IssueIDs, i.ID) {
			return &OpError{Register: register, Op: "update issue", ID: i.ID, Err: ErrStateChange, Detail: "the issue was promoted from risk " + old.RiskID}
		}
	}
	var probs validation.List
	i.validate(&probs, loc{})
	if err := blockingErr(probs); err != nil {
		return err
	}
	if i.RiskID != "" {
		if r, ok := l.lookup(i.RiskID); !ok || r.issue {
			return &OpError{Register: register, Op: "update issue", ID: i.ID, Err: validation.ErrNotFound, Detail: "risk " + i.RiskID}
		}
	}
	*old = i.Clone()
	return nil
}

// Transition moves the risk or issue with the ID to state to, as its
// lifecycle allows, and records the event (who, when, from, to, reason)
// from ch; ch.Reason empty means the move's default reason. It returns the
// recorded event. A refused move returns a *lifecycle.TransitionError
// (errors.Is lifecycle.ErrInvalidTransition or lifecycle.ErrUnknownReason)
// or an *OpError wrapping validation.ErrNotFound, and changes nothing.
func (l *Log) Transition(id string, to workitem.State, ch lifecycle.Change) (Event, error) {
	at, ok := l.lookup(id)
	if !ok {
		return Event{}, &OpError{Register: register, Op: "transition", ID: id, Err: validation.ErrNotFound}
	}
	var (
		state  *workitem.State
		reason *lifecycle.Reason
		m      *lifecycle.Machine[workitem.State]
	)
	if at.issue {
		state, reason, m = &l.issues[at.i].State, &l.issues[at.i].Reason, l.issueMachine()
	} else {
		state, reason, m = &l.risks[at.i].State, &l.risks[at.i].Reason, l.riskMachine()
	}
	return workitem.Move(m, id, state, reason, to, ch, &l.events)
}

// Remove deletes the risk or issue with the ID, with its creation event.
// The rule: only an item logged in error may go, that is one still in its
// initial state (Proposed) whose history holds nothing beyond its creation,
// and that nothing links to (no issue promoted from or naming the risk; no
// risk recording the issue). Anything that has moved stays, so that its
// history is kept: close it instead (for example as Rejected). A refused
// removal returns an *OpError wrapping validation.ErrNotFound or ErrNotRemovable and
// changes nothing.
func (l *Log) Remove(id string) error {
	at, ok := l.lookup(id)
	if !ok {
		return &OpError{Register: register, Op: "remove", ID: id, Err: validation.ErrNotFound}
	}
	var state workitem.State
	if at.issue {
		state = l.issues[at.i].State
	} else {
		state = l.risks[at.i].State
	}
	creation, err := workitem.Removable(register, id, state, proposed, l.events)
	if err != nil {
		return err
	}
	if at.issue {
		for _, r := range l.risks {
			if slices.Contains(r.IssueIDs, id) {
				return &OpError{Register: register, Op: "remove", ID: id, Err: ErrNotRemovable, Detail: "risk " + r.ID + " was promoted to it"}
			}
		}
	} else {
		if len(l.risks[at.i].IssueIDs) > 0 {
			return &OpError{Register: register, Op: "remove", ID: id, Err: ErrNotRemovable, Detail: "it was promoted to an issue"}
		}
		for _, is := range l.issues {
			if is.RiskID == id {
				return &OpError{Register: register, Op: "remove", ID: id, Err: ErrNotRemovable, Detail: "issue " + is.ID + " names it"}
			}
		}
	}
	if at.issue {
		l.issues = slices.Delete(l.issues, at.i, at.i+1)
	} else {
		l.risks = slices.Delete(l.risks, at.i, at.i+1)
	}
	if creation >= 0 {
		l.events = slices.Delete(l.events, creation, creation+1)
	}
	l.reindex()
	return nil
}

// Promote records that the trigger of the risk riskID fired: it creates
// the issue issueID from the risk and links the two, and moves the risk to
// Active as its lifecycle allows (Proposed to Active for "Mitigation
// Triggered", Resolved to Active for "Mitigation Action Unsatisfactory
// (rework)",
// Closed to Active for "Closed in Error"; no move when it is already
// Active). ch.Reason, when set, is the reason of the risk's move (unused
// when there is none); the issue is created for its default reason. ch.By,
// ch.At and ch.Note go with both events, and the risk's event notes the
// issue when ch.Note is empty.
//
// Nothing is lost: the risk keeps every field and lists the issue in
// IssueIDs; the issue takes the risk's title, owner, tags, tasks and
// requirements (as what it blocks), a description made of the risk
// statement, trigger and contingency plan, the date of ch.At as its raised
// date, and a priority from the risk's impact (5 gives 1, 4 gives 2, 3
// gives 3, 2 and 1 give 4). It is created Proposed; adjust it with
// UpdateIssue and Transition.
//
// It returns the new issue, or an error (an *OpError wrapping validation.ErrNotFound
// or validation.ErrDuplicate, a *lifecycle.TransitionError, or a validation.List)
// and then changes nothing.
func (l *Log) Promote(riskID, issueID string, ch lifecycle.Change) (Issue, error) {
	at, ok := l.lookup(riskID)
	if !ok || at.issue {
		return Issue{}, &OpError{Register: register, Op: "promote", ID: riskID, Err: validation.ErrNotFound}
	}
	if l.Has(issueID) {
		return Issue{}, &OpError{Register: register, Op: "promote", ID: riskID, Err: validation.ErrDuplicate, Detail: "issue " + issueID}
	}
	r := &l.risks[at.i]
	var moves []Event
	if r.State != active {
		rch := ch
		if rch.Note == "" {
			rch.Note = "promoted to issue " + issueID
		}
		ev, err := l.riskMachine().Apply(riskID, r.State, active, rch)
		if err != nil {
			return Issue{}, err
		}
		moves = append(moves, ev)
	}
	created, err := l.issueMachine().Create(issueID, lifecycle.Change{By: ch.By, At: ch.At, Note: ch.Note})
	if err != nil {
		return Issue{}, err
	}
	is := Issue{
		ID:          issueID,
		Title:       r.Title,
		Description: promotedDescription(r),
		Priority:    priorityFor(r.Impact),
		Owner:       r.Owner,
		Blocks: Blocks{
			TaskIDs:        slices.Clone(r.TaskIDs),
			RequirementIDs: slices.Clone(r.RequirementIDs),
		},
		RiskID: riskID,
		// The risk has occurred: its contingency plan is the issue's
		// corrective action plan.
		CorrectiveActionPlan: r.ContingencyPlan,
		Tags:                 slices.Clone(r.Tags),
		State:                created.To,
		Reason:               created.Reason,
	}
	if !ch.At.IsZero() {
		is.Raised = calendar.FromTime(ch.At)
	}
	var probs validation.List
	is.validate(&probs, loc{})
	if err := blockingErr(probs); err != nil {
		return Issue{}, err
	}
	for _, ev := range moves {
		r.State, r.Reason = ev.To, ev.Reason
	}
	r.IssueIDs = append(slices.Clip(r.IssueIDs), issueID)
	l.ensureIndex()
	l.issues = append(l.issues, is)
	l.index[issueID] = ref{issue: true, i: len(l.issues) - 1}
	l.events = append(l.events, moves...)
	l.events = append(l.events, created)
	return is.Clone(), nil
}

func priorityFor(i Impact) Priority {
	switch {
	case i >= VeryHigh:
		return 1
	case i == High:
		return 2
	case i == Medium:
		return 3
	}
	return 4
}

func promotedDescription(r *Risk) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Risk %s occurred. Condition: %s Consequence: %s", r.ID, r.Condition, r.Consequence)
	if r.Trigger != "" {
		b.WriteString("\nTrigger: ")
		b.WriteString(r.Trigger)
	}
	if r.ContingencyPlan != "" {
		b.WriteString("\nContingency plan: ")
		b.WriteString(r.ContingencyPlan)
	}
	return b.String()
}

// Clone returns a deep copy of the log, with the same lifecycles.
func (l *Log) Clone() *Log {
	c := &Log{riskLC: l.riskLC, issueLC: l.issueLC}
	c.risks = make([]Risk, len(l.risks))
	for i := range l.risks {
		c.risks[i] = l.risks[i].Clone()
	}
	c.issues = make([]Issue, len(l.issues))
	for i := range l.issues {
		c.issues[i] = l.issues[i].Clone()
	}
	c.events = make([]Event, len(l.events))
	copy(c.events, l.events)
	c.reindex()
	return c
}
