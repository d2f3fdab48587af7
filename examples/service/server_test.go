package main

import (
	"bytes"
	stdcmp "cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/plantest"
	"github.com/rolloutkit/rollout/plan/sample"
	"github.com/rolloutkit/rollout/schedule"
	"github.com/rolloutkit/rollout/schedule/forecast"
)

// samplePlan and sampleDoc are built once: the sample plan and its
// document.
var samplePlan, sampleDoc = func() (*plan.Plan, []byte) {
	p, err := sample.Plan()
	if err != nil {
		panic(err)
	}
	doc, err := plan.Encode(p)
	if err != nil {
		panic(err)
	}
	return p, doc
}()

type response struct {
	status int
	header http.Header
	body   []byte
}

func do(t *testing.T, h http.Handler, method, path string, body []byte, header ...string) response {
	t.Helper()
	req := httptest.NewRequestWithContext(t.Context(), method, path, bytes.NewReader(body))
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return response{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
}

// wantProblem checks a problem details answer and returns it.
func wantProblem(t *testing.T, r response, status int) problem {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body %s", r.status, status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type %q, want application/problem+json", ct)
	}
	var p problem
	if err := json.Unmarshal(r.body, &p); err != nil {
		t.Fatalf("problem body %s: %v", r.body, err)
	}
	if p.Status != status || p.Title == "" || p.Type == "" {
		t.Errorf("problem %+v: want status %d, a title and a type", p, status)
	}
	return p
}

// withRevision returns the sample's document with another revision
// number.
func withRevision(t *testing.T, rev int) []byte {
	t.Helper()
	p, err := plan.Decode(sampleDoc, plan.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for p.Revision < rev {
		p.Revise(plantest.Change())
	}
	doc, err := plan.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestStoreLifecycle(t *testing.T) {
	t.Parallel()
	s := newServer(Options{})
	id := samplePlan.ID
	loc := "/plans/" + id

	r := do(t, s, "POST", "/plans", sampleDoc)
	if r.status != http.StatusCreated || r.header.Get("Location") != loc {
		t.Fatalf("create: %d %v %s", r.status, r.header, r.body)
	}
	etag := r.header.Get("ETag")
	if !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) || len(etag) < 10 {
		t.Fatalf("ETag %q is not a strong entity tag", etag)
	}
	var created stored
	if err := json.Unmarshal(r.body, &created); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(stored{ID: id, Revision: 1, ETag: etag}, created); diff != "" {
		t.Errorf("created (-want +got):\n%s", diff)
	}

	r = do(t, s, "GET", loc, nil)
	if r.status != http.StatusOK || r.header.Get("ETag") != etag || !bytes.Equal(r.body, sampleDoc) {
		t.Errorf("get: %d ETag %s, body equal to the document: %v", r.status, r.header.Get("ETag"), bytes.Equal(r.body, sampleDoc))
	}
	if r = do(t, s, "GET", loc, nil, "If-None-Match", etag); r.status != http.StatusNotModified {
		t.Errorf("get If-None-Match: %d", r.status)
	}
	wantProblem(t, do(t, s, "POST", "/plans", sampleDoc), http.StatusConflict)

	rev2 := withRevision(t, 2)
	wantProblem(t, do(t, s, "PUT", loc, rev2), http.StatusPreconditionRequired)
	wantProblem(t, do(t, s, "PUT", loc, rev2, "If-Match", `"stale"`), http.StatusPreconditionFailed)
	wantProblem(t, do(t, s, "PUT", "/plans/other", rev2, "If-Match", etag), http.StatusUnprocessableEntity)
	r = do(t, s, "PUT", loc, rev2, "If-Match", etag)
	if r.status != http.StatusOK {
		t.Fatalf("put: %d %s", r.status, r.body)
	}
	etag2 := r.header.Get("ETag")
	if etag2 == etag || etag2 == "" {
		t.Fatalf("ETag after a change %q, before %q", etag2, etag)
	}
	// The old ETag is stale now.
	wantProblem(t, do(t, s, "PUT", loc, rev2, "If-Match", etag), http.StatusPreconditionFailed)
	// Revision 1 is older than the stored revision 2.
	p := wantProblem(t, do(t, s, "PUT", loc, sampleDoc, "If-Match", etag2), http.StatusConflict)
	if p.Type != typeStaleRevision || p.Revision == nil || *p.Revision != 2 {
		t.Errorf("stale revision problem %+v", p)
	}

	r = do(t, s, "GET", "/plans", nil)
	var list []stored
	if err := json.Unmarshal(r.body, &list); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]stored{{ID: id, Revision: 2, ETag: etag2}}, list); diff != "" {
		t.Errorf("list (-want +got):\n%s", diff)
	}

	wantProblem(t, do(t, s, "DELETE", loc, nil, "If-Match", etag), http.StatusPreconditionFailed)
	if r = do(t, s, "DELETE", loc, nil, "If-Match", etag2); r.status != http.StatusNoContent {
		t.Errorf("delete: %d %s", r.status, r.body)
	}
	for _, path := range []string{loc, loc + "/schedule", loc + "/forecast", loc + "/check"} {
		wantProblem(t, do(t, s, "GET", path, nil), http.StatusNotFound)
	}
	wantProblem(t, do(t, s, "DELETE", loc, nil), http.StatusNotFound)
	wantProblem(t, do(t, s, "PUT", loc, sampleDoc, "If-Match", etag2), http.StatusNotFound)
}

