package main

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/validation"
)

// Problem types of this service (RFC 9457 section 3.1.1). They are tag
// URIs (RFC 4151): stable identifiers that need no web page. Plain HTTP
// failures (an unknown route, a body too large) use "about:blank", whose
// title is the status text.
const (
	typeMalformed     = "tag:rolloutkit.github.io,2026:problem/malformed-plan"
	typeInvalid       = "tag:rolloutkit.github.io,2026:problem/invalid-plan"
	typeGateFailed    = "tag:rolloutkit.github.io,2026:problem/gate-failed"
	typeStaleRevision = "tag:rolloutkit.github.io,2026:problem/stale-revision"
	typeStaleETag     = "tag:rolloutkit.github.io,2026:problem/stale-etag"
	typeUnschedulable = "tag:rolloutkit.github.io,2026:problem/unschedulable"
)

// problem is an RFC 9457 problem details object, with the extension
// members this service adds.
type problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`

	// Errors lists each problem found in the plan document, located by a
	// JSON Pointer (RFC 6901) into the document that was sent.
	Errors []problemItem `json:"errors,omitempty"`
	// Gate and Revision say which gate was checked on which revision.
	Gate     *plan.Gate `json:"gate,omitempty"`
	Revision *int       `json:"revision,omitempty"`
}

// problemItem is one problem of a plan document.
type problemItem struct {
	// Pointer locates the offending value (RFC 6901).
	Pointer string `json:"pointer"`
	// Detail explains the problem in plain words.
	Detail string `json:"detail"`
	// Code is the stable code of the rule that was broken.
	Code validation.Code `json:"code"`
	// Severity is "error" (blocking) or "warning".
	Severity validation.Severity `json:"severity"`
	// Subject is the entity the problem is about (kind and ID), absent
	// when it is about no single entity.
	Subject *validation.Subject `json:"subject,omitempty"`
	// SubActivity is the part of the planning activity a gate finding
	// belongs to.
	SubActivity *plan.SubActivity `json:"subActivity,omitempty"`
}

func itemOf(p *validation.Problem) problemItem {
	it := problemItem{Pointer: p.Path.Pointer(), Detail: p.Message, Code: p.Code, Severity: p.Severity}
	if !p.Subject.IsZero() {
		it.Subject = &p.Subject
	}
	return it
}

// itemsOf lists the problems of a decoding or validation error; ok is
// false when err carries none.
func itemsOf(err error) (items []problemItem, ok bool) {
	var list validation.List
	if errors.As(err, &list) {
		for _, p := range list {
			items = append(items, itemOf(p))
		}
		return items, len(items) > 0
	}
	var p *validation.Problem
	if errors.As(err, &p) {
		return []problemItem{itemOf(p)}, true
	}
	return nil, false
}

func findingItems(fs []plan.Finding) []problemItem {
	items := make([]problemItem, len(fs))
	for i := range fs {
		items[i] = itemOf(&fs[i].Problem)
		items[i].SubActivity = &fs[i].SubActivity
	}
	return items
}

// writeProblem writes p as application/problem+json with its status.
func writeProblem(w http.ResponseWriter, r *http.Request, p problem) {
	if p.Type == "" {
		p.Type = "about:blank"
	}
	if p.Title == "" {
		p.Title = http.StatusText(p.Status)
	}
	if r != nil {
		p.Instance = r.URL.Path
	}
	b, err := json.Marshal(p)
	if err != nil {
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(p.Status)
	w.Write(append(b, '\n'))
}
