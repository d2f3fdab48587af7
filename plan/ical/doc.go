// Package ical exports the dates people attend of a rollout and deployment
// plan as an iCalendar file (RFC 5545) that calendar programs import: the
// launch, go/no-go reviews, trainings, trade shows and exhibitions, road
// shows, product demos and milestones, plus the deployment half of the
// plan: each wave's window (deployment to gate) and the days it is
// deployed, described with its audience, success criteria, rollback plan
// and triggers; the go/no-go reviews with every approver's vote; the
// point of no return with the review that guards it; hypercare with its
// lead, exit criteria, rota and war room; the freeze windows of the plan's
// and the deployment's calendars; and the operational communications
// (maintenance notices, each naming the wave it announces and how many
// workdays before it is sent).
//
// Every event has a UID made from a key that stays the same while the plan
// changes (the task's or the decision's ID) and a SEQUENCE equal to the
// plan's revision, so that importing a newer export updates the events
// instead of duplicating them. Text is escaped and lines are folded at 75
// octets, never inside a UTF-8 sequence. The output is deterministic: the
// DTSTAMP comes from Options or the plan's history, never from the clock.
//
// The dates come from package view, the reading of the plan's schedule
// every renderer shares. A plan that does not validate or cannot be
// scheduled gets an error and nothing is written.
package ical