func TestRoutes(t *testing.T) {
	t.Parallel()
	s := newServer(Options{})
	p := wantProblem(t, do(t, s, "GET", "/nowhere", nil), http.StatusNotFound)
	if p.Instance != "/nowhere" {
		t.Errorf("instance %q", p.Instance)
	}
	r := do(t, s, "PATCH", "/plans/x", nil)
	wantProblem(t, r, http.StatusMethodNotAllowed)
	if allow := r.header.Get("Allow"); !strings.Contains(allow, "PUT") || !strings.Contains(allow, "GET") {
		t.Errorf("Allow %q", allow)
	}
}

// TestCheck posts the sample, which fails the exit gate with the findings
// package sample documents, and passes the entry gate.
func TestCheck(t *testing.T) {
	t.Parallel()
	checker := sample.Checker()
	s := newServer(Options{Checker: &checker})
	p := wantProblem(t, do(t, s, "POST", "/check?gate=exit", sampleDoc), http.StatusUnprocessableEntity)
	rep, err := checker.Check(t.Context(), samplePlan, plan.Exit)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(findingItems(rep.Findings), p.Errors); diff != "" {
		t.Errorf("errors (-report +problem):\n%s", diff)
	}
	if p.Type != typeGateFailed || p.Gate == nil || *p.Gate != plan.Exit || p.Revision == nil || *p.Revision != 1 {
		t.Errorf("problem %+v", p)
	}
	codes := map[string]bool{}
	for _, e := range p.Errors {
		codes[string(e.Code)] = true
		if !strings.HasPrefix(e.Pointer, "/") || e.Detail == "" || e.SubActivity == nil || e.Subject == nil {
			t.Errorf("error item %+v", e)
		}
	}
	var doc any
	if err := json.Unmarshal(sampleDoc, &doc); err != nil {
		t.Fatal(err)
	}
	for _, e := range p.Errors {
		if !resolves(doc, e.Pointer) {
			t.Errorf("%s: pointer %s names nothing in the document", e.Code, e.Pointer)
		}
	}
	for _, c := range []string{"demand.uncovered", "budget.underfunded", "plan.risks.handled", "plan.issues.blocking"} {
		if !codes[c] {
			t.Errorf("no finding %s in %v", c, codes)
		}
	}

	r := do(t, s, "POST", "/check?gate=entry", sampleDoc)
	if r.status != http.StatusOK {
		t.Fatalf("entry gate: %d %s", r.status, r.body)
	}
	var got plan.GateResult
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatal(err)
	}
	if !got.Passed() || got.Gate != plan.Entry {
		t.Errorf("entry report %+v", got)
	}
	wantProblem(t, do(t, s, "POST", "/check?gate=launch", sampleDoc), http.StatusBadRequest)
}

