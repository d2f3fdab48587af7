package deployment

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
)

// EvaluationState is where a wave's evaluation stands: an outcome while the
// wave is judged (pending, succeeded, failed, inconclusive), then the
// decision taken on it (continued, paused, aborted, rolled-back).
type EvaluationState string

// The evaluation states.
const (
	// Pending: the wave is being deployed or observed; no outcome yet.
	Pending EvaluationState = "pending"
	// Succeeded: every success criterion held over its window.
	Succeeded EvaluationState = "succeeded"
	// Failed: a success criterion was missed or a rollback trigger fired.
	Failed EvaluationState = "failed"
	// Inconclusive: the observations do not settle the criteria.
	Inconclusive EvaluationState = "inconclusive"
	// Continued: the rollout continues with the next wave.
	Continued EvaluationState = "continued"
	// Paused: the rollout holds at this wave.
	Paused EvaluationState = "paused"
	// Aborted: the rollout stops here; the wave stays as it is.
	Aborted EvaluationState = "aborted"
	// RolledBack: the wave was backed out.
	RolledBack EvaluationState = "rolled-back"
)

// Outcome is the part of an evaluation that judges the wave: Pending,
// Succeeded, Failed or Inconclusive.
type Outcome = EvaluationState

// Decision is the part of an evaluation that says what happens next:
// Continued, Paused, Aborted or RolledBack; empty while undecided.
type Decision = EvaluationState

var states = []EvaluationState{Pending, Succeeded, Failed, Inconclusive, Continued, Paused, Aborted, RolledBack}

// IsValid reports whether s is one of the states.
func (s EvaluationState) IsValid() bool { return slices.Contains(states, s) }

// IsOutcome reports whether s is an outcome: Pending, Succeeded, Failed or
// Inconclusive.
func (s EvaluationState) IsOutcome() bool {
	return s == Pending || s == Succeeded || s == Failed || s == Inconclusive
}

// IsDecision reports whether s is a decision: Continued, Paused, Aborted or
// RolledBack.
func (s EvaluationState) IsDecision() bool { return s.IsValid() && !s.IsOutcome() }

// String returns the state's name, such as "rolled-back".
func (s EvaluationState) String() string { return string(s) }

// Reasons of the evaluation lifecycle.
const (
	// ReasonWavePlanned: an evaluation starts pending (creation).
	ReasonWavePlanned lifecycle.Reason = "Wave planned"
	// ReasonCriteriaMet: pending or inconclusive to succeeded.
	ReasonCriteriaMet lifecycle.Reason = "Success criteria met"
	// ReasonCriterionMissed: pending or inconclusive to failed.
	ReasonCriterionMissed lifecycle.Reason = "Success criterion missed"
	// ReasonTriggerFired: pending to failed, failed to rolled back.
	ReasonTriggerFired lifecycle.Reason = "Rollback trigger fired"
	// ReasonInsufficientData: pending to inconclusive.
	ReasonInsufficientData lifecycle.Reason = "Not enough data"
	// ReasonPromoted: succeeded or paused to continued.
	ReasonPromoted lifecycle.Reason = "Promoted to the next wave"
	// ReasonApproved: succeeded or paused to continued after a manual
	// approval.
	ReasonApproved lifecycle.Reason = "Approved"
	// ReasonHeld: to paused, the rollout held for a decision.
	ReasonHeld lifecycle.Reason = "Held for a decision"
	// ReasonFreeze: succeeded to paused over a freeze window.
	ReasonFreeze lifecycle.Reason = "Change freeze"
	// ReasonExtendSoak: inconclusive to paused to observe longer.
	ReasonExtendSoak lifecycle.Reason = "Soak extended"
	// ReasonInvestigating: failed to paused.
	ReasonInvestigating lifecycle.Reason = "Investigating"
	// ReasonRollbackDecided: to rolled back by decision.
	ReasonRollbackDecided lifecycle.Reason = "Rollback decided"
	// ReasonLateRegression: succeeded to rolled back.
	ReasonLateRegression lifecycle.Reason = "Late regression"
	// ReasonAbortDecided: to aborted.
	ReasonAbortDecided lifecycle.Reason = "Abort decided"
	// ReasonResumed: paused to pending, observed again.
	ReasonResumed lifecycle.Reason = "Resumed, observe again"
	// ReasonRedeployed: rolled back to pending after a fix.
	ReasonRedeployed lifecycle.Reason = "Fix redeployed"
)

type rule = lifecycle.Rule[EvaluationState]

type reasons = []lifecycle.Reason

