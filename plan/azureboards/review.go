package azureboards

import (
	"fmt"
	"strconv"

	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
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
