package azureboards_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	ab "github.com/rolloutkit/rollout/plan/azureboards"
	"github.com/rolloutkit/rollout/workitem"
)

// fakeBoards emulates the $batch endpoint of Azure DevOps: it assigns IDs
// from 1000, resolves negative temporary IDs declared earlier in the same
// call, refuses links to unknown work items and titles containing "FAIL",
// and answers each request with its own code, bodies as JSON strings.
type fakeBoards struct {
	t     *testing.T
	token string

	mu      sync.Mutex
	calls   int
	next    int
	items   map[int]*fakeItem
	failAll int // HTTP status for the whole call, when set
}

type fakeItem struct {
	typ, title string
	fields     map[string]any
	links      map[string][]int // rel -> work item IDs
	rev        int
}

func newFake(t *testing.T) (*fakeBoards, *httptest.Server) {
	f := &fakeBoards{t: t, token: "s3cret-pat", next: 1000, items: map[int]*fakeItem{}}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fakeBoards) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.failAll != 0 {
		w.WriteHeader(f.failAll)
		fmt.Fprint(w, `{"message":"TF400813: not authorized"}`)
		return
	}
	user, pass, ok := r.BasicAuth()
	if r.Method != http.MethodPatch || r.URL.Path != "/contoso/_apis/wit/$batch" || r.URL.Query().Get("api-version") != "5.0" ||
		!ok || user != "" || pass != f.token {
		f.t.Errorf("unexpected call %s %s (auth %v %q)", r.Method, r.URL, ok, user)
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	var reqs []struct {
		Method  string            `json:"method"`
		URI     string            `json:"uri"`
		Headers map[string]string `json:"headers"`
		Body    []struct {
			Op    string          `json:"op"`
			Path  string          `json:"path"`
			Value json.RawMessage `json:"value"`
		} `json:"body"`
	}
	if err := json.NewDecoder(r.Body).Decode(&reqs); err != nil {
		f.t.Errorf("batch body: %v", err)
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	if len(reqs) > ab.MaxBatchItems {
		f.t.Errorf("%d requests in one call", len(reqs))
	}
	temp := map[int]int{}
	type answer struct {
		Code int    `json:"code"`
		Body string `json:"body"`
	}
	var out []answer
	fail := func(code int, msg string) { out = append(out, answer{code, fmt.Sprintf(`{"message":%q}`, msg)}) }
	for _, q := range reqs {
		if q.Method != "PATCH" || q.Headers["Content-Type"] != "application/json-patch+json" || !strings.HasPrefix(q.URI, "/Ledger/_apis/wit/workitems/") {
			fail(400, "bad request "+q.URI)
			continue
		}
		it := &fakeItem{fields: map[string]any{}, links: map[string][]int{}}
		tempID, id := 0, 0
		rest := strings.TrimPrefix(q.URI, "/Ledger/_apis/wit/workitems/")
		rest = rest[:strings.Index(rest, "?")]
		if typ, ok := strings.CutPrefix(rest, "$"); ok {
			it.typ = typ
		} else {
			id, _ = strconv.Atoi(rest)
			if f.items[id] == nil {
				fail(404, "no work item "+rest)
				continue
			}
		}
		bad := ""
		for _, op := range q.Body {
			switch {
			case op.Path == "/id":
				_ = json.Unmarshal(op.Value, &tempID)
			case op.Path == "/rev":
				var rev int
				_ = json.Unmarshal(op.Value, &rev)
				if rev != f.items[id].rev {
					bad = "rev mismatch"
				}
			case strings.HasPrefix(op.Path, "/fields/"):
				var v any
				_ = json.Unmarshal(op.Value, &v)
				it.fields[strings.TrimPrefix(op.Path, "/fields/")] = v
			case op.Path == "/relations/-":
				var rl ab.Relation
				_ = json.Unmarshal(op.Value, &rl)
				n, _ := strconv.Atoi(rl.URL[strings.LastIndex(rl.URL, "/")+1:])
				if !strings.HasPrefix(rl.URL, "http://") {
					bad = "bad link URL " + rl.URL
				}
				if n < 0 {
					if temp[n] == 0 {
						bad = fmt.Sprintf("unknown temporary ID %d", n)
					}
					n = temp[n]
				} else if f.items[n] == nil {
					bad = fmt.Sprintf("link to unknown work item %d", n)
				}
				it.links[rl.Rel] = append(it.links[rl.Rel], n)
			}
		}
		title, _ := it.fields["System.Title"].(string)
		if strings.Contains(title, "FAIL") {
			bad = "TF401320: Rule Error for field Title"
		}
		if it.typ != "" && tempID >= 0 {
			bad = "create without a temporary ID"
		}
		if bad != "" {
			fail(400, bad)
			continue
		}
		if id == 0 {
			id = f.next
			f.next++
			temp[tempID] = id
			it.title, it.rev = title, 1
			f.items[id] = it
		} else {
			f.items[id].rev++
			f.items[id].title = title
		}
		body, _ := json.Marshal(map[string]any{"id": id, "rev": f.items[id].rev,
			"url":    fmt.Sprintf("http://fake/_apis/wit/workItems/%d", id),
			"_links": map[string]any{"html": map[string]string{"href": fmt.Sprintf("http://fake/Ledger/_workitems/edit/%d", id)}}})
		out = append(out, answer{200, string(body)})
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"count": len(out), "value": out})
}

