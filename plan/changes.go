package plan

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/risk"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

func (p *Plan) recordLifecycle(kind EventKind, subject string, from, to fmt.Stringer, reason lifecycle.Reason, ch lifecycle.Change) {
	f := ""
	if from != nil {
		f = from.String()
	}
	p.record(Event{Kind: kind, Subject: subject, From: f, To: to.String(), Reason: string(reason), By: ch.By, At: ch.At, Note: ch.Note})
}

func (p *Plan) riskLog() *risk.Log {
	if p.Risks == nil {
		p.Risks = newRiskLog()
	}
	return p.Risks
}

// AddRisk adds a risk to the risk log and records its creation.
func (p *Plan) AddRisk(r risk.Risk, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	if err := p.checkRiskRefs(r); err != nil {
		return err
	}
	log := p.riskLog()
	if err := log.AddRisk(r, ch); err != nil {
		return err
	}
	got, _ := log.Risk(r.ID)
	p.recordLifecycle(EventRisk, r.ID, nil, got.State, got.Reason, ch)
	return nil
}

// AddIssue adds an issue to the issue log and records its creation.
func (p *Plan) AddIssue(i risk.Issue, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	if err := p.checkIssueRefs(i); err != nil {
		return err
	}
	log := p.riskLog()
	if err := log.AddIssue(i, ch); err != nil {
		return err
	}
	got, _ := log.Issue(i.ID)
	p.recordLifecycle(EventIssue, i.ID, nil, got.State, got.Reason, ch)
	return nil
}

// TransitionRisk moves a risk or an issue of the plan's logs as its CMMI
// lifecycle allows and records the event. A refused move changes nothing.
func (p *Plan) TransitionRisk(id string, to workitem.State, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	log := p.riskLog()
	kind := EventRisk
	if _, ok := log.Issue(id); ok {
		kind = EventIssue
	}
	ev, err := log.Transition(id, to, ch)
	if err != nil {
		return err
	}
	p.recordLifecycle(kind, id, ev.From, ev.To, ev.Reason, ch)
	return nil
}

// PromoteRisk records that the trigger of a risk fired: the risk becomes
// the issue issueID (see risk.Log.Promote), and both events are recorded.
func (p *Plan) PromoteRisk(riskID, issueID string, ch lifecycle.Change) (risk.Issue, error) {
	log := p.riskLog()
	before, _ := log.Risk(riskID)
	is, err := log.Promote(riskID, issueID, ch)
	if err != nil {
		return risk.Issue{}, err
	}
	after, _ := log.Risk(riskID)
	if after.State != before.State {
		p.recordLifecycle(EventRisk, riskID, before.State, after.State, after.Reason, ch)
	}
	p.recordLifecycle(EventIssue, issueID, nil, is.State, is.Reason, lifecycle.Change{By: ch.By, At: ch.At, Note: "promoted from risk " + riskID})
	return is, nil
}

// demand finds a demand as the effective pool holds it: one of the pool's
// own, or one a task creates, dated by the schedule as the coverage rule
// judges it, so that a commitment's fingerprint matches what it covers.
func (p *Plan) demand(id string) (*resource.Demand, bool) {
	if d, ok := p.Resources.Demand(id); ok {
		return d, true
	}
	if p.Backlog == nil {
		return nil, false
	}
	return p.EffectivePool().Demand(id)
}

func (p *Plan) commitment(id string) (*resource.Commitment, error) {
	c, ok := p.Resources.Commitment(id)
	if !ok {
		return nil, fmt.Errorf("plan: commitment %q: %w", id, validation.ErrNotFound)
	}
	return c, nil
}

// commitmentEvent records the last event of commitment c.
func (p *Plan) commitmentEvent(c *resource.Commitment) {
	if ev, ok := c.LastEvent(); ok {
		p.record(Event{Kind: EventCommitment, Subject: c.ID, From: ev.From.String(), To: ev.To.String(), Reason: string(ev.Reason), By: ev.By, At: ev.At, Note: ev.Note})
	}
}

// RequestCommitment asks the program office for the resources of a demand
// (the pool's own, or one a task creates) and records the request.
func (p *Plan) RequestCommitment(id, demandID string, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	if _, ok := p.Resources.Commitment(id); ok {
		return fmt.Errorf("plan: commitment %q already exists", id)
	}
	d, ok := p.demand(demandID)
	if !ok {
		return fmt.Errorf("plan: demand %q: %w", demandID, validation.ErrNotFound)
	}
	c, err := resource.Request(id, d, ch)
	if err != nil {
		return err
	}
	if err := p.checkCommitment(c, len(p.Resources.Commitments)); err != nil {
		return err
	}
	p.Resources.Commitments = append(p.Resources.Commitments, c)
	p.commitmentEvent(&p.Resources.Commitments[len(p.Resources.Commitments)-1])
	return nil
}

