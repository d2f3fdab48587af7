package azureboards

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/plan"
)

// Response is one item of a $batch response: the HTTP status of the
// request and its body (the work item, or an error with a message).
type Response struct {
	Code int `json:"code"`
	// Body is the JSON body; Azure DevOps sends it as a string holding
	// JSON, which DecodeResponses unwraps.
	Body json.RawMessage `json:"body"`
}

// DecodeResponses reads a $batch response: {"count":n,"value":[...]}
// as Azure DevOps sends it, or a bare array of {code, body}. A body sent as
// a JSON string is unwrapped to the JSON it holds. Any input gives either
// responses or an error wrapping ErrResponse, never a panic.
func DecodeResponses(data []byte) ([]Response, error) {
	data = bytes.TrimSpace(data)
	var raw []struct {
		Code int             `json:"code"`
		Body json.RawMessage `json:"body"`
	}
	var err error
	if len(data) > 0 && data[0] == '{' {
		var env struct {
			Value *[]struct {
				Code int             `json:"code"`
				Body json.RawMessage `json:"body"`
			} `json:"value"`
		}
		err = json.Unmarshal(data, &env)
		if err == nil && env.Value == nil {
			err = errors.New(`no "value" array`)
		}
		if err == nil {
			raw = *env.Value
		}
	} else {
		err = json.Unmarshal(data, &raw)
	}
	if err != nil {
		return nil, fmt.Errorf("azureboards: %w: %v", ErrResponse, err)
	}
	out := make([]Response, len(raw))
	for i, r := range raw {
		out[i] = Response{Code: r.Code, Body: r.Body}
		if b := bytes.TrimSpace(r.Body); len(b) > 0 && b[0] == '"' {
			var s string
			if json.Unmarshal(b, &s) == nil {
				out[i].Body = json.RawMessage(s)
			}
		}
	}
	return out, nil
}

// Entry is an item Azure Boards accepted.
type Entry struct {
	Kind Kinds
	// ID is the plan's ID.
	ID string
	// TempID is the temporary ID of a create, 0 for an update.
	TempID int
	// WorkItem is the work item's ID.
	WorkItem int
	// URL opens the work item in the web UI.
	URL string
	// Step is the place of a move on the item's path of states; 0 for a
	// create or an update.
	Step int
}

// Failure is an item Azure Boards refused or that could not be sent or
// recorded.
type Failure struct {
	Kind Kinds
	// ID is the plan's ID.
	ID string
	// TempID is the temporary ID of a create, 0 for an update.
	TempID int
	// WorkItem is the work item's ID when there is one: the item updated,
	// or one created whose ID could not be recorded in the plan.
	WorkItem int
	// Step is the place of a refused move on the item's path of states
	// (see Item.Step); 0 for a create or an update.
	Step int
	// Code is the HTTP status of the item; 0 when it was not sent.
	Code int
	// Message says why.
	Message string
}

// PushResult says what a push or ApplyResults did.
type PushResult struct {
	// Created are the items created, in export order.
	Created []Entry
	// Updated are the items updated, in export order.
	Updated []Entry
	// Moved are the moves of state made, in export order (an item moved
	// twice is listed twice).
	Moved []Entry
	// Skipped are the items left out as already entered.
	Skipped []Skipped
	// Failed are the items refused, not sent, or not recorded.
	Failed []Failure
	// Assigned maps the temporary IDs of the creates to the IDs Azure
	// Boards gave them: pass it to BatchRequests for the next batch.
	Assigned map[int]int
}

func (r *PushResult) add(o PushResult) {
	r.Created = append(r.Created, o.Created...)
	r.Updated = append(r.Updated, o.Updated...)
	r.Moved = append(r.Moved, o.Moved...)
	r.Failed = append(r.Failed, o.Failed...)
	if r.Assigned == nil {
		r.Assigned = map[int]int{}
	}
	for k, v := range o.Assigned {
		r.Assigned[k] = v
	}
}

// BatchError lists the items of a push or a batch that failed; the others
// were applied (a $batch call is not atomic).
type BatchError struct {
	Failures []Failure
}

// Error lists the failed items with their IDs.
func (e *BatchError) Error() string {
	return itemList("failed", e.Failures, func(b *strings.Builder, f Failure) {
		fmt.Fprintf(b, " %s", f.ID)
		if f.WorkItem > 0 {
			fmt.Fprintf(b, " (#%d)", f.WorkItem)
		} else if f.TempID < 0 {
			fmt.Fprintf(b, " (temp %d)", f.TempID)
		}
		if f.Code != 0 {
			fmt.Fprintf(b, " %d", f.Code)
		}
		if f.Message != "" {
			fmt.Fprintf(b, " %q", f.Message)
		}
	})
}

// itemList is the message of an error about work items: their number and
// what happened to them, then the first ten, each written by item and
// separated by ";", and how many more there are.
func itemList[T any](what string, items []T, item func(*strings.Builder, T)) string {
	var b strings.Builder
	fmt.Fprintf(&b, "azureboards: %d work item(s) %s:", len(items), what)
	for i, x := range items {
		if i > 0 {
			b.WriteString(";")
		}
		if i == 10 {
			fmt.Fprintf(&b, " ... and %d more", len(items)-i)
			break
		}
		item(&b, x)
	}
	return b.String()
}

// Unwrap returns ErrItemFailed.
func (e *BatchError) Unwrap() error { return ErrItemFailed }

