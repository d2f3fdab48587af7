// Package readiness holds a launch readiness checklist: what each function
// of the company (sales, support, field service, operations, marketing,
// legal, documentation, infrastructure, security) must have ready before a
// release launches, who owns it, when it is due and how far it has got.
//
// An [Item] is one thing to have ready, such as "help desk trained and the
// escalation path published": its function, an owner, a must-have flag, a
// due date relative to the launch (a [backlog.Timing], such as five
// workdays before it), a [Status] and the evidence that it is ready (links
// and notes). A [Checklist] holds the items, the lead who signs off each
// function's readiness at the go/no-go review, and the history of every
// status move.
//
// Status moves follow a small lifecycle table ([Lifecycle]): not started,
// in progress, ready, at risk, or waived with a reason. [Checklist.Transition]
// checks each move against the table and records who made it, when and why
// (a lifecycle.Change, as for every other entity of rollout); a refused move
// returns an error and changes nothing. An item becomes ready only with
// evidence, and is waived only with a reason.
//
// [Defaults] derives the standard items from the requirement categories of a
// backlog.Catalogue: each expected training, marketing and deployment
// category gives the readiness item(s) of the function that must confirm
// it, so a plan's checklist starts from the same catalogue as its
// requirements.
//
// [Checklist.Validate] returns every problem at once as a validation.List,
// each with a stable code, a path such as items[3].owner and a subject
// naming the item. A go/no-go review asks [Checklist.Blocking] which
// must-have items are neither ready nor waived.
package readiness