// checkCommitment validates commitment c, to be held at position i of the
// pool's commitments, as the pool's validation would: against its demand
// (the pool's own or a task's) and the pool's resources and calendars.
func (p *Plan) checkCommitment(c resource.Commitment, i int) error {
	mini := resource.Pool{Calendars: p.Resources.Calendars, Resources: p.Resources.Resources, Commitments: []resource.Commitment{c}}
	if d, ok := p.demand(c.DemandID); ok {
		mini.Demands = []resource.Demand{*d}
	}
	at := validation.NewPath("commitments").Index(0)
	to := pathResources.Child("commitments").Index(i).String()
	var l validation.List
	for _, pr := range mini.ValidateList().Blocking() {
		if pr.Path.HasPrefix(at) {
			q := *pr
			q.Path = validation.ParsePath(to + strings.TrimPrefix(pr.Path.String(), at.String()))
			l.Add(&q)
		}
	}
	return l.Err()
}

// moveCommitment applies move to a copy of the commitment and stores the
// copy only when move succeeds, so that a refusal changes nothing.
func (p *Plan) moveCommitment(id string, move func(c *resource.Commitment) error) error {
	c, err := p.commitment(id)
	if err != nil {
		return err
	}
	work := c.Clone()
	if err := move(&work); err != nil {
		return err
	}
	i := slices.IndexFunc(p.Resources.Commitments, func(x resource.Commitment) bool { return x.ID == id })
	if err := p.checkCommitment(work, i); err != nil {
		return err
	}
	*c = work
	p.commitmentEvent(c)
	return nil
}

// Commit records that the program office committed the resources of a
// commitment against the plan's current revision.
func (p *Plan) Commit(id string, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	return p.moveCommitment(id, func(c *resource.Commitment) error {
		d, ok := p.demand(c.DemandID)
		if !ok {
			return fmt.Errorf("plan: demand %q: %w", c.DemandID, validation.ErrNotFound)
		}
		return c.Commit(d, p.Revision, ch)
	})
}

// Reconfirm records that the program office confirmed a commitment again,
// against the plan's current revision and the demand as it is now.
func (p *Plan) Reconfirm(id string, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	return p.moveCommitment(id, func(c *resource.Commitment) error {
		d, ok := p.demand(c.DemandID)
		if !ok {
			return fmt.Errorf("plan: demand %q: %w", c.DemandID, validation.ErrNotFound)
		}
		return c.Reconfirm(d, p.Revision, ch)
	})
}

// CounterOffer records a counter-offer in the negotiation of a commitment.
func (p *Plan) CounterOffer(id string, o resource.Offer, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	return p.moveCommitment(id, func(c *resource.Commitment) error { return c.CounterOffer(o, ch) })
}

// Decline records that the program office declined a commitment.
func (p *Plan) Decline(id string, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	return p.moveCommitment(id, func(c *resource.Commitment) error { return c.Decline(ch) })
}

// ReleaseCommitment records that committed resources were used or are no
// longer needed.
func (p *Plan) ReleaseCommitment(id string, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	return p.moveCommitment(id, func(c *resource.Commitment) error { return c.Release(ch) })
}

// Withdraw records that the program office withdrew a commitment, with the
// reason in ch.
func (p *Plan) Withdraw(id string, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	return p.moveCommitment(id, func(c *resource.Commitment) error { return c.Withdraw(ch) })
}

// ErrNotApprover is wrapped by errors about a vote from someone who is not
// an approver of the review.
var ErrNotApprover = validation.Sentinel(validation.ErrForbidden, "not an approver of this review")

// ErrDecisionClosed is wrapped by errors about a vote on a review that is
// not the latest one.
var ErrDecisionClosed = validation.Sentinel(validation.ErrConflict, "review superseded by a later one")

// OpenDecision opens a go/no-go review of the current revision, held now
// (at ch.At), with the named approvers, each of whom must fill a role of
// the plan. ScheduleDecision opens one held later.
func (p *Plan) OpenDecision(id string, approvers []string, ch lifecycle.Change) error {
	return p.ScheduleDecision(id, ch.At, approvers, ch)
}