// ApplyResults records the outcome of batch i in the plan. responses is
// the body Azure DevOps answered the batch with (see DecodeResponses); its
// items match the batch's requests in order. For every item answered with
// code 200 and a work item ID it sets the tracker reference (System
// "Azure Boards", the ID, the web URL from _links.html.href, or built from
// the options when absent): requirements and tasks through
// p.Backlog.SetTracker, risks and issues as the tag TagPrefix+ID in their
// Tags (replacing an older one). Every other item, and any item without a
// response, is a Failure; the others are applied all the same, because a
// $batch call is not atomic. The error is a *BatchError (errors.Is
// ErrItemFailed) when an item failed, joined with an error wrapping
// ErrResponse when the body cannot be read or holds the wrong number of
// items.
func (e *Export) ApplyResults(p *plan.Plan, i int, responses []byte) (PushResult, error) {
	items := e.Batch(i)
	resp, err := DecodeResponses(responses)
	if err == nil && len(resp) != len(items) {
		err = fmt.Errorf("azureboards: %w: %d responses for %d requests", ErrResponse, len(resp), len(items))
	}
	ptrs := make([]*Item, len(items))
	for k := range items {
		ptrs[k] = &items[k]
	}
	rep := e.apply(p, ptrs, resp)
	rep.Skipped = nil
	return rep, errors.Join(err, failed(rep))
}

func failed(r PushResult) error {
	if len(r.Failed) == 0 {
		return nil
	}
	return &BatchError{Failures: r.Failed}
}

// workItemBody is what the package reads of a work item or an error.
type workItemBody struct {
	ID    int `json:"id"`
	Links struct {
		HTML struct {
			Href string `json:"href"`
		} `json:"html"`
	} `json:"_links"`
	Message string `json:"message"`
}

// apply matches responses to items in order.
func (e *Export) apply(p *plan.Plan, items []*Item, resp []Response) PushResult {
	rep := PushResult{Assigned: map[int]int{}}
	for k, it := range items {
		fail := Failure{Kind: it.Kind, ID: it.ID, TempID: it.TempID, WorkItem: it.WorkItem, Step: it.Step}
		if k >= len(resp) {
			fail.Message = "no response"
			rep.Failed = append(rep.Failed, fail)
			continue
		}
		r := resp[k]
		fail.Code = r.Code
		var body workItemBody
		bodyErr := json.Unmarshal(r.Body, &body)
		if r.Code != 200 {
			fail.Message = clip(body.Message)
			if fail.Message == "" {
				fail.Message = "HTTP " + strconv.Itoa(r.Code)
			}
			rep.Failed = append(rep.Failed, fail)
			continue
		}
		if bodyErr != nil || body.ID <= 0 || body.ID > 1<<31-1 {
			fail.Message = "response has no work item ID"
			rep.Failed = append(rep.Failed, fail)
			continue
		}
		if it.IsCreate() {
			rep.Assigned[it.TempID] = body.ID
		}
		fail.WorkItem = body.ID
		url := body.Links.HTML.Href
		if !validURL(url) {
			url = e.opts.webURL(body.ID)
		}
		if it.IsMove() {
			rep.Moved = append(rep.Moved, Entry{Kind: it.Kind, ID: it.ID, WorkItem: body.ID, URL: url, Step: it.Step})
			continue
		}
		if err := record(p, it, body.ID, url); err != nil {
			fail.Message = "work item " + strconv.Itoa(body.ID) + " not recorded in the plan: " + clip(err.Error())
			rep.Failed = append(rep.Failed, fail)
			continue
		}
		en := Entry{Kind: it.Kind, ID: it.ID, TempID: it.TempID, WorkItem: body.ID, URL: url}
		if it.IsCreate() {
			rep.Created = append(rep.Created, en)
		} else {
			rep.Updated = append(rep.Updated, en)
		}
	}
	return rep
}

func validURL(s string) bool {
	return len(s) <= 2048 && (strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")) &&
		!strings.ContainsAny(s, " \t\r\n")
}

func clip(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return strings.ToValidUTF8(s, "?")
}

// record writes the work item ID into the plan.
func record(p *plan.Plan, it *Item, id int, url string) error {
	if p == nil {
		return errors.New("no plan")
	}
	sid := strconv.Itoa(id)
	switch it.Kind {
	case Requirements, Tasks:
		if p.Backlog == nil {
			return errors.New("plan has no backlog")
		}
		return p.Backlog.SetTracker(it.ID, backlog.TrackerRef{System: System, ID: sid, URL: url})
	case Risks:
		if p.Risks == nil {
			return errors.New("plan has no risk log")
		}
		r, ok := p.Risks.Risk(it.ID)
		if !ok {
			return errors.New("no such risk")
		}
		r.Tags = withTag(r.Tags, TagPrefix+sid)
		return p.Risks.UpdateRisk(r)
	case Reviews:
		return p.SetReviewTracker(it.ID, backlog.TrackerRef{System: System, ID: sid, URL: url})
	case ChangeRequests:
		return p.SetRevisionTracker(revisionOf(it.ID), backlog.TrackerRef{System: System, ID: sid, URL: url})
	case Issues:
		if p.Risks == nil {
			return errors.New("plan has no issue log")
		}
		is, ok := p.Risks.Issue(it.ID)
		if !ok {
			return errors.New("no such issue")
		}
		is.Tags = withTag(is.Tags, TagPrefix+sid)
		return p.Risks.UpdateIssue(is)
	}
	return errors.New("unknown kind")
}

func withTag(tags []string, tag string) []string {
	out := slices.DeleteFunc(slices.Clone(tags), func(t string) bool { return strings.HasPrefix(t, TagPrefix) })
	return append(out, tag)
}
