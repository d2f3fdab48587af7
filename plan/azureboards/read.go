package azureboards

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// Errors of the read-back.
var (
	// ErrWorkItems: a batch get answer or a CSV export cannot be read.
	ErrWorkItems = validation.Sentinel(validation.ErrInvalid, "malformed work items")
	// ErrConflict: one or more work items could not be brought into the
	// plan (see *ConflictError).
	ErrConflict = validation.Sentinel(validation.ErrConflict, "tracker change refused")
)

// NoteFromTracker starts the Note of every change Apply records, followed
// by the work item and its revision ("Azure Boards #4711 rev 7"). Apply
// does not count such changes as local edits.
const NoteFromTracker = "Azure Boards #"

// Tracked is a work item as Azure Boards returns it: what the read-back
// brings into the plan.
type Tracked struct {
	// WorkItem is the ID; Rev the revision.
	WorkItem, Rev int
	// Type is the work item type, such as "Task"; empty when not given.
	Type string
	// Title is the title.
	Title string
	// State and Reason are System.State and System.Reason as text.
	State, Reason string
	// AssignedTo is the assignee as "Display Name <address>" (or the
	// name alone).
	AssignedTo string
	// RemainingWork and CompletedWork are in hours; nil when the item
	// does not carry them.
	RemainingWork, CompletedWork *float64
	// ChangedBy and ChangedDate say who changed the item last, and when.
	ChangedBy   string
	ChangedDate time.Time
	// Steps are the item's changes of state, oldest first, each with its
	// author and time, when read from its updates (DecodeUpdates;
	// Client.Read fetches them for the items that moved more than one
	// step from where the plan has them). Nil otherwise: Apply then
	// records every step at ChangedDate by ChangedBy.
	Steps []StateChange
}

// maxRead bounds the input of the decoders.
const maxRead = 256 << 20

// DecodeWorkItems reads work items as the REST API returns them: the
// answer of a batch get (POST {org}/{project}/_apis/wit/workitemsbatch,
// {"count":n,"value":[...]}), a bare array, or one work item. Identity
// fields may be strings or identity objects ({"displayName", "uniqueName"}).
// Any input gives items or an error wrapping ErrWorkItems with the index
// of the item at fault, never a panic.
func DecodeWorkItems(data []byte) ([]Tracked, error) {
	if len(data) > maxRead {
		return nil, fmt.Errorf("azureboards: %w: %d bytes, at most %d", ErrWorkItems, len(data), maxRead)
	}
	data = bytes.TrimSpace(data)
	var raw []json.RawMessage
	switch {
	case len(data) > 0 && data[0] == '[':
		if err := json.Unmarshal(data, &raw); err != nil {
			return nil, fmt.Errorf("azureboards: %w: %v", ErrWorkItems, err)
		}
	default:
		var env struct {
			Value  *[]json.RawMessage `json:"value"`
			ID     *int               `json:"id"`
			Fields json.RawMessage    `json:"fields"`
		}
		if err := json.Unmarshal(data, &env); err != nil {
			return nil, fmt.Errorf("azureboards: %w: %v", ErrWorkItems, err)
		}
		switch {
		case env.Value != nil:
			raw = *env.Value
		case env.ID != nil:
			raw = []json.RawMessage{data}
		default:
			return nil, fmt.Errorf("azureboards: %w: neither a \"value\" array nor a work item", ErrWorkItems)
		}
	}
	out := make([]Tracked, 0, len(raw))
	for i, r := range raw {
		var w struct {
			ID     int `json:"id"`
			Rev    int `json:"rev"`
			Fields struct {
				Type          *string         `json:"System.WorkItemType"`
				Title         *string         `json:"System.Title"`
				State         *string         `json:"System.State"`
				Reason        *string         `json:"System.Reason"`
				AssignedTo    json.RawMessage `json:"System.AssignedTo"`
				ChangedBy     json.RawMessage `json:"System.ChangedBy"`
				ChangedDate   *string         `json:"System.ChangedDate"`
				RemainingWork json.RawMessage `json:"Microsoft.VSTS.Scheduling.RemainingWork"`
				CompletedWork json.RawMessage `json:"Microsoft.VSTS.Scheduling.CompletedWork"`
			} `json:"fields"`
		}
		if err := json.Unmarshal(r, &w); err != nil {
			return nil, fmt.Errorf("azureboards: %w: value[%d]: %v", ErrWorkItems, i, err)
		}
		if w.ID <= 0 || w.ID > math.MaxInt32 {
			return nil, fmt.Errorf("azureboards: %w: value[%d]: work item ID %d is not a positive number", ErrWorkItems, i, w.ID)
		}
		t := Tracked{WorkItem: w.ID, Rev: w.Rev}
		f := &w.Fields
		for _, s := range []struct {
			src *string
			dst *string
		}{{f.Type, &t.Type}, {f.Title, &t.Title}, {f.State, &t.State}, {f.Reason, &t.Reason}} {
			if s.src != nil {
				*s.dst = *s.src
			}
		}
		var err error
		fail := func(field string) ([]Tracked, error) {
			return nil, fmt.Errorf("azureboards: %w: value[%d] (#%d): field %s: %v", ErrWorkItems, i, w.ID, field, err)
		}
		if f.AssignedTo != nil {
			if t.AssignedTo, err = identityValue(f.AssignedTo); err != nil {
				return fail(FieldAssignedTo)
			}
		}
		if f.ChangedBy != nil {
			if t.ChangedBy, err = identityValue(f.ChangedBy); err != nil {
				return fail("System.ChangedBy")
			}
		}
		if f.ChangedDate != nil {
			if t.ChangedDate, err = time.Parse(time.RFC3339, *f.ChangedDate); err != nil {
				return fail("System.ChangedDate")
			}
		}
		if f.RemainingWork != nil {
			if t.RemainingWork, err = hoursValue(f.RemainingWork); err != nil {
				return fail(FieldRemainingWork)
			}
		}
		if f.CompletedWork != nil {
			if t.CompletedWork, err = hoursValue(f.CompletedWork); err != nil {
				return fail(FieldCompletedWork)
			}
		}
		out = append(out, t)
	}
	return out, nil
}

