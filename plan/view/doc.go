// Package view is the one reading of a plan's dates that every renderer of
// package plan shares (the text report, Markdown, HTML, iCalendar, MS
// Project XML, TaskJuggler): the plan validated, its tasks scheduled once,
// the requirements with the tasks that serve them, the links, the critical
// chain, the occasions people attend (the launch, go/no-go reviews,
// trainings, trade shows, road shows, milestones, notices, the point of
// no return) and the dated windows (freezes, deployment waves,
// hypercare).
//
// The deployment half of the plan is read the same way for every
// document: View.Rollout gives the waves with their planned windows,
// tasks and evaluations, the point of no return and the review guarding
// it, hypercare with its staffing and the operational communications
// timed against the waves; View.Readiness the launch readiness checklist
// by function with due dates and overdue items; View.Reviews the go/no-go
// reviews with their outcomes and conditions.
//
// Renderers build a View with New, render into a buffer and write only
// when everything rendered, so a plan that does not validate gets a clear
// error (wrapping ErrInvalidPlan) and never a half-written file.
//
// Events and windows carry keys that stay the same while the plan changes
// (a task's ID, a decision's ID), from which exporters derive stable
// identifiers such as iCalendar UIDs.
package view
