package azureboards

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/resource"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

// Reasons of the CMMI Change Request lifecycle, as the template names them
// (see testdata/cmmi-process.json for the sources).
const (
	ReasonChangeNew                   lifecycle.Reason = "New"
	ReasonChangeAccepted              lifecycle.Reason = "Accepted"
	ReasonChangeInvestigate           lifecycle.Reason = "Investigate"
	ReasonChangeRejected              lifecycle.Reason = "Rejected"
	ReasonChangeInvestigationComplete lifecycle.Reason = "Investigation Complete"
	ReasonChangeCodeCompleteTested    lifecycle.Reason = "Code Complete and System Tested"
	ReasonChangeAbandoned             lifecycle.Reason = "Abandoned"
	ReasonChangeOutOfScope            lifecycle.Reason = "Out of Scope"
	ReasonChangeValidationTestFailed  lifecycle.Reason = "Validation Test Failed"
	ReasonChangeValidationTestPassed  lifecycle.Reason = "Validation Test Passed"
	ReasonChangeClosedInError         lifecycle.Reason = "Closed in Error"
)

// changeRequestIDPrefix starts the plan ID of a change request.
const changeRequestIDPrefix = "revision-"

// changeMachine is the CMMI Change Request lifecycle: created Proposed.
var changeMachine = lifecycle.MustNew("change request", workitem.Proposed, []lifecycle.Reason{ReasonChangeNew},
	lifecycle.Rule[workitem.State]{From: workitem.Proposed, To: workitem.Active, Reasons: []lifecycle.Reason{ReasonChangeAccepted, ReasonChangeInvestigate}},
	lifecycle.Rule[workitem.State]{From: workitem.Proposed, To: workitem.Closed, Reasons: []lifecycle.Reason{ReasonChangeRejected}},
	lifecycle.Rule[workitem.State]{From: workitem.Active, To: workitem.Proposed, Reasons: []lifecycle.Reason{ReasonChangeInvestigationComplete}},
	lifecycle.Rule[workitem.State]{From: workitem.Active, To: workitem.Resolved, Reasons: []lifecycle.Reason{ReasonChangeCodeCompleteTested}},
	lifecycle.Rule[workitem.State]{From: workitem.Active, To: workitem.Closed, Reasons: []lifecycle.Reason{ReasonChangeAbandoned, ReasonChangeOutOfScope}},
	lifecycle.Rule[workitem.State]{From: workitem.Resolved, To: workitem.Active, Reasons: []lifecycle.Reason{ReasonChangeValidationTestFailed}},
	lifecycle.Rule[workitem.State]{From: workitem.Resolved, To: workitem.Closed, Reasons: []lifecycle.Reason{ReasonChangeValidationTestPassed}},
	lifecycle.Rule[workitem.State]{From: workitem.Closed, To: workitem.Active, Reasons: []lifecycle.Reason{ReasonChangeClosedInError}},
)

// ChangeRequestLifecycle returns the CMMI Change Request lifecycle the
// export moves the revisions of a committed plan along.
func ChangeRequestLifecycle() *lifecycle.Machine[workitem.State] { return changeMachine }

// ChangeRequest is a revision of a committed plan, as a CMMI Change
// Request carries it: a change to a baseline that the program office has
// committed to (Plan.Revise after a commitment was given or a baseline
// taken), analysed against that baseline and accepted by the program
// office's commitments against the new revision.
type ChangeRequest struct {
	// Revision is the plan revision.
	Revision int
	// Started is the event of Plan.Revise that started it: who, when,
	// the reason and the note (why the plan changed).
	Started plan.Event
	// Baseline names the committed plan the revision changes: the latest
	// baseline taken before the revision started; empty when none was
	// (the plan was committed through commitments only).
	Baseline string
	// Commitments counts the commitments the program office gave or
	// reconfirmed against the revision (commitment events to Committed
	// while it was the plan's revision).
	Commitments int
	// AllCommitted is true when the revision is the plan's current one
	// and every committed commitment stands against it (none still
	// awaits reconfirmation from an older revision).
	AllCommitted bool
	// Baselined names the first baseline taken of the revision; empty
	// when none was.
	Baselined string
	// Superseded is true when a later revision has started.
	Superseded bool
	// Requirements and Tasks are the IDs of the requirements and tasks
	// the revision added, removed or changed against Baseline (progress
	// such as state, remaining work and tracker references is no
	// change), in document order.
	Requirements, Tasks []string
	// Differences are those changes, as plan.DiffJSON finds them; empty
	// without a Baseline, or for a superseded revision never baselined
	// (its content is gone).
	Differences []plan.Difference
}

// ID is the plan ID the export gives the change request: "revision-" and
// the revision number.
func (c ChangeRequest) ID() string { return changeRequestIDPrefix + strconv.Itoa(c.Revision) }

