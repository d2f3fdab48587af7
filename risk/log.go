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

// riskKind and issueKind tell the log's registers how to handle risks and
// issues.
type (
	riskKind  struct{}
	issueKind struct{}
)

func (riskKind) Names() (string, string)                             { return register, "risk" }
func (riskKind) Lifecycle() *lifecycle.Machine[workitem.State]       { return riskMachine }
func (riskKind) ID(r *Risk) string                                   { return r.ID }
func (riskKind) Status(r *Risk) (*workitem.State, *lifecycle.Reason) { return &r.State, &r.Reason }
func (riskKind) Clone(r *Risk) Risk                                  { return r.Clone() }

func (issueKind) Names() (string, string)                              { return register, "issue" }
func (issueKind) Lifecycle() *lifecycle.Machine[workitem.State]        { return issueMachine }
func (issueKind) ID(i *Issue) string                                   { return i.ID }
func (issueKind) Status(i *Issue) (*workitem.State, *lifecycle.Reason) { return &i.State, &i.Reason }
func (issueKind) Clone(i *Issue) Issue                                 { return i.Clone() }

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
	risks  workitem.Register[Risk, riskKind]
	issues workitem.Register[Issue, issueKind]
	events []Event
}

// Lifecycles returns the machines the log enforces.
func (l *Log) Lifecycles() (risk, issue *lifecycle.Machine[workitem.State]) {
	return l.risks.Lifecycle(), l.issues.Lifecycle()
}

// SetLifecycles makes the log enforce the given machines, such as the CMMI
// ones extended with a company's reasons through WithReasons; nil means the
// CMMI default. Both must create items in Proposed, and the recorded
// history must be valid under them; otherwise the log is unchanged and the
// error wraps ErrInvalidLifecycle.
func (l *Log) SetLifecycles(risk, issue *lifecycle.Machine[workitem.State]) error {
	risk, err := l.risks.CheckLifecycle(risk)
	if err != nil {
		return err
	}
	issue, err = l.issues.CheckLifecycle(issue)
	if err != nil {
		return err
	}
	trial := *l
	trial.risks.SetLifecycle(risk)
	trial.issues.SetLifecycle(issue)
	var probs validation.List
	trial.validateHistory(&probs, trial.validateIDs(&validation.List{}))
	if b := probs.Blocking(); len(b) > 0 {
		return &OpError{Register: register, Op: "set lifecycles", Err: ErrInvalidLifecycle, Detail: b[0].Error()}
	}
	l.risks.SetLifecycle(risk)
	l.issues.SetLifecycle(issue)
	return nil
}

// lookup finds an item. It never writes to the log, so that readers may
// run concurrently.
func (l *Log) lookup(id string) (ref, bool) {
	if i, ok := l.risks.Find(id); ok {
		return ref{i: i}, true
	}
	if i, ok := l.issues.Find(id); ok {
		return ref{issue: true, i: i}, true
	}
	return ref{}, false
}

// NumRisks returns the number of risks in the log.
func (l *Log) NumRisks() int { return l.risks.Len() }

// NumIssues returns the number of issues in the log.
func (l *Log) NumIssues() int { return l.issues.Len() }

// Has reports whether a risk or an issue has the ID.
func (l *Log) Has(id string) bool {
	_, ok := l.lookup(id)
	return ok
}

// Risk returns a copy of the risk with the ID.
func (l *Log) Risk(id string) (Risk, bool) {
	return l.risks.Get(id)
}

// Issue returns a copy of the issue with the ID.
func (l *Log) Issue(id string) (Issue, bool) {
	return l.issues.Get(id)
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
	ev, err := l.risks.Create("add risk", r.ID, r.State, r.Reason, ch)
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
	l.risks.Add(r)
	l.events = append(l.events, ev)
	return nil
}

// AddIssue adds i in the Proposed state and records its creation with ch;
// when i.Raised is zero it becomes the date of ch.At.
// i.RiskID, when set, must name a risk of the log. Errors are as for
// AddRisk, plus an *OpError wrapping validation.ErrNotFound for an unknown RiskID.
func (l *Log) AddIssue(i Issue, ch lifecycle.Change) error {
	ev, err := l.issues.Create("add issue", i.ID, i.State, i.Reason, ch)
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
		if !l.risks.Has(i.RiskID) {
			return &OpError{Register: register, Op: "add issue", ID: i.ID, Err: validation.ErrNotFound, Detail: "risk " + i.RiskID}
		}
	}
	l.issues.Add(i)
	l.events = append(l.events, ev)
	return nil
}

