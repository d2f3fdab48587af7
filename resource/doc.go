// Package resource models what a product launch needs and what it has been
// promised: people, facilities, equipment and money. It covers
// sub-activities 3 and 4 of "Create Rollout and Deployment Plan": determine
// the personnel, facilities, equipment and budget the plan needs, then
// negotiate them with the integrated program management office (IPMO) and
// obtain commitments against a revision of the plan. It answers the release
// manager's questions: what do we need and when, what is committed, where
// are the gaps, who is overbooked, what does it cost.
//
// # Resources, demands and quantities
//
// A [Resource] is a person (role, skills, hours per workday, a working
// calendar and absences), a facility (seats), equipment (units) or a fund,
// each with a stable ID and an optional cost [Rate]. Calendars are
// [calendar.Calendar] values held by the [Pool] and named by resources.
//
// A [Demand] states a need: a named resource, or any resource of a role or
// kind; a [Quantity] in hours, seats, units or money; and a date range, or
// the task that needs it (the plan fills in the task's dates with
// [Demand.WithDates]). Hours are a total spread over the resource's
// workdays; seats and units are held on every workday of the range.
//
// Money is exact: package [github.com/rolloutkit/rollout/resource/money]
// keeps integer minor units in an ISO 4217 currency, refuses to mix
// currencies and writes amounts in JSON as strings such as "EUR 1234.50".
//
// # Commitments
//
// A [Commitment] answers one demand. Its lifecycle ([CommitmentLifecycle])
// is a table of package lifecycle:
//
//	stateDiagram-v2
//	    [*] --> requested: Requested
//	    requested --> under_negotiation: Counter-offer
//	    requested --> committed: Accepted
//	    requested --> declined: Declined
//	    requested --> released: No Longer Needed
//	    under_negotiation --> committed: Offer Accepted
//	    under_negotiation --> declined: Declined; Negotiation Failed
//	    under_negotiation --> released: No Longer Needed
//	    committed --> released: Used; No Longer Needed
//	    committed --> withdrawn: Priorities Changed; Budget Cut; Resource Unavailable
//	    committed --> under_negotiation: Demand Changed; Terms Changed
//
// Every counter-offer is kept ([Offer]); committing records who, when, the
// plan revision and a fingerprint of the demand ([Demand.Fingerprint]). When
// the demand changes afterwards, the commitment needs reconfirmation
// ([Commitment.NeedsReconfirmation], [Pool.Reconfirmations]) and stops
// counting as supply until it is reconfirmed or renegotiated. A refused
// move returns an error (a *lifecycle.TransitionError or a
// *[CommitmentError]) and changes nothing; an accepted one is appended to
// the commitment's History as a lifecycle.Event.
//
// # Budget
//
// A [Budget] holds lines by [Category] (eight built-in categories, plus
// those a user declares) with required, committed and spent amounts in one
// currency; [Budget.Totals] and [Budget.ByCategory] sum them and
// [BudgetFigures] gives the variances.
//
// # Analysis and checks
//
// [Pool.Load] computes the load on every resource per day (and, through
// [ResourceLoad.Weeks], per ISO week) against its capacity and lists every
// [OverAllocation] with the demands that cause it. [Pool.Coverage] tells,
// per demand, whether committed supply covers it fully, partly or not, and
// the gap. [Pool.Costs] prices the demands.
//
// The questions a plan asks are one call each, returning a
// validation.List that is empty when the answer is "yes":
// [Pool.CheckAllocation] (no resource over-allocated), [Pool.CheckCoverage]
// (every demand covered by commitments given against the current revision),
// [Pool.CheckBudget] (committed budget covers required budget) and
// [Pool.CheckReconfirmations]; [Pool.Check] runs them all after
// [Pool.Validate].
//
// # Documents
//
// A Pool is a plain struct with JSON tags, meant to be embedded in a plan
// document. [Decode] reads one strictly (unknown fields, malformed amounts,
// dates and states are errors with paths such as demands[3].quantity),
// validates it, and only then stores it. [Pool.Validate] reports every
// problem at once, each with a stable code (the Code constants) and a path.
package resource
