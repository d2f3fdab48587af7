// Package lifecycle holds declarative state machines: a small table of
// allowed transitions per lifecycle, each with the reasons that may be
// given for it, as the CMMI process template defines them for work items
// (Proposed, Active, Resolved, Closed) and as rollout defines them for
// commitments and the planning activity.
//
// A [Machine] answers the questions a caller asks of a lifecycle: may this
// item go from here to there for this reason ([Machine.Check]), which moves
// are permitted from here ([Machine.From]), which reasons apply
// ([Machine.Reasons]). Reasons are data: [Machine.WithReasons] returns a
// machine that accepts a company's own reasons as well.
//
// A refused move returns a *[TransitionError] wrapping
// [ErrInvalidTransition] or [ErrUnknownReason]; the machine itself holds no
// item state, so the caller's value stays as it was. An accepted move is
// described by an [Event]: who, when, from, to and why.
//
// One rule holds for what a [Change] must carry, for every recorded move:
// who made it (By, not blank) and when (At, not zero). [Machine.Apply] and
// [Machine.Create] refuse a Change without them with an error wrapping
// [ErrChangeIncomplete] (errors.Is matches validation.ErrRequired too), and
// the plan's methods that record events without a machine apply the same
// [Change.Check].
//
// [Machine.Mermaid] draws the lifecycle from the same table that enforces
// it, so the documentation cannot drift from the code.
package lifecycle
