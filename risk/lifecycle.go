package risk

import (
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/workitem"
)

// Reasons of the CMMI Risk and Issue lifecycles, as the MSF for CMMI process
// template names them. Where the reference gives a gloss in parentheses
// ("Accepted (won't mitigate)"), the reason is the text before it and the
// gloss is kept here.
const (
	// ReasonNew: a risk or issue is logged (creation).
	ReasonNew lifecycle.Reason = "New"

	// ReasonMitigationTriggered: risk Proposed to Active.
	ReasonMitigationTriggered lifecycle.Reason = "Mitigation Triggered"
	// ReasonRejected: risk Proposed or Active to Closed; issue Proposed to
	// Closed ("not an issue").
	ReasonRejected lifecycle.Reason = "Rejected"
	// ReasonAccepted: risk Proposed to Closed ("won't mitigate"); issue
	// Proposed to Active.
	ReasonAccepted lifecycle.Reason = "Accepted"
	// ReasonMitigationActionComplete: risk Active to Resolved.
	ReasonMitigationActionComplete lifecycle.Reason = "Mitigation Action Complete"
	// ReasonOvertakenByEvents: risk or issue Active to Closed.
	ReasonOvertakenByEvents lifecycle.Reason = "Overtaken by Events"
	// ReasonEliminated: risk Active to Closed.
	ReasonEliminated lifecycle.Reason = "Eliminated"
	// ReasonMitigationActionUnsatisfactory: risk Resolved to Active
	// ("rework").
	ReasonMitigationActionUnsatisfactory lifecycle.Reason = "Mitigation Action Unsatisfactory"
	// ReasonMitigated: risk Resolved to Closed.
	ReasonMitigated lifecycle.Reason = "Mitigated"
	// ReasonClosedInError: risk or issue Closed to Active.
	ReasonClosedInError lifecycle.Reason = "Closed in Error"

	// ReasonInvestigate: issue Proposed to Active.
	ReasonInvestigate lifecycle.Reason = "Investigate"
	// ReasonInvestigationComplete: issue Active to Proposed.
	ReasonInvestigationComplete lifecycle.Reason = "Investigation Complete"
	// ReasonResolved: issue Active to Resolved.
	ReasonResolved lifecycle.Reason = "Resolved"
	// ReasonRework: issue Resolved to Active.
	ReasonRework lifecycle.Reason = "Rework"
	// ReasonResolutionVerified: issue Resolved to Closed.
	ReasonResolutionVerified lifecycle.Reason = "Resolution Verified and Accepted"
	// ReasonReopened: issue Closed to Active.
	ReasonReopened lifecycle.Reason = "Re-opened"
	// ReasonReoccurred: issue Closed to Active.
	ReasonReoccurred lifecycle.Reason = "Re-occurred"
)

type rule = lifecycle.Rule[workitem.State]

type reasons = []lifecycle.Reason

const (
	proposed = workitem.Proposed
	active   = workitem.Active
	resolved = workitem.Resolved
	closed   = workitem.Closed
)

// The default machines are immutable (lifecycle.Machine has no mutating
// method), so sharing them is safe.
var (
	riskMachine = lifecycle.MustNew("risk", proposed, reasons{ReasonNew},
		rule{From: proposed, To: active, Reasons: reasons{ReasonMitigationTriggered}},
		rule{From: proposed, To: closed, Reasons: reasons{ReasonRejected, ReasonAccepted}},
		rule{From: active, To: resolved, Reasons: reasons{ReasonMitigationActionComplete}},
		rule{From: active, To: closed, Reasons: reasons{ReasonOvertakenByEvents, ReasonEliminated, ReasonRejected}},
		rule{From: resolved, To: active, Reasons: reasons{ReasonMitigationActionUnsatisfactory}},
		rule{From: resolved, To: closed, Reasons: reasons{ReasonMitigated}},
		rule{From: closed, To: active, Reasons: reasons{ReasonClosedInError}},
	)
	issueMachine = lifecycle.MustNew("issue", proposed, reasons{ReasonNew},
		rule{From: proposed, To: active, Reasons: reasons{ReasonAccepted, ReasonInvestigate}},
		rule{From: proposed, To: closed, Reasons: reasons{ReasonRejected}},
		rule{From: active, To: proposed, Reasons: reasons{ReasonInvestigationComplete}},
		rule{From: active, To: resolved, Reasons: reasons{ReasonResolved}},
		rule{From: active, To: closed, Reasons: reasons{ReasonOvertakenByEvents}},
		rule{From: resolved, To: active, Reasons: reasons{ReasonRework}},
		rule{From: resolved, To: closed, Reasons: reasons{ReasonResolutionVerified}},
		rule{From: closed, To: active, Reasons: reasons{ReasonClosedInError, ReasonReopened, ReasonReoccurred}},
	)
)

// RiskLifecycle returns the CMMI Risk lifecycle: Proposed, Active, Resolved,
// Closed with the template's reasons. Extend it with a company's reasons
// through its WithReasons method and hand the result to [Log.SetLifecycles].
//
//	stateDiagram-v2
//	    [*] --> Proposed: New
//	    Proposed --> Active: Mitigation Triggered
//	    Proposed --> Closed: Rejected; Accepted
//	    Active --> Resolved: Mitigation Action Complete
//	    Active --> Closed: Overtaken by Events; Eliminated; Rejected
//	    Resolved --> Active: Mitigation Action Unsatisfactory
//	    Resolved --> Closed: Mitigated
//	    Closed --> Active: Closed in Error
func RiskLifecycle() *lifecycle.Machine[workitem.State] { return riskMachine }

// IssueLifecycle returns the CMMI Issue lifecycle with the template's
// reasons.
//
//	stateDiagram-v2
//	    [*] --> Proposed: New
//	    Proposed --> Active: Accepted; Investigate
//	    Proposed --> Closed: Rejected
//	    Active --> Proposed: Investigation Complete
//	    Active --> Resolved: Resolved
//	    Active --> Closed: Overtaken by Events
//	    Resolved --> Active: Rework
//	    Resolved --> Closed: Resolution Verified and Accepted
//	    Closed --> Active: Closed in Error; Re-opened; Re-occurred
func IssueLifecycle() *lifecycle.Machine[workitem.State] { return issueMachine }

// Event records one accepted change of state of a risk or an issue: its
// Subject is the item's ID (IDs are unique across the risks and issues of
// one log).
type Event = lifecycle.Event[workitem.State]
