package backlog

import (
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/workitem"
)

// Reasons of the CMMI Requirement and Task lifecycles, as the MSF for CMMI
// process template names them.
const (
	// ReasonNew: a requirement or task is created.
	ReasonNew lifecycle.Reason = "New"
	// ReasonAccepted: Proposed to Active.
	ReasonAccepted lifecycle.Reason = "Accepted"
	// ReasonInvestigate: Proposed to Active.
	ReasonInvestigate lifecycle.Reason = "Investigate"
	// ReasonRejected: Proposed to Closed.
	ReasonRejected lifecycle.Reason = "Rejected"
	// ReasonInvestigationComplete: Active to Proposed.
	ReasonInvestigationComplete lifecycle.Reason = "Investigation Complete"
	// ReasonClosedInError: Closed to Active.
	ReasonClosedInError lifecycle.Reason = "Closed in Error"

	// ReasonPostponed: requirement Active to Proposed.
	ReasonPostponed lifecycle.Reason = "Postponed"
	// ReasonCodeCompleteAndVerified: requirement Active to Resolved.
	ReasonCodeCompleteAndVerified lifecycle.Reason = "Code Complete and Verification Test Passed"
	// ReasonSplit: requirement Active to Closed.
	ReasonSplit lifecycle.Reason = "Split"
	// ReasonAbandoned: requirement Active to Closed.
	ReasonAbandoned lifecycle.Reason = "Abandoned"
	// ReasonOutOfScope: requirement Active to Closed.
	ReasonOutOfScope lifecycle.Reason = "Out of Scope"
	// ReasonValidationTestFailed: requirement Resolved to Active.
	ReasonValidationTestFailed lifecycle.Reason = "Validation Test Failed"
	// ReasonValidationTestPassed: requirement Resolved to Closed.
	ReasonValidationTestPassed lifecycle.Reason = "Validation Test Passed"
	// ReasonReintroducedInScope: requirement Closed to Active.
	ReasonReintroducedInScope lifecycle.Reason = "Reintroduced in Scope"

	// ReasonCompleteRequiresReview: task Active to Resolved.
	ReasonCompleteRequiresReview lifecycle.Reason = "Complete and Requires Review/Test"
	// ReasonCompleteNoReview: task Active to Closed.
	ReasonCompleteNoReview lifecycle.Reason = "Complete and Does Not Require Review/Test"
	// ReasonDeferred: task Active to Closed.
	ReasonDeferred lifecycle.Reason = "Deferred"
	// ReasonCut: task Active to Closed.
	ReasonCut lifecycle.Reason = "Cut"
	// ReasonOvertakenByEvents: task Active to Closed.
	ReasonOvertakenByEvents lifecycle.Reason = "Overtaken by Events"
	// ReasonReviewTestFailed: task Resolved to Active.
	ReasonReviewTestFailed lifecycle.Reason = "Review/Test Failed"
	// ReasonReviewTestPassed: task Resolved to Closed.
	ReasonReviewTestPassed lifecycle.Reason = "Review/Test Passed"
	// ReasonReactivated: task Closed to Active or to Proposed.
	ReasonReactivated lifecycle.Reason = "Reactivated"
)

type rule = lifecycle.Rule[workitem.State]

type reasons = []lifecycle.Reason

const (
	proposed = workitem.Proposed
	active   = workitem.Active
	resolved = workitem.Resolved
	closed   = workitem.Closed
)

// The default machines are immutable, so sharing them is safe.
var (
	requirementMachine = lifecycle.MustNew("requirement", proposed, reasons{ReasonNew},
		rule{From: proposed, To: active, Reasons: reasons{ReasonAccepted, ReasonInvestigate}},
		rule{From: proposed, To: closed, Reasons: reasons{ReasonRejected}},
		rule{From: active, To: proposed, Reasons: reasons{ReasonInvestigationComplete, ReasonPostponed}},
		rule{From: active, To: resolved, Reasons: reasons{ReasonCodeCompleteAndVerified}},
		rule{From: active, To: closed, Reasons: reasons{ReasonSplit, ReasonAbandoned, ReasonOutOfScope}},
		rule{From: resolved, To: active, Reasons: reasons{ReasonValidationTestFailed}},
		rule{From: resolved, To: closed, Reasons: reasons{ReasonValidationTestPassed}},
		rule{From: closed, To: active, Reasons: reasons{ReasonClosedInError, ReasonReintroducedInScope}},
	)
	taskMachine = lifecycle.MustNew("task", proposed, reasons{ReasonNew},
		rule{From: proposed, To: active, Reasons: reasons{ReasonAccepted, ReasonInvestigate}},
		rule{From: proposed, To: closed, Reasons: reasons{ReasonRejected}},
		rule{From: active, To: proposed, Reasons: reasons{ReasonInvestigationComplete}},
		rule{From: active, To: resolved, Reasons: reasons{ReasonCompleteRequiresReview}},
		rule{From: active, To: closed, Reasons: reasons{ReasonCompleteNoReview, ReasonDeferred, ReasonCut, ReasonOvertakenByEvents}},
		rule{From: resolved, To: active, Reasons: reasons{ReasonReviewTestFailed}},
		rule{From: resolved, To: closed, Reasons: reasons{ReasonReviewTestPassed}},
		rule{From: closed, To: active, Reasons: reasons{ReasonReactivated, ReasonClosedInError}},
		rule{From: closed, To: proposed, Reasons: reasons{ReasonReactivated}},
	)
)

// RequirementLifecycle returns the CMMI Requirement lifecycle with the
// template's reasons (the default reason of each move first). Extend it
// with a company's reasons through its WithReasons method and hand the
// result to [Backlog.SetLifecycles].
//
//	stateDiagram-v2
//	    [*] --> Proposed: New
//	    Proposed --> Active: Accepted; Investigate
//	    Proposed --> Closed: Rejected
//	    Active --> Proposed: Investigation Complete; Postponed
//	    Active --> Resolved: Code Complete and Verification Test Passed
//	    Active --> Closed: Split; Abandoned; Out of Scope
//	    Resolved --> Active: Validation Test Failed
//	    Resolved --> Closed: Validation Test Passed
//	    Closed --> Active: Closed in Error; Reintroduced in Scope
func RequirementLifecycle() *lifecycle.Machine[workitem.State] { return requirementMachine }

// TaskLifecycle returns the CMMI Task lifecycle with the template's
// reasons. The CMMI Task's Blocked field is [Task.Blocked], a flag beside
// the state rather than a state.
//
//	stateDiagram-v2
//	    [*] --> Proposed: New
//	    Proposed --> Active: Accepted; Investigate
//	    Proposed --> Closed: Rejected
//	    Active --> Proposed: Investigation Complete
//	    Active --> Resolved: Complete and Requires Review/Test
//	    Active --> Closed: Complete and Does Not Require Review/Test; Deferred; Cut; Overtaken by Events
//	    Resolved --> Active: Review/Test Failed
//	    Resolved --> Closed: Review/Test Passed
//	    Closed --> Active: Reactivated; Closed in Error
//	    Closed --> Proposed: Reactivated
func TaskLifecycle() *lifecycle.Machine[workitem.State] { return taskMachine }

// Event records one accepted change of state of a requirement or a task;
// its Subject is the item's ID (IDs are unique across the requirements and
// tasks of one backlog).
type Event = lifecycle.Event[workitem.State]
