package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/schedule/forecast"
	"github.com/rolloutkit/rollout/validation"
)

// Options configure a server. The zero value is ready to use.
type Options struct {
	// Checker runs the gates; the zero value means plan.DefaultChecker().
	Checker *plan.Checker
	// MaxBytes limits a plan document's size; 0 means 8 MiB.
	MaxBytes int64
	// MaxIterations limits a forecast's iterations; 0 means 20,000.
	MaxIterations int
}

// server is the HTTP service: an in-memory store of plan documents and
// the routes that check, schedule and forecast them.
type server struct {
	mux     *http.ServeMux
	checker plan.Checker
	max     int64
	maxIter int

	mu    sync.RWMutex
	plans map[string]*entry
}

// entry is one stored plan. It is never changed once stored: a PUT
// replaces the whole entry, so readers can use a plan they looked up
// without holding the lock.
type entry struct {
	plan *plan.Plan
	doc  []byte // the encoded plan
	etag string // strong entity tag of doc
}

func newServer(opts Options) *server {
	s := &server{
		mux:     http.NewServeMux(),
		checker: plan.DefaultChecker(),
		max:     8 << 20,
		maxIter: 20_000,
		plans:   make(map[string]*entry),
	}
	if opts.Checker != nil {
		s.checker = *opts.Checker
	}
	if opts.MaxBytes > 0 {
		s.max = opts.MaxBytes
	}
	if opts.MaxIterations > 0 {
		s.maxIter = opts.MaxIterations
	}
	s.mux.HandleFunc("POST /check", s.checkDocument)
	s.mux.HandleFunc("GET /plans", s.list)
	s.mux.HandleFunc("POST /plans", s.create)
	s.mux.HandleFunc("GET /plans/{id}", s.get)
	s.mux.HandleFunc("PUT /plans/{id}", s.replace)
	s.mux.HandleFunc("DELETE /plans/{id}", s.delete)
	s.mux.HandleFunc("GET /plans/{id}/check", s.checkStored)
	s.mux.HandleFunc("GET /plans/{id}/schedule", s.schedule)
	s.mux.HandleFunc("GET /plans/{id}/forecast", s.forecast)
	return s
}

// ServeHTTP routes the request; an unknown route or method gets a problem
// document instead of the mux's plain text.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h, pattern := s.mux.Handler(r)
	if pattern != "" {
		s.mux.ServeHTTP(w, r) // sets the path values
		return
	}
	// The mux answers 404, or 405 with an Allow header: keep the status
	// and the header, write a problem document instead of its text.
	var sw statusWriter
	h.ServeHTTP(&sw, r)
	if allow := sw.Header().Get("Allow"); allow != "" {
		w.Header().Set("Allow", allow)
	}
	status := sw.status
	if status == 0 || status == http.StatusOK {
		status = http.StatusNotFound
	}
	writeProblem(w, r, problem{Status: status, Detail: fmt.Sprintf("no route for %s %s", r.Method, r.URL.Path)})
}

// statusWriter keeps the status and headers a handler writes and drops
// the body.
type statusWriter struct {
	h      http.Header
	status int
}

func (w *statusWriter) Header() http.Header {
	if w.h == nil {
		w.h = make(http.Header)
	}
	return w.h
}
func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}
func (w *statusWriter) Write(b []byte) (int, error) { return len(b), nil }

