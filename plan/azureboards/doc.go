// Package azureboards enters a plan's backlog, and optionally its risk and
// issue logs, into Azure Boards (the CMMI process): sub-activity 2 of
// "Create Rollout and Deployment Plan" asks that the tasks be entered into
// a work tracker for tracking and assignment. It writes what Azure Boards
// imports and records the work item IDs back in the plan, so that the next
// push creates nothing twice.
//
// Three forms are offered:
//
//   - JSON Patch documents, one per work item, for the REST call
//     POST {org}/{project}/_apis/wit/workitems/${type}?api-version=7.1
//     (Build, Export.Items, Export.Document, Export.URL);
//   - $batch bodies for PATCH {org}/_apis/wit/$batch?api-version=5.0, at
//     most BatchSize (default and maximum MaxBatchItems, 200, Azure
//     DevOps' limit) requests each, in which items created in the same
//     call link to each other through negative temporary IDs
//     (Export.BatchBody), with Export.ApplyResults to record the answer;
//     Client.Push does both over HTTP;
//   - CSV files for the web UI's import, at most MaxCSVItems (1,000) work
//     items each (WriteCSV, CSVFiles).
//
// # Mapping
//
// Requirement to "Requirement": System.Title, System.Description (HTML:
// the description, audience, source, timing and acceptance criteria;
// the CMMI Requirement has no acceptance criteria field), System.Tags (the
// requirement's tags and its category, joined by "; "),
// Microsoft.VSTS.Common.Priority, Microsoft.VSTS.CMMI.RequirementType (see
// RequirementType: the requirement's own Type when it is a CMMI value,
// otherwise "Business Objective" for marketing categories and "Operational"
// for training, deployment and unknown ones, overridable per category),
// System.AssignedTo (Options.RequirementOwner, by default the plan's
// Release Manager), Microsoft.VSTS.CMMI.Committed ("Yes" for a requirement
// of the plan's latest baseline, "No" for one added since; not sent
// before the first baseline).
//
// Task to "Task": System.Title, System.Description, System.AssignedTo (see
// Identity), Microsoft.VSTS.Common.Discipline (the CMMI title of the five
// CMMI disciplines, "User Education"; another discipline such as
// "marketing" goes through Options.Disciplines or, without an entry, is
// sent as a tag, since the stock field refuses values it does not list;
// a milestone is tagged "milestone"),
// Microsoft.VSTS.Scheduling.OriginalEstimate (the most likely estimate),
// RemainingWork (as recorded; for an open task with no work recorded, the
// estimate) and CompletedWork, all in hours: workdays times
// Options.HoursPerDay, by default the plan calendar's hours per day,
// rounded to the hundredth; StartDate and FinishDate from Options.Schedule
// when the caller passes scheduled dates; Microsoft.VSTS.CMMI.Blocked
// "Yes"/"No"; Microsoft.VSTS.CMMI.TaskType from backlog.Task.Type
// ("Planned", "Mitigation Action", "Corrective Action"); Priority of the
// first requirement it serves; RequiresReview and RequiresTest "Yes" for a
// task on the review path (Resolved, or last moved as "Complete and
// Requires Review/Test", "Review/Test Passed" or "Review/Test Failed").
// Links: a mitigation or corrective action is the child of the risk or
// issue it addresses (backlog.Task.Addresses): through its own parent link
// when that item is in Azure Boards already, through the risk's or issue's
// System.LinkTypes.Hierarchy-Forward link when the same export creates
// both; its requirements are then related. Otherwise the first requirement
// the task serves is its parent (System.LinkTypes.Hierarchy-Reverse; a
// work item has one parent only), the other requirements are related
// (System.LinkTypes.Related); each predecessor is a
// System.LinkTypes.Dependency-Reverse link, with the dependency type and
// lag as the link's comment when it is not a plain finish-to-start link.
//
// Risk to "Risk": System.Description (condition, consequence, cause and
// the other statement fields), Microsoft.VSTS.CMMI.Probability (1 to 99),
// Microsoft.VSTS.Common.Severity from the impact (see Severity: 5 "1 -
// Critical", 4 "2 - High", 3 "3 - Medium", 2 and 1 "4 - Low"), Priority
// by the impact as the issue it would become (5 is 1, 4 is 2, 3 is 3, lower
// is 4), MitigationPlan, MitigationTriggers (risk.Risk.MitigationTrigger:
// what starts the mitigation), ContingencyPlan (the plan, then the
// Trigger that fires it), the owner as System.AssignedTo, category and
// "opportunity" as tags, child links to the mitigation actions the export
// creates, and related links to the requirements and tasks it names.
//
// Issue to "Issue": System.Description (the description, what it blocks,
// its escalation and when it was raised), Priority,
// Microsoft.VSTS.CMMI.Escalate "Yes"/"No", TargetResolveDate, Analysis
// (risk.Issue.Analysis: root cause and options), CorrectiveActionPlan
// (risk.Issue.CorrectiveActionPlan, or else the contingency plan of the
// risk it came from, the plan a risk that occurs enacts),
// CorrectiveActionActualResolution (the resolution), child links to the
// corrective actions the export creates, and related links to its risk and
// what it blocks.
//
// Go/no-go review (plan.Decision) to "Review": the title names the review,
// release and plan revision; Purpose; the Release Manager as
// System.AssignedTo and CalledBy; MeetingType "Meeting"; CalledDate;
// Minutes (the outcome and every vote with its note); Comments (the
// conditions); RequiredAttendee1-8 (the approvers) and ActualAttendee1-8
// (those who voted). Its state follows the outcome (see ReviewState):
// undecided Active, go Closed ("Accepted (as is)"), go with conditions
// Resolved ("Accepted with Minor Changes"), no-go Resolved ("Accepted with
// Major Changes"). Its work item is recorded in Decision.Tracker. The
// read-back brings a Review's state back as the vote of the approver who
// changed it (see Apply).
//
// Revision of a committed plan (see ChangeRequestsOf: Plan.Revise after a
// commitment was given or a baseline taken) to "Change Request": the title
// names the revision and release; System.Description the revision, who
// started it and when, the commitments given against it, its baseline and
// the changes against the committed baseline; Justification the reason and
// note of Plan.Revise; ImpactOnDevelopment the requirements and tasks it
// changed; the Release Manager as System.AssignedTo; an Affects link
// (LinkAffects) to each requirement it changed and a related link to each
// task. Its state follows the revision (see ChangeRequest.State): Proposed
// until the program office commits against it, Active ("Accepted") once
// it has, Resolved ("Code Complete and System Tested") when every
// commitment stands against it, Closed ("Validation Test Passed") once the
// revised plan is baselined, Closed "Abandoned" or "Rejected" when a later
// revision replaced it first. Its work item is recorded in
// Plan.RevisionTrackers. The read-back compares it with the plan and
// reports a difference as a Conflict: the plan records the commitments
// and baselines, not the tracker.
//
// Every item gets System.AreaPath and System.IterationPath when the options
// set them. Dates are sent as noon UTC of the plan's civil date, so that
// every time zone from UTC-11 to UTC+11 shows the same day. HTML fields are
// escaped text.
//
// # States
//
// New work items start in the initial state of their type (Proposed), as
// Azure Boards creates them, and the CMMI process allows only its own moves
// (there is no Proposed -> Resolved). So the creates and updates carry no
// System.State; after them come moves, one allowed step at a time, along
// the plan's lifecycles (which agree with the template): a resolved task
// is moved to Active ("Accepted"), then to Resolved with the plan's
// recorded reason. Intermediate steps carry their move's default reason;
// an item back in Proposed for a reason other than "New" makes the round
// trip through Active. The moves come in $batch calls of their own after
// the creates, all first steps before all second steps (Item.Step, Item.Of
// for an item the export creates); Client.Push sends no later step of an
// item whose create, update or earlier step failed. An update moves from
// the state Options.Current gives (the tracker's state now); without it,
// in one step to the plan's state and reason. Active and Resolved need an
// assignee in the CMMI process: requirements are assigned to
// Options.RequirementOwner, by default the plan's Release Manager. A
// reason a company added to its lifecycles (WithReasons) must also exist
// in its Azure Boards process, or the move is refused and reported as a
// Failure.
//
// # Existing items and idempotence
//
// A requirement or task whose backlog.TrackerRef names Azure Boards (System
// "Azure Boards", any case, or "azure-boards") is already entered: with
// Options.Existing Skip (the default) it is left out, with Update its fields
// are sent as a PATCH of the work item, preceded by
// {"op":"test","path":"/rev","value":N} when Options.Revisions holds its
// revision. Links are added at creation only: updating them needs the
// item's current relations, which this package does not read. Risks and
// issues have no tracker reference; their work item is recorded as the tag
// "azure-boards:<id>" (TagPrefix) in their Tags, never sent as a tag itself.
// After ApplyResults has recorded the IDs, Build with Skip produces no item
// at all.
//
// # Tracking back
//
// What people do in Azure Boards comes back into the plan: DecodeWorkItems
// reads the REST API's batch get answer (Client.Read fetches it for the
// plan's tracked items), ReadCSV the CSV file the web UI exports from a
// query, and Apply records, per work item, the moves that bring the plan
// item to the tracker's state and reason (through the plan's recorded
// transitions, by System.ChangedBy at System.ChangedDate), the assignee,
// and a task's remaining and completed work. An item that moved more than
// one step has each step recorded at its own time and by its own author:
// Client.Read reads the updates of those items (DecodeUpdates) into
// Tracked.Steps. A work item the plan cannot
// take (unknown ID, another type, a state or reason its lifecycle cannot
// reach, a value it cannot hold, an edit on both sides since
// ApplyOptions.Since) is reported as a Conflict and changes nothing.
//
// # Checked against the process
//
// The tests run every export path against an emulator of Azure DevOps
// (net/http/httptest) that enforces the CMMI process as its template
// defines it: the states, moves and reasons, the fields with their allowed
// values, the fields each state requires, one parent per work item. Its
// rules are the table testdata/cmmi-process.json, derived from the
// template's work item type definitions (the copies are named in it), and
// a test checks that the lifecycles of packages backlog and risk, and this
// package's Review and Change Request lifecycles, are the same moves with
// the same reasons. The emulator also serves each work item's updates and
// imports the CSV files as the web UI does (at most 1,000 work items a
// file, the Title 1, Title 2 hierarchy, new items in their initial
// state), and the CSV files of the tests are imported into it.
//
// # Order, temporary IDs and batches
//
// Items come in an order where every link points backwards: requirements
// (backlog order), tasks in topological order of their predecessors (ties
// in backlog order), risks, issues (log order), go/no-go reviews, change
// requests (by revision). Creates get the temporary
// IDs -1, -2, ... in that order, unique across the whole export. A create
// declares its ID with {"op":"add","path":"/id","value":-n}, and links to
// it name https://dev.azure.com/{org}/_apis/wit/workItems/-n. A link to an
// item of an earlier batch is rewritten with the real ID from
// PushResult.Assigned when the batch is rendered. A $batch call is not atomic:
// ApplyResults applies every item answered with 200 and reports the others
// with their IDs. The output is deterministic: the same plan and options
// give the same bytes.
//
// The package never logs, starts no goroutine and never reads the clock.
package azureboards
