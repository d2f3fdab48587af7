// Package backlog holds the first two sub-activities of "Create Rollout and
// Deployment Plan" (MSF for CMMI, PP SP 2.4): gathering the release, rollout
// and deployment requirements, and analysing them into a backlog of tasks
// that are entered into a work tracker (Azure Boards) for tracking and
// assignment, with the trace between the two.
//
// # Requirements and the catalogue
//
// A [Requirement] states one need: training for a group of people, a piece
// of marketing, a deployment step. Its [Category] comes from a [Catalogue]:
// [DefaultCatalogue] covers every need the activity names (training of
// sales, help desk and support, field service and maintenance, operations
// and end-user trainers; marketing plan, collateral, product launch,
// marketing communications, press releases, trade shows, exhibitions, road
// shows and product demos; and on the deployment side environment readiness,
// deployment waves, data migration, cutover, rollback, support hand-off,
// documentation, licensing and legal). Each entry says whether a standard
// launch expects it, so [Catalogue.Missing] names what was never gathered.
// A company adds its own categories; the catalogue is a value it owns.
//
// A requirement's [Timing] places it against the release date: a lead time
// in workdays before launch, on launch day, or an offset after launch
// (trade shows, road shows and demos often come after).
//
// # Tasks
//
// A [Task] carries what a tracker's CMMI Task carries (discipline,
// estimate, remaining and completed work, assignee, state, reason, blocked
// flag) and what a schedule needs: a three-point [Estimate] in workdays,
// [Dependency] links of the four types (FS, SS, FF, SF, with the same text
// forms as package schedule's link types) with lags in workdays (negative
// for a lead), start-no-earlier-than and finish-no-later-than constraints,
// a milestone flag, and the resource.Demand values the task creates. The
// plan package adapts tasks to the schedule engine; this package does not
// import it.
//
// # The backlog and lifecycles
//
// A [Backlog] keeps requirements, tasks and the history of their states,
// like a log: Add, Get, Update and [Backlog.Transition]. Both kinds of item
// move through the CMMI states of [workitem.State] by the tables of the
// MSF for CMMI process template ([RequirementLifecycle], [TaskLifecycle]),
// each move with a reason; a company extends the reasons with the
// machine's WithReasons method and [Backlog.SetLifecycles]. A refused move
// changes nothing; an accepted one is recorded as an [Event].
//
// # Analysis templates
//
// A [Template] turns a requirement of its category into the category's
// standard tasks (sales training: prepare the material, book rooms, deliver
// the sessions, assess), with their dependencies, estimates, disciplines and
// demands. [DefaultTemplates] has one for every category of
// [DefaultCatalogue]; users replace and extend them. [Templates.Expand] is
// deterministic and idempotent:
//
//   - a generated task's ID is the requirement's ID and the step's key,
//     "REQ-7/prepare-material", and tasks come in requirement order, then
//     step order;
//   - a task whose ID exists is never touched, whatever the user changed in
//     it (title, estimate, dependencies, state); Expand only adds what is
//     missing, so running it twice adds nothing the second time;
//   - a generated task the user removed ([Backlog.Remove]) leaves a
//     [Suppression] (a tombstone) in the backlog, and Expand does not
//     generate it again until [Backlog.Unsuppress]; closing the task (for
//     example as Cut) keeps it, and keeps it from coming back, too.
//
// # Traceability and validation
//
// [Backlog.Matrix] traces requirements to tasks and back, and lists the
// requirements no task serves and the tasks that serve no requirement.
// [Backlog.Validate] reports every problem at once with stable codes and
// paths such as tasks[3].estimate: duplicate IDs, dangling references,
// self-dependencies, dependency cycles with the whole cycle, contradictory
// constraints, and a history that does not fit the lifecycles. Its work
// grows linearly with the tasks and dependencies (cycles are found with an
// iterative Tarjan pass, so 100,000 chained tasks are fine).
//
// The backlog's JSON form is a [Document], decoded strictly ([Decode]).
package backlog
