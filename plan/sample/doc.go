// Package sample builds the sample rollout and deployment plan of a
// fictional release, Contoso Ledger 4.0, end to end and only through the
// public API of package plan and the packages it builds on: the entry
// criterion's notification, the activity's RACI roles, requirements of every
// category of backlog.DefaultCatalogue analysed into tasks with the default
// templates, the tasks entered in Azure Boards and assigned, the people,
// rooms, venues and equipment the tasks need, the launch budget, the
// commitments negotiated with the integrated program management office, the
// risk and issue logs, a baseline and a later change, and a go/no-go review.
//
// The plan is deterministic: every date and time is fixed, nothing reads the
// clock, and building it twice gives byte-identical documents. It is judged
// as of 2027-03-01 (see Policy).
//
// # The release
//
// Contoso Ledger 4.0 launches on Thursday 2027-04-15; the planning activity
// kicks off on Monday 2027-01-11. The working calendar "Contoso HQ" has the
// US holidays of the period (Martin Luther King Jr. Day, Presidents' Day,
// Good Friday, Memorial Day, Independence Day observed) and Easter Monday.
//
// Training comes before launch with lead times; data migration, rollback
// test and cutover lead up to launch day; early life support, product
// demos, road shows, the trade show and the exhibition follow it. The
// schedule meets the release date: the release work is ready by 2027-04-15.
//
// # The rollout
//
// The hosted service reaches its about 400 tenants in four waves (see
// package deployment), each deployed, soaked, evaluated against its success
// criteria (posting error rate, p95 posting time, trial balance mismatches,
// priority 1 tickets) and closed by a gate, on the deployment calendar
// "Contoso deployment" whose change freeze over the hosted customers'
// quarter close (2027-03-29 to 2027-04-02) no wave overlaps:
//
//   - W1-internal, Contoso's two staff tenants, from 2027-03-15;
//   - W2-early, three early-adopter customers, after the freeze, from
//     2027-04-05;
//   - W3-ring1, the 100 North American tenants, from the day after launch:
//     its data migration is the point of no return, guarded by the go/no-go
//     review GNG-1;
//   - W4-everyone, the 295 remaining tenants, with no soak before
//     hypercare takes over.
//
// Every tenant outside the pilot gets a maintenance notice at least ten
// workdays before its wave (REQ-24, timed with Plan.PlanNotices).
//
// Hypercare runs four weeks from launch day, led by the Director of
// Customer Support, with exit criteria (no open priority 1 incident, at
// most 15 tickets a day, 95 % answered within the SLA), a rota of a
// support engineer and an operations engineer and the war room, all three
// demands of the resource pool committed by the IPMO.
//
// # Deliberate gaps
//
// The exit criterion is deliberately not met yet, as on a real plan seven
// weeks before launch. Checker().Check(ctx, p, plan.Exit) reports exactly
// these findings, and nothing else:
//
//   - demand.uncovered (gain-commitments), the road show's second
//     presenter (demand REQ-13/run-events/presenter-2, 20 hours of a
//     product marketer, no person named yet): the IPMO counter-offered 12
//     hours for the Denver event only, and the negotiation is still open
//     (commitment C-REQ-13/run-events/presenter-2, under negotiation), so no
//     commitment covers the demand yet.
//   - budget.underfunded (gain-commitments), the events budget: a new quote
//     for the FinTech Expo booth raised the requirement to USD 140,000 while
//     the IPMO committed USD 110,000.
//   - plan.risks.handled (identify-risks), risk R5 (cutover window clashes
//     with the quarter-end close of hosted customers, exposure 150): its
//     contingency plan is still being written.
//   - plan.issues.blocking, a warning (manage-issues), issue I-2 (the
//     hosting provider has not confirmed the cutover window): it blocks the
//     launch and was escalated to the VP Engineering, but it is not overdue
//     on 2027-03-01 (target 2027-03-10), so it is advisory.
//
// Every other rule passes: every category is gathered, every requirement
// is traced to tasks, every task has an owner, an estimate, its demands and
// its Azure Boards work item, no resource is over-allocated, and the
// schedule meets the release date.
package sample
