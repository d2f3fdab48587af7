package backlog

import (
	"slices"

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
	// ReasonCodeCompleteSystemTestPassed: requirement Active to Resolved
	// (the code is complete and the system tests pass).
	ReasonCodeCompleteSystemTestPassed lifecycle.Reason = "Code Complete and System Test Passed"
	// ReasonCodeCompleteAndVerified is the requirement's Active to
	// Resolved reason.
	//
	// Deprecated: its value was "Code Complete and Verification Test
	// Passed", a customised template's; the stock CMMI process names the
	// move "Code Complete and System Test Passed"
	// (ReasonCodeCompleteSystemTestPassed). Documents with the old value
	// load with the new one.
	//go:fix inline
	ReasonCodeCompleteAndVerified = ReasonCodeCompleteSystemTestPassed
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
		rule{From: active, To: resolved, Reasons: reasons{ReasonCodeCompleteSystemTestPassed}},
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
//	    Active --> Resolved: Code Complete and System Test Passed
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

// legacyResolved is the requirement's Active to Resolved reason as
// backlogs wrote it before the stock template's value was kept.
const legacyResolved lifecycle.Reason = "Code Complete and Verification Test Passed"

// upgradeReasons rewrites, in place, the legacy Active to Resolved reason
// of the requirements and their events to the stock template's value,
// when the requirement lifecycle in use refuses the legacy value and
// accepts the stock one (a company lifecycle that lists the legacy value
// keeps it).
func (b *Backlog) upgradeReasons() {
	m := b.requirements.Lifecycle()
	rs := m.Reasons(active, resolved)
	if slices.Contains(rs, legacyResolved) || !slices.Contains(rs, ReasonCodeCompleteSystemTestPassed) {
		return
	}
	reqs := map[string]bool{}
	for i := range b.requirements.Items() {
		r := b.requirements.At(i)
		reqs[r.ID] = true
		if r.State == resolved && r.Reason == legacyResolved {
			r.Reason = ReasonCodeCompleteSystemTestPassed
		}
	}
	for i := range b.events {
		e := &b.events[i]
		if e.From == active && e.To == resolved && e.Reason == legacyResolved && reqs[e.Subject] {
			e.Reason = ReasonCodeCompleteSystemTestPassed
		}
	}
}
