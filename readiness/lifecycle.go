package readiness

import "github.com/rolloutkit/rollout/lifecycle"

// Reasons of the readiness lifecycle. The first reason of a move is its
// default.
const (
	// ReasonNew: an item is added to the checklist.
	ReasonNew lifecycle.Reason = "New"
	// ReasonWorkStarted: not started or at risk to in progress.
	ReasonWorkStarted lifecycle.Reason = "Work started"
	// ReasonRecovered: at risk back to in progress.
	ReasonRecovered lifecycle.Reason = "Recovered"
	// ReasonEvidenceAccepted: to ready, once the evidence is in.
	ReasonEvidenceAccepted lifecycle.Reason = "Evidence accepted"
	// ReasonRiskRaised: to at risk.
	ReasonRiskRaised lifecycle.Reason = "Risk raised"
	// ReasonReadinessLost: ready back to in progress or at risk, when what
	// was ready no longer is (a regression, an expired sign-off).
	ReasonReadinessLost lifecycle.Reason = "Readiness lost"
	// ReasonNotNeeded: to waived, the launch does not need the item.
	ReasonNotNeeded lifecycle.Reason = "Not needed for this launch"
	// ReasonRiskAccepted: to waived, the launch goes without the item and
	// accepts the risk.
	ReasonRiskAccepted lifecycle.Reason = "Risk accepted"
	// ReasonWaiverWithdrawn: waived back to not started.
	ReasonWaiverWithdrawn lifecycle.Reason = "Waiver withdrawn"
	// ReasonPostponed: in progress back to not started.
	ReasonPostponed lifecycle.Reason = "Postponed"
)

type rule = lifecycle.Rule[Status]

type reasons = []lifecycle.Reason

var waiveReasons = reasons{ReasonNotNeeded, ReasonRiskAccepted}

// machine is immutable, so sharing it is safe.
var machine = lifecycle.MustNew("readiness item", NotStarted, reasons{ReasonNew},
	rule{From: NotStarted, To: InProgress, Reasons: reasons{ReasonWorkStarted}},
	rule{From: NotStarted, To: AtRisk, Reasons: reasons{ReasonRiskRaised}},
	rule{From: NotStarted, To: Waived, Reasons: waiveReasons},
	rule{From: InProgress, To: Ready, Reasons: reasons{ReasonEvidenceAccepted}},
	rule{From: InProgress, To: AtRisk, Reasons: reasons{ReasonRiskRaised}},
	rule{From: InProgress, To: NotStarted, Reasons: reasons{ReasonPostponed}},
	rule{From: InProgress, To: Waived, Reasons: waiveReasons},
	rule{From: AtRisk, To: InProgress, Reasons: reasons{ReasonRecovered, ReasonWorkStarted}},
	rule{From: AtRisk, To: Ready, Reasons: reasons{ReasonEvidenceAccepted}},
	rule{From: AtRisk, To: Waived, Reasons: waiveReasons},
	rule{From: Ready, To: InProgress, Reasons: reasons{ReasonReadinessLost}},
	rule{From: Ready, To: AtRisk, Reasons: reasons{ReasonReadinessLost}},
	rule{From: Waived, To: NotStarted, Reasons: reasons{ReasonWaiverWithdrawn}},
)

// Lifecycle returns the table of allowed status moves of an item: not
// started to in progress, at risk or waived; in progress to ready, at risk,
// back to not started or waived; at risk to in progress, ready or waived;
// ready back to in progress or at risk when readiness is lost; waived back
// to not started when the waiver is withdrawn. A ready item is never waived
// (it is ready). The machine is shared and immutable; a company adds its
// own reasons with WithReasons and passes the result to
// Checklist.TransitionWith.
func Lifecycle() *lifecycle.Machine[Status] { return machine }
