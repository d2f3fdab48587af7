// Package deployment models how a release reaches its customers: the
// deployment waves (rings) that roll it out, the checks that let a wave
// continue to the next, the point of no return that only a recorded go/no-go
// may pass, and the hypercare (early life support) period after launch.
//
// # Waves
//
// A [Plan] holds ordered [Wave] values, as a release manager plans them
// after Microsoft's ring model or a progressive delivery engine such as
// Argo Rollouts or LaunchDarkly: an internal pilot (canary), a few
// early-adopter tenants, a larger ring, then everyone (general
// availability). Each wave names its [Audience] (a segment and a count or
// share of customers), how long its deployment takes, how long it soaks
// before the next wave starts, the [Criterion] values that decide whether it
// succeeded (metric, comparison, threshold, unit and observation window),
// and its [Rollback]: how to back out, the triggers that start it and who
// decides. A wave's planned window is not stored: it is derived from the
// schedule of the tasks the wave becomes (see [Plan.Tasks] and
// [Plan.Windows]).
//
// # Evaluation
//
// Each wave carries an [Evaluation], moved through a lifecycle of its own
// ([EvaluationLifecycle]): an outcome (pending, succeeded, failed,
// inconclusive) and then a decision (continue, pause, abort, roll back),
// each move recorded with who, when and why as a lifecycle.Event. A refused
// move returns an error and changes nothing. Continuing from the wave before
// the [PointOfNoReturn] needs the ID of a go/no-go review that said go
// ([Plan.PassPointOfNoReturn]); the package that holds the reviews (plan)
// checks the review itself.
//
// # Hypercare
//
// [Hypercare] is the early life support period after launch: its dates,
// its exit criteria (the same [Criterion] type), its rota of people and its
// war room, both named as resource demands of the plan's resource pool so
// that load and commitments cover them.
//
// # Validation
//
// [Plan.Validate] returns every problem at once as a validation.List, each
// with a stable code, a path such as waves[2].criteria[0].threshold and a
// subject (the wave or the hypercare).
package deployment
