// Package plan is the aggregate a program imports: one value that holds a
// release's whole rollout and deployment plan and knows the rules of the
// MSF for CMMI activity "Create Rollout and Deployment Plan".
//
// # The plan
//
// A [Plan] holds the release and its date, the entry criterion's evidence
// (the [Notification] that the project is committed to that release on
// that date), the activity's roles ([RoleAssignment]: Release Manager
// responsible and accountable, IPM Officer consulted, Project Manager
// informed), the requirements and tasks (package backlog), the resources,
// demands, commitments and budget (package resource), the risk and issue
// logs (package risk), the go/no-go [Decision]s, a revision number, the
// history of [Event]s and named [Baseline]s. It encodes as a JSON document
// ([Encode], [Decode]) whose JSON Schema is [JSONSchema].
//
// # The activity and its gates
//
// The activity moves NotStarted, InProgress, Complete, and back to
// InProgress to reopen ([ActivityLifecycle]). [Plan.Start] needs the entry
// criterion and [Plan.Complete] the exit criterion: each runs a gate, the
// [Rules] of a [Checker] under a [Policy], and refuses the move with a
// *[GateError] listing every blocking [Finding] (code, severity,
// sub-activity, path, message) when the gate fails, changing nothing.
//
// The built-in rules ([DefaultRules]) make "a plan detailing all the
// activities required for a successful launch" concrete: every mandatory
// requirement category gathered or waived; every requirement traced to
// tasks; every task owned, estimated, with its demands and entered in the
// work tracker; the schedule meeting the release date; no resource
// over-allocated; every demand covered by commitments given against the
// current revision; the committed budget covering the required one; every
// risk above the exposure threshold owned, mitigated, with a contingency
// and a future review date; no overdue escalated issue blocking the launch;
// every RACI role filled. A company adds, replaces and disables rules: a
// [Rule] is a plain value with a Check function that a unit test can call
// on a [Context] from [NewContext].
//
// [Checker.Status] derives the status of each of the six sub-activities
// from the same rules.
//
// # Changes, events and revisions
//
// Changes that are transitions go through the plan's methods, which check
// the lifecycle, record an [Event] and notify observers ([Plan.Observe]):
// the activity's moves, requirements and tasks ([Plan.AddRequirement],
// [Plan.AddTask], [Plan.Analyze], [Plan.TransitionBacklog]), risks and issues ([Plan.AddRisk],
// [Plan.TransitionRisk], [Plan.PromoteRisk]), commitments with the program
// office ([Plan.RequestCommitment], [Plan.CounterOffer], [Plan.Commit],
// [Plan.Reconfirm], [Plan.Decline], [Plan.Withdraw]), go/no-go reviews
// ([Plan.OpenDecision], [Plan.CastVote]), gate checks ([Plan.CheckGate]),
// baselines ([Plan.TakeBaseline]) and revisions ([Plan.Revise]). A refused
// change returns an error and changes nothing.
//
// A revision is the version of the plan presented to the integrated
// program management office: commitments are given against a revision,
// and those given against an earlier one no longer cover their demand
// until they are reconfirmed.
//
// # Scheduling and forecasting
//
// [Plan.Network] adapts the backlog to the scheduling engine (package
// schedule): tasks become activities with the same IDs, requirement timing
// becomes date constraints or post-launch scheduling. [Plan.Schedule] runs
// the critical path to the release date; [Plan.Forecast] runs the Monte
// Carlo forecast with the tasks' three-point estimates and the risk log's
// threats as risk events; [Plan.Level] levels the tasks within the capacity
// of the people, rooms and equipment they name; [Plan.EffectivePool] adds the tasks' demands,
// dated by the schedule, to the resource pool for load and coverage.
//
// # Baselines and comparison
//
// [Plan.TakeBaseline] keeps an immutable, named snapshot. [Compare],
// [Plan.CompareWithBaseline] and [Plan.CompareBaselines] list every change
// keyed by entity ID (task T12 added; risk R3's probability from 40 to 60)
// with the schedule variance of every task. Comparison walks the JSON
// documents and never panics; go-cmp is used only in tests.
package plan