// readPlan reads and decodes the request's plan document. On failure it
// has written the problem and returns nil: 415 for a body that is not
// JSON, 413 for one over the size limit, 400 for malformed JSON, unknown
// fields, wrong types or a newer schema version, and 422 for a well-formed
// plan whose content is invalid (such as a task naming an unknown
// resource).
func (s *server) readPlan(w http.ResponseWriter, r *http.Request) *plan.Plan {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			writeProblem(w, r, problem{Status: http.StatusUnsupportedMediaType,
				Detail: "send the plan document as application/json"})
			return nil
		}
	}
	// The body reader's limit is the one that trips (the decoder's own is
	// a byte further), so an oversized body is told by *MaxBytesError.
	p, err := plan.DecodeReader(r.Context(), http.MaxBytesReader(w, r.Body, s.max),
		plan.DecodeOptions{MaxBytes: int(s.max) + 1, AllowInvalid: true})
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) || errors.Is(err, validation.ErrTooLarge) {
			writeProblem(w, r, problem{Status: http.StatusRequestEntityTooLarge,
				Detail: fmt.Sprintf("the plan document exceeds %d bytes", s.max)})
			return nil
		}
		items, _ := itemsOf(err)
		writeProblem(w, r, problem{Type: typeMalformed, Title: "Malformed plan document",
			Status: http.StatusBadRequest, Detail: err.Error(), Errors: items})
		return nil
	}
	if err := p.Validate(); err != nil { // warnings alone are not an error
		items, _ := itemsOf(err)
		writeProblem(w, r, problem{Type: typeInvalid, Title: "Invalid plan",
			Status: http.StatusUnprocessableEntity, Detail: "the plan document is well-formed but its content is invalid", Errors: items})
		return nil
	}
	return p
}

// newEntry encodes a plan for storage and computes its entity tag.
func newEntry(p *plan.Plan) (*entry, error) {
	doc, err := plan.Encode(p)
	if err != nil {
		return nil, err
	}
	fp, err := p.Fingerprint()
	if err != nil {
		return nil, err
	}
	return &entry{plan: p, doc: doc, etag: `"` + fp + `"`}, nil
}

