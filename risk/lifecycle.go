package risk

import (
	"slices"

	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/workitem"
)

// Reasons of the CMMI Risk and Issue lifecycles, as the MSF for CMMI process
// template names them. A reason is the template's whole value, parenthesis
// included ("Accepted (won't mitigate)"): Azure Boards refuses a shortened
// value in System.Reason. Logs written before the parenthesis was kept, with
// "Accepted", "Mitigation Action Unsatisfactory" or an issue's "Rejected",
// still decode: the short value is read as the whole one.
const (
	// ReasonNew: a risk or issue is logged (creation).
	ReasonNew lifecycle.Reason = "New"

	// ReasonMitigationTriggered: risk Proposed to Active.
	ReasonMitigationTriggered lifecycle.Reason = "Mitigation Triggered"
	// ReasonRejected: risk Proposed or Active to Closed.
	ReasonRejected lifecycle.Reason = "Rejected"
	// ReasonAcceptedWontMitigate: risk Proposed to Closed.
	ReasonAcceptedWontMitigate lifecycle.Reason = "Accepted (won't mitigate)"
	// ReasonMitigationActionComplete: risk Active to Resolved.
	ReasonMitigationActionComplete lifecycle.Reason = "Mitigation Action Complete"
	// ReasonOvertakenByEvents: risk or issue Active to Closed.
	ReasonOvertakenByEvents lifecycle.Reason = "Overtaken by Events"
	// ReasonEliminated: risk Active to Closed.
	ReasonEliminated lifecycle.Reason = "Eliminated"
	// ReasonMitigationActionUnsatisfactory: risk Resolved to Active.
	ReasonMitigationActionUnsatisfactory lifecycle.Reason = "Mitigation Action Unsatisfactory (rework)"
	// ReasonMitigated: risk Resolved to Closed.
	ReasonMitigated lifecycle.Reason = "Mitigated"
	// ReasonClosedInError: risk or issue Closed to Active.
	ReasonClosedInError lifecycle.Reason = "Closed in Error"

	// ReasonAccepted: issue Proposed to Active.
	ReasonAccepted lifecycle.Reason = "Accepted"
	// ReasonRejectedNotAnIssue: issue Proposed to Closed.
	ReasonRejectedNotAnIssue lifecycle.Reason = "Rejected (not an issue)"
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
		rule{From: proposed, To: closed, Reasons: reasons{ReasonRejected, ReasonAcceptedWontMitigate}},
		rule{From: active, To: resolved, Reasons: reasons{ReasonMitigationActionComplete}},
		rule{From: active, To: closed, Reasons: reasons{ReasonOvertakenByEvents, ReasonEliminated, ReasonRejected}},
		rule{From: resolved, To: active, Reasons: reasons{ReasonMitigationActionUnsatisfactory}},
		rule{From: resolved, To: closed, Reasons: reasons{ReasonMitigated}},
		rule{From: closed, To: active, Reasons: reasons{ReasonClosedInError}},
	)
	issueMachine = lifecycle.MustNew("issue", proposed, reasons{ReasonNew},
		rule{From: proposed, To: active, Reasons: reasons{ReasonAccepted, ReasonInvestigate}},
		rule{From: proposed, To: closed, Reasons: reasons{ReasonRejectedNotAnIssue}},
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
//	    Proposed --> Closed: Rejected; Accepted (won't mitigate)
//	    Active --> Resolved: Mitigation Action Complete
//	    Active --> Closed: Overtaken by Events; Eliminated; Rejected
//	    Resolved --> Active: Mitigation Action Unsatisfactory (rework)
//	    Resolved --> Closed: Mitigated
//	    Closed --> Active: Closed in Error
func RiskLifecycle() *lifecycle.Machine[workitem.State] { return riskMachine }

// IssueLifecycle returns the CMMI Issue lifecycle with the template's
// reasons.
//
//	stateDiagram-v2
//	    [*] --> Proposed: New
//	    Proposed --> Active: Accepted; Investigate
//	    Proposed --> Closed: Rejected (not an issue)
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

// legacyReason is a reason as logs wrote it before the template's whole
// value was kept: old, the value without its parenthesis, stands for now on
// the move from to to of a risk (issue false) or an issue.
type legacyReason struct {
	issue    bool
	from, to workitem.State
	old, now lifecycle.Reason
}

var legacyReasons = [...]legacyReason{
	{issue: false, from: proposed, to: closed, old: "Accepted", now: ReasonAcceptedWontMitigate},
	{issue: false, from: resolved, to: active, old: "Mitigation Action Unsatisfactory", now: ReasonMitigationActionUnsatisfactory},
	{issue: true, from: proposed, to: closed, old: "Rejected", now: ReasonRejectedNotAnIssue},
}

// wholeReason returns the whole value that reason, a legacy short value,
// stands for on the move from to to, when m refuses reason there and
// accepts the whole value; otherwise reason as it is. A from of zero
// matches any move into to (the state an item is in).
func wholeReason(m *lifecycle.Machine[workitem.State], issue bool, from, to workitem.State, reason lifecycle.Reason) lifecycle.Reason {
	for _, lr := range legacyReasons {
		if lr.issue != issue || lr.to != to || lr.old != reason || (from != 0 && lr.from != from) {
			continue
		}
		if slices.Contains(m.Reasons(lr.from, lr.to), reason) || !slices.Contains(m.Reasons(lr.from, lr.to), lr.now) {
			continue
		}
		return lr.now
	}
	return reason
}

// upgradeReasons rewrites, in place, the legacy short reasons of the log's
// items and events to the template's whole values (see legacyReasons).
func (l *Log) upgradeReasons() {
	rm, im := l.risks.Lifecycle(), l.issues.Lifecycle()
	isIssue := make(map[string]bool, l.issues.Len())
	for i := range l.issues.Items() {
		is := l.issues.At(i)
		isIssue[is.ID] = true
		is.Reason = wholeReason(im, true, 0, is.State, is.Reason)
	}
	for i := range l.risks.Items() {
		r := l.risks.At(i)
		r.Reason = wholeReason(rm, false, 0, r.State, r.Reason)
	}
	for i := range l.events {
		e := &l.events[i]
		if e.From == 0 {
			continue
		}
		if isIssue[e.Subject] {
			e.Reason = wholeReason(im, true, e.From, e.To, e.Reason)
		} else {
			e.Reason = wholeReason(rm, false, e.From, e.To, e.Reason)
		}
	}
}
