// Package markdown renders a rollout and deployment plan as one Markdown
// page that wikis render (Azure DevOps, GitHub and GitLab draw its Mermaid
// diagrams): the release at a glance, a Mermaid Gantt chart with one
// section per requirement, the critical chain marked, milestones and the
// release date, the critical chain as a table, the dates people attend,
// the budget by category, the 5x5 risk matrix and the top risks, and the
// open issues, all as Markdown tables.
//
// Plans with more tasks than Options.GanttTasks are drawn with one bar per
// requirement, so the chart stays readable. Names are made safe for
// Mermaid (no colons, hashes or semicolons) and table cells are escaped.
// The dates come from package view, the reading of the plan's schedule
// every renderer shares. A plan that does not validate or cannot be
// scheduled gets an error and nothing is written.
//
// The tests check the diagrams with Mermaid's own parser, the npm package
// pinned under testdata/tools.
package markdown