// State returns the state and reason of the change request, from what
// the plan records of its revision:
//
//   - baselined (the revised plan was baselined): Closed, "Validation Test
//     Passed" (through Active "Accepted" and Resolved "Code Complete and
//     System Tested");
//   - the current revision, every commitment standing against it:
//     Resolved, "Code Complete and System Tested";
//   - the current revision with some commitment against it: Active,
//     "Accepted";
//   - the current revision with none: Proposed, "New";
//   - superseded by a later revision before being baselined: Closed,
//     "Abandoned" when the program office had committed against it,
//     otherwise Closed, "Rejected".
func (c ChangeRequest) State() (workitem.State, lifecycle.Reason) {
	switch {
	case c.Baselined != "":
		return workitem.Closed, ReasonChangeValidationTestPassed
	case c.Superseded && c.Commitments > 0:
		return workitem.Closed, ReasonChangeAbandoned
	case c.Superseded:
		return workitem.Closed, ReasonChangeRejected
	case c.Commitments > 0 && c.AllCommitted:
		return workitem.Resolved, ReasonChangeCodeCompleteTested
	case c.Commitments > 0:
		return workitem.Active, ReasonChangeAccepted
	}
	return workitem.Proposed, ReasonChangeNew
}

// ChangeRequestsOf returns the revisions of the committed plan, oldest
// first: every revision started (an EventRevision in the plan's history)
// after the plan was first committed - a commitment given (an
// EventCommitment to Committed) or a baseline taken. A revision started
// before that is the plan still being drawn up, no change request. The
// differences of each revision are taken between the latest baseline
// before it and its own first baseline, or the plan as it is for the
// current revision. The error is from reading a baseline's snapshot.
func ChangeRequestsOf(p *plan.Plan) ([]ChangeRequest, error) {
	if p == nil {
		return nil, plan.ErrNilPlan
	}
	committedState := resource.Committed.String()
	var out []ChangeRequest
	committed := false
	cur := -1
	for _, ev := range p.History {
		switch ev.Kind {
		case plan.EventRevision:
			cur = -1
			if committed && ev.Revision > 0 && (len(out) == 0 || out[len(out)-1].Revision < ev.Revision) {
				out = append(out, ChangeRequest{Revision: ev.Revision, Started: ev, Superseded: ev.Revision < p.Revision})
				cur = len(out) - 1
			}
		case plan.EventCommitment:
			if ev.To != committedState {
				continue
			}
			committed = true
			if cur >= 0 && ev.Revision == out[cur].Revision {
				out[cur].Commitments++
			}
		case plan.EventBaseline:
			committed = true
			if cur >= 0 && ev.Revision == out[cur].Revision && out[cur].Baselined == "" {
				out[cur].Baselined = ev.Subject
			}
		}
	}
	var now []byte
	for i := range out {
		c := &out[i]
		if !c.Superseded {
			c.AllCommitted = true
			for _, cm := range p.Resources.Commitments {
				if cm.State == resource.Committed && cm.Revision != c.Revision {
					c.AllCommitted = false
				}
			}
		}
		var before, after []byte
		for _, b := range p.Baselines {
			if b.Revision < c.Revision {
				before, c.Baseline = b.Snapshot, b.Name
			}
			if b.Revision == c.Revision && after == nil {
				after = b.Snapshot
			}
		}
		if before == nil || after == nil && c.Superseded {
			continue
		}
		var err error
		if before, err = backlogOf(before); err != nil {
			return nil, fmt.Errorf("azureboards: baseline %q: %w", c.Baseline, err)
		}
		switch {
		case after != nil:
			if after, err = backlogOf(after); err != nil {
				return nil, fmt.Errorf("azureboards: the baseline of revision %d: %w", c.Revision, err)
			}
		default:
			if now == nil {
				if now, err = json.Marshal(p.Backlog); err != nil {
					return nil, fmt.Errorf("azureboards: encoding the backlog: %w", err)
				}
			}
			after = now
		}
		diffs, err := plan.DiffJSON(before, after)
		if err != nil {
			return nil, fmt.Errorf("azureboards: revision %d against baseline %q: %w", c.Revision, c.Baseline, err)
		}
		seen := map[string]bool{}
		for _, d := range diffs {
			if (d.Entity != "requirement" && d.Entity != "task") || d.ID == "" || progressField(d.Path) {
				continue
			}
			d.Path = "backlog." + d.Path
			c.Differences = append(c.Differences, d)
			if seen[d.Entity+"\x00"+d.ID] {
				continue
			}
			seen[d.Entity+"\x00"+d.ID] = true
			if d.Entity == "requirement" {
				c.Requirements = append(c.Requirements, d.ID)
			} else {
				c.Tasks = append(c.Tasks, d.ID)
			}
		}
	}
	return out, nil
}