func (s *server) lookup(w http.ResponseWriter, r *http.Request) *entry {
	id := r.PathValue("id")
	s.mu.RLock()
	e := s.plans[id]
	s.mu.RUnlock()
	if e == nil {
		writeProblem(w, r, problem{Status: http.StatusNotFound, Detail: fmt.Sprintf("no plan %q", id)})
	}
	return e
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeProblem(w, nil, problem{Status: http.StatusInternalServerError, Detail: err.Error()})
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// stored is what the plan routes answer about a stored plan.
type stored struct {
	ID       string `json:"id"`
	Revision int    `json:"revision"`
	ETag     string `json:"etag"`
}

func (s *server) list(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	out := make([]stored, 0, len(s.plans))
	for id, e := range s.plans {
		out = append(out, stored{ID: id, Revision: e.plan.Revision, ETag: e.etag})
	}
	s.mu.RUnlock()
	slices.SortFunc(out, func(a, b stored) int { return strings.Compare(a.ID, b.ID) })
	writeJSON(w, http.StatusOK, out)
}

// create stores a new plan: 201 with its Location and ETag, 409 when a
// plan with its ID exists.
func (s *server) create(w http.ResponseWriter, r *http.Request) {
	p := s.readPlan(w, r)
	if p == nil {
		return
	}
	e, err := newEntry(p)
	if err != nil {
		writeProblem(w, r, problem{Status: http.StatusInternalServerError, Detail: err.Error()})
		return
	}
	s.mu.Lock()
	_, exists := s.plans[p.ID]
	if !exists {
		s.plans[p.ID] = e
	}
	s.mu.Unlock()
	if exists {
		writeProblem(w, r, problem{Status: http.StatusConflict,
			Detail: fmt.Sprintf("plan %q exists; replace it with PUT /plans/%s and If-Match", p.ID, p.ID)})
		return
	}
	w.Header().Set("Location", "/plans/"+p.ID)
	w.Header().Set("ETag", e.etag)
	writeJSON(w, http.StatusCreated, stored{ID: p.ID, Revision: p.Revision, ETag: e.etag})
}

func (s *server) get(w http.ResponseWriter, r *http.Request) {
	e := s.lookup(w, r)
	if e == nil {
		return
	}
	w.Header().Set("ETag", e.etag)
	if matches(r.Header.Get("If-None-Match"), e.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(e.doc)
}

// replace stores a new version of a plan. It needs If-Match with the
// current ETag (428 without it, 412 when the plan changed since), and
// refuses a document whose revision is older than the stored one (409):
// the client worked on a revision the program office has moved past.
func (s *server) replace(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	ifMatch := r.Header.Get("If-Match")
	if ifMatch == "" {
		writeProblem(w, r, problem{Status: http.StatusPreconditionRequired,
			Detail: "send If-Match with the ETag of the plan you changed"})
		return
	}
	p := s.readPlan(w, r)
	if p == nil {
		return
	}
	if p.ID != id {
		writeProblem(w, r, problem{Type: typeInvalid, Title: "Invalid plan", Status: http.StatusUnprocessableEntity,
			Detail: fmt.Sprintf("the document's id %q is not the plan %q", p.ID, id),
			Errors: []problemItem{{Pointer: "/id", Detail: "must be " + strconv.Quote(id), Code: plan.CodeIDRequired, Severity: validation.Error}}})
		return
	}
	e, err := newEntry(p)
	if err != nil {
		writeProblem(w, r, problem{Status: http.StatusInternalServerError, Detail: err.Error()})
		return
	}
	s.mu.Lock()
	cur := s.plans[id]
	var pr *problem
	switch {
	case cur == nil:
		pr = &problem{Status: http.StatusNotFound, Detail: fmt.Sprintf("no plan %q", id)}
	case !matches(ifMatch, cur.etag):
		pr = &problem{Type: typeStaleETag, Title: "Plan changed since it was read", Status: http.StatusPreconditionFailed,
			Detail: fmt.Sprintf("plan %q is now %s; read it again and reapply the change", id, cur.etag)}
	case p.Revision < cur.plan.Revision:
		pr = &problem{Type: typeStaleRevision, Title: "Stale revision", Status: http.StatusConflict,
			Detail:   fmt.Sprintf("the document is revision %d; plan %q is at revision %d", p.Revision, id, cur.plan.Revision),
			Revision: &cur.plan.Revision}
	default:
		s.plans[id] = e
	}
	s.mu.Unlock()
	if pr != nil {
		writeProblem(w, r, *pr)
		return
	}
	w.Header().Set("ETag", e.etag)
	writeJSON(w, http.StatusOK, stored{ID: id, Revision: p.Revision, ETag: e.etag})
}

func (s *server) delete(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	ifMatch := r.Header.Get("If-Match")
	s.mu.Lock()
	cur := s.plans[id]
	stale := cur != nil && ifMatch != "" && !matches(ifMatch, cur.etag)
	if cur != nil && !stale {
		delete(s.plans, id)
	}
	s.mu.Unlock()
	switch {
	case cur == nil:
		writeProblem(w, r, problem{Status: http.StatusNotFound, Detail: fmt.Sprintf("no plan %q", id)})
	case stale:
		writeProblem(w, r, problem{Type: typeStaleETag, Title: "Plan changed since it was read", Status: http.StatusPreconditionFailed,
			Detail: fmt.Sprintf("plan %q is now %s", id, cur.etag)})
	default:
		w.WriteHeader(http.StatusNoContent)
	}
}

// matches reports whether an If-Match or If-None-Match header names the
// entity tag (or is "*").
func matches(header, etag string) bool {
	for tag := range strings.SplitSeq(header, ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" || tag == etag || strings.TrimPrefix(tag, "W/") == etag {
			return true
		}
	}
	return false
}

// gateOf reads the gate query parameter (entry or exit; exit by default).
func gateOf(w http.ResponseWriter, r *http.Request) (plan.Gate, bool) {
	g := plan.Exit
	if q := r.URL.Query().Get("gate"); q != "" {
		if err := g.UnmarshalText([]byte(q)); err != nil {
			writeProblem(w, r, problem{Status: http.StatusBadRequest, Detail: "gate must be entry or exit"})
			return 0, false
		}
	}
	return g, true
}

// checkDocument checks a plan document sent in the request at a gate,
// without storing it.
func (s *server) checkDocument(w http.ResponseWriter, r *http.Request) {
	g, ok := gateOf(w, r)
	if !ok {
		return
	}
	if p := s.readPlan(w, r); p != nil {
		s.check(w, r, p, g)
	}
}

func (s *server) checkStored(w http.ResponseWriter, r *http.Request) {
	g, ok := gateOf(w, r)
	if !ok {
		return
	}
	if e := s.lookup(w, r); e != nil {
		w.Header().Set("ETag", e.etag)
		s.check(w, r, e.plan, g)
	}
}

// check runs the gate: 200 with the report when it passes (warnings
// included), 422 with every finding as problem details when it fails.
func (s *server) check(w http.ResponseWriter, r *http.Request, p *plan.Plan, g plan.Gate) {
	rep, err := s.checker.Check(r.Context(), p, g)
	if err != nil {
		writeProblem(w, r, problem{Status: http.StatusInternalServerError, Detail: err.Error()})
		return
	}
	if rep.Passed() {
		writeJSON(w, http.StatusOK, rep)
		return
	}
	writeProblem(w, r, problem{
		Type: typeGateFailed, Title: "Gate failed", Status: http.StatusUnprocessableEntity,
		Detail:   fmt.Sprintf("the %s gate found %d blocking finding(s) in revision %d", g, len(rep.Blocking()), rep.Revision),
		Errors:   findingItems(rep.Findings),
		Gate:     &g,
		Revision: &rep.Revision,
	})
}

// schedule answers the plan's critical-path schedule (schedule.Summary).
func (s *server) schedule(w http.ResponseWriter, r *http.Request) {
	e := s.lookup(w, r)
	if e == nil {
		return
	}
	res, err := e.plan.Schedule()
	if err != nil {
		items, _ := itemsOf(err)
		writeProblem(w, r, problem{Type: typeUnschedulable, Title: "Plan cannot be scheduled",
			Status: http.StatusUnprocessableEntity, Detail: err.Error(), Errors: items})
		return
	}
	w.Header().Set("ETag", e.etag)
	writeJSON(w, http.StatusOK, res)
}

// forecast answers the plan's Monte Carlo forecast; the query parameters
// iterations (1 to the server's limit, default 2000) and seed (default 1)
// choose the run.
func (s *server) forecast(w http.ResponseWriter, r *http.Request) {
	e := s.lookup(w, r)
	if e == nil {
		return
	}
	opts := plan.ForecastOptions{Options: forecast.Options{Iterations: 2000, Seed: 1}}
	q := r.URL.Query()
	if v := q.Get("iterations"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > s.maxIter {
			writeProblem(w, r, problem{Status: http.StatusBadRequest,
				Detail: fmt.Sprintf("iterations must be a whole number from 1 to %d", s.maxIter)})
			return
		}
		opts.Iterations = n
	}
	if v := q.Get("seed"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			writeProblem(w, r, problem{Status: http.StatusBadRequest, Detail: "seed must be a whole number from 0 to 18446744073709551615"})
			return
		}
		opts.Seed = n
	}
	if v := q.Get("distribution"); v != "" {
		if err := opts.Distribution.UnmarshalText([]byte(v)); err != nil {
			writeProblem(w, r, problem{Status: http.StatusBadRequest, Detail: "distribution must be triangular, pert or uniform"})
			return
		}
	}
	res, err := e.plan.Forecast(r.Context(), opts)
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return // the client has gone
		}
		items, _ := itemsOf(err)
		writeProblem(w, r, problem{Type: typeUnschedulable, Title: "Plan cannot be forecast",
			Status: http.StatusUnprocessableEntity, Detail: err.Error(), Errors: items})
		return
	}
	w.Header().Set("ETag", e.etag)
	writeJSON(w, http.StatusOK, res)
}
