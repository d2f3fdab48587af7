package backlog_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
	"github.com/rolloutkit/rollout/workitem"
)

func FuzzDecode(f *testing.F) {
	b := salesBacklog(f)
	if _, err := backlog.DefaultTemplates().Expand(b, backlog.ExpandOptions{Change: testChange, Release: date("2027-03-10")}); err != nil {
		f.Fatal(err)
	}
	good, _ := json.Marshal(b)
	f.Add(good)
	f.Add([]byte(`{"requirements":[],"tasks":[{"id":"A","title":"a","estimate":{"mostLikely":1},"dependencies":[{"task":"A","type":"SS","lag":-3}],"state":"Proposed","reason":"New"}],"events":[]}`))
	f.Add([]byte(`{"requirements":[{"id":"R","title":"r","category":"x","timing":{"kind":"after-launch","workdays":3},"state":"Closed","reason":"Rejected"}],"tasks":[],"events":[{"subject":"R","to":"Proposed","reason":"New"}]}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := backlog.Decode(data, nil, nil)
		if err != nil {
			problems(t, err) // must be a validation.List
			return
		}
		if err := b.Validate(); err != nil && problems(t, err) != nil {
			for _, p := range problems(t, err) {
				if len(p) == 0 {
					t.Fatal("empty problem")
				}
			}
		}
		again, err := json.Marshal(b)
		if err != nil {
			t.Fatalf("re-encoding a decoded backlog: %v", err)
		}
		b2, err := backlog.Decode(again, nil, nil)
		if err != nil {
			t.Fatalf("re-decoding %s: %v", again, err)
		}
		// An empty list and an absent one mean the same (omitempty).
		if diff := cmp.Diff(b.Document(), b2.Document(), cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("round trip changed the backlog:\n%s", diff)
		}
		_ = b.Matrix()
		_ = b.Cycles()
	})
}

func FuzzTemplatesJSON(f *testing.F) {
	good, _ := json.Marshal(backlog.DefaultTemplates())
	f.Add(good)
	f.Add([]byte(`[{"category":"x","steps":[{"key":"a","title":"A","estimate":{"mostLikely":1},"after":[{"step":"a"}]}]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var ts backlog.Templates
		if err := ts.UnmarshalJSON(data); err != nil {
			problems(t, err)
			return
		}
		// Any template accepted must expand into a valid backlog.
		var b backlog.Backlog
		for i, c := range ts.Categories() {
			if err := b.AddRequirement(backlog.Requirement{ID: "R" + string(rune('a'+i%26)) + c.String(), Title: "r", Category: c}, lifecycle.Change{By: testBy, At: testAt}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := ts.Expand(&b, backlog.ExpandOptions{Change: testChange}); err != nil {
			return // e.g. generated IDs too long
		}
		if err := blocking(b.Validate()); err != nil {
			t.Fatalf("accepted templates expand into an invalid backlog: %v", err)
		}
	})
}

func FuzzExpand(f *testing.F) {
	f.Add("REQ-7", uint8(0), uint8(1), int16(5), int32(20000), []byte{0, 1, 2})
	f.Add("R/1", uint8(13), uint8(3), int16(40), int32(0), []byte{5, 5, 5})
	f.Add(" x", uint8(200), uint8(9), int16(-3), int32(-5), []byte{})
	cats := backlog.DefaultCatalogue().Categories()
	ts := backlog.DefaultTemplates()
	f.Fuzz(func(t *testing.T, id string, cat, kind uint8, workdays int16, releaseDay int32, removals []byte) {
		var b backlog.Backlog
		r := backlog.Requirement{ID: id, Title: "t", Category: cats[int(cat)%len(cats)], Timing: backlog.Timing{Kind: backlog.TimingKind(kind % 4), Workdays: int(workdays)}}
		if kind%4 == 0 || kind%4 == uint8(backlog.OnLaunch) {
			r.Timing.Workdays = 0
		}
		if err := b.AddRequirement(r, lifecycle.Change{By: testBy, At: testAt}); err != nil {
			return
		}
		opts := backlog.ExpandOptions{Change: testChange, Release: calendar.MinDate.AddDays(int(releaseDay))}
		if releaseDay <= 0 {
			opts.Release = calendar.Date{}
		}
		first, err := ts.Expand(&b, opts)
		if err != nil {
			if b.NumTasks() != 0 {
				t.Fatal("failed Expand added tasks")
			}
			return
		}
		if err := blocking(b.Validate()); err != nil {
			t.Fatalf("expanded backlog invalid: %v", err)
		}
		for _, k := range removals {
			if len(first.Added) == 0 {
				break
			}
			_ = b.Remove(first.Added[int(k)%len(first.Added)], lifecycle.Change{By: testBy, At: testAt})
		}
		before := b.Document()
		second, err := ts.Expand(&b, opts)
		if err != nil {
			t.Fatalf("second Expand: %v", err)
		}
		if len(second.Added) != 0 {
			t.Fatalf("second Expand added %v", second.Added)
		}
		if diff := cmp.Diff(before, b.Document()); diff != "" {
			t.Fatalf("second Expand changed the backlog:\n%s", diff)
		}
		if err := blocking(b.Validate()); err != nil {
			t.Fatalf("backlog invalid after removals: %v", err)
		}
	})
}

func FuzzTransitions(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{0x11, 0x22, 0x33, 0x44, 0x05, 0x16})
	states := workitem.States()
	f.Fuzz(func(t *testing.T, steps []byte) {
		var b backlog.Backlog
		mustAddReq(t, &b, req("R1", backlog.CategoryCutover))
		tk := task("T1", 1)
		tk.Requirements = []string{"R1"}
		mustAddTask(t, &b, tk)
		ids := []string{"R1", "T1"}
		for _, s := range steps {
			id := ids[int(s)&1]
			to := states[int(s>>1)%4]
			var m *lifecycle.Machine[workitem.State]
			var cur workitem.State
			if id == "R1" {
				m = backlog.RequirementLifecycle()
				r, _ := b.Requirement(id)
				cur = r.State
			} else {
				m = backlog.TaskLifecycle()
				x, _ := b.Task(id)
				cur = x.State
			}
			reasons := m.Reasons(cur, to)
			var reason lifecycle.Reason
			if len(reasons) > 0 {
				reason = reasons[int(s>>3)%len(reasons)]
			}
			if s&0x80 != 0 {
				reason = "Made Up"
			}
			n := len(b.Events())
			ev, err := b.Transition(id, to, lifecycle.Change{By: testBy, At: testAt, Reason: reason})
			allowed := reasons != nil && reason != "Made Up"
			if (err == nil) != allowed {
				t.Fatalf("%s %s -> %s for %q: err %v, table allows %v", id, cur, to, reason, err, allowed)
			}
			if err != nil {
				if len(b.Events()) != n {
					t.Fatal("refused move recorded an event")
				}
				continue
			}
			if ev.From != cur || ev.To != to || ev.Reason != reason {
				t.Fatalf("event %+v", ev)
			}
		}
		if err := b.Validate(); err != nil {
			t.Fatalf("history invalid: %v", err)
		}
	})
}

func blocking(err error) error {
	var l validation.List
	if errors.As(err, &l) {
		return l.Blocking().Err()
	}
	return err
}
