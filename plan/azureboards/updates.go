package azureboards

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"time"

	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/workitem"
)

// StateChange is one change of a work item's state in Azure Boards, read
// from the item's updates: the state and reason it moved to, who moved it
// and when.
type StateChange struct {
	// Rev is the revision the change made.
	Rev int
	// State and Reason are System.State and System.Reason after the
	// change.
	State, Reason string
	// ChangedBy and ChangedDate are System.ChangedBy and
	// System.ChangedDate of the revision; empty and zero when the update
	// does not carry them.
	ChangedBy   string
	ChangedDate time.Time
}

// updatesPage is the most updates one call of the updates endpoint
// returns.
const updatesPage = 200

// DecodeUpdates reads the updates of a work item as the REST API returns
// them (GET {org}/{project}/_apis/wit/workItems/{id}/updates,
// {"count":n,"value":[...]} or a bare array): each update has its
// revision ("rev") and the fields it changed, each with "oldValue" and
// "newValue". It returns the updates that changed System.State, ordered by
// revision, with the reason, System.ChangedBy (a string or an identity
// object; revisedBy when the update does not carry it) and
// System.ChangedDate of each (not revisedDate, which is when the revision
// was superseded). Any input gives changes or an error wrapping
// ErrWorkItems with the index of the update at fault, never a panic.
func DecodeUpdates(data []byte) ([]StateChange, error) {
	if len(data) > maxRead {
		return nil, fmt.Errorf("azureboards: %w: %d bytes, at most %d", ErrWorkItems, len(data), maxRead)
	}
	data = bytes.TrimSpace(data)
	var raw []json.RawMessage
	if len(data) > 0 && data[0] == '[' {
		if err := json.Unmarshal(data, &raw); err != nil {
			return nil, fmt.Errorf("azureboards: %w: updates: %v", ErrWorkItems, err)
		}
	} else {
		var env struct {
			Value *[]json.RawMessage `json:"value"`
		}
		if err := json.Unmarshal(data, &env); err != nil {
			return nil, fmt.Errorf("azureboards: %w: updates: %v", ErrWorkItems, err)
		}
		if env.Value == nil {
			return nil, fmt.Errorf("azureboards: %w: updates: no \"value\" array", ErrWorkItems)
		}
		raw = *env.Value
	}
	type change struct {
		New json.RawMessage `json:"newValue"`
	}
	var out []StateChange
	for i, r := range raw {
		var u struct {
			Rev       int             `json:"rev"`
			RevisedBy json.RawMessage `json:"revisedBy"`
			Fields    struct {
				State       *change `json:"System.State"`
				Reason      *change `json:"System.Reason"`
				ChangedBy   *change `json:"System.ChangedBy"`
				ChangedDate *change `json:"System.ChangedDate"`
			} `json:"fields"`
		}
		if err := json.Unmarshal(r, &u); err != nil {
			return nil, fmt.Errorf("azureboards: %w: updates value[%d]: %v", ErrWorkItems, i, err)
		}
		if u.Fields.State == nil {
			continue
		}
		var err error
		fail := func(field string) ([]StateChange, error) {
			return nil, fmt.Errorf("azureboards: %w: updates value[%d] (rev %d): field %s: %v", ErrWorkItems, i, u.Rev, field, err)
		}
		if u.Rev <= 0 || u.Rev > math.MaxInt32 {
			err = fmt.Errorf("revision %d is not a positive number", u.Rev)
			return fail("rev")
		}
		c := StateChange{Rev: u.Rev}
		if err = json.Unmarshal(u.Fields.State.New, &c.State); err != nil {
			return fail(FieldState)
		}
		if u.Fields.Reason != nil && len(u.Fields.Reason.New) > 0 {
			if err = json.Unmarshal(u.Fields.Reason.New, &c.Reason); err != nil {
				return fail(FieldReason)
			}
		}
		switch {
		case u.Fields.ChangedBy != nil && len(u.Fields.ChangedBy.New) > 0:
			if c.ChangedBy, err = identityValue(u.Fields.ChangedBy.New); err != nil {
				return fail("System.ChangedBy")
			}
		case len(bytes.TrimSpace(u.RevisedBy)) > 0 && string(bytes.TrimSpace(u.RevisedBy)) != "null":
			if c.ChangedBy, err = identityValue(u.RevisedBy); err != nil {
				return fail("revisedBy")
			}
		}
		if u.Fields.ChangedDate != nil && len(u.Fields.ChangedDate.New) > 0 {
			var s string
			if err = json.Unmarshal(u.Fields.ChangedDate.New, &s); err != nil {
				return fail("System.ChangedDate")
			}
			if c.ChangedDate, err = time.Parse(time.RFC3339, s); err != nil {
				return fail("System.ChangedDate")
			}
		}
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b StateChange) int { return a.Rev - b.Rev })
	for i := 1; i < len(out); i++ {
		if out[i].Rev == out[i-1].Rev {
			return nil, fmt.Errorf("azureboards: %w: updates: revision %d changes the state twice", ErrWorkItems, out[i].Rev)
		}
	}
	return out, nil
}