// UpdateRisk replaces the risk with r's ID by r. State, Reason and
// IssueIDs must be unchanged (they change through Transition and Promote).
// It returns an *OpError wrapping validation.ErrNotFound or ErrStateChange, or a
// validation.List of blocking problems, and then changes nothing.
func (l *Log) UpdateRisk(r Risk) error {
	at, ok := l.risks.Find(r.ID)
	if !ok {
		return &OpError{Register: register, Op: "update risk", ID: r.ID, Err: validation.ErrNotFound}
	}
	old := l.risks.At(at)
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
	at, ok := l.issues.Find(i.ID)
	if !ok {
		return &OpError{Register: register, Op: "update issue", ID: i.ID, Err: validation.ErrNotFound}
	}
	old := l.issues.At(at)
	if i.State != old.State || i.Reason != old.Reason {
		return &OpError{Register: register, Op: "update issue", ID: i.ID, Err: ErrStateChange}
	}
	if i.RiskID != old.RiskID && old.RiskID != "" {
		if r, ok := l.risks.Find(old.RiskID); ok && slices.Contains(l.risks.At(r).IssueIDs, i.ID) {
			return &OpError{Register: register, Op: "update issue", ID: i.ID, Err: ErrStateChange, Detail: "the issue was promoted from risk " + old.RiskID}
		}
	}
	var probs validation.List
	i.validate(&probs, loc{})
	if err := blockingErr(probs); err != nil {
		return err
	}
	if i.RiskID != "" {
		if !l.risks.Has(i.RiskID) {
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
	if at.issue {
		return l.issues.Move(at.i, to, ch, &l.events)
	}
	return l.risks.Move(at.i, to, ch, &l.events)
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
	var creation int
	var err error
	if at.issue {
		creation, err = l.issues.Removable(at.i, l.events)
	} else {
		creation, err = l.risks.Removable(at.i, l.events)
	}
	if err != nil {
		return err
	}
	if at.issue {
		for _, r := range l.risks.Items() {
			if slices.Contains(r.IssueIDs, id) {
				return &OpError{Register: register, Op: "remove", ID: id, Err: ErrNotRemovable, Detail: "risk " + r.ID + " was promoted to it"}
			}
		}
	} else {
		if len(l.risks.At(at.i).IssueIDs) > 0 {
			return &OpError{Register: register, Op: "remove", ID: id, Err: ErrNotRemovable, Detail: "it was promoted to an issue"}
		}
		for _, is := range l.issues.Items() {
			if is.RiskID == id {
				return &OpError{Register: register, Op: "remove", ID: id, Err: ErrNotRemovable, Detail: "issue " + is.ID + " names it"}
			}
		}
	}
	if at.issue {
		l.issues.Delete(at.i)
	} else {
		l.risks.Delete(at.i)
	}
	if creation >= 0 {
		l.events = slices.Delete(l.events, creation, creation+1)
	}
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
	at, ok := l.risks.Find(riskID)
	if !ok {
		return Issue{}, &OpError{Register: register, Op: "promote", ID: riskID, Err: validation.ErrNotFound}
	}
	if l.Has(issueID) {
		return Issue{}, &OpError{Register: register, Op: "promote", ID: riskID, Err: validation.ErrDuplicate, Detail: "issue " + issueID}
	}
	r := l.risks.At(at)
	var moves []Event
	if r.State != active {
		rch := ch
		if rch.Note == "" {
			rch.Note = "promoted to issue " + issueID
		}
		ev, err := l.risks.Lifecycle().Apply(riskID, r.State, active, rch)
		if err != nil {
			return Issue{}, err
		}
		moves = append(moves, ev)
	}
	created, err := l.issues.Lifecycle().Create(issueID, lifecycle.Change{By: ch.By, At: ch.At, Note: ch.Note})
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
	l.issues.Add(is)
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
	c := &Log{risks: l.risks.Clone(), issues: l.issues.Clone()}
	c.events = make([]Event, len(l.events))
	copy(c.events, l.events)
	return c
}