// ScheduleDecision opens a go/no-go review of the current revision that is
// held at the given time (its Date), such as a few workdays before the
// launch, with the named approvers, each of whom must fill a role of the
// plan: the Release Manager and the lead of every function of the launch
// readiness checklist, as the exit gate expects. ch records who opened it
// and when. A zero time is refused; on error nothing changes.
func (p *Plan) ScheduleDecision(id string, held time.Time, approvers []string, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	if held.IsZero() {
		return fmt.Errorf("plan: go/no-go review %q needs the time it is held: %w", id, validation.ErrRequired)
	}
	if id == "" {
		return fmt.Errorf("plan: a go/no-go review needs an ID")
	}
	if slices.ContainsFunc(p.Decisions, func(d Decision) bool { return d.ID == id }) {
		return fmt.Errorf("plan: go/no-go review %q already exists", id)
	}
	if len(approvers) == 0 {
		return fmt.Errorf("plan: go/no-go review %q needs at least one approver", id)
	}
	people := p.people()
	d := Decision{ID: id, Revision: p.Revision, Date: held}
	for _, a := range approvers {
		role, ok := people[a]
		if !ok {
			return fmt.Errorf("plan: approver %q fills no role of the plan: %w", a, validation.ErrNotFound)
		}
		if slices.ContainsFunc(d.Ballots, func(b Ballot) bool { return b.Approver == a }) {
			return fmt.Errorf("plan: approver %q named twice", a)
		}
		d.Ballots = append(d.Ballots, Ballot{Approver: a, Role: role})
	}
	p.Decisions = append(p.Decisions, d)
	p.record(Event{Kind: EventDecision, Subject: id, To: d.Outcome().String(), Reason: "Review opened", By: ch.By, At: ch.At, Note: ch.Note})
	return nil
}

// CastVote records an approver's vote on the latest go/no-go review. A
// conditional go or a no-go needs a note. Any single no-go stops the
// launch.
//
// The review sees the launch readiness checklist (Plan.Readiness): a go
// is refused while a must-have item is neither ready nor waived (an error
// wrapping ErrNotReady, code CodeDecisionReadiness, naming the items);
// record a go-with-conditions naming those items in conditions instead (it
// must name them all), or a no-go, which may name the items it waits for.
// Conditions name items of the checklist, once each; a go names none. A
// refused vote changes nothing.
//
// The vote's note is the note argument, kept on the ballot and in the
// recorded event; ch.Note is not read. This differs from the other moves
// of the deployment half, which take their note from ch.Note: a waived
// readiness item's reason (TransitionReadiness to readiness.Waived) and
// a wave evaluation's note (TransitionWave, PassPointOfNoReturn).
func (p *Plan) CastVote(decisionID, approver string, v Vote, note string, ch lifecycle.Change, conditions ...string) error {
	if err := ch.Check(); err != nil {
		return err
	}
	i := slices.IndexFunc(p.Decisions, func(d Decision) bool { return d.ID == decisionID })
	if i < 0 {
		return fmt.Errorf("plan: go/no-go review %q: %w", decisionID, validation.ErrNotFound)
	}
	if i != len(p.Decisions)-1 {
		return fmt.Errorf("plan: go/no-go review %q: %w", decisionID, ErrDecisionClosed)
	}
	if v != Go && v != GoWithConditions && v != NoGo {
		return fmt.Errorf("plan: vote %q is not go, go-with-conditions or no-go", v)
	}
	if v != Go && note == "" {
		return fmt.Errorf("plan: a %s vote needs a note", v)
	}
	d := &p.Decisions[i]
	j := slices.IndexFunc(d.Ballots, func(b Ballot) bool { return b.Approver == approver })
	if j < 0 {
		return fmt.Errorf("plan: %q: %w", approver, ErrNotApprover)
	}
	if err := p.checkVoteReadiness(i, j, v, conditions); err != nil {
		return err
	}
	before := d.Outcome()
	d.Ballots[j].Vote, d.Ballots[j].Note, d.Ballots[j].At = v, note, ch.At
	d.Ballots[j].Conditions = slices.Clone(conditions)
	if len(conditions) > 0 {
		note = strings.TrimSpace(note + " [readiness items: " + strings.Join(conditions, ", ") + "]")
	}
	p.record(Event{Kind: EventDecision, Subject: decisionID, From: before.String(), To: d.Outcome().String(),
		Reason: approver + " voted " + v.String(), By: ch.By, At: ch.At, Note: note})
	return nil
}

