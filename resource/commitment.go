package resource

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
)

// CommitmentState is the state of a commitment in its negotiation with the
// IPMO (see CommitmentLifecycle).
type CommitmentState uint8

// The commitment states. The zero CommitmentState means "not yet created".
const (
	// Requested: the plan has asked the IPMO for the resource.
	Requested CommitmentState = iota + 1
	// Negotiating: the IPMO or the plan made a counter-offer; every offer
	// is kept in Commitment.Offers.
	Negotiating
	// Committed: the IPMO committed to the terms, against a plan revision.
	Committed
	// Declined: the IPMO refused, or the negotiation failed.
	Declined
	// Released: the commitment was used, or is no longer needed.
	Released
	// Withdrawn: the IPMO took back a commitment, with a reason.
	Withdrawn
)

var stateNames = [...]string{"", "requested", "under-negotiation", "committed", "declined", "released", "withdrawn"}

// CommitmentStates returns every state in lifecycle order.
func CommitmentStates() []CommitmentState {
	return []CommitmentState{Requested, Negotiating, Committed, Declined, Released, Withdrawn}
}

// String returns the text form: requested, under-negotiation, committed,
// declined, released or withdrawn.
func (s CommitmentState) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return fmt.Sprintf("CommitmentState(%d)", s)
}

// IsValid reports whether s is one of the six states.
func (s CommitmentState) IsValid() bool { return s >= Requested && s <= Withdrawn }

// IsOpen reports whether the negotiation is still going on (requested or
// under negotiation).
func (s CommitmentState) IsOpen() bool { return s == Requested || s == Negotiating }

// IsFinal reports whether no further move is possible (declined, released
// or withdrawn).
func (s CommitmentState) IsFinal() bool { return s >= Declined && s <= Withdrawn }

// ParseCommitmentState reads the text form of a state.
func ParseCommitmentState(text string) (CommitmentState, error) {
	for i := Requested; i <= Withdrawn; i++ {
		if stateNames[i] == text {
			return i, nil
		}
	}
	return 0, fmt.Errorf("resource: commitment state %q: %w", clip(text), ErrUnknownValue)
}

// MarshalText returns the text form; the zero state gives empty text.
func (s CommitmentState) MarshalText() ([]byte, error) {
	if s != 0 && !s.IsValid() {
		return nil, fmt.Errorf("resource: marshalling %v: %w", s, ErrUnknownValue)
	}
	return []byte(stateNames[s]), nil
}