// identityValue reads an identity: a string, or an identity object.
func identityValue(v json.RawMessage) (string, error) {
	v = bytes.TrimSpace(v)
	if len(v) > 0 && v[0] == '{' {
		var id struct {
			DisplayName string `json:"displayName"`
			UniqueName  string `json:"uniqueName"`
		}
		if err := json.Unmarshal(v, &id); err != nil {
			return "", err
		}
		switch {
		case id.UniqueName == "" || id.UniqueName == id.DisplayName:
			return strings.TrimSpace(id.DisplayName), nil
		case id.DisplayName == "":
			return strings.TrimSpace(id.UniqueName), nil
		}
		return Identity(id.DisplayName + " <" + id.UniqueName + ">"), nil
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return "", err
	}
	return Identity(s), nil
}

func hoursValue(v json.RawMessage) (*float64, error) {
	if string(bytes.TrimSpace(v)) == "null" {
		return nil, nil
	}
	var h float64
	if err := json.Unmarshal(v, &h); err != nil {
		return nil, err
	}
	return checkHours(h)
}

func checkHours(h float64) (*float64, error) {
	if math.IsNaN(h) || math.IsInf(h, 0) || h < 0 || h > 24*backlog.MaxWorkdays {
		return nil, fmt.Errorf("%v hours out of range", h)
	}
	return &h, nil
}