// LaunchDecision returns the latest go/no-go review and whether it judged
// the current revision of the plan. A review of an older revision no longer
// speaks for the plan.
func (p *Plan) LaunchDecision() (d Decision, current bool, ok bool) {
	if len(p.Decisions) == 0 {
		return Decision{}, false, false
	}
	d = p.Decisions[len(p.Decisions)-1]
	return d, d.Revision == p.Revision, true
}

// riskIndex returns the position of a risk (issues: false) or an issue
// (issues: true) in the risk log's document, or the number of them when
// there is none with the ID.
func (p *Plan) riskIndex(id string, issues bool) int {
	if issues {
		is := p.riskLog().Issues()
		if i := slices.IndexFunc(is, func(x risk.Issue) bool { return x.ID == id }); i >= 0 {
			return i
		}
		return len(is)
	}
	rs := p.riskLog().Risks()
	if i := slices.IndexFunc(rs, func(x risk.Risk) bool { return x.ID == id }); i >= 0 {
		return i
	}
	return len(rs)
}

// checkNames reports the IDs of ids that name no task (tasks) or
// requirement of the backlog, at path at.
func (p *Plan) checkNames(l *validation.List, at validation.Path, ids []string, what string, requirement bool) {
	b := p.backlogLog()
	for j, id := range ids {
		ok := false
		if requirement {
			_, ok = b.Requirement(id)
		} else {
			_, ok = b.Task(id)
		}
		if !ok {
			l.Add(validation.NotFound(at.Index(j), CodeReferenceUnknown, what, id))
		}
	}
}

// checkRiskRefs reports the tasks and requirements a risk names that the
// backlog does not hold.
func (p *Plan) checkRiskRefs(r risk.Risk) error {
	var l validation.List
	at := pathRisks.Child("risks").Index(p.riskIndex(r.ID, false))
	p.checkNames(&l, at.Child("taskIds"), r.TaskIDs, "task", false)
	p.checkNames(&l, at.Child("requirementIds"), r.RequirementIDs, "requirement", true)
	return l.Err()
}

// checkIssueRefs reports the tasks, milestones and requirements an issue
// blocks that the backlog does not hold.
func (p *Plan) checkIssueRefs(is risk.Issue) error {
	var l validation.List
	at := pathRisks.Child("issues").Index(p.riskIndex(is.ID, true)).Child("blocks")
	p.checkNames(&l, at.Child("taskIds"), is.Blocks.TaskIDs, "task", false)
	p.checkNames(&l, at.Child("milestoneIds"), is.Blocks.MilestoneIDs, "milestone task", false)
	p.checkNames(&l, at.Child("requirementIds"), is.Blocks.RequirementIDs, "requirement", true)
	return l.Err()
}

// UpdateRisk replaces the risk with r's ID by r (see risk.Log.UpdateRisk:
// its state changes only through TransitionRisk) and records the change.
// The tasks and requirements it names must be in the backlog. A refused
// update changes nothing.
func (p *Plan) UpdateRisk(r risk.Risk, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	if err := p.checkRiskRefs(r); err != nil {
		return err
	}
	if err := p.riskLog().UpdateRisk(r); err != nil {
		return err
	}
	p.recordEdit(EventRisk, r.ID, reasonUpdated, ch)
	return nil
}

// UpdateIssue replaces the issue with i's ID by i (see
// risk.Log.UpdateIssue) and records the change. What it blocks must be in
// the backlog. A refused update changes nothing.
func (p *Plan) UpdateIssue(i risk.Issue, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	if err := p.checkIssueRefs(i); err != nil {
		return err
	}
	if err := p.riskLog().UpdateIssue(i); err != nil {
		return err
	}
	p.recordEdit(EventIssue, i.ID, reasonUpdated, ch)
	return nil
}

// RemoveRisk removes a risk or an issue logged in error (see
// risk.Log.Remove) and records it. A refused removal changes nothing.
func (p *Plan) RemoveRisk(id string, ch lifecycle.Change) error {
	if err := ch.Check(); err != nil {
		return err
	}
	log := p.riskLog()
	kind := EventRisk
	if _, ok := log.Issue(id); ok {
		kind = EventIssue
	}
	if err := log.Remove(id); err != nil {
		return err
	}
	p.recordEdit(kind, id, reasonRemoved, ch)
	return nil
}
