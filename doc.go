// Package rollout models a release manager's rollout and deployment plan as
// a typed, validated, schedulable Go value.
//
// A company has committed to ship a product release on a date. Around that
// date sales, support, field service, operations and end-user trainers must
// be trained; collateral, the launch, press releases, trade shows, road
// shows and demos must be prepared; the software must be deployed. The
// MSF for CMMI activity "Create Rollout and Deployment Plan" (CMMI-DEV
// level 2, Project Planning SP 2.4) plans all of it, and this module makes
// each of its parts a package:
//
//	part of the activity                          package
//	--------------------------------------------  ------------------------------------------
//	roles (RACI), entry criterion, exit criterion  plan (Plan, Notification, Checker, GateResult)
//	1 gather release and deployment requirements   backlog (Requirement, Catalogue)
//	2 analyze requirements into a tracked backlog  backlog (Task, Templates.Expand, trace),
//	                                               plan/azureboards (entry in the work tracker)
//	3 determine the resources required             resource (Resource, Demand, Budget, money)
//	4 gain commitments from the program office     resource (Commitment), plan (revisions)
//	5 identify and manage risks                    risk (Risk, Log)
//	6 monitor and manage issues                    risk (Issue, Log.Promote)
//	will every launch activity be ready in time?   schedule (critical path, levelling),
//	                                               schedule/forecast (Monte Carlo)
//
// Underneath sit calendar (civil dates and working calendars), lifecycle
// (declarative state machines with reasons and events), workitem (the CMMI
// work item states) and validation (problems with codes, severities and
// paths). plan/report renders a plan for people, plan/sample is the
// built-in sample plan, and plan/plantest helps test suites unit-test a
// company's own plan rules. Imports point down only: a program that needs only a risk log
// imports risk and gets nothing else; schedule knows nothing of the domain.
//
// # A sketch
//
//	p := plan.New("ledger-4.0", plan.Release{Product: "Contoso Ledger", Version: "4.0",
//		Date: calendar.MustParse("2027-04-15")})
//	p.Notify(plan.Notification{From: "Program Office", At: notifiedAt,
//		Reference: "PO-17", Version: "4.0", Date: p.Release.Date}, change)
//	p.Assign(plan.ReleaseManager, change, "Rita Release")
//
//	// Sub-activities 1 and 2: requirements, analysed into tasks.
//	p.AddRequirement(backlog.Requirement{ID: "REQ-1", Title: "Train the help desk",
//		Category: backlog.CategorySupportTraining, Timing: backlog.Before(10)}, change)
//	p.Analyze(nil, backlog.ExpandOptions{Change: change}) // default templates
//	p.Level()                                            // within capacity
//
//	// Sub-activities 3 to 6: resources, commitments, risks, issues.
//	p.RequestCommitment("C1", "REQ-1/deliver-sessions/room", change)
//	p.Commit("C1", change) // against the current revision
//	p.AddRisk(risk.Risk{ID: "R1", Title: "Trainers unavailable", ...}, change)
//
//	// The gates: every gap named, with its code, sub-activity and path.
//	report, err := p.Complete(ctx, plan.DefaultChecker(), change)
//	for _, f := range report.Findings {
//		fmt.Println(f.SubActivity, f.Path, f.Message)
//	}
//
// Run go run ./examples/quickstart for a whole sample plan, built end to end
// and reported.
//
// # Conventions
//
// Entities are plain structs with JSON tags; derived figures are methods.
// Lifecycles are tables of allowed transitions with reasons; a refused
// transition returns an error and changes nothing, an accepted one is
// recorded as an event. Validation returns every problem at once as a
// validation.List usable with errors.Is and errors.As. No package holds
// global mutable state, logs, panics on input, reads the clock or leaves
// goroutines behind.
package rollout