func TestClientPush(t *testing.T) {
	fake, srv := newFake(t)
	p := smallPlan(t)
	r, _ := p.Backlog.Requirement("REQ-2")
	r.Title = "Press release FAIL"
	if err := p.Backlog.UpdateRequirement(r); err != nil {
		t.Fatal(err)
	}
	c := &ab.Client{HTTP: srv.Client(), Org: "contoso", Project: "Ledger", Token: fake.token, BaseURL: srv.URL}
	o := ab.Options{Kinds: ab.AllKinds, BatchSize: 3}
	ctx := context.Background()

	// REQ-2 is refused; T2 relates to it and I1 to T2, so neither is sent.
	rep, err := c.Push(ctx, p, o)
	var be *ab.BatchError
	if !errors.As(err, &be) {
		t.Fatalf("err %v, want *BatchError", err)
	}
	var failedIDs, created []string
	for _, f := range rep.Failed {
		failedIDs = append(failedIDs, fmt.Sprintf("%s:%d", f.ID, f.Code))
	}
	for _, e := range rep.Created {
		created = append(created, fmt.Sprintf("%s=%d", e.ID, e.WorkItem))
	}
	if diff := cmp.Diff([]string{"REQ-2:400", "T2:0", "I1:0"}, failedIDs); diff != "" {
		t.Errorf("failed (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"REQ-1=1000", "T1=1001", "T3=1002", "R1=1003"}, created); diff != "" {
		t.Errorf("created (-want +got):\n%s", diff)
	}
	// The third batch holds only I1, which is not sent: no call; the
	// fourth moves R1 to Active.
	if fake.calls != 3 {
		t.Errorf("%d calls, want 3", fake.calls)
	}
	if strings.Contains(err.Error(), fake.token) {
		t.Error("the token leaks into the error")
	}

	// Fixed, pushed again: only the missing items are created, with links
	// to the work items of the first push.
	r.Title = "Press release"
	if err := p.Backlog.UpdateRequirement(r); err != nil {
		t.Fatal(err)
	}
	rep, err = c.Push(ctx, p, o)
	if err != nil {
		t.Fatal(err)
	}
	created = created[:0]
	for _, e := range rep.Created {
		created = append(created, fmt.Sprintf("%s=%d", e.ID, e.WorkItem))
	}
	if diff := cmp.Diff([]string{"REQ-2=1004", "T2=1005", "I1=1006"}, created); diff != "" {
		t.Errorf("second push (-want +got):\n%s", diff)
	}
	if len(rep.Skipped) != 4 {
		t.Errorf("skipped %d, want 4", len(rep.Skipped))
	}
	t2 := fake.items[1005]
	want := map[string][]int{ab.LinkParent: {1000}, ab.LinkRelated: {1004}, ab.LinkPredecessor: {1001, 1002}}
	if diff := cmp.Diff(want, t2.links); diff != "" {
		t.Errorf("T2 links (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string][]int{ab.LinkRelated: {1003, 1005}}, fake.items[1006].links); diff != "" {
		t.Errorf("I1 links (-want +got):\n%s", diff)
	}
	if tk, _ := p.Backlog.Task("T2"); tk.Tracker.ID != "1005" || tk.Tracker.URL != "http://fake/Ledger/_workitems/edit/1005" {
		t.Errorf("T2 tracker %+v", tk.Tracker)
	}

	// A third push has nothing to send.
	calls := fake.calls
	rep, err = c.Push(ctx, p, o)
	if err != nil || len(rep.Created)+len(rep.Updated)+len(rep.Failed) != 0 || fake.calls != calls {
		t.Errorf("third push: %v %+v, %d calls", err, rep, fake.calls-calls)
	}

	// Updates with revisions: the fake checks them.
	o.Existing = ab.Update
	o.Revisions = map[int]int{1000: 1, 1001: 7}
	o.Current = map[int]workitem.State{} // the fake has no batch get: one move each
	rep, err = c.Push(ctx, p, o)
	// T1's update is refused, so its move is not sent.
	if !errors.As(err, &be) || len(rep.Updated) != 6 || len(rep.Failed) != 2 || rep.Failed[0].ID != "T1" || rep.Failed[0].WorkItem != 1001 ||
		rep.Failed[1].ID != "T1" || rep.Failed[1].Step != 1 || rep.Failed[1].Code != 0 {
		t.Errorf("update push: %v; %d updated; failed %+v", err, len(rep.Updated), rep.Failed)
	}
	if fake.items[1000].rev != 3 || fake.items[1001].rev != 1 {
		t.Errorf("revisions %d %d", fake.items[1000].rev, fake.items[1001].rev)
	}
}

func TestClientErrors(t *testing.T) {
	fake, srv := newFake(t)
	p := smallPlan(t)
	c := &ab.Client{HTTP: srv.Client(), Org: "contoso", Project: "Ledger", Token: fake.token, BaseURL: srv.URL}
	fake.failAll = http.StatusUnauthorized
	_, err := c.Push(context.Background(), p, ab.Options{})
	if !errors.Is(err, ab.ErrHTTP) || !strings.Contains(err.Error(), "TF400813") || strings.Contains(err.Error(), fake.token) {
		t.Errorf("401: %v", err)
	}
	if tk, _ := p.Backlog.Task("T1"); !tk.Tracker.IsZero() {
		t.Error("a failed call changed the plan")
	}
	fake.failAll = 0
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Push(ctx, p, ab.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if _, err := (&ab.Client{Token: "x"}).Push(context.Background(), p, ab.Options{}); !errors.Is(err, ab.ErrOptions) {
		t.Errorf("no org: %v", err)
	}
}