// ReadCSV reads the CSV file the web UI exports from a query (Boards >
// Queries > Export to CSV): a header row naming the columns as Azure Boards
// shows them, then one work item a row. It reads ID (required), Work Item
// Type, Title (or Title 1, Title 2 ...), State, Reason, Assigned To,
// Remaining Work, Completed Work, Changed By and Changed Date (RFC 3339,
// or the web UI's "1/2/2027 3:04:05 PM", taken as UTC); other columns are
// ignored. Any input gives items or an error wrapping ErrWorkItems with
// the line at fault, never a panic.
func ReadCSV(r io.Reader) ([]Tracked, error) {
	cr := csv.NewReader(io.LimitReader(r, maxRead))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("azureboards: %w: CSV header: %v", ErrWorkItems, err)
	}
	col := map[string]int{}
	var titles []int
	for k, h := range head {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if h == "Title" || strings.HasPrefix(h, "Title ") {
			titles = append(titles, k)
			continue
		}
		if _, dup := col[h]; !dup {
			col[h] = k
		}
	}
	idCol, ok := col["ID"]
	if !ok {
		return nil, fmt.Errorf("azureboards: %w: CSV header has no ID column", ErrWorkItems)
	}
	var out []Tracked
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("azureboards: %w: CSV: %v", ErrWorkItems, err)
		}
		cell := func(name string) string {
			if k, ok := col[name]; ok && k < len(rec) {
				return strings.TrimSpace(rec[k])
			}
			return ""
		}
		bad := func(format string, a ...any) error {
			return fmt.Errorf("azureboards: %w: CSV line %d: %s", ErrWorkItems, line, fmt.Sprintf(format, a...))
		}
		if idCol >= len(rec) {
			return nil, bad("no ID")
		}
		id, err := strconv.Atoi(strings.TrimSpace(rec[idCol]))
		if err != nil || id <= 0 || id > math.MaxInt32 {
			return nil, bad("ID %q is not a positive number", clip(rec[idCol]))
		}
		t := Tracked{WorkItem: id, Type: cell("Work Item Type"), State: cell("State"), Reason: cell("Reason"),
			AssignedTo: Identity(cell("Assigned To")), ChangedBy: Identity(cell("Changed By"))}
		for _, k := range titles {
			if k < len(rec) && strings.TrimSpace(rec[k]) != "" {
				t.Title = strings.TrimSpace(rec[k])
				break
			}
		}
		if s := cell("Rev"); s != "" {
			if t.Rev, err = strconv.Atoi(s); err != nil {
				return nil, bad("Rev %q is not a number", clip(s))
			}
		}
		for _, w := range []struct {
			name string
			dst  **float64
		}{{"Remaining Work", &t.RemainingWork}, {"Completed Work", &t.CompletedWork}} {
			if s := cell(w.name); s != "" {
				f, err := strconv.ParseFloat(s, 64)
				if err != nil {
					return nil, bad("%s %q is not a number", w.name, clip(s))
				}
				h, err := checkHours(f)
				if err != nil {
					return nil, bad("%s %q: %v", w.name, clip(s), err)
				}
				*w.dst = h
			}
		}
		if s := cell("Changed Date"); s != "" {
			d, err := parseChanged(s)
			if err != nil {
				return nil, bad("Changed Date %q is not a date", clip(s))
			}
			t.ChangedDate = d
		}
		out = append(out, t)
	}
	return out, nil
}

func parseChanged(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "1/2/2006 3:04:05 PM", "1/2/2006 3:04 PM", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("no known layout")
}

// ApplyOptions shape how Apply brings the tracker's state into the plan.
type ApplyOptions struct {
	// HoursPerDay converts the tracker's hours into workdays; zero means
	// the plan calendar's hours per day (as for the export).
	HoursPerDay float64
	// Since is when the plan and the tracker were last in step (the last
	// push or read-back). A work item changed in the tracker after it
	// whose plan item also has a change recorded after it (other than one
	// Apply recorded) is a conflict: edited on both sides. Zero means no
	// such check.
	Since time.Time
	// By and At stand in for a work item without System.ChangedBy or
	// System.ChangedDate (a CSV export without those columns).
	By string
	At time.Time
}

// Applied is a work item whose changes the plan took.
type Applied struct {
	Kind Kinds
	// ID is the plan's ID; WorkItem the tracker's.
	ID       string
	WorkItem int
	// Changes say what changed, such as "state Active -> Resolved
	// (Complete and Requires Review/Test)" or "remaining work 2 -> 1".
	Changes []string
}

// Conflict is a work item the plan did not take; nothing of it changed.
type Conflict struct {
	// Kind and ID name the plan item, when known: a work item the plan
	// does not know has no Kind (printed "unknown") and no ID.
	Kind Kinds
	ID   string
	// WorkItem is the tracker's ID.
	WorkItem int
	// Err says why: it wraps validation.ErrNotFound for an unknown work
	// item, validation.ErrConflict for a move the plan's lifecycle refuses
	// or an item edited on both sides, validation.ErrInvalid for a value
	// the plan cannot hold.
	Err error
}

