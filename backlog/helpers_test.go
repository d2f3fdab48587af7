package backlog_test

import (
	"errors"
	"testing"

	"github.com/rolloutkit/rollout/backlog"
	"github.com/rolloutkit/rollout/calendar"
	"github.com/rolloutkit/rollout/lifecycle"
	"github.com/rolloutkit/rollout/validation"
)

var at0 = lifecycle.Change{At: testAt, By: "rm"}

func req(id string, cat backlog.Category) backlog.Requirement {
	return backlog.Requirement{ID: id, Title: "Need " + id, Category: cat, Priority: 2}
}

func task(id string, days float64, deps ...string) backlog.Task {
	t := backlog.Task{ID: id, Title: "Do " + id, Estimate: backlog.Days(days)}
	for _, d := range deps {
		t.Dependencies = append(t.Dependencies, backlog.Dependency{Task: d})
	}
	return t
}

func mustAddReq(t testing.TB, b *backlog.Backlog, r backlog.Requirement) {
	t.Helper()
	if err := b.AddRequirement(r, at0); err != nil {
		t.Fatalf("AddRequirement(%s): %v", r.ID, err)
	}
}

func mustAddTask(t testing.TB, b *backlog.Backlog, tk backlog.Task) {
	t.Helper()
	if err := b.AddTask(tk, at0); err != nil {
		t.Fatalf("AddTask(%s): %v", tk.ID, err)
	}
}

// problems returns "code@path" of every problem in err, which must be a
// validation.List (or nil).
func problems(t testing.TB, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var l validation.List
	if !errors.As(err, &l) {
		t.Fatalf("error %T is not a validation.List: %v", err, err)
	}
	out := make([]string, len(l))
	for i, p := range l {
		out[i] = string(p.Code) + "@" + p.Path.String()
	}
	return out
}

func hasProblem(ps []string, want string) bool {
	for _, p := range ps {
		if p == want {
			return true
		}
	}
	return false
}

func date(s string) calendar.Date { return calendar.MustParse(s) }

// listErr is l as an error, nil when l is empty: the problems of a
// ValidateList, warnings included, for the helpers that take an error.
func listErr(l validation.List) error {
	if len(l) == 0 {
		return nil
	}
	return l
}