// TestHostileBodies posts documents a client should never send: each
// gets its status and a problem document, never a panic or a stored plan.
func TestHostileBodies(t *testing.T) {
	t.Parallel()
	const max = 64 << 10
	deep := strings.Repeat("[", 200_000) + strings.Repeat("]", 200_000)
	unknownResource := strings.Replace(string(sampleDoc), `"resourceId": "`, `"resourceId": "nobody-`, 1)
	if unknownResource == string(sampleDoc) {
		t.Fatal("the sample has no task demand to break")
	}
	for _, tc := range []struct {
		name, contentType, body string
		max                     int64 // 0: 64 KiB
		status                  int
		pointer                 string // of one of the errors, when set
	}{
		{name: "empty", body: "", status: http.StatusBadRequest},
		{name: "not JSON", body: "plan: yes", status: http.StatusBadRequest},
		{name: "truncated", body: string(sampleDoc[:len(sampleDoc)/2]), max: 8 << 20, status: http.StatusBadRequest},
		{name: "array", body: "[]", status: http.StatusBadRequest},
		{name: "null", body: "null", status: http.StatusBadRequest},
		{name: "wrong type", body: `{"schemaVersion": 1, "id": 5}`, status: http.StatusBadRequest, pointer: "/id"},
		{name: "unknown field", body: `{"schemaVersion": 1, "id": "x", "colour": "red"}`, status: http.StatusBadRequest, pointer: "/colour"},
		{name: "newer schema", body: `{"schemaVersion": 99, "id": "x"}`, status: http.StatusBadRequest},
		{name: "deeply nested", body: `{"schemaVersion": 1, "id": "x", "title": ` + deep + `}`, max: 8 << 20, status: http.StatusBadRequest},
		{name: "huge", body: `{"title": "` + strings.Repeat("x", 4*max) + `"}`, status: http.StatusRequestEntityTooLarge},
		{name: "two documents", body: `{"schemaVersion": 1, "id": "x"} {}`, status: http.StatusBadRequest},
		{name: "text/plain", contentType: "text/plain", body: `{}`, status: http.StatusUnsupportedMediaType},
		{name: "dependency cycle", body: `{"schemaVersion": 1, "id": "x", "release": {"product": "L", "version": "1", "date": "2027-04-15"},
			"backlog": {"tasks": [{"id": "a", "title": "A", "dependencies": [{"task": "b"}]}, {"id": "b", "title": "B", "dependencies": [{"task": "a"}]}]}}`,
			status: http.StatusUnprocessableEntity, pointer: "/backlog/tasks/0/dependencies/0/task"},
		{name: "invalid content", body: unknownResource, max: 8 << 20, status: http.StatusUnprocessableEntity, pointer: "/backlog/tasks/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(Options{MaxBytes: stdcmp.Or(tc.max, max)})
			for _, path := range []string{"/check", "/plans"} {
				req := httptest.NewRequestWithContext(t.Context(), "POST", path, strings.NewReader(tc.body))
				ct := tc.contentType
				if ct == "" {
					ct = "application/json; charset=utf-8"
				}
				req.Header.Set("Content-Type", ct)
				rec := httptest.NewRecorder()
				s.ServeHTTP(rec, req)
				p := wantProblem(t, response{rec.Code, rec.Header(), rec.Body.Bytes()}, tc.status)
				if tc.pointer != "" && !slices.ContainsFunc(p.Errors, func(e problemItem) bool { return strings.HasPrefix(e.Pointer, tc.pointer) }) {
					t.Errorf("%s: errors %+v, want one at %s", path, p.Errors, tc.pointer)
				}
			}
			if r := do(t, s, "GET", "/plans", nil); string(r.body) != "[]\n" {
				t.Errorf("a refused plan was stored: %s", r.body)
			}
		})
	}
}

