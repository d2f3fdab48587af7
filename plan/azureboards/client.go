package azureboards

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"

	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/workitem"
)

// maxResponse bounds the $batch response the client reads (200 work items
// with their fields fit in a few megabytes).
const maxResponse = 64 << 20

// Client pushes a plan to Azure Boards through the $batch endpoint. It
// authenticates with a personal access token (Basic auth, empty user name)
// and never logs; the token never appears in its errors.
type Client struct {
	// HTTP sends the requests; nil means http.DefaultClient.
	HTTP *http.Client
	// Org and Project are used when the options of Push leave
	// Organization and Project empty.
	Org, Project string
	// Token is the personal access token (scope: Work Items, read and
	// write).
	Token string
	// BaseURL is used when the options leave BaseURL empty; empty means
	// DefaultBaseURL.
	BaseURL string
}

// Push builds the export of p (see Build) and sends its batches in order,
// recording the work item IDs in p after each batch (see
// Export.ApplyResults) so that links to items of earlier batches resolve;
// the moves of states come last, and no later move of an item whose
// create, update or earlier move failed is sent. With Existing Update and
// no Options.Current it first reads the items' states (Read), so that each
// update moves its item from where it is in Azure Boards. An item that
// links to an item whose creation failed is not sent and is reported as
// failed. Items refused by Azure Boards make the error a *BatchError; the
// report holds what was done either way. An HTTP error, a response that
// cannot be read or does not answer every request, or a cancelled context
// stops the push after the batches already sent (their results are
// recorded), and the error says why.
func (c *Client) Push(ctx context.Context, p *plan.Plan, opts Options) (PushResult, error) {
	opts = c.fill(opts)
	if opts.Existing == Update && opts.Current == nil {
		// Move existing items from where they are in Azure Boards.
		items, err := c.read(ctx, p, opts, false)
		if err != nil {
			return PushResult{}, fmt.Errorf("azureboards: reading the current states: %w", err)
		}
		opts.Current = make(map[int]workitem.State, len(items))
		for _, t := range items {
			if s, err := workitem.Parse(t.State); err == nil {
				opts.Current[t.WorkItem] = s
			}
		}
	}
	e, err := Build(p, opts)
	if err != nil {
		return PushResult{}, err
	}
	rep := PushResult{Skipped: e.Skipped(), Assigned: map[int]int{}}
	// stopped holds the items whose create, update or an earlier move
	// failed: their later moves are not sent.
	stopped := map[idKey]bool{}
	for i := range e.NumBatches() {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		for _, f := range rep.Failed {
			stopped[key(f.Kind, f.ID)] = true
		}
		batch := e.Batch(i)
		reqs, unsentItems := e.requests(batch, rep.Assigned, stopped)
		for _, u := range unsentItems {
			rep.Failed = append(rep.Failed, Failure{Kind: u.item.Kind, ID: u.item.ID, TempID: u.item.TempID,
				WorkItem: u.item.WorkItem, Step: u.item.Step, Message: "not sent: " + u.err.Error()})
		}
		sent := make([]*Item, 0, len(reqs))
		skip := make(map[*Item]bool, len(unsentItems))
		for _, u := range unsentItems {
			skip[u.item] = true
		}
		for k := range batch {
			if !skip[&batch[k]] {
				sent = append(sent, &batch[k])
			}
		}
		if len(reqs) == 0 {
			continue
		}
		resp, err := c.send(ctx, e.BatchURL(), reqs)
		if err != nil {
			return rep, err
		}
		var countErr error
		if len(resp) != len(sent) {
			countErr = fmt.Errorf("azureboards: batch %d: %w: %d responses for %d requests", i, ErrResponse, len(resp), len(sent))
		}
		rep.add(e.apply(p, sent, resp))
		if countErr != nil {
			return rep, errors.Join(countErr, failed(rep))
		}
	}
	return rep, failed(rep)
}

// send makes one $batch call.
func (c *Client) send(ctx context.Context, url string, reqs []Request) ([]Response, error) {
	body, err := json.Marshal(reqs)
	if err != nil {
		return nil, err
	}
	data, err := c.call(ctx, http.MethodPatch, url, "application/json", body)
	if err != nil {
		return nil, err
	}
	return DecodeResponses(data)
}

