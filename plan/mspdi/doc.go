// Package mspdi exports a rollout and deployment plan as an MS Project XML
// document (MSPDI, the Microsoft Project Data Interchange format that
// Project, ProjectLibre, GNOME Planner and MPXJ read).
//
// Requirements become summary tasks (outline level 1) with the tasks that
// serve them beneath (level 2; a task serving several requirements sits
// under the first); the tasks of each deployment wave (deploy, soak,
// evaluate and the gate milestone) are grouped under a summary task of
// the wave within its requirement (level 3 under level 2), whose notes
// name its ring and audience. Each task carries its duration in days, its scheduled,
// early and late dates, its float as slack, its start-no-earlier-than date
// as a constraint and its finish-no-later-than date as a deadline, and its
// predecessors with all four link types (FS, SS, FF, SF) and lags, leads
// included: MSPDI holds what TaskJuggler cannot. The plan's calendar (work
// week, holidays, freeze windows as non-working exceptions) is calendar 1;
// the pool's calendars follow, and every person, facility and equipment
// gets a resource calendar on its base calendar with its absences. Task
// demands that name a resource become assignments with their work; the
// latest baseline (or the one named) becomes Project's baseline 0.
//
// The dates come from package view, the reading of the plan's schedule
// every renderer shares. A plan that does not validate or cannot be
// scheduled gets an error and nothing is written: the document is built in
// memory and written with one call.
//
// The tests validate exports against Microsoft's published schema
// (testdata/mspdi_pj12.xsd) with xmllint and convert them with GNOME
// Planner's import stylesheet, checking that every task and link survives.
package mspdi