// ApplyResult says what Apply did.
type ApplyResult struct {
	// Applied are the work items whose changes the plan took, in input
	// order.
	Applied []Applied
	// Unchanged counts the work items that agreed with the plan.
	Unchanged int
	// Conflicts are the work items refused, in input order.
	Conflicts []Conflict
}

// ConflictError lists the work items Apply refused; the others were
// applied.
type ConflictError struct {
	Conflicts []Conflict
}

// Error lists the refused work items.
func (e *ConflictError) Error() string {
	return itemList("not applied", e.Conflicts, func(b *strings.Builder, c Conflict) {
		fmt.Fprintf(b, " #%d", c.WorkItem)
		if c.ID != "" {
			fmt.Fprintf(b, " (%s)", c.ID)
		}
		fmt.Fprintf(b, ": %v", c.Err)
	})
}

// Unwrap returns ErrConflict.
func (e *ConflictError) Unwrap() error { return ErrConflict }

// Apply brings the tracker's state back into the plan: for each work item
// the plan knows (by the tracker reference of a requirement or task, the
// TagPrefix tag of a risk or issue) it records the moves that take the
// plan item to the tracker's state and reason along the plan's lifecycle
// (TransitionBacklog, TransitionRisk; several moves when the tracker went
// further than one step, the last with the tracker's reason), and the
// tracker's assignee and, for tasks, remaining and completed work (hours
// into workdays), with who and when from System.ChangedBy and
// System.ChangedDate and the note NoteFromTracker+ID. A work item is
// refused whole, and reported as a Conflict, when it is unknown to the
// plan, of another type, in a state or with a reason the plan's
// lifecycle cannot reach (the moves and their reasons are drawn in the
// module's docs/lifecycles.md; a company's own reasons come in through
// lifecycle.Machine.WithReasons), with a value the plan cannot hold, or
// edited on both sides since opts.Since; its plan item is left as it was.
//
// An assignee is a change only when the tracker names another person
// (the rule is at Identity): the tracker's "Tom Becker
// <tom@contoso.com>" leaves the plan's "Tom Becker" as it is. Another
// person is recorded in the form the plan already uses for them (a task
// assignee, risk or issue owner the rule takes for the same person),
// else as the tracker gives them.
//
// A Review (a go/no-go review's work item) comes back as a vote: when the
// person who changed it (System.ChangedBy) is an approver who has not
// voted, and the vote its state stands for (Closed "Accepted (as is)" go,
// Resolved "Accepted with Minor Changes" go with conditions, Resolved
// "Accepted with Major Changes" no-go) gives the review that outcome, the
// vote is cast with Plan.CastVote, which refuses what the plan refuses.
// A Change Request (a revision of the committed plan) is compared with
// the state the plan gives it (ChangeRequest.State); a difference is a
// Conflict, since the plan records the commitments and baselines that
// make that state. The error is a *ConflictError (errors.Is ErrConflict)
// when any item was refused; the ApplyResult is complete all the same
// (Applied holds the items taken, Conflicts the same refusals as the
// error), so a caller reports both and need not retry the applied items.
func Apply(p *plan.Plan, items []Tracked, opts ApplyOptions) (ApplyResult, error) {
	if p == nil || p.Backlog == nil {
		return ApplyResult{}, fmt.Errorf("azureboards: %w: nil plan", ErrOptions)
	}
	a := applier{p: p, opts: opts, byItem: map[int]idKey{}, kind: map[idKey]Kinds{}}
	if a.opts.HoursPerDay == 0 {
		cal := p.Calendar
		if cal == nil {
			cal = calendar.Standard()
		}
		a.opts.HoursPerDay = cal.HoursPerDay()
	}
	if !(a.opts.HoursPerDay > 0 && a.opts.HoursPerDay <= 24) {
		return ApplyResult{}, fmt.Errorf("azureboards: %w: hours per day %v out of range (0, 24]", ErrOptions, a.opts.HoursPerDay)
	}
	a.index()
	var res ApplyResult
	for _, t := range items {
		changes, c := a.apply(t)
		switch {
		case c != nil:
			res.Conflicts = append(res.Conflicts, *c)
		case len(changes) == 0:
			res.Unchanged++
		default:
			k := a.byItem[t.WorkItem]
			res.Applied = append(res.Applied, Applied{Kind: a.kind[k], ID: k.id, WorkItem: t.WorkItem, Changes: changes})
		}
	}
	if len(res.Conflicts) > 0 {
		return res, &ConflictError{Conflicts: res.Conflicts}
	}
	return res, nil
}

