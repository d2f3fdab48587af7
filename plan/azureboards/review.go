package azureboards

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// Reasons of the CMMI Review lifecycle, as the template names them.
const (
	ReasonReviewNew                      lifecycle.Reason = "New"
	ReasonReviewAcceptedAsIs             lifecycle.Reason = "Accepted (as is)"
	ReasonReviewAcceptedWithMinorChanges lifecycle.Reason = "Accepted with Minor Changes"
	ReasonReviewAcceptedWithMajorChanges lifecycle.Reason = "Accepted with Major Changes"
	ReasonReviewMinorChangesComplete     lifecycle.Reason = "Minor Changes Complete"
	ReasonReviewMajorChangesComplete     lifecycle.Reason = "Major Changes Complete"
	ReasonReviewClosedInError            lifecycle.Reason = "Closed in Error"
)

// reviewMachine is the CMMI Review lifecycle: created Active; no Proposed.
var reviewMachine = lifecycle.MustNew("review", workitem.Active, []lifecycle.Reason{ReasonReviewNew},
	lifecycle.Rule[workitem.State]{From: workitem.Active, To: workitem.Resolved, Reasons: []lifecycle.Reason{ReasonReviewAcceptedWithMinorChanges, ReasonReviewAcceptedWithMajorChanges}},
	lifecycle.Rule[workitem.State]{From: workitem.Active, To: workitem.Closed, Reasons: []lifecycle.Reason{ReasonReviewAcceptedAsIs}},
	lifecycle.Rule[workitem.State]{From: workitem.Resolved, To: workitem.Closed, Reasons: []lifecycle.Reason{ReasonReviewMinorChangesComplete}},
	lifecycle.Rule[workitem.State]{From: workitem.Resolved, To: workitem.Active, Reasons: []lifecycle.Reason{ReasonReviewMajorChangesComplete}},
	lifecycle.Rule[workitem.State]{From: workitem.Closed, To: workitem.Active, Reasons: []lifecycle.Reason{ReasonReviewClosedInError}},
)

// ReviewLifecycle returns the CMMI Review lifecycle the export moves
// go/no-go reviews along.
func ReviewLifecycle() *lifecycle.Machine[workitem.State] { return reviewMachine }

// ReviewState returns the state and reason of the CMMI Review a go/no-go
// review is: undecided, Active ("New"); every approver voted go, Closed
// ("Accepted (as is)"); go with conditions, Resolved ("Accepted with Minor
// Changes": the conditions are the changes to complete before launch);
// no-go, Resolved ("Accepted with Major Changes": the template's outcome
// for a review whose subject must be reworked and reviewed again).
func ReviewState(o plan.Outcome) (workitem.State, lifecycle.Reason) {
	switch o {
	case plan.Launch:
		return workitem.Closed, ReasonReviewAcceptedAsIs
	case plan.LaunchWithConditions:
		return workitem.Resolved, ReasonReviewAcceptedWithMinorChanges
	case plan.Stop:
		return workitem.Resolved, ReasonReviewAcceptedWithMajorChanges
	}
	return workitem.Active, ReasonReviewNew
}

// review writes the fields of a go/no-go review as a CMMI Review.
func (b *builder) review(f *fieldWriter, d *plan.Decision) {
	rel := b.p.Release
	f.set(FieldTitle, fmt.Sprintf("Go/no-go review %s of %s %s (plan revision %d)", d.ID, rel.Product, rel.Version, d.Revision))
	var purpose htmlDoc
	purpose.para("", fmt.Sprintf("Launch readiness (go/no-go) of %s %s, planned for %s, judged on plan revision %d.", rel.Product, rel.Version, rel.Date, d.Revision))
	f.set(FieldPurpose, purpose.String())
	if b.reqOwner == nil {
		o := Identity(b.requirementOwner())
		b.reqOwner = &o
	}
	f.set(FieldAssignedTo, *b.reqOwner)
	f.set(FieldCalledBy, *b.reqOwner)
	f.set(FieldMeetingType, "Meeting")
	if !d.Date.IsZero() {
		f.set(FieldCalledDate, d.Date.UTC().Format("2006-01-02T15:04:05Z"))
	}
	var minutes htmlDoc
	var votes []string
	var conditions []string
	required, actual := 0, 0
	for _, bl := range d.Ballots {
		line := bl.Approver
		if bl.Role != "" {
			line += " (" + string(bl.Role) + ")"
		}
		line += ": " + bl.Vote.String()
		if bl.Note != "" {
			line += " - " + bl.Note
		}
		votes = append(votes, line)
		conditions = append(conditions, bl.Conditions...)
		if required < MaxAttendees {
			required++
			f.set(FieldRequiredAttendee+strconv.Itoa(required), Identity(bl.Approver))
		}
		if bl.Vote != plan.NotVoted && actual < MaxAttendees {
			actual++
			f.set(FieldActualAttendee+strconv.Itoa(actual), Identity(bl.Approver))
		}
	}
	minutes.para("Outcome", d.Outcome().String())
	minutes.list("Votes", votes)
	f.set(FieldMinutes, minutes.String())
	var c htmlDoc
	c.list("Conditions", conditions)
	if len(d.Ballots) > MaxAttendees {
		c.para("", fmt.Sprintf("%d approvers; the attendee fields list the first %d.", len(d.Ballots), MaxAttendees))
	}
	f.set(FieldComments, c.String())
}