// Read fetches the work items of the plan's items already in Azure Boards
// (tracker references and TagPrefix tags) through the batch get endpoint,
// POST {org}/{project}/_apis/wit/workitemsbatch?api-version=7.1, at most
// 200 a call, for Apply. For a requirement, task, risk or issue that moved
// more than one step from where the plan has it, it also reads the item's
// updates (GET {org}/{project}/_apis/wit/workItems/{id}/updates, see
// DecodeUpdates) into Tracked.Steps, so that Apply records each step at
// its own time and by its own author; one call per such item (more for
// items with over 200 updates). Options give the organization, project and
// base URL as for Push (the Client's own when empty).
func (c *Client) Read(ctx context.Context, p *plan.Plan, opts Options) ([]Tracked, error) {
	return c.read(ctx, p, opts, true)
}

// read is Read; steps says whether to read the updates of the items that
// moved more than one step (a push needs only where the items are).
func (c *Client) read(ctx context.Context, p *plan.Plan, opts Options, steps bool) ([]Tracked, error) {
	opts = c.fill(opts)
	if p == nil {
		return nil, fmt.Errorf("azureboards: %w: nil plan", ErrOptions)
	}
	o, err := opts.normalized(8, true)
	if err != nil {
		return nil, err
	}
	b := builder{opts: o, p: p, ids: map[idKey]int{}}
	// Every kind's IDs; the change requests' own content is not needed.
	b.opts.Kinds = AllKinds &^ ChangeRequests
	if err := b.collect(); err != nil {
		return nil, err
	}
	ids := make([]int, 0, len(b.ids))
	for _, id := range b.ids {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	url := fmt.Sprintf("%s/%s/%s/_apis/wit/workitemsbatch?api-version=7.1", o.BaseURL, o.Organization, urlPath(o.Project))
	fields := []string{"System.Id", "System.Rev", "System.WorkItemType", FieldTitle, FieldState, FieldReason, FieldAssignedTo,
		FieldRemainingWork, FieldCompletedWork, "System.ChangedBy", "System.ChangedDate"}
	var out []Tracked
	for lo := 0; lo < len(ids); lo += MaxBatchItems {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		body, _ := json.Marshal(map[string]any{"ids": ids[lo:min(lo+MaxBatchItems, len(ids))], "fields": fields})
		data, err := c.call(ctx, http.MethodPost, url, "application/json", body)
		if err != nil {
			return out, err
		}
		items, err := DecodeWorkItems(data)
		if err != nil {
			return out, err
		}
		out = append(out, items...)
	}
	if !steps || p.Backlog == nil {
		return out, nil
	}
	a := applier{p: p, byItem: map[int]idKey{}, kind: map[idKey]Kinds{}}
	a.index()
	for i := range out {
		if a.moves(out[i]) < 2 {
			continue
		}
		steps, err := c.readUpdates(ctx, &o, out[i].WorkItem)
		if err != nil {
			return out, err
		}
		out[i].Steps = steps
	}
	return out, nil
}

// fill gives options without an organization, project or base URL the
// Client's.
func (c *Client) fill(opts Options) Options {
	if opts.Organization == "" {
		opts.Organization = c.Org
	}
	if opts.Project == "" {
		opts.Project = c.Project
	}
	if opts.BaseURL == "" {
		opts.BaseURL = c.BaseURL
	}
	return opts
}

// call makes one HTTP call and returns the body of a 200 answer.
func (c *Client) call(ctx context.Context, method, url, contentType string, body []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Accept", "application/json")
	req.SetBasicAuth("", c.Token)
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	res, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, maxResponse+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxResponse {
		return nil, fmt.Errorf("azureboards: %w: response larger than %d bytes", ErrResponse, maxResponse)
	}
	if res.StatusCode != http.StatusOK {
		var msg struct {
			Message string `json:"message"`
		}
		_ = json.Unmarshal(data, &msg)
		return nil, fmt.Errorf("azureboards: %w: %s: %s", ErrHTTP, res.Status, clip(msg.Message))
	}
	return data, nil
}
