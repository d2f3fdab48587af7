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
// top risks; the budget by category (required, committed, spent); and the
// dates people attend. Print CSS sets A4 pages and keeps charts whole.
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