// evaluationMachine is immutable, so sharing it is safe.
var evaluationMachine = lifecycle.MustNew("wave evaluation", Pending, reasons{ReasonWavePlanned},
	rule{From: Pending, To: Succeeded, Reasons: reasons{ReasonCriteriaMet}},
	rule{From: Pending, To: Failed, Reasons: reasons{ReasonCriterionMissed, ReasonTriggerFired}},
	rule{From: Pending, To: Inconclusive, Reasons: reasons{ReasonInsufficientData}},
	rule{From: Pending, To: Paused, Reasons: reasons{ReasonHeld}},
	rule{From: Pending, To: Aborted, Reasons: reasons{ReasonAbortDecided}},
	rule{From: Pending, To: RolledBack, Reasons: reasons{ReasonTriggerFired, ReasonRollbackDecided}},
	rule{From: Inconclusive, To: Succeeded, Reasons: reasons{ReasonCriteriaMet}},
	rule{From: Inconclusive, To: Failed, Reasons: reasons{ReasonCriterionMissed, ReasonTriggerFired}},
	rule{From: Inconclusive, To: Paused, Reasons: reasons{ReasonExtendSoak, ReasonHeld}},
	rule{From: Inconclusive, To: RolledBack, Reasons: reasons{ReasonRollbackDecided}},
	rule{From: Succeeded, To: Continued, Reasons: reasons{ReasonPromoted, ReasonApproved}},
	rule{From: Succeeded, To: Paused, Reasons: reasons{ReasonHeld, ReasonFreeze}},
	rule{From: Succeeded, To: RolledBack, Reasons: reasons{ReasonLateRegression}},
	rule{From: Failed, To: RolledBack, Reasons: reasons{ReasonTriggerFired, ReasonRollbackDecided}},
	rule{From: Failed, To: Aborted, Reasons: reasons{ReasonAbortDecided}},
	rule{From: Failed, To: Paused, Reasons: reasons{ReasonInvestigating}},
	rule{From: Paused, To: Continued, Reasons: reasons{ReasonApproved}},
	rule{From: Paused, To: Pending, Reasons: reasons{ReasonResumed}},
	rule{From: Paused, To: Aborted, Reasons: reasons{ReasonAbortDecided}},
	rule{From: Paused, To: RolledBack, Reasons: reasons{ReasonRollbackDecided}},
	rule{From: RolledBack, To: Pending, Reasons: reasons{ReasonRedeployed}},
)

// EvaluationLifecycle returns the lifecycle of a wave's evaluation: an
// outcome, then a decision, with reasons. Continuing is allowed only from
// an evaluation whose outcome is Succeeded (see Plan.Transition).
//
//	stateDiagram-v2
//	    [*] --> pending: Wave planned
//	    pending --> succeeded: Success criteria met
//	    pending --> failed: Success criterion missed; Rollback trigger fired
//	    pending --> inconclusive: Not enough data
//	    pending --> paused: Held for a decision
//	    pending --> aborted: Abort decided
//	    pending --> rolled_back: Rollback trigger fired; Rollback decided
//	    inconclusive --> succeeded: Success criteria met
//	    inconclusive --> failed: Success criterion missed; Rollback trigger fired
//	    inconclusive --> paused: Soak extended; Held for a decision
//	    inconclusive --> rolled_back: Rollback decided
//	    succeeded --> continued: Promoted to the next wave; Approved
//	    succeeded --> paused: Held for a decision; Change freeze
//	    succeeded --> rolled_back: Late regression
//	    failed --> rolled_back: Rollback trigger fired; Rollback decided
//	    failed --> aborted: Abort decided
//	    failed --> paused: Investigating
//	    paused --> continued: Approved
//	    paused --> pending: Resumed, observe again
//	    paused --> aborted: Abort decided
//	    paused --> rolled_back: Rollback decided
//	    rolled_back --> pending: Fix redeployed
func EvaluationLifecycle() *lifecycle.Machine[EvaluationState] { return evaluationMachine }

// Event records one accepted move of a wave's evaluation; its Subject is
// the wave's ID.
type Event = lifecycle.Event[EvaluationState]

// Evaluation is where a wave's evaluation stands.
type Evaluation struct {
	// State is the evaluation's state; empty reads as Pending.
	State EvaluationState `json:"state,omitempty" jsonschema:"enum=pending,enum=succeeded,enum=failed,enum=inconclusive,enum=continued,enum=paused,enum=aborted,enum=rolled-back"`
	// Outcome is the last outcome judged (succeeded, failed or
	// inconclusive), kept when a decision follows; empty while none.
	Outcome Outcome `json:"outcome,omitempty" jsonschema:"enum=succeeded,enum=failed,enum=inconclusive"`
	// Reason is the reason of the last move.
	Reason lifecycle.Reason `json:"reason,omitempty"`
	// By names who made the last move.
	By string `json:"by,omitempty"`
	// Approval is the ID of the go/no-go review that let the rollout
	// continue past the point of no return.
	Approval string `json:"approval,omitempty"`
}

// Current returns the state, Pending for an empty one.
func (e Evaluation) Current() EvaluationState {
	if e.State == "" {
		return Pending
	}
	return e.State
}

