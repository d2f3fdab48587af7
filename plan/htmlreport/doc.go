// Package htmlreport renders a rollout and deployment plan as one
// self-contained HTML page that release managers open in a browser or
// print on A4: no script, no network access (a Content-Security-Policy
// forbids any fetch), every chart inline SVG.
//
// The page holds the release at a glance; a Gantt chart of every task by
// requirement with the critical tasks and the critical chain marked, the
// release-date line and the today line; the Monte Carlo forecast's
// finish-date histogram and S-curve with P50, P80, P95 and the release
// date; the resource load by ISO week as a heat map with the weeks of
// over-allocated days framed in red; the coloured 5x5 risk matrix with the
// top risks; the budget by category (required, committed, spent); the
// dates people attend; and the deployment half of the plan: the waves
// (ring, audience, window, soak, success criteria, rollback plan,
// triggers and who decides, evaluation), the point of no return and the
// review guarding it, hypercare with its exit criteria, rota and war
// room, the launch readiness checklist by function (owner, must-have,
// due date, status, evidence or waiver reason, overdue items flagged),
// the go/no-go reviews with every approver's vote and conditions, and the
// operational communications timed against the waves. These are tables
// with captions and column and row headers; a status is written in words
// and a blocking one in bold, never told by colour alone. Evidence links
// are links people follow; nothing is fetched. Print CSS sets A4 pages
// and keeps charts whole.
//
// The package is named htmlreport rather than html so that importers can
// use it beside the standard library's html package.
//
// The dates come from package view, the reading of the plan's schedule
// every renderer shares; nothing reads the clock (the today line comes
// from Options or the plan's history). A plan that does not validate or
// cannot be scheduled gets an error and nothing is written.
//
// The tests render the page in headless Chromium, check its DOM and
// console, and check that a screenshot is not blank.
package htmlreport
