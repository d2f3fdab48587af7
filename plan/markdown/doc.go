// Package markdown renders a rollout and deployment plan as one Markdown
// page that wikis render (Azure DevOps, GitHub and GitLab draw its Mermaid
// diagrams): the release at a glance, a Mermaid Gantt chart with one
// section per requirement, the critical chain marked, milestones and the
// release date, the critical chain as a table, the dates people attend,
// the deployment half of the plan (the waves with their audiences,
// windows, soak, success criteria, rollback plans and triggers and
// evaluations, the point of no return and the review that guards it,
// hypercare with its exit criteria and staffing, the launch readiness
// checklist by function with overdue items flagged in words, the go/no-go
// reviews with every approver's vote, and the operational communications
// timed against the waves), the budget by category, the 5x5 risk matrix
// and the top risks, and the open issues, all as Markdown tables. The
// Gantt chart draws each wave (deploy, soak, evaluate, gate) in a section
// of its own, with the point of no return and hypercare.
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
