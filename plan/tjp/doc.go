// Package tjp exports a whole rollout and deployment plan as a
// TaskJuggler 3 project (the .tjp file tj3 schedules): the project named
// after the plan, its working week, holidays and freeze windows; every
// resource with its calendar and absences; one task per requirement with
// the tasks that serve it beneath, under their real IDs made into
// TaskJuggler IDs (REQ-1/prepare-material becomes REQ_1.prepare_material,
// Export.IDs maps them); lengths, start-no-earlier-than dates, the release
// date that post-launch work waits for, dependencies and allocations.
//
// Unlike schedule.WriteTJP, which refuses what TaskJuggler cannot hold,
// the export never refuses a valid plan: finish-to-finish and
// start-to-finish links and leads are written as start-to-start links with
// the gap that gives the same dates for fixed lengths, and what even so
// cannot be written is left out; each is listed as a Warning. The tests
// have tj3 schedule the sample plan's export and a generated plan with all
// four link types and leads, and compare every task's dates with the
// plan's schedule.
//
// TaskJuggler levels the resources it allocates, so the dates tj3 gives a
// project with allocations are levelled ones; Options.WithoutAllocations
// writes the unlevelled project. A plan that does not validate or cannot
// be scheduled gets an error and nothing is written.
package tjp