type applier struct {
	p      *plan.Plan
	opts   ApplyOptions
	byItem map[int]idKey
	kind   map[idKey]Kinds
	// edited is the time of the latest local change of each plan item.
	edited map[string]time.Time
	// changes are the plan's change requests by revision, once read.
	changes map[int]ChangeRequest
	// known indexes the identities the plan holds, once read (see
	// planForm).
	known *peopleIndex
}

func (a *applier) index() {
	for _, r := range a.p.Backlog.Requirements() {
		if id := trackerID(r.Tracker); id > 0 {
			a.byItem[id], a.kind[bk(r.ID)] = bk(r.ID), Requirements
		}
	}
	for _, t := range a.p.Backlog.Tasks() {
		if id := trackerID(t.Tracker); id > 0 {
			a.byItem[id], a.kind[bk(t.ID)] = bk(t.ID), Tasks
		}
	}
	if a.p.Risks != nil {
		for _, r := range a.p.Risks.Risks() {
			if id := tagID(r.Tags); id > 0 {
				a.byItem[id], a.kind[lk(r.ID)] = lk(r.ID), Risks
			}
		}
		for _, is := range a.p.Risks.Issues() {
			if id := tagID(is.Tags); id > 0 {
				a.byItem[id], a.kind[lk(is.ID)] = lk(is.ID), Issues
			}
		}
	}
	for _, d := range a.p.Decisions {
		if id := trackerID(d.Tracker); id > 0 {
			a.byItem[id], a.kind[rk(d.ID)] = rk(d.ID), Reviews
		}
	}
	for _, t := range a.p.RevisionTrackers {
		if id := trackerID(t.Tracker); id > 0 {
			k := ck(changeRequestIDPrefix + strconv.Itoa(t.Revision))
			a.byItem[id], a.kind[k] = k, ChangeRequests
		}
	}
	if !a.opts.Since.IsZero() {
		a.edited = map[string]time.Time{}
		for _, ev := range a.p.History {
			if ev.Subject != "" && ev.At.After(a.edited[ev.Subject]) && !strings.HasPrefix(ev.Note, NoteFromTracker) {
				a.edited[ev.Subject] = ev.At
			}
		}
	}
}

// state is the plan's view of an item: type, state, reason, assignee.
type state struct {
	typ      string
	m        *lifecycle.Machine[workitem.State]
	state    workitem.State
	reason   lifecycle.Reason
	assignee string
	task     *backlog.Task
}

func (a *applier) current(k idKey, kind Kinds) (state, bool) {
	rm, tm := a.p.Backlog.Lifecycles()
	switch kind {
	case Requirements:
		r, ok := a.p.Backlog.Requirement(k.id)
		return state{typ: TypeRequirement, m: rm, state: r.State, reason: r.Reason}, ok
	case Tasks:
		t, ok := a.p.Backlog.Task(k.id)
		return state{typ: TypeTask, m: tm, state: t.State, reason: t.Reason, assignee: t.Assignee, task: &t}, ok
	}
	if a.p.Risks == nil {
		return state{}, false
	}
	riskM, issueM := a.p.Risks.Lifecycles()
	if kind == Risks {
		r, ok := a.p.Risks.Risk(k.id)
		return state{typ: TypeRisk, m: riskM, state: r.State, reason: r.Reason, assignee: r.Owner}, ok
	}
	is, ok := a.p.Risks.Issue(k.id)
	return state{typ: TypeIssue, m: issueM, state: is.State, reason: is.Reason, assignee: is.Owner}, ok
}

// refuser makes the Conflict of a work item the plan does not take.
type refuser func(kindErr error, format string, args ...any) ([]string, *Conflict)

