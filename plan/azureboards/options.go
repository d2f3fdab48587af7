package azureboards

import (
	"errors"
	"fmt"
	"strings"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// System is the name written into backlog.TrackerRef.System for items
// entered in Azure Boards. Reading, the package also recognises
// "azure-boards" and any other spelling that differs only in case, spaces
// and hyphens.
const System = "Azure Boards"

// TagPrefix marks the tag that records a risk's or an issue's work item
// in its Tags ("azure-boards:4711"): risk.Risk and risk.Issue have no
// tracker reference of their own. The tag is never sent to Azure Boards as
// a tag.
const TagPrefix = "azure-boards:"

// MaxBatchItems is the most requests one $batch call carries: the limit
// Azure DevOps Services enforces on the work item $batch endpoint.
const MaxBatchItems = 200

// MaxCSVItems is the most work items one CSV file carries: the limit of
// Azure Boards' CSV import.
const MaxCSVItems = 1000

// DefaultBaseURL is the address of Azure DevOps Services.
const DefaultBaseURL = "https://dev.azure.com"

// Errors of the package. They are returned wrapped, with the detail.
var (
	// ErrOptions: the options are incomplete or out of range.
	ErrOptions = validation.Sentinel(validation.ErrInvalid, "invalid options")
	// ErrCycle: the tasks' dependencies form a cycle, so no order puts
	// every predecessor first.
	ErrCycle = validation.Sentinel(validation.ErrInvalid, "dependency cycle")
	// ErrUnresolved: a request refers to a temporary ID of an earlier
	// batch whose real ID is not known yet.
	ErrUnresolved = validation.Sentinel(validation.ErrNotFound, "unresolved temporary ID")
	// ErrMalformedItem: an Item whose links do not match its patch (one
	// not made by Build, or changed since).
	ErrMalformedItem = validation.Sentinel(validation.ErrInvalid, "malformed item")
	// ErrResponse: a $batch response cannot be read.
	ErrResponse = errors.New("malformed $batch response")
	// ErrItemFailed: Azure Boards refused one or more items of a batch
	// (see *BatchError).
	ErrItemFailed = errors.New("work item refused")
	// ErrTooManyItems: more items than one CSV file may carry.
	ErrTooManyItems = validation.Sentinel(validation.ErrOutOfRange, "too many items for one CSV import")
	// ErrHTTP: the $batch endpoint answered with an HTTP error status.
	ErrHTTP = errors.New("HTTP error from Azure DevOps")
)

// Kinds selects which kinds of plan item an export carries. It is a set of
// bits; the zero Kinds means AllKinds.
type Kinds uint8

// The kinds of item.
const (
	// Requirements: backlog requirements, as "Requirement" work items.
	Requirements Kinds = 1 << iota
	// Tasks: backlog tasks, as "Task" work items.
	Tasks
	// Risks: the risk log, as "Risk" work items.
	Risks
	// Issues: the issue log, as "Issue" work items.
	Issues
	// Reviews: the go/no-go reviews (plan.Decision), as "Review" work
	// items.
	Reviews
	// ChangeRequests: the revisions of the committed plan (see
	// ChangeRequestsOf), as "Change Request" work items.
	ChangeRequests

	// AllKinds is every kind: the backlog, the risk and issue logs, the
	// go/no-go reviews and the change requests.
	AllKinds = Requirements | Tasks | Risks | Issues | Reviews | ChangeRequests
)

// Has reports whether k includes every kind of o.
func (k Kinds) Has(o Kinds) bool { return k&o == o }

// String lists the kinds, such as "requirements|tasks"; no kind at all
// (the Kind of a Conflict for a work item the plan does not know) is
// "unknown".
func (k Kinds) String() string {
	var parts []string
	for _, x := range []struct {
		k Kinds
		s string
	}{{Requirements, "requirements"}, {Tasks, "tasks"}, {Risks, "risks"}, {Issues, "issues"}, {Reviews, "reviews"}, {ChangeRequests, "change-requests"}} {
		if k.Has(x.k) {
			parts = append(parts, x.s)
		}
	}
	if len(parts) == 0 {
		return "unknown"
	}
	return strings.Join(parts, "|")
}

// Existing says what to do with items already entered in Azure Boards.
type Existing uint8

const (
	// Skip leaves items with an Azure Boards reference out (the zero
	// value): pushing a plan twice creates nothing the second time.
	Skip Existing = iota
	// Update sends their fields (state and reason included) as a PATCH of
	// the work item; links are set at creation only.
	Update
)

// String returns "skip" or "update".
func (e Existing) String() string {
	switch e {
	case Skip:
		return "skip"
	case Update:
		return "update"
	}
	return fmt.Sprintf("Existing(%d)", uint8(e))
}

// Span is a task's scheduled start and finish, sent as
// Microsoft.VSTS.Scheduling.StartDate and FinishDate. Either may be zero.
type Span struct {
	// Start is the first day of the task.
	Start calendar.Date
	// Finish is its last day.
	Finish calendar.Date
}

// Options shape an export. Organization and Project are required; every
// other field has a documented default.
type Options struct {
	// Organization is the Azure DevOps organization, as in
	// https://dev.azure.com/{organization}.
	Organization string
	// Project is the project name or ID.
	Project string
	// BaseURL is the service address; empty means DefaultBaseURL. An Azure
	// DevOps Server collection URL (https://tfs.contoso.com/tfs) works too.
	BaseURL string
	// AreaPath, when set, is sent as System.AreaPath on every item.
	AreaPath string
	// IterationPath, when set, is sent as System.IterationPath on every
	// item.
	IterationPath string
	// HoursPerDay converts workdays into the hours Azure Boards counts
	// work in; zero means the plan calendar's hours per day (8 for the
	// standard calendar).
	HoursPerDay float64
	// Kinds selects what is exported; zero means AllKinds.
	Kinds Kinds
	// Existing says whether items already entered are skipped (default)
	// or updated.
	Existing Existing
	// Revisions, optional, maps work item IDs to the revision the caller
	// last read: updates of those items start with
	// {"op":"test","path":"/rev","value":N}, so that Azure Boards refuses
	// them if someone changed the item meanwhile.
	Revisions map[int]int
	// Current, optional, maps work item IDs to the state each item has in
	// Azure Boards now (as Read returns it): an update then moves the item
	// from there to the plan's state along allowed moves. Without an
	// entry the update sends the plan's state and reason as one move,
	// which Azure Boards refuses when its process has no such move.
	Current map[int]workitem.State
	// Schedule, optional, maps task IDs to their scheduled dates, such as
	// the early start and finish of plan.Schedule. A task ID the backlog
	// does not hold is an error (ErrOptions).
	Schedule map[string]Span
	// Scheduled sends every task's dates as the plan's scheduler places
	// them (plan.Plan.Schedule, the dates to plan with): a plan that
	// cannot be scheduled makes Build and the CSV writers return the
	// scheduler's error instead of leaving the dates out. Entries of
	// Schedule take precedence.
	Scheduled bool
	// BatchSize is the number of requests per $batch call, 1 to
	// MaxBatchItems; zero means MaxBatchItems.
	BatchSize int
	// RequirementTypes overrides the Microsoft.VSTS.CMMI.RequirementType
	// of requirement categories (see RequirementType).
	RequirementTypes map[backlog.Category]string
	// RequirementOwner is the System.AssignedTo of requirements (the CMMI
	// process requires an assignee in Active and Resolved); empty means
	// the first person in the plan's Release Manager role.
	RequirementOwner string
	// Disciplines maps disciplines outside the CMMI five (such as
	// "marketing") to a value of the project's Discipline field. Without
	// an entry such a discipline is sent as a tag instead.
	Disciplines map[backlog.Discipline]string
}

// normalized checks o and fills in the defaults.
// Organization and Project are required when forREST is set (the CSV
// import does not need them).
func (o Options) normalized(hoursPerDay float64, forREST bool) (Options, error) {
	var bad []string
	if forREST && (strings.TrimSpace(o.Organization) == "" || strings.ContainsAny(o.Organization, "/?#")) {
		bad = append(bad, "organization is required and may not contain /, ? or #")
	}
	if forREST && (strings.TrimSpace(o.Project) == "" || strings.ContainsAny(o.Project, "/?#")) {
		bad = append(bad, "project is required and may not contain /, ? or #")
	}
	if o.BaseURL == "" {
		o.BaseURL = DefaultBaseURL
	}
	o.BaseURL = strings.TrimRight(o.BaseURL, "/")
	if !strings.HasPrefix(o.BaseURL, "https://") && !strings.HasPrefix(o.BaseURL, "http://") {
		bad = append(bad, "base URL must be http(s)")
	}
	if o.HoursPerDay == 0 {
		o.HoursPerDay = hoursPerDay
	}
	if !(o.HoursPerDay > 0 && o.HoursPerDay <= 24) {
		bad = append(bad, fmt.Sprintf("hours per day %v out of range (0, 24]", o.HoursPerDay))
	}
	if o.Kinds == 0 {
		o.Kinds = AllKinds
	}
	if o.Kinds&^AllKinds != 0 {
		bad = append(bad, fmt.Sprintf("unknown kinds %#x", uint8(o.Kinds&^AllKinds)))
	}
	if o.Existing > Update {
		bad = append(bad, "unknown existing-item mode "+o.Existing.String())
	}
	if o.BatchSize == 0 {
		o.BatchSize = MaxBatchItems
	}
	if o.BatchSize < 1 || o.BatchSize > MaxBatchItems {
		bad = append(bad, fmt.Sprintf("batch size %d out of range 1..%d", o.BatchSize, MaxBatchItems))
	}
	if len(bad) > 0 {
		return o, fmt.Errorf("azureboards: %w: %s", ErrOptions, strings.Join(bad, "; "))
	}
	return o, nil
}

// workItemURL is the API address of a work item, as relations name it.
func (o *Options) workItemURL(id int) string {
	return fmt.Sprintf("%s/%s/_apis/wit/workItems/%d", o.BaseURL, o.Organization, id)
}

// webURL is the address of a work item in the web UI.
func (o *Options) webURL(id int) string {
	return fmt.Sprintf("%s/%s/%s/_workitems/edit/%d", o.BaseURL, o.Organization, urlPath(o.Project), id)
}