// UnmarshalText reads the text form; empty text gives the zero state. On
// error s is unchanged.
func (s *CommitmentState) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*s = 0
		return nil
	}
	v, err := ParseCommitmentState(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// The reasons of the commitment lifecycle.
const (
	ReasonRequested         lifecycle.Reason = "Requested"
	ReasonCounterOffer      lifecycle.Reason = "Counter-offer"
	ReasonAccepted          lifecycle.Reason = "Accepted"
	ReasonOfferAccepted     lifecycle.Reason = "Offer Accepted"
	ReasonDeclined          lifecycle.Reason = "Declined"
	ReasonNegotiationFailed lifecycle.Reason = "Negotiation Failed"
	ReasonUsed              lifecycle.Reason = "Used"
	ReasonNoLongerNeeded    lifecycle.Reason = "No Longer Needed"
	ReasonPriorities        lifecycle.Reason = "Priorities Changed"
	ReasonBudgetCut         lifecycle.Reason = "Budget Cut"
	ReasonUnavailable       lifecycle.Reason = "Resource Unavailable"
	ReasonDemandChanged     lifecycle.Reason = "Demand Changed"
	ReasonTermsChanged      lifecycle.Reason = "Terms Changed"
	// ReasonReconfirmed is recorded, with From and To both committed, when
	// the IPMO reconfirms a commitment for a changed demand.
	ReasonReconfirmed lifecycle.Reason = "Reconfirmed"
)

var commitmentMachine = lifecycle.MustNew("commitment", Requested, []lifecycle.Reason{ReasonRequested},
	lifecycle.Rule[CommitmentState]{From: Requested, To: Negotiating, Reasons: []lifecycle.Reason{ReasonCounterOffer}},
	lifecycle.Rule[CommitmentState]{From: Requested, To: Committed, Reasons: []lifecycle.Reason{ReasonAccepted}},
	lifecycle.Rule[CommitmentState]{From: Requested, To: Declined, Reasons: []lifecycle.Reason{ReasonDeclined}},
	lifecycle.Rule[CommitmentState]{From: Requested, To: Released, Reasons: []lifecycle.Reason{ReasonNoLongerNeeded}},
	lifecycle.Rule[CommitmentState]{From: Negotiating, To: Committed, Reasons: []lifecycle.Reason{ReasonOfferAccepted}},
	lifecycle.Rule[CommitmentState]{From: Negotiating, To: Declined, Reasons: []lifecycle.Reason{ReasonDeclined, ReasonNegotiationFailed}},
	lifecycle.Rule[CommitmentState]{From: Negotiating, To: Released, Reasons: []lifecycle.Reason{ReasonNoLongerNeeded}},
	lifecycle.Rule[CommitmentState]{From: Committed, To: Released, Reasons: []lifecycle.Reason{ReasonUsed, ReasonNoLongerNeeded}},
	lifecycle.Rule[CommitmentState]{From: Committed, To: Withdrawn, Reasons: []lifecycle.Reason{ReasonPriorities, ReasonBudgetCut, ReasonUnavailable}},
	lifecycle.Rule[CommitmentState]{From: Committed, To: Negotiating, Reasons: []lifecycle.Reason{ReasonDemandChanged, ReasonTermsChanged}},
)

// CommitmentLifecycle returns the commitment lifecycle (immutable, shared):
//
//	[*] --> requested: Requested
//	requested --> under-negotiation: Counter-offer
//	requested --> committed: Accepted
//	requested --> declined: Declined
//	requested --> released: No Longer Needed
//	under-negotiation --> committed: Offer Accepted
//	under-negotiation --> declined: Declined; Negotiation Failed
//	under-negotiation --> released: No Longer Needed
//	committed --> released: Used; No Longer Needed
//	committed --> withdrawn: Priorities Changed; Budget Cut; Resource Unavailable
//	committed --> under-negotiation: Demand Changed; Terms Changed
//
// Its Mermaid method draws it.
func CommitmentLifecycle() *lifecycle.Machine[CommitmentState] { return commitmentMachine }

// Errors of commitment operations, besides lifecycle.ErrInvalidTransition and
// lifecycle.ErrUnknownReason. Each is wrapped by a *CommitmentError.
var (
	// ErrWrongDemand: the demand given is not the commitment's demand.
	ErrWrongDemand = validation.Sentinel(validation.ErrConflict, "not the commitment's demand")
	// ErrMissingField: a required field of the operation is missing, such
	// as who committed, when, the plan revision or a withdrawal reason.
	ErrMissingField = validation.Sentinel(validation.ErrRequired, "required field missing")
	// ErrInvalidRevision: Commit or Reconfirm was given a negative plan
	// revision; it matches validation.ErrOutOfRange.
	ErrInvalidRevision = validation.Sentinel(validation.ErrOutOfRange, "invalid plan revision")
)

// CommitmentError describes a refused commitment operation that the
// lifecycle table alone does not explain. It wraps ErrWrongDemand or
// ErrMissingField.
type CommitmentError struct {
	// ID is the commitment's ID.
	ID string
	// Op is the operation, such as "commit".
	Op string
	// Detail says what is wrong.
	Detail string
	// Err is the sentinel.
	Err error
}

// Error describes the refusal.
func (e *CommitmentError) Error() string {
	return fmt.Sprintf("commitment %s: %s: %v: %s", e.ID, e.Op, e.Err, e.Detail)
}

// Unwrap returns the sentinel.
func (e *CommitmentError) Unwrap() error { return e.Err }

// Terms are what is asked for or offered: which resource, how much, when,
// and on what conditions.
type Terms struct {
	// ResourceID names the resource offered, such as the person who will
	// run a training for a demand that asks for any trainer.
	ResourceID string `json:"resourceId,omitzero"`
	// Quantity is how much.
	Quantity Quantity `json:"quantity"`
	// From and To (inclusive) are the dates.
	From calendar.Date `json:"from,omitzero"`
	To   calendar.Date `json:"to,omitzero"`
	// Conditions are the strings attached, in plain words.
	Conditions string `json:"conditions,omitzero"`
}

// Offer is one counter-offer in a negotiation, kept for the record.
type Offer struct {
	// Terms are the terms offered.
	Terms
	// By names who made the offer; At is when.
	By string    `json:"by,omitzero"`
	At time.Time `json:"at,omitzero"`
	// Note is free text.
	Note string `json:"note,omitzero"`
}

// Commitment is the IPMO's answer to one demand: requested, negotiated,
// then committed or declined, and finally released or withdrawn.
//
// Terms hold the current terms: those of the request, then of the latest
// counter-offer, and once committed, the committed ones. A committed
// commitment records who committed, when, the plan revision it was given
// against, and the fingerprint of the demand (Demand.Fingerprint) at that
// moment. When the demand later changes, NeedsReconfirmation reports it
// and the commitment stops counting as supply for the demand until it is
// reconfirmed (Reconfirm) or renegotiated (Renegotiate).
//
// The methods that move a commitment change nothing when they return an
// error; when they succeed they append a lifecycle.Event to History.
type Commitment struct {
	// ID identifies the commitment.
	ID string `json:"id" jsonschema:"minLength=1"`
	// DemandID names the demand the commitment answers.
	DemandID string `json:"demandId" jsonschema:"minLength=1"`
	// State is where the negotiation stands.
	State CommitmentState `json:"state"`
	// Terms are the current terms.
	Terms Terms `json:"terms"`
	// Offers are the counter-offers, oldest first.
	Offers []Offer `json:"offers,omitempty"`
	// CommittedBy names who committed (or last reconfirmed).
	CommittedBy string `json:"committedBy,omitzero"`
	// CommittedAt is when.
	CommittedAt time.Time `json:"committedAt,omitzero"`
	// Revision is the plan revision the commitment was given against
	// (plan revisions count from 0). The document keeps it as a string
	// of digits ("3"), as earlier versions wrote it.
	Revision int `json:"revision,string,omitzero" jsonschema:"pattern=^[0-9]+$"`
	// DemandFingerprint is the demand's Fingerprint when committed.
	DemandFingerprint string `json:"demandFingerprint,omitzero"`
	// History records every accepted move, oldest first.
	History []lifecycle.Event[CommitmentState] `json:"history,omitempty"`
}

// TermsOf returns the terms that ask for exactly what d demands.
func TermsOf(d *Demand) Terms {
	return Terms{ResourceID: d.ResourceID, Quantity: d.Quantity, From: d.From, To: d.To}
}

// Request opens a commitment with ID id asking the IPMO for demand d on its
// own terms. ch says who asked and when; its reason, if given, must be a
// creation reason of CommitmentLifecycle.
func Request(id string, d *Demand, ch lifecycle.Change) (Commitment, error) {
	if id == "" {
		return Commitment{}, &CommitmentError{Op: "request", Detail: "an ID is required", Err: ErrMissingField}
	}
	if d == nil || d.ID == "" {
		return Commitment{}, &CommitmentError{ID: id, Op: "request", Detail: "a demand with an ID is required", Err: ErrMissingField}
	}
	ev, err := commitmentMachine.Create(id, ch)
	if err != nil {
		return Commitment{}, err
	}
	return Commitment{ID: id, DemandID: d.ID, State: Requested, Terms: TermsOf(d), History: []lifecycle.Event[CommitmentState]{ev}}, nil
}

// move checks and records the move to state to.
func (c *Commitment) move(to CommitmentState, ch lifecycle.Change) error {
	ev, err := commitmentMachine.Apply(c.ID, c.State, to, ch)
	if err != nil {
		return err
	}
	c.State = to
	c.History = append(c.History, ev)
	return nil
}

// CounterOffer records an offer with new terms (quantity, dates, resource
// or conditions) from the IPMO or the plan. The first one moves a requested
// commitment under negotiation; later ones stay under negotiation. Every
// offer is kept in Offers and its terms become the current Terms.
func (c *Commitment) CounterOffer(o Offer, ch lifecycle.Change) error {
	if o.By == "" {
		o.By = ch.By
	}
	if o.At.IsZero() {
		o.At = ch.At
	}
	if o.Note == "" {
		o.Note = ch.Note
	}
	switch c.State {
	case Negotiating:
		// A further offer within the negotiation: no change of state.
	default:
		if err := c.move(Negotiating, ch); err != nil {
			return err
		}
	}
	c.Offers = append(c.Offers, o)
	c.Terms = o.Terms
	return nil
}

func (c *Commitment) check(to CommitmentState, ch lifecycle.Change) error {
	_, err := commitmentMachine.Check(c.State, to, ch.Reason)
	if err != nil {
		var te *lifecycle.TransitionError
		if errors.As(err, &te) {
			te.Subject = c.ID
		}
	}
	return err
}

// Commit records the IPMO's commitment to the current Terms for demand d,
// against plan revision revision (0 or more). ch.By (who committed) and
// ch.At (when) are required; d must be the commitment's demand. The
// demand's fingerprint is stored so that later changes are detected.
func (c *Commitment) Commit(d *Demand, revision int, ch lifecycle.Change) error {
	if err := c.checkConfirm("commit", d, revision, ch); err != nil {
		return err
	}
	if err := c.check(Committed, ch); err != nil {
		return err
	}
	if err := c.move(Committed, ch); err != nil {
		return err
	}
	c.CommittedBy, c.CommittedAt, c.Revision, c.DemandFingerprint = ch.By, ch.At, revision, d.Fingerprint()
	return nil
}

func (c *Commitment) checkConfirm(op string, d *Demand, revision int, ch lifecycle.Change) error {
	switch {
	case d == nil:
		return &CommitmentError{ID: c.ID, Op: op, Detail: "the demand is required", Err: ErrMissingField}
	case d.ID != c.DemandID:
		return &CommitmentError{ID: c.ID, Op: op, Detail: fmt.Sprintf("demand %q given, commitment is for %q", d.ID, c.DemandID), Err: ErrWrongDemand}
	case revision < 0:
		return &CommitmentError{ID: c.ID, Op: op, Detail: fmt.Sprintf("plan revision %d is negative", revision), Err: ErrInvalidRevision}
	case ch.By == "":
		return &CommitmentError{ID: c.ID, Op: op, Detail: "who commits (Change.By) is required", Err: ErrMissingField}
	case ch.At.IsZero():
		return &CommitmentError{ID: c.ID, Op: op, Detail: "when (Change.At) is required", Err: ErrMissingField}
	}
	return nil
}

// Reconfirm records that the IPMO stands by a committed commitment for the
// demand as it now is (d), against plan revision revision: the stored
// fingerprint, revision, CommittedBy and CommittedAt are renewed, and an
// event from committed to committed with reason Reconfirmed is recorded.
// The terms are unchanged; to change them, Renegotiate.
func (c *Commitment) Reconfirm(d *Demand, revision int, ch lifecycle.Change) error {
	if err := c.checkConfirm("reconfirm", d, revision, ch); err != nil {
		return err
	}
	if c.State != Committed {
		return &lifecycle.TransitionError{Lifecycle: commitmentMachine.Name(), Subject: c.ID, From: c.State.String(), To: Committed.String(),
			Reason: ReasonReconfirmed, Allowed: []string{Committed.String()}, Err: lifecycle.ErrInvalidTransition}
	}
	if ch.Reason != "" && ch.Reason != ReasonReconfirmed {
		return &lifecycle.TransitionError{Lifecycle: commitmentMachine.Name(), Subject: c.ID, From: c.State.String(), To: Committed.String(),
			Reason: ch.Reason, Allowed: []string{string(ReasonReconfirmed)}, Err: lifecycle.ErrUnknownReason}
	}
	c.History = append(c.History, lifecycle.Event[CommitmentState]{Subject: c.ID, From: Committed, To: Committed, Reason: ReasonReconfirmed, By: ch.By, At: ch.At, Note: ch.Note})
	c.CommittedBy, c.CommittedAt, c.Revision, c.DemandFingerprint = ch.By, ch.At, revision, d.Fingerprint()
	return nil
}

// Decline records that the IPMO refused (reason Declined, the default) or
// that the negotiation failed (Negotiation Failed).
func (c *Commitment) Decline(ch lifecycle.Change) error { return c.move(Declined, ch) }

// Release records that a commitment was used (Used, the default) or is no
// longer needed (No Longer Needed); an open request can only be released as
// no longer needed.
func (c *Commitment) Release(ch lifecycle.Change) error { return c.move(Released, ch) }

// Withdraw records that the IPMO took back a committed commitment. A reason
// is required: Priorities Changed, Budget Cut or Resource Unavailable; the
// note may explain further.
func (c *Commitment) Withdraw(ch lifecycle.Change) error {
	if ch.Reason == "" {
		return &CommitmentError{ID: c.ID, Op: "withdraw", Detail: "a reason is required (" + joinReasons(commitmentMachine.Reasons(Committed, Withdrawn)) + ")", Err: ErrMissingField}
	}
	return c.move(Withdrawn, ch)
}

// Renegotiate reopens a committed commitment (Demand Changed, the default,
// or Terms Changed). It then no longer counts as supply until committed
// again.
func (c *Commitment) Renegotiate(ch lifecycle.Change) error { return c.move(Negotiating, ch) }

func joinReasons(rs []lifecycle.Reason) string {
	s := ""
	for i, r := range rs {
		if i > 0 {
			s += ", "
		}
		s += string(r)
	}
	return s
}

// NeedsReconfirmation reports whether c is committed for a demand that has
// changed since: d's fingerprint differs from the stored one, or d is nil
// (the demand is gone).
func (c *Commitment) NeedsReconfirmation(d *Demand) bool {
	if c.State != Committed {
		return false
	}
	if d == nil {
		return true
	}
	fp := d.fingerprint()
	return string(fp[:]) != c.DemandFingerprint
}

// LastEvent returns the most recent event, if any.
func (c *Commitment) LastEvent() (lifecycle.Event[CommitmentState], bool) {
	if len(c.History) == 0 {
		return lifecycle.Event[CommitmentState]{}, false
	}
	return c.History[len(c.History)-1], true
}

// Clone returns a deep copy of c.
func (c Commitment) Clone() Commitment {
	c.Offers = slices.Clone(c.Offers)
	c.History = slices.Clone(c.History)
	return c
}