// change is who and when of the tracker's change to item k, with the
// note NoteFromTracker+ID; a conflict when they are unknown, or when the
// item was edited on both sides since ApplyOptions.Since.
func (a *applier) change(k idKey, t Tracked, refuse refuser) (lifecycle.Change, *Conflict) {
	ch := lifecycle.Change{By: t.ChangedBy, At: t.ChangedDate, Note: fmt.Sprintf("%s%d rev %d", NoteFromTracker, t.WorkItem, t.Rev)}
	if ch.By == "" {
		ch.By = a.opts.By
	}
	if ch.At.IsZero() {
		ch.At = a.opts.At
	}
	if err := ch.Check(); err != nil {
		_, c := refuse(validation.ErrRequired, "the change has no author or time (System.ChangedBy, System.ChangedDate; or ApplyOptions.By and At)")
		return ch, c
	}
	if a.edited != nil && t.ChangedDate.After(a.opts.Since) && a.edited[k.id].After(a.opts.Since) {
		_, c := refuse(validation.ErrConflict, "edited on both sides since %s: in the tracker on %s, in the plan on %s",
			a.opts.Since.Format(time.RFC3339), t.ChangedDate.Format(time.RFC3339), a.edited[k.id].Format(time.RFC3339))
		return ch, c
	}
	return ch, nil
}