// backlogOf returns the backlog of a plan document (a baseline's
// snapshot): the revision's changes are to requirements and tasks.
func backlogOf(doc []byte) ([]byte, error) {
	var d struct {
		Backlog json.RawMessage `json:"backlog"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, err
	}
	if len(d.Backlog) == 0 {
		return []byte("{}"), nil
	}
	return d.Backlog, nil
}

// progressFields are the fields of requirements and tasks that record
// progress and tracking rather than what the plan asks for.
var progressFields = []string{"tracker", "state", "reason", "remainingWork", "completedWork", "blocked", "assignee"}

// progressField reports whether a difference path such as
// backlog.tasks["T12"].state is about progress rather than content.
func progressField(path string) bool {
	i := strings.Index(path, "\"].")
	if i < 0 {
		return false
	}
	rest := path[i+3:]
	if j := strings.IndexAny(rest, ".["); j >= 0 {
		rest = rest[:j]
	}
	return slices.Contains(progressFields, rest)
}

// revisionOf reads the revision of a change request's ID, 0 when it is
// none.
func revisionOf(id string) int {
	rest, ok := strings.CutPrefix(id, changeRequestIDPrefix)
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n <= 0 {
		return 0
	}
	return n
}

// changeRequest writes the fields of a revision as a CMMI Change Request.
func (b *builder) changeRequest(f *fieldWriter, c *ChangeRequest) {
	rel := b.p.Release
	f.set(FieldTitle, fmt.Sprintf("Revision %d of the rollout plan of %s %s", c.Revision, rel.Product, rel.Version))
	if b.reqOwner == nil {
		o := Identity(b.requirementOwner())
		b.reqOwner = &o
	}
	f.set(FieldAssignedTo, *b.reqOwner)
	var d htmlDoc
	against := "the committed plan"
	if c.Baseline != "" {
		against = fmt.Sprintf("baseline %q", c.Baseline)
	}
	d.para("", fmt.Sprintf("Revision %d of the plan for %s %s (release date %s), changing %s.", c.Revision, rel.Product, rel.Version, rel.Date, against))
	if c.Started.By != "" || !c.Started.At.IsZero() {
		d.para("Started", strings.TrimSpace(c.Started.By+" "+c.Started.At.UTC().Format("2006-01-02")))
	}
	if c.Commitments > 0 {
		d.para("Commitments against it", strconv.Itoa(c.Commitments))
	}
	d.para("Baselined as", c.Baselined)
	changes := make([]string, 0, min(len(c.Differences), maxListed+1))
	for i, x := range c.Differences {
		if i == maxListed {
			changes = append(changes, fmt.Sprintf("... and %d more", len(c.Differences)-i))
			break
		}
		changes = append(changes, x.String())
	}
	d.list("Changes", changes)
	f.set(FieldDescription, d.String())
	var j htmlDoc
	j.para("", c.Started.Reason)
	j.para("", c.Started.Note)
	f.set(FieldJustification, j.String())
	var impact htmlDoc
	impact.list("Requirements changed", c.Requirements)
	impact.list("Tasks changed", c.Tasks)
	f.set(FieldImpactOnDevelopment, impact.String())
	for _, id := range c.Requirements {
		b.link(f, LinkAffects, bk(id), "")
	}
	for _, id := range c.Tasks {
		b.link(f, LinkRelated, bk(id), "")
	}
}

// maxListed is the most differences a change request's description
// lists.
const maxListed = 200

// applyChangeRequest compares a Change Request with the revision it
// carries. Its state follows from what the plan records of the revision
// (see ChangeRequest.State): the program office's commitments and the
// baselines, which the plan records with Plan.Commit, Plan.Reconfirm and
// Plan.TakeBaseline, not from the tracker. A Change Request that agrees is
// unchanged; one that does not is a Conflict saying what the plan has.
func (a *applier) applyChangeRequest(k idKey, t Tracked, refuse refuser) ([]string, *Conflict) {
	if t.Type != "" && t.Type != TypeChangeRequest {
		return refuse(validation.ErrConflict, "work item %d is a %s, the plan's %s a %s", t.WorkItem, clip(t.Type), k.id, TypeChangeRequest)
	}
	if a.changes == nil {
		crs, err := ChangeRequestsOf(a.p)
		if err != nil {
			return refuse(validation.ErrInvalid, "reading the plan's revisions: %v", err)
		}
		a.changes = map[int]ChangeRequest{}
		for _, c := range crs {
			a.changes[c.Revision] = c
		}
	}
	rev := revisionOf(k.id)
	c, ok := a.changes[rev]
	if !ok {
		return refuse(validation.ErrNotFound, "revision %d is no revision of the committed plan (started before the plan was committed, or its history is gone)", rev)
	}
	if t.State == "" {
		return nil, nil
	}
	st, reason := c.State()
	if t.State == st.String() && (t.Reason == "" || t.Reason == string(reason)) {
		return nil, nil
	}
	return refuse(validation.ErrConflict, "the change request of revision %d is %s (%s) by what the plan records of the revision, not %s (%s): record the program office's commitments (Plan.Commit, Plan.Reconfirm) or the revised baseline (Plan.TakeBaseline) in the plan",
		rev, st, reason, clip(t.State), clip(t.Reason))
}