// reviewVote returns the vote that makes a review's outcome the one a
// CMMI Review's state and reason stand for (the inverse of ReviewState),
// and false for a state the plan's outcomes do not name (an Active
// review reopened, a Closed one whose minor changes are complete).
func reviewVote(to workitem.State, reason lifecycle.Reason) (plan.Vote, plan.Outcome, bool) {
	switch {
	case to == workitem.Closed && (reason == "" || reason == ReasonReviewAcceptedAsIs):
		return plan.Go, plan.Launch, true
	case to == workitem.Resolved && reason == ReasonReviewAcceptedWithMinorChanges:
		return plan.GoWithConditions, plan.LaunchWithConditions, true
	case to == workitem.Resolved && reason == ReasonReviewAcceptedWithMajorChanges:
		return plan.NoGo, plan.Stop, true
	}
	return plan.NotVoted, plan.Undecided, false
}

// applyReview brings a Review's state back into its go/no-go review. The
// review's outcome is its approvers' votes, so the tracker's state comes
// back as the vote of the person who changed it (System.ChangedBy), an
// approver of the review who has not voted yet, when that vote gives the
// review the outcome the state stands for: Closed "Accepted (as is)" a go,
// Resolved "Accepted with Minor Changes" a go with conditions, Resolved
// "Accepted with Major Changes" a no-go. The vote goes through
// Plan.CastVote, which refuses what the plan refuses (a review that is not
// the latest, a go while a must-have readiness item is not ready); any
// other difference is a Conflict.
func (a *applier) applyReview(k idKey, t Tracked, refuse refuser) ([]string, *Conflict) {
	i := slices.IndexFunc(a.p.Decisions, func(d plan.Decision) bool { return d.ID == k.id })
	if i < 0 {
		return refuse(validation.ErrNotFound, "%s is no longer in the plan", k.id)
	}
	if t.Type != "" && t.Type != TypeReview {
		return refuse(validation.ErrConflict, "work item %d is a %s, the plan's %s a %s", t.WorkItem, clip(t.Type), k.id, TypeReview)
	}
	if t.State == "" {
		return nil, nil
	}
	to, err := workitem.Parse(t.State)
	if err != nil {
		return refuse(validation.ErrInvalid, "state %q is not a CMMI state the plan can hold", clip(t.State))
	}
	d := a.p.Decisions[i]
	before := d.Outcome()
	st, why := ReviewState(before)
	reason := lifecycle.Reason(t.Reason)
	if to == st && (reason == "" || reason == why) {
		return nil, nil
	}
	vote, want, ok := reviewVote(to, reason)
	if !ok {
		return refuse(validation.ErrConflict, "a review %s (%s) names no outcome of the go/no-go review (the plan's is %s: %s, %s)", to, clip(t.Reason), before, st, why)
	}
	j := slices.IndexFunc(d.Ballots, func(b plan.Ballot) bool {
		return b.Vote == plan.NotVoted && t.ChangedBy != "" && samePerson(b.Approver, t.ChangedBy)
	})
	if j < 0 {
		return refuse(validation.ErrConflict, "the review's outcome is its approvers' votes: %q, who changed it to %s (%s), is no approver of %s yet to vote", clip(t.ChangedBy), to, clip(t.Reason), k.id)
	}
	ballots := slices.Clone(d.Ballots)
	ballots[j].Vote = vote
	if got := (plan.Decision{Ballots: ballots}).Outcome(); got != want {
		return refuse(validation.ErrConflict, "a %s vote of %s makes the review %s, not %s as the tracker has it", vote, d.Ballots[j].Approver, got, want)
	}
	ch, c := a.change(k, t, refuse)
	if c != nil {
		return nil, c
	}
	note := fmt.Sprintf("%s%d rev %d: %s (%s)", NoteFromTracker, t.WorkItem, t.Rev, to, clip(t.Reason))
	if err := a.p.CastVote(d.ID, d.Ballots[j].Approver, vote, note, ch); err != nil {
		return refuse(validation.ErrConflict, "the plan refuses the vote %s of %s: %v", vote, d.Ballots[j].Approver, err)
	}
	return []string{fmt.Sprintf("vote of %s: %s (outcome %s -> %s)", d.Ballots[j].Approver, vote, before, want)}, nil
}