// apply brings one work item into the plan: the changes made, or the
// conflict (and then nothing changed).
func (a *applier) apply(t Tracked) ([]string, *Conflict) {
	k, ok := a.byItem[t.WorkItem]
	if !ok {
		return nil, &Conflict{WorkItem: t.WorkItem, Err: validation.Sentinel(validation.ErrNotFound, fmt.Sprintf("work item %d is no item of the plan", t.WorkItem))}
	}
	kind := a.kind[k]
	var refuse refuser = func(kindErr error, format string, args ...any) ([]string, *Conflict) {
		return nil, &Conflict{Kind: kind, ID: k.id, WorkItem: t.WorkItem, Err: validation.Sentinel(kindErr, fmt.Sprintf(format, args...))}
	}
	switch kind {
	case Reviews:
		return a.applyReview(k, t, refuse)
	case ChangeRequests:
		return a.applyChangeRequest(k, t, refuse)
	}
	cur, ok := a.current(k, kind)
	if !ok {
		return refuse(validation.ErrNotFound, "%s is no longer in the plan", k.id)
	}
	if t.Type != "" && t.Type != cur.typ {
		return refuse(validation.ErrConflict, "work item %d is a %s, the plan's %s a %s", t.WorkItem, clip(t.Type), k.id, cur.typ)
	}
	// The target state and the moves to it, checked before anything
	// changes.
	var steps []move
	if t.State != "" {
		to, err := workitem.Parse(t.State)
		if err != nil {
			return refuse(validation.ErrInvalid, "state %q is not a CMMI state the plan can hold", clip(t.State))
		}
		reason := lifecycle.Reason(t.Reason)
		steps = path(cur.m, cur.state, cur.reason, to, reason)
		from := cur.state
		for i, st := range steps {
			if _, err := cur.m.Check(from, st.to, st.reason); err != nil {
				return refuse(validation.ErrConflict, "the plan's lifecycle cannot follow the tracker from %s to %s (%s): %v", cur.state, to, clip(t.Reason), err)
			}
			if i == len(steps)-1 && reason != "" && st.reason != reason {
				return refuse(validation.ErrConflict, "the plan's lifecycle has no move into %s for the reason %q (allowed from %s: %s)", to, clip(t.Reason), from, reasonList(cur.m.Reasons(from, st.to)))
			}
			from = st.to
		}
	}
	// The tracker's own dates and authors of each step, when its history
	// gives them and fits the plan's lifecycle.
	var timed []timedMove
	if len(steps) > 0 && len(t.Steps) > 0 {
		timed = fromHistory(cur.m, cur.state, cur.reason, t)
	}
	fromHist := timed != nil
	if timed == nil {
		timed = make([]timedMove, len(steps))
		for i, st := range steps {
			timed[i] = timedMove{move: st}
		}
	}
	// The fields.
	var changes []string
	assignee, newAssignee := cur.assignee, false
	if t.AssignedTo != "" && !samePerson(cur.assignee, t.AssignedTo) && kind != Requirements {
		assignee, newAssignee = a.planForm(t.AssignedTo), true
	}
	var task backlog.Task
	if cur.task != nil {
		task = cur.task.Clone()
	}
	workChanged := false
	if kind == Tasks {
		h := a.opts.HoursPerDay
		if t.RemainingWork != nil && math.Abs(*t.RemainingWork-hours(remaining(&task), h)) >= 0.005 {
			changes = append(changes, fmt.Sprintf("remaining work %v -> %v hours", hours(remaining(&task), h), *t.RemainingWork))
			task.RemainingWork = *t.RemainingWork / h
			workChanged = true
		}
		if t.CompletedWork != nil && math.Abs(*t.CompletedWork-hours(task.CompletedWork, h)) >= 0.005 {
			changes = append(changes, fmt.Sprintf("completed work %v -> %v hours", hours(task.CompletedWork, h), *t.CompletedWork))
			task.CompletedWork = *t.CompletedWork / h
			workChanged = true
		}
	}
	if newAssignee {
		changes = append(changes, fmt.Sprintf("assignee %q -> %q", cur.assignee, assignee))
	}
	if len(timed) == 0 && len(changes) == 0 {
		return nil, nil
	}
	ch, c := a.change(k, t, refuse)
	if c != nil {
		return nil, c
	}
	// Apply: the fields first (a refusal there changes nothing), then
	// the moves, already checked against the lifecycle. Moves at their
	// own (earlier) times come first, so that the plan's history stays in
	// time order; the fields follow at the item's last change.
	applyFields := func() error {
		if !newAssignee && !workChanged {
			return nil
		}
		switch kind {
		case Tasks:
			now, _ := a.p.Backlog.Task(k.id)
			now.Assignee, now.RemainingWork, now.CompletedWork = assignee, task.RemainingWork, task.CompletedWork
			return a.p.UpdateTask(now, ch)
		case Risks:
			r, _ := a.p.Risks.Risk(k.id)
			r.Owner = assignee
			return a.p.UpdateRisk(r, ch)
		case Issues:
			is, _ := a.p.Risks.Issue(k.id)
			is.Owner = assignee
			return a.p.UpdateIssue(is, ch)
		}
		return nil
	}
	if !fromHist {
		if err := applyFields(); err != nil {
			return refuse(validation.ErrInvalid, "the plan refuses the tracker's values: %v", err)
		}
	}
	from := cur.state
	for _, st := range timed {
		c := ch
		c.Reason = st.reason
		if st.by != "" {
			c.By = st.by
		}
		if !st.at.IsZero() {
			c.At = st.at
		}
		if st.rev > 0 {
			c.Note = fmt.Sprintf("%s%d rev %d", NoteFromTracker, t.WorkItem, st.rev)
		}
		var err error
		if kind == Requirements || kind == Tasks {
			err = a.p.TransitionBacklog(k.id, st.to, c)
		} else {
			err = a.p.TransitionRisk(k.id, st.to, c)
		}
		if err != nil {
			// Checked above; a plan rule refused it after the fields or
			// earlier moves were taken. Report it: what was applied
			// stays recorded.
			return changes, &Conflict{Kind: kind, ID: k.id, WorkItem: t.WorkItem, Err: fmt.Errorf("azureboards: move %s -> %s refused by the plan after the item's other changes were taken: %w", from, st.to, err)}
		}
		changes = append(changes, fmt.Sprintf("state %s -> %s (%s)", from, st.to, st.reason))
		from = st.to
	}
	if fromHist {
		if err := applyFields(); err != nil {
			return changes, &Conflict{Kind: kind, ID: k.id, WorkItem: t.WorkItem, Err: fmt.Errorf("azureboards: the tracker's values refused by the plan after the moves were taken: %w", err)}
		}
	}
	return changes, nil
}

// reasonList joins reasons for a message, quoted as the tracker spells
// them.
func reasonList(rs []lifecycle.Reason) string {
	q := make([]string, len(rs))
	for i, r := range rs {
		q[i] = strconv.Quote(string(r))
	}
	return strings.Join(q, ", ")
}