func TestScheduleAndForecast(t *testing.T) {
	t.Parallel()
	s := newServer(Options{MaxIterations: 500})
	do(t, s, "POST", "/plans", sampleDoc)
	loc := "/plans/" + samplePlan.ID

	r := do(t, s, "GET", loc+"/schedule", nil)
	if r.status != http.StatusOK || r.header.Get("Content-Type") != "application/json" {
		t.Fatalf("schedule: %d %s", r.status, r.body)
	}
	var got schedule.Summary
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatal(err)
	}
	res, err := samplePlan.Schedule()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(res.Summary(), got); diff != "" {
		t.Errorf("schedule (-plan +service):\n%s", diff)
	}

	r = do(t, s, "GET", loc+"/forecast?iterations=300&seed=7&distribution=pert", nil)
	if r.status != http.StatusOK {
		t.Fatalf("forecast: %d %s", r.status, r.body)
	}
	var fc forecast.Result
	if err := json.Unmarshal(r.body, &fc); err != nil {
		t.Fatal(err)
	}
	want, err := samplePlan.Forecast(t.Context(), plan.ForecastOptions{Distribution: forecast.PERT,
		Options: forecast.Options{Iterations: 300, Seed: 7}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(*want, fc); diff != "" {
		t.Errorf("forecast (-plan +service):\n%s", diff)
	}
	for _, q := range []string{"iterations=0", "iterations=501", "iterations=x", "seed=-1", "distribution=normal"} {
		wantProblem(t, do(t, s, "GET", loc+"/forecast?"+q, nil), http.StatusBadRequest)
	}
}

// TestConcurrent reads, checks and replaces one plan from many goroutines
// (run with -race): readers always see a whole plan, and of the writers
// racing with the same If-Match exactly one wins.
func TestConcurrent(t *testing.T) {
	t.Parallel()
	s := newServer(Options{})
	srv := httptest.NewServer(s)
	defer srv.Close()
	r := do(t, s, "POST", "/plans", sampleDoc)
	etag := r.header.Get("ETag")
	loc := srv.URL + "/plans/" + samplePlan.ID
	rev2 := withRevision(t, 2)

	const writers, readers = 4, 8
	var wg sync.WaitGroup
	statuses := make(chan int, writers)
	for range writers {
		wg.Go(func() {
			req, _ := http.NewRequestWithContext(t.Context(), "PUT", loc, bytes.NewReader(rev2))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("If-Match", etag)
			statuses <- status(t, req)
		})
	}
	for i := range readers {
		wg.Go(func() {
			for _, path := range []string{"", "/schedule", "/check?gate=entry", "/forecast?iterations=50&seed=" + strconv.Itoa(i)} {
				req, _ := http.NewRequestWithContext(t.Context(), "GET", loc+path, nil)
				if st := status(t, req); st != http.StatusOK {
					t.Errorf("GET %s: %d", path, st)
				}
			}
		})
	}
	wg.Wait()
	close(statuses)
	won, lost := 0, 0
	for st := range statuses {
		switch st {
		case http.StatusOK:
			won++
		case http.StatusPreconditionFailed:
			lost++
		}
	}
	if won != 1 || lost != writers-1 {
		t.Errorf("%d writers won and %d got 412; want 1 and %d", won, lost, writers-1)
	}
}

func status(t *testing.T, req *http.Request) int {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return 0
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

func TestRun(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"-h"}, 0, "usage: service"},
		{[]string{"-nope"}, 2, "flag provided but not defined"},
		{[]string{"extra"}, 2, "usage: service"},
		{[]string{"-addr", "256.0.0.1:1"}, 1, "service:"},
		{[]string{"-selftest"}, 0, "GET /plans/unknown: 404 Not Found application/problem+json"},
	} {
		t.Run(fmt.Sprint(tc.args), func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(context.Background(), tc.args, &out, &errb)
			if code != tc.code || !strings.Contains(out.String()+errb.String(), tc.out) {
				t.Errorf("exit %d, want %d; stdout:\n%s\nstderr:\n%s\nwant %q", code, tc.code, out.String(), errb.String(), tc.out)
			}
		})
	}
}

// TestRunStopsOnCancel serves until the context ends, as on SIGINT.
func TestRunStopsOnCancel(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	var errb bytes.Buffer
	go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0"}, io.Discard, &errb) }()
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d: %s", code, errb.String())
	}
}

// resolves reports whether the JSON Pointer names a value in doc, or a
// member missing from an object that exists (a required value left out).
func resolves(doc any, ptr string) bool {
	if ptr == "" {
		return true
	}
	toks := strings.Split(ptr[1:], "/")
	for i, tok := range toks {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		switch v := doc.(type) {
		case map[string]any:
			x, ok := v[tok]
			if !ok {
				return i == len(toks)-1
			}
			doc = x
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(v) {
				return false
			}
			doc = v[i]
		default:
			return false
		}
	}
	return true
}