// readUpdates fetches the state changes of a work item, page by page.
func (c *Client) readUpdates(ctx context.Context, o *Options, id int) ([]StateChange, error) {
	var out []StateChange
	for skip := 0; ; skip += updatesPage {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		url := fmt.Sprintf("%s/%s/%s/_apis/wit/workItems/%d/updates?$top=%d&$skip=%d&api-version=7.1",
			o.BaseURL, o.Organization, urlPath(o.Project), id, updatesPage, skip)
		data, err := c.call(ctx, http.MethodGet, url, "application/json", nil)
		if err != nil {
			return nil, err
		}
		var page struct {
			Count int `json:"count"`
		}
		_ = json.Unmarshal(data, &page)
		changes, err := DecodeUpdates(data)
		if err != nil {
			return nil, fmt.Errorf("work item %d: %w", id, err)
		}
		out = append(out, changes...)
		if page.Count < updatesPage {
			return out, nil
		}
	}
}

// timedMove is a move with its own author and time.
type timedMove struct {
	move
	by  string
	at  time.Time
	rev int
}

// fromHistory returns the moves that take the plan item from where it is
// (cur, for) to the tracker's state, each with its own author and time,
// read from the item's state changes: those after the last change that
// left it where the plan has it. Nil when the history does not fit: the
// plan's state is not in it, it does not end in the tracker's state and
// reason, or a move is one the plan's lifecycle refuses (Apply then
// takes the shortest path, every step at the item's last change).
func fromHistory(m *lifecycle.Machine[workitem.State], cur workitem.State, curReason lifecycle.Reason, t Tracked) []timedMove {
	h := t.Steps
	if m == nil || len(h) == 0 {
		return nil
	}
	last := h[len(h)-1]
	if last.State != t.State || t.Reason != "" && last.Reason != t.Reason {
		return nil
	}
	start := -1
	for i := len(h) - 1; i >= 0; i-- {
		if h[i].State == cur.String() && (h[i].Reason == "" || curReason == "" || lifecycle.Reason(h[i].Reason) == curReason) {
			start = i
			break
		}
	}
	if start < 0 || start == len(h)-1 {
		return nil
	}
	out := make([]timedMove, 0, len(h)-1-start)
	from := cur
	for _, c := range h[start+1:] {
		to, err := workitem.Parse(c.State)
		if err != nil || to == from {
			return nil
		}
		if !m.Can(from, to) {
			return nil
		}
		reason := lifecycle.Reason(c.Reason)
		if reason == "" {
			reason = m.Reasons(from, to)[0]
		}
		if _, err := m.Check(from, to, reason); err != nil {
			return nil
		}
		out = append(out, timedMove{move: move{to: to, reason: reason}, by: c.ChangedBy, at: c.ChangedDate, rev: c.Rev})
		from = to
	}
	return out
}

// moves returns the number of moves that take the plan's item of t to
// the tracker's state: 0 for an item that is no requirement, task, risk or
// issue of the plan, or whose state the plan cannot hold.
func (a *applier) moves(t Tracked) int {
	k, ok := a.byItem[t.WorkItem]
	if !ok || t.State == "" {
		return 0
	}
	kind := a.kind[k]
	if kind&(Requirements|Tasks|Risks|Issues) == 0 {
		return 0
	}
	cur, ok := a.current(k, kind)
	if !ok || cur.m == nil {
		return 0
	}
	to, err := workitem.Parse(t.State)
	if err != nil {
		return 0
	}
	return len(path(cur.m, cur.state, cur.reason, to, lifecycle.Reason(t.Reason)))
}
