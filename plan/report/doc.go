// Package report renders a rollout and deployment plan (package plan) as a
// plain-text summary for people: the release and its entry criterion, the
// activity and its six sub-activities, requirements and traceability,
// tasks and the critical chain, the Monte Carlo forecast, resource load and
// coverage, the budget, the top risks with the probability by impact
// matrix, open and escalated issues, the deployment waves with the point
// of no return, hypercare and the operational communications, the launch
// readiness checklist, the go/no-go decision, the exit criterion's
// findings grouped by sub-activity, and the comparison with a baseline.
//
// The output is deterministic: columns are aligned with text/tabwriter,
// every list is sorted with explicit tie-breaks, the forecast runs with the
// seed given in Options, and nothing reads the clock (the as-of date comes
// from Options or the checker's policy). Sections can be switched off one
// by one.
//
// Write judges the plan; it never changes it.
package report