// Decision returns the decision taken (Continued, Paused, Aborted or
// RolledBack), or "" while undecided.
func (e Evaluation) Decision() Decision {
	if s := e.Current(); s.IsDecision() {
		return s
	}
	return ""
}

// Errors of the evaluation moves.
var (
	// ErrUnknownWave: no wave has the ID.
	ErrUnknownWave = validation.Sentinel(validation.ErrNotFound, "no such wave")
	// ErrNotSucceeded: continuing from a wave whose outcome is not
	// Succeeded.
	ErrNotSucceeded = validation.Sentinel(validation.ErrConflict, "wave has not succeeded")
	// ErrPointOfNoReturn: continuing past the point of no return without
	// a recorded go/no-go, or naming one where there is no point of no
	// return.
	ErrPointOfNoReturn = validation.Sentinel(validation.ErrForbidden, "point of no return needs a recorded go/no-go")
	// ErrPreviousWave: deciding on a wave before the previous wave
	// continued.
	ErrPreviousWave = validation.Sentinel(validation.ErrConflict, "previous wave has not continued")
)

// guards reports whether continuing from wave i passes the point of no
// return.
func (d *Plan) guards(i int) bool {
	return d.PointOfNoReturn != nil && i+1 < len(d.Waves) && d.Waves[i+1].ID == d.PointOfNoReturn.Wave
}

// Transition moves the evaluation of the wave to state to with the change
// ch (who, when, and an optional reason of the move), and records the
// event. It is refused, changing nothing, when ch lacks who or when
// (lifecycle.ErrChangeIncomplete), the wave is unknown (ErrUnknownWave),
// the lifecycle does not allow the move or the reason
// (lifecycle.ErrInvalidTransition, lifecycle.ErrUnknownReason), the
// previous wave has not continued (ErrPreviousWave), the wave is to
// continue without having succeeded (ErrNotSucceeded), or continuing passes
// the point of no return (ErrPointOfNoReturn: use PassPointOfNoReturn).
func (d *Plan) Transition(wave string, to EvaluationState, ch lifecycle.Change) error {
	return d.transition(wave, to, ch, "")
}

// PassPointOfNoReturn continues the rollout from the wave before the point
// of no return, as Transition(wave, Continued, ch) does, recording
// approval, the ID of the go/no-go review that allowed it. The caller
// vouches that the review said go; plan.Plan.PassPointOfNoReturn checks
// it against the plan's decisions. It is refused, changing nothing, when
// the wave is not the one before the point of no return or approval is
// blank (ErrPointOfNoReturn), and for the reasons Transition gives.
func (d *Plan) PassPointOfNoReturn(wave, approval string, ch lifecycle.Change) error {
	if strings.TrimSpace(approval) == "" {
		return fmt.Errorf("deployment: wave %s: %w: no go/no-go review named", wave, ErrPointOfNoReturn)
	}
	return d.transition(wave, Continued, ch, approval)
}

func (d *Plan) transition(wave string, to EvaluationState, ch lifecycle.Change, approval string) error {
	if err := ch.Check(); err != nil {
		return fmt.Errorf("deployment: wave %s: %w", wave, err)
	}
	_, i, ok := d.Wave(wave)
	if !ok {
		return fmt.Errorf("deployment: wave %q: %w", wave, ErrUnknownWave)
	}
	w := &d.Waves[i]
	from := w.Evaluation.Current()
	ev, err := evaluationMachine.Apply(wave, from, to, ch)
	if err != nil {
		return err
	}
	if i > 0 && d.Waves[i-1].Evaluation.Current() != Continued {
		return fmt.Errorf("deployment: wave %s: %w: wave %s is %s", wave, ErrPreviousWave, d.Waves[i-1].ID, d.Waves[i-1].Evaluation.Current())
	}
	if to == Continued {
		if w.Evaluation.Outcome != Succeeded && from != Succeeded {
			return fmt.Errorf("deployment: wave %s: %w (outcome %s)", wave, ErrNotSucceeded, orNone(w.Evaluation.Outcome))
		}
		switch {
		case d.guards(i) && approval == "":
			return fmt.Errorf("deployment: wave %s: %w: wave %s is past the point of no return (%s); continue with PassPointOfNoReturn once a go/no-go review has decided go", wave, ErrPointOfNoReturn, d.PointOfNoReturn.Wave, d.PointOfNoReturn.Reason)
		case !d.guards(i) && approval != "":
			return fmt.Errorf("deployment: wave %s: %w: the next wave is not the point of no return", wave, ErrPointOfNoReturn)
		}
	}
	e := Evaluation{State: to, Outcome: w.Evaluation.Outcome, Reason: ev.Reason, By: ev.By, Approval: approval}
	switch {
	case to == Pending:
		e.Outcome = ""
	case to.IsOutcome():
		e.Outcome = to
	}
	w.Evaluation = e
	d.Events = append(d.Events, ev)
	return nil
}

func orNone(s EvaluationState) string {
	if s == "" {
		return "none"
	}
	return string(s)
}
