// Package risk is the register a release manager keeps for a rollout: a
// risk log (sub-activity 5 of "Create Rollout and Deployment Plan") and an
// issue log (sub-activity 6), kept together in one [Log] with the history of
// every change of state. It can be used on its own by any Go program.
//
// # Risks
//
// A [Risk] is an uncertain event that would hurt (a threat) or help (an
// opportunity) the release. It carries the risk statement (condition and
// consequence, and the cause where known), a [Category] (built-in set plus
// a company's own), a [Probability] of 1 to 99 percent and an [Impact] of 1
// to 5, whose product is the risk's [Exposure] (derived, never stored), and
// optional inherent, residual and target [Level]s as ISO 31000 and PRINCE2
// registers keep them. The schedule impact is in workdays and the cost
// impact a [Cost] in minor units of an ISO 4217 currency. A [Proximity]
// says when it would strike (a date, or before, at or after launch), a
// [Response] how it is handled (avoid, reduce, transfer, accept, fallback,
// share; exploit and enhance for opportunities), with a mitigation plan,
// a contingency plan and the trigger that fires it, one owner, a next
// review date, and links to tasks and requirements by ID.
//
// A Monte Carlo forecast needs three of these fields: Probability (see
// [Probability.Fraction]), ScheduleImpactWorkdays and TaskIDs.
//
// # Issues
//
// An [Issue] is something happening now: priority 1 to 4, owner, dates
// raised and to be resolved by, [Escalation], what it [Blocks] (tasks,
// requirements, milestones, the launch itself), the risk it came from and
// its resolution. [Log.Promote] turns a risk whose trigger fired into an
// issue: the issue links the risk, the risk records the issue and moves to
// Active as its lifecycle allows, and nothing is lost.
//
// # Lifecycles
//
// Risks and issues move through the CMMI states of [workitem.State]
// (Proposed, Active, Resolved, Closed) by the tables of the MSF for CMMI
// process template, each move with a reason from a defined set:
// [RiskLifecycle] and [IssueLifecycle], built with package lifecycle. A
// company adds its own reasons with the machine's WithReasons method and
// [Log.SetLifecycles]. [Log.Transition] refuses a move the table does not
// allow (changing nothing) and records every accepted one as an [Event]:
// who, when, from, to, why. The library never reads the clock: callers
// pass dates and times.
//
// Remove is for entries logged in error only: an item still Proposed with
// no event beyond its creation and nothing linking to it. Anything that has
// moved is closed instead, so that its history stays.
//
// # Queries
//
// [Log.Ranked] and [Log.TopN] rank risks by exposure in a stable total
// order (see [CompareExposure]); [Log.Matrix] draws the probability by
// impact matrix (5 by 5 by default, zones configurable through [Zones]);
// [Log.DueForReview], [Log.OverdueForReview] and [Log.ProximityPassed]
// find risks needing attention; [Log.OpenIssuesByPriority],
// [Log.OverdueIssues], [Log.EscalatedIssues] and [Log.BlockingLaunch]
// answer the issue log's questions; [Log.Risks] and [Log.Issues] list
// them with filters. Every query returns a slice of copies.
//
// # Validation and JSON
//
// [Risk.Validate], [Issue.Validate] and [Log.Validate] report every problem
// at once as a validation.List, each with a stable code (such as
// "risk.probability.range"), a path (such as risks[4].probability) and a
// message. A Log encodes as a [LogDocument]; decoding is strict (unknown
// fields, wrong types and out-of-range values are rejected with their
// paths) and a failed decode leaves the log unchanged.
package risk
